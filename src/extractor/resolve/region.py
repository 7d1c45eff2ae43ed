"""The entry's primary jurisdiction, chosen by stated rules.

Rules, in order; the first that applies wins and is recorded in `Region.rule`. Each is a small
function of `REGION_RULES` (`_addressee_rule`, `_taiwan_subject_rule`,
`_national_response_rule`, `_leader_diplomacy_rule`, `_foreign_subject_rule`,
`_company_rule`, `_location_field_rule`, `_self_reference_rule`, `_listed_divisions_rule`,
`_headline_rule`, `_national_headline_rule`, `_body_rule`) that returns a region, None
(decided: no jurisdiction) or "undecided". The rules read the Simplified copy of a
Traditional text. Items 1-7 below:

1. ``addressee``: the article is a letter to one authority (四川省人民政府：, found by
   `find_addressee`) -> that division, for every item (你省…, 支持南昌都市圈…).
   ``headline-subject``: a headline opening with Taiwan's authorities or people (岛内舆论…,
   台网友称…) before any division is 台湾省's.
   A national body answering a foreign act in the headline or the next sentence (某国拟修改
   教材 外交部回应, …。商务部对此回应称), with no division named, makes the item national
   (rule ``national-headline`` or ``national-body``).
   ``national-leader``: a headline where a bare Chinese name meets a foreign official
   (李某会见某国外长) is a state leader's diplomacy, national.
   A headline whose subject is foreign (美国商务部…, 欧盟…) before any Chinese division or
   national body gives None: the item has no Chinese jurisdiction; so does a company as the
   subject. A project list's location field, and 我县-style self-reference, come next.
   ``listed``: divisions listed in the headline as some of many (河北、湖南等多地…,
   杭州、宁波等地…) give the division holding them all, 全国 when that is none.
2. ``headline``: the headline's first division (上海徐汇：… -> 上海市徐汇区). It is narrowed
   (``headline+venue``) to a body place that descends from it and is where the event is held:
   a name followed by an event word and a holding verb (2023海口论坛举行), or 在X举行/召开.
   A descendant named for another reason (山东 report: 支持潍坊元宇宙产业园建设) does not narrow.
   A division that is only where a national body meets (国务院在京召开…) is not the headline's.
   In an article with its own division, a county-level name written bare (西城区) that lies in
   another province names a local quarter: the article's division is the item's.
3. ``national-headline``: the headline names a national body (国务院, 工信部, 国家药品监督
   管理局, 中国汽车工业协会, 海军...), 全国, or a count of many cities or provinces
   (70个大中城市, 12个省份: nationwide statistics), or opens with the national stock market
   (A股成交额回升).
4. ``issuer`` / ``national-body``: whichever comes first in the body's first sentence, where
   digests name the issuer: a division (2023年1月15日，上海市经信委发布…) or a national body
   (十四届全国人大二次会议在北京开幕 -> 全国). Where the first sentence names no actor, a
   national body or 我国 opening the next sentence (…谣言。经公安部调查,…) is the body's.
5. ``most-frequent``: the body's most often named division (earliest on ties).
6. ``article``: the jurisdiction of the whole article (a policy document's title, 北京市通州区
   促进…若干措施) for an entry that names none, or that names only an ancestor of it
   (a 通州区 clause mentioning a Beijing-level exchange) without naming it in its headline.
7. None: a company or a foreign country with no Chinese jurisdiction.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, cast

from extractor import gazetteer
from extractor.gazetteer import Division
from extractor.models import NATIONAL_REGION, EntrySpan, Level, PlaceMention, Region
from extractor.names import COMMON_SURNAMES, TRANSLITERATION_CHARS

# National bodies and national markers (data: names as digests write them, from the State
# Council's list of ministries and commissions, gov.cn/gjjg). A headline or first sentence
# naming one of them with no division makes the entry national.
NATIONAL_BODIES: tuple[str, ...] = (
    "国务院",
    "中共中央",
    "全国人大",
    "全国人民代表大会",
    "全国政协",
    "国家发展改革委",
    "国家发改委",
    "发改委",
    "工信部",
    "工业和信息化部",
    "科技部",
    "财政部",
    "商务部",
    "教育部",
    "交通运输部",
    "农业农村部",
    "生态环境部",
    "自然资源部",
    "人力资源社会保障部",
    "住房城乡建设部",
    "文化和旅游部",
    "国家卫生健康委",
    "央行",
    "中国人民银行",
    "国家金融监督管理总局",
    "证监会",
    "国家标准化管理委员会",
    "国家标准委",
    "国家市场监督管理总局",
    "市场监管总局",
    "国家网信办",
    "国家互联网信息办公室",
    "国家统计局",
    "国家数据局",
    "国家知识产权局",
    "国家能源局",
    "国家广播电视总局",
    "海关总署",
    "中华人民共和国",
    "民政部",
    # Issue 13: the rest of the State Council's ministries, commissions and bureaus as
    # digests abbreviate them (gov.cn/gjjg), the courts and procuratorate, the Party's central
    # organs; a foreign one is written with its country (美国国防部) and is skipped.
    "外交部",
    "国防部",
    "国家安全部",
    "国家民委",
    "国资委",
    "国务院国资委",
    "税务总局",
    "金融监管总局",
    "广电总局",
    "体育总局",
    "民航局",
    "国家铁路局",
    "国家邮政局",
    "外汇局",
    "国台办",
    "国务院台办",
    "港澳办",
    "国新办",
    "国管局",
    "国家医保局",
    "国家药监局",
    "国家疾控局",
    "国家林草局",
    "国家文物局",
    "国家移民局",
    "最高人民法院",
    "最高法",
    "最高人民检察院",
    "最高检",
    "中央纪委",
    "中纪委",
    "中宣部",
    "中组部",
    "中央网信办",
    "中央军委",
    # The state's leaders act for it (国家主席会见…, 国务委员…出席): their titles, not names.
    # Not 总书记 or 中央政治局: local news studies 总书记重要讲话, and a 中央政治局委员 may be a
    # city's party secretary acting in it.
    "国家主席",
    "国家副主席",
    "国务委员",
    "中科院",
    "中国科学院",
    "中国工程院",
    "中国社会科学院",
    "中国气象局",
    "中央气象台",
    "中国地震台网",
    "公安部",
    "司法部",
    "水利部",
    "应急管理部",
    "退役军人事务部",
    "人力资源和社会保障部",
    "人社部",
    "住房和城乡建设部",
    "住建部",
    "文化和旅游部",
    "文旅部",
    "国家卫健委",
    "审计署",
    "银保监会",
    "中国银保监会",
    "银监会",
    "保监会",
    "中办",
    "国办",
    # Policy banks act for the state; 中国银行 and other commercial banks do not.
    "国家开发银行",
    "国开行",
    "中国进出口银行",
    "中国农业发展银行",
    "各部委",
    "多部委",
    "全国",
    "我国",
    # A bare 统计局 heading a statistics item is the national bureau (统计局:4月,CPI…); a
    # local one is named with its division, which the headline rule takes first.
    "统计局",
    # National media speak for the state: an item they issue or a program of theirs
    # (《求是》杂志发表…, 人民日报社论, 《新闻联播》) is national.
    "新闻联播",
    "人民日报",
    "求是",
    "中央广播电视总台",
    "央视",
    # The army and the state's programs act for the country (海军山东舰编队在南海训练, 神舟七号
    # 发射成功); a foreign one is written with its country (美国海军).
    "解放军",
    "中国军队",
    "海军",
    "空军",
    "火箭军",
    "战区",
    "载人航天",
    "神舟",
    "天宫",
    "嫦娥",
    "天问",
    "习主席",
    # The state's reserves (中央储备粮轮换, 国家储备物资投放) are national stocks.
    "中央储备",
    "国家储备",
    # Nationwide markets and calendars: 新三板挂牌公司融资…, 端午节放假安排 (the State
    # Council's; a school's or a city's names its division first).
    "新三板",
    # The passenger-car association's monthly national figures (乘联会, 乘联分会).
    "乘联会",
    "乘联分会",
    "放假安排",
)
# After a national body, these make it a person's title (中国工程院院士, 中科院院士): the person
# acts, not the body.
TITLES_AFTER_BODY: tuple[str, ...] = ("院士", "学部委员")
# National bodies that local governments have namesakes of: after 省/市/区… they are the local
# office (市国资委, 省港澳办, 区外汇局); 综试区国务院再批… keeps 国务院.
LOCAL_NAMESAKES: frozenset[str] = frozenset(("国资委", "港澳办", "外汇局", "税务总局", "民航局"))
LOCAL_LEVEL_CHARS: frozenset[str] = frozenset("省市区县州盟旗镇")
# National organisations not in the table follow one naming pattern: 国家/中国 + field +
# an organisation word (国家药品监督管理局, 中国汽车工业协会, 中国信息通信研究院).
# Written as two alternatives, each starting with its literal word (not "(?:国家|中国)…"):
# when every alternative starts with a plain character, the regex engine skips ahead to
# those characters instead of trying every alternative at every position (10x faster).
_NATIONAL_PATTERNS = tuple(
    prefix + r"[\u4e00-\u9fff]{1,12}?(?:总局|局|部|委员会|协会|学会|联合会|研究院|研究中心|办公室)"
    for prefix in ("国家", "中国")
)
# Statistics over many cities or provinces speak for the country: 70个大中城市, 十五典型城市,
# 30个重点城市, 20个省级行政区, 百城. Not a division's own (全省13个城市, 市内5个城区).
# Found from the literal word (a pattern that starts with a digit class makes the scan 30x
# slower), then the count before it.
_MANY_WORDS = re.compile(r"城市|省份|省区市|省市区|省级行政区|省[(（]区、市[)）]|百城")
_MANY_COUNT = re.compile(
    r"(?<!全省)(?<!全市)(?<!本省)(?<!本市)(?<!我省)(?<!我市)(?<!省内)(?<!市内)(?<!区内)"
    r"(?<![\d二两三四五六七八九十百])(?:\d{1,3}|[二两三四五六七八九十百]{1,3})个?"
    r"(?:重点|主要|典型|代表|代表性|样本|大中|热点|一线|二线|三线)?$"
)
_MANY_COUNT_CHARS = 9
_FOREIGN_BEFORE_COUNT = 6


# A division named as one example of many (北京、上海等20个城市, 南方各省和新疆等20个省级
# 行政区): the count, not the example, says what the item covers.
_EXAMPLE_TAIL = re.compile(r"(?:[、和及与][^，。,；;、等\n]{1,8})*等")
_EXAMPLE_COUNT_CHARS = 16
# A place opening an exchange's name after 在/于/登陆 (于上海证券交易所挂牌): the listing venue.
_LISTING_PREPOSITIONS = ("在", "于", "陆")
_EXCHANGE_AFTER = re.compile(r"(?:证券|期货|联合|商品)?交易所")


def _is_listing_venue(text: str, place: PlaceMention) -> bool:
    """于上海证券交易所挂牌, 在某地证券交易所上市: the exchange a security lists on is where
    it trades, not the item's jurisdiction (its issuer's is).

    >>> from extractor.extract.places import extract_places
    >>> text = "某公司债券于上海证券交易所挂牌"
    >>> _is_listing_venue(text, extract_places(text)[0])
    True
    """
    return (text[max(0, place.start - 1):place.start] in _LISTING_PREPOSITIONS
            and _EXCHANGE_AFTER.match(text, place.end) is not None)


def _is_listed_example(text: str, place: PlaceMention) -> bool:
    tail = _EXAMPLE_TAIL.match(text, place.end)
    return tail is not None and _many_divisions_at(
        text, tail.end(), tail.end() + _EXAMPLE_COUNT_CHARS
    ) == tail.end()


def _many_divisions_at(text: str, start: int, end: int) -> int | None:
    """Where the first count of many cities or provinces in text[start:end] starts (not a
    foreign country's: 美国20个城市)."""
    for match in _MANY_WORDS.finditer(text, start, end):
        found: int | None = match.start()
        if match.group() != "百城":
            count = _MANY_COUNT.search(
                text, max(start, match.start() - _MANY_COUNT_CHARS), match.start()
            )
            found = count.start() if count is not None else None
        if found is not None and _FOREIGN.search(
            text, max(start, found - _FOREIGN_BEFORE_COUNT), found
        ) is None:
            return found
    return None


# The country as the subject of a verb (中国发布全球首个…, 中国连续第8年成为…), not in a name
# (中国银行, 中国新闻网).
_COUNTRY_SUBJECT = (
    "中国(?=(?:发布|成为|连续|宣布|推出|启动|实现|首次|再次|正式|累计|继续|位居|跃居|已|将)"
    ")"
)
_NATIONAL = re.compile(
    "|".join([*map(re.escape, sorted(NATIONAL_BODIES, key=len, reverse=True)),
              *_NATIONAL_PATTERNS, _COUNTRY_SUBJECT])
)

# A company as the subject of the first sentence: 峰飞航空科技公司, 小米集团.
_COMPANY_WORD = re.compile(r"有限公司|股份公司|公司|集团")

# A listed company's code in the headline makes the item company news: 贵州茅台(600519.SH):….
_STOCK_CODE = re.compile(r"\d{6}\.(?:SH|SZ|BJ)\b|\b\d{4,5}\.HK\b", re.IGNORECASE)

# "X：" at the start of a headline: X is its subject when short.
_SUBJECT_COLON = re.compile(r"[:：]")
_MAX_SUBJECT = 12
# What may open a sentence before its subject: a date or time, and 经/据/由 (经公安部调查).
_SUBJECT_LEAD = re.compile(
    r"(?:[\d年月日时分上下午晚早,，、\s]|届时|目前|此外|同时|随后|其中)*"
    r"(?:经|經|据|據|由)?"
)
# Labels of flattened tables and forms, not subjects: 地区：吉林省长春市.
SUBJECT_LABELS: frozenset[str] = frozenset(
    ("地区", "地点", "政策", "要点", "时间", "来源", "主题", "内容", "标题", "摘要", "背景")
)
# Words that make a subject a jurisdiction or its government: 国家层面, 上海科技委, 浙江省政府.
GOVERNMENT_SUFFIXES: tuple[str, ...] = (
    "政府", "委员会", "委", "局", "厅", "部", "办", "办公室", "署", "院", "会", "处", "中心",
    "法院", "检察院", "海关", "层面", "部门",
    # Towns, streets and zones are places too: 观海卫镇：…, 临港新片区：….
    "镇", "乡", "街道", "村", "社区", "园区", "新区", "开发区", "高新区", "片区",
    # Public market institutions named after their city: 上海数据交易所：….
    "交易所", "交易中心",
)
# Words that make a subject a topic, not an organisation: 市级政策：…, 各区政策：…, 行业动态：….
TOPIC_SUFFIXES: tuple[str, ...] = (
    "政策", "措施", "新闻", "要闻", "动态", "资讯", "快讯", "概况", "解读", "热点", "亮点",
    "观察", "聚焦", "数据",
)
_NOT_COMPANY_SUFFIXES = GOVERNMENT_SUFFIXES + TOPIC_SUFFIXES
_JURISDICTION_WORDS = re.compile(
    r"国家|中央|全国|地方|各地|多地|省|市|区|县|州|高新区|开发区|新区|自贸区|自贸试验区"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A company's name after a place: 字节跳动科技有限公司, 华为技术有限公司, 海尔集团.
_COMPANY_AFTER = re.compile(
    r"[^\s，,。；;：:、()（）《》]{0,10}?(?:股份有限公司|有限责任公司|有限公司|集团|公司)"
)

# Foreign countries and bodies: 美国商务部 is not China's 商务部, and an item whose subject is
# foreign has no Chinese jurisdiction.
FOREIGN_NAMES: tuple[str, ...] = (
    "美国", "美联储", "日本", "韩国", "朝鲜", "欧盟", "欧洲", "英国", "德国", "法国", "意大利",
    "西班牙", "荷兰", "瑞士", "瑞典", "俄罗斯", "乌克兰", "印度", "越南", "泰国", "新加坡",
    "马来西亚", "印尼", "印度尼西亚", "菲律宾", "澳大利亚", "新西兰", "加拿大", "墨西哥",
    "巴西", "阿根廷", "沙特", "阿联酋", "以色列", "土耳其", "南非", "埃及", "联合国", "世界银行",
    "国际货币基金组织", "世贸组织", "白宫", "硅谷", "华尔街",
    "国际清算银行", "多国央行", "多家央行", "各国央行",
    # Regions of the world: 中东光伏市场, 东南亚电商.
    "中东", "东南亚", "中亚", "东盟", "拉美", "非洲", "北美", "南美",
    # More countries news names, none inside a Chinese division's name (so not 蒙古, which is
    # in 内蒙古, nor 巴林, in 巴林右旗).
    "伊朗", "伊拉克", "叙利亚", "黎巴嫩", "也门", "巴勒斯坦", "卡塔尔", "约旦", "阿富汗",
    "巴基斯坦", "哈萨克斯坦", "乌兹别克斯坦", "吉尔吉斯斯坦", "塔吉克斯坦", "缅甸", "老挝",
    "柬埔寨", "波兰", "希腊", "葡萄牙", "比利时", "奥地利", "挪威", "丹麦", "芬兰", "爱尔兰",
    "匈牙利", "白俄罗斯", "委内瑞拉", "哥伦比亚", "智利", "秘鲁", "古巴", "尼日利亚",
    "肯尼亚", "埃塞俄比亚", "摩洛哥", "津巴布韦",
    # A country's army or side by its one-character name: 以军称…, 美方表示… (not 中方).
    "以军", "美军", "俄军", "乌军", "日军", "以方", "美方", "俄方", "乌方", "日方", "韩方",
    "朝方", "欧方", "英方", "法方", "德方",
)
_FOREIGN = re.compile("|".join(map(re.escape, sorted(FOREIGN_NAMES, key=len, reverse=True))))
_FOREIGN_PREFIX_CHARS = 2

# A state leader's diplomacy: a bare personal name (no division, no title) meeting a foreign
# official (王某会见某国外长, 李某同某国总理举行会谈). Chinese digests name a foreign leader with
# the country and title (法国总统…); a bare name opening a headline is a Chinese leader's.
# A bare name opening with a common surname, without transliteration characters, is
# Chinese (`extractor.names`).
_LEADER_MEETING = re.compile(
    r"([\u4e00-\u9fff]{2,3}?)(?:会见|会晤|接见|集体会见|(?:同|与)[^，。,；;]{2,16}?"
    r"(?:会谈|会晤|通电话))"
)
_FOREIGN_OFFICIAL = re.compile(
    r"总统|总理|首相|国王|女王|王储|大臣|外长|外交部长|国务卿|部长|大使|议长|秘书长|总干事"
)

# The national stock market opening a headline, after 随着/据 and the like.
# Not one listed company (A股上市公司某某科技拟收购…): the market's, or its companies' as a
# whole (年报, 中报, 分红).
_NATIONAL_MARKET = re.compile(
    r"(?:随着|截至|今日|今天|本周|周[一二三四五])?"
    r"(?:沪深两市|A股(?!上市公司(?![^，。,；;]{0,6}(?:年报|中报|半年报|季报|业绩|分红|整体))))"
)

# Hong Kong's stock market opening a headline (港股冲高回落, 恒生指数收涨): Hong Kong's.
_HONG_KONG_MARKET = re.compile(r"(?:今日|今天|本周)?(?:港股(?!通)|恒生指数|恒指)")

# Divisions listed as some of many: 河北、湖南等多地…, 江苏、福建等地的协会….
_LIST_JOINER = re.compile(r"[、和及与]")
_SOME_OF_MANY = re.compile(r"等(?:多|各|部分)?(?:地|省份|省|省市|城市|市)")

# A national body answering (外交部回应, 商务部对此回应称, 外交部发言人某某答记者问):
# the verb right after the body, its spokesman or 对此/就此.
RESPONSE_VERBS: tuple[str, ...] = (
    "回应", "答问", "答记者问", "表态", "驳斥", "谴责", "抗议", "反制", "交涉", "约见",
)
_RESPONSE_VERB = re.compile("|".join(RESPONSE_VERBS))
_RESPONSE_AFTER = re.compile(
    rf"(?:发言人[^，。,；;：:\s]{{0,5}}?|对此|就此)?(?:{'|'.join(RESPONSE_VERBS)})"
)

# Words digests use for Taiwan's authorities and people as a headline's subject (岛内舆论…,
# 台网友称…, 台当局…): the item is Taiwan's, where no division is named.
TAIWAN_SUBJECTS: tuple[str, ...] = (
    "岛内", "台当局", "台湾当局", "民进党当局", "台网友", "台湾网友", "台警方", "台军",
)
_TAIWAN_SUBJECT = re.compile("|".join(map(re.escape, TAIWAN_SUBJECTS)))
_TAIWAN = "710000"
# Quotes, brackets and emphasis that may open a headline before its subject.
_LEAD_MARKS = re.compile(r"[\s\"“‘'【\[(（*]+")

# Between a province and its capital: 西藏自治区首府拉萨, 河南省省会郑州.
_CAPITAL_WORD = re.compile(r"首府|省会")

# A location field in a project list or form: 建设地点：济南市高新区｜总投资：….
_LOCATION_FIELD = re.compile(
    r"(?:建设|项目|实施|活动)?地点\s*[:：]\s*(?P<value>[^|｜\n\r。；;]{2,60})"
)
_DIVISION_SUFFIXES = ("省", "自治区", "市", "自治州", "州", "地区", "盟", "区", "县", "旗")

# A publisher's words for its own division (我县 = "our county").
_SELF_WORDS = re.compile(r"我(?:省|市|县|区|州|旗|盟)")

# An event held at a place: 海口论坛举行, 在南京鼓楼区举行. The place must come right before
# the event word or after 在.
_EVENT_WORDS = "论坛|峰会|大会|年会|博览会|展览会|交易会|会议|活动|仪式|发布会"
_HOLD_VERBS = "举行|举办|召开|开幕|启动|开展"
_VENUE_AFTER = re.compile(rf"[^，。,；;]{{0,6}}?(?:{_EVENT_WORDS})?(?:{_HOLD_VERBS})")

# Assemblies of a division that meet in its capital without being the capital's business.
_ASSEMBLY = re.compile(r"人民代表大会|人大|政协|党代会|省委|区委|全会|常委会|省政府")
_ASSEMBLY_LOOKBACK = 40

_EVENT_AFTER = re.compile(rf"[^，。,]{{0,6}}?(?:{_EVENT_WORDS})")

# The first sentence ends at the first full stop (digests put the issuer there).
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_WRITTEN = re.compile(r"[^\s\u3000]")
_ENDS_LINE = re.compile(r"[。.!！?？ \t\u3000]*\n")

# An addressee line: "四川省人民政府：", "XX市发展改革委：" alone on its line.
_ADDRESSEE_LINE = re.compile(
    r"^[ \t\u3000]*(?P<who>[^\s：:，。,]{2,40}?"
    r"(?:人民政府|政府|办公厅|委员会|发展改革委|发改委|[厅局委办]))[：:][ \t\u3000]*$",
    re.MULTILINE,
)

# The national region as each rule returns it, built once (regions are frozen).
_NATIONAL_HEADLINE = NATIONAL_REGION.model_copy(update={"rule": "national-headline"})
_NATIONAL_BODY = NATIONAL_REGION.model_copy(update={"rule": "national-body"})
_NATIONAL_LEADER = NATIONAL_REGION.model_copy(update={"rule": "national-leader"})
_NATIONAL_ARTICLE = NATIONAL_REGION.model_copy(update={"rule": "article"})


def _divisions(places: Sequence[PlaceMention], lo: int, hi: int) -> list[PlaceMention]:
    return [
        coded for p in places
        if lo <= p.start and p.end <= hi and (coded := _as_coded(p)) is not None
    ]


def _as_coded(place: PlaceMention) -> PlaceMention | None:
    """The place as a coded division: itself, or for a city of Taiwan or a district of Hong
    Kong (no national code) the province it lies in, on the same span; None for a place that
    is not a division (长三角)."""
    if place.adcode is not None:
        return place
    if place.name is None or place.reason is None:
        return None
    from extractor.extract.places import uncoded_parent  # lazy: keeps import cheap

    parent = uncoded_parent(place.name)
    if parent is None:
        return None
    return place.model_copy(
        update={"name": parent.path, "adcode": parent.adcode, "level": parent.level}
    )


def _with_rule(region: Region, rule: str) -> Region:
    """`region` chosen by `rule`: itself when it already says so (regions are frozen), else a
    new one; `model_copy` costs several times more than building it."""
    if region.rule == rule:
        return region
    return Region(name=region.name, adcode=region.adcode, level=region.level, rule=rule)


def _region(place: PlaceMention, rule: str) -> Region:
    assert place.name is not None  # a division always has its name
    return _division_region(place.name, place.adcode, place.level, rule)


@functools.cache
def _division_region(name: str, adcode: str | None, level: Level | None, rule: str) -> Region:
    """One frozen Region per division and rule, shared by every entry it is chosen for: the
    same few hundred divisions come back entry after entry, and validating a new Region
    each time costs more than the lookup."""
    return Region(name=name, adcode=adcode, level=level, rule=rule)


def _is_descendant(child: PlaceMention, parent: PlaceMention) -> bool:
    """By the full path: 海南省海口市 lies in 海南省 (codes and paths agree in the gazetteer)."""
    assert child.name is not None and parent.name is not None
    return child.name != parent.name and child.name.startswith(parent.name)


def _is_venue(text: str, place: PlaceMention) -> bool:
    """Is the place where the event is held? 2023海口论坛举行 / 在南京鼓楼区举行. Not when
    the event is the headline division's own assembly: 广东省人民代表大会…在广州开幕 is the
    province's business, held in its capital."""
    if _VENUE_AFTER.match(text, place.end) is None:
        return False
    sentence_start = max(0, place.start - _ASSEMBLY_LOOKBACK)
    if _ASSEMBLY.search(text, sentence_start, place.start):
        return False
    before = text[max(0, place.start - 6) : place.start]
    return "在" in before or _EVENT_AFTER.match(text, place.end) is not None


def is_meeting_place(text: str, place: PlaceMention) -> bool:
    """Is the place only where a meeting is held (在北京人民大会堂开幕, 在京召开)?

    >>> from extractor.extract.places import extract_places
    >>> text = "十三届全国人大三次会议在北京人民大会堂开幕"
    >>> is_meeting_place(text, extract_places(text)[0])
    True
    """
    return text[max(0, place.start - 1):place.start] in ("在", "于") and (
        _VENUE_AFTER.match(text, place.end) is not None
    )


def _national_at(text: str, start: int, end: int) -> int | None:
    """Where the first national body or count of many divisions in text[start:end] starts,
    skipping foreign bodies (美国商务部 is not 商务部)."""
    many = _many_divisions_at(text, start, end)
    body = _national_body_at(text, start, end if many is None else many)
    return many if body is None else body


def _national_body_at(text: str, start: int, end: int) -> int | None:
    for match in _NATIONAL.finditer(text, start, end):
        if text.startswith(TITLES_AFTER_BODY, match.end()):
            continue  # 中国工程院院士吴光辉在上海…: a person's title, not the body acting
        if (
            match.group() in LOCAL_NAMESAKES and match.start() > start
            and text[match.start() - 1 : match.start()] in LOCAL_LEVEL_CHARS
        ):
            continue  # 市国资委, 省港澳办: a local office of the same name
        before = text[max(start, match.start() - _FOREIGN_PREFIX_CHARS - 3) : match.start()]
        if _FOREIGN.search(before) is None:
            return match.start()
    return None


def is_national(text: str) -> bool:
    """Does `text` name a national body (not a foreign one)?

    >>> is_national("国务院常务会议要点速览"), is_national("美国商务部将5家实体列入清单")
    (True, False)
    """
    return _national_at(text, 0, len(text)) is not None


def _is_foreign_subject(text: str, start: int, end: int, first_division: int | None) -> bool:
    """Does a foreign name come before any Chinese division or national body? A foreign name
    after a preposition (计划在泰国增设办事处, 与东盟签订协定) is where or with whom the
    subject acts, not the subject."""
    foreign = next((m for m in _FOREIGN.finditer(text, start, end)
                    if text[m.start() - 1 : m.start()] not in _PREPOSITIONS), None)
    if foreign is None:
        return False
    national = _national_at(text, start, end)
    firsts = [p for p in (first_division, national) if p is not None]
    return not firsts or foreign.start() < min(firsts)


# Before a foreign name, these make it a place or a partner, not the subject.
_PREPOSITIONS = frozenset("在与同于对向赴")

_BARE_DISTRICT_SUFFIXES = ("区", "县", "旗")


def _is_bare_district_elsewhere(place: PlaceMention, article_region: Region) -> bool:
    """A county-level name written without its city or province (西城区, not 北京西城区) that
    lies in another province than the article's own division."""
    return (
        place.level == "district"
        and place.name is not None
        and place.adcode is not None
        and article_region.adcode is not None
        and article_region.level != "country"
        and place.text.endswith(_BARE_DISTRICT_SUFFIXES)
        and place.name.endswith(place.text)
        and place.adcode[:2] != article_region.adcode[:2]
    )


def _is_ancestor_region(ancestor: Region, region: Region) -> bool:
    return ancestor.name != region.name and region.name.startswith(ancestor.name)


@dataclass(frozen=True, slots=True)
class _Item:
    """What the region rules look at: the entry, its divisions in the headline and the body,
    and the article's context."""

    text: str
    span: EntrySpan
    places: Sequence[PlaceMention]
    head_places: list[PlaceMention]
    body_places: list[PlaceMention]
    addressee: Region | None
    article_region: Region | None


# A rule's answer: a region, None (decided: the item has no Chinese jurisdiction), or
# _UNDECIDED (the next rule is asked).
_UNDECIDED: Final = object()
_Answer = Region | None | object


def _addressee_rule(item: _Item) -> _Answer:
    """A letter to one authority speaks to it in every item, also where an item names places
    within it (你省…支持南昌都市圈建设)."""
    if item.addressee is not None:
        return _with_rule(item.addressee, "addressee")
    return _UNDECIDED


def _foreign_subject_rule(item: _Item) -> _Answer:
    """A headline whose subject is foreign (美国商务部…, 欧盟…) has no Chinese jurisdiction."""
    span = item.span
    first = item.head_places[0].start if item.head_places else None
    if _is_foreign_subject(item.text, span.headline_start, span.headline_end, first):
        return None
    return _UNDECIDED


def _national_response_rule(item: _Item) -> _Answer:
    """某国拟修改教材 外交部回应, 某国拟加征关税。商务部对此回应称…: a national body
    answering a foreign act in the headline or the next sentence makes the item China's."""
    text, span = item.text, item.span
    stop = _SENTENCE_END.search(text, span.body_start, span.body_end)
    first_end = stop.start() if stop else span.body_end
    if item.head_places or not (
        _FOREIGN.search(text, span.headline_start, span.headline_end)
        or _FOREIGN.search(text, span.body_start, first_end)
    ):
        return _UNDECIDED  # no foreign act to answer (深圳某企业…。证监会对此回应称)
    if _national_response_at(text, span.headline_start, span.headline_end):
        return _NATIONAL_HEADLINE
    if stop is not None:
        following = _SENTENCE_END.search(text, stop.end(), span.body_end)
        if _national_response_at(text, stop.end(), following.start() if following
                                 else span.body_end):
            return _NATIONAL_BODY
    return _UNDECIDED


def _leader_diplomacy_rule(item: _Item) -> _Answer:
    """杨某会见某国外交大臣: a bare Chinese name meeting a foreign official is a state
    leader's diplomacy, national. A division in the headline (上海市委书记会见…) decides
    first, by the headline rule."""
    text, span = item.text, item.span
    if item.head_places:
        return _UNDECIDED
    lead = _LEAD_MARKS.match(text, span.headline_start, span.headline_end)
    meeting = _LEADER_MEETING.match(text, lead.end() if lead else span.headline_start,
                                    span.headline_end)
    if meeting is None:
        return _UNDECIDED
    name = meeting.group(1)
    if (
        name[0] not in COMMON_SURNAMES
        or not TRANSLITERATION_CHARS.isdisjoint(name)
        or not _FOREIGN_OFFICIAL.search(text, meeting.end(1), span.headline_end)
    ):
        return _UNDECIDED
    return _NATIONAL_LEADER


def _listed_divisions_rule(item: _Item) -> _Answer:
    """河北、湖南、云南等多地召开会议, 江苏、福建等地的协会发出倡议…: divisions listed as some
    of many places (等地, 等多地, 等省份) give the one division holding them all, national
    when they lie in different provinces."""
    if len(item.head_places) < 2:
        return _UNDECIDED
    text = item.text
    first = item.head_places[0]
    listed = [first]
    for place in item.head_places[1:]:
        between = text[listed[-1].end:place.start]
        if not _LIST_JOINER.fullmatch(between):
            break
        listed.append(place)
    if len(listed) < 2 or not _SOME_OF_MANY.match(text, listed[-1].end):
        return _UNDECIDED
    names = [p.name for p in listed if p.name]
    common = _common_ancestor(names) if len(names) == len(listed) else ""
    division = _division_at(common) if common else None
    if division is None:
        return _with_rule(NATIONAL_REGION, "listed")
    return _division_region(common, division.adcode, division.level, "listed")


def _national_response_at(text: str, start: int, end: int) -> bool:
    if not _RESPONSE_VERB.search(text, start, end):
        return False  # the verb, found first: most items answer nothing
    at = start
    while (national := _national_body_at(text, at, end)) is not None:
        body = _NATIONAL.match(text, national, end)
        if body is not None and _RESPONSE_AFTER.match(text, body.end(), end):
            return True
        at = national + 1
    return False


def _taiwan_subject_rule(item: _Item) -> _Answer:
    """岛内舆论:…, 台网友称受困日本机场…: a headline opening with Taiwan's authorities or
    people as its subject, before any division, is Taiwan's."""
    span = item.span
    lead = _LEAD_MARKS.match(item.text, span.headline_start, span.headline_end)
    at = lead.end() if lead else span.headline_start
    subject = _TAIWAN_SUBJECT.match(item.text, at, span.headline_end)
    if subject is None or (item.head_places and item.head_places[0].start < subject.start()):
        return _UNDECIDED
    taiwan = gazetteer.by_adcode(_TAIWAN)
    if taiwan is None:
        return _UNDECIDED
    return _division_region(taiwan.name, _TAIWAN, "province", "headline-subject")


def _company_rule(item: _Item) -> _Answer:
    """A company as the headline's subject, or a stock code in it: no jurisdiction."""
    text, span = item.text, item.span
    if _is_company_subject(text, span, item.places) or (
        # Every stock code holds a dot: a C-speed find rules most headlines out.
        text.find(".", span.headline_start, span.headline_end) >= 0
        and _STOCK_CODE.search(text, span.headline_start, span.headline_end)
    ):
        return None
    return _UNDECIDED


def _location_field_rule(item: _Item) -> _Answer:
    located = _location_field(item.text, item.span, item.places)
    return located if located is not None else _UNDECIDED


def _self_reference_rule(item: _Item) -> _Answer:
    """宁蒗彝族自治县党政考察团来我县考察: "our county" is the publisher's own division."""
    span = item.span
    if item.article_region is not None and _SELF_WORDS.search(item.text, span.headline_start,
                                                              span.headline_end):
        return _with_rule(item.article_region, "article")
    return _UNDECIDED


def _headline_rule(item: _Item) -> _Answer:
    """The headline's first division, narrowed to a document's or a venue's division below it,
    or the article's own more specific division."""
    if not item.head_places:
        return _UNDECIDED
    text, span, article_region = item.text, item.span, item.article_region
    first = item.head_places[0]
    national = _national_at(text, span.headline_start, span.headline_end)
    if national is not None and national < first.start and is_meeting_place(text, first):
        # 国务院在京召开全国…会议: the national body's business, only held in the capital.
        return _UNDECIDED
    if national is not None and text[first.start - 1 : first.start] == "在" and _is_venue(
        text, first
    ):
        # 在杭州举办的博览会上,中国电子学会发布…: the division is only where a national body
        # acts.
        return _UNDECIDED
    if article_region is not None and _is_bare_district_elsewhere(first, article_region):
        # 开工建设西城区九年制学校 in 甘谷县's own list: an unqualified district name from
        # another province names a local quarter or school there, not that district.
        return _with_rule(article_region, "article")
    # A policy document named by a division below the headline's (地区:长春市 …
    # 《朝阳区支持高校毕业生…措施》) applies there.
    for place in item.body_places:
        if text[place.start - 1 : place.start] == "《" and _is_descendant(place, first):
            return _region(place, "headline+document")
    # A headline that is only the body's first sentence names the issuer (江苏省商务厅23日
    # 发布消息,…将于6月1日在盐城市大丰区启动): no heading line to narrow to a venue.
    venues = item.body_places if not span.headline_is_sentence else ()
    for place in venues:
        if _is_descendant(place, first) and _is_venue(text, place):
            return _region(place, "headline+venue")
    # 宜昌市调研组来长阳调研 in 长阳's own 工作动态: the visitors' city comes first, the
    # article's own division (named too) is where the item happens.
    if article_region is not None and (
        any(p.name == article_region.name and _is_descendant(p, first)
            for p in item.head_places)
        or (first.start > span.headline_start  # not the headline's subject (北京市发布…)
            and _is_ancestor_region(_region(first, "headline"), article_region))
    ):
        # 大均乡入选2020年浙江省森林城镇 on 景宁's own site: the province names an award,
        # the article's own, more specific division is where the item happens.
        return _with_rule(article_region, "article")
    # 西藏自治区首府拉萨发生…, 河南省省会郑州举行…: the province only says where its capital
    # is; the capital is what the item is about.
    capital = _CAPITAL_WORD.match(text, first.end)
    if capital is not None:
        for place in item.head_places[1:]:
            if place.start == capital.end() and _is_descendant(place, first):
                return _region(place, "headline")
    return _region(first, "headline")


def _national_headline_rule(item: _Item) -> _Answer:
    text, span = item.text, item.span
    if _national_at(text, span.headline_start, span.headline_end) is not None:
        return _NATIONAL_HEADLINE
    lead = _LEAD_MARKS.match(text, span.headline_start, span.headline_end)
    at = lead.end() if lead else span.headline_start
    if _NATIONAL_MARKET.match(text, at, span.headline_end):
        # A股成交额回升, 随着A股上市公司年报陆续披露: the national market as the subject (a
        # company buying back its A股 shares is the company's item).
        return _NATIONAL_HEADLINE
    hong_kong = _HONG_KONG_MARKET.match(text, at, span.headline_end)
    if hong_kong is not None:
        # 港股收涨, 恒生指数收跌: Hong Kong's market as the subject.
        return hong_kong_region().model_copy(update={"rule": "headline"})
    return _UNDECIDED


def _body_rule(item: _Item) -> _Answer:
    """The body's first sentence: its issuer or national body (not a foreign or company
    subject), else the most named division; the article's jurisdiction over both but a
    national body."""
    text, span, article_region = item.text, item.span, item.article_region
    # Under a heading line (一、冰雪灾害。) the first sentence is the first one written after
    # it; the headline rules have read the heading.
    opening = span.body_start
    if span.body_start <= span.headline_end < span.body_end and _ENDS_LINE.match(
        text, span.headline_end
    ):
        opening = span.headline_end
    written = _WRITTEN.search(text, opening, span.body_end)
    stop = _SENTENCE_END.search(text, written.start() if written else span.body_end, span.body_end)
    first_end = stop.start() if stop else span.body_end
    # Places that open a company's name (北京字节跳动科技有限公司) are not jurisdictions.
    body_places = [p for p in item.body_places if not _in_company_name(text, p)]
    issuer = [p for p in body_places if p.end <= first_end]
    national = _national_at(text, span.body_start, first_end)
    if national is None and _is_foreign_subject(
        text, span.body_start, first_end, issuer[0].start if issuer else None
    ):
        return None
    company = _COMPANY_WORD.search(text, span.body_start, first_end)
    if national is None and company is not None and (
        not issuer or company.start() < issuer[0].start
    ):
        # 峰飞航空科技公司的eVTOL从深圳蛇口起飞: a company is the subject, the city is where it
        # flew; company items have no jurisdiction of their own.
        return None
    if national is None and not issuer and article_region is None:
        # 近日,有网民编造传播谣言。经公安部调查,…: a first sentence naming no actor leaves
        # the item to the next one, where the body acting often comes.
        national = _next_sentence_national(text, first_end, span.body_end)
    region = _body_region(body_places, issuer, national)
    if article_region is not None and (region is None or region.rule != "national-body"):
        # Sections of one document (a 政策解读 page, a county's 工作动态) name places as
        # examples; the document's jurisdiction is the entry's.
        return _with_rule(article_region, "article")
    return region


# The rules of the module docstring, in order: the first that decides gives the region.
REGION_RULES: tuple[Callable[[_Item], _Answer], ...] = (
    _addressee_rule,
    _taiwan_subject_rule,
    _national_response_rule,
    _leader_diplomacy_rule,
    _foreign_subject_rule,
    _company_rule,
    _location_field_rule,
    _self_reference_rule,
    _listed_divisions_rule,
    _headline_rule,
    _national_headline_rule,
    _body_rule,
)


def choose_region(
    text: str,
    span: EntrySpan,
    places: Sequence[PlaceMention],
    addressee: Region | None = None,
    article_region: Region | None = None,
) -> Region | None:
    """Pick the entry's region by `REGION_RULES`; `addressee` is the division a letter is
    addressed to (四川省人民政府：), used for 你省-style entries; `article_region` is the
    jurisdiction of the whole article (its title's division). Rules: module docstring."""
    # The divisions of the body and of the headline, in one pass over the places.
    body_places: list[PlaceMention] = []
    head_places: list[PlaceMention] = []
    body_start, body_end = span.body_start, span.body_end
    head_start, head_end = span.headline_start, span.headline_end
    for listed in places:
        place = _as_coded(listed)
        if place is not None and not _is_listed_example(text, place) and not (
            _is_listing_venue(text, place)
        ):
            if body_start <= place.start and place.end <= body_end:
                body_places.append(place)
            if head_start <= place.start and place.end <= head_end:
                head_places.append(place)
    item = _Item(text, span, places, head_places, body_places, addressee, article_region)
    for rule in REGION_RULES:
        answer = rule(item)
        if answer is not _UNDECIDED:
            return cast(Region | None, answer)
    return None


def _location_field(
    text: str, span: EntrySpan, places: Sequence[PlaceMention]
) -> Region | None:
    """A project list's "建设地点：青岛市崂山区" field says where the item is: its deepest
    division, or for a row naming several places (济南市、滨州市) the division holding them all."""
    if text.find("地点", span.body_start, span.body_end) < 0:
        return None  # the field's word, found by a C-speed find before the regex scan
    field = _LOCATION_FIELD.search(text, span.body_start, span.body_end)
    if field is None:
        return None
    named = _divisions(places, field.start("value"), field.end("value"))
    if not named:
        return None
    deepest = max(named, key=lambda p: len(p.name or ""))
    if all(p.name == deepest.name or _is_descendant(deepest, p) for p in named):
        return _region(deepest, "location-field")
    common = _common_ancestor([p.name or "" for p in named])
    holder = next((p for p in places if p.name == common), None)
    if holder is not None:
        return _region(holder, "location-field")
    division = _division_at(common)
    if division is None:
        return None
    return Region(name=common, adcode=division.adcode, level=division.level,
                  rule="location-field")


def _common_ancestor(names: Sequence[str]) -> str:
    """The longest path all names start with, cut to a whole division (山东省济南市 and
    山东省滨州市 -> 山东省)."""
    prefix = names[0]
    for name in names[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    cut = max((prefix.rfind(suffix) + len(suffix) for suffix in _DIVISION_SUFFIXES
               if suffix in prefix), default=0)
    return prefix[:cut]


@functools.cache
def _division_at(path: str) -> Division | None:
    """The division with this full path (山东省), or None; only multi-place rows ask."""
    return next((d for d in gazetteer.all_divisions() if d.path == path), None) if path else None


def _headline_subject(text: str, span: EntrySpan) -> tuple[int, int] | None:
    """The span of "X" in a headline "X：…" (宁德时代：拟投资…), or None."""
    colon = _SUBJECT_COLON.search(text, span.headline_start,
                                  min(span.headline_end, span.headline_start + _MAX_SUBJECT + 1))
    if colon is None or colon.start() == span.headline_start:
        return None
    return span.headline_start, colon.start()


def _is_company_subject(text: str, span: EntrySpan, places: Sequence[PlaceMention]) -> bool:
    """A headline "X：…" whose X is neither a division (上海徐汇：), a government body
    (上海科技委：), a national body (商务部：) nor a label (地区：) names a company or another
    organisation (华为：, 宁德时代：, 贵州茅台：): the item has no jurisdiction of its own,
    unless its first sentence names a national body (中汽协：… 中国汽车工业协会发布…)."""
    subject = _headline_subject(text, span)
    if subject is None:
        return False
    start, end = subject
    name = text[start:end].strip()
    if name in SUBJECT_LABELS or _national_at(text, start, end) is not None:
        return False
    if name.startswith(("【", "[")):
        return False  # 【文化中国行】景泰蓝：…: a programme's column and its topic, no company
    rest = name
    for place in places:
        if start <= place.start and place.end <= end:
            rest = rest.replace(place.text, "")
    rest = _JURISDICTION_WORDS.sub("", rest)
    if len(_CJK.findall(rest)) < 2 or rest.endswith(_NOT_COMPANY_SUFFIXES):
        return False
    stop = _SENTENCE_END.search(text, span.body_start, span.body_end)
    first_end = stop.start() if stop else span.body_end
    return _national_at(text, span.body_start, first_end) is None


def _in_company_name(text: str, place: PlaceMention) -> bool:
    """北京字节跳动科技有限公司: a place that opens a company's name is where the company is
    registered, not the jurisdiction of the item."""
    return _COMPANY_AFTER.match(text, place.end) is not None


def _next_sentence_national(text: str, start: int, end: int) -> int | None:
    """Where a national body or 我国 opens the sentence after `start` (text[start] ends the
    first sentence) as its subject (经公安部调查, 12月26日,国务院总理…, 届时,我国…), or
    None. A body named later in the sentence (对取得中国民用航空局合格证的…) is an object."""
    written = _WRITTEN.search(text, start + 1, end)
    if written is None:
        return None
    lead = _SUBJECT_LEAD.match(text, written.start(), end)
    opening = lead.end() if lead else written.start()
    stop = _SENTENCE_END.search(text, opening, end)
    national = _national_at(text, opening, stop.start() if stop else end)
    return national if national == opening else None


def _body_region(
    body_places: Sequence[PlaceMention], issuer: Sequence[PlaceMention], national: int | None
) -> Region | None:
    """Rules 4-5: the first sentence's issuer or national body, else the most named place."""
    if national is not None and (not issuer or national < issuer[0].start):
        return _NATIONAL_BODY
    if issuer:
        return _region(issuer[0], "issuer")
    if body_places:
        counts = Counter(p.name for p in body_places)
        best = max(body_places, key=lambda p: counts[p.name])  # max keeps the earliest on ties
        return _region(best, "most-frequent")
    return None


def article_region(header: str, places: Sequence[PlaceMention]) -> Region | None:
    """The jurisdiction of the whole article, from its title and header lines (`header`) and
    the places named there: the first division when every other one is its ancestor or
    descendant (成都市青白江区人民政府关于印发《…中国（四川）自由贸易试验区…》的通知 ->
    青白江区), national when a national body and no division is named (国务院常务会议要点),
    else None (上海、北京、深圳三地政策对比 decides nothing).
    """
    divisions = [
        coded for p in places if (coded := _as_coded(p)) is not None and coded.name is not None
    ]
    if not divisions:
        if header and is_national(header):
            return _NATIONAL_ARTICLE
        return None
    first = divisions[0]
    if all(p.name == first.name or _is_descendant(p, first) or _is_descendant(first, p)
           for p in divisions):
        return _region(first, "article")
    return None


# Words Hong Kong media write of Hong Kong and mainland media hardly do: 特首, 港府, 全港.
_HONG_KONG_ONLY = re.compile("特首|港府|全港|港人|特区政府")
HONG_KONG = "香港特别行政区"


def is_hong_kong_page(text: str, traditional: bool, article: Region | None) -> bool:
    """A page of Hong Kong's own media: in Traditional script, and speaking of 特首, 港府, 全港
    or with Hong Kong as its jurisdiction (its intro: …謀劃香港未來發展). Its items are Hong
    Kong's and a bare 元 there is a Hong Kong dollar.

    >>> is_hong_kong_page("特首今早公布施政報告", True, None)
    True
    >>> is_hong_kong_page("特首今早公布", False, None), is_hong_kong_page("香港、澳门", True, None)
    (False, False)
    """
    return traditional and (
        _HONG_KONG_ONLY.search(text) is not None
        or (article is not None and article.name == HONG_KONG)
    )


def hong_kong_region() -> Region:
    """The region of a Hong Kong page's items that name no division of their own."""
    division = gazetteer.by_name(HONG_KONG)[0]
    return _division_region(division.path, division.adcode, division.level, "article")


def find_addressee(text: str) -> Region | None:
    """The division a letter is addressed to, from an addressee line at its start.

    >>> find_addressee("四川省人民政府：\\n  你省《关于…的请示》收悉。").name
    '四川省'
    >>> find_addressee("各省、自治区、直辖市人民政府：") is None
    True
    """
    from extractor.extract.places import extract_places  # lazy: keeps import cheap

    match = _ADDRESSEE_LINE.search(text[:2000])
    if match is None:
        return None
    who = match.group("who")
    found = [p for p in extract_places(who, base=match.start("who")) if p.adcode is not None]
    # The addressee is the division the authority belongs to: the line's first one, chained
    # (成都市发展改革委 -> 四川省成都市).
    if not found or found[0].start != match.start("who"):
        return None
    return _region(found[0], "addressee")
