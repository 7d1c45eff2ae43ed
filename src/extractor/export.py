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
import errno
import io
import json
import operator
import os
import sqlite3
import stat
import tempfile
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path, PurePosixPath
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Literal,
    Union,
    get_args,
    get_origin,
)

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError

from extractor.corpus.view import (
    CORPUS_KEYS,
    CORPUS_TABLES,
    CorpusRecords,
    corpus_records,
    corpus_tables,
)
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
# The corpus tables (documents and events across articles) come last: they are linked once
# every article is read.
TABLES: tuple[str, ...] = ("articles", "entries", *MENTION_TABLES, *CORPUS_TABLES)
TABLE_FORMATS: tuple[TableFormat, ...] = ("csv", "parquet", "sqlite")
SQLITE_NAME = "digest.sqlite"

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection:
# `=HYPERLINK(...)`, `-2+3`, `@SUM(...)`; tab and CR also trigger it in some Excel versions).
# `'` is included so that the escape is reversible: a reader strips exactly one leading `'`
# (Excel itself hides a leading apostrophe, so the cell still displays as written).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


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
    return path_key(article.source.path)


def path_key(path: str) -> str:
    """`article_key` of a `source.path`."""
    return PurePosixPath(path.replace("\\", "/")).stem


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
        kind = _field_kind(model, name, field.annotation)
        if kind == "notices":
            columns.extend(_notice_columns(name))
        elif kind == "count":
            # The mentions themselves are rows of their own table; the entry keeps a count.
            columns.append(Column(f"{name.removesuffix('s')}_count", "int", False))
        elif kind == "region":
            # Region is optional on an entry, so every region column may be empty.
            columns.extend(
                Column(f"{name}_{sub.name}", sub.type, True) for sub in _model_columns(Region)
            )
        elif kind == "source":
            columns.extend(_model_columns(Source))
        else:
            type_, nullable = _column_type(field.annotation)
            columns.append(Column(name, type_, nullable))
    return columns


_FieldKind = Literal["notices", "count", "region", "source", "cell"]


