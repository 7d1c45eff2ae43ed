"""Segmentation on the layouts of real digests (issue 12), with short hand-written snippets.

Each table is named by where its cases came from: `REAL_PAGE_LAYOUTS` are layouts seen on real
pages (news breakfasts, 十件实事 pledges, Q&A pages, chronicles, Markdown weeklies), written
anew here; none is quoted from a page. `KNOWN_MISSES` are layouts the rules do not handle yet.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.segment import segment

SAMPLE = Path(__file__).parent / "data" / "sample" / "000_083a9808acf37448.txt"


def _items(text: str) -> list[tuple[int, str]]:
    return [(e.no, text[e.headline_start:e.headline_end]) for e in segment(text).entries]


def _hard_wrapped(*paragraphs: str, width: int = 60) -> str:
    """Paragraphs as a chronicle page prints them: each indented by four spaces, every line
    cut at the same display width (a CJK character takes two columns), whatever the sentence."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line, columns = "    ", 4
        for char in paragraph:
            wide = 2 if char > "\u2e7f" else 1
            if columns + wide > width:
                lines.append(line)
                line, columns = "", 0
            line, columns = line + char, columns + wide
        lines.append(line)
    return "\n".join(lines) + "\n"


REAL_PAGE_LAYOUTS = [
    pytest.param(
        "问：各地补贴标准是多少？\n答：您好，相关情况如下：1、甲市，补贴0.5元/千瓦时。"
        "2、乙县，补贴0.3元/千瓦时。3、丙区，补贴0.2元/瓦。感谢关注。\n",
        [(1, "甲市，补贴0.5元/千瓦时。"), (2, "乙县，补贴0.3元/千瓦时。"),
         (3, "丙区，补贴0.2元/瓦。")],
        id="qa-answer-inline-1、",
    ),
    pytest.param(
        "某县十五件实事\n会议指出，重点抓好民生实事。分别是: (1)新建学校3所。(2)改造道路5条。"
        "(3)新增车位200个。(4)建成公厕10座。\n",
        [(1, "新建学校3所。"), (2, "改造道路5条。"), (3, "新增车位200个。"),
         (4, "建成公厕10座。")],
        id="inline-(1)-after-colon",
    ),
    pytest.param(
        "某县确定十件实事\n这些实事分别为:一是整治水源地,建设第二水源;二是改造污水管网;"
        "三是新增停车位300个;四是建成养老中心。\n新闻推荐\n",
        [(1, "整治水源地,建设第二水源"), (2, "改造污水管网"), (3, "新增停车位300个"),
         (4, "建成养老中心。")],
        id="inline-一是-semicolons",
    ),
    pytest.param(
        "某市2005年实事\n市政府将办好十件实事: 一、新增就业5万人。二、新建学校22所。"
        "三、改造道路10条。\n",
        [(1, "新增就业5万人。"), (2, "新建学校22所。"), (3, "改造道路10条。")],
        id="inline-一、",
    ),
    pytest.param(
        "要点\n主要措施：①降低门槛。②加大补贴。③优化服务。\n",
        [(1, "降低门槛。"), (2, "加大补贴。"), (3, "优化服务。")],
        id="inline-circled",
    ),
    pytest.param(
        "某市十件民生实事\n今年将办好十件实事。\n一是治理停车难，增加停车位。\n"
        "二是改造街巷25条。\n三是完成危房改造6处以上。\n",
        [(1, "治理停车难，增加停车位。"), (2, "改造街巷25条。"), (3, "完成危房改造6处以上。")],
        id="一是-at-line-start",
    ),
    pytest.param(
        "十大新闻\n某报评出年度十大新闻:\n第1位 漏油灾难\n第2位 医改法案通过\n第3位 中期选举\n",
        [(1, "漏油灾难"), (2, "医改法案通过"), (3, "中期选举")],
        id="第N位",
    ),
    pytest.param(
        "国内新闻\n1,某部启动应急响应,派出工作组。\n2,11月新增融资59亿元,环比增加。\n"
        "3,某地发布通知。\n",
        [(1, "某部启动应急响应,派出工作组。"), (2, "11月新增融资59亿元,环比增加。"),
         (3, "某地发布通知。")],
        id="number-comma",
    ),
    pytest.param(
        "早报\n\u3000\u3000NO.1 甲标题\n甲正文。\n\u3000\u3000NO.2 乙标题\n乙正文。\n",
        [(1, "甲标题"), (2, "乙标题")],
        id="NO.1-after-ideographic-spaces",
    ),
    pytest.param(
        "早报\nTop1 甲标题\n甲正文。\nTop2 乙标题\n乙正文。\n",
        [(1, "甲标题"), (2, "乙标题")],
        id="Top1",
    ),
    pytest.param(
        "续前\n2、乙标题\n乙正文。\n3、丙标题\n丙正文。\n4、丁标题\n丁正文。\n",
        [(2, "乙标题"), (3, "丙标题"), (4, "丁标题")],
        id="numbering-starts-at-2",
    ),
    pytest.param(
        "快讯\n■ 甲地发布通知，支持企业发展。\n■ 乙地出台政策。\n■ 丙地召开会议。\n",
        [(1, "甲地发布通知，支持企业发展。"), (2, "乙地出台政策。"), (3, "丙地召开会议。")],
        id="bullets-■",
    ),
    pytest.param(
        "快讯\n• 甲地发布通知。\n· 乙地出台政策。\n- 丙地召开会议。\n",
        [(1, "甲地发布通知。"), (2, "乙地出台政策。"), (3, "丙地召开会议。")],
        id="bullets-mixed",
    ),
    pytest.param(
        "人物一周\n\n“刺痛了心”\n\n某人在访谈中谈到物价。他表示会控制。\n\n"
        "“独唱”成“绝唱”?\n\n某人宣布停刊。\n",
        [(1, "“刺痛了心”"), (2, "“独唱”成“绝唱”?")],
        id="quoted-heading-lines",
    ),
    pytest.param(
        "大事记\n    国内\n    3月19日,某市发生食物中毒事件,涉及学生多名。\n"
        "    3月21日,某会议召开。会议通过规则。\n    3月25日,某部挂牌。\n",
        [(1, "3月19日,某市发生食物中毒事件,涉及学生多名。"), (2, "3月21日,某会议召开。"),
         (3, "3月25日,某部挂牌。")],
        id="chronicle-dated-paragraphs",
    ),
    pytest.param(
        "# 周报 #1\n\n## 文章\n\n### 🐎 [甲文章](https://a.example/1)\n\n甲的介绍。\n\n"
        "1. 要点一\n2. 要点二\n3. 要点三\n\n### 🐕 [乙文章](https://b.example/2)\n\n乙的介绍。\n\n"
        "## 代码\n\n### [丙项目](https://c.example/3)\n\n丙的介绍。\n\n## 关注我们\n\n扫码关注。\n",
        [(1, "🐎 [甲文章](https://a.example/1)"), (2, "🐕 [乙文章](https://b.example/2)"),
         (3, "[丙项目](https://c.example/3)")],
        id="markdown-heading-items",
    ),
    pytest.param(
        "# 早餐\n\n### 宏观\n\n1、甲消息。\n\n2、乙消息。\n\n### 产业\n\n1、丙消息。\n\n"
        "### 免责声明\n\n内容仅供参考。\n",
        [(1, "甲消息。"), (2, "乙消息。"), (1, "丙消息。")],
        id="markdown-headings-as-sections",
    ),
    pytest.param(
        "要闻\n【国内】\n1、甲消息。\n2、乙消息。\n【国际】\n3、丙消息。\n4、丁消息。\n",
        [(1, "甲消息。"), (2, "乙消息。"), (3, "丙消息。"), (4, "丁消息。")],
        id="sections-numbering-runs-through",
    ),
    pytest.param(
        "十大新闻\n\n2017年十大国内新闻(以时间为序)\n\n1、甲\n\n2、乙\n\n"
        "2017年十大国际新闻(以时间为序)\n\n1、丙\n\n2、丁\n",
        [(1, "甲"), (2, "乙"), (1, "丙"), (2, "丁")],
        id="long-heading-before-restarted-numbering",
    ),
    pytest.param(
        "要闻\n国内新闻\n1、甲消息。\n2、乙消息。\n国际新闻\n1、丙消息。\n2、丁消息。\n",
        [(1, "甲消息。"), (2, "乙消息。"), (1, "丙消息。"), (2, "丁消息。")],
        id="sections-numbering-restarts",
    ),
    pytest.param(
        "财经要闻\nNO.1 甲标题\n甲正文。\n【相关报道】\n某个相关链接的标题\nNO.2 乙标题\n乙正文。\n"
        "NO.3 丙标题\n丙正文。\n",
        [(1, "甲标题"), (2, "乙标题"), (3, "丙标题")],
        id="related-reading-between-items",
    ),
    pytest.param(
        "论坛\n\n一、甲事件发生 ; c0 f3 X\" S/ G\n\n这是图片说明。\n\n"
        "一、甲事件发生 ; c0 f3 X\" S/ G\n\n正文一。\n\n二、乙事件\n\n正文二。\n",
        [(1, "甲事件发生"), (2, "乙事件")],
        id="heading-written-twice-with-scrape-noise",
    ),
    pytest.param(
        "大事记\n" + _hard_wrapped(
            "3月19日,某市部分小学生饮用豆奶引发食物中毒.其中涉及学生多名和教师数名,"
            "引起社会广泛关注。联合专家组公布调查的结论查明了生产原料中的某种因子导致了中毒。",
            "3月21日,国务院总理主持召开新一届国务院第一次全体会议,并在会上发表重要讲话。"
            "会议通报了领导同志分工,宣布了机构设置,讨论通过了工作规则和有关的文件。",
            "3月25日,对外贸易经济合作部的牌子被取下,新设立的商务部正式挂牌,开始对外办公。",
        ),
        [(1, "3月19日,某市部分小学生饮用豆奶引发食物中毒.其中涉及学生\n多名和教师数名,"
             "引起社会广泛关注。"),
         (2, "3月21日,国务院总理主持召开新一届国务院第一次全体会议,并\n在会上发表重要讲话。"),
         (3, "3月25日,对外贸易经济合作部的牌子被取下,新设立的商务部正\n式挂牌,开始对外办公。")],
        id="hard-wrapped-first-sentence",
    ),
    pytest.param(
        "某县实事\n今年县政府确定办好五件民生实事,涉及住房、交通、教育等领域,即投资900万元,"
        "实施搬迁工程;投资400万元,建设新城大桥;投资76万元,延伸饮水管网;"
        "投资68万元,建设儿童乐园;投资11万元,改造公厕3座;投资5万元,新建书屋。\n",
        [(1, "投资900万元,实施搬迁工程"), (2, "投资400万元,建设新城大桥"),
         (3, "投资76万元,延伸饮水管网"), (4, "投资68万元,建设儿童乐园"),
         (5, "投资11万元,改造公厕3座")],
        id="announced-count-of-semicolon-clauses",
    ),
    pytest.param(
        "2016-03-30 11:36 来源:某协会\n【二、二十城成交概况】\n本周成交546万平方米。\n",
        [(2, "二十城成交概况")],
        id="excerpt-starting-at-a-bracketed-item-2",
    ),
    pytest.param(
        "■新宅量跌价升,均价5.5万元/㎡\n\t本周全市成交930套,均价53060元/㎡。\n",
        [(1, "新宅量跌价升,均价5.5万元/㎡")],
        id="a-page-that-is-one-bulleted-item",
    ),
    pytest.param(
        "一、新增就业5万人\n正文一。\n二、新建学校22所\n正文二。\n",
        [(1, "新增就业5万人"), (2, "新建学校22所")],
        id="first-line-is-item-1-not-a-title",
    ),
    pytest.param(
        "联播\n1. 甲消息；\n2. 社论：\n\n壮阔的行进 光明的前程；\n3. 丙消息；\n",
        [(1, "甲消息"), (2, "社论：\n\n壮阔的行进 光明的前程"), (3, "丙消息")],
        id="headline-split-over-a-blank-line",
    ),
    # A summary list whose item opens with a month: `3.8月份…` is item 3, not 3.8.
    pytest.param(
        "节目摘要\n\n1.甲地召开会议；\n\n2.乙地开工新项目；\n\n3.8月份物价保持平稳；\n\n"
        "4.丙地举行活动；\n",
        [(1, "甲地召开会议"), (2, "乙地开工新项目"), (3, "8月份物价保持平稳"),
         (4, "丙地举行活动")],
        id="item-opening-with-a-month-fills-the-gap",
    ),
    pytest.param(
        "节目摘要\n1.甲地召开会议；\n2.1至8月份客运量创新高；\n3.丙地举行活动；\n",
        [(1, "甲地召开会议"), (2, "1至8月份客运量创新高"), (3, "丙地举行活动")],
        id="item-opening-with-a-figure-right-after-the-previous-line",
    ),
    pytest.param(
        "节目摘要\n\n■1.甲地召开会议；\n\n■2.乙地开工新项目；\n\n■3.36个城市启动试点；\n\n"
        "■4.丙地举行活动；\n",
        [(1, "甲地召开会议"), (2, "乙地开工新项目"), (3, "36个城市启动试点"), (4, "丙地举行活动")],
        id="decorated-item-opening-with-a-count",
    ),
    # No number is missing: a paragraph opening with a decimal stays in its item's body.
    pytest.param(
        "要闻\n1.甲地召开会议\n会议指出：\n\n2.5万人参加培训。\n2.乙地开工新项目\n正文。\n",
        [(1, "甲地召开会议"), (2, "乙地开工新项目")],
        id="decimal-paragraph-with-no-gap-stays-body",
    ),
]

