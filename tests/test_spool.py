"""Spool folders: a killed run's spool is swept by the next run, a live run's never is."""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractor import spool
from extractor.batch import run_batch
from extractor.export import (
    Row,
    article_json,
    document_tables,
    write_sqlite,
    write_sqlite_from_staging,
    write_tables,
)
from extractor.pipeline import extract_article
from extractor.spool import TableSpool, encode_tables, spool_folder, sweep_stale_spools

pytestmark = pytest.mark.skipif(spool.fcntl is None, reason="spool locks need POSIX flock")

SAMPLE = Path(__file__).parent / "data" / "sample" / "000_083a9808acf37448.txt"


def _killed_spool(parent: Path, name: str = ".spool-killed") -> Path:
    """What SIGKILL leaves: the folder, its lock file (no longer held) and part files."""
    folder = parent / name
    folder.mkdir()
    (folder / ".lock.tmp").write_text("")
    (folder / ".entries.csv.tmp").write_text("half a row")
    return folder


def test_a_killed_runs_spool_is_swept(tmp_path: Path) -> None:
    killed = _killed_spool(tmp_path)
    assert sweep_stale_spools(tmp_path) == [killed]
    assert not killed.exists()


def test_a_live_runs_spool_is_kept(tmp_path: Path) -> None:
    with spool_folder(tmp_path) as live:
        assert sweep_stale_spools(tmp_path) == []
        assert live.is_dir()
    assert not live.exists()  # and it cleans up after itself


@pytest.mark.parametrize(
    ("age_seconds", "swept"),
    [(0.0, False), (3600.0, True)],
    ids=["fresh-unlocked-kept", "old-unlocked-swept"],
)
def test_a_spool_without_a_lock_file_is_swept_only_when_old(
    tmp_path: Path, age_seconds: float, swept: bool
) -> None:
    folder = tmp_path / ".spool-unlocked"
    folder.mkdir()
    then = time.time() - age_seconds
    os.utime(folder, (then, then))
    assert sweep_stale_spools(tmp_path) == ([folder] if swept else [])


def test_other_folders_are_never_swept(tmp_path: Path) -> None:
    for name in ("spool-x", "tables", ".spoolish"):
        (tmp_path / name).mkdir()
    (tmp_path / ".spool-file").write_text("a file, not a spool folder")
    assert sweep_stale_spools(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".spool-file", ".spoolish", "spool-x", "tables"]


def test_a_batch_run_sweeps_what_a_killed_run_left(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    (inputs / "a.txt").write_bytes(SAMPLE.read_bytes())
    killed = _killed_spool(out)
    report = run_batch([inputs], out, formats=["json", "csv"])
    assert report.totals.failed == 0
    assert not killed.exists()
    assert not list(out.glob(".spool-*"))


# --- SQLite staging ---------------------------------------------------------------------------

_SAMPLE_TABLES: dict[str, list[Row]] = {}


def _sample_tables() -> dict[str, list[Row]]:
    if not _SAMPLE_TABLES:
        article = extract_article(SAMPLE.read_bytes(), path=SAMPLE.as_posix())
        _SAMPLE_TABLES.update(document_tables(json.loads(article_json(article))))
    return {name: [dict(row) for row in rows] for name, rows in _SAMPLE_TABLES.items()}


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    headline=st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    value=st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1),
                    st.floats(allow_nan=False, allow_infinity=False)),
)
@example(headline="上海\u2028浦东", value=2**63 - 1)
@example(headline="行一\n行二\r\x85\x1c\x1d\x1e\u2029", value=-(2**63))
@example(headline="=1+1", value=1e-7)
@example(headline="", value=None)
def test_staged_sqlite_equals_sqlite_written_at_once(tmp_path: Path, headline: str,
                                                     value: float | None) -> None:
    """Rows staged article by article while a batch runs give the bytes `write_sqlite` writes
    from whole tables, and rows spooled as JSON Lines the bytes of `write_parquet`, whatever
    the cells hold (line separators such as U+2028 and "\\n", formula-like text, 64-bit
    integers, floats, nulls)."""
    tables = _sample_tables()
    tables["entries"][0]["headline"] = headline
    tables["targets"][0]["value"] = value
    folder = tmp_path / f"case-{uuid.uuid4().hex}"
    folder.mkdir()
    table_spool = TableSpool(folder, stage_sqlite=True)
    # Two "articles": the first entry's rows, then the rest (the batch appends per article).
    first = {name: [r for r in rows if r.get("seq", 1) == 1] for name, rows in tables.items()}
    rest = {name: [r for r in rows if r.get("seq", 1) != 1] for name, rows in tables.items()}
    ordered = {name: first[name] + rest[name] for name in tables}
    for part in (first, rest):
        table_spool.append(encode_tables(part, csv_lines=False, values=True, cells=True))
    table_spool.close()
    write_sqlite_from_staging(folder / "staged.sqlite", table_spool.staging)
    write_sqlite(folder / "direct.sqlite", ordered)
    assert (folder / "staged.sqlite").read_bytes() == (folder / "direct.sqlite").read_bytes()
    if isinstance(value, int) and abs(value) > 2**53:
        return  # Parquet's `number` columns are float64, which refuses such an integer
    spooled = write_tables(folder / "spooled", table_spool.tables(), ["parquet"])
    direct = write_tables(folder / "direct", ordered, ["parquet"])
    for one, other in zip(spooled, direct, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name
