"""Numerals as written in Chinese text -> `Decimal`: the one place that calls cn2an, and the
one place numerals are parsed (the small ones of dates, `parse_cn_int` and `parse_year`, too).

Arabic (`1,100`, `3.5`), Chinese (`五`, `三千`, `一万五`), mixed (`13万2`, `1.8万亿`, `3千万`),
approximate (`十几` -> 10 and "more") and adjacent-digit ranges (`两三` -> 2..3) are all parsed
here. cn2an only turns a pure Chinese numeral into digits; every 万/亿/千/百 applied to an
Arabic number is multiplied in `Decimal` (in floats `2.3 * 10**8` is `229999999.99999997`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

# Digit values. 两 is the counting form of 2 (两万 = 20000); 〇 is the zero of 二〇二三.
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
# Units inside a 万-section: they multiply the digit before them (三千 = 3 * 1000).
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
# Section units: they multiply everything of lower rank before them (五千万 = 5000 * 10**4).
BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8}
NUMERAL_CHARS = frozenset(CN_DIGITS) | frozenset(SMALL_UNITS) | frozenset(BIG_UNITS)

_ARABIC = re.compile(r"\d+(?:\.\d+)?")
# 1,100 and 12,345,678.5: the leading group has 1-3 digits, every later group exactly 3.
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?")
# 两三 / 三四十 / 五六百万: two adjacent rising digits are a vague range ("two or three"),
# never the number 23 (which cn2an would return).
_ADJACENT_RANGE = re.compile(r"([一二两三四五六七八九])([二三四五六七八九])(.*)")
# 十几 / 二十几 / 十几万: 几 after 十 is "and some more"; the value is the round lower bound.
# 四五六 / 二〇二三: digits read one by one are a code or a year, never a quantity (cn2an
# would happily return 456).
_DIGIT_BY_DIGIT = re.compile(r"[一二两三四五六七八九〇][一二两三四五六七八九〇]")
_VAGUE_TENS = re.compile(r"十几(?=[万亿]|$)")
# 四点七五, 六点一五亿: a Chinese decimal. The digits after 点 are read one by one (七五 is
# .75, not .705), and a trailing 万/亿 multiplies the whole (cn2an refuses 六点一五亿).
_CN_DECIMAL = re.compile(
    r"(?P<whole>[^点]+)点(?P<fraction>[0-9]+|[零〇一二两三四五六七八九]+)(?P<ranks>[万亿]*)"
)
_FRACTION_DIGITS = str.maketrans({char: str(value) for char, value in CN_DIGITS.items()})
# 十来万, 二十来家: 来 after a round number is "or so" (approximate), never part of the value.
_ROUGHLY = "来"
# 三个亿, 两个多亿: 个 between a number and 万/亿 is colloquial and adds nothing to the value.
# A run may end in that 个 when 多 follows it (三个多亿: the 多亿 is read after the run).
_COLLOQUIAL_MEASURE = re.compile(r"个(?=多?亿|$)")


# A 4-digit number followed by 年 outside this range is a duration or a count ("5000年文明"),
# not a calendar year.
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2099

# --- Small numerals of dates ---------------------------------------------------------------
# Dates need only 0-31 and years read digit by digit (二〇二三, also with the circle ○ that
# typesetters use for 〇): the digits, the circle included.
DATE_DIGITS: Final[dict[str, int]] = {**CN_DIGITS, "○": 0}


def parse_cn_int(s: str) -> int | None:
    """Small integers (0-99) written in Arabic or Chinese digits; None if not one.

    >>> [parse_cn_int(s) for s in ["7", "０７", "三", "十", "十二", "二十", "三十一", "两"]]
    [7, 7, 3, 10, 12, 20, 31, 2]
    >>> [parse_cn_int(s) for s in ["", "十十", "百", "x1"]]
    [None, None, None, None]
    """
    if not s:
        return None
    if s.isdigit():
        return int(s)  # int() reads full-width digits too: int("０７") == 7
    tens, sep, units = s.partition("十")
    if sep:
        if len(tens) > 1 or "十" in units or len(units) > 1:
            return None
        hi = DATE_DIGITS.get(tens, -1) if tens else 1
        lo = DATE_DIGITS.get(units, -1) if units else 0
        return None if hi < 0 or lo < 0 else hi * 10 + lo
    if len(s) == 1 and s in DATE_DIGITS:
        return DATE_DIGITS[s]
    return None


def parse_year(s: str) -> int | None:
    """A 4-digit year in Arabic or Chinese digits (digit by digit); None outside 1900-2099.

    >>> [parse_year(s) for s in ["2023", "二〇二三", "二零一九", "１９９８", "5000", "二〇二"]]
    [2023, 2023, 2019, 1998, None, None]
    """
    if len(s) != 4:
        return None
    if s.isdigit():
        year = int(s)
    else:
        digits = [DATE_DIGITS.get(c, -1) for c in s]
        if min(digits) < 0:
            return None
        year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]
    return year if MIN_YEAR <= year <= MAX_YEAR else None


@dataclass(frozen=True, slots=True)
class Numeral:
    """A parsed numeral: `value`, the upper end `high` of a vague range (两三 -> 2..3),
    `more` when the numeral itself says "and some more" (十几 -> 10, more), and `roughly`
    when it says "or so" (十来万 -> 100000, roughly)."""

    value: Decimal
    high: Decimal | None = None
    more: bool = False
    roughly: bool = False


@functools.cache
def _cn2an() -> Any:
    """cn2an takes 0.2 s to import: load it on first use only, once."""
    import cn2an  # lazy on purpose: see the docstring

    return cn2an


@functools.lru_cache(maxsize=4096)
def _chinese_value(numeral: str) -> Decimal | None:
    """A pure Chinese numeral through cn2an (`normal` mode accepts 两百 and 三百五)."""
    try:
        result = _cn2an().cn2an(numeral, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(result))


def _mixed_value(numeral: str) -> Decimal | None:
    """Arabic digits with Chinese units, evaluated in `Decimal`.

    Two numbers in a row without a unit between them (十四五, 一10) are not one numeral.
    A single trailing digit after a unit is the abbreviated next rank: 13万2 = 132000.
    """
    total = Decimal(0)  # finished 亿 sections
    mid = Decimal(0)  # finished 万 sections inside the current 亿 section
    section = Decimal(0)  # below 万
    current: Decimal | None = None
    current_is_digit = False  # a single digit, as the abbreviated tail needs
    last_unit: int | None = None
    last_small: int | None = None
    position = 0
    while position < len(numeral):
        char = numeral[position]
        match = _ARABIC.match(numeral, position)
        if match is not None or char in CN_DIGITS:
            if current is not None:
                return None
            if match is not None:
                current = Decimal(match.group())
                current_is_digit = len(match.group()) == 1
                position = match.end()
                continue
            if CN_DIGITS[char] == 0:
                # 一百零五: the zero only says a rank is skipped; no abbreviated tail after it.
                last_unit = None
            else:
                current = Decimal(CN_DIGITS[char])
                current_is_digit = True
        elif char in SMALL_UNITS:
            unit = SMALL_UNITS[char]
            if current is None:
                if section != 0:
                    return None  # 百千: a unit with no digit in the middle of a number
                current = Decimal(1)
            if last_small is not None and unit >= last_small:
                return None  # 十百: ranks must fall
            section += current * unit
            current, last_unit, last_small = None, unit, unit
        elif char in BIG_UNITS:
            value = section + (current or 0)
            if char == "万":
                mid += (value or (0 if mid or total else 1)) * BIG_UNITS[char]
            else:
                total = (total + mid + (value or (0 if mid or total else 1))) * BIG_UNITS[char]
                mid = Decimal(0)
            section, current, last_unit, last_small = Decimal(0), None, BIG_UNITS[char], None
        else:
            return None
        position += 1
    if current is not None and last_unit is not None and current_is_digit:
        current *= Decimal(last_unit) / 10
    return total + mid + section + (current or 0)


def _decimal_value(numeral: str) -> Decimal | None:
    """四点七五 -> 4.75, 六点一五亿 -> 615000000, 百分之零点五 's 零点五 -> 0.5."""
    match = _CN_DECIMAL.fullmatch(numeral)
    if match is None:
        return None
    whole_written = match.group("whole")
    if "万" in whole_written or "亿" in whole_written or _DIGIT_BY_DIGIT.search(whole_written):
        return None  # 一万五点五, 一二点五: no decimal point after a rank or a digit run
    whole = _plain_value(whole_written)
    if whole is None or whole != whole.to_integral_value():
        return None  # 1.5点3: one decimal point only
    value = whole + Decimal("0." + match.group("fraction").translate(_FRACTION_DIGITS))
    for rank in match.group("ranks"):
        value *= BIG_UNITS[rank]
    return value.to_integral_value() if value == value.to_integral_value() else value


