"""The corpus tables: documents and events across every article of a run, as flat rows.

A batch's workers each send back an article's `CorpusRecords` (its document mentions and its
entries with a day, their own or their article's, or a retrospective list's period (a year's
top news, `events._period_pairs`), ~0.5 KB each; ~1 KB for a summary item
that keeps the lead of its detail story, more for a bulletin's stories, `corpus.details`);
the parent spools them to disk (`CorpusSpool`), links them all at the end, reading the
entries back by day (`events.link_event_stream`: a window's features are held, not every
entry's), and writes the rows with the other tables. `export.flat_tables` links articles in
memory (`corpus_tables`), and both give the same rows. The document mentions are read back
whole.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import astuple, dataclass, fields, replace
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel

from extractor.corpus.details import detail_leads
from extractor.corpus.documents import DocumentSighting, link_documents
from extractor.corpus.events import (
    DAY_CHARS,
    OPENING_CHARS,
    EventItem,
    is_label,
    link_event_stream,
)
from extractor.models import CorpusDocument, CorpusEvent, DocumentLink, EventLink, EventMember
from extractor.resolve.dates import one_year_list

# Table name -> the model of its rows, in the order the tables are written.
CORPUS_TABLES: dict[str, type[BaseModel]] = {
    "corpus_documents": CorpusDocument,
    "document_links": DocumentLink,
    "corpus_events": CorpusEvent,
    "event_members": EventMember,
    "event_links": EventLink,
}
# Each table's primary key.
CORPUS_KEYS: dict[str, tuple[str, ...]] = {
    "corpus_documents": ("document_id",),
    "document_links": ("article", "seq", "idx"),
    "corpus_events": ("event_id",),
    "event_members": ("article", "seq", "story"),
    "event_links": ("article", "seq", "story", "linked_article", "linked_seq", "linked_story"),
}
# What of a body event matching reads: a bulletin's stories, else its opening (`_kept_body`).
_BULLETIN_CHARS: Final = 480
# The compared opening, and room for the sentence end that closes it.
_OPENING_CHARS: Final = OPENING_CHARS + 10
# How much of an article's head (before its first entry) says what it covers.
_HEAD_CHARS: Final = 500


@dataclass(frozen=True, slots=True)
class CorpusRecords:
    """One article's part of the corpus view."""

    documents: tuple[DocumentSighting, ...] = ()
    entries: tuple[EventItem, ...] = ()


def corpus_records(article: str, document: dict[str, Any]) -> CorpusRecords:
    """The corpus records of one article given as its JSON document (`model_dump(mode="json")`
    or `json.loads` of its `<stem>.json`); `article` is its key (the file stem)."""
    sightings: list[DocumentSighting] = []
    items: list[EventItem] = []
    issued = document["source"].get("date")
    details = detail_leads(document.get("text") or "", document["entries"])
    entries = document["entries"]
    head = (document.get("text") or "")[: entries[0].get("start", 0) if entries else 0]
    retrospective = _is_retrospective(
        issued, f"{document['source'].get('title') or ''}\n{head[:_HEAD_CHARS]}",
        [entry.get("date") for entry in entries])
    for entry in entries:
        region = entry.get("region") or {}
        name, adcode = region.get("name"), region.get("adcode")
        seq, date = entry["seq"], entry.get("date")
        # A daily brief dates few items itself: an item with no day of its own is reported
        # on its article's day, which the event window allows for. So is a bulletin
        # (国内联播快讯：(1)…(2)…): its date is one story's (将于9月8日举办), not the others'.
        own = date if _is_day(date) and not is_label(entry["headline"]) else None
        # A day after its article's is one announced (峰会将于9月4日举行): what the item
        # reports, the announcement, was made by the day the article came out.
        if own is not None and _is_day(issued) and own > issued:
            own = issued
        reported = own or (issued if _is_day(issued) else date if _is_day(date) else None)
        # A retrospective list's entry is not news of its page's day: it is dated by itself
        # alone, and meets other lists' entries by its period (`events._period_pairs`).
        period = ""
        if retrospective:
            period, reported = date or "", date if _is_day(date) else None
        for idx, mention in enumerate(entry["documents"], start=1):
            sightings.append(DocumentSighting(
                article=article, seq=seq, idx=idx, title=mention["title"],
                alias_of=mention.get("alias_of"), kind=mention.get("kind"),
                issuer=mention.get("issuer"), date=date, region_name=name,
                region_adcode=adcode,
            ))
        if reported is not None or period:
            # Only entries with a day or a list's period can be linked
            # (`extractor.corpus.events`): the others are not kept, so a batch holds nothing
            # for them.
            items.append(EventItem(article=article, seq=seq, headline=entry["headline"],
                                   body=_kept_body(entry), date=reported,
                                   region_name=name, region_adcode=adcode,
                                   series=document["source"].get("title") or "",
                                   detail=details.items.get(seq, ""),
                                   story_details=details.stories.get(seq, ()),
                                   period=period))
    return CorpusRecords(tuple(sightings), tuple(items))


