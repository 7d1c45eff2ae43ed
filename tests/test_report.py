"""`extractor report`: self-contained HTML review pages, checked as text and in headless Chromium.

The Chromium tests need Debian's `chromium` (`apt-get install -y chromium fonts-noto-cjk`) and
skip with that reason when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import html
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from extractor.cli import main
from extractor.export import write_article_json
from extractor.models import (
    Article,
    DocumentMention,
    Entry,
    Notice,
    PlaceMention,
    Source,
    TargetMention,
)
from extractor.review import Marked, page_names, render_article_html, render_segments

SAMPLE = Path(__file__).parent / "data" / "sample" / "000_083a9808acf37448.txt"
CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="headless browser test needs /usr/bin/chromium: apt-get install -y chromium "
    "fonts-noto-cjk",
)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="extractor")


def strip_tags(page_fragment: str) -> str:
    """The text a browser shows for a fragment of marks: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_fragment))


def small_article(text: str = "01 浙江:《浙江元宇宙计划》超过5000亿元\n") -> Article:
    """One entry whose document title contains a place (nesting) and a target after it."""
    doc_start = text.index("《")
    doc_end = text.index("》") + 1
    entry = Entry(
        seq=1, no=1, headline=text.strip(), body="", start=0, end=len(text) - 1,
        headline_start=3, headline_end=len(text) - 1, body_start=len(text) - 1,
        body_end=len(text) - 1, date="2023-01-03",
        warnings=[Notice(code="odd_thing", message="something <b>odd</b> & \"quoted\"")],
        places=[PlaceMention(text="浙江", start=3, end=5, name="浙江省", adcode="330000",
                             level="province", rule="short"),
                PlaceMention(text="浙江", start=doc_start + 1, end=doc_start + 3, name="浙江省",
                             adcode="330000", level="province", rule="in_title")],
        documents=[DocumentMention(text=text[doc_start:doc_end], start=doc_start, end=doc_end,
                                   title=text[doc_start + 1:doc_end - 1], rule="brackets")],
        targets=[TargetMention(text="超过5000亿元", start=doc_end, end=doc_end + 8,
                               value=Decimal(500000000000), unit="元", kind="money",
                               qualifier="gt", rule="number_unit")],
    )
    return Article(source=Source(path="raw/small.txt", sha256="0" * 64, encoding="utf-8",
                                 title="测试<标题>"),
                   entries=[entry], warnings=[Notice(code="article_level", message="note")],
                   text=text)


# --- overlap policy ---------------------------------------------------------------------------


def test_nested_mention_gets_inner_colour_and_outer_underline() -> None:
    marks = [Marked("document", 0, 6, "doc", 1), Marked("place", 1, 3, "pl", 1)]
    out = render_segments("《浙江计划》", 0, 6, marks)
    assert re.findall(r'class="([^"]+)"', out) == [
        "m t-document s", "m t-place o-document s", "m t-document"]
    assert 'title="doc&#10;pl"' in out  # the tooltip lists both, outermost first


def test_partial_overlap_is_cut_into_three_segments() -> None:
    marks = [Marked("date", 0, 4, "a", 1), Marked("target", 2, 6, "b", 1)]
    out = render_segments("abcdef", 0, 6, marks)
    assert [strip_tags(m) for m in re.findall(r"<mark[^>]*>[^<]*</mark>", out)] == [
        "ab", "cd", "ef"]


@given(
    text=st.text(alphabet="ab<>&\"'中文\n", min_size=1, max_size=30),
    spans=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30),
                             st.sampled_from(["date", "place", "document", "target"])),
                   max_size=8),
)
def test_segments_reproduce_the_text_exactly(text: str, spans: list[tuple[int, int, str]]
                                             ) -> None:
    """Whatever the overlaps, the page shows the text once, in order, escaped."""
    marks = [Marked(kind, min(a, b), min(max(a, b), len(text)), "<tip>", 1)
             for a, b, kind in spans if min(a, b) < min(max(a, b), len(text))]
    out = render_segments(text, 0, len(text), marks)
    assert strip_tags(out) == text
    assert "<tip>" not in out and "<b" not in out.replace("<mark", "")


