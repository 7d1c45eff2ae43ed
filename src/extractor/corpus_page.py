"""The corpus section of the review index: a batch at a glance, as charts.

Entries per month, documents and money targets per province, and the documents and events
most digests report, each linking to the article pages (and entries) behind it. Plain HTML
and CSS bars, no script and nothing from the network: the index opens from disk, offline.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Sequence
from decimal import Decimal

from extractor import gazetteer
from extractor.corpus.view import corpus_records, corpus_tables
from extractor.models import Article, Entry

# How many bars a ranking shows, and columns a timeline (more months are shown as years).
TOP = 12
MAX_COLUMNS = 72
# The share of dated entries at each end of the timeline that may be counted but not charted.
OUTLIER_SHARE = 0.02
# Months (both ends counted) from the charted range to an outer month that still continues it.
_GAP_MONTHS = 3
_YI = Decimal(100_000_000)  # 亿: money totals are shown in 亿元
_NATIONAL = "全国"

CSS = """
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(30rem, 1fr));
  gap: 1rem 2rem; margin: 1rem 0 2rem; }
.chart h3 { font-size: 1rem; margin: .2rem 0 .4rem; }
.chart .none { color: #777; font-size: .85rem; }
.bars { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr max-content;
  gap: .15rem .5rem; align-items: center; font-size: .85rem; }
.bar { height: .9rem; background: #7aa7e0; border-radius: 2px; min-width: 2px; }
.bars .n { text-align: right; white-space: nowrap; color: #333; }
.months { display: flex; align-items: flex-end; gap: 2px; height: 9rem;
  border-bottom: 1px solid #999; padding-top: .5rem; }
.months .col { flex: 1 1 0; background: #e0a15a; min-width: 0; border-radius: 2px 2px 0 0; }
.axis { display: flex; justify-content: space-between; font-size: .75rem; color: #555; }
ol.ranked { margin: 0; padding-left: 1.4rem; font-size: .85rem; }
ol.ranked li { margin: .15rem 0; }
ol.ranked .count { color: #555; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _province(adcode: str | None) -> str | None:
    """The province (or 全国) a region lies in, by its code."""
    if not adcode:
        return None
    if adcode == "100000":
        return _NATIONAL
    return gazetteer.full_name(adcode[:2] + "0000") or None


def _bars(title: str, rows: Sequence[tuple[str, float, str]], unit: str = "") -> str:
    """A ranking as horizontal bars: (label, value, value as shown)."""
    if not rows:
        return f'<div class="chart"><h3>{_e(title)}</h3><p class="none">nothing to show</p></div>'
    top = max(value for _, value, _ in rows) or 1.0
    cells = "".join(
        f'<span>{_e(label)}</span><div class="bar" style="width:{100 * value / top:.1f}%" '
        f'title="{_e(label)}: {_e(shown)}{_e(unit)}"></div><span class="n">{_e(shown)}</span>'
        for label, value, shown in rows
    )
    return f'<div class="chart"><h3>{_e(title)}</h3><div class="bars">{cells}</div></div>'


def _timeline(months_of: Sequence[str | None]) -> str:
    """Entries per month (each entry's `YYYY-MM`, None when undated), one column each from
    the first month to the last (empty ones too, so that gaps show); per year when the months
    would be too many to tell apart. Where the months are too many but for the first and
    last `OUTLIER_SHARE` of the dated entries (a chronicle's founding year, a plan's target
    year: one of them would stretch the axis over decades), those are counted in the
    caption and not charted, except those in months that continue the charted ones."""
    dated = sorted(month for month in months_of if month)
    undated = len(months_of) - len(dated)
    if not dated:
        return ('<div class="chart"><h3>Entries per month</h3><p class="none">no dated '
                "entries</p></div>")
    first, last = dated[0], dated[-1]
    cut = int(len(dated) * OUTLIER_SHARE)
    if _months(first, last) > MAX_COLUMNS and _months(dated[cut], dated[-1 - cut]) <= MAX_COLUMNS:
        # The bulk fits in months: widen it back out over the months that continue it
        # (no long gap), as far as the columns allow.
        first, last = dated[cut], dated[-1 - cut]
        for outer in reversed(dated[:cut]):
            if _months(outer, first) > _GAP_MONTHS or _months(outer, last) > MAX_COLUMNS:
                break
            first = outer
        for outer in dated[len(dated) - cut:]:
            if _months(last, outer) > _GAP_MONTHS or _months(first, outer) > MAX_COLUMNS:
                break
            last = outer
    shown = [month for month in dated if first <= month <= last]
    outside = [month for month in dated if not first <= month <= last]
    span = _months(first, last)
    if span > MAX_COLUMNS:
        counts = Counter(month[:4] for month in shown)
        periods = [str(y) for y in range(int(first[:4]), int(last[:4]) + 1)]
        title = "Entries per year"
    else:
        counts, periods = Counter(shown), []
        year, month = int(first[:4]), int(first[5:])
        for _ in range(span):
            periods.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        title = "Entries per month"
    notes = [f"{undated} not dated to a month"]
    for side, months in (("before", [m for m in outside if m < first]),
                         ("after", [m for m in outside if m > last])):
        if months:
            notes.append(f"{len(months)} {side} the range shown ({min(months)} … {max(months)})")
    top = max(counts.values())
    columns = "".join(
        f'<div class="col" style="height:{100 * counts[p] / top:.1f}%" '
        f'title="{p}: {counts[p]} entries"></div>' for p in periods
    )
    return (f'<div class="chart"><h3>{title}, by the entry\'s date or else its article\'s '
            f'({"; ".join(notes)})</h3>'
            f'<div class="months">{columns}</div><div class="axis"><span>{periods[0]}</span>'
            f"<span>{periods[-1]}</span></div></div>")


def _months(first: str, last: str) -> int:
    """How many months from `first` to `last` (`YYYY-MM`), both counted."""
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1


def _month(entry: Entry, article: Article) -> str | None:
    """The month an entry is charted in: its own date's, else its article's (a daily
    brief dates few items itself); None for an entry dated to a year only, which is in no
    month and is not its article's either."""
    date = entry.date or article.source.date
    return date[:7] if date and len(date) >= len("2024-01") else None


def corpus_section(pages: Sequence[tuple[str, Article]]) -> str:
    """The charts of the batch index for review pages `(page file name, article)`."""
    page_of = {name.removesuffix(".html"): name for name, _ in pages}
    records = [corpus_records(name.removesuffix(".html"), article.model_dump(mode="json"))
               for name, article in pages]
    tables = corpus_tables(records)
    entries = [e for _, article in pages for e in article.entries]

    documents: Counter[str] = Counter()
    money: defaultdict[str, Decimal] = defaultdict(Decimal)
    for entry in entries:
        province = _province(entry.region.adcode if entry.region else None)
        if province is None:
            continue
        documents[province] += len(entry.documents)
        # A target named twice in one entry (headline and body) counts once.
        once = {(t.value, t.unit) for t in entry.targets
                if t.kind == "money" and t.unit == "元" and t.value is not None}
        money[province] += sum((value for value, _ in once), Decimal(0))
    # 全国 is no province: its figures (national statistics) would dwarf every bar.
    national_documents, national_money = documents.pop(_NATIONAL, 0), money.pop(_NATIONAL, 0)
    document_rows = [(p, float(n), str(n)) for p, n in documents.most_common(TOP) if n]
    money_rows = [(p, float(v / _YI), f"{v / _YI:,.1f}")
                  for p, v in sorted(money.items(), key=lambda kv: -kv[1])[:TOP] if v > 0]

    charts = [
        _timeline([_month(entry, article) for _, article in pages
                   for entry in article.entries]),
        _bars(f"Document mentions per province (national entries: {national_documents})",
              document_rows),
        _bars(f"Money targets per province, 亿元 (元 only, once per entry; national entries: "
              f"{national_money / _YI:,.1f})", money_rows, " 亿元"),
        _reported_documents(tables, page_of),
        _reported_events(tables, page_of),
    ]
    return f'<h2>The corpus</h2>\n<div class="charts">{"".join(charts)}</div>'


def _reported_documents(tables: dict[str, list[dict[str, object]]],
                        page_of: dict[str, str]) -> str:
    articles_of: defaultdict[str, dict[str, None]] = defaultdict(dict)
    for link in tables["document_links"]:
        articles_of[str(link["document_id"])][str(link["article"])] = None
    ranked = sorted(tables["corpus_documents"],
                    key=lambda d: (-int(str(d["article_count"])), str(d["title"])))
    items = []
    for document in ranked[:TOP]:
        if int(str(document["article_count"])) < 2:
            break
        links = ", ".join(f'<a href="{_e(page_of[a])}">{_e(a)}</a>'
                          for a in articles_of[str(document["document_id"])] if a in page_of)
        items.append(f'<li>《{_e(document["title"])}》 <span class="count">'
                     f'{document["article_count"]} articles</span>: {links}</li>')
    return _ranked("Documents reported by the most articles", items)


def _reported_events(tables: dict[str, list[dict[str, object]]],
                     page_of: dict[str, str]) -> str:
    members: defaultdict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for member in tables["event_members"]:
        # A bulletin's story is named by its number: #9 (2).
        story = int(str(member.get("story") or 0))
        members[str(member["event_id"])].append(
            (str(member["article"]), int(str(member["seq"])), f" ({story})" if story else ""))
    ranked = sorted(tables["corpus_events"],
                    key=lambda e: (-int(str(e["article_count"])), str(e["first_date"])))
    items = []
    for event in ranked[:TOP]:
        links = ", ".join(f'<a href="{_e(page_of[a])}#entry-{seq}">{_e(a)} #{seq}{story}</a>'
                          for a, seq, story in members[str(event["event_id"])] if a in page_of)
        items.append(f'<li>{_e(event["headline"])} <span class="count">{_e(event["first_date"])}'
                     f' · {event["article_count"]} articles</span>: {links}</li>')
    return _ranked("Events reported by the most articles", items)


def _ranked(title: str, items: Sequence[str]) -> str:
    if not items:
        return (f'<div class="chart"><h3>{_e(title)}</h3><p class="none">none reported by '
                "more than one article</p></div>")
    return f'<div class="chart"><h3>{_e(title)}</h3><ol class="ranked">{"".join(items)}</ol></div>'
