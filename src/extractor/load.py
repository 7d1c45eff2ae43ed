"""Load: bytes -> text as written, plus a folded copy of the same length to match on.

`LoadedText.text` is the decoded text as written (full-width `（试行）`, `：`, `１．５亿元` and any
HTML kept); `LoadedText.folded` is the copy every rule matches on: full-width ASCII folded to
half-width one character for one, stray HTML blanked with spaces rather than removed. The two
have the same length, so a span found in the copy is the same span in the text, and every
string the product outputs is sliced from the text. Line ends (CRLF, CR) stay as they are in
both and are handled by the segmenter.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from extractor.html import is_html_document, page_text
from extractor.script import Script, detect_script, to_simplified

InputFormat = Literal["text", "html"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)

# Signatures of common binary files people drop into an input folder by mistake.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "an executable"),
)
_BINARY_PREFIXES = tuple(signature for signature, _ in _BINARY_SIGNATURES)

# Full-width ASCII (U+FF01..U+FF5E) maps to U+0021..U+007E one for one; the ideographic
# space and no-break spaces become a plain space. All are single code points on both sides,
# so offsets into the folded text are offsets into the decoded original.
_WIDTH_TABLE: dict[int, int] = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: 0x20, 0x00A0: 0x20, 0x202F: 0x20, 0x2007: 0x20})
_WIDTH_CHARS: dict[str, str] = {chr(code): chr(value) for code, value in _WIDTH_TABLE.items()}
_FOLDABLE = re.compile("[" + "".join(map(re.escape, _WIDTH_CHARS)) + "]")

# Text may hold a few control characters (tabs, form feeds, escapes); many mean binary data.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01

# Random bytes that happen to start with a UTF-16 mark decode "successfully" into characters
# scattered over the whole plane. Real articles are mostly ASCII, CJK and their punctuation.
_COMMON_CLASS = (
    "\t\n\r\x20-\x7e\u00a0-\u024f\u2000-\u206f\u2150-\u27bf\u3000-\u30ff"
    "\u4e00-\u9fff\uff00-\uffef"
)
_COMMON_CHARS = re.compile(f"[{_COMMON_CLASS}]+")
_UNCOMMON_CHAR = re.compile(f"[^{_COMMON_CLASS}]")
_MIN_COMMON_SHARE = 0.7


# HTML left in crawled text. Tags are blanked with spaces of the same length (block tags
# start a new line) so the text keeps its offsets and the segmenter sees the line breaks.
_HTML_TAG = re.compile(
    r"<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9]{0,10})\b[^<>]{0,2000}>|<!--[^<>]{0,2000}-->"
)
_HTML_BLOCK_TAGS = frozenset((
    "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote",
))
_HTML_ENTITY = re.compile(r"&(?:nbsp|amp|lt|gt|quot|ldquo|rdquo|mdash|#\d{1,6});")
_ENTITY_CHARS = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&ldquo;": "“",
                 "&rdquo;": "”", "&mdash;": "—"}
_MIN_HTML_TAGS = 3


class LoadError(ValueError):
    """The input cannot be read as an article; the message says why and names the file."""


@dataclass(frozen=True, slots=True)
class LoadedText:
    """One decoded article: `text` as written and `folded`, its same-length copy for rules."""

    text: str
    folded: str
    encoding: str
    sha256: str
    had_html: bool = False
    # Traditional-script articles are matched on a Simplified copy (`extractor.script`).
    script: Script = "simplified"
    # An HTML page is read as the text a reader sees (`extractor.html`); `text` is that text.
    format: InputFormat = "text"
    # Where a stray byte (a NUL, an undecodable byte) was replaced by U+FFFD in `text`.
    repaired: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        # Every span found in `folded` is used as a span of `text` (one comparison of ints).
        if len(self.folded) != len(self.text):
            raise ValueError("the folded copy must have the length of the text")


def fold(text: str) -> tuple[str, bool]:
    """The copy rules match on: widths folded, stray HTML, web addresses and question marks
    standing for a lost indentation blanked; and whether HTML was found.

    >>> fold("三部门：<b>x</b>")
    ('三部门:<b>x</b>', False)
    """
    folded, had_html = strip_html(normalize_width(text))
    folded = blank_addresses(folded)
    for start, end in lost_indentation(folded):
        folded = folded[:start] + " " * (end - start) + folded[end:]
    return folded, had_html


# Web addresses and the targets of Markdown links and images hold no facts, but look like
# them: /2023-09-19/ is no date, %E5%90 no percentage, /s?__biz= no question. They are blanked
# in the copy the rules read, one space a character; the text keeps them as written.
_ADDRESS = re.compile(r"(?:https?|ftp)://[^\s<>\"'）)\]】，。；]+|(?<=\]\()[^\s()]+(?=\))")
# A run of percent-encoded bytes (%E4%B8%AD, a query pasted without its address) is one too.
# Its own pattern starts with a literal, so a text with percentages pays one fast scan.
_PERCENT_ENCODED = re.compile(r"%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})+")


def blank_addresses(text: str) -> str:
    """`text` with its web addresses and Markdown link targets blanked, length kept.

    >>> blank_addresses("[汤加](https://a.example/2023-09-19/x?a=1) 与 ![图](img/1.jpg)")
    '[汤加](                                  ) 与 ![图](         )'
    """
    if "://" in text or "](" in text:  # one C scan each for the common case
        text = _ADDRESS.sub(_blanks, text)
    if "%" in text:
        text = _PERCENT_ENCODED.sub(_blanks, text)
    return text


def _blanks(match: re.Match[str]) -> str:
    return " " * len(match.group())


# Full-width spaces that a transcoding lost become "?" at the start of a line ("??本周…"):
# read as the blanks they were.
_LOST_INDENT = re.compile(r"^[?？]{1,4}(?=[^\s?？])", re.MULTILINE)


def lost_indentation(text: str) -> list[tuple[int, int]]:
    """The spans of question marks standing for a lost indentation at the start of a line.

    >>> lost_indentation("标题\\n??【二、概况】\\n??本周成交。问?")
    [(3, 5), (12, 14)]
    """
    if "?" not in text and "？" not in text:
        return []
    return [match.span() for match in _LOST_INDENT.finditer(text)]


def fold_article(text: str) -> tuple[str, bool, Script]:
    """`fold`, and a Traditional-script article's characters made Simplified one for one.

    >>> fold_article("瑞金醫院創新，萬億元投資。")
    ('瑞金医院创新,万亿元投资。', False, 'traditional')
    """
    folded, had_html = fold(text)
    found = detect_script(folded)
    return (to_simplified(folded) if found == "traditional" else folded), had_html, found


def _blank_tag(match: re.Match[str]) -> str:
    length = len(match.group())
    name = (match.group("name") or "").lower()
    if name in _HTML_BLOCK_TAGS:
        return "\n" + " " * (length - 1)
    return " " * length


def _blank_entity(match: re.Match[str]) -> str:
    entity = match.group()
    char = _ENTITY_CHARS.get(entity, " ")
    return char + " " * (len(entity) - 1)


def strip_html(text: str) -> tuple[str, bool]:
    """Blank out HTML tags and entities without changing any offset.

    >>> strip_html("<p>一、标题</p><p>正文&nbsp;内容</p><br/>尾")
    ('\\n  一、标题\\n   \\n  正文      内容\\n   \\n    尾', True)
    >>> strip_html("a<b")
    ('a<b', False)
    """
    if len(_HTML_TAG.findall(text, 0, 1_000_000)) < _MIN_HTML_TAGS:
        return text, False
    text = _HTML_TAG.sub(_blank_tag, text)
    return _HTML_ENTITY.sub(_blank_entity, text), True


def normalize_width(text: str) -> str:
    """Fold full-width ASCII and odd spaces to half-width, keeping the length.

    >>> normalize_width("２０２３年（一）ＡＢ，")
    '2023年(一)AB,'
    >>> len(normalize_width("\u3000\u3000正文")) == 4
    True
    """
    # `str.translate` looks every character of a non-ASCII text up in the table, one by
    # one. An article holds only a handful of distinct foldable characters (，：（） …), so
    # replacing each of them in one C-speed `str.replace` pass is several times faster. The
    # search resumes where the last distinct character was found: everything before it is
    # already folded, so the scans add up to one pass over the text.
    match = _FOLDABLE.search(text)
    while match is not None:
        char = match.group()
        text = text.replace(char, _WIDTH_CHARS[char])
        match = _FOLDABLE.search(text, match.start())
    return text


def _binary_kind(data: bytes) -> str | None:
    if not data.startswith(_BINARY_PREFIXES):  # one C call for the common case
        return None
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def _check_plausible(text: str, name: str) -> None:
    # Every control character is outside the usual scripts too: a text with no uncommon
    # character at all (most articles) passes both tests after one scan.
    if _UNCOMMON_CHAR.search(text) is None:
        return
    controls = len(_CONTROL_CHARS.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise LoadError(f"{name}: not a text file ({controls} control characters)")
    uncommon = len(_COMMON_CHARS.sub("", text))
    if text and uncommon > (1 - _MIN_COMMON_SHARE) * len(text):
        raise LoadError(
            f"{name}: does not look like Chinese or Latin text "
            f"({uncommon} of {len(text)} characters outside the usual scripts)"
        )


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode `data`, returning (text, encoding). Raises LoadError for non-text input.

    UTF-8 is tried before GB18030 because valid GB18030 byte runs are common in UTF-8 text
    but a UTF-8 decode of GBK bytes fails quickly and reliably. A few stray bad bytes (see
    `decode_article`) are replaced.

    >>> decode_bytes("政策".encode("gbk"))
    ('政策', 'gb18030')
    >>> decode_bytes("\ufeff政策".encode("utf-8"))
    ('政策', 'utf-8-sig')
    """
    decoded = decode_article(data, name)
    return decoded.text, decoded.encoding


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, its encoding, and where a stray byte was replaced by U+FFFD."""

    text: str
    encoding: str
    repaired: tuple[int, ...] = ()


# A damaged file (a NUL, a byte that decodes in no encoding) loses those characters, not the
# file: up to this share of its characters (and a few in any file) may be replaced by U+FFFD.
# Only a file that neither UTF-8 nor GB18030 reads whole gets here, and a GBK file read as
# UTF-8 fails at nearly every Chinese character, far over it.
_MAX_REPAIRED_SHARE = 0.01
_MIN_REPAIRED = 4
_REPLACEMENT = "\ufffd"


def decode_article(data: bytes, name: str = "<bytes>") -> Decoded:
    """`decode_bytes`, repairing what a copy or a crawl damaged: a stray NUL byte, or a few
    bytes that decode in neither UTF-8 nor GB18030, become U+FFFD (one character each, so
    the rest of the text keeps its offsets) and their positions are returned.

    >>> d = decode_article("1、甲。".encode() + bytes([0xFF]) + "2、乙。".encode())
    >>> d.text, d.encoding, d.repaired
    ('1、甲。\ufffd2、乙。', 'utf-8', (4,))
    >>> decode_article("政策".encode() + bytes([0]) + "汇总".encode()).repaired
    (2,)
    """
    for bom, encoding in _BOMS if data.startswith(_BOM_PREFIXES) else ():  # one C call if none
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise LoadError(f"{name}: starts with a {encoding} byte-order mark but does "
                                f"not decode as {encoding} (byte {error.start})") from error
            _check_plausible(text, name)
            return Decoded(text, encoding)
    kind = _binary_kind(data)
    if kind is not None:
        raise LoadError(f"{name}: not a text file (looks like {kind})")
    nuls = data.count(b"\x00")
    if nuls > max(1, _MAX_REPAIRED_SHARE * len(data)):
        raise LoadError(f"{name}: not a text file (holds NUL bytes and no UTF-16 byte-order mark)")
    decoded = _decode_text(data, name)
    if nuls:
        decoded = Decoded(decoded.text.replace("\x00", _REPLACEMENT), decoded.encoding,
                          tuple(sorted({*decoded.repaired, *_positions(decoded.text, "\x00")})))
    _check_plausible(decoded.text, name)
    return decoded


def _decode_text(data: bytes, name: str) -> Decoded:
    """UTF-8, else GB18030, each strict first; then whichever of them needs only a few
    replacements."""
    for candidate in ("utf-8", "gb18030"):
        try:
            return Decoded(data.decode(candidate), candidate)
        except UnicodeDecodeError:
            continue
    for candidate in ("utf-8", "gb18030"):
        text = data.decode(candidate, "replace")
        repaired = _positions(text, _REPLACEMENT)
        wide = sum(1 for char in text if char > "\x7f")
        if len(repaired) <= max(_MIN_REPAIRED, _MAX_REPAIRED_SHARE * (wide - len(repaired))):
            return Decoded(text, candidate, repaired)
    raise LoadError(f"{name}: not text in UTF-8, UTF-16 or GB18030/GBK")


def _positions(text: str, char: str) -> tuple[int, ...]:
    return tuple(i for i, found in enumerate(text) if found == char)


def load_bytes(data: bytes, name: str = "<bytes>") -> LoadedText:
    """Decode one article's bytes (an HTML page to the text it shows) and make its folded
    copy."""
    decoded = decode_article(data, name)
    text, input_format = _page_or_text(decoded.text, name)
    folded, had_html, script = fold_article(text)
    return LoadedText(
        text=text,
        folded=folded,
        encoding=decoded.encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        had_html=had_html,
        script=script,
        format=input_format,
        # An HTML page's text is laid out anew: positions in the decoded markup say nothing.
        repaired=decoded.repaired if input_format == "text" else (),
    )


def load_text(text: str) -> LoadedText:
    """Make the folded copy of already-decoded text (the encoding is recorded as `str`)."""
    sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    text, input_format = _page_or_text(text, "")
    folded, had_html, script = fold_article(text)
    return LoadedText(text=text, folded=folded, encoding="str", sha256=sha256,
                      had_html=had_html, script=script, format=input_format)


def _page_or_text(text: str, name: str) -> tuple[str, InputFormat]:
    """An HTML page's text as a reader sees it, or the text itself."""
    if is_html_document(text, name):
        return page_text(text).text, "html"
    return text, "text"


def load_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
    """Read one file, refusing files larger than `max_bytes` before reading them."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise LoadError(f"{path}: cannot be read ({error.strerror or error})") from error
    if not path.is_file():
        raise LoadError(f"{path}: not a regular file")
    if size > max_bytes:
        raise LoadError(f"{path}: {size} bytes is over the {max_bytes}-byte limit")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(f"{path}: cannot be read ({error.strerror or error})") from error
    return load_bytes(data, str(path))
