"""The data dictionary (`docs/data-dictionary.md`), generated from the models and table columns.

Meanings come from the models' `Field(description=...)`; derived columns (keys, counts,
warnings) have theirs here. Types come from `export.table_columns` and pandas dtypes from
`frames.column_dtype`, so the page cannot disagree with the code: `tests/test_schema.py` fails
when the committed file differs from `render_data_dictionary()`. Regenerate with

    python -m extractor.dictionary docs/data-dictionary.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from extractor.corpus.view import CORPUS_KEYS, CORPUS_TABLES
from extractor.export import MENTION_TABLES, TABLES, Column, atomic_write_bytes, table_columns
from extractor.frames import DATE_RANGE_COLUMNS, categories, column_dtype, frame_columns
from extractor.models import Article, Entry, Region, Source

TABLE_ROWS: dict[str, str] = {
    "articles": "one row per article",
    "entries": "one row per entry (numbered item)",
    "dates": "one row per date mention",
    "places": "one row per place mention",
    "documents": "one row per document title in 《》",
    "targets": "one row per quantity (money, percent, count, measure)",
    "corpus_documents": "one row per document, over every article of the run",
    "document_links": "one row per document mention: the corpus document it refers to",
    "corpus_events": "one row per event reported by entries of two or more articles",
    "event_members": "one row per entry (or bulletin story) that reports a corpus event",
    "event_links": "one row per link that joined two entries (or bulletin stories) into an event",
}

# Example values, from the sample article (tests/data/sample) where it has one. Written by hand
# so that the page does not change whenever extraction improves; the test checks that every
# column has exactly one example and that no example names a column that does not exist.
_KEYS = {"article": "000_083a9808acf37448", "seq": "1", "idx": "1"}
_SPAN = {"start": "202", "end": "211"}
EXAMPLES: dict[str, dict[str, str]] = {
    "articles": {
        "article": _KEYS["article"], "schema_version": "1",
        "path": "raw/000_083a9808acf37448.txt", "sha256": "75bee370…d915", "encoding": "utf-8",
        "title": "2023年国内元宇宙相关政策汇总", "attribution": "元宇宙三十人论坛",
        "date": "2023",
        "format": "text", "script": "simplified",
        "entry_count": "24", "warning_count": "1", "warning_codes": "html_markup",
        "warnings": "html_markup: HTML tags were found…",
    },
    "entries": {
        **{k: _KEYS[k] for k in ("article", "seq")}, "no": "1", "section": "热点聚焦",
        "headline": "昆明计划扩大区块链产业,提前布局元宇宙产业", "body": "2023年1月3日,昆明市…",
        "start": "175", "end": "308", "headline_start": "179", "headline_end": "200",
        "body_start": "202", "body_end": "308", "date": "2023-01-03",
        "date_start": "2023-01-03", "date_end": "2023-01-03", "warning_count": "1",
        "warning_codes": "headline_date_conflict",
        "warnings": "headline_date_conflict: headline says…", "region_name": "云南省昆明市",
        "region_adcode": "530100", "region_level": "city", "region_rule": "headline",
        "date_count": "3", "place_count": "4", "document_count": "2", "target_count": "3",
    },
    "dates": {
        **_KEYS, "text": "2023年1月3日", **_SPAN, "rule": "ymd", "value": "2023-01-03",
        "precision": "day", "value_start": "2023-01-03", "value_end": "2023-01-03",
        "role": "own", "reason": "no year in context",
    },
    "places": {
        **_KEYS, "text": "昆明", "start": "179", "end": "181", "rule": "short",
        "name": "云南省昆明市", "adcode": "530100", "level": "city",
        "reason": "not an administrative division",
    },
    "documents": {
        **_KEYS, "text": "《行动计划》", "start": "270", "end": "276", "rule": "alias",
        "title": "行动计划", "alias_of": "昆明市数字经济发展三年行动计划(2022-2024年)",
        "kind": "三年行动计划", "period_start": "2022", "period_end": "2024",
        "issuer": "昆明市人民政府",
    },
    "targets": {
        **_KEYS, "text": "超过5000亿元", "start": "289", "end": "297", "rule": "number_unit",
        "value": "500000000000", "unit": "元", "kind": "money", "qualifier": "gt",
        "year": "2024", "metric": "区块链特色应用", "reason": "no number",
    },
    "corpus_documents": {
        "document_id": "D4edcc1756331", "key": "530100|数字经济发展三年行动计划|2022-2024",
        "title": "昆明市数字经济发展三年行动计划(2022-2024年)", "jurisdiction_name": "云南省昆明市",
        "jurisdiction_adcode": "530100", "kind": "三年行动计划", "issuer": "昆明市人民政府",
        "period_start": "2022", "period_end": "2024", "first_date": "2023-01-03",
        "last_date": "2023-01-03", "regions": "云南省昆明市", "mention_count": "2",
        "entry_count": "1", "article_count": "1",
    },
    "document_links": {**_KEYS, "document_id": "D4edcc1756331", "rule": "alias"},
    "corpus_events": {
        "event_id": "E790bb67c911c", "headline": "低空经济首次写入政府工作报告",
        "first_date": "2024-03-05", "last_date": "2024-03-06", "region_name": "全国",
        "region_adcode": "100000", "entry_count": "2", "article_count": "2", "min_score": "100.0",
    },
    "event_members": {"article": "02_diankong_jingji_2024", "seq": "1", "story": "0",
                      "event_id": "E790bb67c911c"},
    "event_links": {
        "event_id": "E790bb67c911c", "article": "02_diankong_jingji_2024", "seq": "1",
        "story": "0", "linked_article": "04_dikong_jingji_zhengce_huizong_2024",
        "linked_seq": "1", "linked_story": "0",
        "rule": "headline", "score": "100.0",
    },
}

_COUNT_TABLES = {f"{name.removesuffix('s')}_count": name for name in MENTION_TABLES}


def _description(model: type[Article | Entry | Region | Source], field: str) -> str:
    description = model.model_fields[field].description
    if not description:
        raise LookupError(f"{model.__name__}.{field} has no description in models.py")
    return description


def _warning_meaning(column: str, owner: str) -> str | None:
    return {
        "warning_count": f"Number of warnings on the {owner}.",
        "warning_codes": f"Codes of the {owner}'s warnings, `;`-separated, in order.",
        "warnings": f"The {owner}'s warnings, one `code: message` per line.",
    }.get(column)


def column_meaning(table: str, column: str) -> str:
    """What a column means, from the model field descriptions (derived columns: here).

    >>> column_meaning("places", "adcode")[:30]
    '6-digit national division code'
    """
    if table in CORPUS_TABLES:
        description = CORPUS_TABLES[table].model_fields[column].description
        if not description:
            raise LookupError(f"{table}.{column} has no description in models.py")
        return description
    if column == "article":
        return "Article key: the file name of `source.path` without its suffix."
    if table in MENTION_TABLES:
        if column == "seq":
            return "The `seq` of the entry holding the mention (joins `entries`)."
        if column == "idx":
            return "1-based position of the mention within its entry."
        description = MENTION_TABLES[table].model_fields[column].description
        if not description:
            raise LookupError(f"{table}.{column} has no description in models.py")
        return description
    if table == "articles":
        if column == "entry_count":
            return "Number of entries (rows of `entries`) in the article."
        meaning = _warning_meaning(column, "article")
        if meaning:
            return meaning
        if column in Article.model_fields:
            return _description(Article, column)
        return _description(Source, column)
    if table == "entries":
        for source, (first, last) in DATE_RANGE_COLUMNS["entries"].items():
            if column == first:
                return f"pandas frames only: first day covered by `{source}`."
            if column == last:
                return f"pandas frames only: last day covered by `{source}`."
        meaning = _warning_meaning(column, "entry")
        if meaning:
            return meaning
        if column in _COUNT_TABLES:
            return f"Number of rows of `{_COUNT_TABLES[column]}` for the entry."
        if column.startswith("region_"):
            sub = column.removeprefix("region_")
            return f"Region: {_description(Region, sub)} Null when the entry has no region."
        return _description(Entry, column)
    raise KeyError(f"unknown table {table!r}")


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _type(table: str, name: str, columns: dict[str, Column]) -> str:
    cats = categories(table, name)
    if name not in columns:
        return "date"
    base = columns[name].type
    if cats:
        return f"{base}: " + ", ".join(f"`{c}`" for c in cats)
    return base


def render_table(table: str) -> str:
    """The section of one flat table: what a row is, its key, and one line per column."""
    columns = {c.name: c for c in table_columns(table)}
    if table in CORPUS_KEYS:
        keys = list(CORPUS_KEYS[table])
    else:
        keys = ["article"] + ([] if table == "articles" else ["seq"])
        keys += ["idx"] if table in MENTION_TABLES else []
    lines = [
        f"## `{table}`: {TABLE_ROWS[table]}",
        "",
        f"Key: {', '.join(f'`{k}`' for k in keys)}. Files: `tables/{table}.csv`, "
        f"`tables/{table}.parquet`, table `{table}` in `digest.sqlite`.",
        "",
        "| column | type | null | pandas dtype | meaning | example |",
        "|---|---|---|---|---|---|",
    ]
    for name in frame_columns(table):
        nullable = columns[name].nullable if name in columns else True
        lines.append(
            f"| `{name}` | {_cell(_type(table, name, columns))} | "
            f"{'yes' if nullable else 'no'} | `{column_dtype(table, name)}` | "
            f"{_cell(column_meaning(table, name))} | {_cell(EXAMPLES[table][name])} |"
        )
    return "\n".join(lines) + "\n"


_INTRO = """\
# Data dictionary

