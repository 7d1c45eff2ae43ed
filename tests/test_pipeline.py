"""`build_entry` carries every field of the entry's span into the entry; the pipeline's
fallback jurisdiction of an item."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.models import DateAnchor, Entry, EntrySpan
from extractor.pipeline import build_entry
from extractor.segment import segment

SAMPLE = Path(__file__).parent / "data" / "sample" / "000_083a9808acf37448.txt"
# Span fields that are not part of the output contract: one steers the headline choice, two
# place the section heading (the entry's `section` is the text as written there).
SPAN_ONLY = {"headline_is_sentence", "section_start", "section_end"}


def test_every_span_field_but_the_internal_one_is_an_entry_field() -> None:
    assert set(EntrySpan.model_fields) - SPAN_ONLY <= set(Entry.model_fields)


def test_built_entries_carry_their_spans() -> None:
    text = SAMPLE.read_text("utf-8")
    spans = segment(text).entries
    assert len(spans) > 20
    for span in spans:
        entry = build_entry(text, span, DateAnchor(year=2023))
        carried = entry.model_dump(include=set(EntrySpan.model_fields) - SPAN_ONLY)
        assert carried == span.model_dump(exclude=SPAN_ONLY)
        assert entry.headline == text[span.headline_start:span.headline_end]
        assert entry.body == text[span.body_start:span.body_end]


@pytest.mark.parametrize(
    ("label", "region"),
    [("国内联播快讯：", "全国"), ("国际联播快讯：", None), ("【国际】", None), ("国际快讯", None)],
)
def test_an_item_that_is_a_list_label_takes_that_lists_jurisdiction(
    label: str, region: str | None
) -> None:
    """A national digest's item whose headline is a foreign list's label (国际联播快讯：, its
    news in sub-items) has no region, not the article's 全国."""
    from extractor.pipeline import extract_article

    text = f"《新闻联播》 (20250718)\n\n1.{label}\n\n2.国务院常务会议召开；\n"
    first = extract_article(text).entries[0]
    assert (first.region.name if first.region else None) == region
