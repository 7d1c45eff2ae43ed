"""Score extracted articles against hand-made gold files (the scoring of SPEC.md).

Pairing: each `<stem>.gold.json` in the gold folder is compared with `<stem>.json` in the
output folder (a missing or unreadable output scores as if it had no entries). Entries are
paired in document order by their number: numbers may restart in each section (1, 2, 3, 1, 2),
so the two lists of numbers are aligned with `difflib.SequenceMatcher` and only equal runs are
paired; an unpaired gold entry is a miss, an unpaired predicted entry a false positive.

Fields:
- `entries`: precision/recall of paired entries.
- `headline`, `date`, `region`: accuracy over gold entries (an unpaired gold entry is wrong).
  Headlines compare as written (`（试行）` is not `(试行)`: the product outputs the text as
  written), after stripping surrounding whitespace; region compares by name
  (`全国` for national, null allowed on both sides).
- `places`, `documents`, `targets`: precision/recall/F1 of per-entry sets, summed over entries
  (micro-average). Predicted places with a null adcode are not divisions and predicted
  documents with `alias_of` set are abbreviations: both are ignored; titles compare as
  written. Targets are (value, unit) pairs with values compared as `Decimal` (`25` == `25.0`)
  to 12 significant digits (a gold value computed in floats, 60979999999.99999, is
  60980000000). Units compare in Simplified script (個 == 个).
- `qualifier`: accuracy over matched (value, unit) target pairs.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from extractor.export import atomic_write_bytes, csv_bytes
from extractor.models import Article, Entry
from extractor.script import to_simplified

GOLD_SUFFIX = ".gold.json"
SET_FIELDS: tuple[str, ...] = ("entries", "places", "documents", "targets")
EXACT_FIELDS: tuple[str, ...] = ("headline", "date", "region", "qualifier")
# The order in which fields are reported.
FIELDS: tuple[str, ...] = (
    "entries", "headline", "date", "region", "places", "documents", "targets", "qualifier",
)
MISS_COLUMNS: tuple[str, ...] = ("article", "no", "field", "kind", "expected", "got")

TargetKey = tuple[Decimal | None, str]
MissKind = Literal["missing", "extra", "wrong"]


# ---------------------------------------------------------------------------------------------
# Gold format


class GoldTarget(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str = ""
    value: Decimal
    unit: str
    kind: str | None = None
    qualifier: str = "eq"


class GoldEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    no: int
    headline: str = ""
    date: str | None = None
    region: str | None = None
    places: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    targets: list[GoldTarget] = Field(default_factory=list)


class GoldArticle(BaseModel):
    model_config = ConfigDict(extra="ignore")

    file: str | None = None
    source: str | None = None
    entries: list[GoldEntry] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Report


class FieldScore(BaseModel):
    """Counts for one field; set fields use tp/fp/fn, exact fields use correct/total."""

    field: str
    kind: Literal["set", "exact"]
    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    total: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn): 0 when nothing matched, None when there was nothing at all."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    @property
    def score(self) -> float | None:
        """The one number a floor (`--min-f1`) is checked against: F1 or accuracy."""
        return self.f1 if self.kind == "set" else self.accuracy

    def add(self, other: FieldScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.correct += other.correct
        self.total += other.total

    def summary(self) -> dict[str, Any]:
        """Counts plus the derived rates, for the JSON report."""
        return {
            **self.model_dump(),
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "accuracy": self.accuracy,
            "score": self.score,
        }


def _empty_scores() -> dict[str, FieldScore]:
    return {
        name: FieldScore(field=name, kind="set" if name in SET_FIELDS else "exact")
        for name in FIELDS
    }


class Miss(BaseModel):
    """One disagreement: `missing` (gold only), `extra` (prediction only) or `wrong`."""

    article: str
    no: int | None
    field: str
    kind: MissKind
    expected: str | None
    got: str | None


class ArticleScore(BaseModel):
    article: str
    output_found: bool
    error: str | None = None
    gold_entries: int
    predicted_entries: int
    paired_entries: int
    fields: dict[str, FieldScore] = Field(default_factory=_empty_scores)


class EvalReport(BaseModel):
    articles: list[ArticleScore] = Field(default_factory=list)
    overall: dict[str, FieldScore] = Field(default_factory=_empty_scores)
    misses: list[Miss] = Field(default_factory=list)

    def to_json(self) -> str:
        """The report as JSON, with the derived rates written next to the counts."""
        data = {
            "overall": {name: s.summary() for name, s in self.overall.items()},
            "articles": [
                {
                    **a.model_dump(exclude={"fields"}),
                    "fields": {name: s.summary() for name, s in a.fields.items()},
                }
                for a in self.articles
            ],
            "misses": [m.model_dump() for m in self.misses],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------
# Loading


def load_gold(path: Path) -> GoldArticle:
    """Read one gold file; a malformed file raises ValueError naming the file."""
    try:
        return GoldArticle.model_validate(json.loads(path.read_text("utf-8"), parse_float=Decimal))
    except (OSError, ValueError, ValidationError) as exc:
        raise ValueError(f"{path}: not a valid gold file: {exc}") from exc


def load_prediction(path: Path) -> Article:
    """Read one output JSON. Floats are parsed as Decimal so that 0.1 stays exactly 0.1."""
    data = json.loads(path.read_text("utf-8"), parse_float=Decimal)
    return Article.model_validate(data)


# ---------------------------------------------------------------------------------------------
# Pairing and scoring


def pair_entries(gold_nos: list[int], predicted_nos: list[int]) -> list[tuple[int, int]]:
    """Indices (gold, predicted) of entries paired by number, in document order.

    Numbers repeat across sections, so this is a sequence alignment, not a lookup:

    >>> pair_entries([1, 2, 3, 1, 2], [1, 2, 1, 2])
    [(0, 0), (1, 1), (3, 2), (4, 3)]
    >>> pair_entries([1, 2, 3], [])
    []
    """
    matcher = difflib.SequenceMatcher(None, gold_nos, predicted_nos, autojunk=False)
    pairs: list[tuple[int, int]] = []
    for block in matcher.get_matching_blocks():
        pairs.extend((block.a + k, block.b + k) for k in range(block.size))
    return pairs


def _fmt_target(key: TargetKey) -> str:
    """`500000000000 元`: fixed-point, never the `5E+11` that `Decimal.normalize()` prints."""
    value, unit = key
    return f"{'null' if value is None else format(value, 'f')} {unit}"


def _target_key(value: Decimal | None, unit: str) -> TargetKey:
    # normalize() so that 25 and 25.0 print alike in the misses; equality already holds.
    # Values are compared to 12 significant digits: a gold file computed in floats writes
    # 609.8亿 as 60979999999.99999, which is 60980000000.
    # A unit is a normalized value: 個 and 个 are one measure word in two scripts (gold may
    # write the Traditional form, the product the Simplified one).
    if value is None:
        return None, to_simplified(unit)
    if value.is_finite() and len(value.as_tuple().digits) > _SIGNIFICANT_DIGITS:
        value = Decimal(format(value, f".{_SIGNIFICANT_DIGITS}g"))
    return value.normalize(), to_simplified(unit)


_SIGNIFICANT_DIGITS = 12


def _qualifiers_by_key(
    targets: Iterable[tuple[Decimal | None, str, str]],
) -> dict[TargetKey, set[str]]:
    """Targets are a set per entry: a quantity written twice (a headline repeating the body)
    is one target, and its qualifier is the most specific one written: "最高一次性奖励200万元"
    in the body and "奖励200万元" in the headline is one 200万元 target qualified `lte`."""
    by_key: dict[TargetKey, set[str]] = {}
    for value, unit, qualifier in targets:
        by_key.setdefault(_target_key(value, unit), set()).add(qualifier)
    return {key: (qs - {"eq"}) or qs for key, qs in by_key.items()}


def _predicted_sets(entry: Entry) -> tuple[set[str], set[str], dict[TargetKey, set[str]]]:
    places = {p.name for p in entry.places if p.adcode is not None and p.name is not None}
    documents = {d.title for d in entry.documents if d.alias_of is None}
    targets = _qualifiers_by_key((t.value, t.unit, t.qualifier) for t in entry.targets)
    return places, documents, targets


def _gold_sets(entry: GoldEntry) -> tuple[set[str], set[str], dict[TargetKey, set[str]]]:
    targets = _qualifiers_by_key((t.value, t.unit, t.qualifier) for t in entry.targets)
    return set(entry.places), set(entry.documents), targets


class _Scorer:
    """Accumulates the scores and misses of one article."""

    def __init__(self, article: str, score: ArticleScore, misses: list[Miss]) -> None:
        self.article = article
        self.fields = score.fields
        self.misses = misses

    def miss(self, no: int | None, field: str, kind: MissKind, expected: str | None,
             got: str | None) -> None:
        self.misses.append(
            Miss(article=self.article, no=no, field=field, kind=kind, expected=expected, got=got)
        )

    def exact(self, no: int, field: str, expected: str | None, got: str | None,
              *, present: bool = True) -> None:
        score = self.fields[field]
        score.total += 1
        if present and expected == got:
            score.correct += 1
        else:
            self.miss(no, field, "wrong" if present else "missing", expected, got)

    def sets(self, no: int | None, field: str, gold: Iterable[str], predicted: Iterable[str],
             ) -> None:
        gold_set, predicted_set = set(gold), set(predicted)
        score = self.fields[field]
        score.tp += len(gold_set & predicted_set)
        for item in sorted(gold_set - predicted_set):
            score.fn += 1
            self.miss(no, field, "missing", item, None)
        for item in sorted(predicted_set - gold_set):
            score.fp += 1
            self.miss(no, field, "extra", None, item)

    def targets(self, no: int | None, gold: dict[TargetKey, set[str]],
                predicted: dict[TargetKey, set[str]]) -> None:
        score = self.fields["targets"]
        matched = sorted(gold.keys() & predicted.keys(), key=_sort_key)
        score.tp += len(matched)
        for key in sorted(gold.keys() - predicted.keys(), key=_sort_key):
            score.fn += 1
            self.miss(no, "targets", "missing", _fmt_target(key), None)
        for key in sorted(predicted.keys() - gold.keys(), key=_sort_key):
            score.fp += 1
            self.miss(no, "targets", "extra", None, _fmt_target(key))
        qualifier = self.fields["qualifier"]
        for key in matched:
            qualifier.total += 1
            if gold[key] == predicted[key]:
                qualifier.correct += 1
            else:
                self.miss(no, "qualifier", "wrong",
                          f"{_fmt_target(key)}: {','.join(sorted(gold[key]))}",
                          f"{_fmt_target(key)}: {','.join(sorted(predicted[key]))}")


def _sort_key(key: TargetKey) -> tuple[bool, Decimal, str]:
    value, unit = key
    return (value is None, value if value is not None else Decimal(0), unit)


def score_article(
    article: str, gold: GoldArticle, predicted: Article | None, *, error: str | None = None
) -> tuple[ArticleScore, list[Miss]]:
    """Score one article; `predicted=None` means the output is missing (all gold missed)."""
    predicted_entries = predicted.entries if predicted is not None else []
    pairs = pair_entries([e.no for e in gold.entries], [e.no for e in predicted_entries])
    score = ArticleScore(
        article=article,
        output_found=predicted is not None,
        error=error,
        gold_entries=len(gold.entries),
        predicted_entries=len(predicted_entries),
        paired_entries=len(pairs),
    )
    misses: list[Miss] = []
    scorer = _Scorer(article, score, misses)
    entries = score.fields["entries"]
    paired_gold = dict(pairs)
    paired_predicted = {p for _, p in pairs}

    for g_index, g in enumerate(gold.entries):
        g_places, g_documents, g_targets = _gold_sets(g)
        p_index = paired_gold.get(g_index)
        if p_index is None:
            entries.fn += 1
            scorer.miss(g.no, "entries", "missing", g.headline.strip(), None)
            scorer.exact(g.no, "headline", g.headline.strip(), None, present=False)
            scorer.exact(g.no, "date", g.date, None, present=False)
            scorer.exact(g.no, "region", g.region, None, present=False)
            scorer.sets(g.no, "places", g_places, ())
            scorer.sets(g.no, "documents", g_documents, ())
            scorer.targets(g.no, g_targets, {})
            continue
        p = predicted_entries[p_index]
        entries.tp += 1
        p_places, p_documents, p_targets = _predicted_sets(p)
        scorer.exact(g.no, "headline", g.headline.strip(), p.headline.strip())
        scorer.exact(g.no, "date", g.date, p.date)
        scorer.exact(g.no, "region", g.region, p.region.name if p.region else None)
        scorer.sets(g.no, "places", g_places, p_places)
        scorer.sets(g.no, "documents", g_documents, p_documents)
        scorer.targets(g.no, g_targets, p_targets)

    for p_index, p in enumerate(predicted_entries):
        if p_index in paired_predicted:
            continue
        entries.fp += 1
        scorer.miss(p.no, "entries", "extra", None, p.headline.strip())
        p_places, p_documents, p_targets = _predicted_sets(p)
        scorer.sets(p.no, "places", (), p_places)
        scorer.sets(p.no, "documents", (), p_documents)
        scorer.targets(p.no, {}, p_targets)
    return score, misses


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold files of a folder, sorted by name."""
    return sorted(p for p in gold_dir.glob(f"*{GOLD_SUFFIX}") if p.is_file())


