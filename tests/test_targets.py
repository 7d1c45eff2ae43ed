"""Quantities in text -> TargetMention (extractor.extract.targets)."""

from __future__ import annotations

import json
import re
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract.targets import (
    COUNT_WORDS,
    CURRENCY_PREFIXES,
    MEASURE_UNITS,
    MONEY_UNITS,
    PREFIX_QUALIFIERS,
    SUFFIX_QUALIFIERS,
    extract_targets,
)
from extractor.models import TargetMention

SAMPLE = Path(__file__).parent / "data" / "sample" / "000_083a9808acf37448.txt"
GOLD = SAMPLE.with_suffix(".gold.json")

# (sentence, [(value, unit, kind, qualifier), ...]) - written for these tests, across topics.
POSITIVE: list[tuple[str, list[tuple[str, str, str, str]]]] = [
    # Issue 14: digits wrapped onto the line before their 万 are one number (was a negative
    # case, "not 10000元", before wrapped numbers were joined).
    ("投入资金3007\n万元", [("30070000", "元", "money", "eq")]),
    # Real pages (issue 13), written anew: magnitudes and the measure words they use.
    ("四川某县发生4.1级地震", [("4.1", "级", "measure", "eq")]),
    ("新建安置房214间", [("214", "间", "count", "eq")]),
    ("新打机井12眼", [("12", "眼", "count", "eq")]),
    ("议会共120席", [("120", "席", "count", "eq")]),
    ("5国领导人出席峰会", [("5", "国", "count", "eq")]),
    ("新增公交车300标台", [("300", "标台", "count", "eq")]),
    ("实施6乡镇7村搬迁", [("6", "乡镇", "count", "eq"), ("7", "村", "count", "eq")]),
    ("渗透率≥20%", [("20", "%", "percent", "gte")]),
    ("单户补贴≤5000元", [("5000", "元", "money", "lte")]),
    ("奖励上限5万元", [("50000", "元", "money", "lte")]),
    ("装机200千瓦(及以上)的项目", [("200", "千瓦", "measure", "gte")]),
    ("度电补贴0.2元/瓦", [("0.2", "元", "money", "eq")]),
    ("对新落户的半导体企业给予5000万元以上支持", [("50000000", "元", "money", "gte")]),
    ("乡村振兴示范村补助不低于100万元", [("1000000", "元", "money", "gte")]),
    ("按投资额给予10万元—100万元奖励",
     [("100000", "元", "money", "gte"), ("1000000", "元", "money", "lte")]),
    ("出口退税比例提高5%-20%", [("5", "%", "percent", "gte"), ("20", "%", "percent", "lte")]),
    ("新建高标准农田100—500亩", [("100", "亩", "measure", "gte"), ("500", "亩", "measure", "lte")]),
    ("贷款利率下降0.5个百分点", [("0.5", "百分点", "percent", "eq")]),
    ("新能源汽车渗透率超过3成", [("30", "%", "percent", "gt")]),
    ("外贸企业中4成实现增长", [("40", "%", "percent", "eq")]),
    ("低空经济项目总投资1千万以上", [("10000000", "元", "money", "gte")]),
    ("人才公寓租金200元/平方米", [("200", "元", "money", "eq")]),
    ("园区总投资超15亿", [("1500000000", "元", "money", "gt")]),
    # The loader folds "，" to ",": a folded comma before a numeral is not a thousands mark.
    ("签约活动,十几家平台企业参加", [("10", "家", "count", "gt")]),
    ("降准后加权平均存款准备金率约为7.8%", [("7.8", "%", "percent", "approx")]),
    ("公司在纳斯达克发行1250万股美国存托股", [("12500000", "股", "count", "eq")]),
    ("今年新建保障性住房3万套", [("30000", "套", "count", "eq")]),
    ("经霍尔果斯口岸开行中欧班列超1.6万列", [("16000", "列", "count", "gt")]),
    ("全市参保人数1000万人", [("10000000", "人", "count", "eq")]),
    ("10月官方制造业PMI环比+0.3pct", [("0.3", "百分点", "percent", "eq")]),
    ("PM2.5平均浓度30微克/立方米以下", [("30", "微克/立方米", "measure", "lte")]),
    ("气温23℃～31℃", [("23", "℃", "measure", "gte"), ("31", "℃", "measure", "lte")]),
    ("查处违法案件3起,新建住宅46幢", [("3", "起", "count", "eq"), ("46", "幢", "count", "eq")]),
    ("培育3-5家具有国际竞争力的企业", [("3", "家", "count", "gte"), ("5", "家", "count", "lte")]),
    ("全国数据生产总量达32.85ZB", [("32.85", "ZB", "measure", "eq")]),
    ("市场对美联储降息25bp的定价接近100%",
     [("0.25", "百分点", "percent", "eq"), ("100", "%", "percent", "approx")]),
    ("Q3实现营收100.3亿元,同比-9.4%",
     [("10030000000", "元", "money", "eq"), ("-9.4", "%", "percent", "eq")]),
    ("对排量2.0升及以下的乘用车减半征收", [("2.0", "升", "measure", "lte")]),
    ("现在做直播一个月能挣一万五。", [("15000", "元", "money", "eq")]),
    ("去年光分红就拿了13万2。", [("132000", "元", "money", "eq")]),
    ("全年融资800亿", [("80000000000", "元", "money", "eq")]),
    ("芯片企业完成3.5亿美元融资", [("350000000", "美元", "money", "eq")]),
    ("发行价为12.3美金/股", [("12.3", "美元", "money", "eq")]),
    ("获得欧洲客户500万欧元订单", [("5000000", "欧元", "money", "eq")]),
    ("在港募资2亿港元", [("200000000", "港元", "money", "eq")]),
    ("日本订单约3000万日元", [("30000000", "日元", "money", "approx")]),
    ("伦敦分公司营收100万英镑", [("1000000", "英镑", "money", "eq")]),
    ("注册资本5亿元人民币", [("500000000", "元", "money", "eq")]),
    ("氢能产能达50万吨", [("500000", "吨", "measure", "eq")]),
    ("建设智慧农场300亩", [("300", "亩", "measure", "eq")]),
    ("新建高速公路120公里", [("120", "公里", "measure", "eq")]),
    ("光伏装机1000万千瓦", [("10000000", "千瓦", "measure", "eq")]),
    ("储能电站容量200兆瓦", [("200", "兆瓦", "measure", "eq")]),
    ("年发电量3亿千瓦时", [("300000000", "千瓦时", "measure", "eq")]),
    ("海上风电5GW", [("5", "GW", "measure", "eq")]),
    ("厂房面积2万平方米", [("20000", "平方米", "measure", "eq")]),
    ("保护湿地50公顷", [("50", "公顷", "measure", "eq")]),
    ("每村配备两三个技术员", [("2", "个", "count", "gte"), ("3", "个", "count", "lte")]),
    ("吸引十几家无人机企业", [("10", "家", "count", "gt")]),
    ("带动就业1,100万人", [("11000000", "人", "count", "eq")]),
    ("培训农民一万五千人次", [("15000", "人次", "count", "eq")]),
    ("集聚半导体企业200多家", [("200", "家", "count", "gt")]),
    ("外贸进出口3000多亿元", [("300000000000", "元", "money", "gt")]),
    ("引进研发机构10余家", [("10", "家", "count", "gt")]),
    ("服务企业逾千家", [("1000", "家", "count", "gt")]),
    ("参展企业约500家", [("500", "家", "count", "approx")]),
    ("覆盖近80个行政村", [("80", "个", "count", "approx")]),
    ("签约金额100亿元左右", [("10000000000", "元", "money", "approx")]),
    ("单个项目投资不到1亿元", [("100000000", "元", "money", "lt")]),
    ("不良率低于2%", [("2", "%", "percent", "lt")]),
    ("补贴比例30%以内", [("30", "%", "percent", "lte")]),
    ("电价0.3元以下", [("0.3", "元", "money", "lte")]),
    ("每年认定不超过50家", [("50", "家", "count", "lte")]),
    ("单个企业最高奖励300万元", [("3000000", "元", "money", "lte")]),
    ("最高可获得500万元补助", [("5000000", "元", "money", "lte")]),
    ("至少建成5个低空起降点", [("5", "个", "count", "gte")]),
    ("不少于3家龙头企业", [("3", "家", "count", "gte")]),
    ("新增算力突破1万台", [("10000", "台", "count", "gt")]),
    # 上百 / 上千: reaching a hundred, a thousand, at least (上千家配套企业).
    ("上百家外贸企业参会", [("100", "家", "count", "gte")]),
    ("组件报价已跌破0.11欧元/瓦", [("0.11", "欧元", "money", "lt")]),
    ("标准间价格涨幅不得超过平时价格的30%", [("30", "%", "percent", "lte")]),
    ("基础养老金最低标准再提高20元", [("20", "元", "money", "eq")]),
    ("住房公积金最高贷款额度上浮20%", [("20", "%", "percent", "eq")]),
    ("确保脱贫家庭毕业生百分之百实现就业", [("100", "%", "percent", "eq")]),
    ("其中对大陆及香港出口约占35%", [("35", "%", "percent", "approx")]),
    ("固定资产投资额在1亿元(含)以上的企业", [("100000000", "元", "money", "gte")]),
    ("租金按照不高于同地段同品质市场租金的70%确定", [("70", "%", "percent", "lte")]),
    ("粮食产量稳定在700亿斤以上", [("70000000000", "斤", "measure", "gte")]),
    ("罚没金额合计约1 200万元", [("12000000", "元", "money", "approx")]),
    ("平台累计核销超过4 000万张", [("40000000", "张", "count", "gt")]),
    ("深圳分批发放总额5亿圆消费券", [("500000000", "元", "money", "eq")]),
    ("储能新品类营收约RMB 5亿", [("500000000", "元", "money", "approx")]),
    ("首日订单超过2万笔", [("20000", "笔", "count", "gt")]),
    ("累计收到申请逾43万宗", [("430000", "宗", "count", "gt")]),
    ("百余家企业入驻", [("100", "家", "count", "gt")]),
    ("研发投入占比百分之五", [("5", "%", "percent", "eq")]),
    ("发放消费券3批", [("3", "批", "count", "eq")]),
    ("目前已有30家企业入驻", [("30", "家", "count", "eq")]),
    ("统一10个标准", [("10", "个", "count", "eq")]),
    ("已签约12个项目", [("12", "个", "count", "eq")]),
    ("北京八家知名芯片公司", [("8", "家", "count", "eq")]),
    ("明确五项重点任务", [("5", "项", "count", "eq")]),
    ("十家银行联合授信", [("10", "家", "count", "eq")]),
    ("建成无人机起降场3座、航线20条",
     [("3", "座", "count", "eq"), ("20", "条", "count", "eq")]),
    ("收购2023,100家门店", [("100", "家", "count", "eq")]),
    ("资金规模3-5万元", [("30000", "元", "money", "gte"), ("50000", "元", "money", "lte")]),
    ("增长10至20家", [("10", "家", "count", "gte"), ("20", "家", "count", "lte")]),
    ("降低一个百分点", [("1", "百分点", "percent", "eq")]),
    ("人均增收近亿元", [("100000000", "元", "money", "approx")]),
    ("设立20亿元产业基金和2亿元天使基金",
     [("2000000000", "元", "money", "eq"), ("200000000", "元", "money", "eq")]),
]

