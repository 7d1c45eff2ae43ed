"""Loading: encodings, binary refusal, width folding that keeps offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.load import (
    LoadedText,
    LoadError,
    decode_bytes,
    fold,
    load_bytes,
    load_path,
    load_text,
    normalize_width,
)

SAMPLE = "2023年国内元宇宙相关政策汇总\n01\n昆明计划扩大区块链产业（试行），投资１５００亿元。\n"

ENCODING_CASES = [
    pytest.param(SAMPLE.encode("utf-8"), "utf-8", id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
    pytest.param(SAMPLE.encode("gbk"), "gb18030", id="gbk"),
    pytest.param(SAMPLE.encode("gb18030"), "gb18030", id="gb18030"),
    pytest.param(SAMPLE.encode("utf-16"), "utf-16", id="utf-16-bom"),
]


@pytest.mark.parametrize(("data", "encoding"), ENCODING_CASES)
def test_encodings_decode_to_the_same_text(data: bytes, encoding: str) -> None:
    loaded = load_bytes(data, "x.txt")
    assert loaded.encoding == encoding
    assert loaded.text == SAMPLE  # as written
    assert loaded.folded == normalize_width(SAMPLE)


BINARY_CASES = [
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG", id="png"),
    pytest.param(b"PK\x03\x04" + bytes(100), "ZIP", id="zip"),
    pytest.param(b"%PDF-1.7\n" + bytes(50), "PDF", id="pdf"),
    pytest.param(bytes(range(256)) * 4, "not text in UTF-8", id="random-bytes"),
    pytest.param(b"\xff\xfe\xfd\xfc\x81\x30" * 50, "not", id="undecodable"),
]


@pytest.mark.parametrize(("data", "fragment"), BINARY_CASES)
def test_binary_input_is_refused_with_the_file_name(data: bytes, fragment: str) -> None:
    with pytest.raises(LoadError, match=r"bad\.txt") as error:
        decode_bytes(data, "bad.txt")
    assert fragment in str(error.value)


def test_size_limit_is_enforced_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(LoadError, match="over the 1024-byte limit"):
        load_path(big, max_bytes=1024)


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"missing\.txt"):
        load_path(tmp_path / "missing.txt")


@pytest.mark.parametrize(
    ("raw", "folded"),
    [("１２３", "123"), ("（一）", "(一)"), ("ＡＢｃ", "ABc"), ("\u3000正文", " 正文"),
     ("《》、。", "《》、。")],
    ids=["digits", "parens", "letters", "ideographic-space", "cjk-punct-kept"],
)
def test_normalize_width(raw: str, folded: str) -> None:
    assert normalize_width(raw) == folded


@given(st.text())
def test_width_folding_keeps_length(text: str) -> None:
    assert len(normalize_width(text)) == len(text)


HTML_CASES = [
    pytest.param("<p>1、甲标题</p><p>甲正文。</p><p>2、乙标题</p>", True, id="paragraphs"),
    pytest.param("价格<100元，利润>5%", False, id="comparison-signs-are-not-html"),
    pytest.param("<div><span>文字</span>&nbsp;&amp;</div>", True, id="entities"),
]


@pytest.mark.parametrize(("raw", "had_html"), HTML_CASES)
def test_html_is_blanked_keeping_offsets(raw: str, had_html: bool) -> None:
    loaded = load_bytes(raw.encode("utf-8"))
    assert loaded.had_html is had_html
    assert loaded.text == raw  # the text keeps its HTML as written
    assert len(loaded.folded) == len(raw)
    if had_html:
        assert "<" not in loaded.folded and "&nbsp;" not in loaded.folded
    else:
        assert loaded.folded == normalize_width(raw)


_WIDTH_ALPHABET = [
    *"，：；（）！？％＋－．／０９ＡＺａｚ～\u3000\u00a0\u202f\u2007",
    "中", "a", " ", "\n", "\U0001f600",
]


@given(st.lists(st.sampled_from(_WIDTH_ALPHABET), max_size=30).map("".join))
def test_normalize_width_folds_as_the_translation_table(text: str) -> None:
    """Folding by one `str.replace` per distinct character gives what `str.translate` with
    the table gives."""
    from extractor.load import _WIDTH_TABLE

    assert normalize_width(text) == text.translate(_WIDTH_TABLE)


def test_normalize_width_covers_every_foldable_character() -> None:
    from extractor.load import _WIDTH_TABLE

    text = "".join(chr(code) + "中" for code in _WIDTH_TABLE)
    assert normalize_width(text) == text.translate(_WIDTH_TABLE)


@given(st.lists(st.sampled_from([*_WIDTH_ALPHABET, "<p>", "</p>", "&nbsp;", "<br/>"]),
                max_size=40).map("".join))
def test_loaded_text_is_as_written_and_its_copy_has_its_length(text: str) -> None:
    """`text` is the input unchanged; `folded` (what rules read) has exactly its length."""
    loaded = load_text(text)
    assert loaded.text == text
    assert len(loaded.folded) == len(text)
    assert loaded.folded == fold(text)[0]


def test_a_copy_of_another_length_is_refused() -> None:
    with pytest.raises(ValueError, match="length"):
        LoadedText(text="三部门：", folded="三部门", encoding="str", sha256="")


# Damage seen in real pages (issue 14, item 3), written anew: a stray byte costs a warning and
# that character, never the file.
DAMAGED_CASES = [
    pytest.param("1、甲地发布通知。\n2、乙。".encode() + b"\x00" + "\n3、丙。\n".encode(),
                 "utf-8", id="a-stray-nul"),
    pytest.param("1、甲地发布通知。\n2、乙。".encode() + bytes([0xFF, 0xFE])
                 + "\n3、丙。\n".encode(), "utf-8", id="undecodable-bytes-in-utf8"),
    pytest.param("1、甲地发布通知。\n2、乙。".encode("gbk") + bytes([0xFF])
                 + "\n3、丙。\n".encode("gbk"), "gb18030", id="an-undecodable-byte-in-gbk"),
]


@pytest.mark.parametrize(("data", "encoding"), DAMAGED_CASES)
def test_a_stray_byte_costs_one_warning_not_the_file(data: bytes, encoding: str) -> None:
    from extractor.pipeline import extract_article

    article = extract_article(("标题\n".encode(encoding if encoding != "gb18030" else "gbk")
                               + data), path="damaged.txt")
    assert article.source.encoding == encoding
    assert [e.no for e in article.entries] == [1, 2, 3]
    repaired = [w for w in article.warnings if w.code == "repaired_bytes"]
    assert len(repaired) == 1 and "U+FFFD" in repaired[0].message
    assert "\ufffd" in article.text


# Web addresses on real pages (Markdown weeklies, news links), written anew: no fact in them.
ADDRESS_CASES = [
    pytest.param("周刊\n1、[汤加的汽车](https://abc.example/news/2023-09-19/cars/102614772)\n"
                 "2、[乙](https://b.example/)\n", id="a-date-in-an-address"),
    pytest.param("周刊\n1、[文章](https://mp.example/s?__biz=MzI%3D%3D&mid=2247)\n2、乙\n",
                 id="percent-encoding-and-a-query"),
    pytest.param("周刊\n1、新闻 ![图](2024-9-14-news/%7B2F36%7D.jpg)\n2、乙\n",
                 id="a-markdown-image-path"),
]


@pytest.mark.parametrize("text", ADDRESS_CASES)
def test_web_addresses_hold_no_facts(text: str) -> None:
    from extractor.pipeline import extract_article

    article = extract_article(text)
    assert [e.no for e in article.entries] == [1, 2]
    first = article.entries[0]
    assert (first.dates, first.targets, first.places) == ([], [], [])
    assert "https://" in first.headline or "![图]" in first.headline  # output as written


def test_question_marks_for_a_lost_indentation_read_as_blanks() -> None:
    """Issue 14: ?? where a transcoding lost full-width spaces hid an item's marker."""
    from extractor.pipeline import extract_article

    text = "某协会周报\n??【二、成交概况】\n??本周成交546万平方米。\n"
    article = extract_article(text)
    assert [(e.no, e.headline) for e in article.entries] == [(2, "成交概况")]
    assert article.text == text  # the question marks stay in the text as written
    notices = [w for w in article.warnings if w.code == "lost_indentation"]
    assert len(notices) == 1 and "6-8" in notices[0].message


