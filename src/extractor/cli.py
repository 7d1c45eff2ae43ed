"""Command line: `extractor run` and `extractor eval`, a thin layer over `batch` and `evaluate`.

Only click and the package version are imported at start-up; rich, pandas and the pipeline
are imported inside the commands, so `extractor --help` stays fast (measured ~0.1 s).
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from extractor import __version__
from extractor.commands import browse_command, report_command, schema_command, show_command

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from rich.console import Console

    from extractor.batch import BatchReport
    from extractor.evaluate import EvalReport, FieldScore

# Copies of batch.FORMATS and evaluate.FIELDS: importing those modules here would pull in
# pydantic and the pipeline before `--help`. tests/test_cli.py checks that the copies agree.
FORMAT_CHOICES: tuple[str, ...] = ("json", "jsonl", "csv", "parquet", "sqlite")
EVAL_FIELDS: tuple[str, ...] = (
    "entries", "headline", "date", "region", "places", "documents", "targets", "qualifier",
)
DEFAULT_INPUT = Path("raw")
DEFAULT_OUTPUT = Path("output")

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _console(*, stderr: bool = False) -> Console:
    from rich.console import Console

    # highlight=False: rich would otherwise colour numbers and paths inside file names.
    return Console(stderr=stderr, highlight=False)


def _say(console: Console, text: str) -> None:
    # markup=False: a file name like `[draft] x.txt` is text, not rich markup.
    console.print(text, markup=False, soft_wrap=True)


def _parse_floors(
    ctx: click.Context, param: click.Parameter, values: Sequence[str]
) -> dict[str, float]:
    """`--min-f1 places=0.95` -> {"places": 0.95}; unknown fields and bad numbers are usage
    errors."""
    floors: dict[str, float] = {}
    for value in values:
        field, sep, number = value.partition("=")
        field = field.strip()
        if not sep or field not in EVAL_FIELDS:
            raise click.BadParameter(
                f"{value!r}: expected FIELD=SCORE with FIELD one of {', '.join(EVAL_FIELDS)}"
            )
        try:
            floor = float(number)
        except ValueError:
            raise click.BadParameter(f"{value!r}: {number!r} is not a number") from None
        if not 0.0 <= floor <= 1.0:
            raise click.BadParameter(f"{value!r}: the score must be between 0 and 1")
        floors[field] = floor
    return floors


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="extractor")
def main() -> None:
    """Turn Chinese digest articles (政策汇总, 要闻速览) into structured, span-anchored data.

    \b
    Examples:
      extractor run                          # raw/*.txt -> output/
      extractor run a.txt more/ -o out -f json -f csv -f sqlite
      extractor eval tests/data/sample output --misses misses.csv --min-f1 places=0.95
      extractor show output/000_083a9808acf37448.json --entry 3
      extractor report output -o review      # HTML review pages, offline
      extractor browse output                # digest.sqlite in Datasette
      extractor schema -o article.schema.json
    """


# The viewer commands live in extractor/commands.py (click-only imports there too).
main.add_command(schema_command)
main.add_command(show_command)
main.add_command(report_command)
main.add_command(browse_command)


@main.command("run", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "-o", "--out-dir", type=click.Path(file_okay=False),
    default=DEFAULT_OUTPUT.as_posix(), show_default=True,
    help="Folder for the outputs (created if needed); also an fsspec URL (memory://, s3://).",
)
@click.option(
    "-f", "--format", "formats", type=click.Choice(FORMAT_CHOICES), multiple=True,
    default=("json", "csv"), show_default=True,
    help="Output format; repeat for several. json: one file per article; jsonl: "
    "OUT_DIR/entries.jsonl, an entry per line; csv, parquet: flat tables in OUT_DIR/tables/; "
    "sqlite: OUT_DIR/digest.sqlite.",
)
@click.option(
    "--allow-failures", is_flag=True,
    help="Exit 0 even when some files failed (they are still listed in run_report.json).",
)
@click.option(
    "-w", "--workers", type=click.IntRange(min=1), default=None,
    help="Local worker processes (default: the number of cores). Small runs use fewer.",
)
@click.option(
    "--engine", type=click.Choice(("local", "dask")), default="local", show_default=True,
    help="local: a process pool on this machine; dask: the Dask cluster at --scheduler "
    "(needs the `dask` extra; inputs and OUT_DIR must then be reachable by its workers).",
)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786.")
@click.option(
    "--max-size", "max_size_mb", type=click.FloatRange(min=0, min_open=True), default=50,
    show_default=True, metavar="MIB",
    help="Refuse input files larger than this many MiB (1 MiB = 1,048,576 bytes) before "
         "reading them.",
)
@click.option(
    "--timeout", "timeout_seconds", type=click.FloatRange(min=0), default=300,
    show_default=True, metavar="SECONDS",
    help="Fail a file whose extraction takes longer than this (0: no limit); the batch goes on.",
)
@click.option(
    "--force", is_flag=True,
    help="Extract every file again, even those whose earlier output is still valid.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print one line per file, with warnings.")
def run_command(
    paths: tuple[str, ...], out_dir: str, formats: tuple[str, ...], allow_failures: bool,
    workers: int | None, engine: str, scheduler: str | None, max_size_mb: float,
    timeout_seconds: float, force: bool, quiet: bool, verbose: bool,
) -> None:
    """Extract every article in PATHS (files, or folders of *.txt, *.md and saved *.html
    pages; default: raw/).

    Writes OUT_DIR/<name>.json per article, the flat tables (articles, entries, dates,
    places, documents, targets) and OUT_DIR/run_report.json. A file that cannot be read or
    extracted is reported and skipped; the exit code is 1 if any file failed.

    Re-runs are incremental: a file whose bytes are unchanged since the last run into
    OUT_DIR re-uses its <name>.json (see OUT_DIR/run_manifest.json); outputs of inputs that
    are gone are removed. PATHS and OUT_DIR may be fsspec URLs (memory://, s3://, file://).

    \b
    Examples:
      extractor run
      extractor run raw/ -o output
      extractor run one.txt two.txt -o out --format json --format sqlite
      extractor run raw/ --allow-failures -q --workers 4
      extractor run s3://bucket/raw -o s3://bucket/out --engine dask --scheduler tcp://h:8786
    """
    from contextlib import ExitStack

    from extractor import storage
    from extractor.batch import input_locations
    from extractor.parallel import dask_executor, default_workers

    inputs = list(paths) or [DEFAULT_INPUT.as_posix()]
    if not paths and not storage.exists(inputs[0]):
        raise click.UsageError(f"no PATHS given and the default {DEFAULT_INPUT}/ does not exist")
    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    files = input_locations(inputs)
    if not files:
        raise click.ClickException(
            f"no input files: no *.txt, *.md, *.html or *.htm in {', '.join(inputs)}")

    out, err = _console(), _console(stderr=True)
    with ExitStack() as stack:
        executor = stack.enter_context(dask_executor(scheduler)) if scheduler else None
        report = _run_with_progress(
            inputs, out_dir, formats, len(files), quiet, verbose, out, err,
            workers=workers or default_workers(), executor=executor, force=force,
            max_bytes=int(max_size_mb * 1024 * 1024), timeout=timeout_seconds or None,
        )

    for result in report.files:
        if result.status == "failed":
            _say(err, f"failed: {result.error}")
    if not quiet:
        _print_run_summary(out, report)
    if report.failed and not allow_failures:
        sys.exit(1)


def _run_with_progress(
    inputs: list[str], out_dir: str, formats: tuple[str, ...], total: int,
    quiet: bool, verbose: bool, out: Console, err: Console,
    *, workers: int, executor: Executor | None, force: bool, max_bytes: int,
    timeout: float | None,
) -> BatchReport:
    """Run the batch, with a progress bar only when stdout is a terminal (not in pipes, logs
    or tests, where bar redraws are noise)."""
    import sqlite3

    from extractor.batch import FileResult, run_batch
    from extractor.spool import OutputBusyError

    def on_file(result: FileResult) -> None:
        if verbose:
            line = (f"{result.status:8} {result.path}  entries={result.entries} "
                    f"mentions={result.mentions}  {result.seconds:.2f}s")
            _say(out, line)
            for warning in result.warnings:
                _say(out, f"         warning: {warning}")

    try:
        if quiet or verbose or not sys.stdout.isatty():
            return run_batch(inputs, out_dir, formats, progress=on_file, workers=workers,
                             executor=executor, force=force, keep_files=False,
                             max_bytes=max_bytes, timeout=timeout)
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        with Progress(
            "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=out, transient=True,
        ) as bar:
            task = bar.add_task("extracting", total=total)

            def advance(result: FileResult) -> None:
                bar.update(task, advance=1, description=Path(result.path).name)

            return run_batch(inputs, out_dir, formats, progress=advance, workers=workers,
                             executor=executor, force=force, keep_files=False,
                             max_bytes=max_bytes, timeout=timeout)
    except ValueError as exc:  # bad format or output folder: a usage problem, not a crash
        raise click.UsageError(str(exc)) from None
    except OutputBusyError as exc:  # another run writes there: one line, exit 1
        raise click.ClickException(str(exc)) from None
    except (OSError, sqlite3.Error) as exc:  # the output cannot be written: say why and where
        raise click.ClickException(write_failure(exc, out_dir)) from None


# What to do about a failed write, by its errno.
_WRITE_ADVICE = {
    errno.EACCES: "no permission to write there: fix its permissions or choose another -o",
    errno.EPERM: "no permission to write there: fix its permissions or choose another -o",
    errno.EROFS: "the file system is read-only: choose another -o",
    errno.ENOSPC: "the disk is full: free some space or choose another -o",
    errno.EDQUOT: "the disk quota is used up: free some space or choose another -o",
}


def write_failure(exc: OSError | Exception, out_dir: str | Path) -> str:
    """One line for a run whose output could not be written: where, why, what to do.

    >>> print(write_failure(PermissionError(13, "Permission denied", "/data/out/x"), "out"))
    /data/out/x: cannot write the output of out: no permission to write there: fix its \
permissions or choose another -o
    >>> import sqlite3
    >>> print(write_failure(sqlite3.OperationalError("database or disk is full"), "out"))
    out: cannot write the output: database or disk is full: free some space or choose \
another -o
    """
    if isinstance(exc, OSError):
        where = exc.filename or out_dir
        advice = _WRITE_ADVICE.get(exc.errno or 0, exc.strerror or str(exc))
        return f"{where}: cannot write the output of {out_dir}: {advice}"
    return f"{out_dir}: cannot write the output: {exc}: free some space or choose another -o"


def _print_run_summary(console: Console, report: BatchReport) -> None:
    """A one-line summary (stable, for logs and scripts), then a table for the eye."""
    from extractor.views import counted
    _say(
        console,
        f"{counted(report.totals.files, 'file')}: {report.ok} ok, {report.with_warnings} with "
        f"warnings, {report.failed} failed; {counted(report.entries, 'entry')}, "
        f"{counted(report.mentions, 'mention')}; "
        f"{report.extracted} extracted, {report.reused} re-used "
        f"({report.seconds:.2f}s) -> {report.out_dir}",
    )
    if not console.is_terminal:
        return
    from rich.table import Table

    table = Table(title="extractor run", show_header=True, header_style="bold")
    for column in ("ok", "with warnings", "failed", "entries", "mentions", "re-used", "seconds"):
        table.add_column(column, justify="right")
    table.add_row(
        f"[green]{report.ok}[/]", f"[yellow]{report.with_warnings}[/]",
        f"[red]{report.failed}[/]" if report.failed else "0", str(report.entries),
        str(report.mentions), str(report.reused), f"{report.seconds:.2f}",
    )
    console.print(table)


@main.command("eval", context_settings=CONTEXT)
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--misses", type=click.Path(dir_okay=False, path_type=Path),
    help="Write every miss (article, no, field, kind, expected, got) to this CSV file.",
)
@click.option(
    "--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the full report (counts and rates per field and article) as JSON.",
)
@click.option(
    "--min-f1", "floors", multiple=True, metavar="FIELD=SCORE", callback=_parse_floors,
    help="Fail (exit 1) when FIELD scores below SCORE: F1 for entries, places, documents, "
    "targets; accuracy for headline, date, region, qualifier. Repeatable.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only unmet floors.")
@click.option("-v", "--verbose", is_flag=True, help="Also print a table per article.")
def eval_command(
    gold_dir: Path, out_dir: Path, misses: Path | None, report_path: Path | None,
    floors: dict[str, float], quiet: bool, verbose: bool,
) -> None:
    """Score OUT_DIR/<name>.json against GOLD_DIR/<name>.gold.json (the scoring of docs/SPEC.md).

    A missing output counts as all entries missed. Prints precision, recall and F1 (or
    accuracy) per field; exits 1 when a --min-f1 floor is not met.

    \b
    Examples:
      extractor eval tests/data/sample output
      extractor eval gold/ output --misses misses.csv --report eval.json
      extractor eval gold/ output --min-f1 places=0.95 --min-f1 date=0.9
    """
    from extractor.evaluate import check_floors, evaluate, write_misses_csv
    from extractor.export import atomic_write_bytes

    try:
        report = evaluate(gold_dir, out_dir)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if misses is not None:
        write_misses_csv(report, misses)
    if report_path is not None:
        atomic_write_bytes(report_path, report.to_json().encode("utf-8"))

    out, err = _console(), _console(stderr=True)
    if not quiet:
        _print_eval(out, report, verbose)
    failures = check_floors(report, floors)
    for failure in failures:
        _say(err, f"below floor: {failure}")
    if failures:
        sys.exit(1)


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print_eval(console: Console, report: EvalReport, verbose: bool) -> None:
    from rich.table import Table

    from extractor.views import counted

    def field_table(title: str, scores: dict[str, FieldScore]) -> Table:
        table = Table(title=title)
        for header in ("field", "precision", "recall", "F1 / acc", "counts"):
            table.add_column(header, justify="left" if header == "field" else "right")
        for name, score in scores.items():
            if score.kind == "set":
                counts = f"tp={score.tp} fp={score.fp} fn={score.fn}"
                table.add_row(name, _rate(score.precision), _rate(score.recall),
                              _rate(score.f1), counts)
            else:
                table.add_row(name, "", "", _rate(score.accuracy),
                              f"{score.correct}/{score.total}")
        return table

    if verbose:
        for article in report.articles:
            title = article.article + ("" if article.error is None else f" ({article.error})")
            console.print(field_table(title, article.fields))
    console.print(field_table(f"overall ({counted(len(report.articles), 'article')})",
                              report.overall))
    missing = [a.article for a in report.articles if not a.output_found]
    if missing:
        _say(console, f"missing or unreadable outputs: {', '.join(missing)}")
    _say(console, f"{len(report.misses)} misses")
