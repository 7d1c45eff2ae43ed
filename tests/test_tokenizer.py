"""jieba's dictionary and the tuned word layer, read back from the cache, are the ones jieba
computes itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import cache, tokenizer

WORDS = ["徐汇滨江", "临港新片区", "前海深港合作区", "雄安"]
SENTENCE = "临港新片区和前海深港合作区、徐汇滨江签约,雄安新区同步推进"


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
    return folder


def _layer(words: list[str]) -> tuple[dict[str, int], int, list[str]]:
    built = tokenizer.with_words(words)
    return dict(built.FREQ.top), built.total, list(built.cut(SENTENCE, HMM=False))


def test_the_cached_layer_is_the_computed_one(cache_folder: Path) -> None:
    computed = _layer(WORDS)
    (cache_file,) = cache_folder.glob("jieba-layer-*.json")
    assert _layer(WORDS) == computed  # read back from the file
    assert "临港新片区" in computed[2]
    assert computed[0]["临港新片区"] > 0 and computed[1] > tokenizer.default_tokenizer().total
    assert len(list(cache_folder.glob("jieba-layer-*.json"))) == 1 and cache_file.is_file()


def test_other_words_get_another_layer(cache_folder: Path) -> None:
    _layer(WORDS)
    other = _layer(WORDS[:2])
    assert len(list(cache_folder.glob("jieba-layer-*.json"))) == 2
    assert "雄安" not in other[0]


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"total": "x", "top": {}}',
                                    b'{"total": 1, "top": {"a": "b"}}', b"[]"])
def test_a_damaged_layer_is_recomputed(cache_folder: Path, damage: bytes) -> None:
    computed = _layer(WORDS)
    (cache_file,) = cache_folder.glob("jieba-layer-*.json")
    cache_file.write_bytes(damage)
    assert _layer(WORDS) == computed
    assert cache_file.read_bytes() != damage  # and rewritten


def test_an_unwritable_cache_only_costs_time(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocker / "cache"))
    assert _layer(WORDS)[2] == _layer(WORDS)[2]


# jieba's global tokenizer is loaded once per process, so each load runs in a fresh one. It
# prints whether its table equals the one jieba loads by itself, its size and a segmentation.
_LOAD_AND_COMPARE = """
import json, jieba
from extractor.tokenizer import default_tokenizer
ours = default_tokenizer()
own = jieba.Tokenizer()
own.check_initialized()
print(json.dumps([ours.FREQ == own.FREQ, ours.total == own.total, len(ours.FREQ),
                  list(ours.cut("上海市浦东新区发布数字经济行动方案", HMM=False))]))
"""


def _load_in_fresh_process(cache_folder: Path) -> list[object]:
    env = {**os.environ, cache.CACHE_DIR_ENV: str(cache_folder)}
    done = subprocess.run([sys.executable, "-c", _LOAD_AND_COMPARE], env=env, check=True,
                          capture_output=True, text=True)
    loaded: list[object] = json.loads(done.stdout)
    return loaded


def test_the_cached_dictionary_is_jiebas_own(cache_folder: Path) -> None:
    first = _load_in_fresh_process(cache_folder)  # builds and writes the cache
    (cache_file,) = cache_folder.glob("jieba-dictionary-*.json")
    second = _load_in_fresh_process(cache_folder)  # reads it
    assert first == second
    assert second[:2] == [True, True]
    assert isinstance(second[2], int) and second[2] > 100_000
    cache_file.write_bytes(b'{"total": 1, "freq": {}}')  # damaged: rebuilt, same table
    assert _load_in_fresh_process(cache_folder) == first


# --- tokenizer.lcut: jieba's own cut, computed faster ---------------------------------------

# Characters that exercise every branch of jieba's cut: CJK words and prefixes, letters and
# digits (joined into one token), the other characters of its block class (+#&._%-),
# whitespace and CRLF (kept as tokens), punctuation and symbols (one token each), a character
# outside the CJK block jieba knows (γ), and a CJK extension character (jieba's class stops
# at U+9FD5).
_CUT_ALPHABET = ("上海市政府新建区块链产业园达到亿元个基站数据中心元宇宙和平发展"
                 "aZ19+#&._%- \t\r\n，、《》“γ\u9fd6\u2028")
_CUT_TEXTS = [
    "到2025年，全市新建5G基站1万个、数据中心机架达到3万架，AI产业规模超过1500亿元",
    "iPhone15 Pro Max上市，价格5999元起",
    "元宇宙+产业-园_区 100%\r\n第二行\u3000全角空格",
    "",
]


@pytest.mark.parametrize("text", _CUT_TEXTS)
def test_lcut_is_jiebas_lcut(text: str) -> None:
    assert tokenizer.lcut(text) == tokenizer.default_tokenizer().lcut(text, HMM=False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(_CUT_ALPHABET)), max_size=40))
def test_lcut_is_jiebas_lcut_on_any_text(text: str) -> None:
    assert tokenizer.lcut(text) == tokenizer.default_tokenizer().lcut(text, HMM=False)


def test_lcut_is_jiebas_lcut_on_every_test_article() -> None:
    """Every line of every test article: real words, numbers and punctuation."""
    jieba_lcut = tokenizer.default_tokenizer().lcut
    root = Path(__file__).parent / "data"
    lines = [line for path in sorted(root.rglob("*.txt"))
             for line in path.read_bytes().decode("utf-8", "replace").splitlines()]
    assert len(lines) > 1000
    assert [tokenizer.lcut(line) for line in lines] == [jieba_lcut(line, HMM=False)
                                                         for line in lines]
