"""Segment: find the title, the attribution, the numbered entries and their sections.

The article text is never changed here: every offset is into the text the loader returned.
Lines are split on CRLF, LF and CR alike so old-Mac and Windows files segment the same way.

The top-level numbering style is the one whose sequence starts earliest in the article;
other styles nested inside an entry (`(一)` and `1.` inside `一、`) stay in that entry.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import islice, pairwise
from typing import NamedTuple

from extractor.models import BlockKind, EntrySpan, Notice, Segmentation, TextBlock

# A line: its leading blanks, its content (empty, or ending in a non-blank), its trailing
# blanks and its end. `\s` is the same set of characters as `str.strip()` strips.
_LINE = re.compile(r"([^\S\r\n]*)((?:[^\r\n]*\S)?)([^\S\r\n]*(?:\r\n|\r|\n|$))")

_CN_DIGIT_VALUES = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                    "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMERAL = r"[〇零一二两三四五六七八九十百]{1,4}"

# Numbering styles, each a regex anchored at a line's first non-space character; `num` is the
# number, the match end is where the item's own text starts. Order matters only for lines
# two styles could claim: `(一)` must be tried before `一、`-style rules see the `一`.
NUMBERING_STYLES: tuple[tuple[str, str], ...] = (
    # "01" alone on its line ("1、" alone is the 1、 style with its text below).
    ("standalone", r"(?P<num>\d{1,4})\s*$"),
    ("no", r"(?i:no|top)\.?\s?(?P<num>\d{1,4})\b[.、:：]?\s*"),  # NO.1 / No 1 / TOP1
    ("part", r"(?i:part)\s?(?P<num>\d{1,3})\b[.、:：]?\s*"),  # Part 1
    ("keycap", r"(?P<num>\d{1,2})\ufe0f?\u20e3\s*"),  # 1️⃣ (digit + keycap emoji)
    ("num_bar", r"(?P<num>\d{1,3})\s?[|｜]\s*"),  # 01｜标题 (｜ folds to |)
    # 1/ 标题, but not a date 1/15.
    ("num_slash", r"(?P<num>\d{1,2})\s?/(?!\s*\d)\s*"),
    ("bracket", rf"【(?P<num>\d{{1,3}}|{_CN_NUMERAL})】\s*"),  # 【1】 / 【一】
    # 【二、二十城成交概况】: a numbered heading wholly in brackets.
    ("bracket_heading", rf"【(?P<num>\d{{1,3}}|{_CN_NUMERAL})[、.]\s*(?=[^】\n]+】)"),
    ("square", r"\[(?P<num>\d{1,4})\]\s*"),  # [1]
    ("paren_cn", rf"[(（](?P<num>{_CN_NUMERAL})[)）]\s*"),  # (一) / （一）
    ("paren_num", r"[(（](?P<num>\d{1,4})[)）]\s*"),  # (1)
    ("cn_comma", rf"(?P<num>{_CN_NUMERAL})[、.]\s*"),  # 一、 / 一.
    # 1、, and 2**、正文**: a page whose Markdown bold opens after the number. Not a bold
    # number (**1**、) or year (2024**、, the end of **2024**、2025年…), which a title or a
    # note writes.
    ("num_comma", r"(?P<num>\d{1,4})(?:(?<!\d{4})(?<![*_]{2}\d)(?<![*_]{2}\d\d)"
                  r"(?<![*_]{2}\d{3})(?:\*\*|__))?、\s*"),
    # "1." but not "1.5亿元" or a date "2023.1.3": no digit may follow the dot.
    ("num_dot", r"(?P<num>\d{1,4})\.(?:(?!\d)|(?=(?:19|20)\d{2}[\u4e00-\u9fff]))\s*"),
    ("num_paren", r"(?P<num>\d{1,4})[)）]\s*"),  # 1)
    # "01 标题": a one- or two-digit number, a space, then text that is not a unit or year.
    ("num_space", r"(?P<num>\d{1,2})\s+(?![\d万亿千百元个家项年月日%])"),
    ("clause", rf"第(?P<num>\d{{1,3}}|{_CN_NUMERAL})条\s*"),  # 第一条
    ("rank", rf"第(?P<num>\d{{1,3}}|{_CN_NUMERAL})位\s*"),  # 第1位 (a top-10 list)
    # "1,标题" (a full-width comma folded to ","), but not a number "3,000人".
    ("num_comma_ascii", r"(?P<num>\d{1,4}),(?!\d{3}(?!\d))\s*"),
    # "一是…" / "二是…": the pledges of a government report, each on its own line.
    ("ordinal_is", rf"(?P<num>{_CN_NUMERAL})是(?=[\u4e00-\u9fff“\"《])"),
    # "01浙江安吉：…": a two-digit number glued to the headline when the line break was lost;
    # not a count or a date (12月, 10万元, 30家).
    ("num_glued", r"(?P<num>0[1-9]|[1-9]\d)(?![\d年月日号个家项万亿元%.、])(?=[\u4e00-\u9fff])"),
    ("circled", r"(?P<num>[①-⑳])\s*"),
)
# Decorations some sites put before a number: "▍01", "■ 1、", "# 2.".
# A section tag may stand before the number too: "【宏观】1.财新10月制造业PMI…".
_MARKER_DECOR = (
    r"(?:[▍▌■◆●◇□★☆#>◎]\s*)?(?:\*\*|__)?(?:【[^】\d一二三四五六七八九十〇零]{1,8}】\s*)?"
)
# All styles in one pattern, tried in table order by the regex engine instead of one
# `match` call per style and line. No style starts with a decoration character, a space or
# `*`, so the decoration matches the same way whichever style follows. The matching style is
# the last group to close (`lastgroup`); its number is the group `<style>__num`.
_STYLES = re.compile(
    _MARKER_DECOR
    + "(?:"
    + "|".join(
        f"(?P<{name}>{pattern.replace('(?P<num>', f'(?P<{name}__num>')})"
        for name, pattern in NUMBERING_STYLES
    )
    + ")"
)
# The characters a marker line can start with, besides digits (`\d` is `str.isdecimal`):
# decorations, `*`, brackets, the letters of NO./TOP/Part, Chinese and circled numerals, 第.
MARKER_FIRST_CHARS: frozenset[str] = frozenset(
    "▍▌■◆●◇□★☆#>◎*_【[(（nNtTpP〇零一二两三四五六七八九十百第①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
)
# Each style's number group, by index: `match.group(int)` skips formatting a group name.
_NUMBER_GROUP: dict[str, int] = {
    name: _STYLES.groupindex[f"{name}__num"] for name, _ in NUMBERING_STYLES
}

# Items with no number, as real pages write them. Each is a line pattern; an item's `no` is
# its position. A Markdown heading one level below the sections ("### 🐎 [标题](url)" under
# "## 文章") competes with the numbered styles; the others are tried only where no numbered
# list is found, in this order (a bullet list is more certain than a run of quoted lines).
_MD_HEADING = re.compile(r"(?P<hashes>#{2,6})[ \t]+(?=\S)")
_MD_HEADING_ANY = re.compile(r"(?P<hashes>#{1,6})[ \t]+(?=\S)")
UNNUMBERED_STYLES: tuple[tuple[str, str], ...] = (
    # ■ ● • bullets; "- " and "* " of Markdown; "-運用…" and "——国内生产总值…" with no blank.
    ("bullet", r"[■●◆•▪◦·◇□★☆▶►▸]\s*(?=\S)|[-*][ \t]+(?=\S)|-(?=[\u4e00-\u9fff“「《\d])"
               r"|——\s*(?=[^\s—\-─_=])"),
    # The time-stamped blocks of a live blog: 【14:10更新】.
    ("timestamp", r"[【\[]?\d{1,2}:\d{2}(?:更新|update|Update)?[】\]]?$"),
    # A heading wholly in quotes: “刺痛了我的心”, “独唱”成“绝唱”?
    ("quoted", r"(?=[“\"「『][^\r\n]{1,40}[”\"」』][?？!！]?$)"),
    # A chronicle paragraph that opens with its date: "3月19日,辽宁省…".
    ("dated", r"(?=(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}[日号](?:[,，、:：]|\s)\s*\S)"),
    # A short heading line over a paragraph, where nothing else marks the items (a radio
    # brief: "【头条】 / 全国人大、政协昨日分别举行记者会 / 6日上午,…。"). See `_is_heading_over`.
    ("heading", r"(?=[^\s。;；]{2}[^。;；]{2,38}(?<![:：,，、])$)"),
)
_UNNUMBERED = tuple((name, re.compile(pattern)) for name, pattern in UNNUMBERED_STYLES)

# Numbers may be skipped or repeated by mistake (01, 02, 02, 04); a jump larger than this
# means the line is not the next item (a line holding only "100" in the middle of a text).
_MAX_NUMBER_GAP = 3

# Boilerplate lines: page furniture, editor lines, disclaimers, share buttons. A line is
# boilerplate when it starts with one of the first table or is wholly one of the second.
BOILERPLATE_PREFIXES: tuple[str, ...] = (
    r"(?:文章|本文|原文|信息|稿件)?来源(?:于)?\s*[:：]",
    r"转载自",
    r"(?:责任编辑|责编|编辑|主编|审核|审校|校对|作者|记者|撰文|编审|监制|出品|通讯员)\s*[:：|/]",
    r"(?:文|图)\s*[/|]",
    r".{0,40}(?:仅供(?:参考|交流|学习|阅读|行业交流)|如有侵权|免责声明|侵删|不代表本(?:站|网|平台|号)"
    r"|版权归|转载请注明|不构成(?:任何)?投资建议|投资有风险)",
    r"(?:分享到|分享至|字号|【?字体|打印本页|关闭窗口|扫一扫|微信扫一扫|返回顶部|【打印】)",
    r"(?:点击|长按).{0,20}(?:关注|阅读原文|二维码|订阅)",
    r"(?:发布|更新)?(?:时间|日期)\s*[:：]",
    r"相关(?:报道|链接|新闻)\s*[:：]",
    r"以上(?:就是|为|是).{0,20}(?:内容|全部)",
    r"(?:感谢|欢迎)(?:阅读|关注|转发|留言|分享)",
    # Site footers of government pages: 主办：湖北省人民政府办公厅, 网站标识码, ICP备案.
    r"(?:主办|承办|协办|主管|版权所有|网站标识码|网站地图|联系我们|返回首页)",
    r".{0,30}(?:ICP备|公网安备)",
    # Contact lines closing a newsletter: "协会秘书处 电话:010-…", "邮箱：…".
    r".{0,20}(?:联系电话|电话|传真|邮箱|E-?mail|投稿邮箱)\s*[:：]",
)
_TOOL = r"(?:大\s*中\s*小|打\s*印(?:本页)?|关\s*闭(?:窗口)?|收\s*藏|纠\s*错)"
# Furniture a page sets inside an article, also between a heading and its text: links
# (阅读原文, 查看原文, 分享), a repost's label over the original title (原标题：, its value on
# the next line), a switch between scripts (繁體 简体, 繁体中文), image placeholders left by
# crawlers (【图片】, [图], 点击查看大图).
_INLINE_FURNITURE_LINES: tuple[str, ...] = (
    r"[【\[]?(?:阅读|查看|点击查看)原文[】\]]?\s*(?:>>?|»)?|阅读\s*\d+|在看|点赞|收藏|分享",
    r"原[标標]?[题題]\s*[:：]?",
    r"(?:[繁简簡][体體](?:中文|版)?\s*[|/｜]?\s*){1,2}",
    r"【图片?】|\[图片?\]|(?:点击)?查看大图|图片来源[:：].*",
)
_INLINE_FURNITURE = re.compile("|".join(_INLINE_FURNITURE_LINES))
BOILERPLATE_LINES: tuple[str, ...] = (
    *_INLINE_FURNITURE_LINES,
    r"\(?完\)?|【完】|[-—]*\s*(?i:end)\s*[-—]*",
    # A link back to the page's top, which scraped pages may open with.
    r"(?i:top)|回到顶部|↑\s*(?:顶部|(?i:top))",
    # A page template's field labels left as a line: 标题摘要内容, 内容摘要. One label alone
    # (标题, 正文) may be a placeholder an author typed.
    r"(?:标题|摘要|内容|正文|详情|简介){2,4}",
    r"[(（]此件(?:公开发布|不公开|主动公开)[)）]",
    # A page's tool buttons, each in brackets and naming a tool alone, or empty: 【大 中 小】
    # 【打印】 【关闭】; the first may be cut off by a copy where more follow (…格式】 【打印】).
    # A heading or a headline in brackets (【要闻】, 【3D打印】, 【关闭高污染企业】) is none.
    rf"(?=.*{_TOOL})(?:[^【】\[\]\n]{{1,8}}[】\]](?=\s*[【\[]))?"
    rf"(?:\s*[【\[]\s*(?:{_TOOL})?\s*[】\]])+",
    # Breadcrumbs: 首页 > 政务公开 > 政策解读.
    r"[^>\n]{1,20}(?:\s*>\s*[^>\n]{1,20}){2,6}",
    # Other arrows only from the home page (首页 >> 新闻中心 >> 正文, 主页 » 新闻 »): a line of
    # parts joined by them may be an item's ranking or steps (办理流程：申请 › 受理 › 办结).
    r"(?:网站)?(?:首页|主页)\s*(?:>>?|»|›|＞).*",
    # A breadcrumb under its name: 当前位置：首页 > …, 位置导航:首页 >> ….
    r"(?:(?:当前|您的|你的|本页|所在)位置(?:导航)?\s*[:：]?|位置(?:导航)?\s*[:：])\s*(?:网站)?"
    r"(?:首页|主页).*",
    # A timestamp under the title, possibly with a source: "2023-05-06 10:20 新华网".
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+.{0,30})?",
    # A page's dateline with its time: "2016年12月14日15:40 | 来源:人民网".
    r"\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}.{0,60}",
    # A programme's or paper's credit closing the page, its title, day and airing time or
    # page in brackets ("（《某台新闻》 20240101 19:00）", "(《某日报》 2024年03月05日 01版)"):
    # the source, not a document an item reports. Without the time or page it may be an
    # item's citation of a document and its day (（《某某措施》 2024年3月1日）), which stays.
    r"[(（]\s*《[^《》\n]{1,20}》\s*(?:\d{8}|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)"
    r"\s*(?:\d{1,2}[:：]\d{2}|第?\s*\d{1,3}\s*版)\s*[)）]",
    # A site's byline: its name, its address, the time of posting ("某考试网  www.a.net
    # 2005-03-19 21:52"). The site is the publisher, not whose news the page holds.
    r"[^>\n]{0,30}?(?:www\.|https?://)[\w./-]+\s+\d{4}[-/.]\d{1,2}[-/.]\d{1,2}.{0,20}",
)
_BOILERPLATE = re.compile(
    "(?:" + "|".join(BOILERPLATE_PREFIXES) + ").*"
    "|(?:" + "|".join(BOILERPLATE_LINES) + ")"
)
# Speed: rules that may start anywhere in a line's first characters (".{0,40}仅供参考",
# breadcrumbs "首页 > 政务公开 > …") make a failing `fullmatch` backtrack over every one of
# those positions, several microseconds a line. The other rules are tried first; the whole
# pattern only on a line holding a key word of those rules, which one scan finds (plain
# words, so the regex engine skips ahead by their first characters). Keep the keys in step
# with the rules: every line a floating rule matches holds one of them.
_FLOATING_START = re.compile(r"^\.\{0,\d+\}")
_FLOATING_PREFIXES = [rule for rule in BOILERPLATE_PREFIXES if _FLOATING_START.match(rule)]
_FLOATING_LINES = [rule for rule in BOILERPLATE_LINES if rule.startswith("[^>")]
_BOILERPLATE_ANCHORED = re.compile(
    "(?:" + "|".join(r for r in BOILERPLATE_PREFIXES if r not in _FLOATING_PREFIXES) + ").*"
    "|(?:" + "|".join(r for r in BOILERPLATE_LINES if r not in _FLOATING_LINES) + ")"
)
BOILERPLATE_KEYS: tuple[str, ...] = (
    "仅供", "如有侵权", "免责声明", "侵删", "不代表本", "版权归", "转载请注明", "不构成",
    "投资有风险", "ICP备", "公网安备", "电话", "传真", "邮箱", "mail", ">", "www.", "://",
)
_BOILERPLATE_KEYS = re.compile("|".join(map(re.escape, BOILERPLATE_KEYS)))

# A line holding only one of these starts the page footer: everything after is dropped.
FOOTER_MARKERS: tuple[str, ...] = (
    "网友评论", "热门评论", "精彩评论", "最新评论", "全部评论", "评论",
    "相关推荐", "相关阅读", "推荐阅读", "往期回顾", "往期推荐", "延伸阅读", "热门推荐",
    "猜你喜欢", "更多阅读", "热门文章", "精彩推荐", "相关文章", "相关报道",
    # A government page's information-disclosure block after the article (政府信息公开, then
    # 索引号:… 时间:… 来源:…).
    "政府信息公开",
)
# The footer starts at a marker line (相关推荐, 网友评论(326)) or at page navigation
# ("上一篇:…", "下一篇:…").
_FOOTER = re.compile(
    r"[【\[<《#▌■◆●\s—\-=~]*(?:" + "|".join(FOOTER_MARKERS)
    + r")[】\]>》:：\s—\-=~]*(?:[(（]\d+[)）])?\s*"
    r"|(?:上一篇|下一篇|上一条|下一条|索引号)\s*[:：].*"
)

# A line of running text: a sentence of some length, ended.
_PROSE_LINE = re.compile(r"[\u4e00-\u9fff].{18,}[。！？!?]$")

# Every footer line holds one of these words (see `_first_footer`).
_FOOTER_WORD = re.compile(
    "|".join(map(re.escape, [*FOOTER_MARKERS, "上一篇", "下一篇", "上一条", "下一条", "索引号"]))
)

_ATTRIBUTION = re.compile(r"(?:来源(?:于)?|转载自)\s*[:：]?\s*(?:转载自)?\s*(?P<value>.+)")
_ATTRIBUTION_TRIM = re.compile(r"^[\s“”\"「」『』'‘’]+|[\s“”\"「」『』'‘’。.]+$")

# Decorations around a section heading: 【要闻】, ▌宏观, ■ 产业, # 海外. Stripped with
# `str.strip` and these character sets; the blanks are every character `\s` matches.
_BLANKS = "".join(char for char in map(chr, range(0x3001)) if char.isspace())
_SECTION_DECOR_LEAD = "【[▌■◆●#◇□" + _BLANKS
_SECTION_DECOR_TRAIL = "】]:：" + _BLANKS
_MAX_SECTION_CHARS = 16
_SENTENCE_PUNCT = re.compile(r"[。，,；;：:！!？?]")

# Run-in item numbers, numbered inside one paragraph ("…如下：1、某市，…。2、某县，…",
# "分别是: (1)…。(2)…", "分别为:一是…;二是…", "一、…;二、…", "①…②…"): at a line start or
# right after a sentence or clause end. Each style is tried on its own; the longest run
# 1, 2, 3… of one style wins.
_RUN_IN_BOUNDARY = r"(?:(?<=[。！？!?；;:：])|^)[ \t]*"
RUN_IN_STYLES: tuple[tuple[str, str], ...] = (
    ("num", r"(?P<num>[1-9]\d{0,2})[.、](?=\S)"),
    ("paren_num", r"[(（](?P<num>[1-9]\d{0,2})[)）]\s*(?=\S)"),
    ("paren_cn", rf"[(（](?P<num>{_CN_NUMERAL})[)）]\s*(?=\S)"),
    ("cn_comma", rf"(?P<num>{_CN_NUMERAL})、(?=\S)"),
    ("ordinal_is", rf"(?P<num>{_CN_NUMERAL})是(?=[\u4e00-\u9fff“\"《])"),
    ("circled", r"(?P<num>[①-⑳])\s*(?=\S)"),
    # "…产业。02上海徐汇:…": a two-digit number glued to the next item where the line
    # breaks of "01 / 标题 / 正文" were lost; not a date or a count (20日, 30家).
    ("glued", r"(?P<num>0[1-9]|[1-9]\d)(?:[ \t]+(?=[\u4e00-\u9fff])"
              r"|(?![\d年月日号个家项万亿元%.、])(?=[\u4e00-\u9fff]))"),
)
_RUN_IN_MARKERS = tuple(
    (re.compile(_RUN_IN_BOUNDARY + pattern, re.MULTILINE), re.compile(pattern))
    for _, pattern in RUN_IN_STYLES
)
# A body glued to its headline: a tab, or a full dateline followed by a comma right after a
# word or number (…120万人次2023年3月3日,…), never at the headline's start.
_GLUED_BODY = re.compile(
    r"\t|(?<=[\u4e00-\u9fff%)）])(?<![至到起从自于在和及或与])"
    r"(?:\d{4}|\d{2})年\d{1,2}月\d{1,2}[日号](?=[,，])"
)
_MIN_GLUED_HEADLINE = 4
_MIN_RUN_IN = 3

# A signature block: organisation lines, then a date in Arabic or Chinese numerals.
_SIGNATURE_DATE = re.compile(
    r"(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d〇○零一二三四五六七八九十]{1,3}月"
    r"[\d〇○零一二三四五六七八九十]{1,3}日"
)
_SIGNATURE_ORG = re.compile(
    r"[\u4e00-\u9fff()（） \u3000]{1,60}(?:人民政府|政府|办公厅|办公室|委员会|局|厅|委|部|"
    r"院|署|行|中心|协会|学会|公司)"
)
_MAX_SIGNATURE_ORGS = 4

_BRACKETED_HEADLINE = re.compile(r"【(?P<head>[^【】\r\n]{2,80})】\s*")
_HEADLINE_TRIM = frozenset("*_ \t")
# A letter, a digit or a Chinese character: what a title holds one of at least.
_WORD_CHAR = re.compile(r"[^\W_]")

# Titles are one short line: 2023年国内元宇宙相关政策汇总.
MAX_TITLE_CHARS = 100

# A heading line is short and does not end like a sentence.
_MAX_HEADLINE_CHARS = 80
_SENTENCE_END = re.compile(r"[。！？!?]")
# "2000亿元!广东人工智能核心产业规模目标出炉" is still a heading: ！ and ？ stand inside
# headlines; a full stop or semicolon does not.
_HEADING_BREAKERS = re.compile(r"[。；;]")


class _Line(NamedTuple):
    """A line's content span: leading and trailing whitespace excluded. A tuple: an article
    has hundreds of lines, and a frozen dataclass costs several times more to build."""

    start: int
    end: int
    text: str


class _Section(NamedTuple):
    """A section heading's name (decorations stripped) and its span."""

    name: str
    start: int
    end: int


