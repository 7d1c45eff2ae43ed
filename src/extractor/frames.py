"""The flat tables as pandas DataFrames with proper dtypes: `load_frames(source)`.

    >>> from extractor.frames import load_frames                     # doctest: +SKIP
    >>> frames = load_frames("output/")                               # doctest: +SKIP
    >>> frames["targets"].groupby("unit")["value"].sum()              # doctest: +SKIP

Same tables, columns and rows as `export.flat_tables` (and the CSV/Parquet/SQLite files), typed:

- text: pandas `string` (missing is `<NA>`); adcodes stay text, so `"010000"` keeps its zero;
- integers: `int64`, or nullable `Int64` where the field may be null (`year`, `period_start`);
- values: `float64` (NaN for null): exact for every integer below 2**53 (9e15), which covers
  amounts up to 9000万亿; the JSON keeps the exact decimal;
- enumerations (`level`, `region_level`, `precision`, `role`, targets' `kind`, `qualifier`):
  `category` with the fixed categories of the model's `Literal`, in model order, so frames from
  different batches concatenate cleanly. (documents' `kind` is free text, so `string`.)
- dates: a date whose precision is always a day (`dates.value_start`, `dates.value_end`) is
  `datetime64[s]` in place. A date that may be `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (`entries.date`,
  `dates.value`) stays a string, as written in the JSON, so no precision is invented; for
  `entries.date` two datetime columns are added right after it: `date_start` and `date_end`, the
  first and last day the date covers (`2023-05` -> 2023-05-01 .. 2023-05-31). Unit `s` rather than
  pandas' default, so any year 1-9999 fits on pandas 2 and 3 alike.

pandas is imported inside the functions: `import extractor.frames` stays cheap.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, get_args, get_origin

from extractor.corpus.view import CORPUS_TABLES
from extractor.export import (
    MENTION_TABLES,
    SQLITE_NAME,
    TABLES,
    Column,
    Row,
    csv_text,
    flat_tables,
    table_columns,
)
from extractor.models import Article, Entry, Region
from extractor.sources import article_paths, load_article, load_articles

if TYPE_CHECKING:
    import pandas as pd

Source = Article | Path | str
DATETIME: Final = "datetime64[s]"
_INTEGER: Final = re.compile(r"-?\d+")

# Columns that always hold a full day (YYYY-MM-DD): converted to datetime in place.
DAY_COLUMNS: dict[str, tuple[str, ...]] = {"dates": ("value_start", "value_end")}
# Mixed-precision date column -> the two datetime columns added after it (first, last day).
DATE_RANGE_COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "entries": {"date": ("date_start", "date_end")},
}


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day covered by `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.

    >>> date_bounds("2023-01-03")
    (datetime.date(2023, 1, 3), datetime.date(2023, 1, 3))
    >>> date_bounds("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    >>> date_bounds("2023")
    (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    """
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        year, month = parts
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    raise ValueError(f"not a YYYY[-MM[-DD]] date: {value!r}")


def _field_annotation(table: str, column: str) -> Any:
    """The model field annotation behind a column, or None for derived columns (counts)."""
    if table in MENTION_TABLES:
        field = MENTION_TABLES[table].model_fields.get(column)
    elif table in CORPUS_TABLES:
        field = CORPUS_TABLES[table].model_fields.get(column)
    elif table == "entries" and column.startswith("region_"):
        field = Region.model_fields.get(column.removeprefix("region_"))
    elif table == "entries":
        field = Entry.model_fields.get(column)
    else:
        field = None
    return None if field is None else field.annotation


def categories(table: str, column: str) -> tuple[str, ...] | None:
    """The fixed categories of an enumeration column, or None for any other column.

    >>> categories("targets", "qualifier")
    ('eq', 'gt', 'gte', 'lt', 'lte', 'approx')
    >>> categories("documents", "kind") is None
    True
    """
    annotation = _field_annotation(table, column)
    for arg in (annotation, *get_args(annotation)):
        if get_origin(arg) is Literal:
            return tuple(str(value) for value in get_args(arg))
    return None


