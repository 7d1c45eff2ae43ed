"""Browse a run's database in Datasette: `extractor browse OUT_DIR`.

The metadata Datasette shows is generated from the data dictionary (`extractor.dictionary`):
what each table's rows are, what each column means, facets on the columns people narrow by
(region, kind, unit, year) and canned queries for the questions a corpus is collected for.
Datasette is an optional dependency (`pip install digest-extractor[browse]`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor import gazetteer
from extractor.dictionary import TABLE_ROWS, column_meaning
from extractor.export import SQLITE_NAME, TABLES, table_columns

if TYPE_CHECKING:
    from datasette.app import Datasette

DATABASE = SQLITE_NAME.removesuffix(".sqlite")
TITLE = "Digest extractor: the corpus database"

# The columns a reader narrows a table by.
FACETS: dict[str, tuple[str, ...]] = {
    "articles": ("script", "format"),
    "entries": ("region_name", "region_level", "region_rule"),
    "dates": ("precision", "role"),
    "places": ("level", "name"),
    "documents": ("kind", "issuer"),
    "targets": ("kind", "unit", "year", "qualifier"),
    "corpus_documents": ("kind", "jurisdiction_name", "issuer"),
    "document_links": ("rule",),
    "corpus_events": ("region_name", "article_count"),
    "event_links": ("rule",),
}


def _provinces_sql() -> str:
    """A SQL `VALUES` list of the provinces (adcode, name), so queries name them offline."""
    rows = sorted((d.adcode, d.path) for d in gazetteer.all_divisions() if d.level == "province")
    return ", ".join(f"('{adcode}', '{name}')" for adcode, name in rows)


def canned_queries() -> dict[str, dict[str, str]]:
    """The questions a corpus is collected for, as Datasette canned queries."""
    provinces = _provinces_sql()
    return {
        "targets_by_province_and_year": {
            "title": "Money targets by province and year",
            "description": "Each entry's money targets summed by its region's province "
                           "(全国 for national entries) and the year the target is for, or "
                           "else the entry's year. A target named twice in one entry counts "
                           "once.",
            "sql": f"""with provinces(adcode, name) as (values ('100000', '全国'), {provinces}),
once as (
  select distinct t.article, t.seq, t.value, t.unit, t.year,
         e.region_adcode, substr(e.date, 1, 4) as entry_year
  from targets t join entries e using (article, seq)
  where t.kind = 'money' and t.value is not null
)
select p.name as province, coalesce(cast(once.year as text), once.entry_year) as year,
       once.unit,
       count(*) as targets, sum(once.value) as total
from once
join provinces p on p.adcode = case when once.region_adcode = '100000' then '100000'
                                    else substr(once.region_adcode, 1, 2) || '0000' end
group by province, year, once.unit
order by province, year desc, total desc""",
        },
        "documents_by_issuer": {
            "title": "Documents by issuer",
            "description": "How many documents each issuer is named for, and in how many "
                           "articles they are reported.",
            "sql": """select coalesce(issuer, '(issuer not named)') as issuer,
       count(*) as documents, sum(article_count) as article_mentions,
       min(first_date) as first_seen, max(last_date) as last_seen
from corpus_documents
group by 1
order by documents desc, article_mentions desc""",
        },
        "events_reported_most_often": {
            "title": "Events reported most often",
            "description": "Events reported by several digests, with how many articles and "
                           "entries report each and the weakest link's score.",
            "sql": """select event_id, headline, first_date, last_date, region_name,
       article_count, entry_count, min_score
from corpus_events
order by article_count desc, entry_count desc, first_date""",
        },
    }


def datasette_metadata() -> dict[str, Any]:
    """Datasette metadata: table and column descriptions from the data dictionary, facets,
    canned queries."""
    tables: dict[str, Any] = {}
    for table in TABLES:
        tables[table] = {
            "description": TABLE_ROWS[table],
            "columns": {c.name: column_meaning(table, c.name) for c in table_columns(table)},
            "facets": list(FACETS.get(table, ())),
        }
    return {
        "title": TITLE,
        "description": "Tables written by `extractor run`; see docs/data-dictionary.md.",
        "databases": {DATABASE: {"tables": tables, "queries": canned_queries()}},
    }


def browse_app(out_dir: Path) -> Datasette:
    """A Datasette instance over `out_dir/digest.sqlite`, read-only (immutable), with the
    metadata above. Raises FileNotFoundError naming the file when the run wrote none, and
    ImportError saying how to install Datasette when it is missing."""
    database = out_dir / SQLITE_NAME
    if not database.is_file():
        raise FileNotFoundError(
            f"{database}: no database; run `extractor run ... -o {out_dir} -f sqlite` first")
    try:
        from datasette.app import Datasette
    except ImportError as exc:
        raise ImportError("Datasette is not installed: pip install 'digest-extractor[browse]'"
                          ) from exc
    return Datasette(immutables=[str(database)], metadata=datasette_metadata(),
                     settings={"default_facet_size": 15})