class _Marker(NamedTuple):
    line_index: int
    style: str
    no: int
    rest_start: int  # where the item's own text starts on the marker line


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    append = lines.append
    new_line = tuple.__new__  # _Line(...) without the extra Python frame of its __new__
    position = 0
    if "\r" not in text:
        # The common case: `str.split` cuts the lines in C. A text ending in a line break
        # (or an empty text) has no line after the last break.
        parts = text.split("\n")
        if not parts[-1]:
            parts.pop()
        for part in parts:
            if not part:  # a blank line between paragraphs
                append(new_line(_Line, (position, position, "")))
                position += 1
                continue
            stripped = part.strip()
            if stripped is part:  # nothing stripped (CPython returns the same object)
                append(new_line(_Line, (position, position + len(part), part)))
            elif stripped:
                # Only blanks precede the content, which starts with a non-blank.
                start = position + part.index(stripped)
                append(new_line(_Line, (start, start + len(stripped), stripped)))
            else:
                start = position + len(part)
                append(new_line(_Line, (start, start, "")))
            position += len(part) + 1
        return lines
    found = _LINE.findall(text)
    found.pop()  # the empty match at the end of the text
    for lead, content, tail in found:
        start = position + len(lead)
        position = start + len(content)
        append(new_line(_Line, (start, position, content)))
        position += len(tail)
    return lines


