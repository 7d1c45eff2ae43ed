"""Text as written: rules match on the folded copy, every output string is the text's own slice.

Snippets here are written for these tests (not corpus text). Each case is an article, a path
to one output string, the string as written that must come out and, where the string has a
normalized value, that value (folded, computed: `１．５亿元` -> 150000000).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.load import normalize_width
from extractor.models import Article, DocumentMention, Mention, TargetMention
from extractor.pipeline import extract_article
from extractor.written import Written

# One digest holding every kind of output string, with full-width forms in each of them.
DIGEST = (
    "政策周报（第３期）\n"
    "来源：ＣＣＴＶ新闻\n"
    "第一章　总则\n"
    "1、三部门：印发《数据管理办法（试行）》\n"
    "２０２３年３月５日，ＡＢＣ研究院发布《数据管理办法（试行）》（以下简称《办法》），"
    "投资１．５亿元，ＰＣ端用户达到３０００万人。\n"
    "2、北京：落实《办法》\n"
    "根据《办法》，北京市将建设３０个示范项目，占比１５％。\n"
)


def _entry(article: Article, seq: int) -> Any:
    return article.entries[seq - 1]


def _mention(article: Article, seq: int, kind: str, index: int) -> Any:
    return getattr(_entry(article, seq), kind)[index]


# (what, getter, as written)
AS_WRITTEN_CASES = [
    pytest.param(lambda a: a.source.title, "政策周报（第３期）", id="article-title"),
    pytest.param(lambda a: a.source.attribution, "ＣＣＴＶ新闻", id="attribution"),
    pytest.param(lambda a: _entry(a, 1).section, "第一章\u3000总则", id="section"),
    pytest.param(lambda a: _entry(a, 1).headline, "三部门：印发《数据管理办法（试行）》",
                 id="headline-colon-and-brackets"),
    pytest.param(lambda a: _entry(a, 2).headline, "北京：落实《办法》", id="headline-colon"),
    pytest.param(lambda a: _mention(a, 1, "documents", 0).text, "《数据管理办法（试行）》",
                 id="document-text"),
    pytest.param(lambda a: _mention(a, 1, "documents", 0).title, "数据管理办法（试行）",
                 id="document-title"),
    pytest.param(lambda a: _mention(a, 1, "documents", 1).issuer, "ＡＢＣ研究院",
                 id="document-issuer"),
    pytest.param(lambda a: _mention(a, 1, "documents", 2).alias_of, "数据管理办法（试行）",
                 id="alias-of-same-entry"),
    pytest.param(lambda a: _mention(a, 2, "documents", 0).alias_of, "数据管理办法（试行）",
                 id="alias-of-earlier-entry"),
    pytest.param(lambda a: _mention(a, 1, "dates", 0).text, "２０２３年３月５日", id="date-text"),
    pytest.param(lambda a: _mention(a, 1, "targets", 0).text, "１．５亿元", id="money-text"),
    pytest.param(lambda a: _mention(a, 1, "targets", 1).metric, "ＰＣ端用户", id="target-metric"),
    pytest.param(lambda a: _mention(a, 2, "targets", 1).text, "１５％", id="percent-text"),
]


@pytest.fixture(scope="module")
def digest() -> Article:
    return extract_article(DIGEST)


@pytest.mark.parametrize(("getter", "expected"), AS_WRITTEN_CASES)
def test_output_strings_are_as_written(digest: Article, getter: Any, expected: str) -> None:
    assert getter(digest) == expected


# (getter, normalized value): values are normalized, whatever the width of the text.
NORMALIZED_CASES = [
    pytest.param(lambda a: _mention(a, 1, "dates", 0).value, "2023-03-05", id="date-iso"),
    pytest.param(lambda a: _entry(a, 1).date, "2023-03-05", id="entry-date"),
    pytest.param(lambda a: _mention(a, 1, "targets", 0).value, Decimal("150000000"),
                 id="money-value"),
    pytest.param(lambda a: _mention(a, 1, "targets", 0).unit, "元", id="money-unit"),
    pytest.param(lambda a: _mention(a, 1, "targets", 1).value, Decimal("30000000"),
                 id="count-value"),
    pytest.param(lambda a: _mention(a, 2, "targets", 1).unit, "%", id="percent-unit"),
    pytest.param(lambda a: _mention(a, 2, "targets", 1).value, Decimal("15"), id="percent-value"),
    pytest.param(lambda a: _mention(a, 2, "places", 0).name, "北京市", id="place-name"),
]


@pytest.mark.parametrize(("getter", "expected"), NORMALIZED_CASES)
def test_values_are_normalized(digest: Article, getter: Any, expected: object) -> None:
    assert getter(digest) == expected


def test_article_text_is_the_input_as_written(digest: Article) -> None:
    assert digest.text == DIGEST


HTML_DIGEST = (
    "<h1>政策汇总（第１期）</h1>\n<p>1、三部门：印发《办法（试行）》</p>\n"
    "<p>投资１．５亿元，&nbsp;建设３０个项目。</p>\n<p>2、北京：落实方案</p>\n<p>正文。</p>\n"
)

HTML_CASES = [
    pytest.param(lambda a: a.text, HTML_DIGEST, id="text-keeps-tags"),
    pytest.param(lambda a: _entry(a, 1).headline, "三部门：印发《办法（试行）》",
                 id="headline"),
    pytest.param(lambda a: _mention(a, 1, "documents", 0).title, "办法（试行）", id="title"),
    pytest.param(lambda a: _mention(a, 1, "targets", 0).text, "１．５亿元", id="target"),
    pytest.param(lambda a: [w.code for w in a.warnings], ["html_markup"], id="warning"),
]


@pytest.mark.parametrize(("getter", "expected"), HTML_CASES)
def test_html_text_keeps_its_offsets(getter: Any, expected: object) -> None:
    """Rules read the copy with the tags blanked; spans and strings are the text's own."""
    article = extract_article(HTML_DIGEST)
    assert getter(article) == expected
    _assert_every_string_is_a_slice(article)


