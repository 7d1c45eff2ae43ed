"""The corpus view: what many digests say about the same documents and events."""

from extractor.corpus.documents import DocumentSighting, document_key, link_documents
from extractor.corpus.events import EventItem, link_events

__all__ = ["DocumentSighting", "EventItem", "document_key", "link_documents", "link_events"]
