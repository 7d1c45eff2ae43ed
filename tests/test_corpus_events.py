"""Events across articles (issue 16): which entries of different digests report one event.

Cases written for the issue: headlines made up in the forms digests write one event in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.corpus import events
from extractor.corpus.events import EventItem, fold_text, link_events
from extractor.corpus.rarity import DocumentFrequencies

BEIJING = ("北京市", "110000")
DAXING = ("北京市大兴区", "110115")
SHANGHAI = ("上海市", "310000")
NATIONAL = ("全国", "100000")


def _item(article: str, headline: str, date: str | None = "2024-03-05", *, seq: int = 1,
          body: str = "", region: tuple[str, str] | None = None, series: str = "") -> EventItem:
    name, adcode = region if region else (None, None)
    return EventItem(article=article, seq=seq, headline=headline, body=body, date=date,
                     region_name=name, region_adcode=adcode, series=series)


# Two issues of one daily series (their titles differ only in the date).
MONDAY, TUESDAY = "财经早餐2024年3月4日星期一", "财经早餐2024年3月5日星期二"


# (first entry, second entry, linked by which rule or None)
PAIR_CASES = [
    pytest.param(_item("a", "国家层面：低空经济首次写入政府工作报告", region=NATIONAL),
                 _item("b", "低空经济首次写入政府工作报告", region=NATIONAL),
                 "headline", id="a-label-before-the-same-headline"),
    pytest.param(_item("a", "七部门公布《某某服务管理暂行办法》"),
                 _item("b", "七部门联合公布《某某服务管理暂行办法》", "2024-03-06"),
                 "headline", id="a-word-added-a-day-later"),
    pytest.param(_item("a", "北京发布机器人产业培育行动计划", region=BEIJING),
                 _item("b", "北京:机器人产业培育行动计划发布", region=BEIJING),
                 "headline", id="word-order"),
    pytest.param(_item("a", "某地發生特大地震", region=BEIJING),
                 _item("b", "某地发生特大地震", region=DAXING),
                 "headline", id="traditional-script-and-a-district-inside-its-city"),
    pytest.param(_item("a", "人形机器人半程马拉松开跑", body="来自多个国家的选手参赛。"),
                 _item("b", "本周要闻", body="人形机器人半程马拉松开跑。来自多个国家的选手参赛。"),
                 "opening", id="a-brief-s-label-headline-and-the-same-opening"),
    pytest.param(_item("a", "某部印发充电设施建设行动实施方案", region=NATIONAL),
                 _item("b", "国内联播快讯：", body="（1）某部印发充电设施建设行动方案；"
                       "\n（2）某地举办博览会；", region=NATIONAL),
                 "sentence", id="a-story-of-a-bulletin"),
    pytest.param(_item("a", "国家主席某某在峰会开幕式上发表主旨讲话"),
                 _item("b", "某某会见某国总统", body="某国总统来华出席峰会。某国总统表示,"
                       "某某主席刚才在峰会开幕式上发表主旨讲话。"),
                 None, id="a-story-s-body-naming-another-event"),
    pytest.param(_item("a", "北京发布机器人产业培育行动计划", region=BEIJING),
                 _item("b", "北京发布机器人产业培育行动计划", region=SHANGHAI),
                 None, id="regions-that-disagree"),
    pytest.param(_item("a", "低空经济首次写入政府工作报告", "2024-03-05"),
                 _item("b", "低空经济首次写入政府工作报告", "2024-03-09"),
                 None, id="four-days-apart"),
    pytest.param(_item("a", "低空经济首次写入政府工作报告", None),
                 _item("b", "低空经济首次写入政府工作报告"),
                 None, id="an-entry-without-a-date"),
    pytest.param(_item("a", "低空经济首次写入政府工作报告", "2024-03"),
                 _item("b", "低空经济首次写入政府工作报告"),
                 None, id="a-month-is-no-day"),
    pytest.param(_item("a", "上海：长者食堂达到400家以上", region=SHANGHAI),
                 _item("b", "上海：开通至舟山的海岛物流航线", region=SHANGHAI),
                 None, id="one-city-two-events"),
    pytest.param(_item("a", "财政部：今年新增专项债额度3.9万亿元", region=NATIONAL),
                 _item("b", "财政部将于下周招标发行超长期特别国债", region=NATIONAL),
                 None, id="one-ministry-two-events"),
    pytest.param(_item("a", "低空经济首次写入政府工作报告"),
                 _item("a", "低空经济首次写入政府工作报告", seq=2),
                 None, id="one-article-reports-an-event-once"),
    pytest.param(_item("a", "央行3月5日开展500亿元7天期逆回购操作", region=NATIONAL),
                 _item("b", "央行3月6日开展2000亿元7天期逆回购操作", "2024-03-06",
                       region=NATIONAL),
                 None, id="a-recurring-operation-on-two-days"),
    pytest.param(_item("a", "债市综述", "2024-03-04", body="国债期货收盘多数上涨。",
                       series=MONDAY),
                 _item("b", "债市综述", body="国债期货收盘全线下跌。", series=TUESDAY),
                 None, id="a-column-of-one-series-on-two-days"),
    pytest.param(_item("a", "赵某会见某国总书记"), _item("b", "李某会见某国总书记"),
                 None, id="two-leaders-two-meetings"),
    pytest.param(_item("a", "国务院副总理何某同某国总理共同主持定期会晤"),
                 _item("b", "国务院总理李某同某国总理共同主持定期会晤"),
                 None, id="two-leaders-behind-their-titles"),
    pytest.param(_item("a", "某省委常委、省政府副秘书长、某办公室主任王某在京同某国总统助理某某"
                            "举行会谈"),
                 _item("b", "省委书记李某会见某国总统助理某某"),
                 None, id="two-leaders-behind-a-long-chain-of-titles"),
    pytest.param(_item("a", "3月4日至5日,某办公室主任王某在京同某国总统助理某某举行会谈"),
                 _item("b", "国家主席习某会见某国总统助理某某"),
                 None, id="two-leaders-one-after-the-days-of-the-act"),
    pytest.param(_item("a", "习某同甲国总统举行会谈"), _item("b", "习某同乙国总统举行会谈"),
                 None, id="one-leader-two-counterparts"),
    pytest.param(_item("a", "习某会见几内亚总统"), _item("b", "习某会见赤道几内亚总统"),
                 None, id="a-counterpart-inside-another-s-name"),
    pytest.param(_item("a", "习某同甲国总统某某举行会晤"), _item("b", "习某同某某总统举行会晤"),
                 "headline", id="one-meeting-counterpart-written-two-ways"),
    pytest.param(_item("a", "李某同甲国总理某某会谈"), _item("b", "李某与甲国总理某某举行会谈"),
                 "headline", id="the-actor-is-not-the-one-met"),
    pytest.param(_item("a", "汶川大地震", "2008-05-12"),
                 _item("b", "汶川发生特大地震", "2008-05-12"),
                 "headline", id="a-short-headline-is-a-headline"),
    pytest.param(_item("a", "国内联播快讯：", body="某地举办博览会。"),
                 _item("b", "国内联播快讯：", body="某省启动防汛应急响应。"),
                 None, id="a-label-with-a-colon"),
    pytest.param(_item("a", "奋进新时代 改革再出发", "2024-03-04", series=MONDAY),
                 _item("b", "奋进新时代 改革再出发", "2024-03-05", series=TUESDAY),
                 None, id="one-series-repeating-a-headline-on-another-day-is-a-column"),
    pytest.param(_item("a", "欧洲主要股指收盘多数上涨", "2024-03-04", body="某国股指涨0.3%。",
                       series=MONDAY),
                 _item("b", "欧洲主要股指收盘集体上涨", body="某国股指涨0.9%。", series=TUESDAY),
                 None, id="one-series-different-numbers-in-the-first-sentence"),
    pytest.param(_item("a", "某国债市收益率集体收跌，某国10年期国债收益率跌7.4个基点报3.968%。",
                       "2024-03-04", series=MONDAY),
                 _item("b", "某国债市收益率集体收跌",
                       body="- 某国10年期国债收益率跌8.9个基点报3.880%，", series=TUESDAY),
                 None, id="one-series-a-short-headline-inside-yesterday-s-is-no-near-copy"),
    pytest.param(_item("a", "某地发生特大地震", body="地震已造成14人遇难。"),
                 _item("b", "某地特大地震", body="震级达8.0级。"),
                 "headline", id="two-series-tell-one-event-s-other-figures"),
    pytest.param(_item("a", "甲方称击退乙方进攻 乙方称甲方持续炮击多地", "2024-03-04",
                       series=MONDAY),
                 _item("b", "甲方称打击乙方目标 乙方称多地战斗仍激烈", "2024-03-05",
                       series=TUESDAY),
                 None, id="one-series-recurring-story-needs-a-near-copy"),
    pytest.param(_item("a", "今年以来全国新能源车产量突破800万辆", region=NATIONAL),
                 _item("b", "工信部:今年我国新能源车产量已突破800万辆", "2024-03-06",
                       region=NATIONAL, series=TUESDAY),
                 "headline", id="two-series-one-statistic"),
    pytest.param(_item("a", "17部门联合发布数据要素三年行动计划"),
                 _item("b", "17部门联合印发《数据要素三年行动计划(2024—2026年)》"),
                 "headline", id="a-number-added-by-one-report"),
    pytest.param(_item("a", "某日,第五届国际茶叶博览会在甲市开幕"),
                 _item("b", "国内联播快讯：", body="（1）第五届国际茶叶博览会开幕 "
                       "多家企业现场签约；\n（2）某省启动防汛应急响应；"),
                 "sentence", id="a-story-sharing-a-long-name-at-a-lower-score"),
    pytest.param(_item("a", "某市国际灯光文化节将于下月开幕"),
                 _item("b", "国内联播快讯：", body="（1）某省国际摄影文化节下月开幕 多项活动亮相；"
                       "\n（2）某省启动防汛应急响应；"),
                 None, id="a-story-at-a-lower-score-with-no-long-run-in-common"),
    pytest.param(_item("a", "今年以来某省港口集装箱吞吐量18.37亿吨"),
                 _item("b", "今年以来某省港口集装箱吞吐量超18亿吨"),
                 "headline", id="a-figure-rounded-by-one-report"),
    pytest.param(_item("a", "今年以来某省港口集装箱吞吐量18.37亿吨"),
                 _item("b", "今年以来某省港口集装箱吞吐量超19亿吨"),
                 None, id="a-figure-that-is-no-rounding"),
    pytest.param(_item("a", "前8个月某省外贸进出口同比增长6.4%"),
                 _item("b", "1-8月份某省外贸进出口同比增长6.4%,增速比上半年高0.3个百分点"),
                 "headline", id="one-period-written-two-ways"),
    pytest.param(_item("a", "某省将某项补贴期限延长3个月"),
                 _item("b", "某省将某项补贴期限延长6个月"),
                 None, id="two-spans-are-two-figures"),
    pytest.param(_item("a", "中国某协会称,将于2024年10月在甲市召开2024第七届产业区块链大会"),
                 _item("b", "2024年中国网络文明大会在乙市举行"),
                 None, id="two-meetings-sharing-a-year-and-a-word"),
]


@pytest.mark.parametrize(("first", "second", "rule"), PAIR_CASES)
def test_pairs(first: EventItem, second: EventItem, rule: str | None) -> None:
    events, members, links = link_events([first, second])
    if rule is None:
        assert (events, members, links) == ([], [], [])
        return
    assert [link.rule for link in links] == [rule]
    (event,) = events
    assert event.entry_count == event.article_count == 2
    assert [(m.article, m.seq) for m in members] == [("a", 1), ("b", 1)]
    assert links[0].score >= 70


def test_an_event_of_three_digests_has_two_links_and_explains_each() -> None:
    items = [
        _item("a", "低空经济首次写入政府工作报告", "2024-03-05", region=NATIONAL),
        _item("b", "国家层面：低空经济首次写入政府工作报告", "2024-03-06", region=NATIONAL),
        _item("c", "低空经济写入政府工作报告", "2024-03-07", region=NATIONAL),
        _item("c", "上海：开通海岛物流航线", "2024-03-07", seq=2, region=SHANGHAI),
    ]
    events, members, links = link_events(items)
    (event,) = events
    assert (event.first_date, event.last_date, event.region_name) == (
        "2024-03-05", "2024-03-07", "全国")
    assert event.headline == items[0].headline
    assert {(m.article, m.seq) for m in members} == {("a", 1), ("b", 1), ("c", 1)}
    assert len(links) == 2
    assert event.min_score == min(link.score for link in links)
    linked = {(link.article, link.linked_article) for link in links}
    assert all({x, y} <= {"a", "b", "c"} for x, y in linked)


def test_a_headline_one_series_prints_on_two_days_is_a_column() -> None:
    """某某系列主题新闻发布会 on Monday and Wednesday: a column, no evidence that
    another digest's press conference of Tuesday is either of them."""
    column = "某某系列主题新闻发布会"
    items = [
        _item("a", column, "2024-03-04", series=MONDAY),
        _item("c", column, "2024-03-06", series="财经早餐2024年3月6日星期三"),
        _item("b", f"国新办举行{column},某局介绍今年以来运行情况", "2024-03-05",
              series="另一家早报2024年3月5日"),
    ]
    assert link_events(items) == ([], [], [])
    # Printed once, the same headline is a story's, and links.
    assert link_events([items[0], items[2]])[0]


