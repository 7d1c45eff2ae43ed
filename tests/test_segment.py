"""Segmentation: numbering styles, headlines, sections, boilerplate, odd numbering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.segment import parse_marker_number, segment


def _entries(text: str) -> list[tuple[int, str, str]]:
    seg = segment(text)
    return [
        (e.no, text[e.headline_start:e.headline_end], text[e.body_start:e.body_end])
        for e in seg.entries
    ]


NUMBERING_CASES = [
    pytest.param("标题\n\n01\n\n甲标题\n\n甲正文。\n\n02\n\n乙标题\n\n乙正文。\n", id="01-alone"),
    pytest.param("标题\n1、甲标题\n甲正文。\n2、乙标题\n乙正文。\n", id="1、"),
    pytest.param("标题\n1. 甲标题\n甲正文。\n2. 乙标题\n乙正文。\n", id="1."),
    pytest.param("标题\nNO.1 甲标题\n甲正文。\nNO.2 乙标题\n乙正文。\n", id="NO.1"),
    pytest.param("标题\n一、甲标题\n甲正文。\n二、乙标题\n乙正文。\n", id="一、"),
    pytest.param("标题\n（一）甲标题\n甲正文。\n（二）乙标题\n乙正文。\n", id="(一)"),
    pytest.param("标题\n【1】甲标题\n甲正文。\n【2】乙标题\n乙正文。\n", id="【1】"),
    pytest.param("标题\n第一条 甲标题\n甲正文。\n第二条 乙标题\n乙正文。\n", id="第一条"),
    pytest.param("标题\n①甲标题\n甲正文。\n②乙标题\n乙正文。\n", id="circled"),
    pytest.param("标题\n01 甲标题\n甲正文。\n02 乙标题\n乙正文。\n", id="number-space"),
    pytest.param("标题\n▍01\n甲标题\n甲正文。\n▍02\n乙标题\n乙正文。\n", id="decorated"),
    pytest.param("标题\nTOP1 甲标题\n甲正文。\nTOP2 乙标题\n乙正文。\n", id="top"),
    pytest.param("标题\n01｜甲标题\n甲正文。\n02｜乙标题\n乙正文。\n", id="number-bar"),
    pytest.param("标题\n1/ 甲标题\n甲正文。\n2/ 乙标题\n乙正文。\n", id="number-slash"),
    pytest.param("标题\nPart 1\n甲标题\n甲正文。\nPart 2\n乙标题\n乙正文。\n", id="part"),
    pytest.param("标题\n1\ufe0f\u20e3 甲标题\n甲正文。\n2\ufe0f\u20e3 乙标题\n乙正文。\n",
                 id="keycap"),
    pytest.param("标题\n**1. 甲标题**\n甲正文。\n**2. 乙标题**\n乙正文。\n", id="markdown-bold"),
    pytest.param("标题\n1**、甲标题**\n甲正文。\n2**、乙标题**\n乙正文。\n",
                 id="markdown-bold-opening-after-the-number"),
    pytest.param("标题\n1.【甲标题】甲正文。\n2.【乙标题】乙正文。\n", id="bracketed-headline"),
    pytest.param("标题\n[1] 甲标题\n甲正文。\n[2] 乙标题\n乙正文。\n", id="square-brackets"),
]


@pytest.mark.parametrize("text", NUMBERING_CASES)
def test_numbering_styles_give_two_entries(text: str) -> None:
    assert _entries(text) == [(1, "甲标题", "甲正文。"), (2, "乙标题", "乙正文。")]


def test_nested_numbering_stays_inside_the_parent() -> None:
    text = (
        "某市实施方案\n一、总体要求\n（一）指导思想。坚持创新。\n（二）主要目标。到2025年。\n"
        "二、重点任务\n1.培育企业。\n2.建设平台。\n"
    )
    entries = _entries(text)
    assert [(no, head) for no, head, _ in entries] == [(1, "总体要求"), (2, "重点任务")]
    assert "（二）主要目标" in entries[0][2] or "(二)主要目标" in entries[0][2]


def test_an_exclamation_mark_does_not_end_a_heading() -> None:
    text = "政策汇总\n01\n2000亿元!广东人工智能核心产业规模目标出炉\n正文。\n02\n乙\n乙文。\n"
    assert _entries(text)[0][:2] == (1, "2000亿元!广东人工智能核心产业规模目标出炉")


def test_item_without_heading_line_takes_its_first_sentence() -> None:
    text = "早报\n1、国务院常务会议部署稳外贸措施。会议指出，要加大支持。\n2、央行下调准备金率。\n"
    entries = _entries(text)
    assert entries[0][:2] == (1, "国务院常务会议部署稳外贸措施。")
    assert entries[0][2].startswith("国务院常务会议部署稳外贸措施。会议指出")
    assert entries[1][:2] == (2, "央行下调准备金率。")


def test_marker_line_with_a_sentence_end_is_not_a_heading() -> None:
    text = (
        "某区若干措施\n第一条 总则。为促进产业发展，制定本措施。\n"
        "第二条 支持企业落户。对新落户企业，按以下标准给予支持:\n(一)奖励。\n"
    )
    entries = _entries(text)
    assert [head for _, head, _ in entries] == ["总则。", "支持企业落户。"]


def test_sections_restart_numbering_and_are_kept() -> None:
    text = (
        "每日要闻速览\n\n【要闻】\n1、甲事件发生。\n2、乙事件发生。\n\n"
        "【海外】\n1、丙事件发生。\n2、丁事件发生。\n"
    )
    seg = segment(text)
    assert [(e.no, e.section) for e in seg.entries] == [
        (1, "要闻"), (2, "要闻"), (1, "海外"), (2, "海外")
    ]
    # The section heading is not inside the entry before it.
    assert "海外" not in text[seg.entries[1].start:seg.entries[1].end]


BOILERPLATE_CASES = [
    pytest.param("文章来源:转载自“某某论坛”", id="source-line"),
    pytest.param("本文的部分内容来自网络,仅供参考。如有侵权行为,请联系删除。", id="disclaimer"),
    pytest.param("责任编辑：张三", id="editor"),
    pytest.param("分享到：微信 微博", id="share"),
    pytest.param("【字体：大 中 小】", id="font-size"),
    pytest.param("本文仅供行业交流,不构成任何投资建议。", id="not-investment-advice"),
    pytest.param("（《某台新闻》 20240101 19:00）", id="broadcast-credit"),
    pytest.param("TOP", id="back-to-top-link"),
    pytest.param("首页 >> 新闻中心 >> 正文", id="breadcrumb-double-arrows"),
    pytest.param("主页 » 新闻 » 某栏目 »", id="breadcrumb-guillemets-trailing"),
    pytest.param("您的位置：首页 > 政务公开", id="breadcrumb-named"),
    pytest.param("↑TOP", id="arrow-back-to-top"),
    pytest.param("回到顶部", id="back-to-top-in-words"),
    pytest.param("(《某日报》 2024年03月05日 01版)", id="newspaper-credit"),
    pytest.param("【大 中 小】 【打印】 【关闭】", id="tool-buttons"),
    pytest.param("原標題:", id="a-repost-s-label-over-the-original-title"),
    pytest.param("查看原文", id="a-link-to-the-original"),
    pytest.param("【查看原文】", id="a-bracketed-link-to-the-original"),
    pytest.param("查看原文>>", id="a-link-to-the-original-with-arrows"),
    pytest.param("原题：", id="a-repost-s-short-label"),
    pytest.param("繁體簡體", id="a-switch-between-scripts"),
    pytest.param("简体 | 繁体", id="a-switch-between-scripts-with-a-bar"),
    pytest.param("您的位置首页  新闻  要闻", id="breadcrumb-named-without-a-colon"),
    pytest.param("某格式】 【 】 【打 印】", id="tool-buttons-one-cut-one-empty"),
]

# Lines that look like furniture (a title and a day in brackets, parts joined by arrows, top)
# but say something: an item's own text.
NOT_BOILERPLATE_CASES = [
    pytest.param("（《某条例》自2024年1月1日起施行）", id="in-force-note"),
    pytest.param("（《某某规划》 20240101 印发）", id="issued-note"),
    pytest.param("TOP10", id="a-top-ten-list-s-heading"),
    pytest.param("（《某市促进消费若干措施》 2024年3月1日）", id="a-document-cited-with-its-day"),
    pytest.param("（《某某条例》2024.01.01）", id="a-document-cited-with-a-dotted-day"),
    pytest.param("广州＞深圳＞佛山", id="a-ranking-of-cities"),
    pytest.param("优先级：国家标准＞行业标准＞地方标准", id="an-order-of-precedence"),
    pytest.param("办理流程：网上申请 › 受理 › 审核 › 办结", id="process-steps"),
    pytest.param("路径：申报 >> 审核 >> 公示 >> 发放", id="process-steps-double-arrows"),
    pytest.param("位置：某区某路88号", id="a-project-s-location"),
    pytest.param("【关闭】某市关闭20家高污染企业", id="a-bracketed-label-before-an-item"),
    pytest.param("【要闻】【专题】", id="section-labels-in-brackets"),
    pytest.param("【3D打印】", id="a-section-naming-a-tool-s-word"),
    pytest.param("原标题：《某市促进消费若干措施》", id="a-repost-s-original-title"),
    pytest.param("简体字的推广", id="a-headline-on-the-simplified-script"),
    pytest.param("【关闭高污染企业】", id="a-bracketed-headline-with-a-tool-s-word"),
    pytest.param("【大中小学开学安排】", id="a-bracketed-title-with-a-tool-s-word"),
    pytest.param("【要闻】【3D打印】", id="labels-one-with-a-tool-s-word"),
    pytest.param("甲 > 乙", id="a-comparison"),
    pytest.param("Top 10 某某事件", id="a-top-ten-title"),
]


@pytest.mark.parametrize("line", NOT_BOILERPLATE_CASES)
def test_lines_that_say_something_are_no_boilerplate(line: str) -> None:
    from extractor import segment as seg

    assert not seg.is_boilerplate_line(line)


@pytest.mark.parametrize("line", BOILERPLATE_CASES)
def test_trailing_boilerplate_is_not_part_of_the_last_entry(line: str) -> None:
    text = f"标题\n1、甲标题\n甲正文。\n2、乙标题\n乙正文。\n\n{line}\n"
    seg = segment(text)
    last = seg.entries[-1]
    assert text[last.body_start:last.body_end] == "乙正文。"


def test_footer_and_attribution() -> None:
    text = (
        "标题\n\n01\n\n甲\n\n甲正文。\n\n02\n\n乙\n\n乙正文。\n\n文章来源:转载自“元宇宙论坛”\n\n"
        "相关推荐\n区块链时代\n2023-08-08\n"
    )
    seg = segment(text)
    assert seg.attribution == "元宇宙论坛"
    assert [e.no for e in seg.entries] == [1, 2]
    assert [(b.kind, b.label) for b in seg.blocks] == [("tail", "boilerplate")]
    assert text[seg.blocks[0].start:seg.blocks[0].end].endswith("2023-08-08")


# A long paragraph, as a detail story's, which outside every entry is worth a warning.
_STORY = "某地今天举行活动,各方代表出席并讲话,会议介绍了有关工作的进展情况和下一步安排。" * 4
_HEADLINES = ["某市举办国际智能装备博览会", "某部印发充电设施建设行动方案",
              "某省启动防汛四级应急响应", "某国举行议会选举"]
_SUMMARY = "# 《某节目》\n\n本期节目主要内容：\n\n" + "".join(
    f"{n}.{headline}；\n\n" for n, headline in enumerate(_HEADLINES, start=1))


def _told_again(*headings: str) -> str:
    return "## 详细新闻\n\n" + "".join(f"### {heading}\n\n{_STORY}\n\n" for heading in headings)


# (what follows the numbered items, the tail's label, the warnings' codes): cases written
# for issue 16, in the layout of a 《新闻联播》 page (a detail story for some of its items).
DETAILS_CASES = [
    pytest.param(_told_again(*_HEADLINES[:3]), "details", [],
                 id="items-told-again-under-their-headlines"),
    pytest.param(_told_again("某市举办国际智能装备博览会 多国企业参展", "充电设施建设行动方案"),
                 "details", [], id="headings-holding-or-held-in-the-headlines"),
    pytest.param(_told_again(_HEADLINES[0]), "section", ["unclaimed_text"],
                 id="one-heading-repeating-one-headline"),
    pytest.param(_told_again("另一件事", "又一件事"), "section", ["unclaimed_text"],
                 id="headings-of-other-stories"),
    pytest.param(_told_again("议会选举", "应急响应"), "section", ["unclaimed_text"],
                 id="headings-too-short-to-be-held-in-a-headline"),
    pytest.param("相关推荐\n\n" + "".join(f"### {h}\n\n" for h in _HEADLINES), "footer", [],
                 id="related-links-repeating-the-headlines"),
]


@pytest.mark.parametrize(("after", "label", "codes"), DETAILS_CASES)
def test_the_items_told_again_in_detail(after: str, label: str, codes: list[str]) -> None:
    seg = segment(_SUMMARY + after)
    assert len(seg.entries) == len(_HEADLINES)
    assert [(b.kind, b.label) for b in seg.blocks if b.kind != "head"] == [("tail", label)]
    assert [w.code for w in seg.warnings] == codes


# (a page whose title or body writes a bold number, the title, the entries' headlines)
BOLD_NUMBER_CASES = [
    pytest.param("**2024**、2025年某市政策汇总\n\n1、甲标题\n甲正文。\n2、乙标题\n乙正文。\n",
                 "**2024**、2025年某市政策汇总", ["甲标题", "乙标题"],
                 id="a-bold-year-in-the-title"),
    pytest.param("标题\n1、甲标题\n甲正文。\n**1**、注：说明文字。\n2、乙标题\n乙正文。\n",
                 "标题", ["甲标题", "乙标题"], id="a-bold-note-number-in-a-body"),
]


@pytest.mark.parametrize(("text", "title", "headlines"), BOLD_NUMBER_CASES)
def test_a_bold_number_is_no_item_whose_bold_opens_late(
    text: str, title: str, headlines: list[str]
) -> None:
    seg = segment(text)
    assert seg.title == title
    assert [text[e.headline_start:e.headline_end] for e in seg.entries] == headlines


def test_a_footer_followed_by_the_next_item_is_a_noted_block() -> None:
    """Issue 12: a footer ends the article only where no item follows it. Before, "03" after
    相关推荐 was dropped with everything after it."""
    text = (
        "标题\n\n01\n\n甲\n\n甲正文。\n\n02\n\n乙\n\n乙正文。\n\n"
        "相关推荐\n区块链时代\n2023-08-08\n\n03\n\n丙\n\n丙正文。\n"
    )
    seg = segment(text)
    assert [e.no for e in seg.entries] == [1, 2, 3]
    noted = [b for b in seg.blocks if b.kind == "noted"]
    assert [(b.label, text[b.start:b.end]) for b in noted] == [
        ("related", "相关推荐\n区块链时代\n2023-08-08")]


def test_timestamp_under_title_is_not_the_title() -> None:
    text = "2023-05-06 10:20 来源：新华网\n稳增长政策汇总\n1、甲。\n2、乙。\n"
    seg = segment(text)
    assert seg.title == "稳增长政策汇总"
    assert seg.attribution == "新华网"


@pytest.mark.parametrize("label", ["标题摘要内容", "内容摘要", "标题正文", "top", "回到顶部", "|",
                                   "***", "当前位置: 主页 > 新闻 > 某栏目 >",
                                   "位置导航:首页 >> 新闻中心 >> 某地要闻 >> 正文"])
def test_template_label_line_is_not_the_title(label: str) -> None:
    """A page template's field labels, a link back to the top, a breadcrumb or a rule left as
    the first line (issue 13, real pages)."""
    seg = segment(f"{label}\n稳增长政策汇总\n1、甲。\n2、乙。\n")
    assert seg.title == "稳增长政策汇总"


ODD_NUMBER_CASES = [
    pytest.param("T\n1、甲。\n2、乙。\n2、丙。\n4、丁。\n", [1, 2, 2, 4],
                 {"duplicate_number", "skipped_number"}, id="dup-and-skip"),
    pytest.param("T\n01\n甲\n甲文。\n2023\n02\n乙\n乙文。\n100\n", [1, 2], set(),
                 id="bare-year-lines"),
    pytest.param("T\n1.5亿元投资落地。\n1、甲。\n2、乙。\n", [1, 2], set(),
                 id="decimal-not-marker"),
    pytest.param("T\n1、甲。\n12 家企业签约。\n2、乙。\n", [1, 2], set(), id="count-not-marker"),
    pytest.param("T\n1、甲。\n1/15 发布。\n2、乙。\n", [1, 2], set(), id="date-not-slash-marker"),
    pytest.param("T\n1.甲节开幕\n甲。\n2.2019桂林国际山水文化旅游节开幕\n乙。\n", [1, 2], set(),
                 id="number-then-a-year"),
]


@pytest.mark.parametrize(("text", "numbers", "codes"), ODD_NUMBER_CASES)
def test_odd_numbering(text: str, numbers: list[int], codes: set[str]) -> None:
    seg = segment(text)
    assert [e.no for e in seg.entries] == numbers
    assert {w.code for w in seg.warnings} == codes


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_line_ends_segment_alike(newline: str) -> None:
    text = newline.join(["标题", "1、甲标题", "甲正文。", "2、乙标题", "乙正文。", ""])
    assert _entries(text) == [(1, "甲标题", "甲正文。"), (2, "乙标题", "乙正文。")]


def test_no_entries_gives_a_warning() -> None:
    seg = segment("只是一段没有编号的文字。\n第二段。\n")
    assert seg.entries == []
    assert [w.code for w in seg.warnings] == ["no_entries"]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("1", 1), ("09", 9), ("十", 10), ("十一", 11), ("二十三", 23), ("⑤", 5), ("两", 2)],
)
def test_parse_marker_number(numeral: str, value: int) -> None:
    assert parse_marker_number(numeral) == value


@given(st.text(alphabet=st.sampled_from(list("1一、.()（）\n\r 甲乙。01【】第条NO")), max_size=300))
def test_spans_are_ordered_and_inside_the_text(text: str) -> None:
    seg = segment(text)
    previous_end = 0
    for entry in seg.entries:
        assert previous_end <= entry.start <= entry.headline_start <= entry.end <= len(text)
        assert entry.body_start <= entry.body_end <= len(text)
        previous_end = entry.end


def test_an_overlong_first_line_is_not_a_title() -> None:
    text = "1、" + "很长的正文。" * 50 + "\n2、第二条。\n"
    seg = segment(text)
    assert seg.title is None
    assert [e.no for e in seg.entries] == [1, 2]
    assert "no_title" in {w.code for w in seg.warnings}


# Characters of every numbering style, decorations, and what may follow a marker.
_MARKER_ALPHABET = [
    *"0123456789一二三十百①②【】()（）、.|/ \t*#▍■>第条NoTOPpart年月万元个:：",
    "\ufe0f", "\u20e3", "中",
]


@given(st.lists(st.sampled_from(_MARKER_ALPHABET), min_size=1, max_size=10).map("".join))
def test_combined_marker_pattern_picks_the_first_style_in_table_order(line: str) -> None:
    """The one compiled numbering pattern finds the style, number and text start that trying
    each style of NUMBERING_STYLES in order would find."""
    import re

    from extractor import segment as seg

    expected = None
    for style, pattern in seg.NUMBERING_STYLES:
        match = re.match(seg._MARKER_DECOR + pattern, line)
        if match is not None:
            expected = (style, match["num"], match.end())
            break
    found = seg._STYLES.match(line)
    style = found.lastgroup if found else None
    got = (style, found[f"{style}__num"], found.end()) if found else None
    assert got == expected


def test_a_preview_list_in_the_intro_is_not_the_list_of_items() -> None:
    text = (
        "科技早报\n本期看点:\n1. 甲公司发布新品;\n2. 乙公司完成融资;\n\n"
        "01\n甲公司发布新品\n甲正文。\n\n02\n乙公司完成融资\n乙正文。\n\n03\n丙\n丙正文。\n"
    )
    assert [(no, head) for no, head, _ in _entries(text)] == [
        (1, "甲公司发布新品"), (2, "乙公司完成融资"), (3, "丙")
    ]


def test_a_headline_glued_to_its_body_ends_at_the_dateline() -> None:
    """A lost line break: "01浙江安吉:…120万人次2023年3月3日,安吉县…"."""
    text = (
        "乡村旅游年鉴\n01浙江安吉:接待游客突破120万人次2023年3月3日,安吉县发布数据。\n"
        "02文化和旅游部公布名录\t2023年1月10日,文化和旅游部公布名录。\n"
    )
    entries = _entries(text)
    assert [(no, head) for no, head, _ in entries] == [
        (1, "浙江安吉:接待游客突破120万人次"), (2, "文化和旅游部公布名录")
    ]
    assert entries[0][2].startswith("2023年3月3日") and entries[1][2].startswith("2023年1月10日")


def test_items_run_into_one_paragraph() -> None:
    text = (
        "12月金融监管动态\n编者按:要闻梳理如下。1.19年12月30日,银保监会发布办法。办法共113条。"
        "2.12月27日,人民银行发布公告。3.12月25日,岳麓区举办活动。以上内容根据公开资料整理。\n"
    )
    entries = _entries(text)
    assert [(no, head) for no, head, _ in entries] == [
        (1, "19年12月30日,银保监会发布办法。"), (2, "12月27日,人民银行发布公告。"),
        (3, "12月25日,岳麓区举办活动。"),
    ]
    assert entries[0][2] == "19年12月30日,银保监会发布办法。办法共113条。"


def test_a_footer_list_is_not_the_list_of_items() -> None:
    text = "一周要闻\n本周无重大政策出台。\n\n推荐阅读\n1. 上周要闻\n2. 月度回顾\n3. 年度盘点\n"
    seg = segment(text)
    assert seg.entries == []
    assert [w.code for w in seg.warnings] == ["no_entries"]


# (a page, the headlines of its entries): a footer's word above the items, written for
# issue 16's year lists (a page header's links: 评论, 分享).
FOOTER_WORD_ABOVE_CASES = [
    pytest.param("某刊:2012年十大国际新闻\n评论\n分享\n某刊近日评选出2012年度十大国际新闻,"
                 "某国内战成为头条。\n1. 某国的僵局\n某国内战仍在继续。\n2. 某地区之冬\n"
                 "又迎来了政客的一年。\n", ["某国的僵局", "某地区之冬"],
                 id="a-header-link-above-the-intro-and-items"),
    pytest.param("某页\n相关阅读\n1. 上周要闻\n上周的要闻摘要。\n2. 月度回顾\n本月的回顾摘要。\n",
                 [], id="a-footer-list-with-summaries-and-no-text-before"),
    pytest.param("某页\n评论\n某刊近日评选出2012年度十大国际新闻,某国内战成为头条。\n"
                 "1. 上周要闻\n2. 月度回顾\n", [], id="a-list-of-links-after-text"),
    # A footer after the article's own text stays one (found in review).
    pytest.param("本周要闻速览\n1、某市出台新能源汽车补贴政策。\n2、某省召开经济工作会议。\n"
                 "3、某地举办博览会。\n相关阅读\n以下是本刊往期关于新能源汽车政策的报道，供读者参考。\n"
                 "1. 某市去年的补贴政策\n某市去年出台了补贴政策。\n2. 某省的充电桩建设\n"
                 "某省加快建设充电桩。\n3. 某地的博览会\n某地举办了博览会。\n",
                 ["某市出台新能源汽车补贴政策。", "某省召开经济工作会议。", "某地举办博览会。"],
                 id="a-compact-digest-then-related-reading"),
    pytest.param("一周要闻\n■ 某市出台新能源汽车补贴政策\n"
                 "某市昨日发布新能源汽车补贴细则，自下月起实施。\n"
                 "■ 某省召开经济工作会议\n某省召开会议部署明年经济工作。\n"
                 "■ 某地举办博览会\n某地博览会吸引众多企业参展。\n相关阅读\n"
                 "以下是本刊往期关于新能源汽车政策的报道，供读者参考。\n"
                 "1. 某市去年的补贴政策\n某市去年出台了补贴政策。\n"
                 "2. 某省的充电桩建设\n某省加快建设充电桩。\n",
                 ["某市出台新能源汽车补贴政策", "某省召开经济工作会议", "某地举办博览会"],
                 id="a-bulleted-digest-then-related-reading"),
    pytest.param("某市出台新能源汽车补贴政策\n某市昨日发布新能源汽车补贴细则，自下月起实施，"
                 "补贴标准较去年有所提高。\n网友评论\n网友甲：这个政策来得太及时了，我正准备买车呢，"
                 "希望能尽快落地。\n1. 网友乙\n支持政策。\n2. 网友丙\n希望补贴更多。\n",
                 [], id="an-article-then-its-comments"),
]


@pytest.mark.parametrize(("text", "headlines"), FOOTER_WORD_ABOVE_CASES)
def test_a_footer_word_is_a_header_s_only_above_the_article_s_text(text: str,
                                                                headlines: list[str]) -> None:
    assert [head for _, head, _ in _entries(text)] == headlines


FURNITURE_CASES = [
    pytest.param("标题\n1、甲标题\n【图片】\n点击查看大图\n甲正文。\n", "甲正文。",
                 id="image-placeholders"),
    pytest.param("标题\n1、甲标题\n甲标题\n甲正文。\n", "甲正文。", id="repeated-headline"),
]


@pytest.mark.parametrize(("text", "body"), FURNITURE_CASES)
def test_the_body_starts_after_furniture_and_a_repeated_headline(text: str, body: str) -> None:
    (entry,) = _entries(text)
    assert entry[1:] == ("甲标题", body)


@pytest.mark.parametrize(
    "footer",
    ["—— 往期回顾 ——\n1. 上期月报\n2. 前期月报", "网友评论(326)\n热门评论\n网友:北京朝阳真好",
     "上一篇:深圳出台12条措施\n下一篇:综试区扩围至165个城市",
     "政府信息公开\n【要闻】某县2021年民生实事\n索引号:1234-5678 时间:2021-03-02 来源:某县融媒体",
     "索引号:1234-5678 时间:2021-03-02 来源:某县融媒体"],
    ids=["dashed-marker", "comments", "page-navigation", "information-disclosure",
         "disclosure-metadata"],
)
def test_footers_end_the_last_entry(footer: str) -> None:
    text = f"月报\n1. 甲\n甲正文。\n2. 乙\n乙正文。\n\n{footer}\n"
    assert _entries(text)[-1] == (2, "乙", "乙正文。")


_LINE_ALPHABET = ["a", "中", " ", "\t", "\r", "\n", "\r\n", "\u2028", "\x1c", "\x85", "\x0b"]


@given(st.lists(st.sampled_from(_LINE_ALPHABET), max_size=16).map("".join))
def test_lines_are_split_and_stripped_as_before(text: str) -> None:
    """The fast line splitter gives each line's stripped content and its span, for CRLF, CR
    and LF alike, as a plain regex walk over the lines does."""
    import re

    from extractor import segment as seg

    expected = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        raw = match.group()
        if not raw:
            break
        content = raw.rstrip("\r\n")
        start = match.start() + len(content) - len(content.lstrip())
        expected.append((start, start + len(content.strip()), content.strip()))
    assert [tuple(line) for line in seg._split_lines(text)] == expected


_BOILERPLATE_ALPHABET = [
    "来源：", "仅供参考", "如有侵权", "ICP备", "电话:", "E-mail：", "首页", " > ", ">", "编辑：",
    "2023-05-06", " 10:20", "完", "end", "【图片】", "点击", "关注", "中", "x", " ", "1",
    "分享", "以上就是", "全部", "此件", "(", ")", "仅供交流", "免责声明", "侵删", "不代表本站",
    "版权归", "转载请注明", "不构成任何投资建议", "投资有风险", "公网安备", "传真：", "邮箱:",
    "Email:", "投稿邮箱：", "联系电话", "#", "相关推荐", "上一篇:",
]


@given(st.lists(st.sampled_from(_BOILERPLATE_ALPHABET), min_size=1, max_size=8).map("".join))
def test_boilerplate_test_agrees_with_the_full_pattern(line: str) -> None:
    """Anchored rules first, floating rules only on lines with a key word: the same answer as
    the whole boilerplate pattern."""
    from extractor import segment as seg

    text = line.strip()
    expected = bool(text) and seg._BOILERPLATE.fullmatch(text) is not None
    assert seg._is_boilerplate(seg._Line(0, len(text), text)) == expected


@pytest.mark.parametrize("line", [p.values[0] for p in BOILERPLATE_CASES])
def test_boilerplate_cases_agree_with_the_full_pattern(line: str) -> None:
    from extractor import segment as seg

    assert seg._is_boilerplate(seg._Line(0, len(line), line))
    assert seg._BOILERPLATE.fullmatch(line) is not None


def test_marker_lines_start_with_a_listed_character() -> None:
    """The first-character prefilter of `_find_markers` lets every marker line through: no
    character outside MARKER_FIRST_CHARS (or a digit) starts a marker."""
    from extractor import segment as seg

    suffixes = ["1", "1.", "1、x", "o1", "O1", "op1", "OP1", "art1", "ART1", "1】", "一】", "1]",
                "一)", "1)", "一、", "1 x", "*1.", " 1.", "要闻】1.", "1条", "一条", "\u20e3",
                "|", "/x", "】", ")", "", "1中"]
    for code in range(0x10000):
        char = chr(code)
        if char in seg.MARKER_FIRST_CHARS or char.isdecimal() or 0xD800 <= code <= 0xDFFF:
            continue
        assert not any(seg._STYLES.match(char + suffix) for suffix in suffixes), char


_DECOR_ALPHABET = [*"【[▌■◆●#◇□】]:：a中 \t", "\u3000", "\x1c"]


@given(st.lists(st.sampled_from(_DECOR_ALPHABET), max_size=8).map("".join))
def test_section_decorations_strip_as_the_regex(text: str) -> None:
    import re

    from extractor import segment as seg

    decor = re.compile(r"^[【\[▌■◆●#◇□\s]+|[】\]\s:：]+$")
    stripped = text.lstrip(seg._SECTION_DECOR_LEAD).rstrip(seg._SECTION_DECOR_TRAIL)
    assert stripped == decor.sub("", text)


@given(st.lists(st.sampled_from(_MARKER_ALPHABET), max_size=8).map("".join),
       st.sampled_from(["20230", "00010", "12345", "٣٣٣٣٣"]))
def test_no_marker_starts_with_five_digits(rest: str, digits: str) -> None:
    """`_find_markers` skips lines starting with five digits: no style can match them
    (items may be numbered up to 9999)."""
    from extractor import segment as seg

    assert seg._STYLES.match(digits + rest) is None


@given(st.lists(st.sampled_from([*_BOILERPLATE_ALPHABET, "\n", "\n\n", "评论", "网友评论(3)"]),
                max_size=10).map("".join))
def test_footer_is_the_first_line_the_footer_pattern_matches(text: str) -> None:
    """Footer lines found through their words are the ones a walk over every line finds."""
    from extractor import segment as seg

    lines = seg._split_lines(text)
    for first in range(len(lines) + 1):
        expected = next((i for i in range(first, len(lines))
                         if lines[i].text and seg._FOOTER.fullmatch(lines[i].text)), None)
        assert seg._first_footer(text, lines, first) == expected