def parse_marker_number(numeral: str) -> int:
    """The number of a list marker: Arabic, circled or small Chinese numerals.

    >>> [parse_marker_number(n) for n in ("01", "③", "十二", "二十", "一百零一", "两")]
    [1, 3, 12, 20, 101, 2]
    """
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if len(numeral) == 1 and "①" <= numeral <= "⑳":
        return ord(numeral) - ord("①") + 1
    total, current = 0, 0
    for char in numeral:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGIT_VALUES[char]
    return total + current


# Marker numbers are short ("01", "十二", "③"): cached by their text.
_marker_number = functools.cache(parse_marker_number)


def _find_markers(lines: list[_Line], first: int) -> dict[str, list[_Marker]]:
    by_style: dict[str, list[_Marker]] = {}
    for index in range(first, len(lines)):
        start, _, text = lines[index]
        # Most lines cannot start a marker: a set lookup of the first character is much
        # cheaper than the many-alternative regex.
        if not text or (text[0] not in MARKER_FIRST_CHARS and not text[0].isdecimal()):
            continue
        if text[:5].isdecimal() and len(text) >= 5:
            continue  # no style takes over four digits: "20230101…" does not start an item
        match = _STYLES.match(text)
        if match is None:
            continue
        style = match.lastgroup or ""
        marker = _Marker(index, style, _marker_number(match.group(_NUMBER_GROUP[style])),
                         start + match.end())
        by_style.setdefault(style, []).append(marker)
    return by_style


def _is_numbered_heading(line: _Line) -> bool:
    """Whether a line opens with a list number of a style that only items use, or with a
    heading bullet (■ 新宅量跌价升…): a title is neither."""
    if line.text.startswith(_HEADING_BULLETS):
        return True
    match = _STYLES.match(line.text)
    return match is not None and match.lastgroup in _ITEM_ONLY_STYLES


_HEADING_BULLETS = ("■", "◆", "●", "▶", "►")


# Styles that number items and nothing else: a title may start with a year or 01 but not so.
_ITEM_ONLY_STYLES = frozenset(("bracket_heading", "cn_comma", "num_comma", "paren_cn"))


def _markdown_items(
    text: str, lines: list[_Line], first: int
) -> tuple[list[_Marker], int]:
    """Markdown headings of the deepest level, as items numbered by position, and that level
    (0 when there are none). "## 文章" holds sections; "### 🐎 [标题](url)" under it items."""
    if "##" not in text:  # one C scan for the common case
        return [], 0
    found: list[tuple[int, int, int]] = []  # (line index, level, rest start)
    for index in range(first, len(lines)):
        start, _, line_text = lines[index]
        if line_text.startswith("##"):
            match = _MD_HEADING.match(line_text)
            if match is not None:
                found.append((index, len(match["hashes"]), start + match.end()))
    levels = [level for _, level, _ in found]
    deepest = max((level for level in set(levels) if levels.count(level) >= 2), default=0)
    markers = [_Marker(index, "md_heading", 0, rest)
               for index, level, rest in found if level == deepest]
    return [m._replace(no=n) for n, m in enumerate(markers, start=1)], deepest


def _holds_sections(headings: list[_Marker], numbered: list[list[_Marker]]) -> bool:
    """Headings under most of which a numbered list runs are the sections of that list
    (财经早餐: "### 宏观" then "1、…2、…"), not items."""
    starts = [m.line_index for m in headings]
    ends = [*starts[1:], 1 << 30]
    below = [line for seq in numbered if len(seq) >= 2 for line in (m.line_index for m in seq)]
    filled = sum(any(start < line < end for line in below) for start, end in zip(starts, ends,
                                                                                  strict=True))
    return 2 * filled >= len(headings)


def _unnumbered_items(lines: list[_Line], first: int, stop: int) -> list[_Marker]:
    """Items with no number, by the first of `UNNUMBERED_STYLES` that gives two or more: a
    bullet list, quoted heading lines standing alone, date-led paragraphs."""
    for style, pattern in _UNNUMBERED:
        markers: list[_Marker] = []
        for index in range(first, stop):
            start, _, line_text = lines[index]
            if not line_text:
                continue
            match = pattern.match(line_text)
            if match is None or not _starts_a_block(lines, index, style):
                continue
            if style == "heading" and markers and not any(
                lines[i].text for i in range(markers[-1].line_index + 1, index)
            ):
                continue  # the second line of a two-line heading
            markers.append(_Marker(index, style, len(markers) + 1, start + match.end()))
        if len(markers) >= 2 or (
            # A page that is one bulleted item: its bullet opens the text.
            style == "bullet" and len(markers) == 1 and markers[0].line_index == first
            and lines[first].text.startswith(_HEADING_BULLETS)
        ):
            return markers
    return []


