"""Events across articles: entries of different digests that report the same event, under one
id, each link stated with its score and rule.

Two entries are compared only when both have a day (the entry's date, or for an item a daily
brief does not date itself, or dates after its article's day, its article's: `corpus.view`)
no more than `WINDOW_DAYS` apart (or, for retrospective lists, when their periods hold one
another: below), they belong to different articles and their regions agree (the same
division, one inside the other, 全国 holding all, or one unknown). Their texts
are folded (script, width, blanks, punctuation and Markdown emphasis removed), cut into
words by jieba and compared with rapidfuzz's `token_set_ratio`, which scores the words both
share against each text's own, so that a short headline (汶川大地震) meets a long one
(汶川发生特大地震) and word order does not count. The first rule that holds links them:

- ``document``: both name one document (as `corpus.documents` linked them; not a
  programme);
- ``headline``: the headlines' score reaches `HEADLINE_SCORE` and one writes at least
  `HELD_SHARE` of the other's content words (`SERIES_HEADLINE_SCORE` between two issues of
  one series, which retell recurring stories every day);
- ``sentence``: between series, one's headline is retold in a sentence of the other's
  story, a bulletin's (国内联播快讯：(1)…(2)…) or the detail story a summary item is told in
  (`corpus.details`), at `SENTENCE_SCORE`;
- ``opening``: the headline and first sentence of each, compared as one text, reach
  `OPENING_SCORE`;
- ``statement``: between series, one opens with a national body's statement (某部表示…,
  据某部统计…) and the other reports a press conference naming that body (not a regular
  briefing), a day apart at most (`corpus.statements`);
- ``follow-up``: within one series, entries one or two days apart (`followups.FOLLOW_DAYS`)
  that share `followups.SHARED_WORDS` words no other entry writes within
  `followups.SPAN_DAYS` days of them, openings that state no other figures and names of no
  other documents (`corpus.followups`);
- ``words``, the weakest of them, read last: between series and a day apart at most, two
  entries no rule above links whose words weighted by rarity (TF-IDF over every entry) meet
  at `rarity.WORDS_SCORE`, each the other's closest in its article (`corpus.rarity`). It
  only pairs two entries no other link has placed in an event.

Retrospective lists (a year's top news, a chronicle: `EventItem.period`) date their entries to
the year or the month and come out long after, outside any window of days: their entries
meet other lists' entries whose periods hold theirs (2008 holds 2008-03-14), by the rules
between series above but ``statement``, rule ``period``, by a name of `_NAME_CHARS`
characters no other entry of the year writes and half the words of one headline written
in the other (`_period_pairs`), or, last and weakest, rule ``period-words``, in lists of
`PERIOD_WORDS_MAX_ENTRIES` entries of the year at most, headlines sharing a pair of
characters whose texts' pairs of characters weighted by rarity meet at
`PERIOD_WORDS_SCORE`, each the other's closest in its list (`_period_words`: 冰雪灾害 /
南方雪灾). Such a link adds an entry to an event, never merges two.

Never linked: headlines that each state a figure or ordinal the other does not (dates left
out: the central bank's operation of one day and of the next), first sentences of one
series that do so unless the headlines are near-copies, two people's acts (赵某会见… and
李某会见…), one person meeting two others (…会见甲国总统 and …会见乙国总统), and one
series' template with other names. A headline one series prints on two days or more (a
column: 债市综述, 某某系列主题新闻发布会) or a bulletin's label (国内联播快讯：) is no
headline evidence.

A bulletin's numbered stories are separate events: each is linked on its own, as a member
with its number (`story`; 0 is a whole entry), so one bulletin can report several events.
Linked pairs are grouped by union-find, in order of score, best first (``statement``,
``follow-up``, ``words`` and ``period-words`` links last); a link is not made that would
put two members of one article into one event (a digest reports an event once), but for a
statement joining the event of its conference (a digest may report its statements one by
one), or that would join two members of different articles the rules above never link, or
whose regions disagree, through a third. Every link made is kept with its rule and score
(`EventLink`), so every grouping can be listed and explained. The items are read in order
of day, three times (`link_event_stream`; four where the corpus holds two series, for the
words' document counts), so that only a window's features are held, not every item's (for
follow-ups, the window runs `followups.SPAN_DAYS` days past a pair's second day, up to
`followups.FOLLOW_DAYS` after its first).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher
from itertools import combinations
from typing import Final

import regex
from rapidfuzz import fuzz

from extractor import gazetteer
from extractor.corpus.followups import FollowUps
from extractor.corpus.rarity import (
    WORDS_SCORE,
    WORDS_WINDOW_DAYS,
    DocumentFrequencies,
    Match,
    cosine,
    mutual_best,
)
from extractor.corpus.statements import conference_bodies, speakers
from extractor.gaps import PINYIN_GLOSS
from extractor.load import normalize_width
from extractor.models import CorpusEvent, EventLink, EventLinkRule, EventMember
from extractor.names import COMMON_SURNAMES
from extractor.script import to_simplified
from extractor.tokenizer import lcut

# How many days apart two reports of one event may be dated: a daily brief reports
# yesterday's event, a weekly one up to a few days later.
WINDOW_DAYS: Final = 3
# Scores (0-100) at which two entries report one event, set on hand-annotated samples of
# pairs (`benchmarks/event_pairs/`): lower ones joined more wrong pairs there and found no
# more right ones. Openings share more words by chance (a city, a ministry, a year): only
# near-copies count.
HEADLINE_SCORE: Final = 70.0
OPENING_SCORE: Final = 85.0
# Two issues of one series report a new occurrence of a recurring story under a similar
# headline every day (甲方称…乙方称…): between them only a near-copy is one event.
SERIES_HEADLINE_SCORE: Final = 90.0
NEAR_COPY_SCORE: Final = 95.0
# Between series the headline score also needs half the content words of one headline
# written in the other: token_set_ratio scores the words both share against each text's own,
# so a long headline sharing a year, 中国 and 大会 with a short one reaches 70.
HELD_SHARE: Final = 0.5
# A headline against a sentence of a story (a bulletin's 国内联播快讯：(1)…(2)…, or the lead
# of a detail story): the sentence must hold nearly all its words.
SENTENCE_SCORE: Final = 80.0
# Or a lower one where both write one unbroken run of `_NAME_CHARS` Chinese characters or
# more (a name, a title: 世界某某大会, 食品药品某某赔偿): a run that long is seldom chance.
NAMED_SENTENCE_SCORE: Final = 70.0
_NAME_CHARS: Final = 6
# A word in more entries of a year's lists than this (or than `_BOILERPLATE_SHARE` of them)
# finds no candidates for the ``period`` pass: it is every entry's.
_PERIOD_COMMON_MIN: Final = 50
# The cosine (0-100) of two lists' entries' character pairs weighted by their rarity among
# the year's lists' entries (rule ``period-words``, `_period_words`), set on the real
# corpus's year lists (`benchmarks/event_pairs/real_year_lists.tsv`).
PERIOD_WORDS_SCORE: Final = 6.0
# The most entries of one year a list may hold for that rule: a year's top news name ten to a
# few dozen events, each in its own few words. Among a chronicle's thousands, each entry has
# a closest at that cosine by chance (two pseudo-chronicles of 4,000 news lines: 246 links).
PERIOD_WORDS_MAX_ENTRIES: Final = 50
# A date to the day as written: 2024-01-01.
DAY_CHARS: Final = len("2024-01-01")
# A statement (某部表示…) and the press conference it was made at are reported a day apart
# at most: the evening bulletin and the next morning's brief.
STATEMENT_DAYS: Final = 1
# Rules whose links are made after all others', in this order.
_LATE_RULES: Final = ("statement", "follow-up", "words", "period-words")
# A column's label a headline opens with: 【新闻特写】, or up to a colon with a title after it
# (某地生态文明实践： 某湖的蝶变). A speaker's name before a colon (某部：…) goes too: a
# follow-up is then found on fewer words, never on more.
_HEADLINE_LABEL: Final = re.compile(r"\s*(?:【[^】]{1,12}】|[^:：。,，]{1,12}[:：](?=\s*\S))")
_NOT_HAN: Final = re.compile(r"[^\u4e00-\u9fff]")
_HAN_RUN: Final = re.compile(r"[\u4e00-\u9fff]{2,}")
# What folding removes: blanks, punctuation and symbols (emphasis marks, brackets of column
# labels), which digests write differently for one event.
_NOISE: Final = regex.compile(r"[\s\p{P}\p{S}]")
_SENTENCE_END: Final = re.compile(r"[。！？!?\n]")
# A headline opening with a person's act (李某会见…, 国务院副总理何某同…共同主持…, 李某
# 将赴…): an optional title, the name, the act.
_ACTOR_TITLES = (
    "国家主席|国家副主席|总书记|委员长|国务院总理|国务院副总理|国务委员|副总理|总理|主席|"
    "副主席|书记|部长|外长|主任|院长|副总统|总统"
)
# Meeting someone (会见, 同…会谈): whom is the counterpart; any act makes an actor.
_MEETING_ACTS = "会见|会谈|会晤|接见|通电话|致电|致信|同|与"
_ACTS = f"{_MEETING_ACTS}|主持|出席|将赴|赴"
# Days a headline may open with, folded (8月27日至28日, 当地时间3日上午).
_LEADING_DAYS: Final = re.compile(
    r"(?:当地时间|北京时间)?(?:\d{1,2}月)?\d{1,2}日(?:至(?:\d{1,2}月)?\d{1,2}日)?(?:[上下]午|晚)?"
)
# How many characters an actor's titles may run to before the last title word.
_TITLE_CHARS: Final = 20
_ACTOR: Final = re.compile(
    # The title before the name never runs across an act: in 李某同某国总理某某会谈 the
    # actor is 李某, not the one met. Titles run long (中共中央政治局委员、中央外办主任).
    rf"(?:(?:(?!{_ACTS})[\u4e00-\u9fff]){{0,{_TITLE_CHARS}}}?(?:{_ACTOR_TITLES}))?"
    rf"([\u4e00-\u9fff]{{2,3}}?)(?=(?:分别|先后|今天|今日|当天|在京|在北京)?(?:{_ACTS}))"
)
_COUNTERPART: Final = re.compile(
    rf"(?:{_MEETING_ACTS})(.{{1,10}}?)"
    r"(?:副总统|总统|总理|首相|国王|女王|王储|主席|总书记|议长|外长|外交部长|元首)"
)
_COUNTERPART_CHARS: Final = 30
# One series' headlines alike but for a name or two each (深交所终止对甲公司…上市审核,
# …对乙公司…): one template, two occurrences. At most this many characters of its own on
# each side (a name: jieba cuts an unknown one into single characters), and at least
# `_TEMPLATE_WORDS` words shared.
_SLOT_CHARS: Final = 6
_TEMPLATE_WORDS: Final = 3
# Openings of fewer words (once boilerplate is gone) say too little to match on.
_OPENING_WORDS: Final = 6
# Words in more than this share of all entries' openings are boilerplate (with enough
# entries to tell).
_BOILERPLATE_SHARE: Final = 0.1
_BOILERPLATE_MIN_ENTRIES: Final = 50
# A figure (2000, 1.50) and a date (3月6日, 2024年) in half-width text.
_FIGURE: Final = re.compile(r"\d+(?:\.\d+)?")
# Dates and periods: 2024年, 3月6日, 1-7月 (both months), 前7个月; not 第3号台风, and not a
# span (延长3个月, 6个月期).
_DATE: Final = re.compile(
    r"\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月|\d{1,4}\s*[年月日]|(?<=[前头])\d{1,2}\s*个月"
    r"|(?<=月)\d{1,2}\s*号"
)
# An event named by its day (“3·14”事件, 5·12地震): one figure, its digits (拉萨314 writes
# the same), so that 1·18 and 3·29 stay two; not a multiple or an amount (1·5倍).
_DAY_NAME: Final = re.compile(
    r"(?<![\d.])(1[0-2]|0?[1-9])[·•・]([12]\d|3[01]|0?[1-9])(?![\d.%倍万亿千百])"
)
# A figure longer than this is no amount a digest rounds (and `Decimal` would need more
# than its 28 digits of precision to round it).
_FIGURE_CHARS: Final = 24
# A figure written rounded (超25亿 for 25.22亿) has at least this many digits: a single
# digit (2 against 2.5) rounds too many figures to be one.
_ROUNDED_DIGITS: Final = 2
_ORDINAL: Final = re.compile(r"第[一二三四五六七八九十百零〇两]+(?=[次届期批轮场])")
# The occasion a sentence opens with (在某峰会即将举行之际，某纪录片播出): the time of its
# event, not its event.
_OCCASION: Final = re.compile(r"^\s*(?:在|值此|正值)[^，,；;。]{1,40}?(?:之际|前夕|期间)[，,]")
# A bulletin's story number ((1), （2）), and how many make a bulletin of stories.
_STORY_MARK: Final = r"[(（]{}[)）]"
_STORY: Final = re.compile(_STORY_MARK.format(r"(?P<no>\d{1,2})"))
_MIN_STORIES: Final = 2
_STORY_OPENERS: Final = frozenset("\n 　\t。；;！？!?：:")
# Where a body is cut into sentences: sentence ends, and the numbered stories of a bulletin.
_SENTENCE_SPLIT: Final = re.compile(r"[。！？!?;；\n]|" + _STORY_MARK.format(r"\d{1,2}"))
# Bold copied from a Markdown page, which a headline as written keeps.
_MARKDOWN_BOLD: Final = "**"
_BLANKS: Final = re.compile(r"\s+")
# A headline or sentence shorter than this matches too much; two content words of two
# characters or more must be shared before a sentence is scored.
_MIN_MATCHED_CHARS: Final = 8
_CONTENT_WORD_CHARS: Final = 2
_SHARED_WORDS: Final = 2
# Marks a headline may end with after its colon (**国内联播快讯：**): see `is_label`.
_EMPHASIS: Final = " \t*_"
# What a series' issues differ in: dates, numbers, weekdays (某某早餐2024年3月5日星期二).
_SERIES_NOISE: Final = re.compile(r"[0-9年月日号期]|星期.|周[一二三四五六日天]")
# How much of a body's first sentence is compared (`corpus.view` keeps at least this).
OPENING_CHARS: Final = 120
_NATIONAL: Final = "100000"


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
    documents: tuple[str, ...] = ()  # the ids of the documents it names (`corpus.view`)
    story: int = 0  # a bulletin's story, by its number (`stories`); 0: the whole entry
    detail: str = ""  # the lead of its detail story, where the digest has one (`details`)
    # A bulletin's: the lead of each story's detail, by story number (`details`).
    story_details: tuple[str, ...] = ()
    # An entry of a retrospective list (a year's top news, a chronicle: `corpus.view`): its
    # own date as precise as written (2008, 2008-03, 2008-03-14), by which it meets the
    # entries of other such lists (`_period_pairs`); empty for a digest's news.
    period: str = ""


def fold_text(text: str) -> str:
    """The text as compared: Simplified, half-width, no blanks, punctuation or marks.

    >>> fold_text("**國務院：部署穩就業 舉措。**")
    '国务院部署稳就业举措'
    >>> fold_text("汶川發(fā)生特大地震")  # a page's pinyin glosses are no words of it
    '汶川发生特大地震'
    """
    folded: str = _NOISE.sub("", to_simplified(PINYIN_GLOSS.sub("", normalize_width(text))))
    return folded


def is_label(headline: str) -> bool:
    """Is the headline a bulletin's label (国内联播快讯：), its stories in the body?

    >>> is_label("国内联播快讯："), is_label("**国务院常务会议召开**")
    (True, False)
    """
    return headline.rstrip(_EMPHASIS).endswith((":", "："))


def stories(item: EventItem) -> list[EventItem]:
    """A bulletin's numbered stories, each a member of its own (the body its text, `story`
    its number), or the item itself where it holds fewer than two (not a label: one report).

    >>> bulletin = EventItem("a", 9, "快讯：", "（1）甲事；\\n（2）乙事。")
    >>> [(story.story, story.body) for story in stories(bulletin)]
    [(1, '甲事；\\n'), (2, '乙事。')]
    """
    told = split_stories(item.body) if is_label(item.headline) else []
    if not told:
        return [item]
    leads = item.story_details
    return [replace(item, body=text, story=number, story_details=(),
                    detail=leads[number - 1] if number <= len(leads) else "")
            for number, text in told]


def split_stories(body: str) -> list[tuple[int, str]]:
    """A bulletin's body cut into its numbered stories (number, text), or [] where it holds
    fewer than two: (1), (2)… in sequence, each opening the body, a line or a sentence (a
    (1) inside a sentence is none)."""
    starts: list[re.Match[str]] = []
    for mark in _STORY.finditer(body):
        before = body[mark.start() - 1:mark.start()]
        if int(mark["no"]) == len(starts) + 1 and (not before or before in _STORY_OPENERS):
            starts.append(mark)
    if len(starts) < _MIN_STORIES:
        return []
    ends = [m.start() for m in starts[1:]] + [len(body)]
    return [(int(m["no"]), body[m.end():end]) for m, end in zip(starts, ends, strict=True)]


def _first_sentence(item: EventItem) -> str:
    """The body's first sentence, as written (a body that repeats the headline, as a first
    sentence used as headline does, gives its next one)."""
    body = item.body
    if body.startswith(item.headline):
        body = body[len(item.headline):]
    stop = _SENTENCE_END.search(body)
    return (body[: stop.start()] if stop else body)[:OPENING_CHARS]


def _compared(text: str) -> str:
    """The text as compared: folded, as jieba's words."""
    return _words(fold_text(text))


