"""Peak memory of `extractor run` on a small and a large batch: is it flat with corpus size?

Issue 7 asks that the peak memory for 20,000 articles stay within 1.5x of that for 200. This
script writes both batches (the large one includes the small one's articles) as files, runs the
real command line over each in a fresh process tree, `extractor run DIR -o OUT -f json -f csv
-f sqlite --workers N`, and samples the memory of the whole tree (the run and its workers)
while it works.

    .venv/bin/python benchmarks/memory.py                       # 200 vs 20,000 articles
    .venv/bin/python benchmarks/memory.py --large 2000 --json memory.json

Two figures per batch, both summed over the tree at each sample and then maximised:
- PSS (proportional set size): a page shared by k processes counts 1/k in each. Forked
  workers share the parent's jieba and gazetteer tables, so this is what the tree really uses.
- RSS: counts shared pages once per process, so it over-states a forked tree; shown because
  it is what `top` prints.
A sample every `--interval` seconds can miss a peak shorter than that; the samples taken are
reported with each batch.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psutil
from bench import build_corpus, load_templates, machine_info, write_corpus

ROOT = Path(__file__).resolve().parent.parent
EXTRACTOR = Path(sys.executable).parent / "extractor"
MIB = 1024 * 1024
LIMIT = 1.5  # the bound on large / small
Figures = dict[str, Any]


def tree_memory(root: psutil.Process) -> tuple[int, int, int]:
    """(PSS sum, RSS sum, processes) of `root` and its descendants at this moment."""
    pss = rss = count = 0
    for process in (root, *root.children(recursive=True)):
        try:
            info = process.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue  # a worker that exited between listing and reading
        pss += getattr(info, "pss", info.rss)  # pss is Linux-only
        rss += info.rss
        count += 1
    return pss, rss, count


def run_sampled(command: Sequence[str], interval: float) -> Figures:
    """Run `command`, sampling its process tree's memory until it exits."""
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_pss = peak_rss = peak_processes = samples = 0
    while process.poll() is None:
        pss, rss, count = tree_memory(process)
        peak_pss, peak_rss = max(peak_pss, pss), max(peak_rss, rss)
        peak_processes = max(peak_processes, count)
        samples += 1
        time.sleep(interval)
    seconds = time.perf_counter() - started
    assert process.stderr is not None
    stderr = process.stderr.read().decode("utf-8", "replace")
    return {
        "exit_code": process.returncode,
        "seconds": seconds,
        "samples": samples,
        "peak_tree_pss_mib": peak_pss / MIB,
        "peak_tree_rss_mib": peak_rss / MIB,
        "peak_processes": peak_processes,
        "stderr_tail": stderr[-500:] if process.returncode else "",
    }


def measure_batch(files: Sequence[Path], folder: Path, workers: int, interval: float) -> Figures:
    """Copy `files` into their own input folder and run `extractor run` over it."""
    inputs, out = folder / "in", folder / "out"
    inputs.mkdir(parents=True)
    for path in files:
        os.link(path, inputs / path.name)
    command = [str(EXTRACTOR), "run", str(inputs), "-o", str(out), "-f", "json", "-f", "csv",
               "-f", "sqlite", "--workers", str(workers), "--quiet"]
    figures = {"articles": len(files), **run_sampled(command, interval)}
    summary = json.loads((out / "run_report.json").read_text("utf-8"))["summary"]
    figures["extracted"] = summary["extracted"]
    figures["failed_files"] = summary["failed"]
    return figures


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=200, help="articles in the small batch")
    parser.add_argument("--large", type=int, default=20_000, help="articles in the large batch")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="--workers for `extractor run` (default: the number of cores)")
    parser.add_argument("--seed", type=int, default=2,
                        help="corpus seed (default 2: neither bench.py's steady nor batch seed)")
    parser.add_argument("--interval", type=float, default=0.05,
                        help="seconds between memory samples (default 0.05)")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE",
                        help="write all figures to FILE as JSON")
    args = parser.parse_args(argv)
    if not 0 < args.small < args.large:
        parser.error("need 0 < --small < --large")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not EXTRACTOR.exists():
        raise SystemExit(f"{EXTRACTOR} not found: run `make setup` (pip install -e .) first")
    sys.path.insert(0, str(ROOT / "src"))
    started = time.perf_counter()
    corpus = build_corpus(load_templates(), args.large, args.seed)
    figures: Figures = {"machine": machine_info(), "arguments": {
        **vars(args), "json": str(args.json) if args.json else None}}
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as temp:
        folder = Path(temp)
        (folder / "corpus").mkdir()
        files = write_corpus(corpus, folder / "corpus")
        figures["corpus"] = {"articles": len(corpus), "chars": sum(a.chars for a in corpus),
                             "build_seconds": time.perf_counter() - started}
        for name, count in (("small", args.small), ("large", args.large)):
            print(f"running {count} articles ...", file=sys.stderr, flush=True)
            figures[name] = measure_batch(files[:count], folder / name, args.workers,
                                          args.interval)
            shutil.rmtree(folder / name)
    small, large = figures["small"], figures["large"]
    ratio = large["peak_tree_pss_mib"] / small["peak_tree_pss_mib"]
    figures["ratio_large_over_small_pss"] = ratio
    figures["ratio_large_over_small_rss"] = large["peak_tree_rss_mib"] / small["peak_tree_rss_mib"]
    failed = [name for name in ("small", "large") if figures[name]["exit_code"] != 0
              or figures[name]["extracted"] != figures[name]["articles"]]
    print_report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    if failed:
        print(f"run failed or lost outputs: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0 if ratio <= LIMIT else 2


def print_report(figures: Figures) -> None:
    for name in ("small", "large"):
        batch = figures[name]
        print(f"{name:>5}: {batch['articles']:>6} articles in {batch['seconds']:6.1f} s, "
              f"exit {batch['exit_code']}, {batch['extracted']} extracted; peak tree "
              f"PSS {batch['peak_tree_pss_mib']:6.1f} MiB, RSS {batch['peak_tree_rss_mib']:6.1f}"
              f" MiB over {batch['peak_processes']} processes ({batch['samples']} samples)")
        if batch["stderr_tail"]:
            print(batch["stderr_tail"])
    ratio = figures["ratio_large_over_small_pss"]
    verdict = "within" if ratio <= LIMIT else "ABOVE"
    print(f"large / small peak PSS: {ratio:.2f}x ({verdict} the {LIMIT}x bound); "
          f"RSS: {figures['ratio_large_over_small_rss']:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
