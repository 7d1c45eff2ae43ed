"""The examples in the package's docstrings run as tests: an example that no longer holds is
a failure, not a stale comment (two had gone stale before this test existed)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import extractor

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(extractor.__path__, prefix="extractor.")
    if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"


def test_the_examples_are_found() -> None:
    attempted = sum(
        doctest.testmod(importlib.import_module(name)).attempted for name in MODULES
    )
    assert attempted > 100
