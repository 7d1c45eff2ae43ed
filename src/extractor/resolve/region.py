"""The entry's primary jurisdiction, chosen by stated rules."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.models import EntrySpan, PlaceMention, Region


def choose_region(
    text: str,
    span: EntrySpan,
    places: Sequence[PlaceMention],
    addressee: Region | None = None,
) -> Region | None:
    """Pick the entry's region from its places; `addressee` is the division a letter is
    addressed to (四川省人民政府：), used for 你省-style entries."""
    return None
