"""Gaps an audit found in loading and checking a report (issues 13 and 15).

Each mistake gets the exact stderr in English and in Chinese (golden files under
``tests/data/messages/``), written into a temporary directory by the test itself.
"""

from __future__ import annotations

import errno

import pytest

from lawgov_report import i18n
from lawgov_report.errors import os_error_text


@pytest.mark.parametrize(
    ("code", "in_english", "in_chinese"),
    [
        (errno.ENOENT, "no such file or directory", "文件或文件夹不存在（请检查路径和文件名）"),
        (
            errno.EACCES,
            "permission denied (ask whoever manages this computer for access)",
            "没有权限（请找本机管理员开通访问权限）",
        ),
        (
            errno.ENOSPC,
            "the disk is full (free some space and try again)",
            "磁盘已满（请腾出空间后重试）",
        ),
        (
            errno.EROFS,
            "the disk is read-only (choose a folder you can write to)",
            "磁盘是只读的（请换一个可以写入的文件夹）",
        ),
    ],
)
def test_os_error_reasons_are_in_the_readers_language(
    code: int, in_english: str, in_chinese: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    exc = OSError(code, "English from the C library")
    assert os_error_text(exc) == in_english
    monkeypatch.setenv("LAWGOV_LANG", "zh")
    i18n.reload()
    assert os_error_text(exc) == in_chinese


def test_an_unlisted_os_error_keeps_the_systems_words_and_number() -> None:
    assert os_error_text(OSError(errno.ECONNRESET, "Connection reset")) == (
        f"Connection reset (errno {errno.ECONNRESET})"
    )
    assert os_error_text(OSError("plain")) == "plain"
