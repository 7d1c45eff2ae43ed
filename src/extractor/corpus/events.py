"""Events across articles: entries of different digests that report the same event, under one
id, each link stated with its score and rule.

Two entries are compared only when both have a day (the entry's date, or for an item a daily
brief does not date itself its article's: `corpus.view`) no more than `WINDOW_DAYS` apart,
they belong to different articles and their regions agree (the same division, one inside the
other, or neither has one). Their texts are folded (script, width, blanks, punctuation and
Markdown emphasis removed), cut into words by jieba and compared with rapidfuzz's
`token_set_ratio`, which scores the words both share against each text's own, so that a short
headline (汶川大地震) meets a long one (汶川发生特大地震) and word order does not count:

- ``headline``: the headlines' score reaches `HEADLINE_SCORE`;
- ``opening``: the headline and first sentence of each, compared as one text, reach
  `OPENING_SCORE` (briefs that write one event under different headlines often open their
  bodies alike).

Headlines that each state a number the other does not (a date, an amount) report two
occurrences of one kind of news, the central bank's operation of one day and of the next:
they are never linked, however alike their words.

Linked pairs are grouped by union-find, in order of score, best first; a link that would
put two entries of one article into one event is not made (a digest reports an event once).
Every member but the first records the member it was linked to, the rule and the score, so
every grouping can be listed and explained.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

import regex
from rapidfuzz import fuzz

from extractor import gazetteer
from extractor.load import normalize_width
from extractor.models import CorpusEvent, EventLink, EventLinkRule, EventMember
from extractor.script import to_simplified
from extractor.tokenizer import lcut

# How many days apart two reports of one event may be dated: a daily brief reports
# yesterday's event, a weekly one up to a few days later.
WINDOW_DAYS: Final = 3
# Scores (0-100) at which two entries report one event, set on a hand-checked sample of
# pairs (README, "The corpus view"): there every pair of headlines at 70 or more reported one
# event, and none below 60 did. Openings share more words by chance (a city, a ministry, a
# year): only near-copies count.
HEADLINE_SCORE: Final = 70.0
OPENING_SCORE: Final = 85.0
# Two issues of one series report a new occurrence of a recurring story under a similar
# headline every day (俄称…乌称…): between them only a near-copy is one event.
SERIES_HEADLINE_SCORE: Final = 90.0
# What folding removes: blanks, punctuation and symbols (emphasis marks, brackets of column
# labels), which digests write differently for one event.
_NOISE: Final = regex.compile(r"[\s\p{P}\p{S}]")
_SENTENCE_END: Final = re.compile(r"[。！？!?\n]")
_NUMBER: Final = re.compile(r"\d+")
# A headline this short, or ending in a colon, is a column's label (债市综述, 国内联播快讯：).
_LABEL_CHARS: Final = 6
# What a series' issues differ in: dates, numbers, weekdays (陆家嘴财经早餐2024年8月13日星期二).
_SERIES_NOISE: Final = re.compile(r"[0-9年月日号期]|星期.|周[一二三四五六日天]")
_OPENING_CHARS: Final = 120


@dataclass(frozen=True, slots=True)
class EventItem:
    """One entry as the event linker sees it."""

    article: str
    seq: int
    headline: str
    body: str = ""
    date: str | None = None
    region_name: str | None = None
    region_adcode: str | None = None
    series: str = ""  # the article's title: issues of one series share it but for dates


def fold_text(text: str) -> str:
    """The text as compared: Simplified, half-width, no blanks, punctuation or marks.

    >>> fold_text("**國務院：部署穩就業 舉措。**")
    '国务院部署稳就业举措'
    """
    folded: str = _NOISE.sub("", to_simplified(normalize_width(text)))
    return folded


def _opening(item: EventItem) -> str:
    """The headline and the body's first sentence (a body that repeats the headline, as a
    first sentence used as headline does, adds its next one)."""
    body = item.body
    if body.startswith(item.headline):
        body = body[len(item.headline):]
    stop = _SENTENCE_END.search(body)
    first = body[: stop.start()] if stop else body
    return fold_text(item.headline + first[:_OPENING_CHARS])


def _day(date: str | None) -> dt.date | None:
    if date is None or len(date) != len("2024-01-01"):
        return None
    try:
        return dt.date.fromisoformat(date)
    except ValueError:
        return None


def _regions_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b or gazetteer.is_ancestor(a, b) or gazetteer.is_ancestor(b, a)


@dataclass(frozen=True, slots=True)
class _Pair:
    score: float
    rule: EventLinkRule
    first: int  # index of the earlier item (input order)
    second: int


def _words(folded: str) -> str:
    """The folded text as jieba's words, blank-separated (what `token_set_ratio` splits)."""
    return " ".join(lcut(folded))


