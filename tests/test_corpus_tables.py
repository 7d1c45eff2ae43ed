"""The corpus tables in a run's outputs (issue 16): written in every table format, keyed and
joinable, and the same rows as the library's `flat_tables`.

Two hand-written digests of this repository (tests/data) report one event and one document.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.batch import run_batch
from extractor.corpus.details import DETAIL_CHARS
from extractor.corpus.events import EventItem, link_event_stream, link_events
from extractor.corpus.view import CorpusRecords, CorpusSpool, corpus_records, corpus_tables
from extractor.export import flat_tables, read_csv_table
from extractor.frames import load_frames

DATA = Path(__file__).parent / "data"
TWO_DIGESTS = [
    DATA / "articles" / "02_diankong_jingji_2024.txt",
    DATA / "articles9" / "04_dikong_jingji_zhengce_huizong_2024.txt",
]


def test_a_run_writes_the_corpus_tables_in_every_format(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_batch(TWO_DIGESTS, out, ("json", "csv", "sqlite"))
    assert report.failed == 0
    links = read_csv_table(out / "tables" / "event_links.csv", "event_links")
    assert ("02_diankong_jingji_2024", 1, "04_dikong_jingji_zhengce_huizong_2024", 1,
            "headline") in set(links[["article", "seq", "linked_article", "linked_seq",
                                      "rule"]].itertuples(index=False, name=None))
    with sqlite3.connect(out / "digest.sqlite") as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        joined = db.execute(
            'SELECT e.headline FROM "event_members" m JOIN "entries" e USING (article, seq) '
            'JOIN "corpus_events" c USING (event_id) WHERE c.article_count = 2'
        ).fetchall()
        assert ("低空经济首次写入政府工作报告",) in joined
        documents = db.execute(
            'SELECT count(*) FROM "document_links" l JOIN "documents" d '
            "USING (article, seq, idx)"
        ).fetchone()
        mentions = db.execute('SELECT count(*) FROM "documents"').fetchone()
        assert documents == mentions  # every mention has its corpus document


def test_the_batch_and_the_library_give_the_same_corpus_rows(tmp_path: Path) -> None:
    """`load_frames` links the run's JSON in memory; the run linked its workers' records."""
    out = tmp_path / "out"
    run_batch(TWO_DIGESTS, out, ("json", "csv"))
    frames = load_frames(out)
    for table in ("corpus_documents", "document_links", "corpus_events", "event_members",
                  "event_links"):
        written = read_csv_table(out / "tables" / f"{table}.csv", table)
        assert written.astype(str).values.tolist() == frames[table].astype(str).values.tolist()
    assert len(frames["event_members"]) >= 2
    assert flat_tables([])["corpus_events"] == []


def _document(
    entries: list[dict[str, object]], date: str | None = "2024-03-05"
) -> dict[str, object]:
    return {"source": {"path": "x.txt", "date": date, "title": "早餐2024年3月5日"},
            "entries": entries}


def _entry(seq: int, headline: str, body: str, date: str | None = None) -> dict[str, object]:
    return {"seq": seq, "headline": headline, "body": body, "date": date, "region": None,
            "documents": []}


def test_an_undated_item_of_a_daily_brief_is_reported_on_its_article_s_day() -> None:
    records = corpus_records("x", _document([
        _entry(1, "某事", "正文。"), _entry(2, "某事", "正文。", "2024-03-01"),
        _entry(3, "某事", "正文。", "2024-03")]))
    assert [(i.seq, i.date) for i in records.entries] == [
        (1, "2024-03-05"), (2, "2024-03-01"), (3, "2024-03-05")]
    undated = corpus_records("x", _document([_entry(1, "某事", "正文。")], date="2024"))
    assert undated.entries == ()  # no day at all: nothing to link on


def test_an_item_dated_after_its_article_is_reported_on_the_article_s_day() -> None:
    """峰会将于9月4日举行 in a digest of 8月21日 reports the announcement, made by then."""
    records = corpus_records("x", _document([
        _entry(1, "某峰会将于9月4日举行", "正文。", "2024-09-04"),
        _entry(2, "某事", "正文。", "2024-03-04")], date="2024-03-05"))
    assert [(i.seq, i.date) for i in records.entries] == [(1, "2024-03-05"), (2, "2024-03-04")]


def test_a_bulletin_is_reported_on_its_article_s_day() -> None:
    """A bulletin's date is one story's (将于9月8日举办), not the others': its stories are
    reported on the article's day, and only an undated article leaves the bulletin its own."""
    bulletin = _entry(1, "国内快讯：", "（1）某会将于9月8日举办；\n（2）某地开工。", "2024-09-08")
    (item,) = corpus_records("x", _document([bulletin], date="2024-08-26")).entries
    assert item.date == "2024-08-26"
    (item,) = corpus_records("x", _document([bulletin], date=None)).entries
    assert item.date == "2024-09-08"


