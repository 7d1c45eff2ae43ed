"""A press conference and the statements made at it: who speaks (`speakers`) and who a
conference report names (`conference_bodies`), for the event linker's ``statement`` rule.

One digest reports a press conference as one item (国务院新闻办公室今天举行…新闻发布会，某部
有关负责人介绍…), another reports each statement as its own (某部表示，…; 某部介绍，…; 据某部
统计，…), in words the conference report seldom repeats. What the two share is the body that
spoke: an item that opens with a national body saying something, and a report of a press
conference that names the body, are one event when they are a day apart at most
(`events`). The bodies are the State Council's ministries, commissions and bureaus as
digests name them (gov.cn/gjjg), each under one name (国家发改委, 发改委 and 国家发展改革委
are one body): a foreign body is written with its country (美国商务部) and is not one.
"""

from __future__ import annotations

import re
from typing import Final

from extractor.load import normalize_width

# One body -> the names digests write it under (the longest is matched first).
BODY_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "国家发展改革委": ("国家发展和改革委员会", "国家发展改革委", "国家发改委", "发展改革委",
                "发改委"),
    "金融监管总局": ("国家金融监督管理总局", "国家金融监管总局", "金融监管总局"),
    "中国人民银行": ("中国人民银行", "人民银行", "央行"),
    "中国证监会": ("中国证券监督管理委员会", "中国证监会", "证监会"),
    "外汇局": ("国家外汇管理局", "外汇局"),
    "财政部": ("财政部",),
    "商务部": ("商务部",),
    "外交部": ("外交部",),
    "国防部": ("国防部",),
    "公安部": ("公安部",),
    "教育部": ("教育部",),
    "科技部": ("科学技术部", "科技部"),
    "工业和信息化部": ("工业和信息化部", "工信部"),
    "民政部": ("民政部",),
    "司法部": ("司法部",),
    "人力资源社会保障部": ("人力资源和社会保障部", "人力资源社会保障部", "人社部"),
    "自然资源部": ("自然资源部",),
    "生态环境部": ("生态环境部",),
    "住房城乡建设部": ("住房和城乡建设部", "住房城乡建设部", "住建部"),
    "交通运输部": ("交通运输部",),
    "水利部": ("水利部",),
    "农业农村部": ("农业农村部",),
    "文化和旅游部": ("文化和旅游部", "文旅部"),
    "国家卫生健康委": ("国家卫生健康委员会", "国家卫生健康委", "国家卫健委"),
    "应急管理部": ("应急管理部",),
    "退役军人事务部": ("退役军人事务部",),
    "审计署": ("审计署",),
    "国务院国资委": ("国务院国资委", "国资委"),
    "海关总署": ("海关总署",),
    "税务总局": ("国家税务总局", "税务总局"),
    "市场监管总局": ("国家市场监督管理总局", "国家市场监管总局", "市场监管总局"),
    "国家统计局": ("国家统计局",),
    "国家知识产权局": ("国家知识产权局",),
    "国家医保局": ("国家医疗保障局", "国家医保局"),
    "国家能源局": ("国家能源局",),
    "国家数据局": ("国家数据局",),
    "国家移民管理局": ("国家移民管理局", "国家移民局", "移民管理局"),
    "国家国防科工局": ("国家国防科工局", "国防科工局"),
    "国家药监局": ("国家药品监督管理局", "国家药监局"),
    "国家林草局": ("国家林业和草原局", "国家林草局"),
    "国家铁路局": ("国家铁路局",),
    "中国民航局": ("中国民用航空局", "中国民航局", "民航局"),
    "国家邮政局": ("国家邮政局",),
    "国家文物局": ("国家文物局",),
    "国家网信办": ("国家互联网信息办公室", "国家网信办"),
    "国台办": ("国务院台湾事务办公室", "国务院台办", "国台办"),
}
_BODY_OF: Final = {name: body for body, names in BODY_NAMES.items() for name in names}
# A name as a national body's own: not the end of another's (日本央行, 广东省发改委, 俄罗斯
# 外交部: a Chinese character before it but a conjunction, a preposition or a day's) nor
# the start of a title (外交部长 is the minister).
_BODY: Final = (r"(?:(?<![\u4e00-\u9fff])|(?<=[、和与及同由据从向对为在即天日]))(?:"
                + "|".join(sorted(_BODY_OF, key=len, reverse=True)) + ")(?!长)")
