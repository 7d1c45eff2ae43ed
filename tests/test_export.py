"""Export: deterministic JSON, flat tables with every model field, safe CSV, atomic writes."""

from __future__ import annotations

import json
import math
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pandas as pd
import pytest
from pydantic import BaseModel

from extractor import export
from extractor.corpus.view import CORPUS_KEYS
from extractor.export import (
    TABLES,
    article_json,
    atomic_path,
    csv_cell,
    csv_text,
    flat_tables,
    read_csv_table,
    table_columns,
    write_tables,
)
from extractor.models import (
    NATIONAL_REGION,
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

TEXT = (
    "2023年国内元宇宙相关政策汇总\n01\n=SUM(A1) 昆明发布计划\n"
    "2023年1月3日,昆明市发布《昆明市数字经济发展三年行动计划》,超过5000亿元,增长0.5%。\n"
    "02\n-5%的降幅\n全国\"多行\"\r\n正文,含逗号。\n"
)


def _span(needle: str) -> dict[str, Any]:
    start = TEXT.index(needle)
    return {"text": needle, "start": start, "end": start + len(needle)}


def make_article(path: str = "raw/x.txt") -> Article:
    """A hand-made article exercising every column type: nulls, Decimals (huge and
    fractional), adcode strings, warnings, text starting with formula characters, commas,
    quotes and line breaks."""
    first = Entry(
        seq=1, no=1, headline="=SUM(A1) 昆明发布计划", body="2023年1月3日,昆明市发布",
        start=20, end=90, headline_start=23, headline_end=36, body_start=37, body_end=90,
        date="2023-01-03",
        region=Region(name="云南省昆明市", adcode="530100", level="city", rule="first_place"),
        warnings=[Notice(code="repeated_sentence", message="句子重复"),
                  Notice(code="x", message="+second")],
        dates=[DateMention(**_span("2023年1月3日"), value="2023-01-03", precision="day",
                           value_start="2023-01-03", value_end="2023-01-03", role="own")],
        places=[PlaceMention(**_span("昆明市"), name="云南省昆明市", adcode="530100",
                             level="city", rule="gazetteer"),
                PlaceMention(**_span("全国"), name=None, adcode=None, level=None,
                             reason="not a division")],
        documents=[DocumentMention(**_span("《昆明市数字经济发展三年行动计划》"),
                                   title="昆明市数字经济发展三年行动计划", period_start=2022,
                                   period_end=2024)],
        targets=[TargetMention(**_span("超过5000亿元"), value=Decimal("500000000000"),
                               unit="元", kind="money", qualifier="gt", year=2025),
                 TargetMention(**_span("0.5%"), value=Decimal("0.5"), unit="%",
                               kind="percent")],
    )
    second = Entry(
        seq=2, no=2, section="宏观", headline="-5%的降幅", body='全国"多行"\r\n正文,含逗号。',
        start=91, end=120, headline_start=94, headline_end=100, body_start=101, body_end=120,
        region=NATIONAL_REGION,
    )
    third = Entry(seq=3, no=1, headline="@mention", body="", start=120, end=121,
                  headline_start=120, headline_end=121, body_start=121, body_end=121)
    return Article(
        source=Source(path=path, sha256="ab" * 32, encoding="utf-8",
                      title="2023年国内元宇宙相关政策汇总", attribution=None),
        entries=[first, second, third],
        warnings=[Notice(code="numbering_gap", message="02 -> 01")],
        text=TEXT,
    )


def _python(value: Any) -> Any:
    """A pandas cell as the plain Python value the JSON holds (NA -> None, 5e11 -> 5e11)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


# --- JSON -----------------------------------------------------------------------------------


def test_article_json_is_deterministic_and_ends_with_newline() -> None:
    """Same article, same string; and a rebuilt equal article gives the same string too."""
    first, second = article_json(make_article()), article_json(make_article())
    assert first == second
    assert first.endswith("}\n")


def test_article_json_is_the_model_dump() -> None:
    """The JSON is exactly `model_dump(mode="json")`, keys in model order."""
    article = make_article()
    data = json.loads(article_json(article))
    assert data == article.model_dump(mode="json")
    assert list(data)[:3] == ["schema_version", "source", "entries"]


def test_article_json_numbers_and_chinese() -> None:
    """Decimals are JSON numbers (not strings); Chinese is written as is, not \\u escapes."""
    text = article_json(make_article())
    targets = json.loads(text)["entries"][0]["targets"]
    assert targets[0]["value"] == 500000000000 and isinstance(targets[0]["value"], int)
    assert targets[1]["value"] == 0.5
    assert "昆明市" in text and "\\u" not in text
    assert '\n  "source": {' in text  # indent 2


def test_article_json_round_trips() -> None:
    article = make_article()
    assert Article.model_validate_json(article_json(article)) == article


def test_article_json_keeps_formula_text_exactly() -> None:
    """The formula guard is for CSV only: JSON keeps `=SUM(A1)` as written."""
    data = json.loads(article_json(make_article()))
    assert data["entries"][0]["headline"] == "=SUM(A1) 昆明发布计划"


def _with_value(value: Decimal) -> Article:
    """`make_article()` with its first target's value replaced."""
    article = make_article()
    entry = article.entries[0]
    target = entry.targets[0].model_copy(update={"value": value})
    entries = [entry.model_copy(update={"targets": [target]}), *article.entries[1:]]
    return article.model_copy(update={"entries": entries})


def _reference_json(article: Article) -> str:
    """What article_json wrote before it used pydantic's serializer (json.dumps, indent 2)."""
    data = article.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(Decimal("500000000000"), id="integer"),
        pytest.param(Decimal("123456789012345678901234567890"), id="huge-integer"),
        pytest.param(Decimal("0.5"), id="fraction"),
        pytest.param(Decimal("0.0001"), id="smallest-plain-float"),
        pytest.param(Decimal("0.00005"), id="tiny-float-5e-05"),
        pytest.param(Decimal("-0.0000123"), id="tiny-negative-float"),
        pytest.param(Decimal("12345678901234567.5"), id="float-with-exponent-1e+16"),
        pytest.param(Decimal("33.333333333333336"), id="long-fraction"),
    ],
)
def test_article_json_writes_the_bytes_json_dumps_wrote(value: Decimal) -> None:
    """The fast serializer must not change a byte of the output: floats below 1e-4 are where
    pydantic (0.00005) and json.dumps (5e-05) differ, so they take the json.dumps path."""
    article = _with_value(value)
    assert article_json(article) == _reference_json(article)