def test_a_record_keeps_a_bulletin_s_stories_and_else_the_opening() -> None:
    story = "（1）某地举办博览会；" * 100
    records = corpus_records("x", _document([
        _entry(1, "国内联播快讯：", story), _entry(2, "某事", "长" * 1000)]))
    bulletin, item = records.entries
    assert 400 <= len(bulletin.body) <= 500
    assert len(item.body) <= 200


def _records_held(document: Callable[[int], dict[str, object]]
                  ) -> tuple[list[EventItem], float]:
    """The entries of 100 articles' corpus records and the bytes they hold per entry (each
    article's JSON is let go once its records are made, as in a batch)."""
    import tracemalloc

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        records = [corpus_records(f"a{n}", document(n)) for n in range(100)]
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    entries = [item for record in records for item in record.entries]
    return entries, held / len(entries)


def test_a_batch_holds_little_per_entry_for_the_corpus_view() -> None:
    """README: the corpus records a worker sends and the batch spools take a few hundred
    bytes per entry whatever the length of its body."""
    def document(n: int) -> dict[str, object]:
        body = f"第{n}地召开会议，部署重点工作。" * 200  # ~2,800 characters
        return _document([_entry(seq, f"某地第{n}项工作推进第{seq}次会议", body + str(seq))
                          for seq in range(1, 21)])

    entries, per_entry = _records_held(document)
    assert len(entries) == 2000
    assert per_entry < 1024, per_entry


def test_a_batch_holds_little_per_entry_with_detail_stories() -> None:
    """README: ~1 KB per entry where every item keeps the lead of its detail story (a
    《新闻联播》 page), whatever the length of the story."""
    def document(n: int) -> dict[str, object]:
        story = f"第{n}地召开会议，部署重点工作。" * 200  # ~2,800 characters
        entries = [{**_entry(seq, f"某地第{n}项工作推进第{seq}次会议", f"第{seq}次会议；"),
                    "end": 1} for seq in range(1, 21)]
        text = "\n## 详细新闻\n" + "".join(f"### {e['headline']}\n{story}{e['seq']}\n"
                                              for e in entries)
        return {**_document(entries), "text": text}

    entries, per_entry = _records_held(document)
    assert len(entries) == 2000 and all(item.detail for item in entries)
    assert per_entry < 1536, per_entry


def test_a_detail_story_adds_its_lead_only() -> None:
    """A summary item told again in full below (《新闻联播》's `## 详细新闻`): the records
    keep the lead of its story (`DETAIL_CHARS`), not the story."""
    story = "某地召开会议，部署重点工作。" * 200
    text = f"摘要\n1.某地召开会议；\n## 详细新闻\n### 某地召开会议\n{story}\n"
    document = _document([{**_entry(1, "某地召开会议", "某地召开会议；"), "end": 14}])
    (item,) = corpus_records("a", {**document, "text": text}).entries
    assert item.detail == story[:DETAIL_CHARS]


def _linked_records() -> list[CorpusRecords]:
    """Three digests of two days: one event told by all three (a bulletin's story in one),
    one document named by two."""
    first = _document([_entry(1, "某部印发充电设施建设行动实施方案", "正文。"),
                       _entry(2, "某地开工", "正文。")], date="2024-03-05")
    second = _document([_entry(1, "国内快讯：", "（1）某部印发充电设施建设行动方案；\n"
                                "（2）某市举办国际智能装备博览会；")], date="2024-03-06")
    third = {**_document([_entry(3, "某市国际智能装备博览会开幕", "正文。")],
                         date="2024-03-06"),
             "source": {"path": "c.txt", "date": "2024-03-06", "title": "另一家早报"}}
    return [corpus_records(name, document)
            for name, document in (("a", first), ("b", second), ("c", third))]


