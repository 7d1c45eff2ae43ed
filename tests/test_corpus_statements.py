"""Who speaks, and who a press conference report names (`corpus.statements`, issue 16).

Cases written for the ``statement`` rule, in the forms morning briefs and evening bulletins
write a ministry's statement and a press conference in.
"""

from __future__ import annotations

import pytest

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
    ("2024年8月21日,商务部表示,某展会将于下月举办", {"商务部"}),
    # Words that only look like a statement's, and speakers that are not the body.
    ("工信部公布第三批某类企业名称", set()),
    ("国家统计局发布2023年统计公报", set()),
    ("商务部联合国家统计局发布数据", set()),
    ("据公安部统计,某类案件同比下降", {"公安部"}),
    ("外交部长某某同某国外长会谈时指出,双方合作前景广阔", set()),
    ("人民银行某省分行表示,将加大信贷投放", set()),
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
    # Another country's, a province's body; a regular briefing's many matters; a company's.
    ("日本央行行长在新闻发布会上表示,将维持利率不变", set()),
    ("俄罗斯外交部发言人在记者会上表示,某某", set()),
    ("广东省发改委召开新闻发布会,介绍某某项目进展", set()),
    ("外交部发言人在例行记者会上表示,某某", set()),
    ("某券商召开业绩发布会,称证监会新规利好", set()),
]


@pytest.mark.parametrize(("text", "bodies"), CONFERENCE_CASES)
def test_conference_bodies(text: str, bodies: set[str]) -> None:
    assert conference_bodies(text) == bodies


@pytest.mark.parametrize("verb", ["表示", "介绍", "称", "指出"])
@pytest.mark.parametrize(("body", "name"), [
    (body, name) for body, names in BODY_NAMES.items() for name in names])
def test_every_name_of_a_body_speaks_as_that_body(body: str, name: str, verb: str) -> None:
    assert speakers(f"{name}{verb},某某工作取得进展。") == {body}
    assert conference_bodies(f"国新办举行新闻发布会,{name}有关负责人{verb}…") == {body}