def test_two_reports_in_one_article_are_not_joined_through_a_third() -> None:
    """a#1 ~ b#1 ~ a#2: the digest a reports the event once, so a#2 stays out."""
    items = [
        _item("a", "低空经济首次写入政府工作报告"),
        _item("b", "低空经济首次写入政府工作报告"),
        _item("a", "低空经济首次写入政府工作报告", seq=2),
    ]
    _, members, _ = link_events(items)
    assert [(m.article, m.seq) for m in members] == [("a", 1), ("b", 1)]


# A report of a press conference, and statements made at it, as another digest reports them.
_CONFERENCE = replace(
    _item("x", "某某系列主题新闻发布会", "2024-03-05", body="某领域发展取得新成效；",
          series="晚间新闻2024年3月5日"),
    detail="国务院新闻办公室今天举行新闻发布会。财政部有关负责人介绍,今年以来某项资金已下达。")


def _statement(headline: str, date: str = "2024-03-06", *, seq: int = 1) -> EventItem:
    return _item("y", headline, date, seq=seq, series="财经早餐2024年3月6日")


# (statement, linked to the conference?) written for the ``statement`` rule
STATEMENT_CASES = [
    pytest.param(_statement("财政部表示,将加快某项资金下达进度。"), True,
                 id="the-next-morning"),
    pytest.param(_statement("财政部副部长某某介绍,某项资金已全部下达。", "2024-03-05"), True,
                 id="the-same-day-with-a-title-and-a-name"),
    pytest.param(_statement("国新办举行新闻发布会,财政部表示,某项资金已下达。"), True,
                 id="the-conference-named-first"),
    # The evening bulletin may report a statement the day before the morning brief reports
    # its conference.
    pytest.param(_statement("财政部表示,将加快某项资金下达进度。", "2024-03-04"), True,
                 id="the-day-before"),
    pytest.param(_statement("财政部表示,将加快某项资金下达进度。", "2024-03-03"), False,
                 id="two-days-before"),
    pytest.param(_statement("财政部表示,将加快某项资金下达进度。", "2024-03-07"), False,
                 id="two-days-after"),
    pytest.param(_statement("商务部表示,将加快某项资金下达进度。"), False,
                 id="another-body"),
    pytest.param(_statement("某省财政部门表示,将加快某项资金下达进度。"), False,
                 id="a-province-s-body"),
    pytest.param(_statement("美国财政部表示,将加快某项资金下达进度。"), False,
                 id="another-country-s-body"),
    pytest.param(_statement("财政部发布《某某资金管理办法》。"), False,
                 id="a-body-issuing-not-speaking"),
]


