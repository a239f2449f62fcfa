"""The JSON Schema: committed copy up to date, and it agrees with the loader on real files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.model.schema import schema_text

from helpers import DATA, EXAMPLE, ROOT

COMMITTED = ROOT / "schema" / "lawgov.schema.json"
VALID = [EXAMPLE, ROOT / "examples" / "print-2021.yaml", *sorted((DATA / "valid").glob("*.yaml"))]


class _TextTimestamps(yaml.SafeLoader):
    """Load as an editor's YAML 1.2 language server does: dates stay strings."""


_TextTimestamps.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TextTimestamps)


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "run: lawgov schema > schema/lawgov.schema.json"
    )


def test_schema_command_prints_it(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["properties"]["organization"]["description"].startswith(
        "发文机关署名"
    )


def test_example_names_the_schema() -> None:
    assert EXAMPLE.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/lawgov.schema.json\n"
    )


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_files_validate_against_the_schema(path: Path) -> None:
    jsonschema.validate(_load(path), json.loads(COMMITTED.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["misspelled_key", "missing_key"])
def test_schema_rejects_what_the_loader_rejects(name: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            _load(DATA / "invalid" / f"{name}.yaml"),
            json.loads(COMMITTED.read_text(encoding="utf-8")),
        )


def test_every_description_is_chinese() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))

    def walk(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [node["description"]] if isinstance(node.get("description"), str) else []
            return found + [d for v in node.values() for d in walk(v)]
        if isinstance(node, list):
            return [d for v in node for d in walk(v)]
        return []

    descriptions = walk(schema)
    assert len(descriptions) > 30
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in d) for d in descriptions)


def _titles(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["title"]] if isinstance(node.get("title"), str) else []
        return own + [t for key, value in node.items() for t in _titles(value) if key != "title"]
    if isinstance(node, list):
        return [t for value in node for t in _titles(value)]
    return []


def _properties(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = list(node.get("properties", {}).values())
        return found + [p for value in node.values() for p in _properties(value)]
    if isinstance(node, list):
        return [p for value in node for p in _properties(value)]
    return []


def test_every_title_is_chinese_so_editors_show_chinese_on_hover() -> None:
    schema = json.loads(schema_text())
    titles = _titles(schema)
    assert len(titles) > 50
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in title) for title in titles), titles
    assert all("title" in prop and "description" in prop for prop in _properties(schema))
    assert schema["properties"]["organization"]["title"] == "发文机关署名"


def test_the_roster_schema_titles_are_chinese_too() -> None:
    from lawgov_report.model.roster import roster_schema_text

    schema = json.loads(roster_schema_text())
    titles = _titles(schema)
    assert len(titles) > 20
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in title) for title in titles), titles
    assert all("title" in prop and "description" in prop for prop in _properties(schema))
    assert schema["$defs"]["Unit"]["properties"]["name"]["title"] == "单位名称"
