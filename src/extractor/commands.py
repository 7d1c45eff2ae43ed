"""The viewer commands: `extractor schema`, `extractor show`, `extractor report`.

Registered on the `extractor` group in `cli.py`. Like `cli.py`, this module imports only click
at start-up: pydantic, rich and the pipeline are imported inside the commands, so that
`extractor --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text as Text_

    from extractor.models import Article, Entry, Mention

# Same as cli.CONTEXT (not imported: cli imports this module).
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_REPORT_DIR = Path("report")


def _console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _load(path: Path) -> Article:
    """One article from an output JSON or an input text; a bad file is a clean error."""
    from extractor.sources import load_article

    try:
        return load_article(path)
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{path}: {exc}") from None


# --- schema -----------------------------------------------------------------------------------


@click.command("schema", context_settings=CONTEXT)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file (atomically) instead of printing it.",
)
def schema_command(output: Path | None) -> None:
    """Print the JSON Schema of the per-article JSON that `extractor run` writes.

    Generated from the models (draft 2020-12); the flat tables are described in
    docs/data-dictionary.md.

    \b
    Examples:
      extractor schema
      extractor schema -o article.schema.json
      extractor schema | jq '.["$defs"].TargetMention'
    """
    from extractor.schema import article_json_schema_text

    text = article_json_schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    from extractor.export import atomic_write_bytes

    atomic_write_bytes(output, text.encode("utf-8"))


# --- show -------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    from decimal import Decimal

    from extractor.views import format_number

    if value is None:
        return "-"
    if isinstance(value, Decimal):
        return format_number(value)
    return str(value)


def _entries_table(article: Article, width: int) -> Table:
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from extractor.views import format_document, format_region, format_target

    title = article.source.title or Path(article.source.path).name
    table = Table(title=Text(title), show_lines=True, title_justify="left")
    targets = ["\n".join(format_target(t) for t in entry.targets) for entry in article.entries]
    # A target line is never split inside its number (500,000,0 / 00,000 元): its column is at
    # least as wide as the longest line, up to a share of a narrow terminal.
    target_width = min(max((cell_len(line) for text in targets for line in text.split("\n")),
                           default=7), _MAX_TARGET_CELLS, max(7, width - _OTHER_COLUMNS_CELLS))
    for header in ("#", "no", "date", "region", "headline", "documents", "targets", "warn"):
        numeric = header in ("#", "no", "warn")
        # fold: long Chinese titles wrap at any character instead of being cut off with "…".
        table.add_column(header, justify="right" if numeric else "left", overflow="fold",
                         no_wrap=header in ("#", "no", "date", "warn"),
                         min_width=target_width if header == "targets" else None)
    for entry, target_text in zip(article.entries, targets, strict=True):
        table.add_row(
            str(entry.seq), str(entry.no), entry.date or "-",
            Text(format_region(entry.region)), Text(entry.headline),
            Text("\n".join(format_document(d) for d in entry.documents)),
            Text(target_text), str(len(entry.warnings)),
        )
    return table


# The widest a target column gets to keep its lines whole (`> 500,000,000,000 元` is 19),
# and what the other columns need at the least (#, no, date, warn and three narrow ones).
_MAX_TARGET_CELLS = 24
_OTHER_COLUMNS_CELLS = 60


def _mention_table(title: str, mentions: list[Mention], width: int) -> Table | Text_:
    """One table per mention type; columns are the model's fields, so none is ever left out.
    Where the headers alone do not fit the terminal (`width`), one block per mention instead
    (`field: value` lines), so no header is cut (value_star / t)."""
    from rich.table import Table
    from rich.text import Text

    fields = [f for f in type(mentions[0]).model_fields if f not in ("start", "end")]
    headers = ["idx", "span", *fields]
    # Each column: its header, one blank either side and a border.
    if sum(len(h) + 3 for h in headers) + 1 > width:
        lines = [f"{title} ({len(mentions)})"]
        for idx, mention in enumerate(mentions, start=1):
            lines.append(f"  {idx}. span {mention.start}-{mention.end}")
            lines += [f"     {name}: {_cell(getattr(mention, name))}" for name in fields]
        return Text("\n".join(lines))
    table = Table(title=Text(f"{title} ({len(mentions)})"), title_justify="left")
    table.add_column("idx", justify="right")
    table.add_column("span", no_wrap=True)
    for name in fields:
        table.add_column(name, overflow="fold", min_width=len(name))
    for idx, mention in enumerate(mentions, start=1):
        values = [Text(_cell(getattr(mention, name))) for name in fields]
        table.add_row(str(idx), f"{mention.start}-{mention.end}", *values)
    return table


def _print_entry(console: Console, entry: Entry) -> None:
    from rich.text import Text

    from extractor.views import format_region

    region = format_region(entry.region)
    if entry.region is not None and entry.region.rule:
        region += f" (rule {entry.region.rule}, level {entry.region.level or '-'})"
    lines = [
        f"entry #{entry.seq} · no {entry.no}" + (f" · section {entry.section}" if entry.section
                                                else ""),
        f"headline: {entry.headline}",
        f"date:     {entry.date or '-'}",
        f"region:   {region}",
        f"span:     {entry.start}-{entry.end}",
    ]
    console.print(Text("\n".join(lines)))
    for notice in entry.warnings:
        console.print(Text(f"warning {notice.code}: {notice.message}", style="red"))
    for title in ("dates", "places", "documents", "targets"):
        mentions: list[Mention] = list(getattr(entry, title))
        if mentions:
            console.print(_mention_table(title, mentions, console.width))
        else:
            console.print(Text(f"{title}: none"))


@click.command("show", context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-e", "--entry", "entry_seq", type=int, metavar="N",
    help="Show entry N (the # column, i.e. its seq) with every mention in detail.",
)
def show_command(file: Path, entry_seq: int | None) -> None:
    """Print one article's entries as a table: #, no, date, region, headline, documents,
    targets (value, unit, qualifier sign) and the number of warnings.

    FILE is an output JSON of `extractor run` or an input article (then extracted first).
    Targets read `> 500,000,000,000 元` for 超过5000亿元: > gt, ≥ gte, < lt, ≤ lte, ≈ approx.

    \b
    Examples:
      extractor show output/000_083a9808acf37448.json
      extractor show raw/000_083a9808acf37448.txt
      extractor show output/000_083a9808acf37448.json --entry 3
    """
    from extractor.views import counted

    article = _load(file)
    console = _console()
    if entry_seq is None:
        console.print(_entries_table(article, console.width))
        warnings = len(article.warnings) + sum(len(e.warnings) for e in article.entries)
        console.print(f"{counted(len(article.entries), 'entry')}, {counted(warnings, 'warning')}",
                      markup=False)
        return
    entry = next((e for e in article.entries if e.seq == entry_seq), None)
    if entry is None:
        valid = f"1..{len(article.entries)}" if article.entries else "none: no entries"
        raise click.BadParameter(f"no entry {entry_seq} (entries: {valid})",
                                 param_hint="'--entry'")
    _print_entry(console, entry)


# --- report -----------------------------------------------------------------------------------


@click.command("report", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--out-dir", type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_REPORT_DIR, show_default=True,
    help="Folder for the HTML pages (created if needed).",
)
def report_command(paths: tuple[Path, ...], out_dir: Path) -> None:
    """Write a self-contained HTML review page per article and OUT_DIR/index.html.

    Each page shows the article text with every mention highlighted by type (date, place,
    document, target), the normalized value and rule on hover, each entry's facts and
    warnings beside it, and a table of the entries. No network needed to view it.

    PATHS are output JSON files, input articles (extracted first), or folders of either.
    A file that cannot be read is reported and skipped; the exit code is then 1.

    \b
    Examples:
      extractor report output -o review
      extractor report output/000_083a9808acf37448.json -o review
      extractor report raw/*.txt -o review
    """
    from extractor.review import write_report
    from extractor.sources import article_paths, load_article
    from extractor.views import counted

    files = article_paths(paths)
    if not files:
        raise click.ClickException("no articles: no *.json or *.txt in the given folders")
    err = _console(stderr=True)
    articles = []
    failed = 0
    for path in files:
        try:
            articles.append(load_article(path))
        except Exception as exc:  # one bad file must not stop the others
            failed += 1
            err.print(f"failed: {path}: {exc}", markup=False)
    if articles:
        written = write_report(articles, out_dir)
        click.echo(f"{counted(len(articles), 'page')} -> {written[-1].as_posix()}")
    if failed:
        sys.exit(1)


# --- browse -----------------------------------------------------------------------------------


@click.command("browse", context_settings=CONTEXT)
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on (0.0.0.0 shares it on the network).")
@click.option("-p", "--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--open/--no-open", "open_browser", default=False, show_default=True,
              help="Open the page in a web browser.")
def browse_command(out_dir: Path, host: str, port: int, open_browser: bool) -> None:
    """Serve OUT_DIR/digest.sqlite in Datasette, to browse and query it in a web browser.

    Every table and column is described (from the data dictionary), tables offer facets on
    region, kind, unit and year, and canned queries answer: money targets by province and
    year, documents by issuer, events reported most often. Read-only; stop with Ctrl-C.
    Needs Datasette: pip install 'digest-extractor[browse]'.

    \b
    Examples:
      extractor run raw -o output -f sqlite && extractor browse output --open
    """
    import asyncio
    import webbrowser

    from extractor.browse import browse_app

    try:
        app = browse_app(out_dir)
    except (FileNotFoundError, ImportError) as exc:
        raise click.ClickException(str(exc)) from exc
    import uvicorn

    asyncio.run(app.invoke_startup())
    url = f"http://{host}:{port}/"
    click.echo(f"Serving {out_dir / 'digest.sqlite'} at {url} (Ctrl-C stops)")
    if open_browser:
        webbrowser.open(url)
    uvicorn.run(app.app(), host=host, port=port, log_level="warning")
