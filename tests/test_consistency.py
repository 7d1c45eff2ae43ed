"""Consistency warnings: repeated sentences and numbers that lost their unit."""

from __future__ import annotations

import pytest

from extractor.models import TargetMention
from extractor.resolve.consistency import numbers_without_unit, repeated_sentences

REPEAT_CASES = [
    pytest.param("加快建设全国统一大市场，破除地方保护和市场分割。" * 2, 1, id="exact-repeat"),
    pytest.param("加快建设全国统一大市场，破除地方保护和市场分割。"
                 "加快建设全国统一的大市场，破除地方保护与市场分割。", 1, id="near-repeat"),
    pytest.param("加快建设全国统一大市场，破除地方保护和市场分割。"
                 "支持民营企业参与重大工程建设，完善融资支持政策。", 0, id="different"),
    pytest.param("短句。短句。", 0, id="short-sentences-ignored"),
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
]


@pytest.mark.parametrize(("text", "numbers"), BARE_NUMBER_CASES)
def test_numbers_without_unit(text: str, numbers: list[str]) -> None:
    notices = numbers_without_unit(text, 0, len(text), [])
    assert [n.message.split()[2] for n in notices] == numbers


def test_numbers_inside_a_target_are_not_flagged() -> None:
    text = "共有 12 家企业"
    target = TargetMention(text="12 家", start=3, end=7, value=12, unit="家", kind="count")
    assert numbers_without_unit(text, 0, len(text), [target]) == []
