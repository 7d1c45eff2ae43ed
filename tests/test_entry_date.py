"""The entry's own date: dateline first, then own-role dates; conflicts are reported; the
anchor carried from entry to entry; the sample article against its gold dates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor.extract.dates import extract_dates
from extractor.models import DateAnchor, EntrySpan
from extractor.resolve.dates import choose_entry_date, next_anchor, title_anchor

SAMPLE = Path(__file__).parent / "data" / "sample" / "000_083a9808acf37448.txt"
GOLD = SAMPLE.with_suffix(".gold.json")


def _entry(headline: str, body: str, anchor: DateAnchor | None = None) -> tuple[str, EntrySpan]:
    """An article holding one entry "01\\nheadline\\nbody" and its span."""
    text = f"01\n{headline}\n{body}\n"
    hs = 3
    he = hs + len(headline)
    bs = he + 1
    be = bs + len(body)
    span = EntrySpan(
        seq=1, no=1, start=0, end=len(text), headline_start=hs, headline_end=he,
        body_start=bs, body_end=be,
    )  # fmt: skip
    return text, span


def _choose(headline: str, body: str, anchor: DateAnchor | None) -> tuple[str | None, list[str]]:
    text, span = _entry(headline, body)
    dates = extract_dates(text[span.start : span.end], span.start, anchor)
    value, notices = choose_entry_date(text, span, dates)
    return value, [n.code for n in notices]


# (headline, body, anchor, expected date, expected notice codes)
ENTRY_DATES = [
    pytest.param("广州发布低空经济方案", "2024年5月20日,广州市政府印发方案。", None,
                 "2024-05-20", [], id="body-dateline"),
    pytest.param("西安出台数据条例", "【2022年9月1日】西安市人大常委会通过条例。", None,
                 "2022-09-01", [], id="dateline-in-brackets"),
    pytest.param("福建召开推进会", "2021年3月,福建省召开数字经济推进会。", None,
                 "2021-03", [], id="month-dateline"),
    pytest.param("天津举办博览会", "记者获悉,天津于2019年6月28日举办博览会。", None,
                 "2019-06-28", [], id="own-verb-in-body"),
    pytest.param("杭州发布新政", "8月3日,杭州市政府发布若干措施。", DateAnchor(year=2020),
                 "2020-08-03", [], id="year-from-anchor"),
    pytest.param("2026年,合肥发布了量子产业规划", "2023年2月14日,合肥高新区发布规划。", None,
                 "2023-02-14", ["headline_date_conflict"], id="headline-year-conflict"),
    pytest.param("2021年郑州市政府工作报告", "2021年1月20日,郑州市政府工作报告提出。", None,
                 "2021-01-20", [], id="headline-same-year-in-name"),
    pytest.param("《2019年数字经济白皮书》发布", "2020年4月1日,研究院发布白皮书。", None,
                 "2020-04-01", [], id="headline-title-year-is-no-conflict"),
    pytest.param("到2025年,南京算力规模翻番", "2023年7月4日,南京市印发行动方案。", None,
                 "2023-07-04", [], id="headline-deadline-is-no-conflict"),
    pytest.param("2022年,重庆发布了汽车产业政策", "重庆市经信委表示,政策将分批落地。", None,
                 "2022", [], id="headline-own-year-when-body-has-none"),
    pytest.param("长沙推进数字政府建设", "到2025年,长沙将建成一体化平台。", None,
                 None, [], id="deadline-only-is-null"),
    pytest.param("成都统计数据", "1-7月份,成都规上工业增加值增长6%。", DateAnchor(year=2024),
                 None, [], id="statistics-only-is-null"),
    pytest.param("海南规划", "在“十四五”期间,海南将建设10个园区。", None,
                 None, [], id="plan-period-only-is-null"),
    pytest.param("工信部发布指南", "工信部近日发布指南。", DateAnchor(year=2024, month=3),
                 None, ["entry_date_relative"], id="relative-only-is-null-with-notice"),
    pytest.param("南昌召开大会", "3月5日,南昌市召开大会。", None,
                 None, ["entry_date_incomplete"], id="dateline-without-year"),
    pytest.param("无日期条目", "该市持续推进营商环境改革。", DateAnchor(year=2024, month=1, day=2),
                 None, [], id="no-date-never-from-anchor"),
]  # fmt: skip


@pytest.mark.parametrize(("headline", "body", "anchor", "date", "codes"), ENTRY_DATES)
def test_choose_entry_date(
    headline: str, body: str, anchor: DateAnchor | None, date: str | None, codes: list[str]
) -> None:
    """The own date, not a deadline, period or statistics period; null when undetermined."""
    assert _choose(headline, body, anchor) == (date, codes)


def test_conflict_notice_names_both_dates() -> None:
    """The notice says what the headline claims and what was kept."""
    text, span = _entry("2028年,苏州发布了规划", "2023年1月31日,苏州发布了规划。")
    value, notices = choose_entry_date(text, span, extract_dates(text))
    assert value == "2023-01-31"
    assert "2028" in notices[0].message and "2023-01-31" in notices[0].message


ANCHORS = [
    pytest.param(None, "2023-01-03", DateAnchor(year=2023, month=1, day=3), id="first-date"),
    pytest.param(DateAnchor(year=2023, month=1, day=3), None,
                 DateAnchor(year=2023, month=1, day=3), id="null-keeps-anchor"),
    pytest.param(DateAnchor(year=2023, month=1, day=3), "2023-02-01",
                 DateAnchor(year=2023, month=2, day=1), id="later-date"),
    pytest.param(DateAnchor(year=2023, month=1, day=3), "2023",
                 DateAnchor(year=2023, month=1, day=3), id="same-year-keeps-precision"),
    pytest.param(DateAnchor(year=2023, month=1, day=3), "2022",
                 DateAnchor(year=2022), id="other-year-replaces"),
    pytest.param(DateAnchor(year=2023), "2023-13-01", DateAnchor(year=2023), id="bad-value"),
]  # fmt: skip


@pytest.mark.parametrize(("anchor", "value", "expected"), ANCHORS)
def test_next_anchor(
    anchor: DateAnchor | None, value: str | None, expected: DateAnchor | None
) -> None:
    """The anchor moves to each entry's date; nothing else moves it."""
    assert next_anchor(anchor, value) == expected


