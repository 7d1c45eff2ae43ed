"""Local path helpers of `storage`: resolving many paths at once must equal `Path.resolve`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extractor import storage


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """raw/a.txt, raw/sub/b.txt, a link to raw (linked/), a link to a file elsewhere
    (raw/link.txt -> other/c.txt), a dangling link; the working folder is tmp_path."""
    (tmp_path / "raw" / "sub").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("a", "utf-8")
    (tmp_path / "raw" / "sub" / "b.txt").write_text("b", "utf-8")
    (tmp_path / "other" / "c.txt").write_text("c", "utf-8")
    os.symlink(tmp_path / "raw", tmp_path / "linked")
    os.symlink(tmp_path / "other" / "c.txt", tmp_path / "raw" / "link.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "raw" / "dangling.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


PATHS = [
    "raw/a.txt", "linked/a.txt", "raw/sub/../a.txt", "raw/./a.txt", "raw/link.txt",
    "raw/dangling.txt", "raw/missing.txt", "raw/sub/..", "raw/sub/.", "raw", ".", "..",
    "linked/sub/b.txt", "raw/sub/b.txt",
]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("relative", [True, False], ids=["relative", "absolute"])
def test_resolved_equals_path_resolve(tree: Path, relative: bool) -> None:
    paths = [Path(p) if relative else tree / p for p in PATHS]
    assert list(storage.resolved(paths)) == [(p, p.resolve()) for p in paths]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_unique_paths_keeps_the_first_of_each_file(tree: Path) -> None:
    paths = [Path(p) for p in ("raw/a.txt", "linked/a.txt", "raw/link.txt", "other/c.txt",
                               "raw/sub/../a.txt", "raw/sub/b.txt")]
    assert storage.unique_paths(paths) == [Path("raw/a.txt"), Path("raw/link.txt"),
                                           Path("raw/sub/b.txt")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_resolved_one_path_at_a_time_with_shared_folders(tree: Path) -> None:
    """`extractor run raw/*.txt` passes each file on its own; the folders learnt from one
    argument serve the next, and the answers stay those of `Path.resolve`."""
    folders: dict[Path, Path] = {}
    paths = [Path(p) for p in PATHS]
    got = [pair for path in paths for pair in storage.resolved([path], folders)]
    assert got == [(p, p.resolve()) for p in paths]
    assert Path("raw") in folders
