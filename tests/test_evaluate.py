"""Evaluation: pairing by number, per-field scores, misses, on small hand-made gold/pred pairs."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from extractor.evaluate import (
    FIELDS,
    EvalReport,
    check_floors,
    evaluate,
    pair_entries,
    write_misses_csv,
)
from extractor.export import article_json
from extractor.models import (
    NATIONAL_REGION,
    Article,
    DocumentMention,
    Entry,
    PlaceMention,
    Region,
    Source,
    TargetMention,
)

SAMPLE = Path(__file__).parent / "data" / "sample"

# --- pairing ----------------------------------------------------------------------------------

PAIRINGS = [
    pytest.param([1, 2, 3], [1, 2, 3], [(0, 0), (1, 1), (2, 2)], id="identical"),
    pytest.param([1, 2, 1, 2], [1, 2, 1, 2], [(0, 0), (1, 1), (2, 2), (3, 3)],
                 id="numbers-repeat-across-sections"),
    pytest.param([1, 2, 3, 1, 2], [1, 2, 1, 2], [(0, 0), (1, 1), (3, 2), (4, 3)],
                 id="missed-last-of-first-section"),
    pytest.param([1, 2, 1, 2], [1, 2, 2], [(0, 0), (1, 1), (3, 2)],
                 id="missed-first-of-second-section"),
    pytest.param([1, 2], [1, 5, 2], [(0, 0), (1, 2)], id="extra-prediction"),
    pytest.param([1, 2, 3], [], [], id="nothing-predicted"),
    pytest.param([], [1], [], id="nothing-in-gold"),
]


@pytest.mark.parametrize(("gold", "predicted", "expected"), PAIRINGS)
def test_pair_entries(gold: list[int], predicted: list[int],
                      expected: list[tuple[int, int]]) -> None:
    assert pair_entries(gold, predicted) == expected


# --- helpers ----------------------------------------------------------------------------------


def gold_entry(no: int, **fields: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"no": no, "headline": f"标题{no}", "date": None, "region": None,
                             "places": [], "documents": [], "targets": []}
    entry.update(fields)
    return entry


def pred_entry(seq: int, no: int, **fields: Any) -> Entry:
    values: dict[str, Any] = {
        "seq": seq, "no": no, "headline": f"标题{no}", "body": "", "start": 0, "end": 0,
        "headline_start": 0, "headline_end": 0, "body_start": 0, "body_end": 0,
    }
    values.update(fields)
    return Entry(**values)


def place(name: str, adcode: str | None = "110000") -> PlaceMention:
    return PlaceMention(text=name, start=0, end=len(name), name=name, adcode=adcode,
                        level="province" if adcode else None)


def document(title: str, alias_of: str | None = None) -> DocumentMention:
    return DocumentMention(text=f"《{title}》", start=0, end=len(title) + 2, title=title,
                           alias_of=alias_of)


def target(value: str, unit: str, qualifier: str = "eq", kind: str = "count") -> TargetMention:
    return TargetMention(text=f"{value}{unit}", start=0, end=1, value=Decimal(value), unit=unit,
                         kind=kind, qualifier=qualifier)  # type: ignore[arg-type]


def write_case(tmp_path: Path, stem: str, gold: list[dict[str, Any]],
               predicted: list[Entry] | None) -> tuple[Path, Path]:
    """Write `<stem>.gold.json` and (unless None) `<stem>.json`; return (gold_dir, out_dir)."""
    gold_dir, out_dir = tmp_path / "gold", tmp_path / "out"
    gold_dir.mkdir(exist_ok=True)
    out_dir.mkdir(exist_ok=True)
    payload = {"file": f"{stem}.txt", "source": None, "entries": gold}
    (gold_dir / f"{stem}.gold.json").write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
    if predicted is not None:
        article = Article(source=Source(path=f"raw/{stem}.txt", sha256="0" * 64,
                                        encoding="utf-8"), entries=predicted)
        (out_dir / f"{stem}.json").write_text(article_json(article), "utf-8")
    return gold_dir, out_dir


def run_case(tmp_path: Path, gold: list[dict[str, Any]],
             predicted: list[Entry] | None) -> EvalReport:
    return evaluate(*write_case(tmp_path, "a", gold, predicted))


def counts(report: EvalReport, field: str) -> tuple[int, int, int]:
    score = report.overall[field]
    return (score.tp, score.fp, score.fn) if score.kind == "set" else (score.correct,
                                                                       score.total, 0)


# --- scoring ----------------------------------------------------------------------------------


def test_perfect_prediction_has_no_misses(tmp_path: Path) -> None:
    gold = [gold_entry(1, date="2023-01-03", region="北京市", places=["北京市"],
                       documents=["行动计划"],
                       targets=[{"text": "25%以上", "value": 25, "unit": "%",
                                 "kind": "percent", "qualifier": "gte"}])]
    predicted = [pred_entry(1, 1, date="2023-01-03",
                            region=Region(name="北京市", adcode="110000", level="province"),
                            places=[place("北京市")], documents=[document("行动计划")],
                            targets=[target("25", "%", "gte", "percent")])]
    report = run_case(tmp_path, gold, predicted)
    assert report.misses == []
    assert {name: report.overall[name].score for name in FIELDS} == dict.fromkeys(FIELDS, 1.0)


def test_missing_output_counts_as_all_miss(tmp_path: Path) -> None:
    gold = [gold_entry(1, places=["北京市"], date="2023-01-03"), gold_entry(2)]
    report = run_case(tmp_path, gold, None)
    article = report.articles[0]
    assert not article.output_found and "missing output" in (article.error or "")
    assert counts(report, "entries") == (0, 0, 2)
    assert counts(report, "places") == (0, 0, 1)
    assert counts(report, "date") == (0, 2, 0)
    assert report.overall["entries"].recall == 0.0
    assert report.overall["entries"].precision is None
    assert {(m.no, m.field) for m in report.misses} >= {(1, "entries"), (1, "places"),
                                                        (2, "entries")}


def test_unreadable_output_counts_as_all_miss(tmp_path: Path) -> None:
    gold_dir, out_dir = write_case(tmp_path, "a", [gold_entry(1)], None)
    (out_dir / "a.json").write_text("{not json", "utf-8")
    report = evaluate(gold_dir, out_dir)
    assert report.articles[0].error and "unreadable" in report.articles[0].error
    assert counts(report, "entries") == (0, 0, 1)


def test_repeated_numbers_across_sections(tmp_path: Path) -> None:
    """Gold 1,2 | 1,2; prediction misses the second section's 1: the misses name that entry,
    and the second section's 2 is still paired with its own gold entry (date right)."""
    gold = [gold_entry(1, headline="甲"), gold_entry(2, headline="乙"),
            gold_entry(1, headline="丙"), gold_entry(2, headline="丁", date="2023-02-02")]
    predicted = [pred_entry(1, 1, headline="甲"), pred_entry(2, 2, headline="乙"),
                 pred_entry(3, 2, headline="丁", date="2023-02-02")]
    report = run_case(tmp_path, gold, predicted)
    assert counts(report, "entries") == (3, 0, 1)
    assert counts(report, "headline") == (3, 4, 0)
    assert counts(report, "date") == (3, 4, 0)
    entry_misses = [m for m in report.misses if m.field == "entries"]
    assert [(m.no, m.kind, m.expected) for m in entry_misses] == [(1, "missing", "丙")]


