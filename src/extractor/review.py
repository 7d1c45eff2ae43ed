"""Self-contained HTML review pages: the article text with every mention highlighted.

One page per article and an `index.html` for the batch. Everything is inline (CSS, a few
lines of JS, no fonts, images or links to the network), so a page opens from disk, offline,
and can be mailed around. All article text goes through `html.escape`.

Overlap policy. Mentions may overlap or nest (a place inside a document title: 《浙江…计划》).
The text is cut at every mention and entry boundary into non-overlapping segments; each
segment is one `<mark>` that knows every mention covering it:
- its background is the colour of the innermost (shortest) covering mention,
- an underline in the colour of the outermost one when that is of another type,
- its tooltip (`title`) lists every covering mention, outermost first, each with its
  normalized value and rule (`views.describe_mention`).
So nothing is hidden and no text is repeated or reordered.
"""

from __future__ import annotations

import html
import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.corpus_page import CSS as CORPUS_CSS
from extractor.corpus_page import corpus_section
from extractor.export import article_key, atomic_write_bytes
from extractor.models import Article, Entry, Notice
from extractor.views import (
    MENTION_TYPES,
    describe_mention,
    entry_mentions,
    format_document,
    format_region,
    format_target,
    mention_type,
)

INDEX_NAME = "index.html"
# Distinct, colour-blind friendly enough pastel backgrounds with a darker underline tone.
COLOURS: dict[str, tuple[str, str]] = {
    "date": ("#ffe08a", "#b38600"),
    "place": ("#b7ebb0", "#2e7d32"),
    "document": ("#b9d7ff", "#1c5fb8"),
    "target": ("#ffc2cd", "#c2185b"),
}
LABELS = {"date": "date", "place": "place", "document": "document (《》)", "target": "target"}


@dataclass(frozen=True)
class Marked:
    """A mention with what the page needs: its type, span and tooltip line."""

    type: str
    start: int
    end: int
    tip: str
    seq: int


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _marks(article: Article) -> list[Marked]:
    """Every mention of the article with a non-empty span inside the text."""
    size = len(article.text)
    marks = [
        Marked(mention_type(m), m.start, min(m.end, size), describe_mention(m), entry.seq)
        for entry in article.entries
        for m in entry_mentions(entry)
        if m.start < min(m.end, size)  # an empty or out-of-text span cannot be drawn
    ]
    return sorted(marks, key=lambda m: (m.start, -m.end))


def render_segments(text: str, start: int, end: int, marks: Sequence[Marked]) -> str:
    """HTML of `text[start:end]` with the marks highlighted (the module's overlap policy).

    >>> m = [Marked("document", 0, 6, "doc", 1), Marked("place", 1, 3, "pl", 1)]
    >>> render_segments("《浙江计划》", 0, 6, m)  # doctest: +NORMALIZE_WHITESPACE
    '<mark class="m t-document s" title="doc">《</mark><mark class="m t-place o-document s"
    title="doc&#10;pl">浙江</mark><mark class="m t-document" title="doc">计划》</mark>'
    """
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = {start, end}
    for m in inside:
        cuts.update(x for x in (m.start, m.end) if start < x < end)
    points = sorted(cuts)
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        piece = _e(text[a:b])
        covering = [m for m in inside if m.start <= a and m.end >= b]
        if not covering:
            out.append(piece)
            continue
        # Outermost first: longer spans, then earlier starts.
        covering.sort(key=lambda m: (-(m.end - m.start), m.start))
        inner, outer = covering[-1], covering[0]
        classes = ["m", f"t-{inner.type}"]
        if outer.type != inner.type:
            classes.append(f"o-{outer.type}")
        if any(m.start == a for m in covering):
            classes.append("s")  # a mention starts here: a thin gap from its neighbour
        tip = "&#10;".join(_e(m.tip) for m in covering)
        out.append(f'<mark class="{" ".join(classes)}" title="{tip}">{piece}</mark>')
    return "".join(out)


