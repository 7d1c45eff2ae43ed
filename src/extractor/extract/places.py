"""Administrative divisions named in text, resolved through the gazetteer.

Candidates, then verification, then resolution:

1. **Candidates**: one leftmost-longest Aho-Corasick pass over every current full name
   (徐汇区), short name (徐汇), old name (玉环县) and a few non-division areas (长三角).
2. **Verification**, each rule named in the mention's `rule` or in the reason it was dropped:
   - *boundary*: a name must be a word of its own. When a dictionary word crosses the name's
     edge (新建|区块链, 东方|市场, 朝阳产业), a window of a few characters around it is
     segmented as jieba segments it (`cut(window, HMM=False)`, computed here with jieba's
     dictionary and arithmetic, `_jieba_keeps`); if the name's start or end is not a token
     boundary it is dropped. Only these windows are segmented, never the whole text.
   - *common word*: a short name that is an everyday word (合作, 和平, 新建, 朝阳, 鼓楼) counts
     only right after a parent (北京朝阳, 天津和平) or before a zone suffix (鼓楼高新区).
   - *street/facility*: a short name before a road word is a street (南京路 in Shanghai), and
     before an institution word (瑞金医院) it is a facility unless its province is in play.
3. **Resolution**: adjacent parent+child names merge into the child (重庆永川 -> 重庆市永川区,
   武汉市汉阳区 -> 湖北省武汉市汉阳区); a zone suffix extends the mention (潍坊高新区 ->
   山东省潍坊市); an ambiguous name (鼓楼区) is decided by places in play (`context` and the
   text's other places), then a bare short name by the higher level (海南 -> 海南省); what is
   still undecided gets adcode/name null and a reason.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import ahocorasick

from extractor import gazetteer, tokenizer
from extractor.gaps import PINYIN_GLOSS, read_past
from extractor.gazetteer import Division
from extractor.models import Level, PlaceMention

# Zones named after a division resolve to it (潍坊高新区 -> 潍坊市). Longest first, because the
# matcher takes the first suffix that fits: 高新技术产业开发区 must win over 开发区.
ZONE_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        (
            "高新技术产业开发区",
            "经济技术开发区",
            "高新技术产业园区",
            "自由贸易试验区",
            "经济开发区",
            "综合保税区",
            "自贸试验区",
            "自由贸易港",
            "自由贸易区",
            "高新园区",
            "工业园区",
            "高新区",
            "经开区",
            "开发区",
            "自贸区",
            "自贸港",
            "保税区",
        ),
        key=len,
        reverse=True,
    )
)

# Short names that are everyday words (与…合作 is not 合作市, 和平发展 not 和平区, 新建工厂 not
# 新建区, 朝阳产业 not 朝阳区): data file, read once; see src/extractor/data/README.md.
COMMON_WORDS_FILE = "place_common_words.txt"
UNCODED_DIVISIONS_FILE = "uncoded_divisions.tsv"


@dataclass(frozen=True, slots=True)
class UncodedDivision:
    """A division of Taiwan, Hong Kong or Macau below the province level: the national code
    table codes only 台湾省, 香港 and 澳门 themselves, so it has a path but no adcode."""

    name: str
    path: str
    level: Level
    parent: str  # the coded division it lies in (台湾省)


@functools.cache
def uncoded_divisions() -> dict[str, UncodedDivision]:
    """Surface (full and short names) -> division, from `data/uncoded_divisions.tsv`."""
    raw = resources.files("extractor.data").joinpath(UNCODED_DIVISIONS_FILE).read_text("utf-8")
    table: dict[str, UncodedDivision] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, level, parent, *shorts = line.split("\t")
        assert level in ("city", "district"), line
        division = UncodedDivision(name, parent + name, level, parent)  # type: ignore[arg-type]
        table[name] = division
        for short in shorts[0].split(",") if shorts and shorts[0] else ():
            table[short] = division
    return table


def uncoded_parent(path: str) -> Division | None:
    """The coded division an uncoded one lies in (台湾省台北市 -> 台湾省), or None."""
    division = _uncoded_by_path().get(path)
    found = gazetteer.by_name(division.parent) if division is not None else ()
    return found[0] if found else None


@functools.cache
def _uncoded_by_path() -> dict[str, UncodedDivision]:
    return {division.path: division for division in uncoded_divisions().values()}


@functools.cache
def common_word_shorts() -> frozenset[str]:
    """The short names that are also everyday words, from `data/place_common_words.txt`."""
    raw = resources.files("extractor.data").joinpath(COMMON_WORDS_FILE).read_text("utf-8")
    words = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return frozenset(w for w in words if w)


# A short name before these is a street or a station named after a place (南京路 in Shanghai,
# 四川北路): never the division itself.
STREET_WORDS: tuple[str, ...] = (
    "路", "大街", "街", "大道", "巷", "弄", "胡同",
    # 南京西路, 北京东路: a direction then 路 still names a street.
    "东路", "西路", "南路", "北路", "中路", "东街", "西街",
    # 城厢镇, 和平镇, 大同街道: towns and villages named like a county elsewhere.
    "镇", "乡", "街道", "村", "社区", "嘎查", "苏木",
    # 鄱阳湖, 松山湖, 金沙江, 普陀山: a lake, river or mountain named after a place is not
    # the place.
    "湖", "江", "河", "山",
    # 北京时间 is a clock (news datelines abroad: 北京时间4月7日下午,…在巴黎), not the city.
    "时间",
)

# Streets numbered after a place name (太原2路, 西安五路, 成都3街): a short name, then a small
# number and one of these, is the street, not the city.
NUMBERED_STREET_WORDS: tuple[str, ...] = ("路", "街", "巷", "弄", "胡同")
# 一路 and 一街 are also words (从杭州一路向北, 一街一策), and a numbered 路 before 公交/车/线 is a
# bus route in the city (长沙5路公交): neither is a street named after it.
_NUMBERED_STREET = re.compile(
    "(?:[0-9]{1,3}|[二三四五六七八九十][一二三四五六七八九十]{0,2}|一[一二三四五六七八九十]{1,2})"
    "(?:" + "|".join(NUMBERED_STREET_WORDS) + ")(?!公交|车|线|汽车|电车)"
)
_NUMBERED_STREET_HEADS = frozenset("0123456789一二三四五六七八九十")

# A short name before these names a facility that may be far away from the place (瑞金医院 is
# in Shanghai, named after 瑞金二路): kept only when the place's province is otherwise in play.
FACILITY_WORDS: tuple[str, ...] = (
    # 白沙水库 is no 白沙县, 辽宁舰 (an aircraft carrier) no 辽宁省.
    "医院", "宾馆", "饭店", "酒店", "大厦", "公园", "广场", "水库", "舰",
)

# The first characters of the words above, for a quick test before `str.startswith`.
_STREET_HEADS = frozenset(w[0] for w in STREET_WORDS)
_FACILITY_HEADS = frozenset(w[0] for w in FACILITY_WORDS)
_ZONE_HEADS = frozenset(w[0] for w in ZONE_SUFFIXES)

# One-character abbreviations that name a division only in set phrases (data: the phrases
# news writes, with the part that is the place): 在京 / 来京 / 赴京 -> 北京市, 在沪 -> 上海市,
# 全港 / 港府 -> 香港, 首都天安门 / 首都机场 -> 北京市. (pattern, division name); the group
# `place` is the mention's text. A foreign capital (菲首都马尼拉) is not 首都 alone.
ABBREVIATION_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?<=[在来赴进抵离返驻])(?P<place>京)(?![东西剧城族津沪港剧])", "北京市"),
    (r"(?<=[在来赴抵离返驻])(?P<place>沪)(?![深港])", "上海市"),
    (r"(?P<place>全港|港府)", "香港特别行政区"),
    (r"(?<![\u4e00-\u9fff])(?P<place>首都)(?=天安门|机场|国际机场|北京)", "北京市"),
)


# Places that are not divisions, reported with a null adcode (spec: 长三角, 中关村).
NON_DIVISION_AREAS: tuple[str, ...] = (
    "长三角",
    "珠三角",
    "京津冀",
    "粤港澳大湾区",
    "成渝地区",
    "中关村",
    "雄安新区",
    "长江经济带",
    "黄河流域",
)

# How far around a candidate jieba looks (characters each side): enough for a 4-character
# word crossing the edge, small enough to stay far below jieba's 0.4M chars/s on the whole text.
_WINDOW = 4
_MAX_WORD = 5  # longest dictionary word checked for crossing a name's edge


@dataclass(frozen=True, slots=True)
class _Key:
    """What one automaton key can mean."""

    surface: str
    options: tuple[Division, ...]
    # full: an official name (徐汇区); short: 徐汇; old: 玉环县; area: 长三角;
    # uncoded / uncoded_short: 台北市 / 台北 (see `UncodedDivision`)
    kind: str
    common: bool = False
    uncoded: UncodedDivision | None = None


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    key: _Key
    options: tuple[Division, ...]
    rule: str
    zone_end: int | None = None
    weak: bool = False  # a common-word short name (朝阳): kept only inside a chain
    chained: bool = False
    facility: bool = False  # a short name before a facility word (瑞金医院)


@dataclass(frozen=True, slots=True)
class _Matcher:
    automaton: Any
    keys: dict[str, _Key]


# pyahocorasick looks a node's children up linearly, and the root of an automaton over ~5000
# Chinese names has ~1500 children: scanning Chinese text directly runs at ~2M chars/s. The
# automaton therefore works on UTF-8 bytes (each byte one latin-1 character): a CJK character
# is 3 bytes, every node has at most 64 children (lead bytes E4-E9, then 64 continuation
# bytes), and encoding is one C call, far cheaper than spelling characters with
# str.translate. Every name is CJK and starts with a lead byte, so a match starts and ends on
# a character boundary; `_candidates` turns its byte offsets back into character offsets.
_ENCODING = "utf-8"
# Lone surrogates (possible in `str` input) encode to 3 bytes instead of failing.
_ERRORS = "surrogatepass"


# UTF-8 bytes -> 1 where a character starts, 0 for a continuation byte (0x80-0xBF).
_CHAR_STARTS = bytes.maketrans(
    bytes(range(256)), bytes(0 if 0x80 <= b < 0xC0 else 1 for b in range(256))
)


def _spelled(text: str) -> str:
    """`text` as the automaton reads it: its UTF-8 bytes, one latin-1 character each.

    >>> len(_spelled("上海a"))
    7
    """
    return text.encode(_ENCODING, _ERRORS).decode("latin-1")


@functools.cache
def _matcher() -> _Matcher:
    """The automaton over all names, built once on first use."""
    keys: dict[str, _Key] = {}
    current = gazetteer.all_divisions()
    full: dict[str, list[Division]] = {}
    short: dict[str, list[Division]] = {}
    for d in current:
        if d.name not in gazetteer.GENERIC_NAMES:
            full.setdefault(d.name, []).append(d)
        for alias in gazetteer.short_names(d):
            short.setdefault(alias, []).append(d)
    common = common_word_shorts()
    for name in full:
        options = gazetteer.by_name(name)
        # 老城区 is 洛阳's district and also any "old town district": a common word too.
        keys[name] = _Key(name, options, "full", common=name in common)
    for name, ds in short.items():
        if name in keys:
            continue
        options = gazetteer.by_short(name) or tuple(ds)
        keys[name] = _Key(name, options, "short", common=name in common)
    for name, succ in gazetteer.renamed_names().items():
        if name not in keys and len(name) >= 2:
            keys[name] = _Key(name, succ, "old")
    for name in NON_DIVISION_AREAS:
        keys[name] = _Key(name, (), "area")
    for name, division in uncoded_divisions().items():
        if name not in keys:  # a mainland division keeps its name (新北 is 常州's 新北区)
            kind = "uncoded" if name == division.name else "uncoded_short"
            keys[name] = _Key(name, (), kind, uncoded=division)
    automaton = ahocorasick.Automaton()
    for surface, key in keys.items():
        automaton.add_word(_spelled(surface), key)
    automaton.make_automaton()
    return _Matcher(automaton=automaton, keys=keys)


@functools.cache
def _tokenizer() -> Any:
    """A private jieba tokenizer knowing every division name (the global one is left alone);
    it shares jieba's default dictionary with the other stages (`extractor.tokenizer`)."""
    return tokenizer.with_words(
        key.surface for key in _matcher().keys.values() if key.kind != "area"
    )