# --- The sample article against its gold ----------------------------------------------------
def _sample_entries(text: str) -> list[EntrySpan]:
    """Split by lines holding only two digits; the headline is the first non-empty line after
    the number, the body runs to the next number line."""
    numbers = list(re.finditer(r"(?m)^(\d\d)[ \t]*$", text))
    spans = []
    for i, mt in enumerate(numbers):
        end = numbers[i + 1].start() if i + 1 < len(numbers) else len(text)
        head = re.compile(r"(?m)^[ \t]*(\S[^\n]*)$").search(text, mt.end(), end)
        assert head is not None
        body_start = head.end() + 1
        while body_start < end and text[body_start] in " \t\r\n":
            body_start += 1
        body_end = end
        while body_end > body_start and text[body_end - 1] in " \t\r\n":
            body_end -= 1
        spans.append(
            EntrySpan(
                seq=i + 1, no=int(mt.group(1)), start=mt.start(), end=end,
                headline_start=head.start(1), headline_end=head.end(1),
                body_start=body_start, body_end=body_end,
            )
        )  # fmt: skip
    return spans


def _sample_results() -> list[tuple[int, str | None, list[str]]]:
    text = SAMPLE.read_text(encoding="utf-8")
    anchor = title_anchor(text.splitlines()[0])
    out = []
    for span in _sample_entries(text):
        dates = extract_dates(text[span.start : span.end], span.start, anchor)
        value, notices = choose_entry_date(text, span, dates)
        out.append((span.no, value, [n.code for n in notices]))
        anchor = next_anchor(anchor, value)
    return out


GOLD_DATES = [
    pytest.param(e["no"], e["date"], id=f"entry-{e['no']:02d}")
    for e in json.loads(GOLD.read_text(encoding="utf-8"))["entries"]
]


