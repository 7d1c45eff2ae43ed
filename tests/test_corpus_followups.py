"""One series' follow-ups a day or two later (`corpus.followups`, issue 16): what the
streaming window judges is what the definition says, whatever the days and their gaps.

The cases through the linker are in `test_corpus_events.py` (FOLLOW_UP_CASES).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st

from extractor.corpus.followups import (
    _MOST_ENTRIES,
    FOLLOW_DAYS,
    SHARED_WORDS,
    SPAN_DAYS,
    FollowUps,
)

Entry = tuple[int, str, str, frozenset[str], bool]  # day, series, article, words, eligible
_START = dt.date(2024, 3, 1)


def _defined(entries: list[Entry]) -> set[tuple[int, int]]:
    """The follow-ups by the module's definition, over every entry at once."""
    pairs = set()
    for i, (day_a, series_a, article_a, words_a, eligible_a) in enumerate(entries):
        for j, (day_b, series_b, article_b, words_b, eligible_b) in enumerate(entries):
            if not (1 <= day_b - day_a <= FOLLOW_DAYS and series_a == series_b
                    and article_a != article_b and eligible_a and eligible_b and series_a):
                continue
            counts = Counter(word for day, _, _, words, _ in entries
                             if day_a - SPAN_DAYS <= day <= day_b + SPAN_DAYS for word in words)
            rare = {word for word in words_a & words_b if counts[word] <= _MOST_ENTRIES}
            if len(rare) >= SHARED_WORDS:
                pairs.add((i, j))
    return pairs


_ENTRY = st.tuples(st.integers(0, 12), st.sampled_from(["", "甲报", "乙报"]),
                   st.sampled_from("abc"),
                   st.frozensets(st.sampled_from(["油田", "停产", "曙光", "甲国", "港口", "罢工"]),
                                 max_size=5),
                   st.booleans())


_WORDS = frozenset({"油田", "停产", "曙光", "甲国"})


_OTHER = frozenset({"港口"})


# The span's edges: a third entry on its first day (the pair is no follow-up) held while
# later days are read, on its last day after another of that day, and on the day after it
# (the pair is a follow-up).
@example([(0, "甲报", "a", _WORDS, True), (3, "甲报", "a", _WORDS, True),
          (4, "甲报", "a", _WORDS, True), (7, "乙报", "a", _OTHER, True),
          (8, "乙报", "a", _OTHER, True)])
@example([(3, "甲报", "a", _WORDS, True), (4, "甲报", "a", _WORDS, True),
          (7, "乙报", "a", _OTHER, True), (7, "乙报", "b", _WORDS, True)])
@example([(3, "甲报", "a", _WORDS, True), (4, "甲报", "a", _WORDS, True),
          (8, "甲报", "a", _WORDS, True)])
# One day apart at the end of the input, alone and with a later day of another series (both
# judged only when it is finished); two days apart at the end, and with a third entry on the
# span's last day.
@example([(3, "甲报", "a", _WORDS, True), (4, "甲报", "a", _WORDS, True)])
@example([(3, "甲报", "a", _WORDS, True), (4, "甲报", "a", _WORDS, True),
          (9, "乙报", "a", _OTHER, True)])
@example([(3, "甲报", "a", _WORDS, True), (5, "甲报", "a", _WORDS, True)])
@example([(3, "甲报", "a", _WORDS, True), (5, "甲报", "a", _WORDS, True),
          (8, "乙报", "a", _WORDS, True), (9, "乙报", "a", _OTHER, True)])
@given(st.lists(_ENTRY, max_size=14))
def test_the_window_finds_the_defined_follow_ups(drawn: list[Entry]) -> None:
    # An article is one issue: one series, one day.
    entries = sorted(((day, series, f"{series}{day}{article}", words, eligible)
                      for day, series, article, words, eligible in drawn), key=lambda e: e[0])
    follow_ups: FollowUps[None] = FollowUps(lambda a, b: True)
    found: list[tuple[int, int]] = []
    for index, (day, series, article, words, eligible) in enumerate(entries):
        found += follow_ups.add(index, _START + dt.timedelta(days=day), series, article, words,
                                eligible, None)
    found += follow_ups.finish()
    assert len(found) == len(set(found))
    assert set(found) == _defined(entries)


def test_entries_far_behind_are_let_go() -> None:
    """Only the days a pair still to judge can count are held: memory stays a window's."""
    follow_ups: FollowUps[None] = FollowUps(lambda a, b: True)
    for day in range(60):
        follow_ups.add(day, _START + dt.timedelta(days=day), "甲报", f"甲报{day}",
                       ["油田"], True, None)
    # A day's span back and the days its pairs reach ahead: d - 8 … d with the spans of
    # today's constants.
    assert len(follow_ups.held) == 2 * SPAN_DAYS + FOLLOW_DAYS + 1