def _field_kind(model: type[BaseModel], name: str, annotation: Any) -> _FieldKind:
    """How a field becomes columns: notices (count, codes, text), a count of mentions, the
    region's columns, the source's columns, or one cell."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is list:
        item = args[0]
        if item is Notice:
            return "notices"
        if isinstance(item, type) and issubclass(item, Mention):
            return "count"
        raise TypeError(f"cannot flatten list field {model.__name__}.{name}")
    if annotation is Region or args == [Region]:
        return "region"
    if annotation is Source:
        return "source"
    return "cell"


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
            *_model_columns(Article, skip=("entries", "warnings", "blocks", "text")),
            Column("entry_count", "int", False),
            *_notice_columns("warnings"),
        )
    if table == "entries":
        return (key, *_model_columns(Entry))
    if table in MENTION_TABLES:
        keys = (key, Column("seq", "int", False), Column("idx", "int", False))
        return (*keys, *_model_columns(MENTION_TABLES[table]))
    if table in CORPUS_TABLES:
        return tuple(_model_columns(CORPUS_TABLES[table]))
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


# Writes the cells of one or more fields of a JSON-dumped model instance into a row.
_CellWriter = Callable[[dict[str, Any], Row], None]


def _plain_cells(names: tuple[str, ...]) -> _CellWriter:
    """Fields that are one cell each, copied in one C-level call (mentions are all such)."""
    values = operator.itemgetter(*names)
    if len(names) == 1:
        (name,) = names

        def one_cell(data: dict[str, Any], row: Row) -> None:
            row[name] = data[name]

        return one_cell

    def cells(data: dict[str, Any], row: Row) -> None:
        row.update(zip(names, values(data), strict=True))

    return cells


def _notice_writer(name: str) -> _CellWriter:
    def notices(data: dict[str, Any], row: Row) -> None:
        row.update(_notice_cells(name, data[name]))

    return notices


def _count_writer(name: str) -> _CellWriter:
    column = f"{name.removesuffix('s')}_count"

    def count(data: dict[str, Any], row: Row) -> None:
        row[column] = len(data[name])

    return count


def _region_writer(name: str) -> _CellWriter:
    pairs = tuple((f"{name}_{sub.name}", sub.name) for sub in _model_columns(Region))

    def region(data: dict[str, Any], row: Row) -> None:
        value = data[name]
        for column, key in pairs:
            row[column] = None if value is None else value[key]

    return region


def _nested_writer(name: str, model: type[BaseModel]) -> _CellWriter:
    def nested(data: dict[str, Any], row: Row) -> None:
        _flatten_into(model, data[name], row)

    return nested


@cache
def _cell_writers(model: type[BaseModel], skip: tuple[str, ...]) -> tuple[_CellWriter, ...]:
    """The writers that turn `model`'s JSON into the cells of `_model_columns(model)`, in
    column order: worked out once per model, since a batch flattens ~70 mentions a file."""
    writers: list[_CellWriter] = []
    plain: list[str] = []
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        kind = _field_kind(model, name, field.annotation)
        if kind == "cell":
            plain.append(name)
            continue
        if plain:
            writers.append(_plain_cells(tuple(plain)))
            plain = []
        if kind == "notices":
            writers.append(_notice_writer(name))
        elif kind == "count":
            writers.append(_count_writer(name))
        elif kind == "region":
            writers.append(_region_writer(name))
        else:
            writers.append(_nested_writer(name, Source))
    if plain:
        writers.append(_plain_cells(tuple(plain)))
    return tuple(writers)


def _flatten_into(
    model: type[BaseModel], data: dict[str, Any], row: Row, skip: tuple[str, ...] = ()
) -> Row:
    """Add the cells of one JSON-dumped model instance to `row` (matching
    `_model_columns(model)`) and return it."""
    for write in _cell_writers(model, skip):
        write(data, row)
    return row


def document_tables(data: dict[str, Any]) -> dict[str, list[Row]]:
    """The flat-table rows of one article given as its JSON document (`json.loads` of
    `article_json`, or `model_dump(mode="json")`): the rows `flat_tables` gives it. The
    corpus tables, which need every article, are left empty (`flat_tables` fills them).

    The batch builds rows from the JSON text it writes, so a re-used `<stem>.json` from an
    earlier run gives exactly the rows a fresh extraction gives.
    """
    key = path_key(data["source"]["path"])
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    article = _flatten_into(Article, data, {"article": key},
                            ("entries", "warnings", "blocks", "text"))
    article["entry_count"] = len(data["entries"])
    article.update(_notice_cells("warnings", data["warnings"]))
    tables["articles"].append(article)
    for entry in data["entries"]:
        tables["entries"].append(_flatten_into(Entry, entry, {"article": key}))
        seq = entry["seq"]
        for table, model in MENTION_TABLES.items():
            rows = tables[table]
            for idx, mention in enumerate(entry[table], start=1):
                rows.append(_flatten_into(model, mention, {"article": key, "seq": seq, "idx": idx}))
    return tables


def flat_tables(articles: Iterable[Article]) -> dict[str, list[Row]]:
    """Tables `articles`, `entries`, `dates`, `places`, `documents`, `targets`: one row per
    article / entry / mention, in input order, every model field a column (`table_columns`);
    then the corpus tables, documents and events linked across `articles`
    (`extractor.corpus.view`).

    Values are those of the JSON (`model_dump(mode="json")`): numbers as int or float, adcodes
    as strings, nulls as None.
    """
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    records: list[CorpusRecords] = []
    for article in articles:
        data = article.model_dump(mode="json")
        for name, rows in document_tables(data).items():
            tables[name].extend(rows)
        records.append(corpus_records(path_key(data["source"]["path"]), data))
    tables.update(corpus_tables(records))
    return tables


# ---------------------------------------------------------------------------------------------
# Atomic writes


@contextmanager
def atomic_path(path: Path, *, sync: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success fsync it and move it over `path`.

    The temporary file lives in the same folder because `os.replace` is only atomic within one
    file system. On any error the temporary file is removed and `path` is left untouched.
    `sync=False` skips the two fsyncs (file and folder): the move is just as atomic, but the
    file may not survive a power cut until something syncs it. A batch writes each article's
    JSON so and syncs once before its manifest names them (two fsyncs cost ~1.7 ms a file).
    """
    _refuse_read_only(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if sync:
            with tmp.open("rb+") as handle:
                os.fsync(handle.fileno())
        # mkstemp creates the file private (0600); outputs are meant to be shared.
        tmp.chmod(0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if sync:
        _fsync_dir(path.parent)


class ReadOnlyOutputError(PermissionError):
    """An output file exists and is read-only: someone protected it, so it is not replaced."""


def _refuse_read_only(path: Path) -> None:
    """Raise ReadOnlyOutputError when `path` exists without its owner's write permission: a
    rename would replace it regardless (and root may write anything), so the mode decides."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not mode & stat.S_IWUSR:
        raise ReadOnlyOutputError(errno.EACCES, "the existing file is read-only; make it "
                                  "writable or remove it to replace it", str(path))


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


def atomic_write_bytes(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write `data` to `path` atomically (temp file in the same folder, fsync, os.replace;
    `sync` as in `atomic_path`)."""
    with atomic_path(path, sync=sync) as tmp:
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
        return "'" + value if value.startswith(FORMULA_START) else value
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


def cell_lists(table: str, rows: Iterable[Row]) -> Iterator[list[Cell]]:
    """Each row's cells in `table_columns(table)` order (None for a missing one): what every
    table writer and the batch's spool encode. Rows that can give their cells directly, with
    no dict per row, do so through a `cell_lists()` method (the batch's spooled tables,
    `spool.SpooledTable`); looked up by name, as an isinstance check against a runtime
    protocol costs ~16 µs, more than encoding a small table."""
    direct: Callable[[], Iterator[list[Cell]]] | None = getattr(rows, "cell_lists", None)
    if direct is not None:
        return direct()
    names = [c.name for c in table_columns(table)]
    return (list(map(row.get, names)) for row in rows)


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

    def arrow_table(batch: list[list[Cell]]) -> Any:
        by_column = list(zip(*batch, strict=True)) if batch else [() for _ in columns]
        data = {c.name: list(cells) for c, cells in zip(columns, by_column, strict=True)}
        return pa.Table.from_pydict(data, schema=schema)

    with atomic_path(path) as tmp, pq.ParquetWriter(tmp, schema) as writer:
        batch: list[list[Cell]] = []
        groups = 0
        for cells in cell_lists(table, rows):
            batch.append(cells)
            if len(batch) == PARQUET_ROW_GROUP:
                writer.write_table(arrow_table(batch))
                batch, groups = [], groups + 1
        if batch or not groups:
            writer.write_table(arrow_table(batch))


_SQL_TYPES = {"str": "TEXT", "int": "INTEGER", "number": "NUMERIC"}


def _sql_primary_key(table: str) -> tuple[str, ...]:
    if table in CORPUS_KEYS:
        return CORPUS_KEYS[table]
    if table == "articles":
        return ("article",)
    if table == "entries":
        return ("article", "seq")
    return ("article", "seq", "idx")


_CORPUS_FOREIGN_KEYS: dict[str, tuple[str, ...]] = {
    "document_links": (
        'FOREIGN KEY ("article", "seq", "idx") REFERENCES "documents" ("article", "seq", "idx")',
        'FOREIGN KEY ("document_id") REFERENCES "corpus_documents" ("document_id")',
    ),
    "event_members": (
        'FOREIGN KEY ("article", "seq") REFERENCES "entries" ("article", "seq")',
        'FOREIGN KEY ("event_id") REFERENCES "corpus_events" ("event_id")',
    ),
    "event_links": (
        'FOREIGN KEY ("article", "seq") REFERENCES "entries" ("article", "seq")',
        'FOREIGN KEY ("linked_article", "linked_seq") REFERENCES "entries" ("article", "seq")',
        'FOREIGN KEY ("event_id") REFERENCES "corpus_events" ("event_id")',
    ),
}


def _sql_foreign_key(table: str) -> str | None:
    """Entries belong to an article, mentions to an entry; a document link to its mention
    and its document, an event's member and link to their entries and their event."""
    if table in _CORPUS_FOREIGN_KEYS:
        return ", ".join(_CORPUS_FOREIGN_KEYS[table])
    if table in CORPUS_TABLES:
        return None
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
    with _sqlite_database(path) as connection:
        for name in TABLES:
            _create_sqlite_table(connection, name)
            connection.executemany(sqlite_insert(name), cell_lists(name, tables.get(name, [])))


def write_sqlite_from_staging(path: Path, staging: Path) -> None:
    """`write_sqlite` for rows already in `staging`, a SQLite file with a plain table per
    flat table (`create_sqlite_staging`): the same bytes as `write_sqlite` given the same
    rows, since each table is filled in the same order, but the copying runs inside SQLite.
    A batch stages rows while its workers run, so only this copy is left for the end."""
    with _sqlite_database(path) as connection:
        connection.execute("ATTACH DATABASE ? AS staging", (str(staging),))
        for name in TABLES:
            _create_sqlite_table(connection, name)
            connection.execute(
                f'INSERT INTO main."{name}" SELECT * FROM staging."{name}" ORDER BY rowid'
            )
        # Not detached: DETACH needs a commit first, and a second transaction would change
        # the file's header (its change counter); closing the connection lets go of it.


def create_sqlite_staging(path: Path) -> sqlite3.Connection:
    """A scratch SQLite file for `write_sqlite_from_staging`: one table per flat table, its
    columns in `table_columns` order without types, keys or indexes (appends stay cheap)."""
    connection = sqlite3.connect(path)
    # A scratch file: nothing to recover after a crash, so no journal and no syncs.
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    for name in TABLES:
        columns = ", ".join(f'"{c.name}"' for c in table_columns(name))
        connection.execute(f'CREATE TABLE "{name}" ({columns})')
    return connection


def sqlite_insert(table: str) -> str:
    """The INSERT statement for one row of `table`, cells in `table_columns` order."""
    placeholders = ", ".join("?" for _ in table_columns(table))
    return f'INSERT INTO "{table}" VALUES ({placeholders})'


@contextmanager
def _sqlite_database(path: Path) -> Iterator[sqlite3.Connection]:
    """A new SQLite file at `path`, written atomically; the indexes are added and the
    transaction committed after the caller filled the tables."""
    with atomic_path(path) as tmp:
        connection = sqlite3.connect(tmp)
        try:
            # The file is private until renamed, so a rollback journal buys nothing.
            connection.execute("PRAGMA journal_mode=OFF")
            yield connection
            for table, column in SQL_INDEXES:
                connection.execute(
                    f'CREATE INDEX "{table}_{column}" ON "{table}" ("{column}")'
                )
            connection.commit()
        finally:
            connection.close()


def _create_sqlite_table(connection: sqlite3.Connection, name: str) -> None:
    columns = table_columns(name)
    definitions = [
        f'"{c.name}" {_SQL_TYPES[c.type]}{"" if c.nullable else " NOT NULL"}' for c in columns
    ]
    keys = ", ".join(f'"{k}"' for k in _sql_primary_key(name))
    definitions.append(f"PRIMARY KEY ({keys})")
    foreign = _sql_foreign_key(name)
    if foreign is not None:
        definitions.append(foreign)
    connection.execute(f'CREATE TABLE main."{name}" ({", ".join(definitions)})')
