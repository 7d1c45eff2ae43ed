"""Time and peak memory of one article holding one huge entry (issue 15: bounded time per file).

    .venv/bin/python benchmarks/big_entry.py              # entries of 1, 5 and 20 MiB
    .venv/bin/python benchmarks/big_entry.py --mib 1 2 4  # other sizes

The entry is the sample's item bodies repeated (its numbers removed, so it stays one entry):
dense in dates, places, 《》 titles and targets, the worst case for the per-mention rules.
Each size runs in a fresh process, so its peak resident memory is its own. Every stage must
be linear in the size of an entry: the seconds per MiB column should stay about flat.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "sample" / "000_083a9808acf37448.txt"

_CHILD = """
import json, re, resource, sys, time
sys.path.insert(0, {src!r})
from extractor.pipeline import extract_article
from extractor.timing import StageClock
sample = open({sample!r}, encoding="utf-8").read()
core = sample[sample.index("\\n01\\n"):sample.index("相关推荐")]
body = re.sub(r"\\n\\d\\d\\n", "\\n", core)
size = int({mib} * 2**20)
text = "标题\\n1、大条目\\n" + body * (size // len(body.encode()) + 1) + "\\n"
clock = StageClock()
started = time.perf_counter()
article = extract_article(text, clock=clock)
seconds = time.perf_counter() - started
mentions = sum(len(e.dates) + len(e.places) + len(e.documents) + len(e.targets)
               for e in article.entries)
print(json.dumps({{"mib": len(text.encode()) / 2**20, "entries": len(article.entries),
                  "mentions": mentions, "seconds": seconds, "stages": clock.seconds,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(mib: float) -> dict[str, object]:
    """One run in a fresh interpreter: its figures as a dict."""
    code = _CHILD.format(src=str(ROOT / "src"), sample=str(SAMPLE), mib=mib)
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                            text=True).stdout
    figures: dict[str, object] = json.loads(output.strip().splitlines()[-1])
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mib", type=float, nargs="+", default=[1.0, 5.0, 20.0],
                        help="entry sizes in MiB (default: 1 5 20)")
    args = parser.parse_args(argv)
    print(f"{'MiB':>6} {'mentions':>9} {'seconds':>8} {'s/MiB':>6} {'peak MiB':>9}  slowest stage")
    for mib in args.mib:
        row = measure(mib)
        size, seconds = float(str(row["mib"])), float(str(row["seconds"]))
        stages = row["stages"]
        assert isinstance(stages, dict)
        slowest = max(stages, key=lambda name: float(stages[name]))
        print(f"{size:6.1f} {row['mentions']!s:>9} {seconds:8.2f} {seconds / size:6.2f} "
              f"{float(str(row['peak_mib'])):9.0f}  {slowest} {float(stages[slowest]):.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
