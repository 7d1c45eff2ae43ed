"""`extractor show FILE [--entry N]`, in-process through CliRunner."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from extractor.cli import main
from extractor.export import write_article_json
from extractor.models import (
    Article,
    DateMention,
    DocumentMention,
    Entry,
    Notice,
    PlaceMention,
    Region,
    Source,
    TargetMention,
)


def invoke(*args: str) -> Result:
    # A wide terminal, so that table cells are not folded across lines.
    return CliRunner(env={"COLUMNS": "220"}).invoke(main, list(args), prog_name="extractor")


@pytest.fixture
def article_json(tmp_path: Path) -> Path:
    text = "01 昆明:《昆明计划》超过5000亿元,25%以上"
    first = Entry(
        seq=1, no=1, headline="昆明计划扩大区块链产业", body="", start=0, end=len(text),
        headline_start=3, headline_end=len(text), body_start=len(text), body_end=len(text),
        date="2023-01-03", warnings=[Notice(code="headline_date_conflict", message="两个日期")],
        region=Region(name="云南省昆明市", adcode="530100", level="city", rule="headline"),
        dates=[DateMention(text="近日", start=0, end=2, value=None, reason="no anchor date")],
        places=[PlaceMention(text="昆明", start=3, end=5, name="云南省昆明市", adcode="530100",
                             level="city", rule="short")],
        documents=[
            DocumentMention(text="《昆明计划》", start=6, end=12, title="昆明计划"),
            DocumentMention(text="《计划》", start=6, end=12, title="计划", alias_of="昆明计划",
                            rule="alias"),
        ],
        targets=[
            TargetMention(text="超过5000亿元", start=12, end=20, value=Decimal(500000000000),
                          unit="元", kind="money", qualifier="gt", rule="number_unit"),
            TargetMention(text="25%以上", start=21, end=26, value=Decimal(25), unit="%",
                          kind="percent", qualifier="gte", metric="年均增长"),
        ],
    )
    second = Entry(seq=2, no=1, section="海外", headline="[bold]not markup[/bold]", body="",
                   start=0, end=0, headline_start=0, headline_end=0, body_start=0, body_end=0)
    article = Article(source=Source(path="raw/a.txt", sha256="0" * 64, encoding="utf-8",
                                    title="2023年政策汇总"),
                      entries=[first, second], text=text)
    path = tmp_path / "a.json"
    write_article_json(path, article)
    return path


def test_show_prints_a_table_of_entries(article_json: Path) -> None:
    result = invoke("show", str(article_json))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "2023年政策汇总" in out
    for header in ("no", "date", "region", "headline", "documents", "targets", "warn"):
        assert header in out
    assert "2023-01-03" in out and "云南省昆明市 (530100)" in out
    assert "《昆明计划》" in out and "《计划》 = 《昆明计划》" in out
    assert "> 500,000,000,000 元" in out and "≥ 25 %" in out
    assert "2 entries, 1 warning" in out


def test_show_prints_text_literally_not_as_rich_markup(article_json: Path) -> None:
    result = invoke("show", str(article_json))
    assert "[bold]not markup[/bold]" in result.stdout


def test_show_entry_lists_every_mention_with_rule_and_reason(article_json: Path) -> None:
    result = invoke("show", str(article_json), "--entry", "1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "entry #1 · no 1" in out and "rule headline, level city" in out
    assert "warning headline_date_conflict: 两个日期" in out
    for title in ("dates (1)", "places (1)", "documents (2)", "targets (2)"):
        assert title in out
    assert "no anchor date" in out  # a null value shows its reason
    assert "number_unit" in out and "500,000,000,000" in out and "年均增长" in out
    assert "12-20" in out  # spans


def test_show_entry_without_mentions(article_json: Path) -> None:
    result = invoke("show", str(article_json), "-e", "2")
    assert result.exit_code == 0, result.output
    assert "section 海外" in result.stdout
    assert "targets: none" in result.stdout


@pytest.mark.parametrize("entry", ["0", "3"])
def test_show_unknown_entry_is_a_usage_error(article_json: Path, entry: str) -> None:
    result = invoke("show", str(article_json), "--entry", entry)
    assert result.exit_code == 2
    assert f"no entry {entry} (entries: 1..2)" in result.stderr


def test_show_a_file_that_is_not_an_article(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"entries": 3}', "utf-8")
    result = invoke("show", str(bad))
    assert result.exit_code == 1
    assert "not an article JSON" in result.stderr


def test_show_extracts_a_text_input() -> None:
    sample = Path(__file__).parent / "data" / "sample" / "000_083a9808acf37448.txt"
    result = invoke("show", str(sample))
    assert result.exit_code == 0, result.output
    assert "2023年国内元宇宙相关政策汇总" in result.stdout
    assert "24 entries" in result.stdout


@pytest.mark.parametrize("columns", ["80", "100"])
def test_a_narrow_terminal_never_splits_a_number_or_a_header(
    article_json: Path, columns: str,
) -> None:
    """Issue 15: at 80 columns `500,000,000,000 元` came out as `500,000,0` / `00,000 元`, and
    the entry view cut `value_start` into `value_star` / `t`."""
    runner = CliRunner(env={"COLUMNS": columns})
    table = runner.invoke(main, ["show", str(article_json)], prog_name="extractor").stdout
    assert "500,000,000,000" in table
    detail = runner.invoke(main, ["show", str(article_json), "--entry", "1"],
                           prog_name="extractor").stdout
    for field in ("value_start", "value_end", "precision", "qualifier"):
        assert field in detail