# Issue 13, forms of financial breakfasts (a second blind set's misses), written anew:
# commodity units, cents, an exchange rate's basis points, a change by one quantity to another.
POSITIVE += [
    ("原油库存减少300.5万桶", [("3005000", "桶", "measure", "eq")]),
    ("全球黄金ETF持仓增至8000万盎司", [("80000000", "盎司", "measure", "eq")]),
    ("小麦期货报612.5美分/蒲式耳", [("6.125", "美元", "money", "eq")]),
    ("人民币兑美元中间价报7.10,调降120个基点",
     [("120", "基点", "measure", "eq")]),
    ("10年期国债收益率下行3个基点", [("0.03", "百分点", "percent", "eq")]),
    ("人民币中间价调升50个基点，10年期国债收益率下行3个基点",
     [("50", "基点", "measure", "eq"), ("0.03", "百分点", "percent", "eq")]),
    ("上周原油产量增加20万桶至1200万桶/日",
     [("200000", "桶", "measure", "eq"), ("12000000", "桶", "measure", "eq")]),
    ("涨幅扩大3至5个百分点", [("3", "百分点", "percent", "gte"),
                              ("5", "百分点", "percent", "lte")]),
    # After a change verb, ends of one size are still a range.
    ("预计全年增长5%至8%", [("5", "%", "percent", "gte"), ("8", "%", "percent", "lte")]),
    ("利润增长10亿元至20亿元", [("1000000000", "元", "money", "gte"),
                                ("2000000000", "元", "money", "lte")]),
]


