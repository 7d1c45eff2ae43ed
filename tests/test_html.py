"""HTML pages as users save them (issue 14): read as the text a reader sees.

`PAGE_SHAPES` are the shapes of saved digest pages, written anew: navigation, scripts and
footers around the article, numbered and bulleted lists, tables, entities, <br> lines.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main
from extractor.html import is_html_document, page_text
from extractor.pipeline import extract_article

SAMPLE_DIR = Path(__file__).parent / "data" / "sample"
SAMPLE = SAMPLE_DIR / "000_083a9808acf37448.txt"

PAGE_SHAPES = [
    pytest.param(
        "<html><head><title>某网 - 政策速览</title><script>var a='1、脚本';</script></head>"
        "<body><nav>首页 &gt; 政策</nav><h1>政策速览</h1><p>1、甲地发布通知。</p>"
        "<p>2、乙地出台政策。</p><footer>版权所有 1、联系我们</footer></body></html>",
        "政策速览", "政策速览\n1、甲地发布通知。\n2、乙地出台政策。",
        id="nav-script-footer-dropped",
    ),
    pytest.param(
        "<html><body><h1>要闻</h1><ol><li>甲</li><li>乙</li></ol><ul><li>丙</li></ul></body>"
        "</html>",
        "要闻", "要闻\n1. 甲\n2. 乙\n• 丙", id="ordered-and-bulleted-lists",
    ),
    pytest.param(
        "<html><body><h1>要闻</h1><ol start='3'><li>丙</li><li>丁</li></ol></body></html>",
        "要闻", "要闻\n3. 丙\n4. 丁", id="ordered-list-start",
    ),
    pytest.param(
        "<html><head><title>政策速览_某市政府网</title></head><body><p>第一段&nbsp;&nbsp;内容<br>"
        "第二行&amp;更多</p></body></html>",
        "政策速览", "政策速览\n第一段 内容\n第二行&更多", id="title-tag-entities-and-br",
    ),
    pytest.param(
        "<html><body><h1>数据</h1><table><tr><td>城市</td><td>金额</td></tr>"
        "<tr><td>昆明</td><td>5亿元</td></tr></table></body></html>",
        "数据", "数据\n城市\t金额\n昆明\t5亿元", id="table-rows-and-cells",
    ),
    pytest.param(
        "<html><body><div>侧栏</div><article><h1>正文标题</h1><p>正文。</p></article></body>"
        "</html>",
        "正文标题", "正文标题\n正文。", id="article-element-is-the-main-content",
    ),
]


@pytest.mark.parametrize(("markup", "title", "text"), PAGE_SHAPES)
def test_page_shapes(markup: str, title: str, text: str) -> None:
    page = page_text(markup)
    assert (page.title, page.text) == (title, text)


@pytest.mark.parametrize(("text", "name", "expected"), [
    pytest.param("<!DOCTYPE html><html><body>x</body></html>", "", True, id="doctype"),
    pytest.param("<html lang='zh'><body>x</body></html>", "", True, id="html-element"),
    pytest.param("标题\n<p>段落</p>", "a.txt", False, id="text-with-stray-tags"),
    pytest.param("<p>段落</p>", "a.HTM", True, id="by-file-name"),
])
def test_is_html_document(text: str, name: str, expected: bool) -> None:
    assert is_html_document(text, name) is expected


def _sample_page() -> str:
    """The sample as a web page: each line a <p>, spaces as &nbsp;, a navigation bar with
    its own numbered links, a script and a footer around it."""
    lines = SAMPLE.read_text("utf-8").split("\n")
    paragraphs = "".join(f"<p>{html.escape(line).replace(' ', '&nbsp;') or '&nbsp;'}</p>\n"
                         for line in lines[1:])
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>元宇宙论坛 - "
            f"{html.escape(lines[0])}</title><script>var x = '1、不是条目';</script></head>"
            "<body><nav><a href='/'>首页</a> &gt; 政策 1、导航 2、菜单</nav>"
            f"<div class='main'><h1>{html.escape(lines[0])}</h1>{paragraphs}</div>"
            "<footer>版权所有 1、联系我们 2、网站地图</footer></body></html>")


def test_an_html_page_of_the_sample_scores_as_the_text_does(tmp_path: Path) -> None:
    """Issue 14's bar: the sample saved as a page (with <p>, &nbsp;, a navigation bar and a
    footer) is read from a folder of .html files and scores as the text does: all 1.0."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "000_083a9808acf37448.html").write_text(_sample_page(), "utf-8")
    shutil.copy(SAMPLE_DIR / "000_083a9808acf37448.gold.json", pages)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["run", str(pages), "-o", str(out), "-q"]).exit_code == 0
    fields = ["entries", "headline", "date", "region", "places", "documents", "targets"]
    args = ["eval", str(pages), str(out), *[f"--min-f1={f}=1.0" for f in fields]]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


def test_an_html_article_records_its_format_and_title() -> None:
    article = extract_article(_sample_page())
    assert article.source.format == "html"
    assert article.source.title == "2023年国内元宇宙相关政策汇总"
    assert "<p>" not in article.text and "\xa0" not in article.text
    assert len(article.entries) == 24
    assert not any(w.code == "html_markup" for w in article.warnings)
