"""Target facts: deadline year and metric (extractor.resolve.targets)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.extract.targets import extract_targets
from extractor.models import DateMention, DocumentMention, EntrySpan, TargetMention
from extractor.resolve.targets import attach_target_facts


def _span(text: str) -> EntrySpan:
    return EntrySpan(seq=1, no=1, start=0, end=len(text), headline_start=0, headline_end=0,
                     body_start=0, body_end=len(text))


def _facts(
    text: str,
    dates: list[DateMention] | None = None,
    documents: list[DocumentMention] | None = None,
) -> list[TargetMention]:
    targets = extract_targets(text)
    return attach_target_facts(text, _span(text), targets, dates or [], documents or [])


# (text, [(mention text, metric), ...]) - own sentences from several topics.
METRICS: list[tuple[str, list[tuple[str, str | None]]]] = [
    ("全省低空经济规模达到1000亿元。", [("1000亿元", "全省低空经济规模")]),
    ("力争半导体产业营收超过2000亿元。", [("超过2000亿元", "半导体产业营收")]),
    ("培育专精特新企业300多家。", [("300多家", "专精特新企业")]),
    ("建设15个乡村振兴示范村,", [("15个", "乡村振兴示范村")]),
    ("签约8个新能源项目集中开工。", [("8个", "新能源项目")]),
    ("首批总投资56亿元。", [("56亿元", "总投资")]),
    ("对企业最高一次性奖励50万元。", [("50万元", "一次性奖励")]),
    ("外贸进出口额增长12%以上。", [("12%以上", "外贸进出口额增长")]),
    ("最高100万元。", [("最高100万元", None)]),
]


@pytest.mark.parametrize(("text", "expected"), METRICS, ids=[m[0] for m in METRICS])
def test_metric(text: str, expected: list[tuple[str, str | None]]) -> None:
    """The metric is the noun phrase the quantity measures, as written (or null)."""
    assert [(t.text, t.metric) for t in _facts(text)] == expected


# (text, expected year of every target) with no date mentions given: detected here.
YEARS: list[tuple[str, int | None]] = [
    ("到2025年,全市新能源汽车产量达到50万辆。", 2025),
    ("至2027年底,建成低空起降点200个。", 2027),
    ("2026年前建成5G基站1万座。", 2026),
    ("力争在2030年半导体产业规模突破3000亿元。", 2030),
    ("截至2022年底,已有外贸企业3000家。", None),
    ("2023年新增光伏装机100万千瓦。", None),
    ("到2025年建成10个示范区。2024年引进企业20家。", None),
]


@pytest.mark.parametrize(("text", "year"), YEARS, ids=[y[0] for y in YEARS])
def test_deadline_detected_without_date_mentions(text: str, year: int | None) -> None:
    """A deadline in the same sentence before the quantity gives its year; a statistics date
    (截至) or a plain year does not; a deadline never crosses a sentence end."""
    assert _facts(text)[-1].year == year


def test_deadline_from_date_mentions() -> None:
    """A `deadline` DateMention from the date extractor sets the year even in a form the
    local pattern does not know (目标年 2028)."""
    text = "目标年2028年,算力规模超过10万台。"
    deadline = DateMention(text="2028年", start=3, end=8, value="2028", precision="year",
                           role="deadline")
    assert [t.year for t in _facts(text, dates=[deadline])] == [2028]


def test_non_deadline_date_mention_ignored() -> None:
    """A date with role `own` is the entry's date, not a deadline."""
    text = "2023年5月发布,新建工厂30家。"
    own = DateMention(text="2023年5月", start=0, end=7, value="2023-05", role="own")
    assert [t.year for t in _facts(text, dates=[own])] == [None]


def test_year_from_governing_document() -> None:
    """A sentence naming a plan before the quantity takes the plan period end, also through
    an abbreviation whose `alias_of` holds the full title."""
    text = "根据《行动计划》,全市建成数字乡村试点40个。"
    start = text.index("《")
    document = DocumentMention(text="《行动计划》", start=start, end=start + 6, title="行动计划",
                               alias_of="某市数字乡村建设行动计划(2023-2026年)")
    assert [t.year for t in _facts(text, documents=[document])] == [2026]


def test_plan_reference_without_title() -> None:
    """根据规划 refers back to the entry's plan named in an earlier sentence."""
    text = "发布《低空经济发展规划(2024-2030年)》。根据规划,建设通用机场5个。"
    start = text.index("《")
    end = text.index("》") + 1
    document = DocumentMention(text=text[start:end], start=start, end=end,
                               title=text[start + 1:end - 1])
    assert [t.year for t in _facts(text, documents=[document])] == [2030]


