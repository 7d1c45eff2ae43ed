"""Document titles, kinds, periods, aliases and issuers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.extract.documents import document_kind, extract_documents, parse_period
from extractor.resolve.documents import declared_aliases, find_issuer, link_documents


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("印发《关于加快发展低空经济的实施意见》的通知", ["关于加快发展低空经济的实施意见"]),
        ("《关于印发《数据要素行动方案》的通知》", ["关于印发《数据要素行动方案》的通知"]),
        ("《甲》、《乙》和《丙》", ["甲", "乙", "丙"]),
        ("《未闭合的标题\n下一行》", []),
        ("》没有开头《", []),
        ("《》空标题", []),
    ],
    ids=["plain", "nested", "several", "unclosed-at-line-end", "reversed", "empty"],
)
def test_extract_documents(text: str, titles: list[str]) -> None:
    mentions = extract_documents(text)
    assert [m.title for m in mentions] == titles
    assert all(text[m.start:m.end] == m.text for m in mentions)


def test_spans_are_offset_by_base() -> None:
    (mention,) = extract_documents("xx《规划》", base=100)
    assert (mention.start, mention.end) == (102, 106)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("广东省培育低空经济产业集群行动方案(2024-2026年)", "行动方案"),
        ("关于做好2024年住房公积金工作的通知", "通知"),
        ("2024年国务院政府工作报告", "政府工作报告"),
        ("数据要素×三年行动计划(2024—2026年)", "三年行动计划"),
        ("产业结构调整指导目录(2024年本)", "目录"),
        ("人民日报", None),
    ],
)
def test_document_kind(title: str, kind: str | None) -> None:
    assert document_kind(title) == kind


@pytest.mark.parametrize(
    ("title", "period"),
    [("行动计划(2024-2026年)", (2024, 2026)), ("规划(2023—2028)", (2023, 2028)),
     ("2023年工作要点", None), ("规划(2028-2023年)", None)],
    ids=["dash", "em-dash-no-year-char", "single-year", "reversed"],
)
def test_parse_period(title: str, period: tuple[int, int] | None) -> None:
    assert parse_period(title) == period


ALIAS_CASES = [
    pytest.param("印发《杭州市低空经济高质量发展实施方案》(以下简称《方案》)。《方案》提出",
                 {"方案": "杭州市低空经济高质量发展实施方案"}, id="declared"),
    pytest.param("《创新基地指南》：发布《国家技术标准创新基地申报指南(2023-2025年)》",
                 {"创新基地指南": "国家技术标准创新基地申报指南(2023-2025年)"}, id="subsequence"),
    pytest.param("《创新基地方案》：发布《国家技术标准创新基地申报指南(2023-2025年)》",
                 {}, id="different-kind-not-alias"),
    pytest.param("发布《深圳市数据要素三年行动计划(2024-2026年)》。根据《行动计划》，",
                 {"行动计划": "深圳市数据要素三年行动计划(2024-2026年)"}, id="shorter-same-kind"),
    pytest.param("发布《生态图》和《服务规范》", {}, id="unrelated"),
]


@pytest.mark.parametrize(("text", "aliases"), ALIAS_CASES)
def test_aliases(text: str, aliases: dict[str, str]) -> None:
    linked = link_documents(text, extract_documents(text))
    assert {m.title: m.alias_of for m in linked if m.alias_of} == aliases


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("2024年3月1日,浙江省人民政府办公厅印发《方案》", "浙江省人民政府办公厅"),
        ("国家发展改革委近日正式发布了《目录》", "国家发展改革委"),
        ("会议提到《方案》", None),
        ("根据《方案》", None),
    ],
    ids=["government-office", "adverbs-skipped", "no-verb", "no-issuer"],
)
def test_find_issuer(text: str, issuer: str | None) -> None:
    (mention,) = extract_documents(text)
    assert find_issuer(text, mention) == issuer


@given(st.text(alphabet=st.sampled_from(list("《》〈〉甲乙\n(以下简称)")), max_size=400))
def test_documents_never_crash_and_spans_hold(text: str) -> None:
    for mention in link_documents(text, extract_documents(text)):
        assert text[mention.start:mention.end] == mention.text
        assert mention.text == f"《{mention.title}》"


def test_an_abbreviation_declared_in_an_earlier_entry_is_known() -> None:
    """A letter declares 《方案》 in its first item and cites it in its third."""
    first = "印发《浙江省乡村振兴示范省建设方案》(以下简称《方案》)。"
    later = "按照《方案》要求，抓好落实。"
    known = declared_aliases(first, extract_documents(first))
    assert known == {"方案": "浙江省乡村振兴示范省建设方案"}
    (mention,) = link_documents(later, extract_documents(later), known)
    assert mention.alias_of == "浙江省乡村振兴示范省建设方案"
    (alone,) = link_documents(later, extract_documents(later))
    assert alone.alias_of is None


def test_an_abbreviation_may_refer_to_a_title_in_the_article_title() -> None:
    """A 政策解读 page titled with the full 《…行动方案(2024—2026年)》 cites 《行动方案》."""
    title = "《湖北省推进县域经济高质量发展三年行动方案(2024—2026年)》政策解读"
    section = "《行动方案》提出,到2026年县域经济总量大幅提升。"
    (mention,) = link_documents(section, extract_documents(section), None,
                                extract_documents(title))
    assert mention.alias_of == "湖北省推进县域经济高质量发展三年行动方案(2024—2026年)"


_KIND_PIECES = [
    *("行动计划", "三年行动计划", "计划", "方案", "通知", "的通知", "的函", "规划", "图", "法"),
    "(试行)", "(暂行)", "(2023)", "(2023-2025年)", "(修订)", "(征求意见稿)", "((2023))",
    "(", ")", "的", "年", "x", "\n", "2023",
]


@given(st.lists(st.sampled_from(_KIND_PIECES), max_size=5).map("".join))
def test_document_kind_is_what_the_ending_patterns_say(title: str) -> None:
    """The kind read from the title's ending with string tests is the one the regexes find."""
    from extractor.extract.documents import _KIND_ENDING, _KINDS_LONGEST_FIRST, _NOTICE

    notice = _NOTICE.search(title)
    match = _KIND_ENDING.search(title)
    expected = notice.group()[1:] if notice else (
        next(k for k in _KINDS_LONGEST_FIRST if match.group().startswith(k)) if match else None
    )
    assert document_kind(title) == expected


@pytest.mark.parametrize(
    ("before", "issuer"),
    [
        ("昆明市人民政府近日公布了", "昆明市人民政府"),
        ("昆明市人民政府近日公布了  ", "昆明市人民政府"),
        ("昆明市人民政府正式印发", "昆明市人民政府"),
        ("昆明市人民政府认为", None),
        ("据悉，工信部发布", "工信部"),
        ("了", None),
    ],
)
def test_find_issuer_needs_an_issuing_verb_at_the_clause_end(
    before: str, issuer: str | None
) -> None:
    text = before + "《规划》"
    mention = extract_documents(text)[0]
    assert find_issuer(text, mention) == issuer


def test_linking_keeps_unchanged_mentions_and_fills_changed_ones() -> None:
    text = "国务院印发《关于推进数据要素发展的行动计划》(以下简称《行动计划》)。《规划》提出"
    linked = link_documents(text, extract_documents(text))
    assert [(d.title, d.issuer, d.alias_of, d.rule) for d in linked] == [
        ("关于推进数据要素发展的行动计划", "国务院", None, "brackets"),
        ("行动计划", None, "关于推进数据要素发展的行动计划", "alias"),
        ("规划", None, None, "brackets"),
    ]
