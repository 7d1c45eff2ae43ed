"""One entry point: load -> segment -> extract -> resolve, for one article.

Segmentation, extraction and resolution run on the loader's folded copy of the text; what
comes out (`Article.text`, headlines, bodies, mention texts...) is the text as written, sliced
at the same spans by `extractor.written`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from extractor.extract.dates import extract_dates
from extractor.extract.documents import extract_documents
from extractor.extract.places import extract_places
from extractor.extract.targets import extract_targets
from extractor.gaps import PINYIN_GLOSS
from extractor.load import (
    DEFAULT_MAX_BYTES,
    LoadedText,
    load_bytes,
    load_path,
    load_text,
    lost_indentation,
)
from extractor.models import (
    NATIONAL_REGION,
    Article,
    DateAnchor,
    DocumentMention,
    Entry,
    EntrySpan,
    Notice,
    PlaceMention,
    Region,
    Segmentation,
    Source,
    TargetMention,
)
from extractor.resolve.consistency import consistency_warnings
from extractor.resolve.dates import (
    choose_entry_date,
    next_anchor,
    one_year_list,
    title_anchor,
    today_anchor,
)
from extractor.resolve.documents import declared_aliases, link_documents
from extractor.resolve.region import (
    article_region,
    choose_region,
    find_addressee,
    hong_kong_region,
    is_hong_kong_page,
    is_meeting_place,
    is_national,
)
from extractor.resolve.targets import attach_target_facts
from extractor.segment import holds_words, is_boilerplate_line, segment
from extractor.timing import StageClock
from extractor.written import Written


def _load(source: str | bytes | Path, path: str | None, max_bytes: int) -> tuple[LoadedText, str]:
    if isinstance(source, Path):
        return load_path(source, max_bytes), path or str(source)
    if isinstance(source, bytes):
        return load_bytes(source, path or "<bytes>"), path or "<bytes>"
    return load_text(source), path or "<text>"


# A date line under the title ("2019年07月01日 来源：...") anchors the entries that follow it;
# only the start of the preamble is read, an intro may be long.
_PREAMBLE_ANCHOR_CHARS = 500


def _title(text: str, seg: Segmentation) -> str | None:
    return text[seg.title_start:seg.title_end] if seg.title_start is not None else None


def _preamble(text: str, seg: Segmentation) -> tuple[int, int]:
    """The span of the preamble the header rules read: from the title's end to the first
    entry, at most `_PREAMBLE_ANCHOR_CHARS`."""
    start = seg.title_end or 0
    end = seg.entries[0].start if seg.entries else len(text)
    return start, min(end, start + _PREAMBLE_ANCHOR_CHARS)


def _covered_year(text: str, seg: Segmentation) -> int | None:
    """The year the article's list covers (2008年国内十大新闻), from its title or intro."""
    start, end = _preamble(text, seg)
    return one_year_list(f"{_title(text, seg) or ''}\n{text[start:end]}")


def _article_anchor(text: str, seg: Segmentation, covered: int | None) -> DateAnchor:
    """The date the first entry's year-less dates are completed from: the title's, made more
    precise by a dated line under the title in the same year; the year of a one-year list
    (2003年国际十大新闻 on a page dated 2016) over any other."""
    title = _title(text, seg)
    anchor = title_anchor(title)
    start, end = _preamble(text, seg)
    preamble = text[start:end]
    under_title = title_anchor(preamble)
    if under_title is not None and (
        anchor is None or (anchor.year == under_title.year and anchor.month is None)
    ):
        anchor = under_title
    if covered is not None:
        # Its year-less dates fall within the year it covers, whatever the page's date.
        anchor = DateAnchor(year=covered)
    elif anchor is None or anchor.day is None:
        # A spoken brief opens with it, often as its first line, read as the title.
        today = today_anchor(f"{title or ''}\n{preamble}", text, anchor.year if anchor else None)
        anchor = today or anchor
    return anchor or DateAnchor()


