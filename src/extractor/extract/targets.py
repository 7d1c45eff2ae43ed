"""Quantities: money, percentages, counts and physical measures.

One compiled regex finds candidate quantities (qualifier, numeral, unit, qualifier) in a single
linear pass; cheap verification in Python then rejects ordinals, indefinite 一, bare magnitudes
used as names, and joins ranges (10万元—100万元 -> a low `gte` and a high `lte` target).

Every table below is ordered module-level data; the regex is compiled from them once, on first
use. Surfaces are joined longest first, so order inside a table never changes what matches.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, NamedTuple

from extractor.gaps import MARKDOWN_IN_QUANTITY, PINYIN_GLOSS, read_past
from extractor.models import Qualifier, TargetKind, TargetMention
from extractor.numerals import CN_DIGITS, Numeral, parse_numeral
from extractor.overlaps import longest_first

# --- tables ------------------------------------------------------------------------------

# Qualifier words written right before the number: (surface, qualifier, lookbehind guard).
# The guard is a set of characters that, before the surface, make it part of another word:
# 签约12个项目 is "signed 12 projects", not "about 12"; 最近3家 is "recently", not "nearly".
PREFIX_QUALIFIERS: tuple[tuple[str, Qualifier, str], ...] = (
    ("不得超过", "lte", ""),
    ("不得高于", "lte", ""),
    ("不得低于", "gte", ""),
    ("不得少于", "gte", ""),
    ("不超过", "lte", ""),
    ("不高于", "lte", ""),
    ("不多于", "lte", ""),
    ("不大于", "lte", ""),
    ("不超", "lte", ""),
    ("最高", "lte", ""),
    ("最多", "lte", ""),
    ("至多", "lte", ""),
    ("不少于", "gte", ""),
    ("不低于", "gte", ""),
    ("不小于", "gte", ""),
    ("不下", "gte", ""),
    ("至少", "gte", ""),
    ("最少", "gte", ""),
    ("最低", "gte", ""),
    ("超过", "gt", ""),
    ("超出", "gt", ""),
    ("突破", "gt", ""),
    ("多于", "gt", "不"),
    ("高于", "gt", "不"),
    ("大于", "gt", "不"),
    ("逾", "gt", ""),
    ("超", "gt", "赶"),
    ("不到", "lt", ""),
    ("跌破", "lt", ""),  # 报价已跌破0.11欧元/瓦: fell below
    ("不足", "lt", ""),
    ("低于", "lt", "不"),
    ("少于", "lt", "不"),
    ("小于", "lt", "不"),
    ("大约", "approx", ""),
    ("约为", "approx", ""),  # 准备金率约为7.8%: 为 separates 约 from the number
    ("约合", "approx", ""),
    ("约占", "approx", ""),  # 出口约占35%
    ("约达", "approx", ""),
    ("约有", "approx", ""),
    ("将近", "approx", ""),
    ("接近", "approx", ""),
    ("约", "approx", "签合节制预条公特履违践契邀大"),
    ("近", "approx", "最附靠邻亲就将接"),
    # Real pages (issue 13): signs and caps written before the number (≥20%, 上限5万元).
    ("≥", "gte", ""),
    ("≤", "lte", ""),
    ("上限", "lte", ""),
    ("下限", "gte", ""),
)
# 上百家 / 上千人: 上 is "over" only before a bare 百/千/万/亿 (市场上3家 is not "over 3").
_ROUND_OVER = "上"

# Qualifier words written after the unit. 上下 is approx (100万元上下) but not in 上下游.
SUFFIX_QUALIFIERS: tuple[tuple[str, Qualifier, str], ...] = (
    # 300万元(含)以上 counts the bound itself; (不含) leaves it out.
    ("(含)以上", "gte", ""),
    ("(含)以下", "lte", ""),
    ("(及以上)", "gte", ""),  # 200千瓦(及以上)
    ("(及以下)", "lte", ""),
    ("(以上)", "gte", ""),
    ("(以下)", "lte", ""),
    ("(不含)以上", "gt", ""),
    ("(不含)以下", "lt", ""),
    ("及以上", "gte", ""),
    ("以上", "gte", ""),
    ("及以下", "lte", ""),
    ("以下", "lte", ""),
    ("以内", "lte", ""),
    ("之内", "lte", ""),
    ("左右", "approx", ""),
    ("上下", "approx", "游级班文册半学车"),
)

# Qualifier words that may govern a quantity across a short noun phrase: 最高一次性奖励200万元,
# 不超过总投资的30%, 至少新建5个. Only caps and floors do this; 近/约/超过 must touch the number.
GOVERNING_QUALIFIERS: tuple[tuple[str, Qualifier], ...] = (
    ("不超过", "lte"), ("不高于", "lte"), ("最高", "lte"), ("最多", "lte"), ("至多", "lte"),
    ("不少于", "gte"), ("不低于", "gte"), ("至少", "gte"), ("最少", "gte"), ("最低", "gte"),
    ("不得超过", "lte"), ("不得高于", "lte"), ("不得低于", "gte"), ("不得少于", "gte"),
)
# A governed phrase holding a change verb states a change, not a cap: 最低标准再提高20元 is
# a rise of 20元, 最高贷款额度上浮20% a rise of 20%.
_CHANGE_VERBS = re.compile("提高|上浮|下浮|上调|下调|增长|增加|提升|降低|下降|减少|调整|上涨|下跌")
# A governed phrase never starts with these: 最高人民法院 is a name, 最高水平 an adjective.
_GOVERNED_PHRASE_STARTS = ("人民", "的", "级", "水平", "峰", "法院", "检察院")
_GOVERNED_PHRASE_MAX = 6
_CHANGE_AFTER_FROM = 4
_GOVERNED_SHARE_MAX = 14

# Currencies: (surface, unit). 元 itself is guarded below (元宇宙 is a word).
MONEY_UNITS: tuple[tuple[str, str], ...] = (
    ("元人民币", "元"),
    ("人民币", "元"),
    ("块钱", "元"),
    ("美元", "美元"),
    ("美金", "美元"),
    ("欧元", "欧元"),
    ("港元", "港元"),
    ("港币", "港元"),
    ("日元", "日元"),
    ("英镑", "英镑"),
    ("韩元", "韩元"),
    ("澳元", "澳元"),
    ("加元", "加元"),
    ("新台币", "新台币"),
    ("台币", "新台币"),  # not the measure word 台 (5000台币 is money)
    ("卢布", "卢布"),
    ("泰铢", "泰铢"),
    ("卢比", "卢比"),
    ("新加坡元", "新加坡元"),
    ("瑞士法郎", "瑞士法郎"),
    ("澳门元", "澳门元"),
    ("澳门币", "澳门元"),
    ("越南盾", "越南盾"),
    ("韩币", "韩元"),
    ("日币", "日元"),
    ("元港币", "港元"),
    ("元美金", "美元"),
)
# Small change written after 元 or 块 (45元2角, 十块三毛, 135块6角7分钱): tenths and hundredths
# of the amount. Alone, 角, 毛 and 分 are words (三角, 毛利, 3分 a score); only with 钱 are
# they money on their own (8毛钱, 5分钱). The forms after 元/块 are read by `_SMALL_CHANGE`.
SMALL_MONEY_UNITS: tuple[tuple[str, Decimal], ...] = (
    ("角钱", Decimal("0.1")), ("毛钱", Decimal("0.1")), ("分钱", Decimal("0.01")),
)
# Cents of other currencies, quoted in commodity markets (小麦期货报612.5美分/蒲式耳): a
# hundredth of the currency they belong to.
CENT_UNITS: tuple[tuple[str, str], ...] = (("美分", "美元"), ("欧分", "欧元"))
# 块 is money (200块钱, 十块三毛) or a count (3块金牌, 5块地). With neither 钱 nor small change
# after it, a noun after it makes it a count (花坛边3块绿地), else money words before it (售价,
# 花了) make it money; otherwise it stays empty with this reason, never a guess.
BLOCK_MONEY_WORDS: tuple[str, ...] = ("价", "卖", "花", "费", "付", "赔", "罚", "赚", "挣", "钱")
_BLOCK = "块"
_BLOCK_REASON = "块 may be money (块钱) or a count (3块地): neither 钱 nor a noun follows"
# Currencies that also end a date and start a word: 1月1日元旦 is New Year's Day, not 1 yen.
MONEY_GUARDS: dict[str, tuple[str, ...]] = {"日元": ("旦",)}
# Words that begin with 元: a number before them is not money. "总投资 22 元宇宙" and
# "6000 元宇宙科技创新产业园" are broken sentences about 元宇宙, not 22 yuan.
YUAN_WORDS: tuple[str, ...] = ("宇宙", "素", "旦", "器件", "件", "首", "勋", "老", "帅", "年", "月")
# 圆, a common slip for 元 (5亿圆消费券), unless it starts a word: 圆满, 圆桌, 圆梦.
YUAN_TYPO_WORDS: tuple[str, ...] = (
    "满", "桌", "梦", "形", "周", "心", "顶", "柱", "润", "滑", "明园", "点", "舞", "圈",
)
# A currency written before the number: 人民币5亿, $3.5亿, ¥200.
# One blank may stand between the currency and the number (新台币 86.5亿元, RMB 300).
CURRENCY_PREFIXES: tuple[tuple[str, str], ...] = (
    ("人民币", "元"), ("HK$", "港元"), ("US$", "美元"), ("$", "美元"), ("¥", "元"), ("￥", "元"),
    ("€", "欧元"), ("£", "英镑"), ("RMB", "元"), ("CNY", "元"), ("USD", "美元"),
    ("港币", "港元"), ("港元", "港元"), ("美元", "美元"), ("美金", "美元"), ("欧元", "欧元"),
    ("日元", "日元"), ("英镑", "英镑"), ("新台币", "新台币"), ("台币", "新台币"),
)

# Percentages: (surface, unit, multiplier). 成 is tenths (4成 = 40%), guarded against the
# many words that start with 成 (建成, 成立, 成为, 成都...).
PERCENT_UNITS: tuple[tuple[str, str, Decimal], ...] = (
    ("个百分点", "百分点", Decimal(1)),
    ("百分点", "百分点", Decimal(1)),
    ("%", "%", Decimal(1)),
    ("成", "%", Decimal(10)),
    # Research-desk shorthand: 环比+0.3pct is 0.3 percentage points; a basis point is a
    # hundredth of one (降息25bp, 下调10个基点 -> 0.25, 0.1 百分点).
    ("pct", "百分点", Decimal(1)),
    ("个基点", "百分点", Decimal("0.01")),
    ("基点", "百分点", Decimal("0.01")),
    ("bp", "百分点", Decimal("0.01")),
    ("BP", "百分点", Decimal("0.01")),
)
# Basis points, a hundredth of a percentage point of a rate or yield; of an exchange rate
# (its words within the window before the number, in the same sentence) a pip instead.
BASIS_POINT_SURFACES: frozenset[str] = frozenset(("个基点", "基点", "bp", "BP"))
EXCHANGE_RATE_WORDS: tuple[str, ...] = (
    "人民币对", "对美元", "兑美元", "汇率", "中间价", "在岸人民币", "离岸人民币", "美元指数",
)
# A rate's word after the exchange rate's, nearer the number, makes it the rate's (人民币
# 中间价调升50个基点，国债收益率下行3个基点).
RATE_WORDS: tuple[str, ...] = ("收益率", "利率", "LPR", "利差", "准备金率", "MLF", "回购")
_EXCHANGE_RATE = re.compile(
    rf"(?:{'|'.join(map(re.escape, EXCHANGE_RATE_WORDS))})"
    rf"(?:(?!{'|'.join(map(re.escape, RATE_WORDS))})[^。；;!！?？\n])*$"
)
_EXCHANGE_RATE_WINDOW = 60
# What may follow 成 inside the quantity: 四成半 (45 %), 七成五 (75 %), 三成多 (over 30 %):
# (surface, tenths added, qualifier it implies or None).
TENTH_TAILS: tuple[tuple[str, Decimal, Qualifier | None], ...] = (
    ("成半", Decimal("0.5"), None), ("成多", Decimal(0), "gt"),
    *((f"成{digit}", Decimal(value) / 10, None) for digit, value in (
        ("一", 1), ("二", 2), ("三", 3), ("四", 4), ("五", 5), ("六", 6), ("七", 7), ("八", 8),
        ("九", 9),
    )),
)
# 七成五十 or 三成五个 would be another number after the tail: not a tail then.
_TENTH_TAIL_GUARD: tuple[str, ...] = tuple("0123456789零〇一二两三四五六七八九十百千万亿个成倍")
CHENG_WORDS: tuple[str, ...] = (
    "立", "为", "本", "员", "果", "交", "功", "都", "效", "长", "熟", "型", "绩", "品", "套",
    "片", "批", "千", "百", "年", "就", "形", "像", "份", "分", "药", "渝", "人", "不变", "规模",
    "色", "对", "群", "网", "器", "材", "语",
)

# Physical units, as written (the unit of the target is the surface itself).
MEASURE_UNITS: tuple[str, ...] = (
    "平方公里", "平方千米", "平方米", "平米", "㎡", "立方米", "公里", "千米", "米",
    "公顷", "亩", "吨标准煤", "吨", "千克", "公斤", "千瓦时", "兆瓦时", "千瓦", "兆瓦", "吉瓦",
    "千伏", "标准箱", "标箱", "TEU", "GWh", "MWh", "kWh", "TWh", "GW", "MW", "kW", "KW",
    "毫升", "升", "斤", "英里", "海里", "英尺", "英寸", "km", "cm", "mm", "kg",
    "km²", "km2", "cm²", "cm2", "cm³", "cm3", "km/h",
    # Environment and weather: PM2.5平均浓度30微克/立方米, 23℃, 降雨量412毫米.
    "微克/立方米", "毫克/立方米", "℃", "摄氏度", "毫米", "厘米",
    # Data volumes: 全国数据生产总量达32.85ZB.
    "ZB", "EB", "PB", "TB",
    # An earthquake's magnitude (see MEASURE_CONTEXTS).
    "级",
    # Commodity markets: 原油库存减少250万桶, 日产量900万桶/日, 黄金持仓5000万盎司,
    # 小麦期货报612.5美分/蒲式耳.
    "桶", "盎司", "蒲式耳",
)
# Measure units that also begin ordinary words: 2.0升 is a volume, but 上升/升至/升级 are not.
MEASURE_GUARDS: dict[str, tuple[str, ...]] = {
    "升": ("级", "至", "到", "高", "温", "值", "幅", "为", "格", "降", "学", "职", "空", "起"),
}
# Measure units that count only before one of these words: 5.7级地震 is a magnitude, but
# IV级应急响应, 二级 (an air-quality grade) and 3级 (a level) are not measures.
MEASURE_CONTEXTS: dict[str, tuple[str, ...]] = {
    "级": ("地震", "强震", "余震", "大地震", "左右的地震", "的地震"),
}
# Latin units must not run on into a word: 5GWh is a unit, 5G is a name.
_LATIN_UNIT_END = "(?![A-Za-z])"

# Measure words of counts, with the characters/words that, after them, make another word:
# 3家 but not 家庭/家居; 8个 but not 8个月 (a duration); 两部 but not 两部委 (a grouping).
COUNT_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("人次", ()), ("户次", ()), ("家次", ()), ("批次", ()), ("架次", ()), ("台套", ()),
    # 家具 is furniture, but 5家具有… is "5 firms having": only furniture words are blocked.
    ("家", ("庭", "居", "电", "具店", "具城", "具厂", "具业", "具市场", "政", "乡", "园", "用",
           "族", "属", "长", "纺")),
    ("个", ("月", "工作日", "小时", "季度", "星期", "礼拜", "年", "半月", "多月", "钟头",
            "周", "交易日", "自然日", "学期", "百分点")),
    ("项", ()), ("所", ("有", "属", "在", "得", "以", "需", "谓", "长")),
    ("名", ("单", "称", "义", "牌", "誉", "录", "优", "片", "额", "次")),
    ("人", ("民", "工", "均", "社", "大", "文", "形", "体", "脸", "事", "力", "类",
            "气", "居", "才", "员", "次", "论坛", "俱乐部", "计划", "工程")),
    ("座", ("谈",)), ("台", ("湾", "州", "风", "阶", "账", "套")), ("辆", ()),
    ("列", ("车", "入", "为", "出", "举", "表", "明")),
    ("次", ("日", "年", "要", "生", "数", "序", "级", "性")), ("类", ("似", "型")),
    ("件", ()), ("条", ("件", "例", "款", "线")), ("款", ("项",)),
    ("批", ("准", "复", "示", "发", "量", "次")), ("场", ("景", "馆", "所", "地", "站")),
    ("套", ("餐",)), ("部", ("委", "门", "分", "署", "长", "件")), ("份", ("额",)),
    ("位", ("于", "居", "列", "置", "次")), ("户", ("籍", "口", "外", "次")),
    ("种", ("植", "子", "业", "养", "苗")), ("轮", ("次",)),
    ("期", ("间", "内", "末", "限", "初", "货", "刊", "中")),
    ("栋", ()), ("张", ()), ("块", ("钱",)), ("支", ("持", "付", "出", "撑", "柱", "部", "一")),
    ("架", ("构",)), ("艘", ()), ("处", ("理", "于", "置", "罚", "长")), ("例", ("如",)),
    ("篇", ()), ("本", ("地", "次", "市", "省", "年", "届", "土", "身", "科", "轮")),
    ("册", ()), ("只", ("有", "要", "是", "能")),
    # 发行1250万股 counts shares; 股份, 股东, 股票, 股权 are words of their own.
    ("股", ("份", "东", "票", "权", "市", "价", "本", "息", "民", "长")),
    # 订单超过2万笔, 申请逾43万宗: transactions and cases.
    ("笔", ("记", "者", "试", "画", "墨", "直", "下")), ("宗", ("旨", "教", "族", "师", "亲")),
    # 新建住宅46幢, 查处违法案件3起 (起步, 起草, 起来, 起点 are words).
    ("幢", ()), ("起", ("步", "草", "来", "点", "到", "飞", "航", "诉", "源", "始", "跑", "床",
                       "身", "见", "码", "伏", "落", "止", "算", "租", "付", "因")),
    ("头", ("部",)), ("株", ()), ("棵", ()),
    ("层", ("次", "面", "级")), ("根", ("据", "本")), ("道", ("路",)), ("门", ("户", "槛", "类")),
    ("枚", ()), ("颗", ()), ("片", ("区",)), ("幅", ("度",)),
    ("组", ("织", "建", "成", "团", "合")), ("队", ("伍",)),
    # Real pages (issue 13): 214间 rooms, 12眼 wells, 100页, 120席 seats, 5国, 300标台
    # buses, 302小项 events, 7村 and 6乡镇, 15城市. Not 对 (10对 pairs): after a time it is
    # the preposition (8:00—18:00对长治路…停电).
    ("间", ("隔", "断", "接", "歇", "隙", "距")), ("眼", ("睛", "前", "光", "下", "看", "界")),
    ("页", ("面",)), ("席", ("位",)), ("标台", ()), ("小项", ()), ("乡镇", ()), ("城市", ()),
    ("国", ("家", "内", "际", "企", "务", "产", "资", "债", "有", "外", "民", "庆", "防", "土",
           "旗", "标", "道", "情", "籍", "货", "潮", "风", "宝", "集团")),
    ("村", ("民", "级", "庄", "镇", "委", "落", "干部", "集体", "居")),
    # 10对公交站台, 从41对增加到113对: pairs. 对 is as often a preposition or a word's start:
    # 1对1 and 一对一 (one to one), 对于, 对接, 对象…; after a clock time see `_atom`.
    ("对", ("于", "接", "象", "比", "外", "称", "话", "标", "口", "应", "待", "手", "策", "抗",
           "照", "冲", "峙", "华", "方", "此", "其", "我", "他", "她", "这", "该", "本", "全",
           "各", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "一", "二", "两", "三")),
)
# Words a measure word's guard blocks, except where a qualifier follows: 10所以上 is "10 or
# more schools" though 所以 is "so".
GUARD_EXCEPTIONS: dict[str, tuple[str, ...]] = {"所": ("以上", "以下", "以内")}
# 二次会议 / 三中全会-style sessions: a number before 次 + one of these is an ordinal.
SESSION_WORDS: tuple[str, ...] = ("会议", "全会", "全体会议", "常委会", "代表大会", "党代会")
# 首套房 / 二套住房 name a category of mortgage, not a number of flats.
HOME_WORDS: tuple[str, ...] = ("房", "住房", "住宅")
# 二期工程 is the name of a phase, not a count of periods: a Chinese numeral before 期 is a name.
_PHASE_WORD = "期"
# The measure words that, after a Chinese numeral, may name a category rather than count.
_ORDINAL_UNITS = (_PHASE_WORD, "套")

# What may stand after "/" in a per-unit price (200元/平方米, 12.3美金/股).
PER_UNIT_DENOMINATORS: tuple[str, ...] = (
    "年", "月", "天", "日", "次", "人", "股", "度", "斤", "小时", "户", "张", "台", "辆", "个",
    "件", "套", "吨", "亩", "平方米", "平米", "㎡", "千瓦时", "kWh", "千瓦", "公斤", "千克",
    "公里", "人次", "立方米", "m²", "m2", "瓦", "W", "桶", "盎司", "蒲式耳",
)

# Separators between the ends of a range: 10万元—100万元, 5%-20%, 10至20家, 3到5个.
RANGE_SEPARATORS: tuple[str, ...] = ("——", "—", "–", "--", "-", "~", "～", "至", "到")
# Between numbers that share the unit written after the last (4.4和3.6个百分点, 3.2、4.5和6.1%).
COORDINATORS: tuple[str, ...] = ("和", "与", "及", "或", "、")
_COORDINATORS = frozenset(COORDINATORS)
# What a low end may carry before the separator: 3万(含)-6万元 counts 3万 itself, (不含) not.
RANGE_LOW_MARKS: tuple[tuple[str, Qualifier], ...] = (("(含)", "gte"), ("(不含)", "gt"))

_RANGE_SEPARATORS = frozenset(RANGE_SEPARATORS)  # for `_join_ranges`: one set lookup

# Words before a 万/亿 number with no currency that make it money: 总投资超15亿, 融资800亿.
MONEY_CONTEXT_WORDS: tuple[str, ...] = (
    "投资", "融资", "规模", "产值", "营收", "资金", "收入", "销售额", "营业额", "总额", "金额",
    "交易额", "成交额", "市值", "估值", "GDP", "生产总值", "增加值", "补贴", "补助", "奖励",
    "资助", "基金", "贷款", "授信", "募资", "募集", "出口", "进口", "贸易额", "税收", "利润",
    "预算", "拨款", "投入", "支出", "消费", "合同额", "签约额", "票房", "营业收入",
    # Colloquial income in interviews: 一个月能挣一万五, 光分红就拿了13万2.
    "挣", "赚", "分红", "工资", "月薪", "年薪", "奖金", "收益",
)
# ... unless the clause counts people: 用户规模超15亿, 人口规模14亿.
PEOPLE_CONTEXT_WORDS: tuple[str, ...] = (
    "用户", "人口", "人数", "人次", "网民", "游客", "旅客", "客流", "粉丝", "观众",
)
_CONTEXT_WINDOW = 14
_MAX_RUN = 40

# Words ending in 前 that do not make a rank: 目前30家企业 is "currently 30 firms";
# 前10家 alone is a rank (the top ten), not a quantity.
NOT_RANK_BEFORE_QIAN = "目当此之以提日年空事会眼向超月节底"

# A clause ends at these; context is never taken across them.
_CLAUSE_END = ",，。;；:：!！?？、\n\r()（）《》“”\""

# --- compiled pattern --------------------------------------------------------------------

# Every character a numeral run may hold. 千 is kept out before 瓦/米/克/伏 (1000万千瓦 is
# 1000万 + 千瓦) and 百 before 分 (0.5个百分点 ends in the unit 百分点).
_DIGIT_CLASS = "0-9零〇一二两三四五六七八九几万亿"
# Digit groups may be set apart by a blank (1 200万元, 4 000万张: a blank after one to three
# digits and before exactly three more), and typesetting damage splits a number with one
# (大棚21 6个 is 216: one to three digits right after a word, a blank, one or two digits that
# end the number). Both are joined, with a `joined_quantities` warning; 2023 100家, 前 10 20
# 家 and 12.5 8亿 are not.
# Colloquial and written-out forms inside a run (parsed in `extractor.numerals`): 四点七五 and
# 六点一五亿 (a Chinese decimal), 三个亿 (个 before 亿; 三个万人小区 counts 小区), 十来万 and
# 20来家 (来 "or so" after 十/百/千 or a number of up to three digits ending in 0: 2020来 is no
# quantity), 86.5 亿 (a blank before 万/亿, as some sites set numbers).
def _unit_heads() -> str:
    """The first characters of every unit and of the words that may follow a magnitude."""
    surfaces = [s for s, _ in MONEY_UNITS] + ["元", "圆", "多", "余", "以", "左", "上"]
    surfaces += [s for s, _, _ in PERCENT_UNITS] + list(MEASURE_UNITS)
    surfaces += [s for s, _ in COUNT_WORDS] + [s for s, _ in SMALL_MONEY_UNITS]
    surfaces += [s for s, _ in CENT_UNITS]
    return "".join(sorted({s[0] for s in surfaces if "\u4e00" <= s[0] <= "\u9fff"}))


# A line break before 万/亿 continues the number only where a unit, or no word, follows the
# magnitude (14.15⏎万只, 3007⏎万元): 营收增长12⏎万科集团 holds no 12万.
_MAGNITUDE_THEN_UNIT = rf"(?=[万亿]+(?:(?![\u4e00-\u9fff])|[{_unit_heads()}]))"
# After a blank (月薪 7 万可落户, as web pages set numbers) any word may follow the magnitude,
# except the names and words that start with 万 (12 万科集团, 万州区, 万一).
WAN_WORDS: tuple[str, ...] = (
    "科", "州", "达", "宁", "载", "荣", "柏林", "秀", "象", "物", "一", "能", "众", "古", "恶",
)
_MAGNITUDE_NOT_A_NAME = f"(?=万(?!{'|'.join(WAN_WORDS)})|亿)"
# Each alternative after the digits starts with its own character, checked before any look-
# around, so that the end of a run (every run ends by failing them all) costs a few compares.
_RUN_PART = (
    rf"(?:[{_DIGIT_CLASS}]|十|百(?!分)|千(?![瓦米克伏])|[,.](?<=[0-9][,.])(?=[0-9])"
    r"|\x20(?<=[0-9]\x20)(?<![0-9]{4}\x20)(?=[0-9]{3}(?![0-9]))"
    r"|\x20(?:(?<=[\u4e00-\u9fff][0-9]\x20)|(?<=[\u4e00-\u9fff][0-9]{2}\x20)"
    r"|(?<=[\u4e00-\u9fff][0-9]{3}\x20))(?=[0-9]{1,2}(?![0-9.\x20]))"
    r"|点(?<=[零〇一二两三四五六七八九十]点)(?=[零〇一二两三四五六七八九])"
    r"|个(?<=[0-9一二两三四五六七八九十]个)(?=多?亿(?!元))"
    r"|来(?:(?<=[十百千]来)|(?<![0-9]{3}0来)(?<=[0-9]0来))(?![自源说看到往回去华京访])"
    rf"|\x20(?<=[0-9]\x20){_MAGNITUDE_NOT_A_NAME}"
    rf"|[\x20\t\n](?<=[0-9][\x20\t\n])[\x20\t]*\n?[\x20\t]*{_MAGNITUDE_THEN_UNIT})"
)
# The first character is a plain class so that the regex engine can skip ahead to it fast;
# the guards after it say "not in the middle of a run or a Latin name" (Web3.0, 5G) and
# re-apply the 百分/千瓦 exclusions. A run of 100,000 digits is then tried once, not once
# per position.
# A comma or dot before the run only continues a number after a digit (1,100 / 3.5): the
# loader folds "，" to ",", so "活动,十几家" must still start a run at 十.
_RUN = (
    rf"[{_DIGIT_CLASS}十百千](?<![0-9A-Za-z{_DIGIT_CLASS}十百千].)(?<![0-9][.,].)"
    rf"(?!(?<=百)分)(?!(?<=千)[瓦米克伏]){_RUN_PART}*+"
)


def _alternation(surfaces: Iterable[str]) -> str:
    """Longest first, so that 个百分点 wins over 个 and 元人民币 over 元."""
    return "|".join(re.escape(s) for s in sorted(set(surfaces), key=lambda s: (-len(s), s)))


def _guarded_tail(surface: str, blocked_after: Sequence[str] = ()) -> str:
    """The pattern of `surface` after its first character, with its guards."""
    pattern = re.escape(surface[1:])
    if blocked_after:
        allowed = GUARD_EXCEPTIONS.get(surface)
        unless = f"(?!{_alternation(allowed)})" if allowed else ""
        pattern += f"(?!{unless}(?:{_alternation(blocked_after)}))"
    if surface in MEASURE_CONTEXTS:
        pattern += f"(?={_alternation(MEASURE_CONTEXTS[surface])})"
    if surface.isascii() and surface[-1].isalpha():
        pattern += _LATIN_UNIT_END
    return pattern


def _guarded_alternation(items: Iterable[tuple[str, Sequence[str]]]) -> str:
    """Longest first, each surface with its guards, grouped by first character:
    个(?:百分点|(?!月|…)) rather than 个百分点|…|个(?!月|…). The regex engine tries the
    alternatives of a group in turn, so at a position only the surfaces that start with its
    character are tried (one test skips each other group), in the same longest-first order:
    what matches is unchanged, as surfaces of other groups cannot match there anyway."""
    ordered = sorted(items, key=lambda item: (-len(item[0]), item[0]))
    groups: dict[str, list[str]] = {}
    for surface, after in ordered:
        groups.setdefault(surface[0], []).append(_guarded_tail(surface, after))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(tails)})" for first, tails in groups.items())


@functools.cache
def _pattern(percent_words: bool, currency_first: bool = False) -> re.Pattern[str]:
    """The one candidate regex: numeral run, 多/余, unit, per-unit, trailing qualifier.
    Qualifiers and currencies written before the number are looked up in Python.

    The 百分之 branch comes last and only when the text holds 百分之 (`percent_words`):
    without it the pattern starts with the run's character class, which lets the regex
    engine skip to the next candidate character in C instead of trying every position.
    Both branches never match at the same position (the run refuses 百 before 分), so
    their order changes nothing. Groups: see `_NUM` .. `_PCTPOST`.

    A number with a currency written before it needs nothing after it (¥350, 港币1200): the
    `currency_first` pattern also ends a match at a bare number; `_with_bare_money` matches it
    only at the numbers right after a currency.
    """
    suffix = _guarded_alternation((s, tuple(guard)) for s, _, guard in SUFFIX_QUALIFIERS)
    units: list[tuple[str, Sequence[str]]] = []
    units += [(s, MONEY_GUARDS.get(s, ())) for s, _ in MONEY_UNITS]
    units.append(("元", YUAN_WORDS))
    units.append(("圆", YUAN_TYPO_WORDS))
    units += [(s, CHENG_WORDS if s == "成" else ()) for s, _, _ in PERCENT_UNITS]
    units += [(s, _TENTH_TAIL_GUARD) for s, _, _ in TENTH_TAILS]
    units += [(s, ()) for s, _ in SMALL_MONEY_UNITS]
    units += [(s, ()) for s, _ in CENT_UNITS]
    units += [(s, MEASURE_GUARDS.get(s, ())) for s in MEASURE_UNITS]
    units += list(COUNT_WORDS)
    unit = _guarded_alternation(units)
    per = _alternation(PER_UNIT_DENOMINATORS)
    separator = _alternation(RANGE_SEPARATORS)
    low_marks = _alternation(mark for mark, _ in RANGE_LOW_MARKS)
    coordinators = _alternation(COORDINATORS)
    source = (
        rf"(?P<num>{_RUN})"
        r"(?P<more>[多余](?:个(?=亿(?!元)))?[万亿]*+)?"
        r"(?:"
        rf"(?:\x20|\n)?(?P<unit>{unit})(?:/(?P<per>{per}))?(?P<post>{suffix})?"
        rf"|(?P<open>(?=(?:{low_marks})?\x20?(?:{separator})\x20?[^\s]{{0,3}}"
        rf"[0-9一二两三四五六七八九十]|(?:{coordinators})[0-9]))"
        rf"|(?<=[万亿多余])(?P<post2>{suffix})?"
        # 一万五 / 13万2: one digit after 万 or 亿 is the next lower place (15000, 132000).
        r"|(?<=[万亿][0-9一二两三四五六七八九])(?![0-9])"
        + (r"|(?![0-9]|\.[0-9])" if currency_first else "")
        + r")"
    )
    if percent_words:
        # 百分之4点5: after 百分之 an Arabic 点 is a decimal point too (elsewhere 3点2 is a
        # clock time: 下午3点2家企业).
        source += rf"|百分之(?P<pct>{_RUN}(?:(?<=[0-9])点[0-9]++)?)(?P<pctpost>{suffix})?"
    return re.compile(source)


# Group numbers of `_pattern` (read with one `match.groups()` call instead of a dict).
_NUM, _MORE, _UNIT, _PER, _POST, _OPEN, _POST2, _PCT, _PCTPOST = range(1, 10)


_PREFIX_TABLE: dict[str, tuple[Qualifier, str]] = {
    surface: (qualifier, guard) for surface, qualifier, guard in PREFIX_QUALIFIERS
}
_PREFIX_LENGTHS = (3, 2, 1)
# The last characters of the prefix surfaces: a number after any other character (most of
# them) has no prefix, which one set lookup decides.
_PREFIX_LAST_CHARS = frozenset(surface[-1] for surface, _, _ in PREFIX_QUALIFIERS)


def _prefix_before(text: str, position: int, bare_magnitude: bool) -> tuple[Qualifier, int] | None:
    """The qualifier written right before `position`, longest first, and where it starts.

    >>> _prefix_before("签约12个", 2, False) is None
    True
    >>> _prefix_before("将近3家", 2, False)
    ('approx', 0)
    """
    previous = text[position - 1:position] if position else ""
    if previous in _PREFIX_LAST_CHARS:
        for length in _PREFIX_LENGTHS:
            if position < length:
                continue
            surface = text[position - length:position]
            entry = _PREFIX_TABLE.get(surface)
            if entry is not None:
                guard_char = text[position - length - 1:position - length]
                if guard_char and guard_char in entry[1]:
                    continue
                return entry[0], position - length
    if bare_magnitude and previous == _ROUND_OVER:
        return "gte", position - 1  # 上百家, 上千人: reaching a hundred, a thousand
    return None


_CURRENCY_SURFACES = tuple(
    sorted((surface for surface, _ in CURRENCY_PREFIXES), key=lambda s: (-len(s), s))
)
_CURRENCY_TABLE = dict(CURRENCY_PREFIXES)
_CURRENCY_LAST_CHARS = frozenset(surface[-1] for surface in _CURRENCY_SURFACES) | {" "}
_CURRENCY_ANYWHERE = re.compile("|".join(map(re.escape, _CURRENCY_SURFACES)))
# Before a currency word, these make it the unit of the number before (10亿美元2023年 is not
# 2023 dollars): a currency word is a prefix only where no number ends right before it.
_NUMBER_END = frozenset("0123456789零〇一二两三四五六七八九十百千万亿多余")
# Before a currency, these make it the second of a currency pair (美元兑日元, 人民币对美元).
_EXCHANGE_WORDS = frozenset("兑对")


def _currency_before(text: str, position: int) -> tuple[str, int] | None:
    """人民币5亿, $3.5亿, 新台币 86.5亿元: a currency written before the number (one blank
    may stand between them)."""
    end = position - 1 if text[position - 1:position] == " " else position
    if text[end - 1:end] not in _CURRENCY_LAST_CHARS or not text.endswith(
        _CURRENCY_SURFACES, 0, end
    ):
        return None  # one set lookup for the common case
    for surface in _CURRENCY_SURFACES:
        if text.endswith(surface, 0, end):
            start = end - len(surface)
            if not surface.isascii() and text[start - 1:start] in _NUMBER_END:
                return None
            if text[start - 1:start] in _EXCHANGE_WORDS:
                return None  # 美元兑日元150: an exchange rate, not 150 yen
            return _CURRENCY_TABLE[surface], start
    return None


def _build_unit_table() -> dict[str, tuple[str, TargetKind, Decimal | int]]:
    """surface -> (unit, kind, multiplier)."""
    table: dict[str, tuple[str, TargetKind, Decimal | int]] = {}
    for surface, unit in MONEY_UNITS:
        table[surface] = (unit, "money", 1)
    table["元"] = ("元", "money", 1)
    table["圆"] = ("元", "money", 1)
    for surface, multiplier in SMALL_MONEY_UNITS:
        table[surface] = ("元", "money", multiplier)
    for surface, unit in CENT_UNITS:
        table[surface] = (unit, "money", Decimal("0.01"))
    for surface, unit, multiplier in PERCENT_UNITS:
        table[surface] = (unit, "percent", multiplier)
    for surface, _, _ in TENTH_TAILS:
        table[surface] = ("%", "percent", 10)
    for surface in MEASURE_UNITS:
        table[surface] = (surface, "measure", 1)
    for surface, _ in COUNT_WORDS:
        table[surface] = (surface, "count", 1)
    return table


_UNIT_TABLE = _build_unit_table()
_SUFFIX_TABLE: dict[str, Qualifier] = {s: q for s, q, _ in SUFFIX_QUALIFIERS}
_GOVERNING_TABLE: dict[str, Qualifier] = dict(GOVERNING_QUALIFIERS)


_GOVERNING_WORDS = _alternation(s for s, _ in GOVERNING_QUALIFIERS)
# A cap or floor word, then a short phrase without punctuation or digits, at the end of the
# window before a quantity: 最高一次性奖励|200万元.
_GOVERNING = re.compile(
    rf"(?P<word>{_GOVERNING_WORDS})"
    rf"(?P<gap>[^\s0-9{re.escape(_CLAUSE_END)}]{{1,{_GOVERNED_PHRASE_MAX}}})$"
)
# A cap or floor word, then "…的" before a percentage: 不超过总投资额的|30%.
_GOVERNING_SHARE = re.compile(
    rf"(?P<word>{_GOVERNING_WORDS})"
    rf"(?P<gap>[^\s0-9{re.escape(_CLAUSE_END)}]{{1,{_GOVERNED_SHARE_MAX}}}的)$"
)
# Every governing word starts with one of these (`_may_govern` tests them one by one, and
# tests/test_targets.py checks the list); a window without any needs no search.
_GOVERNING_HEADS = "不最至"


@functools.cache
def _money_context_pattern() -> re.Pattern[str]:
    clause = f"[^{re.escape(_CLAUSE_END)}]"
    return re.compile(rf"(?:{_alternation(MONEY_CONTEXT_WORDS)}){clause}{{0,10}}$")


@functools.cache
def _people_context_pattern() -> re.Pattern[str]:
    return re.compile(_alternation(PEOPLE_CONTEXT_WORDS))


# --- verification ------------------------------------------------------------------------


# Not frozen: a frozen dataclass sets each field through `object.__setattr__`, which makes
# building the thousands of atoms of a corpus several times slower. Atoms never leave this
# module and are never changed after they are built (`replace` makes a new one).
@dataclass(slots=True)
class _Atom:
    """One candidate quantity, before range joining. `unit` is None for a bare number that
    may still be the low end of a range (100—500亩) or implied money (总投资超15亿)."""

    start: int  # of the whole mention (qualifier included)
    end: int
    num_start: int
    value: Decimal
    high: Decimal | None
    unit: str | None
    kind: TargetKind | None
    qualifier: Qualifier
    magnitude: Decimal  # the 万/亿 factor written in the numeral (100万 -> 10000)
    rule: str
    reason: str | None = None
    # A range's low end written without ranks takes the high end's (三~5百 -> 300): the
    # ranks that end this numeral, as (first rank, factor) per suffix, longest first, and the
    # highest rank written in it (1 for none).
    rank_suffixes: tuple[tuple[int, Decimal], ...] = ()
    top_rank: int = 1
    # Why the value cannot be decided (1⏎2万户): the mention is kept with a null value.
    doubt: str | None = None
    # The unit's multiplier (10 for 成), which a low end without unit shares (1-3成 -> 10..30).
    scale: Decimal | int = 1


def _clause_before(text: str, position: int, width: int) -> str:
    window = text[max(0, position - width):position]
    cut = max(window.rfind(char) for char in _CLAUSE_END)
    return window[cut + 1:]


# 一万五, 13万2: a run ending in 万 or 亿 and one of these is colloquial (see `_Run`).
_COLLOQUIAL_TAIL = frozenset("0123456789一二两三四五六七八九")
_ARABIC_DIGIT = re.compile("[0-9]")


# A minus sign before a number, itself after a word or the start (比-9.4%), not after a digit
# or a unit (the dash of a range, 5%-20%).
_NEGATIVE_SIGN = re.compile(r"(?:^|[^\d%.,)）个家元万亿千百十a-zA-Z\-])[-−]")
_MINUS_SIGNS = frozenset("-−")
_NEGATIVE_WORD = "负"
_DEMONSTRATIVES = frozenset("这那该")  # not 此: 因此两家, 对此两家
# Measure words that, after a Chinese numeral, name a group (中亚五国, 两国, 三村) rather than
# count one: only an Arabic number counts with them.
_GROUP_WORDS = frozenset(("国",))
# 负 is minus only after these (利率为负0.5%, 同比负3%, 增长负百分之三), or opening the text:
# after any other word it ends one (减负, 税负, 背负, 正负, 胜负).
_NEGATIVE_AFTER = frozenset("为是至到达比长率值在于:,，、;；(（ \n")

_ONE = Decimal(1)
_TENTH_TAIL_TABLE: dict[str, tuple[Decimal, Qualifier | None]] = {
    surface: (tenths, qualifier) for surface, tenths, qualifier in TENTH_TAILS
}
# The tails that end in a digit (成五), which may instead start the next word (成五星级).
_DIGIT_TAILS = frozenset(surface for surface, _, _ in TENTH_TAILS if surface[1] in CN_DIGITS)
# Function words: after a quantity they end it rather than continue a word (七成五的, 七成五
# 以上), and after 块 they are not the noun it counts (3块的, 3块以上).
_FUNCTION_CHARS = frozenset("的了以左上下多余钱和及与或至到是为在")
_NUMERAL_CHARS = frozenset("0123456789零〇一二两三四五六七八九十百千万亿")
# After a bare number with a currency before it, these make it a date or a name.
# 对美元16:30收盘 is a time, 美元3个月Libor a span, 人民币 2023 年 a year.
_NOT_AFTER_BARE_MONEY = frozenset("年月日号届期版时点分秒:个周天倍")
# The units after which small change may follow (see `_SMALL_CHANGE`).
_CHANGE_AFTER = frozenset(("元", "圆", _BLOCK))
_DIGIT_VALUES: dict[str, Decimal] = {
    char: Decimal(value) for char, value in {**CN_DIGITS, **{str(d): d for d in range(10)}}.items()
}
_CHANGE_DIGIT = "[0-9一二两三四五六七八九]"
_CHANGE_STARTS = frozenset("0123456789一二两三四五六七八九零")
# 2角, 2角5分, 5分钱: hundredths only after tenths or before 钱 (奖励1000元3分 and 三块三分地
# are no 1000.03 元); after 块 a lone digit ending the amount is tenths (花了3块5, 二十块五).
_SMALL_CHANGE = re.compile(
    rf"(?P<tenths>{_CHANGE_DIGIT})(?P<tenths_unit>[角毛])(?:零?(?P<cents>{_CHANGE_DIGIT})分)?钱?"
    rf"|零?(?P<only_cents>{_CHANGE_DIGIT})分钱"
)
_BARE_TENTHS = re.compile(
    rf"(?P<tenths>{_CHANGE_DIGIT})(?=钱|的|(?![\u4e00-\u9fff0-9一二两三四五六七八九十百千万亿]))"
)
_TENTH = Decimal("0.1")
_CENT = Decimal("0.01")
# A number the run did not join to the digits before it: after one to three digits and a blank
# (21 6000个: more than three digits follow), or after digits that end a line of text
# (发展到1⏎2万户): one number split, or two numbers, cannot be told.
_SPLIT_DIGITS = re.compile(r"(?<![0-9])[0-9]{1,3}\x20\Z")
_WRAPPED_NUMBER = re.compile(r"(?<![0-9])[0-9]{1,3}[ \t]*\n[ \t]*\Z")
_SPLIT_REASON = "a blank splits the number (21 6000个): one number or two cannot be told"
_WRAP_REASON = "a line break splits the number (1⏎2万户): one number or two cannot be told"
# The factor of a quantity nothing multiplies: more_magnitude * multiplier * sign in `_atom`.
_FACTOR_ONE = Decimal(1) * 1 * 1
_VAGUE_REASON = "vague numeral: the value is its lower bound"


def _trailing_magnitude(numeral: str) -> Decimal:
    """The 万/亿 factor written at the end of a numeral: 100万 -> 10000, 1.8万亿 -> 10**12."""
    if not numeral or numeral[-1] not in "万亿":
        return _ONE  # most numerals: one test instead of a loop
    factor = _ONE
    for char in reversed(numeral):
        if char == "万":
            factor *= 10**4
        elif char == "亿":
            factor *= 10**8
        else:
            break
    return factor


def _split_run(run: str, start: int) -> tuple[str, int]:
    """Drop what cannot belong to the number: 统一10个 -> 10个 (a word ending in 一 before
    Arabic digits), 2023,100家 -> 100家 (a comma that is not a thousands separator)."""
    if not "0" <= run[0] <= "9":  # a run that starts with a digit keeps its start
        arabic = _ARABIC_DIGIT.search(run)
        if arabic is not None and arabic.start() > 0:
            run, start = run[arabic.start():], start + arabic.start()
    if "," in run and parse_numeral(run) is None:
        cut = run.rfind(",") + 1
        run, start = run[cut:], start + cut
    return run, start


class _Run(NamedTuple):
    """What a numeral run alone decides, computed once per distinct run (`_run_facts`)."""

    numeral: Numeral
    value: Decimal  # numeral.value * 1: the value when nothing multiplies it (see `_atom`)
    high: Decimal | None  # likewise numeral.high * 1
    magnitude: Decimal  # the trailing 万/亿 factor (100万 -> 10000)
    rank_suffixes: tuple[tuple[int, Decimal], ...]  # see `_Atom`
    top_rank: int
    bare_magnitude: bool  # 百家, 千人, 万家: no digit before the rank word
    counted_ranks: bool  # starts with 十/百/千/万/亿: 数十家, 数百亿元 are vague
    starts_with_digit: bool  # str.isdigit of the first character (Arabic, not 二)
    colloquial: bool  # 一万五, 13万2: one digit after 万/亿 inside the numeral


_RUN_BLANKS = str.maketrans("", "", " \t\n")
_RANKS: dict[str, int] = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}


def _ranks(run: str) -> tuple[tuple[tuple[int, Decimal], ...], int]:
    """The rank suffixes and the top rank of a run (see `_Atom`): 三十万 -> ((10, 10**5),
    (10**4, 10**4)), 10**4; 2 -> (), 1."""
    ranks = [_RANKS[char] for char in run if char in _RANKS]
    if not ranks:
        return (), 1
    trailing: list[int] = []
    for char in reversed(run):
        if char in _RANKS:
            trailing.append(_RANKS[char])
        elif char not in "个来 ":
            break
    trailing.reverse()
    suffixes: list[tuple[int, Decimal]] = []
    for index in range(len(trailing)):
        factor = _ONE
        for rank in trailing[index:]:
            factor *= rank
        suffixes.append((trailing[index], factor))
    return tuple(suffixes), max(ranks)


@functools.lru_cache(maxsize=8192)
def _run_facts(run: str) -> _Run | None:
    """The facts of a numeral run (a short string: the cache key is the number as written),
    or None when it does not parse. Multiplying by one is kept rather than skipped: a
    `Decimal` product is rounded to the context precision, so 1 * a 40-digit value differs
    from the value itself."""
    if run[0] == "0" and run[1:2].isdigit():
        return None  # 000万元 after a wrapped 1: a number never starts with a zero digit
    numeral = parse_numeral(run.translate(_RUN_BLANKS))
    if numeral is None:
        return None
    return _Run(
        numeral,
        numeral.value * _FACTOR_ONE,
        None if numeral.high is None else numeral.high * _FACTOR_ONE,
        _trailing_magnitude(run),
        *_ranks(run),
        run[0] in "百千万亿",
        run[0] in "十百千万亿",
        run[0].isdigit(),
        len(run) > 1 and run[-2] in "万亿" and run[-1] in _COLLOQUIAL_TAIL,
    )


# After a bare magnitude of money (千亿元级, 万元户), words that make it a class or a name.
_CLASS_WORDS = ("级", "户", "村")
# Digits, then a line break (and blanks) ending right where a bare magnitude starts.
_WRAPPED_DIGITS = re.compile(r"[0-9][ \t\u3000]*\n[ \t\u3000]*\Z")
_WRAP_LOOKBACK = 8


def _opens_line(text: str, start: int) -> bool:
    """Only blanks stand between the line's start and `start`."""
    return not text[text.rfind("\n", 0, start) + 1 : start].strip()