@pytest.mark.parametrize(("no", "date"), GOLD_DATES)
def test_sample_entry_date_matches_gold(no: int, date: str | None) -> None:
    """Each sample entry's chosen date equals the hand-made gold date."""
    results = {n: value for n, value, _ in _sample_results()}
    assert results[no] == date


def test_sample_headline_conflicts_are_reported() -> None:
    """The sample's headlines "2025年,成都发布了..." and "2028年,合肥发布了..." name another
    year than the body dateline: the body wins and each gets a notice; no other entry does."""
    flagged = [n for n, _, codes in _sample_results() if "headline_date_conflict" in codes]
    assert flagged == [3, 19]


def test_sample_splits_into_24_entries() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert [s.no for s in _sample_entries(text)] == list(range(1, 25))


# One-year lists on real pages (issue 13, SPEC "date"), written anew.
ONE_YEAR_LIST_CASES = [
    pytest.param("新华社:2008年国内十大新闻\n页面时间 2008-12-30\n一、冰雪灾害\n\n"
                 "二、3月5日,两会开幕。\n",
                 ["2008", "2008-03-05"], id="undated-item-takes-the-year"),
    pytest.param("2003年国际十大新闻\n2016年12月14日15:40 | 来源:人民网\n\n“哥伦比亚”号失事\n\n"
                 "2月1日,航天飞机解体,7名宇航员遇难,世界航天事业受挫。\n\n美英发动战争\n\n"
                 "3月20日,美英联军发动战争,联合国权威遭遇严重挑战。\n",
                 ["2003-02-01", "2003-03-20"], id="list-year-over-the-page-date"),
    pytest.param("2025年春季人才新政汇总\n1、甲地出台政策。\n2、乙地出台政策。\n",
                 [None, None], id="a-season-is-not-a-year"),
    pytest.param("某市2024年3月要闻速览\n1、甲地出台政策。\n2、乙地出台政策。\n",
                 [None, None], id="a-month-is-not-a-year"),
    pytest.param("2016 国际“双十”新闻出炉\n2016-12-31 05:21:31 来源:某报\n\n"
                 "1、某国多次进行核试验\n\n2、3月22日,某市机场和地铁站发生连环爆炸。\n",
                 ["2016", "2016-03-22"], id="a-year-without-nian-and-two-top-tens"),
    pytest.param("某校2000名学生的十大心愿\n1、多读书。\n2、多运动。\n",
                 [None, None], id="a-count-is-not-a-year"),
    # Counts before a ranking in a digest's head (found in review): no year, nor one in a
    # title followed by 双十二's sales.
    pytest.param("财经早餐 2024年3月5日\n昨日共2022只基金披露四季报十大重仓股。\n"
                 "1、3月4日,甲公司发布公告。\n2、乙公司发布公告。\n",
                 ["2024-03-04", None], id="a-count-of-funds-before-a-ranking"),
    pytest.param("财经早餐 2024年3月5日\n全国2000多家企业评出十大品牌。\n"
                 "1、3月4日,甲公司发布公告。\n2、乙公司发布公告。\n",
                 ["2024-03-04", None], id="a-count-of-firms-before-a-ranking"),
    pytest.param("2019双十二购物节战报\n1、甲平台成交额创新高。\n2、乙平台成交额增长。\n",
                 [None, None], id="a-shopping-festival-is-no-top-ten"),
    pytest.param("某台发布2020國內(nèi)十大新聞\n\n1、某项工作取得重大成果\n\n"
                 "2、5月28日,某部法律通过。\n",
                 ["2020", "2020-05-28"], id="a-year-before-a-scope-and-a-ranking-with-glosses"),
    pytest.param("2011年某地区重大新闻事件\n1、1月14日,某国总统出逃。\n2、某国发生动荡。\n",
                 ["2011-01-14", "2011"], id="a-year-s-major-news"),
    pytest.param("财经早餐 2024年3月5日\n国新办举行2024年首场重大新闻发布会。\n"
                 "1、3月4日,甲公司发布公告。\n2、乙公司发布公告。\n",
                 ["2024-03-04", None], id="a-press-conference-is-no-year-s-news"),
    # A daily digest quoting another year's ranking among its headlines, or a campaign for
    # a year's major news in its head (found in review): the digest's own day stays.
    pytest.param("2025年1月12日早报：某院发布2024中国十大科技进展\n"
                 "1、1月11日,甲公司发布公告。\n2、乙公司发布公告。\n",
                 ["2025-01-11", None], id="a-digest-quoting-a-ranking-of-other-things"),
    pytest.param("2023年1月2日新闻联播｜回看某台发布2022国内十大新闻\n"
                 "1、1月2日,甲地召开会议。\n2、乙地开工新项目。\n",
                 ["2023-01-02", None], id="a-digest-of-its-day-quoting-last-year-s-news"),
    pytest.param("新闻早餐 2025年1月3日\n今日导读:某省2024年重大新闻线索征集结果公布。\n"
                 "1、1月2日,甲公司发布公告。\n2、乙公司发布公告。\n",
                 ["2025-01-02", None], id="a-campaign-for-major-news-in-a-digest-s-head"),
    pytest.param("2024年两会重大新闻速递\n1、3月5日,甲会议开幕。\n2、乙代表发言。\n",
                 ["2024-03-05", None], id="an-event-s-major-news-is-no-year-s"),
]


