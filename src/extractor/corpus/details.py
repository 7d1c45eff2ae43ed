"""The detail stories a digest prints after its numbered summary, each attached to the
summary item it retells, for event matching only.

A 《新闻联播》 page lists its items (`1.某某会谈；`) and then, under `## 详细新闻`, tells each
again under a Markdown heading that repeats it (`### 某某会谈`) with the story itself: who,
where, which figures. The entries stay the summary's items (the gold convention: the detail
stories are not annotated), but another digest's report of the same event often shares its
words with the story, not with the summary line. A bulletin (国内联播快讯：(1)…(2)…) gets no
detail: its stories are matched one by one (`events.stories`), and one detail text would
hold them all.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from extractor.corpus.events import fold_text, is_label

# A Markdown heading of any level after the items, and its title.
_HEADING: Final = re.compile(r"^#{1,6}[ \t]+(?P<title>\S[^\n]*)$", re.MULTILINE)
# Markup a page copied into its Markdown keeps (<p>, <strong>, [查看原文](url)): no words.
_MARKUP: Final = re.compile(r"<[^>\n]*>|!?\[[^\]\n]*\]\([^)\n]*\)")
_BLANKS: Final = re.compile(r"\s+")
# A heading holds an item's text, or the item a heading's, only with this many characters
# folded (a short heading, 快讯, could be inside any item).
_MIN_CONTAINED: Final = 8
# How much of a story is kept: its lead, where the event is told (who, where, what), in
# the few hundred bytes per entry a batch holds for the corpus view.
DETAIL_CHARS: Final = 200


def detail_stories(text: str, entries: Sequence[Mapping[str, Any]]) -> dict[int, str]:
    """The detail story of each summary item that has one, by its `seq`: the text under a
    heading after the last item whose title is the item's headline (or its headline and
    body, or holds or is held by it), markup, entities (&nbsp;) and runs of blanks taken
    out, its first `DETAIL_CHARS` characters.

    >>> page = "摘要\\n1.某某会谈；\\n## 详细新闻\\n### 某某会谈\\n<p>某日,某某在某地会谈。</p>\\n"
    >>> detail_stories(page, [{"seq": 1, "headline": "某某会谈", "body": "某某会谈；",
    ...                        "end": 11}])
    {1: '某日,某某在某地会谈。'}
    """
    if not entries or "#" not in text:  # no heading, no detail: the common case
        return {}
    items = [(entry["seq"], fold_text(entry["headline"]),
              fold_text(entry["headline"] + entry["body"]))
             for entry in entries if not is_label(entry["headline"])]
    headings = list(_HEADING.finditer(text, max(entry.get("end", 0) for entry in entries)))
    stories: dict[int, str] = {}
    for index, heading in enumerate(headings):
        title = fold_text(heading["title"])
        if not title:
            continue
        open_items = [item for item in items if item[0] not in stories]
        # The item the heading repeats, else one holding it or held by it: an exact match
        # first, so that 某会议 is not taken by 某会议部署某工作 before its own item.
        seq = next((seq for seq, headline, whole in open_items if title in (headline, whole)),
                   None)
        if seq is None:
            seq = next((seq for seq, _, whole in open_items if _holds_either(title, whole)),
                       None)
        if seq is None:
            continue
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        story = html.unescape(_MARKUP.sub(" ", text[heading.end():end]))
        stories[seq] = _BLANKS.sub(" ", story).strip()[:DETAIL_CHARS]
    return stories


def _holds_either(title: str, whole: str) -> bool:
    """Is a heading's folded title inside the item's text, or the item inside it, both long
    enough to tell?"""
    return len(title) >= _MIN_CONTAINED and len(whole) >= _MIN_CONTAINED and (
        title in whole or whole in title
    )