_CSS = """
:root { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  color: #1d1d1f; background: #fafafa; }
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; line-height: 1.6; }
h1 { font-size: 1.5rem; margin: .2rem 0; }
.meta { color: #555; margin: .2rem 0 .8rem; font-size: .9rem; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center;
  position: sticky; top: 0; background: #fafafaee; padding: .5rem 0; z-index: 2;
  border-bottom: 1px solid #ddd; }
.legend label { cursor: pointer; user-select: none; }
.swatch { display: inline-block; width: .9em; height: .9em; border-radius: 3px;
  vertical-align: -.1em; margin: 0 .25em; }
.hint { color: #666; font-size: .85rem; }
.chunk { display: grid; grid-template-columns: minmax(0, 1fr) 18rem; gap: 1rem;
  border-bottom: 1px solid #e6e6e6; padding: .6rem 0; }
.chunk:target { background: #fff8dc; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1rem; }
aside { font-size: .85rem; color: #333; }
aside .head { font-weight: 600; }
aside dl { margin: .2rem 0; display: grid; grid-template-columns: auto 1fr; gap: 0 .5rem; }
aside dt { color: #777; }
aside dd { margin: 0; }
.warn { background: #fff3f3; border-left: 3px solid #d32f2f; margin: .3rem 0;
  padding: .2rem .4rem; list-style: none; }
.warn li { margin: .1rem 0; }
.warn code { color: #b71c1c; }
mark.m { color: inherit; border-radius: 2px; padding: 0; cursor: help; }
mark.s { box-shadow: inset 2px 0 0 #fff; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin-top: .5rem; }
th, td { border: 1px solid #ddd; padding: .25rem .4rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; position: sticky; top: 2.6rem; }
td.num { text-align: right; white-space: nowrap; }
ul.plain { margin: 0; padding-left: 1rem; }
a { color: #1c5fb8; }
""" + CORPUS_CSS + "".join(
    f".t-{t} {{ background: {bg}; }}\n"
    f".o-{t} {{ text-decoration: underline 2px {line}; text-underline-offset: 3px; }}\n"
    f".hide-{t} .t-{t} {{ background: none; }}\n"
    f".hide-{t} .o-{t} {{ text-decoration: none; }}\n"
    for t, (bg, line) in COLOURS.items()
)

# Legend checkboxes switch a type's highlighting off and on; the last line marks the page as
# fully initialised (tests/test_report.py reads it back from headless Chromium's DOM dump).
_JS = """
(function () {
  var boxes = document.querySelectorAll('.legend input[data-type]');
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener('change', function (event) {
      var box = event.target;
      document.body.classList.toggle('hide-' + box.getAttribute('data-type'), !box.checked);
    });
  }
  document.documentElement.setAttribute('data-ready', String(boxes.length));
})();
"""


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{_JS}</script>\n</body>\n</html>\n"
    )


def _warnings(notices: Sequence[Notice]) -> str:
    if not notices:
        return ""
    items = "".join(f"<li><code>{_e(n.code)}</code> {_e(n.message)}</li>" for n in notices)
    return f'<ul class="warn">{items}</ul>'


def _legend(counts: Counter[str]) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" checked data-type="{t}">'
        f'<span class="swatch t-{t}"></span>{_e(LABELS[t])} ({counts[t]})</label>'
        for t in MENTION_TYPES
    )
    underline = (
        '<span class="hint">background: innermost mention; underline: an enclosing mention of '
        "another type; hover a highlight for its normalized value and rule</span>"
    )
    return f'<div class="legend">{boxes}{underline}</div>'


def _entry_aside(entry: Entry) -> str:
    facts = [
        ("date", entry.date or "-"),
        ("region", format_region(entry.region)
         + (f" · {entry.region.rule}" if entry.region and entry.region.rule else "")),
    ]
    if entry.section:
        facts.insert(0, ("section", entry.section))
    rows = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
    return (f'<aside><div class="head">#{entry.seq} · no {entry.no}</div><dl>{rows}</dl>'
            f"{_warnings(entry.warnings)}</aside>")


