"""One series' report of an event and its follow-up a day or two later, found by the rare words
they share: the event linker's ``follow-up`` rule (`events`).

A daily series retells an event on the next day or the one after in other words
(某油田开始部分停产 / 某油田全面停产; 某某回信勉励… / …的回信引发热烈反响),
which the headline rules do not match between two issues of one series: these retell
recurring stories every day (a market close, a war report, a column), in words alike.
What a follow-up shares with its event and a recurring story does not is rare words:
names and terms (某油田, 日产量, 丹江口, 回信) that no other entry of the days around
writes. Two entries of one series one to `FOLLOW_DAYS` days apart are one event when they
share `SHARED_WORDS` words that no third entry of any series writes within `SPAN_DAYS` of
them. The days around include the days after: a word a story keeps writing for a week is a
recurring story's, however rare before it. So the entries are held until the days after
them are read (`FollowUps.add` returns the pairs of the days it can now judge).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

# Words two entries must share that no other entry writes within the span. Two are shared
# by chance (专家, 中证报: on the hand-annotated samples of pairs, `benchmarks/event_pairs/`,
# as many wrong pairs as right ones); three by two days' war reports (rare place names) or
# two occurrences of one template (致电祝贺…当选连任): on 800 days of one evening bulletin,
# a quarter of the links three words made were wrong, a sixth of those four made.
SHARED_WORDS: Final = 4
# How many days on either side of the two entries' days count their words.
SPAN_DAYS: Final = 3
# How many days apart a follow-up may be: the next issue, or the one after (a launch called
# off, then postponed again; an arrest, then its reasons; a speech, then the reactions two
# days on), whose entry may also be dated a day before its issue. On 800 days of one evening
# bulletin the second day added 10 links to the first day's 32, 8 of them right (the wrong:
# a war report, two commentaries on one anniversary), about the first day's share.
FOLLOW_DAYS: Final = 2
# The most entries a rare word is written in within the span: the two.
_MOST_ENTRIES: Final = 2

Features = TypeVar("Features")


@dataclass(frozen=True, slots=True)
class _Held(Generic[Features]):
    index: int
    day: dt.date
    series: str
    article: str
    words: frozenset[str]
    eligible: bool  # a report of its own (not a bulletin's story or label)
    features: Features


class FollowUps(Generic[Features]):
    """Entries read in order of day, held until the days after them are read; `add` returns
    the pairs (earlier index, later index) it can now judge. `compatible` says whether two
    entries' features may be one event (the linker's vetoes)."""

    def __init__(self, compatible: Callable[[Features, Features], bool]) -> None:
        self.compatible = compatible
        self.held: deque[_Held[Features]] = deque()
        self.judged: dt.date | None = None  # the last first day of a pair of days judged

    def add(self, index: int, day: dt.date, series: str, article: str, words: Iterable[str],
            eligible: bool, features: Features) -> list[tuple[int, int]]:
        """Hold one entry; the pairs of days whose span it closes (its day's first entry
        closes them: the entries come in order of day)."""
        new_day = not self.held or day != self.held[-1].day
        pairs = self._judge_before(day - dt.timedelta(days=SPAN_DAYS + 1)) if new_day else []
        self.held.append(_Held(index, day, series, article, frozenset(words), eligible,
                               features))
        return pairs

    def finish(self) -> list[tuple[int, int]]:
        """The pairs of the days still held."""
        if not self.held:
            return []
        return self._judge_before(self.held[-1].day + dt.timedelta(days=FOLLOW_DAYS - 1))

    def _judge_before(self, last: dt.date) -> list[tuple[int, int]]:
        """Judge every first day whose pairs (first, first + 1 … first + `FOLLOW_DAYS`) end
        on `last` or before: their spans are read. Then drop what no later pair's span
        reaches."""
        pairs: list[tuple[int, int]] = []
        days = sorted({held.day for held in self.held})
        for first in days:
            if first + dt.timedelta(days=FOLLOW_DAYS) > last:
                break
            if self.judged is not None and first <= self.judged:
                continue
            for gap in range(1, FOLLOW_DAYS + 1):
                pairs += self._pairs_of(first, first + dt.timedelta(days=gap))
            self.judged = first
        # A pair not judged yet has its first day after `last` - `FOLLOW_DAYS`: its span
        # starts `SPAN_DAYS` before.
        oldest = last - dt.timedelta(days=FOLLOW_DAYS - 1 + SPAN_DAYS)
        while self.held and self.held[0].day < oldest:
            self.held.popleft()
        return pairs

    def _pairs_of(self, first: dt.date, second: dt.date) -> list[tuple[int, int]]:
        span = (first - dt.timedelta(days=SPAN_DAYS), second + dt.timedelta(days=SPAN_DAYS))
        counts: Counter[str] = Counter()
        for held in self.held:
            if span[0] <= held.day <= span[1]:
                counts.update(held.words)
        rare = {word for word, n in counts.items() if n <= _MOST_ENTRIES}
        later: defaultdict[str, list[_Held[Features]]] = defaultdict(list)
        for held in self.held:
            if held.day == second and held.eligible and held.series:
                later[held.series].append(held)
        pairs = []
        for a in self.held:
            if a.day != first or not a.eligible or a.series not in later:
                continue
            own = a.words & rare
            if len(own) < SHARED_WORDS:
                continue
            for b in later[a.series]:
                if (b.article != a.article and len(own & b.words) >= SHARED_WORDS
                        and self.compatible(a.features, b.features)):
                    pairs.append((a.index, b.index))
        return pairs
