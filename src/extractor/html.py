"""HTML pages -> the text a reader sees: one line per block, the page's heading first.

Users save digests from the web. A page is parsed with lxml (a maintained, forgiving HTML
parser), and its main content is laid out as text: block elements (p, div, h1-h6, li, tr...)
and <br> end lines, an <ol>'s items keep their numbers (`1. `) and a <ul>'s their bullets
(`• `), table cells are separated by tabs, entities are decoded. Scripts, styles, navigation,
asides, forms and the site's footer are dropped. The article title is the page's main heading
(its first <h1>), not <title>, which usually names the site as well.

The text returned is what `Article.text` holds for an HTML input: every span points into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Elements whose content is never the article's.
_DROPPED = frozenset((
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "aside",
    "footer", "form", "button", "select", "input", "textarea", "object", "embed",
))
# Elements that stand on lines of their own.
_BLOCKS = frozenset((
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "blockquote",
    "pre", "figure", "figcaption", "address", "hr", "center", "caption",
))
_CELLS = frozenset(("td", "th"))
# Runs of blanks a browser shows as one space; &nbsp; too (pages indent with runs of it).
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
# A page that is HTML whatever its file name says: a doctype or an <html> element up front.
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True, slots=True)
class PageText:
    """The text of a page and the line its title is on (the first, when one was found)."""

    text: str
    title: str | None


def is_html_document(text: str, name: str = "") -> bool:
    """Whether `text` is an HTML page: named .html/.htm, or starting like one.

    >>> is_html_document("<!DOCTYPE html><html>…"), is_html_document("标题\\n<p>段</p>")
    (True, False)
    >>> is_html_document("<p>段</p>", "page.HTM")
    True
    """
    return name.lower().endswith(HTML_SUFFIXES) or _HTML_START.match(text[:2000]) is not None


def page_text(markup: str) -> PageText:
    """The page's text as a reader sees it, its main heading on the first line.

    >>> page = page_text("<html><head><title>网站 - 要闻</title></head><body><nav>首页 > 要闻"
    ...                  "</nav><h1>本周要闻</h1><ol><li>甲地发布通知&nbsp;。</li><li>乙</li>"
    ...                  "</ol><footer>版权所有</footer></body></html>")
    >>> page.title, page.text
    ('本周要闻', '本周要闻\\n1. 甲地发布通知 。\\n2. 乙')
    """
    import lxml.html  # lazy: only HTML inputs need it

    try:
        document = lxml.html.document_fromstring(markup)
    except (ValueError, lxml.etree.ParserError):  # empty or no elements
        return PageText(text="", title=None)
    for element in list(document.iter(*_DROPPED)):
        _drop(element)
    root = _main_content(document)
    heading = next(root.iter("h1"), None)
    if heading is None:
        heading = next(document.iter("h1"), None)
    title = _inline_text(heading) if heading is not None else _title_tag(document)
    parts: list[str] = [title, "\n"] if title else []
    _lay_out(root, parts, skip=heading)
    text = "".join(parts)
    # One line a block: the line ends of nested and adjacent blocks count once.
    lines = [line.strip(" \t") for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    return PageText(text=text, title=title or None)


def _drop(element: Any) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    element.drop_tree()


def _main_content(document: Any) -> Any:
    """The <article> or <main> holding the most text, else <body>, else the document."""
    candidates = [*document.iter("article"), *document.iter("main")]
    if candidates:
        return max(candidates, key=lambda e: len(e.text_content()))
    body = document.find("body")
    return body if body is not None else document


def _title_tag(document: Any) -> str:
    """<title> without the site's name: pages write the article's title first (标题_栏目_网站,
    标题 - 网站), so its first part."""
    title = document.find(".//title")
    if title is None or not title.text_content().strip():
        return ""
    parts = [p.strip() for p in re.split(r"\s[-|–—]\s|_|｜", title.text_content()) if p.strip()]
    return parts[0] if parts else ""


def _inline_text(element: Any) -> str:
    return _SPACES.sub(" ", element.text_content()).strip()


def _lay_out(element: Any, parts: list[str], skip: Any = None, number: str = "") -> None:
    """Append the text of `element` and its children to `parts`, lines as a reader sees
    them; `skip` (the heading already written first) is left out, its tail kept."""
    tag = element.tag if isinstance(element.tag, str) else ""
    tag = tag.lower()
    block = tag in _BLOCKS
    if tag == "br":
        parts.append("\n")
    elif element is not skip:
        if block:
            parts.append("\n")
        if number:
            parts.append(number)
        if tag == "pre":
            parts.append(element.text_content())
        else:
            if element.text:
                parts.append(_SPACES.sub(" ", element.text))
            counter = int(element.get("start") or 1) if tag == "ol" else 0
            for child in element:
                child_number = ""
                if tag in ("ol", "ul") and getattr(child, "tag", "") == "li":
                    child_number = f"{counter}. " if tag == "ol" else "• "
                    counter += 1
                _lay_out(child, parts, skip, child_number)
        if tag in _CELLS:
            parts.append("\t")
        if block:
            parts.append("\n")
    if element.tail:
        parts.append(_SPACES.sub(" ", element.tail))