def test_pinyin_glosses_are_read_past_and_warned() -> None:
    """Issue 14: a mirror glosses characters with pinyin, even inside quantities and dates."""
    from extractor.pipeline import extract_article

    text = ("年度新闻\n1、2008年3月(yuè)14日,1万(wàn)余名选手参(cān)赛。\n"
            "2、广(guǎng)东省发布计划。\n")
    article = extract_article(text)
    first = article.entries[0]
    assert [(t.text, str(t.value)) for t in first.targets] == [("1万(wàn)余名", "10000")]
    assert [(d.text, d.value) for d in first.dates] == [("2008年3月(yuè)14日", "2008-03-14")]
    assert all(text[m.start:m.end] == m.text for m in [*first.targets, *first.dates])
    second = article.entries[1]
    assert [(p.text, p.name) for p in second.places] == [("广(guǎng)东省", "广东省")]
    notices = [w for w in article.warnings if w.code == "pinyin_glosses"]
    assert len(notices) == 1 and notices[0].message.startswith("4 pinyin")


def test_quantities_split_by_wraps_and_markdown_are_read_or_left_empty_and_warned() -> None:
    """Issue 14: a hard wrap inside a quantity (14.15⏎万只) or Markdown emphasis between a
    number and its unit (**30**个) does not hide it, nor does a blank inside a number (21 6个
    is 216); a wrap between digits (发展到1⏎2万户) cannot be read either way: null with a
    reason. Every join is a warning naming where."""
    from extractor.pipeline import extract_article

    text = ("年度实事\n1、养殖\n养兔14.15\n万只,新建大棚**30**个。\n"
            "2、帮扶\n贫困户发展到1\n2万户,建成21 6个。\n")
    article = extract_article(text)
    first, second = article.entries
    assert [(t.text, str(t.value), t.unit) for t in first.targets] == [
        ("14.15\n万只", "141500", "只"), ("30**个", "30", "个")]
    assert [(t.text, t.value) for t in second.targets] == [("2万户", None), ("21 6个", 216)]
    assert second.targets[0].reason
    notices = [w for w in article.warnings if w.code == "joined_quantities"]
    assert len(notices) == 1 and notices[0].message.startswith("3 quantity")
