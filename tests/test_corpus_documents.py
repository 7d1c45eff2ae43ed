"""Documents across articles (issue 16): keys, and which mentions are one document.

Cases written for the issue; titles made up in the forms digests use.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.corpus.documents import DocumentSighting, document_key, fold_title, link_documents

# (title, jurisdiction adcode, core, period)
KEY_CASES = [
    pytest.param("上海市促进元宇宙产业发展行动方案(2022-2025年)", "310000",
                 "促进元宇宙产业发展行动方案", (2022, 2025), id="prefix-and-period"),
    pytest.param("浙江省杭州市数字经济促进条例", "330100", "数字经济促进条例", None,
                 id="a-chain-of-divisions"),
    pytest.param("北京市通州区促进元宇宙产业创新发展行动计划", "110112",
                 "促进元宇宙产业创新发展行动计划", None, id="district-under-its-city"),
    pytest.param("通州区支持高校毕业生就业若干措施", None, "通州区支持高校毕业生就业若干措施",
                 None, id="a-name-two-districts-share-stays"),
    pytest.param("关于推动未来产业创新发展的实施意见", None,
                 "关于推动未来产业创新发展的实施意见", None, id="no-prefix"),
    pytest.param("2023—2025年数字乡村发展行动计划", None, "数字乡村发展行动计划", (2023, 2025),
                 id="period-first"),
    pytest.param("2024年政府工作报告", None, "2024年政府工作报告", None,
                 id="a-single-year-is-part-of-the-title"),
    pytest.param("中国制造2025", None, "中国制造2025", None, id="not-a-division"),
    pytest.param("北京机器人产业培育行动计划(2025-2027年)", "110000", "机器人产业培育行动计划",
                 (2025, 2027), id="a-province-s-short-name"),
    pytest.param("关于印发某某三年行动计划(2024-2026年)的通知", None, "某某三年行动计划",
                 (2024, 2026), id="the-notice-issuing-a-plan"),
    pytest.param("长安汽车发展规划", None, "长安汽车发展规划", None,
                 id="a-county-s-short-name-stays"),
    pytest.param("北京大学章程", None, "北京大学章程", None, id="a-short-name-inside-a-word"),
    pytest.param("新乡村建设行动方案", None, "新乡村建设行动方案", None,
                 id="a-short-name-across-words"),
]


@pytest.mark.parametrize(("title", "jurisdiction", "core", "period"), KEY_CASES)
def test_document_key(
    title: str, jurisdiction: str | None, core: str, period: tuple[int, int] | None
) -> None:
    key = document_key(title)
    assert (key.jurisdiction, key.core, key.period) == (jurisdiction, core, period)


FOLD_CASES = [
    pytest.param("上海市促進元宇宙產業發展行動方案", "上海市促进元宇宙产业发展行动方案",
                 id="traditional"),
    pytest.param("行动方案（2022—2025年）", "行动方案(2022-2025年)", id="width-and-dash"),
    pytest.param("“十四五”数字经济发展规划", "十四五数字经济发展规划", id="quotes"),
    pytest.param("数字经济 发展规划", "数字经济发展规划", id="blank"),
]


@pytest.mark.parametrize(("title", "folded"), FOLD_CASES)
def test_fold_title(title: str, folded: str) -> None:
    assert fold_title(title) == folded


def _sighting(article: str, title: str, *, seq: int = 1, idx: int = 1,
              alias_of: str | None = None, region: tuple[str, str] | None = None,
              date: str | None = None, issuer: str | None = None) -> DocumentSighting:
    return DocumentSighting(
        article=article, seq=seq, idx=idx, title=title, alias_of=alias_of, issuer=issuer,
        date=date, region_name=region[0] if region else None,
        region_adcode=region[1] if region else None,
    )


SHANGHAI = ("上海市", "310000")
PUDONG = ("上海市浦东新区", "310115")
HENAN = ("河南省", "410000")
FULL = "上海市促进元宇宙产业发展行动方案(2022-2025年)"

# (sightings, the groups of sighting positions that are one document, the rule of each)
LINK_CASES = [
    pytest.param(
        [_sighting("a", FULL), _sighting("b", "上海市促進元宇宙產業發展行動方案（2022—2025年）")],
        [[0, 1]], ["title", "title"], id="same-title-two-scripts",
    ),
    pytest.param(
        [_sighting("a", FULL), _sighting("b", "上海市促进元宇宙产业发展行动方案")],
        [[0, 1]], ["title", "without-period"], id="without-its-period",
    ),
    pytest.param(
        [_sighting("a", FULL), _sighting("b", "促进元宇宙产业发展行动方案", region=PUDONG)],
        [[0, 1]], ["title", "without-prefix"], id="without-its-prefix-in-an-item-inside",
    ),
    pytest.param(
        [_sighting("a", FULL), _sighting("b", "促进元宇宙产业发展行动方案", region=HENAN)],
        [[0], [1]], ["title", "title"], id="without-prefix-in-another-province-stays",
    ),
    pytest.param(
        [_sighting("a", FULL), _sighting("b", "河南省促进元宇宙产业发展行动方案"),
         _sighting("c", "促进元宇宙产业发展行动方案", region=SHANGHAI)],
        [[0], [1], [2]], ["title", "title", "title"], id="two-owners-no-guess",
    ),
    pytest.param(
        [_sighting("a", "上海市数字经济行动计划(2021-2023年)"),
         _sighting("b", "上海市数字经济行动计划(2024-2026年)"),
         _sighting("c", "上海市数字经济行动计划")],
        [[0], [1], [2]], ["title", "title", "title"], id="two-periods-no-guess",
    ),
    pytest.param(
        [_sighting("a", FULL), _sighting("a", "行动方案", seq=2, alias_of=FULL)],
        [[0, 1]], ["title", "alias"], id="an-abbreviation-through-alias-of",
    ),
    pytest.param(
        [_sighting("a", "行动方案"), _sighting("a", "行动方案", seq=2),
         _sighting("b", "行动方案")],
        [[0, 1], [2]], ["title", "title", "title"], id="a-bare-kind-is-its-article-s-own",
    ),
    pytest.param(
        [_sighting("a", "解释"), _sighting("b", "解释")],
        [[0], [1]], ["title", "title"], id="a-bare-judicial-interpretation-is-its-article-s-own",
    ),
    pytest.param(
        [_sighting("a", "2024年政府工作报告", region=SHANGHAI),
         _sighting("b", "2023年政府工作报告", region=SHANGHAI)],
        [[0], [1]], ["title", "title"], id="different-years-are-different-documents",
    ),
]


@pytest.mark.parametrize(("sightings", "groups", "rules"), LINK_CASES)
def test_link_documents(
    sightings: list[DocumentSighting], groups: list[list[int]], rules: list[str]
) -> None:
    documents, links = link_documents(sightings)
    ids = [link.document_id for link in links]
    found = sorted(sorted(i for i, d in enumerate(ids) if d == doc) for doc in set(ids))
    assert found == sorted(groups)
    assert [link.rule for link in links] == rules
    assert len(documents) == len(groups)


def test_a_document_row_sums_up_its_mentions() -> None:
    sightings = [
        _sighting("a", FULL, date="2022-07-08", region=SHANGHAI, issuer="上海市人民政府"),
        _sighting("b", FULL, seq=3, date="2022-07-10", region=PUDONG),
        _sighting("b", "行动方案", seq=3, idx=2, alias_of=FULL, date="2022-07-10",
                  region=PUDONG),
    ]
    (document,), _ = link_documents(sightings)
    assert (document.title, document.jurisdiction_name, document.issuer) == (
        FULL, "上海市", "上海市人民政府")
    assert (document.period_start, document.period_end) == (2022, 2025)
    assert (document.first_date, document.last_date) == ("2022-07-08", "2022-07-10")
    assert document.regions == "上海市;上海市浦东新区"
    assert (document.mention_count, document.entry_count, document.article_count) == (3, 2, 2)


_TITLES = st.sampled_from([
    FULL, "上海市促进元宇宙产业发展行动方案", "促进元宇宙产业发展行动方案",
    "河南省促进元宇宙产业发展行动方案", "关于推动未来产业创新发展的实施意见",
])


@given(st.lists(st.tuples(_TITLES, st.sampled_from([None, SHANGHAI, HENAN])), max_size=8))
def test_the_grouping_does_not_depend_on_the_order_of_the_articles(
    drawn: list[tuple[str, tuple[str, str] | None]],
) -> None:
    sightings = [_sighting(f"a{i}", title, region=region) for i, (title, region) in
                 enumerate(drawn)]
    documents, links = link_documents(sightings)
    backwards, back_links = link_documents(list(reversed(sightings)))
    assert documents == backwards
    assert sorted(links, key=lambda k: k.article) == sorted(back_links, key=lambda k: k.article)
    assert sum(d.mention_count for d in documents) == len(sightings)