def _starts_a_block(lines: list[_Line], index: int, style: str) -> bool:
    """A quoted heading stands between blank lines; a dated paragraph starts after a blank
    line, a sentence end or an indent (a hard-wrapped chronicle indents each paragraph)."""
    if style in ("bullet", "timestamp"):
        return True
    if style == "heading":
        return _is_heading_over(lines, index)
    previous = lines[index - 1] if index > 0 else None
    if previous is None or not previous.text:
        following = lines[index + 1] if index + 1 < len(lines) else None
        return style != "quoted" or following is None or not following.text
    if style == "quoted":
        return False
    indented = lines[index].start > previous.end + 1
    return indented or previous.text.endswith(("。", "!", "！"))


# A heading is at most this long; the paragraph under it at least this long and this many
# times longer: "C919第三架飞机预计年底前首飞" over "6日,C919总设计师…表示,…。".
_MAX_HEADING_CHARS = 40
_MIN_PARAGRAPH_CHARS = 30
_PARAGRAPH_SHARE = 1.5
# Section labels (头条, 【大陆】) are shorter than headings.
_MIN_HEADING_CHARS = 6


def _is_heading_over(lines: list[_Line], index: int) -> bool:
    """A short line that heads a paragraph: after a blank line, a section label or a finished
    paragraph; over a long paragraph, directly or under a second short heading line ("美国发动
    对伊战争 / 联合国权威遭挑战 / 3月20日,…")."""
    line = lines[index]
    if len(line.text) < _MIN_HEADING_CHARS or _is_boilerplate(line):
        return False
    previous = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].text), None)
    blank_before = index > 0 and not lines[index - 1].text
    if not (blank_before or previous is None or len(previous.text) <= _MAX_SECTION_CHARS // 2
            or previous.text.endswith(_SENTENCE_CLOSERS)):
        return False
    # A link or a label under the heading (查看原文, 原标题：) is the page's, not the item's
    # text: the paragraph under it is the heading's.
    following = [lines[i] for i in range(index + 1, min(index + 6, len(lines)))
                 if lines[i].text and not _INLINE_FURNITURE.fullmatch(lines[i].text)]
    for depth, under in enumerate(following[:2]):
        if _is_boilerplate(under):
            return False
        if len(under.text) >= max(_MIN_PARAGRAPH_CHARS, _PARAGRAPH_SHARE * len(line.text)):
            return True
        if depth or len(under.text) > _MAX_HEADING_CHARS or _SENTENCE_END.search(under.text):
            return False
    return False


_SENTENCE_CLOSERS = ("。", "!", "！", "?", "？", "”", "\"", ")", "）")


def _valid_sequence(markers: list[_Marker]) -> list[_Marker]:
    """Keep the markers that continue a numbering: start at 1 (or restart at 1 in a new
    section), step by one, or repeat/skip by a little."""
    kept: list[_Marker] = []
    for marker in markers:
        previous = kept[-1].no if kept else None
        if marker.no == 1 or (previous is None and marker.no <= _MAX_NUMBER_GAP) or (
            previous is not None and previous <= marker.no <= previous + _MAX_NUMBER_GAP
        ):
            kept.append(marker)
    return kept


def _choose_top_level(
    by_style: dict[str, list[_Marker]], lines: list[_Line], before_line: int
) -> list[_Marker]:
    """The style whose valid sequence begins first in the article is the top level, unless
    that sequence ends before another, at least as long, begins: a preview list in the intro
    ("本期看点：1.… 2.… 3.…" before items 01…06) is not the list of items. A nested style
    interleaves with its parent (一、 (一) (二) 二、 (一)…) and never ends before it starts."""
    sequences = [seq for seq in (_valid_sequence(m) for m in by_style.values()) if seq]
    multi = [seq for seq in sequences if len(seq) >= 2]
    candidates = sorted(multi or [seq for seq in sequences if seq[0].no == 1
                                  or seq[0].style in _SURE_SINGLE_STYLES],
                        key=lambda seq: seq[0].line_index)
    if not candidates:
        return []
    chosen = candidates[0]
    for later in candidates[1:]:
        if later[0].line_index >= before_line:
            break
        if chosen[-1].line_index < later[0].line_index and (
            (len(later) >= len(chosen) and _is_compact(chosen, lines))
            # Two lists one after the other: the digest's is the longer one, not three
            # points quoted in an essay before it ("> **(1)流程标准化**。…").
            or len(later) >= _LONGER_LIST * len(chosen)
        ):
            chosen = later
    return chosen


# A style sure enough of itself that one marker numbered 2 or 3 is an item (an excerpt of a
# longer report: "【二、二十城成交概况】" and its paragraphs).
_SURE_SINGLE_STYLES = frozenset(("bracket_heading",))

# A list this many times longer than an earlier one is the article's list.
_LONGER_LIST = 2


def _drop_repeated_headings(markers: list[_Marker], lines: list[_Line]) -> list[_Marker]:
    """A marker line written again word for word right after its item starts (a forum page
    repeats "三、拉萨发生…" under its photo) is the same item, not a duplicate number."""
    kept: list[_Marker] = []
    for marker in markers:
        if kept and marker.no == kept[-1].no and (
            lines[marker.line_index].text == lines[kept[-1].line_index].text
        ):
            continue
        kept.append(marker)
    return kept


def _fill_figure_gaps(markers: list[_Marker], lines: list[_Line]) -> list[_Marker]:
    """Items a `1.` list skips where their text opens with a figure: `6.7月份经济…` is item 6
    on July, `9.36个城市…` item 9 on 36 cities, but the style refuses a digit after the dot
    (1.5亿元). Where the list jumps from 5 to 7, a paragraph between them opening with `6.`
    (decorated as the items may be) and a digit is item 6: the number the list lacks decides
    what a decimal could not. On 800 pages of 《新闻联播》 it finds 102 items, and each of
    the 38 read was one; a list that truly skips 6 and has a paragraph opening `6.5万人…`
    would lose it to a new item, a coincidence not seen."""
    if not markers or markers[0].style != "num_dot":
        return markers
    filled: list[_Marker] = []
    for marker, following in pairwise(markers):
        filled.append(marker)
        expected = marker.no + 1
        for index in range(marker.line_index + 1, following.line_index):
            if expected >= following.no:
                break
            line = lines[index]
            found = _FIGURE_ITEM.match(line.text)
            if (found is not None and int(found["num"]) == expected
                    and (not lines[index - 1].text or index - 1 == marker.line_index)):
                filled.append(_Marker(index, marker.style, expected, line.start + found.end()))
                expected += 1
    filled.append(markers[-1])
    return filled


# A `1.` item whose text opens with a figure (8月份…, 36个城市…), decorated as items may be.
_FIGURE_ITEM = re.compile(_MARKER_DECOR + r"(?P<num>\d{1,4})\.(?=\d)")


def _is_compact(markers: list[_Marker], lines: list[_Line]) -> bool:
    """A preview list: one line per item, with nothing but blank lines between the items."""
    marked = {m.line_index for m in markers}
    between = range(markers[0].line_index, markers[-1].line_index + 1)
    return all(i in marked or not lines[i].text for i in between)


def _furniture_at(lines: list[_Line], index: int, known: dict[int, bool]) -> bool:
    """`_is_trailing_furniture` of a line, remembered for the article: an entry's last lines
    are tested when its end is trimmed and again when its headline and body are found."""
    found = known.get(index)
    if found is None:
        found = known[index] = _is_trailing_furniture(lines[index])
    return found


def _is_trailing_furniture(line: _Line) -> bool:
    """Boilerplate that closes an entry, but not a dated label ("时间：2024-06-17",
    "发布日期：…"): at the end of an item that is the item's own date, kept for resolve."""
    return _is_boilerplate(line) and _DATE_LABEL.match(line.text) is None


_DATE_LABEL = re.compile(r"(?:发布|更新|印发|成文)?(?:时间|日期)\s*[:：]")


def holds_words(text: str) -> bool:
    """Whether a line holds a letter, a digit or a Chinese character: a line of marks alone
    ("|", "***") is a page's rule or stray markup, no title and no intro.

    >>> holds_words("|"), holds_words("某市")
    (False, True)
    """
    return _WORD_CHAR.search(text) is not None


def is_boilerplate_line(text: str) -> bool:
    """Whether a stripped line is page furniture: a source, editor or date line, a disclaimer.

    >>> is_boilerplate_line("来源: 广东深华药业"), is_boilerplate_line("今年,我市将办好十件实事")
    (True, False)
    """
    return _is_boilerplate(_Line(0, len(text), text))


def _is_boilerplate(line: _Line) -> bool:
    text = line.text
    if not text:
        return False
    if _BOILERPLATE_ANCHORED.fullmatch(text) is not None:
        return True
    return _BOILERPLATE_KEYS.search(text) is not None and _BOILERPLATE.fullmatch(text) is not None


def _attribution(text: str, lines: list[_Line]) -> tuple[int, int] | None:
    """The span of the source named on an attribution line (文章来源：新华网 -> 新华网)."""
    if "来源" not in text and "转载自" not in text:
        return None  # no line can name one: skip the walk over the lines
    for line in lines:
        if not line.text or ("来源" not in line.text and "转载自" not in line.text):
            continue
        if not _is_boilerplate(line) and not line.text.startswith(("来源", "文章来源", "转载")):
            continue
        match = _ATTRIBUTION.search(line.text)
        if match is None:
            continue
        value = _ATTRIBUTION_TRIM.sub("", match["value"])
        # "来源：新华网 2023-05-06 10:20" keeps the name only.
        value = re.split(r"\s+\d{4}[-/.年]", value)[0].strip()
        if value:
            # The value is a piece of the line: its span, for the text as written.
            start = line.start + line.text.index(value, match.start("value"))
            return start, start + len(value)
    return None


