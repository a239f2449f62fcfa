"""Odd environments: caches are optional, SOURCE_DATE_EPOCH is validated in one place."""

from __future__ import annotations

import datetime as dt
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_report import provenance
from lawgov_report.cli.app import app
from lawgov_report.errors import UsageError
from lawgov_report.render import environment

from helpers import EXAMPLE, run_lawgov, without_excerpts


@pytest.fixture(autouse=True)
def fresh_environments(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test picks its cache directory again (environments are cached per process)."""
    monkeypatch.delenv("LAWGOV_CACHE_DIR", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    environment.make_env.cache_clear()
    yield
    environment.make_env.cache_clear()


def _build(runner: CliRunner, out: Path, *extra: str) -> None:
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(out), *extra])
    assert result.exit_code == 0, result.stderr
    assert without_excerpts(result.stderr) == ""
    assert (out / "2021.docx").is_file()
    assert (out / "2021.md").is_file()


def test_a_file_in_the_way_of_the_cache_means_no_cache(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "home" / ".cache").mkdir(parents=True)
    (tmp_path / "home" / ".cache" / "lawgov").write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    _build(runner, tmp_path / "out")
    assert environment.cache_directory("jinja") is None


def test_lawgov_cache_dir_naming_a_file(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cache").write_text("", encoding="utf-8")
    monkeypatch.setenv("LAWGOV_CACHE_DIR", str(tmp_path / "cache"))
    _build(runner, tmp_path / "out", "--template-dir", str(tmp_path))


def test_no_home_directory_means_no_cache(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert environment.cache_directory("jinja") is None
    _build(runner, tmp_path / "out")


def test_a_cache_left_unwritable_by_sudo_is_skipped(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The directory exists but writing into it fails (as root, simulated at the write)."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("LAWGOV_CACHE_DIR", str(cache))
    cache.mkdir()
    cache.chmod(0o555)

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(cache))

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refused)  # Jinja writes its cache so
    try:
        _build(runner, tmp_path / "out")
        _build(runner, tmp_path / "out2", "--template-dir", str(tmp_path))
    finally:
        cache.chmod(0o755)


def test_damaged_cache_files_are_ignored(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("LAWGOV_CACHE_DIR", str(cache))
    _build(runner, tmp_path / "first")
    files = sorted(cache.rglob("*.cache"))
    assert files
    for path in files:
        path.write_bytes(path.read_bytes()[:20])  # cut short, as by a full disk
    environment.make_env.cache_clear()
    _build(runner, tmp_path / "second")
    for name in ("2021.md", "2021.docx"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "'-1' is not a number of seconds since 1970-01-01 (only the digits 0-9)"),
        ("1e9", "'1e9' is not a number of seconds since 1970-01-01 (only the digits 0-9)"),
        (
            "1641513600.5",
            "'1641513600.5' is not a number of seconds since 1970-01-01 (only the digits 0-9)",
        ),
        (
            "１６４１５１３６００",
            "'１６４１５１３６００' is not a number of seconds since 1970-01-01 "
            "(only the digits 0-9)",
        ),
        ("²", "'²' is not a number of seconds since 1970-01-01 (only the digits 0-9)"),
        ("253402300800", "253402300800 seconds after 1970 is after the year 9999"),
        ("9" * 400, f"{'9' * 400} seconds after 1970 is after the year 9999"),
    ],
    ids=["negative", "exponent", "fraction", "full-width", "superscript", "year-10000", "huge"],
)
def test_a_malformed_source_date_epoch_is_a_usage_error(
    value: str, message: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert without_excerpts(result.stderr) == (
        f"SOURCE_DATE_EPOCH: error: {message} [LG407]\n"
        "  hint: set it to whole seconds, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or "
        "unset it to date the outputs by the 成文日期\n"
        "1 error, 0 warnings\n"
    )
    assert not (tmp_path / "out").exists()
    with pytest.raises(UsageError):
        provenance.source_date(dt.date(2022, 1, 7))


def test_source_date_epoch_in_chinese(tmp_path: Path) -> None:
    result = run_lawgov(
        ["build", str(EXAMPLE), "-o", "out"],
        tmp_path,
        env={"LAWGOV_LANG": "zh", "SOURCE_DATE_EPOCH": "yesterday"},
    )
    assert result.returncode == 2
    assert without_excerpts(result.stderr).startswith("SOURCE_DATE_EPOCH: ")
    assert "“yesterday”不是自 1970-01-01 起的秒数（只能写数字 0-9） [LG407]\n" in result.stderr


@pytest.mark.parametrize(
    ("value", "stamp"),
    [
        (None, "2022-01-07T00:00:00Z"),
        ("", "2022-01-07T00:00:00Z"),
        (" 1641513600\n", "2022-01-07T00:00:00Z"),
        ("0", "1970-01-01T00:00:00Z"),
        ("253402300799", "9999-12-31T23:59:59Z"),
    ],
    ids=["unset", "empty", "spaces", "zero", "last-second-of-9999"],
)
def test_source_date_epoch_dates_the_docx(
    value: str | None,
    stamp: str,
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if value is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    _build(runner, tmp_path / "out")
    with zipfile.ZipFile(tmp_path / "out" / "2021.docx") as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>' in core
    assert f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>' in core
