"""The user's cache folder for derived data (the gazetteer index, jieba's tuned word layer).

Every cached file is derived data: keyed by what it was derived from, written atomically, and
never required. A file that cannot be read or written costs only the time to rebuild it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "EXTRACTOR_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where derived data is cached: `$EXTRACTOR_CACHE_DIR`, else `$XDG_CACHE_HOME` or
    `~/.cache`, then `digest-extractor`. None when there is no home directory."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:
            return None
    return Path(base) / "digest-extractor"


def read_json(path: Path) -> Any:
    """The cached JSON value at `path`, or None when it is missing or unreadable."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: Any) -> None:
    """Write `data` as compact JSON atomically (temp file + os.replace); a failure only costs
    speed, so it is swallowed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