@pytest.mark.parametrize("furniture", ["查看原文", "阅读原文", "原标题：", "简体", "【图片】"])
def test_a_link_or_label_between_a_heading_and_its_paragraph_keeps_the_item(furniture: str
                                                                            ) -> None:
    """Found in review: a page's link or label under an unnumbered item's heading is no
    text of the item, and the paragraph under it is the heading's."""
    text = ("政策速览\n\n某市出台新能源汽车补贴政策\n" + furniture + "\n"
            "某市昨日发布新能源汽车补贴细则，自下月起实施，补贴标准较去年有所提高，覆盖更多车型。\n\n"
            "某省召开经济工作会议\n" + furniture + "\n"
            "某省昨日召开经济工作会议，部署明年重点任务，强调稳增长和扩内需，推动高质量发展。\n")
    assert [head for _, head in _items(text)] == [
        "某市出台新能源汽车补贴政策", "某省召开经济工作会议"]


@pytest.mark.parametrize(("text", "expected"), REAL_PAGE_LAYOUTS)
def test_real_page_layouts(text: str, expected: list[tuple[int, str]]) -> None:
    assert _items(text) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param("---\nlayout: post\ntitle: 财经早餐\ncategories: wind\n---\n\n"
                     "# 财经早餐2024年8月13日星期二\n\n1、甲消息。\n2、乙消息。\n",
                     "财经早餐2024年8月13日星期二", id="a-static-site-post-s-front-matter"),
        # Rules that hold an item are no front matter: both items are found, and the first
        # rule, marks alone, is no title either.
        pytest.param("---\n1、甲消息。\n---\n2、乙消息。\n", None,
                     id="rules-around-items-are-no-front-matter"),
    ],
)
def test_front_matter_is_not_the_title(text: str, title: str | None) -> None:
    seg = segment(text)
    assert seg.title == title
    assert [e.no for e in seg.entries] == [1, 2]


