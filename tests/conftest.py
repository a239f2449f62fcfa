"""Shared fixtures: golden files, the CLI runner, and readers for both outputs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite golden files from the current output (review the diff before committing).",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """Compare text with a golden file, or rewrite it under --update-golden."""
    update = bool(request.config.getoption("--update-golden"))

    def check(path: Path, actual: str) -> None:
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        assert path.exists(), f"{path} missing; run pytest --update-golden and review it"
        assert actual == path.read_text(encoding="utf-8")

    return check


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages in English unless a test asks for Chinese, whatever the developer's locale."""
    from lawgov_report import i18n

    monkeypatch.setenv("LAWGOV_LANG", "en")
    i18n.reload()
    yield
    monkeypatch.undo()
    i18n.reload()


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in Chinese, as a civil servant with a Chinese locale sees them."""
    from lawgov_report import i18n

    monkeypatch.setenv("LAWGOV_LANG", "zh")
    i18n.reload()
