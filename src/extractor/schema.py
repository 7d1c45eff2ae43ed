"""The JSON Schema of the per-article JSON written by `extractor run` (`extractor schema`).

Generated from the pydantic models in serialization mode, i.e. it describes what is written
(target values as JSON numbers, not the Decimal strings pydantic would accept on input).
`docs/article.schema.json` is this text; tests/test_schema.py keeps the two equal and checks
that real outputs validate against it.
"""

from __future__ import annotations

import json
from typing import Any

from extractor.models import SCHEMA_VERSION, Article

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def article_json_schema() -> dict[str, Any]:
    """`Article.model_json_schema(mode="serialization")`, with `$schema` (the dialect, so that
    validators pick the right draft) and the contract's `schema_version` in the description."""
    schema = Article.model_json_schema(mode="serialization")
    schema["description"] = (
        f"{schema.get('description', '')} Data contract version {SCHEMA_VERSION}; see "
        "docs/data-dictionary.md for the flat tables."
    ).strip()
    return {"$schema": JSON_SCHEMA_DIALECT, **schema}


def article_json_schema_text() -> str:
    """The schema as JSON text: UTF-8 characters, 2-space indent, trailing newline."""
    return json.dumps(article_json_schema(), ensure_ascii=False, indent=2) + "\n"