ANCHOR_CASES = [
    pytest.param("２０２３年３月５日", "６日", id="full-width"),
    pytest.param("2023年3月5日", "6日", id="half-width"),
    pytest.param("２０23年3月５日", "６日", id="mixed"),
]


@pytest.mark.parametrize(("first", "second"), ANCHOR_CASES)
def test_a_full_width_year_moves_the_anchor_as_a_half_width_one(first: str, second: str) -> None:
    """Rules that read a mention after its strings are as written read the folded copy:
    ２０２３年 is a date written with its year, so the next item's ６日 is in March 2023."""
    text = f"周报\n1、甲项目开工\n{first}，甲项目开工。\n2、乙项目签约\n{second}，乙项目签约。\n"
    assert [entry.date for entry in extract_article(text).entries] == ["2023-03-05",
                                                                        "2023-03-06"]


def test_the_folded_input_gives_the_same_spans_and_values(digest: Article) -> None:
    """The rules read the folded copy: the folded text itself extracts the same spans and
    values, and each string folds to the string the folded text gives."""
    folded = extract_article(normalize_width(DIGEST))
    assert _facts(digest) == _facts(folded)
    assert _strings(digest, fold=True) == _strings(folded, fold=False)


# --- the segmenter's spans for strings it used to give without one ----------------------------

SEGMENT_SPAN_CASES = [
    pytest.param("T\n来源：ＣＣＴＶ新闻　2023-05-06\n1、甲。\n2、乙。\n", "attribution",
                 "ＣＣＴＶ新闻", id="attribution-before-its-date"),
    pytest.param("T\n文章来源:转载自“元宇宙论坛”\n1、甲。\n2、乙。\n", "attribution", "元宇宙论坛",
                 id="attribution-in-quotes"),
    pytest.param("T\n【国内】\n1、甲。\n2、乙。\n", "section", "国内", id="section-in-brackets"),
    pytest.param("T\n■ 地方动态\n1、甲。\n2、乙。\n", "section", "地方动态",
                 id="section-after-bullet"),
    pytest.param("T\n1、甲。\n第二章\u3000附则\n1、乙。\n", "section", "第二章\u3000附则",
                 id="section-after-an-entry"),
]


@pytest.mark.parametrize(("text", "field", "expected"), SEGMENT_SPAN_CASES)
def test_segment_spans_slice_the_strings_it_finds(text: str, field: str, expected: str) -> None:
    from extractor.segment import segment

    folded = normalize_width(text)
    seg = segment(folded)
    if field == "attribution":
        start, end, found = seg.attribution_start, seg.attribution_end, seg.attribution
    else:
        span = seg.entries[-1]
        start, end, found = span.section_start, span.section_end, span.section
    assert start is not None and end is not None
    assert found == folded[start:end]  # the string the rules found on the copy...
    assert text[start:end] == expected  # ...is, as written, the text at its span


