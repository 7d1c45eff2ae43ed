"""Target facts: the year a quantity is to be reached by, and the metric it measures.

`year` comes from a deadline in the same sentence before the quantity (到2025年, 至2025年底,
2025年前), taken from the date extractor's `deadline` mentions and, because that extractor may
not find every form, from a small deadline pattern here; failing that, from the plan period end
of a document that governs the sentence (根据《行动计划(2022-2024年)》... -> 2024). `metric` is
the noun phrase the quantity measures, as written, cut at word boundaries found by jieba on a
small window around the quantity (never on the whole text).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import Any

from extractor.extract.targets import target_mention
from extractor.models import DateMention, DocumentMention, EntrySpan, TargetMention
from extractor.tokenizer import lcut

# A sentence ends here: a deadline or a document never reaches across these.
_SENTENCE_END = "。!！?？\n\r"
# Greedy: everything up to and including the last sentence end of the window.
_UP_TO_LAST_SENTENCE_END = re.compile(f"(?s:.*)[{_SENTENCE_END}]")
# A clause ends here: a metric never reaches across these.
_CLAUSE_END = frozenset(",，。;；:：!！?？、\n\r()（）《》“”\"")
_CLAUSE_END_RE = re.compile(f"[{re.escape(''.join(sorted(_CLAUSE_END)))}]")
# Greedy: everything up to and including the last clause end of the window.
_UP_TO_LAST_CLAUSE_END = re.compile(f"(?s:.*){_CLAUSE_END_RE.pattern}")

# 到2025年 / 至2025年底 / 力争在2025年 / 2025年前 / 2025年底前: a deadline. 截至2022年底 is a
# statistics date ("as of"), not a deadline, hence the guard before 至.
_DEADLINE = re.compile(
    r"(?:(?:到|(?<!截)至|力争在|争取在|力争|争取|预计在|计划在|目标在)\s?(?P<a>20\d\d)年"
    r"|(?P<b>20\d\d)年(?:底|末)?(?:前|以前|之前))"
)
# What every `_DEADLINE` match holds (same `\d`: any Unicode digit).
_YEAR = re.compile(r"20\d\d年")
# The longest a deadline runs before its 20xx年: 力争在 and one whitespace character.
_DEADLINE_LEAD = 4
# 《...(2022-2024年)》 or 《...(2023—2025)》: the plan period, of which the end is wanted.
_PERIOD = re.compile(r"(?:19|20)\d\d\s*[-—–~至到]\s*(?P<end>(?:19|20)\d\d)")
# A sentence that refers back to the entry's plan without naming it: 根据规划, 该计划提出.
_PLAN_REFERENCE = re.compile(
    r"(?:\d{4}年\d{1,2}月\d{1,2}日[,，]?)?(?:根据|按照|依据|该|这一|此|其)?"
    r"(?:行动计划|计划|规划|方案|意见|文件|政策|纲要)"
)
# Verbs that begin the object a quantity counts: the metric starts after them.
# 培育|元宇宙核心企业200多家, 推动|城市电子信息产业规模超过1.8万亿元.
LEFT_STOP_WORDS = frozenset((
    "培育", "建设", "打造", "引进", "新建", "孵化", "推动", "促进", "力争",
    "争取", "实现", "发展", "提出", "支持", "给予", "形成", "建成", "创建",
    "创造", "带动", "吸引", "集聚", "聚集", "签约", "落地", "完成", "开展",
    "布局", "构建", "探索", "率先", "计划", "预计", "提供", "安排", "设立",
    "新增", "累计", "共", "合计", "总计", "共计", "拥有", "包括", "涵盖",
    "达到", "达", "超过", "超", "突破", "逾", "约", "近", "将近",
    "接近", "最高", "最多", "至多", "至少", "最少", "最低", "不超过", "不少于",
    "不低于", "不高于", "不到", "不足", "低于", "其中", "对", "按", "在",
    "将", "使", "让", "把", "由", "从", "向", "以", "为",
    "是", "有", "可", "可达", "增至", "提高到", "提升至", "提升到", "扩大到",
    "吸纳", "带来", "举办", "签署", "集中", "的", "之", "等", "了",
    "着",
))
# Words after a count that end the counted noun: 17个重大项目|集中签约, 100个主要应用场景|和.
RIGHT_STOP_WORDS = frozenset((
    "包括", "涵盖", "覆盖", "涉及", "分布", "位于", "成为", "带动", "和",
    "与", "及", "以及", "或", "等", "的", "了", "集中", "签约",
    "联合", "落户", "入驻", "发起", "成立", "参与", "参加", "获得", "开工",
    "投产", "建成", "落地", "完成", "实现", "正式", "共同", "达到", "超过",
    "将", "已", "在", "被", "为", "是", "有", "中", "里",
    "内", "左右", "以上", "以下",
))
# jieba tags of words that are never inside a metric: numerals and batches (首批, 一批),
# times, prepositions, pronouns, particles, punctuation.
_STOP_TAGS = ("t", "p", "r", "u", "x")
# jieba tags 首批 and also the 元 of 元宇宙 as numerals (m): only a numeral-looking m stops.
_NUMERAL_HEADS = frozenset("首一二两三四五六七八九十百千万亿数几多每各该这那前第")
_METRIC_MAX_CHARS = 16
_LEFT_WINDOW = 24
_MAX_SENTENCE_CHARS = 300
_RIGHT_WINDOW = 14
_RIGHT_MAX_TOKENS = 5
# The fields `attach_target_facts` fills in.
_FACTS = frozenset(("year", "metric"))


# A line of jieba's dictionary whose part-of-speech tag can stop a metric: "word freq tag".
_STOP_TAG_LINE = re.compile(rf"\n([^ \n]+) [0-9]+ (m|[{''.join(_STOP_TAGS)}][a-z]*)(?=\n)")


@functools.cache
def _tokenizer() -> Any:
    """jieba's shared tokenizer (`extractor.tokenizer`), loaded on the first metric."""
    from extractor.tokenizer import default_tokenizer

    return default_tokenizer()


