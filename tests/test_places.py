"""extract_places: candidates, verification rules, chains, zones, ambiguity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.extract.places import extract_places


def _names(text: str, context: tuple[str, ...] = ()) -> list[str | None]:
    return [m.name for m in extract_places(text, context=context) if m.adcode or m.reason]


POSITIVE = [
    # Abbreviations in set phrases on real pages (issue 13), written anew.
    ("人社部在京召开新闻发布会", ["北京市"], "zai-jing"),
    ("药品集采在沪开标", ["上海市"], "zai-hu"),
    ("改造全港公共游乐空间", ["香港特别行政区"], "quan-gang"),
    ("首都天安门广场举行升旗仪式", ["北京市"], "shoudu-tiananmen"),
    ("昆明计划扩大区块链产业", ["云南省昆明市"], "short-city"),
    ("重庆永川发布行动计划", ["重庆市永川区"], "chain-short"),
    ("上海徐汇区召开大会", ["上海市徐汇区"], "chain-short-full"),
    ("武汉汉阳出台政策", ["湖北省武汉市汉阳区"], "chain-wuhan"),
    ("武汉市汉阳区正式发布", ["湖北省武汉市汉阳区"], "chain-full"),
    ("南京鼓楼区举行峰会", ["江苏省南京市鼓楼区"], "chain-ambiguous-child"),
    ("潍坊高新区举行开幕式", ["山东省潍坊市"], "zone-gaoxin"),
    ("合肥高新区发布规划", ["安徽省合肥市"], "zone-hefei"),
    ("浙江玉环经济开发区成立中心", ["浙江省台州市玉环市"], "chain-zone"),
    ("江苏镇江发布方案", ["江苏省镇江市"], "street-word-that-starts-a-city"),
    ("云南红河州弥勒市:长期护理保险试点启动", ["云南省红河哈尼族彝族自治州弥勒市"],
     "autonomous-prefecture-as-X州"),
    ("洛阳老城区发布方案", ["河南省洛阳市老城区"], "common-full-name-after-its-parent"),
    ("浙江路桥区出台措施", ["浙江省台州市路桥区"], "road-word-that-starts-a-district"),
    # jieba knows 上海浦东 as one word; right after 上海 the left edge is a boundary anyway.
    ("上海浦东：集成电路项目集中开工", ["上海市浦东新区"], "chain-jieba-compound"),
    ("武汉元宇宙研究中心的专家", ["湖北省武汉市"], "inside-organisation"),
    ("《浙江元宇宙产业发展行动计划》", ["浙江省"], "inside-title"),
    ("北京市经信局发布通知", ["北京市"], "issuer"),
    ("深圳证券交易所公告", ["广东省深圳市"], "exchange"),
    ("2023年上海市政府工作报告", ["上海市"], "compound-word-government"),
    ("义乌小商品城", ["浙江省金华市义乌市"], "county-yiwu"),
    ("昆山开发区招商", ["江苏省苏州市昆山市"], "county-kunshan-zone"),
    ("晋江鞋服产业", ["福建省泉州市晋江市"], "county-jinjiang"),
    ("玉环县出台措施", ["浙江省台州市玉环市"], "old-name-yuhuan"),
    ("原莱芜市的企业", ["山东省济南市莱芜区"], "old-name-laiwu"),
    ("北京朝阳启动计划", ["北京市朝阳区"], "common-word-after-parent"),
    ("天津和平区召开会议", ["天津市和平区"], "heping-after-parent"),
    ("长春市民踊跃参与", ["吉林省长春市"], "prefix-fallback"),
    ("海南自由贸易港建设", ["海南省"], "zone-province-short"),
    ("贵州茅台与四川宜宾合作", ["贵州省", "四川省宜宾市"], "two-places"),
    ("在江西瑞金医院就诊", ["江西省赣州市瑞金市"], "facility-in-own-province"),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for t, e, i in POSITIVE])
def test_positive(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


NEGATIVE = [
    # A second mention of the same facility does not vouch for the first (issue 13).
    ("海军辽宁舰在渤海训练，舰载机如何着陆辽宁舰", "two-mentions-of-one-carrier"),
    ("朝阳产业发展迅速", "chaoyang-sunrise-industry"),
    ("坚持和平发展道路", "heping-peace"),
    ("与高校和科研机构合作", "hezuo-cooperate"),
    ("新建智能工厂150家", "xinjian-new-build"),
    ("新建区块链产业园", "xinjianqu-crossing-word"),
    ("东方市场繁荣", "dongfangshi-market"),
    ("中国制造2025", "zhongguo-not-division"),
    ("打造鼓楼样本", "gulou-drum-tower"),
    ("南京路步行街", "street-named-after-city"),
    ("南京西路商圈吸引品牌首发", "street-with-direction"),
    ("以城厢镇、大同街道为重点", "towns-named-like-districts"),
    ("老城区微改造惠及居民", "laochengqu-old-town"),
    ("京东商城支持数字人民币支付", "shangcheng-mall"),
    ("发挥鄱阳湖生态廊道作用", "lake-named-after-a-county"),
    ("金沙江畔的村庄迎来游客", "river-named-after-a-county"),
    ("祝愿大家幸福安康", "ankang-a-wish"),
    ("白银期货收跌2%报30美元/盎司", "baiyin-silver"),
    ("新星转债上市首日上涨", "xinxing-a-bond"),
    ("开展数字人民币惠农支付试点", "huinong-benefiting-farmers"),
    ("普陀山景区接待游客同比增长", "mountain-named-after-a-district"),
    ("北京时间5日凌晨,比赛在伦敦结束", "beijing-time-is-a-clock"),
    ("深入推进成渝地区双城经济圈建设", "shuangcheng-twin-cities"),
    ("资源共享平台", "ziyuan-resources"),
    ("城区改造", "chengqu-generic"),
    ("五一假期全州共接待游客120万人次", "quanzhou-whole-prefecture"),
    # Real pages (issue 13), written anew.
    ("推出多项惠民措施", "huimin-benefiting-people"),
    ("改造社区公共康乐设施", "kangle-recreation"),
    ("实施白沙水库水源地整治", "reservoir-named-after-a-county"),
    ("京东在京东商城开店", "jingdong-company"),
    ("菲首都马尼拉举行仪式", "a-foreign-capital"),
    ("沪深两市成交额", "hu-shen-markets"),
    ("辽宁舰连续四天起降舰载机", "an-aircraft-carrier"),
    ("景泰蓝釉彩生辉", "cloisonne"),
    ("伊美关系持续紧张", "iran-and-the-us"),
    ("大城市房价上涨", "a-big-city"),
    ("可以走尽是天涯", "the-ends-of-the-earth"),
]


@pytest.mark.parametrize(("text",), [pytest.param(t, id=i) for t, i in NEGATIVE])
def test_negative(text: str) -> None:
    assert [m.name for m in extract_places(text) if m.adcode] == []


def test_facility_elsewhere_is_not_the_place() -> None:
    """瑞金医院 in a Shanghai text is a hospital named after a street, not 瑞金市."""
    assert _names("上海瑞金医院元宇宙智慧医院") == ["上海市"]


def test_area_is_not_a_division() -> None:
    ms = extract_places("长三角元宇宙创新发展第一区，中关村科技园")
    assert [(m.text, m.adcode) for m in ms] == [("长三角", None), ("中关村", None)]


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        pytest.param("鼓楼区召开会议", ("350100",), "福建省福州市鼓楼区", id="context-fuzhou"),
        pytest.param("鼓楼区召开会议", ("320100",), "江苏省南京市鼓楼区", id="context-nanjing"),
        pytest.param("朝阳区发布计划", ("220000",), "吉林省长春市朝阳区", id="context-jilin"),
        pytest.param("南京鼓楼区峰会，鼓楼高新区揭牌", (), "江苏省南京市鼓楼区", id="same-text"),
    ],
)
def test_ambiguous_with_context(text: str, context: tuple[str, ...], expected: str) -> None:
    assert _names(text, context)[-1] == expected


def test_ambiguous_without_context_is_null_with_reason() -> None:
    (m,) = extract_places("鼓楼区召开会议")
    assert m.adcode is None and m.name is None
    assert m.reason is not None and "ambiguous" in m.reason


def test_spans_offset_by_base() -> None:
    text = "2023年，重庆市永川区人民政府发布"
    (m,) = extract_places(text, base=100)
    assert text[m.start - 100 : m.end - 100] == m.text == "重庆市永川区"


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("上海市徐汇区朝阳产业新建区块链鼓楼高新南京路和平😀a1，。")),
        max_size=40,
    ),
    st.integers(0, 50),
)
def test_any_text_spans_hold(text: str, base: int) -> None:
    """No exception on any text; every span points at its text."""
    for m in extract_places(text, base=base):
        assert text[m.start - base : m.end - base] == m.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_any_unicode_spans_hold(text: str) -> None:
    for m in extract_places(text):
        assert text[m.start : m.end] == m.text


def test_a_name_after_a_place_chains_only_as_its_child() -> None:
    """东莞|松山湖: 松山区 is in 赤峰, and 松山湖 is a lake in 东莞, not a second place."""
    places = extract_places("华为开发者大会在广东东莞松山湖举办")
    assert [p.name for p in places if p.adcode] == ["广东省东莞市"]


_WINDOW_ALPHABET = "上海市政府新建区块链和平发展会同证监创义乌南京路γa1 ，\r\n"
_WINDOW_TEXTS = [
    "新建区块链产业园",
    "2023年上海市政府工作报告",
    "在重庆永川发布",
    "创新和平发展，会同证监会",
    "浙江义乌小商品城，河南省政府",
    "经济观察阜新市人",
    "γ射线上海市政府γ",
    "上海 浦东\r\n新区a1b上海",
]


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list(_WINDOW_ALPHABET)),
        min_size=2,
        max_size=24,
    )
)
def test_window_segmentation_is_jiebas(text: str) -> None:
    """The boundary check segments a name's window itself (`_jieba_keeps`, jieba's DP on the
    name's run): every span must get the verdict jieba's own cut gives."""
    from extractor.extract.places import _jieba_keeps, _jieba_keeps_by_cut, _segmenter

    seg = _segmenter()
    for sample in (text, *_WINDOW_TEXTS):
        for start in range(len(sample) - 1):
            for end in range(start + 2, min(len(sample), start + 5) + 1):
                assert _jieba_keeps(sample, start, end, seg) == _jieba_keeps_by_cut(
                    sample, start, end
                ), (sample, start, end)


# Divisions of Taiwan, Hong Kong and Macau below the province level (issue 13): the national
# code table has no code for them, so they come with a path, a level, a null adcode and a
# reason; a mainland division with the same short name keeps it (新北 is 常州's 新北区).
UNCODED = [
    ("新北市板桥区举办灯会", [("新北市", "台湾省新北市", "city")]),
    ("在台北举行记者会", [("台北", "台湾省台北市", "city")]),
    ("花莲县发生5.2级地震", [("花莲县", "台湾省花莲县", "city")]),
    ("高雄港货柜量增长", [("高雄", "台湾省高雄市", "city")]),
    ("香港荃湾区新建公屋", [("香港", "香港特别行政区", "province"),
                          ("荃湾区", "香港特别行政区荃湾区", "district")]),
    ("油尖旺区启动活动", [("油尖旺区", "香港特别行政区油尖旺区", "district")]),
    ("澳门风顺堂区", [("澳门", "澳门特别行政区", "province"),
                      ("风顺堂区", "澳门特别行政区风顺堂区", "district")]),
    # Mainland names keep their meaning, and streets named after a Taiwan city are streets.
    ("常州新北区出台政策", [("常州新北区", "江苏省常州市新北区", "district")]),
    ("南京市台北路改造", [("南京市", "江苏省南京市", "city")]),
    ("金门县举办活动", [("金门县", "福建省泉州市金门县", "district")]),
]


@pytest.mark.parametrize(("text", "expected"), UNCODED)
def test_divisions_without_a_national_code(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    from extractor.extract.places import uncoded_parent

    found = extract_places(text)
    assert [(m.text, m.name, m.level) for m in found] == expected
    for mention in found:
        assert mention.name is not None
        uncoded = uncoded_parent(mention.name) is not None
        assert (mention.adcode is None) == uncoded
        assert (mention.reason is not None) == uncoded


def test_every_uncoded_division_lies_in_a_coded_one() -> None:
    from extractor import gazetteer
    from extractor.extract.places import uncoded_divisions, uncoded_parent

    for surface, division in uncoded_divisions().items():
        parent = uncoded_parent(division.path)
        assert parent is not None and parent.level == "province", surface
        assert division.path.startswith(parent.path)
        # A surface the gazetteer also knows would be shadowed silently: list it on purpose.
        assert not gazetteer.by_name(surface) and not gazetteer.by_short(surface), surface