def _kept_body(entry: dict[str, Any]) -> str:
    """What of a body event matching reads: a bulletin's stories (`events.is_label`), else
    the opening only, so that a batch holds ~0.5 KB per entry."""
    body: str = entry["body"]
    if is_label(entry["headline"]):
        return body[:_BULLETIN_CHARS]
    if body.startswith(entry["headline"]):
        return body[: len(entry["headline"]) + _OPENING_CHARS]
    return body[:_OPENING_CHARS]


def _is_day(date: str | None) -> bool:
    return date is not None and len(date) == DAY_CHARS


def _is_retrospective(issued: str | None, head: str, dates: list[str | None]) -> bool:
    """Is the article a retrospective list (a year's top news, a chronicle) rather than a
    digest of its day's news? So where its title or head says it covers one year
    (2008年国内十大新闻, `one_year_list`), or where it is dated to a year or a month only
    while its entries are dated. A daily brief's dated entries are its day's news,
    statistics of a past month included; one with no date at all is no list for that."""
    if not any(dates):
        return False
    return one_year_list(head) is not None or (issued is not None and not _is_day(issued))


def corpus_tables(records: Iterable[CorpusRecords]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every corpus table (`CORPUS_TABLES`), linked over all `records` (held in
    memory; a batch spools them instead, `CorpusSpool`)."""
    sightings: list[DocumentSighting] = []
    items: list[EventItem] = []
    for record in records:
        sightings.extend(record.documents)
        items.extend(record.entries)
    items.sort(key=lambda item: item.date or "")
    return _linked(sightings, lambda: items)


def _linked(sightings: list[DocumentSighting], read_items: Callable[[], Iterable[EventItem]]
            ) -> dict[str, list[dict[str, Any]]]:
    """The corpus tables of these document mentions and the entries `read_items` gives (the
    same each time, in order of day: `events.link_event_stream`)."""
    documents, document_links = link_documents(sightings)
    # An entry's documents as the corpus linked them (an abbreviation, a title without its
    # period: one id), for the event rule `document`; a programme or a book (《新闻联播》,
    # no kind) is no document.
    kinds = {d.document_id: d.kind for d in documents}
    named: dict[tuple[str, int], list[str]] = {}
    for link in document_links:
        if kinds[link.document_id]:
            named.setdefault((link.article, link.seq), []).append(link.document_id)

    def read() -> Iterator[EventItem]:
        for item in read_items():
            ids = named.get((item.article, item.seq))
            yield replace(item, documents=tuple(ids)) if ids else item

    events, members, event_links = link_event_stream(read)
    tables: dict[str, list[BaseModel]] = {
        "corpus_documents": list(documents), "document_links": list(document_links),
        "corpus_events": list(events), "event_members": list(members),
        "event_links": list(event_links),
    }
    return {name: [row.model_dump(mode="json") for row in rows] for name, rows in tables.items()}


class CorpusSpool:
    """A batch's corpus records in a SQLite file as they arrive, so that the parent holds
    nothing per entry until the end, and the entries are read back in order of day (SQLite
    sorts on disk) for the linking (`events.link_event_stream`). The document mentions are
    read back whole: `documents.link_documents` groups them all at once."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path)
        self._db.executescript(
            "pragma journal_mode = off; pragma synchronous = off;"
            "create table sighting (row text not null);"
            "create table item (day text not null, row text not null);"
        )

    def add(self, records: CorpusRecords) -> None:
        self._db.executemany("insert into sighting (row) values (?)",
                             ((_encoded(sighting),) for sighting in records.documents))
        self._db.executemany("insert into item (day, row) values (?, ?)",
                             ((item.date or "", _encoded(item)) for item in records.entries))

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """The rows of every corpus table, linked over every record added."""
        sightings = [DocumentSighting(*json.loads(row))
                     for (row,) in self._db.execute("select row from sighting order by rowid")]

        def read_items() -> Iterator[EventItem]:
            for (row,) in self._db.execute("select row from item order by day, rowid"):
                values = dict(zip(_ITEM_FIELDS, json.loads(row), strict=True))
                values["documents"] = tuple(values["documents"])  # JSON gives a list
                yield EventItem(**values)

        return _linked(sightings, read_items)

    def close(self) -> None:
        self._db.close()


_ITEM_FIELDS: Final = tuple(field.name for field in fields(EventItem))


def _encoded(record: DocumentSighting | EventItem) -> str:
    return json.dumps(astuple(record), ensure_ascii=False)
