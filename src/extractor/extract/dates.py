"""Dates and periods: surface forms -> DateMention with value, precision, range and role."""

from __future__ import annotations

from extractor.models import DateAnchor, DateMention


def extract_dates(text: str, base: int = 0, anchor: DateAnchor | None = None) -> list[DateMention]:
    """Find every date in `text`; spans are offset by `base` (the position of `text` in the
    article). Year-less dates are completed from `anchor` and from earlier dates in `text`."""
    return []