# jieba's character class for text it segments with its dictionary (`jieba.re_han_default`):
# it splits a sentence into runs of these and cuts at every character outside them.
_JIEBA_HAN = "\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-"
_NOT_HAN = re.compile(f"[^{_JIEBA_HAN}]")
_LAST_NOT_HAN = re.compile(f"(?s:.*)[^{_JIEBA_HAN}]")  # match(): ends after the last one


@dataclass(frozen=True, slots=True)
class _Segmenter:
    """What the boundary check needs of the private tokenizer, looked up once."""

    # The division names layered over jieba's shared table (`tokenizer.LayeredFreq`): looked
    # up directly (plain dict operations in C), not through LayeredFreq's Python methods.
    top: dict[str, int]
    base: dict[str, int]
    logtotal: float  # log of the tokenizer's total frequency, as jieba's `calc` uses it
    # Characters outside jieba's class that some dictionary word contains (γ of γ射线): a
    # window holding one is left to jieba itself, since a word may then cross a run's edge.
    odd: re.Pattern[str] | None
    # Punctuation, spaces and symbols that no dictionary word contains (，、《: outside jieba's
    # class and not odd): no word crosses an edge next to one.
    barriers: frozenset[str]
    # `_tails` of each name, filled on first use (bounded by the names)
    tails: dict[str, tuple[int, ...]]
    # log(frequency) - logtotal of each single character seen by `_jieba_keeps` (bounded by
    # the character set), None when it is no word of its own
    singles: dict[str, float | None]


