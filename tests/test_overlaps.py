"""The one overlap policy (extractor.overlaps): longest first, then earliest, in text order."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.overlaps import Taken, longest_first

# (spans, chosen) written for these tests.
CASES = [
    pytest.param([], [], id="none"),
    pytest.param([(0, 3)], [(0, 3)], id="one"),
    pytest.param([(0, 3), (3, 5)], [(0, 3), (3, 5)], id="touching-spans-both-kept"),
    pytest.param([(0, 9), (4, 7)], [(0, 9)], id="a-longer-one-around"),
    pytest.param([(0, 4), (2, 9), (9, 12)], [(2, 9), (9, 12)], id="longest-in-the-middle"),
    pytest.param([(0, 4), (2, 6)], [(0, 4)], id="same-length-the-earliest"),
    pytest.param([(5, 8), (0, 6)], [(0, 6)], id="out-of-order-input"),
]


@pytest.mark.parametrize(("spans", "chosen"), CASES)
def test_longest_then_earliest(spans: list[tuple[int, int]], chosen: list[tuple[int, int]]) -> None:
    assert longest_first(spans, lambda span: span) == chosen


_SPAN = st.tuples(st.integers(0, 40), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(_SPAN, max_size=30))
def test_the_chosen_are_disjoint_and_each_dropped_one_lost_to_a_chosen_one(
    spans: list[tuple[int, int]],
) -> None:
    chosen = longest_first(spans, lambda span: span)
    assert chosen == sorted(chosen)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(chosen))
    for span in spans:
        if span in chosen:
            continue
        # Dropped only for a chosen span it overlaps that the policy takes first.
        assert any(
            c[0] < span[1] and span[0] < c[1]
            and (c[0] - c[1], c[0]) <= (span[0] - span[1], span[0])
            for c in chosen
        )


def test_taken_tells_free_spans() -> None:
    taken = Taken()
    taken.take(10, 20)
    assert [taken.is_free(*s) for s in [(0, 10), (20, 25), (5, 11), (19, 30), (12, 13)]] == [
        True, True, False, False, False]
