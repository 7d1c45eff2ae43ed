"""Every result type of the pipeline, in one place.

Mentions share one base (`text`, `start`, `end`, half-open, into the article text) and are
frozen: `article_text[start:end] == text` always holds. Enumerations are `Literal`s so that the
JSON Schema and the flat tables list their allowed values.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

SCHEMA_VERSION = "1"

Level = Literal["country", "province", "city", "district"]
Precision = Literal["day", "month", "year"]
# own: the entry's own event/publication date; period: a plan or validity period;
# deadline: a date something is to be reached by (到2025年); statistics: a reporting period
# (1-7月份, 前三季度); other: background dates.
DateRole = Literal["own", "period", "deadline", "statistics", "other"]
TargetKind = Literal["money", "percent", "count", "measure"]
Qualifier = Literal["eq", "gt", "gte", "lt", "lte", "approx"]


def _decimal_to_number(value: Decimal | None) -> int | float | None:
    """Pydantic writes Decimal as a JSON string by default; the contract wants a number.

    >>> _decimal_to_number(Decimal("1800000000000"))
    1800000000000
    >>> _decimal_to_number(Decimal("0.5"))
    0.5
    """
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


JsonDecimal = Annotated[
    Decimal, PlainSerializer(_decimal_to_number, return_type=int | float, when_used="json")
]


class Notice(BaseModel):
    """A warning attached to an article or an entry: something doubtful, never silent."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(description="Machine-readable warning code, e.g. `date_conflict`.")
    message: str = Field(description="Human-readable explanation of the warning.")


class Mention(BaseModel):
    """A span of the article text. `rule` names the pattern or decision that produced it."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="The mention exactly as written: `article_text[start:end]`.")
    start: int = Field(
        ge=0, description="Start offset (0-based, in characters) into the article text."
    )
    end: int = Field(
        ge=0, description="End offset (exclusive) into the article text: the span is half-open."
    )
    rule: str = Field(
        default="", description="Name of the pattern or decision that produced the mention."
    )


class DateMention(Mention):
    """A date or period as written, normalized.

    `value` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (by `precision`); for a range it is the start.
    `value_start`/`value_end` are the first and last day covered (`2022-2024年` ->
    2022-01-01 .. 2024-12-31), equal for a day. `reason` says why a value is null.
    """

    value: str | None = Field(
        default=None,
        description="Normalized date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` by `precision`; for a "
        "range, its start. Null when the text does not determine it (see `reason`).",
    )
    precision: Precision | None = Field(
        default=None, description="Precision of `value`: `day`, `month` or `year`."
    )
    value_start: str | None = Field(
        default=None, description="First day covered, `YYYY-MM-DD` (`2022-2024年` -> 2022-01-01)."
    )
    value_end: str | None = Field(
        default=None, description="Last day covered, `YYYY-MM-DD` (`2022-2024年` -> 2024-12-31)."
    )
    role: DateRole = Field(
        default="other",
        description="What the date is to the entry: `own` (its event or publication date), "
        "`period` (plan or validity period), `deadline` (到2025年), `statistics` (reporting "
        "period such as 1-7月份) or `other` (background).",
    )
    reason: str | None = Field(default=None, description="Why `value` is null, if it is.")


class PlaceMention(Mention):
    """A place: for a division, the full official path (`湖北省武汉市汉阳区`), code and level.

    Places that are not divisions (长三角) and names that cannot be decided (鼓楼区 with no
    context) carry a null `adcode` and a `reason`.
    """

    name: str | None = Field(
        default=None,
        description="Full official administrative path, province first (`湖北省武汉市汉阳区`); "
        "the name as written for a place that is not a division.",
    )
    adcode: str | None = Field(
        default=None,
        description="6-digit national division code, as text (leading zeros kept); null for a "
        "place that is not a division, cannot be decided, or has no national code (the cities "
        "of Taiwan, the districts of Hong Kong and Macau).",
    )
    level: Level | None = Field(
        default=None,
        description="Division level: `country`, `province`, `city` or `district` (county level).",
    )
    reason: str | None = Field(
        default=None,
        description="Why `adcode` is null (not a division, ambiguous name, no national code).",
    )


class DocumentMention(Mention):
    """A title in 《》: `title` is the text inside the outermost brackets, as written."""

    title: str = Field(description="The text inside the outermost 《》, exactly as written.")
    alias_of: str | None = Field(
        default=None,
        description="For an abbreviation that refers back (《行动计划》), the full title it "
        "stands for; null for a full title.",
    )
    kind: str | None = Field(
        default=None, description="Document type taken from the end of the title (`行动计划`)."
    )
    period_start: int | None = Field(
        default=None, description="First year of a period named in the title (`2022-2024年`)."
    )
    period_end: int | None = Field(
        default=None, description="Last year of a period named in the title."
    )
    issuer: str | None = Field(
        default=None, description="The body that issued the document, when the text says so."
    )


class TargetMention(Mention):
    """A quantity: money, percentage, count or physical measure, value in base units."""

    value: JsonDecimal | None = Field(
        default=None,
        description="The number in base units, 万/亿/万亿 applied (1.8万亿元 -> "
        "1800000000000, 4成 -> 40); a JSON number. Null when it cannot be read (see `reason`).",
    )
    unit: str = Field(
        description="Currency (`元`, `美元`...), `%` or `百分点`, the measure word (`家`, `个`) "
        "or the physical unit (`公里`, `千瓦`)."
    )
    kind: TargetKind = Field(
        description="`money`, `percent`, `count` or `measure` (physical quantity)."
    )
    qualifier: Qualifier = Field(
        default="eq",
        description="Comparison written with the number: `eq` (plain, 达), `gt` (超过, 多, 余), "
        "`gte` (以上, 不少于), `lt` (不到, 低于), `lte` (不超过, 以内), `approx` (约, 近, 左右). "
        "A range gives two targets, `gte` and `lte`.",
    )
    year: int | None = Field(
        default=None, description="The year the target is to be reached by (到2025年 -> 2025)."
    )
    metric: str | None = Field(
        default=None, description="What is counted or measured, when the text names it."
    )
    reason: str | None = Field(default=None, description="Why `value` is null, if it is.")


class Region(BaseModel):
    """The primary jurisdiction of an entry, and the rule that chose it (for audit)."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(
        description="Full official path of the primary jurisdiction (`云南省昆明市`), or `全国`."
    )
    adcode: str | None = Field(
        description="6-digit division code as text (`530100`; `100000` for 全国)."
    )
    level: Level | None = Field(
        description="`country`, `province`, `city` or `district` (county level)."
    )
    rule: str = Field(default="", description="The rule that chose the region (for audit).")