def _anchor_date(anchor: DateAnchor) -> str | None:
    """An anchor as `YYYY-MM-DD`, or `YYYY` when it names no day (None without a year). A
    month without a day is left out: a title's 上半年, 一季度 or 1-6月 anchors at the first
    month of its period, which is not the article's own month.

    >>> _anchor_date(DateAnchor(year=2024, month=8, day=13))
    '2024-08-13'
    >>> _anchor_date(DateAnchor(year=2024, month=1))
    '2024'
    """
    if anchor.year is None:
        return None
    if anchor.month is None or anchor.day is None:
        return f"{anchor.year:04d}"
    return f"{anchor.year:04d}-{anchor.month:02d}-{anchor.day:02d}"


# A year written out: 2023年, 2023-01-03, 二〇二三年.
_WRITTEN_YEAR = re.compile(r"(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4}")


def _written_with_year(entry: Entry, text: str) -> bool:
    """Only a date written with its year moves the anchor. In "1)24日…  2)商务部4月26日印发…
    3)江苏省商务厅23日发布…" (a digest dated 2024-05-27), 23日 is in May: the month-day of an
    earlier event in item 2 does not change the month the digest is speaking from.
    `text` is the folded copy: the entry's mention texts are as written (２０２３年)."""
    return any(
        m.role == "own" and m.value == entry.date and _WRITTEN_YEAR.search(text, m.start, m.end)
        for m in entry.dates
    )


# Lines under a title that say whose article it is: a subtitle ("——2024年1月23日在四川省第十四届
# 人民代表大会…上") or an issuer standing alone ("四川省人民政府").
_HEADER_LINE = re.compile(
    r"^[ \t\u3000]*(——.{2,80}|[\u4e00-\u9fff]{2,30}(?:人民政府|政府|办公厅|委员会))[ \t\u3000]*$",
    re.MULTILINE,
)


# A site's breadcrumb above the title names its owner: 兰州市城关区人民政府 > 政务公开 > 通知公告.
_BREADCRUMB = re.compile(r"^[ \t\u3000]*([^>\n]{2,30}?)[ \t\u3000]*>", re.MULTILINE)


def _header(text: str, seg: Segmentation) -> tuple[str, list[PlaceMention]]:
    """The title, the breadcrumb above it and the header lines under it, and the places they
    name (article offsets)."""
    pieces: list[tuple[int, int]] = []
    if seg.title_start is not None and seg.title_end is not None:
        pieces += [m.span(1) for m in _BREADCRUMB.finditer(text, 0, seg.title_start)]
        pieces.append((seg.title_start, seg.title_end))
    preamble_start, head_end = _preamble(text, seg)
    pieces += [m.span(1) for m in _HEADER_LINE.finditer(text, preamble_start, head_end)]
    # The intro says whose list it is where the title does not (甘谷县…人民代表大会…开幕,
    # 县长…作《政府工作报告》…分别是: (1)…): the first sentence of the head before the items.
    intro = _intro_sentence(text, seg, preamble_start)
    if intro is not None:
        pieces.append(intro)
    header = "\n".join(text[start:end] for start, end in pieces)
    national = is_national(header)
    # Not the article's own division: a dateline's city (新华社北京5月26日电), and the venue
    # of a national body's meeting (全国人大…在北京人民大会堂开幕).
    places = [p for start, end in pieces for p in extract_places(text[start:end], start)
              if p.adcode and p.name and not _DATELINE_AFTER.match(text, p.end)
              and not (national and is_meeting_place(text, p))]
    if (
        seg.attribution_start is not None and seg.attribution_end is not None
        and _SELF_REFERENCE.search(text, 0, head_end)
    ):
        # "今年,我市将办好…" with 来源:安阳新闻网: the publisher's own division, named only
        # in its source line.
        start, end = seg.attribution_start, seg.attribution_end
        places += [p for p in extract_places(text[start:end], start) if p.adcode and p.name]
    return header, places


