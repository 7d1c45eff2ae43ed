"""`with_words`: the tuned word layer read back from the cache is the one jieba computes."""

from __future__ import annotations

from pathlib import Path

import pytest

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