def _facts(text: str) -> frozenset[str]:
    """The figures a text states, dates left out, and the ordinals of meetings and issues
    (第四次会议: see `_different_facts`).

    >>> sorted(_facts("3月6日开展2000亿元14天期逆回购,利率1.50%"))
    ['1.50', '14', '2000']
    >>> sorted(_facts("主席团举行第四次会议"))
    ['第四']
    >>> sorted(_facts("1-7月份销量增长5.7%,前7个月出口增长13.4%"))
    ['13.4', '5.7']
    >>> sorted(_facts("期限延长3个月"))
    ['3']
    >>> sorted(_facts("拉萨发生“3·14”事件")), sorted(_facts("某药价格上涨1·5倍"))
    (['314'], ['1', '5'])
    """
    plain = _DATE.sub("", _DAY_NAME.sub(r"\1\2", normalize_width(text)))
    return frozenset([*_FIGURE.findall(plain), *_ORDINAL.findall(plain)])


def _day(date: str | None) -> dt.date | None:
    if date is None or len(date) != DAY_CHARS:
        return None
    try:
        return dt.date.fromisoformat(date)
    except ValueError:
        return None


def _regions_agree(a: str | None, b: str | None) -> bool:
    """The same division, one inside the other (全国 holds every division), or one not known
    (a region left empty is no evidence: an association's abbreviation unread as national)."""
    if a is None or b is None:
        return True
    return _holds(a, b) or _holds(b, a)