# A list's own heading says whose news it holds: 国内新闻, 十大国内新闻, 国际联播快讯, 【国际】.
_FOREIGN_LIST = re.compile(r"国际|海外|国外|外国|世界|全球")
_NATIONAL_LIST = re.compile(r"国内|全国")
# A securities market's section (国内股市, A股, 国内期市) holds companies' and funds' news: its
# 国内 names the market, not a jurisdiction the items share.
_MARKET_LIST = re.compile(r"股市|股票|[A港美]股|期市|期货|债市|债券|汇市|基金")
_MAX_LIST_HEADING_CHARS = 40
# An entry whose headline is a list's label (国际联播快讯：, 【国际】) holds that list's news.
_MAX_LABEL_CHARS = 10
_LABEL_DECOR = "【】[]:：# \t"


def _list_jurisdiction(
    text: str, seg: Segmentation, span: EntrySpan, article: Region | None
) -> Region | None:
    """The jurisdiction an entry falls back on: the article's, unless the heading of the list
    holding it (its section, or the last line of the text just before its list) says the
    list is domestic (national) or international (none)."""
    heading = span.section
    own = text[span.headline_start:span.headline_end].strip(_LABEL_DECOR)
    if len(own) <= _MAX_LABEL_CHARS and _FOREIGN_LIST.search(own):
        return None  # an item that is itself a foreign list's label: 国际联播快讯：（1）…
    if heading is None:
        before = [b for b in seg.blocks if b.end <= span.start]
        if before:
            last_line = text[before[-1].start:before[-1].end].rstrip().rsplit("\n", 1)[-1]
            heading = last_line if len(last_line) <= _MAX_LIST_HEADING_CHARS else None
    if heading is None:
        return article
    if _FOREIGN_LIST.search(heading):
        return None
    if _NATIONAL_LIST.search(heading) and article is None and not _MARKET_LIST.search(heading):
        return NATIONAL_REGION.model_copy(update={"rule": "list"})
    return article


# The publisher speaking of its own division: 我市, 本县, 全市, 市政府, 市十五届人大.
_SELF_REFERENCE = re.compile(
    r"(?:我|本|全)[省市县区州]|[省市县区](?:政府|委员会|人大|[一二三四五六七八九十]{1,3}届)"
)
# A place followed by a date and 电/讯 is a news dateline: 新华社北京5月26日电.
_DATELINE_AFTER = re.compile(r"\d{1,2}月\d{1,2}日(?:电|讯)")


def _intro_sentence(text: str, seg: Segmentation, after: int) -> tuple[int, int] | None:
    """The span of the intro's first sentence: the head's first line that is not a source,
    editor or date line nor marks alone ("|"), up to its first sentence end."""
    for block in seg.blocks:
        if block.kind != "head" or block.start < after:
            continue
        position = block.start
        while position < block.end:
            line_end = text.find("\n", position, block.end)
            line_end = block.end if line_end < 0 else line_end
            line = text[position:line_end].strip()
            if holds_words(line) and not is_boilerplate_line(line):
                stop = _INTRO_SENTENCE_END.search(text, position, line_end)
                end = stop.end() if stop else min(line_end, position + _PREAMBLE_ANCHOR_CHARS)
                return position, end
            position = line_end + 1
    return None


_INTRO_SENTENCE_END = re.compile(r"[。！？!?\n]")


# A blank between two digits of one quantity (大棚21 6个, 1 200万元).
_BLANK_IN_NUMBER = re.compile(r"[0-9] [0-9]")


def _shown_spans(spans: list[tuple[int, int]]) -> str:
    """The first spans a warning names: "3-5, 12-14"."""
    return ", ".join(f"{start}-{end}" for start, end in spans[:_SHOWN_REPAIRS])


_ENTRY_VALIDATOR = Entry.__pydantic_validator__
# How many repaired positions a warning names.
_SHOWN_REPAIRS = 5
# A bare 元 is the page's own currency; 人民币, RMB or ¥ say otherwise.
_RENMINBI = re.compile("人民币|RMB|CNY|¥|￥")


def _in_local_currency(target: TargetMention, currency: str) -> TargetMention:
    """A Hong Kong page's 5,880元 is 5,880 港元 (rule `local-currency`)."""
    if target.unit != "元" or _RENMINBI.search(target.text):
        return target
    return target.model_copy(update={"unit": currency, "rule": "local-currency"})