@functools.cache
def _stop_tagged() -> frozenset[str]:
    """The words whose jieba part-of-speech tag stops a metric (see `_STOP_TAGS`).

    The tags are the third column of jieba's own dictionary, the table `jieba.posseg` builds
    its `word_tag_tab` from (the last line of a repeated word wins there). Reading only the
    lines with a stop tag takes ~0.1 s; importing `jieba.posseg` would cost ~0.5 s and ~50 MiB
    for its HMM tables, which this module never uses. tests/test_target_facts.py checks that
    both tables agree.
    """
    file = _tokenizer().get_dict_file()
    try:
        data = "\n" + file.read().decode("utf-8").replace("\r\n", "\n") + "\n"
    finally:
        file.close()
    return frozenset(
        word
        for word, tag in _STOP_TAG_LINE.findall(data)
        if tag != "m" or (word[0] in _NUMERAL_HEADS and word != "一次性")
    )


def _words(window: str) -> list[str]:
    return lcut(window)  # jieba's lcut(window, HMM=False), computed faster


@functools.cache
def _left_stops() -> frozenset[str]:
    return LEFT_STOP_WORDS | _stop_tagged()


@functools.cache
def _right_stops() -> frozenset[str]:
    return RIGHT_STOP_WORDS | _stop_tagged()


def _is_stop(word: str, stops: frozenset[str]) -> bool:
    """`stops` is `_left_stops()` or `_right_stops()`: the side's words and the tagged ones."""
    if word in stops:
        return True
    # A letter is never a digit: only a word with other characters needs the digit test.
    return not word.isalpha() and any(char.isdigit() for char in word)


def _sentence_start(text: str, position: int, floor: int, ceiling: int) -> int:
    """Just after the last sentence end before `position` (ends at or past `ceiling` do not
    count), at least `floor`. A "sentence" with no end in sight (a crawled page with no 。) is
    cut at a bound, so that each target costs the same however long the entry is. One
    backwards search over the sentence, rather than a scan of the whole entry."""
    floor = max(floor, position - _MAX_SENTENCE_CHARS)
    last = _UP_TO_LAST_SENTENCE_END.match(text, floor, min(position, ceiling))
    return floor if last is None else last.end()


def _clause_start(text: str, position: int, floor: int) -> int:
    """Just after the last clause end before `position`, at most `_LEFT_WINDOW` back."""
    lo = min(position, max(floor, position - _LEFT_WINDOW))
    last = _UP_TO_LAST_CLAUSE_END.match(text, lo, position)
    return lo if last is None else last.end()


