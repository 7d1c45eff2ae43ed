"""Date extraction: every surface form, roles, year inference, negatives, invariants, speed.

Cases are written from varied digest sentences (2019-2026, many topics), not from the sample
article; the sample is checked end to end in test_entry_date.py.
"""

from __future__ import annotations

import itertools
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract.dates import (
    _DIGIT_GUARDS,
    _DISPATCH,
    _HEADS,
    _RULE_TABLE,
    _RULES,
    DateParts,
    _build,
    _candidates,
    _chosen,
    _master,
    _resolve_overlaps,
    _Rule,
    extract_dates,
    parse_cn_int,
    parse_date,
    parse_plan_period,
    parse_year,
)
from extractor.models import DateAnchor, DateMention

A2024 = DateAnchor(year=2024)
A2021_06_15 = DateAnchor(year=2021, month=6, day=15)
A2021_03_10 = DateAnchor(year=2021, month=3, day=10)


def _find(found: list[DateMention], surface: str) -> DateMention:
    hits = [m for m in found if m.text == surface]
    assert hits, f"{surface!r} not found in {[m.text for m in found]}"
    return hits[0]


# --- Surface forms: (text, anchor, surface, value, precision, value_start, value_end) --------
FORMS = [
    pytest.param("2019年11月8日,深圳市召开大会。", None, "2019年11月8日", "2019-11-08", "day",
                 "2019-11-08", "2019-11-08", id="ymd"),
    pytest.param("会议定于2026年2月28日闭幕。", None, "2026年2月28日", "2026-02-28", "day",
                 "2026-02-28", "2026-02-28", id="ymd-feb"),
    pytest.param("2024年2月29日,海南省印发方案。", None, "2024年2月29日", "2024-02-29", "day",
                 "2024-02-29", "2024-02-29", id="ymd-leap-day"),
    pytest.param("新规于2021年7月1日上午正式生效。", None, "2021年7月1日上午", "2021-07-01",
                 "day", "2021-07-01", "2021-07-01", id="ymd-time-of-day"),
    pytest.param("活动于2022年5月3号举办。", None, "2022年5月3号", "2022-05-03", "day",
                 "2022-05-03", "2022-05-03", id="ymd-hao"),
    pytest.param("2008年 3月14日中午,某地发生事件。", None, "2008年 3月14日中午", "2008-03-14",
                 "day", "2008-03-14", "2008-03-14", id="ymd-blank-after-year"),
    pytest.param("2019年　11月,某省出台政策。", None, "2019年　11月", "2019-11", "month",
                 "2019-11-01", "2019-11-30", id="ym-ideographic-blank-after-year"),
    pytest.param("措施自 2024 年 12 月 18 日起施行。", None, "2024 年 12 月 18 日", "2024-12-18",
                 "day", "2024-12-18", "2024-12-18", id="ymd-blanks-around-digits"),
    pytest.param("截至 2023 年底,企业超过 2000 家。", None, "2023 年底", "2023", "year",
                 "2023-01-01", "2023-12-31", id="y-end-blank-after-digits"),
    pytest.param("2020年9月,浙江出台政策。", None, "2020年9月", "2020-09", "month",
                 "2020-09-01", "2020-09-30", id="ym"),
    pytest.param("2024年2月数据显示", None, "2024年2月", "2024-02", "month",
                 "2024-02-01", "2024-02-29", id="ym-leap-feb"),
    pytest.param("2023年2月数据显示", None, "2023年2月", "2023-02", "month",
                 "2023-02-01", "2023-02-28", id="ym-common-feb"),
    pytest.param("2021年12月底,全省完成改造。", None, "2021年12月底", "2021-12", "month",
                 "2021-12-01", "2021-12-31", id="ym-end-of-month"),
    pytest.param("本项目自2019年开始建设", None, "2019年", "2019", "year",
                 "2019-01-01", "2019-12-31", id="y"),
    pytest.param("2022年度考核结果", None, "2022年度", "2022", "year",
                 "2022-01-01", "2022-12-31", id="y-fiscal"),
    pytest.param("3月5日,国务院办公厅印发通知。", A2024, "3月5日", "2024-03-05", "day",
                 "2024-03-05", "2024-03-05", id="md-anchor-year"),
    pytest.param("二〇二三年一月三日", None, "二〇二三年一月三日", "2023-01-03", "day",
                 "2023-01-03", "2023-01-03", id="cn-ymd"),
    pytest.param("二〇一九年十二月三十一日", None, "二〇一九年十二月三十一日", "2019-12-31",
                 "day", "2019-12-31", "2019-12-31", id="cn-ymd-31"),
    pytest.param("二零二五年十月", None, "二零二五年十月", "2025-10", "month",
                 "2025-10-01", "2025-10-31", id="cn-ym-ling"),
    pytest.param("2023年一月起步", None, "2023年一月", "2023-01", "month",
                 "2023-01-01", "2023-01-31", id="mixed-year-cn-month"),
    pytest.param("三月十五日举行", A2024, "三月十五日", "2024-03-15", "day",
                 "2024-03-15", "2024-03-15", id="cn-md"),
    pytest.param("发布时间:2022-08-08", None, "2022-08-08", "2022-08-08", "day",
                 "2022-08-08", "2022-08-08", id="dash-date"),
    pytest.param("更新于2021.3.9", None, "2021.3.9", "2021-03-09", "day",
                 "2021-03-09", "2021-03-09", id="dot-date"),
    pytest.param("截图 2020/12/01 拍摄", None, "2020/12/01", "2020-12-01", "day",
                 "2020-12-01", "2020-12-01", id="slash-date"),
    pytest.param("《广州市数字经济规划(2022-2024年)》", None, "2022-2024年", "2022", "year",
                 "2022-01-01", "2024-12-31", id="range-y-paren"),
    pytest.param("实施期为2023年至2025年。", None, "2023年至2025年", "2023", "year",
                 "2023-01-01", "2025-12-31", id="range-y-zhi"),
    pytest.param("2021—25年期间", None, "2021—25年", "2021", "year",
                 "2021-01-01", "2025-12-31", id="range-y-two-digit-end"),
    pytest.param("合肥产业规划(2023-2028)正式发布", None, "2023-2028", "2023", "year",
                 "2023-01-01", "2028-12-31", id="range-y-bare-paren"),
    pytest.param("低空经济发展规划2024—2027年", None, "2024—2027年", "2024", "year",
                 "2024-01-01", "2027-12-31", id="range-y-emdash"),
    pytest.param("行动计划2023—2028正式实施", None, "2023—2028", "2023", "year",
                 "2023-01-01", "2028-12-31", id="range-y-bare-after-plan-word"),
    pytest.param("2022年12月至2023年2月", None, "2022年12月至2023年2月", "2022-12", "month",
                 "2022-12-01", "2023-02-28", id="range-ym-cross-year"),
    pytest.param("展会于2024年9月10日至12日举办", None, "2024年9月10日至12日", "2024-09-10",
                 "day", "2024-09-10", "2024-09-12", id="range-ymd-days"),
    pytest.param("在“十四五”期间", None, "“十四五”期间", "2021", "year",
                 "2021-01-01", "2025-12-31", id="plan-14-quoted"),
    pytest.param("十四五时期的重点", None, "十四五时期", "2021", "year",
                 "2021-01-01", "2025-12-31", id="plan-14-shiqi"),
    pytest.param("谋划十五五重大项目", None, "十五五", "2026", "year",
                 "2026-01-01", "2030-12-31", id="plan-15-bare"),
    pytest.param("“十三五”以来", None, "“十三五”以来", "2016", "year",
                 "2016-01-01", "2020-12-31", id="plan-13"),
    pytest.param("到2025年,建成50个基地", None, "到2025年", "2025", "year",
                 "2025-01-01", "2025-12-31", id="deadline-dao"),
    pytest.param("至2026年底全面完成", None, "至2026年底", "2026", "year",
                 "2026-01-01", "2026-12-31", id="deadline-zhi-end"),
    pytest.param("2025年前完成全部改造", None, "2025年前", "2025", "year",
                 "2025-01-01", "2025-12-31", id="deadline-before"),
    pytest.param("到2024年末实现全覆盖", None, "到2024年末", "2024", "year",
                 "2024-01-01", "2024-12-31", id="deadline-dao-mo"),
    pytest.param("到2022年6月底前完成", None, "到2022年6月底前", "2022-06", "month",
                 "2022-06-01", "2022-06-30", id="deadline-month"),
    pytest.param("1-7月份,全省规上工业增加值增长", A2024, "1-7月份", "2024-01", "month",
                 "2024-01-01", "2024-07-31", id="stat-months"),
    pytest.param("2021年1—11月,出口增长", None, "2021年1—11月", "2021-01", "month",
                 "2021-01-01", "2021-11-30", id="stat-year-months"),
    pytest.param("前三季度,GDP增长5.2%", A2024, "前三季度", "2024-01", "month",
                 "2024-01-01", "2024-09-30", id="stat-first-three-quarters"),
    pytest.param("一季度全市新增", DateAnchor(year=2019), "一季度", "2019-01", "month",
                 "2019-01-01", "2019-03-31", id="stat-q1"),
    pytest.param("2022年第四季度", None, "2022年第四季度", "2022-10", "month",
                 "2022-10-01", "2022-12-31", id="stat-year-q4"),
    pytest.param("上半年,全国网上零售额", A2024, "上半年", "2024-01", "month",
                 "2024-01-01", "2024-06-30", id="stat-h1"),
    pytest.param("2020年下半年", None, "2020年下半年", "2020-07", "month",
                 "2020-07-01", "2020-12-31", id="stat-h2"),
    pytest.param("2023年全年,全市实现", None, "2023年全年", "2023", "year",
                 "2023-01-01", "2023-12-31", id="stat-full-year"),
    pytest.param("前两个月,销量下降", A2024, "前两个月", "2024-01", "month",
                 "2024-01-01", "2024-02-29", id="stat-first-two-months"),
    pytest.param("截至2022年底,全国累计建成", None, "截至2022年底", "2022", "year",
                 "2022-01-01", "2022-12-31", id="as-of-end-of-year"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "anchor", "surface", "value", "precision", "v_start", "v_end"), FORMS
)
def test_surface_forms(
    text: str,
    anchor: DateAnchor | None,
    surface: str,
    value: str | None,
    precision: str | None,
    v_start: str | None,
    v_end: str | None,
) -> None:
    """Each form is found with its exact surface, value, precision and covered range."""
    found = extract_dates(text, 0, anchor)
    if value is None:
        assert all(m.text != surface for m in found)
        return
    m = _find(found, surface)
    assert (m.value, m.precision, m.value_start, m.value_end) == (value, precision, v_start, v_end)


