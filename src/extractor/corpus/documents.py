"""Documents across articles: every 《》 mention of one document, in whichever digest, under
one id.

A mention's document is matched on a key made from its full title (an abbreviation's
`alias_of`), folded so that spelling differences digests make do not count: width, script
(Traditional and Simplified), blanks, quote marks, brackets and dashes. The key has three
parts:

- **jurisdiction**: the division whose official name opens the title (《上海市促进…方案》 ->
  上海市), or a province's or city's short name (《北京…行动计划》), else none;
- **core**: the rest of the title without its plan period; a notice that issues a document
  (关于印发《…》的通知) is keyed as the document it issues;
- **period**: the plan period the title names ((2022-2025年)), else none.

Mentions with equal keys are one document (rule ``title``, or ``alias`` for an abbreviation).
A key that lacks a part is completed where exactly one document could be meant, so the same
title with and without its period or its issuer's prefix is recognised as one:

- ``without-period``: no period, and exactly one document with that jurisdiction and core
  names one;
- ``without-prefix``: no jurisdiction, and exactly one document with that core (and a
  compatible period) has one, within which the mention's entry lies (or the entry has no
  region). 《促进元宇宙产业发展行动方案》 in an item about 上海市 is 上海市's; the same title
  in an item about 河南省, or where both 上海市 and 河南省 wrote one, stays its own.

Never a guess: where two documents could be meant, the mention keeps its own key. A title
that is only a kind of document (《行动方案》, 《指导意见》) with no `alias_of` names a
different document in each article: it is linked within its article only.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from extractor import gazetteer
from extractor.extract.documents import DOCUMENT_KINDS, parse_period
from extractor.load import normalize_width
from extractor.models import CorpusDocument, DocumentLink, DocumentLinkRule
from extractor.script import to_simplified
from extractor.tokenizer import lcut

LinkRule = DocumentLinkRule

# Spelling differences between digests' copies of one title, removed from the key.
_NOISE: Final = re.compile(r"[\s\"'“”‘’「」『』〈〉<>《》·•・]")
_DASHES: Final = str.maketrans({"—": "-", "–": "-", "－": "-", "~": "-", "～": "-", "―": "-"})
# A plan period anywhere in the title, with its brackets: (2022-2025年), 2023-2025年.
_PERIOD_TEXT: Final = re.compile(
    r"\(?(?:19|20)\d{2}\s*年?\s*(?:-|至|到)\s*(?:19|20)\d{2}\s*年?\)?"
)
# Official names are 2 to 8 characters (上海市, 内蒙古自治区, 新疆维吾尔自治区, 广西壮族自治区).
_MAX_NAME: Final = 12
_MIN_NAME: Final = 2
_SHORT_LEVELS: Final = frozenset(("province", "city"))
# How far past a short name jieba must look to see the word it opens (北京大学, 中山大学).
_WORD_LOOKAHEAD: Final = 6
# A notice or letter that issues a document (关于印发…的通知, 关于印发…的函): the issued title.
_ISSUING_NOTICE: Final = re.compile(r"关于印发(.+?)的(?:通知|函)")


@dataclass(frozen=True, slots=True)
class DocumentKey:
    """What a title is matched on: see the module docstring."""

    jurisdiction: str | None  # adcode of the division opening the title
    core: str
    period: tuple[int, int] | None
    article: str | None = None  # set for a bare kind (《行动方案》): one article's only

    def text(self) -> str:
        """The key as one string (`310000|促进元宇宙产业发展行动方案|2022-2025`)."""
        period = f"{self.period[0]}-{self.period[1]}" if self.period else ""
        scope = f"|{self.article}" if self.article is not None else ""
        return f"{self.jurisdiction or ''}|{self.core}|{period}{scope}"


@dataclass(frozen=True, slots=True)
class DocumentSighting:
    """One document mention with what its entry says: where and when."""

    article: str
    seq: int
    idx: int
    title: str
    alias_of: str | None = None
    kind: str | None = None
    issuer: str | None = None
    date: str | None = None  # the entry's date
    region_name: str | None = None  # the entry's region
    region_adcode: str | None = None


def fold_title(title: str) -> str:
    """The title as matched: Simplified, half-width, without blanks, quotes and brackets'
    width differences; dashes made one.

    >>> fold_title("《上海市促進元宇宙產業發展行動方案（2022—2025年）》")
    '上海市促进元宇宙产业发展行动方案(2022-2025年)'
    """
    return _NOISE.sub("", to_simplified(normalize_width(title)).translate(_DASHES))


def _prefix_division(core: str) -> tuple[str | None, str]:
    """The adcode of the division(s) whose official names open `core`, and the rest. A chain
    (浙江省杭州市…) gives its last; a name two divisions share (通州区) with no parent before
    it is left in the title."""
    adcode: str | None = None
    rest = core
    while True:
        found = None
        for size in range(min(_MAX_NAME, len(rest) - 1), _MIN_NAME - 1, -1):
            divisions = gazetteer.by_name(rest[:size])
            if not divisions and adcode is None and _opens_with_word(rest, size):
                # 北京具身智能…行动计划 is 北京市's: a province or city opening a title by its
                # short name (counties' short names are too often words: 长安, 和平), as a
                # word of its own (not 北京大学章程, 新乡村建设方案).
                divisions = tuple(d for d in gazetteer.by_short(rest[:size])
                                  if d.level in _SHORT_LEVELS)
            if adcode is not None:
                divisions = tuple(
                    d for d in divisions if gazetteer.is_ancestor(adcode, d.adcode)
                )
            if len(divisions) == 1:
                found = (divisions[0].adcode, size)
                break
        if found is None:
            return adcode, rest
        adcode, rest = found[0], rest[found[1]:]


def _unwrapped(title: str) -> str:
    """The document a notice issues: 关于印发数据要素×三年行动计划的通知 -> 数据要素×三年
    行动计划 (digests name a plan by its notice or by itself)."""
    wrapped = _ISSUING_NOTICE.fullmatch(title)
    return wrapped.group(1) if wrapped else title


def _opens_with_word(text: str, size: int) -> bool:
    """Is text[:size] the first word jieba cuts text into?

    >>> _opens_with_word("北京具身智能科技创新行动计划", 2), _opens_with_word("北京大学章程", 2)
    (True, False)
    """
    words = lcut(text[: size + _WORD_LOOKAHEAD])
    return bool(words) and words[0] == text[:size]


def document_key(title: str) -> DocumentKey:
    """The key a title is matched on.

    >>> document_key("上海市促进元宇宙产业发展行动方案(2022-2025年)").text()
    '310000|促进元宇宙产业发展行动方案|2022-2025'
    >>> document_key("关于推动未来产业创新发展的实施意见").text()
    '|关于推动未来产业创新发展的实施意见|'
    """
    folded = _unwrapped(fold_title(title))
    period = parse_period(folded)
    core = _PERIOD_TEXT.sub("", folded) if period else folded
    jurisdiction, core = _prefix_division(core)
    return DocumentKey(jurisdiction, core or folded, period)


# Titles that only name a kind of text, as an abbreviation writes them (《解释》 for one
# judicial interpretation, 《声明》 for one statement): the document kinds and these.
_BARE_KINDS: Final = frozenset(DOCUMENT_KINDS) | frozenset((
    "解释", "司法解释", "决议", "声明", "联合声明", "公报", "纪要", "章程", "协议", "协定",
    "备忘录", "讲话", "文章", "说明", "草案", "征求意见稿",
))


def _scoped(key: DocumentKey, sighting: DocumentSighting) -> DocumentKey:
    """A bare kind (《行动方案》 with nothing to resolve it) is its article's own."""
    if key.jurisdiction is None and key.core in _BARE_KINDS:
        return DocumentKey(None, key.core, key.period, sighting.article)
    return key