# Where the punctuation and symbols next to names live: ASCII and Latin-1, general
# punctuation (“”), CJK symbols and punctuation (、。《》), full-width forms (，：（）).
_PUNCTUATION_BLOCKS = ((0x0000, 0x0100), (0x2000, 0x2070), (0x3000, 0x3040), (0xFF00, 0xFFF0))


@functools.cache
def _segmenter() -> _Segmenter:
    tk = _tokenizer()
    freq: tokenizer.LayeredFreq = tk.FREQ
    # One regex pass over all words joined (~20 ms), not one per word.
    odd = "".join(sorted(set(_NOT_HAN.findall("".join(freq.base) + "".join(freq.top)))))
    barriers = frozenset(
        c
        for lo, hi in _PUNCTUATION_BLOCKS
        for c in map(chr, range(lo, hi))
        if _NOT_HAN.match(c) and c not in odd
    )
    return _Segmenter(
        freq.top,
        freq.base,
        math.log(tk.total),
        odd=re.compile(f"[{re.escape(odd)}]") if odd else None,
        barriers=barriers,
        tails={},
        singles={},
    )


def _tails(name: str, seg: _Segmenter) -> tuple[int, ...]:
    """Offsets inside `name` where a dictionary word may start and run past its end: its
    proper suffixes that are dictionary prefixes, short enough to grow within `_MAX_WORD`."""
    return tuple(
        d
        for d in range(max(1, len(name) - _MAX_WORD + 1), len(name))
        if name[d:] in seg.top or name[d:] in seg.base
    )


