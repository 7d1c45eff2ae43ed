"""Batch runs: input expansion, per-file isolation of errors, outputs, run report."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractor import pipeline
from extractor.batch import FileResult, iter_input_files, run_batch
from extractor.export import article_json
from extractor.models import Article, Entry, Notice, Source

SAMPLE = Path(__file__).parent / "data" / "sample" / "000_083a9808acf37448.txt"
RANDOM_BYTES = bytes(range(256)) * 4 + os.urandom(64)


def fake_extract(source: str | bytes | Path, *, path: str | None = None) -> Article:
    """A stand-in pipeline: one entry per line `N headline`; strict UTF-8, so binary junk
    fails the way a real decoding error would. A line `warn` adds an entry warning."""
    assert isinstance(source, bytes)
    text = source.decode("utf-8")
    entries = []
    for seq, line in enumerate((ln for ln in text.splitlines() if ln.strip()), start=1):
        no, _, headline = line.partition(" ")
        warnings = [Notice(code="doubt", message="test")] if headline == "warn" else []
        entries.append(Entry(seq=seq, no=int(no), headline=headline, body="", start=0, end=0,
                             headline_start=0, headline_end=0, body_start=0, body_end=0,
                             warnings=warnings))
    return Article(source=Source(path=path or "?", sha256="0" * 64, encoding="utf-8"),
                   entries=entries, text=text)


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "extract_article", fake_extract)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """raw/: two good files, one with a warning, random bytes, a folder named x.txt, a .md."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "b.txt").write_text("1 乙\n2 丙\n", "utf-8")
    (raw / "a.txt").write_text("1 甲\n", "utf-8")
    (raw / "c.txt").write_text("1 warn\n", "utf-8")
    (raw / "junk.txt").write_bytes(RANDOM_BYTES)
    (raw / "x.txt").mkdir()
    # Not an input (Markdown is, since digests are kept as .md: see test_cli).
    (raw / "notes.json").write_text("not an article", "utf-8")
    return raw


# --- inputs -----------------------------------------------------------------------------------


def test_folders_expand_to_sorted_txt(inputs: Path) -> None:
    names = [p.name for p in iter_input_files([inputs])]
    assert names == ["a.txt", "b.txt", "c.txt", "junk.txt", "x.txt"]


def test_paths_are_kept_once_in_argument_order(inputs: Path, tmp_path: Path) -> None:
    files = iter_input_files([inputs / "c.txt", inputs, tmp_path / "missing.txt"])
    assert [p.name for p in files] == ["c.txt", "a.txt", "b.txt", "junk.txt", "x.txt",
                                       "missing.txt"]


# --- runs -------------------------------------------------------------------------------------