# --- Roles: (text, anchor, surface, role) ---------------------------------------------------
ROLES = [
    # An event right after 自 + date starts on that date; works finished on a day are dated.
    pytest.param("该工程自4月份开工建设,总投资850万元。", A2024, "4月份", "own",
                 id="from-a-date-an-event"),
    pytest.param("本办法自2024年1月1日起施行。", None, "2024年1月1日", "period",
                 id="from-a-date-a-validity"),
    pytest.param("全市120个项目于12月4日全部完成。", A2024, "12月4日", "own",
                 id="works-finished-on-a-day"),
    pytest.param("项目计划于2025年6月全部完成。", A2024, "2025年6月", "other",
                 id="works-to-be-finished-are-a-plan"),
    pytest.param("于2018年建成的大桥迎来车流。", A2024, "2018年", "other",
                 id="works-finished-describing-a-thing"),
    # Issue 17: a range of days over which a total is counted is a statistics period; a
    # range an event lasts is not.
    pytest.param("1月7日至21日,春运15天,累计发送旅客近1亿人次。", A2024, "1月7日至21日",
                 "statistics", id="range-of-a-total"),
    pytest.param("3月5日至8日,博览会在京举行。", A2024, "3月5日至8日", "own",
                 id="range-of-an-event"),
    pytest.param("2021年4月2日,广东省发布实施意见。", None, "2021年4月2日", "own",
                 id="dateline"),
    pytest.param("标题\n  2019年8月1日 甘肃召开推进会", None, "2019年8月1日", "own",
                 id="dateline-after-newline"),
    pytest.param("据悉,国家发展改革委于2022年1月18日印发通知。", None, "2022年1月18日", "own",
                 id="verb-after"),
    pytest.param("新华社北京3月5日电 记者获悉", A2024, "3月5日", "own", id="news-dateline"),
    # Issue 13: an item opening with the day an event starts ("N日起") is dated by it; the
    # start of a rule's validity is not.
    pytest.param("早报\n22日起,一股冷空气将带来大风降温天气。", A2024, "22日", "own",
                 id="event-starts-on-day-opening-line"),
    pytest.param("早报\n从5月2日起,暴雨持续影响华南地区。", A2024, "5月2日", "own",
                 id="cong-event-start-opening-line"),
    pytest.param("早报\n1月1日起,新版目录正式施行。", A2024, "1月1日", "period",
                 id="validity-start-opening-line"),
    pytest.param("早报\n7月1日起,市民可在线申领补贴。", A2024, "7月1日", "period",
                 id="rule-modal-after-start"),
    pytest.param("某地冷空气22日起将带来降温。", A2024, "22日", "period",
                 id="start-mid-sentence-stays-period"),
    pytest.param("发布日期：2020年10月9日", None, "2020年10月9日", "own", id="label"),
    pytest.param("2025年,西安发布了数据要素方案", None, "2025年", "own", id="year-comma-verb"),
    pytest.param("这一政策于2019年出台,", None, "2019年", "own", id="year-verb-direct"),
    pytest.param("2023年,全市经济保持增长", None, "2023年", "other", id="year-comma-no-verb"),
    pytest.param("长沙召开2024年招商大会暨签约仪式", None, "2024年", "other",
                 id="year-in-event-name"),
    pytest.param("2022年(第三届)数字峰会在福州举行", None, "2022年", "other",
                 id="year-paren-edition"),
    pytest.param("活动发布了《2022年中国工业互联网图谱》", None, "2022年", "other",
                 id="year-in-title"),
    pytest.param("正式发布《2024年3月5日会议纪要》", None, "2024年3月5日", "other",
                 id="date-in-title-never-own"),
    pytest.param("印发《成都市行动计划(2022-2025年)》", None, "2022-2025年", "period",
                 id="period-in-title"),
    pytest.param("在“十四五”期间,新建基站", None, "“十四五”期间", "period", id="plan-period"),
    pytest.param("本办法自2024年3月1日起施行。", None, "2024年3月1日", "period",
                 id="validity-start"),
    pytest.param("到2025年,全省数字经济规模达到3万亿元", None, "到2025年", "deadline",
                 id="deadline-dao"),
    pytest.param("力争在2026年将本市建成枢纽", None, "2026年", "deadline", id="deadline-lizheng"),
    pytest.param("截至2023年6月底,累计发放", None, "截至2023年6月底", "statistics",
                 id="as-of-statistics"),
    pytest.param("1-5月份,全市固定资产投资", A2024, "1-5月份", "statistics", id="stat-months"),
    pytest.param("3-5月开展专项整治", A2024, "3-5月", "period", id="month-range-not-jan"),
    pytest.param("2020年疫情暴发以后", None, "2020年", "other", id="background-year"),
    pytest.param("8月12日,天气晴好,游客众多。", A2024, "8月12日", "own",
                 id="line-start-dateline-without-verb"),
    pytest.param("市场在8月12日出现波动", A2024, "8月12日", "other", id="mid-text-no-verb"),
    pytest.param("工信部近日发布指南", A2024, "近日", "own", id="recent-verb"),
    pytest.param("要闻\n当地时间9日,欧盟委员会公布草案", A2024, "9日", "own",
                 id="dateline-after-time-zone-label"),
    pytest.param("美元指数在美东时间9日走弱", A2024, "9日", "other",
                 id="time-zone-label-mid-sentence"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "anchor", "surface", "role"), ROLES)
