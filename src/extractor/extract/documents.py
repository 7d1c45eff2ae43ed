"""Document titles: the text inside the outermost 《》, with its kind and plan period.

One linear scan with a depth counter, so 50,000 nested brackets or a 《 that is never closed
cost no more than reading the text. A title never spans a line break: an unclosed 《 is
abandoned at the end of its line rather than swallowing the rest of the article.
"""

from __future__ import annotations

import re

from extractor.models import DocumentMention

OPEN, CLOSE = "《", "》"
_SCAN = re.compile(r"[《》\r\n]")

# Document kinds by the title's ending, longest first: "行动计划" must win over "计划" and
# "政府工作报告" over "报告"; "的通知" titles are notices whatever they wrap.
DOCUMENT_KINDS: tuple[str, ...] = (
    "政府工作报告", "三年行动计划", "行动计划", "行动方案", "实施方案", "工作方案", "指导意见",
    "实施意见", "实施细则", "管理办法", "暂行办法", "若干措施", "若干规定", "申报指南",
    "工作计划", "发展规划", "产业规划", "白皮书", "负面清单", "需求清单", "通知", "通告",
    "公告", "意见", "方案", "规划", "计划", "办法", "细则", "条例", "规定", "措施", "决定",
    "纲要", "指南", "标准", "规范", "清单", "目录", "报告", "批复", "函", "法", "政策", "图",
)
_KINDS_LONGEST_FIRST = tuple(sorted(DOCUMENT_KINDS, key=len, reverse=True))
_KIND_ENDING = re.compile(
    r"(?:" + "|".join(_KINDS_LONGEST_FIRST) + r")"
    r"(?:\((?:试行|暂行|征求意见稿|修订|\d{4}[^()]{0,12})\))*$"
)
_NOTICE = re.compile(r"的(?:通知|通告|公告|函|批复|决定)$")

# `document_kind` without a regex scan of the title, same answers: `_KIND_ENDING` matches
# where a kind is followed only by version groups "(试行)" up to the end. Groups hold no
# brackets and no kind ends in one, so that kind is the longest one ending the title once
# its trailing groups are cut off, one by one from the end.
_VERSION_GROUP = re.compile(r"\((?:试行|暂行|征求意见稿|修订|\d{4}[^()]{0,12})\)")
_KINDS_BY_LENGTH: tuple[tuple[int, frozenset[str]], ...] = tuple(
    (length, frozenset(kind for kind in DOCUMENT_KINDS if len(kind) == length))
    for length in sorted({len(kind) for kind in DOCUMENT_KINDS}, reverse=True)
)
_NOTICE_ENDINGS = tuple("的" + kind for kind in ("通知", "通告", "公告", "函", "批复", "决定"))

# A plan period written in a title: (2022-2024年), (2023—2028), 2023-2025年.
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年?")


def document_kind(title: str) -> str | None:
    """The kind of document a title names, from its ending.

    >>> document_kind("昆明市数字经济发展三年行动计划(2022-2024年)")
    '三年行动计划'
    >>> document_kind("关于加快元宇宙创新发展的扶持政策(试行)的通知")
    '通知'
    >>> document_kind("人民日报") is None
    True
    """
    if title.endswith("\n"):  # `$` also matches before a final line break: the regexes
        notice = _NOTICE.search(title)
        if notice:
            return notice.group()[1:]
        match = _KIND_ENDING.search(title)
        if match is None:
            return None
        return next(kind for kind in _KINDS_LONGEST_FIRST if match.group().startswith(kind))
    if title.endswith(_NOTICE_ENDINGS):
        return title[title.rindex("的") + 1:]
    while title.endswith(")"):
        group_start = title.rfind("(")
        if group_start < 0 or _VERSION_GROUP.fullmatch(title, group_start) is None:
            break
        title = title[:group_start]
    for length, kinds in _KINDS_BY_LENGTH:
        if title[-length:] in kinds:
            return title[-length:]
    return None


def parse_period(title: str) -> tuple[int, int] | None:
    """The plan period a title holds; the last year is included.

    >>> parse_period("成都元宇宙产业发展行动计划(2022-2025年)")
    (2022, 2025)
    >>> parse_period("合肥高新区元宇宙产业发展规划(2023—2028)")
    (2023, 2028)
    >>> parse_period("2022年中国工业元宇宙生态图") is None
    True
    """
    match = _PERIOD.search(title)
    if match is None:
        return None
    first, last = int(match[1]), int(match[2])
    return (first, last) if first <= last else None


def extract_documents(text: str, base: int = 0) -> list[DocumentMention]:
    """Every outermost 《...》 in `text`, spans offset by `base`; the mention text includes
    the brackets, `title` is what is inside them.

    >>> [d.title for d in extract_documents("根据《关于印发《方案》的通知》和《规划》")]
    ['关于印发《方案》的通知', '规划']
    """
    first_open = text.find(OPEN)
    if first_open < 0:
        return []  # most entries cite no title: one C-speed find instead of the scan
    mentions: list[DocumentMention] = []
    depth = 0
    opened = 0
    # Line breaks before the first 《 would only reset a depth that is still 0.
    for match in _SCAN.finditer(text, first_open):
        char = match.group()
        if char == OPEN:
            if depth == 0:
                opened = match.start()
            depth += 1
        elif char == CLOSE:
            if depth == 0:
                continue
            depth -= 1
            if depth == 0:
                mentions.append(_document(text, opened, match.end(), base))
        else:
            depth = 0
    return [mention for mention in mentions if mention.title.strip()]


def _document(text: str, start: int, end: int, base: int) -> DocumentMention:
    title = text[start + 1:end - 1]
    period = parse_period(title)
    return DocumentMention(
        text=text[start:end],
        start=base + start,
        end=base + end,
        rule="brackets",
        title=title,
        kind=document_kind(title),
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
    )