@dataclass(frozen=True, slots=True)
class _Features:
    """What two entries are compared on, computed once per entry."""

    headline: str  # folded, as jieba's words
    opening: str  # folded headline and first sentence, as jieba's words
    numbers: frozenset[str]  # the numbers of the headline and first sentence
    label: bool  # a column label, not a headline (国内联播快讯：, 债市综述)
    folded: str  # the folded headline
    series: str  # the article's series (its title without dates and numbers)


def _features(item: EventItem) -> _Features:
    folded = fold_text(item.headline)
    opening = _opening(item)
    return _Features(
        headline=_words(folded), opening=_words(opening),
        numbers=frozenset(_NUMBER.findall(opening)),
        label=len(folded) <= _LABEL_CHARS or item.headline.rstrip().endswith((":", "：")),
        folded=folded, series=_SERIES_NOISE.sub("", fold_text(item.series)),
    )


def _different_facts(a: frozenset[str], b: frozenset[str]) -> bool:
    """Does each text state a number the other does not? Then they report different
    occurrences of one kind of news (央行8月12日开展745亿元逆回购 and 8月13日开展3857亿元),
    however alike their words; a paraphrase drops numbers, it does not change them."""
    return bool(a - b) and bool(b - a)


def _score(a: _Features, b: _Features, i: int, j: int, same_day: bool) -> _Pair | None:
    if _different_facts(a.numbers, b.numbers):
        return None
    same_series = bool(a.series) and a.series == b.series
    if same_series and not same_day and a.folded == b.folded:
        return None  # one series repeating a headline on another day: a column's name
    if not (a.label or b.label):
        headline = fuzz.token_set_ratio(a.headline, b.headline)
        if headline >= (SERIES_HEADLINE_SCORE if same_series else HEADLINE_SCORE):
            return _Pair(round(headline, 1), "headline", i, j)
    opening = fuzz.token_set_ratio(a.opening, b.opening)
    if opening >= OPENING_SCORE:
        return _Pair(round(opening, 1), "opening", i, j)
    return None


def _candidate_pairs(items: Sequence[EventItem]) -> list[_Pair]:
    """Every pair that reaches a score, among dated entries of different articles within the
    window whose regions agree."""
    days = [_day(item.date) for item in items]
    dated = sorted((d, i) for i, d in enumerate(days) if d is not None)
    features = [_features(item) for item in items]
    window = dt.timedelta(days=WINDOW_DAYS)
    pairs: list[_Pair] = []
    for position, (day, i) in enumerate(dated):
        for later_day, j in dated[position + 1:]:
            if later_day - day > window:
                break
            a, b = items[i], items[j]
            if a.article == b.article or not _regions_agree(a.region_adcode, b.region_adcode):
                continue
            first, second = min(i, j), max(i, j)
            pair = _score(features[first], features[second], first, second, later_day == day)
            if pair is not None:
                pairs.append(pair)
    return pairs