def build_entry(
    text: str,
    span: EntrySpan,
    anchor: DateAnchor,
    context: tuple[str, ...] = (),
    addressee: Region | None = None,
    clock: StageClock | None = None,
    article_region: Region | None = None,
    known_aliases: dict[str, str] | None = None,
    article_titles: Sequence[DocumentMention] = (),
    written: Written | None = None,
    local_currency: str | None = None,
) -> Entry:
    """Extract and resolve one entry of `text` (the whole article, folded).

    `known_aliases` collects the abbreviations declared so far in the article (以下简称《方案》);
    this entry's declarations are added to it. `written` holds the text as written that the
    entry's strings are sliced from (by default `text` itself).
    """
    clock = clock or StageClock()
    written = written or Written(text, text)
    # The item's number ("2." of "2.12月27日,…") is not content: extractors start after it,
    # so a marker never reads as part of a date or a quantity.
    content_start = min(span.headline_start, span.body_start)
    entry_text = text[content_start:span.end]
    with clock.stage("extract.dates"):
        dates = extract_dates(entry_text, content_start, anchor)
    with clock.stage("extract.places"):
        places = extract_places(entry_text, content_start, context)
    with clock.stage("extract.documents"):
        documents = extract_documents(entry_text, content_start)
    with clock.stage("extract.targets"):
        targets = extract_targets(entry_text, content_start)
    with clock.stage("resolve"):
        aliases = known_aliases if known_aliases is not None else {}
        documents = link_documents(text, documents, aliases, article_titles)
        aliases.update(declared_aliases(text, documents))
        targets = attach_target_facts(text, span, targets, dates, documents)
        date, warnings = choose_entry_date(text, span, dates)
        warnings = [*warnings, *consistency_warnings(text, span, targets)]
        if span.body_start >= span.body_end:
            warnings.append(Notice(code="empty_body", message="the entry has no body text"))
        region = choose_region(text, span, places, addressee, article_region)
        if local_currency is not None and region is not None and article_region is not None and (
            region.name == article_region.name
        ):
            # The page's own items count in its currency; an item of a mainland city on a
            # Hong Kong page keeps 元.
            targets = [_in_local_currency(t, local_currency) for t in targets]
    # Every string out of the entry is the text as written at the span found on the copy.
    written.learn_titles(documents)
    fields = {
        # The span's offsets and number carry over as they are.
        "seq": span.seq, "no": span.no,
        "section": written.optional_slice(span.section_start, span.section_end, span.section),
        "start": span.start, "end": span.end,
        "headline_start": span.headline_start, "headline_end": span.headline_end,
        "body_start": span.body_start, "body_end": span.body_end,
        "headline": written.slice(span.headline_start, span.headline_end),
        "body": written.slice(span.body_start, span.body_end),
        "date": date, "warnings": warnings, "region": region,
        "dates": written.mentions(dates), "places": written.mentions(places),
        "documents": written.mentions(documents), "targets": written.mentions(targets),
    }
    # Validated as `Entry(**fields)` would be, without the constructor's Python wrapper
    # (a few µs per entry).
    entry: Entry = _ENTRY_VALIDATOR.validate_python(fields)
    return entry