def test_roles(text: str, anchor: DateAnchor | None, surface: str, role: str) -> None:
    """Roles follow the rule and the neighbourhood (dateline, verb, 《》, 到/截至)."""
    assert _find(extract_dates(text, 0, anchor), surface).role == role


# --- Year and month from context: (text, anchor, surface, value) ----------------------------
CONTEXT = [
    pytest.param("2022年3月1日,杭州召开会议;3月5日,宁波召开会议。", None, "3月5日",
                 "2022-03-05", id="md-year-from-earlier-date"),
    pytest.param("5月9日,会议召开。", DateAnchor(year=2020), "5月9日", "2020-05-09",
                 id="md-year-from-anchor"),
    pytest.param("2021年4月7日,武汉开幕;9日上午,举行签约。", None, "9日上午", "2021-04-09",
                 id="day-only-from-earlier-date"),
    pytest.param("15日,峰会闭幕。", A2021_06_15, "15日", "2021-06-15",
                 id="day-only-from-anchor"),
    pytest.param("2020年,工作启动;次月,10月8日召开。", DateAnchor(year=2024), "10月8日",
                 "2020-10-08", id="md-after-adverbial-year"),
    pytest.param("长沙召开2019年招商大会。10月8日签约。", DateAnchor(year=2024), "10月8日",
                 "2024-10-08", id="name-year-is-no-context"),
    pytest.param("《2019年工作要点》提出,10月8日前完成。", DateAnchor(year=2024), "10月8日",
                 "2024-10-08", id="title-year-is-no-context"),
    pytest.param("2019年,北京启动试点。同年,上海跟进。", None, "同年", "2019",
                 id="same-year"),
    pytest.param("交易所决定4月8日调整规则\n深交所6日宣布", A2021_03_10, "6日",
                 "2021-03-06", id="future-date-is-no-context"),
    pytest.param("交易所3月2日调整规则\n深交所6日宣布", A2021_03_10, "6日",
                 "2021-03-06", id="past-date-is-context"),
    pytest.param("交易所2月2日调整规则,6日宣布", A2021_03_10, "6日",
                 "2021-02-06", id="earlier-month-is-context"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "anchor", "surface", "value"), CONTEXT)
