"""jieba's dictionary, loaded once per process and shared by every stage that segments words.

Loading jieba's prefix dictionary costs ~0.7 s (from our JSON copy in the user's cache folder;
~1.5 s from jieba's own) and ~70 MiB, and importing jieba ~0.2 s (without the pkg_resources it
would pull in, see `_jieba`), so both happen on first use only.
`default_tokenizer()` is jieba's global tokenizer (`jieba.dt`), initialized. A stage that needs
extra words (the place matcher adds every division name) builds `with_words(...)`: a private
tokenizer whose dictionary is the shared one with the extra words layered on top, instead of a
second copy loaded from disk. Nothing here adds words to the global tokenizer: the layers stay
private.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extractor.cache import cache_dir, read_json, write_json

# Bump when the layout of the cached dictionary or word layer changes.
_CACHE_FORMAT = 1


@functools.cache
def _jieba() -> Any:
    """The jieba module, imported without `pkg_resources`.

    jieba imports `pkg_resources` (~0.3 s, a third of jieba's import) only to open its own
    dictionary files, and falls back to a plain `open()` next to its module when that import
    fails. Blocking the import for that one statement takes the fallback; an application that
    has already imported `pkg_resources` keeps it and jieba uses it as before.
    """
    if "pkg_resources" in sys.modules:
        import jieba
    else:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import -> ImportError
        try:
            import jieba
        finally:
            sys.modules.pop("pkg_resources", None)
    return jieba


@functools.cache
def default_tokenizer() -> Any:
    """jieba's global tokenizer with its default dictionary loaded (once)."""
    jieba = _jieba()  # lazy: see the module docstring

    # jieba announces its dictionary load on stderr; a batch tool's output is not the place.
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    if tokenizer.initialized or tokenizer.dictionary is not None:
        tokenizer.check_initialized()
        return tokenizer
    cache = _dictionary_file(jieba)
    cached: Any = read_json(cache) if cache is not None else None
    if _is_dictionary(cached):
        # What `initialize` sets from its own cache, read from ours.
        tokenizer.FREQ, tokenizer.total = cached["freq"], cached["total"]
        tokenizer.initialized = True
        return tokenizer
    tokenizer.check_initialized()
    if cache is not None:
        write_json(cache, {"total": tokenizer.total, "freq": tokenizer.FREQ})
    return tokenizer


# jieba 0.42.1's `re_han_default`, `re_skip_default` and `re_eng`: how `cut` splits a text
# into blocks it segments and the rest, and which single characters it joins into one token.
_HAN_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ENGLISH = re.compile("[a-zA-Z0-9]")


def lcut(text: str) -> list[str]:
    """`default_tokenizer().lcut(text, HMM=False)`, computed the same way, ~2x faster.

    jieba's dictionary path (`get_DAG`, `calc`: the same lookups, the same float arithmetic,
    the same tie-break towards the longer word) without its generators, DAG dicts and tuple
    comparisons. The target metrics segment every clause before a quantity: on new text (no
    cache hits) jieba's cut was the largest single cost in the profile. tests/test_tokenizer.py
    compares it with jieba's own `lcut` on random and real text, so a jieba upgrade that
    changes the algorithm fails there.
    """
    tokenizer = default_tokenizer()
    freq: dict[str, int] = tokenizer.FREQ
    logtotal = math.log(tokenizer.total)
    words: list[str] = []
    for block in _HAN_BLOCK.split(text):
        if not block:
            continue
        if _HAN_BLOCK.match(block):
            _cut_block(block, freq, logtotal, words)
            continue
        for piece in _SKIP.split(block):
            if _SKIP.match(piece):
                words.append(piece)
            else:
                words.extend(piece)  # one token per character, as jieba yields them
    return words


def _cut_block(block: str, freq: dict[str, int], logtotal: float, words: list[str]) -> None:
    """jieba's `__cut_DAG_NO_HMM` of one block, appended to `words`."""
    after = route_ends(block, _NO_WORDS, freq, logtotal, _SINGLES)
    letters = ""
    i = 0
    n = len(block)
    while i < n:
        end = after[i]
        word = block[i:end]
        if end - i == 1 and _ENGLISH.match(word):
            letters += word  # single letters and digits run together into one token
        else:
            if letters:
                words.append(letters)
                letters = ""
            words.append(word)
        i = end
    if letters:
        words.append(letters)


_NO_WORDS: dict[str, int] = {}  # the default tokenizer has no layer over its table
# log(frequency) - logtotal of each single character `lcut` has seen (bounded by the character
# set), None when it is no word of its own: the `singles` of `route_ends`.
_SINGLES: dict[str, float | None] = {}


def route_ends(
    run: str,
    top: dict[str, int],
    base: dict[str, int],
    logtotal: float,
    singles: dict[str, float | None],
) -> list[int]:
    """jieba's dictionary path through `run` (`get_DAG` and `calc`: the same lookups, the
    same float arithmetic, the same tie-break towards the longer word): `ends[i]` is where the
    word starting at i ends, for every i (read from 0, the ends are jieba's cuts).

    A word's frequency is looked up in `top`, then `base` (a `LayeredFreq`'s two tables, or
    an empty `top`); 0 marks a mere prefix. `logtotal` is the log of the tokenizer's total;
    `singles` caches each single character's score, and must belong to one (top, base,
    logtotal).
    """
    top_get, base_get, log = top.get, base.get, math.log
    n = len(run)
    # score[i], ends[i]: jieba's route[i] (the best log-probability of run[i:], and the end of
    # its first word), filled right to left.
    score = [0.0] * (n + 1)
    ends = list(range(1, n + 2))  # a single character when no word starts here
    for i in range(n - 1, -1, -1):
        char = run[i]
        if char in singles:
            best = singles[char]
        else:
            f = top_get(char)
            if f is None:
                f = base_get(char)
            best = singles[char] = log(f) - logtotal if f else None
        if best is not None:
            best += score[i + 1]
        j = i + 2  # longer words (a while loop: a range per position costs more here)
        while j <= n:
            word = run[i:j]
            f = top_get(word)
            if f is None:
                f = base_get(word)
                if f is None:
                    break  # no longer a prefix of any word
            if f:
                value = log(f) - logtotal + score[j]
                if best is None or value >= best:  # max() over (value, end): ties go longer
                    best = value
                    ends[i] = j
            j += 1
        # jieba's fallback scores the lone character as log(1) - logtotal.
        score[i] = -logtotal + score[i + 1] if best is None else best
    return ends


def _dictionary_file(jieba: Any) -> Path | None:
    """Our copy of jieba's prefix dictionary. jieba keeps one in the temp folder as `marshal`
    data, which takes ~1.5 s to read here; the same table as JSON takes ~0.7 s. Keyed by
    jieba's version and its dictionary file."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        source = (Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME).stat()
    except OSError:
        return None
    key = hashlib.sha256()
    for part in (str(_CACHE_FORMAT), jieba.__version__, str(source.st_size),
                 str(source.st_mtime_ns)):
        key.update(part.encode("utf-8") + b"\0")
    return folder / f"jieba-dictionary-{key.hexdigest()[:24]}.json"


def _is_dictionary(data: Any) -> bool:
    """A cached dictionary as `default_tokenizer` writes it (anything else is rebuilt; the
    frequencies themselves are not re-checked, that would cost what the cache saves)."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("total"), int)
        and isinstance(data.get("freq"), dict)
        and len(data["freq"]) > 0
    )


