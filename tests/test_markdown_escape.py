"""Markdown escaping: the rendered page shows exactly the text the user wrote."""

from __future__ import annotations

import pytest

from lawgov_report.render import markdown_escape

from helpers import markdown_paragraphs

TRICKY = [
    "**加粗**与_斜体_",
    "<b>标签</b> & 实体 &amp; &#32;",
    "# 不是标题",
    "- 不是列表",
    "+ 不是列表",
    "1. 不是编号",
    "2021) 不是编号",
    "---",
    "===",
    "    四个空格开头",
    "结尾空格  ",
    "| 表格 | 列 |",
    "`代码` 与 \\ 反斜杠",
    "[链接](http://example.com) ![图](x.png)",
    "~~删除线~~ 与 $公式$",
    "{{ 7*7 }} {% raw %}",
    "3.15消费者权益日",
]


@pytest.mark.parametrize("text", TRICKY)
def test_line_renders_literally(text: str) -> None:
    assert markdown_paragraphs(markdown_escape.line(text) + "\n") == [text]


def test_plain_chinese_is_untouched() -> None:
    text = "2021年，县科技局“三个到位”（一）《宪法》。"
    assert markdown_escape.line(text) == text
