"""Target facts: the year a quantity is to be reached by, and the metric it measures."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.models import DateMention, DocumentMention, EntrySpan, TargetMention


def attach_target_facts(
    text: str,
    span: EntrySpan,
    targets: Sequence[TargetMention],
    dates: Sequence[DateMention],
    documents: Sequence[DocumentMention],
) -> list[TargetMention]:
    """Return the targets with `year` and `metric` filled where the text decides them."""
    return list(targets)
