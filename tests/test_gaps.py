"""Closed copies (extractor.gaps): what is read past, and spans mapped back."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.gaps import PINYIN_GLOSS, close_gaps

# Issue 14, as seen on a mirror of a Traditional-script page (written anew).
GLOSSES = [
    pytest.param("1萬(wàn)余名", "1萬余名", id="tone-mark"),
    pytest.param("實(shí)施", "實施", id="two-syllable-word"),
    pytest.param("綠(lǜ)色", "綠色", id="u-umlaut-tone"),
    pytest.param("國(guo2)家", "國家", id="tone-number"),
    pytest.param("支持(include)", None, id="english-in-brackets-is-no-gloss"),
    pytest.param("(wàn)开头", None, id="no-character-before"),
    pytest.param("第(1)条", None, id="numbered-clause"),
]


@pytest.mark.parametrize(("text", "closed"), GLOSSES)
def test_pinyin_glosses(text: str, closed: str | None) -> None:
    found = close_gaps(text, PINYIN_GLOSS)
    assert (found.text if found else None) == closed


_BLANK = re.compile(r"(?<=[0-9]) (?=[年月])|\(x\)")


@given(st.text(alphabet=list("12 年月(x)日萬"), max_size=40))
def test_every_span_maps_back_to_the_same_characters(text: str) -> None:
    """Any span of the copy maps to an article span that, gaps left out, reads the same."""
    closed = close_gaps(text, _BLANK)
    if closed is None:
        assert _BLANK.search(text) is None
        return
    for start in range(len(closed.text)):
        for end in range(start + 1, len(closed.text) + 1):
            a, b = closed.span(start, end)
            assert a <= b <= len(text)
            assert text[a] == closed.text[start] and text[b - 1] == closed.text[end - 1]
            assert _BLANK.sub("", text[a:b]) == _BLANK.sub("", closed.text[start:end])