def test_extra_predicted_entry_is_a_false_positive(tmp_path: Path) -> None:
    gold = [gold_entry(1)]
    predicted = [pred_entry(1, 1), pred_entry(2, 9, places=[place("北京市")])]
    report = run_case(tmp_path, gold, predicted)
    assert counts(report, "entries") == (1, 1, 0)
    assert counts(report, "places") == (0, 1, 0)
    assert report.overall["entries"].precision == 0.5


def test_abbreviations_and_non_divisions_are_ignored(tmp_path: Path) -> None:
    """《行动计划》 with alias_of set and 长三角 with no adcode are not false positives."""
    gold = [gold_entry(1, places=["上海市"], documents=["上海市元宇宙行动计划"])]
    predicted = [pred_entry(1, 1, places=[place("上海市", "310000"), place("长三角", None)],
                            documents=[document("上海市元宇宙行动计划"),
                                       document("行动计划", alias_of="上海市元宇宙行动计划")])]
    report = run_case(tmp_path, gold, predicted)
    assert counts(report, "places") == (1, 0, 0)
    assert counts(report, "documents") == (1, 0, 0)
    assert report.misses == []


TITLE_WIDTH_CASES = [
    pytest.param("数据管理办法（试行）", "数据管理办法（试行）", (1, 0, 0), id="as-written"),
    pytest.param("数据管理办法(试行)", "数据管理办法（试行）", (0, 1, 1), id="folded-gold-misses"),
    pytest.param("行动方案（２０２３－２０２５年）", "行动方案（２０２３－２０２５年）", (1, 0, 0),
                 id="full-width-digits-as-written"),
]