# (the first line of a page, our own) -> the title
MARKDOWN_TITLE_CASES = [
    pytest.param("# 某某早餐 2024年8月1日", "某某早餐 2024年8月1日", id="a-markdown-heading"),
    pytest.param("## 《某台新闻》 (20240801)", "《某台新闻》 (20240801)",
                 id="a-second-level-heading"),
    pytest.param("#某某话题# 本周要闻", "#某某话题# 本周要闻", id="a-hashtag-is-no-heading-mark"),
    # A numbered heading under its mark is the first item of an excerpt, as without it.
    pytest.param("## 一、宏观", None, id="a-numbered-heading-is-no-title"),
]


@pytest.mark.parametrize(("first_line", "title"), MARKDOWN_TITLE_CASES)
def test_a_markdown_heading_mark_is_no_part_of_the_title(first_line: str,
                                                         title: str | None) -> None:
    text = f"{first_line}\n\n1、甲消息。\n2、乙消息。\n"
    seg = segment(text)
    assert seg.title == title
    if title is not None:
        assert seg.title_start is not None and text[seg.title_start:seg.title_end] == title


def test_a_long_heading_before_restarted_numbering_is_the_next_section() -> None:
    text = ("十大新闻\n\n十大国内新闻(以时间为序)\n\n1、甲\n\n2、乙\n\n"
            "十大国际新闻(以时间为序)\n\n1、丙\n")
    sections = [e.section for e in segment(text).entries]
    assert sections == [None, None, "十大国际新闻(以时间为序)"]