def extract_article(
    source: str | bytes | Path,
    *,
    path: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    clock: StageClock | None = None,
) -> Article:
    """Turn one article into an `Article`.

    `source` is a file path (`Path`), the raw bytes of a file, or already-decoded text (`str`).
    `path` is the name recorded in `source.path` (defaults to the file path). Raises
    `extractor.load.LoadError` when the input is not a readable text article. A `clock`
    collects the seconds spent in each stage.
    """
    clock = clock or StageClock()
    with clock.stage("load"):
        loaded, name = _load(source, path, max_bytes)
    text = loaded.folded  # what every rule reads; outputs are sliced from `written`
    written = Written(loaded.text, text)
    with clock.stage("segment"):
        seg = segment(text)
    with clock.stage("resolve"):
        covered = _covered_year(text, seg)
        anchor = _article_anchor(text, seg, covered)
        # The article's own date: its anchor as the title and the lines under it give it
        # (a one-year list's anchor is the year it covers, which only its title may state).
        issue = anchor if covered is None else _article_anchor(text, seg, None)
        header, header_places = _header(text, seg)
        context = tuple(p.adcode for p in header_places if p.adcode)
        jurisdiction = article_region(header, header_places)
        hong_kong = is_hong_kong_page(text, loaded.script == "traditional", jurisdiction)
        if hong_kong and jurisdiction is None:
            jurisdiction = hong_kong_region()
        # A letter names its addressee ("四川省人民政府：") before its first item.
        preamble_end = seg.entries[0].start if seg.entries else len(text)
        addressee = find_addressee(text[:preamble_end])
        # Full titles named before the first entry (in the title or the intro).
        preamble_titles = [d for d in extract_documents(text[:preamble_end])
                           if d.kind is not None]
        written.learn_titles(preamble_titles)
    entries: list[Entry] = []
    aliases: dict[str, str] = {}
    for span in seg.entries:
        entry = build_entry(text, span, anchor, context, addressee, clock=clock,
                            article_region=_list_jurisdiction(text, seg, span, jurisdiction),
                            known_aliases=aliases,
                            article_titles=preamble_titles, written=written,
                            local_currency="港元" if hong_kong else None)
        if entry.date is None and covered is not None:
            # SPEC: an item of a list that covers one year (2019年十大新闻) with no date of
            # its own takes that year.
            entry = entry.model_copy(update={
                "date": str(covered),
                "warnings": [*entry.warnings, Notice(
                    code="entry_date_from_list",
                    message=f"no date of its own: the list covers {covered}")],
            })
        entries.append(entry)
        if _written_with_year(entry, text):
            anchor = next_anchor(anchor, entry.date) or anchor
    warnings: list[Notice] = list(seg.warnings)
    if loaded.repaired:
        # One warning for the file, naming where: the text is kept, those characters lost.
        where = ", ".join(map(str, loaded.repaired[:_SHOWN_REPAIRS]))
        more = f" and {len(loaded.repaired) - _SHOWN_REPAIRS} more" if (
            len(loaded.repaired) > _SHOWN_REPAIRS) else ""
        warnings.append(Notice(
            code="repaired_bytes",
            message=f"{len(loaded.repaired)} damaged byte(s) (a NUL or a byte no encoding "
                    f"reads) replaced by U+FFFD at character {where}{more}",
        ))
    indents = lost_indentation(loaded.text)
    if indents:
        warnings.append(Notice(
            code="lost_indentation",
            message=f"{len(indents)} line(s) start with ? where an indentation was lost in a "
                    f"transcoding; read as blanks (characters {_shown_spans(indents)})",
        ))
    glosses = [m.span() for m in PINYIN_GLOSS.finditer(text)] if "(" in text else []
    if glosses:
        warnings.append(Notice(
            code="pinyin_glosses",
            message=f"{len(glosses)} pinyin gloss(es) after characters (萬(wàn)); dates and "
                    f"quantities are read past them (characters {_shown_spans(glosses)})",
        ))
    joined = [
        (t.start, t.end) for entry in entries for t in entry.targets
        if "\n" in t.text or "*" in t.text or "_" in t.text or _BLANK_IN_NUMBER.search(t.text)
    ]
    if joined:
        warnings.append(Notice(
            code="joined_quantities",
            message=f"{len(joined)} quantity(ies) read across a blank, a line break or Markdown "
                    f"emphasis (21 6个, 30⏎个, **30**个) (characters {_shown_spans(joined)})",
        ))
    if loaded.had_html:
        warnings.append(Notice(code="html_markup",
                               message="HTML tags were found and blanked out before segmenting"))
    return Article(
        source=Source(
            path=name,
            sha256=loaded.sha256,
            encoding=loaded.encoding,
            script=loaded.script,
            format=loaded.format,
            title=written.optional_slice(seg.title_start, seg.title_end, seg.title),
            attribution=written.optional_slice(seg.attribution_start, seg.attribution_end,
                                               seg.attribution),
            date=_anchor_date(issue),
        ),
        entries=entries,
        warnings=warnings,
        blocks=seg.blocks,
        text=written.text,
    )
