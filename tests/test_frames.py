"""`extractor.frames.load_frames`: the flat tables as typed DataFrames, equal to the JSON values."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from extractor.export import TABLES, flat_tables, table_columns, write_article_json
from extractor.frames import (
    DATE_RANGE_COLUMNS,
    column_dtype,
    frame_columns,
    load_frames,
    tables_to_frames,
)
from extractor.models import (
    Article,
    DateMention,
    DocumentMention,
    Entry,
    Notice,
    PlaceMention,
    Region,
    Source,
    TargetMention,
)

SAMPLE_DIR = Path(__file__).parent / "data" / "sample"


def make_entry(seq: int, date: str | None, **mentions: Any) -> Entry:
    return Entry(seq=seq, no=seq, headline=f"标题{seq}", body="", start=0, end=0,
                 headline_start=0, headline_end=0, body_start=0, body_end=0, date=date,
                 **mentions)


def make_article(path: str = "raw/a.txt") -> Article:
    """Edge cases on purpose: a month and a year date, null values, a leading-zero code, a
    Decimal fraction, an amount above 2**32, a text cell that starts like a formula."""
    first = make_entry(
        1, "2024-02",
        warnings=[Notice(code="c1", message="m1"), Notice(code="c2", message="m2")],
        region=Region(name="某地", adcode="012345", level="district", rule="test"),
        dates=[
            DateMention(text="2024年2月", start=0, end=7, value="2024-02", precision="month",
                        value_start="2024-02-01", value_end="2024-02-29", role="own"),
            DateMention(text="某日", start=7, end=9, reason="no anchor"),
        ],
        places=[PlaceMention(text="长三角", start=0, end=3, reason="not a division")],
        documents=[DocumentMention(text="《=计划》", start=0, end=5, title="=计划",
                                   period_start=2022, period_end=2024)],
        targets=[
            TargetMention(text="1.8万亿元", start=0, end=6, value=Decimal("1800000000000"),
                          unit="元", kind="money", qualifier="gt", year=2025),
            TargetMention(text="约0.5%", start=6, end=10, value=Decimal("0.5"), unit="%",
                          kind="percent", qualifier="approx"),
            TargetMention(text="若干家", start=10, end=13, value=None, unit="家", kind="count",
                          reason="no number"),
        ],
    )
    second = make_entry(2, "2023", region=None)
    third = make_entry(3, None)
    return Article(source=Source(path=path, sha256="0" * 64, encoding="utf-8", title="T"),
                   entries=[first, second, third], warnings=[Notice(code="a", message="b")])


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return load_frames(make_article())


# --- dtypes -----------------------------------------------------------------------------------

EXPECTED_DTYPES = [
    ("articles", "entry_count", "int64"),
    ("articles", "title", "string"),
    ("entries", "seq", "int64"),
    ("entries", "date", "string"),
    ("entries", "date_start", "datetime64[s]"),
    ("entries", "date_end", "datetime64[s]"),
    ("entries", "region_adcode", "string"),
    ("entries", "region_level", "category"),
    ("entries", "warning_count", "int64"),
    ("dates", "value", "string"),
    ("dates", "precision", "category"),
    ("dates", "role", "category"),
    ("dates", "value_start", "datetime64[s]"),
    ("dates", "value_end", "datetime64[s]"),
    ("places", "adcode", "string"),
    ("places", "level", "category"),
    ("documents", "kind", "string"),
    ("documents", "period_start", "Int64"),
    ("targets", "value", "float64"),
    ("targets", "year", "Int64"),
    ("targets", "kind", "category"),
    ("targets", "qualifier", "category"),
]


@pytest.mark.parametrize(("table", "column", "dtype"), EXPECTED_DTYPES,
                         ids=[f"{t}.{c}" for t, c, _ in EXPECTED_DTYPES])
def test_column_dtypes(frames: dict[str, pd.DataFrame], table: str, column: str,
                       dtype: str) -> None:
    assert str(frames[table][column].dtype) == dtype
    assert column_dtype(table, column) == dtype


@pytest.mark.parametrize("table", TABLES)
def test_every_column_has_the_documented_dtype(frames: dict[str, pd.DataFrame],
                                               table: str) -> None:
    """`column_dtype` (used by the data dictionary) describes the real frames."""
    frame = frames[table]
    assert list(frame.columns) == list(frame_columns(table))
    assert {c: str(frame[c].dtype) for c in frame.columns} == {
        c: column_dtype(table, c) for c in frame.columns}


@pytest.mark.parametrize(("table", "column", "categories"), [
    ("targets", "qualifier", ["eq", "gt", "gte", "lt", "lte", "approx"]),
    ("targets", "kind", ["money", "percent", "count", "measure"]),
    ("places", "level", ["country", "province", "city", "district"]),
    ("entries", "region_level", ["country", "province", "city", "district"]),
    ("dates", "role", ["own", "period", "deadline", "statistics", "other"]),
])
def test_categories_are_fixed_by_the_model(frames: dict[str, pd.DataFrame], table: str,
                                           column: str, categories: list[str]) -> None:
    """All allowed values, even unused ones, so frames of different batches concatenate."""
    assert list(frames[table][column].cat.categories) == categories


# --- values -----------------------------------------------------------------------------------


def test_adcode_keeps_its_leading_zero(frames: dict[str, pd.DataFrame]) -> None:
    assert frames["entries"]["region_adcode"].iloc[0] == "012345"


@pytest.mark.parametrize(("seq", "date", "start", "end"), [
    pytest.param(1, "2024-02", dt.datetime(2024, 2, 1), dt.datetime(2024, 2, 29), id="month"),
    pytest.param(2, "2023", dt.datetime(2023, 1, 1), dt.datetime(2023, 12, 31), id="year"),
])
def test_entry_date_keeps_its_precision_and_gains_bounds(
    frames: dict[str, pd.DataFrame], seq: int, date: str, start: dt.datetime, end: dt.datetime
) -> None:
    row = frames["entries"].set_index("seq").loc[seq]
    assert row["date"] == date
    assert row["date_start"] == pd.Timestamp(start)
    assert row["date_end"] == pd.Timestamp(end)


def test_null_entry_date_gives_null_bounds(frames: dict[str, pd.DataFrame]) -> None:
    row = frames["entries"].set_index("seq").loc[3]
    assert row["date"] is pd.NA
    assert row["date_start"] is pd.NaT and row["date_end"] is pd.NaT


def test_values_are_numbers(frames: dict[str, pd.DataFrame]) -> None:
    values = frames["targets"]["value"].tolist()
    assert values[:2] == [1800000000000.0, 0.5]
    assert math.isnan(values[2])
    assert frames["targets"]["value"].sum() == 1800000000000.5


def test_nullable_ints_use_pandas_na(frames: dict[str, pd.DataFrame]) -> None:
    assert frames["targets"]["year"].tolist() == [2025, pd.NA, pd.NA]


def frame_records(frame: pd.DataFrame, table: str) -> list[dict[str, Any]]:
    """Frame rows back as JSON-like values: NA -> None, datetimes -> YYYY-MM-DD, numbers as
    ints where integral (as in the JSON), frame-only date columns dropped."""
    added = {c for pair in DATE_RANGE_COLUMNS.get(table, {}).values() for c in pair}
    records: list[dict[str, Any]] = []
    for row in frame.drop(columns=sorted(added)).to_dict(orient="records"):
        record: dict[str, Any] = {}
        for key, value in row.items():
            if value is pd.NA or value is pd.NaT or (isinstance(value, float)
                                                      and math.isnan(value)):
                value = None
            elif isinstance(value, pd.Timestamp):
                value = value.date().isoformat()
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            elif hasattr(value, "item"):  # numpy scalar
                value = value.item()
            record[str(key)] = value
        records.append(record)
    return records


@pytest.mark.parametrize("table", TABLES)
def test_round_trip_frames_equal_the_json_values(frames: dict[str, pd.DataFrame],
                                                 table: str) -> None:
    """Every cell of every frame equals the flat-table value taken from the JSON."""
    expected = flat_tables([make_article()])[table]
    assert frame_records(frames[table], table) == expected


@pytest.mark.parametrize("table", TABLES)
def test_an_empty_batch_still_has_columns_and_dtypes(table: str) -> None:
    frame = tables_to_frames({})[table]
    assert frame.empty
    assert {c: str(frame[c].dtype) for c in frame.columns} == {
        c: column_dtype(table, c) for c in frame_columns(table)}


def test_a_bad_day_date_is_an_error_not_a_silent_gap() -> None:
    bad = make_entry(1, None, dates=[DateMention(text="x", start=0, end=1, value="2023-02",
                                                 precision="month", value_start="2023-02-30",
                                                 value_end="2023-02-28")])
    article = Article(source=Source(path="b.txt", sha256="", encoding="utf-8"), entries=[bad])
    with pytest.raises(ValueError, match=r"dates\.value_start"):
        load_frames(article)


# --- sources ----------------------------------------------------------------------------------


def test_json_file_folder_and_article_give_the_same_frames(tmp_path: Path) -> None:
    article = make_article()
    write_article_json(tmp_path / "a.json", article)
    (tmp_path / "run_report.json").write_text("{}", "utf-8")  # not an article: skipped
    from_article = load_frames(article)
    for source in (tmp_path / "a.json", str(tmp_path), [tmp_path / "a.json"]):
        frames = load_frames(source)
        for table in TABLES:
            pd.testing.assert_frame_equal(frames[table], from_article[table])


def test_several_articles_are_concatenated(tmp_path: Path) -> None:
    frames = load_frames([make_article("x/a.txt"), make_article("x/b.txt")])
    assert frames["articles"]["article"].tolist() == ["a", "b"]
    assert len(frames["targets"]) == 6


def test_a_folder_of_inputs_is_extracted() -> None:
    """tests/data/sample holds a .txt and a .gold.json: the gold file is not an article."""
    frames = load_frames(SAMPLE_DIR)
    assert frames["articles"]["article"].tolist() == ["000_083a9808acf37448"]
    assert len(frames["entries"]) == 24
    assert frames["entries"]["date_start"].notna().all()


def test_frames_columns_match_the_tables_plus_date_bounds() -> None:
    assert [c for c in frame_columns("entries") if c not in ("date_start", "date_end")] == [
        c.name for c in table_columns("entries")]


def test_a_folder_of_tables_only_is_an_error_that_says_why(tmp_path: Path) -> None:
    """Issue 15: `load_frames` on an output written with `-f parquet` alone gave empty tables."""
    from extractor.batch import run_batch

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("标题\n1、甲。\n2、乙。\n", "utf-8")
    run_batch([raw], tmp_path / "out", ["csv"])
    with pytest.raises(ValueError, match="tables only"):
        load_frames(tmp_path / "out")


# --- the written tables (issue 16: a pandas helper that loads them) -------------------------

_TWO_DIGESTS = [
    Path(__file__).parent / "data" / "articles" / "02_diankong_jingji_2024.txt",
    Path(__file__).parent / "data" / "articles9" / "04_dikong_jingji_zhengce_huizong_2024.txt",
]


@pytest.mark.parametrize("fmt", ["parquet", "sqlite", "csv"])
def test_load_tables_reads_what_a_run_wrote_as_load_frames_types_it(
    tmp_path: Path, fmt: str
) -> None:
    from extractor.batch import run_batch
    from extractor.frames import load_tables

    out = tmp_path / "out"
    assert run_batch(_TWO_DIGESTS, out, ("json", fmt)).failed == 0
    written, linked = load_tables(out), load_frames(out)
    assert list(written) == list(linked)
    for name, frame in linked.items():
        pd.testing.assert_frame_equal(written[name], frame, check_exact=False)
    assert len(written["event_members"]) >= 2


def test_load_tables_names_a_folder_without_tables(tmp_path: Path) -> None:
    from extractor.frames import load_tables

    with pytest.raises(ValueError, match="no tables to load"):
        load_tables(tmp_path)