@pytest.mark.parametrize(("statement", "linked"), STATEMENT_CASES)
def test_a_statement_and_its_press_conference(statement: EventItem, linked: bool) -> None:
    _, _, links = link_events([_CONFERENCE, statement])
    assert [link.rule for link in links] == (["statement"] if linked else [])


def test_a_digest_reporting_a_conference_s_statements_one_by_one_has_each_in_its_event(
) -> None:
    """Three statements of one digest, each linked to the other digest's conference report;
    the event holds them all, unlike other reports in one article (see the test above)."""
    statements = [_statement(f"财政部表示,{matter}", seq=n) for n, matter in enumerate(
        ["某项资金已下达3000亿元。", "将研究提高某比例。", "今年以来,某类贷款增长8.2%。"], 1)]
    other = _statement("商务部表示,某展会将于下月举办。", seq=4)
    events, members, links = link_events([_CONFERENCE, *statements, other])
    (event,) = events
    assert (event.entry_count, event.article_count) == (4, 2)
    assert sorted((m.article, m.seq) for m in members) == [("x", 1), ("y", 1), ("y", 2),
                                                           ("y", 3)]
    assert [link.rule for link in links] == ["statement"] * 3


def _issue(day: int, headline: str, *, body: str = "", series: str = "财经早餐",
           documents: tuple[str, ...] = ()) -> EventItem:
    """An entry of one daily series' issue of 2024-03-<day>."""
    return replace(_item(f"{series}{day}", headline, f"2024-03-{day:02d}", body=body,
                         series=f"{series}2024年3月{day}日"), documents=documents)


