"""The README's commands, run as written on what `make run` writes (issue 15, item 1).

`make run` is `extractor run raw -o output -f json -f csv -f sqlite`; the README then shows
`extractor show`, `extractor report output -o review`, `extractor eval` and `load_frames`. Each
must work on that folder, which holds `run_report.json` and `run_manifest.json` beside the
article JSON files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.frames import load_frames

SAMPLE_DIR = Path(__file__).parent / "data" / "sample"


@pytest.fixture(scope="module")
def make_run_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("output")
    result = CliRunner().invoke(
        main, ["run", str(SAMPLE_DIR), "-o", str(out), "-f", "json", "-f", "csv", "-f", "sqlite"])
    assert result.exit_code == 0, result.output
    assert (out / "run_manifest.json").exists() and (out / "run_report.json").exists()
    return out


def test_report_on_the_output_folder(make_run_output: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(make_run_output), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "index.html").exists()


def test_show_on_an_article_of_the_output(make_run_output: Path) -> None:
    result = CliRunner().invoke(main, ["show", str(make_run_output / "000_083a9808acf37448.json")])
    assert result.exit_code == 0, result.output


def test_eval_on_the_output_folder(make_run_output: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(SAMPLE_DIR), str(make_run_output)])
    assert result.exit_code == 0, result.output


def test_load_frames_on_the_output_folder(make_run_output: Path) -> None:
    frames = load_frames(make_run_output)
    assert len(frames["articles"]) == 1
    assert len(frames["entries"]) == 24


def test_browse_serves_the_output_folder(make_run_output: Path) -> None:
    """`extractor browse output` (not run here: it serves until stopped) builds its app."""
    pytest.importorskip("datasette", reason="Datasette is not installed (the browse extra)")
    from extractor.browse import browse_app

    assert browse_app(make_run_output).databases.get("digest") is not None
