"""Words weighted by rarity and mutual best matches (`extractor.corpus.rarity`), the
``words`` rule of the event linker. Cases written for issue 16."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.corpus.rarity import DocumentFrequencies, Match, cosine, mutual_best


def _frequencies(*entries: list[str]) -> DocumentFrequencies:
    frequencies = DocumentFrequencies()
    for words in entries:
        frequencies.add(words)
    return frequencies


# Ten entries: 发布 in all of them, 数据 in five, 客机 in one.
TEN = _frequencies(["客机", "发布", "数据"], *[["发布", "数据"]] * 4, *[["发布"]] * 5)


def test_a_word_every_entry_writes_weighs_nothing() -> None:
    assert TEN.vector(["发布"]) == {}
    assert set(TEN.vector(["发布", "客机"])) == {"发布", "客机"}
    assert TEN.vector(["发布", "客机"])["发布"] == 0


# (words of one entry, the word that weighs most) over `TEN`
HEAVIEST_CASES = [
    pytest.param(["客机", "数据"], "客机", id="the-rarer-word"),
    pytest.param(["数据", "数据", "数据", "客机"], "客机", id="rarity-over-repetition"),
    pytest.param(["数据", "新词"], "新词", id="a-word-never-counted-weighs-as-one-seen-once"),
]


@pytest.mark.parametrize(("words", "heaviest"), HEAVIEST_CASES)
def test_the_rarest_word_weighs_most(words: list[str], heaviest: str) -> None:
    vector = TEN.vector(words)
    assert max(vector, key=lambda word: vector[word]) == heaviest


# (one entry's words, another's, their cosine over `TEN`, rounded)
COSINE_CASES = [
    pytest.param(["客机", "数据"], ["客机", "数据"], 1.0, id="the-same-words"),
    pytest.param(["客机", "数据"], ["客机", "发布"], 0.96, id="sharing-the-rare-word"),
    pytest.param(["客机", "数据"], ["数据", "发布"], 0.29, id="sharing-the-common-word"),
    pytest.param(["客机"], ["数据"], 0.0, id="nothing-shared"),
    pytest.param(["发布"], ["发布"], 0.0, id="only-a-word-every-entry-writes"),
]


@pytest.mark.parametrize(("one", "other", "expected"), COSINE_CASES)
def test_cosine(one: list[str], other: list[str], expected: float) -> None:
    assert round(cosine(TEN.vector(one), TEN.vector(other)), 2) == expected


_WORDS = st.lists(st.sampled_from(["客机", "发布", "数据", "新词", "交付"]), max_size=6)


@given(_WORDS, _WORDS)
def test_cosine_is_symmetric_and_between_0_and_1(one: list[str], other: list[str]) -> None:
    a, b = TEN.vector(one), TEN.vector(other)
    assert cosine(a, b) == cosine(b, a)
    assert -1e-9 <= cosine(a, b) <= 1 + 1e-9
    if a:
        assert math.isclose(cosine(a, a), 1.0)


def _match(score: float, first: int, second: int) -> Match:
    # Entries 1-3 are of article "a", 4-6 of "b", 7-9 of "c".
    return Match(score, first, second, "abc"[(first - 1) // 3], "abc"[(second - 1) // 3])


# (matches, those kept)
MUTUAL_CASES = [
    pytest.param([_match(40, 1, 4)], [_match(40, 1, 4)], id="one-match"),
    pytest.param([_match(40, 1, 4), _match(30, 1, 5)], [_match(40, 1, 4)],
                 id="the-better-of-two-in-one-article"),
    pytest.param([_match(40, 1, 4), _match(50, 2, 4)], [_match(50, 2, 4)],
                 id="the-other-side-has-a-better-match"),
    pytest.param([_match(40, 1, 4), _match(40, 1, 5)], [], id="a-tie-decides-nothing"),
    pytest.param([_match(40, 1, 4), _match(60, 1, 7)], [_match(40, 1, 4), _match(60, 1, 7)],
                 id="one-best-per-other-article"),
]


@pytest.mark.parametrize(("matches", "kept"), MUTUAL_CASES)
def test_mutual_best(matches: list[Match], kept: list[Match]) -> None:
    assert mutual_best(matches) == kept


@given(st.lists(st.builds(_match, st.integers(25, 100), st.integers(1, 3),
                          st.integers(4, 9))))
def test_each_entry_keeps_one_match_per_other_article(matches: list[Match]) -> None:
    kept = mutual_best(matches)
    assert all(match in matches for match in kept)
    ends = [(m.first, m.second_article) for m in kept] + [(m.second, m.first_article)
                                                         for m in kept]
    assert len(ends) == len(set(ends))
