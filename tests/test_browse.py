"""`extractor browse` (issue 16): Datasette over a run's database, started in-process and
queried through its own client, with the metadata generated from the data dictionary."""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor.batch import run_batch
from extractor.browse import DATABASE, browse_app
from extractor.cli import main
from extractor.dictionary import column_meaning

# Only the tests that start Datasette need it; the error without a database does not.
needs_datasette = pytest.mark.skipif(
    importlib.util.find_spec("datasette") is None,
    reason="Datasette is not installed (the browse extra)",
)

DATA = Path(__file__).parent / "data"
TWO_DIGESTS = [
    DATA / "articles" / "02_diankong_jingji_2024.txt",
    DATA / "articles9" / "04_dikong_jingji_zhengce_huizong_2024.txt",
]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browse")
    report = run_batch(TWO_DIGESTS, folder, ("json", "sqlite"))
    assert report.failed == 0
    return folder


def _get(out: Path, path: str) -> Any:
    async def fetch() -> Any:
        app = browse_app(out)
        await app.invoke_startup()
        response = await app.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        return response.json()

    return asyncio.run(fetch())


@needs_datasette
def test_metadata_describes_every_column(out: Path) -> None:
    metadata = _get(out, "/-/metadata.json")
    targets = metadata["databases"][DATABASE]["tables"]["targets"]
    assert targets["columns"]["unit"] == column_meaning("targets", "unit")
    assert "unit" in targets["facets"] and "year" in targets["facets"]


@needs_datasette
def test_a_table_page_offers_its_facets(out: Path) -> None:
    page = _get(out, f"/{DATABASE}/targets.json?_facet=kind")
    kinds = {row["value"] for row in page["facet_results"]["kind"]["results"]}
    assert "money" in kinds


@needs_datasette
def test_canned_queries_answer(out: Path) -> None:
    events = _get(out, f"/{DATABASE}/events_reported_most_often.json?_shape=array")
    assert any("低空经济首次写入政府工作报告" in row["headline"] and row["article_count"] == 2
               for row in events)
    money = _get(out, f"/{DATABASE}/targets_by_province_and_year.json?_shape=array")
    assert money
    assert all(row["province"] == "全国" or row["province"].endswith(("省", "市", "区"))
               for row in money)
    assert all(isinstance(row["year"], str) and len(row["year"]) == 4 for row in money)
    issuers = _get(out, f"/{DATABASE}/documents_by_issuer.json?_shape=array")
    assert sum(row["documents"] for row in issuers) == _get(
        out, f"/{DATABASE}.json?sql=select+count(*)+as+n+from+corpus_documents&_shape=array"
    )[0]["n"]


def test_browse_without_a_database_says_how_to_make_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["browse", str(tmp_path)])
    assert result.exit_code == 1
    assert "digest.sqlite: no database" in result.output and "-f sqlite" in result.output
