"""The real corpus: published digests nobody here wrote, in ../shared/corpus (issue 12).

The texts are third-party and stay outside this repository; the tests read them from
`../shared/corpus/raw` beside the clone and skip, saying so, where it is absent. Two gold sets
are scored, each through the commands a user runs (`extractor run`, `extractor eval` with
floors):

- `shared`: the corpus's own gold files, beside the texts (22 texts);
- `held_out`: `tests/data/corpus_gold/` (22 more texts), annotated blind before the product was
  run on them. No rule may quote these texts: they are the measure of text the rules were not
  fitted to (README, "Accuracy").
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.load import lost_indentation

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("EXTRACTOR_REAL_CORPUS", ROOT.parent / "shared" / "corpus"))
RAW = CORPUS / "raw"
HELD_OUT = Path(__file__).parent / "data" / "corpus_gold"
# A second blind set, annotated after issue 13's region work (its README: first contact).
FRESH = Path(__file__).parent / "data" / "corpus_gold_fresh"
# The corpus's gold files corrected where they predate a rule of SPEC.md (see its README).
GOLD_FIXES = Path(__file__).parent / "data" / "corpus_gold_fixes"

pytestmark = pytest.mark.skipif(
    not RAW.is_dir(),
    reason=f"real corpus not found at {RAW}: the real-text checks were skipped "
           "(set EXTRACTOR_REAL_CORPUS to the corpus folder to run them)",
)

# Both sets together, at the levels reached when the floors were last set (above issue 12's
# bar, entries F1 >= 0.98 and headline accuracy >= 0.97; issue 13 asks 0.95 of date, region,
# places and targets on the held-out set), so that a regression fails the build.
COMBINED_FLOORS = {
    "entries": 0.99, "headline": 0.98, "date": 0.95, "region": 0.935, "places": 0.945,
    "documents": 0.99, "targets": 0.98, "qualifier": 0.99,
}
# Per set: the shared set was looked at while the rules were written, the held-out set only
# scored (its first contact, before any fix: entries 0.836, headline 0.689). Date, region,
# places and targets of the held-out set pass issue 13's 0.95.
SET_FLOORS = {
    "shared": {"entries": 0.99, "headline": 0.98},
    "held_out": {"entries": 0.99, "headline": 0.97, "date": 0.945, "region": 0.95,
                 "places": 0.95, "targets": 0.98},
    # The fresh set's targets miss index points the annotator counted (its README): a floor
    # at today's level, not the bar.
    "fresh": {"entries": 0.99, "headline": 0.95, "date": 0.95, "region": 0.88, "places": 0.95,
              "documents": 0.99, "targets": 0.90},
}


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every real text (with gold or not) through `extractor run`, once."""
    out = tmp_path_factory.mktemp("real-corpus-out")
    result = CliRunner().invoke(main, ["run", str(RAW), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def _gold_dirs(tmp: Path) -> dict[str, Path]:
    shared = tmp / "shared"
    shared.mkdir()
    for gold in RAW.glob("*.gold.json"):
        fixed = GOLD_FIXES / gold.name
        shutil.copy(fixed if fixed.exists() else gold, shared / gold.name)
    combined = tmp / "combined"
    shutil.copytree(shared, combined)
    for gold in HELD_OUT.glob("*.gold.json"):
        shutil.copy(gold, combined / gold.name)
    return {"shared": shared, "held_out": HELD_OUT, "combined": combined, "fresh": FRESH}


def _eval(gold_dir: Path, out: Path, floors: dict[str, float]) -> None:
    args = ["eval", str(gold_dir), str(out)]
    for field, floor in floors.items():
        args += ["--min-f1", f"{field}={floor}"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", ["shared", "held_out", "combined", "fresh"])
def test_real_corpus_meets_the_floors(corpus_out: Path, tmp_path: Path, name: str) -> None:
    floors = COMBINED_FLOORS if name == "combined" else SET_FLOORS[name]
    _eval(_gold_dirs(tmp_path)[name], corpus_out, floors)


def test_gold_fixes_replace_corpus_gold_files() -> None:
    """Each correction stands for a gold file of the corpus and changes only some values."""
    fixes = sorted(GOLD_FIXES.glob("*.gold.json"))
    assert fixes
    for fixed in fixes:
        original = json.loads((RAW / fixed.name).read_text("utf-8"))
        corrected = json.loads(fixed.read_text("utf-8"))
        assert [e["headline"] for e in corrected["entries"]] == [
            e["headline"] for e in original["entries"]]
        assert corrected != original


def test_held_out_gold_names_real_texts() -> None:
    """Each held-out gold file pairs with a text of the corpus, and none is beside it."""
    golds = sorted(HELD_OUT.glob("*.gold.json"))
    assert len(golds) >= 15
    for gold in golds:
        stem = gold.name.removesuffix(".gold.json")
        assert (RAW / f"{stem}.txt").is_file(), stem
        assert not (RAW / gold.name).exists(), f"{stem} has gold in both sets"
        assert not (HELD_OUT / f"{stem}.txt").exists(), "no corpus text in the repository"


def _gold_counts() -> dict[str, int]:
    counts = {}
    for gold in [*RAW.glob("*.gold.json"), *HELD_OUT.glob("*.gold.json")]:
        entries = json.loads(gold.read_text("utf-8"))["entries"]
        counts[gold.name.removesuffix(".gold.json")] = len(entries)
    return counts


# Texts where an item is still missed with nothing to say so (closing note of issue 12).
SILENT_MISSES = {
    # The page excerpt stops on the last item's heading line: a short line with no paragraph
    # under it, which no rule can tell from a closing line.
    "taiwancn_zaoan_haixia_trad_2018",
}


@pytest.mark.parametrize("stem", sorted(_gold_counts()) if RAW.is_dir() else [])
def test_no_item_is_lost_without_a_warning(corpus_out: Path, stem: str) -> None:
    """Where the product finds fewer items than a reader did, the article says why."""
    if stem in SILENT_MISSES:
        pytest.xfail("known silent miss")
    article = json.loads((corpus_out / f"{stem}.json").read_text("utf-8"))
    if len(article["entries"]) < _gold_counts()[stem]:
        codes = {w["code"] for w in article["warnings"]}
        assert codes & {"no_entries", "skipped_number", "unclaimed_item", "unclaimed_text",
                        "possible_item"}, (stem, codes)


def test_every_real_text_is_accounted_for(corpus_out: Path) -> None:
    """Every non-blank character of every real text is in the title, an entry or a block."""
    for path in sorted(corpus_out.glob("*.json")):
        if path.name.startswith("run_"):
            continue
        article = json.loads(path.read_text("utf-8"))
        text = article["text"]
        owner = bytearray(len(text))
        spans = [(e["start"], e["end"]) for e in article["entries"]]
        spans += [(b["start"], b["end"]) for b in article["blocks"]]
        title = article["source"]["title"]
        if title:
            # The title is a line of its own (after a Markdown heading mark), not the same
            # words in a front matter's `title:` field.
            line = re.search(rf"^\s*(?:#{{1,6}}[ \t]+)?(?P<title>{re.escape(title)})\s*?$",
                             text, re.MULTILINE)
            assert line is not None, (path.name, title)
            spans.append(line.span("title"))
        for start, end in spans:
            for i in range(start, end):
                owner[i] += 1
        # Question marks standing for a lost indentation are read as blanks (a warning says so).
        blank = {i for start, end in lost_indentation(text) for i in range(start, end)}
        unowned = [i for i, char in enumerate(text)
                   if not char.isspace() and i not in blank and owner[i] != 1]
        assert unowned == [], (path.name, unowned[:5])


def test_traditional_twins_of_the_annotated_texts_score_as_the_originals(
    corpus_out: Path, tmp_path: Path,
) -> None:
    """Issue 14: every annotated real text converted to Traditional (OpenCC s2t) scores within
    0.01 of its original on date, region, places and targets (headlines and titles are output
    as written, so they differ by design)."""
    import opencc

    from extractor.evaluate import evaluate

    to_traditional = opencc.OpenCC("s2t")
    gold = _gold_dirs(tmp_path)["combined"]
    twins = tmp_path / "twins"
    twins.mkdir()
    for path in gold.glob("*.gold.json"):
        stem = path.name.removesuffix(".gold.json")
        text = (RAW / f"{stem}.txt").read_text("utf-8")
        (twins / f"{stem}.txt").write_text(to_traditional.convert(text), "utf-8")
    twin_out = tmp_path / "twin-out"
    result = CliRunner().invoke(main, ["run", str(twins), "-o", str(twin_out), "-q"])
    assert result.exit_code == 0, result.output
    original, twin = evaluate(gold, corpus_out), evaluate(gold, twin_out)
    for field in ("date", "region", "places", "targets"):
        assert abs((twin.overall[field].score or 0) - (original.overall[field].score or 0)) <= 0.01