def test_sample_years_and_metrics() -> None:
    """Sentences shaped like the sample's: 到2025年 governs the whole sentence."""
    text = "提出到2025年培育核心企业200多家,相关产业规模2000亿元。"
    facts = _facts(text)
    assert [(t.year, t.metric) for t in facts] == [(2025, "核心企业"), (2025, "相关产业规模")]


def test_stop_tags_agree_with_jieba_posseg() -> None:
    """The stop-tagged words read from jieba's dictionary are exactly the words whose
    `jieba.posseg` tag stops a metric, so dropping posseg changed no metric."""
    import jieba.posseg

    from extractor.resolve import targets

    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    expected = {
        word for word, tag in tags.items()
        if (tag == "m" and word[0] in targets._NUMERAL_HEADS and word != "一次性")
        or (tag != "m" and tag.startswith(targets._STOP_TAGS))
    }
    assert targets._stop_tagged() == expected


_CLAUSE_CHARS = list("ab一，。、\n“”\"()（）《》x")
_CLAUSE_TEXT = st.lists(st.sampled_from(_CLAUSE_CHARS), max_size=60).map("".join)


@given(_CLAUSE_TEXT, st.data())
def test_clause_bounds_match_a_character_walk(text: str, data: st.DataObject) -> None:
    """The regex clause bounds equal walking character by character to a clause end, the
    window limit or the entry bound."""
    from extractor.resolve import targets

    position = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, position))
    ceiling = data.draw(st.integers(position, len(text)))
    start = position
    while (start > floor and position - start < targets._LEFT_WINDOW
           and text[start - 1] not in targets._CLAUSE_END):
        start -= 1
    end = position
    while (end < ceiling and end - position < targets._RIGHT_WINDOW
           and text[end] not in targets._CLAUSE_END):
        end += 1
    assert targets._clause_start(text, position, floor) == start
    assert targets._clause_end(text, position, ceiling) == end


_SENTENCE_PIECES = [
    "。", "!", "？", "\n", "\r", "，", "到", "至", "截", "力争在", "争取", "预计在",
    "目标在", " ", "2025年", "2030年", "２０２６年", "底", "末", "前", "以前", "之前",
    "规模", "达到", "30", "家", "x",
]
_SENTENCE_TEXT = st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40).map("".join)


@given(_SENTENCE_TEXT, st.data())
def test_sentence_start_matches_a_scan_of_the_entry(text: str, data: st.DataObject) -> None:
    """The backwards sentence-start search equals taking the last sentence end before the
    position among all the ends of the entry [floor, ceiling), bounded below by the floor
    and by `_MAX_SENTENCE_CHARS`."""
    from extractor.resolve import targets

    position = data.draw(st.integers(0, len(text)))
    floor = data.draw(st.integers(0, len(text)))
    ceiling = data.draw(st.integers(floor, len(text)))
    ends = [i for i in range(floor, ceiling) if text[i] in targets._SENTENCE_END and i < position]
    bound = max(floor, position - targets._MAX_SENTENCE_CHARS)
    expected = max(bound, ends[-1] + 1) if ends else bound
    assert targets._sentence_start(text, position, floor, ceiling) == expected


@given(_SENTENCE_TEXT, st.data())
def test_deadline_search_from_the_first_year_finds_the_same_year(
    text: str, data: st.DataObject
) -> None:
    """`attach_target_facts` searches deadlines only from just before the first 20xx年 of the
    sentence (none without one): the year found is the one of a search of the whole sentence."""
    from extractor.resolve import targets

    position = data.draw(st.integers(0, len(text)))
    start = data.draw(st.integers(0, position))
    scan = targets._scan_start(text, start, position)
    expected = targets.deadline_year(text, start, position, [])
    assert targets._deadline_year(text, start, position, targets._NO_DEADLINES, scan) == expected


@pytest.mark.parametrize("lead", ["到", "至", "力争在", "争取在", "力争", "争取", "预计在",
                                  "计划在", "目标在"])
@pytest.mark.parametrize("space", ["", " ", "\u3000"])
def test_deadline_lead_covers_every_prefix(lead: str, space: str) -> None:
    """The deadline search may start `_DEADLINE_LEAD` characters before the 20xx年."""
    from extractor.resolve import targets

    text = f"规模{lead}{space}2025年达到30家"
    position = text.index("30")
    scan = targets._scan_start(text, 0, position)
    assert targets._deadline_year(text, 0, position, targets._NO_DEADLINES, scan) == 2025
