"""Script: tell Traditional-script articles and fold them to Simplified, one character for one.

The rules, gazetteer and tables are written in Simplified characters. An article in Traditional
script (Hong Kong and Taiwan pages, mainland big5 mirrors) is matched on a copy where every
Traditional character is replaced by its Simplified form (醫院 -> 医院, 億元 -> 亿元, 張家川縣 ->
张家川县). The replacement is per character, so the copy keeps the length of the text and every
span found in it is a span of the text as written.

The character table comes from OpenCC (the `opencc` package, the converter this field uses):
every CJK ideograph is converted once, on first use, and the single characters that change
form the table; phrase conversions, which can change lengths, are never applied.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

Script = Literal["simplified", "traditional"]

# Ideographs the table covers: the CJK Unified Ideographs block and Extension A.
_IDEOGRAPH_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))
# An article is Traditional when at least this share of its ideographs are Traditional-only
# forms. A Simplified text holds a few characters OpenCC would still map (著名, 乾隆, 於): well
# under this share.
_MIN_TRADITIONAL_SHARE = 0.03
_MIN_TRADITIONAL_CHARS = 5
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


@functools.cache
def _table() -> tuple[dict[int, int], re.Pattern[str]]:
    """Traditional code point -> Simplified code point, and a pattern of the Traditional ones."""
    import opencc  # lazy: the converter is needed once per process, for the table

    converter = opencc.OpenCC("t2s")
    chars = [chr(code) for low, high in _IDEOGRAPH_RANGES for code in range(low, high + 1)]
    # One call for all characters, each on its own line, so no phrase spans two of them.
    converted = converter.convert("\n".join(chars)).split("\n")
    table: dict[int, int] = {}
    if len(converted) == len(chars):
        for char, simple in zip(chars, converted, strict=True):
            if len(simple) == 1 and simple != char:
                table[ord(char)] = ord(simple)
    pattern = re.compile("[" + "".join(map(chr, sorted(table))) + "]")
    return table, pattern


def detect_script(text: str) -> Script:
    """Whether `text` is written in Traditional characters.

    >>> detect_script("醫院創新，萬億元投資。")
    'traditional'
    >>> detect_script("医院创新，万亿元投资，著名的乾隆年间。")
    'simplified'
    """
    _, pattern = _table()
    traditional = len(pattern.findall(text))
    if traditional < _MIN_TRADITIONAL_CHARS:
        return "simplified"
    ideographs = len(_IDEOGRAPH.findall(text))
    return "traditional" if traditional >= _MIN_TRADITIONAL_SHARE * ideographs else "simplified"


def to_simplified(text: str) -> str:
    """Every Traditional character replaced by its Simplified form; the length is kept.

    >>> to_simplified("瑞金醫院 1萬(wàn)餘名 張家川縣")
    '瑞金医院 1万(wàn)余名 张家川县'
    """
    table, _ = _table()
    return text.translate(table)
