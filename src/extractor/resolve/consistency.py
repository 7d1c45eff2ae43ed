"""Consistency warnings: signs that an entry's text is damaged, reported rather than hidden.

A repeated sentence (a crawler or a translator pasted the same sentence twice) and a number
whose unit was lost ("总投资 22 元宇宙是...") are kept as written and flagged on the entry.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from extractor.models import EntrySpan, Notice, TargetMention

_SENTENCE = re.compile(r"[^。！？!?\r\n]+[。！？!?]?")
_MIN_SENTENCE_CHARS = 20
# Blanks (blanked web addresses among them) and Markdown markup: not a sentence's content.
_MARKUP = re.compile(r"[\s\[\]()!*#>_`|-]+")
_NEAR_DUPLICATE_RATIO = 0.85
_MAX_SENTENCES = 200

# A number standing between spaces before Chinese text: its unit was dropped in copying.
_BARE_NUMBER = re.compile(r"(?<=[\s\u4e00-\u9fff])(\d+(?:\.\d+)?)[ \t]+(?=[\u4e00-\u9fff])")
# Every such number ends in a digit followed by a space or tab. Most entries hold none: a
# C-speed `find` of the blanks, then one scan for a digit before a blank, rule them out
# before the pattern above, whose lookbehind makes the regex engine try every position.
_DIGIT_BLANK = re.compile(r"\d[ \t]")
_YEARLIKE_FOLLOWERS = ("年", "月", "日", "届", "号")
# A Latin word, then one blank, right before the number: it numbers a name or a version.
_AFTER_A_NAME = re.compile(r"[A-Za-z][ \t]\Z")


def repeated_sentences(text: str, start: int, end: int) -> list[Notice]:
    """Flag sentences that repeat, exactly or nearly, an earlier sentence of the same span.

    >>> s = "培育和发展具有高收藏价值的数字收藏市场,重点关注航空航天。"
    >>> [n.code for n in repeated_sentences(s + s, 0, 2 * len(s))]
    ['repeated_sentence']
    >>> other = "第一句话说的是一件事情而且足够长。第二句话讲的完全是另一件事情呢。"
    >>> repeated_sentences(other, 0, len(other))
    []
    """
    if end - start < 2 * _MIN_SENTENCE_CHARS:
        return []  # no room for two sentences long enough to count
    # Sentence texts only (`findall` builds no match objects); the positions are looked up
    # again in the rare case that a repeat is found. A text shorter than the minimum cannot
    # be one after stripping either.
    texts = [s for s in _SENTENCE.findall(text, start, end) if _long_enough(s)][:_MAX_SENTENCES]
    if len(texts) < 2:
        return []
    # Upper bounds of difflib's ratio, cheapest first; only pairs that pass all of them pay
    # for a SequenceMatcher (which indexes the second string), and ratio() decides exactly as
    # before. (1) real_quick_ratio: the lengths. (2) Characters of one sentence that never
    # occur in the other cannot match: with character sets (C-fast), each character missing
    # from the other sentence takes at least one position out of the shared count. Two
    # different sentences fail here almost always. (3) quick_ratio: the shared characters
    # as multisets. The ratios are computed inline, with `_ratio`'s formula: this loop runs
    # for every pair of sentences of every entry.
    lengths = [len(t) for t in texts]
    charsets: list[set[str] | None] = [None] * len(texts)
    repeats: list[tuple[int, int]] = []  # (later, earlier) sentence indexes
    for later_index in range(1, len(texts)):
        later_length = lengths[later_index]
        for earlier_index in range(later_index):
            earlier_length = lengths[earlier_index]
            total = earlier_length + later_length
            shorter = earlier_length if earlier_length < later_length else later_length
            if 2.0 * shorter / total < _NEAR_DUPLICATE_RATIO:
                continue
            later_text, earlier_text = texts[later_index], texts[earlier_index]
            if later_text == earlier_text:  # an exact repeat: difflib's ratio is 1.0
                repeats.append((later_index, earlier_index))
                break
            later_chars = charsets[later_index]
            if later_chars is None:
                later_chars = charsets[later_index] = set(later_text)
            earlier_chars = charsets[earlier_index]
            if earlier_chars is None:
                earlier_chars = charsets[earlier_index] = set(earlier_text)
            # |A - B| = |A| - |A & B|: one intersection serves both directions.
            common = len(earlier_chars & later_chars)
            bound = min(earlier_length - (len(earlier_chars) - common),
                        later_length - (len(later_chars) - common))
            if _ratio(bound, total) < _NEAR_DUPLICATE_RATIO:
                continue
            shared = (Counter(earlier_text) & Counter(later_text)).total()
            if _ratio(shared, total) < _NEAR_DUPLICATE_RATIO:
                continue
            matcher = SequenceMatcher(None, earlier_text, later_text, autojunk=False)
            if matcher.ratio() >= _NEAR_DUPLICATE_RATIO:
                repeats.append((later_index, earlier_index))
                break
    if not repeats:
        return []
    sentences = [m for m in _SENTENCE.finditer(text, start, end)
                 if _long_enough(m.group())][:_MAX_SENTENCES]
    return [
        Notice(
            code="repeated_sentence",
            message=f"the sentence at {sentences[later].start()} repeats the one "
                    f"at {sentences[earlier].start()}: {texts[later][:30]}…",
        )
        for later, earlier in repeats
    ]


def _long_enough(sentence: str) -> bool:
    """Long enough to count once blanks and Markdown markup are left out: two image lines
    (![](…), blanked addresses) or two list links (* [甲](…)) are no repeated sentence."""
    return len(sentence) >= _MIN_SENTENCE_CHARS and (
        len(_MARKUP.sub("", sentence)) >= _MIN_SENTENCE_CHARS
    )


def _ratio(matches: int, length: int) -> float:
    """difflib's similarity measure, same formula (so the same float) as SequenceMatcher's."""
    return 2.0 * matches / length if length else 1.0


def numbers_without_unit(
    text: str, start: int, end: int, targets: Sequence[TargetMention]
) -> list[Notice]:
    """Flag numbers set apart by spaces with no unit after them, outside every target.

    >>> [n.code for n in numbers_without_unit("总投资 22 元宇宙是", 0, 10, [])]
    ['number_without_unit']
    >>> numbers_without_unit("举办 2023 年会", 0, 11, [])
    []
    >>> numbers_without_unit("本文回顾 Swift 5.5 中的新特性", 0, 21, [])
    []
    """
    if (text.find(" ", start, end) < 0 and text.find("\t", start, end) < 0) or (
        _DIGIT_BLANK.search(text, start, end) is None
    ):
        return []
    notices: list[Notice] = []
    # Targets by start, to find the one a number may sit in by bisection (a 2 MB entry holds
    # thousands of both).
    spans = sorted((t.start, t.end) for t in targets)
    starts = [span_start for span_start, _ in spans]
    for match in _BARE_NUMBER.finditer(text, start, end):
        after = text[match.end():match.end() + 1]
        if after in _YEARLIKE_FOLLOWERS:
            continue
        if _AFTER_A_NAME.search(text, max(0, match.start(1) - 2), match.start(1)):
            continue  # Swift 5.5, Xcode 14, WWDC 2022: a version or a name's number
        position = match.start(1)
        index = bisect.bisect_right(starts, position)
        if any(low <= position < high for low, high in spans[max(0, index - 2):index]):
            continue
        notices.append(Notice(
            code="number_without_unit",
            message=f"the number {match.group(1)} at {match.start(1)} has no unit after it",
        ))
    return notices


def consistency_warnings(
    text: str, span: EntrySpan, targets: Sequence[TargetMention]
) -> list[Notice]:
    """Every consistency warning for one entry of `text` (the whole article)."""
    return [
        *repeated_sentences(text, span.body_start, span.body_end),
        *numbers_without_unit(text, span.start, span.end, targets),
    ]