def _holds(outer: str, inner: str) -> bool:
    """Is division `inner` (adcode) the same as `outer` or inside it (全国 holds all)?"""
    return outer in (inner, _NATIONAL) or gazetteer.is_ancestor(outer, inner)


@dataclass(frozen=True, slots=True)
class _Pair:
    score: float
    rule: EventLinkRule
    first: int  # index of the earlier item (input order)
    second: int
    # For ``statement``: the statement's index, which may join its conference's event though
    # its article is in it already (`_Groups.join`).
    statement: int | None = None


def _words(folded: str) -> str:
    """The folded text as jieba's words, blank-separated (what `token_set_ratio` splits)."""
    return " ".join(lcut(folded))


@dataclass(frozen=True, slots=True)
class _Features:
    """What two entries are compared on, computed once per entry."""

    headline: str  # folded, as jieba's words
    opening: str  # folded headline and first sentence, as jieba's words
    first: str  # the first sentence alone (a label's opening: its headline is no evidence)
    numbers: frozenset[str]  # the numbers of the headline and first sentence
    head_numbers: frozenset[str]  # the headline's
    label: bool  # a bulletin's label, not a headline (国内联播快讯：)
    folded: str  # the folded headline
    series: str  # the article's series (its title without dates and numbers)
    documents: frozenset[str]
    head_words: frozenset[str]  # the headline's words of two characters or more
    head_set: frozenset[str]  # all the headline's words
    sentences: tuple[_Sentence, ...]  # the body's, as far as the record keeps it
    actor: str | None  # the person the headline opens with (李某会见…), if one
    counterpart: str | None  # whom they meet (…会见甲国总统 -> 甲国), if one
    region: str | None  # the entry's region's adcode
    speakers: frozenset[str]  # the bodies it opens with, saying something (`statements`)
    conference: frozenset[str]  # the bodies a press conference it reports names


def _actor(folded: str) -> str | None:
    """The person a headline opens with, acting (会见, 同…会谈, 主持, 出席, 赴…): the name (a
    common surname and one or two characters), after any title (国务院副总理何某同… ->
    何某). A spokesman announcing someone's visit is no actor of it.

    >>> _actor("国务院总理李某同某国总理共同主持定期会晤"), _actor("中越两国领导人会谈")
    ('李某', None)
    >>> _actor("李某将赴某国主持定期会晤"), _actor("外交部发言人毛某宣布李某将访问某国")
    ('李某', None)
    >>> _actor("赵某某分别会见甲国总统、乙国总理"), _actor("3日至5日部长王某在京同某国外长会谈")
    ('赵某某', '王某')
    """
    # A headline may open with the days of the act (8月27日至28日, 当地时间3日): not the actor.
    dated = _LEADING_DAYS.match(folded)
    opening = _ACTOR.match(folded, dated.end() if dated else 0)
    if opening is None or opening.group(1)[0] not in COMMON_SURNAMES:
        return None
    return opening.group(1)


def _counterpart(folded: str) -> str | None:
    """Whom a headline's meeting is with: the words between the verb and the foreign
    leader's title (某某会见甲国总统 -> 甲国, 国家主席某某会见乙国总统某某某 -> 乙国).

    >>> _counterpart("习近平同南非总统会谈"), _counterpart("某部发布通知")
    ('南非', None)
    """
    meeting = _COUNTERPART.search(folded, 0, _COUNTERPART_CHARS)
    return meeting.group(1) if meeting else None


