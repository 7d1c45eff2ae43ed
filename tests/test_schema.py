"""`extractor schema`, docs/article.schema.json and docs/data-dictionary.md: generated from the
models, committed, and never allowed to drift from them."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pydantic import BaseModel

from extractor import models
from extractor.cli import main
from extractor.dictionary import EXAMPLES, column_meaning, render_data_dictionary, render_table
from extractor.export import TABLES, article_json
from extractor.frames import frame_columns
from extractor.models import (
    Article,
    DateMention,
    DocumentMention,
    Entry,
    Notice,
    PlaceMention,
    Region,
    Source,
    TargetMention,
)
from extractor.schema import article_json_schema, article_json_schema_text

DOCS = Path(__file__).parent.parent / "docs"
REGENERATE = {
    "article.schema.json": "extractor schema -o docs/article.schema.json",
    "data-dictionary.md": "python -m extractor.dictionary docs/data-dictionary.md",
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="extractor")


def sample_article() -> Article:
    """A small article touching every kind of value: nulls, a Decimal fraction, a month date."""
    text = "标题\n01 北京:《北京计划》超过1.5亿元,约7.5%\n"
    entry = Entry(
        seq=1, no=1, headline="北京:《北京计划》超过1.5亿元,约7.5%", body="", start=3,
        end=len(text) - 1, headline_start=6, headline_end=len(text) - 1, body_start=len(text) - 1,
        body_end=len(text) - 1, date="2023-05", warnings=[Notice(code="x", message="y")],
        region=Region(name="北京市", adcode="110000", level="province", rule="headline"),
        dates=[DateMention(text="标题", start=0, end=2, value=None, reason="not a date")],
        places=[PlaceMention(text="北京", start=6, end=8, name="北京市", adcode="110000",
                             level="province", rule="short")],
        documents=[DocumentMention(text="《北京计划》", start=9, end=15, title="北京计划")],
        targets=[
            TargetMention(text="超过1.5亿元", start=15, end=22, value=Decimal("150000000"),
                          unit="元", kind="money", qualifier="gt"),
            TargetMention(text="约7.5%", start=23, end=28, value=Decimal("7.5"), unit="%",
                          kind="percent", qualifier="approx", year=2025),
        ],
    )
    return Article(source=Source(path="raw/a.txt", sha256="0" * 64, encoding="utf-8"),
                   entries=[entry], text=text)


# --- a deliberately small JSON Schema validator ----------------------------------------------
# jsonschema is not a dependency. This covers exactly the keywords pydantic emits for our
# models and refuses any other keyword, so a schema change cannot make validation vacuous.

_ANNOTATIONS = {"title", "description", "default", "$schema", "$defs", "examples"}
_TYPES: dict[str, Any] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


def schema_errors(value: Any, schema: dict[str, Any], root: dict[str, Any],
                  where: str = "$") -> list[str]:
    """Every way `value` breaks `schema` (empty when it is valid)."""
    unknown = set(schema) - _ANNOTATIONS - {
        "$ref", "anyOf", "type", "properties", "required", "items", "enum", "const", "minimum",
        "additionalProperties",
    }
    if unknown:
        raise AssertionError(f"{where}: validator does not know keywords {sorted(unknown)}")
    errors: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        errors += schema_errors(value, root["$defs"][name], root, where)
    if "anyOf" in schema:
        options = [schema_errors(value, option, root, where) for option in schema["anyOf"]]
        if all(options):
            errors.append(f"{where}: matches no anyOf option: {options}")
    if "type" in schema and not _TYPES[schema["type"]](value):
        errors.append(f"{where}: {value!r} is not of type {schema['type']}")
        return errors
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} != {schema['const']!r}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value!r} < {schema['minimum']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: missing required {key!r}")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected property {key!r}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += schema_errors(item, schema["items"], root, f"{where}[{i}]")
    return errors


# --- schema -----------------------------------------------------------------------------------


def test_schema_command_prints_the_models_schema() -> None:
    result = invoke("schema")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == article_json_schema()
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert printed["$defs"]["Entry"]["properties"]["seq"]["type"] == "integer"


def test_schema_command_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "article.schema.json"
    result = invoke("schema", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text("utf-8") == article_json_schema_text()


def test_schema_describes_target_values_as_numbers() -> None:
    """Serialization mode: the JSON has numbers, so the schema must not allow strings."""
    value = article_json_schema()["$defs"]["TargetMention"]["properties"]["value"]
    assert sorted(option["type"] for option in value["anyOf"]) == ["integer", "null", "number"]


def test_an_output_validates_against_the_schema() -> None:
    data = json.loads(article_json(sample_article()))
    schema = article_json_schema()
    assert schema_errors(data, schema, schema) == []


@pytest.mark.parametrize(("path", "bad"), [
    pytest.param(("entries", 0, "targets", 0, "value"), "150000000", id="value-as-string"),
    pytest.param(("entries", 0, "targets", 0, "qualifier"), "more", id="unknown-qualifier"),
    pytest.param(("entries", 0, "places", 0, "start"), -1, id="negative-offset"),
    pytest.param(("entries", 0, "region", "level"), "town", id="unknown-level"),
])
def test_the_validator_rejects_broken_outputs(path: tuple[Any, ...], bad: Any) -> None:
    """The schema (and this test's validator) catch a wrong value: the check above can fail."""
    data = json.loads(article_json(sample_article()))
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = bad
    schema = article_json_schema()
    assert schema_errors(data, schema, schema) != []


@pytest.mark.parametrize("name", sorted(REGENERATE))
def test_committed_docs_match_the_models(name: str) -> None:
    """docs/ is generated; regenerate it (see REGENERATE) after changing the models."""
    expected = {
        "article.schema.json": article_json_schema_text,
        "data-dictionary.md": render_data_dictionary,
    }[name]()
    committed = (DOCS / name).read_text("utf-8")
    assert committed == expected, f"docs/{name} is stale; run: {REGENERATE[name]}"


# --- data dictionary --------------------------------------------------------------------------

DOCUMENTED_MODELS = [Notice, models.Mention, DateMention, PlaceMention, DocumentMention,
                     TargetMention, Region, Entry, Source, Article]


@pytest.mark.parametrize("model", DOCUMENTED_MODELS, ids=lambda m: m.__name__)
def test_every_exported_field_has_a_description(model: type[BaseModel]) -> None:
    missing = [name for name, field in model.model_fields.items() if not field.description]
    assert missing == []


@pytest.mark.parametrize("table", TABLES)
def test_dictionary_lists_every_column_in_order(table: str) -> None:
    section = render_table(table)
    listed = re.findall(r"^\| `([a-z_0-9]+)` \|", section, flags=re.MULTILINE)
    assert listed == list(frame_columns(table))


@pytest.mark.parametrize("table", TABLES)
def test_every_column_has_a_meaning(table: str) -> None:
    empty = [c for c in frame_columns(table) if len(column_meaning(table, c)) < 10]
    assert empty == []


@pytest.mark.parametrize("table", TABLES)
def test_examples_name_exactly_the_columns(table: str) -> None:
    """No column without an example, no example for a column that no longer exists."""
    assert sorted(EXAMPLES[table]) == sorted(frame_columns(table))


def test_dictionary_shows_types_and_enumerations() -> None:
    text = render_data_dictionary()
    qualifier = "str: `eq`, `gt`, `gte`, `lt`, `lte`, `approx`"
    assert f"| `qualifier` | {qualifier} | no | `category` |" in text
    assert "| `adcode` | str | yes | `string` |" in text
    assert "| `year` | int | yes | `Int64` |" in text
    assert "| `date_start` | date | yes | `datetime64[s]` |" in text


def test_a_pipe_in_a_description_does_not_break_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """Markdown cells escape `|`: a description with one keeps the row at six cells."""
    field = PlaceMention.model_fields["rule"]
    monkeypatch.setattr(field, "description", "a | b")
    row = next(line for line in render_table("places").splitlines()
               if line.startswith("| `rule` |"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 7