def _clause_end(text: str, position: int, ceiling: int) -> int:
    """The first clause end from `position` on, at most `_RIGHT_WINDOW` ahead."""
    hi = max(position, min(ceiling, position + _RIGHT_WINDOW))
    found = _CLAUSE_END_RE.search(text, position, hi)
    return hi if found is None else found.start()


_DEADLINE_ROLES = ("deadline", "period")


def _mention_start(mention: DateMention | DocumentMention) -> int:
    return mention.start


class _Deadlines(list[DateMention]):
    """The deadline mentions of an entry sorted by start, for bisecting: each target looks
    only at the deadlines of its own sentence, however many dates the entry holds."""

    def __init__(self, dates: Sequence[DateMention]) -> None:
        # A plan period written in the sentence ("在“十四五”期间,…不超过20个") sets the year
        # by its end, as a deadline does; periods inside 《》 titles go through the document.
        # (The role is tested first: most dates of an entry are neither.)
        chosen = [
            d for d in dates if d.role in _DEADLINE_ROLES and d.value
            and (d.role == "deadline" or d.value_end is not None)
        ]
        if len(chosen) > 1:
            chosen.sort(key=_mention_start)
        super().__init__(chosen)
        self.starts = [d.start for d in chosen]

    def between(self, lo: int, hi: int) -> list[DateMention]:
        """Deadlines starting in [lo, hi), last first."""
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_left(self.starts, hi)
        return self[first:last][::-1]


class _Documents(list[DocumentMention]):
    """The documents of an entry that carry a plan period, sorted by start."""

    def __init__(self, documents: Sequence[DocumentMention]) -> None:
        chosen = [d for d in documents if period_end(d) is not None]
        if len(chosen) > 1:
            chosen.sort(key=_mention_start)
        super().__init__(chosen)
        self.starts = [d.start for d in chosen]

    def before(self, lo: int, hi: int) -> list[DocumentMention]:
        """Documents starting in [lo, hi), last first."""
        first = bisect.bisect_left(self.starts, lo)
        last = bisect.bisect_left(self.starts, hi)
        return self[first:last][::-1]


# Shared by the entries without dates or documents (never modified).
_NO_DEADLINES = _Deadlines(())
_NO_DOCUMENTS = _Documents(())


def deadline_year(
    text: str, sentence_start: int, position: int, dates: Sequence[DateMention]
) -> int | None:
    """The last deadline written in the sentence before `position`, or None.

    >>> deadline_year("到2025年,相关产业规模达到1500亿元", 0, 15, [])
    2025
    >>> deadline_year("截至2022年底,已有30家", 0, 12, []) is None
    True
    """
    deadlines = dates if isinstance(dates, _Deadlines) else _Deadlines(dates)
    return _deadline_year(text, sentence_start, position, deadlines, sentence_start)


def _deadline_year(
    text: str, sentence_start: int, position: int, deadlines: _Deadlines, scan: int | None
) -> int | None:
    """`deadline_year`, searching the deadline pattern from `scan` on (None: not at all; see
    `_scan_start`)."""
    best: tuple[int, int] | None = None
    if deadlines:
        for date in deadlines.between(sentence_start, position):
            if date.end <= position:
                value = date.value_end if date.role == "period" else date.value
                best = (date.start, int(value[:4]) if value else 0)
                break
    if scan is not None:
        for match in _DEADLINE.finditer(text, scan, position):
            if best is None or match.start() > best[0]:
                best = (match.start(), int(match.group("a") or match.group("b")))
    return None if best is None else best[1]


def _scan_start(text: str, lo: int, hi: int) -> int | None:
    """Where in [lo, hi) a deadline can first start, or None when no 20xx年 lies wholly in
    it: every `_DEADLINE` match holds one, starting at most `_DEADLINE_LEAD` characters
    before it. (A search for the literal 20 is fast; the pattern's lookbehind still sees the
    text before the point returned.)"""
    year = _YEAR.search(text, lo, hi)
    return None if year is None else max(lo, year.start() - _DEADLINE_LEAD)


def period_end(document: DocumentMention) -> int | None:
    """The last year of a document's plan period, from the model or its (full) title.

    >>> period_end(DocumentMention(text="", start=0, end=0, title="计划(2022-2024年)"))
    2024
    >>> period_end(DocumentMention(text="", start=0, end=0, title="行动计划",
    ...                            alias_of="某市行动计划(2023—2025年)"))
    2025
    """
    if document.period_end is not None:
        return document.period_end
    for title in (document.title, document.alias_of or ""):
        match = _PERIOD.search(title)
        if match is not None:
            return int(match.group("end"))
    return None