def test_article_json_keeps_control_characters_and_astral_text_identical() -> None:
    """Escapes (\\u0000, \\b, \\n, \\") and text outside the BMP are written alike."""
    text = "".join(chr(c) for c in range(0x30)) + "\x7f\u2028\uffff𠀀"
    article = make_article().model_copy(update={"text": text})
    assert article_json(article) == _reference_json(article)


def test_article_json_refuses_nan_as_before() -> None:
    """json.dumps(allow_nan=False) refused a NaN value; pydantic would write null."""
    with pytest.raises(ValueError, match="JSON compliant"):
        article_json(_with_value(Decimal("NaN")))


def test_article_json_lone_surrogate_behaves_as_before() -> None:
    """A lone surrogate in str input: the string is returned as json.dumps gave it."""
    article = make_article().model_copy(update={"text": "a\ud800b"})
    assert article_json(article) == _reference_json(article)


def _float_fields(model: type[BaseModel], seen: set[type[BaseModel]]) -> list[str]:
    found: list[str] = []
    if model in seen:
        return found
    seen.add(model)
    for name, field in model.model_fields.items():
        spelled = repr(field.annotation)
        if "Decimal" in spelled or "float" in spelled:
            found.append(f"{model.__name__}.{name}")
        stack = [field.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found.extend(_float_fields(annotation, seen))
            stack.extend(get_args(annotation))
    return found


def test_target_value_is_the_only_float_field() -> None:
    """`export._needs_stdlib_json` checks target values only, because they are the only
    fields that can become JSON floats. A new float field needs a check there too."""
    assert _float_fields(Article, set()) == ["TargetMention.value"]


# --- columns ----------------------------------------------------------------------------------

MODEL_OF_TABLE: list[tuple[str, type[BaseModel]]] = [
    ("entries", Entry),
    ("dates", DateMention),
    ("places", PlaceMention),
    ("documents", DocumentMention),
    ("targets", TargetMention),
    ("articles", Source),
]


@pytest.mark.parametrize(("table", "model"), MODEL_OF_TABLE, ids=[t for t, _ in MODEL_OF_TABLE])
def test_every_model_field_is_a_column(table: str, model: type[BaseModel]) -> None:
    """A field added to models.py must show up in the tables (directly or flattened)."""
    names = [c.name for c in table_columns(table)]
    for field in model.model_fields:
        flattened = {
            "region": "region_name", "warnings": "warning_count", "dates": "date_count",
            "places": "place_count", "documents": "document_count", "targets": "target_count",
        }
        assert flattened.get(field, field) in names, field


def test_region_is_flattened() -> None:
    names = [c.name for c in table_columns("entries")]
    assert [
        n for n in names if n.startswith("region_")
    ] == ["region_name", "region_adcode", "region_level", "region_rule"]


@pytest.mark.parametrize("table", TABLES)
def test_columns_are_unique_and_keyed(table: str) -> None:
    names = [c.name for c in table_columns(table)]
    assert len(names) == len(set(names))
    if table in CORPUS_KEYS:
        assert set(CORPUS_KEYS[table]) <= set(names)
        return
    assert names[0] == "article"
    if table != "articles":
        assert names[1] == "seq"


def test_unknown_table_is_an_error() -> None:
    with pytest.raises(KeyError):
        table_columns("nope")


# --- rows -------------------------------------------------------------------------------------


def test_flat_tables_row_counts_and_keys() -> None:
    tables = flat_tables([make_article("raw/a.txt"), make_article("raw/b.txt")])
    counts = {name: len(rows) for name, rows in tables.items()}
    # Two copies of one article: one document in both, one dated entry reported by both.
    assert counts == {"articles": 2, "entries": 6, "dates": 2, "places": 4, "documents": 2,
                      "targets": 4, "corpus_documents": 1, "document_links": 2,
                      "corpus_events": 1, "event_members": 2, "event_links": 1}
    assert [r["article"] for r in tables["articles"]] == ["a", "b"]
    assert [(r["seq"], r["idx"]) for r in tables["places"][:2]] == [(1, 1), (1, 2)]


@pytest.mark.parametrize("table", TABLES)
def test_rows_have_exactly_the_columns(table: str) -> None:
    rows = flat_tables([make_article("raw/a.txt"), make_article("raw/b.txt")])[table]
    assert rows
    for row in rows:
        assert list(row) == [c.name for c in table_columns(table)]


def test_entry_row_flattens_region_and_warnings() -> None:
    row = flat_tables([make_article()])["entries"][0]
    assert row["region_name"] == "云南省昆明市"
    assert row["region_adcode"] == "530100"
    assert row["warning_count"] == 2
    assert row["warning_codes"] == "repeated_sentence;x"
    assert row["warnings"] == "repeated_sentence: 句子重复\nx: +second"
    assert row["target_count"] == 2


def test_entry_without_region_has_empty_region_columns() -> None:
    row = flat_tables([make_article()])["entries"][2]
    assert (row["region_name"], row["region_adcode"], row["region_level"]) == (None, None, None)


def test_article_key_is_the_file_stem() -> None:
    assert export.article_key(make_article("raw/sub/000_abc.txt")) == "000_abc"
    assert export.article_key(make_article("C:\\data\\000_abc.txt")) == "000_abc"


# --- CSV --------------------------------------------------------------------------------------

CSV_CELLS = [
    pytest.param(None, "", id="null"),
    pytest.param("上海市", "上海市", id="chinese"),
    pytest.param("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")", id="equals"),
    pytest.param("+86", "'+86", id="plus"),
    pytest.param("-5%", "'-5%", id="minus"),
    pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
    pytest.param("\tx", "'\tx", id="tab"),
    pytest.param("'quoted", "''quoted", id="apostrophe-kept-reversible"),
    pytest.param("a=b", "a=b", id="formula-char-not-first"),
    pytest.param(-5, "-5", id="negative-number-not-text"),
    pytest.param(500000000000, "500000000000", id="big-int"),
    pytest.param(0.5, "0.5", id="float"),
    pytest.param("530100", "530100", id="adcode"),
]


@pytest.mark.parametrize(("value", "expected"), CSV_CELLS)
def test_csv_cell(value: str | int | float | None, expected: str) -> None:
    assert csv_cell(value) == expected


@pytest.mark.parametrize(
    "text", ["=1+1", "-5%", "'x", "''", "plain", "上海"], ids=lambda t: repr(t)
)
def test_csv_text_undoes_csv_cell(text: str) -> None:
    assert csv_text(csv_cell(text)) == text


def test_csv_has_bom_and_header(tmp_path: Path) -> None:
    write_tables(tmp_path, flat_tables([make_article()]), ["csv"])
    raw = (tmp_path / "entries.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfarticle,seq,no,")
    assert b"'=SUM(A1)" in raw


@pytest.mark.parametrize("table", TABLES)
def test_csv_read_back_with_pandas_equals_json(tmp_path: Path, table: str) -> None:
    """Every cell read back with `read_csv_table` equals the JSON value (types included:
    adcodes stay strings, formula-guarded text comes back as written)."""
    tables = flat_tables([make_article("raw/a.txt"), make_article("raw/b.txt")])
    write_tables(tmp_path, tables, ["csv"])
    frame = read_csv_table(tmp_path / f"{table}.csv", table)
    assert list(frame.columns) == [c.name for c in table_columns(table)]
    got = [{k: _python(v) for k, v in row.items()} for row in frame.to_dict("records")]
    assert got == tables[table]


def test_csv_adcode_is_string_dtype(tmp_path: Path) -> None:
    write_tables(tmp_path, flat_tables([make_article()]), ["csv"])
    frame = read_csv_table(tmp_path / "places.csv", "places")
    assert frame["adcode"].iloc[0] == "530100"
    assert frame["adcode"].dtype == "string"


def test_empty_tables_still_have_headers(tmp_path: Path) -> None:
    write_tables(tmp_path, flat_tables([]), ["csv"])
    frame = read_csv_table(tmp_path / "targets.csv", "targets")
    assert frame.empty
    assert list(frame.columns) == [c.name for c in table_columns("targets")]


# --- other formats ----------------------------------------------------------------------------


def test_sqlite_tables_are_typed(tmp_path: Path) -> None:
    write_tables(tmp_path, flat_tables([make_article()]), ["sqlite"])
    with sqlite3.connect(tmp_path / "digest.sqlite") as db:
        adcode, value = db.execute(
            "SELECT p.adcode, t.value FROM places p JOIN targets t USING (article, seq) "
            "WHERE t.idx = 1 AND p.idx = 1"
        ).fetchone()
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    assert (adcode, value) == ("530100", 500000000000)
    assert names == list(TABLES)


@pytest.mark.parametrize("table", TABLES)
def test_parquet_read_back_equals_json(tmp_path: Path, table: str) -> None:
    tables = flat_tables([make_article()])
    write_tables(tmp_path, tables, ["parquet"])
    frame = pd.read_parquet(tmp_path / f"{table}.parquet")
    got = [{k: _python(v) for k, v in row.items()} for row in frame.to_dict("records")]
    assert got == tables[table]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "sqlite"])