_STOPPED = _issue(4, "知情人士称,甲国最大的曙光油田开始部分停产,日产量下降")
_FOLLOWED = _issue(5, "甲国曙光油田日产量持续减少后于周一全面停产,政府称是政治勒索")

# (entries, the pairs of article stems linked by the ``follow-up`` rule), written for it
FOLLOW_UP_CASES = [
    pytest.param([_STOPPED, _FOLLOWED], [("财经早餐4", "财经早餐5")],
                 id="the-next-day-in-other-words"),
    pytest.param([_STOPPED, _FOLLOWED, _issue(7, "甲国港口罢工持续,曙光油田原油出口受阻")],
                 [], id="words-a-third-entry-of-the-days-around-writes"),
    pytest.param([_STOPPED, replace(_FOLLOWED, date="2024-03-06")], [("财经早餐4", "财经早餐5")],
                 id="two-days-apart"),
    pytest.param([_STOPPED, replace(_FOLLOWED, date="2024-03-07")], [],
                 id="three-days-apart"),
    pytest.param([_issue(4, "甲国曙光油田开始部分停产。", body="甲国曙光油田开始部分停产。"
                         "知情人士称日产量下降3万桶至23万桶。"),
                  _issue(5, "甲国政府称曙光油田在周末逐步减产后已于周一全面停产。",
                         body="甲国政府称曙光油田在周末逐步减产后已于周一全面停产。日产量下降5万桶。")],
                 [], id="other-figures-in-the-first-sentences"),
    pytest.param([_issue(4, "某中心印发《干部教育培训工作条例》 强调加强干部队伍建设",
                         documents=("D1",)),
                  _issue(5, "某中心印发《全国干部教育培训规划》 明确今后五年目标任务",
                         documents=("D2",))], [],
                 id="other-documents"),
    pytest.param([_issue(4, "某地生态文明建设实践： 一片湖水的蝶变之路见证城市变迁"),
                  _issue(5, "某地生态文明建设实践： 从山顶到海洋绘就美丽画卷")], [],
                 id="a-column-s-label-alone-in-common"),
    pytest.param([_STOPPED, replace(_FOLLOWED, series="晚间新闻2024年3月5日")], [],
                 id="two-series"),
]


@pytest.mark.parametrize(("entries", "linked"), FOLLOW_UP_CASES)
def test_a_follow_up_in_one_series(entries: list[EventItem], linked: list[tuple[str, str]]
                                   ) -> None:
    _, _, links = link_events(entries)
    assert [(link.article, link.linked_article) for link in links
            if link.rule == "follow-up"] == linked


def _listed(article: str, headline: str, period: str) -> EventItem:
    """An entry of a retrospective list (a year's top news), dated as written."""
    return replace(_item(article, headline, period if len(period) == 10 else None,
                         series=f"{article}年度新闻"), period=period)


# (two lists' entries, the rule that links them or None), written for the issue's lists
PERIOD_CASES = [
    pytest.param(_listed("a", "某地发生“3·14”打砸抢烧暴力犯罪事件", "2008"),
                 _listed("b", "3月14日,中国某自治区首府某地发生打砸抢烧暴力事件.", "2008-03-14"),
                 "period", id="a-name-and-half-the-words-in-one-year"),
    pytest.param(_listed("a", "某地发生“3·14”打砸抢烧暴力犯罪事件", "2008"),
                 _listed("b", "3月14日,某地发生打砸抢烧暴力事件", "2008-03-14"),
                 "headline", id="alike-headlines-in-one-year"),
    pytest.param(_listed("a", "某地314", "2008-03-14"),
                 _listed("b", "某地发生“3·14”打砸抢烧暴力犯罪事件", "2008"),
                 "headline", id="an-event-named-by-its-day-written-two-ways"),
    pytest.param(_listed("a", "某地发生“3·14”打砸抢烧暴力犯罪事件", "2009"),
                 _listed("b", "3月14日,某地发生打砸抢烧暴力事件", "2008-03-14"),
                 None, id="another-year"),
    pytest.param(_listed("a", "某地发生打砸抢烧暴力犯罪事件", "2008-04"),
                 _listed("b", "3月14日,某地发生打砸抢烧暴力事件", "2008-03-14"),
                 None, id="another-month"),
    # Two lists of one entry each: a pair of characters both write is every entry's, and
    # weighs nothing (`test_lists_naming_one_event_in_their_own_words`).
    pytest.param(_listed("a", "冰雪灾害", "2008-01-10"), _listed("b", "南方雪灾", "2008"),
                 None, id="a-paraphrase-in-a-few-words-is-not-reached-alone"),
    pytest.param(_listed("a", "某地发生打砸抢烧暴力犯罪事件", "2008"),
                 _listed("a", "3月14日,某地发生打砸抢烧暴力事件", "2008-03-14"),
                 None, id="one-list"),
    pytest.param(_listed("a", "国新办举行新闻发布会，财政部有关负责人介绍情况", "2008"),
                 _listed("b", "财政部表示，将加大对地方的支持力度", "2008-11-20"),
                 None, id="a-conference-and-a-statement-a-year-apart"),
]


def _told(article: str, seq: int, headline: str, period: str, body: str) -> EventItem:
    return replace(_listed(article, headline, period), seq=seq, body=body)


