"""Resolve the parts of a date the text leaves to context: the year of 3月5日 and of 16年,
the month of 15日, the day of 昨日 and 本周二, from the nearest full date before them or the
article's anchor; and the ISO value and range of a completed date.

The date scan (`extractor.extract.dates`) finds the parts and calls `complete` on each, in text
order, with the context it has seen so far; nothing here reads the clock.
"""

from __future__ import annotations

import calendar
import functools
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from extractor.models import DateAnchor
from extractor.numerals import MAX_YEAR, MIN_YEAR

# Days per month in a leap year: Feb 29 is checked against the real year once it is known.
MAX_DAY: Final = (31, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

if TYPE_CHECKING:
    from extractor.extract.dates import DateParts


def short_year(two_digits: int, context_year: int) -> int:
    """The year ending in `two_digits` nearest the context year, never more than ten years
    after it: 16年 in a 2017 article is 2016, 98年 is 1998, 25年 in 2023 is 2025.

    >>> [short_year(yy, 2017) for yy in (16, 98, 25, 30)]
    [2016, 1998, 2025, 1930]
    """
    year = context_year // 100 * 100 + two_digits
    if year > context_year + 10:
        year -= 100
    elif year < context_year - 90:
        year += 100
    return year


def last_day(y: int, m: int) -> int:
    if m == 2:
        return 29 if calendar.isleap(y) else 28
    return MAX_DAY[m]


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def nearest_year(m: int | None, d: int | None, anchor: DateAnchor | None) -> int | None:
    """The year that puts a year-less month(-day) nearest the anchor: in a digest dated
    2024年11月5日 a later "1月20日" is 2025-01-20, not ten months back.

    >>> nearest_year(1, 20, DateAnchor(year=2024, month=11, day=5))
    2025
    >>> nearest_year(3, 5, DateAnchor(year=2025, month=3, day=14))
    2025
    >>> nearest_year(12, 28, DateAnchor(year=2025, month=1, day=3))
    2024
    >>> nearest_year(6, 1, DateAnchor(year=2025))
    2025
    """
    if anchor is None or anchor.year is None:
        return None
    if m is None or anchor.month is None:
        return anchor.year
    here = anchor.month * 31 + (anchor.day or 15)
    there = m * 31 + (d or 15)
    # More than half a year apart within one calendar year: the other year is nearer.
    if there - here > _HALF_YEAR:
        return anchor.year - 1
    if here - there > _HALF_YEAR:
        return anchor.year + 1
    return anchor.year


_HALF_YEAR: Final = 6 * 31


def complete(
    c: DateParts, anchor: DateAnchor | None, ctx_y: int | None, ctx_ym: tuple[int, int] | None
) -> str | None:
    """Fill the parts the text leaves to context; return a reason when it cannot."""
    a_y = anchor.year if anchor else None
    a_m = anchor.month if anchor else None
    a_d = anchor.day if anchor else None
    if c.rel == "year":
        if a_y is None:
            return "relative year without an anchor year"
        c.y = a_y + c.offset
    elif c.rel == "short_year":
        context_year = ctx_y if ctx_y is not None else a_y
        if context_year is None:
            return "two-digit year without a full year in context"
        c.y = short_year(c.offset, context_year)
    elif c.rel == "same_year":
        c.y = ctx_y if ctx_y is not None else a_y
        if c.y is None:
            return "同年 without an earlier year"
    elif c.rel == "month":
        if a_y is None or a_m is None:
            return "relative month without an anchor month"
        c.y, c.m = add_months(a_y, a_m, c.offset)
    elif c.rel == "recent":
        if a_y is None:
            return "relative date without an anchor"
        c.y, c.m = a_y, a_m
        c.prec = "month" if a_m is not None else "year"
    elif c.rel == "today":
        if a_y is None:
            return "relative date without an anchor"
        c.y, c.m, c.d = a_y, a_m, (a_d if a_m is not None else None)
        c.prec = "day" if c.d is not None else "month" if c.m is not None else "year"
    elif c.rel == "week":
        if a_y is None or a_m is None or a_d is None:
            return "weekday without an anchor day"
        try:
            anchor_day = date(a_y, a_m, a_d)
        except ValueError:
            return "anchor is not a calendar date"
        day = anchor_day - timedelta(days=anchor_day.weekday()) + timedelta(days=c.offset)
        c.y, c.m, c.d = day.year, day.month, day.day
    elif c.rel == "day":
        if a_y is None or a_m is None or a_d is None:
            return "relative day without an anchor day"
        try:
            day = date(a_y, a_m, a_d) + timedelta(days=c.offset)
        except ValueError:
            return "anchor is not a calendar date"
        c.y, c.m, c.d = day.year, day.month, day.day
    elif c.rule == "d":
        ym = ctx_ym or ((a_y, a_m) if a_y is not None and a_m is not None else None)
        if ym is None:
            return "day without an earlier month and year"
        c.y, c.m = ym
    elif c.y is None:
        c.y = ctx_y if ctx_y is not None else nearest_year(c.m, c.d, anchor)
        if c.y is None:
            return "year not given and no earlier date or anchor"
    return None


def value_of(c: DateParts) -> tuple[str, str, str] | str:
    """(value, value_start, value_end), or a reason string when the date is impossible."""
    y = c.y
    assert y is not None  # complete filled it or returned a reason
    if c.kind == "point" and c.prec == "day" and c.m and c.d:
        # One day (the general case below with lo == hi), the most common date.
        try:
            iso = date(y, c.m, c.d).isoformat()
        except ValueError:
            return "not a calendar date"
        return iso, iso, iso
    y2 = c.y2 if c.y2 is not None else y
    if c.kind == "range_y" or (c.kind == "period" and c.m is None):
        lo, hi = date(y, 1, 1), date(y2, 12, 31)
    else:
        m = c.m or 1
        m2 = c.m2 if c.m2 is not None else (c.m or 12)
        try:
            lo = date(y, m, c.d or 1)
            hi_day = c.d2 if c.d2 is not None else c.d if c.m2 is None and c.d else None
            hi = date(y2, m2, hi_day or last_day(y2, m2))
        except ValueError:
            return "not a calendar date"
    if hi < lo:
        return "range ends before it starts"
    lo_iso = lo.isoformat()  # YYYY-MM-DD, the year zero-padded to four digits
    hi_iso = lo_iso if hi == lo else hi.isoformat()
    if c.prec == "day":
        return lo_iso, lo_iso, hi_iso
    return (lo_iso[:7] if c.prec == "month" else lo_iso[:4]), lo_iso, hi_iso


def anchor_end(anchor: DateAnchor | None) -> str | None:
    """Last day the anchor covers (ISO), None unless it names a month: a year-only anchor is
    too coarse to call a date in the same year "after" it."""
    if anchor is None or anchor.year is None or anchor.month is None:
        return None
    return last_day_iso(anchor.year, anchor.month, anchor.day)


@functools.cache
def last_day_iso(year: int, month: int, day: int | None) -> str | None:
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return None
    day = day if day is not None else last_day(year, month)
    return f"{year:04d}-{month:02d}-{day:02d}"
