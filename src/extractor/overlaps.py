"""The one overlap policy of every extractor: where candidate mentions overlap, the longest
wins, then the earliest ("2023年3月5日" over the "3月5日" inside it, "10万元以上" over "10万元").

Dates and quantities both use it (`longest_first`); the date scan, which builds a candidate
only when the policy reaches it with its span still free, uses its bookkeeping (`Taken`).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


class Taken:
    """The spans chosen so far, kept sorted and disjoint: whether a span is still free is a
    bisection, not a scan."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def is_free(self, start: int, end: int) -> bool:
        """No chosen span overlaps the non-empty span [start, end).

        >>> taken = Taken()
        >>> taken.take(3, 6)
        >>> taken.is_free(0, 3), taken.is_free(5, 8), taken.is_free(6, 9)
        (True, False, True)
        """
        index = bisect.bisect_right(self._starts, start)
        if index and self._ends[index - 1] > start:
            return False
        return index == len(self._starts) or self._starts[index] >= end

    def take(self, start: int, end: int) -> None:
        """Mark [start, end) chosen; it must be free."""
        index = bisect.bisect_right(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)


def longest_first(items: Sequence[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """The items whose spans survive the policy (longest, then earliest, first), in text
    order. Ties keep the input order.

    >>> spans = [(0, 4), (2, 9), (9, 12), (10, 11)]
    >>> longest_first(spans, lambda s: s)
    [(2, 9), (9, 12)]
    """
    if len(items) < 2:
        return list(items)
    if all(span(a)[1] <= span(b)[0] for a, b in itertools.pairwise(items)):
        # The common case, decided in one pass: spans in text order that do not overlap are
        # all chosen, in that order.
        return list(items)
    taken = Taken()
    chosen: list[T] = []
    for item in sorted(items, key=lambda item: _longest_then_earliest(span(item))):
        start, end = span(item)
        if taken.is_free(start, end):
            taken.take(start, end)
            chosen.append(item)
    chosen.sort(key=lambda item: span(item)[0])
    return chosen


def _longest_then_earliest(span: tuple[int, int]) -> tuple[int, int]:
    return span[0] - span[1], span[0]
