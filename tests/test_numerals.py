"""Numerals as written -> Decimal (extractor.numerals)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.numerals import parse_number, parse_numeral

# (written, value, high end of a vague range, "and more")
VALUES: list[tuple[str, str, str | None, bool]] = [
    ("五", "5", None, False),
    ("八", "8", None, False),
    ("十", "10", None, False),
    ("三千", "3000", None, False),
    ("两万", "20000", None, False),
    ("一万五", "15000", None, False),
    ("三百五", "350", None, False),
    ("一百零五", "105", None, False),
    ("13万2", "132000", None, False),
    ("1,100", "1100", None, False),
    ("1,100万", "11000000", None, False),
    ("12,345,678", "12345678", None, False),
    ("0.5", "0.5", None, False),
    ("3.5亿", "350000000", None, False),
    ("1.8万亿", "1800000000000", None, False),
    ("3千万", "30000000", None, False),
    ("1千万", "10000000", None, False),
    ("5000万", "50000000", None, False),
    ("3亿5000万", "350000000", None, False),
    ("两三", "2", "3", False),
    ("三四十", "30", "40", False),
    ("五六百万", "5000000", "6000000", False),
    ("十几", "10", None, True),
    ("二十几", "20", None, True),
    ("十几万", "100000", None, True),
    ("百", "100", None, False),
    ("亿", "100000000", None, False),
]


@pytest.mark.parametrize(
    ("written", "value", "high", "more"), VALUES, ids=[f"{v[0]}->{v[1]}" for v in VALUES]
)
def test_parse_numeral(written: str, value: str, high: str | None, more: bool) -> None:
    """Each written numeral parses to the exact Decimal (no float rounding)."""
    parsed = parse_numeral(written)
    assert parsed is not None
    assert parsed.value == Decimal(value)
    assert parsed.high == (Decimal(high) if high is not None else None)
    assert parsed.more is more


NOT_NUMERALS = [
    "十四五", "四五六", "几十", "几", "一10", "12,34", "1,2345", "", "百千", "十百", "1.2.3",
]


@pytest.mark.parametrize("written", NOT_NUMERALS, ids=NOT_NUMERALS)
def test_not_a_numeral(written: str) -> None:
    """Names (十四五), vague words with no bound (几十) and malformed digits give None."""
    assert parse_numeral(written) is None


def test_no_float_rounding() -> None:
    """2.3亿 in floats is 229999999.99999997; in Decimal it is exact."""
    assert parse_number("2.3亿") == Decimal("230000000")


@pytest.mark.parametrize("digits", ["0", "7", "15", "0015", "1500", "20231231", "1" * 40])
def test_plain_digits_take_the_general_path_value(digits: str) -> None:
    """Plain Arabic digits skip the general path: the value must be what it gives."""
    parsed = parse_numeral(digits)
    assert parsed is not None and parsed.high is None and not parsed.more
    general = Decimal(digits)
    general = general.to_integral_value() if general == general.to_integral_value() else general
    assert parsed.value == general and str(parsed.value) == str(general)