def _section_title(line: _Line, title: str | None) -> _Section | None:
    """A short undecorated-or-decorated heading line such as 【要闻】 or 宏观."""
    if not line.text or line.text == title:
        return None
    # The cheap tests first: most lines asked about are running text, far too long.
    name = line.text.lstrip(_SECTION_DECOR_LEAD).rstrip(_SECTION_DECOR_TRAIL)
    decorated = name != line.text
    if not name or len(name) > _MAX_SECTION_CHARS or _SENTENCE_PUNCT.search(name):
        return None
    if _is_boilerplate(line) or _STYLES.match(line.text):
        return None
    if not decorated and len(name) > 8:
        return None
    start = line.start + len(line.text) - len(line.text.lstrip(_SECTION_DECOR_LEAD))
    return _Section(name, start, start + len(name))


# A list heading before restarted numbering is one short line with no sentence in it.
_MAX_LIST_HEADING_CHARS = 40
_LIST_HEADING_BREAKERS = re.compile(r"[。；;！!？?]")


def _list_heading(line: _Line) -> _Section | None:
    if (not line.text or len(line.text) > _MAX_LIST_HEADING_CHARS
            or _LIST_HEADING_BREAKERS.search(line.text) or _is_boilerplate(line)
            or _STYLES.match(line.text)):
        return None
    return _Section(line.text, line.start, line.end)


# Where a first sentence ends: a full stop, ! or ? closes it and belongs to it; an ASCII !
# or ? in a URL or code ("…/s?__biz=…", a Markdown image's "![") ends nothing. Where no
# sentence is closed, a semicolon separates the first clause from the next ("…放假3天;8日
# 下午,…") and stays out.
_SENTENCE_CLOSE = re.compile(r"[。！？]|[!?](?![A-Za-z0-9_=&%/.#\[-])")
_FIRST_SENTENCE_END = re.compile(r"[;；]")
# Clause punctuation a heading line may trail ("…升国旗仪式隆重举行；" in a numbered summary).
_TRAIL_CHARS = ";；,，、"
_HEADLINE_TRAIL = frozenset(_TRAIL_CHARS)


def _trim_trail(text: str, start: int, end: int) -> int:
    """`end` moved back over clause punctuation joining a headline to what follows."""
    while end > start and text[end - 1] in _HEADLINE_TRAIL:
        end -= 1
    return end


def _first_sentence_end(text: str, start: int, end: int) -> int:
    """The end of the first sentence of text[start:end], its closing 。 included.

    >>> text = "实施118条市政道路建设。新建3所学校。"
    >>> text[:_first_sentence_end(text, 0, len(text))]
    '实施118条市政道路建设。'
    >>> text = "放假3天,不用调休;8日下午,杭州"
    >>> text[:_first_sentence_end(text, 0, len(text))]
    '放假3天,不用调休'
    >>> text = "限额提升至40%;向基金注资。另有"
    >>> text[:_first_sentence_end(text, 0, len(text))]
    '限额提升至40%;向基金注资。'
    """
    closer = _SENTENCE_CLOSE.search(text, start, end)
    if closer is not None:
        return closer.end()
    match = _FIRST_SENTENCE_END.search(text, start, end)
    return end if match is None else match.start()


# A static site's post opens with YAML front matter between two `---` lines (layout, title,
# categories): page settings, not the article's title or text.
_FRONT_MATTER_FENCE = "---"
_MAX_FRONT_MATTER_LINES = 60
# A field (`title: …`), or a list item or continued value under one (`  - 财经`, `  多行`).
_FRONT_MATTER_FIELD = re.compile(r"[A-Za-z_][\w-]*\s*:|-\s")


def _front_matter_end(text: str, lines: list[_Line]) -> int:
    r"""The index of the first line after a YAML front matter block, or 0 when the text
    opens with none.

    >>> t = "---\nlayout: post\ntags:\n  - 财经\n---\n# 早餐\n1、甲"
    >>> _front_matter_end(t, _split_lines(t))
    5
    >>> t = "---\n1、甲\n---\n2、乙"
    >>> _front_matter_end(t, _split_lines(t))
    0
    """
    first = next((i for i, line in enumerate(lines) if line.text), None)
    if first is None or lines[first].text != _FRONT_MATTER_FENCE:
        return 0
    limit = min(len(lines), first + _MAX_FRONT_MATTER_LINES)
    for i in range(first + 1, limit):
        if lines[i].text == _FRONT_MATTER_FENCE:
            # An indented line (a blank before its text) continues the field above it.
            fields = [line.text for line in lines[first + 1:i]
                      if line.text and text[line.start - 1:line.start] not in (" ", "\t")]
            if fields and all(_FRONT_MATTER_FIELD.match(f) for f in fields):
                return i + 1
            return 0
    return 0


def segment(text: str) -> Segmentation:
    """Find the title, attribution and top-level numbered entries of `text`."""
    lines = _split_lines(text)
    warnings: list[Notice] = []
    after_front_matter = _front_matter_end(text, lines)
    title_index = next(
        (i for i, line in enumerate(lines)
         if i >= after_front_matter and holds_words(line.text) and not _is_boilerplate(line)),
        None
    )
    title_line = lines[title_index] if title_index is not None else None
    # "# 某某早餐 2024年8月1日": a Markdown page's heading mark is no part of its title (it is
    # accounted for as the head's text before the title), nor what the checks below read.
    if title_line is not None and (heading := MARKDOWN_HEADING.fullmatch(title_line.text)):
        offset = title_line.start + heading.start("title")
        title_line = title_line._replace(start=offset, text=heading["title"])
    if title_line is not None and len(title_line.text) > MAX_TITLE_CHARS:
        # A first line of running text (or a 20 MB single line) is not a title.
        warnings.append(Notice(code="no_title",
                               message=f"the first line is over {MAX_TITLE_CHARS} characters; "
                                       "no title recorded"))
        title_line = None
    if title_line is not None and _is_numbered_heading(title_line):
        # "【二、二十城成交概况】" or "一、…" as the first line: the text starts with its first
        # item (an excerpt), and a title is never numbered.
        title_line = None
    title = title_line.text if title_line else None

    first_body_line = (title_index + 1) if title_index is not None and title_line else 0
    by_style = _find_markers(lines, first_body_line)
    headings, heading_level = _markdown_items(text, lines, first_body_line)
    if len(headings) >= 2 and not _holds_sections(
        headings, [_valid_sequence(m) for m in by_style.values()]
    ):
        by_style["md_heading"] = headings
    footer = _first_footer(text, lines, first_body_line)
    top = _choose_top_level(by_style, lines, len(lines) if footer is None else footer)
    if footer is not None and _is_a_header_link(lines, first_body_line, footer, top):
        footer = _first_footer(text, lines, top[0].line_index + 1)
        top = _choose_top_level(by_style, lines, len(lines) if footer is None else footer)
    markers = _fill_figure_gaps(_drop_repeated_headings(top, lines), lines)
    if markers and footer is not None and markers[0].line_index > footer:
        markers = []  # the only list is the footer's (推荐阅读 1. 2. 3.): not the items

    def result(entries: list[EntrySpan], style: str | None = None) -> Segmentation:
        blocks = _account(text, lines, title_line, entries)
        warnings.extend(_unclaimed_warnings(text, lines, blocks, entries, style))
        attribution = _attribution(text, lines)
        return Segmentation(
            title=title,
            title_start=title_line.start if title_line else None,
            title_end=title_line.end if title_line else None,
            attribution=text[attribution[0]:attribution[1]] if attribution else None,
            attribution_start=attribution[0] if attribution else None,
            attribution_end=attribution[1] if attribution else None,
            entries=entries,
            blocks=blocks,
            warnings=warnings,
        )

    if not markers:
        run_in = _run_in_entries(text, lines, first_body_line, footer)
        if run_in:
            _number_warnings(run_in, warnings)
            return result(run_in)
        clauses = _announced_clauses(text, lines, first_body_line, footer)
        if clauses:
            return result(clauses)
        markers = _unnumbered_items(lines, first_body_line,
                                    len(lines) if footer is None else footer)
        if not markers:
            if text.strip():
                warnings.append(Notice(code="no_entries", message="no numbered entries found"))
            return result([])

    # A footer marker (相关报道, 推荐阅读) after the first entry ends the list only where no
    # item follows it; where items follow, it opens a block noted inside the list.
    markers, content_end_index, noted_starts = _split_at_footers(
        lines, markers, _footer_lines(text, lines, markers[0].line_index + 1))
    # A Markdown heading after the last item ends the list ("## 详细新闻" after a numbered
    # summary, "## 内推" after "### " items): items with more headings come before it.
    item_level = heading_level if markers[0].style == "md_heading" else 7
    content_end_index = min(content_end_index, next(
        (i for i in range(markers[-1].line_index + 1, content_end_index)
         if lines[i].text.startswith("#") and (m := _MD_HEADING_ANY.match(lines[i].text))
         and len(m["hashes"]) < item_level),
        content_end_index))
    markers = [m for m in markers if m.line_index < content_end_index]

    entries: list[EntrySpan] = []
    lasts: list[int] = []
    # Worked out on first use: only a headline that may run over a hard wrap needs it.
    wrap_width = functools.cache(functools.partial(_wrap_width, lines))
    furniture: dict[int, bool] = {}  # by line index, see `_furniture_at`
    section: _Section | None = None
    for seq, marker in enumerate(markers, start=1):
        limit = markers[seq].line_index if seq < len(markers) else content_end_index
        noted_at = bisect.bisect_right(noted_starts, marker.line_index)
        if noted_at < len(noted_starts) and noted_starts[noted_at] < limit:
            limit = noted_starts[noted_at]
        # A section heading just before the next marker ends this entry early.
        next_section: _Section | None = None
        last = limit - 1
        while last > marker.line_index and not lines[last].text:
            last -= 1
        if seq < len(markers) and last > marker.line_index:
            candidate = _section_title(lines[last], title)
            before = last - 1
            if candidate is None and markers[seq].no == 1 and not lines[before].text:
                # Where the numbering restarts, a longer heading line standing alone heads
                # the next list: "2017年十大国际新闻(以新闻事件发生时间为序)".
                candidate = _list_heading(lines[last])
            if candidate and (markers[seq].no == 1 or not lines[before].text):
                next_section = candidate
                last -= 1
        # Trailing boilerplate and blank lines are not part of the entry.
        while last > marker.line_index and (not lines[last].text or _furniture_at(
            lines, last, furniture
        )):
            last -= 1
        lasts.append(last)
        if seq == 1 and next_section is None:
            # A heading before the first entry is its section, and that of those after it.
            section = _section_before(lines, marker, title, first_body_line)
        entries.append(_entry_span(text, lines, furniture, marker, last, seq, section,
                                   wrap_width))
        if next_section is not None:
            section = next_section

    _cut_document_signature(text, lines, furniture, markers, lasts, entries, wrap_width)
    _number_warnings(entries, warnings)
    if markers[0].style in _HEADING_STYLES:
        warnings.extend(_heading_inside_warnings(lines, markers, entries))
    return result(entries, markers[0].style)