# Three lists of one year, written for the issue: each names the winter's storm in its own
# few words, which share a pair of characters at most (冰雪灾害, 南方雪灾, 雨雪冰冻灾害), and
# tells it in a sentence sharing more (低温, 雨雪, 冰冻); the other entries are other events.
_STORM_LISTS = [
    _told("a", 1, "冰雪灾害。", "2008-01-10",
          "1月10日至2月2日某国先后发生4次大范围低温雨雪冰冻天气过程,持续20多天。"),
    _told("a", 2, "某地发生特大地震", "2008-05-12", "5月12日,某地发生8.0级地震。"),
    _told("b", 1, "南方雪灾", "2008",
          "从1月10日起南方各省均受到低温、雨雪、冰冻灾害影响,交通受阻。"),
    _told("b", 2, "某市举办夏季运动会", "2008-08", "8月,第29届夏季运动会在某市举行。"),
    _told("c", 1, "某国南方大部地区遭受罕见雨雪冰冻灾害", "2008-01",
          "1月中旬至2月上旬,某国南方大部分地区遭遇罕见低温雨雪冰冻灾害。"),
    _told("c", 2, "某国首次太空行走", "2008-09", "9月27日,航天员完成出舱活动。"),
]


def test_lists_naming_one_event_in_their_own_words() -> None:
    """The storm's three entries are one event, by the pairs of characters they share that
    the year's other entries do not write; no other entry joins them."""
    events, members, links = link_events(_STORM_LISTS)
    assert len(events) == 1
    assert sorted((m.article, m.seq) for m in members) == [("a", 1), ("b", 1), ("c", 1)]
    assert {link.rule for link in links} == {"period-words"}


@pytest.mark.parametrize("changed", [
    pytest.param(replace(_STORM_LISTS[2], period="2009"), id="another-year"),
    pytest.param(replace(_STORM_LISTS[2], period="2008-03"), id="another-month"),
])
def test_lists_words_need_periods_holding_one_another(changed: EventItem) -> None:
    """Without a period holding the other's, list b's entry stays out of the storm's
    event."""
    items = [changed if (item.article, item.seq) == ("b", 1) else item for item in _STORM_LISTS]
    _, members, _ = link_events(items)
    assert sorted((m.article, m.seq) for m in members) == [("a", 1), ("c", 1)]


def test_lists_words_never_join_headlines_stating_other_figures() -> None:
    """Two storms' tolls are two storms, also through a third list's entry that states
    none (`_incompatible`)."""
    items = list(_STORM_LISTS)
    items[0] = replace(items[0], headline="冰雪灾害致107人死亡")
    items[2] = replace(items[2], headline="南方雪灾致129人死亡")
    _, members, _ = link_events(items)
    joined = {(m.article, m.seq) for m in members}
    assert ("c", 1) in joined and {("a", 1), ("b", 1)} - joined


def _period_words(items: list[EventItem]) -> set[tuple[str, str]]:
    """The ``period-words`` pairs of one year's list entries, by `article#seq`."""
    entries = list(enumerate(items))
    features = {index: events._features(item) for index, item in entries}
    pairs = events._period_words(entries, features, 50, set())
    return {tuple(sorted(f"{items[i].article}#{items[i].seq}" for i in (p.first, p.second)))
            for p in pairs}


def test_lists_words_pair_each_entry_with_its_closest() -> None:
    """List a's storm entry is closest to list b's, but b's is closer to another entry of a
    (mutual best): only that one is its pair. A list reports an event once."""
    a1, a2, b1, b2 = _STORM_LISTS[:4]
    closer = _told("a", 3, "南方冰冻灾害", "2008-01",
                   "从1月10日起南方各省均受到低温、雨雪、冰冻灾害影响,交通受阻。")
    assert _period_words([a1, a2, closer, b1, b2]) == {("a#3", "b#1")}
    assert _period_words([a1, a2, b1, b2]) == {("a#1", "b#1")}


def test_lists_words_read_the_detail_lead_too() -> None:
    """A digest's detail story retells the item: its lead is part of what a list's entry
    is compared on, as in the ``words`` rule."""
    item = replace(_STORM_LISTS[0], detail="南方路面结冰")
    assert "结冰" in events._character_pairs(item)
    assert "结冰" not in events._character_pairs(item, headline_only=True)


def test_lists_words_need_a_pair_of_characters_in_both_headlines() -> None:
    """Texts alike under headlines that share no pair of characters share a topic: no link."""
    other_name = replace(_STORM_LISTS[2], headline="年初寒潮", body=_STORM_LISTS[0].body)
    items = [other_name if (item.article, item.seq) == ("b", 1) else item
             for item in _STORM_LISTS]
    assert ("a#1", "b#1") not in _period_words(items)
    assert ("a#1", "b#1") in _period_words(_STORM_LISTS)


def test_lists_words_need_the_score() -> None:
    """Two entries sharing a pair of characters in their headlines and little else are
    two events (below `PERIOD_WORDS_SCORE`)."""
    items = [_told("a", 1, "某国举行大选", "2008", "某国选民投票选出新一届议会。"),
             _told("a", 2, "某地发生特大地震", "2008-05-12", "5月12日,某地发生8.0级地震。"),
             _told("b", 1, "某市举行马拉松赛", "2008-04", "4月,数万名跑者参加了比赛。"),
             _told("b", 2, "某市举办夏季运动会", "2008-08", "8月,第29届夏季运动会在某市举行。")]
    assert _period_words(items) == set()


@pytest.mark.parametrize(("others", "linked"), [(49, True), (50, False)])
def test_lists_words_only_in_lists_of_fifty_entries_a_year(others: int, linked: bool) -> None:
    """A list of 51 entries of the year is a chronicle, where an entry has a closest by
    chance: the rule leaves it out. Its entries of other years do not count."""
    filler = [_told("a", 10 + n, f"某地第{n}项工程开工", "2008-12", "工程开工建设。")
              for n in range(others)]
    other_year = [_told("a", 100 + n, f"某地第{n}项工程竣工", "2009-12", "工程竣工。")
                  for n in range(5)]
    _, members, _ = link_events([_STORM_LISTS[0], *filler, *other_year, *_STORM_LISTS[2:4]])
    assert ({(m.article, m.seq) for m in members} == {("a", 1), ("b", 1)}) is linked


