"""Output-equivalence guard for speed work: a change that only makes the pipeline faster must
leave every article's JSON byte-identical.

    .venv/bin/python benchmarks/equivalence.py --record ref/     # on the commit before the change
    .venv/bin/python benchmarks/equivalence.py ref/              # after: exit 1 on any difference

Runs `extract_article` + `article_json` on the benchmark corpus (1,000 articles, seed 0) and on
every `.txt` under tests/data, and compares the SHA-256 of each JSON with the recorded one,
printing a diff of the first few articles that changed. `PYTHONPATH=<other checkout>/src`
checks another tree against the same reference.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import bench

CORPUS_ARTICLES = 1000
SHOWN_DIFFS = 3


def articles(root: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every article the guard runs, in a fixed order."""
    templates = [t for t in (bench.cut_template(p) for p in bench.source_files(root)) if t]
    for index, article in enumerate(bench.build_corpus(templates, CORPUS_ARTICLES, 0)):
        yield f"bench/{index:04d}", article.data
    for path in sorted((root / "tests/data").rglob("*.txt")):
        yield path.relative_to(root).as_posix(), path.read_bytes()


def outputs(root: Path) -> dict[str, str]:
    """Each article's JSON, or the error it raised."""
    from extractor.export import article_json
    from extractor.pipeline import extract_article

    results = {}
    for name, data in articles(root):
        try:
            results[name] = article_json(extract_article(data, path=name))
        except Exception as exc:  # an error is an output too: it must not change either
            results[name] = f"ERROR {type(exc).__name__}: {exc}"
    return results


def readable(output: str) -> list[str]:
    if output.startswith("ERROR"):
        return [output]
    return json.dumps(json.loads(output), ensure_ascii=False, indent=1).splitlines()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", type=Path, help="folder holding the recorded outputs")
    parser.add_argument("--record", action="store_true",
                        help="record the current tree's outputs as the reference")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(bench.ROOT / "src"))  # works from a checkout without an install
    started = time.perf_counter()
    now = outputs(bench.ROOT)
    print(f"{len(now)} articles in {time.perf_counter() - started:.1f} s")
    reference_file = args.reference / "outputs.json"
    if args.record:
        args.reference.mkdir(parents=True, exist_ok=True)
        reference_file.write_text(json.dumps(now, ensure_ascii=False), "utf-8")
        print(f"recorded in {reference_file}")
        return 0
    recorded: dict[str, str] = json.loads(reference_file.read_text("utf-8"))

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    changed = [name for name, output in recorded.items()
               if name not in now or digest(now[name]) != digest(output)]
    for name in changed[:SHOWN_DIFFS]:
        diff = difflib.unified_diff(readable(recorded[name]),
                                    readable(now.get(name, "ERROR missing")),
                                    "reference", "now", n=2, lineterm="")
        print(f"--- {name}", *list(diff)[:60], sep="\n")
    print(f"{len(changed)} of {len(recorded)} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