def _account(
    text: str, lines: list[_Line], title: _Line | None, entries: list[EntrySpan]
) -> list[TextBlock]:
    """The text outside the title and the entries as blocks: what comes before the first
    entry is the head, what lies between two entries a noted block, what follows the last
    the tail. Blank stretches are left out: every other character is in exactly one block,
    one entry or the title."""
    taken = [(e.start, e.end) for e in entries]
    if title is not None:
        taken.append((title.start, title.end))
    taken.sort()
    first_entry = entries[0].start if entries else len(text)
    last_entry = entries[-1].end if entries else len(text)
    blocks: list[TextBlock] = []
    headlines: set[str] | None = None  # the entries' headlines as compared, once needed
    position = 0
    for start, end in [*taken, (len(text), len(text))]:
        gap_start, gap_end = position, start
        while gap_start < gap_end and text[gap_start].isspace():
            gap_start += 1
        while gap_end > gap_start and text[gap_end - 1].isspace():
            gap_end -= 1
        if gap_start < gap_end:
            kind: BlockKind = ("head" if gap_end <= first_entry
                               else "tail" if gap_start >= last_entry else "noted")
            label = _block_label(text, lines, gap_start, kind)
            # A footer or related links may repeat headlines too: only a block no other
            # label claims, or a section's, is a block of details.
            if kind != "head" and label in (None, "section") and (
                MARKDOWN_HEADING.search(text, gap_start, gap_end)
            ):
                if headlines is None:
                    headlines = _compared_headlines(text, entries)
                if _retells_entries(text, gap_start, gap_end, headlines):
                    label = "details"
            blocks.append(TextBlock(kind=kind, label=label, start=gap_start, end=gap_end))
        position = max(position, end)
    return blocks


# A Markdown heading and its title; and what a heading and a headline are compared without.
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<title>\S[^\n]*)$", re.MULTILINE)
_NOT_WORD = re.compile(r"[\W_]+")
# A page that tells its items again in detail (a 《新闻联播》 page's `## 详细新闻`) repeats
# their headlines as headings: this many repeated make a block of details.
_RETOLD_HEADINGS = 2
# A heading holds a headline, or is held in one, only where both have this many characters
# (快讯 could be inside any heading); shorter ones match only whole.
MIN_HELD_CHARS = 8


def _compared_headlines(text: str, entries: list[EntrySpan]) -> set[str]:
    headlines = {_NOT_WORD.sub("", text[e.headline_start:e.headline_end]) for e in entries}
    headlines.discard("")
    return headlines


def holds_either(one: str, other: str) -> bool:
    """Is one text inside the other, both at least `MIN_HELD_CHARS` long (a heading and a
    headline, or an item's text, compared)?

    >>> holds_either("某市举办国际智能装备博览会", "某市举办国际智能装备博览会 多国企业参展")
    True
    >>> holds_either("快讯", "国内联播快讯")
    False
    """
    return min(len(one), len(other)) >= MIN_HELD_CHARS and (one in other or other in one)


def _retells_entries(text: str, start: int, end: int, headlines: set[str]) -> bool:
    """Does text[start:end] tell the entries again, under headings that repeat (or hold, or
    are held in) at least `_RETOLD_HEADINGS` of their headlines (`_compared_headlines`)?"""
    retold = 0
    for heading in MARKDOWN_HEADING.finditer(text, start, end):
        title = _NOT_WORD.sub("", heading["title"])
        if title and any(title == headline or holds_either(title, headline)
                         for headline in headlines):
            retold += 1
            if retold >= _RETOLD_HEADINGS:
                return True
    return False


def _block_label(text: str, lines: list[_Line], start: int, kind: str) -> str | None:
    """What the first line of a block says it is: a footer marker, a section heading,
    boilerplate; None for anything else."""
    if kind == "head":
        return None
    end = text.find("\n", start)
    line = _Line(start, len(text) if end < 0 else end, "")
    line = line._replace(text=text[line.start:line.end].strip())
    if _FOOTER.fullmatch(line.text):
        return "related" if kind == "noted" else "footer"
    if _section_title(line, None):
        return "section"
    if _is_boilerplate(line):
        return "boilerplate"
    return None


# A paragraph this long outside every entry is worth a look: it may be an item missed.
_UNCLAIMED_PARAGRAPH_CHARS = 150


def _unclaimed_warnings(
    text: str, lines: list[_Line], blocks: list[TextBlock], entries: list[EntrySpan],
    style: str | None,
) -> list[Notice]:
    """A warning for each noted block or tail holding a line numbered as the next item of
    the list, or a long paragraph: text that looks like an item but is in no entry."""
    warnings: list[Notice] = []
    starts = [line.start for line in lines]
    for block in blocks:
        if block.kind == "head":
            continue
        after = [e for e in entries if e.end <= block.start]
        expected = after[-1].no + 1 if after else 1
        first = bisect.bisect_left(starts, block.start)
        last = bisect.bisect_left(starts, block.end)
        block_lines = [line for line in lines[first:last] if line.text]
        numbered = next((line for line in block_lines if _numbered_as(line, style, expected)),
                        None)
        if numbered is not None:
            warnings.append(Notice(
                code="unclaimed_item",
                message=f"a line numbered as item {expected} is outside every entry "
                        f"(characters {numbered.start}-{numbered.end}): {numbered.text[:40]!r}",
            ))
            continue
        # The entries told again in detail are their stories, not items missed.
        long_line = None if block.label == "details" else next(
            (line for line in block_lines
             if len(line.text) >= _UNCLAIMED_PARAGRAPH_CHARS and not _is_boilerplate(line)),
            None)
        if long_line is not None:
            warnings.append(Notice(
                code="unclaimed_text",
                message=f"a long paragraph in the {block.kind} block is outside every entry "
                        f"(characters {long_line.start}-{long_line.end}): "
                        f"{long_line.text[:40]!r}",
            ))
    return warnings


def _numbered_as(line: _Line, style: str | None, number: int) -> bool:
    """Whether `line` starts with a marker of `style` numbered `number`."""
    if style is None or style not in _NUMBER_GROUP:
        return False
    match = _STYLES.match(line.text)
    return match is not None and match.lastgroup == style and (
        _marker_number(match.group(_NUMBER_GROUP[style])) == number
    )


# Items found by the look of their heading, not by a number: another heading of that look
# may hide in an item's body, where no numbering tells.
_HEADING_STYLES = frozenset(("quoted", "heading", "dated"))


def _heading_inside_warnings(
    lines: list[_Line], markers: list[_Marker], entries: list[EntrySpan]
) -> list[Notice]:
    """A warning for each entry whose body holds a short line heading a paragraph, as the
    items' own headings do: an item the style rule did not take ("一个家族的背影→" among
    quoted headings)."""
    warnings: list[Notice] = []
    starts = [line.start for line in lines]
    for entry in entries:
        first = bisect.bisect_right(starts, entry.headline_end)
        last = bisect.bisect_left(starts, entry.end)
        for index in range(first, last):
            if lines[index].text and _is_heading_over(lines, index) and not any(
                m.line_index == index for m in markers
            ):
                warnings.append(Notice(
                    code="possible_item",
                    message=f"entry {entry.seq} holds a line that looks like an item heading "
                            f"(characters {lines[index].start}-{lines[index].end}): "
                            f"{lines[index].text[:40]!r}",
                ))
                break
    return warnings


def _footer_lines(text: str, lines: list[_Line], first: int) -> Iterator[int]:
    """Every footer marker line from line `first` on, in order."""
    if first >= len(lines):
        return
    # A footer line holds one of the footer words: only lines where one of them occurs are
    # tried, found by one scan of the text instead of one `fullmatch` per line.
    starts: list[int] | None = None
    tried = -1
    for word in _FOOTER_WORD.finditer(text, lines[first].start):
        if starts is None:
            starts = [line.start for line in lines]
        index = bisect.bisect_right(starts, word.start()) - 1
        if index > tried:
            tried = index
            if lines[index].text and _FOOTER.fullmatch(lines[index].text):
                yield index


def _split_at_footers(
    lines: list[_Line], markers: list[_Marker], footers: Iterable[int]
) -> tuple[list[_Marker], int, list[int]]:
    """(the markers of the list, the line the list ends at, the footer lines inside it).

    After a footer marker, the list goes on only with an item that continues its numbering
    ("NO.1 … 【相关报道】… NO.2 …") or a new list of items with bodies (a digest written twice
    in one file); a footer's own list of links ("相关阅读 / 1.… / 2.…") is not items."""
    noted: list[int] = []
    for footer in footers:
        before = [m for m in markers if m.line_index < footer]
        after = [m for m in markers if m.line_index > footer]
        if before and after and (
            before[-1].no < after[0].no <= before[-1].no + _MAX_NUMBER_GAP
            or (after[0].no == 1 and not _is_compact(after, lines))
        ):
            noted.append(footer)
            continue
        return before, footer, noted
    return markers, len(lines), noted


