"""Run the pipeline over many files: one JSON per article, combined flat tables, a run report.

Each file is read and extracted in its own try/except, so one broken file (binary junk, a
folder named `x.txt`, a bug the file triggers) is recorded as `failed` with its name and a
clear message, and every other file still gets its outputs.

Layout of `out_dir`:
    <stem>.json           one per article (format `json`)
    tables/<table>.csv    flat tables of all articles that succeeded (format `csv`; also
    tables/<table>.parquet, tables/tables.sqlite for `parquet` and `sqlite`)
    run_report.json       per file: status, error or warnings, counts, seconds
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from extractor import __version__, pipeline
from extractor.export import (
    MENTION_TABLES,
    TABLE_FORMATS,
    TABLES,
    Row,
    article_tables,
    atomic_write_bytes,
    write_article_json,
    write_tables,
)
from extractor.models import Article

FORMATS: tuple[str, ...] = ("json", *TABLE_FORMATS)
REPORT_NAME = "run_report.json"
TABLES_DIR = "tables"
INPUT_GLOB = "*.txt"

Status = Literal["ok", "warnings", "failed"]


class FileResult(BaseModel):
    """What happened to one input file."""

    path: str
    stem: str
    status: Status
    # `read`, `extract` or `write`: where it failed (None when it did not).
    stage: str | None = None
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
    entries: int = 0
    mentions: int = 0
    dates: int = 0
    places: int = 0
    documents: int = 0
    targets: int = 0
    seconds: float = 0.0
    output: str | None = None


class BatchReport(BaseModel):
    """The run report written to `out_dir/run_report.json`."""

    version: str = __version__
    out_dir: str
    formats: list[str]
    files: list[FileResult] = Field(default_factory=list)
    tables: list[str] = Field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: Status) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def ok(self) -> int:
        return self.count("ok")

    @property
    def with_warnings(self) -> int:
        return self.count("warnings")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def entries(self) -> int:
        return sum(f.entries for f in self.files)

    @property
    def mentions(self) -> int:
        return sum(f.mentions for f in self.files)

    def summary(self) -> dict[str, int]:
        return {
            "files": len(self.files),
            "ok": self.ok,
            "warnings": self.with_warnings,
            "failed": self.failed,
            "entries": self.entries,
            "mentions": self.mentions,
        }

    def to_json(self) -> str:
        data = {"summary": self.summary(), **self.model_dump(mode="json")}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def iter_input_files(paths: Iterable[Path | str]) -> list[Path]:
    """The input files: folders expand to their `*.txt` entries (sorted by name, not
    recursive), other paths are kept as given, in argument order, each path once.

    Anything named `*.txt` in a folder is kept even if it is not a regular file (a folder
    named `x.txt`), and a path that does not exist is kept too: both then fail visibly in the
    run report instead of vanishing.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        candidates = sorted(path.glob(INPUT_GLOB)) if path.is_dir() else [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                files.append(candidate)
    return files


def _input_folders(paths: Iterable[Path | str], files: Sequence[Path]) -> set[Path]:
    folders = {Path(p).resolve() for p in paths if Path(p).is_dir()}
    folders.update(f.resolve().parent for f in files)
    return folders


def _notices(article: Article) -> list[str]:
    """Article and entry warnings as `code: message` lines, entries prefixed by their seq."""
    lines = [f"{n.code}: {n.message}" for n in article.warnings]
    for entry in article.entries:
        lines.extend(f"entry {entry.seq}: {n.code}: {n.message}" for n in entry.warnings)
    if not article.entries:
        # Not a pipeline error, but almost always a wrong input or a numbering style we miss.
        lines.append("no_entries: no numbered entries found")
    return lines


def _error_message(exc: BaseException) -> str:
    # OSError's str() repeats the path; strerror alone reads better next to the file name.
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def process_file(
    path: Path, out_dir: Path, formats: Sequence[str]
) -> tuple[FileResult, Article | None]:
    """Read, extract and write one file; never raises for a problem with the file itself."""
    started = time.perf_counter()
    stem = path.stem
    result = FileResult(path=path.as_posix(), stem=stem, status="failed")
    article: Article | None = None
    stage = "read"
    try:
        if stem == Path(REPORT_NAME).stem:
            raise ValueError(f"the name {stem!r} is reserved for the run report; rename the file")
        data = path.read_bytes()
        stage = "extract"
        # Bytes in, not the path: the pipeline detects the encoding itself, and read errors
        # are reported here as read errors.
        article = pipeline.extract_article(data, path=path.as_posix())
        stage = "write"
        if "json" in formats:
            output = out_dir / f"{stem}.json"
            write_article_json(output, article)
            result.output = output.as_posix()
    except Exception as exc:  # one bad file must not stop the batch
        result.stage = stage
        result.error = f"{path.name}: {stage} failed: {_error_message(exc)}"
        article = None
        # A JSON left over from an earlier run would be scored as this run's output.
        if "json" in formats:
            (out_dir / f"{stem}.json").unlink(missing_ok=True)
    else:
        result.warnings = _notices(article)
        result.status = "warnings" if result.warnings else "ok"
        result.entries = len(article.entries)
        for name in MENTION_TABLES:
            setattr(result, name, sum(len(getattr(e, name)) for e in article.entries))
        result.mentions = sum(getattr(result, name) for name in MENTION_TABLES)
    result.seconds = round(time.perf_counter() - started, 4)
    return result, article


def run_batch(
    paths: Iterable[Path | str],
    out_dir: Path | str,
    formats: Sequence[str] = ("json", "csv"),
    *,
    progress: Callable[[FileResult], None] | None = None,
) -> BatchReport:
    """Extract every input file, write the outputs and `run_report.json`, return the report.

    `progress` is called after each file with its result (the CLI advances a bar with it).
    Raises ValueError before touching anything when a format is unknown or `out_dir` is one of
    the input folders (outputs must never land next to the inputs).
    """
    started = time.perf_counter()
    paths = list(paths)
    out_dir = Path(out_dir)
    formats = list(dict.fromkeys(formats))  # each format once, order kept
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; use {', '.join(FORMATS)}")
    files = iter_input_files(paths)
    if out_dir.resolve() in _input_folders(paths, files):
        raise ValueError(f"output folder {out_dir} is an input folder; choose another with -o")
    out_dir.mkdir(parents=True, exist_ok=True)

    report = BatchReport(out_dir=out_dir.as_posix(), formats=formats)
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    stems: dict[str, str] = {}
    for path in files:
        if path.stem in stems:
            # Two inputs with one stem would write the same <stem>.json and table keys.
            result = FileResult(
                path=path.as_posix(), stem=path.stem, status="failed", stage="read",
                error=f"{path.name}: same name as {stems[path.stem]}; outputs would collide",
            )
        else:
            stems[path.stem] = path.as_posix()
            result, article = process_file(path, out_dir, formats)
            if article is not None:
                for name, rows in article_tables(article).items():
                    tables[name].extend(rows)
        report.files.append(result)
        if progress is not None:
            progress(result)

    table_formats = [f for f in formats if f in TABLE_FORMATS]
    written = write_tables(out_dir / TABLES_DIR, tables, table_formats)
    report.tables = [p.as_posix() for p in written]
    report.seconds = round(time.perf_counter() - started, 4)
    atomic_write_bytes(out_dir / REPORT_NAME, report.to_json().encode("utf-8"))
    return report