def _document_id(key: DocumentKey) -> str:
    return "D" + hashlib.sha1(key.text().encode("utf-8")).hexdigest()[:12]


def _within(adcode: str | None, jurisdiction: str) -> bool:
    """Is a region (adcode) the jurisdiction or inside it? No region is no objection."""
    return adcode is None or adcode == jurisdiction or gazetteer.is_ancestor(jurisdiction, adcode)


# (jurisdiction, core) -> the periods titles with them name; core -> the jurisdictions.
_PeriodsOf = dict[tuple[str | None, str], set[tuple[int, int]]]
_OwnersOf = dict[str, set[str]]


def _completed(
    key: DocumentKey, sighting: DocumentSighting, complete: _PeriodsOf, by_core: _OwnersOf
) -> tuple[DocumentKey, LinkRule | None]:
    """`key` with a missing period or jurisdiction filled where exactly one document fits."""
    rule: LinkRule | None = None
    if key.article is not None:
        return key, rule
    if key.jurisdiction is None:
        owners = by_core.get(key.core, set())
        if len(owners) == 1:
            (owner,) = owners
            if _within(sighting.region_adcode, owner):
                key = DocumentKey(owner, key.core, key.period)
                rule = "without-prefix"
    if key.period is None:
        periods = complete.get((key.jurisdiction, key.core), set())
        if len(periods) == 1:
            key = DocumentKey(key.jurisdiction, key.core, next(iter(periods)))
            rule = rule or "without-period"
    return key, rule


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent value that is not None; ties go to the longest, then the first in
    code-point order (deterministic whatever the input order)."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], -len(v), v))


