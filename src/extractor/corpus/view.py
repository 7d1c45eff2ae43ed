"""The corpus tables: documents and events across every article of a run, as flat rows.

A batch's workers each send back an article's `CorpusRecords` (its document mentions and its
entries with a day, their own or their article's, a few hundred bytes each); the parent
links them all at the end (`corpus_tables`) and writes the rows with the other tables.
`export.flat_tables` does the same for articles in memory, so both give the same rows.
These records are the one part of a batch that the parent holds in memory until the end:
it grows with the number of dated entries and document mentions (~0.5 KB each; ~1 KB for a
summary item that keeps the lead of its detail story, `corpus.details`), not with the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Final

from pydantic import BaseModel

from extractor.corpus.details import detail_stories
from extractor.corpus.documents import DocumentSighting, link_documents
from extractor.corpus.events import OPENING_CHARS, EventItem, is_label, link_events
from extractor.models import CorpusDocument, CorpusEvent, DocumentLink, EventLink, EventMember

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
_DAY_CHARS = len("2024-01-01")


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
    details = detail_stories(document.get("text") or "", document["entries"])
    for entry in document["entries"]:
        region = entry.get("region") or {}
        name, adcode = region.get("name"), region.get("adcode")
        seq, date = entry["seq"], entry.get("date")
        # A daily brief dates few items itself: an item with no day of its own is reported
        # on its article's day, which the event window allows for.
        reported = date if _is_day(date) else issued if _is_day(issued) else None
        for idx, mention in enumerate(entry["documents"], start=1):
            sightings.append(DocumentSighting(
                article=article, seq=seq, idx=idx, title=mention["title"],
                alias_of=mention.get("alias_of"), kind=mention.get("kind"),
                issuer=mention.get("issuer"), date=date, region_name=name,
                region_adcode=adcode,
            ))
        if reported is not None:
            # Only entries with a day can be linked (`extractor.corpus.events`): the others
            # are not kept, so a batch holds nothing for them.
            items.append(EventItem(article=article, seq=seq, headline=entry["headline"],
                                   body=_kept_body(entry), date=reported,
                                   region_name=name, region_adcode=adcode,
                                   series=document["source"].get("title") or "",
                                   detail=details.get(seq, "")))
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
    return date is not None and len(date) == _DAY_CHARS


def corpus_tables(records: Iterable[CorpusRecords]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every corpus table (`CORPUS_TABLES`), linked over all `records`."""
    sightings: list[DocumentSighting] = []
    items: list[EventItem] = []
    for record in records:
        sightings.extend(record.documents)
        items.extend(record.entries)
    documents, document_links = link_documents(sightings)
    # An entry's documents as the corpus linked them (an abbreviation, a title without its
    # period: one id), for the event rule `document`; a programme or a book (《新闻联播》,
    # no kind) is no document.
    kinds = {d.document_id: d.kind for d in documents}
    named: dict[tuple[str, int], list[str]] = {}
    for link in document_links:
        if kinds[link.document_id]:
            named.setdefault((link.article, link.seq), []).append(link.document_id)
    items = [replace(item, documents=tuple(named.get((item.article, item.seq), ())))
             for item in items]
    events, members, event_links = link_events(items)
    tables: dict[str, list[BaseModel]] = {
        "corpus_documents": list(documents), "document_links": list(document_links),
        "corpus_events": list(events), "event_members": list(members),
        "event_links": list(event_links),
    }
    return {name: [row.model_dump(mode="json") for row in rows] for name, rows in tables.items()}
