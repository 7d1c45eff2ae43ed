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

    code: str
    message: str


class Mention(BaseModel):
    """A span of the article text. `rule` names the pattern or decision that produced it."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    rule: str = ""


class DateMention(Mention):
    """A date or period as written, normalized.

    `value` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (by `precision`); for a range it is the start.
    `value_start`/`value_end` are the first and last day covered (`2022-2024年` ->
    2022-01-01 .. 2024-12-31), equal for a day. `reason` says why a value is null.
    """

    value: str | None = None
    precision: Precision | None = None
    value_start: str | None = None
    value_end: str | None = None
    role: DateRole = "other"
    reason: str | None = None


class PlaceMention(Mention):
    """A place: for a division, the full official path (`湖北省武汉市汉阳区`), code and level.

    Places that are not divisions (长三角) and names that cannot be decided (鼓楼区 with no
    context) carry a null `adcode` and a `reason`.
    """

    name: str | None = None
    adcode: str | None = None
    level: Level | None = None
    reason: str | None = None


class DocumentMention(Mention):
    """A title in 《》: `title` is the text inside the outermost brackets, as written."""

    title: str
    alias_of: str | None = None
    kind: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    issuer: str | None = None


class TargetMention(Mention):
    """A quantity: money, percentage, count or physical measure, value in base units."""

    value: JsonDecimal | None = None
    unit: str
    kind: TargetKind
    qualifier: Qualifier = "eq"
    year: int | None = None
    metric: str | None = None
    reason: str | None = None


class Region(BaseModel):
    """The primary jurisdiction of an entry, and the rule that chose it (for audit)."""

    model_config = ConfigDict(frozen=True)

    name: str
    adcode: str | None
    level: Level | None
    rule: str = ""


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
    start: int
    end: int
    headline_start: int
    headline_end: int
    body_start: int
    body_end: int
    # True when the item had no heading line and the headline is its first sentence.
    headline_is_sentence: bool = False


class Segmentation(BaseModel):
    """The structure of one article: title, attribution, entries, and what was dropped."""

    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    attribution: str | None = None
    entries: list[EntrySpan] = Field(default_factory=list)
    warnings: list[Notice] = Field(default_factory=list)


class Entry(BaseModel):
    seq: int
    no: int
    section: str | None = None
    headline: str
    body: str
    start: int
    end: int
    headline_start: int
    headline_end: int
    body_start: int
    body_end: int
    date: str | None = None
    warnings: list[Notice] = Field(default_factory=list)
    region: Region | None = None
    dates: list[DateMention] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)
    documents: list[DocumentMention] = Field(default_factory=list)
    targets: list[TargetMention] = Field(default_factory=list)


class Source(BaseModel):
    path: str
    sha256: str
    encoding: str
    title: str | None = None
    attribution: str | None = None


class Article(BaseModel):
    schema_version: str = SCHEMA_VERSION
    source: Source
    entries: list[Entry] = Field(default_factory=list)
    warnings: list[Notice] = Field(default_factory=list)
    # The decoded, width-normalized text every span points into.
    text: str = ""
