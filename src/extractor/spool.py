"""Table rows spooled to disk while a batch runs, so memory stays flat with corpus size.

Each article's rows are encoded once, in the worker that made them (`encode_tables`), and
appended to the spool in input order, so the parent process does little more than copy:

- for CSV, as the final CSV lines (`export.csv_cell`, CRLF); at the end `write_csv` writes
  the BOM and header and copies the lines behind them: the bytes of `export.write_csv`;
- for Parquet, as JSON Lines of cell values in `table_columns` order, e.g.
  `["a", 1, 1, "2023年1月3日", 5, 14, ...]`; `tables()` gives re-iterable readers that
  `export.write_tables` streams from, one row at a time. JSON keeps every cell type the
  tables use (str, int, float, null) exactly: floats round-trip through `repr`;
- for SQLite, as lists of those cells, inserted into a staging database as they arrive
  (`TableSpool`), which the parent would otherwise have to decode from JSON first.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

try:  # POSIX only; elsewhere stale spools are left for the user to delete.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from extractor.export import (
    FORMULA_START,
    TABLES,
    Cell,
    Row,
    atomic_path,
    cell_lists,
    create_sqlite_staging,
    csv_bytes,
    csv_cell,
    sqlite_insert,
    table_columns,
)

# `json.dumps` with options builds a new encoder per call; a batch encodes ~70 rows a file.
_VALUES_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)


def encode_rows(table: str, rows: list[Row]) -> str:
    """The spool lines of `rows` of one table (empty string for no rows).

    >>> encode_rows("articles", [])
    ''
    """
    encode = _VALUES_ENCODER.encode
    return "".join([encode(cells) + "\n" for cells in cell_lists(table, rows)])


def encode_csv_rows(table: str, rows: list[Row]) -> str:
    """The CSV lines of `rows` of one table, as `export.write_csv` writes them (no header).

    >>> encode_csv_rows("articles", [{"article": "=x", "title": "上海"}])[:10]
    "'=x,,,,,上海"
    """
    columns = table_columns(table)
    # Only text cells can need the formula guard. The csv module writes None as an empty cell
    # and a number as `str` does, which is `csv_cell` for those: per-cell calls cost more than
    # the rest of the encoding. (Cells have their column's type: rows come from the models.)
    texts = [i for i, c in enumerate(columns) if c.type == "str"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for cells in cell_lists(table, rows):
        for i in texts:
            cell = cells[i]
            if isinstance(cell, str) and cell.startswith(FORMULA_START):
                cells[i] = csv_cell(cell)
        writer.writerow(cells)
    return buffer.getvalue()


@dataclass(frozen=True)
class EncodedRows:
    """One article's rows as the spool takes them, each field per table in `TABLES` order
    (empty where the run did not ask for that form)."""

    csv: tuple[str, ...] = ()  # CSV lines
    values: tuple[str, ...] = ()  # JSON Lines of cells, for Parquet
    cells: tuple[list[list[Cell]], ...] = ()  # cells, for the SQLite staging database


_Encoded = TypeVar("_Encoded")


def encode_tables(
    tables: Mapping[str, list[Row]], *, csv_lines: bool, values: bool, cells: bool = False
) -> EncodedRows:
    """The spool forms of one article's rows that the run asked for."""
    def per_table(encode: Callable[[str, list[Row]], _Encoded]) -> tuple[_Encoded, ...]:
        return tuple(encode(name, tables.get(name, [])) for name in TABLES)

    return EncodedRows(
        csv=per_table(encode_csv_rows) if csv_lines else (),
        values=per_table(encode_rows) if values else (),
        cells=per_table(lambda table, rows: list(cell_lists(table, rows))) if cells else (),
    )


SPOOL_PREFIX = ".spool-"
# The running batch holds an exclusive lock on this file; a spool whose lock can be taken
# belongs to a run that was killed. Named like every temporary file of a run (`.*.tmp`).
_LOCK_NAME = ".lock.tmp"
# A spool with no lock file at all is either from a run killed in the instant between creating
# the folder and locking it, or being created right now: only an old one is swept.
_UNLOCKED_GRACE_SECONDS = 600.0


# The lock an `extractor run` holds on its output folder while it writes there; named like
# every temporary file of a run (`.*.tmp`).
RUN_LOCK_NAME = ".run.lock.tmp"


class OutputBusyError(RuntimeError):
    """Another run is writing to the output folder; the message names it and what to do."""


@contextmanager
def output_lock(folder: Path) -> Iterator[None]:
    """Hold `folder`'s run lock, or raise OutputBusyError when a live run holds it. The lock is
    the operating system's (flock): a run that was killed holds none, so its folder is taken
    over without any clean-up. The lock file is removed when the run ends, while still held,
    so a finished run leaves nothing behind."""
    path = folder / RUN_LOCK_NAME
    with path.open("a") as handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutputBusyError(
                    f"{folder}: another extractor run is writing to this folder; wait for it "
                    "to finish or write to another folder with -o"
                ) from None
        # Holding the lock, no other run writes here: the temporary files a killed run left
        # at the top of the folder (.run_manifest.json.x1y2.tmp, .a.json.x1y2.tmp) are
        # nobody's and go.
        for leftover in folder.glob(".*.tmp"):
            if leftover != path and leftover.is_file():
                leftover.unlink(missing_ok=True)
        try:
            yield
        finally:
            path.unlink(missing_ok=True)