NATIONAL_REGION = Region(name="全国", adcode="100000", level="country", rule="national")


class DateAnchor(BaseModel):
    """What a year-less or day-only date is completed from: the nearest known date before it
    (the article title's year, the previous full date). Passed in explicitly, never `now()`."""

    model_config = ConfigDict(frozen=True)

    year: int | None = None
    month: int | None = None
    day: int | None = None


class EntrySpan(BaseModel):
    """What segmentation finds for one numbered item, before extraction."""

    model_config = ConfigDict(frozen=True)

    seq: int
    no: int
    section: str | None = None
    # The section heading's span (its name without decorations such as 【】).
    section_start: int | None = None
    section_end: int | None = None
    start: int
    end: int
    headline_start: int
    headline_end: int
    body_start: int
    body_end: int
    # True when the item had no heading line and the headline is its first sentence.
    headline_is_sentence: bool = False


BlockKind = Literal["head", "noted", "tail"]


class TextBlock(BaseModel):
    """Article text outside the title and the entries, so that every character is accounted
    for: the head before the first entry (intro, dateline, attribution), blocks noted between
    entries (a section heading, related links, a caption) and the tail after the last one."""

    model_config = ConfigDict(frozen=True)

    kind: BlockKind = Field(description="`head`, `noted` (between entries) or `tail`.")
    label: str | None = Field(
        default=None,
        description="What a noted block or tail is, where a rule knows: `section`, `related` "
        "(related links, 相关报道), `footer`, `boilerplate`, `details` (the entries told "
        "again, under headings that repeat their headlines: a 《新闻联播》 page's 详细新闻); "
        "null when no rule says.",
    )
    start: int = Field(description="Start offset of the block in the article text.")
    end: int = Field(description="End offset (exclusive) of the block.")


class Segmentation(BaseModel):
    """The structure of one article: title, attribution, entries, and what was dropped."""

    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    attribution: str | None = None
    attribution_start: int | None = None
    attribution_end: int | None = None
    entries: list[EntrySpan] = Field(default_factory=list)
    blocks: list[TextBlock] = Field(default_factory=list)
    warnings: list[Notice] = Field(default_factory=list)