@pytest.mark.parametrize(("gold_title", "predicted_title", "expected"), TITLE_WIDTH_CASES)
def test_document_titles_compare_as_written(tmp_path: Path, gold_title: str,
                                            predicted_title: str,
                                            expected: tuple[int, int, int]) -> None:
    """Titles are compared as written: gold and product both keep the full-width forms."""
    report = run_case(tmp_path, [gold_entry(1, documents=[gold_title])],
                      [pred_entry(1, 1, documents=[document(predicted_title)])])
    assert counts(report, "documents") == expected


def test_targets_compare_numerically_and_score_qualifiers(tmp_path: Path) -> None:
    gold = [gold_entry(1, targets=[
        {"text": "25%", "value": 25, "unit": "%", "kind": "percent", "qualifier": "eq"},
        {"text": "0.5亿元", "value": 50000000, "unit": "元", "kind": "money", "qualifier": "gt"},
        {"text": "17个", "value": 17, "unit": "个", "kind": "count", "qualifier": "eq"},
    ])]
    predicted = [pred_entry(1, 1, targets=[
        target("25.0", "%", "eq", "percent"),          # 25.0 == 25
        target("5E+7", "元", "approx", "money"),      # matched, wrong qualifier
        target("17", "家"),                           # wrong unit: miss + false positive
    ])]
    report = run_case(tmp_path, gold, predicted)
    assert counts(report, "targets") == (2, 1, 1)
    assert counts(report, "qualifier") == (1, 2, 0)
    qualifier_miss = next(m for m in report.misses if m.field == "qualifier")
    assert qualifier_miss.expected == "50000000 元: gt"
    assert qualifier_miss.got == "50000000 元: approx"
    assert {m.expected for m in report.misses if m.kind == "missing"} == {"17 个"}


REPEATED_TARGET_CASES = [
    pytest.param(["eq", "lte"], "lte", 1, id="explicit-qualifier-wins-over-plain"),
    pytest.param(["eq", "eq"], "eq", 1, id="plain-twice"),
    pytest.param(["gt", "lte"], "lte", 0, id="two-explicit-qualifiers-disagree"),
    pytest.param(["eq"], "lte", 0, id="qualifier-lost"),
]


