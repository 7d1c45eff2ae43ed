"""Who speaks, and who a press conference report names (`corpus.statements`, issue 16).

Cases written for the ``statement`` rule, in the forms morning briefs and evening bulletins
write a ministry's statement and a press conference in.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.corpus.statements import BODY_NAMES, conference_bodies, speakers

# (headline, the bodies speaking)
SPEAKER_CASES = [
    ("财政部表示,将加快某项资金下达进度。", {"财政部"}),
    ("**国家发改委:将推动出台某某意见**", set()),  # a colon is no statement verb here
    ("国家发展改革委有关负责人介绍,某某工作进展顺利", {"国家发展改革委"}),
    ("发改委、央行、财政部就某项工作情况介绍,资金已全部下达", {
        "国家发展改革委", "中国人民银行", "财政部"}),
    ("据公安部统计,某类案件同比下降", {"公安部"}),
    ("国家移民局副局长某某某表示,前7个月入境人数增长", {"国家移民管理局"}),
    ("8月21日,国家金融监督管理总局表示,某类贷款增长", {"金融监管总局"}),
    ("国新办举行某某系列主题新闻发布会,住建部介绍,某某制度将完善", {"住房城乡建设部"}),
    ("某省发改委表示,将推进某某项目", set()),
    ("美国商务部称,将对某类产品加征关税", set()),
    ("商务部发布《某某管理办法》", set()),
    ("商务部就某国对华某产品反补贴调查终裁披露答记者问称,坚决反对", set()),
    ("某公司表示,财政部政策利好", set()),
]


@pytest.mark.parametrize(("headline", "bodies"), SPEAKER_CASES)
def test_speakers(headline: str, bodies: set[str]) -> None:
    assert speakers(headline) == bodies


# (text, the bodies a conference report names)
CONFERENCE_CASES = [
    ("某某系列主题新闻发布会\n国务院新闻办公室今天举行新闻发布会,金融监管总局有关负责人介绍…",
     {"金融监管总局"}),
    ("国新办举行新闻发布会,介绍某某意见有关情况。国家发改委表示…商务部表示…",
     {"国家发展改革委", "商务部"}),
    ("国家统计局:7月份社会消费品零售总额同比增长2.7%", set()),  # no conference
    ("某某白皮书今天发布\n国务院新闻办公室今天举行发布会,发布某某白皮书。国家能源局…",
     {"国家能源局"}),
]


@pytest.mark.parametrize(("text", "bodies"), CONFERENCE_CASES)
def test_conference_bodies(text: str, bodies: set[str]) -> None:
    assert conference_bodies(text) == bodies


@given(st.sampled_from(sorted(name for names in BODY_NAMES.values() for name in names)),
       st.sampled_from(["表示", "介绍", "称", "指出"]))
def test_every_name_of_a_body_speaks_as_that_body(name: str, verb: str) -> None:
    (body,) = [body for body, names in BODY_NAMES.items() if name in names]
    assert speakers(f"{name}{verb},某某工作取得进展。") == {body}