# A currency written before a bare number (¥350, 港币1200): the currency, one blank, then the
# first character of a number.
_CURRENCY_THEN_NUMBER = re.compile(
    "(?:" + "|".join(map(re.escape, _CURRENCY_SURFACES)) + rf")\x20?(?=[{_DIGIT_CLASS}十百千])"
)


def _with_bare_money(text: str, atoms: list[_Atom], percent_words: bool) -> list[_Atom]:
    """`atoms` and the bare numbers with a currency before them, in text order. The main
    pattern needs a unit or a magnitude after a number; only after a currency may a number
    stand alone, so only those numbers are matched again, with the pattern that allows it."""
    bare = _pattern(percent_words, currency_first=True)
    found = {atom.num_start for atom in atoms}
    extra: list[_Atom] = []
    for currency in _CURRENCY_THEN_NUMBER.finditer(text):
        match = bare.match(text, currency.end())
        if match is None or match.start(_NUM) in found:
            continue
        atom = _atom(text, match)
        if atom is not None and atom.num_start not in found:
            extra.append(atom)
    if not extra:
        return atoms
    return sorted(atoms + extra, key=lambda atom: atom.start)


def _atom(text: str, match: re.Match[str]) -> _Atom | None:
    groups = match.groups()  # one tuple, read by the group numbers of `_pattern`
    num, more, unit_surface, _, post, opened, post2 = groups[:_PCT - 1]
    percent_words = num is None
    if percent_words:
        run, num_start, post = groups[_PCT - 1], match.start(_PCT), groups[_PCTPOST - 1]
    else:
        run, num_start, post = num, match.start(_NUM), post or post2
    if not "0" <= run[0] <= "9" or "," in run:  # a run of plain digits needs no split
        run, num_start = _split_run(run, num_start)
        if "点" in run and run[-1] not in "万亿" and unit_surface is not None and (
            _UNIT_TABLE[unit_surface][1] == "count"
        ):
            # 上午九点三家银行: no count has a decimal point (but 十二点八万人 has a
            # magnitude), so 九点 is a clock time.
            cut = run.index("点") + 1
            run, num_start = run[cut:], num_start + cut
    if len(run) > _MAX_RUN:
        return None  # a 40-digit "number" is a code or garbage, never a quantity
    if unit_surface is not None and text[match.start(_UNIT) - 1] == "\n" and (
        _opens_line(text, num_start)
    ):
        return None  # a number alone on its line is a cell or a page number, not "30\n个村"
    facts = _run_facts(run)
    if facts is None:
        return None
    # One unpacking instead of an attribute lookup per use.
    (numeral, value, high, run_magnitude, rank_suffixes, top_rank, bare_magnitude,
     counted_ranks, starts_with_digit, colloquial) = facts
    currency: tuple[str, int] | None = None
    if percent_words:
        start = match.start()
        if text[start - 1:start] in _NUMERAL_CHARS:
            return None  # 三百分之1.5: a fraction (one three-hundredth), not a percentage
    else:
        start = num_start
        if text[start - 1:start] in _CURRENCY_LAST_CHARS:
            currency = _currency_before(text, start)
            if currency is not None:
                start = currency[1]
    # The character before the mention as found so far: one slice, tested by every rule
    # below (text[-1:0] is "", so the start of the text needs no case of its own).
    before = text[start - 1:start]
    prefix: tuple[Qualifier, int] | None = None
    if before in _PREFIX_LAST_CHARS or (bare_magnitude and before == _ROUND_OVER):
        prefix = _prefix_before(text, start, bare_magnitude)
        if prefix is not None:
            start = prefix[1]
            before = text[start - 1:start]
    elif before == " " and text[start - 2:start - 1] in _PREFIX_LAST_CHARS:
        # 已超过 2000 家: a web page's blank between the qualifier and the number.
        prefix = _prefix_before(text, start - 1, False)
        if prefix is not None:
            start = prefix[1]
            before = text[start - 1:start]
    sign = 1
    if (
        before in _MINUS_SIGNS and prefix is None and currency is None
        and _NEGATIVE_SIGN.match(text, max(0, start - 2))
    ):
        # 同比-9.4%: a written minus makes the value negative (5%-20% is a range: a digit or
        # unit stands before its dash).
        sign, start = -1, start - 1
        before = text[start - 1:start]
    elif before == _NEGATIVE_WORD and prefix is None and currency is None and (
        start == 1 or text[start - 2:start - 1] in _NEGATIVE_AFTER
    ):
        # 负3%, 负百分之三点五: the word for minus (but 正负3% is plus or minus, 减负 a word).
        sign, start = -1, start - 1
        before = text[start - 1:start]
    if more is None:
        more_magnitude, magnitude = _ONE, run_magnitude
    else:
        more_magnitude = _trailing_magnitude(more[1:])
        magnitude = run_magnitude * more_magnitude

    unit: str | None = None
    kind: TargetKind | None = None
    multiplier: Decimal | int = 1
    if percent_words:
        unit, kind = "%", "percent"
    elif unit_surface is not None:
        unit, kind, multiplier = _UNIT_TABLE[unit_surface]
        if unit_surface in BASIS_POINT_SURFACES and _EXCHANGE_RATE.search(
            text, max(0, num_start - _EXCHANGE_RATE_WINDOW), num_start
        ):
            # 人民币对美元…跌120个基点: an exchange rate's basis point is a pip (a ten-
            # thousandth of the currency), not a hundredth of a percentage point.
            unit, kind, multiplier = "基点", "measure", 1
    elif currency is not None and opened is None:
        if text[match.end():match.end() + 3].lstrip(" ")[:1] in _NOT_AFTER_BARE_MONEY:
            return None  # 人民币2023年, 美元3个月Libor: a date or a span after the currency
        unit, kind = currency[0], "money"
    elif opened is None and magnitude == 1 and not colloquial:
        return None  # 200多 with nothing after it: no unit, no range, no 万/亿
    if currency is not None and unit == "元" and currency[0] != "元":
        unit = currency[0]  # 港币一千二百元: the currency before says which 元

    qualifier: Qualifier = "eq"
    if post is not None:
        qualifier = _SUFFIX_TABLE[post]
    elif more is not None or numeral.more:
        qualifier = "gt"
    elif prefix is not None:
        qualifier = prefix[0]
    elif numeral.roughly:
        qualifier = "approx"  # 十来万元

    # Reject rules, each with the case that motivates it.
    if before == "第" or (before in _COORDINATORS and _list_start(text, start) == "第"):
        return None  # 第一批, 第3家, 第1、2、3名: an ordinal
    if run == "零" or run == "〇":
        return None  # 零件, 零售: zero alone counts nothing
    if kind == "count" and before in _DEMONSTRATIVES and not starts_with_digit:
        return None  # 这两项, 那三个: a reference to things named before, not a quantity
    if unit_surface == "对" and text[num_start - 1:num_start] == ":":
        return None  # 8:00—18:30对长治路…停电: a clock time before the preposition 对
    if unit_surface == "人" and before == "每" and text.startswith("口", match.end()):
        return None  # 每10万人口发病率: the base of a rate, not a number of people
    if unit_surface in _GROUP_WORDS and not starts_with_digit:
        return None  # 中亚五国, 两国关系: a grouping of countries (5国领导人 counts them)
    if before == "数" and counted_ranks:
        return None  # 数十家, 数百亿元: vague, no number is written (人数1000万 is kept)
    if before == "前" and kind == "count":
        word_end = text[max(0, start - 2):max(0, start - 1)]
        if not (word_end and word_end in NOT_RANK_BEFORE_QIAN):
            return None  # 前三位, 前10家: a rank (but 目前30家 is a count)
    if kind == "count" and run == "一" and prefix is None and more is None:
        return None  # 一批, 一家公司, 一次性: indefinite 一
    if bare_magnitude and prefix is None and more is None and kind not in ("money", "percent"):
        return None  # 百人论坛, 千人计划, 万家灯火: names; 上百家, 百余家, 近百亿元 are kept
    end = match.end()  # the open-range lookahead is zero-width: this ends at the number
    if unit_surface in _DIGIT_TAILS and post is None and _word_at(text, end):
        # 七成一线城市, 六成四季度: the digit after 成 starts the next word; 七成五的 is 75 %.
        unit_surface, end = "成", match.start(_UNIT) + 1
    if bare_magnitude and prefix is None and more is None and (
        text.startswith(_CLASS_WORDS, end)
        or _WRAPPED_DIGITS.search(text, max(0, start - _WRAP_LOOKBACK), start)
    ):
        # 千亿元级产业集群, 万元户: a class or a name. 3007⏎万元: the digits are on the line
        # before; 万元 alone would say 10000元.
        return None
    if unit_surface in _ORDINAL_UNITS and not starts_with_digit:
        if unit_surface == _PHASE_WORD:
            return None  # 二期工程: the name of a phase
        if unit_surface == "套" and text.startswith(HOME_WORDS, end):
            return None  # 二套住房: a second home, a category of loan, not two flats
    if unit_surface == "次" and text.startswith(SESSION_WORDS, end):
        return None  # 十四届全国人大二次会议: the second session, an ordinal

    doubt: str | None = None
    change: Decimal | None = None
    if unit_surface in _CHANGE_AFTER and post is None and text[end:end + 1] in _CHANGE_STARTS:
        change, end = _small_change(text, end, unit_surface == _BLOCK)
    if unit_surface == _BLOCK:
        if change is not None:
            unit, kind = "元", "money"
        elif _word_at(text, end):
            pass  # 花坛边有3块绿地: the noun it counts decides, whatever words stand before
        elif _block_is_money(text, start):
            unit, kind = "元", "money"
        else:
            doubt = _BLOCK_REASON
    if text[num_start - 1:num_start] in (" ", "\n") and starts_with_digit and (
        start == num_start
    ):
        doubt = _split_number(text, num_start) or doubt

    tail = _TENTH_TAIL_TABLE.get(unit_surface) if unit_surface is not None else None
    if tail is not None and tail[1] is not None and qualifier == "eq":
        qualifier = tail[1]
    if more_magnitude is not _ONE or multiplier != 1 or sign != 1 or tail is not None:
        factor = more_magnitude * multiplier * sign
        whole = numeral.value + tail[0] if tail is not None else numeral.value
        value = _integral(whole * factor)
        high = None if high is None else _integral(numeral.high * factor)  # type: ignore[operator]
    if change is not None:
        value += change
    return _Atom(
        start,
        end,
        num_start,
        value,
        high,
        unit,
        kind,
        qualifier,
        magnitude,
        "percent_words" if percent_words else ("number_unit" if unit else "bare_number"),
        _VAGUE_REASON if numeral.more else None,
        rank_suffixes,
        top_rank,
        doubt,
        multiplier,
    )