def _document_year(
    text: str, sentence_start: int, position: int, documents: Sequence[DocumentMention]
) -> int | None:
    """A sentence naming a document before the quantity (根据《行动计划》, 《意见》提出), or
    opening with a reference to the plan (根据规划, 该计划), takes that plan's period end."""
    dated = documents if isinstance(documents, _Documents) else _Documents(documents)
    if not dated:
        return None  # no document of the entry carries a plan period
    for document in dated.before(sentence_start, position):
        if document.end <= position:
            return period_end(document)
    if _PLAN_REFERENCE.match(text, sentence_start) is not None:
        for document in dated.before(0, sentence_start):
            if document.end <= sentence_start:
                return period_end(document)
    return None


# The metric of a window depends on the window alone, and windows are short (at most
# `_LEFT_WINDOW` / `_RIGHT_WINDOW` characters): each is segmented and read once.
@functools.lru_cache(maxsize=8192)
def _left_metric_of(clause: str) -> str | None:
    words = _words(clause)
    stops = _left_stops()
    kept = len(words)
    while kept > 0 and _is_stop(words[kept - 1], stops):
        kept -= 1  # 达到, 为: the link between the metric and the number
    first = kept
    while first > 0 and not _is_stop(words[first - 1], stops):
        first -= 1
    metric = "".join(words[first:kept])
    return metric[-_METRIC_MAX_CHARS:] or None


@functools.lru_cache(maxsize=8192)
def _right_metric_of(window: str) -> str | None:
    stops = _right_stops()
    taken: list[str] = []
    for word in _words(window)[:_RIGHT_MAX_TOKENS]:
        if _is_stop(word, stops):
            break
        taken.append(word)
    return "".join(taken) or None


def _left_metric(text: str, start: int, floor: int) -> str | None:
    clause = text[_clause_start(text, start, floor):start]
    return _left_metric_of(clause) if clause else None


def _right_metric(text: str, end: int, ceiling: int) -> str | None:
    return _right_metric_of(text[end:_clause_end(text, end, ceiling)])


def target_metric(text: str, target: TargetMention, floor: int, ceiling: int) -> str | None:
    """The noun phrase a quantity measures, as written.

    A count names its noun after the measure word (17个|重大项目); any quantity may name it
    before, after the verb that introduces it (培育|元宇宙核心企业|200多家,
    相关产业规模|达到|1500亿元).

    >>> t = TargetMention(text="30个", start=2, end=5, unit="个", kind="count")
    >>> target_metric("建设30个应用场景示范项目。", t, 0, 14)
    '应用场景示范项目'
    """
    if target.kind == "count":
        following = _right_metric(text, target.end, ceiling)
        if following is not None:
            return following
    return _left_metric(text, target.start, floor)


def attach_target_facts(
    text: str,
    span: EntrySpan,
    targets: Sequence[TargetMention],
    dates: Sequence[DateMention],
    documents: Sequence[DocumentMention],
) -> list[TargetMention]:
    """Return the targets with `year` and `metric` filled where the text decides them."""
    if not targets:
        return []
    results: list[TargetMention] = []
    floor, ceiling = span.start, span.end
    deadlines = _Deadlines(dates) if dates else _NO_DEADLINES
    dated_documents = _Documents(documents) if documents else _NO_DOCUMENTS
    for target in targets:
        position = target.start
        sentence_start = _sentence_start(text, position, floor, ceiling)
        scan = _scan_start(text, sentence_start, position)
        year = None
        if deadlines or scan is not None:
            year = _deadline_year(text, sentence_start, position, deadlines, scan)
        if year is None and dated_documents:
            year = _document_year(text, sentence_start, position, dated_documents)
        metric = None  # target_metric, inlined: one call less per target
        if target.kind == "count":
            metric = _right_metric(text, target.end, ceiling)
        if metric is None:
            metric = _left_metric(text, position, floor)
        # What target.model_copy(update={"year": year, "metric": metric}) builds, built
        # directly (model_copy costs more than all the rest of this loop).
        results.append(target_mention(
            {**target.__dict__, "year": year, "metric": metric},
            target.__pydantic_fields_set__ | _FACTS,
        ))
    return results