@dataclass(frozen=True, slots=True)
class _Sentence:
    words: str
    word_set: frozenset[str]
    numbers: frozenset[str]
    short: bool  # a bulletin's story, not a sentence of a long detail story


def _series(item: EventItem) -> str:
    """The article's series: its title without dates and numbers."""
    return _SERIES_NOISE.sub("", fold_text(item.series))


def _openings(item: EventItem) -> tuple[str, str]:
    """The headline and first sentence, and the first sentence alone, as compared."""
    first = _first_sentence(item)
    return _compared(item.headline + first), _compared(first)


def _sentences(item: EventItem) -> tuple[_Sentence, ...]:
    """The sentences of its story as compared: only a bulletin's stories and a detail story
    are matched sentence by sentence (`_sentence_score`); an item's own body names other
    events too. A bulletin's story is short (`_Sentence.short`); a detail story's lead is
    not."""
    told = [(piece, item.story > 0) for piece in
            _SENTENCE_SPLIT.split(item.body if is_label(item.headline) else "")]
    told += [(piece, False) for piece in _SENTENCE_SPLIT.split(item.detail)]
    sentences = []
    for piece, short in told:
        folded_piece = fold_text(_OCCASION.sub("", piece, count=1))
        if len(folded_piece) >= _MIN_MATCHED_CHARS:
            words = _words(folded_piece)
            sentences.append(_Sentence(words, frozenset(words.split()), _facts(piece), short))
    return tuple(sentences)


def _features(item: EventItem, *, sentences: bool = True) -> _Features:
    """What the rules compare of an item; without its story's sentences (`_sentences`,
    the costly part) where no rule between series will read them."""
    folded = fold_text(item.headline)
    opening, first = _openings(item)
    first_sentence = _first_sentence(item)
    headline = _words(folded)
    label = is_label(item.headline)
    return _Features(
        headline=headline, opening=opening, first=first,
        numbers=_facts(item.headline + first_sentence),
        head_numbers=_facts(item.headline),
        label=label,
        folded=folded, series=_series(item),
        documents=frozenset(item.documents),
        head_words=frozenset(w for w in headline.split() if len(w) >= _CONTENT_WORD_CHARS),
        head_set=frozenset(headline.split()),
        sentences=_sentences(item) if sentences else (), actor=_actor(folded),
        counterpart=_counterpart(folded),
        region=item.region_adcode,
        speakers=speakers(item.body if label else item.headline),
        conference=conference_bodies("\n".join((item.headline, first_sentence, item.detail))),
    )


def _different_facts(a: frozenset[str], b: frozenset[str]) -> bool:
    """Does each text state a number the other does not? Then they report different
    occurrences of one kind of news (央行3月5日开展500亿元逆回购 and 3月6日开展2000亿元),
    however alike their words; a paraphrase drops numbers or rounds them (超25亿 for
    25.22亿: `_rounds_to`), it does not change them."""
    own_a, own_b = a - b, b - a
    if not (own_a and own_b):
        return False
    return (any(not any(_rounds_to(x, y) for y in own_b) for x in own_a)
            and any(not any(_rounds_to(y, x) for x in own_a) for y in own_b))


def _rounds_to(x: str, y: str) -> bool:
    """Is one of the figures the other written shorter, rounded or cut (25 for 25.22 or
    25.6, 1.4 for 1.39), with at least `_ROUNDED_DIGITS` digits?

    >>> _rounds_to("25", "25.22"), _rounds_to("1.39", "1.4"), _rounds_to("13", "12.5")
    (True, True, True)
    >>> _rounds_to("2", "2.5"), _rounds_to("0.1", "0.05"), _rounds_to("26", "25.22")
    (False, False, False)
    """
    if not (x[:1].isdigit() and y[:1].isdigit()):
        return False  # an ordinal (第四) is the same or another
    if max(len(x), len(y)) > _FIGURE_CHARS:
        return False  # no figure a digest rounds (a document number, a run of digits)
    # Rounding moves the whole part by one at most: most pairs of figures end here, which
    # matters where market reports of dozens of figures each meet every report of the window.
    if abs(int(x.partition(".")[0]) - int(y.partition(".")[0])) > 1:
        return False
    short, full = sorted((x, y), key=lambda figure: (_decimals(figure), len(figure)))
    # Significant digits: 0.1 is one digit, however many zeros lead it.
    digits = sum(c.isdigit() for c in short.lstrip("0."))
    if _decimals(short) == _decimals(full) or digits < _ROUNDED_DIGITS:
        return False
    places, value = Decimal(1).scaleb(-_decimals(short)), Decimal(full)
    return Decimal(short) in (value.quantize(places, ROUND_HALF_UP),
                              value.quantize(places, ROUND_DOWN))


def _decimals(figure: str) -> int:
    return len(figure.partition(".")[2])


def _sentence_score(a: _Features, b: _Features) -> float:
    """How well a's headline matches a sentence of b's story, a bulletin's (国内联播快讯：
    (1)…(2)…) or the detail story a summary item is told in (`details`): the best score
    over its sentences that share two content words with the headline, state no figure it
    contradicts and reach `SENTENCE_SCORE`, or for a bulletin's story
    `NAMED_SENTENCE_SCORE` with a name in common (`_shares_a_name`); 0 if none does."""
    if a.label or len(a.folded) < _MIN_MATCHED_CHARS or len(a.head_words) < _SHARED_WORDS:
        return 0.0
    best = 0.0
    for sentence in b.sentences:
        if len(a.head_words & sentence.word_set) < _SHARED_WORDS:
            continue
        if _different_facts(a.head_numbers, sentence.numbers):
            continue
        score = fuzz.token_set_ratio(a.headline, sentence.words)
        # A detail story's long sentences name much besides its event (其间出席某峰会,
        # 某产业链全球最大): a name in common lowers the bar only for a bulletin's stories.
        if score >= SENTENCE_SCORE or (
            sentence.short and score >= NAMED_SENTENCE_SCORE
            and _shares_a_name(a.folded, sentence.words)
        ):
            best = max(best, score)
    return best


def _shares_a_name(folded: str, words: str) -> bool:
    """Do the two texts write one run of `_NAME_CHARS` Chinese characters or more (a name,
    a title: 世界某某大会, 食品药品某某赔偿), not broken by a figure?

    >>> _shares_a_name("某市世界某某大会开幕", "世界某某大会开幕 新品亮相")
    True
    >>> _shares_a_name("某会将于9月中旬在京举行", "某论坛将于9月中下旬举办")
    False
    """
    return bool(_shared_name(folded, words.replace(" ", "")))


def _slot_difference(a: _Features, b: _Features) -> bool:
    """One headline template with other names in it (see `_SLOT_CHARS`)."""
    words_a, words_b = a.head_set, b.head_set
    # A word of one written inside a word of the other (会谈 in 举行会谈) is no other name.
    own_a = {w for w in words_a - words_b if w not in b.folded}
    own_b = {w for w in words_b - words_a if w not in a.folded}
    return (0 < sum(map(len, own_a)) <= _SLOT_CHARS and 0 < sum(map(len, own_b)) <= _SLOT_CHARS
            and len(words_a & words_b) >= _TEMPLATE_WORDS)