@pytest.mark.usefixtures("fake_pipeline")
def test_broken_files_do_not_stop_the_batch(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_batch([inputs], out)
    status = {f.stem: f.status for f in report.files}
    assert status == {"a": "ok", "b": "ok", "c": "warnings", "junk": "failed", "x": "failed"}
    assert sorted(p.name for p in out.glob("*.json")) == ["a.json", "b.json", "c.json",
                                                          "run_manifest.json", "run_report.json"]
    failed = {f.stem: f for f in report.files if f.status == "failed"}
    assert failed["junk"].error and failed["junk"].error.startswith("junk.txt: extract failed")
    assert "UnicodeDecodeError" in failed["junk"].error
    assert failed["x"].stage == "read" and "x.txt" in (failed["x"].error or "")


@pytest.mark.usefixtures("fake_pipeline")
def test_run_report_is_machine_readable(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([inputs], out)
    data = json.loads((out / "run_report.json").read_text("utf-8"))
    assert data["summary"] == {"files": 5, "ok": 2, "warnings": 1, "failed": 2, "extracted": 3,
                               "reused": 0, "entries": 4, "mentions": 0}
    by_stem = {f["stem"]: f for f in data["files"]}
    assert by_stem["b"]["entries"] == 2 and by_stem["b"]["seconds"] >= 0
    assert by_stem["c"]["warnings"] == ["entry 1: doubt: test"]
    assert by_stem["junk"]["error"]


@pytest.mark.usefixtures("fake_pipeline")
def test_outputs_match_export(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([inputs / "a.txt"], out, formats=["json", "csv", "sqlite"])
    expected = fake_extract((inputs / "a.txt").read_bytes(), path=(inputs / "a.txt").as_posix())
    assert (out / "a.json").read_text("utf-8") == article_json(expected)
    assert sorted(p.name for p in (out / "tables").iterdir()) == [
        "articles.csv", "corpus_documents.csv", "corpus_events.csv", "dates.csv",
        "document_links.csv", "documents.csv", "entries.csv", "event_links.csv",
        "event_members.csv", "places.csv", "targets.csv",
    ]
    assert (out / "digest.sqlite").is_file()


@pytest.mark.usefixtures("fake_pipeline")
def test_tables_hold_only_successful_articles(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([inputs], out)
    lines = (out / "tables" / "articles.csv").read_text("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["a", "b", "c"]


@pytest.mark.usefixtures("fake_pipeline")
def test_no_temp_files_left(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([inputs], out, formats=["json", "csv", "parquet", "sqlite"])
    leftovers = [p for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []


@pytest.mark.usefixtures("fake_pipeline")
def test_same_input_same_bytes(inputs: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    run_batch([inputs], one)
    run_batch([inputs], two)
    for path in sorted(one.rglob("*.*")):
        if path.name != "run_report.json":  # holds timings
            assert path.read_bytes() == (two / path.relative_to(one)).read_bytes(), path.name


@pytest.mark.usefixtures("fake_pipeline")
def test_never_writes_into_the_input_folder(inputs: Path) -> None:
    before = sorted(p.name for p in inputs.iterdir())
    with pytest.raises(ValueError, match="input folder"):
        run_batch([inputs], inputs)
    with pytest.raises(ValueError, match="input folder"):
        run_batch([inputs / "a.txt"], inputs)
    assert sorted(p.name for p in inputs.iterdir()) == before


@pytest.mark.usefixtures("fake_pipeline")
def test_unknown_format_is_refused_before_any_work(inputs: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        run_batch([inputs], tmp_path / "out", formats=["json", "xlsx"])
    assert not (tmp_path / "out").exists()


@pytest.mark.usefixtures("fake_pipeline")
def test_failure_removes_stale_output(inputs: Path, tmp_path: Path) -> None:
    """A JSON from an earlier run of a now-broken file would be scored as this run's."""
    out = tmp_path / "out"
    run_batch([inputs / "a.txt"], out)
    (inputs / "a.txt").write_bytes(RANDOM_BYTES)
    report = run_batch([inputs / "a.txt"], out)
    assert report.failed == 1
    assert not (out / "a.json").exists()


@pytest.mark.usefixtures("fake_pipeline")
def test_same_stem_twice_fails_the_second(inputs: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("1 另一个\n", "utf-8")
    report = run_batch([inputs / "a.txt", other / "a.txt"], tmp_path / "out")
    assert [f.status for f in report.files] == ["ok", "failed"]
    assert "collide" in (report.files[1].error or "")


@pytest.mark.usefixtures("fake_pipeline")
def test_missing_file_is_reported(tmp_path: Path) -> None:
    report = run_batch([tmp_path / "nope.txt"], tmp_path / "out")
    assert report.files[0].status == "failed"
    assert report.files[0].error == "nope.txt: read failed: No such file or directory"


@pytest.mark.usefixtures("fake_pipeline")
def test_progress_is_called_once_per_file(inputs: Path, tmp_path: Path) -> None:
    seen: list[FileResult] = []
    run_batch([inputs], tmp_path / "out", progress=seen.append)
    assert [r.stem for r in seen] == ["a", "b", "c", "junk", "x"]


# --- end to end with the real pipeline --------------------------------------------------------


def test_sample_end_to_end_with_a_broken_neighbour(tmp_path: Path) -> None:
    """The real pipeline on the sample, next to a folder named x.txt: the sample gets its
    outputs (24 entries), the folder a `failed` row."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
    (raw / "x.txt").mkdir()
    out = tmp_path / "out"
    report = run_batch([raw], out)
    status = {f.stem: f.status for f in report.files}
    assert status["x"] == "failed"
    assert status[SAMPLE.stem] in ("ok", "warnings")
    assert report.files[0].entries == 24
    data = json.loads((out / f"{SAMPLE.stem}.json").read_text("utf-8"))
    assert data["source"]["path"].endswith(SAMPLE.name)
    text = data["text"]
    for entry in data["entries"]:
        for kind in ("dates", "places", "documents", "targets"):
            for mention in entry[kind]:
                assert text[mention["start"]:mention["end"]] == mention["text"]


def test_batch_tables_equal_flat_tables_of_the_article(tmp_path: Path) -> None:
    """The batch builds rows from the JSON text it writes (so re-used JSON gives the same
    rows); they must equal the rows `flat_tables` builds from the model."""
    from extractor.export import flat_tables, write_tables

    out = tmp_path / "out"
    run_batch([SAMPLE], out, formats=["json", "csv", "sqlite"])
    article = pipeline.extract_article(SAMPLE.read_bytes(), path=SAMPLE.as_posix())
    expected = write_tables(tmp_path / "expected", flat_tables([article]), ["csv", "sqlite"])
    for path in expected:
        written = out / ("" if path.suffix == ".sqlite" else "tables") / path.name
        assert written.read_bytes() == path.read_bytes(), path.name


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    """The limit is checked on the file's size, so a huge file never reaches memory."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "big.txt").write_bytes("标题\n1、甲。\n".encode() * 100)
    (inputs / "small.txt").write_bytes("标题\n1、甲。\n2、乙。\n".encode())
    report = run_batch([inputs], tmp_path / "out", ["json"], max_bytes=1000)
    by_stem = {r.stem: r for r in report.files}
    assert by_stem["small"].status != "failed"
    assert by_stem["big"].status == "failed"
    assert "over the 1000-byte limit" in (by_stem["big"].error or "")
    assert "big.txt" in (by_stem["big"].error or "")


def test_jsonl_has_one_entry_per_line_in_input_order(tmp_path: Path) -> None:
    """Streaming tools read entries.jsonl line by line; each line names its article."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "b.txt").write_text("标题\n1、甲。\n2、乙。\n", "utf-8")
    (inputs / "a.txt").write_text("标题\n1、丙。\n", "utf-8")
    run_batch([inputs], tmp_path / "out", ["json", "jsonl"])
    lines = (tmp_path / "out" / "entries.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["article"], r["seq"], r["headline"]) for r in records] == [
        ("a", 1, "丙。"), ("b", 1, "甲。"), ("b", 2, "乙。")]
    document = json.loads((tmp_path / "out" / "b.json").read_text("utf-8"))
    assert {k: v for k, v in records[1].items() if k not in ("article", "source")} == (
        document["entries"][0])


def test_every_format_at_once_equals_each_format_alone(tmp_path: Path) -> None:
    """Formats share one run's spool folder; asking for all of them must give each the bytes
    it gets alone (the JSON Lines spool once shared a file name with the entries' table
    values, so jsonl with parquet or sqlite failed)."""
    from extractor.batch import FORMATS

    run_batch([SAMPLE], tmp_path / "all", FORMATS)
    together = sorted(p.relative_to(tmp_path / "all") for p in (tmp_path / "all").rglob("*.*")
                      if p.name != "run_report.json")
    alone: list[Path] = []
    for fmt in FORMATS:
        out = tmp_path / fmt
        report = run_batch([SAMPLE], out, [fmt])
        assert report.totals.failed == 0
        for path in sorted(out.rglob("*.*")):
            if path.name != "run_report.json":  # holds timings
                relative = path.relative_to(out)
                alone.append(relative)
                assert (tmp_path / "all" / relative).read_bytes() == path.read_bytes(), relative
    assert together == sorted(set(alone))


def test_a_second_run_into_a_busy_output_folder_is_refused(tmp_path: Path) -> None:
    """Issue 15: two runs into one folder mixed their outputs; the second is now refused
    with a message that names the folder, and nothing of it is written."""
    import fcntl

    from click.testing import CliRunner

    from extractor.cli import main
    from extractor.spool import RUN_LOCK_NAME, OutputBusyError, output_lock

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("标题\n1、甲。\n2、乙。\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with output_lock(out):  # a live run holds the folder
        with pytest.raises(OutputBusyError, match="another extractor run"):
            run_batch([inputs], out, ["json"])
        result = CliRunner().invoke(main, ["run", str(inputs), "-o", str(out), "-q"])
        assert result.exit_code == 1
        assert "another extractor run is writing to this folder" in result.output
        assert not (out / "a.json").exists()
    # A run that was killed leaves its lock file but holds no lock: the next run goes ahead.
    (out / RUN_LOCK_NAME).touch()
    with (out / RUN_LOCK_NAME).open() as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(handle, fcntl.LOCK_UN)
    run_batch([inputs], out, ["json"])
    assert (out / "a.json").exists()
    assert not (out / RUN_LOCK_NAME).exists()


def test_a_run_removes_the_temporary_files_a_killed_run_left(tmp_path: Path) -> None:
    """Issue 15, item 5: a killed run's `.run_manifest.json.*.tmp` stayed through every later
    run. The next run, holding the folder's lock, removes them."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("标题\n1、甲。\n2、乙。\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    left = [out / ".run_manifest.json.k1ll3d.tmp", out / ".a.json.k1ll3d.tmp"]
    for path in left:
        path.write_text("partial", "utf-8")
    (out / "notes.txt").write_text("the user's own file", "utf-8")
    run_batch([inputs], out, ["json"])
    assert not any(path.exists() for path in left)
    assert (out / "notes.txt").exists() and (out / "a.json").exists()


def test_a_file_over_the_time_limit_fails_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 15, item 2: one file that runs too long became a stalled batch; now it fails
    with a message saying what to do, and every other file is written."""
    import time as clock

    from extractor import pipeline

    real = pipeline.extract_article

    def slow_on_b(data: bytes, *, path: str) -> object:
        if path.endswith("b.txt"):
            clock.sleep(5)
        return real(data, path=path)

    monkeypatch.setattr(pipeline, "extract_article", slow_on_b)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a", "b", "c"):
        (inputs / f"{name}.txt").write_text("标题\n1、甲。\n2、乙。\n", "utf-8")
    started = clock.monotonic()
    report = run_batch([inputs], tmp_path / "out", ["json", "csv"], timeout=0.5)
    assert clock.monotonic() - started < 4
    failed = [f for f in report.files if f.status == "failed"]
    assert [f.stem for f in failed] == ["b"]
    assert failed[0].error is not None and "took longer than 0.5 s" in failed[0].error
    assert (tmp_path / "out" / "a.json").exists() and (tmp_path / "out" / "c.json").exists()
    assert (tmp_path / "out" / "tables" / "entries.csv").exists()


def test_a_read_only_output_is_not_replaced(tmp_path: Path) -> None:
    """Issue 15, item 6: a JSON the user made read-only was silently replaced by a re-run.
    Now that file fails with a message naming the output, which stays as it was."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("标题\n1、甲。\n2、乙。\n", "utf-8")
    (inputs / "b.txt").write_text("标题\n1、丙。\n", "utf-8")
    out = tmp_path / "out"
    run_batch([inputs], out, ["json"])
    protected = out / "a.json"
    before = protected.read_bytes()
    protected.chmod(0o444)
    (inputs / "a.txt").write_text("标题\n1、改过的甲。\n", "utf-8")
    report = run_batch([inputs], out, ["json"])
    failed = {f.stem: f.error for f in report.files if f.status == "failed"}
    assert list(failed) == ["a"]
    assert failed["a"] is not None and "a.json: the existing file is read-only" in failed["a"]
    assert protected.read_bytes() == before
