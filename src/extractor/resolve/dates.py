"""The entry's own date, chosen among its date mentions."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.models import DateMention, EntrySpan, Notice


def choose_entry_date(
    text: str, span: EntrySpan, dates: Sequence[DateMention]
) -> tuple[str | None, list[Notice]]:
    """Return the entry's own date (YYYY-MM-DD, YYYY-MM or YYYY) or None, plus warnings."""
    return None, []