# (the article's title, its date, its entries' dates) -> each entry's (day, period): a
# retrospective list's entries are dated by themselves alone and carry their period.
RETROSPECTIVE_CASES = [
    pytest.param("2008年国内十大新闻", "2008-12-30", ["2008-03-14", "2008", None],
                 [("2008-03-14", "2008-03-14"), (None, "2008")],
                 id="a-year-s-top-news-published-in-december"),
    pytest.param("某网站", "2008", ["2008-01-10", "2008-05"],
                 [("2008-01-10", "2008-01-10"), (None, "2008-05")],
                 id="a-page-dated-to-its-year"),
    pytest.param("早餐2024年8月14日", "2024-08-14", ["2024-07", "2024-01", None],
                 [("2024-08-14", ""), ("2024-08-14", ""), ("2024-08-14", "")],
                 id="a-daily-brief-s-monthly-statistics-stay-on-its-day"),
    pytest.param("早餐", None, ["2024-07", "2024-08-01"], [("2024-08-01", "")],
                 id="an-undated-brief-is-no-list"),
    pytest.param("2008年国内十大新闻", "2008-12-30", [None, None],
                 [("2008-12-30", ""), ("2008-12-30", "")],
                 id="a-list-with-no-dated-entries-is-its-page-s"),
]


@pytest.mark.parametrize(("title", "date", "dates", "expected"), RETROSPECTIVE_CASES)
def test_a_retrospective_list_s_entries_carry_their_period(
        title: str, date: str | None, dates: list[str | None],
        expected: list[tuple[str | None, str]]
) -> None:
    document = _document([_entry(n, "某事", "正文。", day) for n, day in enumerate(dates, 1)],
                         date=date)
    document["source"] = {"path": "x.txt", "date": date, "title": title}
    records = corpus_records("x", document)
    assert [(item.date, item.period) for item in records.entries] == expected


def test_the_spooled_records_give_the_rows_the_records_in_memory_give(tmp_path: Path) -> None:
    """A batch spools its records to SQLite and reads them back by day; whatever order they
    arrived in, the rows are those of `corpus_tables` over the records in memory."""
    records = _linked_records()
    spool = CorpusSpool(tmp_path / "corpus.sqlite")
    try:
        for record in reversed(records):
            spool.add(record)
        spooled = spool.tables()
    finally:
        spool.close()
    assert spooled == corpus_tables(records)
    assert sorted((m["article"], m["story"]) for m in spooled["event_members"]) == [
        ("a", 0), ("b", 1), ("b", 2), ("c", 0)]


def test_the_event_stream_must_come_in_order_of_day() -> None:
    items = [item for record in _linked_records() for item in record.entries]
    with pytest.raises(ValueError, match="order of day"):
        link_event_stream(lambda: sorted(items, key=lambda item: item.date or "",
                                         reverse=True))
    assert link_event_stream(lambda: sorted(items, key=lambda i: i.date or "")) == (
        link_events(items))


def test_a_bulletin_s_story_in_the_database_and_on_the_corpus_page(tmp_path: Path) -> None:
    """A story is a member by its number: the key (article, seq, story) holds in SQLite and
    the corpus page names the story (#1 (1))."""
    from extractor.corpus_page import corpus_section
    from extractor.models import Article

    (tmp_path / "a.txt").write_text(
        "某台新闻2024年3月5日\n1. 国内快讯：\n（1）某部印发充电设施建设行动方案；\n"
        "（2）某市举办国际智能装备博览会。\n2. 某地开工\n正文。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "另一家早报2024年3月5日\n1. 某部印发充电设施建设行动实施方案\n正文。\n"
        "2. 某市国际智能装备博览会开幕\n正文。\n", encoding="utf-8")
    out = tmp_path / "out"
    report = run_batch([tmp_path / "a.txt", tmp_path / "b.txt"], out, ("json", "sqlite"))
    assert report.failed == 0
    with sqlite3.connect(out / "digest.sqlite") as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        members = db.execute('SELECT article, seq, story FROM "event_members" '
                             "ORDER BY article, seq, story").fetchall()
    assert members == [("a", 1, 1), ("a", 1, 2), ("b", 1, 0), ("b", 2, 0)]
    pages = [(f"{stem}.html", Article.model_validate_json((out / f"{stem}.json").read_text(
        encoding="utf-8"))) for stem in ("a", "b")]
    page = corpus_section(pages)
    assert "a #1 (1)</a>" in page and "a #1 (2)</a>" in page