@pytest.mark.parametrize(("predicted", "expected", "correct"), REPEATED_TARGET_CASES)
def test_a_repeated_quantity_is_one_target(tmp_path: Path, predicted: list[str], expected: str,
                                           correct: int) -> None:
    """A headline repeating the body's 200万元 without its 最高 is still one `lte` target."""
    gold = [gold_entry(1, targets=[{"text": "200万元", "value": 2000000, "unit": "元",
                                    "kind": "money", "qualifier": expected}])]
    report = run_case(tmp_path, gold, [pred_entry(1, 1, targets=[
        target("2000000", "元", qualifier, "money") for qualifier in predicted])])
    assert counts(report, "targets") == (1, 0, 0)
    assert counts(report, "qualifier") == (correct, 1, 0)


def test_float_values_are_compared_exactly(tmp_path: Path) -> None:
    """0.1 in gold matches Decimal("0.1") predicted: floats are parsed as Decimal."""
    gold = [gold_entry(1, targets=[{"text": "0.1%", "value": 0.1, "unit": "%",
                                    "kind": "percent", "qualifier": "eq"}])]
    report = run_case(tmp_path, gold, [pred_entry(1, 1, targets=[target("0.1", "%")])])
    assert counts(report, "targets") == (1, 0, 0)


@pytest.mark.parametrize(
    ("gold_value", "predicted", "matched"),
    [
        pytest.param(60979999999.99999, "60980000000", True, id="float-noise-in-gold"),
        pytest.param(60979999999.0, "60980000000", False, id="a-real-difference"),
        pytest.param(4.75, "4.75", True, id="small-values-exact"),
        pytest.param(4.7, "4.75", False, id="small-values-differ"),
    ],
)
def test_values_compare_to_twelve_significant_digits(
    tmp_path: Path, gold_value: float, predicted: str, matched: bool
) -> None:
    """A gold file computed in floats writes 609.8亿 as 60979999999.99999."""
    gold = [gold_entry(1, targets=[{"text": "x", "value": gold_value, "unit": "元",
                                    "kind": "money", "qualifier": "eq"}])]
    report = run_case(tmp_path, gold, [pred_entry(1, 1, targets=[target(predicted, "元")])])
    assert (counts(report, "targets") == (1, 0, 0)) == matched


EXACT_CASES = [
    pytest.param({"region": None}, {}, True, id="region-null-both"),
    pytest.param({"region": "全国"}, {"region": NATIONAL_REGION}, True, id="region-national"),
    pytest.param({"region": "上海市"}, {}, False, id="region-missing"),
    pytest.param({"headline": " 标题 "}, {"headline": "标题\n"}, True, id="headline-stripped"),
    pytest.param({"headline": "标题 一"}, {"headline": "标题一"}, False,
                 id="headline-inner-space-counts"),
    pytest.param({"date": "2023-01"}, {"date": "2023-01-01"}, False, id="date-precision"),
    # The product outputs the text as written; so is the gold.
    pytest.param({"headline": "三部门：印发办法（试行）"}, {"headline": "三部门：印发办法（试行）"},
                 True, id="headline-full-width-as-written"),
    pytest.param({"headline": "三部门:印发办法(试行)"}, {"headline": "三部门：印发办法（试行）"},
                 False, id="headline-folded-gold-is-not-as-written"),
]


@pytest.mark.parametrize(("gold_fields", "pred_fields", "correct"), EXACT_CASES)
def test_exact_fields(tmp_path: Path, gold_fields: dict[str, Any], pred_fields: dict[str, Any],
                      correct: bool) -> None:
    field = next(iter(gold_fields))
    report = run_case(tmp_path, [gold_entry(1, **gold_fields)], [pred_entry(1, 1, **pred_fields)])
    assert report.overall[field].accuracy == (1.0 if correct else 0.0)


def test_misses_agree_with_counts(tmp_path: Path) -> None:
    """Every false positive and false negative of a set field is listed once as a miss."""
    gold = [gold_entry(1, places=["北京市", "上海市"]), gold_entry(2, documents=["甲"])]
    predicted = [pred_entry(1, 1, places=[place("北京市"), place("天津市")]),
                 pred_entry(2, 3, documents=[document("乙")])]
    report = run_case(tmp_path, gold, predicted)
    for name in ("entries", "places", "documents", "targets"):
        score = report.overall[name]
        listed = [m for m in report.misses if m.field == name]
        assert len(listed) == score.fp + score.fn, name