def _split_number(text: str, num_start: int) -> str | None:
    """Why the number starting at `num_start` may be the end of a split one, or None."""
    if _SPLIT_DIGITS.search(text, max(0, num_start - 5), num_start):
        return _SPLIT_REASON
    wrapped = _WRAPPED_NUMBER.search(text, max(0, num_start - 12), num_start)
    if wrapped is not None and not _opens_line(text, wrapped.start()):
        return _WRAP_REASON  # digits alone on their line are an item number, not a split
    return None


def _word_at(text: str, position: int) -> bool:
    """A content word starts at `position`: an ideograph that is no function word."""
    char = text[position:position + 1]
    return bool(char) and "\u4e00" <= char <= "\u9fff" and char not in _FUNCTION_CHARS


def _integral(value: Decimal) -> Decimal:
    """7.5成 is 75 %, not 75.0: a whole value is written as one."""
    return value.to_integral_value() if value == value.to_integral_value() else value


def _small_change(text: str, end: int, after_block: bool) -> tuple[Decimal | None, int]:
    """45元2角, 十块三毛, 135块6角7分钱, 花了3块5: the tenths and hundredths after 元 or 块,
    and where they end; (None, end) when none follow."""
    match = _SMALL_CHANGE.match(text, end)
    if match is not None:
        tenths, cents = match.group("tenths"), match.group("cents") or match.group("only_cents")
        change = _DIGIT_VALUES[tenths] * _TENTH if tenths else Decimal(0)
        if cents:
            change += _DIGIT_VALUES[cents] * _CENT
        return change, match.end()
    bare = _BARE_TENTHS.match(text, end) if after_block else None
    if bare is not None:
        return _DIGIT_VALUES[bare.group("tenths")] * _TENTH, bare.end()
    return None, end


