"""One entry point: load -> segment -> extract -> resolve, for one article."""

from __future__ import annotations

from pathlib import Path

from extractor.models import Article


def extract_article(source: str | bytes | Path, *, path: str | None = None) -> Article:
    """Turn one article into an `Article`.

    `source` is a file path (`Path`), the raw bytes of a file, or already-decoded text (`str`).
    `path` is the name recorded in `source.path` when `source` is not a `Path`.
    """
    raise NotImplementedError
