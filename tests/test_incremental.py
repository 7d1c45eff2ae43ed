"""Incremental runs: unchanged files re-use their JSON, the combined outputs stay complete."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import manifest, pipeline
from extractor.batch import run_batch
from extractor.cli import main
from extractor.models import Article, Entry, Source

FORMATS = ("json", "csv", "sqlite")


class CountingExtract:
    """A stand-in pipeline that records which files it extracted: one entry per line."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, source: str | bytes | Path, *, path: str | None = None) -> Article:
        assert isinstance(source, bytes) and path is not None
        self.calls.append(Path(path).stem)
        lines = [ln for ln in source.decode("utf-8").splitlines() if ln.strip()]
        entries = [Entry(seq=i, no=i, headline=ln, body="", start=0, end=0, headline_start=0,
                         headline_end=0, body_start=0, body_end=0)
                   for i, ln in enumerate(lines, start=1)]
        return Article(source=Source(path=path, sha256="0" * 64, encoding="utf-8"),
                       entries=entries, text="\n".join(lines))


@pytest.fixture
def extract(monkeypatch: pytest.MonkeyPatch) -> CountingExtract:
    counter = CountingExtract()
    monkeypatch.setattr(pipeline, "extract_article", counter)
    return counter


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for stem, text in {"a": "甲\n", "b": "乙\n丙\n", "c": "丁\n"}.items():
        (folder / f"{stem}.txt").write_text(text, "utf-8")
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    """Every output but the run report (which holds timings and the re-use flags)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "run_report.json"}


def edit_input(raw: Path, out: Path) -> None:
    (raw / "b.txt").write_text("乙\n丙\n戊\n", "utf-8")


def add_input(raw: Path, out: Path) -> None:
    (raw / "d.txt").write_text("己\n", "utf-8")


def delete_input(raw: Path, out: Path) -> None:
    (raw / "b.txt").unlink()


def edit_output(raw: Path, out: Path) -> None:
    (out / "b.json").write_text("{}", "utf-8")


def delete_output(raw: Path, out: Path) -> None:
    (out / "b.json").unlink()


def touch_only(raw: Path, out: Path) -> None:
    """Same bytes, new modification time: content decides, not timestamps."""
    (raw / "b.txt").write_bytes((raw / "b.txt").read_bytes())


def lose_manifest(raw: Path, out: Path) -> None:
    (out / manifest.MANIFEST_NAME).unlink()


CHANGES = [
    pytest.param(touch_only, [], id="unchanged"),
    pytest.param(edit_input, ["b"], id="edited-input"),
    pytest.param(add_input, ["d"], id="new-input"),
    pytest.param(delete_input, [], id="deleted-input"),
    pytest.param(edit_output, ["b"], id="edited-json"),
    pytest.param(delete_output, ["b"], id="deleted-json"),
    pytest.param(lose_manifest, ["a", "b", "c"], id="no-manifest"),
]


@pytest.mark.parametrize(("change", "extracted"), CHANGES)
def test_rerun_extracts_only_what_changed(
    change: Callable[[Path, Path], None], extracted: list[str],
    raw: Path, tmp_path: Path, extract: CountingExtract,
) -> None:
    """After the change, only `extracted` goes through the pipeline again, and every output
    is the same bytes as a fresh run over the changed folder."""
    out = tmp_path / "out"
    run_batch([raw], out, FORMATS)
    change(raw, out)
    extract.calls.clear()
    report = run_batch([raw], out, FORMATS)
    assert extract.calls == extracted
    assert report.extracted == len(extracted)
    assert report.reused == report.totals.files - len(extracted)
    assert [f.stem for f in report.files if not f.reused] == extracted
    fresh = tmp_path / "fresh"
    run_batch([raw], fresh, FORMATS)
    assert outputs(out) == outputs(fresh)


def test_deleted_input_drops_out_of_every_output(raw: Path, tmp_path: Path,
                                                 extract: CountingExtract) -> None:
    out = tmp_path / "out"
    run_batch([raw], out, FORMATS)
    (raw / "b.txt").unlink()
    run_batch([raw], out, FORMATS)
    assert not (out / "b.json").exists()
    with sqlite3.connect(out / "digest.sqlite") as db:
        assert db.execute("SELECT article FROM articles ORDER BY rowid").fetchall() == [
            ("a",), ("c",)]
        assert db.execute("SELECT COUNT(*) FROM entries").fetchone() == (2,)
    listed = json.loads((out / manifest.MANIFEST_NAME).read_text("utf-8"))
    assert [f["stem"] for f in listed["files"]] == ["a", "c"]


def test_unlisted_json_is_never_removed(raw: Path, tmp_path: Path,
                                        extract: CountingExtract) -> None:
    """Only files the manifest lists are ours to delete."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.json").write_text("{}", "utf-8")
    run_batch([raw], out, FORMATS)
    run_batch([raw / "a.txt"], out, FORMATS)
    assert (out / "notes.json").exists()
    assert sorted(p.stem for p in out.glob("?.json")) == ["a"]