def _block_is_money(text: str, start: int) -> bool:
    """售价200块, 花了30块: money words before 块 in its clause."""
    clause = _clause_before(text, start, _CONTEXT_WINDOW)
    return (
        _money_context_pattern().search(clause) is not None
        or any(word in clause for word in BLOCK_MONEY_WORDS)
    )


def _low_value(low: _Atom, high: _Atom) -> Decimal | None:
    """The value of a range's low end, or None when `low` cannot be one (a range runs
    upwards: in 2023-10家 the 2023 is not a low end). A low end written without unit takes
    the ranks that end the high end, as many as rank above its own (三~5百 -> 300, 十八至
    三十万 -> 180000, 2-3万 -> 20000), unless that passes the high end (6500到2万: 6500)."""
    if low.unit is None:
        scaled = low.value * high.scale
        for factor in _higher_ranks(low, high):
            if scaled * factor < high.value:
                return scaled * factor
        return scaled if scaled < high.value else None
    return low.value if low.value < high.value else None


def _higher_ranks(low: _Atom, high: _Atom) -> Iterator[Decimal]:
    """The factors of the high end's trailing ranks that rank above every rank of the low
    end, longest first: for 2 and 5百万, 10**6 then 10**4."""
    return (factor for first_rank, factor in high.rank_suffixes if first_rank > low.top_rank)


