"""The Dask engine: the same work on an in-process Dask cluster, inputs and outputs through
fsspec (`memory://`, `file://`), byte for byte the single-process outputs."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from extractor.batch import run_batch
from extractor.cli import main
from extractor.export import TABLES
from extractor.parallel import dask_executor

distributed = pytest.importorskip(
    "distributed", reason="dask is an optional extra: pip install -e '.[dask]'")
fsspec = pytest.importorskip("fsspec", reason="fsspec comes with the optional extra dask")

DATA = Path(__file__).parent / "data"
# Three real articles (UTF-8, GBK, CRLF) and the reference sample.
ARTICLES = [*sorted((DATA / "articles").glob("0[678]_*.txt")),
            DATA / "sample" / "000_083a9808acf37448.txt"]
FORMATS = ("json", "csv", "parquet", "sqlite")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """An in-process cluster (threads, no subprocesses): fast to start, shares memory://."""
    cluster: Any = distributed.LocalCluster(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None)
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def local_outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "run_report.json"}


def test_memory_urls_on_a_dask_cluster(scheduler: str, tmp_path: Path) -> None:
    """Inputs in memory://, outputs to memory://: every output equals a single-process run
    over the same inputs into a local folder."""
    fs = fsspec.filesystem("memory")
    root = f"memory://{uuid.uuid4().hex}"
    for path in ARTICLES:
        fs.pipe_file(f"{root}/raw/{path.name}", path.read_bytes())

    reference = tmp_path / "reference"
    run_batch([f"{root}/raw"], reference, FORMATS)
    with dask_executor(scheduler) as executor:
        report = run_batch([f"{root}/raw"], f"{root}/out", FORMATS, executor=executor)

    assert report.failed == 0 and report.extracted == len(ARTICLES)
    expected = local_outputs(reference)
    # json, manifest, csv and parquet of each table, db
    assert len(expected) == len(ARTICLES) + 1 + 2 * len(TABLES) + 1
    got = {name: fs.cat_file(f"{root}/out/{name}") for name in expected}
    assert got == expected
    assert fs.exists(f"{root}/out/run_report.json")


def test_cli_dask_engine_with_file_urls(scheduler: str, tmp_path: Path) -> None:
    """`extractor run file://... --engine dask --scheduler ...` writes what a plain local
    single-process run writes (file:// URLs are the local paths)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for path in ARTICLES:
        (raw / path.name).write_bytes(path.read_bytes())
    plain, via_dask = tmp_path / "plain", tmp_path / "dask"
    formats = [arg for f in FORMATS for arg in ("-f", f)]
    first = CliRunner().invoke(main, ["run", str(raw), "-o", str(plain), "-w", "1", *formats])
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(main, [
        "run", raw.as_uri(), "-o", via_dask.as_uri(), "--engine", "dask",
        "--scheduler", scheduler, *formats,
    ])
    assert second.exit_code == 0, second.output
    assert f"{len(ARTICLES)} extracted, 0 re-used" in second.stdout
    assert local_outputs(via_dask) == local_outputs(plain)


def test_dask_engine_needs_a_scheduler(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", str(DATA / "sample"), "-o", str(tmp_path / "o"),
                                       "--engine", "dask"])
    assert result.exit_code == 2
    assert "--scheduler" in result.output