def test_context_completion(text: str, anchor: DateAnchor | None, surface: str, value: str) -> None:
    """Year-less dates take the year from the nearest earlier full date, then the anchor."""
    assert _find(extract_dates(text, 0, anchor), surface).value == value


# --- Relative dates: (text, anchor, surface, value or None) ---------------------------------
RELATIVE = [
    pytest.param("今年,全市GDP增长", A2021_06_15, "今年", "2021", id="this-year"),
    pytest.param("去年同期", A2021_06_15, "去年", "2020", id="last-year"),
    pytest.param("明年将全面推广", A2021_06_15, "明年", "2022", id="next-year"),
    pytest.param("前年建成", A2021_06_15, "前年", "2019", id="year-before-last"),
    pytest.param("上月出台", DateAnchor(year=2021, month=1), "上月", "2020-12",
                 id="last-month-cross-year"),
    pytest.param("下个月举行", A2021_06_15, "下个月", "2021-07", id="next-month"),
    pytest.param("今天上午发布", A2021_06_15, "今天", "2021-06-15", id="today"),
    pytest.param("昨日召开", DateAnchor(year=2024, month=3, day=1), "昨日", "2024-02-29",
                 id="yesterday-leap"),
    pytest.param("近日印发", A2021_06_15, "近日", "2021-06", id="recently-month"),
    pytest.param("日前公布", A2024, "日前", "2024", id="recently-year-only-anchor"),
    pytest.param("去年12月5日,市政府印发", A2021_06_15, "去年12月5日", "2020-12-05",
                 id="last-year-md"),
    pytest.param("今年上半年,出口增长", A2021_06_15, "今年上半年", "2021-01", id="this-year-h1"),
    pytest.param("近日印发", None, "近日", None, id="recently-no-anchor"),
    pytest.param("去年同期", None, "去年", None, id="last-year-no-anchor"),
    pytest.param("上月出台", A2024, "上月", None, id="last-month-year-only-anchor"),
    pytest.param("5月9日,会议召开。", None, "5月9日", None, id="md-no-context"),
    pytest.param("9日上午,举行签约。", A2024, "9日上午", None, id="day-only-no-month"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "anchor", "surface", "value"), RELATIVE)
