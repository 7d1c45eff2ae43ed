"""Where the viewers (`frames`, `show`, `report`) get articles from: output JSON or raw text.

A path is read by its suffix: `*.json` is an output of `extractor run` (read, not re-extracted),
anything else is an input article run through the pipeline. A folder stands for its article
JSON files (`run_report.json`, `run_manifest.json` and `*.gold.json` are not articles) or,
when it holds none, for its `*.txt` files, so `output/` and `raw/` both work. Folders are not
searched recursively.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from extractor.manifest import MANIFEST_NAME, REPORT_NAME
from extractor.models import Article
from extractor.storage import local_files, unique_paths

# Not articles although they sit beside them: the batch's report and manifest, gold files.
_NOT_ARTICLES = (REPORT_NAME, MANIFEST_NAME)
_GOLD_SUFFIX = ".gold.json"


def _is_article_json(path: Path) -> bool:
    """`x.json` is an article; the run's report and manifest and `x.gold.json` are not.

    >>> names = ("a.json", "run_report.json", "run_manifest.json", "a.gold.json")
    >>> [_is_article_json(Path(n)) for n in names]
    [True, False, False, False]
    """
    name = path.name.lower()
    return name.endswith(".json") and name not in _NOT_ARTICLES and not name.endswith(_GOLD_SUFFIX)


def article_paths(paths: Iterable[Path | str]) -> list[Path]:
    """The article files named by `paths`, in argument order, each once.

    Files are kept as given (a missing file then fails visibly in `load_article`); a folder
    expands to its article JSON files, or to its `*.txt` files when it has no JSON, by name.
    """
    def expand(path: Path) -> list[Path]:
        if not path.is_dir():
            return [path]
        outputs = sorted(p for p in path.glob("*.json") if _is_article_json(p))
        return outputs or local_files(path, ".txt")

    return unique_paths(candidate for path in map(Path, paths) for candidate in expand(path))


def load_article(path: Path) -> Article:
    """Read an output JSON (`*.json`) or extract an input article (any other suffix).

    JSON floats are parsed as `Decimal`, so a target value of 0.1 stays exactly 0.1. A file
    that is not an article raises ValueError naming the file.
    """
    if path.suffix.lower() != ".json":
        from extractor.pipeline import extract_article

        return extract_article(path)
    try:
        data = json.loads(path.read_text("utf-8"), parse_float=Decimal)
        return Article.model_validate(data)
    except (UnicodeDecodeError, json.JSONDecodeError, ValidationError) as exc:
        raise ValueError(f"{path}: not an article JSON written by `extractor run`: {exc}") from exc


def load_articles(paths: Iterable[Path | str]) -> list[Article]:
    """`load_article` for every file of `article_paths(paths)`."""
    return [load_article(path) for path in article_paths(paths)]
