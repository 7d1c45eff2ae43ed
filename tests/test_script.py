"""Traditional script: detected per article, matched on a Simplified copy, output as written.

Tables are named by where the cases came from: `TRADITIONAL_PAGE_FORMS` are the forms seen on
Hong Kong, Taiwan and big5-mirror pages (issue 14), written anew here.
"""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.load import decode_bytes, fold_article, load_text
from extractor.models import Article
from extractor.pipeline import extract_article
from extractor.script import detect_script, to_simplified

DATA = Path(__file__).parent / "data"
TEST_ARTICLES = sorted(DATA.glob("articles*/*.txt")) + sorted(DATA.glob("sample/*.txt"))
_TO_TRADITIONAL = opencc.OpenCC("s2t")

DETECTION_CASES = [
    pytest.param("醫院創新，萬億元投資，張家川縣。", "traditional", id="traditional-page"),
    pytest.param("医院创新，万亿元投资，张家川县。", "simplified", id="simplified-page"),
    # Characters OpenCC still maps, common in Simplified text: under the share that decides.
    pytest.param("著名的乾隆年间，于是人们在这里聚会，讨论发展规划和产业政策。",
                 "simplified", id="simplified-with-ambiguous-characters"),
    pytest.param("", "simplified", id="empty"),
    pytest.param("Policy digest 2024: 10 items.", "simplified", id="latin-only"),
]


@pytest.mark.parametrize(("text", "script"), DETECTION_CASES)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


TRADITIONAL_PAGE_FORMS = [
    # (text, headline as written, place names, targets as (value, unit, text as written))
    pytest.param(
        "要聞\n1、張家川縣投資9530萬元實施搬遷工程，惠及596戶。\n2、乙。\n",
        "張家川縣投資9530萬元實施搬遷工程，惠及596戶。",
        ["甘肃省天水市张家川回族自治县"],
        [("95300000", "元", "9530萬元"), ("596", "户", "596戶")],
        id="county-and-money",
    ),
    pytest.param(
        "快訊\n1、瑞金醫院開展新技術，科技創新源建成30個項目。\n2、乙。\n",
        "瑞金醫院開展新技術，科技創新源建成30個項目。",
        [],
        [("30", "个", "30個")],
        id="hospital-and-innovation-are-not-places",
    ),
    pytest.param(
        "施政報告\n1、增加2500個名額，資助額提升至1.5億元以上。\n2、乙。\n",
        "增加2500個名額，資助額提升至1.5億元以上。",
        [],
        [("2500", "个", "2500個"), ("150000000", "元", "1.5億元以上")],
        id="hong-kong-policy-address",
    ),
]


@pytest.mark.parametrize(("text", "headline", "places", "targets"), TRADITIONAL_PAGE_FORMS)
def test_traditional_forms_read_as_simplified_and_stay_as_written(
    text: str, headline: str, places: list[str], targets: list[tuple[str, str, str]],
) -> None:
    article = extract_article(text)
    entry = article.entries[0]
    assert article.source.script == "traditional"
    assert entry.headline == headline
    assert [p.name for p in entry.places if p.adcode] == places
    assert [(format(t.value, "f"), t.unit, t.text) for t in entry.targets] == targets


def _facts(article: Article) -> list[tuple[object, ...]]:
    """The normalized values of every entry: what must not depend on the script."""
    return [
        (e.no, e.date, e.region.name if e.region else None,
         sorted(p.name or "" for p in e.places),
         sorted((format(t.value, "f") if t.value is not None else None, t.unit, t.qualifier)
                for t in e.targets),
         len(e.documents))
        for e in article.entries
    ]


@pytest.mark.parametrize("path", TEST_ARTICLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_a_traditional_twin_gives_the_same_facts(path: Path) -> None:
    """Issue 14: every test article converted to Traditional (OpenCC s2t) yields the same
    normalized values as its Simplified original."""
    text, _ = decode_bytes(path.read_bytes())
    twin = _TO_TRADITIONAL.convert(text)
    original, traditional = extract_article(text), extract_article(twin)
    assert traditional.source.script == "traditional"
    assert _facts(traditional) == _facts(original)


@given(st.text(alphabet=st.sampled_from(list("醫院萬億個張縣臺灣后发著乾x1。，")), max_size=80))
def test_the_folded_copy_keeps_the_length(text: str) -> None:
    folded, _, _ = fold_article(text)
    assert len(folded) == len(text)
    assert len(to_simplified(text)) == len(text)
    assert load_text(text).text == text
