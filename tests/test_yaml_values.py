"""YAML values that must not slip through: nulls, CR line breaks, absurd nesting, enum words.

Each case shows the exact diagnostic (issue 15, "YAML values"), and folding of wrapped lines is
checked as a property over Chinese, Latin and mixed text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.errors import ReportError
from lawgov_report.pipeline import load_report
from lawgov_report.source.loader import load_data

from helpers import EXAMPLE

BASE = """organization: 高青县科学技术局
year: 2021
date: 2022-01-07
parts:
  - kind: measures
    title: 主要举措和成效
    paragraphs:
      - 全年组织学法12次。
"""


def _check(tmp_path: Path, runner: CliRunner, text: str, name: str = "r.yaml") -> tuple[int, str]:
    """Check a file; the rules on required parts are off (BASE has one part only)."""
    (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    result = runner.invoke(app, ["check", "-q", "--ignore", "LG110,LG111", str(tmp_path / name)])
    return result.exit_code, result.stderr.replace(f"{tmp_path}/", "")


def test_null_organization_is_an_error_at_its_place(tmp_path: Path, runner: CliRunner) -> None:
    code, stderr = _check(tmp_path, runner, BASE.replace("高青县科学技术局", "~"))
    assert code == 1
    assert stderr == (
        "r.yaml:1:15: error: organization: has no value (nothing after the colon, or ~ or null,"
        " means no value in YAML) [LG012]\n"
        "  1 | organization: ~\n"
        "    |               ^\n"
        "  hint: write the value, e.g. 'organization: 高青县科学技术局'\n"
        "1 error, 0 warnings\n"
    )


@pytest.mark.parametrize("value", ["null", "~", "", "Null"])
def test_null_closing_is_an_error_not_the_word_null(
    value: str, tmp_path: Path, runner: CliRunner
) -> None:
    code, stderr = _check(tmp_path, runner, f"{BASE}closing: {value}".rstrip() + "\n")
    assert code == 1
    column = 10 if value else 9
    assert stderr.splitlines()[0] == (
        f"r.yaml:9:{column}: error: closing: has no value (nothing after the colon, or ~ or null,"
        " means no value in YAML) [LG012]"
    )


def test_quoted_null_is_the_text_typed(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text(f'{BASE}closing: "~"\n', encoding="utf-8")
    assert load_report(tmp_path / "r.yaml").closing == "~"


@pytest.mark.parametrize("escape", ["\\r", "\\r\\n", "\\u2028", "\\n"])
def test_escaped_line_breaks_in_text_are_refused(
    escape: str, tmp_path: Path, runner: CliRunner
) -> None:
    text = BASE.replace("- 全年组织学法12次。", f'- "全年组织学法{escape}12次。"')
    code, stderr = _check(tmp_path, runner, text)
    assert code == 1
    assert stderr.splitlines()[0] == (
        "r.yaml:8:9: error: parts[0].paragraphs[0]: a paragraph cannot contain a line break;"
        " write it on one line, or split it into separate list entries [LG012]"
    )


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_cr_line_breaks_fold_like_lf(newline: str, tmp_path: Path) -> None:
    text = BASE.replace("- 全年组织学法12次。", "- 全年组织学法12次，\n        开展普法20余场。")
    (tmp_path / "r.yaml").write_bytes(text.replace("\n", newline).encode("utf-8"))
    report = load_report(tmp_path / "r.yaml")
    assert report.parts[0].paragraphs[0].text == "全年组织学法12次，开展普法20余场。"


def test_deep_nesting_is_a_located_error(tmp_path: Path, runner: CliRunner) -> None:
    deep = "parts:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(600))
    code, stderr = _check(tmp_path, runner, deep)
    assert code == 1
    assert stderr.splitlines()[0] == "r.yaml:51:51: error: nested more than 50 levels deep [LG005]"
    assert "Traceback" not in stderr


@pytest.mark.parametrize("depth", [600, 5000, 200_000])
def test_deep_flow_nesting_never_exhausts_the_stack(depth: int) -> None:
    with pytest.raises(ReportError) as caught:
        load_data("parts: " + "[" * depth + "]" * depth + "\n", "r.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.location.line) == ("LG005", 1)


def test_an_unknown_severity_is_told_about_severities(tmp_path: Path, runner: CliRunner) -> None:
    code, stderr = _check(tmp_path, runner, f"{BASE}lint:\n  severity: {{LG101: fatal}}\n")
    assert code == 1
    assert stderr == (
        "r.yaml:10:21: error: lint.severity.LG101: expected one of error, warning, info;"
        " got 'fatal' [LG012]\n"
        "  10 |   severity: {LG101: fatal}\n"
        "     |                     ^\n"
        "  hint: error stops check and build; warning is printed (and fails with --strict);"
        " info is only printed\n"
        "1 error, 0 warnings\n"
    )


def test_the_example_still_validates() -> None:
    assert load_report(EXAMPLE).organization == "高青县科学技术局"


# ------------------------------------------------------------------ folding as a property

_CJK_CHARS = "法治政府建设年度报告全年组织学法开展普法宣传活动，。、；：“”"
_CJK = st.sampled_from(_CJK_CHARS)
_LATIN_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789", min_size=1)
_TOKEN = st.one_of(_CJK, _LATIN_WORD)


@st.composite
def wrapped_text(draw: st.DrawFn) -> tuple[str, list[str], list[bool]]:
    """A text, the same text broken over lines where a person could break it, and which
    breaks took the place of a space.

    Between Latin words the break takes the place of the space; next to a Chinese character
    or mark (known by construction, not by asking the code under test) it goes between two
    characters with no space.
    """
    tokens = draw(st.lists(_TOKEN, min_size=2, max_size=30))
    text = ""
    for token in tokens:
        if text and text[-1] not in _CJK_CHARS and token[0] not in _CJK_CHARS:
            text += " "
        text += token
    lines, line, spaced = [], "", []
    for i, ch in enumerate(text):
        before = text[i - 1] if i else ""
        if ch == " " and draw(st.booleans()):
            lines.append(line)
            spaced.append(True)
            line = ""
            continue
        breakable = line and " " not in (ch, before) and (ch in _CJK_CHARS or before in _CJK_CHARS)
        if breakable and draw(st.integers(0, 4)) == 0:
            lines.append(line)
            spaced.append(False)
            line = ""
        line += ch
    lines.append(line)
    return text, lines, spaced


def _plain_yaml(lines: list[str]) -> str:
    return "text: " + "\n  ".join(lines) + "\n"


def _quoted_yaml(lines: list[str]) -> str:
    return "text: '" + "\n  ".join(lines) + "'\n"


def _double_quoted_yaml(lines: list[str]) -> str:
    return 'text: "' + "\n  ".join(lines) + '"\n'


@st.composite
def escaped_text(draw: st.DrawFn) -> tuple[str, str]:
    """A wrapped text in double quotes with escapes: characters written as \\uXXXX or \\xXX,
    and some line breaks escaped with a final backslash (after the space they replace)."""
    text, lines, spaced = draw(wrapped_text())
    written = []
    for index, line in enumerate(lines):
        out = ""
        for ch in line:
            if draw(st.integers(0, 5)) == 0:
                out += f"\\x{ord(ch):02X}" if ch.isascii() else f"\\u{ord(ch):04x}"
            else:
                out += ch
        if index < len(spaced) and draw(st.booleans()):
            out += " \\" if spaced[index] else "\\"
        written.append(out)
    return text, _double_quoted_yaml(written)


@settings(max_examples=200, deadline=None)
@given(wrapped_text())
def test_wrapped_text_folds_back_to_what_was_typed(case: tuple[str, list[str], list[bool]]) -> None:
    text, lines, _spaced = case
    for render in (_plain_yaml, _quoted_yaml, _double_quoted_yaml):
        source = render(lines)
        if render is _plain_yaml and any(ln[:1] in "-?:,[]{}#&*!|>'\"%@`" for ln in lines):
            continue
        assert load_data(source, "t.yaml").data == {"text": text}, source


@settings(max_examples=200, deadline=None)
@given(escaped_text())
def test_double_quoted_text_with_escapes_folds_back_to_what_was_typed(
    case: tuple[str, str],
) -> None:
    text, source = case
    assert load_data(source, "t.yaml").data == {"text": text}, source


def test_an_escape_does_not_stop_a_chinese_fold() -> None:
    source = 'text: "发放\\u201c法\\u201d宣传册，\n  开展普法"\n'
    assert load_data(source, "t.yaml").data == {"text": "发放“法”宣传册，开展普法"}