def _first_footer(text: str, lines: list[_Line], first: int) -> int | None:
    return next(_footer_lines(text, lines, first), None)


def _is_a_header_link(lines: list[_Line], first_body_line: int, footer: int,
                      top: list[_Marker]) -> bool:
    """Is the first footer word a page header's link: right under the title, then the
    article's own text, then items with bodies (评论 and 分享 among the header's links, then
    某刊评出…。 / 1. 某事 / 正文 / 2. …)? A footer's own list (相关阅读 / 1. … / 2. …)
    follows its word with no sentence between; a footer after the article's text (items, a
    paragraph) is one."""
    return bool(
        top and top[0].line_index > footer and top[0].no == 1 and len(top) >= 2
        and not _is_compact(top, lines)
        and not any(_PROSE_LINE.search(lines[i].text) for i in range(first_body_line, footer))
        and any(_PROSE_LINE.search(lines[i].text)
                for i in range(footer + 1, top[0].line_index))
    )


def _run_in_entries(
    text: str, lines: list[_Line], first: int, footer: int | None
) -> list[EntrySpan]:
    """Items run into one paragraph (a Q&A answer, a pledge list, line breaks lost): "……如下。
    1.19年12月30日,…。2.12月27日,…。". Only a run numbered 1, 2, 3… without gaps counts, of
    one style and at least three long; each item reaches the next number (the last one the end
    of its paragraph) and takes its first sentence as headline."""
    if first >= len(lines):
        return []
    start = lines[first].start
    stop = lines[footer].start if footer is not None and footer < len(lines) else len(text)
    best: list[tuple[int, int, int]] = []
    for pattern, bare in _RUN_IN_MARKERS:
        run: list[tuple[int, int, int]] = []  # (marker start, item start, number)
        longest: list[tuple[int, int, int]] = []
        for match in pattern.finditer(text, start, stop):
            no = _marker_number(match["num"])
            continues = bool(run) and run[-1][2] < no <= run[-1][2] + _MAX_NUMBER_GAP
            if not continues:
                if no not in (1, 2):
                    continue
                run = []  # a list starts (at 1, or at 2 when its 1 is glued to the text)
            marker = match.start() + len(match.group()) - len(match.group().lstrip())
            run.append((marker, match.end(), no))
            if len(run) > len(longest):
                longest = list(run)
        if len(longest) > len(best):
            best = _fill_run_in_gaps(text, bare, longest, start)
    if len(best) < _MIN_RUN_IN:
        return []
    entries: list[EntrySpan] = []
    line_ends = [line.end for line in lines]
    for seq, (marker_start, rest, no) in enumerate(best, start=1):
        if seq < len(best):
            end = best[seq][0]
        else:
            end = _paragraph_end(text, lines, bisect.bisect_left(line_ends, rest), stop)
        while end > rest and text[end - 1].isspace():
            end -= 1
        head_end = _trim_trail(text, rest, _first_sentence_end(text, rest, end))
        entries.append(EntrySpan(
            seq=seq, no=no, start=marker_start, end=end, headline_start=rest,
            headline_end=head_end, body_start=rest, body_end=end, headline_is_sentence=True,
        ))
    return entries


# "办好十件民生实事" / "以下5项措施": the number of items a text announces.
_ANNOUNCED = re.compile(rf"(?P<count>{_CN_NUMERAL}|\d{{1,2}})(?:件|项|項|个|個|条|條|方面)")
# Where the announced list starts: after a colon, 即, 分别是 / 分别为, 包括.
_LIST_OPENER = re.compile(r"[:：]|即|分别[是为]|分別[是為]|包括")
_MIN_CLAUSE_CHARS = 6


def _announced_clauses(
    text: str, lines: list[_Line], first: int, footer: int | None
) -> list[EntrySpan]:
    """Items with no numbers at all, in one sentence of clauses joined by semicolons, where
    the text announces how many there are ("办好十件实事…, 即投资…;投资…;…"): as many
    clauses as announced, any extra clause kept in the last item."""
    stop = len(lines) if footer is None else footer
    announced: int | None = None
    for line in lines[first:stop]:
        if not line.text:
            continue
        parts = [m.end() for m in _SEMICOLON.finditer(text, line.start, line.end)]
        openers = [m.end() for m in _LIST_OPENER.finditer(
            text, line.start, parts[0] if parts else line.end)]
        # The count stated before the list opens ("十件"), not one inside a clause ("84个")
        # nor an indefinite "每一项".
        head_end = openers[-1] if openers and parts else line.end
        counts = [_marker_number(m["count"]) for m in _ANNOUNCED.finditer(text, line.start,
                                                                          head_end)]
        counts = [count for count in counts if count >= _MIN_RUN_IN]
        if counts:
            announced = counts[-1]
        if announced is None or not openers or len(parts) < announced - 1:
            continue
        bounds = [openers[-1], *parts[:announced - 1], line.end]
        spans = [(start, end) for start, end in pairwise(bounds)]
        if any(end - start < _MIN_CLAUSE_CHARS for start, end in spans):
            continue
        entries: list[EntrySpan] = []
        for seq, (start, end) in enumerate(spans, start=1):
            while start < end and text[start].isspace():
                start += 1
            # The clause is the headline, also where an extra clause was kept with it.
            semicolon = _SEMICOLON.search(text, start, end)
            head_end = _trim_trail(text, start, semicolon.start() if semicolon
                                   else _first_sentence_end(text, start, end))
            body_end = _trim_trail(text, start, end)
            entries.append(EntrySpan(
                seq=seq, no=seq, start=start, end=body_end, headline_start=start,
                headline_end=head_end, body_start=start, body_end=body_end,
                headline_is_sentence=True,
            ))
        return entries
    return []


_SEMICOLON = re.compile(r"[;；]")


def _fill_run_in_gaps(
    text: str, bare: re.Pattern[str], run: list[tuple[int, int, int]], start: int
) -> list[tuple[int, int, int]]:
    """Items of a run-in list whose number follows no sentence end ("…政策汇总01昆明…",
    "…行动计划》03成都…"): the number missing between two found items, looked for without
    the boundary. A list that still starts at 2 after that needs to be longer to count."""
    filled: list[tuple[int, int, int]] = []
    for item in run:
        previous = filled[-1] if filled else None
        low = previous[1] if previous else start
        wanted = previous[2] + 1 if previous else 1
        found: list[tuple[int, int, int]] = []
        while wanted < item[2]:
            match = next((m for m in reversed(list(bare.finditer(text, low, item[0])))
                          if _marker_number(m["num"]) == wanted), None)
            if match is None:
                break
            found.append((match.start(), match.end(), wanted))
            low, wanted = match.end(), wanted + 1
        filled.extend(found)
        filled.append(item)
    if filled and filled[0][2] != 1 and len(filled) <= _MIN_RUN_IN:
        return []
    return filled


def _paragraph_end(text: str, lines: list[_Line], index: int, stop: int) -> int:
    """The end of the paragraph holding line `index`: the last line before a blank line."""
    end = lines[min(index, len(lines) - 1)].end
    for line in lines[index + 1:]:
        if not line.text or line.start >= stop:
            break
        end = line.end
    return min(end, stop)


def _signature_start(lines: list[_Line], first: int, last: int) -> int | None:
    """Where a signature block ends an entry: one to three lines naming an organisation, then
    a date line ("广西壮族自治区人民政府办公厅 / 2024年6月26日")."""
    if last <= first or _SIGNATURE_DATE.fullmatch(lines[last].text) is None:
        return None
    start = last
    index = last - 1
    while index > first and last - index <= _MAX_SIGNATURE_ORGS:
        if not lines[index].text:
            index -= 1
            continue
        if _SIGNATURE_ORG.fullmatch(lines[index].text) is None:
            break
        start = index
        index -= 1
    return start if start < last else None


def _cut_document_signature(
    text: str, lines: list[_Line], furniture: dict[int, bool], markers: list[_Marker],
    lasts: list[int], entries: list[EntrySpan], wrap_width: Callable[[], int],
) -> None:
    """A signature block after the last entry only signs the whole document (its date is not
    that entry's): cut it off. When several entries end with one, each entry is a notice of
    its own (an 通知公告 roundup) and keeps its signature."""
    signed = [_signature_start(lines, m.line_index, last) for m, last in zip(markers, lasts,
                                                                           strict=True)]
    if not signed or signed[-1] is None or any(s is not None for s in signed[:-1]):
        return
    last = signed[-1] - 1
    marker = markers[-1]
    while last > marker.line_index and not lines[last].text:
        last -= 1
    entry = entries[-1]
    section = None if entry.section is None else _Section(
        entry.section, entry.section_start or 0, entry.section_end or 0)
    entries[-1] = _entry_span(text, lines, furniture, marker, last, entry.seq, section,
                              wrap_width)


def _section_before(
    lines: list[_Line], marker: _Marker, title: str | None, first: int
) -> _Section | None:
    index = marker.line_index - 1
    while index >= first and not lines[index].text:
        index -= 1
    if index < first:
        return None
    return _section_title(lines[index], title)