def _crosses(text: str, start: int, end: int, seg: _Segmenter) -> bool:
    """Does a dictionary word straddle an edge of text[start:end]? (新建|区块链: 区块链 does.)

    jieba's FREQ holds every prefix of every word (frequency 0 for mere prefixes), so each
    extension stops as soon as it is no longer a prefix: a few dict lookups per name. A word
    that starts with the whole name (上海市政府) does not straddle: it is named after it.
    """
    top, base = seg.top, seg.base
    n = len(text)
    # Words starting before the name hold the character before it: none after ，、《.
    if start and text[start - 1] not in seg.barriers:
        stop = start + 1
        for i in range(start - _MAX_WORD + 1 if start > _MAX_WORD - 1 else 0, start):
            # The text before the name plus its first character: when that is no prefix,
            # neither is what comes before the name alone (prefixes of prefixes are prefixes).
            word = text[i:stop]
            if (word in top or word in base) and _grows_into_word(text, i, stop, seg):
                return True
    # Words starting inside the name, only at its tails (`_tails`), hold the character after it.
    if end < n and text[end] not in seg.barriers:
        name = text[start:end]
        tails = seg.tails.get(name)
        if tails is None:
            tails = seg.tails[name] = _tails(name, seg)
        stop = end + 1
        for d in tails:
            word = text[start + d : stop]
            if (word in top or word in base) and _grows_into_word(text, start + d, stop, seg):
                return True
    return False


