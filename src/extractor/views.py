"""Short human-readable strings for mentions, shared by `extractor show` and `extractor report`.

Plain functions of the models: no rich, no HTML. The tooltips of the review page and the
columns of the terminal table say the same thing in the same words.
"""

from __future__ import annotations

from decimal import Decimal

from extractor.models import (
    DateMention,
    DocumentMention,
    Entry,
    Mention,
    PlaceMention,
    Region,
    TargetMention,
)

# Qualifier -> the sign written before the value (`eq` has none): 超过5000亿元 -> "> 5000亿".
QUALIFIER_SIGNS: dict[str, str] = {
    "eq": "", "gt": ">", "gte": "≥", "lt": "<", "lte": "≤", "approx": "≈",
}
MENTION_TYPES: tuple[str, ...] = ("date", "place", "document", "target")


def mention_type(mention: Mention) -> str:
    """`date`, `place`, `document` or `target`."""
    if isinstance(mention, DateMention):
        return "date"
    if isinstance(mention, PlaceMention):
        return "place"
    if isinstance(mention, DocumentMention):
        return "document"
    if isinstance(mention, TargetMention):
        return "target"
    raise TypeError(f"not a mention type: {type(mention).__name__}")


def entry_mentions(entry: Entry) -> list[Mention]:
    """All mentions of an entry: dates, places, documents, targets (each list in order)."""
    return [*entry.dates, *entry.places, *entry.documents, *entry.targets]


def format_number(value: Decimal | None) -> str:
    """A value with thousands separators, integral values without a fraction.

    >>> format_number(Decimal("500000000000")), format_number(Decimal("7.80")), format_number(None)
    ('500,000,000,000', '7.8', '?')
    >>> format_number(Decimal("1E+3"))
    '1,000'
    """
    if value is None:
        return "?"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def format_target(target: TargetMention) -> str:
    """Value, unit and qualifier sign: 超过5000亿元 -> `> 500,000,000,000 元`.

    >>> t = TargetMention(text="25%以上", start=0, end=5, value=Decimal(25), unit="%",
    ...                   kind="percent", qualifier="gte")
    >>> format_target(t)
    '≥ 25 %'
    """
    sign = QUALIFIER_SIGNS[target.qualifier]
    return f"{sign} {format_number(target.value)} {target.unit}".strip()


def format_region(region: Region | None) -> str:
    """`云南省昆明市 (530100)`, or `-` when there is no region."""
    if region is None:
        return "-"
    return region.name + (f" ({region.adcode})" if region.adcode else "")


def format_document(document: DocumentMention) -> str:
    """`《title》`, with `= 《full title》` for an abbreviation."""
    text = f"《{document.title}》"
    return text + (f" = 《{document.alias_of}》" if document.alias_of else "")


def describe_mention(mention: Mention) -> str:
    """One line: the normalized value and the rule, e.g. `place 昆明 -> 云南省昆明市 530100 city
    (rule short)`. A null value is shown with its reason."""
    kind = mention_type(mention)
    parts: list[str] = []
    if isinstance(mention, DateMention):
        if mention.value is None:
            parts.append(f"null: {mention.reason or 'no value'}")
        else:
            parts.append(f"{mention.value} ({mention.precision}, {mention.role})")
            if mention.value_start and mention.value_end != mention.value_start:
                parts.append(f"covers {mention.value_start}..{mention.value_end}")
    elif isinstance(mention, PlaceMention):
        parts.append(" ".join(p for p in (mention.name, mention.adcode, mention.level) if p))
        if mention.reason:
            parts.append(mention.reason)
    elif isinstance(mention, DocumentMention):
        parts.append(format_document(mention))
        parts.extend(f"{label} {value}" for label, value in (
            ("kind", mention.kind), ("issuer", mention.issuer),
            ("period", mention.period_start and f"{mention.period_start}-{mention.period_end}"),
        ) if value)
    elif isinstance(mention, TargetMention):
        parts.append(f"{format_target(mention)} ({mention.kind}, {mention.qualifier})")
        if mention.year is not None:
            parts.append(f"year {mention.year}")
        if mention.metric:
            parts.append(f"metric {mention.metric}")
        if mention.reason:
            parts.append(mention.reason)
    details = "; ".join(p for p in parts if p)
    return f"{kind} {mention.text} -> {details} (rule {mention.rule or '-'})"


# Plurals of the words the summaries count; any other word takes an s.
_PLURALS = {"entry": "entries"}


def counted(number: int, word: str) -> str:
    """`number` and `word`, plural where it is not 1.

    >>> counted(1, "file"), counted(3, "file"), counted(1, "entry"), counted(0, "entry")
    ('1 file', '3 files', '1 entry', '0 entries')
    """
    return f"{number} {word if number == 1 else _PLURALS.get(word, word + 's')}"
