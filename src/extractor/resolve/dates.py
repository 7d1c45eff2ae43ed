"""The entry's own date, chosen among its date mentions, and the anchor carried between entries.

SPEC.md: `date` is the date of the item's own event or publication, never a background date,
deadline, plan period or statistics period, and null when the text does not determine it.
Choice order:

1. the body's dateline: a point date at the very start of the body ("2023年1月3日,...");
2. the first body mention with role "own" ("...,国务院3月5日印发了...");
3. the first headline mention with role "own" ("2025年,成都发布了..." when the body has none).

Relative words (近日, 日前, 今天) are never the entry date: their value comes from the anchor
(the previous entry), which the text does not confirm. When the headline names a date that does
not overlap the chosen body date, the body wins and a `headline_date_conflict` notice says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from extractor.extract.dates import extract_dates
from extractor.gaps import PINYIN_GLOSS
from extractor.models import DateAnchor, DateMention, EntrySpan, Notice
from extractor.numerals import parse_cn_int

__all__ = ["choose_entry_date", "next_anchor", "one_year_list", "title_anchor", "today_anchor"]

# Roles that never give the entry date, even at the start of the body ("到2025年,...").
_NOT_OWN = ("period", "deadline", "statistics")
# Characters that may stand between the body start and its dateline: blanks and 【 (【2023年...).
_LEAD = " \t\r\n\u3000【[(（"
# Rules whose value comes from the anchor only, not from the text.
_RELATIVE_RULES = ("rel",)


def _is_dateline(lead_end: int, body_start: int, m: DateMention) -> bool:
    """Whether `m` opens the body: nothing but blanks and 【 ( before it (`lead_end` is where
    the body's first other character is)."""
    # A null value (3月5日 with no year known) still occupies the dateline: report it rather
    # than fall through to a later, less certain date.
    if m.start < body_start or m.role in _NOT_OWN or m.rule in _RELATIVE_RULES:
        return False
    if m.precision not in ("day", "month") and m.value is not None:
        return False
    return m.start <= lead_end


def _skip_forward(text: str, start: int, end: int, chars: str) -> int:
    """The first position from `start` whose character is not one of `chars`."""
    while start < end and text[start] in chars:
        start += 1
    return start


def _skip_back(text: str, end: int, chars: str) -> int:
    """The position after the last character before `end` that is not one of `chars`."""
    while end > 0 and text[end - 1] in chars:
        end -= 1
    return end


# What may follow a date that closes an item or its headline: "……。(2024-06-03)",
# "……（2024年6月3日）", a notice signed "二〇二四年六月三日".
_TRAILER = " \t\r\n\u3000)）]】。.;；"


def _signature(
    text: str, ends: tuple[int, ...], dates: Sequence[DateMention]
) -> DateMention | None:
    """A full date closing the entry or its headline: the date the item was published."""
    # Where the trailing punctuation before each end begins: a date ending in there closes it.
    closing = [(_skip_back(text, end, _TRAILER), end) for end in ends]
    for m in dates:
        if m.precision == "day" and _usable(m) and m.role not in _NOT_OWN and any(
            low <= m.end <= end for low, end in closing
        ):
            return m
    return None


def _first_sentence_date(
    text: str, start: int, end: int, dates: Sequence[DateMention]
) -> DateMention | None:
    """The last resort: a day in the body's first sentence, outside any 《》 title, where news
    items put the event ("中国人民银行12月30日以…开展了…操作", "宁德时代12月30日晚公告")."""
    stop = _FIRST_SENTENCE_END.search(text, start, end)
    sentence_end = stop.start() if stop else end
    for m in dates:
        if m.start >= sentence_end:
            break
        if m.precision != "day" or not _usable(m) or m.role in _NOT_OWN:
            continue
        before = text[start:m.start]
        if before.count("《") > before.count("》"):
            continue  # inside a title: 《2025年1月1日起施行的办法》
        return m
    return None


_FIRST_SENTENCE_END = re.compile(r"[。！？!?\n]")


def _usable(m: DateMention) -> bool:
    """A relative date counts only when it names a day of the digest's own calendar (昨天,
    今天上午, 前天: a day before the anchor); 近日, 日前, 今年 stay vague."""
    return m.value is not None and (m.rule not in _RELATIVE_RULES or m.precision == "day")


def _overlaps(a: DateMention, b: DateMention) -> bool:
    if None in (a.value_start, a.value_end, b.value_start, b.value_end):
        return True  # nothing to compare: no conflict to report
    return str(a.value_start) <= str(b.value_end) and str(b.value_start) <= str(a.value_end)


def choose_entry_date(
    text: str, span: EntrySpan, dates: Sequence[DateMention]
) -> tuple[str | None, list[Notice]]:
    """Return the entry's own date (YYYY-MM-DD, YYYY-MM or YYYY) or None, plus warnings.

    `text` is the whole article, `span` the entry, `dates` its mentions (article offsets).
    """
    notices: list[Notice] = []
    in_body = [m for m in dates if span.body_start <= m.start and m.end <= span.body_end]
    in_head = [
        m
        for m in dates
        if span.headline_start <= m.start and m.end <= span.headline_end and m not in in_body
    ]
    # A headline that is the body's first sentence starts where the body does.
    body_start = (
        min(span.body_start, span.headline_start)
        if span.headline_is_sentence
        else (span.body_start)
    )
    chosen: DateMention | None = None
    source = ""
    lead_end = _skip_forward(text, body_start, span.body_end, _LEAD)
    dateline = next((m for m in in_body if _is_dateline(lead_end, body_start, m)), None)
    if dateline is not None:
        if dateline.value is None:
            notices.append(
                Notice(
                    code="entry_date_incomplete",
                    message=f"dateline {dateline.text!r} cannot be completed: {dateline.reason}",
                )
            )
            return None, notices
        chosen, source = dateline, "body dateline"
    if chosen is None:
        chosen = _signature(text, (span.body_end, span.headline_end), dates)
        source = "signature"
    if chosen is None:
        chosen = next((m for m in in_body if m.role == "own" and _usable(m)), None)
        source = "body"
    if chosen is None:
        chosen = next((m for m in in_head if m.role == "own" and _usable(m)), None)
        source = "headline"
    if chosen is None:
        chosen = _first_sentence_date(text, body_start, span.body_end, in_body)
        source = "first sentence"
    if chosen is None:
        relative = next((m for m in dates if m.role == "own" and m.rule in _RELATIVE_RULES), None)
        if relative is not None:
            notices.append(
                Notice(
                    code="entry_date_relative",
                    message=f"only a relative date ({relative.text}) names the event; "
                    "its anchor-based value is not used as the entry date",
                )
            )
        return None, notices
    if source != "headline":
        for m in in_head:
            if m.role == "own" and m.value is not None and not _overlaps(m, chosen):
                notices.append(
                    Notice(
                        code="headline_date_conflict",
                        message=f"headline says {m.text} ({m.value}) but the {source} says "
                        f"{chosen.text} ({chosen.value}); kept {chosen.value}",
                    )
                )
    return chosen.value, notices


def next_anchor(anchor: DateAnchor | None, date_value: str | None) -> DateAnchor | None:
    """The anchor for the next entry: its own date if known, else the current anchor.

    A year-only date in the anchor's year keeps the anchor's month and day (more precise and
    consistent); a date that contradicts the anchor replaces it.

    >>> a = DateAnchor(year=2023)
    >>> for v in ["2023-01-03", "2023-02", "2023", "2024", None, "bad"]:
    ...     n = next_anchor(DateAnchor(year=2023, month=1, day=3), v)
    ...     print(v, n.year, n.month, n.day)
    2023-01-03 2023 1 3
    2023-02 2023 2 None
    2023 2023 1 3
    2024 2024 None None
    None 2023 1 3
    bad 2023 1 3
    >>> next_anchor(None, None) is None
    True
    """
    parsed = _parse_value(date_value) if date_value else None
    if parsed is None:
        return anchor
    year, month, day = parsed
    keeps = anchor is not None and anchor.year == year
    if keeps and (month is None or (anchor is not None and month == anchor.month and day is None)):
        return anchor
    return DateAnchor(year=year, month=month, day=day)


def _parse_value(value: str) -> tuple[int, int | None, int | None] | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` -> parts; None for anything else."""
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isascii() and p.isdigit() for p in parts):
        return None
    nums = [int(p) for p in parts]
    try:
        date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1)
    except ValueError:
        return None
    return nums[0], (nums[1] if len(nums) > 1 else None), (nums[2] if len(nums) > 2 else None)


# A list that covers one year names it before the kind of list: 2008年国内十大新闻,
# 2010年10大新闻, 2023年国内元宇宙相关政策汇总, 2019年大事记, 2008年回顾. Not a month's or
# a week's digest (2024年3月要闻速览, 2024年三月…: a 月 before the list word), an event's
# (2024年两会十大看点), nor a report's section (2020年工作要点, 2019年工作总结: plans and
# reviews inside one document).
_ONE_YEAR_GAP = (
    r"(?:(?!\d{1,2}月|[一二三四五六七八九十]{1,2}月|第|[春夏秋冬]季|季度|上半年|下半年|假期|国庆"
    r"|春节|五一|两会|元旦|高考|周)[^\n。，,；;]){0,16}?"
)
_YEAR = r"(?<![\d.])(?P<year>(?:19|20)\d{2})"
_ONE_YEAR_LIST = re.compile(
    rf"{_YEAR}[ \u3000]?年(?:度)?{_ONE_YEAR_GAP}(?:十大|[1-9]\d?大|大事|盘点|回顾|汇总)"
)
# A title's year's major news, the phrase closing there (2011年某地区重大新闻事件); in a
# digest's head or inside a phrase it is a conference's, a campaign's (2024年重大新闻线索征集,
# 首场重大新闻发布会).
_MAJOR_NEWS_LIST = re.compile(
    rf"{_YEAR}[ \u3000]?年(?:度)?{_ONE_YEAR_GAP}重大新[闻聞](?:事件)?"
    r"(?=$|[\s，,。:：|｜》”」(（【]|回顾|盘点|汇总|一览)"
)
# A title may write its year without 年 right before a ranking of news (2016 国际十大新闻,
# 2016国际“双十”新闻: two top tens, not 双十一 or 双十二's sales): anywhere in the title
# with the ranking's scope between (某台发布2020国内十大新闻), or at its start or after a
# mark without. A ranking of other things after a verb is a day's headline, not the page's
# (某刊发布2024全球十大富豪榜, 展望2035中国十大趋势), and in running text a figure before
# a ranking is a count (2000多家企业评出十大品牌, 共2022只基金进入十大).
_RANKING = r"[“\"「]?(?:十大|[1-9]\d?大|[双雙]十(?![一二节節]))"
_BARE_YEAR_LIST = re.compile(
    rf"{_YEAR}[ \u3000]?(?:国际|國際|国内外?|國內外?|中国|中國|两岸|兩岸|全球|世界|年度)[ \u3000]?"
    rf"{_RANKING}"
    r"[”\"」]?(?:新闻|新聞|事件)"
    r"|(?:^|(?<=[\s:：|｜]))(?P<opening>(?:19|20)\d{2})[ \u3000]?"
    rf"{_RANKING}"
)
# A title's own day (2023年1月2日, 2023-01-02, 20230102): a digest of that day, whose title
# may quote another year's ranking among its headlines.
_TITLE_DAY = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?:年\d{1,2}月\d{1,2}[日号]|[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d))"
)


def one_year_list(text: str) -> int | None:
    """The year a list covers, from its title or heading; None for any other list.

    >>> one_year_list("新华社:2008年国内十大新闻[组图]"), one_year_list("2019年大事记")
    (2008, 2019)
    >>> one_year_list("2024年3月要闻速览") is None, one_year_list("每周政策速览") is None
    (True, True)
    >>> one_year_list("2025年春季人才新政汇总"), one_year_list("2024年国庆假期数据盘点")
    (None, None)
    >>> one_year_list("2016 国际“双十”新闻出炉"), one_year_list("共收回2000份问卷汇总")
    (2016, None)
    >>> one_year_list("相关阅读: 2016国际十大新闻 | 2003年国际十大新闻")
    2003
    >>> one_year_list("财经早餐\\n昨日共2022只基金披露四季报十大重仓股")
    >>> one_year_list("2019双十二战报")
    >>> one_year_list("2016 年国际十大新闻"), one_year_list("编号12008年十大")
    (2016, None)
    >>> one_year_list("某台发布2020國內(nèi)十大新聞"), one_year_list("2011年某地区重大新闻事件")
    (2020, 2011)
    >>> one_year_list("每日简报 某刊发布2024全球十大富豪榜"), one_year_list("展望2035中国十大趋势")
    (None, None)
    >>> one_year_list("2023年1月2日新闻联播｜回看某台发布2022国内十大新闻")
    >>> one_year_list("某台发布2020国内外十大新闻"), one_year_list("2020 两岸 十大新闻")
    (2020, 2020)
    """
    title, _, rest = text.partition("\n")
    # A page's pinyin glosses (國內(nèi)) are no part of its title's words.
    title = PINYIN_GLOSS.sub("", title)
    if match := _ONE_YEAR_LIST.search(title) or _MAJOR_NEWS_LIST.search(title):
        return int(match["year"])
    if match := _BARE_YEAR_LIST.search(title):
        year = int(match["year"] or match["opening"])
        day = _TITLE_DAY.search(title)
        if day is None or int(day[1]) == year:
            return year
    match = _ONE_YEAR_LIST.search(rest)
    return int(match["year"]) if match else None


# A daily brief's own date: "今天是1月23日星期一", "今天是10月9日,星期一,农历八月二十五". A lunar
# month needs 农历/阴历 or a name only lunar months have (正月, 冬月, 腊月).
_LUNAR_DAY = (
    r"(?:初[一二三四五六七八九十]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]"
    r"|十[一二三四五六七八九]?|三十|卅)"
)
_TODAY = re.compile(
    r"(?:今天|今日)是?\s*(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]"
    r"(?:[,，、\s]*(?:星期|周|礼拜)(?P<weekday>[一二三四五六日天]))?"
    r"(?:[,，、\s]*(?:(?:农历|阴历)(?P<leap>闰)?(?P<lunar_month>正|冬|腊|十[一二]?|[一二三四五六七八九])"
    rf"|(?P<named_month>正|冬|腊))月(?P<lunar_day>{_LUNAR_DAY}))?"
)
_WRITTEN_YEARS = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年|-|/|\.\d)")
_WEEKDAY_NAMES = "一二三四五六日"
_LUNAR_MONTH_NAMES: Final = {"正": 1, "冬": 11, "腊": 12}
_LUNAR_TENS: Final = str.maketrans({"廿": "二十", "卅": "三十"})
# The years a brief's weekday and lunar date are matched in when none is written: the digests
# this tool reads are of the People's Republic (the lunar table covers 1900-2100; 10月9日, a
# Monday, 八月二十五, was so in 2023 alone).
_UNWRITTEN_YEARS: Final = range(1950, 2100)


@dataclass(frozen=True, slots=True)
class _BriefDay:
    """What "今天是…" says: month and day, and where given the weekday (0 = Monday) and the
    lunar month (negative when leap, as `lunar_python` has it) and day."""

    month: int
    day: int
    weekday: int | None
    lunar: tuple[int, int] | None

    def fits(self, year: int) -> bool:
        found = _weekday(year, self.month, self.day)
        if found is None or (self.weekday is not None and found != self.weekday):
            return False
        return self.lunar is None or _lunar_month_day(year, self.month, self.day) == self.lunar


def _lunar_month_day(year: int, month: int, day: int) -> tuple[int, int]:
    from lunar_python import Solar  # ~10 ms to import, and few briefs need it

    lunar = Solar.fromYmd(year, month, day).getLunar()
    return lunar.getMonth(), lunar.getDay()


def _brief_day(match: re.Match[str]) -> _BriefDay:
    weekday = match["weekday"]
    lunar = None
    if match["lunar_day"]:
        month_name = match["lunar_month"] or match["named_month"]
        lunar_month = _LUNAR_MONTH_NAMES.get(month_name) or parse_cn_int(month_name)
        lunar_day = parse_cn_int(match["lunar_day"].lstrip("初").translate(_LUNAR_TENS))
        if lunar_month and lunar_day:
            lunar = (-lunar_month if match["leap"] else lunar_month, lunar_day)
    return _BriefDay(
        month=int(match["month"]),
        day=int(match["day"]),
        weekday=None if weekday is None else _WEEKDAY_NAMES.index(weekday.replace("天", "日")),
        lunar=lunar,
    )


def today_anchor(head: str, article: str, year: int | None) -> DateAnchor | None:
    """The brief's own date from "今天是M月D日(星期X)(农历…)" in its head. Its year is `year`
    (the title's) where given; else the one year written in the article on which that day
    falls on that weekday and lunar date; else, where both the weekday and the lunar date are
    named, the one year of the People's Republic they fit. Never the current date: with no
    year to check, the month and day alone are no anchor.

    >>> today_anchor("早安!今天是1月23日星期一,正月初二。", "…2023年是癸卯兔年…", None)
    DateAnchor(year=2023, month=1, day=23)
    >>> today_anchor("今天是1月23日星期一。", "…2022年…", None) is None  # a Sunday in 2022
    True
    >>> today_anchor("今天是10月9日,星期一。", "no year written", None) is None
    True
    >>> today_anchor("今天是10月9日,星期一,农历八月二十五。", "no year written", None)
    DateAnchor(year=2023, month=10, day=9)
    """
    match = _TODAY.search(head)
    if match is None:
        return None
    brief = _brief_day(match)
    if year is None:
        written = sorted({int(y) for y in _WRITTEN_YEARS.findall(article)})
        candidates = [y for y in written if brief.fits(y)]
        if not candidates and brief.weekday is not None and brief.lunar is not None:
            candidates = [y for y in _UNWRITTEN_YEARS if brief.fits(y)]
        if len(candidates) != 1:
            return None
        year = candidates[0]
    if _weekday(year, brief.month, brief.day) is None:
        return None
    return DateAnchor(year=year, month=brief.month, day=brief.day)


def _weekday(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


# YYYYMMDD standing alone (not inside a longer number).
_COMPACT_DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(?![0-9])"
)


def _is_calendar_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def title_anchor(title: str | None) -> DateAnchor | None:
    """The anchor an article title gives its first entry: its first dated point or period.

    >>> title_anchor("2023年国内元宇宙相关政策汇总")
    DateAnchor(year=2023, month=None, day=None)
    >>> title_anchor("2024年3月要闻速览")
    DateAnchor(year=2024, month=3, day=None)
    >>> title_anchor("2025年第45期　　2025年11月10日")
    DateAnchor(year=2025, month=11, day=10)
    >>> title_anchor("《新闻联播》 (20250718)")
    DateAnchor(year=2025, month=7, day=18)
    >>> title_anchor("每周政策速览") is None, title_anchor(None) is None
    (True, True)
    """
    if not title:
        return None
    compact = _COMPACT_DATE.search(title)
    if compact is not None and _is_calendar_day(*map(int, compact.groups())):
        # 《新闻联播》 (20250718), 早报20240808: an issue date written as eight digits, read
        # only in a title (in running text eight digits are as often a code).
        issue_year, issue_month, issue_day = map(int, compact.groups())
        return DateAnchor(year=issue_year, month=issue_month, day=issue_day)
    dated = [m for m in extract_dates(title) if m.value is not None and m.role != "deadline"]
    # "2025年第45期　2025年11月10日": the full date is the issue's own, the bare year is not.
    day = next((m for m in dated if m.precision == "day" and m.role in ("own", "other")), None)
    chosen = day or (dated[0] if dated else None)
    return next_anchor(None, chosen.value) if chosen is not None else None