def test_overall_sums_articles(tmp_path: Path) -> None:
    write_case(tmp_path, "a", [gold_entry(1, places=["北京市"])],
               [pred_entry(1, 1, places=[place("北京市")])])
    gold_dir, out_dir = write_case(tmp_path, "b", [gold_entry(1, places=["上海市"])], None)
    report = evaluate(gold_dir, out_dir)
    assert [a.article for a in report.articles] == ["a", "b"]
    assert counts(report, "places") == (1, 0, 1)
    assert report.overall["places"].f1 == pytest.approx(2 / 3)


def test_no_gold_files_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"no \*\.gold\.json"):
        evaluate(tmp_path, tmp_path)


def test_malformed_gold_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.gold.json").write_text('{"entries": [{"headline": "no number"}]}', "utf-8")
    with pytest.raises(ValueError, match=r"bad\.gold\.json"):
        evaluate(tmp_path, tmp_path)


def test_write_misses_csv(tmp_path: Path) -> None:
    report = run_case(tmp_path, [gold_entry(1, places=["=北京市"])], [pred_entry(1, 1)])
    path = tmp_path / "misses.csv"
    write_misses_csv(report, path)
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["article", "no", "field", "kind", "expected", "got"]
    assert frame.to_dict("records") == [{"article": "a", "no": "1", "field": "places",
                                         "kind": "missing", "expected": "'=北京市", "got": ""}]


FLOORS = [
    pytest.param({"places": 0.5}, [], id="met"),
    pytest.param({"places": 0.9}, ["places"], id="not-met"),
    pytest.param({"qualifier": 1.0}, [], id="nothing-to-score-passes"),
]


@pytest.mark.parametrize(("floors", "failing"), FLOORS)
def test_check_floors(tmp_path: Path, floors: dict[str, float], failing: list[str]) -> None:
    report = run_case(tmp_path, [gold_entry(1, places=["北京市", "上海市"])],
                      [pred_entry(1, 1, places=[place("北京市")])])
    assert [m.split(":")[0] for m in check_floors(report, floors)] == failing


def test_check_floors_rejects_unknown_field(tmp_path: Path) -> None:
    report = run_case(tmp_path, [gold_entry(1)], [pred_entry(1, 1)])
    with pytest.raises(ValueError, match="unknown field"):
        check_floors(report, {"nope": 0.5})


def test_sample_gold_scored_against_itself_is_perfect(tmp_path: Path) -> None:
    """The real gold file, turned into a prediction, scores 1.0 everywhere: the scorer reads
    the gold format as SPEC.md defines it."""
    gold = json.loads((SAMPLE / "000_083a9808acf37448.gold.json").read_text("utf-8"))
    entries = [
        pred_entry(
            seq, g["no"], headline=g["headline"], date=g["date"],
            region=None if g["region"] is None else Region(name=g["region"], adcode="000000",
                                                           level="city"),
            places=[place(name, "000000") for name in g["places"]],
            documents=[document(title) for title in g["documents"]],
            targets=[target(str(t["value"]), t["unit"], t["qualifier"], t["kind"])
                     for t in g["targets"]],
        )
        for seq, g in enumerate(gold["entries"], start=1)
    ]
    report = run_case(tmp_path, gold["entries"], entries)
    assert report.misses == []
    assert report.overall["entries"].tp == 24


def test_report_json_has_rates(tmp_path: Path) -> None:
    report = run_case(tmp_path, [gold_entry(1, places=["北京市"])], [pred_entry(1, 1)])
    data = json.loads(report.to_json())
    assert data["overall"]["places"]["recall"] == 0.0
    assert data["articles"][0]["fields"]["places"]["fn"] == 1
