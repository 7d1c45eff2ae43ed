"""Parallel batches: input order kept, same bytes with any number of workers, lost workers
reported, memory flat with the number of files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from extractor import batch, pipeline
from extractor.batch import FileOutcome, FileTask, run_batch
from extractor.models import Article, Entry, Notice, Source
from extractor.parallel import PARENT_CHECK_SECONDS, ordered_map

DATA = Path(__file__).parent / "data"
REAL_ARTICLES = sorted((DATA / "articles").glob("*.txt")) + sorted((DATA / "sample").glob("*.txt"))


# --- ordered_map ------------------------------------------------------------------------------


def slow_square(n: int) -> int:
    """Later items finish first, so completion order is the reverse of input order."""
    time.sleep(0.002 * (10 - n))
    if n == 7:
        raise RuntimeError("seven")
    return n * n


@pytest.mark.parametrize("make_executor", [
    pytest.param(lambda: None, id="inline"),
    pytest.param(lambda: ThreadPoolExecutor(4), id="threads"),
])
def test_ordered_map_keeps_input_order(make_executor: Callable[[], Executor | None]) -> None:
    executor = make_executor()
    try:
        results = list(ordered_map(slow_square, range(10), executor, window=4))
    finally:
        if executor is not None:
            executor.shutdown()
    assert [item for item, _ in results] == list(range(10))
    values = [r if not isinstance(r, Exception) else str(r) for _, r in results]
    assert values == [0, 1, 4, 9, 16, 25, 36, "seven", 64, 81]


def test_ordered_map_bounds_work_in_flight() -> None:
    """At most `window` items are submitted ahead of the one being consumed."""
    lock = threading.Lock()
    submitted, consumed, most_ahead = 0, 0, 0

    def items() -> Iterator[int]:
        nonlocal submitted, most_ahead
        for n in range(50):
            with lock:
                submitted += 1
                most_ahead = max(most_ahead, submitted - consumed)
            yield n

    with ThreadPoolExecutor(4) as pool:
        for _ in ordered_map(abs, items(), pool, window=5):
            consumed += 1
    assert consumed == 50
    assert most_ahead <= 6  # the window plus the one refill before yielding


# --- same bytes with any number of workers ----------------------------------------------------


@pytest.fixture(scope="module")
def real_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 15 test articles (UTF-8, GBK, CRLF, BOM...) and a folder named x.txt: 16 files,
    enough for `workers=2` to start a pool (MIN_FILES_PER_WORKER = 8)."""
    raw = tmp_path_factory.mktemp("parallel") / "raw"
    raw.mkdir()
    for path in REAL_ARTICLES:
        (raw / path.name).write_bytes(path.read_bytes())
    (raw / "x.txt").mkdir()
    assert len(list(raw.iterdir())) >= 2 * batch.MIN_FILES_PER_WORKER
    return raw


FORMATS = ("json", "csv", "parquet", "sqlite")


def without_timing(report: dict[str, Any]) -> dict[str, Any]:
    """The run report minus its timing fields (`seconds`) and the output folder."""
    report = {k: v for k, v in report.items() if k not in ("seconds", "out_dir", "tables")}
    report["files"] = [{k: v for k, v in f.items() if k not in ("seconds", "output")}
                       for f in report["files"]]
    return report


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "run_report.json"}