def _plain_value(numeral: str) -> Decimal | None:
    if "点" in numeral:
        return _decimal_value(numeral)
    if "," in numeral:
        grouped = _GROUPED.match(numeral)
        if grouped is None:
            return None
        numeral = numeral[: grouped.end()].replace(",", "") + numeral[grouped.end():]
        if "," in numeral:
            return None
    if not numeral:
        return None
    if numeral.isascii():
        try:
            return Decimal(numeral) if _ARABIC.fullmatch(numeral) else None
        except InvalidOperation:
            return None
    if any(char.isdigit() and char.isascii() for char in numeral):
        value = _mixed_value(numeral)
    else:
        value = _chinese_value(numeral)
    if value is not None and value == value.to_integral_value():
        # 1.8万亿 evaluates to 1800000000000.0; the integral form is what users read.
        value = value.to_integral_value()
    return value


@functools.lru_cache(maxsize=8192)
def parse_numeral(numeral: str) -> Numeral | None:
    """Parse one numeral as written; None when it is not a well-formed number.

    >>> parse_numeral("五")
    Numeral(value=Decimal('5'), high=None, more=False, roughly=False)
    >>> parse_numeral("三千").value
    Decimal('3000')
    >>> parse_numeral("一万五").value
    Decimal('15000')
    >>> parse_numeral("13万2").value
    Decimal('132000')
    >>> parse_numeral("1,100").value
    Decimal('1100')
    >>> parse_numeral("1.8万亿").value
    Decimal('1800000000000')
    >>> parse_numeral("3千万").value
    Decimal('30000000')
    >>> parse_numeral("两三")
    Numeral(value=Decimal('2'), high=Decimal('3'), more=False, roughly=False)
    >>> parse_numeral("三四十")
    Numeral(value=Decimal('30'), high=Decimal('40'), more=False, roughly=False)
    >>> parse_numeral("十几")
    Numeral(value=Decimal('10'), high=None, more=True, roughly=False)
    >>> parse_numeral("十几万").value
    Decimal('100000')
    >>> parse_numeral("亿").value
    Decimal('100000000')
    >>> parse_numeral("六点一五亿").value, parse_numeral("三个亿").value
    (Decimal('615000000'), Decimal('300000000'))
    >>> parse_numeral("十来万")
    Numeral(value=Decimal('100000'), high=None, more=False, roughly=True)
    >>> [parse_numeral(bad) for bad in ("十四五", "几十", "一10", "12,34", "", "百千")]
    [None, None, None, None, None, None]
    """
    if not numeral or numeral[0] == "几":
        return None
    if numeral.isascii() and numeral.isdigit():
        # Plain Arabic digits, most numbers: what the general path returns for them, without
        # its regexes (an integer is its own integral value).
        return Numeral(Decimal(numeral))
    roughly = _ROUGHLY in numeral
    if roughly:
        head, _, tail = numeral.partition(_ROUGHLY)
        if not head or tail.strip("万亿"):
            return None  # 十来三: 来 ends the number, or only 万/亿 follow it (十来万)
        numeral = head + tail
    if "个" in numeral:
        numeral = _COLLOQUIAL_MEASURE.sub("", numeral)
    if numeral[0] in "百千万亿":
        # 上百家, 百余家, 近亿元: a bare rank word counts one of it.
        numeral = "一" + numeral
    more = False
    if "几" in numeral:
        stripped = _VAGUE_TENS.sub("十", numeral)
        if "几" in stripped:
            return None  # 几十, 三百几十: no usable bound
        numeral, more = stripped, True
    ranged = _ADJACENT_RANGE.fullmatch(numeral)
    if ranged is not None:
        low_digit, high_digit, rest = ranged.groups()
        gap = CN_DIGITS[high_digit] - CN_DIGITS[low_digit]
        if 0 < gap <= 2 and (not rest or rest[0] in SMALL_UNITS or rest[0] in BIG_UNITS):
            low = _plain_value(low_digit + rest)
            high = _plain_value(high_digit + rest)
            if low is None or high is None:
                return None
            return Numeral(low, high, more, roughly)
    if "点" not in numeral and _DIGIT_BY_DIGIT.search(numeral) is not None:
        return None
    value = _plain_value(numeral)
    if value is None:
        return None
    return Numeral(value, None, more, roughly)


def parse_number(numeral: str) -> Decimal | None:
    """The value of a numeral (the low end of a vague range), or None.

    >>> parse_number("1,100万")
    Decimal('11000000')
    >>> parse_number("0.5")
    Decimal('0.5')
    >>> parse_number("两万")
    Decimal('20000')
    >>> parse_number("一百零五")
    Decimal('105')
    >>> parse_number("十四五") is None
    True
    """
    parsed = parse_numeral(numeral)
    return None if parsed is None else parsed.value