def _vetoed(a: _Features, b: _Features) -> bool:
    """Never one event, whatever their scores: two people's acts (赵某会见… and 李某会见…),
    one person meeting two others (…会见甲国总统 and …会见乙国总统), one series' template
    with other names in it (深交所终止对甲公司…审核 and …对乙公司…)."""
    return bool(
        (a.actor and b.actor and a.actor != b.actor)
        or _other_counterparts(a, b)
        or (bool(a.series) and a.series == b.series and _slot_difference(a, b))
    )


def _other_counterparts(a: _Features, b: _Features) -> bool:
    """Two meetings with other people: neither one's counterpart named elsewhere in the
    other's headline (甲国 and 乙国, 几内亚 and 赤道几内亚; not 某国总统某某 and 某某总统,
    one meeting written two ways)."""
    if not (a.counterpart and b.counterpart) or a.counterpart == b.counterpart:
        return False
    rest_a = a.folded.replace(a.counterpart, "")
    rest_b = b.folded.replace(b.counterpart, "")
    return a.counterpart not in rest_b and b.counterpart not in rest_a


def _incompatible(a: _Features, b: _Features) -> bool:
    """Never in one event, also through a third report: `_vetoed`, headlines stating other
    figures, or regions that disagree."""
    return (_vetoed(a, b) or _different_facts(a.head_numbers, b.head_numbers)
            or not _regions_agree(a.region, b.region))


def _score(a: _Features, b: _Features, i: int, j: int, days: int) -> _Pair | None:
    """The link two entries make by the first rule that holds (module docstring), or None;
    a is the earlier by `days` (0: the same day)."""
    if _vetoed(a, b):
        return None
    if a.documents & b.documents:
        return _Pair(100.0, "document", i, j)
    same_series = bool(a.series) and a.series == b.series
    if same_series and days and a.folded == b.folded:
        return None  # one series repeating a headline on another day: a column's name
    different_openings = _different_facts(a.numbers, b.numbers)
    if not (a.label or b.label or _different_facts(a.head_numbers, b.head_numbers)):
        headline = fuzz.token_set_ratio(a.headline, b.headline)
        # In one series, figures that differ in the first sentences make two occurrences of
        # one kind of news (某地股指收盘上涨 on two days), unless the headlines are
        # near-copies: alike as wholes, not one inside the other (债市收跌 and 债市收跌，
        # 某国收益率跌7个基点…, which token_set_ratio scores 100). Between series they do
        # not: two reports of one earthquake give its magnitude and its toll.
        if headline >= (SERIES_HEADLINE_SCORE if same_series else HEADLINE_SCORE) and (
            not (same_series and different_openings)
            or fuzz.token_sort_ratio(a.headline, b.headline) >= NEAR_COPY_SCORE
        ) and (same_series or _held_share(a, b) >= HELD_SHARE):
            return _Pair(round(headline, 1), "headline", i, j)
    if not same_series:
        # Between series only: one series' issues retell recurring stories in its own words.
        sentence = max(_sentence_score(a, b), _sentence_score(b, a))
        if sentence:
            return _Pair(round(sentence, 1), "sentence", i, j)
    opening_a = a.first if a.label else a.opening
    opening_b = b.first if b.label else b.opening
    if not different_openings and min(opening_a.count(" "), opening_b.count(" ")) + 1 >= (
        _OPENING_WORDS
    ):
        opening = fuzz.token_set_ratio(opening_a, opening_b)
        if opening >= OPENING_SCORE:
            return _Pair(round(opening, 1), "opening", i, j)
    if not same_series and days <= STATEMENT_DAYS:
        # One is a statement of a body (某部表示…) at a press conference the other reports:
        # the evening bulletin may report either the day before the morning brief does.
        if b.speakers & a.conference:
            return _Pair(100.0, "statement", i, j, statement=j)
        if a.speakers & b.conference:
            return _Pair(100.0, "statement", i, j, statement=i)
    return None


def _held_share(a: _Features, b: _Features) -> float:
    """The larger share of one headline's content words (two characters or more, not
    figures) that the other headline writes, as a word or inside one (jieba cuts a name
    differently in two texts); 1 where neither has any.

    >>> from extractor.corpus.events import EventItem as Item
    >>> long = _features(Item("a", 1, "某协会称将于10月在甲市召开2024第七届某产业大会"))
    >>> short = _features(Item("b", 1, "2024年中国某文明大会在乙市举行"))
    >>> round(_held_share(long, short), 2)
    0.25
    """
    shares = []
    for one, other in ((a, b), (b, a)):
        words = [w for w in one.head_words if not w.isdigit()]
        if words:
            shares.append(sum(w in other.folded for w in words) / len(words))
    return max(shares, default=1.0)


def _may_follow(a: _Features, b: _Features) -> bool:
    """May b, of one series and a day or two later, be a's follow-up (`followups`)? Not where
    the linker's vetoes hold, where their openings state other figures (the same story of two
    days: 某油田日产量下降3万桶 and 下降5万桶), where the headline is the same (a column), or
    where each names documents and none the other's (中共中央印发《某条例》 and 印发《某规划》)."""
    return not (_incompatible(a, b) or _different_facts(a.numbers, b.numbers)
                or a.folded == b.folded
                or (a.documents and b.documents and a.documents.isdisjoint(b.documents)))


def _follow_up_words(item: EventItem, feature: _Features) -> list[str]:
    """The words of its headline and first sentence a follow-up is found by: two characters
    or more, not figures, and not those of a column's label the headline opens with
    (某地实践：…, 【新闻特写】…), which every part of a series writes."""
    label = _HEADLINE_LABEL.match(normalize_width(item.headline))
    column = set(_compared(label.group()).split()) if label else set()
    return [word for word in feature.opening.split()
            if len(word) >= _CONTENT_WORD_CHARS and not word.isdigit() and word not in column]


def _rarity_words(item: EventItem) -> list[str]:
    """The words the ``words`` rule weighs (`rarity`): of the headline, the first sentence,
    a bulletin story's text and the detail lead, two characters or more and not figures
    (which recur in every report of one kind of news)."""
    # A story's first sentence is its text's: read once. Each part is cut on its own, so that
    # no word runs across two.
    told = item.body if item.story else _first_sentence(item)
    return [word for part in (item.headline, told, item.detail)
            for word in lcut(fold_text(part))
            if len(word) >= _CONTENT_WORD_CHARS and not word.isdigit()]


@dataclass(frozen=True, slots=True)
class _CorpusWords:
    """What the first reading of all items finds, for scoring any pair: the headlines a
    series prints on two days or more (columns: 推动高质量发展系列主题新闻发布会, 债市综述),
    no headline evidence for any pair, like a bulletin's label; and the words a large share
    of all entries open with (央视网 消息 新闻联播, a dateline's 记者 and 报道), left out of
    openings: shared by everything, they make every two openings look alike."""

    columns: frozenset[bytes]  # `_column_key` of each column
    boilerplate: frozenset[str]
    # Does the corpus hold two series (or an article of none)? Only then can ``words`` link.
    several_series: bool
    # Of `_rarity_words` over every item, counted only then (`_word_frequencies`).
    frequencies: DocumentFrequencies | None = None

    def finish(self, feature: _Features) -> _Features:
        """The features as compared: a column's headline no evidence, no boilerplate."""
        if feature.series and _column_key(feature.series, feature.folded) in self.columns:
            feature = replace(feature, label=True)
        if self.boilerplate:
            common = self.boilerplate
            feature = replace(feature, opening=_dropped(feature.opening, common),
                              first=_dropped(feature.first, common))
        return feature