@pytest.mark.parametrize(("text", "dates"), ONE_YEAR_LIST_CASES)
def test_one_year_list(text: str, dates: list[str | None]) -> None:
    from extractor.pipeline import extract_article

    assert [e.date for e in extract_article(text).entries] == dates


# A daily brief's own date (issue 13, SPEC "date"), written anew.
TODAY_ANCHOR_CASES = [
    pytest.param("新闻早餐\n今天是1月23日星期一。\n1、21日,某地举行活动。\n2、2023年是兔年,"
                 "20日,某会议召开。\n", ["2023-01-21", "2023-01-20"],
                 id="weekday-picks-the-year-written-in-the-article"),
    pytest.param("新闻早餐\n今天是10月9日,星期一。\n1、8日,某地举行活动。\n2、7日,某会议召开。\n",
                 [None, None], id="no-year-written-no-anchor"),
    pytest.param("各位早上好,今天是5月14日,星期二。欢迎收听本台早报。\n1、某局13日推行新举措。"
                 "\n2、2024年春季展会12日闭幕。\n",
                 ["2024-05-13", "2024-05-12"], id="greeting-line-read-as-title"),
    # The weekday and the lunar date fix the year where none is written (each pair fits one
    # year in 1950-2099, checked against a printed almanac).
    pytest.param("早新闻\n今天是10月9日,星期一,农历八月二十五。\n1、8日,某地举行活动。\n"
                 "2、昨日,某会议召开。\n", ["2023-10-08", "2023-10-08"],
                 id="lunar-and-weekday-fix-the-year"),
    pytest.param("早新闻\n今天是6月1日 星期一 农历闰四月初十\n1、5月31日,某地举行活动。\n",
                 ["2020-05-31"], id="leap-lunar-month"),
    pytest.param("早新闻\n今天是1月28日,星期二,腊月廿九。\n1、27日,某地举行活动。\n",
                 ["2025-01-27"], id="named-lunar-month-without-nongli"),
    pytest.param("早新闻\n今天是10月9日,农历八月二十五。\n1、8日,某地举行活动。\n",
                 [None], id="lunar-without-weekday-is-no-anchor"),
    pytest.param("早新闻\n今天是10月9日,星期二,农历八月二十五。\n1、8日,某地举行活动。\n",
                 [None], id="weekday-and-lunar-that-never-meet"),
    pytest.param("早新闻\n今天是10月9日,星期一,农历八月二十五。\n1、8日,某会议召开,"
                 "总结2019年以来的工作。\n", ["2023-10-08"],
                 id="a-written-year-that-does-not-fit-is-passed-over"),
]


@pytest.mark.parametrize(("text", "dates"), TODAY_ANCHOR_CASES)
def test_today_anchor(text: str, dates: list[str | None]) -> None:
    from extractor.pipeline import extract_article

    assert [e.date for e in extract_article(text).entries] == dates