def test_lists_words_add_an_entry_but_never_merge_two_events() -> None:
    """A ``period-words`` link adds a lone entry to an event, never joins two events."""
    items = {i: _told(article, 1, "某事", "2008", "") for i, article in enumerate("abcd")}
    groups = events._Groups(items, {i: events._features(item) for i, item in items.items()})
    assert groups.join(0, 1) and groups.join(2, 3)
    assert not groups.join(1, 2, adds_one=True)
    lone = {**items, 4: _told("e", 1, "某事", "2008", "")}
    groups = events._Groups(lone, {i: events._features(item) for i, item in lone.items()})
    assert groups.join(0, 1) and groups.join(4, 1, adds_one=True)


def test_an_event_of_lists_is_dated_by_its_most_precise_dates() -> None:
    """2008 holds 2008-03-14: the event's first and last dates are the day's."""
    (event,), _, _ = link_events([_listed("a", "某地314", "2008-03-14"),
                                  _listed("b", "某地发生“3·14”打砸抢烧暴力犯罪事件", "2008")])
    assert (event.first_date, event.last_date) == ("2008-03-14", "2008-03-14")


def test_a_name_many_entries_of_the_year_write_is_no_event_s() -> None:
    """国务院常务会议 heads many entries of a chronicle: two lists sharing it report two
    meetings."""
    one = _listed("a", "国务院常务会议部署抗震救灾", "2008-05")
    other = _listed("b", "国务院常务会议通过物权法", "2008")
    assert [link.rule for link in link_events([one, other])[2]] == ["period"]
    third = replace(_listed("b", "国务院常务会议研究经济形势", "2008-07"), seq=2)
    assert link_events([one, other, third])[2] == []


@pytest.mark.parametrize(("one", "other", "rule"), PERIOD_CASES)
def test_retrospective_lists_meet_by_their_periods(one: EventItem, other: EventItem,
                                                   rule: str | None) -> None:
    if one.article == other.article:
        other = replace(other, seq=2)
    _, _, links = link_events([one, other])
    assert [link.rule for link in links] == ([rule] if rule else [])


def test_events_named_by_other_days_stay_two() -> None:
    """“1·18”案 and “3·29”案 of one kind of news the same day are two cases; 3·14 and 314
    name one day."""
    one = _item("a", "公安部督办“1·18”特大跨境赌博案告破", "2024-03-05")
    other = _item("b", "公安部督办“3·29”特大跨境赌博案告破", "2024-03-05")
    assert link_events([one, other])[2] == []
    named = _item("b", "公安部督办“1·18”特大跨境赌博案告破", "2024-03-05")
    written = _item("a", "公安部督办118特大跨境赌博案告破", "2024-03-05")
    assert [link.rule for link in link_events([written, named])[2]] == ["headline"]


def test_a_daily_brief_s_entries_do_not_meet_by_period() -> None:
    """Without a period (a digest's news), entries a year apart never meet."""
    one = _item("a", "3月14日,某地发生打砸抢烧暴力事件", "2008-03-14")
    other = _item("b", "某地发生“3·14”打砸抢烧暴力犯罪事件", "2008-12-30")
    assert link_events([one, other])[2] == []


def test_a_bulletin_reports_one_event_per_story() -> None:
    """Each story of a bulletin is a member of its own event, by its number: one bulletin
    reports two events that two other digests report on their own."""
    bulletin = _item("b", "国内联播快讯：", seq=9, body="（1）某部印发充电设施建设行动方案；"
                     "\n（2）某市举办国际智能装备博览会；\n（3）某省启动防汛应急响应。")
    items = [_item("a", "某部印发充电设施建设行动实施方案"), bulletin,
             _item("c", "某市国际智能装备博览会开幕")]
    events, members, links = link_events(items)
    assert sorted((m.article, m.seq, m.story) for m in members) == [
        ("a", 1, 0), ("b", 9, 1), ("b", 9, 2), ("c", 1, 0)]
    assert len(events) == 2 and len({m.event_id for m in members}) == 2
    assert sorted((link.linked_article, link.linked_story) for link in links) == [
        ("b", 1), ("c", 0)]
    assert {event.headline for event in events} >= {"某市举办国际智能装备博览会"}


# (a bulletin's body, its stories as (number, text); [] where it is one member, whole)
STORY_CASES = [
    pytest.param("（1）甲事；\n（2）乙事。", [(1, "甲事；\n"), (2, "乙事。")], id="one-per-line"),
    pytest.param("导语。（1）甲事；（2）乙事。", [(1, "甲事；"), (2, "乙事。")],
                 id="text-before-the-first-story-is-no-story"),
    pytest.param("（1）甲事；（2）乙事；\n（1）丙事。", [(1, "甲事；"), (2, "乙事；\n（1）丙事。")],
                 id="a-number-out-of-order-stays-in-the-story-before"),
    pytest.param("会议提出（1）加快建设（2）推进改革。", [],
                 id="numbers-inside-a-sentence-are-no-stories"),
]


@pytest.mark.parametrize(("body", "expected"), STORY_CASES)
def test_stories(body: str, expected: list[tuple[int, str]]) -> None:
    item = _item("b", "国内联播快讯：", body=body)
    found = events.stories(item)
    if not expected:
        assert found == [item]
    else:
        assert [(story.story, story.body) for story in found] == expected


def test_an_event_s_id_and_headline() -> None:
    """The id hashes the members' keys (a story's with its number), so an event's id stays
    as it was for entries; a story's event shows the story, not the bulletin's label."""
    import hashlib

    (event,), _, _ = link_events([_item("a", "低空经济首次写入政府工作报告"),
                                  _item("b", "低空经济首次写入政府工作报告")])
    assert event.event_id == "E" + hashlib.sha1(b"a#1\nb#1").hexdigest()[:12]
    bulletin = _item("b", "国内联播快讯：", "2024-03-04", seq=9,
                     body="（1）某部印发充电设施建设行动方案；\n（2）某地开工。")
    (event,), _, _ = link_events([bulletin, _item("a", "某部印发充电设施建设行动实施方案")])
    assert event.event_id == "E" + hashlib.sha1(b"a#1\nb#9(1)").hexdigest()[:12]
    assert event.headline == "某部印发充电设施建设行动方案"


