"""Spool folders: a killed run's spool is swept by the next run, a live run's never is."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from extractor import spool
from extractor.batch import run_batch
from extractor.spool import spool_folder, sweep_stale_spools

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
