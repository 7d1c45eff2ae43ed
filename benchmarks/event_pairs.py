"""Precision and recall of the events across articles on a hand-annotated sample of pairs.

Runs `extractor run` over a folder of digests and compares the pairs of entries its events
join (every two members of one event) with the pairs an annotator found to report one event:

    .venv/bin/python benchmarks/event_pairs.py RAW_DIR PAIRS_TSV [--show]

PAIRS_TSV has a header and columns `id_a`, `id_b`, `confidence` (`sure` or `likely`): an id
is `<article stem>#<entry seq>`, as `extractor run` numbers the entries. Precision counts a
joined pair right when the annotator listed it at either confidence; recall is given against
the sure pairs and against all. The samples measured in the README are not in this
repository (third-party texts); their provenance is described there.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from extractor.batch import run_batch

Pair = frozenset[str]


def annotated(path: Path) -> dict[Pair, str]:
    """The annotator's pairs and their confidence."""
    with path.open(encoding="utf-8") as handle:
        return {frozenset((row["id_a"], row["id_b"])): row["confidence"]
                for row in csv.DictReader(handle, delimiter="\t")}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def joined(out: Path) -> dict[Pair, str]:
    """Every two members of one event, with the rule of the link between them if one."""
    tables = out / "tables"
    rules = {frozenset((f"{r['article']}#{r['seq']}", f"{r['linked_article']}#{r['linked_seq']}")):
             r["rule"] for r in _rows(tables / "event_links.csv")}
    events: defaultdict[str, list[str]] = defaultdict(list)
    for row in _rows(tables / "event_members.csv"):
        events[row["event_id"]].append(f"{row['article']}#{row['seq']}")
    # The annotators list pairs of entries of different digests only: two entries of one
    # article in one event (a press conference's statements) are no pair of theirs.
    return {frozenset(pair): rules.get(frozenset(pair), "(same event)")
            for ids in events.values() for pair in itertools.combinations(ids, 2)
            if _article(pair[0]) != _article(pair[1])}


def _article(entry: str) -> str:
    return entry.partition("#")[0]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("raw", type=Path, help="folder of digests")
    parser.add_argument("pairs", type=Path, help="annotated pairs (TSV)")
    parser.add_argument("--show", action="store_true", help="list wrong and missed pairs")
    args = parser.parse_args(argv)
    gold = annotated(args.pairs)
    with tempfile.TemporaryDirectory() as tmp:
        report = run_batch([args.raw], Path(tmp), ("csv",))
        if report.failed:
            print(f"{report.failed} file(s) failed", file=sys.stderr)
            return 1
        found = joined(Path(tmp))
    sure = {p for p, c in gold.items() if c == "sure"}
    right = found.keys() & gold.keys()
    print(f"joined pairs {len(found)}, right {len(right)}: precision "
          f"{len(right) / len(found):.2f}" if found else "joined pairs 0")
    print(f"recall: sure {len(found.keys() & sure)}/{len(sure)}, "
          f"all {len(right)}/{len(gold)}")
    if args.show:
        for pair in sorted(found.keys() - gold.keys(), key=sorted):
            print("wrong ", *sorted(pair), found[pair])
        for pair in sorted(gold.keys() - found.keys(), key=sorted):
            print("missed", *sorted(pair), gold[pair])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
