"""Consistency warnings: repeated sentences and numbers that lost their unit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.models import TargetMention
from extractor.resolve.consistency import numbers_without_unit, repeated_sentences

REPEAT_CASES = [
    pytest.param("加快建设全国统一大市场，破除地方保护和市场分割。" * 2, 1, id="exact-repeat"),
    pytest.param("加快建设全国统一大市场，破除地方保护和市场分割。"
                 "加快建设全国统一的大市场，破除地方保护与市场分割。", 1, id="near-repeat"),
    pytest.param("加快建设全国统一大市场，破除地方保护和市场分割。"
                 "支持民营企业参与重大工程建设，完善融资支持政策。", 0, id="different"),
    pytest.param("短句。短句。", 0, id="short-sentences-ignored"),
    # Markdown weeklies: image lines and list links look alike once their addresses are
    # blanked; they are markup, not repeated sentences.
    pytest.param("![](" + " " * 40 + ")\n![](" + " " * 40 + ")\n", 0, id="image-lines"),
    pytest.param("* 第二部分:[抽样推断](" + " " * 30 + ")\n* 第三部分:[预测](" + " " * 30 + ")\n",
                 0, id="list-links"),
]


@pytest.mark.parametrize(("text", "count"), REPEAT_CASES)
def test_repeated_sentences(text: str, count: int) -> None:
    notices = repeated_sentences(text, 0, len(text))
    assert len(notices) == count
    assert all(n.code == "repeated_sentence" for n in notices)


BARE_NUMBER_CASES = [
    pytest.param("项目总投资 35 新能源产业园", ["35"], id="unit-lost"),
    pytest.param("举办 2024 年会", [], id="year-word-follows"),
    pytest.param("投资 35亿元建设", [], id="unit-present"),
    pytest.param("共有 12 家企业", ["12"], id="spaced-measure-word"),
    # Tech weeklies: a number after a name is a version, not a lost quantity.
    pytest.param("本文回顾 Swift 5.5 中的新特性", [], id="version-after-a-name"),
    pytest.param("通过回顾 WWDC 2022 了解新功能", [], id="event-year-after-a-name"),
]


@pytest.mark.parametrize(("text", "numbers"), BARE_NUMBER_CASES)
def test_numbers_without_unit(text: str, numbers: list[str]) -> None:
    notices = numbers_without_unit(text, 0, len(text), [])
    assert [n.message.split()[2] for n in notices] == numbers


def test_numbers_inside_a_target_are_not_flagged() -> None:
    text = "共有 12 家企业"
    target = TargetMention(text="12 家", start=3, end=7, value=12, unit="家", kind="count")
    assert numbers_without_unit(text, 0, len(text), [target]) == []


_NUMBER_ALPHABET = [*"12.9 \t中年a\n", "٣"]


@given(st.lists(st.sampled_from(_NUMBER_ALPHABET), max_size=14).map("".join),
       st.integers(0, 14), st.integers(0, 14))
def test_bare_numbers_behind_the_prefilter_are_those_of_the_pattern(
    text: str, start: int, end: int
) -> None:
    """The find/`\\d[ \\t]` prefilter never hides a number the pattern finds."""
    from extractor.resolve.consistency import _BARE_NUMBER, _YEARLIKE_FOLLOWERS

    start, end = min(start, len(text)), min(end, len(text))
    expected = [m.group(1) for m in _BARE_NUMBER.finditer(text, start, end)
                if text[m.end():m.end() + 1] not in _YEARLIKE_FOLLOWERS]
    found = [n.message.split()[2] for n in numbers_without_unit(text, start, end, [])]
    assert found == expected


def test_an_exact_and_a_near_repeat_are_both_reported_with_their_positions() -> None:
    first = "培育和发展具有高收藏价值的数字收藏市场,重点关注航空航天。"
    near = "培育和发展具有高收藏价值的数字收藏市场,重点关注航空与航天。"
    text = first + "中间一句完全不同的话说的是别的事情而且足够长了。" + first + near
    notices = repeated_sentences(text, 0, len(text))
    second = len(first) + len("中间一句完全不同的话说的是别的事情而且足够长了。")
    assert [n.message.split(":")[0] for n in notices] == [
        f"the sentence at {second} repeats the one at 0",
        f"the sentence at {second + len(first)} repeats the one at 0",
    ]