def column_dtype(table: str, column: str) -> str:
    """The pandas dtype of a column of `load_frames(...)[table]` (no pandas needed).

    >>> column_dtype("places", "adcode"), column_dtype("targets", "year")
    ('string', 'Int64')
    >>> column_dtype("entries", "date"), column_dtype("entries", "date_start")
    ('string', 'datetime64[s]')
    """
    for start_end in DATE_RANGE_COLUMNS.get(table, {}).values():
        if column in start_end:
            return DATETIME
    if column in DAY_COLUMNS.get(table, ()):
        return DATETIME
    spec = {c.name: c for c in table_columns(table)}[column]
    if categories(table, column) is not None:
        return "category"
    if spec.type == "str":
        return "string"
    if spec.type == "int":
        return "Int64" if spec.nullable else "int64"
    return "float64"


def frame_columns(table: str) -> tuple[str, ...]:
    """The column names of a frame: the table's columns plus the added date columns.

    >>> frame_columns("entries")[12:15]
    ('date', 'date_start', 'date_end')
    """
    names: list[str] = []
    for column in table_columns(table):
        names.append(column.name)
        names.extend(DATE_RANGE_COLUMNS.get(table, {}).get(column.name, ()))
    return tuple(names)


def _datetimes(days: Sequence[dt.date | None]) -> pd.Series:
    import pandas as pd

    return pd.Series(list(days), dtype="datetime64[s]")


def _day(value: str, where: str) -> dt.date:
    """A `YYYY-MM-DD` string as a date; anything else is an error, never a guess."""
    try:
        if len(value) == 10 and value.count("-") == 2:
            return date_bounds(value)[0]
    except ValueError:
        pass
    raise ValueError(f"{where}: {value!r} is not a YYYY-MM-DD date")


def _series(table: str, column: Column, values: list[Any]) -> pd.Series:
    import pandas as pd

    dtype = column_dtype(table, column.name)
    if dtype == DATETIME:
        where = f"{table}.{column.name}"
        return _datetimes([None if v is None else _day(v, where) for v in values])
    if dtype == "category":
        cats = categories(table, column.name) or ()
        unknown = {v for v in values if v is not None and v not in cats}
        if unknown:  # pandas would turn them into NaN without a word
            raise ValueError(f"{table}.{column.name}: values outside {cats}: {sorted(unknown)}")
        return pd.Series(pd.Categorical(values, categories=list(cats)))
    if dtype == "float64":
        return pd.Series([float("nan") if v is None else float(v) for v in values],
                         dtype="float64")
    pandas_dtype: Any = dtype  # "string", "int64" or "Int64"
    return pd.Series(pd.array(values, dtype=pandas_dtype))


def _range_columns(values: list[Any], where: str) -> tuple[pd.Series, pd.Series]:
    starts: list[dt.date | None] = []
    ends: list[dt.date | None] = []
    for value in values:
        if value is None:
            starts.append(None)
            ends.append(None)
            continue
        try:
            first, last = date_bounds(value)
        except ValueError as exc:
            raise ValueError(f"{where}: {value!r} is not YYYY[-MM[-DD]]: {exc}") from exc
        starts.append(first)
        ends.append(last)
    return _datetimes(starts), _datetimes(ends)


def tables_to_frames(tables: dict[str, list[Row]]) -> dict[str, pd.DataFrame]:
    """Typed DataFrames from `export.flat_tables` rows, one per table in `TABLES` order
    (a table with no rows is an empty frame that still has every column and dtype)."""
    import pandas as pd

    frames: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        rows = tables.get(table, [])
        data: dict[str, pd.Series] = {}
        for column in table_columns(table):
            values = [row.get(column.name) for row in rows]
            data[column.name] = _series(table, column, values)
            added = DATE_RANGE_COLUMNS.get(table, {}).get(column.name)
            if added:
                first, last = _range_columns(values, f"{table}.{column.name}")
                data[added[0]], data[added[1]] = first, last
        frames[table] = pd.DataFrame(data, columns=list(frame_columns(table)))
    return frames