KNOWN_MISSES = [
    pytest.param(
        "人物一周\n\n“刺痛了心”\n\n上榜人物:甲\n\n某人在访谈中谈到物价。\n\n一个家族的背影→\n\n"
        "上榜人物:乙\n\n某人卸任。\n",
        [(1, "“刺痛了心”"), (2, "一个家族的背影→")],
        id="unquoted-heading-line-among-quoted-ones",
    ),
    # An item opening with a figure is found only between two items: the first or the
    # last item is read as a decimal, in the head or in the item before.
    pytest.param(
        "节目摘要\n\n1.8月份物价保持平稳；\n\n2.甲地召开会议；\n\n3.乙地开工新项目；\n",
        [(1, "8月份物价保持平稳"), (2, "甲地召开会议"), (3, "乙地开工新项目")],
        id="first-item-opening-with-a-figure",
    ),
    pytest.param(
        "节目摘要\n\n1.甲地召开会议；\n\n2.乙地开工新项目；\n\n3.8月份物价保持平稳；\n",
        [(1, "甲地召开会议"), (2, "乙地开工新项目"), (3, "8月份物价保持平稳")],
        id="last-item-opening-with-a-figure",
    ),
]


@pytest.mark.parametrize(("text", "expected"), KNOWN_MISSES)
@pytest.mark.xfail(strict=True, reason="layout not handled yet (issue 12 closing note)")
def test_known_misses(text: str, expected: list[tuple[int, str]]) -> None:
    assert _items(text) == expected