def _key(mention: TargetMention) -> tuple[str, str, str, str]:
    return (str(mention.value), mention.unit, mention.kind, mention.qualifier)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    POSITIVE,
    ids=[f"{s}->{'+'.join(e[0] + e[1] + ':' + e[3] for e in exp)}" for s, exp in POSITIVE],
)
def test_positive(sentence: str, expected: list[tuple[str, str, str, str]]) -> None:
    """Each sentence yields exactly these quantities, in order."""
    found = extract_targets(sentence)
    assert [_key(m) for m in found] == [
        (str(Decimal(v)), u, k, q) for v, u, k, q in expected
    ]


# The mention text includes adjacent qualifier words.
TEXTS: list[tuple[str, list[str]]] = [
    ("产值超过5000亿元", ["超过5000亿元"]),
    ("增速25%以上", ["25%以上"]),
    ("不超过20个试点", ["不超过20个"]),
    ("近30个城市", ["近30个"]),
    ("最高100万元", ["最高100万元"]),
    ("最高一次性奖励200万元", ["200万元"]),
    ("电价200元/平方米", ["200元/平方米"]),
    ("两三个", ["两三个", "两三个"]),
    # Issue 14: a hard-wrapped page breaks a line between a number and its measure word.
    ("有30\n个村结束了缺水", ["30\n个"]),
]