def _entries_table(entries: Sequence[Entry]) -> str:
    head = "".join(f"<th>{h}</th>" for h in (
        "#", "no", "headline", "date", "region", "documents", "targets", "warnings"))
    rows = []
    for e in entries:
        docs = "".join(f"<li>{_e(format_document(d))}</li>" for d in e.documents)
        targets = "".join(
            f'<li title="{_e(t.text)}">{_e(format_target(t))}</li>' for t in e.targets)
        rows.append(
            f'<tr><td class="num"><a href="#entry-{e.seq}">{e.seq}</a></td>'
            f'<td class="num">{e.no}</td><td>{_e(e.headline)}</td><td>{_e(e.date or "-")}</td>'
            f"<td>{_e(format_region(e.region))}</td>"
            f'<td><ul class="plain">{docs}</ul></td><td><ul class="plain">{targets}</ul></td>'
            f'<td class="num">{len(e.warnings)}</td></tr>'
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_article_html(article: Article, *, index_href: str | None = None) -> str:
    """The review page of one article (a whole HTML document, as text)."""
    text = article.text
    marks = _marks(article)
    counts = Counter(m.type for m in marks)
    title = article.source.title or article_key(article)
    meta = " · ".join(_e(part) for part in (
        article.source.path, article.source.encoding, article.source.attribution,
        f"{len(article.entries)} entries", f"{len(marks)} mentions",
    ) if part)
    parts = [f"<header><h1>{_e(title)}</h1>"]
    if index_href:
        parts.append(f'<p class="meta"><a href="{_e(index_href)}">← all articles</a></p>')
    parts.append(f'<p class="meta">{meta}</p>{_legend(counts)}{_warnings(article.warnings)}')
    parts.append("</header>\n<main>")

    position = 0

    def gap(upto: int) -> None:
        # Text between entries (title, intro, footer): shown, without an aside.
        if upto > position and text[position:upto].strip():
            segment = render_segments(text, position, upto, marks)
            parts.append(f'<section class="chunk"><div class="text">{segment}</div>'
                         "<aside></aside></section>")

    for entry in sorted(article.entries, key=lambda e: e.start):
        start, end = max(entry.start, position), min(entry.end, len(text))
        gap(start)
        segment = render_segments(text, start, end, marks) if end > start else ""
        parts.append(f'<section class="chunk entry" id="entry-{entry.seq}">'
                     f'<div class="text">{segment}</div>{_entry_aside(entry)}</section>')
        position = max(position, end)
    gap(len(text))
    parts.append(f"</main>\n<h2>Entries</h2>\n{_entries_table(article.entries)}")
    return _page(f"{title} · review", "\n".join(parts))


def render_index_html(pages: Sequence[tuple[str, Article]]) -> str:
    """The batch index: the corpus charts (`corpus_page`), then one row per article (page
    file name, article) with its counts."""
    head = "".join(f"<th>{h}</th>" for h in (
        "article", "file", "entries", *MENTION_TYPES, "warnings"))
    rows = []
    for name, article in pages:
        counts = Counter(mention_type(m) for e in article.entries for m in entry_mentions(e))
        warnings = len(article.warnings) + sum(len(e.warnings) for e in article.entries)
        cells = "".join(f'<td class="num">{counts[t]}</td>' for t in MENTION_TYPES)
        title = article.source.title or article_key(article)
        rows.append(
            f'<tr><td><a href="{_e(name)}">{_e(title)}</a></td><td>{_e(article.source.path)}'
            f'</td><td class="num">{len(article.entries)}</td>{cells}'
            f'<td class="num">{warnings}</td></tr>'
        )
    body = (f"<header><h1>Review: {len(pages)} articles</h1></header>\n"
            f"{corpus_section(pages)}\n<h2>Articles</h2>\n<table><thead><tr>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return _page("Review index", body)


def page_names(articles: Sequence[Article]) -> list[str]:
    """`<article key>.html` per article; a repeated key gets `-2`, `-3`... (never `index`).

    >>> from extractor.models import Source
    >>> a = [Article(source=Source(path=p, sha256="", encoding="utf-8"))
    ...      for p in ("x/a.txt", "y/a.txt", "index.txt")]
    >>> page_names(a)
    ['a.html', 'a-2.html', 'index-2.html']
    """
    taken = {INDEX_NAME}
    names: list[str] = []
    for article in articles:
        stem, n = article_key(article), 1
        name = f"{stem}.html"
        while name in taken:
            n += 1
            name = f"{stem}-{n}.html"
        taken.add(name)
        names.append(name)
    return names


def write_report(articles: Sequence[Article], out_dir: Path) -> list[Path]:
    """Write one review page per article and `index.html`, atomically; return their paths
    (the index last)."""
    names = page_names(articles)
    written: list[Path] = []
    for name, article in zip(names, articles, strict=True):
        path = out_dir / name
        atomic_write_bytes(path, render_article_html(article, index_href=INDEX_NAME)
                           .encode("utf-8"))
        written.append(path)
    index = out_dir / INDEX_NAME
    atomic_write_bytes(index, render_index_html(list(zip(names, articles, strict=True)))
                       .encode("utf-8"))
    written.append(index)
    return written
