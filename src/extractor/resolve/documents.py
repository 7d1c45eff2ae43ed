"""Documents in context: abbreviations that refer back to a full title, and issuers."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from itertools import pairwise

from extractor.models import DocumentMention

# "(以下简称《意见》)" right after a full title declares an abbreviation for it.
_DECLARED_ALIAS = re.compile(r"^\s*[(（]?\s*(?:以下简称|以下称|下称|简称)\s*[:：]?\s*$")
_DECLARATION_WINDOW = 12

# What may stand between an issuer and the title it issues: "近日公布了", "正式发布", "印发".
_VERBS = ("发布", "印发", "出台", "公布", "制定", "下发", "推出", "颁布", "发出", "公开", "发文")
_ISSUING_VERB = re.compile(
    r"(?:近日|日前|近期|正式|联合|先后|再次|已|于)*"
    r"(?:" + "|".join(_VERBS) + r")(?:了)?\s*$"
)
# An issuer ends in an organisation word or a division suffix: the longest such prefix of
# the clause is the issuer ("昆明市人民政府网" -> "昆明市人民政府").
_ISSUER = re.compile(
    r"^.*(?:人民政府|政府|委员会|办公室|办公厅|领导小组|管委会|总局|交易所|银行|研究院|"
    r"协会|联合会|中心|局|部|厅|委|署|院|省|市|区|县)"
)
_CLAUSE_BREAK = re.compile(r"[。；;，,：:！？!?\n\r》]")
_LEADING_DATE = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日")
_ISSUER_LOOKBACK = 40
_MAX_ALIAS_SHARE = 0.85


def _is_subsequence(short: str, long: str) -> bool:
    """True when the characters of `short` appear in `long` in order.

    >>> _is_subsequence("创新基地申报指南", "国家技术标准创新基地申报指南(2023-2025年)")
    True
    >>> _is_subsequence("意见", "行动计划")
    False
    """
    position = 0
    for char in short:
        position = long.find(char, position) + 1
        if position == 0:
            return False
    return True


def declared_aliases(text: str, documents: Sequence[DocumentMention]) -> dict[str, str]:
    """Abbreviations declared with 以下简称《X》 right after a full title: {X: full title}."""
    aliases: dict[str, str] = {}
    for previous, current in pairwise(documents):
        between = text[previous.end:current.start]
        if len(between) <= _DECLARATION_WINDOW and _DECLARED_ALIAS.match(between):
            aliases.setdefault(current.title, previous.title)
    return aliases


class _FullTitles:
    """The full titles an abbreviation may refer to, looked up without comparing every pair
    of titles of an entry (a 2 MB entry citing the same titles thousands of times made that
    quadratic): which titles an abbreviation fits is worked out once per distinct title and
    kind, and the nearest place of each is found by bisection."""

    def __init__(self, candidates: Sequence[DocumentMention]) -> None:
        self._places: dict[str, list[DocumentMention]] = {}
        for other in candidates:
            self._places.setdefault(other.title, []).append(other)
        for places in self._places.values():
            places.sort(key=lambda m: m.start)
        self._starts = {title: [m.start for m in places] for title, places in self._places.items()}
        self._fits: dict[tuple[str, str | None], list[str]] = {}

    def implied(self, mention: DocumentMention) -> str | None:
        """A shorter title whose words all occur, in order, in a longer title of the same
        kind refers to it: 《行动计划》 -> 《昆明市...三年行动计划(2022-2024年)》. The nearest
        such title before the abbreviation wins; else the nearest after it."""
        best: tuple[tuple[int, int], str] | None = None
        for title in self._fitting(mention):
            key = self._nearest(title, mention)
            if best is None or key < best[0]:
                best = (key, title)
        return best[1] if best is not None else None

    def _fitting(self, mention: DocumentMention) -> list[str]:
        known = self._fits.get((mention.title, mention.kind))
        if known is not None:
            return known
        fitting = []
        for title, places in self._places.items():
            kind = places[0].kind
            if title == mention.title or len(mention.title) > _MAX_ALIAS_SHARE * len(title):
                continue
            same_kind = mention.kind is not None and kind is not None and (
                kind.endswith(mention.kind) or mention.kind.endswith(kind)
            )
            if same_kind and _is_subsequence(mention.title, title):
                fitting.append(title)
        self._fits[(mention.title, mention.kind)] = fitting
        return fitting

    def _nearest(self, title: str, mention: DocumentMention) -> tuple[int, int]:
        """(0, distance) for the nearest place of `title` ending before the mention, else
        (1, distance) for the nearest place not before it."""
        places, starts = self._places[title], self._starts[title]
        index = bisect.bisect_right(starts, mention.start)
        for other in reversed(places[max(0, index - 2):index]):
            if other.end <= mention.start:
                return (0, mention.start - other.start)
        return min((1, abs(mention.start - other.start)) for other in places[max(0, index - 2):
                                                                           index + 1])


def find_issuer(text: str, document: DocumentMention) -> str | None:
    """The organisation named right before a title with an issuing verb between them.

    >>> doc = DocumentMention(text="《规划》", start=14, end=18, title="规划")
    >>> find_issuer("2023年1月3日,昆明市人民政府网近日公布了《规划》", doc.model_copy(
    ...     update={"start": 23, "end": 27}))
    '昆明市人民政府'
    """
    window_start = max(0, document.start - _ISSUER_LOOKBACK)
    before = text[window_start:document.start]
    clause = _CLAUSE_BREAK.split(before)[-1]  # after the last break
    # The clause must end in an issuing verb (then 了 and blanks): checked with `endswith`
    # first, as `_ISSUING_VERB` has no fixed first character and is tried at every position.
    ending = clause.rstrip()
    if not ending.endswith(_VERBS) and not (ending.endswith("了")
                                            and ending[:-1].endswith(_VERBS)):
        return None
    verb = _ISSUING_VERB.search(clause)
    if verb is None:
        return None
    name = _LEADING_DATE.sub("", clause[:verb.start()].strip()).strip()
    match = _ISSUER.match(name)
    return match.group() if match else None


def link_documents(
    text: str,
    documents: Sequence[DocumentMention],
    known_aliases: Mapping[str, str] | None = None,
    article_titles: Sequence[DocumentMention] = (),
) -> list[DocumentMention]:
    """Fill `alias_of` for abbreviations and `issuer` for full titles within one entry.

    `known_aliases` are abbreviations declared in earlier entries of the article: a letter
    declares 《方案》 in its first item and cites it again in its third. `article_titles` are
    the full titles in the article's title and intro: a 政策解读 page titled
    《湖北省…三年行动方案(2024—2026年)》政策解读 cites 《行动方案》 in every section.
    """
    if not documents:
        return []
    declared = {**(known_aliases or {}), **declared_aliases(text, documents)}
    full_titles = _FullTitles([*article_titles, *documents])
    linked: list[DocumentMention] = []
    # Mentions are frozen: a new one is built only where a field changes (most titles have
    # no issuer and stay as they are), and with the constructor, several times cheaper
    # than `model_copy`.
    for mention in documents:
        alias_of = declared.get(mention.title) or full_titles.implied(mention)
        if alias_of is not None:
            linked.append(_evolve(mention, alias_of=alias_of, rule="alias"))
        else:
            issuer = find_issuer(text, mention)
            linked.append(mention if issuer == mention.issuer else _evolve(mention,
                                                                          issuer=issuer))
    return linked


def _evolve(mention: DocumentMention, **changes: str | None) -> DocumentMention:
    """`mention` with `changes` (string fields): what `model_copy(update=...)` gave."""
    return DocumentMention(**{**mention.__dict__, **changes})