# 产量增加5万桶至900万桶/日, 库存增加40万桶至4.2亿桶: a change by the first quantity
# to the second, not a range between them (`_change_to_level`).
LEVEL_CHANGE_VERBS: tuple[str, ...] = (
    "增加", "减少", "上涨", "下跌", "上升", "下降", "提高", "降低", "增长", "回落", "扩大",
    "缩小", "涨", "跌", "升", "降", "增", "减",
)
_TO_LEVEL = frozenset(("至", "到"))
# How many times the change the level must be: a range's ends are of one size.
_LEVEL_RATIO = 5


def _change_to_level(text: str, gap: str, low: _Atom, high: _Atom) -> bool:
    """增加5万桶至900万桶: a change by the first quantity to a level many times larger, not a
    range. Both ends written with their unit, a change verb before them, the same kind and not
    a percentage (增长5%至8% and 利润增长10亿元至20亿元 are ranges)."""
    return (
        low.unit is not None and gap in _TO_LEVEL and low.kind != "percent"
        and low.kind == high.kind and low.value > 0
        and high.value >= _LEVEL_RATIO * low.value
        and text.endswith(LEVEL_CHANGE_VERBS, 0, low.start)
    )


def _range_gap(text: str, low: _Atom, high: _Atom) -> tuple[str, Qualifier]:
    """The separator between two quantities (blanks stripped) and the low end's qualifier:
    3万(含)-6万元 -> ("-", gte)."""
    gap = text[low.end:high.start].strip(" ")
    if gap[:1] == "(":
        for mark, qualifier in RANGE_LOW_MARKS:
            if gap.startswith(mark):
                return gap[len(mark):].strip(" "), qualifier
    return gap, "gte" if low.qualifier == "eq" else low.qualifier