def _grows_into_word(text: str, i: int, j: int, seg: _Segmenter) -> bool:
    """text[i:j] is a dictionary prefix: is it a word, or does it grow into one within
    `_MAX_WORD` characters? (Rarely asked: `_crosses` tests the prefix first.)"""
    top, base = seg.top, seg.base
    n = len(text)
    word = text[i:j]
    while True:
        f = top.get(word)
        if f is None:
            f = base.get(word)
            if f is None:
                return False
        if f > 0:
            return True
        if j >= n or j - i >= _MAX_WORD:
            return False
        word += text[j]
        j += 1


def _on_boundaries(text: str, start: int, end: int) -> bool:
    """True when jieba, on a small window, does not cut through text[start:end].

    The name must start a token, and either end one or lie wholly inside the token it starts:
    a compound named after the place keeps it (上海市政府, 上海交通大学 are one jieba word and
    still name 上海), while a word running across the name's end drops it (新建|区块链).
    Only when a dictionary word straddles an edge (`_crosses`) is the window segmented.

    >>> _on_boundaries("新建区块链产业园", 0, 3)
    False
    >>> _on_boundaries("在重庆永川发布", 1, 3)
    True
    >>> _on_boundaries("2023年上海市政府工作报告", 5, 8)
    True
    """
    seg = _segmenter()
    return not _crosses(text, start, end, seg) or _jieba_keeps(text, start, end, seg)


def _jieba_keeps(text: str, start: int, end: int, seg: _Segmenter) -> bool:
    """Does jieba's `cut(window, HMM=False)` keep text[start:end] whole (see `_on_boundaries`)?

    The window is `_WINDOW` characters each side. jieba cuts it into runs of its character
    class and segments each run alone (the dictionary path of maximal probability), so only
    the run holding the name matters. That path is computed as jieba computes it, without its
    generators and per-lookup method calls (`tokenizer.route_ends`, which `tokenizer.lcut`
    shares): 4x faster than jieba's own cut.
    jieba's merging of single letters and digits into one token cannot move a cut next to a
    CJK character, so it is left out; a name that does not start and end with CJK characters
    or lies across runs, or a window with a character `_Segmenter.odd` knows, goes to jieba
    itself (`_jieba_keeps_by_cut`).
    """
    lo = start - _WINDOW if start > _WINDOW else 0
    hi = end + _WINDOW if end + _WINDOW < len(text) else len(text)
    stop = _NOT_HAN.search(text, start, hi)
    run_end = hi if stop is None else stop.start()
    if (
        run_end < end
        or text[start].isascii()
        or text[end - 1].isascii()
        or (seg.odd is not None and seg.odd.search(text, lo, hi))
    ):
        return _jieba_keeps_by_cut(text, start, end)
    before = _LAST_NOT_HAN.match(text, lo, start)
    run_start = lo if before is None else before.end()

    after = tokenizer.route_ends(text[run_start:run_end], seg.top, seg.base, seg.logtotal,
                                 seg.singles)
    s = start - run_start
    e = end - run_start
    pos = 0
    while pos < s:
        pos = after[pos]
    if pos != s:
        return False
    pos = after[s]
    if pos >= e:
        return True  # the name starts a token that covers it (上海市政府)
    while pos < e:
        pos = after[pos]
    return pos == e


def _jieba_keeps_by_cut(text: str, start: int, end: int) -> bool:
    """`_jieba_keeps` by jieba itself, for the windows it does not handle."""
    lo = max(0, start - _WINDOW)
    hi = min(len(text), end + _WINDOW)
    cuts = {lo}
    covering = False
    pos = lo
    for token in _tokenizer().cut(text[lo:hi], HMM=False):
        if pos == start and pos + len(token) >= end:
            covering = True  # 上海市政府: the name starts a compound named after it
        pos += len(token)
        cuts.add(pos)
    return start in cuts and (end in cuts or covering)


def _on_right_boundary(text: str, start: int, end: int) -> bool:
    """The boundary check with the left edge taken as given: right after another place name
    (上海|浦东新区), where jieba knows the pair as one word (上海浦东新区) that straddles it."""
    view = text[start : end + _WINDOW + _MAX_WORD]
    return _on_boundaries(view, 0, end - start)


