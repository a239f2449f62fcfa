"""Help screens and usage errors: every command, both languages, -h and --help, exact words.

These tests also pin what ``cli/help.py`` reads from Typer's internals (the vendored Click's
exception classes, ``type_descriptor``): an upgrade that changes them fails here.
"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version

import pytest
import typer
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.specifiers import SpecifierSet
from typer import _click
from typer.testing import CliRunner

from lawgov_report import i18n
from lawgov_report.cli.app import app
from lawgov_report.cli.console import display_width, wrap
from lawgov_report.cli.help import LawgovCommand, LawgovGroup

from helpers import ROOT


def _commands(command: _click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in getattr(command, "commands", {}).items():
        found.extend(_commands(sub, (*path, name)))
    return found


COMMANDS = _commands(typer.main.get_command(app))
# Lines of help that are commands to copy, or an example: they stay as typed.
_AS_TYPED = re.compile(
    r"^\s*(echo |git |# yaml-language-server|示例：lawgov |Example: lawgov |用法：lawgov ).*$"
)
_COMMAND = re.compile(r"lawgov(?: [-\w./=]+)+")  # a command to type, quoted in a message
_ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")
_CLICK_WORDS = ("Usage", "Options", "Arguments", "Commands", "Show this", "default", "required")


def english_sentences(text: str) -> list[str]:
    """Runs of three or more English words outside commands and examples."""
    found = []
    for line in text.splitlines():
        if _AS_TYPED.match(line):
            continue
        line = _COMMAND.sub("", line)
        found += _ENGLISH.findall(line)
        found += [word for word in _CLICK_WORDS if word in line]
    return found


def _help(runner: CliRunner, path: tuple[str, ...], flag: str) -> str:
    result = runner.invoke(app, [*path, flag])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "lawgov")
def test_dash_h_is_help_on_every_command(path: tuple[str, ...], runner: CliRunner) -> None:
    text = _help(runner, path, "-h")
    assert text == _help(runner, path, "--help")
    assert text.startswith(f"Usage: {' '.join(('lawgov', *path))} [OPTIONS]")
    assert re.search(r"\n  -h, --help +Show this help and exit\.\n", text)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "lawgov")
def test_chinese_help_has_no_english_sentence(
    path: tuple[str, ...], runner: CliRunner, chinese: None
) -> None:
    text = _help(runner, path, "-h")
    assert text.startswith(f"用法：{' '.join(('lawgov', *path))} [选项]")
    assert "显示此帮助并退出。" in text
    assert english_sentences(text) == [], text


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "lawgov")
def test_metavars_are_words_not_types(path: tuple[str, ...], runner: CliRunner) -> None:
    text = _help(runner, path, "--help")
    for notation in ("<", "{", "list[", "range", "Path", " INTEGER", " TEXT..."):
        assert notation not in text.split("\n\n", 2)[0] + _options_block(text), notation


def _options_block(text: str) -> str:
    return text.split("Arguments:", 1)[-1] if "Arguments:" in text else text


def test_every_command_is_a_lawgov_command() -> None:
    def walk(command: _click.Command) -> None:
        assert isinstance(command, LawgovCommand | LawgovGroup), command.name
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))


def test_build_help_in_chinese(runner: CliRunner, chinese: None) -> None:
    text = _help(runner, ("build",), "-h")
    assert text.startswith("用法：lawgov build [选项] 文件...\n\n  检查每份报告并生成输出文件")
    assert "\n参数：\n  文件...  报告的 YAML 文件，或存放它们的目录。［必填］\n" in text
    assert "  -o, --output-dir 目录  输出文件存放的目录（默认：与输入文件放在一起）。\n" in text
    assert "  -j, --jobs 数量        同时生成的文件数。［默认：1；至少为 1］\n" in text
    assert "  示例：lawgov build examples/2021.yaml -o out/\n" in text
    assert all(display_width(line) <= 80 for line in text.splitlines())


def test_build_help_in_english(runner: CliRunner) -> None:
    text = _help(runner, ("build",), "-h")
    assert text.startswith("Usage: lawgov build [OPTIONS] FILE...\n\n  Check each report")
    assert (
        "\nArguments:\n  FILE...  Report YAML files, or directories of them. [required]\n" in text
    )
    assert "  -j, --jobs N           Build this many files in parallel. [default: 1; at" in text


USAGE_ERRORS = [
    (
        ["check", "--bogus", "x"],
        "Usage: lawgov check [OPTIONS] FILE...\nTry 'lawgov check --help' for help.\n\n"
        "Error: No such option: --bogus\n",
        "用法：lawgov check [选项] 文件...\n查看帮助：lawgov check --help\n\n"
        "错误：没有 --bogus 这个选项\n",
    ),
    (
        ["chek"],
        "Usage: lawgov [OPTIONS] COMMAND [ARGS]...\nTry 'lawgov --help' for help.\n\n"
        "Error: No such command: chek (did you mean check, schema?)\n",
        "用法：lawgov [选项] 命令 [参数]...\n查看帮助：lawgov --help\n\n"
        "错误：没有 chek 这个命令（是不是 check、schema？）\n",
    ),
    (
        ["build"],
        "Usage: lawgov build [OPTIONS] FILE...\nTry 'lawgov build --help' for help.\n\n"
        "Error: Missing argument 'FILE'.\n",
        "用法：lawgov build [选项] 文件...\n查看帮助：lawgov build --help\n\n"
        "错误：缺少参数“文件”。\n",
    ),
    (
        ["build", "-j", "0", "x.yaml"],
        "Usage: lawgov build [OPTIONS] FILE...\nTry 'lawgov build --help' for help.\n\n"
        "Error: Invalid value for '--jobs / -j': expected a whole number of at least 1, got '0'\n",
        "用法：lawgov build [选项] 文件...\n查看帮助：lawgov build --help\n\n"
        "错误：“--jobs / -j”的值不对：应为不小于 1 的整数，现在是“0”\n",
    ),
    (
        ["check", "--format", "xml", "x.yaml"],
        "Usage: lawgov check [OPTIONS] FILE...\nTry 'lawgov check --help' for help.\n\n"
        "Error: Invalid value for '--format': expected one of text, json, got 'xml'\n",
        "用法：lawgov check [选项] 文件...\n查看帮助：lawgov check --help\n\n"
        "错误：“--format”的值不对：应为以下之一：text、json，现在是“xml”\n",
    ),
    (
        ["new", "二〇二二"],
        "Usage: lawgov new [OPTIONS] YEAR\nTry 'lawgov new --help' for help.\n\n"
        "Error: Invalid value for 'YEAR': expected a whole number, got '二〇二二'\n",
        "用法：lawgov new [选项] 年份\n查看帮助：lawgov new --help\n\n"
        "错误：“年份”的值不对：应为整数，现在是“二〇二二”\n",
    ),
    (
        ["diff", "a.yaml", "b.yaml", "c.yaml"],
        "Usage: lawgov diff [OPTIONS] OLD NEW\nTry 'lawgov diff --help' for help.\n\n"
        "Error: Unexpected extra argument: c.yaml\n",
        "用法：lawgov diff [选项] 旧文件 新文件\n查看帮助：lawgov diff --help\n\n"
        "错误：多余的参数：c.yaml\n",
    ),
    (
        ["build", "x.yaml", "-f", "rtf"],
        "Usage: lawgov build [OPTIONS] FILE...\nTry 'lawgov build --help' for help.\n\n"
        "Error: Invalid value for '--format': unknown format rtf; choose from docx, html,"
        " html-fragment, md, pdf\n",
        "用法：lawgov build [选项] 文件...\n查看帮助：lawgov build --help\n\n"
        "错误：“--format”的值不对：没有 rtf 这种格式；可选：docx、html、html-fragment、md、pdf\n",
    ),
    (
        ["build", "x.yaml", "-o"],
        "Error: Option -o needs a value.\n",
        "错误：选项 -o 后面要写一个值。\n",
    ),
]


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize(("args", "english", "chinese_text"), USAGE_ERRORS)
def test_usage_errors_in_both_languages(
    args: list[str],
    english: str,
    chinese_text: str,
    language: str,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LAWGOV_LANG", language)
    i18n.reload()
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (english if language == "en" else chinese_text)


def test_typer_is_the_version_the_help_module_was_written_for() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    spec = next(d for d in project["project"]["dependencies"] if d.startswith("typer"))
    assert version("typer") in SpecifierSet(spec.removeprefix("typer"))
    assert typer.__version__ == version("typer")
    # What cli/help.py reads: the vendored Click's exceptions and Typer's parameter types.
    exceptions = _click.exceptions
    for name in ("NoSuchOption", "MissingParameter", "BadParameter", "BadOptionUsage"):
        assert issubclass(getattr(exceptions, name), exceptions.UsageError)
    command = typer.main.get_command(app).commands["check"]  # type: ignore[attr-defined]
    fmt = next(p for p in command.params if p.name == "output_format")
    assert fmt.type_descriptor.choices is not None


def test_wrap_breaks_chinese_by_width_and_keeps_marks_attached() -> None:
    text = (
        "检查发现的警告会显示出来，生成照常进行（加 --strict 时警告也会停止生成）；错误会停止生成。"
    )
    lines = wrap(text, 20)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(display_width(line) <= 21 for line in lines)
    assert not any(line[:1] in "，。；）" for line in lines)
    assert not any(line.endswith("（") for line in lines)
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    # Click's "[default: …]" in full-width brackets, as the Chinese help prints it
    assert wrap("写到这个文件。［默认：text］", 16) == ["写到这个文件。", "［默认：text］"]


_PIECES = st.sampled_from(
    [
        "法",
        "治",
        "政",
        "府",
        "，",
        "。",
        "（",
        "）",
        "“",
        "”",
        "［",
        "］",
        "LG104",
        "--strict",
        " ",
        "a",
        "yaml",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=80), st.integers(min_value=12, max_value=60))
def test_wrap_keeps_every_character_and_the_margin(pieces: list[str], width: int) -> None:
    text = " ".join("".join(pieces).split())
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines[1:]:
        assert line[:1] not in "，。）”］"
    for line in lines[:-1]:
        assert line[-1:] not in "（“［"
    longest = max(
        (display_width(t) for t in text.split()), default=0
    )  # a long word may stand alone
    assert all(display_width(line) <= max(width, longest + 4) for line in lines)
