"""Run the pipeline over many files: one JSON per article, combined flat tables, a run report.

Each file is read and extracted in its own try/except, so one broken file (binary junk, a
folder named `x.txt`, a bug the file triggers) is recorded as `failed` with its name and a
clear message, and every other file still gets its outputs.

Layout of `out_dir` (a local folder, a `file://` URL or any fsspec URL, see `storage`):
    <stem>.json           one per article (format `json`)
    tables/<table>.csv    flat tables of all articles that succeeded (format `csv`; also
    tables/<table>.parquet and digest.sqlite for `parquet` and `sqlite`)
    run_report.json       per file: status, error or warnings, counts, seconds
    run_manifest.json     per article JSON: the input bytes it came from (format `json`)

**Parallel.** Files are processed by `workers` local processes or on any
`concurrent.futures.Executor` given (a Dask cluster's, see `parallel.dask_executor`). Each
task reads its input, extracts, writes `<stem>.json` itself and sends back only the file's
result and its table rows already encoded as text. The parent takes results in input order,
so every output is the same bytes whatever the number of workers, and only the run report's
`seconds` fields differ between runs.

**Streaming.** Table rows are appended to spool files as results arrive and the tables are
written from the spool at the end (`spool`, `export.write_tables`); the run report's file
list and the manifest are streamed the same way. With `keep_files=False` the returned report
keeps only the failed files, so memory does not grow with the number of files.

**Incremental.** With format `json`, a file whose bytes, location and program version are
those recorded in `run_manifest.json` re-uses its `<stem>.json` (checked against the
recorded SHA-256) instead of being extracted again; its table rows are rebuilt from that
JSON, so the tables and the SQLite database still hold every article once. `force=True`
extracts everything. A `<stem>.json` listed in the previous manifest whose input is not
part of this run (deleted, renamed, or not given this time) is removed: the folder always
mirrors the last run. JSON files the manifest does not list are never touched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, Field

from extractor import __version__, pipeline, storage
from extractor.corpus.view import CorpusRecords, CorpusSpool, corpus_records
from extractor.export import (
    MENTION_TABLES,
    SQLITE_NAME,
    TABLE_FORMATS,
    ReadOnlyOutputError,
    Row,
    article_json,
    document_tables,
    path_key,
    write_sqlite_from_staging,
    write_tables,
)
from extractor.load import DEFAULT_MAX_BYTES
from extractor.manifest import (
    MANIFEST_NAME,
    REPORT_NAME,
    ManifestEntry,
    ManifestWriter,
    read_manifest,
)
from extractor.models import SCHEMA_VERSION
from extractor.parallel import WINDOW_PER_WORKER, ordered_map, process_pool
from extractor.spool import (
    EncodedRows,
    TableSpool,
    encode_tables,
    output_lock,
    spool_folder,
)

FORMATS: tuple[str, ...] = ("json", "jsonl", *TABLE_FORMATS)
# One entry per line, for streaming tools: every entry of every article, in input order.
JSONL_NAME = "entries.jsonl"
TABLES_DIR = "tables"
# Input files in a folder: text files (Markdown too: weeklies and news archives are kept as
# .md) and saved web pages, in any case (a.txt, B.HTML, c.MD).
INPUT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Stems whose `<stem>.json` would overwrite a file of the run itself.
RESERVED_STEMS = (Path(REPORT_NAME).stem, Path(MANIFEST_NAME).stem)
# A local pool is only started when each worker gets at least this many files: a worker
# that has to load the dictionaries itself needs seconds before its first article.
MIN_FILES_PER_WORKER = 8
# A local pool gets files in groups of this many once each worker has at least
# `FILES_PER_WORKER_TO_GROUP` of them: one round trip to a worker per group instead of per
# file, which halves the parent's share of a core on two cores. The first groups are no bigger
# than the rest, so short runs keep their progress bar smooth.
FILES_PER_GROUP = 4
FILES_PER_WORKER_TO_GROUP = 64

Status = Literal["ok", "warnings", "failed"]


class FileResult(BaseModel):
    """What happened to one input file."""

    path: str
    stem: str
    status: Status
    # True when `<stem>.json` of an earlier run was re-used instead of extracting again.
    reused: bool = False
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


class Totals(BaseModel):
    """Counts over all files of a run, kept as results arrive (the report's `summary`)."""

    files: int = 0
    ok: int = 0
    warnings: int = 0
    failed: int = 0
    extracted: int = 0
    reused: int = 0
    entries: int = 0
    mentions: int = 0

    def add(self, result: FileResult) -> None:
        self.files += 1
        setattr(self, result.status, getattr(self, result.status) + 1)
        if result.reused:
            self.reused += 1
        elif result.status != "failed":
            self.extracted += 1
        self.entries += result.entries
        self.mentions += result.mentions


class BatchReport(BaseModel):
    """The run report written to `out_dir/run_report.json`.

    `files` holds every file's result, or only the failed ones when the run was asked not to
    keep them all (`run_batch(keep_files=False)`); `run_report.json` always lists them all.
    """

    version: str = __version__
    schema_version: str = SCHEMA_VERSION
    out_dir: str
    formats: list[str]
    files: list[FileResult] = Field(default_factory=list)
    tables: list[str] = Field(default_factory=list)
    seconds: float = 0.0
    totals: Totals = Field(default_factory=Totals, exclude=True)

    @property
    def ok(self) -> int:
        return self.totals.ok

    @property
    def with_warnings(self) -> int:
        return self.totals.warnings

    @property
    def failed(self) -> int:
        return self.totals.failed

    @property
    def extracted(self) -> int:
        return self.totals.extracted

    @property
    def reused(self) -> int:
        return self.totals.reused

    @property
    def entries(self) -> int:
        return self.totals.entries

    @property
    def mentions(self) -> int:
        return self.totals.mentions

    def summary(self) -> dict[str, int]:
        return self.totals.model_dump()

    def to_json(self) -> str:
        """The report as `run_report.json` holds it (with the files this object kept)."""
        data = {"summary": self.summary(), **self.model_dump(mode="json")}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def iter_input_files(paths: Iterable[Path | str]) -> list[Path]:
    """The input files: folders expand to their `*.txt` entries (sorted by name, not
    recursive), other paths are kept as given, in argument order, each path once.

    Anything named `*.txt` in a folder is kept even if it is not a regular file (a folder
    named `x.txt`), and a path that does not exist is kept too: both then fail visibly in the
    run report instead of vanishing.
    """
    return [path for path, _ in _input_files_resolved(paths)]


def _input_files_resolved(
    paths: Iterable[Path | str], folders: dict[Path, Path] | None = None
) -> list[tuple[Path, Path]]:
    """`iter_input_files` with where each file resolves to (`folders`: `storage.resolved`)."""
    return storage.unique_resolved(
        (
            candidate
            for path in map(Path, paths)
            for candidate in (storage.local_files(path, INPUT_SUFFIXES) if path.is_dir()
                              else [path])
        ),
        folders,
    )


def input_locations(paths: Iterable[Path | str]) -> list[str]:
    """`iter_input_files` for locations that may be URLs (`memory://raw`, `s3://b/raw`,
    `file:///data/raw`): the files as location strings, local ones as POSIX paths."""
    files: list[str] = []
    seen: set[str] = set()
    folders: dict[Path, Path] = {}  # `extractor run raw/*.txt`: one folder, many arguments
    for raw in paths:
        local = storage.local_path(raw)
        if local is not None:
            found = [(p.as_posix(), key.as_posix())
                     for p, key in _input_files_resolved([local], folders)]
        else:
            folder = storage.normalize(raw)
            names = (storage.list_files(folder, INPUT_SUFFIXES) if storage.is_dir(folder)
                     else [folder])
            found = [(name, name) for name in names]
        for location, key in found:
            if key not in seen:
                seen.add(key)
                files.append(location)
    return files


def _folder_key(location: str) -> str:
    local = storage.local_path(location)
    return local.resolve().as_posix() if local is not None else storage.normalize(location)


def _input_folders(paths: Iterable[Path | str], files: Sequence[str]) -> set[str]:
    folders = {_folder_key(str(p)) for p in paths if storage.is_dir(storage.normalize(p))}
    located = [(f, storage.local_path(f)) for f in files]
    local = [path for _, path in located if path is not None]
    folders.update(key.parent.as_posix() for _, key in storage.resolved(local))
    folders.update(storage.normalize(f).rsplit("/", 1)[0] or "/" for f, path in located
                   if path is None)
    return folders


def _notices(document: dict[str, Any]) -> list[str]:
    """Article and entry warnings as `code: message` lines, entries prefixed by their seq."""
    lines = [f"{n['code']}: {n['message']}" for n in document["warnings"]]
    for entry in document["entries"]:
        lines.extend(f"entry {entry['seq']}: {n['code']}: {n['message']}"
                     for n in entry["warnings"])
    if not document["entries"]:
        # Not a pipeline error, but almost always a wrong input or a numbering style we miss.
        lines.append("no_entries: no numbered entries found")
    return lines


def _error_message(exc: BaseException) -> str:
    if isinstance(exc, ReadOnlyOutputError):  # names the output it would not replace
        return f"{exc.filename}: {exc.strerror}"
    # OSError's str() repeats the path; strerror alone reads better next to the file name.
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if isinstance(exc, FileTimeoutError):
        return str(exc)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class FileTask:
    """One input file to process (small: it is sent to a worker process or cluster)."""

    source: str  # local POSIX path or URL; recorded as `source.path`
    stem: str
    out_dir: str
    write_json: bool
    table_formats: tuple[str, ...] = ()
    previous: ManifestEntry | None = None  # the earlier run's record, for re-use
    error: str | None = None  # set by the parent when the file must not be processed
    max_bytes: int = DEFAULT_MAX_BYTES  # larger inputs are refused before they are read
    jsonl: bool = False  # send back the article's lines of entries.jsonl
    timeout: float | None = None  # seconds the extraction may take, then the file fails


@dataclass(frozen=True)
class FileOutcome:
    """What a task sends back: the result, the table rows encoded as text, the manifest
    entry of the JSON it wrote or re-used."""

    result: FileResult
    rows: EncodedRows | None = None
    entry: ManifestEntry | None = None
    jsonl: str = ""  # this article's lines of entries.jsonl
    # `report_item(result)`, made in the worker: the indented JSON costs the parent ~0.5 ms
    # a file (json.dumps with indent runs in Python), which it would take from the workers.
    report_item: str = ""
    # The article's document mentions and entries, linked across articles at the end.
    corpus: CorpusRecords | None = None


# The default time one file's extraction may take: a 50 MiB file of one entry takes ~20 s.
DEFAULT_TIMEOUT_SECONDS = 300.0


class FileTimeoutError(Exception):
    """A file's extraction took longer than its time limit (`--timeout`)."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise FileTimeoutError in this thread after `seconds` of wall time. Only in a main
    thread (the process pool's workers, or the run itself), by a real-time timer; elsewhere
    (Dask worker threads), and where the platform has no timer, no limit is set."""
    if (not seconds or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise FileTimeoutError(f"took longer than {seconds:g} s; raise --timeout or split the "
                               "file")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _reusable_json(task: FileTask, output: str, digest: str) -> bytes | None:
    """The earlier `<stem>.json` if it was made from these very input bytes, else None."""
    previous = task.previous
    if previous is None or previous.sha256 != digest or previous.path != task.source:
        return None
    try:
        data = storage.read_bytes(output)
    except OSError:
        return None
    return data if _sha256(data) == previous.output_sha256 else None


def process_task(task: FileTask) -> FileOutcome:
    """Read, extract (or re-use) and write one file; never raises for a problem with the file
    itself. Runs in a worker: everything it needs is in `task`."""
    started = time.perf_counter()
    result = FileResult(path=task.source, stem=task.stem, status="failed")
    if task.error is not None:
        result.stage, result.error = "read", task.error
        return FileOutcome(result)
    output = storage.join(task.out_dir, f"{task.stem}.json")
    stage = "read"
    try:
        if task.stem in RESERVED_STEMS:
            raise ValueError(f"the name {task.stem!r} is reserved for the run's own files; "
                             "rename the file")
        data = storage.read_bytes(task.source, task.max_bytes)
        digest = _sha256(data)
        encoded = _reusable_json(task, output, digest) if task.write_json else None
        result.reused = encoded is not None
        if encoded is None:
            stage = "extract"
            # Bytes in, not the path: the pipeline detects the encoding itself, and read
            # errors are reported here as read errors.
            with time_limit(task.timeout):
                article = pipeline.extract_article(data, path=task.source)
            stage = "write"
            encoded = article_json(article).encode("utf-8")
            if task.write_json:
                storage.write_bytes(output, encoded, sync=False)  # synced once at the end
        stage = "write"
        # Rows from the JSON text, fresh or re-used alike: the same JSON gives the same rows.
        document = json.loads(encoded)
        rows = _encode(document_tables(document), task.table_formats)
        corpus = (corpus_records(path_key(document["source"]["path"]), document)
                  if task.table_formats else None)
    except Exception as exc:  # one bad file must not stop the batch
        result.stage = stage
        result.error = f"{storage.name_of(task.source)}: {stage} failed: {_error_message(exc)}"
        result.reused = False
        # A JSON left over from an earlier run would be scored as this run's output; one
        # made read-only on purpose stays, and the failure says so.
        if task.write_json and not isinstance(exc, ReadOnlyOutputError):
            with suppress(OSError):
                storage.remove(output)
        result.seconds = round(time.perf_counter() - started, 4)
        return FileOutcome(result)
    result.warnings = _notices(document)
    result.status = "warnings" if result.warnings else "ok"
    result.entries = len(document["entries"])
    for name in MENTION_TABLES:
        setattr(result, name, sum(len(e[name]) for e in document["entries"]))
    result.mentions = sum(getattr(result, name) for name in MENTION_TABLES)
    entry = None
    if task.write_json:
        result.output = output
        entry = ManifestEntry(task.stem, task.source, digest, _sha256(encoded))
    result.seconds = round(time.perf_counter() - started, 4)
    return FileOutcome(result, rows, entry, entry_lines(document) if task.jsonl else "",
                       report_item(result), corpus)


def _encode(tables: dict[str, list[Row]], formats: Sequence[str]) -> EncodedRows:
    """Rows in the spool forms the table formats need."""
    return encode_tables(tables, csv_lines="csv" in formats, values="parquet" in formats,
                         cells="sqlite" in formats)


def entry_lines(document: dict[str, Any]) -> str:
    """The JSON Lines of one article: an entry per line, with the article's key and source
    path first, so each line stands on its own (`pandas.read_json(..., lines=True)`)."""
    article = Path(storage.name_of(document["source"]["path"])).stem
    return "".join(
        json.dumps({"article": article, "source": document["source"]["path"], **entry},
                   ensure_ascii=False) + "\n"
        for entry in document["entries"]
    )


def _tasks(
    files: Sequence[str], out_dir: str, formats: Sequence[str],
    previous: dict[str, ManifestEntry], stems: dict[str, str], max_bytes: int,
    timeout: float | None,
) -> Iterator[FileTask]:
    write_json = "json" in formats
    table_formats = tuple(f for f in formats if f in TABLE_FORMATS)
    for location in files:
        stem = Path(storage.name_of(location)).stem
        if stem in stems:
            # Two inputs with one stem would write the same <stem>.json and table keys.
            error = (f"{storage.name_of(location)}: same name as {stems[stem]}; "
                     "outputs would collide")
            yield FileTask(location, stem, out_dir, write_json, error=error)
            continue
        stems[stem] = location
        yield FileTask(location, stem, out_dir, write_json, table_formats, previous.get(stem),
                       max_bytes=max_bytes, jsonl="jsonl" in formats, timeout=timeout)


def process_tasks(group: Sequence[FileTask]) -> list[FileOutcome]:
    """`process_task` for each task of a group, in one round trip to a worker."""
    return [process_task(task) for task in group]


def _groups(tasks: Iterable[FileTask], size: int) -> Iterator[tuple[FileTask, ...]]:
    source = iter(tasks)
    while group := tuple(islice(source, size)):
        yield group


def _run_tasks(
    tasks: Iterable[FileTask], executor: Executor | None, window: int | None, group_size: int,
) -> Iterator[tuple[FileTask, FileOutcome | Exception]]:
    """`(task, outcome)` in input order, sent to the executor one task or one group at a
    time; a task's outcome is an exception only when its worker was lost."""
    if group_size <= 1:
        yield from ordered_map(process_task, tasks, executor, window)
        return
    group_window = max(2, window // group_size) if window else None
    for group, outcomes in ordered_map(process_tasks, _groups(tasks, group_size), executor,
                                       group_window):
        if isinstance(outcomes, Exception):
            # A worker died somewhere in the group: its files run again one by one, so only
            # the file that kills a worker fails.
            yield from ordered_map(process_task, group, executor, None)
        else:
            yield from zip(group, outcomes, strict=True)


def _lost_task(task: FileTask, exc: Exception) -> FileOutcome:
    """A task whose worker died or could not run it (a broken pool, a lost Dask worker)."""
    error = f"{storage.name_of(task.source)}: extract failed: worker lost: {_error_message(exc)}"
    result = FileResult(path=task.source, stem=task.stem, status="failed", stage="extract",
                        error=error)
    return FileOutcome(result)


def report_item(result: FileResult) -> str:
    """One file's entry in run_report.json's list, indented as `json.dumps(indent=2)`
    indents an item of a list inside the top object."""
    item = json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2)
    return "    " + item.replace("\n", "\n    ")


class _ReportWriter:
    """Streams the report's file list to a spool; `write` assembles `run_report.json`."""

    def __init__(self, spool: Path) -> None:
        self._path = spool
        self._handle: IO[str] = spool.open("w", encoding="utf-8")
        self._count = 0

    def add(self, result: FileResult, item: str = "") -> None:
        """Add `result`, whose `report_item` the worker may have made already."""
        self._handle.write(("" if self._count == 0 else ",\n") + (item or report_item(result)))
        self._count += 1

    def write(self, report: BatchReport, location: str) -> None:
        self._handle.close()
        marker = "\x00files\x00"
        data = {"summary": report.summary(), **report.model_dump(mode="json")}
        data["files"] = marker
        head, tail = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").split(
            json.dumps(marker))
        with storage.writing(location) as tmp, tmp.open("wb") as out:
            out.write(head.encode("utf-8"))
            if self._count == 0:
                out.write(b"[]")
            else:
                out.write(b"[\n")
                with self._path.open("rb") as spooled:
                    shutil.copyfileobj(spooled, out)
                out.write(b"\n  ]")
            out.write(tail.encode("utf-8"))


def run_batch(
    paths: Iterable[Path | str],
    out_dir: Path | str,
    formats: Sequence[str] = ("json", "csv"),
    *,
    progress: Callable[[FileResult], None] | None = None,
    workers: int | None = None,
    executor: Executor | None = None,
    force: bool = False,
    keep_files: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float | None = DEFAULT_TIMEOUT_SECONDS,
) -> BatchReport:
    """Extract every input file, write the outputs and `run_report.json`, return the report.

    `progress` is called after each file with its result, in input order (the CLI advances a
    bar with it). `executor` runs the files (any `concurrent.futures.Executor`: a process
    pool, a Dask cluster's `client.get_executor()`); without one, `workers` > 1 starts a
    local process pool (at most one worker per `MIN_FILES_PER_WORKER` files) and otherwise
    files run in this process. `force` extracts every file even when its earlier JSON could
    be re-used. `keep_files=False` keeps only failed files in the returned `report.files`.
    Inputs larger than `max_bytes` fail with a clear message before they are read; a file
    whose extraction takes longer than `timeout` seconds fails with one (None: no limit), and
    the batch goes on.

    Paths and `out_dir` may be fsspec URLs (`memory://`, `s3://`...), see `storage`.
    Raises ValueError before touching anything when a format is unknown or `out_dir` is one
    of the input folders (outputs must never land next to the inputs).
    """
    started = time.perf_counter()
    paths = list(paths)
    out = storage.normalize(out_dir)
    formats = list(dict.fromkeys(formats))  # each format once, order kept
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {', '.join(unknown)}; use {', '.join(FORMATS)}")
    files = input_locations(paths)
    if _folder_key(out) in _input_folders(paths, files):
        raise ValueError(f"output folder {out} is an input folder; choose another with -o")
    storage.make_dirs(out)

    write_json = "json" in formats
    report = BatchReport(out_dir=out, formats=formats)
    stems: dict[str, str] = {}
    local_out = storage.local_path(out)
    with ExitStack() as stack:
        if local_out is not None:
            # One run per output folder: a second one would mix its files into this one's
            # manifest and tables. A killed run's lock goes with its process.
            stack.enter_context(output_lock(local_out))
        previous = read_manifest(out) if write_json and not force else {}
        spool_dir = stack.enter_context(spool_folder(local_out))
        tables = TableSpool(spool_dir, stage_sqlite="sqlite" in formats)
        # The corpus records wait on disk for the linking at the end (`CorpusSpool`).
        corpus = CorpusSpool(spool_dir / ".corpus.sqlite.tmp")
        stack.callback(corpus.close)
        stack.callback(tables.close)
        # Spool names are dot-names ending .tmp, like every temporary file of a run: a killed
        # run leaves only those behind.
        report_writer = _ReportWriter(spool_dir / ".files.jsonl.tmp")
        jsonl = (stack.enter_context((spool_dir / f".{JSONL_NAME}.tmp").open("w", encoding="utf-8"))
                 if "jsonl" in formats else None)
        manifest = ManifestWriter(out) if write_json else None
        if manifest is not None:
            stack.push(lambda *exc: manifest.discard() if exc[0] is not None else None)
        if executor is None:
            wanted = min(workers or 1, len(files) // MIN_FILES_PER_WORKER)
            if wanted > 1:
                executor = stack.enter_context(process_pool(wanted))
        window = WINDOW_PER_WORKER * workers if workers and workers > 1 else None
        grouped = (executor is not None and workers is not None and workers > 1
                   and len(files) >= FILES_PER_WORKER_TO_GROUP * workers)
        tasks = _tasks(files, out, formats, previous, stems, max_bytes, timeout)
        for task, outcome in _run_tasks(tasks, executor, window,
                                        FILES_PER_GROUP if grouped else 1):
            if isinstance(outcome, Exception):
                outcome = _lost_task(task, outcome)
            result = outcome.result
            if outcome.rows is not None:
                tables.append(outcome.rows)
            if outcome.corpus is not None:
                corpus.add(outcome.corpus)
            if jsonl is not None and outcome.jsonl:
                jsonl.write(outcome.jsonl)
            if manifest is not None and outcome.entry is not None:
                manifest.add(outcome.entry)
            report_writer.add(result, outcome.report_item)
            report.totals.add(result)
            if keep_files or result.status == "failed":
                report.files.append(result)
            if progress is not None:
                progress(result)

        # The corpus tables link every article's records: one more chunk of rows, last.
        table_formats = [f for f in formats if f in TABLE_FORMATS]
        if table_formats:
            tables.append(_encode(corpus.tables(), table_formats))
        tables.close()
        if jsonl is not None:
            jsonl.close()
            built_jsonl = spool_dir / f".{JSONL_NAME}.tmp"
            with storage.writing(storage.join(out, JSONL_NAME)) as target:
                shutil.copyfile(built_jsonl, target)
            report.tables.append(storage.join(out, JSONL_NAME))
        # Remote outputs are built locally, then uploaded.
        table_dir = local_out / TABLES_DIR if local_out is not None else spool_dir / TABLES_DIR
        built: list[Path] = []
        database: list[Path] = []  # digest.sqlite sits at the top of the output folder
        for fmt in formats:
            if fmt == "csv":
                table_dir.mkdir(parents=True, exist_ok=True)
                built.extend(tables.write_csv(table_dir))
            elif fmt == "sqlite":
                database.append(table_dir.parent / SQLITE_NAME)
                write_sqlite_from_staging(database[-1], tables.staging)
            elif fmt in TABLE_FORMATS:
                built.extend(write_tables(table_dir, tables.tables(), [fmt]))
        if local_out is not None:
            report.tables += [p.as_posix() for p in [*built, *database]]
        else:
            report.tables += [*storage.upload_all(built, storage.join(out, TABLES_DIR)),
                              *storage.upload_all(database, out)]
        # Stale JSON first, then the manifest: a crash in between leaves an old manifest
        # that names missing files, which only costs their re-extraction.
        for stem in previous.keys() - stems.keys():
            storage.remove(storage.join(out, f"{stem}.json"))
        if manifest is not None:
            if local_out is not None:
                # Each <stem>.json was written without its own fsyncs; the manifest that
                # names them is committed only once they are on disk.
                storage.sync_local_files()
            manifest.commit()
        report.seconds = round(time.perf_counter() - started, 4)
        report_writer.write(report, storage.join(out, REPORT_NAME))
    return report
