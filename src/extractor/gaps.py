"""Reading past characters that sit inside a date or a quantity without being part of it.

Web pages set a blank between digits and Chinese (`自 2024 年 12 月 18 日`), and some mirrors
gloss characters with their pinyin (`1萬(wàn)余名`). The folded copy every rule reads must keep
the article's length, so these cannot be dropped there. An extractor that needs them gone reads
a closed copy (`close_gaps`) and maps each span it finds back to the article (`Closed.span`):
the mention's text is then the article's, gaps included, as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, TypeVar

from extractor.models import Mention

M = TypeVar("M", bound=Mention)

# A pinyin syllable in brackets right after a Chinese character: 萬(wàn), 實(shí).
# It starts with the bracket, a literal, so that the regex engine skips ahead to brackets.
PINYIN_GLOSS: Final = re.compile(
    r"\((?<=[\u4e00-\u9fff]\()(?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*|[a-zü]{1,6}[1-5])\)"
)


# Markdown emphasis around a number, between it and a word (建成**30**个, 第*3*个): the number
# is bold, its words are not. Only there, so that a bold phrase keeps its markers elsewhere.
# Every alternative starts with its marker, a literal, so that the engine skips ahead to them.
MARKDOWN_IN_QUANTITY: Final = re.compile(
    "|".join(
        f"{marker}(?<={before}{marker})(?={after})"
        for marker in (r"\*\*", "__", r"\*")
        for before, after in (("[0-9]", "[\u4e00-\u9fff%]"), ("[\u4e00-\u9fff]", "[0-9]"))
    )
)


@dataclass(frozen=True, slots=True)
class Closed:
    """`text` with its gaps left out, and how to find a copy position in the original."""

    text: str
    # The copy position where gap k was left out, and how many characters gaps 0..k removed.
    positions: tuple[int, ...]
    removed: tuple[int, ...]

    def original(self, position: int) -> int:
        """The article position of the copy's character at `position`."""
        k = bisect.bisect_right(self.positions, position)
        return position + (self.removed[k - 1] if k else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The article span of the copy's non-empty span [start, end): from its first character
        to its last, gaps inside it included."""
        return self.original(start), self.original(end - 1) + 1


def close_gaps(text: str, gap: re.Pattern[str]) -> Closed | None:
    """`text` without the matches of `gap`; None where there is none (read `text` itself).

    >>> closed = close_gaps("約1萬(wàn)余名", PINYIN_GLOSS)
    >>> closed.text, closed.span(1, 5)
    ('約1萬余名', (1, 10))
    >>> close_gaps("2024年", PINYIN_GLOSS) is None
    True
    """
    pieces: list[str] = []
    positions: list[int] = []
    removed: list[int] = []
    last = 0
    total = 0
    for match in gap.finditer(text):
        if match.end() == match.start():
            continue
        pieces.append(text[last : match.start()])
        positions.append(match.start() - total)
        total += match.end() - match.start()
        removed.append(total)
        last = match.end()
    if not positions:
        return None
    pieces.append(text[last:])
    return Closed("".join(pieces), tuple(positions), tuple(removed))


def read_past(
    text: str, base: int, gap: re.Pattern[str], extract: Callable[[str, int], list[M]]
) -> list[M]:
    """`extract(text, base)`, reading past the matches of `gap`: on the closed copy, with every
    mention's span mapped back to `text` and its text sliced from it, as written."""
    closed = close_gaps(text, gap)
    if closed is None:
        return extract(text, base)
    found = []
    for mention in extract(closed.text, 0):
        start, end = closed.span(mention.start, mention.end)
        found.append(mention.model_copy(
            update={"text": text[start:end], "start": base + start, "end": base + end}))
    return found
