"""The README stays true: commands documented, first two commands as promised."""

from __future__ import annotations

import pytest
import typer.main

from lawgov_report.cli.app import app

from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"lawgov {command}" in README


def test_readme_starts_with_install_and_test_commands() -> None:
    commands = [line.strip() for line in README.splitlines() if line.startswith("    ")][:2]
    assert "pip install ." in commands[0]
    assert "lawgov build examples/2021.yaml" in commands[0]
    assert 'pip install -e ".[dev]"' in commands[1]
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for step in (
        'pip install -q -e ".[dev]"',
        ".venv/bin/pytest",
        "ruff check",
        "ruff format --check",
        "mypy",
    ):
        assert step in ci
