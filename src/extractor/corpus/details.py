"""The detail stories a digest prints after its numbered summary, each attached to the
summary item it retells, for event matching only.

A 《新闻联播》 page lists its items (`1.某某会谈；`) and then, under `## 详细新闻`, tells each
again under a Markdown heading that repeats it (`### 某某会谈`) with the story itself: who,
where, which figures. The entries stay the summary's items (the gold convention: the detail
stories are not annotated), but another digest's report of the same event often shares its
words with the story, not with the summary line. A bulletin (国内联播快讯：(1)…(2)…) is told
under one heading, each story under its own title line (`<strong>某事</strong>`): each of
its stories gets the lead of its own part (`events.stories` matches them one by one).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from extractor.corpus.events import fold_text, is_label, split_stories
from extractor.segment import MARKDOWN_HEADING, holds_either

# Markup a page copied into its Markdown keeps (<p>, <strong>, [查看原文](url)): no words,
# but where a bulletin's story titles and paragraphs part.
_MARKUP: Final = re.compile(r"<[^>\n]*>|!?\[[^\]\n]*\]\([^)\n]*\)")
_BLANKS: Final = re.compile(r"\s+")
# How much of a story is kept: its lead, where the event is told (who, where, what), in
# the few hundred bytes per entry a batch holds for the corpus view; a bulletin keeps less
# of each of its stories (there are several).
DETAIL_CHARS: Final = 200
STORY_DETAIL_CHARS: Final = 120


@dataclass(frozen=True)
class DetailLeads:
    """The leads of the detail stories of one article's entries, by `seq`."""

    items: dict[int, str] = field(default_factory=dict)  # a summary item's
    stories: dict[int, tuple[str, ...]] = field(default_factory=dict)  # a bulletin's, by story


def detail_leads(text: str, entries: Sequence[Mapping[str, Any]]) -> DetailLeads:
    """The detail story of each entry that has one: the text under a heading after the last
    entry whose title is the entry's headline (or its headline and body, or holds or is held
    by it), markup, entities (&nbsp;) and runs of blanks taken out, its first `DETAIL_CHARS`
    characters; for a bulletin, each story's part (`STORY_DETAIL_CHARS`), where its title
    line is found.

    >>> page = "摘要\\n1.某某会谈；\\n## 详细新闻\\n### 某某会谈\\n<p>某日,某某在某地会谈。</p>\\n"
    >>> detail_leads(page, [{"seq": 1, "headline": "某某会谈", "body": "某某会谈；",
    ...                      "end": 11}]).items
    {1: '某日,某某在某地会谈。'}
    """
    items: dict[int, str] = {}
    stories: dict[int, tuple[str, ...]] = {}
    by_seq = {entry["seq"]: entry for entry in entries}
    for seq, section in _sections(text, entries).items():
        entry = by_seq[seq]
        if not is_label(entry["headline"]):
            items[seq] = _plain(section)[:DETAIL_CHARS]
            continue
        leads = _story_leads(section, [told for _, told in split_stories(entry["body"])])
        if any(leads):
            stories[seq] = leads
    return DetailLeads(items, stories)


def _sections(text: str, entries: Sequence[Mapping[str, Any]]) -> dict[int, str]:
    """Each entry's detail section as written, by `seq`, for the headings after the last
    entry: the entry a heading repeats, else one holding it or held by it (an exact match
    first, so that 某会议 is not taken by 某会议部署某工作 before its own entry)."""
    if not entries or "#" not in text:  # no heading, no detail: the common case
        return {}
    folded = [(entry["seq"], fold_text(entry["headline"]),
               fold_text(entry["headline"] + entry["body"])) for entry in entries]
    headings = list(MARKDOWN_HEADING.finditer(text, max(entry.get("end", 0) for entry in entries)))
    sections: dict[int, str] = {}
    for index, heading in enumerate(headings):
        title = fold_text(heading["title"])
        if not title:
            continue
        open_entries = [entry for entry in folded if entry[0] not in sections]
        seq = next((seq for seq, headline, whole in open_entries
                    if title in (headline, whole)), None)
        if seq is None:
            seq = next((seq for seq, _, whole in open_entries if holds_either(title, whole)),
                       None)
        if seq is None:
            continue
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        sections[seq] = text[heading.end():end]
    return sections


def _plain(section: str) -> str:
    """A section's words: markup, entities and runs of blanks out."""
    return _BLANKS.sub(" ", html.unescape(_MARKUP.sub(" ", section))).strip()


def _story_leads(section: str, told: Sequence[str]) -> tuple[str, ...]:
    """Each story's part of a bulletin's section, by story: the paragraphs after the line
    that repeats the story (its title line), up to the next story's; "" where none does."""
    lines = [line for line in (_plain(part) for part in _MARKUP.split(section)) if line]
    titles = [fold_text(story) for story in told]
    starts: list[int | None] = []
    position = 0
    for title in titles:
        found = next((i for i in range(position, len(lines))
                      if title and fold_text(lines[i]) == title), None)
        starts.append(found)
        if found is not None:
            position = found + 1
    leads = []
    for number, start in enumerate(starts):
        if start is None:
            leads.append("")
            continue
        end = next((s for s in starts[number + 1:] if s is not None), len(lines))
        leads.append(" ".join(lines[start + 1:end])[:STORY_DETAIL_CHARS])
    return tuple(leads)