def test_table_files_are_byte_identical_across_runs(tmp_path: Path, fmt: str) -> None:
    tables = flat_tables([make_article()])
    first = write_tables(tmp_path / "one", tables, [fmt])
    second = write_tables(tmp_path / "two", tables, [fmt])
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_unknown_table_format_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        write_tables(tmp_path, flat_tables([]), ["xlsx"])


# --- atomic writes ----------------------------------------------------------------------------


def test_atomic_writes_leave_no_temp_files(tmp_path: Path) -> None:
    article = make_article()
    export.write_article_json(tmp_path / "x.json", article)
    write_tables(tmp_path, flat_tables([article]), ["csv", "parquet", "sqlite"])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert not [n for n in names if n.startswith(".") or n.endswith((".tmp", "-journal"))]
    assert "x.json" in names and "digest.sqlite" in names
    assert (tmp_path / "x.json").read_text("utf-8") == article_json(article)


def test_failed_atomic_write_keeps_the_old_file(tmp_path: Path) -> None:
    """An error half-way leaves the previous file intact and removes the temporary one."""
    target = tmp_path / "out.csv"
    target.write_text("old", "utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", "utf-8")
        raise RuntimeError("disk full")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_atomic_write_creates_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c.json"
    export.atomic_write_bytes(target, b"{}\n")
    assert target.read_bytes() == b"{}\n"
    assert target.stat().st_mode & 0o777 == 0o644


def test_sqlite_has_foreign_keys_and_indexes(tmp_path: Path) -> None:
    """Mentions reference their entry, entries their article; filters have indexes."""
    write_tables(tmp_path, flat_tables([make_article()]), ["sqlite"])
    with sqlite3.connect(tmp_path / "digest.sqlite") as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        targets_fk = db.execute("PRAGMA foreign_key_list(targets)").fetchall()
        assert {(row[2], row[3], row[4]) for row in targets_fk} == {
            ("entries", "article", "article"), ("entries", "seq", "seq")}
        entries_fk = db.execute("PRAGMA foreign_key_list(entries)").fetchall()
        assert {(row[2], row[3]) for row in entries_fk} == {("articles", "article")}
        indexes = {row[1] for row in db.execute(
            "SELECT type, name FROM sqlite_master WHERE type = 'index'")}
        assert {"entries_date", "entries_region_adcode", "targets_kind", "places_adcode"} <= indexes