# --- Written, on its own ------------------------------------------------------------------------


def test_written_refuses_a_copy_of_another_length() -> None:
    with pytest.raises(ValueError, match="length"):
        Written("三部门：", "三部门")


def test_a_mention_whose_strings_agree_is_kept_as_it_is() -> None:
    written = Written("三部门：《办法》", "三部门:《办法》")
    mention = DocumentMention(text="《办法》", start=4, end=8, title="办法")
    assert written.mention(mention) is mention


def test_a_rebuilt_mention_equals_the_validated_one() -> None:
    """`Written.mention` builds the copy without validation: it must equal `model_copy`."""
    written = Written("达到３０％", "达到30%")
    target = TargetMention(text="30%", start=2, end=5, value=Decimal(30), unit="%",
                           kind="percent", metric="达到")
    rebuilt = written.mention(target)
    assert rebuilt == target.model_copy(update={"text": "３０％"})
    assert rebuilt.model_fields_set == target.model_fields_set
    assert TargetMention.model_validate(rebuilt.model_dump()) == rebuilt


# --- the property: every output string is a slice of the text ----------------------------------

_PIECES = [
    "2023年3月5日", "三部门:", "《数据管理办法(试行)》", "(以下简称《办法》)", "《办法》",
    "投资1.5亿元", "超过30%", "建设200个项目", "北京市", "ABC研究院发布", ",", "。", " ",
    "到2025年", "<p>", "</p>", "&nbsp;", "100~500元", "1,500万元",
]
_FULL_WIDTH = {chr(code): chr(code + 0xFEE0) for code in range(0x21, 0x7F)}
_FULL_WIDTH[" "] = "\u3000"


@st.composite
def mixed_width_digests(draw: st.DrawFn) -> str:
    """A digest of numbered items built from the pieces above, each ASCII character of which
    is written full-width or not at random: 三部门： beside 三部门:, １．５亿元 beside 1.5亿元."""
    lines = [draw(st.sampled_from(["政策汇总(第3期)", "来源:新华网", "【国内】"]))]
    for number in range(1, draw(st.integers(1, 4)) + 1):
        head = "".join(draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4)))
        body = "".join(draw(st.lists(st.sampled_from(_PIECES), min_size=0, max_size=10)))
        lines += [f"{number}、{head}", body]
    text = "\n".join(lines) + "\n"
    widen = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(_FULL_WIDTH.get(char, char) if wide else char
                   for char, wide in zip(text, widen, strict=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mixed_width_digests())
def test_every_output_string_is_a_slice_of_the_text(text: str) -> None:
    article = extract_article(text)
    assert article.text == text
    _assert_every_string_is_a_slice(article)


def _assert_every_string_is_a_slice(article: Article) -> None:
    text = article.text
    for entry in article.entries:
        assert entry.headline == text[entry.headline_start:entry.headline_end]
        assert entry.body == text[entry.body_start:entry.body_end]
        if entry.section is not None:
            assert entry.section in text
        for mention in _mentions(entry):
            assert mention.text == text[mention.start:mention.end]
            if isinstance(mention, DocumentMention):
                assert mention.title in mention.text
                for other in (mention.alias_of, mention.issuer):
                    assert other is None or other in text
            if isinstance(mention, TargetMention) and mention.metric is not None:
                assert mention.metric in text
    for found in (article.source.title, article.source.attribution):
        assert found is None or found in text


def _mentions(entry: Any) -> list[Mention]:
    return [*entry.dates, *entry.places, *entry.documents, *entry.targets]


def _facts(article: Article) -> list[Any]:
    """Spans and normalized values, every string left out."""
    strings = {"text", "title", "alias_of", "issuer", "metric"}
    return [
        (entry.seq, entry.no, entry.date, entry.region, entry.headline_start, entry.headline_end,
         entry.body_start, entry.body_end,
         [mention.model_dump(exclude=strings) for mention in _mentions(entry)])
        for entry in article.entries
    ]


def _strings(article: Article, *, fold: bool) -> list[Any]:
    def out(value: str | None) -> str | None:
        return normalize_width(value) if fold and value is not None else value

    found: list[Any] = [out(article.source.title), out(article.source.attribution)]
    for entry in article.entries:
        found += [out(entry.headline), out(entry.body), out(entry.section)]
        for mention in _mentions(entry):
            found += [out(getattr(mention, name, None))
                      for name in ("text", "title", "alias_of", "issuer", "metric")]
    return found
