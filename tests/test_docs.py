"""The documents the README and the CLI point to are in the repository (issue 15, item 6)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED_SPEC = ROOT.parent / "shared" / "SPEC.md"
_LINK = re.compile(r"\]\((?!https?://|#)(?P<target>[^)\s]+)\)")
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_relative_links_resolve(document: Path) -> None:
    missing = [m["target"] for m in _LINK.finditer(document.read_text("utf-8"))
               if not (document.parent / m["target"].split("#")[0]).exists()]
    assert missing == []


def test_eval_help_names_the_spec_in_the_repository() -> None:
    result = CliRunner().invoke(main, ["eval", "--help"])
    assert "docs/SPEC.md" in result.output
    assert (ROOT / "docs" / "SPEC.md").is_file()


@pytest.mark.skipif(not SHARED_SPEC.is_file(), reason=f"{SHARED_SPEC} not found: not compared")
def test_the_spec_copy_is_the_shared_spec() -> None:
    """docs/SPEC.md is the team's spec as published in ../shared: copy it again when it moves."""
    assert (ROOT / "docs" / "SPEC.md").read_text("utf-8") == SHARED_SPEC.read_text("utf-8")