class LayeredFreq:
    """jieba's `FREQ` table (word or word prefix -> frequency, 0 for a mere prefix) with words
    added on top of a shared base table that is never modified.

    It offers what jieba's tokenizer uses of `FREQ`: `in`, `[]`, `[]=` and `get`.

    >>> freq = LayeredFreq({"上海": 10, "上": 5})
    >>> freq["徐汇"] = 3
    >>> "徐汇" in freq, "上海" in freq, freq.get("上海"), freq.get("x", 1), freq["徐汇"]
    (True, True, 10, 1, 3)
    """

    __slots__ = ("base", "top")

    def __init__(self, base: dict[str, int]) -> None:
        self.base = base  # shared, never written
        self.top: dict[str, int] = {}

    def __contains__(self, word: object) -> bool:
        return word in self.top or word in self.base

    def __getitem__(self, word: str) -> int:
        found = self.top.get(word)
        return self.base[word] if found is None else found

    def __setitem__(self, word: str, freq: int) -> None:
        self.top[word] = freq

    def get(self, word: str, default: int | None = None) -> int | None:
        found = self.top.get(word)
        return self.base.get(word, default) if found is None else found


def with_words(words: Iterable[str]) -> Any:
    """A private jieba tokenizer: the shared default dictionary plus `words`, added one by one
    with `add_word` (so each gets the frequency jieba suggests, in the same order), exactly as
    if a fresh `jieba.Tokenizer()` had loaded the dictionary itself and added them.

    Suggesting a frequency segments the word first (~80 µs a word, half a second for the
    division names), so the resulting layer is kept in the user's cache folder, keyed by jieba's
    version, its dictionary and the words.
    """
    jieba = _jieba()
    base = default_tokenizer()
    words = list(words)
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = LayeredFreq(base.FREQ)
    tokenizer.total = base.total
    tokenizer.initialized = True
    cache = _layer_file(jieba, base, words)
    cached: Any = read_json(cache) if cache is not None else None
    if _is_layer(cached):
        tokenizer.FREQ.top = cached["top"]
        tokenizer.total = cached["total"]
        return tokenizer
    for word in words:
        tokenizer.add_word(word)
    if cache is not None:
        write_json(cache, {"total": tokenizer.total, "top": tokenizer.FREQ.top})
    return tokenizer


def _layer_file(jieba: Any, base: Any, words: list[str]) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256()
    for part in (str(_CACHE_FORMAT), jieba.__version__, str(base.dictionary),
                 str(base.total), str(len(base.FREQ)), *words):
        key.update(part.encode("utf-8") + b"\0")
    return folder / f"jieba-layer-{key.hexdigest()[:24]}.json"


def _is_layer(data: Any) -> bool:
    """A cached layer as `with_words` writes it (anything else is rebuilt)."""
    return (
        isinstance(data, dict)
        and isinstance(data.get("total"), int)
        and isinstance(data.get("top"), dict)
        and all(isinstance(freq, int) for freq in data["top"].values())
    )