def test_relative_and_unknown(
    text: str, anchor: DateAnchor | None, surface: str, value: str | None
) -> None:
    """Relative words resolve against the anchor only; without one the value is null with a
    reason (never today's date)."""
    m = _find(extract_dates(text, 0, anchor), surface)
    assert m.value == value
    if value is None:
        assert m.reason and m.precision is None and m.value_start is None
    else:
        assert m.reason is None


# --- Negatives: (text, surface that must NOT be a date mention) -----------------------------
NEGATIVE = [
    pytest.param("投资2000亿元建设", "2000", id="money-not-year"),
    pytest.param("新增2019家企业", "2019", id="count-not-year"),
    pytest.param("规模2000-3000亿元", "2000-3000", id="money-range-not-years"),
    pytest.param("补贴2019-2025家", "2019-2025", id="count-range-not-years"),
    pytest.param("型号2023-2028批次已售罄", "2023-2028", id="bare-range-without-context"),
    pytest.param("编号为20230301的文件", "2023", id="long-number"),
    pytest.param("共12023年", "2023年", id="digits-before-year"),
    pytest.param("五千年文明,5000年历史", "5000年", id="duration-out-of-range"),
    pytest.param("20世纪80年代,2020年代", "2020年", id="decade"),
    pytest.param("须在30日内答复", "30日", id="within-days"),
    pytest.param("近30日成交额", "30日", id="last-30-days"),
    pytest.param("每月15日发放", "15日", id="monthly-day"),
    pytest.param("项目为期3个月", "3个月", id="duration-months"),
    pytest.param("0.5月的周期", "5月", id="decimal-month"),
    pytest.param("第3月起", "3月", id="ordinal-month"),
    pytest.param("五月天演唱会", "五月", id="cn-month-alone"),
    pytest.param("十四五个人参加", "十四五", id="fourteen-or-fifteen-people"),
    pytest.param("九五之尊", "九五", id="idiom-not-plan"),
    pytest.param("十五日内", "十五", id="fifteen-days"),
    pytest.param("2025年前后", "2025年前", id="around-not-deadline"),
    pytest.param("2023年初步建成", "2023年初", id="chubu-not-early-year"),
    pytest.param("2022年中国数字经济", "2022年中", id="zhongguo-not-midyear"),
    pytest.param("节日前后客流", "日前", id="holiday-not-recently"),
    pytest.param("不同年份的数据", "同年", id="butong-not-same-year"),
    pytest.param("全年实现", "全年", id="bare-full-year"),
    pytest.param("版本2023.13.1", "2023.13.1", id="dot-date-bad-month"),
    pytest.param("2023-02-30", "2023-02-30", id="dash-date-bad-day"),
    pytest.param("2023年2月30日", "2023年2月30日", id="cn-date-bad-day"),
    pytest.param("2025-2023年", "2025-2023年", id="reversed-range"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "surface"), NEGATIVE)