def _articles(source: Source | Iterable[Source]) -> list[Article]:
    if isinstance(source, Article):
        return [source]
    if isinstance(source, str | Path):
        return _folder_articles(Path(source)) if Path(source).is_dir() else load_articles([source])
    articles: list[Article] = []
    for item in source:
        if isinstance(item, Article):
            articles.append(item)
        elif Path(item).is_dir():
            articles.extend(_folder_articles(Path(item)))
        else:
            articles.append(load_article(Path(item)))
    return articles


def _folder_articles(folder: Path) -> list[Article]:
    """The articles of a folder; a folder with none to read is an error that says why (an
    output written with `-f parquet` alone has tables but no article JSON)."""
    if not article_paths([folder]):
        tables = sorted(p.name for p in (folder / "tables").glob("*")) if (
            folder / "tables").is_dir() else []
        hint = (f"it holds tables only ({', '.join(tables)}): re-run `extractor run` with "
                "`-f json`, or read those files with pandas") if tables else (
            "no article JSON from `extractor run` and no *.txt article")
        raise ValueError(f"{folder}: nothing to load: {hint}")
    return load_articles([folder])


def load_frames(source: Source | Iterable[Source]) -> dict[str, pd.DataFrame]:
    """The flat tables of one or more articles as typed DataFrames, keyed by table name.

    `source` is an `Article`, a path (an output `*.json`, or an input article, which is
    extracted), a folder (its article JSON files, or its `*.txt` when it has none; see
    `extractor.sources`), or an iterable of those. Tables: `articles`, `entries`, `dates`,
    `places`, `documents`, `targets`, and the corpus view linked across them:
    `corpus_documents`, `document_links`, `corpus_events`, `event_members`, `event_links`;
    dtypes as described in this module's docstring.
    """
    return tables_to_frames(flat_tables(_articles(source)))


def load_tables(out_dir: Path | str) -> dict[str, pd.DataFrame]:
    """The tables `extractor run` wrote into `out_dir`, as the same typed DataFrames
    `load_frames` gives: read from `tables/*.parquet`, else `digest.sqlite`, else
    `tables/*.csv`, whichever the run wrote (no article JSON needed, nothing re-linked: the
    corpus tables are the run's own).

    Raises ValueError naming the folder when it holds none of them.
    """
    folder = Path(out_dir)
    tables = folder / "tables"
    database = folder / SQLITE_NAME
    if all((tables / f"{name}.parquet").is_file() for name in TABLES):
        rows = {name: _parquet_rows(tables / f"{name}.parquet") for name in TABLES}
    elif database.is_file():
        rows = _sqlite_rows(database)
    elif all((tables / f"{name}.csv").is_file() for name in TABLES):
        rows = {name: _csv_rows(tables / f"{name}.csv", name) for name in TABLES}
    else:
        raise ValueError(f"{folder}: no tables to load: run `extractor run ... -o {folder}` "
                         "with -f parquet, -f sqlite or -f csv")
    return tables_to_frames(rows)


def _parquet_rows(path: Path) -> list[Row]:
    import pyarrow.parquet as pq

    rows: list[Row] = pq.read_table(path).to_pylist()
    return rows


def _sqlite_rows(path: Path) -> dict[str, list[Row]]:
    import sqlite3

    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return {name: [dict(zip([c.name for c in table_columns(name)], row, strict=True))
                       for row in connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid')]
                for name in TABLES}


def _csv_rows(path: Path, table: str) -> list[Row]:
    """A table CSV's rows with the cells the JSON has: numbers as numbers, an empty cell as
    None (text that may not be null stays ""), the formula guard taken off."""
    columns = table_columns(table)
    rows: list[Row] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            row: Row = {}
            for column in columns:
                cell = record[column.name]
                if cell == "":
                    row[column.name] = "" if column.type == "str" and not column.nullable else None
                elif column.type == "str":
                    row[column.name] = csv_text(cell)
                elif column.type == "int" or _INTEGER.fullmatch(cell):
                    row[column.name] = int(cell)
                else:
                    row[column.name] = float(cell)
            rows.append(row)
    return rows