class Entry(BaseModel):
    """One top-level numbered item of a digest, with its resolved facts and mentions."""

    seq: int = Field(description="1-based position of the entry in the article (the key).")
    no: int = Field(
        description="The item's own number as written (`01` -> 1, `一、` -> 1); may repeat "
        "across sections."
    )
    section: str | None = Field(
        default=None, description="Heading of the section holding the entry, if any."
    )
    headline: str = Field(
        description="The entry's heading line as written (or its first sentence when it has "
        "no heading line)."
    )
    body: str = Field(description="The entry's text after the headline, as written.")
    start: int = Field(description="Start offset of the whole entry in the article text.")
    end: int = Field(description="End offset (exclusive) of the whole entry.")
    headline_start: int = Field(description="Start offset of the headline.")
    headline_end: int = Field(description="End offset (exclusive) of the headline.")
    body_start: int = Field(description="Start offset of the body.")
    body_end: int = Field(description="End offset (exclusive) of the body.")
    date: str | None = Field(
        default=None,
        description="The entry's own event or publication date: `YYYY-MM-DD`, `YYYY-MM` or "
        "`YYYY`; null when the text does not determine it.",
    )
    warnings: list[Notice] = Field(
        default_factory=list, description="Anything doubtful about the entry."
    )
    region: Region | None = Field(
        default=None,
        description="The primary jurisdiction: where the policy applies or the event takes "
        "place; null for an item with no Chinese jurisdiction.",
    )
    dates: list[DateMention] = Field(default_factory=list, description="Dates in the entry.")
    places: list[PlaceMention] = Field(
        default_factory=list, description="Places (divisions and others) in the entry."
    )
    documents: list[DocumentMention] = Field(
        default_factory=list, description="Titles in 《》 in the entry."
    )
    targets: list[TargetMention] = Field(
        default_factory=list, description="Quantities (money, percent, count, measure)."
    )


class Source(BaseModel):
    """Where an article came from and what the segmentation found at its top."""

    path: str = Field(description="Path of the input file as given to the extractor.")
    sha256: str = Field(description="SHA-256 of the input file's bytes (hex).")
    encoding: str = Field(description="Detected encoding of the input (`utf-8`, `gb18030`...).")
    title: str | None = Field(default=None, description="The article title, if found.")
    attribution: str | None = Field(
        default=None, description="Source / attribution line (文章来源, 来源, 转载自)."
    )
    date: str | None = Field(
        default=None,
        description="The article's own date, as its title, a dated line under it or a brief's "
        "`今天是…` states it: `YYYY-MM-DD`, or `YYYY` when no day is stated; null when no "
        "year is.",
    )
    format: Literal["text", "html"] = Field(
        default="text",
        description="`html` for an HTML page, read as the text a reader sees (blocks on lines "
        "of their own, scripts and navigation dropped); `text` spans then point into that text.",
    )
    script: Literal["simplified", "traditional"] = Field(
        default="simplified",
        description="The script the article is written in; a Traditional article is matched on "
        "a Simplified copy, one character for one, and output as written.",
    )


class Article(BaseModel):
    """One extracted article: the per-article JSON document of SPEC.md."""

    schema_version: str = Field(
        default=SCHEMA_VERSION, description="Version of this data contract."
    )
    source: Source = Field(description="The input file and article metadata.")
    entries: list[Entry] = Field(default_factory=list, description="Entries in document order.")
    warnings: list[Notice] = Field(
        default_factory=list, description="Anything doubtful about the article as a whole."
    )
    blocks: list[TextBlock] = Field(
        default_factory=list,
        description="The text outside the title and the entries (head, noted blocks between "
        "entries, tail), with spans: with them every non-blank character is accounted for.",
    )
    # The decoded text as written (full-width forms and any HTML kept) every span points
    # into; rules matched on a folded copy of the same length.
    text: str = Field(
        default="",
        description="The decoded article text as written (full-width punctuation, digits and "
        "any HTML kept) that every span points into: every headline, body and mention text "
        "is a slice of it.",
    )


# ---------------------------------------------------------------------------------------------
# The corpus view: documents and events across articles (`extractor.corpus`).

DocumentLinkRule = Literal["title", "alias", "without-period", "without-prefix"]
EventLinkRule = Literal[
    "document", "headline", "opening", "sentence", "statement", "follow-up", "words", "period",
    "period-words",
]


class CorpusDocument(BaseModel):
    """One document as the whole corpus reports it: every 《》 mention of it, in any article."""

    document_id: str = Field(
        description="Stable id: `D` and 12 hex digits of the SHA-1 of `key`."
    )
    key: str = Field(
        description="What mentions are matched on: the jurisdiction's adcode, the folded title "
        "without its period (a notice issuing a plan, 关于印发《X》的通知, keyed as X), and the "
        "period (`310000|促进元宇宙产业发展行动方案|2022-2025`)."
    )
    title: str = Field(description="The title most mentions write (an abbreviation's full title).")
    jurisdiction_name: str | None = Field(
        description="The division whose official name (or a province's or city's short name, "
        "as a word of its own) opens the title, if one does."
    )
    jurisdiction_adcode: str | None = Field(description="That division's 6-digit code.")
    kind: str | None = Field(description="The kind of document most mentions name (`行动方案`).")
    issuer: str | None = Field(description="The issuer most mentions name, where one is named.")
    period_start: int | None = Field(description="First year of the plan period the title names.")
    period_end: int | None = Field(description="Last year of the plan period.")
    first_date: str | None = Field(description="The earliest date of an entry mentioning it.")
    last_date: str | None = Field(description="The latest date of an entry mentioning it.")
    regions: str = Field(description="The regions of the entries mentioning it, `;`-separated.")
    mention_count: int = Field(description="How many 《》 mentions refer to it.")
    entry_count: int = Field(description="How many entries mention it.")
    article_count: int = Field(description="How many articles mention it.")


