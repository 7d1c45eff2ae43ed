"""Speed benchmark of the whole pipeline: load -> segment -> extract -> resolve -> export.

Builds a deterministic, cache-proof corpus from the test articles, runs `extract_article` and
`article_json` over it on one core, and reports throughput, time per stage, warm-up, start-up
time, peak memory and (optionally) a comparison with jionlp / cpca and a batch speed-up.

    .venv/bin/python benchmarks/bench.py                  # 2,000 articles, readable table
    .venv/bin/python benchmarks/bench.py --quick          # 200 articles, under ~30 s
    .venv/bin/python benchmarks/bench.py --compare --workers 2 --json bench.json
    .venv/bin/python benchmarks/bench.py --quick --profile 25

See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import importlib
import inspect
import io
import json
import math
import os
import platform
import pstats
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests/data/sample/000_083a9808acf37448.txt"
ARTICLES_GLOB = "tests/data/articles/*.txt"
STAGES: tuple[str, ...] = (
    "load", "segment", "extract.dates", "extract.places", "extract.documents",
    "extract.targets", "resolve", "export",
)
Figures = dict[str, Any]

# Real prefecture-level and provincial-capital cities. Place names in the corpus are swapped
# among these (one random permutation per article), so the gazetteer scan sees varied names
# without inventing ones that do not exist. None is a substring of another entry.
CITIES: tuple[str, ...] = (
    "北京", "上海", "天津", "重庆", "广州", "深圳", "成都", "杭州", "武汉", "南京", "西安",
    "苏州", "郑州", "长沙", "昆明", "合肥", "济南", "青岛", "厦门", "福州", "沈阳", "大连",
    "哈尔滨", "长春", "南昌", "贵阳", "南宁", "海口", "兰州", "银川", "西宁", "太原",
    "石家庄", "呼和浩特", "乌鲁木齐", "宁波", "无锡", "佛山", "东莞", "潍坊", "烟台", "徐州",
    "温州", "绍兴", "嘉兴", "洛阳", "宜昌", "襄阳", "株洲", "珠海", "泉州", "赣州", "绵阳",
)
_CITY_RE = re.compile("|".join(sorted(CITIES, key=len, reverse=True)))
# 2023年1月3日 / 1月3日: only the day changes, so month lengths never matter (day <= 28).
_DAY_RE = re.compile(r"(?<=\d月)(\d{1,2})(?=日)")
_ISO_DAY_RE = re.compile(r"(?<=\b20\d\d-\d\d-)(\d\d)\b")
# A number right before a unit: amounts and counts (5000亿元, 17个, 25%). Years (2025年) and
# entry numbers (a bare "01" line) have no such unit and stay as they are.
_AMOUNT_RE = re.compile(
    r"(?<![\d.])(\d{1,6})(\.\d{1,2})?(?=\s*(?:万亿|亿|万|千)?(?:元|美元|家|个|项|台|辆|吨|%))"
)
# Install prefixes cut from profile rows: site-packages, the stdlib folder, this checkout's src.
_PREFIX_RE = re.compile(r"^.*/site-packages/|^.*?/(?:lib/python\d+\.\d+|src)/")
_CN_DIGITS = "零一二三四五六七八九"
_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_ENTRY_NUMBER_RE = re.compile(r"\d{1,3}|[〇零一二两三四五六七八九十百]{1,4}|[①-⑳]")


# --------------------------------------------------------------------------------------------
# Machine


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (or platform's guess elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_commit() -> str | None:
    """The checked-out commit (read-only `git rev-parse`), or None outside a checkout."""
    try:
        done = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def machine_info() -> Figures:
    """What the figures were measured on."""
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "cores_usable": affinity,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "commit": git_commit(),
        "date": datetime.now().isoformat(timespec="seconds"),
    }


# --------------------------------------------------------------------------------------------
# Corpus


@dataclass(frozen=True)
class Template:
    """One source article cut into head, entry chunks and tail (decoded text)."""

    name: str
    encoding: str
    newline: str
    head: str
    chunks: tuple[tuple[str, int], ...]  # (entry text, length of its number prefix)
    tail: str


@dataclass(frozen=True)
class CorpusArticle:
    """One synthetic article, as the bytes a file would hold."""

    name: str
    data: bytes
    chars: int
    entries: int  # entries planted; the pipeline should find as many


def source_files(root: Path = ROOT) -> list[Path]:
    """The sample plus every tests/data/articles/*.txt that exists right now."""
    files = [SAMPLE] if SAMPLE.is_file() else []
    files.extend(sorted(root.glob(ARTICLES_GLOB)))
    return files


def cut_template(path: Path) -> Template | None:
    """Decode one file and cut it at the entries the pipeline's own segmenter finds.

    Returns None for a file the loader refuses. An article without entries becomes one
    head-only template (it is still perturbed, just not reshuffled).
    """
    from extractor.load import LoadError, decode_bytes, load_bytes
    from extractor.segment import segment

    data = path.read_bytes()
    try:
        raw, encoding = decode_bytes(data, path.name)
        loaded = load_bytes(data, path.name)
    except LoadError:
        return None
    # The folded copy the rules read has the length of the text as written (the loader
    # checks it), so offsets found on it slice the raw text.
    spans = segment(loaded.folded).entries
    newline = "\r\n" if "\r\n" in raw else "\n"
    if not spans:
        return Template(path.name, encoding, newline, raw, (), "")
    chunks: list[tuple[str, int]] = []
    for index, span in enumerate(spans):
        end = spans[index + 1].start if index + 1 < len(spans) else span.end
        chunks.append((raw[span.start:end].rstrip(), span.headline_start - span.start))
    return Template(
        path.name, encoding, newline, raw[:spans[0].start], tuple(chunks), raw[spans[-1].end:]
    )


def chinese_number(value: int) -> str:
    """1..99 as a Chinese numeral.

    >>> [chinese_number(n) for n in (1, 10, 12, 20, 35)]
    ['一', '十', '十二', '二十', '三十五']
    """
    tens, ones = divmod(value, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def format_number_like(old: str, new: int) -> str:
    """`new` written in the style of the entry number `old` (zero padding, 一, ①).

    >>> format_number_like("01", 7), format_number_like("三", 12), format_number_like("②", 5)
    ('07', '十二', '⑤')
    >>> format_number_like("１", 12)
    '１２'
    """
    if "①" <= old <= "⑳":  # before isdigit(), which is True for circled numbers too
        return chr(ord("①") + new - 1) if new <= 20 else str(new)
    if old.isdigit() and old.isascii():
        return str(new).zfill(len(old))
    if old.isdigit():  # full-width digits (１．) stay full-width
        return str(new).zfill(len(old)).translate(_FULL_WIDTH_DIGITS)
    return chinese_number(new) if new < 100 else str(new)


def renumber(chunk: str, prefix_len: int, new: int) -> str:
    """Replace the first entry number inside the chunk's number prefix with `new`."""
    match = _ENTRY_NUMBER_RE.search(chunk, 0, max(prefix_len, 1))
    if match is None:
        return chunk
    return chunk[:match.start()] + format_number_like(match.group(), new) + chunk[match.end():]


def perturb_numbers(text: str, rng: random.Random) -> str:
    """New days for dates and new values (same digit count) for amounts and counts."""
    text = _DAY_RE.sub(lambda m: str(rng.randint(1, 28)), text)
    text = _ISO_DAY_RE.sub(lambda m: f"{rng.randint(1, 28):02d}", text)

    def amount(match: re.Match[str]) -> str:
        digits = len(match.group(1))
        value = str(rng.randint(10 ** (digits - 1) if digits > 1 else 1, 10**digits - 1))
        decimals = match.group(2)
        return value + ("." + str(rng.randint(1, 9)) if decimals else "")

    return _AMOUNT_RE.sub(amount, text)


def swap_places(text: str, rng: random.Random) -> str:
    """Swap city names by one random permutation of CITIES (consistent within the article)."""
    mapping = dict(zip(CITIES, rng.sample(CITIES, len(CITIES)), strict=True))
    return _CITY_RE.sub(lambda m: mapping[m.group()], text)


def pick_entries(count: int, rng: random.Random) -> list[int]:
    """A shuffled subsample of 50%..150% of the entries (repeats only above 100%)."""
    if count == 0:
        return []
    size = rng.randint(max(1, math.ceil(count / 2)), count + count // 2)
    order = rng.sample(range(count), min(size, count))
    order.extend(rng.randrange(count) for _ in range(size - count))
    return order


def synthesize(template: Template, rng: random.Random) -> tuple[str, int]:
    """One varied article from a template: shuffled, renumbered, numbers and places changed.

    Returns the text and the number of entries planted in it.
    """
    blank = template.newline * 2
    parts = [template.head.rstrip() + blank if template.chunks else template.head]
    picked = pick_entries(len(template.chunks), rng)
    for new, index in enumerate(picked, start=1):
        chunk, prefix_len = template.chunks[index]
        parts.append(renumber(chunk, prefix_len, new) + blank)
    parts.append(template.tail)
    return swap_places(perturb_numbers("".join(parts), rng), rng), len(picked)


def encode_like(text: str, encoding: str) -> bytes:
    """Bytes in the template's own encoding (GBK stays GBK), UTF-8 if that cannot hold it."""
    try:
        return text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return text.encode("utf-8")


def build_corpus(templates: Sequence[Template], count: int, seed: int) -> list[CorpusArticle]:
    """`count` articles, article i from template i mod len(templates) and its own RNG."""
    corpus: list[CorpusArticle] = []
    for index in range(count):
        rng = random.Random(f"{seed}:{index}")
        template = templates[index % len(templates)]
        text, planted = synthesize(template, rng)
        name = f"{index:05d}_{Path(template.name).stem[:24]}.txt"
        data = encode_like(text, template.encoding)
        corpus.append(CorpusArticle(name, data, len(text), planted))
    return corpus


def corpus_stats(corpus: Sequence[CorpusArticle], templates: Sequence[Template]) -> Figures:
    """Size of the corpus and how unique its articles are (no cache can cheat)."""
    digests = {hashlib.sha256(a.data).digest() for a in corpus}
    encodings = sorted({t.encoding for t in templates})
    return {
        "articles": len(corpus),
        "templates": len(templates),
        "template_entries": sum(len(t.chunks) for t in templates),
        "encodings": encodings,
        "chars": sum(a.chars for a in corpus),
        "bytes": sum(len(a.data) for a in corpus),
        "unique_articles": len(digests),
        "entries_planted": sum(a.entries for a in corpus),
    }


def write_corpus(corpus: Sequence[CorpusArticle], folder: Path) -> list[Path]:
    """Write every article to `folder`, returning the paths in corpus order."""
    paths = []
    for article in corpus:
        path = folder / article.name
        path.write_bytes(article.data)
        paths.append(path)
    return paths


# --------------------------------------------------------------------------------------------
# The pipeline run


def export_function() -> tuple[Callable[[Any], str], str]:
    """`export.article_json` when it exists, else pydantic's own `model_dump_json`."""
    try:
        from extractor.export import article_json
    except ImportError:
        return (lambda article: article.model_dump_json()), "Article.model_dump_json"
    return article_json, "extractor.export.article_json"


@dataclass
class RunResult:
    """Accumulated figures of one pass over (part of) the corpus."""

    articles: int = 0
    chars: int = 0
    bytes: int = 0
    json_bytes: int = 0
    entries: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def summary(self) -> Figures:
        lat = sorted(self.latencies) or [0.0]
        seconds = self.seconds or math.nan
        return {
            "articles": self.articles,
            "entries": self.entries,
            "chars": self.chars,
            "bytes": self.bytes,
            "json_bytes": self.json_bytes,
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
            "articles_per_s": self.articles / seconds,
            "chars_per_s": self.chars / seconds,
            "bytes_per_s": self.bytes / seconds,
            "ms_per_article_p50": 1000 * statistics.median(lat),
            "ms_per_article_p95": 1000 * lat[min(len(lat) - 1, int(0.95 * len(lat)))],
            "ms_per_article_max": 1000 * lat[-1],
            "failures": len(self.failures),
            "failure_examples": self.failures[:5],
        }


def run_one(
    source: bytes | Path,
    name: str,
    clock: Any,
    export: Callable[[Any], str],
    result: RunResult,
) -> None:
    """Extract and export one article, adding its figures to `result`."""
    from extractor.pipeline import extract_article

    wall, cpu = time.perf_counter(), time.process_time()
    try:
        article = extract_article(source, path=name, clock=clock)
        with clock.stage("export"):
            output = export(article)
    except Exception as exc:  # a failing article is counted, never stops the benchmark
        result.failures.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
        return
    finally:
        elapsed = time.perf_counter() - wall
        result.seconds += elapsed
        result.cpu_seconds += time.process_time() - cpu
        result.latencies.append(elapsed)
    result.articles += 1
    result.chars += len(article.text)
    result.json_bytes += len(output.encode("utf-8"))
    result.entries += len(article.entries)


def run_corpus(
    items: Iterable[tuple[bytes | Path, str, int]],
    clock: Any,
    export: Callable[[Any], str],
) -> RunResult:
    """Run the pipeline over (source, name, byte size) items with one shared clock."""
    result = RunResult()
    for source, name, size in items:
        run_one(source, name, clock, export, result)
        result.bytes += size
    return result


def corpus_items(
    corpus: Sequence[CorpusArticle], paths: Sequence[Path] | None
) -> list[tuple[bytes | Path, str, int]]:
    """What `extract_article` gets: in-memory bytes, or the file paths with --from-disk."""
    if paths is None:
        return [(a.data, a.name, len(a.data)) for a in corpus]
    return [(p, a.name, len(a.data)) for a, p in zip(corpus, paths, strict=True)]


def unseen_items(root: Path = ROOT) -> list[tuple[bytes | Path, str, int]]:
    """The test corpora's articles that no template is cut from, each once: real text whose
    entries the corpus does not repeat, so no per-word cache can flatter the figure."""
    templates = {p.resolve() for p in source_files(root)}
    files = [p for p in sorted((root / "tests/data").rglob("*.txt"))
             if p.resolve() not in templates]
    return [(data, str(p.relative_to(root)), len(data)) for p in files
            for data in [p.read_bytes()]]


def max_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def stage_table(seconds: dict[str, float], articles: int, chars: int) -> list[Figures]:
    """Per stage: seconds, share of the total, ms per article, chars/s."""
    total = sum(seconds.values()) or math.nan
    names = [*STAGES, *sorted(set(seconds) - set(STAGES))]
    return [
        {
            "stage": name,
            "seconds": seconds.get(name, 0.0),
            "share": seconds.get(name, 0.0) / total,
            "ms_per_article": 1000 * seconds.get(name, 0.0) / max(articles, 1),
            "chars_per_s": chars / seconds[name] if seconds.get(name) else None,
        }
        for name in names
    ]


def measure_pipeline(
    corpus: Sequence[CorpusArticle], paths: Sequence[Path] | None
) -> Figures:
    """Import, warm-up (first article) and steady state (the rest), each timed apart."""
    from extractor.timing import StageClock

    started = time.perf_counter()
    importlib.import_module("extractor.pipeline")
    export, export_name = export_function()
    import_seconds = time.perf_counter() - started
    rss_import = max_rss_mb()
    items = corpus_items(corpus, paths)

    warm_clock = StageClock()
    warm = run_corpus(items[:1], warm_clock, export)
    rss_warm = max_rss_mb()
    # Before the steady state fills the per-word caches with the templates' entries.
    unseen = run_corpus(unseen_items(), StageClock(), export)
    clock = StageClock()
    steady = run_corpus(items[1:], clock, export)
    return {
        "export_function": export_name,
        "source": "files" if paths is not None else "memory",
        "import_seconds": import_seconds,
        "warmup": {**warm.summary(), "stages": dict(warm_clock.seconds)},
        "unseen": unseen.summary(),
        "steady": steady.summary(),
        "stages": stage_table(clock.seconds, steady.articles, steady.chars),
        "memory": {
            "max_rss_mb_after_import": rss_import,
            "max_rss_mb_after_warmup": rss_warm,
            "max_rss_mb_after_steady": max_rss_mb(),
        },
    }


def measure_tracemalloc(corpus: Sequence[CorpusArticle], count: int) -> Figures:
    """Python-heap peaks over `count` articles (already warm), in a separate, slower pass."""
    from extractor.timing import StageClock

    export, _ = export_function()
    items = corpus_items(corpus[:count], None)
    tracemalloc.start()
    try:
        worst = 0
        for item in items:
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            run_corpus([item], StageClock(), export)
            worst = max(worst, tracemalloc.get_traced_memory()[1] - before)
        current = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    mib = 1024 * 1024
    return {
        "articles": len(items),
        # Heap still held after the pass (a leak or a growing cache shows up here).
        "heap_growth_mb": current / mib,
        # The largest transient peak while extracting and exporting one article.
        "max_article_peak_mb": worst / mib,
    }


# --------------------------------------------------------------------------------------------
# Start-up (subprocesses)


def time_command(command: Sequence[str], runs: int) -> Figures:
    """Median and all wall times of `command` run `runs` times; its exit codes too."""
    times: list[float] = []
    codes: list[int] = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False, cwd=ROOT)
        times.append(time.perf_counter() - started)
        codes.append(done.returncode)
    return {
        "median_seconds": statistics.median(times),
        "runs_seconds": times,
        "exit_codes": sorted(set(codes)),
        "stderr_tail": done.stderr.decode("utf-8", "replace")[-300:] if any(codes) else "",
    }


_END_TO_END = """\
import sys
from pathlib import Path
from extractor.pipeline import extract_article
try:
    from extractor.export import article_json
except ImportError:
    article_json = lambda a: a.model_dump_json()
sys.stdout.write(article_json(extract_article(Path(sys.argv[1]))))
"""


def measure_startup(small: CorpusArticle, help_runs: int, e2e_runs: int) -> Figures:
    """`extractor --help` and one small article end to end, each in a fresh interpreter."""
    script = Path(sys.executable).parent / "extractor"
    figures: Figures = {"small_article_chars": small.chars}
    if script.exists():
        figures["cli_help"] = time_command([str(script), "--help"], help_runs)
    else:
        figures["cli_help"] = {"skipped": f"{script} not found (pip install -e . first)"}
    with tempfile.TemporaryDirectory(prefix="bench-small-") as folder:
        path = Path(folder) / small.name
        path.write_bytes(small.data)
        command = [sys.executable, "-c", _END_TO_END, str(path)]
        figures["small_article_end_to_end"] = time_command(command, e2e_runs)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    figures["max_rss_mb_children"] = children / 1024
    return figures


# --------------------------------------------------------------------------------------------
# Comparison with jionlp and cpca


@contextmanager
def quiet() -> Iterator[None]:
    """Silence the banners jionlp and jieba print on import and first use."""
    sink = io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = sink
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def import_competitors() -> tuple[dict[str, Any], dict[str, str]]:
    """The importable comparison modules, and a skip message for each that is not."""
    modules: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    for name in ("jionlp", "cpca"):
        try:
            with quiet():
                modules[name] = importlib.import_module(name)
        except Exception as exc:  # ImportError, or a dependency failing inside the import
            skipped[name] = (f"{name} not importable ({type(exc).__name__}: {exc}); "
                             "install the extra: pip install -e '.[compare]'")
    return modules, skipped


def entry_texts(corpus: Sequence[CorpusArticle]) -> list[str]:
    """The texts our extractors see: each entry of each article (whole text if none)."""
    from extractor.pipeline import extract_article

    texts: list[str] = []
    for article in corpus:
        try:
            result = extract_article(article.data, path=article.name)
        except Exception:
            continue
        spans = [result.text[e.start:e.end] for e in result.entries]
        texts.extend(spans or [result.text])
    return texts


def time_calls(function: Callable[[str], object], texts: Sequence[str]) -> Figures:
    """Call `function` on every text (after one untimed warm-up call): seconds, chars/s."""
    with quiet():
        function(texts[0])
        started = time.perf_counter()
        for text in texts:
            function(text)
        seconds = time.perf_counter() - started
    chars = sum(len(t) for t in texts)
    return {"seconds": seconds, "chars": chars, "chars_per_s": chars / seconds}


def competitor_functions(modules: dict[str, Any]) -> dict[str, tuple[str, Callable[[str], object]]]:
    """Task -> (which API, callable on one text) for the importable competitors."""
    functions: dict[str, tuple[str, Callable[[str], object]]] = {}
    if "jionlp" in modules:
        jio = modules["jionlp"]
        # A fixed reference time: jionlp's default is now(), which changes the work it does.
        base = datetime(2023, 6, 1).timestamp()
        functions["dates"] = ("jionlp.ner.extract_time",
                              lambda t: jio.ner.extract_time(t, time_base=base))
        if hasattr(jio, "extract_money"):  # the brief's name; 1.5.x has it under jio.ner
            functions["targets"] = ("jionlp.extract_money", jio.extract_money)
        else:
            functions["targets"] = ("jionlp.ner.extract_money", jio.ner.extract_money)
    if "cpca" in modules:
        cpca = modules["cpca"]
        functions["places"] = (
            "cpca.transform(lines)",
            lambda t: cpca.transform([line for line in t.splitlines() if line.strip()] or [t]),
        )
    return functions


def ours_on(corpus: Sequence[CorpusArticle]) -> tuple[dict[str, float], int]:
    """Our stage seconds on `corpus` (warm) and the number of characters in its entries."""
    from extractor.pipeline import extract_article
    from extractor.timing import StageClock

    clock = StageClock()
    chars = 0
    for article in corpus:
        try:
            result = extract_article(article.data, path=article.name, clock=clock)
        except Exception:
            continue
        chars += sum(e.end - e.start for e in result.entries) or len(result.text)
    return clock.seconds, chars


def measure_compare(corpus: Sequence[CorpusArticle], count: int) -> Figures:
    """jionlp time and money extraction and cpca places vs our matching stages, same texts."""
    started = time.perf_counter()
    modules, skipped = import_competitors()
    figures: Figures = {"import_seconds": time.perf_counter() - started, "skipped": skipped}
    subset = corpus[:count]
    texts = entry_texts(subset)
    ours, our_chars = ours_on(subset)
    figures["articles"] = len(subset)
    figures["entry_texts"] = len(texts)
    figures["ours_pipeline_chars_per_s"] = our_chars / (sum(ours.values()) or math.nan)
    rows = []
    for task, (api, function) in competitor_functions(modules).items():
        theirs = time_calls(function, texts)
        stage = f"extract.{task}"
        our_speed = our_chars / ours[stage] if ours.get(stage) else math.nan
        rows.append({
            "task": task,
            "theirs": api,
            "theirs_chars_per_s": theirs["chars_per_s"],
            "theirs_seconds": theirs["seconds"],
            "ours": stage,
            "ours_chars_per_s": our_speed,
            "ratio_ours_over_theirs": our_speed / theirs["chars_per_s"],
        })
    figures["rows"] = rows
    return figures


# --------------------------------------------------------------------------------------------
# Batch with workers


def batch_parallel_argument() -> str | None:
    """`workers` or `executor` when `run_batch` accepts one, else None."""
    from extractor.batch import run_batch

    parameters = inspect.signature(run_batch).parameters
    return next((name for name in ("workers", "executor") if name in parameters), None)


# What `make run` writes: every article's JSON, the CSV tables and the SQLite database.
BATCH_FORMATS = ("json", "csv", "sqlite")


def run_batch_timed(
    files: Sequence[Path], out: Path, argument: str, workers: int, formats: Sequence[str]
) -> float:
    """Seconds for one `run_batch` over `files` with `workers` processes."""
    from concurrent.futures import ProcessPoolExecutor

    from extractor.batch import run_batch

    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    if argument == "workers":
        run_batch(files, out, formats, workers=workers)
    elif workers == 1:
        run_batch(files, out, formats, executor=None)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            run_batch(files, out, formats, executor=pool)
    return time.perf_counter() - started


def _spin(count: int) -> None:
    total = 0
    for i in range(count):
        total += i * i


def _spin_seconds(processes: int, count: int) -> float:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    spinners = [context.Process(target=_spin, args=(count,)) for _ in range(processes)]
    started = time.perf_counter()
    for spinner in spinners:
        spinner.start()
    for spinner in spinners:
        spinner.join()
    return time.perf_counter() - started


def machine_speedup(workers: int, count: int = 15_000_000) -> float:
    """Throughput of `workers` processes each running the same pure-Python loop, against one:
    what this machine gives right now, the ceiling of any batch speed-up. (A VM's cores are
    not always all there: 1.4x to 1.9x for two has been seen here from one minute to the
    next.)"""
    return workers * _spin_seconds(1, count) / _spin_seconds(workers, count)


def measure_batch(
    corpus: Sequence[CorpusArticle], workers: int, formats: Sequence[str] = BATCH_FORMATS
) -> Figures:
    """`run_batch` over files in a temp dir with 1 and `workers` workers, and the speed-up,
    with the machine's own ceiling measured right before and after."""
    argument = batch_parallel_argument()
    if argument is None:
        return {"skipped": "extractor.batch.run_batch takes no `workers` or `executor` argument"}
    ceiling_before = machine_speedup(workers)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as folder:
        inputs = Path(folder) / "in"
        inputs.mkdir()
        files = write_corpus(corpus, inputs)
        one = run_batch_timed(files, Path(folder) / "out", argument, 1, formats)
        many = run_batch_timed(files, Path(folder) / "out", argument, workers, formats)
    ceiling_after = machine_speedup(workers)
    chars = sum(a.chars for a in corpus)
    return {
        "machine_speedup_before": ceiling_before,
        "machine_speedup_after": ceiling_after,
        "argument": argument,
        "formats": ",".join(formats),
        "articles": len(corpus),
        "workers": workers,
        "seconds_1": one,
        f"seconds_{workers}": many,
        "chars_per_s_1": chars / one,
        f"chars_per_s_{workers}": chars / many,
        "speedup": one / many,
    }


# --------------------------------------------------------------------------------------------
# Profile


def profile_steady(corpus: Sequence[CorpusArticle], top: int) -> Figures:
    """cProfile over `corpus` (warm): the `top` functions by own time and by cumulative time."""
    from extractor.timing import StageClock

    export, _ = export_function()
    items = corpus_items(corpus, None)
    profiler = cProfile.Profile()
    profiler.enable()
    run_corpus(items, StageClock(), export)
    profiler.disable()
    stats = pstats.Stats(profiler)
    return {
        "articles": len(items),
        "total_seconds": stats.total_tt,  # type: ignore[attr-defined]
        "by_tottime": top_functions(stats, "tottime", top),
        "by_cumtime": top_functions(stats, "cumulative", top),
    }


def top_functions(stats: pstats.Stats, key: str, top: int) -> list[Figures]:
    """The first `top` rows of `stats` sorted by `key`, as plain dicts."""
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    column = 2 if key == "tottime" else 3
    rows = sorted(raw.items(), key=lambda item: item[1][column], reverse=True)[:top]
    return [
        {
            "function": f"{short_path(file)}:{line}({name})",
            "calls": calls,
            "tottime": tottime,
            "cumtime": cumtime,
        }
        for (file, line, name), (_, calls, tottime, cumtime, _) in rows
    ]


def short_path(file: str) -> str:
    """A profile row's file without the install prefix.

    >>> short_path("/x/.venv/lib/python3.11/site-packages/jieba/__init__.py")
    'jieba/__init__.py'
    >>> short_path("/usr/lib/python3.11/json/encoder.py"), short_path("/w/src/extractor/load.py")
    ('json/encoder.py', 'extractor/load.py')
    """
    return _PREFIX_RE.sub("", file)


# --------------------------------------------------------------------------------------------
# Output


def number(value: Any, digits: int = 1) -> str:
    """A figure for the table: thousands separators, `-` for missing or NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def print_report(figures: Figures) -> None:
    """The readable report: machine, corpus, throughput, stages, start-up, memory, extras."""
    from rich.console import Console

    # A pipe or `make` has no terminal width; 120 columns keep the tables readable in logs.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    print_key_values(console, "Machine", figures["machine"])
    print_key_values(console, "Corpus", figures["corpus"])
    print_throughput(console, figures["pipeline"])
    print_stages(console, figures["pipeline"]["stages"])
    traced = {f"tracemalloc {k}": v for k, v in figures.get("tracemalloc", {}).items()}
    print_key_values(console, "Memory (MiB)", {**figures["pipeline"]["memory"], **traced})
    print_startup(console, figures["startup"])
    extras: dict[str, Callable[[Any, Figures], None]] = {
        "compare": print_compare, "batch": print_batch, "profile": print_profile,
    }
    for key, printer in extras.items():
        if key in figures:
            printer(console, figures[key])


def print_key_values(console: Any, title: str, values: Figures) -> None:
    from rich.table import Table

    table = Table(title=title, show_header=False, title_justify="left")
    for key, value in values.items():
        table.add_row(key, number(value, 2) if not isinstance(value, list) else ", ".join(
            map(str, value)))
    console.print(table)


def print_throughput(console: Any, pipeline: Figures) -> None:
    from rich.table import Table

    table = Table(title=f"Pipeline load -> export ({pipeline['source']}, "
                        f"export = {pipeline['export_function']})", title_justify="left")
    for column in ("phase", "articles", "entries", "chars", "seconds", "articles/s", "chars/s",
                   "p50 ms", "p95 ms", "max ms", "failed"):
        table.add_column(column, justify="right" if column != "phase" else "left")
    table.add_row("import", "", "", "", number(pipeline["import_seconds"], 3), *[""] * 6)
    for phase in ("warmup", "unseen", "steady"):
        run = pipeline[phase]
        table.add_row(
            phase, number(run["articles"]), number(run["entries"]), number(run["chars"]),
            number(run["seconds"], 3),
            number(run["articles_per_s"]), number(run["chars_per_s"], 0),
            number(run["ms_per_article_p50"], 2), number(run["ms_per_article_p95"], 2),
            number(run["ms_per_article_max"], 2), number(run["failures"]),
        )
    console.print(table)
    for example in pipeline["steady"]["failure_examples"]:
        console.print(f"  failed: {example}", markup=False)


def print_stages(console: Any, stages: list[Figures]) -> None:
    from rich.table import Table

    table = Table(title="Steady state per stage (shared StageClock; export timed here)",
                  title_justify="left")
    for column in ("stage", "seconds", "share", "ms/article", "chars/s"):
        table.add_column(column, justify="right" if column != "stage" else "left")
    for row in stages:
        table.add_row(row["stage"], number(row["seconds"], 3), f"{100 * row['share']:.1f}%",
                      number(row["ms_per_article"], 3), number(row["chars_per_s"], 0))
    console.print(table)


def print_startup(console: Any, startup: Figures) -> None:
    from rich.table import Table

    table = Table(title="Start-up (fresh interpreter)", title_justify="left")
    for column in ("command", "median s", "runs s", "exit"):
        table.add_column(column)
    for key in ("cli_help", "small_article_end_to_end"):
        row = startup[key]
        if "skipped" in row:
            table.add_row(key, row["skipped"], "", "")
            continue
        table.add_row(key, number(row["median_seconds"], 3),
                      " ".join(f"{s:.3f}" for s in row["runs_seconds"]),
                      ",".join(map(str, row["exit_codes"])))
    console.print(table)
    console.print(f"  small article: {startup['small_article_chars']:,} chars; "
                  f"children max RSS {startup['max_rss_mb_children']:.1f} MiB")


def print_compare(console: Any, compare: Figures) -> None:
    from rich.table import Table

    for message in compare["skipped"].values():
        console.print(f"[yellow]compare skipped:[/] {message}")
    if not compare.get("rows"):
        return
    table = Table(title=f"Comparison on {compare['articles']} articles "
                        f"({compare['entry_texts']} entry texts; ours = same stage)",
                  title_justify="left")
    for column in ("task", "theirs", "theirs chars/s", "ours", "ours chars/s", "ours/theirs"):
        table.add_column(column)
    for row in compare["rows"]:
        table.add_row(row["task"], row["theirs"], number(row["theirs_chars_per_s"], 0),
                      row["ours"], number(row["ours_chars_per_s"], 0),
                      f"{row['ratio_ours_over_theirs']:.1f}x")
    console.print(table)
    console.print(f"  our whole pipeline on the same articles: "
                  f"{number(compare['ours_pipeline_chars_per_s'], 0)} chars/s")


def print_batch(console: Any, batch: Figures) -> None:
    if "skipped" in batch:
        console.print(f"[yellow]batch skipped:[/] {batch['skipped']}")
        return
    print_key_values(console, f"Batch (run_batch, {batch['formats']})", batch)


def print_profile(console: Any, profile: Figures) -> None:
    from rich.table import Table

    for key in ("by_tottime", "by_cumtime"):
        table = Table(title=f"cProfile of {profile['articles']} warm articles, {key}",
                      title_justify="left")
        for column in ("function", "calls", "tottime", "cumtime"):
            table.add_column(column)
        for row in profile[key]:
            table.add_row(row["function"], number(row["calls"]), number(row["tottime"], 3),
                          number(row["cumtime"], 3))
        console.print(table)


# --------------------------------------------------------------------------------------------
# Main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None,
                        help="corpus size (default 2000; 200 with --quick)")
    parser.add_argument("--quick", action="store_true",
                        help="small run: 200 articles, fewer compare/tracemalloc articles")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--from-disk", action="store_true",
                        help="write the corpus to a temp dir and extract from the files")
    parser.add_argument("--compare", action="store_true",
                        help="also time jionlp (dates, money) and cpca (places)")
    parser.add_argument("--compare-articles", type=int, default=None,
                        help="articles for --compare (default 50; 10 with --quick)")
    parser.add_argument("--workers", type=int, default=None,
                        help="also time run_batch with 1 and N workers, if it supports them")
    parser.add_argument("--batch-articles", type=int, default=1000,
                        help="articles for --workers (default 1000, built with seed+1)")
    parser.add_argument("--batch-formats", type=lambda text: tuple(text.split(",")),
                        default=BATCH_FORMATS, metavar="F,F",
                        help="output formats for --workers (default json,csv,sqlite: make run's)")
    parser.add_argument("--tracemalloc", type=int, default=None, metavar="N",
                        help="articles in the tracemalloc pass (default 50; 0 = off)")
    parser.add_argument("--profile", type=int, default=0, metavar="TOP",
                        help="cProfile the steady state and show the TOP functions")
    parser.add_argument("--profile-articles", type=int, default=200,
                        help="articles for --profile (default 200)")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE",
                        help="write all figures to FILE as JSON")
    args = parser.parse_args(argv)
    quick = args.quick
    args.articles = args.articles or (200 if quick else 2000)
    args.compare_articles = args.compare_articles or (10 if quick else 50)
    args.tracemalloc = (20 if quick else 50) if args.tracemalloc is None else args.tracemalloc
    if args.articles < 2:
        parser.error("--articles must be at least 2 (one warm-up, one steady)")
    return args


def load_templates() -> list[Template]:
    templates = [t for t in map(cut_template, source_files()) if t is not None]
    if not templates:
        raise SystemExit(f"no source article found (expected {SAMPLE})")
    return templates


def smallest(corpus: Sequence[CorpusArticle]) -> CorpusArticle:
    return min(corpus, key=lambda a: (a.chars, a.name))


def measure_all(args: argparse.Namespace, figures: Figures) -> None:
    """Run every requested measurement, filling `figures` in place."""
    templates = load_templates()
    started = time.perf_counter()
    corpus = build_corpus(templates, args.articles, args.seed)
    figures["corpus"] = {**corpus_stats(corpus, templates),
                         "build_seconds": time.perf_counter() - started, "seed": args.seed}
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as folder:
        paths = write_corpus(corpus, Path(folder)) if args.from_disk else None
        figures["pipeline"] = measure_pipeline(corpus, paths)
    if args.tracemalloc:
        figures["tracemalloc"] = measure_tracemalloc(corpus, args.tracemalloc)
    figures["startup"] = measure_startup(smallest(corpus), help_runs=5, e2e_runs=3)
    if args.compare:
        figures["compare"] = measure_compare(corpus, args.compare_articles)
    if args.workers:
        # Articles the steady state has not seen (another seed), so the forked workers'
        # inherited caches hold nothing of them.
        batch_corpus = build_corpus(templates, args.batch_articles, args.seed + 1)
        figures["batch"] = measure_batch(batch_corpus, args.workers, args.batch_formats)
    if args.profile:
        figures["profile"] = profile_steady(corpus[1:args.profile_articles + 1], args.profile)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, measure, print the table (and write --json)."""
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))  # works from a checkout without `pip install -e`
    arguments = {**vars(args), "json": str(args.json) if args.json else None}
    figures: Figures = {"machine": machine_info(), "arguments": arguments}
    measure_all(args, figures)
    print_report(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False, default=str)
                             + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