def test_a_digest_written_twice_gives_every_item_twice() -> None:
    text = SAMPLE.read_text("utf-8")
    assert len(segment(text).entries) == 24
    assert len(segment(text + "\n\n" + text).entries) == 48


def test_items_numbered_past_999_stay_items() -> None:
    text = "长清单\n" + "".join(f"{n}. 第{n}项标题\n正文。\n" for n in range(1, 1206))
    entries = segment(text).entries
    assert [e.no for e in entries] == list(range(1, 1206))


@pytest.mark.parametrize("joiner", ["", " "], ids=["no-blanks", "spaces"])
def test_text_flattened_to_one_line_keeps_most_items_and_warns_for_the_rest(joiner: str) -> None:
    """The sample with its line breaks lost: items glued to the text before them are found
    where a sentence ends before their number; the others are reported as skipped."""
    text = SAMPLE.read_text("utf-8").replace("\n", joiner)
    seg = segment(text)
    numbers = [e.no for e in seg.entries]
    assert numbers[:2] == [1, 2] and len(numbers) >= 18
    gaps = [(a, b) for a, b in pairwise(numbers) if b > a + 1]
    skipped = [w for w in seg.warnings if w.code == "skipped_number"]
    assert gaps and len(skipped) == len(gaps)


def test_unclaimed_item_text_is_warned_about() -> None:
    """A long paragraph after the last item and before nothing else: outside every entry,
    so the article says so."""
    text = (
        "要闻\n1、甲标题\n甲正文。\n2、乙标题\n乙正文。\n\n相关阅读\n"
        + "这是一段很长的文字" * 20 + "。\n"
    )
    seg = segment(text)
    assert [e.no for e in seg.entries] == [1, 2]
    assert [w.code for w in seg.warnings] == ["unclaimed_text"]
    assert [b.kind for b in seg.blocks] == ["tail"]


