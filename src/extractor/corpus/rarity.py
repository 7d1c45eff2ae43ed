"""Words weighted by how rare they are in the corpus (TF-IDF), and the matches they make
between two articles: the last evidence the event linker reads (`events`, rule ``words``).

Two reports of one event in two series share few words in one order (某国3月某某景气指数为…,
预期… and 某国某某景气指数降至半年来最低; 某市首座跨海隧道全线贯通… and 我国又一跨海隧道贯通),
so the rapidfuzz rules miss them; but the words they do share are rare ones (景气指数, 跨海,
隧道), which a daily report of another event seldom writes. Each entry's words are weighted by
sublinear frequency times inverse document frequency over every entry of the corpus, the
vector scaled to length 1; the cosine of two vectors says how much rare vocabulary they share.

A cosine alone joins two reports of one kind of news (two months' price indexes, two
regions' trade figures). The match is made only between entries that are each other's best
match between their two articles (mutual best): a digest reports an event once, so the
entry of the other digest closest to it, if it is close enough, is its report there. A tie
decides nothing: no match.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

# The cosine (scaled 0-100) two entries' weighted words must reach, set on the hand-annotated
# samples of pairs (`benchmarks/event_pairs/`): at 20, as many wrong pairs as right ones.
WORDS_SCORE: Final = 25.0
# How many days apart: a daily digest reports yesterday's event, and the rule is weak
# evidence; three days apart, one kind of news recurs (the next index, the next market close).
WORDS_WINDOW_DAYS: Final = 1

Vector = Mapping[str, float]


@dataclass(slots=True)
class DocumentFrequencies:
    """How many entries of the corpus write each word (once each), and how many entries."""

    counts: Counter[str] = field(default_factory=Counter)
    entries: int = 0

    def add(self, words: Iterable[str]) -> None:
        """Count one entry's words, each once."""
        self.counts.update(set(words))
        self.entries += 1

    def vector(self, words: Iterable[str]) -> dict[str, float]:
        """The words' TF-IDF vector, of length 1 (empty for no words). A word the counts
        never saw weighs as one seen once."""
        frequencies = Counter(words)
        weights = {word: (1 + math.log(n)) * math.log(self.entries / max(1, self.counts[word]))
                   for word, n in frequencies.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {word: w / norm for word, w in weights.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """The cosine of two vectors of length 1 (0 where either is empty).

    >>> round(cosine({"甲": 0.6, "乙": 0.8}, {"乙": 1.0}), 2)
    0.8
    """
    if len(a) > len(b):
        a, b = b, a
    # fsum: exact, so that cosine(a, b) == cosine(b, a) whichever order the words come in.
    return math.fsum(weight * b.get(word, 0.0) for word, weight in a.items())


@dataclass(frozen=True, slots=True)
class Match:
    """Two entries' cosine (scaled 0-100), each entry by its index and its article."""

    score: float
    first: int
    second: int
    first_article: str
    second_article: str


def mutual_best(matches: Iterable[Match]) -> list[Match]:
    """The matches each of whose entries has no other match as good in the other's article
    (a tie leaves both out), in the order given.

    >>> best, worse = Match(40.0, 1, 2, "a", "b"), Match(30.0, 1, 3, "a", "b")
    >>> mutual_best([best, worse]) == [best]
    True
    """
    listed = list(matches)
    # (entry, the other article) -> the scores of its matches there
    scores: defaultdict[tuple[int, str], list[float]] = defaultdict(list)
    for match in listed:
        scores[match.first, match.second_article].append(match.score)
        scores[match.second, match.first_article].append(match.score)

    def best(entry: int, article: str, score: float) -> bool:
        seen = scores[entry, article]
        return score == max(seen) and seen.count(score) == 1

    return [match for match in listed
            if best(match.first, match.second_article, match.score)
            and best(match.second, match.first_article, match.score)]