@pytest.fixture(scope="module")
def single_process_run(real_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("one") / "out"
    run_batch([real_inputs], out, FORMATS, workers=1)
    return out


@contextmanager
def own_pool(kind: type[Executor]) -> Iterator[Executor]:
    with kind(max_workers=2) as pool:
        yield pool


PARALLEL_RUNS: list[Any] = [
    pytest.param("workers", None, id="workers=2"),
    pytest.param("executor", lambda: own_pool(ProcessPoolExecutor), id="process-pool"),
    pytest.param("executor", lambda: own_pool(ThreadPoolExecutor), id="thread-pool"),
]


@pytest.mark.parametrize("grouped", [False, True], ids=["file-by-file", "in-groups"])
@pytest.mark.parametrize(("how", "make_executor"), PARALLEL_RUNS)
def test_parallel_output_is_byte_identical(
    how: str, make_executor: Callable[[], AbstractContextManager[Executor]] | None,
    grouped: bool, real_inputs: Path, single_process_run: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every output file is the same bytes as with one worker; the run report too, apart
    from its timing fields. Files sent in groups (as long runs send them) change nothing."""
    if grouped:
        monkeypatch.setattr(batch, "FILES_PER_WORKER_TO_GROUP", 1)
    pools: list[int] = []
    real_pool = batch.process_pool

    def spy(workers: int) -> AbstractContextManager[ProcessPoolExecutor]:
        pools.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(batch, "process_pool", spy)
    out = tmp_path / "out"
    if make_executor is None:
        report = run_batch([real_inputs], out, FORMATS, workers=2)
        assert pools == [2]  # the run really used two processes
    else:
        with make_executor() as executor:
            report = run_batch([real_inputs], out, FORMATS, workers=2, executor=executor)
        assert pools == []  # the caller's executor, no pool of our own
    assert report.failed == 1 and report.extracted == len(REAL_ARTICLES)
    assert outputs(out) == outputs(single_process_run)
    ours = json.loads((out / "run_report.json").read_text("utf-8"))
    theirs = json.loads((single_process_run / "run_report.json").read_text("utf-8"))
    assert without_timing(ours) == without_timing(theirs)


def test_small_runs_stay_in_one_process(real_inputs: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer than MIN_FILES_PER_WORKER files per worker: no pool is started."""
    monkeypatch.setattr(batch, "process_pool", lambda workers: pytest.fail("pool started"))
    files = sorted(real_inputs.glob("0*.txt"))[:3]
    report = run_batch(files, tmp_path / "out", ("json",), workers=8)
    assert report.totals.files == 3


# --- a lost worker ----------------------------------------------------------------------------


REAL_TASK = batch.process_task


def dying_task(task: FileTask) -> FileOutcome:
    """Stands in for a worker process that dies on one file."""
    if task.stem == "b":
        raise RuntimeError("worker process died")
    return REAL_TASK(task)


def fake_extract(source: str | bytes | Path, *, path: str | None = None) -> Article:
    """One entry per non-empty line, with a warning and a long body to give rows weight."""
    assert isinstance(source, bytes)
    lines = [ln for ln in source.decode("utf-8").splitlines() if ln.strip()]
    entries = [Entry(seq=i, no=i, headline=ln, body=ln * 20, start=0, end=0, headline_start=0,
                     headline_end=0, body_start=0, body_end=0,
                     warnings=[Notice(code="doubt", message=ln)])
               for i, ln in enumerate(lines, start=1)]
    return Article(source=Source(path=path or "?", sha256="0" * 64, encoding="utf-8"),
                   entries=entries, text="\n".join(lines))


def one_line_files(tmp_path: Path, stems: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of one-line files named by `stems`, extracted by `fake_extract`, where the
    worker dies on `b`."""
    monkeypatch.setattr(pipeline, "extract_article", fake_extract)
    monkeypatch.setattr(batch, "process_task", dying_task)
    raw = tmp_path / "raw"
    raw.mkdir()
    for stem in stems:
        (raw / f"{stem}.txt").write_text(f"{stem} 一\n", "utf-8")
    return raw


def test_lost_worker_fails_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = one_line_files(tmp_path, "abc", monkeypatch)
    with ThreadPoolExecutor(2) as pool:
        report = run_batch([raw], tmp_path / "out", ("json", "csv"), executor=pool)
    assert [(f.stem, f.status) for f in report.files] == [("a", "warnings"), ("b", "failed"),
                                                          ("c", "warnings")]
    assert report.files[1].error == "b.txt: extract failed: worker lost: RuntimeError: " \
        "worker process died"
    rows = (tmp_path / "out" / "tables" / "articles.csv").read_text("utf-8-sig").splitlines()
    assert [row.split(",")[0] for row in rows[1:]] == ["a", "c"]


def test_lost_worker_in_a_group_fails_only_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = one_line_files(tmp_path, "abcdefg", monkeypatch)
    monkeypatch.setattr(batch, "FILES_PER_WORKER_TO_GROUP", 1)
    groups: list[int] = []
    real_group = batch.process_tasks

    def counted(group: tuple[FileTask, ...]) -> list[FileOutcome]:
        groups.append(len(group))
        return real_group(group)

    monkeypatch.setattr(batch, "process_tasks", counted)
    with ThreadPoolExecutor(2) as pool:
        report = run_batch([raw], tmp_path / "out", ("json",), workers=2, executor=pool)
    assert groups == [batch.FILES_PER_GROUP, 3]  # a-d (b dies in it), then e-g
    assert [(f.stem, f.status) for f in report.files] == [
        (stem, "failed" if stem == "b" else "warnings") for stem in "abcdefg"]
    assert report.files[1].error == "b.txt: extract failed: worker lost: RuntimeError: " \
        "worker process died"


# --- memory -----------------------------------------------------------------------------------


def traced_peak(folder: Path, files: int) -> int:
    """Peak traced Python heap of a run over `files` articles of 30 entries each."""
    raw = folder / f"raw{files}"
    raw.mkdir()
    text = "".join(f"{n} 第{n}项政策发布，投资{n}亿元支持产业发展。\n" for n in range(1, 31))
    for i in range(files):
        (raw / f"a{i:05}.txt").write_text(text, "utf-8")
    tracemalloc.start()
    try:
        run_batch([raw], folder / f"out{files}", ("json", "csv", "sqlite"), keep_files=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def test_memory_is_flat_with_the_number_of_files(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten times the files, not ten times the memory: rows, report lines and manifest
    entries are streamed to disk (holding the rows in memory instead: 250 files peak ~8x 25)."""
    monkeypatch.setattr(pipeline, "extract_article", fake_extract)
    traced_peak(tmp_path, 5)  # first-use caches (table columns, pydantic) are not growth
    small, large = traced_peak(tmp_path, 25), traced_peak(tmp_path, 250)
    assert large < 1.5 * small, (small, large)


# --- workers of a killed run --------------------------------------------------------------------

_POOL_THEN_WAIT = """
import os, sys, time
from extractor.parallel import process_pool
with process_pool(2) as pool:
    pids = sorted({f.result() for f in [pool.submit(os.getpid) for _ in range(8)]})
    print(*pids, flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_workers_exit_when_their_run_is_killed() -> None:
    run = subprocess.Popen([sys.executable, "-c", _POOL_THEN_WAIT], stdout=subprocess.PIPE,
                           text=True)
    assert run.stdout is not None
    workers = [int(pid) for pid in run.stdout.readline().split()]
    assert workers and all(_alive(pid) for pid in workers)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10 * PARENT_CHECK_SECONDS + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)]