<!-- Generated by extractor.dictionary.render_data_dictionary(); do not edit by hand.
     Regenerate: python -m extractor.dictionary docs/data-dictionary.md -->

`extractor run` writes one JSON document per article (its JSON Schema: `extractor schema`)
and the flat tables below, built from the same models: one row per article, entry or
mention, every model field a column. Tables join on `article` (the input file name without
its suffix) and the entry's `seq`.

Columns:

- **type** is the type in the CSV, Parquet and SQLite files: `str` (text), `int` (a whole
  number) or `number` (a whole or decimal number), followed by the allowed values for an
  enumeration. `date` marks a column that exists only in the pandas frames.
- **null** says whether the cell may be empty (an empty CSV cell, a SQL `NULL`).
- **pandas dtype** is the dtype in `extractor.frames.load_frames(...)`. Text is `string`
  (codes such as adcodes stay text, leading zeros kept), nullable integers `Int64`,
  enumerations `category`. A date that may be `YYYY-MM-DD`, `YYYY-MM` or `YYYY` stays a
  string; day-precision dates are `datetime64[s]`, and `entries` gains `date_start` and
  `date_end`, the first and last day its `date` covers (`2023-05` -> 2023-05-01 .. 2023-05-31).
- In CSV files a text cell starting with `=`, `+`, `-`, `@`, `'`, tab or CR is written with
  one leading `'` so that spreadsheets do not run it as a formula;
  `extractor.export.read_csv_table` removes it again.

Every mention (rows of `dates`, `places`, `documents`, `targets`) satisfies
`article_text[start:end] == text`, where the article text is the `text` of the article's JSON.

The corpus tables (`corpus_documents`, `document_links`, `corpus_events`, `event_members`,
`event_links`) link documents and events across every article of one run
(`extractor.corpus`): a `document_links` row joins `documents` on (`article`, `seq`, `idx`),
an `event_members` row joins `entries` on (`article`, `seq`), and every event's links say
which two entries were found alike, by which rule and with what score.
"""


def render_data_dictionary() -> str:
    """The whole `docs/data-dictionary.md`, as Markdown."""
    return _INTRO + "".join("\n" + render_table(table) for table in TABLES)


def main(argv: list[str]) -> int:
    """`python -m extractor.dictionary [FILE]`: print the dictionary or write it to FILE."""
    text = render_data_dictionary()
    if argv:
        atomic_write_bytes(Path(argv[0]), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