_NAMED: Final = re.compile(_BODY)
# An item opening with bodies saying something: 某部表示, 某部副部长某某介绍, 据某部统计,
# 甲部、乙部就某工作情况介绍. What may stand between the body and the verb is a title and a
# name, or the matter spoken on (就…), not a clause: no comma. Not 披露, which digests
# mostly write as a noun (信息披露, 终裁披露); not 称 ending a noun (名称, 宣称); 统计 only
# after 据 (统计局, 统计公报 are names).
_SPEAKER_CHARS: Final = 16
_SPEAKERS: Final = re.compile(
    rf"(?P<by>据|记者从)?(?P<bodies>{_BODY}(?:[、和与及]{_BODY})*)"
    rf"(?P<between>[^，,。；;：:]{{0,{_SPEAKER_CHARS}}}?)"
    r"(?P<verb>表示|(?<![名宣号简昵堪俗])称|介绍|指出|回应|透露|强调|统计|获悉)"
)
# A branch speaks for itself, not for its national body (某行某省分行表示).
_BRANCH: Final = re.compile(r"分行|支行|分局|分公司|办事处|派出机构")
# What an item may open with before the speaker: a day (2024年8月21日，当地时间21日), or the
# conference itself (国新办举行…新闻发布会，某部表示).
_BEFORE_SPEAKER: Final = re.compile(
    r"^(?:(?:当地时间|北京时间)?(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日[，,]?)?"
    r"(?:[^，,。；;]{0,40}?(?:发布会|吹风会|记者会)[，,])?"
)
# A report of a press conference says so. A regular briefing (例行记者会) answers questions on
# unrelated matters: two of its answers are two events, not one conference's statements.
_CONFERENCE: Final = re.compile(r"(?<!例行)(?:新闻发布会|吹风会|记者会)|国新办|国务院新闻办公室")
_MARKS: Final = re.compile(r"[*_\s]")


def _plain(text: str) -> str:
    """Half-width, without Markdown emphasis and blanks (not folded: the commas count)."""
    return _MARKS.sub("", normalize_width(text))


def speakers(opening: str) -> frozenset[str]:
    """The bodies a text (a headline, a bulletin's story) opens with, saying something
    (`BODY_NAMES`' own names).

    >>> sorted(speakers("**国家发改委、财政部就某工作情况介绍，资金已全面下达"))
    ['国家发展改革委', '财政部']
    >>> sorted(speakers("国新办举行新闻发布会，金融监管总局表示，某某")), speakers("美国商务部称")
    (['金融监管总局'], frozenset())
    >>> speakers("某省发改委表示，某某"), speakers("商务部发布《某某办法》")
    (frozenset(), frozenset())
    """
    plain = _plain(opening)
    before = _BEFORE_SPEAKER.match(plain)
    spoken = _SPEAKERS.match(plain, before.end() if before else 0)
    if spoken is None or _BRANCH.search(spoken["between"]) or (
        spoken["verb"] == "统计" and not spoken["by"]
    ):
        return frozenset()
    return frozenset(_BODY_OF[name] for name in _NAMED.findall(spoken["bodies"]))


def conference_bodies(text: str) -> frozenset[str]:
    """The bodies a report of a press conference names (none where the text reports none).

    >>> sorted(conference_bodies("国务院新闻办公室今天举行发布会。住房和城乡建设部有关负责人介绍…"))
    ['住房城乡建设部']
    >>> conference_bodies("住建部介绍，将改革完善某某制度")
    frozenset()
    >>> conference_bodies("日本央行在记者会上称"), conference_bodies("外交部在例行记者会上称")
    (frozenset(), frozenset())
    """
    plain = _plain(text)
    if not _CONFERENCE.search(plain):
        return frozenset()
    return frozenset(_BODY_OF[name] for name in _NAMED.findall(plain))
