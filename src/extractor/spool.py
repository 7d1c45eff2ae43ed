"""Table rows spooled to disk while a batch runs, so memory stays flat with corpus size.

Each article's rows are encoded once (in the worker that made them) as JSON Lines of cell
values in `table_columns` order, e.g. `["a", 1, 1, "2023年1月3日", 5, 14, ...]`, and appended
to one file per table in input order. At the end `TableSpool.tables()` gives re-iterable
readers that `export.write_tables` streams into CSV, Parquet and SQLite, one row at a time.
JSON keeps every cell type the tables use (str, int, float, null) exactly: floats
round-trip through `repr`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from extractor.export import TABLES, Row, table_columns


def encode_rows(table: str, rows: list[Row]) -> str:
    """The spool lines of `rows` of one table (empty string for no rows).

    >>> encode_rows("articles", [])
    ''
    """
    names = [c.name for c in table_columns(table)]
    return "".join(
        json.dumps([row.get(name) for name in names], ensure_ascii=False, allow_nan=False)
        + "\n"
        for row in rows
    )


def encode_tables(tables: Mapping[str, list[Row]]) -> tuple[str, ...]:
    """One spool text per table, in `TABLES` order."""
    return tuple(encode_rows(name, tables.get(name, [])) for name in TABLES)


class SpooledTable:
    """Re-iterable rows of one table read back from its spool file."""

    def __init__(self, table: str, path: Path) -> None:
        self.table = table
        self.path = path

    def __iter__(self) -> Iterator[Row]:
        names = [c.name for c in table_columns(self.table)]
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                yield dict(zip(names, json.loads(line), strict=True))


class TableSpool:
    """Append-only spool files, one per table, in `folder` (which the caller cleans up)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._stack = ExitStack()
        self._handles: dict[str, IO[str]] = {
            name: self._stack.enter_context((folder / f"{name}.jsonl").open("w", encoding="utf-8"))
            for name in TABLES
        }

    def append(self, encoded: tuple[str, ...]) -> None:
        """Append one article's rows as made by `encode_tables`."""
        for name, text in zip(TABLES, encoded, strict=True):
            if text:
                self._handles[name].write(text)

    def close(self) -> None:
        self._stack.close()

    def tables(self) -> dict[str, SpooledTable]:
        """Readers for `export.write_tables` (call after `close`)."""
        return {name: SpooledTable(name, self.folder / f"{name}.jsonl") for name in TABLES}