def _zone_suffix(text: str, end: int) -> int | None:
    """End of a zone suffix starting at `end` (潍坊|高新区), or None."""
    if not text.startswith(ZONE_SUFFIXES, end):
        return None  # one C call for the common case
    for suffix in ZONE_SUFFIXES:
        if text.startswith(suffix, end):
            return end + len(suffix)
    return None


def _candidates(text: str) -> list[_Cand]:
    """Leftmost-longest matches, then the verification rules (module docstring, step 2)."""
    matcher = _matcher()
    data = text.encode(_ENCODING, _ERRORS)
    # A match's character offset is the number of characters starting before its end: 1 for
    # each byte that is not a UTF-8 continuation byte. Matches come in increasing order, so
    # each counts only the bytes since the previous one (bytes.count, no decoding).
    starts = b""  # translated on the first match: most texts have none
    found: list[_Cand] = []
    byte = char = 0
    for last, key in matcher.automaton.iter_long(data.decode("latin-1")):
        if not byte:
            starts = data.translate(_CHAR_STARTS)
        char += starts.count(1, byte, last + 1)
        byte = last + 1
        start = char - len(key.surface)
        cand = _verify(text, start, char, key, found)
        if cand is None:
            # 长春市民: 长春市 is cut by 市民, but its prefix 长春 is a name on its own.
            for cut in range(char - 1, start + 1, -1):
                shorter = matcher.keys.get(text[start:cut])
                if shorter is not None:
                    cand = _verify(text, start, cut, shorter)
                    if cand is not None:
                        break
        if cand is not None:
            found.append(cand)
    return found


def _continues(found: Sequence[_Cand], start: int, key: _Key) -> bool:
    """Does this name continue the place just before it, as its child (上海|浦东新区)?
    东莞|松山湖 does not: 松山区 lies in 赤峰, and 松山湖 is a lake in 东莞."""
    if not found or found[-1].end != start:
        return False
    return bool(_descendants_of(found[-1].options, key.options))


def _name_at(text: str, position: int) -> bool:
    """Does a division name start at `position`? (镇江, 湖州, 路桥 begin like street words.)"""
    keys = _matcher().keys
    return any(text[position:position + size] in keys for size in (2, 3, 4))


def _verify(
    text: str, start: int, end: int, key: _Key, found: Sequence[_Cand] = ()
) -> _Cand | None:
    """The candidate text[start:end] for `key`, or None when a rule drops it; `found` holds
    the candidates before it (a name right after its parent is checked on its right edge
    only, `_on_right_boundary`)."""
    kind = key.kind
    # str.startswith with a tuple tries every word in turn: first a set lookup of the next
    # character, which rules out almost every candidate.
    after = text[end : end + 1]
    if kind == "short" or kind == "uncoded_short":
        if (
            after in _STREET_HEADS
            and text.startswith(STREET_WORDS, end)
            and not _name_at(text, end)
        ):
            return None  # 南京路 is a street in Shanghai (but 江苏镇江, 浙江路桥 are two places)
        if after in _NUMBERED_STREET_HEADS and _NUMBERED_STREET.match(text, end):
            return None  # 县太原2路: a numbered street named after the city
        facility = kind == "short" and after in _FACILITY_HEADS and (
            text.startswith(FACILITY_WORDS, end)
        )
    else:
        facility = False
    if kind != "area" and after in _ZONE_HEADS and text.startswith(ZONE_SUFFIXES, end):
        # 鼓楼高新区: a zone suffix vouches for any name, a common-word short one too.
        return _Cand(start, end, key, key.options, "zone", _zone_suffix(text, end), False,
                     False, facility)
    if not _on_boundaries(text, start, end) and not (
        _continues(found, start, key) and _on_right_boundary(text, start, end)
    ):
        return None
    return _Cand(start, end, key, key.options, kind, None, key.common, False, facility)


@functools.cache
def _lineage(adcode: str) -> frozenset[str]:
    """The codes of a division's real parents (`gazetteer.parents`), once per division: the
    same few divisions recur in every text. Keyed by code, which hashes far cheaper than a
    `Division` (a dataclass hashes all its fields on every call)."""
    d = gazetteer.by_adcode(adcode)
    return frozenset() if d is None else frozenset(p.adcode for p in gazetteer.parents(d))