def test_negative(text: str, surface: str) -> None:
    """Numbers, durations, names and idioms that look like dates are not date mentions."""
    assert surface not in [m.text for m in extract_dates(text, 0, A2024)]


SEPARATE_YEARS = [
    pytest.param("2007年和2012年", ["2007年", "2012年"], id="he-two-years"),
    pytest.param("2019年、2021年两次修订", ["2019年", "2021年"], id="dunhao-two-years"),
    pytest.param("2023年(首届)峰会", ["2023年"], id="first-edition"),
    pytest.param("2023年 是兔年", ["2023年"], id="blank-before-no-month"),
    pytest.param("2022年、2023年和2024年", ["2022年", "2023年", "2024年"], id="three-years"),
]


@pytest.mark.parametrize(("text", "surfaces"), SEPARATE_YEARS)
def test_listed_years_stay_separate(text: str, surfaces: list[str]) -> None:
    """Only range separators (-, —, 至) make a range; 和 and 、 list separate years."""
    found = extract_dates(text)
    assert [m.text for m in found] == surfaces
    assert all(m.value_start == f"{m.value}-01-01" for m in found)
    assert all(m.value_end == f"{m.value}-12-31" for m in found)


def test_offsets_are_shifted_by_base() -> None:
    """`base` is the text's position in the article: spans point into the article."""
    article = "前言。\n2021年5月8日,福州召开会议。"
    base = article.index("2021")
    found = extract_dates(article[base:], base)
    assert [(m.start, m.end) for m in found] == [(base, base + 9)]
    assert article[found[0].start : found[0].end] == found[0].text


def test_overlap_prefers_longest_then_earliest() -> None:
    """"到2025年" beats the "2025年" inside it; "2023年至2025年" beats "至2025年"."""
    found = extract_dates("到2025年;2023年至2025年")
    assert [m.text for m in found] == ["到2025年", "2023年至2025年"]


def test_anchor_never_defaults_to_today() -> None:
    """Without an anchor, year-less and relative dates stay null, whatever the clock says."""
    found = extract_dates("今天,3月5日和15日")
    assert [m.value for m in found] == [None, None, None]


# --- Pattern table hygiene -----------------------------------------------------------------
@pytest.mark.parametrize(("rule", "pattern"), [pytest.param(r, p, id=r) for r, p in _RULES])
def test_rule_patterns_never_match_empty(rule: str, pattern: str) -> None:
    """A rule that can match the empty string would loop or flood the output."""
    assert re.compile(pattern).fullmatch("") is None


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.name) for r in _RULE_TABLE])
def test_every_rule_reads_its_own_example(rule: _Rule) -> None:
    """Issue 13: one rule, one record; the record's example is read by that very rule."""
    found = extract_dates(rule.example, 0, DateAnchor(year=2024, month=6, day=1))
    assert rule.name in [m.rule for m in found]


def test_the_digit_guards_are_exclusive() -> None:
    """At most one digit guard holds at a position, so a run tries one entry's rules."""
    samples = ["2023年", "2023-", "2023.", "3月", "12月", "16年", "1-", "1季", "1.", "15日"]
    for sample in samples:
        held = [g for g in _DIGIT_GUARDS if re.match(g, sample)]
        assert len(held) == 1, (sample, held)


def test_rule_names_are_unique() -> None:
    """Each rule has one name, a head class for dispatch, and a group in the master pattern."""
    names = [r for r, _ in _RULES]
    assert len(names) == len(set(names))
    assert set(_master().groupindex) >= set(names)
    assert set(_HEADS) == set(names)
    assert all(h and set(h) <= set("dcw") for h in _HEADS.values())


# --- parse_* helpers ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("s", "value"),
    [("9", 9), ("十", 10), ("十九", 19), ("二十", 20), ("三十一", 31), ("百", None), ("", None)],
)
def test_parse_cn_int(s: str, value: int | None) -> None:
    assert parse_cn_int(s) == value


@pytest.mark.parametrize(
    ("s", "value"), [("2026", 2026), ("二〇二六", 2026), ("1899", None), ("2100", None)]
)
def test_parse_year(s: str, value: int | None) -> None:
    assert parse_year(s) == value


@pytest.mark.parametrize(
    ("s", "years"), [("十一五", (2006, 2010)), ("十六五", (2031, 2035)), ("五五", None)]
)
def test_parse_plan_period(s: str, years: tuple[int, int] | None) -> None:
    assert parse_plan_period(s) == years


