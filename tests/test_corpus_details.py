"""Detail stories attached to the summary items they retell (issue 16), for event matching.

Pages written for the issue in the form a 《新闻联播》 page takes (a numbered summary, then
`## 详细新闻` and a `###` heading per story); none is quoted from a page.
"""

from __future__ import annotations

from typing import Any

import pytest

from extractor.corpus.details import DETAIL_CHARS, detail_leads
from extractor.corpus.events import EventItem, link_events
from extractor.segment import segment


def _entries(page: str) -> list[dict[str, Any]]:
    """The page's entries as the article JSON gives them (seq, headline, body, end)."""
    return [{"seq": e.seq, "headline": page[e.headline_start:e.headline_end],
             "body": page[e.body_start:e.body_end], "end": e.end}
            for e in segment(page).entries]


# Three items, two told again below: a summary as long as its stories would be a preview
# of them (`segment`), and the stories the items.
SUMMARY = "《某台新闻》\n\n1.某某同某国总统会谈；\n\n2.某部印发方案；\n\n3.某地开工；\n\n"

# (page, the detail story of each seq that has one)
PAGES = [
    pytest.param(
        SUMMARY + "## 详细新闻\n\n### 某某同某国总统会谈\n\n<p><strong>某台消息</strong>："
        "某日下午,某某在某地同某国总统举行会谈。</p>\n\n[查看原文](https://example.org/1)\n\n"
        "### 某部印发方案\n\n<p>某部近日印发方案。</p>\n",
        {1: "某台消息 ：某日下午,某某在某地同某国总统举行会谈。", 2: "某部近日印发方案。"},
        id="each-heading-repeats-its-item"),
    pytest.param(
        "《某台新闻》\n\n1.某某系列主题新闻发布会：\n某行业发展取得新成效；\n\n2.某部印发方案；\n\n"
        "## 详细新闻\n\n### 【某某系列主题新闻发布会】某行业发展取得新成效\n\n"
        "<p>发布会介绍新成效。</p>\n",
        {1: "发布会介绍新成效。"},
        id="a-heading-of-headline-and-body"),
    pytest.param(
        "《某台新闻》\n\n1.某部印发方案；\n\n2.国内快讯：\n（1）甲地开工；\n（2）乙地开幕；\n\n"
        "## 详细新闻\n\n### 国内快讯\n\n<p>甲地开工。乙地开幕。</p>\n",
        {},
        id="a-bulletin-is-no-summary-item"),
    pytest.param(
        SUMMARY + "## 详细新闻\n\n### 某地天气\n\n<p>某地晴。</p>\n",
        {},
        id="a-heading-no-item-retells"),
    pytest.param(
        SUMMARY + "## 详细新闻\n\n### 某某同某国总统会谈\n\n<p>" + "会谈" * 400 + "</p>\n",
        {1: "会谈" * (DETAIL_CHARS // 2)},
        id="a-long-story-keeps-its-lead"),
    pytest.param(
        "《某台新闻》\n\n1.某省召开全省经济工作会议部署明年重点工作；\n\n2.某省召开全省经济工作会议；"
        "\n\n3.某地开工；\n\n## 详细新闻\n\n### 某省召开全省经济工作会议\n\n<p>二号故事。</p>\n\n"
        "### 某省召开全省经济工作会议部署明年重点工作\n\n<p>一号故事。</p>\n",
        {1: "一号故事。", 2: "二号故事。"},
        id="a-heading-its-own-item-repeats-before-one-holding-it"),
    pytest.param(
        SUMMARY + "## 详细新闻\n\n### 某部印发方案\n\n<p>某部&nbsp;近日印发方案。</p>\n",
        {2: "某部 近日印发方案。"},
        id="entities-are-characters"),
]


@pytest.mark.parametrize(("page", "expected"), PAGES)
def test_detail_stories(page: str, expected: dict[int, str]) -> None:
    assert detail_leads(page, _entries(page)).items == expected


def test_a_heading_before_the_last_item_is_no_detail() -> None:
    page = "《某台新闻》\n\n### 某部印发方案\n\n1.某部印发方案；\n\n2.某地开工；\n"
    assert detail_leads(page, _entries(page)).items == {}


def _item(article: str, headline: str, *, detail: str = "", series: str = "") -> EventItem:
    return EventItem(article=article, seq=1, headline=headline, date="2024-03-05",
                     detail=detail, series=series or article)


def test_a_report_retold_only_in_the_detail_links_by_sentence() -> None:
    """The summary line says little (某行业运行态势持续向好); its story gives the release
    another digest reports."""
    summary = _item("b", "某行业运行态势持续向好",
                    detail="某台消息：某协会今天公布：8月份某行业发展指数为47.3%，"
                           "环比上升1.2个百分点。")
    report = _item("a", "某协会数据显示,8月某行业发展指数为47.3%,环比上升1.2个百分点。")
    assert link_events([report, _item("b", summary.headline)]) == ([], [], [])
    _, _, links = link_events([report, summary])
    assert [link.rule for link in links] == ["sentence"]


def test_a_detail_sharing_a_clause_at_a_lower_score_does_not_link() -> None:
    """A long story names much besides its event: one clause and a long run in common with
    a ministry's statement (score 79) link a bulletin's short story, not a detail story."""
    statement = _item("a", "某部表示,某某装机容量连续多年领先,我国已建成门类最全的某某装备产业体系")
    sentence = "同时,产业结构持续调整,我国已建成门类最全的某某装备产业体系。"
    feature = _item("b", "某地推进某项改革", detail="某台消息：各地推进某项改革。" + sentence)
    assert link_events([statement, feature]) == ([], [], [])
    bulletin = EventItem(article="b", seq=1, headline="国内快讯：", date="2024-03-05",
                         body=f"（1）{sentence}\n（2）某地开工。", series="b")
    assert [link.rule for link in link_events([statement, bulletin])[2]] == ["sentence"]


def test_a_bulletin_s_stories_each_get_their_part_of_its_detail() -> None:
    page = ("《某台新闻》\n\n1.某部印发方案；\n\n2.国内快讯：\n\n（1）甲地新建学校开学；\n\n"
            "（2）乙地新桥通车；\n\n3.某地开工；\n\n## 详细新闻\n\n### 国内快讯\n\n"
            "<p><strong>某台消息</strong>：</p><p><strong>甲地新建学校开学</strong></p>"
            "<p>甲地今天新建学校3所开学。</p><p><strong>乙地新桥通车</strong></p>"
            "<p>乙地跨江新桥今天通车。</p>\n")
    leads = detail_leads(page, _entries(page))
    assert leads.stories == {2: ("甲地今天新建学校3所开学。", "乙地跨江新桥今天通车。")}
    assert leads.items == {}


def test_a_story_links_by_its_part_of_the_detail() -> None:
    """The story's line says little (某行业运行态势持续向好); its part of the bulletin's
    detail gives the release another digest reports."""
    bulletin = EventItem(article="b", seq=9, headline="国内快讯：", date="2024-03-05",
                         body="（1）某行业运行态势持续向好；\n（2）某地开工。", series="b",
                         story_details=("某协会今天公布：8月份某行业发展指数为47.3%，环比上升1.2"
                                        "个百分点。", ""))
    report = _item("a", "某协会数据显示,8月某行业发展指数为47.3%,环比上升1.2个百分点。")
    _, members, links = link_events([report, bulletin])
    assert [link.rule for link in links] == ["sentence"]
    assert sorted((m.article, m.story) for m in members) == [("a", 0), ("b", 1)]


def test_the_occasion_a_story_opens_with_is_not_its_event() -> None:
    """在某峰会即将举行之际，某纪录片播出: the summit is the time of the event, a film's
    broadcast, not its event."""
    preview = _item("a", "2024年东盟合作论坛峰会将于9月在南宁举行。")
    film = _item("b", "某纪录片今天播出",
                 detail="在2024年东盟合作论坛峰会即将举行之际，三集纪录片《山海》在某频道播出。")
    assert link_events([preview, film]) == ([], [], [])