def _first_reading(units: Iterable[EventItem]) -> _CorpusWords:
    """Columns and boilerplate (`_CorpusWords`) over every item, holding a hash and a day
    per headline, a count per word and the series' names, not the items."""
    first_day: dict[bytes, dt.date | None] = {}  # None once seen on a second day
    counts: Counter[str] = Counter()
    names: set[str] = set()
    total = 0
    for unit in units:
        headline = fold_text(unit.headline)
        series = _series(unit)
        names.add(series)
        day = _day(unit.date)
        if series and day is not None:
            key = _column_key(series, headline)
            seen = first_day.setdefault(key, day)
            if seen is not None and seen != day:
                first_day[key] = None
        opening, first = _openings(unit)
        counts.update(set(opening.split()) | set(first.split()))
        total += 1
    common: frozenset[str] = frozenset()
    if total >= _BOILERPLATE_MIN_ENTRIES:
        limit = _BOILERPLATE_SHARE * total
        common = frozenset(word for word, n in counts.items() if n > limit)
    columns = frozenset(key for key, day in first_day.items() if day is None)
    return _CorpusWords(columns, common, several_series=len(names) > 1 or "" in names)


def _word_frequencies(units: Iterable[EventItem]) -> DocumentFrequencies:
    """The document counts of `_rarity_words` over every item: a reading of its own, made
    only where the corpus holds two series, since cutting every detail lead into words is
    costly."""
    frequencies = DocumentFrequencies()
    for unit in units:
        frequencies.add(_rarity_words(unit))
    return frequencies


def _column_key(series: str, headline: str) -> bytes:
    """A series' headline as 8 bytes: what the first reading keeps of each (a stable digest,
    so that a collision, however unlikely, gives the same tables on every run)."""
    return hashlib.blake2b(f"{series}\x00{headline}".encode(), digest_size=8).digest()


def _dropped(words: str, common: frozenset[str]) -> str:
    return " ".join(w for w in words.split() if w not in common)


def _content_words(feature: _Features) -> tuple[frozenset[str], frozenset[str]]:
    """The words of two characters or more the rules compare, and the documents' keys: those
    of the headline and opening, and those with the sentences of its story and the bodies
    of its statement or conference added (which only the rules between series read)."""
    own = set(feature.head_words) | set(feature.documents)
    own.update(w for w in f"{feature.opening} {feature.first}".split()
               if len(w) >= _CONTENT_WORD_CHARS)
    told = set(own)
    # A key no word can be: a control character and the body's name.
    told.update(f"\x00{body}" for body in feature.speakers | feature.conference)
    for sentence in feature.sentences:
        told.update(w for w in sentence.word_set if len(w) >= _CONTENT_WORD_CHARS)
    return frozenset(own), frozenset(told)


@dataclass(slots=True)
class _Recent:
    """An item inside the window of the ones read after it; its story's sentences and its
    weighted words are read the first time an item of another series meets it
    (`told_words`, `weighted`)."""

    index: int
    day: dt.date
    unit: EventItem
    features: _Features
    own: frozenset[str]
    told: frozenset[str] | None = None
    vector: dict[str, float] | None = None

    def told_words(self, frequencies: DocumentFrequencies | None) -> frozenset[str]:
        """The content words with its story's sentences', which it now has in its features,
        and, where the ``words`` rule reads them, its weighted words: a pair sharing none of
        these no rule links."""
        if self.told is None:
            self.features = replace(self.features, sentences=_sentences(self.unit))
            self.told = _content_words(self.features)[1]
            if frequencies is not None:
                self.told |= self.weighted(frequencies).keys()
        return self.told

    def weighted(self, frequencies: DocumentFrequencies) -> dict[str, float]:
        """Its `_rarity_words` as a TF-IDF vector (`rarity`)."""
        if self.vector is None:
            self.vector = frequencies.vector(_rarity_words(self.unit))
        return self.vector


def _windowed_pairs(units: Iterable[EventItem], corpus: _CorpusWords) -> list[_Pair]:
    """Every pair that reaches a score, among dated entries of different articles within the
    window whose regions agree, read in order of day: only the window's features are held
    (and for follow-ups, `followups.FollowUps`, the words of the days around). The
    ``follow-up`` and ``words`` rules come last: within a series, entries a day or two apart
    that share rare words; between series, a day apart at most, entries no other rule links
    that are each other's best match between their articles (`rarity`)."""
    window = dt.timedelta(days=WINDOW_DAYS)
    words_window = dt.timedelta(days=WORDS_WINDOW_DAYS)
    recent: deque[_Recent] = deque()
    pairs: list[_Pair] = []
    matches: list[Match] = []
    follow_ups = FollowUps(_may_follow)
    followed: list[tuple[int, int]] = []
    last: dt.date | None = None
    for index, unit in enumerate(units):
        day = _day(unit.date)
        if day is None:
            continue  # no day, nothing to link on
        if last is not None and day < last:
            raise ValueError(f"event items must come in order of day: {unit.date} after {last}")
        last = day
        while recent and day - recent[0].day > window:
            recent.popleft()
        features = corpus.finish(_features(unit, sentences=False))
        current = _Recent(index, day, unit, features, _content_words(features)[0])
        followed += follow_ups.add(
            index, day, features.series, unit.article, _follow_up_words(unit, features),
            eligible=not (unit.story or features.label), features=features)
        for earlier in recent:
            # Every rule needs a content word in common (or a document): a C-speed set test
            # rules out nearly all pairs before any scoring. Within one series only the
            # headline and opening count: the sentence rule is between series.
            series = current.features.series
            same_series = bool(series) and series == earlier.features.series
            if same_series:
                if current.own.isdisjoint(earlier.own):
                    continue
            elif current.told_words(corpus.frequencies).isdisjoint(
                earlier.told_words(corpus.frequencies)
            ):
                continue
            if earlier.unit.article == unit.article or not _regions_agree(
                earlier.unit.region_adcode, unit.region_adcode
            ):
                continue
            pair = _score(earlier.features, current.features, earlier.index, index,
                          (day - earlier.day).days)
            if pair is not None:
                pairs.append(pair)
            frequencies = corpus.frequencies
            if frequencies is None or same_series or day - earlier.day > words_window or (
                _incompatible(earlier.features, current.features)
            ):
                continue
            score = 100 * cosine(earlier.weighted(frequencies), current.weighted(frequencies))
            if score >= WORDS_SCORE:
                matches.append(Match(round(score, 1), earlier.index, index,
                                     earlier.unit.article, unit.article))
        recent.append(current)
    linked = {(pair.first, pair.second) for pair in pairs}
    followed += follow_ups.finish()
    pairs += [_Pair(100.0, "follow-up", first, second) for first, second in followed
              if (first, second) not in linked]
    linked.update(followed)
    pairs += [_Pair(match.score, "words", match.first, match.second)
              for match in mutual_best(matches) if (match.first, match.second) not in linked]
    return pairs


