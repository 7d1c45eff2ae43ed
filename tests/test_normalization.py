"""Numbers, money and dates normalized the way the field's own suites write them (issue 17).

Every case here was written for these tests, by kind: the forms the libraries of this field
test (Chinese decimals, ranges, currencies before the number, colloquial amounts, small change,
two-digit years, date ranges) with numbers of our own. Each expected value was worked out by
hand. A form the product does not read must come out empty (no mention, or a null value with
a reason), never as a wrong value: the NEGATIVE and HONESTLY_EMPTY tables hold those.

Text goes through the loader's fold first, as in the pipeline (web addresses and
percent-encoded runs are blanked there, full-width forms folded).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.extract.dates import extract_dates
from extractor.extract.places import extract_places
from extractor.extract.targets import extract_targets
from extractor.load import fold
from extractor.models import DateAnchor

# (text, [(value, unit, qualifier), ...]) in text order.
TargetCase = tuple[str, list[tuple[str, str, str]]]


def _targets(text: str) -> list[tuple[str | None, str, str]]:
    folded, _ = fold(text)
    return [
        (None if m.value is None else str(Decimal(str(m.value)).normalize()), m.unit, m.qualifier)
        for m in extract_targets(folded)
    ]


def _expected(rows: list[tuple[str, str, str]]) -> list[tuple[str | None, str, str]]:
    return [(str(Decimal(value).normalize()), unit, qualifier) for value, unit, qualifier in rows]


CHINESE_DECIMALS: list[TargetCase] = [
    ("利率为百分之三点八五", [("3.85", "%", "eq")]),
    ("增幅达百分之零点七五", [("0.75", "%", "eq")]),
    ("不良率为百分之一点零二", [("1.02", "%", "eq")]),
    ("营收九点二七亿元", [("927000000", "元", "eq")]),
    ("总额四点零五万亿元", [("4050000000000", "元", "eq")]),
    ("融资两点三亿美元", [("230000000", "美元", "eq")]),
    ("补贴三点五万元", [("35000", "元", "eq")]),
    ("占比六点五成", [("65", "%", "eq")]),
    ("降低零点二五个百分点", [("0.25", "百分点", "eq")]),
    ("人口十二点八万人", [("128000", "人", "eq")]),
    ("面积一点二五平方公里", [("1.25", "平方公里", "eq")]),
    ("投资约八点六亿元", [("860000000", "元", "approx")]),
    ("超过百分之五点五", [("5.5", "%", "gt")]),
    ("收入二十点零八亿元", [("2008000000", "元", "eq")]),
    ("重量零点六吨", [("0.6", "吨", "eq")]),
    ("同比增长百分之十二点三", [("12.3", "%", "eq")]),
    ("利率百分之4点35", [("4.35", "%", "eq")]),
    # After a clock time 点 is no decimal point: 3点 is three o'clock, 2家 the count.
    ("下午3点2家企业签约", [("2", "家", "eq")]),
]

RANGES: list[TargetCase] = [
    ("奖励3万元--9万元", [("30000", "元", "gte"), ("90000", "元", "lte")]),
    ("补助5千元--2万元", [("5000", "元", "gte"), ("20000", "元", "lte")]),
    ("从7500到3万港元不等", [("7500", "港元", "gte"), ("30000", "港元", "lte")]),
    ("从800到1200元", [("800", "元", "gte"), ("1200", "元", "lte")]),
    ("4万(含)-8万元", [("40000", "元", "gte"), ("80000", "元", "lte")]),
    ("2万(不含)-5万元", [("20000", "元", "gt"), ("50000", "元", "lte")]),
    ("100(含)-300家", [("100", "家", "gte"), ("300", "家", "lte")]),
    ("四~6百日元", [("400", "日元", "gte"), ("600", "日元", "lte")]),
    ("两~4百元", [("200", "元", "gte"), ("400", "元", "lte")]),
    ("2-5百万元", [("2000000", "元", "gte"), ("5000000", "元", "lte")]),
    ("3-4万元", [("30000", "元", "gte"), ("40000", "元", "lte")]),
    ("1.5-2亿元", [("150000000", "元", "gte"), ("200000000", "元", "lte")]),
    ("十五至二十万日元", [("150000", "日元", "gte"), ("200000", "日元", "lte")]),
    ("一百一十到一百三十万元", [("1100000", "元", "gte"), ("1300000", "元", "lte")]),
    ("两千到三千万元", [("20000000", "元", "gte"), ("30000000", "元", "lte")]),
    ("六千到八千亿元", [("600000000000", "元", "gte"), ("800000000000", "元", "lte")]),
    ("三到四千欧元", [("3000", "欧元", "gte"), ("4000", "欧元", "lte")]),
    ("两到五万港元", [("20000", "港元", "gte"), ("50000", "港元", "lte")]),
    ("2——4万港币", [("20000", "港元", "gte"), ("40000", "港元", "lte")]),
    ("5万-8万元", [("50000", "元", "gte"), ("80000", "元", "lte")]),
    ("1000-3000万元", [("10000000", "元", "gte"), ("30000000", "元", "lte")]),
    ("300—500亩", [("300", "亩", "gte"), ("500", "亩", "lte")]),
    ("5%-15%", [("5", "%", "gte"), ("15", "%", "lte")]),
    ("10至20家", [("10", "家", "gte"), ("20", "家", "lte")]),
    ("3到5个", [("3", "个", "gte"), ("5", "个", "lte")]),
    ("20~30吨", [("20", "吨", "gte"), ("30", "吨", "lte")]),
    ("1万~2万平方米", [("10000", "平方米", "gte"), ("20000", "平方米", "lte")]),
    ("8—12个百分点", [("8", "百分点", "gte"), ("12", "百分点", "lte")]),
    ("0.5-1个百分点", [("0.5", "百分点", "gte"), ("1", "百分点", "lte")]),
    ("150至200万千瓦", [("1500000", "千瓦", "gte"), ("2000000", "千瓦", "lte")]),
    ("3000到5000人", [("3000", "人", "gte"), ("5000", "人", "lte")]),
    ("4000-6000元/平方米", [("4000", "元", "gte"), ("6000", "元", "lte")]),
    ("两三个", [("2", "个", "gte"), ("3", "个", "lte")]),
    ("四五千块钱", [("4000", "元", "gte"), ("5000", "元", "lte")]),
    ("三四十家", [("30", "家", "gte"), ("40", "家", "lte")]),
    ("七八百人", [("700", "人", "gte"), ("800", "人", "lte")]),
    ("五六千万元", [("50000000", "元", "gte"), ("60000000", "元", "lte")]),
    ("八九亿韩元", [("800000000", "韩元", "gte"), ("900000000", "韩元", "lte")]),
]

CURRENCY_BEFORE: list[TargetCase] = [
    ("售价¥499", [("499", "元", "eq")]),
    ("售价￥1299", [("1299", "元", "eq")]),
    ("票价$25", [("25", "美元", "eq")]),
    ("估值US$30亿", [("3000000000", "美元", "eq")]),
    ("估值HK$12亿", [("1200000000", "港元", "eq")]),
    ("罚款€500万", [("5000000", "欧元", "eq")]),
    ("收入£80万", [("800000", "英镑", "eq")]),
    ("港币三千五百元", [("3500", "港元", "eq")]),
    ("港币两千元", [("2000", "港元", "eq")]),
    ("港币4000", [("4000", "港元", "eq")]),
    ("新台币 95.2 亿元", [("9520000000", "新台币", "eq")]),
    ("新台币120亿元", [("12000000000", "新台币", "eq")]),
    ("新台币3000元", [("3000", "新台币", "eq")]),
    ("人民币5万", [("50000", "元", "eq")]),
    ("人民币800元", [("800", "元", "eq")]),
    ("人民币 2000", [("2000", "元", "eq")]),
    ("美金6000", [("6000", "美元", "eq")]),
    ("美元1.2亿", [("120000000", "美元", "eq")]),
    ("日元300万", [("3000000", "日元", "eq")]),
    ("RMB 300", [("300", "元", "eq")]),
    ("USD 45", [("45", "美元", "eq")]),
    ("约人民币6亿元", [("600000000", "元", "approx")]),
    ("超过人民币10亿元", [("1000000000", "元", "gt")]),
]

CURRENCY_AFTER: list[TargetCase] = [
    ("月租8000台币", [("8000", "新台币", "eq")]),
    ("不到2.5万台币", [("25000", "新台币", "lt")]),
    ("售价一千五百港币", [("1500", "港元", "eq")]),
    ("收费300港元", [("300", "港元", "eq")]),
    ("融资2亿美金", [("200000000", "美元", "eq")]),
    ("12.3美金/股", [("12.3", "美元", "eq")]),
    ("3500欧元", [("3500", "欧元", "eq")]),
    ("4万英镑", [("40000", "英镑", "eq")]),
    ("600万日元", [("6000000", "日元", "eq")]),
    ("5亿韩元", [("500000000", "韩元", "eq")]),
    ("200澳元", [("200", "澳元", "eq")]),
    ("80加元", [("80", "加元", "eq")]),
    ("1000卢布", [("1000", "卢布", "eq")]),
    ("二十六万四千三百泰铢", [("264300", "泰铢", "eq")]),
    ("七到八百亿泰铢", [("70000000000", "泰铢", "gte"), ("80000000000", "泰铢", "lte")]),
    ("300新加坡元", [("300", "新加坡元", "eq")]),
    ("5000澳门币", [("5000", "澳门元", "eq")]),
    ("20万韩币", [("200000", "韩元", "eq")]),
    ("1200卢比", [("1200", "卢比", "eq")]),
    ("数额为500元人民币", [("500", "元", "eq")]),
    ("1500元港币", [("1500", "港元", "eq")]),
    ("2.6万亿元", [("2600000000000", "元", "eq")]),
    ("1,250万元", [("12500000", "元", "eq")]),
    ("3 000万元", [("30000000", "元", "eq")]),
    ("投入三千五百万元", [("35000000", "元", "eq")]),
    ("一万二千元", [("12000", "元", "eq")]),
    ("两百元", [("200", "元", "eq")]),
    ("一百零五元", [("105", "元", "eq")]),
]

COLLOQUIAL: list[TargetCase] = [
    ("投资两个亿", [("200000000", "元", "eq")]),
    ("融资五个亿", [("500000000", "元", "eq")]),
    ("营收十个亿", [("1000000000", "元", "eq")]),
    ("贷款三个多亿", [("300000000", "元", "gt")]),
    ("四个亿卢布", [("400000000", "卢布", "eq")]),
    ("占比三成半", [("35", "%", "eq")]),
    ("六成半的企业", [("65", "%", "eq")]),
    ("七成五的受访者", [("75", "%", "eq")]),
    ("三成多", [("30", "%", "gt")]),
    ("二十来家", [("20", "家", "approx")]),
    ("三十来个", [("30", "个", "approx")]),
    ("十来万元", [("100000", "元", "approx")]),
    ("一百来人", [("100", "人", "approx")]),
    ("20来家", [("20", "家", "approx")]),
    ("十几块钱", [("10", "元", "gt")]),
    ("一万五", []),
    ("月薪一万五", [("15000", "元", "eq")]),
    ("年薪13万2", [("132000", "元", "eq")]),
    ("三千多欧元", [("3000", "欧元", "gt")]),
    ("百余家", [("100", "家", "gt")]),
    ("上千人", [("1000", "人", "gte")]),
    ("近百亿元", [("10000000000", "元", "approx")]),
    ("200多家", [("200", "家", "gt")]),
    ("5000余名", [("5000", "名", "gt")]),
]

SMALL_CHANGE: list[TargetCase] = [
    ("票价38元5角", [("38.5", "元", "eq")]),
    ("单价12元3角5分", [("12.35", "元", "eq")]),
    ("每斤6块8毛", [("6.8", "元", "eq")]),
    ("花了二十块五毛", [("20.5", "元", "eq")]),
    ("一百二十块三角四分钱", [("120.34", "元", "eq")]),
    ("七十万零三百元二角五分", [("700300.25", "元", "eq")]),
    ("8块钱", [("8", "元", "eq")]),
    ("两块钱", [("2", "元", "eq")]),
    ("5毛钱", [("0.5", "元", "eq")]),
    ("3角钱", [("0.3", "元", "eq")]),
    ("2分钱", [("0.02", "元", "eq")]),
    ("售价200块", [("200", "元", "eq")]),
    ("花了30块", [("30", "元", "eq")]),
    ("罚款500块", [("500", "元", "eq")]),
    ("获得3块金牌", [("3", "块", "eq")]),
    ("出让5块地", [("5", "块", "eq")]),
    ("安装12块屏幕", [("12", "块", "eq")]),
    ("每人补贴10元5角", [("10.5", "元", "eq")]),
]

QUALIFIERS: list[TargetCase] = [
    ("约4.5亿美元", [("450000000", "美元", "approx")]),
    ("近800万元", [("8000000", "元", "approx")]),
    ("至少8000元以上", [("8000", "元", "gte")]),
    ("不到2万港元", [("20000", "港元", "lt")]),
    ("60万元(含)以上", [("600000", "元", "gte")]),
    ("10万元(不含)以上", [("100000", "元", "gt")]),
    ("不超过50%", [("50", "%", "lte")]),
    ("不低于3000家", [("3000", "家", "gte")]),
    ("超过500亿元", [("50000000000", "元", "gt")]),
    ("突破1000万人次", [("10000000", "人次", "gt")]),
    ("逾200家", [("200", "家", "gt")]),
    ("最高200万元", [("2000000", "元", "lte")]),
    ("1万元左右", [("10000", "元", "approx")]),
    ("100万元上下", [("1000000", "元", "approx")]),
    ("5万元以内", [("50000", "元", "lte")]),
    ("300人以下", [("300", "人", "lte")]),
    ("2000万元及以上", [("20000000", "元", "gte")]),
    ("接近5成", [("50", "%", "approx")]),
    ("大约600家", [("600", "家", "approx")]),
    ("低于3%", [("3", "%", "lt")]),
    ("不足100人", [("100", "人", "lt")]),
    ("≥30%", [("30", "%", "gte")]),
    ("≤2000元", [("2000", "元", "lte")]),
]

PLAIN: list[TargetCase] = [
    ("32,225.50元", [("32225.50", "元", "eq")]),
    ("18431港元", [("18431", "港元", "eq")]),
    ("5521.75美元", [("5521.75", "美元", "eq")]),
    ("2.4万元", [("24000", "元", "eq")]),
    ("4千万亿日元", [("4000000000000000", "日元", "eq")]),
    ("三十六万二千二百欧元", [("362200", "欧元", "eq")]),
    ("同比增长12.5%", [("12.5", "%", "eq")]),
    ("同比-3.2%", [("-3.2", "%", "eq")]),
    # 负 is minus before a number; in 胜负 and 负债 it is part of a word.
    ("利率为负0.5%", [("-0.5", "%", "eq")]),
    ("增长负百分之二点五", [("-2.5", "%", "eq")]),
    ("胜负3场", [("3", "场", "eq")]),
    ("负债4亿元", [("400000000", "元", "eq")]),
    ("下降1.8个百分点", [("1.8", "百分点", "eq")]),
    ("降息25bp", [("0.25", "百分点", "eq")]),
    ("下调10个基点", [("0.1", "百分点", "eq")]),
    ("4成", [("40", "%", "eq")]),
    ("新增企业120家", [("120", "家", "eq")]),
    ("建成5G基站3.2万个", [("32000", "个", "eq")]),
    ("签约项目46个", [("46", "个", "eq")]),
    ("培训8000人次", [("8000", "人次", "eq")]),
    ("新建学校15所", [("15", "所", "eq")]),
    ("发放1.2万张", [("12000", "张", "eq")]),
    ("公路120公里", [("120", "公里", "eq")]),
    ("耕地3000亩", [("3000", "亩", "eq")]),
    ("装机1000万千瓦", [("10000000", "千瓦", "eq")]),
    ("产量500万吨", [("5000000", "吨", "eq")]),
    ("面积2.5平方公里", [("2.5", "平方公里", "eq")]),
    ("4.6级地震", [("4.6", "级", "eq")]),
    ("气温38℃", [("38", "℃", "eq")]),
    ("降雨量120毫米", [("120", "毫米", "eq")]),
    ("集装箱300万标箱", [("3000000", "标箱", "eq")]),
    ("电价0.35元/千瓦时", [("0.35", "元", "eq")]),
    ("补贴200元/亩", [("200", "元", "eq")]),
    ("用地50公顷", [("50", "公顷", "eq")]),
    ("发行1800万股", [("18000000", "股", "eq")]),
    ("车辆2000辆", [("2000", "辆", "eq")]),
    ("签约30亿元", [("3000000000", "元", "eq")]),
    ("两万人", [("20000", "人", "eq")]),
    ("五千亿元", [("500000000000", "元", "eq")]),
    ("十三家", [("13", "家", "eq")]),
]

# Forms that hold a number but no quantity of ours: nothing may come out.
NEGATIVE: list[str] = [
    # Fractions are not percentages.
    "三百分之1.5",
    "二百分之一的概率",
    "千分之三",
    "万分之五的手续费",
    "三分之二的企业",
    # Web addresses and percent-encoded text.
    "详见https://example.cn/a?rate=50%25&n=20%",
    "链接www.example.cn/p/2023/10/5%E6%96%B0",
    "搜索词%E4%B8%AD%E5%9B%BD%E7%BB%8F%E6%B5%8E",
    "[报告](https://example.cn/report-30%-growth.html)",
    # Phone numbers.
    "咨询电话：010-12345678",
    "热线12345",
    "服务电话400-800-1234",
    "手机13912345678",
    "传真0755-88886666",
    # Versions and model names.
    "升级到V2.3.1版本",
    "iOS 17.2发布",
    "Python 3.12正式发布",
    "互联网3.0",
    "Web3.0生态",
    "5G网络",
    "麒麟9000芯片",
    # Codes and identifiers.
    "标准号GB/T 12345-2020",
    "ISO 9001认证",
    "车牌粤B12345",
    "文号国发〔2023〕5号",
    "邮编100010",
    "股票代码600519",
    # Dates, durations, ordinals, names.
    "2023年",
    "三年行动计划",
    "8个月",
    "第一批",
    "前三位",
    "十四五规划",
    "四大新轨道",
    "两部委联合发文",
    "翻一番",
    "一批企业",
    "一家公司",
    "百人论坛",
    "千人计划",
    "二期工程",
    "二套住房",
    "三次会议",
    "人民币2023年贷款",
    "人民币对美元16:30收盘",
    # Clock times and set phrases with 点.
    "3点5分",
    "晚上8点30分",
    "九点五十分开始",
    "三点一线",
    "两点一线的生活",
    "千分之3.5",
    "一万五",
    "突破28亿",
    "元宇宙",
]

# Forms whose value cannot be decided: a mention may be given, but its value is null and a
# reason says why (or nothing at all is given).
HONESTLY_EMPTY: list[str] = [
    "共21 6个",
    "建成7 45家",
    "他拿出200块",
    "还有50块,",
    "5块",
    "找到3块。",
]


# Every table above, by the kind of form it holds (the test ids name the kind).
TARGET_TABLES: dict[str, list[TargetCase]] = {
    "chinese_decimal": CHINESE_DECIMALS, "range": RANGES, "currency_before": CURRENCY_BEFORE,
    "currency_after": CURRENCY_AFTER, "colloquial": COLLOQUIAL, "small_change": SMALL_CHANGE,
    "qualifier": QUALIFIERS, "plain": PLAIN,
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected, id=f"{kind}-{index}")
        for kind, table in TARGET_TABLES.items()
        for index, (text, expected) in enumerate(table)
    ],
)
def test_quantities_are_normalized(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _targets(text) == _expected(expected)


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_quantity_is_read_where_none_is_written(text: str) -> None:
    assert _targets(text) == []


@pytest.mark.parametrize("text", HONESTLY_EMPTY)
def test_undecidable_values_are_null_with_a_reason(text: str) -> None:
    folded, _ = fold(text)
    found = extract_targets(folded)
    assert all(m.value is None and m.reason for m in found), found


# (text, anchor year, [(value, value_start, value_end), ...]).
DateCase = tuple[str, int | None, list[tuple[str | None, str | None, str | None]]]

DATE_RANGES: list[DateCase] = [
    ("自2022-04-06至2022-04-20止", None, [("2022-04-06", "2022-04-06", "2022-04-20")]),
    ("2021/3/1-2021/9/30", None, [("2021-03-01", "2021-03-01", "2021-09-30")]),
    ("2020.5.1—2020.5.5", None, [("2020-05-01", "2020-05-01", "2020-05-05")]),
    ("2019年6月12-15日", None, [("2019-06-12", "2019-06-12", "2019-06-15")]),
    ("2023年10月8—10日", None, [("2023-10-08", "2023-10-08", "2023-10-10")]),
    ("2022年3月1日至31日", None, [("2022-03-01", "2022-03-01", "2022-03-31")]),
    ("2022年12月30日至2023年1月2日", None, [("2022-12-30", "2022-12-30", "2023-01-02")]),
    ("2023年3月1日-2023年6月30日", None, [("2023-03-01", "2023-03-01", "2023-06-30")]),
    ("前年11月到去年3月", 2023, [("2021-11", "2021-11-01", "2022-03-31")]),
    ("去年5月至今年2月", 2024, [("2023-05", "2023-05-01", "2024-02-29")]),
    ("2022年1-7月份", None, [("2022-01", "2022-01-01", "2022-07-31")]),
    ("2022年12月至2023年2月", None, [("2022-12", "2022-12-01", "2023-02-28")]),
    ("2021-2025年", None, [("2021", "2021-01-01", "2025-12-31")]),
    ("2023年至2025年", None, [("2023", "2023-01-01", "2025-12-31")]),
    ("3月5日至8日", 2023, [("2023-03-05", "2023-03-05", "2023-03-08")]),
    ("5月20-22日", 2023, [("2023-05-20", "2023-05-20", "2023-05-22")]),
]

SHORT_YEARS: list[DateCase] = [
    ("16年4月3日召开", 2017, [("2016-04-03", "2016-04-03", "2016-04-03")]),
    ("98年7月", 2017, [("1998-07", "1998-07-01", "1998-07-31")]),
    ("21年3月15日", 2023, [("2021-03-15", "2021-03-15", "2021-03-15")]),
    ("25年底前", 2023, []),
    ("零六年五月十二号", 2021, [("2006-05-12", "2006-05-12", "2006-05-12")]),
    ("九二年3月", 2021, [("1992-03", "1992-03-01", "1992-03-31")]),
    ("09年第三季度", 2021, [("2009-07", "2009-07-01", "2009-09-30")]),
    ("12年上半年", 2021, [("2012-01", "2012-01-01", "2012-06-30")]),
    # Durations: a two-digit year is read only before a month or a period word.
    ("干了20年底层工作", 2021, []),
    ("用了10年初见成效", 2021, []),
    ("16年4月3日召开", None, [(None, None, None)]),
]

FULL_DATES: list[DateCase] = [
    ("2023年1月3日", None, [("2023-01-03", "2023-01-03", "2023-01-03")]),
    ("二〇二二年十月一日", None, [("2022-10-01", "2022-10-01", "2022-10-01")]),
    ("2021-07-01", None, [("2021-07-01", "2021-07-01", "2021-07-01")]),
    ("2021.7.1", None, [("2021-07-01", "2021-07-01", "2021-07-01")]),
    ("2021/07/01", None, [("2021-07-01", "2021-07-01", "2021-07-01")]),
    ("2024年2月", None, [("2024-02", "2024-02-01", "2024-02-29")]),
    ("2023年", None, [("2023", "2023-01-01", "2023-12-31")]),
    ("3月15日", 2022, [("2022-03-15", "2022-03-15", "2022-03-15")]),
    ("去年12月", 2022, [("2021-12", "2021-12-01", "2021-12-31")]),
    ("今年3月5日", 2022, [("2022-03-05", "2022-03-05", "2022-03-05")]),
    ("2022年2月30日", None, []),  # no such day: no date at all
    ("5月初", 2022, [("2022-05", "2022-05-01", "2022-05-31")]),
    # Lunar dates are out of scope: no Gregorian month may come out of them.
    ("十一月廿九", 2022, []),
    ("五月初五", 2022, []),
    ("去年八月初三", 2022, [("2021", "2021-01-01", "2021-12-31")]),
]


def _dates(text: str, year: int | None) -> list[tuple[str | None, str | None, str | None]]:
    anchor = DateAnchor(year=year) if year is not None else None
    found = extract_dates(fold(text)[0], 0, anchor)
    return [(m.value, m.value_start, m.value_end) for m in found]


DATE_TABLES: dict[str, list[DateCase]] = {
    "date_range": DATE_RANGES, "short_year": SHORT_YEARS, "full_date": FULL_DATES,
}


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        pytest.param(text, year, expected, id=f"{kind}-{index}")
        for kind, table in DATE_TABLES.items()
        for index, (text, year, expected) in enumerate(table)
    ],
)
def test_dates_are_normalized(
    text: str, year: int | None, expected: list[tuple[str | None, str | None, str | None]]
) -> None:
    assert _dates(text, year) == expected


def test_a_two_digit_year_without_context_says_why() -> None:
    (found,) = extract_dates("16年4月3日召开")
    assert found.value is None and found.reason


# Streets named after a city inside an address are not that city.
NUMBERED_STREETS: list[tuple[str, list[str]]] = [
    ("住址为某县太原2路18号", []),
    ("位于西安五路与解放路交叉口", []),
    ("沿成都3街向北", []),
    ("太原市发布通知", ["山西省太原市"]),
    ("南京2家企业入选", ["江苏省南京市"]),
]


@pytest.mark.parametrize(("text", "names"), NUMBERED_STREETS)
def test_numbered_streets_are_not_cities(text: str, names: list[str]) -> None:
    assert [m.name for m in extract_places(text)] == names


def test_the_table_is_large_enough_to_mean_something() -> None:
    """Issue 17 asks for at least 300 normalization cases of our own."""
    tables = [*TARGET_TABLES.values(), *DATE_TABLES.values()]
    total = sum(map(len, tables)) + len(NEGATIVE) + len(HONESTLY_EMPTY) + len(NUMBERED_STREETS)
    assert total >= 300