def evaluate(gold_dir: Path, out_dir: Path) -> EvalReport:
    """Score every `<stem>.gold.json` in `gold_dir` against `out_dir/<stem>.json`.

    Outputs without a gold file are not scored. Raises ValueError when `gold_dir` holds no gold
    file (an empty evaluation would otherwise report a vacuous pass).
    """
    gold_dir, out_dir = Path(gold_dir), Path(out_dir)
    files = gold_files(gold_dir)
    if not files:
        raise ValueError(f"no *{GOLD_SUFFIX} files in {gold_dir}")
    report = EvalReport()
    for gold_path in files:
        stem = gold_path.name.removesuffix(GOLD_SUFFIX)
        gold = load_gold(gold_path)
        output = out_dir / f"{stem}.json"
        predicted: Article | None = None
        error: str | None = None
        if not output.is_file():
            error = f"missing output {output}"
        else:
            try:
                predicted = load_prediction(output)
            except (OSError, ValueError, ValidationError) as exc:
                error = f"unreadable output {output}: {exc}"
        score, misses = score_article(stem, gold, predicted, error=error)
        report.articles.append(score)
        report.misses.extend(misses)
        for name, field_score in score.fields.items():
            report.overall[name].add(field_score)
    return report


def write_misses_csv(report: EvalReport, path: Path) -> None:
    """Every miss as one CSV row (article, no, field, kind, expected, got), atomically."""
    rows = [m.model_dump() for m in report.misses]
    atomic_write_bytes(Path(path), csv_bytes(MISS_COLUMNS, rows))


def check_floors(report: EvalReport, floors: dict[str, float]) -> list[str]:
    """Messages for every field whose overall score is below its floor (empty: all met).

    A field with nothing to score (no gold and no predicted items) has no score and passes.
    """
    failures: list[str] = []
    for name, floor in floors.items():
        if name not in report.overall:
            raise ValueError(f"unknown field {name!r}; fields are {', '.join(FIELDS)}")
        score = report.overall[name].score
        if score is not None and score < floor:
            failures.append(f"{name}: {score:.4f} < {floor}")
    return failures