# --- the page as text -------------------------------------------------------------------------


def test_page_escapes_text_and_tooltips() -> None:
    page = render_article_html(small_article("01 <script>alert(1)</script>《x》\n"))
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>测试&lt;标题&gt; · review</title>" in page
    assert "something &lt;b&gt;odd&lt;/b&gt; &amp; &quot;quoted&quot;" in page


def test_page_has_legend_tooltips_warnings_and_entry_table() -> None:
    page = render_article_html(small_article())
    for kind in ("date", "place", "document", "target"):
        assert f'data-type="{kind}"' in page and f".t-{kind} {{ background:" in page
    assert "place (2)" in page and "document (《》) (1)" in page
    # The normalized value and rule on hover.
    tip = "target 超过5000亿元 -&gt; &gt; 500,000,000,000 元 (money, gt) (rule number_unit)"
    assert tip in page
    assert "place 浙江 -&gt; 浙江省 330000 province (rule in_title)" in page
    # Entry warnings beside their entry, article warnings in the header.
    entry = page[page.index('id="entry-1"'):page.index("</section>", page.index('id="entry-1"'))]
    assert "odd_thing" in entry
    assert "article_level" in page[:page.index("<main>")]
    assert '<a href="#entry-1">1</a>' in page


def test_page_is_self_contained() -> None:
    """No network at view time: no external scripts, styles, fonts or images."""
    page = render_article_html(small_article(), index_href="index.html")
    assert not re.search(r"<(link|img|iframe)\b", page)
    assert not re.search(r"\bsrc\s*=", page)
    assert not re.search(r"url\(", page)
    assert set(re.findall(r'href="([^"]+)"', page)) == {"index.html", "#entry-1"}


def test_page_names_are_unique() -> None:
    names = page_names([small_article(), small_article()])
    assert names == ["small.html", "small-2.html"]


# --- the command ------------------------------------------------------------------------------


