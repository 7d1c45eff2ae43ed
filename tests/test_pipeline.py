"""`build_entry` carries every field of the entry's span into the entry; the pipeline's
fallback jurisdiction of an item."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.models import DateAnchor, Entry, EntrySpan
from extractor.pipeline import build_entry, extract_article
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


# The article's own date (`source.date`), from texts written for the test.
SOURCE_DATES = [
    pytest.param("陆家嘴财经早餐2024年8月13日星期二\n1、某事。\n2、另一事。\n", "2024-08-13",
                 id="a-brief-s-title"),
    pytest.param("2024年上半年低空经济政策盘点\n1、某市发布方案。\n2、某省出台措施。\n", "2024",
                 id="a-period-is-no-month-of-the-article"),
    pytest.param("2019年十大新闻\n1、某事。\n2、另一事。\n", "2019", id="a-one-year-list"),
    pytest.param("政策汇总\n1、某市发布方案。\n2、某省出台措施。\n", None, id="no-date-stated"),
]


@pytest.mark.parametrize(("text", "date"), SOURCE_DATES)
def test_the_article_s_own_date(text: str, date: str | None) -> None:
    assert extract_article(text).source.date == date