@pytest.mark.parametrize(("force", "extracted"), [
    pytest.param(False, [], id="incremental"),
    pytest.param(True, ["a", "b", "c"], id="force"),
])
def test_force_extracts_everything(force: bool, extracted: list[str], raw: Path,
                                   tmp_path: Path, extract: CountingExtract) -> None:
    run_batch([raw], tmp_path / "out", FORMATS)
    extract.calls.clear()
    run_batch([raw], tmp_path / "out", FORMATS, force=force)
    assert extract.calls == extracted


def test_new_program_version_extracts_everything(raw: Path, tmp_path: Path,
                                                 extract: CountingExtract,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    run_batch([raw], tmp_path / "out", FORMATS)
    monkeypatch.setattr(manifest, "__version__", "999.0")
    extract.calls.clear()
    run_batch([raw], tmp_path / "out", FORMATS)
    assert extract.calls == ["a", "b", "c"]


def test_changed_package_file_extracts_everything(raw: Path, tmp_path: Path,
                                                  extract: CountingExtract,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    run_batch([raw], tmp_path / "out", FORMATS)
    monkeypatch.setattr(manifest, "package_digest", lambda: "edited-rule")
    extract.calls.clear()
    run_batch([raw], tmp_path / "out", FORMATS)
    assert extract.calls == ["a", "b", "c"]


@pytest.mark.parametrize("key_part", ["package_digest", "dependency_versions"])
def test_an_unreadable_package_or_new_dependencies_extract_everything(
        key_part: str, raw: Path, tmp_path: Path, extract: CountingExtract,
        monkeypatch: pytest.MonkeyPatch) -> None:
    run_batch([raw], tmp_path / "out", FORMATS)
    changed = manifest.UNREAD_SOURCES if key_part == "package_digest" else "jieba==9.9"
    monkeypatch.setattr(manifest, key_part, lambda: changed)
    extract.calls.clear()
    run_batch([raw], tmp_path / "out", FORMATS)
    assert extract.calls == ["a", "b", "c"]
    # Once more: new dependencies' outputs are re-used from now on, an unread package's never.
    extract.calls.clear()
    run_batch([raw], tmp_path / "out", FORMATS)
    assert extract.calls == (["a", "b", "c"] if key_part == "package_digest" else [])


def test_a_package_with_no_python_source_is_unread() -> None:
    assert manifest.package_digest.__wrapped__(Path("/nonexistent-package")) == \
        manifest.UNREAD_SOURCES


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content, "utf-8")
    return root


PACKAGE = {"__init__.py": "", "rules.py": "LIMIT = 3\n", "data/places.txt": "某市\n"}


# An edit to code or to a data table under the same version number must change the key;
# bytecode, which follows the sources and differs between interpreters, must not.
@pytest.mark.parametrize(("changed", "same_key"), [
    pytest.param({"rules.py": "LIMIT = 4\n"}, False, id="rule-edited"),
    pytest.param({"data/places.txt": "某市\n某县\n"}, False, id="dictionary-edited"),
    pytest.param({"data/new.txt": ""}, False, id="file-added"),
    pytest.param({"__pycache__/rules.cpython-311.pyc": "x"}, True, id="bytecode"),
    pytest.param({"rules.pyc": "x"}, True, id="stray-bytecode"),
])
def test_package_digest_follows_the_package_files(changed: dict[str, str], same_key: bool,
                                                  tmp_path: Path) -> None:
    before = manifest.package_digest.__wrapped__(_package(tmp_path / "a", PACKAGE))
    after = manifest.package_digest.__wrapped__(
        _package(tmp_path / "b", {**PACKAGE, **changed}))
    assert (before == after) is same_key


def test_run_report_is_deterministic_apart_from_timing(raw: Path, tmp_path: Path,
                                                       extract: CountingExtract) -> None:
    reports = []
    for name in ("one", "two"):
        run_batch([raw], tmp_path / "out", FORMATS, force=True)
        text = (tmp_path / "out" / "run_report.json").read_text("utf-8")
        data = json.loads(text)
        data.pop("seconds")
        for item in data["files"]:
            item.pop("seconds")
        reports.append((name, data))
    assert reports[0][1] == reports[1][1]


@pytest.mark.parametrize(("flags", "summary"), [
    pytest.param([], "3 files: 3 ok, 0 with warnings, 0 failed; 4 entries, 0 mentions; "
                     "0 extracted, 3 re-used", id="incremental"),
    pytest.param(["--force"], "; 3 extracted, 0 re-used", id="force"),
])
def test_cli_summary_counts_reused_files(flags: list[str], summary: str, raw: Path,
                                         tmp_path: Path, extract: CountingExtract) -> None:
    out = str(tmp_path / "out")
    first = CliRunner().invoke(main, ["run", str(raw), "-o", out, "-w", "1"])
    assert "; 3 extracted, 0 re-used" in first.stdout, first.output
    second = CliRunner().invoke(main, ["run", str(raw), "-o", out, "-w", "1", *flags])
    assert second.exit_code == 0, second.output
    assert summary in second.stdout