def test_report_writes_pages_and_index(tmp_path: Path) -> None:
    write_article_json(tmp_path / "in" / "small.json", small_article())
    out = tmp_path / "review"
    result = invoke("report", str(tmp_path / "in"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "small.html"]
    index = (out / "index.html").read_text("utf-8")
    assert '<a href="small.html">测试&lt;标题&gt;</a>' in index
    assert "1 page ->" in result.stdout
    assert not list(out.glob(".*.tmp"))  # atomic writes leave no temporary files


def test_report_skips_a_bad_file_and_exits_1(tmp_path: Path) -> None:
    write_article_json(tmp_path / "good.json", small_article())
    (tmp_path / "bad.json").write_text("not json", "utf-8")
    out = tmp_path / "review"
    result = invoke("report", str(tmp_path / "good.json"), str(tmp_path / "bad.json"),
                    "-o", str(out))
    assert result.exit_code == 1
    assert "failed:" in result.stderr and "bad.json" in result.stderr
    assert (out / "small.html").is_file()


def test_report_needs_paths() -> None:
    assert invoke("report").exit_code == 2


def test_report_with_no_articles_fails(tmp_path: Path) -> None:
    result = invoke("report", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no articles" in result.stderr


# --- headless Chromium ------------------------------------------------------------------------


def chromium(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium once, isolated (own profile, no network services, no sandbox:
    CI runs as root), with console messages logged to stderr."""
    profile = tmp_path / "profile"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
        "--window-size=1280,900", *args, url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def console_messages(stderr: str) -> list[str]:
    """Console output of the page (console.log/error, uncaught exceptions): Chromium logs each
    as `INFO:CONSOLE:<line>] "message", source: ...`. Our pages log nothing, so any is a fail."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


@pytest.fixture
def sample_page(tmp_path: Path) -> Path:
    result = invoke("report", str(SAMPLE), "-o", str(tmp_path / "review"))
    assert result.exit_code == 0, result.output
    return tmp_path / "review" / f"{SAMPLE.stem}.html"


@needs_chromium
def test_console_detector_sees_errors(tmp_path: Path) -> None:
    """The console check below can fail: a page with a script error is caught."""
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><p>x</p><script>undefinedFunction();</script>", "utf-8")
    run = chromium(broken.as_uri(), tmp_path, "--dump-dom")
    assert any("undefinedFunction" in line for line in console_messages(run.stderr))


@needs_chromium
def test_review_page_runs_without_console_errors(sample_page: Path, tmp_path: Path) -> None:
    run = chromium(sample_page.as_uri(), tmp_path, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_messages(run.stderr) == []
    # The inline script ran to its end and found the four legend switches.
    assert '<html lang="zh" data-ready="4">' in run.stdout
    assert run.stdout.count('class="chunk entry"') == 24


def assert_screenshot(page: Path, tmp_path: Path) -> None:
    """The page renders in headless Chromium to a PNG far larger than a blank page's (a
    blank 1280x900 page compresses to a few KB; text, highlights and bars make it far
    larger), with nothing on the console."""
    shot = tmp_path / f"{page.stem}.png"
    run = chromium(page.as_uri(), tmp_path, f"--screenshot={shot}")
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 40_000
    assert console_messages(run.stderr) == []


@needs_chromium
def test_review_page_screenshot(sample_page: Path, tmp_path: Path) -> None:
    assert_screenshot(sample_page, tmp_path)


@needs_chromium
def test_index_page_runs_without_console_errors(sample_page: Path, tmp_path: Path) -> None:
    run = chromium((sample_page.parent / "index.html").as_uri(), tmp_path, "--dump-dom")
    assert console_messages(run.stderr) == []
    assert f'href="{SAMPLE.stem}.html"' in run.stdout


# --- the corpus section of the index (issue 16) -----------------------------------------------

TWO_DIGESTS = [
    Path(__file__).parent / "data" / "articles" / "02_diankong_jingji_2024.txt",
    Path(__file__).parent / "data" / "articles9" / "04_dikong_jingji_zhengce_huizong_2024.txt",
]


@pytest.fixture
def corpus_index(tmp_path: Path) -> Path:
    result = invoke("report", *map(str, TWO_DIGESTS), str(SAMPLE), "-o", str(tmp_path / "review"))
    assert result.exit_code == 0, result.output
    return tmp_path / "review" / "index.html"


def test_the_index_charts_the_corpus_and_links_its_pages(corpus_index: Path) -> None:
    page = corpus_index.read_text("utf-8")
    for heading in ("Entries per month", "Document mentions per province",
                    "Money targets per province", "Documents reported by the most articles",
                    "Events reported by the most articles"):
        assert heading in page
    # The event both digests report links to each one's entry.
    assert 'href="02_diankong_jingji_2024.html#entry-1"' in page
    assert 'href="04_dikong_jingji_zhengce_huizong_2024.html#entry-1"' in page
    assert "http://" not in page and "https://" not in page  # offline: nothing fetched


@needs_chromium
def test_corpus_index_screenshot(corpus_index: Path, tmp_path: Path) -> None:
    assert_screenshot(corpus_index, tmp_path)
    dom = chromium(corpus_index.as_uri(), tmp_path, "--dump-dom").stdout
    assert dom.count('class="bar"') >= 2 and dom.count('class="col"') >= 2


def _dated_article(path: str, date: str | None, *, issued: str | None = None,
                  entries: int = 1) -> Article:
    """An article of `entries` entries dated `date`, itself dated `issued`."""
    items = [Entry(seq=n, no=n, headline="某事", body="", start=0, end=2, headline_start=0,
                   headline_end=2, body_start=2, body_end=2, date=date)
             for n in range(1, entries + 1)]
    return Article(source=Source(path=path, sha256="", encoding="utf-8", date=issued),
                   entries=items, text="某事")


def test_a_long_span_is_charted_per_year() -> None:
    """Over more than six years the timeline shows years, not hundreds of thin months."""
    from extractor.corpus_page import MAX_COLUMNS, corpus_section

    def article(path: str, date: str) -> Article:
        return _dated_article(path, date)

    years = [article(f"a{n}.txt", f"{2000 + n}-01-01") for n in range(MAX_COLUMNS // 12 + 2)]
    page = corpus_section([(f"a{n}.html", a) for n, a in enumerate(years)])
    assert "Entries per year" in page and page.count('class="col"') == len(years)
    months = corpus_section([("a0.html", years[0]), ("a1.html", years[1])])
    assert "Entries per month" in months and months.count('class="col"') == 13


# (entries' date, article's date, entries) of each article -> (columns, caption part).
@pytest.mark.parametrize(("articles", "columns", "caption"), [
    pytest.param([(None, "2024-08-01", 3), (None, "2024-09-02", 2)], 2,
                 "(0 not dated to a month)", id="daily-briefs-by-their-day"),
    pytest.param([("2023", "2024-08-01", 1), ("2024-08-05", "2024-08-06", 1)], 1,
                 "(1 not dated to a month)", id="a-year-is-no-month-nor-the-article-s"),
    pytest.param([("2024-08-05", None, 199), ("2006-05-01", None, 1), ("2024-09-01", None, 1)],
                 2, "(0 not dated to a month; 1 before the range shown (2006-05 … 2006-05))",
                 id="a-chronicle-s-founding-year-does-not-stretch-the-axis"),
    pytest.param([("2024-08-05", None, 48), ("2006-05-01", None, 1)], 19,
                 "Entries per year, by the entry's date or else its article's (0 not dated",
                 id="under-fifty-entries-nothing-is-left-out"),
    pytest.param([("2024-08-05", None, 148), ("1949-10-01", None, 2)], 1,
                 "(0 not dated to a month; 2 before the range shown (1949-10 … 1949-10))",
                 id="two-founding-dates-among-many"),
    pytest.param([("1990-01-01", None, 1), ("2024-08-05", None, 98), ("2060-01-01", None, 1)],
                 1, "1 before the range shown (1990-01 … 1990-01); 1 after the range shown "
                 "(2060-01 … 2060-01)", id="outliers-on-both-sides-said-apart"),
    pytest.param([(f"{2000 + n}-01-01", None, 50) for n in range(8)], 8,
                 "Entries per year, by the entry's date or else its article's (0 not dated "
                 "to a month)</h3>", id="entries-over-years-are-no-outliers"),
])
def test_the_timeline_charts_each_entry_by_its_month(
        articles: list[tuple[str | None, str | None, int]], columns: int, caption: str) -> None:
    from extractor.corpus_page import corpus_section

    pages = [(f"a{n}.html", _dated_article(f"a{n}.txt", date, issued=issued, entries=count))
             for n, (date, issued, count) in enumerate(articles)]
    page = corpus_section(pages)
    assert page.count('class="col"') == columns and caption in page


_MONTHS = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1990, 2030), st.integers(1, 12))


# A year's digests (a bulk of months) with a few far-off dates, and dates spread anyhow.
_BULK = st.builds(lambda m: f"2024-{m:02d}", st.integers(1, 12))
_TIMELINES = st.one_of(
    st.lists(st.one_of(st.none(), _MONTHS), max_size=300),
    st.builds(lambda bulk, far: bulk + far, st.lists(_BULK, min_size=100, max_size=300),
              st.lists(_MONTHS, max_size=8)),
)


@given(_TIMELINES)
def test_every_entry_of_the_timeline_is_charted_or_counted(months: list[str | None]) -> None:
    """Nothing leaves the chart silently: its columns, the entries outside the range shown
    and the undated ones add up to every entry."""
    from extractor.corpus_page import _timeline

    chart = _timeline(months)
    charted = sum(int(n) for n in re.findall(r'title="[^"]*: (\d+) entries"', chart))
    outside = sum(int(n) for n in re.findall(r"(\d+) (?:before|after) the range shown", chart))
    undated = re.search(r"(\d+) not dated to a month", chart)
    dated = sum(1 for month in months if month)
    assert charted + outside == dated
    assert (int(undated.group(1)) if undated else len(months)) == len(months) - dated
