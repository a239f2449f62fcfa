"""Output on odd consoles: a C locale, GBK, cp936 redirected to a file. Never a traceback.

Run as a real process (``python -m lawgov_report``): the console's encoding is chosen by Python
at start-up from the locale and ``PYTHONIOENCODING``, which ``CliRunner`` does not imitate.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLE

BAD = """organization：高青县𫖮科学技术局
year: 2021
"""


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LC_", "LANG", "PYTHON", "LAWGOV_LANG"))
    }
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "lawgov_report", *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        check=False,
    )


@pytest.mark.parametrize("utf8_mode", ["0", "1"])
def test_c_locale_with_a_chinese_file_name(utf8_mode: str, tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "高青县2021.yaml")
    result = _run(
        ["build", "高青县2021.yaml", "-f", "md"], tmp_path, LC_ALL="C", PYTHONUTF8=utf8_mode
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout == "高青县2021.md\n".encode()
    assert result.stderr == b""
    assert (tmp_path / "高青县2021.md").is_file()


def test_c_locale_messages_are_english_and_readable(tmp_path: Path) -> None:
    (tmp_path / "报告.yaml").write_text(BAD, encoding="utf-8")
    result = _run(["check", "报告.yaml"], tmp_path, LC_ALL="C", PYTHONUTF8="0")
    assert result.returncode == 1
    stderr = result.stderr.decode("utf-8", "replace")
    assert stderr.startswith("报告.yaml:1:13: error: a full-width colon '?' after the key")
    assert "Traceback" not in stderr


@pytest.mark.parametrize("encoding", ["gbk", "cp936"])
def test_gbk_console_prints_chinese_and_replaces_what_gbk_lacks(
    encoding: str, tmp_path: Path
) -> None:
    (tmp_path / "报告.yaml").write_text(BAD, encoding="utf-8")
    result = _run(["check", "报告.yaml"], tmp_path, PYTHONIOENCODING=encoding, LAWGOV_LANG="zh")
    assert result.returncode == 1
    stderr = result.stderr.decode("gbk")
    assert stderr.splitlines()[:3] == [
        "报告.yaml:1:13: 错误：键“organization”后面用了中文全角冒号“：” [LG003]",
        "  1 | organization：高青县?科学技术局",
        "    |             ^",
    ]
    assert stderr.endswith("1 个错误，0 个警告\n") or stderr.endswith("1 个错误，0 个警告\r\n")


def test_data_on_stdout_stays_utf8_on_a_gbk_console(tmp_path: Path) -> None:
    (tmp_path / "报告.yaml").write_text(BAD, encoding="utf-8")
    result = _run(
        ["check", "--format", "json", "报告.yaml"],
        tmp_path,
        PYTHONIOENCODING="gbk",
        LAWGOV_LANG="zh",
    )
    findings = json.loads(result.stdout.decode("utf-8"))
    assert findings[0]["file"] == "报告.yaml"
    assert findings[0]["message"] == "键“organization”后面用了中文全角冒号“：”"


def test_chinese_locale_is_chosen_from_lang(tmp_path: Path) -> None:
    result = _run(["check", str(EXAMPLE)], tmp_path, LANG="zh_CN.UTF-8")
    assert result.returncode == 0
    assert result.stderr.decode("utf-8") == f"{EXAMPLE}：未发现问题\n"


@pytest.mark.parametrize("command", [["--help"], ["build", "--help"]])
def test_help_follows_lang(command: list[str], tmp_path: Path) -> None:
    from test_cli_help import english_sentences

    chinese = _run(command, tmp_path, LANG="zh_CN.UTF-8")
    text = chinese.stdout.decode("utf-8")
    assert chinese.returncode == 0
    assert text.startswith("用法：")
    assert english_sentences(text) == []
    plain = _run(command, tmp_path, LANG="C")
    assert plain.returncode == 0
    assert plain.stdout.decode("utf-8").startswith("Usage: ")
    assert not {"用法", "选项", "参数"} & set(plain.stdout.decode("utf-8").split())