# ---------------------------------------------------------------------------------------------
# Properties: every marker that continues the numbering is inside an entry, and every
# non-blank character is in exactly one of title, head, entry, noted block or tail.

_INTERLUDES = [
    "【相关报道】\n某个相关链接的标题",
    "【详情】",
    "图为某地现场。(新华社发)",
    "编辑:张三",
    "相关阅读\n上周要闻回顾",
    "",
    "\n",
    "推荐阅读:某篇文章",
    "【14:10更新】",
]
_MARKERS = ["{n}、", "{n}.", "0{n} ", "NO.{n} ", "({n})", "【{n}】"]


@st.composite
def _digests(draw: st.DrawFn) -> tuple[str, int, str]:
    marker = draw(st.sampled_from(_MARKERS))
    count = draw(st.integers(min_value=2, max_value=9))
    parts = ["某周要闻汇总", "编者按:本周要闻如下。"]
    for n in range(1, count + 1):
        parts.append(marker.format(n=n) + f"第{n}条标题")
        parts.append(f"第{n}条的正文，说明了有关情况。")
        parts.append(draw(st.sampled_from(_INTERLUDES)))
    return "\n".join(parts) + "\n", count, marker


@settings(max_examples=150, deadline=None)
@given(_digests())
def test_no_marker_that_continues_the_numbering_is_outside_an_entry(
    digest: tuple[str, int, str],
) -> None:
    text, count, marker = digest
    entries = segment(text).entries
    for n in range(1, count + 1):
        position = text.index(marker.format(n=n) + f"第{n}条标题")
        assert any(e.start <= position < e.end for e in entries), (n, text)
    assert [e.no for e in entries] == list(range(1, count + 1))


@settings(max_examples=150, deadline=None)
@given(_digests())
def test_every_character_is_accounted_for_once(digest: tuple[str, int, str]) -> None:
    text = digest[0]
    seg = segment(text)
    spans = [(e.start, e.end) for e in seg.entries] + [(b.start, b.end) for b in seg.blocks]
    if seg.title_start is not None and seg.title_end is not None:
        spans.append((seg.title_start, seg.title_end))
    owners = [0] * len(text)
    for start, end in spans:
        for i in range(start, end):
            owners[i] += 1
    for i, char in enumerate(text):
        if not char.isspace():
            assert owners[i] == 1, (i, char, text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("1、.()一是二三①②■•-“”\n 。;:标题正文【】#")),
               max_size=200))
def test_blocks_and_entries_never_overlap_on_any_text(text: str) -> None:
    seg = segment(text)
    spans = sorted([(e.start, e.end) for e in seg.entries]
                   + [(b.start, b.end) for b in seg.blocks])
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start
    assert all(re.search(r"\S", text[b.start:b.end]) for b in seg.blocks)