@functools.cache
def _path_codes(adcode: str) -> tuple[str, ...]:
    """The codes of a division's parents, province first, then its own (`_decide`)."""
    d = gazetteer.by_adcode(adcode)
    return () if d is None else (*(p.adcode for p in gazetteer.parents(d)), adcode)


def _descendants_of(
    parents: Sequence[Division], options: Sequence[Division]
) -> tuple[Division, ...]:
    """Options of a child that descend from options of the parent, in their order. (Option
    tuples hold each division once: they come from the gazetteer's indexes.)"""
    codes = [p.adcode for p in parents]
    kids: list[Division] = []
    for o in options:
        chain = _lineage(o.adcode)
        for code in codes:
            if code in chain:
                kids.append(o)
                break
    return tuple(kids)


def _chain(cands: list[_Cand]) -> list[_Cand]:
    """Merge adjacent parent+child names into the child (上海徐汇区 -> 上海市徐汇区), then drop
    weak (common-word) names left outside a chain: 北京朝阳, never 朝阳产业."""
    out: list[_Cand] = []
    prev: _Cand | None = None  # the last candidate, still open to a child glued to it
    for cand in cands:
        if (
            prev is not None
            and prev.end == cand.start
            and prev.zone_end is None
            and prev.options
            and cand.options
        ):
            kids = _descendants_of(prev.options, cand.options)
            if not kids and cand.key.kind == "short":
                # 东莞松山湖: a short name glued to a place it is not a child of names a spot
                # inside that place (a lake, a town), not 赤峰's 松山区.
                continue
            if kids:
                prev = _Cand(
                    prev.start,
                    cand.end,
                    cand.key,
                    kids,
                    "chain" if cand.zone_end is None else "chain+zone",
                    zone_end=cand.zone_end,
                    chained=True,
                )
                continue
        if prev is not None and not prev.weak:  # a chain is never weak
            out.append(prev)
        prev = cand
    if prev is not None and not prev.weak:
        out.append(prev)
    return out


def _in_play(codes: Iterable[str]) -> set[str]:
    """Codes in play and all their ancestors (南京市鼓楼区 puts 南京市 and 江苏省 in play)."""
    found: set[str] = set()
    for code in codes:
        found.update(_path_codes(code))
    return found


def _decide(cand: _Cand, play: set[str]) -> tuple[Division | None, str, str | None]:
    """One division for a candidate, the rule that chose it, or a reason for none."""
    options = cand.options
    if len(options) == 1:
        return options[0], cand.rule, None

    # 鼓楼区 with 南京 in play: the option that agrees most deeply with the places in play
    # (itself 3, its city 2, its province 1); 江苏 alone leaves 南京/徐州 tied.
    def depth(o: Division) -> int:
        chain = _path_codes(o.adcode)
        return max((i + 1 for i, code in enumerate(chain) if code in play), default=0)

    depths = {o.adcode: depth(o) for o in options}
    best = max(depths.values())
    fits = [o for o in options if best > 0 and depths[o.adcode] == best]
    if len(fits) == 1:
        return fits[0], cand.rule + "+context", None
    if len(fits) > 1:
        options = tuple(fits)
    # A bare short name names the higher level: 海南 is the province, not 海南藏族自治州.
    if cand.key.kind != "full":
        top = [o for o in options if o.level == options[0].level]
        if len(top) == 1:
            return top[0], cand.rule + "+higher-level", None
    names = "/".join(o.path for o in options)
    return None, cand.rule + "+ambiguous", f"ambiguous: {names}"


_NOT_A_DIVISION = "not an administrative division"
_UNCODED_REASON = "the national code table has no code below 台湾省, 香港 and 澳门"


# `PlaceMention(**fields)` validates exactly this way (same checks, same fields set), through a
# Python-level wrapper that costs ~5% of place extraction.
_new_mention = PlaceMention.__pydantic_validator__.validate_python


def extract_places(text: str, base: int = 0, context: Sequence[str] = ()) -> list[PlaceMention]:
    """Find every division named in `text`. `context` holds adcodes already known to be in
    play (the article's other places), used to decide ambiguous names such as 鼓楼区.

    Spans are offset by `base`: `text[m.start - base:m.end - base] == m.text`.

    >>> [(m.text, m.name) for m in extract_places("重庆永川发布计划，与高校合作")]
    [('重庆永川', '重庆市永川区')]
    >>> [m.name for m in extract_places("潍坊高新区举行开幕式")]
    ['山东省潍坊市']
    >>> [(m.text, m.name) for m in extract_places("广(guǎng)东省发布计划")]
    [('广(guǎng)东省', '广东省')]
    """
    if "(" in text:
        # Pinyin glosses (广(guǎng)东) are read past, in a copy; spans map back to `text`.
        return read_past(text, base, PINYIN_GLOSS,
                         lambda copy, at: _extract_places(copy, at, context))
    return _extract_places(text, base, context)


