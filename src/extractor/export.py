"""Export: an `Article` as deterministic JSON, as flat tables, and the atomic writers for both.

Flat tables are built from the models' own field lists, so a field added to `models.py` shows
up as a column without touching this module (and `tests/test_export.py` fails if a field type
appears that the tables do not know how to flatten). One row per entry / per mention, keyed by
`article` (the file stem), entry `seq` and, for mentions, `idx` (1-based position in the entry).

Every writer writes a temporary file in the destination folder, fsyncs it and `os.replace`s it
over the target, so a crash or a full disk never leaves a half-written file behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import tempfile
import types
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from extractor.models import (
    Article,
    DateMention,
    DocumentMention,
    Entry,
    Mention,
    Notice,
    PlaceMention,
    Region,
    Source,
    TargetMention,
)

if TYPE_CHECKING:
    import pandas as pd

Cell = str | int | float | None
Row = dict[str, Cell]
ColumnType = Literal["str", "int", "number"]
TableFormat = Literal["csv", "parquet", "sqlite"]

# Table name -> mention model, in the order the tables are written.
MENTION_TABLES: dict[str, type[Mention]] = {
    "dates": DateMention,
    "places": PlaceMention,
    "documents": DocumentMention,
    "targets": TargetMention,
}
TABLES: tuple[str, ...] = ("articles", "entries", *MENTION_TABLES)
TABLE_FORMATS: tuple[TableFormat, ...] = ("csv", "parquet", "sqlite")
SQLITE_NAME = "digest.sqlite"

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection:
# `=HYPERLINK(...)`, `-2+3`, `@SUM(...)`; tab and CR also trigger it in some Excel versions).
# `'` is included so that the escape is reversible: a reader strips exactly one leading `'`
# (Excel itself hides a leading apostrophe, so the cell still displays as written).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


@dataclass(frozen=True)
class Column:
    """One column of a flat table: its name, its value type and whether it may be empty."""

    name: str
    type: ColumnType
    nullable: bool


# ---------------------------------------------------------------------------------------------
# JSON per article


def article_json(article: Article) -> str:
    """The article as the JSON document of SPEC.md: model field order, UTF-8 text, 2-space
    indent, trailing newline. The same article always gives the same string.

    pydantic's own serializer writes the same bytes as `json.dumps(..., ensure_ascii=False,
    indent=2)` about 4x faster (with `indent`, `json.dumps` falls back to its pure-Python
    encoder, ~1 ms per article). The two differ only where `_needs_stdlib_json` says so; those
    rare articles take the `json.dumps` path, so every article gives the bytes it always gave.
    """
    if not _needs_stdlib_json(article):
        try:
            return article.model_dump_json(indent=2) + "\n"
        except PydanticSerializationError:
            pass  # a lone surrogate in the text: let json.dumps behave as it always did
    return _stdlib_json(article)


def _stdlib_json(article: Article) -> str:
    """The reference encoding. `allow_nan=False`: a NaN value would be written as `NaN`, which
    is not JSON; fail instead."""
    data = article.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# Python writes a float below 1e-4 with an exponent (5e-05) where pydantic writes 0.00005.
_SMALLEST_PLAIN_FLOAT = 1e-4


def _needs_stdlib_json(article: Article) -> bool:
    """True when pydantic would not write what `json.dumps` writes: a target value that
    becomes a float below 1e-4 (5e-05 vs 0.00005), or one that is not finite (json.dumps
    refuses NaN; pydantic would write null). Target values are the only floats in the models;
    `tests/test_export.py` fails if another float field appears."""
    for entry in article.entries:
        for target in entry.targets:
            value = target.value
            if value is None or (value.is_finite() and value == value.to_integral_value()):
                continue  # JSON integers are written alike
            if not value.is_finite() or abs(float(value)) < _SMALLEST_PLAIN_FLOAT:
                return True
    return False


def write_article_json(path: Path, article: Article) -> None:
    """Write `article_json(article)` to `path` atomically."""
    atomic_write_bytes(path, article_json(article).encode("utf-8"))


def article_key(article: Article) -> str:
    """The `article` key of the flat tables: the stem of `source.path` (`raw/x.txt` -> `x`).

    Backslashes are folded so that a Windows path gives the same key as a POSIX one.
    """
    return PurePosixPath(article.source.path.replace("\\", "/")).stem


# ---------------------------------------------------------------------------------------------
# Columns, derived from the models


def _column_type(annotation: Any) -> tuple[ColumnType, bool]:
    """Map a scalar field annotation to a column type and nullability.

    >>> _column_type(str | None)
    ('str', True)
    >>> _column_type(Literal["eq", "gt"])
    ('str', False)
    >>> _column_type(int)
    ('int', False)
    """
    nullable = False
    if get_origin(annotation) in (Union, types.UnionType):
        args = get_args(annotation)
        non_none = [a for a in args if a is not type(None)]
        if len(non_none) != 1:
            raise TypeError(f"cannot flatten a union of several types: {annotation!r}")
        nullable = len(non_none) < len(args)
        annotation = non_none[0]
    if get_origin(annotation) is Annotated:  # JsonDecimal = Annotated[Decimal, serializer]
        annotation = get_args(annotation)[0]
    if get_origin(annotation) is Literal:
        if not all(isinstance(a, str) for a in get_args(annotation)):
            raise TypeError(f"only string literals can be flattened: {annotation!r}")
        return "str", nullable
    # `bool` is a subclass of `int`: compare by identity so a bool field is refused, not
    # silently written as 0/1.
    if annotation is str:
        return "str", nullable
    if annotation is int:
        return "int", nullable
    if annotation in (Decimal, float):
        return "number", nullable
    raise TypeError(f"no column type for field annotation {annotation!r}")


def _notice_columns(name: str) -> list[Column]:
    """A `list[Notice]` field becomes a count, the codes and the full text, e.g.
    `warning_count=2`, `warning_codes="x;y"`, `warnings="x: ...\\ny: ..."`."""
    singular = name.removesuffix("s")
    return [
        Column(f"{singular}_count", "int", False),
        Column(f"{singular}_codes", "str", False),
        Column(name, "str", False),
    ]


def _model_columns(model: type[BaseModel], *, skip: Sequence[str] = ()) -> list[Column]:
    """Columns for the fields of `model`, in model order; nested lists and models flattened."""
    columns: list[Column] = []
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        annotation = field.annotation
        args = [a for a in get_args(annotation) if a is not type(None)]
        if get_origin(annotation) is list:
            item = args[0]
            if item is Notice:
                columns.extend(_notice_columns(name))
            elif isinstance(item, type) and issubclass(item, Mention):
                # The mentions themselves are rows of their own table; the entry keeps a count.
                columns.append(Column(f"{name.removesuffix('s')}_count", "int", False))
            else:
                raise TypeError(f"cannot flatten list field {model.__name__}.{name}")
        elif annotation is Region or args == [Region]:
            # Region is optional on an entry, so every region column may be empty.
            columns.extend(
                Column(f"{name}_{sub.name}", sub.type, True) for sub in _model_columns(Region)
            )
        elif annotation is Source:
            columns.extend(_model_columns(Source))
        else:
            type_, nullable = _column_type(annotation)
            columns.append(Column(name, type_, nullable))
    return columns


@cache
def table_columns(table: str) -> tuple[Column, ...]:
    """The columns of one flat table, in order, keys first.

    >>> [c.name for c in table_columns("targets")][:4]
    ['article', 'seq', 'idx', 'text']
    """
    key = Column("article", "str", False)
    if table == "articles":
        # `text` is left out: a whole article does not fit a spreadsheet cell (32,767 chars);
        # it is in the per-article JSON.
        return (
            key,
            *_model_columns(Article, skip=("entries", "warnings", "text")),
            Column("entry_count", "int", False),
            *_notice_columns("warnings"),
        )
    if table == "entries":
        return (key, *_model_columns(Entry))
    if table in MENTION_TABLES:
        keys = (key, Column("seq", "int", False), Column("idx", "int", False))
        return (*keys, *_model_columns(MENTION_TABLES[table]))
    raise KeyError(f"unknown table {table!r}; tables are {', '.join(TABLES)}")


# ---------------------------------------------------------------------------------------------
# Rows


def _notice_cells(name: str, notices: list[dict[str, Any]]) -> Row:
    singular = name.removesuffix("s")
    return {
        f"{singular}_count": len(notices),
        f"{singular}_codes": ";".join(n["code"] for n in notices),
        name: "\n".join(f"{n['code']}: {n['message']}" for n in notices),
    }


def _flatten(
    model: type[BaseModel], data: dict[str, Any], *, skip: Sequence[str] = ()
) -> Row:
    """The cells of one JSON-dumped model instance, matching `_model_columns(model)`."""
    row: Row = {}
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        value = data[name]
        annotation = field.annotation
        args = [a for a in get_args(annotation) if a is not type(None)]
        if get_origin(annotation) is list:
            if args[0] is Notice:
                row.update(_notice_cells(name, value))
            else:
                row[f"{name.removesuffix('s')}_count"] = len(value)
        elif annotation is Region or args == [Region]:
            for sub in _model_columns(Region):
                row[f"{name}_{sub.name}"] = None if value is None else value[sub.name]
        elif annotation is Source:
            row.update(_flatten(Source, value))
        else:
            row[name] = value
    return row


def article_tables(article: Article) -> dict[str, list[Row]]:
    """The flat-table rows of one article (see `flat_tables`)."""
    return document_tables(article.model_dump(mode="json"))


def document_tables(data: dict[str, Any]) -> dict[str, list[Row]]:
    """The flat-table rows of one article given as its JSON document (`json.loads` of
    `article_json`, or `model_dump(mode="json")`): the same rows as `article_tables`.

    The batch builds rows from the JSON text it writes, so a re-used `<stem>.json` from an
    earlier run gives exactly the rows a fresh extraction gives.
    """
    key = PurePosixPath(data["source"]["path"].replace("\\", "/")).stem
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    tables["articles"].append(
        {
            "article": key,
            **_flatten(Article, data, skip=("entries", "warnings", "text")),
            "entry_count": len(data["entries"]),
            **_notice_cells("warnings", data["warnings"]),
        }
    )
    for entry in data["entries"]:
        tables["entries"].append({"article": key, **_flatten(Entry, entry)})
        for table, model in MENTION_TABLES.items():
            for idx, mention in enumerate(entry[table], start=1):
                row: Row = {"article": key, "seq": entry["seq"], "idx": idx}
                tables[table].append({**row, **_flatten(model, mention)})
    return tables


def flat_tables(articles: Iterable[Article]) -> dict[str, list[Row]]:
    """Tables `articles`, `entries`, `dates`, `places`, `documents`, `targets`: one row per
    article / entry / mention, in input order, every model field a column (`table_columns`).

    Values are those of the JSON (`model_dump(mode="json")`): numbers as int or float, adcodes
    as strings, nulls as None.
    """
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    for article in articles:
        for name, rows in article_tables(article).items():
            tables[name].extend(rows)
    return tables


# ---------------------------------------------------------------------------------------------
# Atomic writes


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success fsync it and move it over `path`.

    The temporary file lives in the same folder because `os.replace` is only atomic within one
    file system. On any error the temporary file is removed and `path` is left untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        # mkstemp creates the file private (0600); outputs are meant to be shared.
        tmp.chmod(0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Persist the rename itself (POSIX); not possible on Windows, where it is skipped."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (temp file in the same folder, fsync, os.replace)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


# ---------------------------------------------------------------------------------------------
# CSV


def csv_cell(value: Cell) -> str:
    """One CSV cell: empty for null, numbers as written in JSON, text guarded against formulas.

    >>> csv_cell("=1+1"), csv_cell("-5%"), csv_cell("上海市"), csv_cell(None), csv_cell(25)
    ("'=1+1", "'-5%", '上海市', '', '25')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    if isinstance(value, bool):  # not produced by the models today; keep JSON spelling
        return "true" if value else "false"
    return str(value)


def csv_text(cell: str) -> str:
    """Undo `csv_cell` for a text cell: drop the one guarding apostrophe.

    >>> csv_text("'=1+1"), csv_text("''quoted"), csv_text("plain")
    ('=1+1', "'quoted", 'plain')
    """
    return cell[1:] if cell.startswith("'") else cell


def csv_bytes(columns: Sequence[str], rows: Iterable[Row]) -> bytes:
    """A CSV file: UTF-8 with BOM (Excel then reads Chinese correctly), CRLF line ends
    (RFC 4180), a header row, cells quoted only when needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(name)) for name in columns])
    return buffer.getvalue().encode("utf-8-sig")


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Row]) -> None:
    """Write rows as a spreadsheet-safe CSV file, atomically: the bytes of `csv_bytes`,
    streamed row by row so that a huge table never sits in memory."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(row.get(name)) for name in columns])


def read_csv_table(path: Path, table: str) -> pd.DataFrame:
    """Read a table CSV written by `write_tables` back into pandas with the right types.

    Adcodes and other codes stay strings (`"530100"`, not 530100), integers with gaps become
    `Int64`, text cells lose their formula guard, and only an empty cell is missing (a headline
    reading `NA` stays text).
    """
    import pandas as pd

    columns = table_columns(table)
    dtypes: dict[str, Any] = {}
    for column in columns:
        if column.type == "str":
            dtypes[column.name] = object  # unguarded below, then made `string`
        elif column.type == "int":
            dtypes[column.name] = "Int64"
        else:
            dtypes[column.name] = "float64"
    frame = pd.read_csv(
        path, encoding="utf-8-sig", dtype=dtypes, keep_default_na=False, na_values=[""]
    )
    for column in columns:
        if column.type == "str":
            empty = "" if not column.nullable else None
            values = [
                csv_text(v) if isinstance(v, str) else empty for v in frame[column.name]
            ]
            frame[column.name] = pd.array(values, dtype="string")
        elif column.type == "int" and not column.nullable:
            frame[column.name] = frame[column.name].astype("int64")
    return frame


# ---------------------------------------------------------------------------------------------
# Table writers


def write_tables(
    out_dir: Path, tables: Mapping[str, Iterable[Row]], formats: Iterable[str] = ("csv",)
) -> list[Path]:
    """Write every table in each of `formats` (`csv`, `parquet`, `sqlite`) into `out_dir`.

    csv: `<table>.csv`; parquet: `<table>.parquet`; sqlite: one `digest.sqlite` with one SQL
    table per flat table. Returns the paths written, in order.

    The rows are only iterated, once per format, never held: `tables` may map each name to a
    re-iterable reader over rows spooled on disk (the batch does, so memory stays flat).
    """
    written: list[Path] = []
    for fmt in formats:
        if fmt == "csv":
            for name in TABLES:
                path = out_dir / f"{name}.csv"
                write_csv(path, [c.name for c in table_columns(name)], tables.get(name, []))
                written.append(path)
        elif fmt == "parquet":
            for name in TABLES:
                path = out_dir / f"{name}.parquet"
                write_parquet(path, name, tables.get(name, []))
                written.append(path)
        elif fmt == "sqlite":
            path = out_dir / SQLITE_NAME
            write_sqlite(path, tables)
            written.append(path)
        else:
            raise ValueError(f"unknown table format {fmt!r}; use one of {TABLE_FORMATS}")
    return written


# Rows per Parquet row group: bounds the memory of writing a huge table (a row is ~1 KB).
PARQUET_ROW_GROUP = 50_000


def write_parquet(path: Path, table: str, rows: Iterable[Row]) -> None:
    """One table as Parquet with an explicit schema (so an empty table still has its columns
    and an all-null column keeps its type). Needs pyarrow (`pip install .[parquet]`).

    Rows are written in row groups of `PARQUET_ROW_GROUP`, so memory does not grow with the
    table; an empty table is one empty row group, as `pq.write_table` writes it.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_types = {"str": pa.string(), "int": pa.int64(), "number": pa.float64()}
    columns = table_columns(table)
    schema = pa.schema(
        [pa.field(c.name, arrow_types[c.type], nullable=c.nullable) for c in columns]
    )

    def arrow_table(batch: list[Row]) -> Any:
        data = {c.name: [row.get(c.name) for row in batch] for c in columns}
        return pa.Table.from_pydict(data, schema=schema)

    with atomic_path(path) as tmp, pq.ParquetWriter(tmp, schema) as writer:
        batch: list[Row] = []
        groups = 0
        for row in rows:
            batch.append(row)
            if len(batch) == PARQUET_ROW_GROUP:
                writer.write_table(arrow_table(batch))
                batch, groups = [], groups + 1
        if batch or not groups:
            writer.write_table(arrow_table(batch))


_SQL_TYPES = {"str": "TEXT", "int": "INTEGER", "number": "NUMERIC"}


def _sql_primary_key(table: str) -> tuple[str, ...]:
    if table == "articles":
        return ("article",)
    if table == "entries":
        return ("article", "seq")
    return ("article", "seq", "idx")


def _sql_foreign_key(table: str) -> str | None:
    """Entries belong to an article, mentions to an entry."""
    if table == "articles":
        return None
    if table == "entries":
        return 'FOREIGN KEY ("article") REFERENCES "articles" ("article")'
    return 'FOREIGN KEY ("article", "seq") REFERENCES "entries" ("article", "seq")'


# The columns people filter and join on: an entry's date and region, a place's code, a
# target's kind. (table, column) pairs; each gets its own index.
SQL_INDEXES: tuple[tuple[str, str], ...] = (
    ("entries", "date"),
    ("entries", "region_adcode"),
    ("dates", "value"),
    ("places", "adcode"),
    ("targets", "kind"),
)


def write_sqlite(path: Path, tables: Mapping[str, Iterable[Row]]) -> None:
    """All tables in one SQLite file, typed columns, primary and foreign keys (article,
    entry) and indexes on the columns people filter by, built from scratch.

    NUMERIC keeps integer values exact (a 64-bit INTEGER, not a REAL) and fractions as REAL.
    """
    with atomic_path(path) as tmp:
        connection = sqlite3.connect(tmp)
        try:
            # The file is private until renamed, so a rollback journal buys nothing.
            connection.execute("PRAGMA journal_mode=OFF")
            for name in TABLES:
                columns = table_columns(name)
                definitions = [
                    f'"{c.name}" {_SQL_TYPES[c.type]}{"" if c.nullable else " NOT NULL"}'
                    for c in columns
                ]
                keys = ", ".join(f'"{k}"' for k in _sql_primary_key(name))
                definitions.append(f"PRIMARY KEY ({keys})")
                foreign = _sql_foreign_key(name)
                if foreign is not None:
                    definitions.append(foreign)
                connection.execute(f'CREATE TABLE "{name}" ({", ".join(definitions)})')
                placeholders = ", ".join("?" for _ in columns)
                connection.executemany(
                    f'INSERT INTO "{name}" VALUES ({placeholders})',
                    ([row.get(c.name) for c in columns] for row in tables.get(name, [])),
                )
            for table, column in SQL_INDEXES:
                connection.execute(
                    f'CREATE INDEX "{table}_{column}" ON "{table}" ("{column}")'
                )
            connection.commit()
        finally:
            connection.close()