@pytest.mark.parametrize(("sentence", "texts"), TEXTS, ids=[t[0] for t in TEXTS])
def test_mention_text(sentence: str, texts: list[str]) -> None:
    """Adjacent qualifiers are part of the span; a governed phrase is not."""
    assert [m.text for m in extract_targets(sentence)] == texts


NEGATIVE = [
    "总数\n30\n个村",  # a number alone on its line is a cell, not one hard-wrapped quantity
    "打造千亿元级产业集群", "共有万元户",  # a class and a name, not 1e11 or 10000 元
    "十四届全国人大二次会议在北京开幕",
    "下调二套住房贷款利率下限",
    "实施“三支一扶”计划", "印发《鼓楼区促进夜间经济发展十条措施》",
    "编号2023 100的项目", "活动圆满结束", "召开圆桌会议",
    "贷款利率升至历史高位", "列入重点项目名单", "从3月起实施新规", "吸引数十家国际品牌",
    "带动数百亿元投资",
    "公司持有该行股份并担任股东",
    "2023年发布", "2022-2024年", "行动计划(2023-2028)", "三年行动计划", "8个月内完成",
    "三年内翻一番", "5-10个工作日", "第一批试点", "第十四届人民代表大会", "排名前三位",
    "首批入园", "互联网3.0", "十四五期间", "Web3.0", "5G基站", "波音737", "四大新轨道",
    "五大未来产业集群", "两部委联合印发", "三大产业", "七大场景", "翻一番", "一纵一横",
    "研究一批核心技术", "一家公司", "一次性奖励", "总投资 22 元宇宙是", "6000 元宇宙科技",
    "二期工程", "百人论坛", "中国金融四十人论坛", "千人计划", "十几", "几十家企业",
    "约3个月", "签约仪式", "用户规模超15亿", "2023-08-08", "前10家企业", "最近两周",
    "建成投产", "打造一张网", "1-7月份", "元宇宙三十人论坛",
    # Real pages (issue 13): a level is not a magnitude, a time before 对 not a count.
    "启动IV级应急响应", "空气质量二级", "于8:00—18:00对长治路停电", "时间不多", "3国企改革",
]


@pytest.mark.parametrize("sentence", NEGATIVE, ids=NEGATIVE)
def test_negative(sentence: str) -> None:
    """Years, durations, ordinals, names, groupings, idioms, indefinite 一: no target."""
    assert extract_targets(sentence) == []


def test_base_offsets_spans() -> None:
    """Spans are offset by `base`, and text[start-base:end-base] is the mention text."""
    text = "低空经济:新建起降点不少于30个,总投资超15亿。"
    for mention in extract_targets(text, base=1000):
        assert text[mention.start - 1000:mention.end - 1000] == mention.text


def test_tables_have_no_duplicates_or_empty() -> None:
    """Tables are data: no empty surface, no duplicate key."""
    tables = {
        "prefix": [s for s, _, _ in PREFIX_QUALIFIERS],
        "suffix": [s for s, _, _ in SUFFIX_QUALIFIERS],
        "money": [s for s, _ in MONEY_UNITS],
        "count": [s for s, _ in COUNT_WORDS],
        "measure": list(MEASURE_UNITS),
        "currency": [s for s, _ in CURRENCY_PREFIXES],
    }
    for name, surfaces in tables.items():
        assert all(surfaces), name
        assert len(surfaces) == len(set(surfaces)), name


@pytest.mark.parametrize("text", ["1" * 100_000, "一" * 100_000, "1," * 50_000, "超过" * 50_000,
                                  "1." * 50_000, "十" * 100_000, "1万" * 50_000],
                         ids=["digits", "yi", "commas", "chaoguo", "dots", "shi", "wan"])
def test_linear_time_on_pathological_input(text: str) -> None:
    """No catastrophic backtracking: 100,000 repeated characters take well under a second (of
    CPU time, which the machine's other load does not inflate)."""
    started = time.process_time()
    extract_targets(text)
    assert time.process_time() - started < 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,.-—%一二两三十百千万亿几多余元个家亩"
                                              "以上下近约超过不最高第年月宇宙人民币/ ")),
               max_size=40))