# (the earliest member's headline as written -> the event's headline)
SHOWN_HEADLINE_CASES = [
    pytest.param("**某部表示，某市下月起实行新规。", "某部表示，某市下月起实行新规。",
                 id="a-markdown-brief-s-bold-opening"),
    pytest.param("**某部表示，某市下月起实行新规**。", "某部表示，某市下月起实行新规。",
                 id="bold-closed-before-the-stop"),
    pytest.param("*ST某公司公告称股票将被终止上市", "*ST某公司公告称股票将被终止上市",
                 id="one-asterisk-is-a-stock-mark"),
    pytest.param("某报评论员文章：\n\n论某某精神", "某报评论员文章： 论某某精神",
                 id="a-two-line-heading-on-one-line"),
    pytest.param("某地發(fā)生特大地震", "某地發生特大地震", id="a-pinyin-gloss"),
]


@pytest.mark.parametrize(("headline", "shown"), SHOWN_HEADLINE_CASES)
def test_an_event_shows_its_headline_without_markup_or_breaks(headline: str,
                                                              shown: str) -> None:
    (event,), _, _ = link_events([_item("a", headline), _item("b", headline.replace("*", ""))])
    assert event.headline == shown


def test_a_bulletin_of_one_story_is_one_member() -> None:
    item = _item("b", "国内联播快讯：", body="（1）某部印发充电设施建设行动方案；")
    assert events.stories(item) == [item]


@pytest.mark.parametrize(("text", "folded"), [
    pytest.param("**國務院：部署穩就業 舉措。**", "国务院部署稳就业举措", id="traditional-bold"),
    pytest.param("汶川發(fā)生特大地震", "汶川发生特大地震", id="a-pinyin-gloss"),
    pytest.param("中國（guó）成功舉辦", "中国成功举办", id="a-full-width-gloss"),
    pytest.param("某公司(ABC)发布新品", "某公司ABC发布新品", id="latin-in-brackets-is-no-gloss"),
])
def test_fold_text(text: str, folded: str) -> None:
    assert fold_text(text) == folded


_HEADLINES = st.sampled_from([
    "低空经济首次写入政府工作报告", "国家层面：低空经济首次写入政府工作报告",
    "上海：开通海岛物流航线", "上海开通海岛物流航线", "财政部：新增专项债额度",
])


@given(st.lists(st.tuples(st.sampled_from("abcd"), _HEADLINES,
                          st.sampled_from(["2024-03-05", "2024-03-06", None])),
                max_size=8, unique_by=lambda t: (t[0], t[1])))
def test_events_do_not_depend_on_the_order_of_the_articles(
    rows: list[tuple[str, str, str | None]],
) -> None:
    items = [_item(article, headline, date, seq=n) for n, (article, headline, date)
             in enumerate(rows, start=1)]
    assert link_events(items) == link_events(list(reversed(items)))


# Entries of year lists for the property below: the storm's, a month's and a year's.
_LISTED_POOL = [*_STORM_LISTS,
                _told("d", 1, "南方冰冻灾害", "2008-01", "从1月10日起南方各省受到低温、雨雪影响。"),
                _told("d", 2, "某地发生特大地震", "2008", "某地发生8.0级地震。"),
                _told("e", 1, "某国南方雪灾", "2008-01-20", "南方雨雪冰冻灾害持续。")]


@given(st.lists(st.sampled_from(_LISTED_POOL), max_size=9, unique=True))
def test_lists_events_do_not_depend_on_the_order_of_the_articles(items: list[EventItem]
                                                                  ) -> None:
    assert link_events(items) == link_events(list(reversed(items)))


def test_words_most_openings_share_are_boilerplate(monkeypatch: pytest.MonkeyPatch) -> None:
    """With one long dateline in every body, two different stories of one evening must not
    look alike by it; without the boilerplate filter they would."""
    dateline = "央视网消息（新闻联播）：今天上午，国务院新闻办公室举行新闻发布会，有关负责人介绍"
    fillers = [_item(f"f{n}", f"某地第{n}项工作推进", body=f"{dateline}第{n}项工作。")
               for n in range(60)]
    stories = [_item("a", "某省举办农业博览会", body=f"{dateline}农业博览会开幕。"),
               _item("b", "某市开通地铁新线", body=f"{dateline}地铁新线开通。")]

    def linked() -> set[str]:
        return {m.article for m in link_events([*fillers, *stories])[1]} & {"a", "b"}

    assert linked() == set()
    monkeypatch.setattr(events, "_BOILERPLATE_MIN_ENTRIES", 10_000)
    assert linked() == {"a", "b"}


def test_a_run_of_digits_longer_than_any_figure() -> None:
    """Too long for `int` to read (4,300 digits) and for `Decimal` to round: no figure a
    digest rounds, so two such runs are other figures, and nothing fails."""
    items = [_item("a", f"某地发布{'1' * 5000}号文件"), _item("b", f"某地发布{'2' * 5000}号文件")]
    assert link_events(items) == ([], [], [])


def test_meetings_of_other_ordinals_are_other_events() -> None:
    items = [_item("a", "全国人大常委会第十次会议在京举行", series=MONDAY),
             _item("b", "全国人大常委会第十二次会议在京举行", series="另一家早报")]
    assert link_events(items) == ([], [], [])