def _join_ranges(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """10万元—100万元, 5%-20%, 100—500亩: the low end `gte`, the high end `lte`. A low end
    written without unit takes it from the high end, and its ranks (`_low_value`)."""
    count = len(atoms)
    if count < 2 or not any(
        (gap := text[low.end:high.start].strip(" ")) in _RANGE_SEPARATORS
        or (gap[:1] == "(" and _range_gap(text, low, high)[0] in _RANGE_SEPARATORS)
        for low, high in itertools.pairwise(atoms)
    ):
        return atoms  # most entries: no two quantities with a separator between them
    joined: list[_Atom] = []
    index = 0
    while index < count:
        low = atoms[index]
        high = atoms[index + 1] if index + 1 < count else None
        low_q: Qualifier = "eq"
        gap = ""
        if high is not None:
            gap, low_q = _range_gap(text, low, high)
        value = (
            _low_value(low, high)
            if high is not None and high.unit is not None and low.high is None
            and high.high is None and low.doubt is None and high.doubt is None
            and gap in _RANGE_SEPARATORS
            and (low.unit is None or (low.unit == high.unit and low.kind == high.kind))
            and not _change_to_level(text, gap, low, high)
            else None
        )
        if high is not None and value is not None:
            high_q: Qualifier = "lte" if high.qualifier == "eq" else high.qualifier
            joined.append(replace(low, value=value, unit=high.unit, kind=high.kind,
                                  qualifier=low_q, rule="range_low"))
            joined.append(replace(high, qualifier=high_q, rule="range_high"))
            index += 2
            continue
        joined.append(low)
        index += 1
    return joined


def _share_units(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """降幅分别扩大4.4和3.6个百分点: a number without unit, then 和/、/及 and a quantity,
    takes that quantity's unit, multiplier and ranks (1.2和1.5万亿元 -> 1.2万亿). Right to left,
    so that a list (3.2、4.5和6.1%) passes the unit back to its first number."""
    shared = list(atoms)
    for index in range(len(shared) - 2, -1, -1):
        low, high = shared[index], shared[index + 1]
        if (
            low.unit is None and high.unit is not None and low.high is None
            and low.doubt is None and text[low.end:high.start] in _COORDINATORS
            and text[low.num_start:low.num_start + 1].isdigit() and _is_listed(text, low)
        ):
            value = low.value * high.scale
            factor = next(_higher_ranks(low, high), None)
            # 1.2和1.5万亿元; but 8000万和1.2亿元 keeps its own 万, and 5千和1万元 is 5000:
            # shared ranks must leave the two values within a factor of 100.
            if factor is not None and low.magnitude == 1 and (
                high.value / 100 <= value * factor <= high.value * 100
            ):
                value *= factor
            shared[index] = replace(low, value=_integral(value), unit=high.unit, kind=high.kind,
                                    scale=high.scale, rank_suffixes=high.rank_suffixes,
                                    rule="shared_unit")
    return shared


def _list_start(text: str, position: int) -> str:
    """The character before the list of numbers that ends at `position` (第 in 第1、2、3名)."""
    while position > 0 and (text[position - 1].isdigit() or text[position - 1] in "., "
                            or text[position - 1] in _COORDINATORS):
        position -= 1
    return text[position - 1:position]


def _is_listed(text: str, atom: _Atom) -> bool:
    """Is the number one of a list of quantities, not a list item's number (1、5家企业 at a
    line start) nor an ordinal (第1、2、3名)?"""
    if _list_start(text, atom.num_start) == "第":
        return False
    # 1、5家企业 opening a line: the 1、 numbers the item.
    return not (text.startswith("、", atom.end) and _opens_line(text, atom.num_start))


def _implied_money(text: str, atom: _Atom) -> _Atom | None:
    """总投资超15亿, 融资800亿: a 万/亿 number with no unit after a money word is 元; so is a
    colloquial 一万五 / 13万2, whose 万 is inside the numeral rather than at its end."""
    written = text[atom.num_start:atom.end]
    if atom.magnitude == 1 and "万" not in written and "亿" not in written:
        return None
    clause = _clause_before(text, atom.start, _CONTEXT_WINDOW)
    if _money_context_pattern().search(clause) is None:
        return None
    if _people_context_pattern().search(clause) is not None:
        return None
    return replace(atom, unit="元", kind="money", rule="implied_money")


def _may_govern(window: str) -> bool:
    return "不" in window or "最" in window or "至" in window  # == _GOVERNING_HEADS


def _governed(text: str, atom: _Atom) -> _Atom:
    """最高一次性奖励200万元: a cap or floor word before a short noun phrase governs the
    quantity right after the phrase (lte here), as long as no punctuation or digit intervenes."""
    if atom.qualifier != "eq" or atom.start != atom.num_start:
        return atom
    window = text[max(0, atom.start - 3 - _GOVERNED_PHRASE_MAX):atom.start]
    match = _GOVERNING.search(window) if _may_govern(window) else None
    if match is None and atom.kind == "percent":
        # 不高于同地段同品质市场租金的70%: a cap on a share of something named at length.
        long_window = text[max(0, atom.start - 4 - _GOVERNED_SHARE_MAX):atom.start]
        if _may_govern(long_window):
            match = _GOVERNING_SHARE.search(long_window)
    if match is None or match.group("gap").startswith(_GOVERNED_PHRASE_STARTS):
        return atom
    if _CHANGE_VERBS.search(match.group("gap")):
        return atom  # 最低标准再提高20元: a change, not a cap
    if "从" in match.group("gap") and _CHANGE_VERBS.search(
        text, atom.end, min(len(text), atom.end + _CHANGE_AFTER_FROM)
    ):
        return atom  # 最低标准从每月70元提高到88元: from one value to another, not a cap
    qualifier = _GOVERNING_TABLE[match.group("word")]
    return replace(atom, qualifier=qualifier, rule=f"{atom.rule}+governed")


def _atom_span(atom: _Atom) -> tuple[int, int]:
    return atom.start, atom.end


_new_model = TargetMention.__new__
_set_attribute = object.__setattr__
# The fields `extract_targets` passes, i.e. the `model_fields_set` of its mentions.
_EXTRACTED_FIELDS = frozenset(
    ("text", "start", "end", "value", "unit", "kind", "qualifier", "rule", "reason")
)


def target_mention(fields: dict[str, Any], fields_set: set[str]) -> TargetMention:
    """A `TargetMention` holding `fields` (every field, in declaration order, each value of
    its declared type) and `fields_set`, built without validation.

    This is what `TargetMention.model_construct` does, minus its per-field loop over aliases
    and defaults, which makes it slower than validating here; validation itself costs more
    than the rest of building a mention. tests/test_targets.py checks that the result equals
    the validated model in every attribute.
    """
    mention = _new_model(TargetMention)
    _set_attribute(mention, "__dict__", fields)
    _set_attribute(mention, "__pydantic_fields_set__", fields_set)
    _set_attribute(mention, "__pydantic_extra__", None)
    _set_attribute(mention, "__pydantic_private__", None)
    return mention


def _mention(
    text: str, atom: _Atom, base: int, value: Decimal, qualifier: Qualifier, rule: str
) -> TargetMention:
    return target_mention({
        "text": text[atom.start:atom.end],
        "start": atom.start + base,
        "end": atom.end + base,
        "rule": rule,
        "value": value if atom.doubt is None else None,
        "unit": atom.unit,
        "kind": atom.kind,
        "qualifier": qualifier,
        "year": None,
        "metric": None,
        "reason": atom.reason if atom.doubt is None else atom.doubt,
    }, set(_EXTRACTED_FIELDS))


def _inside(spans: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    index = bisect.bisect_right(starts, position) - 1
    return index >= 0 and position < spans[index][1]


def _title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the outermost 《…》 titles (unclosed ones end with their line)."""
    spans: list[tuple[int, int]] = []
    depth = opened = 0
    for match in _TITLE_MARK.finditer(text):
        char = match.group()
        if char == "《":
            if depth == 0:
                opened = match.start()
            depth += 1
        elif char == "》" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, match.end()))
        else:
            depth = 0
    return spans


_TITLE_MARK = re.compile(r"[《》\r\n]")


def extract_targets(text: str, base: int = 0) -> list[TargetMention]:
    """Find every quantity in `text`; spans are offset by `base`.

    A number inside a 《》 title is part of a name (《促进夜间经济发展十条措施》), not a target.

    >>> [(m.text, str(m.value), m.unit, m.qualifier) for m in extract_targets("新建工厂150家以上")]
    [('150家以上', '150', '家', 'gte')]
    >>> extract_targets("印发《鼓楼区促进夜间经济发展十条措施》")
    []
    >>> [(m.text, str(m.value), m.qualifier) for m in extract_targets("有1万(wàn)余名选手")]
    [('1万(wàn)余名', '10000', 'gt')]
    """
    if "(" not in text and "*" not in text and "_" not in text:
        return _extract_targets(text, base)
    # Pinyin glosses (萬(wàn)) and Markdown emphasis (**30**个) are read past, in a copy;
    # spans map back to `text`.
    return read_past(text, base, _QUANTITY_GAPS, _extract_targets)


_QUANTITY_GAPS = re.compile(f"{PINYIN_GLOSS.pattern}|{MARKDOWN_IN_QUANTITY.pattern}")


def _extract_targets(text: str, base: int) -> list[TargetMention]:
    percent_words = "百分之" in text
    atoms = [
        atom for match in _pattern(percent_words).finditer(text)
        if (atom := _atom(text, match)) is not None
    ]
    if _CURRENCY_ANYWHERE.search(text) is not None:
        atoms = _with_bare_money(text, atoms, percent_words)
    if not atoms:
        return []
    if "《" in text:
        titles = _title_spans(text)
        starts = [start for start, _ in titles]
        atoms = [a for a in atoms if not _inside(titles, starts, a.start)]
    # Regex matches never overlap, but a prefix, currency or sign found before a number may
    # reach back into the previous match (10万元以上百家). Joining, implied money and
    # governing keep every span, so atoms that do not overlap now never will.
    disjoint = all(a.end <= b.start for a, b in itertools.pairwise(atoms))
    atoms = _join_ranges(text, atoms)
    if len(atoms) > 1:
        atoms = _share_units(text, atoms)
    complete: list[_Atom] = []
    for atom in atoms:
        if atom.unit is None:
            implied = _implied_money(text, atom)
            if implied is None:
                continue
            atom = implied
        if atom.qualifier == "eq" and atom.start == atom.num_start:  # `_governed`'s own test
            atom = _governed(text, atom)
        complete.append(atom)
    mentions: list[TargetMention] = []
    for atom in complete if disjoint else longest_first(complete, _atom_span):
        if atom.unit is None or atom.kind is None:
            continue
        if atom.high is None:
            mentions.append(_mention(text, atom, base, atom.value, atom.qualifier, atom.rule))
        else:
            # 两三个 / 三四十家: a vague range gives both ends, on the same span.
            low_q: Qualifier = "gte" if atom.qualifier in ("eq", "gte", "gt") else atom.qualifier
            mentions.append(_mention(text, atom, base, atom.value, low_q, "range_approx_low"))
            mentions.append(_mention(text, atom, base, atom.high, "lte", "range_approx_high"))
    return mentions
