"""Text as written: every string the product outputs is a slice of the text as written.

The rules run on the folded copy of the text (`LoadedText.folded`: full-width forms folded,
stray HTML blanked, the same length), so every span they find is also a span of the text as
written. This module is the one place where the strings found on the copy are replaced by
the text's own slices at the same spans: an entry's headline, body and section, the article's
title and attribution, every mention's `text`, a document's `title`, `alias_of` and `issuer`,
a target's `metric`. Normalized values (`value`, `name`, `unit`, ISO dates) stay as the rules
made them: `１．５亿元` keeps its text and has the value 150000000.
"""

from __future__ import annotations

from typing import Any, TypeVar

from extractor.models import DateMention, DocumentMention, Mention, PlaceMention, TargetMention

_M = TypeVar("_M", bound=Mention)
# Mentions whose only string is their text (half of all mentions): checked inline.
_TEXT_ONLY = frozenset((DateMention, PlaceMention))
_new_model = object.__new__
_set_attribute = object.__setattr__


class Written:
    """The text as written beside its folded copy; maps strings found on the copy to it.

    >>> written = Written("三部门：《办法（试行）》", "三部门:《办法(试行)》")
    >>> written.slice(0, 4)
    '三部门：'
    >>> doc = DocumentMention(text="《办法(试行)》", start=4, end=12, title="办法(试行)")
    >>> written.mention(doc).title
    '办法（试行）'
    """

    __slots__ = ("_titles", "folded", "same", "text")

    def __init__(self, text: str, folded: str) -> None:
        if len(text) != len(folded):
            raise ValueError("the folded copy must have the length of the text")
        self.text = text
        self.folded = folded
        # Nothing was folded (a plain-ASCII-punctuation text): every string is already right.
        self.same = text == folded
        # Full titles by their folded form, first occurrence first: what `alias_of` names.
        self._titles: dict[str, str] = {}

    def slice(self, start: int, end: int) -> str:
        """The text as written at [start, end)."""
        return self.text[start:end]

    def optional_slice(self, start: int | None, end: int | None, found: str | None) -> str | None:
        """The text at a span the segmenter may not have (`found`, its folded string, if not)."""
        if found is None or start is None or end is None:
            return found
        return self.text[start:end]

    def learn_titles(self, documents: list[DocumentMention]) -> None:
        """Remember the titles `alias_of` may name (an earlier entry's, the intro's): the
        first one written in a folded form is the one an abbreviation refers to."""
        if self.same:
            return
        for document in documents:
            if document.title not in self._titles:
                self._titles[document.title] = self._title(document)

    def mentions(self, mentions: list[_M]) -> list[_M]:
        """`mentions` with their strings as written (the same objects where nothing differs)."""
        if self.same or not mentions:
            return mentions
        # The common case inline: a date, place or target whose strings read the same.
        text = self.text
        mention = self.mention
        same_metric = self._same_metric
        return [m if text[m.start:m.end] == m.text and (
            type(m) in _TEXT_ONLY or (type(m) is TargetMention and same_metric(m))
        ) else mention(m) for m in mentions]

    def mention(self, mention: _M) -> _M:
        """One mention with its strings as written."""
        changes: dict[str, Any] = {}
        text = self.text[mention.start:mention.end]
        if text != mention.text:
            changes["text"] = text
        if isinstance(mention, DocumentMention):
            title = self._title(mention)
            if title != mention.title:
                changes["title"] = title
            if mention.alias_of is not None:
                alias_of = self._titles.get(mention.alias_of, mention.alias_of)
                if alias_of != mention.alias_of:
                    changes["alias_of"] = alias_of
            if mention.issuer is not None:
                issuer = self._before(mention.issuer, mention.start)
                if issuer != mention.issuer:
                    changes["issuer"] = issuer
        elif isinstance(mention, TargetMention) and mention.metric is not None:
            metric = self._metric(mention, mention.metric)
            if metric != mention.metric:
                changes["metric"] = metric
        if not changes:
            return mention
        # What `model_copy(update=changes)` gives (strings for strings, no validation
        # needed), built without its per-field work.
        copy = _new_model(type(mention))
        _set_attribute(copy, "__dict__", {**mention.__dict__, **changes})
        _set_attribute(copy, "__pydantic_fields_set__", set(mention.__pydantic_fields_set__))
        _set_attribute(copy, "__pydantic_extra__", None)
        _set_attribute(copy, "__pydantic_private__", None)
        return copy

    def _same_metric(self, target: Any) -> bool:
        """Whether the target's metric reads the same as written (see `_metric`)."""
        metric = target.metric
        if metric is None:
            return True
        end = target.end
        if self.folded.startswith(metric, end):
            return self.text.startswith(metric, end)
        start = self.folded.rfind(metric, 0, target.start)
        return start < 0 or self.text.startswith(metric, start)

    def _title(self, document: DocumentMention) -> str:
        # The title is the inside of the brackets: 《办法（试行）》 -> 办法（试行）.
        offset = document.text.find(document.title)
        if offset < 0:
            return document.title
        start = document.start + offset
        return self.text[start:start + len(document.title)]

    def _before(self, found: str, end: int) -> str:
        """`found` as written at its nearest place before `end` in the copy: an issuer stands
        just before its title (昆明市人民政府网近日公布了《规划》)."""
        start = self.folded.rfind(found, 0, end)
        return found if start < 0 else self.text[start:start + len(found)]

    def _metric(self, target: TargetMention, metric: str) -> str:
        """A metric follows a count's measure word (30个|应用场景) or precedes the quantity
        (产业规模|达到|1500亿元): read from the copy where it was found."""
        if self.folded.startswith(metric, target.end):
            return self.text[target.end:target.end + len(metric)]
        return self._before(metric, target.start)