class _Groups:
    """Union-find over the indexes of linked items that keeps each group's articles."""

    def __init__(self, items: dict[int, EventItem], features: dict[int, _Features]) -> None:
        self.parent = {i: i for i in items}
        self.articles = {i: {item.article} for i, item in items.items()}
        self.members = {i: [i] for i in items}
        self.features = features
        self.items = items

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, *, only_alone: bool = False, adds_one: bool = False,
             one_of_many: int | None = None) -> bool:
        """Merge the groups of i and j unless they share an article (but where `one_of_many`,
        i or j, is alone: one of a digest's several reports of the event joins it) or any
        two of their members of different articles are never one event (`_incompatible`: a
        chain of links must not join 会见甲国总统 and 会见乙国总统 through a third report;
        one digest's reports of one event differ as they please), or, `only_alone`, either
        is in a group already, or, `adds_one`, both are; was a merge made?"""
        a, b = self.find(i), self.find(j)
        if a == b:
            return False
        if adds_one and len(self.members[a]) > 1 and len(self.members[b]) > 1:
            return False
        if self.articles[a] & self.articles[b] and (
            one_of_many is None or len(self.members[self.find(one_of_many)]) > 1
        ):
            return False
        if only_alone and (len(self.members[a]) > 1 or len(self.members[b]) > 1):
            return False
        features, items = self.features, self.items
        if any(_incompatible(features[x], features[y])
               for x in self.members[a] for y in self.members[b]
               if items[x].article != items[y].article):
            return False
        keep, gone = min(a, b), max(a, b)
        self.parent[gone] = keep
        self.articles[keep] |= self.articles[gone]
        self.members[keep] += self.members[gone]
        return True


EventTables = tuple[list[CorpusEvent], list[EventMember], list[EventLink]]


def link_events(items: Iterable[EventItem]) -> EventTables:
    """Group entries of many articles into events (`link_event_stream`, over items in
    memory, in any order)."""
    listed = sorted(items, key=lambda item: item.date or "")
    return link_event_stream(lambda: listed)


def link_event_stream(read: Callable[[], Iterable[EventItem]]) -> EventTables:
    """Group entries of many articles into events, reading them three or four times from
    `read`, which gives the same items in the same order each time, dated ones in order of
    day: once for columns and boilerplate, once for the words' document counts where the
    corpus holds two series, once for the pairs within the window (which also keeps the
    retrospective lists' entries, `_period_pairs`), once for the items linked. What is held
    is a window's features, 8 bytes per headline, a count per word, the lists' entries and
    the linked items, not every item. Returns one `CorpusEvent` per event reported by two
    or more articles (sorted by id), its members (by event, then article and seq) and the
    links that joined them (by event, then in the order they were made: best score first,
    ``statement``, ``follow-up``, ``words`` and ``period-words`` links last, in that
    order)."""
    def units() -> Iterator[EventItem]:
        return (story for item in read() for story in stories(item))

    corpus = _first_reading(units())
    if corpus.several_series:
        corpus = replace(corpus, frequencies=_word_frequencies(units()))
    periodic: list[tuple[int, EventItem]] = []
    pairs = _windowed_pairs(_noting_periods(units(), periodic), corpus)
    pairs += _period_pairs(periodic, corpus, {(pair.first, pair.second) for pair in pairs})
    wanted = {i for pair in pairs for i in (pair.first, pair.second)}
    listed: dict[int, EventItem] = {}
    features: dict[int, _Features] = {}
    for index, unit in enumerate(units()):
        if index in wanted:
            listed[index] = unit
            # Grouping reads no sentences (`_incompatible`): none are cut.
            features[index] = corpus.finish(_features(unit, sentences=False))

    # Best score first; ties by the entries' keys, not their input order, so that the same
    # entries give the same events whatever order the articles came in.
    def key(item: EventItem) -> tuple[str, int, int]:
        return item.article, item.seq, item.story

    # The ``statement`` and ``follow-up`` rules' scores say nothing (100 where they hold) and
    # the ``words`` and ``period-words`` rules' (cosines) are on no scale with the others':
    # their pairs come after every other rule's, whatever their scores, the weakest last.
    pairs.sort(key=lambda p: (_LATE_RULES.index(p.rule) if p.rule in _LATE_RULES else -1,
                              -p.score, sorted((key(listed[p.first]), key(listed[p.second])))))
    groups = _Groups(listed, features)
    # The weakest evidence pairs two entries no other link has placed; it never adds to an
    # event, where one wrong link would join every member to the wrong entry. Lists' words
    # add an entry to an event (a third list's name for it) but never merge two events. A
    # statement joins its conference's event even where its digest is in it already: that
    # digest reports the conference's statements one by one.
    made = [pair for pair in pairs
            if groups.join(pair.first, pair.second, only_alone=pair.rule == "words",
                           adds_one=pair.rule == "period-words", one_of_many=pair.statement)]
    grouped: dict[int, list[int]] = defaultdict(list)
    for i in sorted(listed):
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
        EventMember(article=listed[i].article, seq=listed[i].seq, story=listed[i].story,
                    event_id=event_of[i])
        for i in sorted(event_of, key=lambda i: (order[event_of[i]], key(listed[i])))
    ]
    links = []
    for pair in made:
        one, other = sorted((listed[pair.first], listed[pair.second]), key=key)
        links.append(EventLink(
            event_id=event_of[pair.first], article=one.article, seq=one.seq, story=one.story,
            linked_article=other.article, linked_seq=other.seq, linked_story=other.story,
            rule=pair.rule, score=pair.score,
        ))
    links.sort(key=lambda link: order[link.event_id])  # stable: best score first within
    return events, members, links


def _noting_periods(units: Iterable[EventItem], periodic: list[tuple[int, EventItem]]
                    ) -> Iterator[EventItem]:
    """The units as they come, noting in `periodic` those of retrospective lists with their
    indexes: the reading for the window collects them, so that they cost no reading of
    their own."""
    for index, unit in enumerate(units):
        if unit.period:
            periodic.append((index, unit))
        yield unit


def _period_pairs(listed: Sequence[tuple[int, EventItem]], corpus: _CorpusWords,
                  known: set[tuple[int, int]]) -> list[_Pair]:
    """The pairs of retrospective lists' entries (`EventItem.period`) of different articles
    whose periods hold one another, one of them coarser than a day (2008 holds 2008-03-14;
    a year's top news are dated to the year, the month or the day, and their pages long
    after; two days are the window's), and that a rule between series links as on one day
    (not ``statement``: a conference and a statement a year apart are two), the ``period``
    rule or, last, the ``period-words`` rule (`_period_words`), but for those the window
    found (`known`). An entry meets only the entries of its year that share a word of their
    headlines and openings, or a pair of characters, which not every tenth entry of the
    year writes."""
    by_year: defaultdict[str, list[tuple[int, EventItem]]] = defaultdict(list)
    for index, unit in listed:
        by_year[unit.period[:4]].append((index, unit))
    pairs: list[_Pair] = []
    for entries in by_year.values():
        if not any(len(unit.period) < DAY_CHARS for _, unit in entries):
            continue
        features = {index: corpus.finish(_features(unit)) for index, unit in entries}
        common = max(_PERIOD_COMMON_MIN, _BOILERPLATE_SHARE * len(entries))
        year = list(features.values())
        words = {index: _content_words(feature)[0] for index, feature in features.items()}
        found = []
        for first, second in _period_candidates(entries, words.__getitem__, common):
            if (first, second) in known:
                continue
            pair = _score(features[first], features[second], first, second, 0)
            if pair is not None and pair.rule == "statement":
                pair = None
            if pair is None and _named_alike(features[first], features[second], year):
                # A list names an event in few words, each its own (3月14日，拉萨发生打砸抢烧
                # 暴力事件 / 拉萨发生“3·14”打砸抢烧暴力犯罪事件).
                pair = _Pair(round(fuzz.token_set_ratio(features[first].headline,
                                                        features[second].headline), 1),
                             "period", first, second)
            if pair is not None:
                found.append(pair)
        linked = known | {(pair.first, pair.second) for pair in found}
        pairs += found + _period_words(entries, features, common, linked)
    return pairs