def test_parse_date_rejects_partial_cover() -> None:
    """parse_date normalizes one expression, not a sentence with a date in it."""
    assert parse_date("2021年3月5日召开") is None
    m = parse_date("2021年3月5日")
    assert m is not None and m.value == "2021-03-05"


# --- Invariants ------------------------------------------------------------------------------
_DATEY = st.sampled_from(
    [
        *"0123456789年月日号-—.至到前底末季度半上下全今去明近十四五〇一二三《》(),，、\n “”",
        *["2023", "2025年", "十四五", "截至", "日前", "亿元", "期间", "发布", "上个月", "第"],
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.text(max_size=60), st.lists(_DATEY, max_size=30).map("".join)),
    st.integers(min_value=0, max_value=10_000),
    st.one_of(st.none(), st.builds(DateAnchor, year=st.integers(1900, 2099))),
)
def test_invariants(text: str, base: int, anchor: DateAnchor | None) -> None:
    """Any text: no exception, spans hold, ranges are ordered, null values carry a reason."""
    found = extract_dates(text, base, anchor)
    for m in found:
        assert text[m.start - base : m.end - base] == m.text
        assert m.end > m.start
        if m.value_start is not None and m.value_end is not None:
            assert m.value_start <= m.value_end
            assert m.value is not None and m.value_start.startswith(m.value)
        if m.value is None:
            assert m.reason
    starts = [m.start for m in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    for m in found:
        assert DateMention.model_validate(m.model_dump()) == m


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATEY, max_size=30).map("".join))
def test_trigger_scan_finds_every_rule_start(text: str) -> None:
    """The trigger pre-scan and head dispatch find the same mentions as trying `_master()` at
    every position: the trigger tables and the rule table cannot drift apart silently."""
    brute: list[DateParts] = []
    for pos in range(len(text)):
        mt = _master().match(text, pos)
        if mt is not None:
            groups = {
                k.split("__", 1)[1]: v
                for k, v in mt.groupdict().items()
                if k.startswith((mt.lastgroup or "") + "__")
            }
            cand = _build(text, mt.lastgroup or "", groups, mt.start(), mt.end())
            if cand is not None:
                brute.append(cand)
    # Raw candidates may differ only inside a word trigger ("至2025年" within "截至2025年"),
    # which the overlap policy always drops; the resolved mentions must be identical.
    fast = [(c.start, c.end, c.rule) for c in _resolve_overlaps(_candidates(text))]
    assert fast == [(c.start, c.end, c.rule) for c in _resolve_overlaps(brute)]


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATEY, max_size=30).map("".join))
def test_lazy_overlap_policy_matches_the_eager_one(text: str) -> None:
    """`_chosen` builds only the candidates the overlap policy can keep; it must keep exactly
    what resolving all built candidates keeps, with the same parts."""
    assert _chosen(text) == _resolve_overlaps(_candidates(text))


@pytest.mark.parametrize(
    "text",
    [
        "2023年3月5日至2024年1月2日",
        "“十四五”期间和十四五末",
        "“十四五规划",
        "到2025年底前",
        "1-7月份",
    ],
)
def test_lazy_overlap_policy_on_overlapping_mentions(text: str) -> None:
    assert _chosen(text) == _resolve_overlaps(_candidates(text))


def test_scan_dispatch_tries_every_rule_of_its_head() -> None:
    """The digit dispatch splits the "d" rules by run length and the character after the run;
    together its entries must try every rule that can start with a digit, and the other heads
    every rule of theirs."""
    digit, numeral, word = ({r for _, names in guards for r in names} for _, guards in _DISPATCH)
    assert digit == {r for r, h in _HEADS.items() if "d" in h}
    assert numeral == {r for r, h in _HEADS.items() if "c" in h}
    assert word == {r for r, h in _HEADS.items() if "w" in h}


# --- Speed ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        pytest.param("1" * 100_000, 1.0, id="digits"),
        pytest.param("十" * 100_000, 1.0, id="cn-ten"),
        pytest.param("2023-" * 20_000, 1.0, id="dashes"),
        pytest.param("近日前" * 30_000, 4.0, id="word-triggers"),  # 30,000 mentions
        # Real mentions (20,000-30,000): bounded by per-mention work; quadratic takes minutes.
        pytest.param("2023年" * 20_000, 4.0, id="years"),
    ],
)
def test_pathological_input_is_linear(text: str, seconds: float) -> None:
    """Bounded patterns only: 100,000 characters of bait finish in about a second. CPU time,
    not wall time: other processes on a loaded machine must not fail the test."""
    t0 = time.process_time()
    extract_dates(text)
    assert time.process_time() - t0 < seconds