def test_figures_and_regions_hold_across_a_whole_event() -> None:
    """A report without figures links to two that state other figures, and one without a
    region to two of other cities: neither pair of the two may end in one event."""
    figures = [_item("a", "央行开展500亿元逆回购操作"), _item("b", "央行开展逆回购操作"),
               _item("c", "央行开展2000亿元逆回购操作")]
    regions = [_item("a", "地铁新线开通运营", region=BEIJING), _item("b", "地铁新线开通运营"),
               _item("c", "地铁新线开通运营", region=SHANGHAI)]
    for items in (figures, regions):
        events_, members, _ = link_events(items)
        assert all(event.article_count == 2 for event in events_)
        assert not {"a", "c"} <= {m.article for m in members}


@pytest.mark.parametrize(
    ("regions", "name"),
    [
        pytest.param([NATIONAL, BEIJING], "北京市", id="national-holds-every-division"),
        pytest.param([BEIJING, DAXING], "北京市大兴区", id="the-most-specific"),
        pytest.param([BEIJING, SHANGHAI], None, id="regions-that-do-not-nest"),
    ],
)
def test_an_event_s_region(regions: list[tuple[str, str]], name: str | None) -> None:
    from extractor.corpus.events import _common_region

    members = [_item(str(n), "某事", region=r) for n, r in enumerate(regions)]
    assert _common_region(members)[0] == name


# The ``words`` rule (`corpus.rarity`): a morning brief and last evening's news, which share
# rare words (跨海, 隧道, 通车) in an order and a wording no rapidfuzz rule links, among
# other digests' reports that make the rest of their words common.
_OTHER_REPORTS = [
    _item(f"f{n}", f"某地第{n}批重点项目集中开工",
          body=f"某地第{n}批重点项目集中开工,总投资{n}0亿元。", series=f"某报{n}")
    for n in range(20)
]
_MORNING = "财经早餐2024年3月5日星期二"
_TUNNEL_DONE = _item("a", "某市首座跨海隧道全线贯通",
                  body="某市首座跨海隧道全线贯通,双向六车道,计划年内通车。", series=_MORNING)
_TUNNEL_NEWS = _item("b", "我国又一跨海隧道贯通 年内通车", "2024-03-04",
                   series="晚间新闻2024年3月4日")

# Two entries whose detail leads are one text (a ``words`` score near 80) and a third whose
# headline is like one of theirs (a ``headline`` score near 74).
_PROVINCE_LEAD = "某省今天发布推进低空经济发展若干措施,涵盖低空飞行服务保障体系和通用机场建设。"
_IN_BRIEF = EventItem("a", 1, "今日要闻一则", date="2024-03-05", series=_MORNING,
                      detail=_PROVINCE_LEAD)
_MEASURES = EventItem("b", 1, "某省多项举措齐发力", date="2024-03-04",
                      series="晚间新闻2024年3月4日", detail=_PROVINCE_LEAD)
_MEASURES_AGAIN = _item("c", "某省多措并举齐发力", series="周报")

# (the entries besides the other reports, the pairs of articles linked)
WORDS_CASES = [
    pytest.param([_TUNNEL_DONE, _TUNNEL_NEWS], [("a", "b", "words")], id="rare-words-in-common"),
    pytest.param([_TUNNEL_DONE], [], id="alone"),
    pytest.param([_TUNNEL_DONE, replace(_TUNNEL_NEWS, date="2024-03-03")], [],
                 id="two-days-apart"),
    # Within one series ``words`` links nothing; the rare words in common make a follow-up.
    pytest.param([_TUNNEL_DONE, replace(_TUNNEL_NEWS, series="财经早餐2024年3月4日星期一")],
                 [("a", "b", "follow-up")], id="one-series-on-two-days"),
    pytest.param([_TUNNEL_DONE, _TUNNEL_NEWS, replace(_TUNNEL_NEWS, seq=2)], [],
                 id="a-tie-in-the-other-article-decides-nothing"),
    pytest.param([_TUNNEL_DONE, _TUNNEL_NEWS,
                  _item("c", "某市首座跨海隧道全线贯通", "2024-03-06", series="周报")],
                 [("a", "c", "headline")], id="an-event-a-stronger-rule-made-is-not-extended"),
    pytest.param([_IN_BRIEF, _MEASURES], [("a", "b", "words")], id="one-detail-lead"),
    # A lead shorter than any sentence the other rules compare: only its weighted words
    # are in common, and the pair must not be skipped before they are read.
    pytest.param([replace(_IN_BRIEF, detail="跨海隧道贯通。"),
                  _item("b", "某市跨海隧道贯通", "2024-03-04", series="晚间新闻2024年3月4日")],
                 [("a", "b", "words")], id="a-short-lead-no-other-rule-reads"),
    pytest.param([_IN_BRIEF, _MEASURES, _MEASURES_AGAIN], [("b", "c", "headline")],
                 id="the-other-rules-come-first-whatever-the-scores"),
]


@pytest.mark.parametrize(("entries", "linked"), WORDS_CASES)
def test_the_words_rule(entries: list[EventItem], linked: list[tuple[str, str, str]]) -> None:
    links = link_events([*_OTHER_REPORTS, *entries])[2]
    assert [(link.article, link.linked_article, link.rule) for link in links] == linked


@pytest.mark.parametrize(("entries", "counted"), [
    pytest.param([replace(_TUNNEL_DONE, article=f"a{n}", date=f"2024-03-0{n}") for n in (4, 5)],
                 [], id="one-series"),
    pytest.param([_TUNNEL_DONE, _TUNNEL_NEWS], [1], id="two-series"),
])
def test_the_words_counts_are_read_only_where_the_corpus_holds_two_series(
    monkeypatch: pytest.MonkeyPatch, entries: list[EventItem], counted: list[int],
) -> None:
    """Cutting every detail lead into words is costly: a corpus of one series, where the
    ``words`` rule cannot link, never counts them."""
    read: list[int] = []
    counts = events._word_frequencies

    def counting(units: Iterable[EventItem]) -> DocumentFrequencies:
        read.append(1)
        return counts(units)

    monkeypatch.setattr(events, "_word_frequencies", counting)
    link_events(entries)
    assert read == counted