def _entry_span(
    text: str,
    lines: list[_Line],
    furniture: dict[int, bool],
    marker: _Marker,
    last: int,
    seq: int,
    section: _Section | None,
    wrap_width: Callable[[], int] = lambda: 0,
) -> EntrySpan:
    marker_line = lines[marker.line_index]
    end = max(lines[last].end, marker.rest_start)
    rest_start = min(marker.rest_start, marker_line.end)
    # Furniture between the number and the text (【图片】, 点击查看大图) is skipped, and so
    # is a headline repeated as the first body line.
    # Only the first two such lines are looked at below: they are taken one by one, so the
    # furniture test (a regex) is not run over the rest of the entry.
    candidates = (i for i in range(marker.line_index + 1, last + 1)
                  if lines[i].text and not _furniture_at(lines, i, furniture))
    following = list(islice(candidates, 2))
    if len(following) > 1 and lines[following[1]].text == lines[following[0]].text:
        del following[1]
        following.extend(islice(candidates, 1))
    elif following and rest_start < marker_line.end and (
        lines[following[0]].text == text[rest_start:marker_line.end]
    ):
        del following[0]
        following.extend(islice(candidates, 1))

    headline_is_sentence = False
    bracketed: re.Match[str] | None = None
    if text.startswith("【", rest_start):  # one character decides for most lines
        bracketed = _BRACKETED_HEADLINE.match(text, rest_start, marker_line.end)
    glued = None
    if bracketed is None and (
        # A glued body needs a tab or a 年 on the line: two C scans rule most lines out
        # before the regex, which has no fixed first character to skip ahead by.
        text.find("年", rest_start, marker_line.end) >= 0
        or text.find("\t", rest_start, marker_line.end) >= 0
    ):
        glued = _GLUED_BODY.search(text, rest_start + _MIN_GLUED_HEADLINE,
                                   _first_sentence_end(text, rest_start, marker_line.end))
    second = _second_heading_line(lines, marker, following, rest_start)
    if second is not None:
        # "6. 人民日报社论：/ (blank) / 壮阔的行进 光明的前程" and a two-line heading over
        # its paragraph ("美国发动对伊战争 / 联合国权威遭挑战"): one headline, as written.
        head_start, head_end = rest_start, lines[second].end
        rest = [i for i in following if i > second]
        body_start = lines[rest[0]].start if rest else head_end
    elif bracketed is not None and _is_heading(marker_line, bracketed.end()) and (
        bracketed.end() < marker_line.end and len(bracketed["head"]) <= _MAX_LABEL_CHARS
    ):
        # "1.【文化中国行】景泰蓝:釉彩生辉": a column label before the heading belongs to it.
        head_start, head_end = rest_start, marker_line.end
        body_start = lines[following[0]].start if following else head_end
    elif bracketed is not None:
        # "1.【标题】正文……": the headline is in the brackets, the body follows them.
        head_start, head_end = bracketed.span("head")
        body_start = bracketed.end()
        if body_start >= marker_line.end:
            body_start = lines[following[0]].start if following else marker_line.end
    elif glued is not None:
        # "01浙江安吉:…突破120万人次2023年3月3日,安吉县…": the line break between headline
        # and body was lost; the body starts at its dateline (or a tab standing for the break).
        head_start, head_end = rest_start, glued.start()
        body_start = glued.end() if glued.group() == "\t" else glued.start()
    elif rest_start < marker_line.end:
        # The title is on the marker line: "1、标题" or "1、正文第一句。……".
        head_start, head_end = rest_start, marker_line.end
        body_start = lines[following[0]].start if following else head_end
        paragraph_end = _wrapped_end(lines, marker.line_index, last, wrap_width)
        if (not following or paragraph_end > marker_line.end
                or not _is_heading(lines[marker.line_index], rest_start)):
            headline_is_sentence = True
            head_end = _first_sentence_end(text, head_start, paragraph_end)
            body_start = head_start
    elif following:
        heading = lines[following[0]]
        head_start, head_end = heading.start, heading.end
        rest = following[1:]
        body_start = lines[rest[0]].start if rest else heading.end
        # A lone short line under the number is a headline with no body; a lone line of
        # running text (or one under which more lines follow) is the body itself.
        lone_heading = not rest and _is_heading(heading, heading.start) and (
            _SENTENCE_END.search(heading.text) is None
        )
        if not lone_heading and (not rest or not _is_heading(heading, heading.start)):
            headline_is_sentence = True
            head_end = _first_sentence_end(text, head_start, heading.end)
            body_start = heading.start
    else:
        head_start = head_end = body_start = end
    # "**1. 标题**": bold markers copied from Markdown are not part of the headline, nor is
    # the clause punctuation that joins it to the next item ("…举行；").
    while head_end > head_start and (
        text[head_end - 1] in _HEADLINE_TRIM or text[head_end - 1] in _HEADLINE_TRAIL
    ):
        head_end -= 1
    # "【二、标题】": the bracket that closes a numbered heading is not part of the headline.
    if text[head_end - 1:head_end] == "】" and text.find("【", head_start, head_end) < 0:
        head_end -= 1
    body_end = max(end, body_start)
    return EntrySpan(
        seq=seq,
        no=marker.no,
        section=section.name if section else None,
        section_start=section.start if section else None,
        section_end=section.end if section else None,
        start=marker_line.start,
        end=body_end,
        headline_start=head_start,
        headline_end=head_end,
        body_start=body_start,
        body_end=body_end,
        headline_is_sentence=headline_is_sentence,
    )


# A column label in brackets is short: 【文化中国行】, 【新思想引领新征程】.
_MAX_LABEL_CHARS = 10
# A heading cut in two before its title: "人民日报社论：", "四川：".
_MAX_LEAD_CHARS = 12


def _second_heading_line(
    lines: list[_Line], marker: _Marker, following: list[int], rest_start: int
) -> int | None:
    """The line that continues a heading: after "X：" (a short lead ending in a colon), the
    heading line under it; under a heading with no number, a second short heading line with
    the paragraph below it."""
    if not following:
        return None
    line = lines[marker.line_index]
    under = lines[following[0]]
    if rest_start >= line.end or not _is_heading(under, under.start) or (
        _SENTENCE_END.search(under.text) or _STYLES.match(under.text)
    ):
        return None  # no heading on the marker line, or a nested item ("（1）…") under it
    own = line.text[rest_start - line.start:]
    if own.endswith((":", "：")) and len(own) <= _MAX_LEAD_CHARS:
        return following[0]
    if marker.style == "heading" and len(following) > 1 and len(under.text) <= _MAX_HEADING_CHARS:
        body = lines[following[1]]
        if len(body.text) >= max(_MIN_PARAGRAPH_CHARS, _PARAGRAPH_SHARE * len(under.text)):
            return following[0]
    return None


def _wrapped_end(
    lines: list[_Line], index: int, last: int, wrap_width: Callable[[], int]
) -> int:
    """The end of the paragraph line `index` starts, where the page wrapped its lines at a
    fixed width: the next line follows with no blank line or indent, and this one fills the
    width and stops mid-sentence ("…饮用豆奶引发食物中毒.其中" / "涉及2556名小学生,…。")."""
    while (
        index < last
        and lines[index + 1].text
        and lines[index + 1].start == lines[index].end + 1
        and not lines[index].text.endswith(_CLAUSE_ENDS)
        and (columns := _line_columns(lines, index)) >= _MIN_WRAP_COLUMNS - _WRAP_SLACK
        and wrap_width()
        and columns >= wrap_width() - _WRAP_SLACK
    ):
        index += 1
    return lines[index].end


_CLAUSE_ENDS = ("。", "!", "?", "！", "？", ";", "；", ":", "：")
# A page wrapped at a fixed width has many lines of the same width (in columns: a CJK
# character takes two), give or take a narrow character; fewer means running text.
_MIN_WRAP_COLUMNS = 40
_MIN_WRAPPED_LINES = 5
_WRAP_SLACK = 6
_MAX_WIDER_SHARE = 0.1


def _columns(text: str) -> int:
    """Display columns: two for every character beyond ASCII (CJK and its punctuation).

    >>> _columns("3月19日,某市")
    12
    """
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def _line_columns(lines: list[_Line], index: int) -> int:
    line = lines[index]
    indent = line.start - (lines[index - 1].end + 1) if index else line.start
    return _columns(line.text) + max(indent, 0)


def _wrap_width(lines: list[_Line]) -> int:
    """The width the page was hard-wrapped at, or 0: the most common line width, when at
    least `_MIN_WRAPPED_LINES` lines reach it."""
    widths = Counter(_line_columns(lines, i) for i in range(len(lines))
                     if len(lines[i].text) >= _MIN_WRAP_COLUMNS // 2)
    best = 0
    for width in widths:
        near = widths[width] + widths[width - 1] + widths[width - 2]
        if width >= _MIN_WRAP_COLUMNS and near >= _MIN_WRAPPED_LINES and width > best:
            best = width
    # Wrapped at that width, hardly a line is wider; running text one paragraph a line has
    # its headings at some width and its paragraphs far wider.
    wider = sum(count for width, count in widths.items() if width > best + 2)
    return best if best and wider <= _MAX_WIDER_SHARE * widths.total() else 0


def _is_heading(line: _Line, start: int) -> bool:
    """A heading line is short and holds no sentence end: "支持企业落户。对新落户的企业…:"
    starts into running text, so its headline is its first sentence."""
    # The clause mark that joins a heading to the next item ("…隆重举行；") breaks nothing.
    content = line.text[start - line.start:].rstrip(_TRAIL_CHARS)
    return 0 < len(content) <= _MAX_HEADLINE_CHARS and _HEADING_BREAKERS.search(content) is None


def _number_warnings(entries: list[EntrySpan], warnings: list[Notice]) -> None:
    for previous, current in pairwise(entries):
        if current.no == 1:
            continue
        if current.no == previous.no:
            warnings.append(Notice(code="duplicate_number",
                                   message=f"entry {current.seq} repeats number {current.no}"))
        elif current.no > previous.no + 1:
            warnings.append(Notice(
                code="skipped_number",
                message=f"entry {current.seq} is numbered {current.no} after {previous.no}",
            ))