WEEKDAY_CASES = [
    pytest.param("本周一,海关总署发布数据", "2025-01-13", id="this-monday"),
    pytest.param("上周五召开会议", "2025-01-10", id="last-friday"),
    pytest.param("下周日开幕", "2025-01-26", id="next-sunday"),
]


@pytest.mark.parametrize(("text", "value"), WEEKDAY_CASES)
def test_weekday_of_the_anchor_week(text: str, value: str) -> None:
    """A digest dated Friday 2025-01-17: 本周一 is that week's Monday."""
    (mention,) = extract_dates(text, 0, DateAnchor(year=2025, month=1, day=17))
    assert mention.value == value


@pytest.mark.parametrize("text", ["每周一例会", "本周末", "周一至周五"])
def test_weekday_words_that_are_not_dates(text: str) -> None:
    assert extract_dates(text, 0, DateAnchor(year=2025, month=1, day=17)) == []


def test_weekday_without_an_anchor_day_is_null_with_a_reason() -> None:
    (mention,) = extract_dates("本周一发布", 0, DateAnchor(year=2025))
    assert mention.value is None and mention.reason


@pytest.mark.parametrize(
    ("anchor", "value"),
    [
        pytest.param(DateAnchor(year=2024, month=11, day=5), "2025-01-20", id="wraps-forward"),
        pytest.param(DateAnchor(year=2025, month=3, day=1), "2025-01-20", id="same-year"),
        pytest.param(DateAnchor(year=2025, month=12, day=28), "2026-01-20", id="december"),
    ],
)
def test_year_less_date_takes_the_year_nearest_the_anchor(anchor: DateAnchor, value: str) -> None:
    (mention,) = extract_dates("1月20日,延边州发布方案", 0, anchor)
    assert mention.value == value


@pytest.mark.parametrize("verb", ["表示", "介绍", "透露", "披露"])
def test_statement_verbs_make_a_day_the_entry_date(verb: str) -> None:
    (mention,) = extract_dates(f"商务部新闻发言人15日{verb},将出台政策", 0,
                               DateAnchor(year=2025, month=1, day=17))
    assert (mention.value, mention.role) == ("2025-01-15", "own")


@pytest.mark.parametrize("text", ["7月以来,多国启动光伏招标", "2023年以来,累计投资超过100亿元"])
def test_since_is_a_period_not_the_event(text: str) -> None:
    mentions = extract_dates(text, 0, DateAnchor(year=2024, month=7, day=20))
    assert [m.role for m in mentions] == ["period"]


@pytest.mark.parametrize(
    ("text", "value"),
    [pytest.param("时间:1.21\n内容:成立工作组", "2020-01-21", id="labelled-month-day"),
     pytest.param("日期:12.11", "2020-12-11", id="date-label"),
     pytest.param("时间： 1.21 地点：北京", "2020-01-21", id="blank-after-colon"),
     pytest.param("日期:\t3.5，会议", "2020-03-05", id="tab-after-colon")],
)
def test_month_dot_day_after_a_date_label(text: str, value: str) -> None:
    (mention,) = extract_dates(text, 0, DateAnchor(year=2020))
    assert mention.value == value


@pytest.mark.parametrize("text", ["利率下调1.21个百分点", "增长1.21倍", "版本1.21发布"])
def test_month_dot_day_elsewhere_is_a_decimal(text: str) -> None:
    assert extract_dates(text, 0, DateAnchor(year=2020)) == []


def test_a_counted_year_does_not_set_the_year_of_a_later_day() -> None:
    """"2023年签约项目超过40个。1月15日,万科披露" in a digest dated January 2024."""
    mentions = extract_dates("2023年签约项目超过40个。1月15日,万科集团披露", 0,
                             DateAnchor(year=2024, month=1, day=20))
    assert [m.value for m in mentions] == ["2023", "2024-01-15"]


RELATIVE_DAY_CASES = [
    pytest.param("昨天,九江市召开会议", "2024-06-04", id="yesterday"),
    pytest.param("前天上午,市政府发布通知", "2024-06-03", id="day-before-yesterday"),
    pytest.param("今天上午8时,全市启动演练", "2024-06-05", id="today"),
]


@pytest.mark.parametrize(("text", "value"), RELATIVE_DAY_CASES)
def test_relative_days_count_from_the_digest_date(text: str, value: str) -> None:
    (mention,) = extract_dates(text, 0, DateAnchor(year=2024, month=6, day=5))
    assert (mention.value, mention.precision) == (value, "day")


@pytest.mark.parametrize("text", ["目前天气晴好", "此前天津市发布通知"])
def test_qiantian_inside_other_words_is_not_a_date(text: str) -> None:
    assert extract_dates(text, 0, DateAnchor(year=2024, month=6, day=5)) == []