def test_any_text_spans_hold(text: str) -> None:
    """For any text: no exception, spans hold, a value is null only with a reason that says
    why (1⏎2万户, issue 17), and negative only when its text starts with the minus sign that
    makes it so (同比-9.4%, 负3%)."""
    for mention in extract_targets(text, base=7):
        assert text[mention.start - 7:mention.end - 7] == mention.text
        if mention.value is None:
            assert mention.reason
            continue
        assert mention.value >= 0 or mention.text.startswith(("-", "−", "负"))


# The characters of issue 17's forms: decimals (点), colloquial 个/来/成, small change, 块, 负,
# currencies before numbers, coordination (和、), blanks and wraps inside numbers, Markdown.
_ISSUE_17_ALPHABET = list(
    "0123456789.点个来成半五七块毛角分钱负¥港币美元和、 \n*第这国人口每亿万元"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ISSUE_17_ALPHABET), max_size=30))
def test_issue_17_forms_keep_spans_and_give_reasons(text: str) -> None:
    """Any mix of the new forms: no exception, spans hold, a null value has a reason, and a
    negative value is written with its minus."""
    for mention in extract_targets(text, base=3):
        assert text[mention.start - 3:mention.end - 3] == mention.text
        if mention.value is None:
            assert mention.reason
        elif mention.value < 0:
            assert mention.text.startswith(("-", "−", "负"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_text(text: str) -> None:
    """Arbitrary Unicode never raises and spans hold."""
    for mention in extract_targets(text):
        assert text[mention.start:mention.end] == mention.text


def _sample_entries() -> list[tuple[int, str]]:
    """Split the sample at the lines holding only two digits; drop the source footer."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text[:text.index("文章来源")]
    parts = re.split(r"^(\d\d)\n", text, flags=re.MULTILINE)
    return [(int(parts[i]), parts[i + 1]) for i in range(1, len(parts), 2)]


def _gold() -> dict[int, list[dict[str, object]]]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    return {entry["no"]: entry["targets"] for entry in data["entries"]}


def _specific(mentions: list[TargetMention]) -> dict[tuple[Decimal, str], str]:
    """One qualifier per (value, unit): a body's 最高...200万元 (lte) is more specific than
    the headline's bare 200万元, so a non-eq qualifier wins over eq."""
    chosen: dict[tuple[Decimal, str], str] = {}
    for mention in mentions:
        assert mention.value is not None
        key = (mention.value, mention.unit)
        if chosen.get(key, "eq") == "eq":
            chosen[key] = mention.qualifier
    return chosen


@pytest.mark.parametrize(("no", "entry"), _sample_entries(), ids=lambda v: str(v)[:12])
def test_sample_entry_matches_gold(no: int, entry: str) -> None:
    """The set of (value, unit) pairs and their qualifiers equals the gold entry's targets."""
    gold = {(Decimal(str(t["value"])), str(t["unit"])): str(t["qualifier"]) for t in _gold()[no]}
    assert _specific(extract_targets(entry)) == gold


def test_unvalidated_mentions_equal_validated_ones() -> None:
    """`extract_targets` builds its mentions without validation (`target_mention`): each must
    be exactly the model that validating the same fields gives, down to the fields set."""
    text = SAMPLE.read_text(encoding="utf-8")
    mentions = extract_targets(text, base=5)
    assert mentions
    for mention in mentions:
        validated = TargetMention(**{name: getattr(mention, name)
                                     for name in mention.model_fields_set})
        assert mention == validated
        assert list(mention.__dict__.items()) == list(validated.__dict__.items())
        assert mention.model_fields_set == validated.model_fields_set
        assert mention.__pydantic_extra__ == validated.__pydantic_extra__
        assert mention.__pydantic_private__ == validated.__pydantic_private__
        assert mention.model_dump_json() == validated.model_dump_json()
        update = {"year": 2025, "metric": "企业"}
        assert mention.model_copy(update=update) == validated.model_copy(update=update)


def test_governing_words_start_with_the_prefiltered_heads() -> None:
    """`_governed` searches a window only when it holds one of `_GOVERNING_HEADS`."""
    from extractor.extract import targets

    heads = {surface[0] for surface, _ in targets.GOVERNING_QUALIFIERS}
    assert heads == set(targets._GOVERNING_HEADS)
    assert all(targets._may_govern(f"x{head}y") for head in heads)
    assert not targets._may_govern("高水平的")