class _Groups:
    """Union-find over item indexes that keeps each group's set of articles."""

    def __init__(self, items: Sequence[EventItem]) -> None:
        self.parent = list(range(len(items)))
        self.articles: list[set[str]] = [{item.article} for item in items]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> bool:
        """Merge the groups of i and j unless they share an article; was a merge made?"""
        a, b = self.find(i), self.find(j)
        if a == b or self.articles[a] & self.articles[b]:
            return False
        keep, gone = min(a, b), max(a, b)
        self.parent[gone] = keep
        self.articles[keep] |= self.articles[gone]
        return True


def link_events(
    items: Iterable[EventItem],
) -> tuple[list[CorpusEvent], list[EventMember], list[EventLink]]:
    """Group entries of many articles into events. Returns one `CorpusEvent` per event
    reported by two or more articles (sorted by id), its members (by event, then article and
    seq) and the links that joined them (by event, then best score first)."""
    listed = list(items)
    pairs = _candidate_pairs(listed)
    # Best score first; ties by the entries' keys, not their input order, so that the same
    # entries give the same events whatever order the articles came in.
    def key(item: EventItem) -> tuple[str, int]:
        return item.article, item.seq

    pairs.sort(key=lambda p: (-p.score, sorted((key(listed[p.first]), key(listed[p.second])))))
    groups = _Groups(listed)
    made = [pair for pair in pairs if groups.join(pair.first, pair.second)]
    grouped: dict[int, list[int]] = defaultdict(list)
    for i in range(len(listed)):
        grouped[groups.find(i)].append(i)
    event_of: dict[int, str] = {}
    events: list[CorpusEvent] = []
    for group in grouped.values():
        if len(group) < 2:
            continue
        scores = [p.score for p in made if groups.find(p.first) == groups.find(group[0])]
        event = _event(listed, group, min(scores))
        events.append(event)
        event_of.update(dict.fromkeys(group, event.event_id))
    events.sort(key=lambda e: e.event_id)
    order = {e.event_id: n for n, e in enumerate(events)}
    members = [
        EventMember(article=listed[i].article, seq=listed[i].seq, event_id=event_of[i])
        for i in sorted(event_of, key=lambda i: (order[event_of[i]], key(listed[i])))
    ]
    links = []
    for pair in made:
        one, other = sorted((listed[pair.first], listed[pair.second]), key=key)
        links.append(EventLink(
            event_id=event_of[pair.first], article=one.article, seq=one.seq,
            linked_article=other.article, linked_seq=other.seq, rule=pair.rule,
            score=pair.score,
        ))
    links.sort(key=lambda link: order[link.event_id])  # stable: best score first within
    return events, members, links


def _event(items: Sequence[EventItem], group: Sequence[int], min_score: float) -> CorpusEvent:
    members = sorted(group, key=lambda i: (items[i].date or "", items[i].article, items[i].seq))
    keys = sorted(f"{items[i].article}#{items[i].seq}" for i in members)
    dates = sorted(items[i].date or "" for i in members)
    region_name, region_adcode = _common_region([items[i] for i in members])
    return CorpusEvent(
        event_id="E" + hashlib.sha1("\n".join(keys).encode("utf-8")).hexdigest()[:12],
        headline=items[members[0]].headline, first_date=dates[0], last_date=dates[-1],
        region_name=region_name, region_adcode=region_adcode, entry_count=len(members),
        article_count=len({items[i].article for i in members}), min_score=min_score,
    )


def _common_region(members: Sequence[EventItem]) -> tuple[str | None, str | None]:
    """The region inside every other member's region (the most specific one all agree
    with), or none where the members' regions do not nest."""
    named = {(m.region_adcode, m.region_name) for m in members if m.region_adcode}
    for adcode, name in sorted(named, key=lambda r: r[0] or ""):
        if all(other == adcode or gazetteer.is_ancestor(other or "", adcode or "")
               for other, _ in named):
            return name, adcode
    return None, None
