"""The corpus view: what many digests say about the same documents (and, later, events)."""

from extractor.corpus.documents import DocumentSighting, document_key, link_documents

__all__ = ["DocumentSighting", "document_key", "link_documents"]
