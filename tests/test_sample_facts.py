"""Golden facts for the sample: what each target measures and by when, which full title each
abbreviation stands for, and each document's kind, plan period and issuer (issue 4).

The golden file was reviewed by hand. When a deliberate rule change alters it, regenerate with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_sample_facts.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from extractor.models import Article
from extractor.pipeline import extract_article

SAMPLE = Path(__file__).parent / "data" / "sample" / "000_083a9808acf37448.txt"
# Kept apart from the sample folder, which `extractor eval`/`load_frames` read as gold/outputs.
GOLDEN = Path(__file__).parent / "data" / "golden" / "000_083a9808acf37448.facts.json"


def _facts(article: Article) -> list[dict[str, Any]]:
    return [
        {
            "no": entry.no,
            "region_rule": entry.region.rule if entry.region else None,
            "warnings": sorted(w.code for w in entry.warnings),
            "targets": [[t.text, t.year, t.metric] for t in entry.targets],
            "documents": [
                [d.title, d.alias_of, d.kind, d.period_start, d.period_end, d.issuer]
                for d in entry.documents
            ],
        }
        for entry in article.entries
    ]


@pytest.fixture(scope="module")
def facts() -> list[dict[str, Any]]:
    produced = _facts(extract_article(SAMPLE))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(produced, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return produced


GOLD = json.loads(GOLDEN.read_text("utf-8"))


@pytest.mark.parametrize("expected", GOLD, ids=[f"entry-{e['no']:02d}" for e in GOLD])
def test_entry_facts(facts: list[dict[str, Any]], expected: dict[str, Any]) -> None:
    produced = next(f for f in facts if f["no"] == expected["no"])
    assert produced == expected


@pytest.mark.parametrize(
    ("no", "text", "year", "metric"),
    [
        (3, "1500亿元", 2025, "相关产业规模"),
        (14, "200多家", 2025, "元宇宙核心企业"),
        (14, "30个", 2025, "应用场景示范项目"),
        (12, "超过5.5万亿元", None, "数字经济规模"),
        (18, "22亿元", None, "总投资"),
        (22, "200万元", None, "一次性奖励"),
    ],
)
def test_issue_examples(facts: list[dict[str, Any]], no: int, text: str, year: int | None,
                        metric: str) -> None:
    """The metrics and years issue 4 names, checked on their own so a golden-file refresh
    cannot quietly lose them."""
    entry = next(f for f in facts if f["no"] == no)
    assert [text, year, metric] in entry["targets"]


def test_every_abbreviation_points_to_a_full_title(facts: list[dict[str, Any]]) -> None:
    for entry in facts:
        titles = {d[0] for d in entry["documents"] if d[1] is None}
        for title, alias_of, *_ in entry["documents"]:
            assert alias_of is None or alias_of in titles, (entry["no"], title)