@contextmanager
def spool_folder(parent: Path | None) -> Iterator[Path]:
    """A fresh, locked `.spool-*` folder in `parent` (the system temp folder for None),
    removed on exit. Spools that killed runs left in `parent` are removed first."""
    if parent is not None:
        sweep_stale_spools(parent)
    folder = Path(tempfile.mkdtemp(prefix=SPOOL_PREFIX, dir=parent))
    try:
        with (folder / _LOCK_NAME).open("w") as lock:
            if fcntl is not None:
                fcntl.flock(lock, fcntl.LOCK_EX)
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def sweep_stale_spools(parent: Path) -> list[Path]:
    """Remove the `.spool-*` folders in `parent` whose run is gone; return them.

    A live run's spool is locked and kept, so two runs writing to one folder never remove
    each other's spool.
    """
    if fcntl is None or not parent.is_dir():
        return []
    removed = []
    for folder in sorted(parent.glob(SPOOL_PREFIX + "*")):
        if folder.is_dir() and _is_stale(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _is_stale(folder: Path) -> bool:
    assert fcntl is not None
    try:
        descriptor = os.open(folder / _LOCK_NAME, os.O_RDONLY)
    except FileNotFoundError:
        try:
            age = time.time() - folder.stat().st_mtime
        except OSError:
            return False
        return age > _UNLOCKED_GRACE_SECONDS
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # held: its run is alive
    finally:
        os.close(descriptor)  # closing the descriptor releases a lock taken here
    return True


class SpooledTable:
    """Re-iterable rows of one table read back from its spool file."""

    def __init__(self, table: str, path: Path) -> None:
        self.table = table
        self.path = path

    def __iter__(self) -> Iterator[Row]:
        names = [c.name for c in table_columns(self.table)]
        for cells in self.cell_lists():
            yield dict(zip(names, cells, strict=True))

    def cell_lists(self) -> Iterator[list[Cell]]:
        """The rows as spooled: cells in `table_columns` order (see `export.cell_lists`)."""
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                yield json.loads(line)


class TableSpool:
    """Append-only spool files, one per table, in `folder` (which the caller cleans up).

    With `stage_sqlite`, each article's rows also go into a scratch SQLite file as they come
    (`export.create_sqlite_staging`), while the workers are still busy, so that building
    digest.sqlite at the end (`export.write_sqlite_from_staging`) is a copy inside SQLite:
    decoding and inserting every row there left one core idle for ~1 ms per article.
    """

    def __init__(self, folder: Path, *, stage_sqlite: bool = False) -> None:
        self.folder = folder
        self._stack = ExitStack()
        # newline="": CSV lines carry their own CRLF.
        self._csv_handles: list[IO[str]] = [
            self._stack.enter_context(self._csv_part(name).open("w", encoding="utf-8", newline=""))
            for name in TABLES
        ]
        self._values_handles: list[IO[str]] = [
            self._stack.enter_context(self._values(name).open("w", encoding="utf-8", newline=""))
            for name in TABLES
        ]
        self.staging = folder / ".table-staging.sqlite.tmp"
        self._staging: sqlite3.Connection | None = None
        if stage_sqlite:
            self._staging = create_sqlite_staging(self.staging)
            self._stack.callback(self._staging.close)
        self._inserts = [sqlite_insert(name) for name in TABLES]

    # Names no other spool of the run can take: the batch spools entries.jsonl, the output,
    # in the same folder, and a table's values once shared its name (.entries.jsonl.tmp).
    def _csv_part(self, table: str) -> Path:
        return self.folder / f".table-{table}.csv-lines.tmp"

    def _values(self, table: str) -> Path:
        return self.folder / f".table-{table}.values.tmp"

    def append(self, encoded: EncodedRows) -> None:
        """Append one article's rows as made by `encode_tables`."""
        # strict=False: a form the run did not ask for is an empty tuple.
        for handle, text in zip(self._csv_handles, encoded.csv, strict=False):
            if text:
                handle.write(text)
        for handle, text in zip(self._values_handles, encoded.values, strict=False):
            if text:
                handle.write(text)
        if self._staging is not None:
            for insert, cells in zip(self._inserts, encoded.cells, strict=False):
                if cells:
                    self._staging.executemany(insert, cells)

    def write_csv(self, out_dir: Path) -> list[Path]:
        """`out_dir/<table>.csv` for every table, atomically (call after `close`)."""
        written = []
        for name in TABLES:
            path = out_dir / f"{name}.csv"
            header = csv_bytes([c.name for c in table_columns(name)], [])
            with atomic_path(path) as tmp, tmp.open("wb") as out:
                out.write(header)
                with self._csv_part(name).open("rb") as part:
                    shutil.copyfileobj(part, out)
            written.append(path)
        return written

    def close(self) -> None:
        """Close the spool files and commit the staging database (again: a no-op)."""
        if self._staging is not None:
            self._staging.commit()
            self._staging = None
        self._stack.close()

    def tables(self) -> dict[str, SpooledTable]:
        """Readers for `export.write_tables` (call after `close`)."""
        return {name: SpooledTable(name, self._values(name)) for name in TABLES}