def _period_candidates(entries: Sequence[tuple[int, EventItem]],
                       keys: Callable[[int], Iterable[str]], common: float
                       ) -> list[tuple[int, int]]:
    """The pairs (by index, in order) of a year's lists' entries of different articles
    whose periods hold one another, one coarser than a day, and whose regions agree, that
    share a key (a word, a pair of characters) no more than `common` entries write."""
    unit_of = dict(entries)
    by_key: defaultdict[str, list[int]] = defaultdict(list)
    for index, _ in entries:
        for key in set(keys(index)):
            by_key[key].append(index)
    candidates = {
        (a, b) for indexes in by_key.values() if len(indexes) <= common
        for a, b in combinations(indexes, 2)
        if unit_of[a].article != unit_of[b].article
        and min(len(unit_of[a].period), len(unit_of[b].period)) < DAY_CHARS
    }
    return [(a, b) for a, b in sorted(candidates)
            if (unit_of[a].period.startswith(unit_of[b].period)
                or unit_of[b].period.startswith(unit_of[a].period))
            and _regions_agree(unit_of[a].region_adcode, unit_of[b].region_adcode)]


def _period_words(entries: Sequence[tuple[int, EventItem]], features: Mapping[int, _Features],
                  common: float, linked: set[tuple[int, int]]) -> list[_Pair]:
    """The ``period-words`` pairs of a year's lists' entries no other rule links, in lists
    of `PERIOD_WORDS_MAX_ENTRIES` entries of the year at most: entries whose headlines share
    a pair of Chinese characters, each the other's closest in its list (`rarity.mutual_best`)
    by the pairs of characters of their headlines, first sentences and detail leads,
    weighted by how rare they are among those lists' entries of the year, at a cosine of
    `PERIOD_WORDS_SCORE` or more, with nothing making them two events (`_incompatible`).
    A list names an event in its headline, in its own few words (冰雪灾害 / 南方雪灾 /
    雨雪冰冻灾害): the characters, not jieba's words, are what two names share. Texts that
    share only their bodies' words share a topic (two lists' entries on a year's elections
    and on a region's politics), and on lists of random words they pair by chance."""
    sizes = Counter(unit.article for _, unit in entries)
    entries = [(index, unit) for index, unit in entries
               if sizes[unit.article] <= PERIOD_WORDS_MAX_ENTRIES]
    grams = {index: _character_pairs(unit) for index, unit in entries}
    frequencies = DocumentFrequencies()
    for told in grams.values():
        frequencies.add(told)
    vectors = {index: frequencies.vector(told) for index, told in grams.items()}
    heads = {index: _character_pairs(unit, headline_only=True) for index, unit in entries}
    unit_of = dict(entries)
    matches = []
    for first, second in _period_candidates(entries, heads.__getitem__, common):
        if _incompatible(features[first], features[second]):
            continue
        score = 100 * cosine(vectors[first], vectors[second])
        matches.append(Match(round(score, 1), first, second,
                             unit_of[first].article, unit_of[second].article))
    # Linked pairs compete too (as in the ``words`` rule): an entry's closest in a list it
    # is linked to already is that link's entry, no other.
    return [_Pair(match.score, "period-words", match.first, match.second)
            for match in mutual_best(matches)
            if match.score >= PERIOD_WORDS_SCORE and (match.first, match.second) not in linked]


def _character_pairs(item: EventItem, *, headline_only: bool = False) -> list[str]:
    """Every two successive Chinese characters of the headline, the first sentence (a
    story's text) and the detail lead, folded (not across a figure or a mark); of the
    headline alone where `headline_only`."""
    parts: tuple[str, ...] = (item.headline,)
    if not headline_only:
        parts += (item.body if item.story else _first_sentence(item), item.detail)
    return [run[start:start + 2] for part in parts
            for run in _HAN_RUN.findall(fold_text(part)) for start in range(len(run) - 1)]


def _named_alike(a: _Features, b: _Features, year: Sequence[_Features]) -> bool:
    """Do two lists' headlines share a name of `_NAME_CHARS` characters that no other entry
    of the year writes (an event's, not a body's or a meeting's: 国务院常务会议 heads many
    entries of a chronicle) and half the words of one (`HELD_SHARE`), with nothing that
    makes them two events (`_incompatible`)?"""
    if a.series == b.series or _held_share(a, b) < HELD_SHARE or _incompatible(a, b):
        return False
    name = _shared_name(a.folded, b.folded)
    return bool(name) and sum(name in other.folded for other in year) <= 2


def _shared_name(one: str, other: str) -> str:
    """The longest run of Chinese characters both texts write, if it is `_NAME_CHARS` long
    or more (`_shares_a_name`); else empty."""
    # Anything else stands for a different mark in each text: no run crosses it.
    one, other = _NOT_HAN.sub("\x00", one), _NOT_HAN.sub("\x01", other)
    match = SequenceMatcher(None, one, other, autojunk=False).find_longest_match(
        0, len(one), 0, len(other))
    return one[match.a:match.a + match.size] if match.size >= _NAME_CHARS else ""


def _event(items: Mapping[int, EventItem], group: Sequence[int], min_score: float
           ) -> CorpusEvent:
    members = sorted(group, key=lambda i: (items[i].date or items[i].period, items[i].article,
                                           items[i].seq, items[i].story))
    keys = sorted(_member_key(items[i]) for i in members)
    written = {items[i].date or items[i].period for i in members}
    # A list's coarser date that holds a member's more precise one (2008 and 2008-03-14)
    # says less of when the event was: the precise one bounds it.
    dates = sorted(date for date in written
                   if not any(other != date and other.startswith(date) for other in written))
    region_name, region_adcode = _common_region([items[i] for i in members])
    return CorpusEvent(
        event_id="E" + hashlib.sha1("\n".join(keys).encode("utf-8")).hexdigest()[:12],
        headline=_shown_headline(items[members[0]]), first_date=dates[0], last_date=dates[-1],
        region_name=region_name, region_adcode=region_adcode, entry_count=len(members),
        article_count=len({items[i].article for i in members}), min_score=min_score,
    )


def _member_key(item: EventItem) -> str:
    """`article#seq`, and `(n)` for a bulletin's story: what an event's id is hashed from."""
    return f"{item.article}#{item.seq}" + (f"({item.story})" if item.story else "")


def _shown_headline(item: EventItem) -> str:
    """The headline an event shows: its member's, or for a bulletin's story its first
    sentence (the bulletin's label says nothing of it), without the Markdown bold a
    headline keeps as written (`**某部表示，…`) or a page's pinyin glosses (`發(fā)生`), and on
    one line (a two-line heading, `某报评论员文章：⏎⏎论…`): a table's reader sees no markup
    and no breaks."""
    shown = item.headline
    if item.story:
        shown = _SENTENCE_SPLIT.split(item.body.strip(), maxsplit=1)[0].strip() or shown
    return _BLANKS.sub(" ", PINYIN_GLOSS.sub("", shown.replace(_MARKDOWN_BOLD, ""))).strip()


def _common_region(members: Sequence[EventItem]) -> tuple[str | None, str | None]:
    """The region inside every other member's region (the most specific one all agree
    with), or none where the members' regions do not nest."""
    named = sorted({(m.region_adcode, m.region_name or "") for m in members if m.region_adcode})
    for adcode, name in named:
        if all(_holds(other, adcode) for other, _ in named):
            return name or None, adcode
    return None, None