class DocumentLink(BaseModel):
    """Which corpus document one 《》 mention refers to, and the rule that said so."""

    article: str = Field(description="The mention's article (file stem).")
    seq: int = Field(description="The mention's entry.")
    idx: int = Field(description="The mention's position in its entry's `documents`.")
    document_id: str = Field(description="The document it refers to (`corpus_documents`).")
    rule: DocumentLinkRule = Field(
        description="Why: `title` (same key), `alias` (an abbreviation's `alias_of`), "
        "`without-period` or `without-prefix` (the one document the shorter title can mean)."
    )


class CorpusEvent(BaseModel):
    """One event reported by entries of two or more articles."""

    event_id: str = Field(
        description="Stable id: `E` and 12 hex digits of the SHA-1 of its members' keys."
    )
    headline: str = Field(description="The headline of its earliest member (then first by "
                                      "key), without a Markdown page's bold (`**`) or pinyin "
                                      "glosses, on one line.")
    first_date: str = Field(
        description="The earliest date of its members (an entry's own, else, or where it is "
        "after its article's day, its article's; a retrospective list's entry's own as "
        "precise as written, `2008`, unless it holds another member's, 2008-03-14)."
    )
    last_date: str = Field(description="The latest date of its members (as `first_date`).")
    region_name: str | None = Field(
        description="The most specific region inside every member's (全国 holds all), or null "
        "when no member names one or their regions do not nest."
    )
    region_adcode: str | None = Field(description="That region's 6-digit code.")
    entry_count: int = Field(description="How many entries report it.")
    article_count: int = Field(description="How many articles report it.")
    min_score: float = Field(description="The lowest score of its links (0-100; for a "
                             "`words` or `period-words` link, the cosine times 100; "
                             "`document`, `statement` and "
                             "`follow-up` links score 100 whatever their strength: read "
                             "`event_links.rule` too).")


class EventMember(BaseModel):
    """An entry that reports a corpus event."""

    article: str = Field(description="The entry's article (file stem).")
    seq: int = Field(description="The entry.")
    story: int = Field(
        default=0, description="The story of a bulletin entry (国内联播快讯：(1)…(2)…) that "
        "reports the event, by its number; 0 when the whole entry does."
    )
    event_id: str = Field(description="Its event (`corpus_events`).")


class EventLink(BaseModel):
    """Why two entries are one event: one link of the event, with its rule and score. An
    event of n entries has n - 1 links, made best score first."""

    event_id: str = Field(description="The event the link is part of (`corpus_events`).")
    article: str = Field(description="One entry's article (file stem).")
    seq: int = Field(description="That entry.")
    story: int = Field(default=0, description="Its bulletin story's number, or 0 (as in "
                       "`event_members`).")
    linked_article: str = Field(description="The other entry's article.")
    linked_seq: int = Field(description="The other entry.")
    linked_story: int = Field(default=0, description="The other entry's story, or 0.")
    rule: EventLinkRule = Field(
        description="Why: `document` (both name one document), `headline` (similar "
        "headlines), `opening` (similar headline and first sentence), `sentence` (one's "
        "headline retold in a sentence of the other's story: a bulletin's, or the detail "
        "story a summary item is told in), `statement` (a national body's statement, "
        "某部表示…, and a report of a press conference naming that body, a day apart at "
        "most; a digest that reports the statements one by one has each in the event), "
        "`follow-up` (one series' entries one or two days apart sharing four words no other "
        "entry writes within three days of them), `words` (two series' entries a day apart at "
        "most, each the other's closest in its article by words weighted by rarity, which no "
        "other rule links), `period` (two retrospective lists' entries, a year's top news "
        "or a chronicle's, whose dates hold one another, 2008 and 2008-03-14, and whose "
        "headlines share a name of six characters no other entry of the year writes and half "
        "the words of one) or `period-words` (two such entries of lists of 50 entries of the "
        "year at most, which no other rule links, whose headlines share a pair of characters, "
        "each the other's closest in its list by pairs of characters weighted by rarity among "
        "those lists' entries of the year: 冰雪灾害 / 南方雪灾; it adds an entry to an event, "
        "never merges two)."
    )
    score: float = Field(description="The similarity that made the link, 0-100: rapidfuzz's, "
                         "for `words` and `period-words` the cosine of the TF-IDF vectors "
                         "times 100, for "
                         "`document`, `statement` and `follow-up` 100.")