def link_documents(
    sightings: Iterable[DocumentSighting],
) -> tuple[list[CorpusDocument], list[DocumentLink]]:
    """Group document mentions of many articles into documents: one `CorpusDocument` per
    document (sorted by id) and one `DocumentLink` per mention (in input order)."""
    listed = list(sightings)
    keys = [_scoped(document_key(s.alias_of or s.title), s) for s in listed]
    complete: _PeriodsOf = defaultdict(set)
    by_core: _OwnersOf = defaultdict(set)
    for key in keys:
        if key.period is not None:
            complete[(key.jurisdiction, key.core)].add(key.period)
        if key.jurisdiction is not None:
            by_core[key.core].add(key.jurisdiction)
    members: dict[DocumentKey, list[DocumentSighting]] = defaultdict(list)
    links: list[DocumentLink] = []
    for sighting, key in zip(listed, keys, strict=True):
        final, rule = _completed(key, sighting, complete, by_core)
        members[final].append(sighting)
        links.append(DocumentLink(
            article=sighting.article, seq=sighting.seq, idx=sighting.idx,
            document_id=_document_id(final),
            rule=rule or ("alias" if sighting.alias_of else "title"),
        ))
    documents = [_document(key, group) for key, group in members.items()]
    documents.sort(key=lambda d: d.document_id)
    return documents, links


def _document(key: DocumentKey, group: Sequence[DocumentSighting]) -> CorpusDocument:
    dates = sorted(s.date for s in group if s.date)
    jurisdiction = gazetteer.full_name(key.jurisdiction) if key.jurisdiction else None
    return CorpusDocument(
        document_id=_document_id(key),
        key=key.text(),
        title=_most_common(s.title for s in group if not s.alias_of)
        or _most_common(s.alias_of for s in group) or group[0].title,
        jurisdiction_name=jurisdiction,
        jurisdiction_adcode=key.jurisdiction,
        kind=_most_common(s.kind for s in group),
        issuer=_most_common(s.issuer for s in group),
        period_start=key.period[0] if key.period else None,
        period_end=key.period[1] if key.period else None,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        regions=";".join(sorted({s.region_name for s in group if s.region_name})),
        mention_count=len(group),
        entry_count=len({(s.article, s.seq) for s in group}),
        article_count=len({s.article for s in group}),
    )
