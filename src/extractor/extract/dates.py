"""Dates and periods: surface forms -> DateMention with value, precision, range and role.

How it works (one pass, then cheap checks):

1. Each rule is one record of `_RULE_TABLE` (pattern, builder, where the scan tries it, an
   example); the scan's dispatch tables are derived from it. `_master()` is one compiled
   alternation of the rules. A loop of `search()` calls
   collects candidates, restarting one character after each candidate's start, so overlapping
   candidates are all seen ("到2025年" and the "2025年" inside it).
2. Each candidate is verified (year range, month/day valid, unit after a bare number...) and
   turned into a `DateParts` with the parts it names.
3. One overlap policy: longest first, then earliest (`_resolve_overlaps`).
4. A role per mention, from the rule and its neighbourhood (dateline, 发布/召开 after it, inside
   《》, 到/截至 before it).
5. Year-less and day-only dates are completed left to right from the nearest earlier full date
   in the text, then from the explicit `anchor`; relative words (近日, 去年) from the anchor only
   (`extractor.resolve.date_values`). Nothing ever reads the clock.

Every pattern is built from bounded pieces (`{1,2}`, `{4}`, optional groups), never a nested
quantifier, so the scan stays linear (100,000 repeated digits take milliseconds).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, NamedTuple

from extractor.gaps import PINYIN_GLOSS, read_past
from extractor.models import DateAnchor, DateMention, DateRole, Precision
from extractor.numerals import DATE_DIGITS as _CN_DIGIT
from extractor.numerals import MAX_YEAR, MIN_YEAR, parse_cn_int, parse_year
from extractor.overlaps import Taken, longest_first
from extractor.resolve.date_values import (
    MAX_DAY,
    anchor_end,
    complete,
    value_of,
)

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "extract_dates",
    "parse_cn_int",
    "parse_date",
    "parse_plan_period",
    "parse_year",
]

# Five-year plans: the 3rd (三五) started in 1966 and every later plan five years after
# (十四五 = 2021-2025); the 1st and 2nd are irregular and too rare to name in digests.
_PLAN_NUMBER: Final[dict[str, int]] = {
    "六五": 6, "七五": 7, "八五": 8, "九五": 9, "十五": 10, "十一五": 11, "十二五": 12,
    "十三五": 13, "十四五": 14, "十五五": 15, "十六五": 16, "十七五": 17, "十八五": 18,
    "十九五": 19,
}  # fmt: skip


def parse_plan_period(s: str) -> tuple[int, int] | None:
    """First and last year of a five-year plan named like 十四五.

    >>> [parse_plan_period(s) for s in ["十四五", "十五五", "十三五", "十五", "九五", "四五"]]
    [(2021, 2025), (2026, 2030), (2016, 2020), (2001, 2005), (1996, 2000), None]
    """
    n = _PLAN_NUMBER.get(s)
    if n is None:
        return None
    first = 1966 + 5 * (n - 3)
    return first, first + 4


# --- Pattern pieces -------------------------------------------------------------------------
_D = "[0-9０-９]"
_CNY = "[〇○零一二三四五六七八九]"
_CN_MONTH = "十[一二]?|[一二三四五六七八九]"  # 十二 before 十: the longer first
_CN_DAY = "[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
# Range separators; "——" (two em dashes) before the single one.
_SEP = "(?:——|--|[-—–－~～〜至到])"
# Time of day after 日 (15日上午); 晚上 before 晚.
_TOD = "(?:上午|下午|中午|晚上|晚间|凌晨|早上|早间|傍晚|夜间|晚)?"
# What may follow a month: 3月份, 3月底, 3月中旬.
# A lunar day after the month (五月初五, 十一月廿九) makes it a lunar month: no Gregorian date.
# (初一批, 初三家 are "early in the month" and a count.)
_LUNAR_TAIL = (
    "[一二三四五六七八九十](?![一二三四五六七八九十]?[批家个项名位条只辆台套次件所户座场轮期])"
)
_MSUF = f"(?:份|底|末|初(?!{_LUNAR_TAIL})|上旬|中旬|下旬)?(?![廿卅]|初{_LUNAR_TAIL})"
# Statistics periods; 前三季度 before 三季度 would never be tried at the same start, but
# 第一季度 / 前3个月 / 上半年 are all spelled out here once.
_STAT = (
    "(?P<q>前(?P<qn>[一二三1-3])季度|第?(?P<qq>[一二三四1-4])季度|(?P<half>[上下])半年|全年"
    f"|前(?P<fm>{_D}{{1,2}}|[一二三四五六七八九十两]{{1,2}})个?月)"
)
# After a two-digit year only a quarter or a half-year (08年第二季度, 12年上半年): 30年全年无休 and
# 近10年前三季度 count years. The groups `_stat_months` reads that cannot occur here never match.
_SHORT_STAT = "(?P<q>第?(?P<qq>[一二三四1-4])季度|(?P<half>[上下])半年)(?P<qn>(?!))?(?P<fm>(?!))?"
_REL_YEAR = "(?P<r>今年|去年|明年|前年|同年|本年)"

# A year must not continue a longer number ("12023年"); the same for months and days, which
# also must not follow a decimal point or 第/个 ("第3月", "0.5月").
_LB_Y = "(?<![0-9０-９〇○零一二三四五六七八九十百千万])"
_LB_MD = "(?<![0-9０-９.．〇○零一二三四五六七八九十百千万两第个])"
# Relative words: "5日前" is "five days ago", "节日前" is "before the holiday", "不同年" is
# "different years": none is the word 日前 / 同年.
_LB_REL = "(?<![0-9０-９〇○零一二三四五六七八九十两几数节生作假期每不相失过离除回])"


def _y(g: str) -> str:
    return f"(?P<{g}>{_D}{{4}}|{_CNY}{{4}})"


def _m(g: str) -> str:
    return f"(?P<{g}>{_D}{{1,2}}|{_CN_MONTH})"


def _d(g: str) -> str:
    return f"(?P<{g}>{_D}{{1,2}}|{_CN_DAY})"



_GROUP_NAME_RE: Final = re.compile(r"\(\?P([<=])(\w+)")


def _prefixed(rule: str, pattern: str) -> str:
    """Make group names unique in the master pattern: (?P<y> -> (?P<ymd__y>."""
    return _GROUP_NAME_RE.sub(lambda m: f"(?P{m.group(1)}{rule}__{m.group(2)}", pattern)


def _alternation(rules: tuple[tuple[str, str], ...], prefix: str = "") -> str:
    return "|".join(f"(?P<{prefix}{r}>{_prefixed(prefix + r, p)})" for r, p in rules)


# Patterns are compiled on first use, not at import (~0.1 s for all of them).
@functools.cache
def _master() -> re.Pattern[str]:
    """Every rule in one alternation: the reference the scan is tested against."""
    return re.compile(_alternation(_RULES))


_DIGIT_CHARS = "0123456789０１２３４５６７８９"
_CN_CHARS = "〇○零一二三四五六七八九十"
# The first characters of `_SEP`.
_SEP_FIRST = "\\-—–－~～〜至到"
# The guards of digit runs (see `_DISPATCH`): how many digits, then which character.
_AT_YEAR = f"{_D}{{4}}年"
_AT_YEAR_SEP = f"{_D}{{4}}[{_SEP_FIRST}./]"
_AT_MONTH = f"{_D}{{1,2}}月"
_AT_SHORT_YEAR = f"{_D}{{2}}年"
_AT_MONTH_SEP = f"{_D}{{1,2}}[{_SEP_FIRST}]"
_AT_QUARTER = f"{_D}季"
_AT_DOT = f"{_D}{{1,2}}\\."
_AT_DAY = f"{_D}{{1,2}}日"
_DIGIT_GUARDS = (
    _AT_YEAR, _AT_YEAR_SEP, _AT_MONTH, _AT_SHORT_YEAR, _AT_MONTH_SEP, _AT_QUARTER, _AT_DOT, _AT_DAY,
)

# Where rules are tried. Each entry is a guard (a pattern that must match at the position) and
# the rules tried there, in `_RULES` order; the guards are exclusive, so at most one entry's
# rules are tried at a position.
#
# Digit runs: every rule says how many digits it starts with and what follows them (2023年,
# 3月, 15日, 2023-, 1—7月, 2023.1.3, 1季度), so the run's length and the character after it
# decide which few rules can match: "5日" after 3月 tries one rule, not seventeen. A run never
# starts right after a digit ("12023年": every rule's look-behind rejects that position).
#
# Chinese-numeral runs: a first numeral, at most three more, then a character some rule needs
# after them (二〇二三年, 三月, 一季度, 十四五 -> 十四 before 五).
#
# Words that start a rule: (first character, look-ahead for the rest), so a rule starting
# inside a word is still tried ("近日前": 近日 and 日前).
_WORD_TRIGGERS: Final[tuple[tuple[str, str], ...]] = (
    ("截", "至|止"), ("直", "至|到"), ("到", ""), ("至", ""),
    ("今", "年|天|日"), ("去", "年"), ("明", "年|天|日"), ("本", "年|月|周"), ("同", "年"),
    ("近", "日"), ("日", "前"), ("昨", "天|日"), ("上", "个?月|半年|周"),
    ("下", "个?月|半年|周"), ("这", "周"),
    ("全", "年"),
    ("前", "年|天|[一二三1-3]季|[0-9０-９一二三四五六七八九十两]{1,2}个?月"),  # 前三季度, 前2个月
    ("第", "[一二三四1-4]季度"),  # 第一季度
    ("“", "[十六七八九]"), ('"', "[十六七八九]"), ("‘", "[十六七八九]"), ("'", "[十六七八九]"),
)  # fmt: skip
_SCAN_FIRST = _DIGIT_CHARS + _CN_CHARS + "".join(first for first, _ in _WORD_TRIGGERS)
_NAMED_GROUP_RE: Final = re.compile(r"\(\?P<\w+>")
# How most year rules start, without the group name (as the rules appear in the scan).
_YEAR_HEAD: Final = _NAMED_GROUP_RE.sub("(?:", _LB_Y + _y("y"))


@functools.cache
def _scanner() -> tuple[re.Pattern[str], dict[int, tuple[str, re.Pattern[str], _Builder]]]:
    """The scan pattern, and per marker group (by index) its rule, the rule's own pattern and
    its builder.

    Trying `_master()` at every position runs well under 1M chars/s (each alternative starts
    with a look-behind), and a Python loop over trigger positions pays per position. Here one
    pattern does it in C: it consumes one character that can start a rule (a leading character
    set lets the regex engine skip every other character without entering the pattern), then a
    one-character look-behind steps back onto it and tries the dispatched rules there inside a
    look-ahead. Each match is one candidate; as a match consumes one character, the next one is
    searched from the next position, so overlapping candidates ("到2025年" and the "2025年"
    inside it) are all found.

    The rules' groups are left out of the scan (a match object costs time per group of its
    pattern, and a rule tried in two places would need two names per group); an empty group
    after each rule says which rule matched and where it ends, and the rule's own pattern,
    matched again at that position, gives its groups.
    """
    rules = dict(_RULES)
    own = {r: re.compile(p) for r, p in _RULES}
    table: dict[int, tuple[str, re.Pattern[str], _Builder]] = {}

    def tried(names: tuple[str, ...]) -> str:
        alternatives = []
        for r in names:
            table[len(table) + 1] = (r, own[r], _BUILDERS[r])
            alternatives.append(_NAMED_GROUP_RE.sub("(?:", rules[r]) + "()")
        # Rules in a row that start with the year head share it: head(?:rest1()|rest2()).
        # The head matches in at most one way (a look-behind, then exactly four digits or four
        # numerals), so trying it once finds what trying it for each rule in turn finds.
        shared = []
        for is_year, run in itertools.groupby(alternatives, lambda a: a.startswith(_YEAR_HEAD)):
            if is_year:
                rests = "|".join(a[len(_YEAR_HEAD) :] for a in run)
                shared.append(f"{_YEAR_HEAD}(?:{rests})")
            else:
                shared.extend(run)
        return "|".join(shared)

    heads = "|".join(
        run + "(?:" + "|".join(f"(?={guard})(?:{tried(names)})" for guard, names in guards) + ")"
        for run, guards in _DISPATCH
    )
    return re.compile(f"[{re.escape(_SCAN_FIRST)}](?<=(?=(?:{heads})).)"), table


# (start, end, rule, the rule's own pattern, the rule's builder) of one match of the scan.
_Found = tuple[int, int, str, re.Pattern[str], "_Builder"]


def _found(text: str) -> tuple[list[_Found], bool]:
    """Every rule match in text order, and whether any two of them overlap."""
    pattern, table = _scanner()
    found: list[_Found] = []
    overlap = False
    end = 0
    for mt in pattern.finditer(text):
        idx = mt.lastindex or 0  # the empty group after the rule that matched
        s = mt.start()
        overlap = overlap or s < end
        end = mt.end(idx)
        found.append((s, end, *table[idx]))
    return found, overlap


def _build_at(text: str, f: _Found) -> DateParts | None:
    s, e, rule, own, builder = f
    mt = own.match(text, s)
    assert mt is not None  # the scan matched the same pattern here
    return builder(text, rule, mt.groupdict(), s, e)


def _candidates(text: str) -> list[DateParts]:
    """All verified candidates, overlapping ones included (the resolver chooses)."""
    built = [_build_at(text, f) for f in _found(text)[0]]
    return [c for c in built if c is not None]


def _chosen(text: str) -> list[DateParts]:
    """`_resolve_overlaps(_candidates(text))`, but a candidate is built (groups read, parts
    verified) only when the overlap policy reaches it with its span still free: the "3月5日"
    inside "2023年3月5日" and the "2025年" inside "到2025年" are never built.

    A built span is the matched one, except for a plan whose lone opening quote is dropped
    (`_build_plan`), so plans are built first to know their spans.
    """
    found, overlap = _found(text)
    if not overlap:
        # No two matches overlap, so no built candidates do: every one that is valid is kept.
        built = [_build_at(text, f) for f in found]
        return [c for c in built if c is not None]
    # (length key, start, index, the plan built already); the index orders ties as the stable
    # sort in `_resolve_overlaps` does.
    order: list[tuple[int, int, int, DateParts | None]] = []
    for i, f in enumerate(found):
        s, e, rule = f[0], f[1], f[2]
        if rule == "plan":
            c = _build_at(text, f)
            if c is not None:
                order.append((c.start - c.end, c.start, i, c))
        else:
            order.append((s - e, s, i, None))
    order.sort()
    taken = Taken()  # the shared overlap policy's bookkeeping (`extractor.overlaps`)
    chosen: list[DateParts] = []
    for _, start, i, cand in order:
        end = found[i][1]
        if not taken.is_free(start, end):
            continue
        c = cand if cand is not None else _build_at(text, found[i])
        if c is None:
            continue
        taken.take(start, end)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


# A bare number range followed by a unit is a quantity: 2000-3000亿元, 2019-2025家.
_UNIT_AFTER_RE: Final = re.compile(
    r"\s?(?:亿|万|千|百|元|个|家|项|名|人|台|辆|次|吨|米|亩|倍|户|所|座|件|条|股|%|％)"
)
# Words that end a plan name right before a bare period: 发展规划(2023-2028), 行动计划2023-2025.
_PLAN_WORD_BEFORE_RE: Final = re.compile(
    r"(?:规划|计划|方案|纲要|意见|战略|行动|路线图|指南|办法)[(（]?$"
)
_PERIOD_WORD_AFTER_RE: Final = re.compile(r"[)）]|期间|时期|阶段")

# Verbs that make a date the item's own event or publication date: "3月5日,国务院印发...".
# Longest first so that the alternation never stops at a prefix.
_OWN_VERBS: Final[tuple[str, ...]] = (
    "审议通过", "发布", "印发", "出台", "召开", "举行", "举办", "开幕", "闭幕", "启动",
    "公布", "发出", "发文", "揭牌", "成立", "签约", "签署", "颁布", "上线", "开通",
    "开业", "开工", "投产", "挂牌", "宣布", "公示", "发表", "亮相", "下发", "批复",
    "出炉", "揭晓", "落幕", "正式实施", "上市",
    # Statements reported in news digests: "商务部新闻发言人15日表示".
    "表示", "介绍", "透露", "披露", "通报", "指出", "强调", "回应", "获悉", "部署",
    # Works finished on the day: "项目于12月4日全部完成", "大桥12月26日建成通车" (`_done`).
    "竣工", "完工", "建成", "全部完成", "通车",
)  # fmt: skip
_DONE_VERBS: Final = frozenset(("竣工", "完工", "建成", "全部完成", "通车"))
# Words that make a date before a verb of finished works a plan's date (`_done`).
_PLAN_RE: Final = re.compile("将|计划|预计|拟|力争|争取|有望|确保|要在|目标|预期|年内")
_PLAN_WINDOW: Final = 16
_OWN_VERB_RE: Final = re.compile("|".join(sorted(_OWN_VERBS, key=len, reverse=True)))
# An own verb or the end of the clause, whichever comes first: one search tells whether a verb
# stands in the clause (a verb has two characters or more, a clause end one, and no verb
# contains one). Every alternative is a literal, so the search skips other characters in C.
_VERB_OR_CLAUSE_END_RE: Final = re.compile(
    "|".join([_OWN_VERB_RE.pattern, *map(re.escape, "，,。；;！!？?\n")])
)
# How far after a date an own verb may stand in the same clause: "3月5日,国家发展改革委等
# 部门联合印发" (20 characters) is typical; further away it describes something else.
_OWN_WINDOW: Final = 40
# A label before the date: "发布时间：2023-01-05", "日期: 2023年1月5日".
_LABEL_BEFORE_RE: Final = re.compile(r"(?:时间|日期)\s?[:：]\s?$")
_COLONS: Final = (":", "：")
# A target phrase before a bare year: "力争在2025年", "预计2025年" -> deadline.
_TARGET_BEFORE: Final[tuple[str, ...]] = (
    "力争在",
    "争取在",
    "预计在",
    "计划在",
    "力争",
    "争取",
    "预计",
    "有望",
)
_BRACKET_RE: Final = re.compile("[《》\n]")

_REL_YEAR_OFFSET: Final[dict[str, int]] = {
    "今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1,
}  # fmt: skip
_REL_MONTH_OFFSET: Final[dict[str, int]] = {
    "本月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1,
}  # fmt: skip


@dataclass(slots=True)
class DateParts:
    """A verified candidate before context: the parts the text names, None where it is silent."""

    start: int
    end: int
    rule: str
    # point | range_y | range_m | range_d | period | deadline | statistics | relative
    kind: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    prec: Precision = "day"
    # Relative words: "year"/"month"/"day"/"recent"/"today"/"same_year" with an offset.
    rel: str = ""
    offset: int = 0
    role: DateRole = "other"


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    return int(s) if s.isdigit() else parse_cn_int(s)


def _month_ok(m: int | None) -> bool:
    return m is not None and 1 <= m <= 12


# 本周一 .. 本周日 as days after the week's Monday; 上周/下周 shift by a week.
_WEEKDAYS: Final = "一二三四五六日"
_CLAUSE_STARTS: Final = frozenset(("", " ", "\n", ",", "，", "。", ";", "；", ":", "：", "、"))
_REL_DAY_OFFSET: Final = {"昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1}
_WEEK_OFFSET: Final = {"本周": 0, "这周": 0, "上周": -1, "下周": 1}



def _day_ok(m: int | None, d: int | None) -> bool:
    return d is not None and 1 <= d <= MAX_DAY[m if m is not None and 1 <= m <= 12 else 0]


def _stat_months(g: dict[str, str | None]) -> tuple[int, int, Precision] | None:
    """First and last month of a statistics period word (前三季度 -> 1, 9)."""
    q = g["q"]
    if q is None:
        return None
    if g["qn"] is not None:
        n = _num(g["qn"]) or 0
        return 1, 3 * n, "month"
    if g["qq"] is not None:
        n = _num(g["qq"]) or 0
        return 3 * n - 2, 3 * n, "month"
    if g["half"] is not None:
        return (1, 6, "month") if g["half"] == "上" else (7, 12, "month")
    if g["fm"] is not None:
        months = _num(g["fm"])
        return (1, months, "month") if months is not None and 1 <= months <= 12 else None
    return 1, 12, "year"  # 全年


# One builder per rule (a dict lookup instead of a chain of rule tests): each verifies one
# candidate and reads its parts from the rule's groups `g`; None rejects it.
_Groups = dict[str, str | None]
_Builder = Callable[[str, str, _Groups, int, int], "DateParts | None"]


def _year(raw: str | None) -> int | None:
    """A year group: None when absent, -1 when written but out of range (5000年, 1000年: a
    duration, not a year), which rejects the candidate."""
    if not raw:
        return None
    if len(raw) == 4 and raw.isdigit():  # the common case, without a call
        y: int | None = int(raw)
    else:
        y = parse_year(raw)
    return -1 if y is None or not MIN_YEAR <= y <= MAX_YEAR else y


def _build_range_d(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """range_ymd, md_range: 2023年3月1日至5日, 3月1日—4月2日."""
    y, y2 = _year(g.get("y")), _year(g.get("y2"))
    if y == -1 or y2 == -1:
        return None
    m, d, m2, d2 = _num(g["m"]), _num(g["d"]), _num(g["m2"]), _num(g["d2"])
    if not (_month_ok(m) and _day_ok(m, d)) or (m2 is not None and not _month_ok(m2)):
        return None
    if not _day_ok(m2 or m, d2):
        return None
    if (y2 or y or 0, m2 or m or 0, d2 or 0) <= (y or 0, m or 0, d or 0):
        return None
    return DateParts(s, e, rule, "range_d", y, m, d, y2, m2, d2)


def _build_range_m(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """range_ym, m_range: 2023年1-7月份, 1月至3月."""
    y, y2 = _year(g.get("y")), _year(g.get("y2"))
    if y == -1 or y2 == -1:
        return None
    m, m2 = _num(g["m"]), _num(g["m2"])
    if not (_month_ok(m) and _month_ok(m2)):
        return None
    if (y2 or y or 0, m2 or 0) <= (y or 0, m or 0):
        return None
    return DateParts(s, e, rule, "range_m", y, m, None, y2, m2, None, "month")


def _build_range_y(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """range_y, range_y_bare: 2022-2024年, (2023-2028) after a plan name."""
    y = _year(g["y"])
    raw2 = g["y2"] or ""
    # 2023—25年: a two-digit end takes the start's century.
    y2 = y // 100 * 100 + int(raw2) if len(raw2) == 2 and y is not None else parse_year(raw2)
    # "2007年和2012年" never gets here (和 is no separator); a reversed or very long pair
    # ("2023-1990年") is two numbers, not a period.
    if y is None or y == -1 or y2 is None or not 0 < y2 - y <= 50:
        return None
    if rule == "range_y_bare":
        ok = (
            _PLAN_WORD_BEFORE_RE.search(text, max(0, s - 5), s) is not None
            or _PERIOD_WORD_AFTER_RE.match(text, e) is not None
        )
        if not ok or _UNIT_AFTER_RE.match(text, e):
            return None
    return DateParts(s, e, rule, "range_y", y, None, None, y2, None, None, "year")


def _build_day(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """date_num, ymd, md, md_label: 2023-08-08, 2023年3月5日, 3月5日, 时间：1.21."""
    y = _year(g.get("y"))
    if y == -1:
        return None
    m, d = _num(g["m"]), _num(g["d"])
    if m is None or d is None or not (1 <= m <= 12 and 1 <= d <= MAX_DAY[m]):
        return None
    return DateParts(s, e, rule, "point", y, m, d)


def _build_stat(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """stat_y, stat: 2023年前三季度, 上半年, 今年全年; a bare 全年 says nothing of the year."""
    y = _year(g.get("y"))
    if y == -1:
        return None
    span = _stat_months(g)
    r = g.get("r")
    if span is None or (rule == "stat" and g["q"] == "全年" and r is None):
        return None
    if span[2] == "year":
        c = DateParts(s, e, rule, "statistics", y, None, None, prec="year")
    else:
        c = DateParts(s, e, rule, "statistics", y, span[0], None, None, span[1], prec=span[2])
    if r:
        c.rel, c.offset = _rel_year(r)
    return c


def _build_deadline(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """deadline_before, deadline: 2025年前, 到2025年底, 截至2023年6月底, 到6月底."""
    y = _year(g.get("y"))
    if y == -1:
        return None
    m, d = _num(g.get("m")), _num(g.get("d"))
    if m is None:  # 到6月底
        m2 = _num(g.get("m2"))
        if m2 is not None:
            m, d = m2, _num(g.get("d2"))
    if (m is not None and not _month_ok(m)) or (d is not None and not _day_ok(m, d)):
        return None
    kind = "statistics" if (g.get("pre") or "").startswith("截") else "deadline"
    prec: Precision = "day" if d is not None else "month" if m is not None else "year"
    return DateParts(s, e, rule, kind, y, m, d, prec=prec)


def _build_month(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """ym, m: 2023年3月, 3月份, 三月份."""
    y = _year(g.get("y"))
    if y == -1:
        return None
    m = _num(g["m"])
    if m is None:
        m = _num(g.get("mc"))
    if not _month_ok(m):
        return None
    return DateParts(s, e, rule, "point", y, m, None, prec="month")


def _build_y(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """y: 2023年, 2023年度, 2025年底."""
    y = _year(g["y"])
    if y == -1:
        return None
    return DateParts(s, e, rule, "point", y, prec="year")


def _build_rel_md(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """rel_md: 今年3月, 去年12月5日."""
    m, d = _num(g["m"]), _num(g["d"])
    if not _month_ok(m) or (d is not None and not _day_ok(m, d)):
        return None
    c = DateParts(s, e, rule, "point", None, m, d, prec="day" if d is not None else "month")
    c.rel, c.offset = _rel_year(g["r"] or "")
    return c


def _build_plan(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """plan: “十四五”期间, 十四五时期, 十五五."""
    p = g["p"] or ""
    years = parse_plan_period(p)
    if years is None:
        return None
    q1, q2, ps = g["q1"], g["q2"], g["ps"]
    if len(p) == 2 and not (q1 is not None and q2 is not None) and ps is None:
        return None  # 九五 / 十五 alone are numbers or idioms, not plans
    if q1 is not None and q2 is None:
        s += 1  # keep a lone opening quote out of the span
    if ps in ("末", "末期"):  # 十四五末: the plan's last year, as a deadline
        return DateParts(s, e, rule, "deadline", years[1], None, None, years[1], prec="year")
    return DateParts(s, e, rule, "period", years[0], None, None, years[1], prec="year")


def _build_week(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """week: 本周一, 上周五."""
    c = DateParts(s, e, rule, "relative", rel="week")
    c.offset = _WEEK_OFFSET[g["wk"] or ""] * 7 + _WEEKDAYS.index(g["wd"] or "")
    return c


def _build_rel(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """rel: 近日, 今天, 去年, 上个月."""
    w = g["w"] or ""
    if w == "前天" and (text[s - 1 : s] not in _CLAUSE_STARTS or text.startswith("津", e)):
        return None  # 目前天气, 此前天津: 前天 ("the day before yesterday") opens a clause
    c = DateParts(s, e, rule, "relative")
    if w in _REL_YEAR_OFFSET or w == "同年":
        c.rel, c.offset = _rel_year(w)
        c.prec = "year"
    elif w in _REL_MONTH_OFFSET:
        c.rel, c.offset, c.prec = "month", _REL_MONTH_OFFSET[w], "month"
    elif w in ("近日", "日前"):
        c.rel, c.prec = "recent", "month"
    elif w in ("今天", "今日"):
        c.rel = "today"
    else:  # 昨天, 昨日, 前天, 明天: a day before or after the anchor's
        c.rel, c.offset = "day", _REL_DAY_OFFSET[w]
    return c


def _build_short_year(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """ymd_short: 16年4月3日, 零八年九月, 08年第二季度; the century comes from context
    (`_short_year`)."""
    yy = g["yy"] or ""
    two_digits = int(yy) if yy.isdigit() else _CN_DIGIT[yy[0]] * 10 + _CN_DIGIT[yy[1]]
    if g["q"] is not None:
        c = _build_stat(text, rule, g, s, e)
        if c is None:
            return None
    else:
        m, d = _num(g["m"]), _num(g["d"])
        if not _month_ok(m) or (d is not None and not _day_ok(m, d)):
            return None
        c = DateParts(s, e, rule, "point", None, m, d, prec="day" if d is not None else "month")
    c.rel, c.offset = "short_year", two_digits
    return c


def _build_d(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """d: 15日, 15日上午."""
    d = _num(g["d"])
    if not _day_ok(None, d):
        return None
    return DateParts(s, e, rule, "point", None, None, d)


class _Rule(NamedTuple):
    """One date rule, in one place: its pattern, the builder that verifies a match and reads
    its parts, where the scan tries it, and an example it reads (a test checks each)."""

    name: str
    pattern: str
    build: _Builder
    # Which kind of first character it can start with: "d" an Arabic digit, "c" a Chinese
    # numeral, "w" a word (到, 今年, 近日, “). At a position only the rules for its first
    # character are tried, in table order: a failing position costs a few alternatives.
    heads: str
    # For "d": the digit-run guards it is tried under (`_DIGIT_GUARDS`).
    digit_guards: tuple[str, ...]
    example: str


# The ordered rule table. At one start position the first alternative that matches
# wins, so every longer form comes before the forms it starts with ("2023年3月1日至5日" before
# "2023年3月1日" before "2023年3月" before "2023年"). Group names are local to a rule; they are
# prefixed with the rule name when the master pattern is built.
_RULE_TABLE: Final[tuple[_Rule, ...]] = (
    # 2023年3月1日至5日, 2023年3月1日—4月2日, 2023年12月30日至2024年1月2日
    _Rule(
        "range_ymd",
        f"{_LB_Y}{_y('y')}年{_m('m')}月{_d('d')}[日号]?{_SEP}"
        f"(?:{_y('y2')}年)?(?:{_m('m2')}月)?{_d('d2')}[日号]",
        _build_range_d, "dc", (_AT_YEAR,), "2023年3月1日至5日",
    ),
    # 2023年1-7月份, 2023年1月至3月, 2022年12月至2023年2月
    _Rule(
        "range_ym",
        f"{_LB_Y}{_y('y')}年{_m('m')}月?{_SEP}(?:{_y('y2')}年)?{_m('m2')}月份?",
        _build_range_m, "dc", (_AT_YEAR,), "2023年1-7月份",
    ),
    # 2022-2024年, 2023年至2025年, 2023—25年, 二〇二三至二〇二五年
    _Rule(
        "range_y",
        f"{_LB_Y}{_y('y')}年?{_SEP}(?P<y2>{_D}{{4}}|{_D}{{2}}|{_CNY}{{4}})年度?",
        _build_range_y, "dc", (_AT_YEAR, _AT_YEAR_SEP), "2022-2024年",
    ),
    # (2023-2028) after a plan name; accepted only in that context (see _build).
    _Rule(
        "range_y_bare",
        f"{_LB_Y}(?P<y>{_D}{{4}}){_SEP}(?P<y2>{_D}{{4}})(?![0-9０-９年.．%％])",
        _build_range_y, "d", (_AT_YEAR_SEP,), "行动计划(2023-2028)",
    ),
    # 2023-08-08, 2023.1.3, 2023/01/03: the same separator twice. A look-ahead, not a
    # back-reference, says "the same": the scan runs the rules inside a look-behind, where
    # back-references are not allowed.
    _Rule(
        "date_num",
        f"{_LB_Y}(?P<y>{_D}{{4}})(?=-{_D}{{1,2}}-|\\.{_D}{{1,2}}\\.|/{_D}{{1,2}}/)"
        f"[-./](?P<m>{_D}{{1,2}})[-./](?P<d>{_D}{{1,2}})(?![0-9０-９])",
        _build_day, "d", (_AT_YEAR_SEP,), "2023-08-08",
    ),
    # 16年4月3日, 21年3月, 零八年九月, 08年第二季度: a two-digit year, completed from
    # context (`_short_year`). Only before a month or a statistics period: 10年初见成效 and
    # 20年底层工作 hold durations.
    _Rule(
        "ymd_short",
        f"{_LB_Y}(?<![近这每第约共满])(?P<yy>{_D}{{2}}|{_CNY}{{2}})年"
        f"(?:{_m('m')}月(?:{_d('d')}[日号]{_TOD}|{_MSUF})|{_SHORT_STAT})",
        _build_short_year, "dc", (_AT_SHORT_YEAR,), "16年4月3日",
    ),
    # 2023年前三季度, 2023年上半年, 2023年全年
    _Rule(
        "stat_y",
        f"{_LB_Y}{_y('y')}年{_STAT}",
        _build_stat, "dc", (_AT_YEAR,), "2023年前三季度",
    ),
    # 2025年前, 2025年底前, 2025年6月30日之前; not 2025年前后 (around) nor 2025年前三季度.
    _Rule(
        "deadline_before",
        f"{_LB_Y}{_y('y')}年(?:{_m('m')}月(?:{_d('d')}[日号])?)?(?:底|末)?(?:以前|之前|前)"
        "(?![后0-9０-９一二三四五六七八九十两])",
        _build_deadline, "dc", (_AT_YEAR,), "2025年底前",
    ),
    _Rule(
        "ymd",
        f"{_LB_Y}{_y('y')}年{_m('m')}月{_d('d')}[日号]{_TOD}",
        _build_day, "dc", (_AT_YEAR,), "2023年3月5日",
    ),
    _Rule(
        "ym",
        f"{_LB_Y}{_y('y')}年{_m('m')}月{_MSUF}",
        _build_month, "dc", (_AT_YEAR,), "2023年3月",
    ),
    # 2023年, 2023年度, 2025年底; not 2020年代 (a decade). No 年中 suffix: "2022年中国..." is
    # far more common than "2022年中"; 年初 not before 步 ("2023年初步建成").
    _Rule(
        "y",
        f"{_LB_Y}{_y('y')}年(?P<ys>度|初(?!步)|底|末)?(?!代)",
        _build_y, "dc", (_AT_YEAR,), "2023年",
    ),
    # 到2025年, 至2025年底, 截至2023年6月底, 到6月底
    _Rule(
        "deadline",
        "(?P<pre>截止到|截至|截止|直至|直到|到|至)"
        f"(?:{_y('y')}年(?:{_m('m')}月(?:{_d('d')}[日号])?)?|{_m('m2')}月(?:{_d('d2')}[日号])?)"
        "(?P<suf>底|末|初)?(?:以前|之前|前)?",
        _build_deadline, "w", (), "到2025年底",
    ),
    # 今年3月, 去年12月5日
    _Rule(
        "rel_md",
        f"{_LB_REL}{_REL_YEAR}{_m('m')}月(?:{_d('d')}[日号]{_TOD}|{_MSUF})",
        _build_rel_md, "w", (), "去年12月5日",
    ),
    # 前三季度, 一季度, 上半年, 今年上半年, 今年全年 (a bare 全年 is rejected in _build)
    _Rule(
        "stat",
        f"{_LB_REL}{_REL_YEAR}?{_STAT}",
        _build_stat, "dcw", (_AT_QUARTER,), "前三季度",
    ),
    _Rule(
        "md_range",
        f"{_LB_MD}{_m('m')}月{_d('d')}[日号]?{_SEP}(?:{_m('m2')}月)?{_d('d2')}[日号]",
        _build_range_d, "dc", (_AT_MONTH,), "3月1日—4月2日",
    ),
    # 1-7月份, 1月至3月, 一至三月
    _Rule(
        "m_range",
        f"{_LB_MD}{_m('m')}月?{_SEP}{_m('m2')}月份?",
        _build_range_m, "dc", (_AT_MONTH, _AT_MONTH_SEP), "1-7月份",
    ),
    # 3月5日, 三月五日, 3月5日上午, 3月5号
    _Rule(
        "md",
        f"{_LB_MD}{_m('m')}月{_d('d')}[日号]{_TOD}",
        _build_day, "dc", (_AT_MONTH,), "3月5日",
    ),
    # "时间：1.21" in a flattened table: month.day only right after a date label (elsewhere
    # 1.21 is a decimal). The blank after the colon is in the look-behind because a match starts
    # at its first digit (the scan dispatches on digit runs).
    _Rule(
        "md_label",
        r"(?:(?<=(?:时间|日期)[:：])|(?<=(?:时间|日期)[:：][ \t]))"
        r"(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?![\d.])",
        _build_day, "d", (_AT_DOT,), "时间:1.21",
    ),
    # 3月, 3月份, 3月底; a Chinese month alone only with 份 (三月份), since 五月天 is a name.
    _Rule(
        "m",
        f"{_LB_MD}(?:(?P<m>{_D}{{1,2}})月{_MSUF}|(?P<mc>{_CN_MONTH})月份)",
        _build_month, "dc", (_AT_MONTH,), "3月份",
    ),
    # “十四五”期间, 十四五时期, 十五五; two-character names (九五, 十五) need quotes or 期间.
    _Rule(
        "plan",
        "(?<![〇○零一二三四五六七八九十百千两第])(?P<q1>[“\"‘'])?"
        "(?P<p>十[一二三四五六七八九]五|十五|[六七八九]五)(?P<q2>[”\"’'])?"
        "(?P<ps>期间|时期|规划|计划|末期|末|以来)?(?![个年岁天日人名家项次万千百亿倍])",
        _build_plan, "cw", (), "“十四五”期间",
    ),
    # 本周一, 上周五, 下周三: a weekday of the anchor's week (the digest's own date).
    _Rule(
        "week",
        f"{_LB_REL}(?P<wk>本周|这周|上周|下周)(?P<wd>[一二三四五六日天])",
        _build_week, "w", (), "本周一",
    ),
    _Rule(
        "rel",
        f"{_LB_REL}(?P<w>近日|日前|今天|今日|昨天|昨日|前天|明天|明日|本月|上个月|上月|下个月|下月"
        "|今年|去年|明年|前年|同年|本年)",
        _build_rel, "w", (), "近日",
    ),
    # 15日, 15日上午 (Arabic only: 三日 is as often "three days"); not "30日内" (within).
    _Rule(
        "d",
        f"(?<![0-9０-９.．月号第近每满续余数几前后共个])(?P<d>{_D}{{1,2}})日{_TOD}"
        "(?!内|以内|之内|左右|以上|以下|均|元|起算)",
        _build_d, "d", (_AT_DAY,), "15日",
    ),
)

# The tables the scan and the builders read, derived from the one table above.
_RULES: Final[tuple[tuple[str, str], ...]] = tuple((r.name, r.pattern) for r in _RULE_TABLE)
_HEADS: Final[dict[str, str]] = {r.name: r.heads for r in _RULE_TABLE}
_BUILDERS: Final[dict[str, _Builder]] = {r.name: r.build for r in _RULE_TABLE}
# (where a run of the head's kind starts, ((guard, rules), ...)): a run never starts right after
# a character of its own kind ("12023年", "二十四五": every rule's look-behind rejects those).
_DISPATCH: Final[tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...]] = (
    (
        f"(?=[{_DIGIT_CHARS}])(?<![{_DIGIT_CHARS}])",
        tuple(
            (guard, tuple(r.name for r in _RULE_TABLE if guard in r.digit_guards))
            for guard in _DIGIT_GUARDS
        ),
    ),
    (
        f"(?=[{_CN_CHARS}])(?<![{_CN_CHARS}])",
        (
            (
                f"[{_CN_CHARS}]{{1,4}}[年月日号季五{_SEP_FIRST}]",
                tuple(r.name for r in _RULE_TABLE if "c" in r.heads),
            ),
        ),
    ),
    (
        f"(?=[{re.escape(''.join(first for first, _ in _WORD_TRIGGERS))}])",
        (
            (
                "|".join(first + (f"(?={rest})" if rest else "") for first, rest in _WORD_TRIGGERS),
                tuple(r.name for r in _RULE_TABLE if "w" in r.heads),
            ),
        ),
    ),
)


def _build(text: str, rule: str, g: _Groups, s: int, e: int) -> DateParts | None:
    """Verify one candidate and read its parts; None rejects it."""
    return _BUILDERS[rule](text, rule, g, s, e)


def _rel_year(word: str) -> tuple[str, int]:
    if word == "同年":
        return "same_year", 0
    return "year", _REL_YEAR_OFFSET.get(word, 0)


def _cand_span(c: DateParts) -> tuple[int, int]:
    return c.start, c.end


def _resolve_overlaps(cands: list[DateParts]) -> list[DateParts]:
    """The shared overlap policy (`extractor.overlaps`): longest first, then earliest."""
    return longest_first(cands, _cand_span)


def _title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of outermost 《...》 titles; a title never crosses a line break."""
    spans: list[tuple[int, int]] = []
    if "《" not in text:
        return spans
    depth = 0
    opened = 0
    for mt in _BRACKET_RE.finditer(text):
        ch = mt.group()
        if ch == "\n":
            depth = 0
        elif ch == "《":
            if depth == 0:
                opened = mt.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                spans.append((opened, mt.end()))
    return spans


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect.bisect_right(spans, (s, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= s and e <= spans[i][1]


# What may stand between a line start and its dateline: blanks, 【 or [, and a time-zone label
# ("当地时间23日,美联储公布...", "北京时间3月5日", "美东时间24日").
_LINE_LEAD_RE: Final = re.compile(r"(?:^|\n)[ \t\u3000【\[]*(?:[^\s，,。；;]{0,4}时间)?[ \t]*$")


def _at_line_start(text: str, s: int) -> bool:
    """True for a dateline: the date opens its line ("\n2023年1月3日,..." / "\n当地时间23日,")."""
    if s > 12 and text.find("\n", s - 12, s) < 0:
        return False  # the lead needs a line break in the window (^ only matches at 0)
    return _LINE_LEAD_RE.search(text, max(0, s - 12), s) is not None or s == 0


def _verb_follows(text: str, s: int, e: int) -> bool:
    """An own verb in the clause after the date, one leading comma skipped:
    "3月5日,国务院办公厅印发..." -> True; "3月5日,天气晴朗。" -> False."""
    pos = e + 1 if e < len(text) and text[e] in ",， " else e
    found = _VERB_OR_CLAUSE_END_RE.search(text, pos, min(len(text), pos + _OWN_WINDOW))
    return found is not None and found.end() - found.start() > 1 and _done(text, s, found)


def _own_verb_at(text: str, s: int, e: int) -> bool:
    """An own verb right after the date: "2025年,成都发布…" no, "2018年建成通车" yes."""
    found = _OWN_VERB_RE.match(text, e)
    return found is not None and _done(text, s, found)


def _done(text: str, s: int, verb: re.Match[str]) -> bool:
    """A verb of finished works (建成, 竣工) dates the item only where it is done: not in a
    plan ("计划于2025年6月全部完成", "项目将在2025年建成") nor describing a thing
    ("于2018年建成的大桥")."""
    if verb.group() not in _DONE_VERBS:
        return True
    if text.startswith("的", verb.end()):
        return False
    clause = text[max(0, s - _PLAN_WINDOW) : s]
    clause = clause[max(clause.rfind(mark) for mark in "，,。；;\n") + 1 :]
    return _PLAN_RE.search(clause) is None


# Words that make a start date the start of a rule's validity, not of an event: a rule is put
# in force, changed or lifted, and says what one may or must do.
_VALIDITY_RE: Final = re.compile(
    r"施行|实施|执行|生效|启用|实行|试行|调整|取消|停止|恢复|不再|可|须|需|应"
)
_EVENT_START_WINDOW = 30
# Words that make a range of days the period a total is counted over (statistics).
_CUMULATIVE_RE: Final = re.compile("累计|合计|共计|总计|累积")
_CUMULATIVE_WINDOW = 40
_CLAUSE_STOP_RE: Final = re.compile(r"[。;；\n]")


def _event_starts(text: str, s: int, e: int) -> bool:
    """"22日起,新一股冷空气将带来降温" starts an event on the day an item opens with;
    "1月1日起,新规施行" starts a rule's validity. Only a date opening its line is an event's
    start, and only where the clause after it names no validity."""
    if not _at_line_start(text, s - 1 if text[s - 1 : s] in ("自", "从") else s):
        return False
    clause_end = min(len(text), e + _EVENT_START_WINDOW)
    stop = _CLAUSE_STOP_RE.search(text, e, clause_end)
    window = text[e : stop.start() if stop else clause_end]
    return _VALIDITY_RE.search(window) is None


def _role(text: str, c: DateParts, titles: list[tuple[int, int]]) -> DateRole:
    """Role from the rule and the neighbourhood; see DateRole in models.py."""
    s, e = c.start, c.end
    kind = c.kind
    periodic = kind in ("range_y", "period")
    if titles and _inside(titles, s, e):
        # 《2022年中国工业元宇宙生态图》 names a year; it is no event date. A plan period in a
        # title (《...行动计划(2023-2025年)》) is still the document's validity period.
        return "period" if periodic else "other"
    if periodic:
        return "period"
    if kind == "range_m":
        # 1-7月份 is a cumulative reporting period; 3-5月 (not from January) a plain period.
        return "statistics" if c.m == 1 else "period"
    if kind == "deadline" or kind == "statistics":
        return "deadline" if kind == "deadline" else "statistics"
    if kind == "range_d":
        # 1月7日至21日,节前春运15天,累计发送旅客…: the days a total is counted over.
        window_end = min(len(text), e + _CUMULATIVE_WINDOW)
        stop = _CLAUSE_STOP_RE.search(text, e, window_end)
        if _CUMULATIVE_RE.search(text, e, stop.start() if stop else window_end):
            return "statistics"
    before = text[max(0, s - 3) : s]
    if before.endswith(_TARGET_BEFORE):
        return "deadline"  # 力争在2025年将朝阳区打造成...
    if before.endswith(("自", "从")) or text.startswith("起", e):
        if _event_starts(text, s, e) or _own_verb_at(text, s, e):
            return "own"  # …自4月份开工建设: an event right after the date, not a validity
        return "period"  # 自2023年3月1日起施行: the start of validity
    if text.startswith(("以来", "至今"), e):
        return "period"  # 7月以来: a stretch of time up to now, not the item's event
    if c.rel in ("recent", "today", "day"):
        return "own" if _verb_follows(text, s, e) else "other"
    if c.prec == "year":
        # "2025年,成都发布了..." is an event year; "2023年投资促进大会" names an event.
        nxt = text[e : e + 1]
        if _own_verb_at(text, s, e) or (nxt in (",", "，") and _verb_follows(text, s, e)):
            return "own"
        return "other"
    # A month opening a line is a dateline only before a comma ("2023年5月,…"): "5月国内手机
    # 市场出货量…" reports May's statistics.
    dateline_end = text[e : e + 1] not in ("", "\n") and (
        c.prec == "day" or text[e : e + 1] in (",", "，")
    )
    if (dateline_end and _at_line_start(text, s)) or text.startswith(("电", "讯"), e):
        return "own"  # dateline: "2023年1月3日,..." / "新华社北京3月5日电"
    # The label's colon stands right before the date or one blank before it.
    if (text[s - 1 : s] in _COLONS or text[s - 2 : s - 1] in _COLONS) and _LABEL_BEFORE_RE.search(
        text, max(0, s - 6), s
    ):
        return "own"  # 发布时间：2023-01-05
    return "own" if _verb_follows(text, s, e) else "other"


# Web pages and typesetters set a blank between digits and Chinese ("自 2024 年 12 月 18 日起施行",
# "2008年 3月14日"), and some mirrors gloss characters with pinyin (2008年1月(yuè)). Only such
# blanks inside a date, and glosses, are left out of a copy the rules read (see extractor.gaps).
_DATE_GAP: Final = re.compile(
    rf"(?<=[0-9])[ \u3000](?=[年月日号])|(?<=[年月])[ \u3000](?=[0-9])|{PINYIN_GLOSS.pattern}"
)


def extract_dates(text: str, base: int = 0, anchor: DateAnchor | None = None) -> list[DateMention]:
    """Find every date in `text`; spans are offset by `base` (the position of `text` in the
    article). Year-less dates are completed from earlier dates in `text`, then from `anchor`
    (the nearest known date before this text); relative words (近日, 去年) from `anchor` only.

    >>> found = extract_dates("3月5日,国务院印发通知", 0, DateAnchor(year=2024))
    >>> [(m.text, m.value, m.role) for m in found]
    [('3月5日', '2024-03-05', 'own')]
    >>> [(m.text, m.value) for m in extract_dates("自 2024 年 12 月 18 日起施行")]
    [('2024 年 12 月 18 日', '2024-12-18')]
    """
    if " " not in text and "\u3000" not in text and "(" not in text:
        return _extract(text, base, anchor)
    return read_past(text, base, _DATE_GAP, lambda copy, at: _extract(copy, at, anchor))


def _extract(text: str, base: int, anchor: DateAnchor | None) -> list[DateMention]:
    cands = _chosen(text)
    if not cands:
        return []
    titles = _title_spans(text)
    last_anchor_day = anchor_end(anchor)
    ctx_y: int | None = None
    ctx_ym: tuple[int, int] | None = None
    rows: list[dict[str, object]] = []
    for c in cands:
        role = c.role = _role(text, c, titles)
        start, end = c.start, c.end
        # Nothing to complete when the text names the year (a day-only "d" never does).
        reason = complete(c, anchor, ctx_y, ctx_ym) if c.rel or c.y is None else None
        result = reason if reason is not None else value_of(c)
        if isinstance(result, str):
            rows.append(
                {
                    "text": text[start:end], "start": base + start, "end": base + end,
                    "rule": c.rule, "value": None, "precision": None, "value_start": None,
                    "value_end": None, "role": role, "reason": result,
                }
            )  # fmt: skip
            continue
        value, v_start, v_end = result
        rows.append(
            {
                "text": text[start:end], "start": base + start, "end": base + end, "rule": c.rule,
                "value": value, "precision": c.prec, "value_start": v_start, "value_end": v_end,
                "role": role, "reason": None,
            }
        )  # fmt: skip
        # Later year-less dates take their year and month from this one, if it is a point in
        # time of the narrative ("2023年1月7日..., 10日" -> 2023-01-10), not a plan period, a
        # deadline or a year inside a name ("2023年投资促进大会").
        if (role == "own" or role == "other") and c.rel != "recent" and c.rel != "today":
            # A bare year sets the narrative's year only as a dateline ("2023年,…"): in
            # "2023年签约项目超过40个。1月15日,万科披露" the year is what is counted, and 1月15日
            # takes its year from the anchor.
            named_year = c.prec == "year" and not text.startswith((",", "，"), end)
            # A date after the anchor is a plan, not the narrative's time: in a digest dated
            # 2022-11-28, "央行决定12月5日降准。...25日宣布" -> 25日 is November 25.
            future = last_anchor_day is not None and v_start > last_anchor_day
            if not named_year and not future and not (titles and _inside(titles, start, end)):
                ctx_y = int(value[:4])
                if c.prec != "year":
                    ctx_ym = (ctx_y, int(value[5:7]))
    if len(rows) > 1:
        rows = _joined_ranges(text, base, rows, titles)
    # The model's own validator: the same DateMention as DateMention(**row), without the
    # Python layer of BaseModel.__init__ (model_construct is slower still: it loops in Python).
    validate = DateMention.__pydantic_validator__.validate_python
    return [validate(row) for row in rows]


# What may stand between the two ends of a range of full dates (2019/2/1-2019/8/1,
# 自2021-03-02至2021-03-09止, 前年10月到去年2月), blanks aside.
_RANGE_GAPS: Final = frozenset(("——", "--", "-", "—", "–", "－", "~", "～", "〜", "至", "到"))


def _offset(row: dict[str, object], key: str, base: int) -> int:
    """A row's offset into `text` (rows hold offsets into the article)."""
    value = row[key]
    assert isinstance(value, int)
    return value - base


def _joined_ranges(
    text: str, base: int, rows: list[dict[str, object]], titles: list[tuple[int, int]]
) -> list[dict[str, object]]:
    """Two dates of one precision with only a range separator between them are one range:
    its value is the first, `value_start`..`value_end` span both. The rules that name a range
    in one pattern (2023年3月1日至5日) never get here; this joins what two rules found."""
    joined: list[dict[str, object]] = []
    index = 0
    while index < len(rows):
        low = rows[index]
        high = rows[index + 1] if index + 1 < len(rows) else None
        precision = low["precision"]
        if (
            high is not None and low["value"] is not None and high["value"] is not None
            and (precision == "day" or precision == "month" or precision == "year")
            and high["precision"] == precision
            and text[_offset(low, "end", base):_offset(high, "start", base)].strip(" ")
            in _RANGE_GAPS
            and str(low["value_end"]) < str(high["value_start"])
        ):
            start, end = _offset(low, "start", base), _offset(high, "end", base)
            span = DateParts(start, end, "range_joined", "range_d", prec=precision)
            joined.append({
                **low, "text": text[start:end], "end": high["end"], "rule": "range_joined",
                "value_end": high["value_end"], "role": _role(text, span, titles),
            })
            index += 2
            continue
        joined.append(low)
        index += 1
    return joined


def parse_date(s: str, anchor: DateAnchor | None = None) -> DateMention | None:
    """Normalize one date expression; None unless a single mention covers all of `s`.

    >>> for s in ["2023年1月3日", "二〇二三年一月三日", "2023年2月", "2022-2024年",
    ...           "2023.1.3", "到2025年底", "1-7月份", "“十四五”期间", "2024年2月"]:
    ...     m = parse_date(s, DateAnchor(year=2023))
    ...     print(s, m.value, m.precision, m.value_start, m.value_end, m.role)
    2023年1月3日 2023-01-03 day 2023-01-03 2023-01-03 other
    二〇二三年一月三日 2023-01-03 day 2023-01-03 2023-01-03 other
    2023年2月 2023-02 month 2023-02-01 2023-02-28 other
    2022-2024年 2022 year 2022-01-01 2024-12-31 period
    2023.1.3 2023-01-03 day 2023-01-03 2023-01-03 other
    到2025年底 2025 year 2025-01-01 2025-12-31 deadline
    1-7月份 2023-01 month 2023-01-01 2023-07-31 statistics
    “十四五”期间 2021 year 2021-01-01 2025-12-31 period
    2024年2月 2024-02 month 2024-02-01 2024-02-29 other
    >>> parse_date("2000亿元") is None, parse_date("去年").reason
    (True, 'relative year without an anchor year')
    """
    found = extract_dates(s, 0, anchor)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(s):
        return found[0]
    return None