def _extract_places(text: str, base: int, context: Sequence[str]) -> list[PlaceMention]:
    if not text:
        return []
    found = _candidates(text)
    abbreviations = _abbreviations(text, base) if _ABBREVIATION_CHARS.search(text) else []
    if not found:
        return abbreviations
    cands = _chain(found)
    play: set[str] | None = None  # built on the first ambiguous name: most texts have none
    provinces: frozenset[str] | None = None  # built on the first facility name, likewise
    mentions: list[PlaceMention] = []
    for cand in cands:
        end = cand.zone_end or cand.end
        if cand.key.kind == "area":
            mentions.append(
                _new_mention({
                    "text": text[cand.start : end],
                    "start": base + cand.start,
                    "end": base + end,
                    "rule": "area",
                    "reason": _NOT_A_DIVISION,
                })
            )
            continue
        name: str | None = None
        adcode: str | None = None
        level: Level | None = None
        uncoded = cand.key.uncoded
        if uncoded is not None:
            name, level, rule, reason = uncoded.path, uncoded.level, cand.key.kind, _UNCODED_REASON
        else:
            if len(cand.options) == 1:
                division: Division | None = cand.options[0]
                rule, reason = cand.rule, None
            else:
                if play is None:
                    sure = [c.options[0].adcode for c in cands if len(c.options) == 1]
                    play = _in_play([*context, *sure])
                division, rule, reason = _decide(cand, play)
            if cand.facility:
                if provinces is None:
                    provinces = _provinces_in_play(cands, context)
                if division is None or division.adcode[:2] not in provinces:
                    continue  # 瑞金医院 in a Shanghai text: a hospital, not 瑞金市
            if division is not None:
                name, adcode, level = division.path, division.adcode, division.level
        mentions.append(
            _new_mention({
                "text": text[cand.start : end],
                "start": base + cand.start,
                "end": base + end,
                "name": name,
                "adcode": adcode,
                "level": level,
                "rule": rule,
                "reason": reason,
            })
        )
    if abbreviations:
        taken = [(m.start, m.end) for m in mentions]
        mentions += [a for a in abbreviations
                     if not any(s < a.end and a.start < e for s, e in taken)]
        mentions.sort(key=lambda m: m.start)
    return mentions


_ABBREVIATION_PATTERNS = tuple((re.compile(pattern), name)
                               for pattern, name in ABBREVIATION_PHRASES)
# The characters every abbreviation phrase holds: one C scan rules most texts out.
_ABBREVIATION_CHARS = re.compile("[京沪港都]")


def _abbreviations(text: str, base: int) -> list[PlaceMention]:
    """Divisions named by an abbreviation in a set phrase (在京 -> 北京市, 全港 -> 香港)."""
    found: list[PlaceMention] = []
    for pattern, name in _ABBREVIATION_PATTERNS:
        division = gazetteer.by_name(name)[0]
        for match in pattern.finditer(text):
            start, end = match.span("place")
            found.append(_new_mention({
                "text": text[start:end], "start": base + start, "end": base + end,
                "name": division.path, "adcode": division.adcode, "level": division.level,
                "rule": "abbreviation", "reason": None,
            }))
    return found


def _provinces_in_play(cands: Sequence[_Cand], context: Sequence[str]) -> frozenset[str]:
    """The provinces (first two digits of the code) that `context` or a name of the text
    that is no facility puts in play. A facility's own province must be among them: 瑞金医院
    next to 江西/赣州 is the place, next to 上海 it is not, and another facility of the same
    name (the second 辽宁舰 of an item) vouches for nothing. Computed once per text: a text
    naming a facility a thousand times would otherwise pay for every pair."""
    provinces = {code[:2] for code in context}
    provinces.update(o.adcode[:2] for c in cands if not c.facility for o in c.options)
    return frozenset(provinces)
