"""Writing a report's data as YAML a civil servant can read: Chinese comments, one text a line.

Why its own module: ``lawgov new`` and ``lawgov import`` both write YAML for people to edit, and
both should look like ``examples/2021.yaml`` — keys in the model's order, a comment before each
top-level key saying what it is, texts on one line, no YAML anchors.
"""

from __future__ import annotations

from typing import Any

import yaml

KEY_COMMENTS = {
    "organization": "发文机关署名（全称或规范化简称）。",
    "year": "报告年度：本报告总结的是哪一年的工作。",
    "date": "成文日期，可写 2022-01-07 或 2022年1月7日。",
    "title": "标题。一行排不下时写成列表，每项一行（在词语之间断行）。",
    "doc_number": "发文字号：机关代字〔年份〕序号号。",
    "recipients": "主送机关，以全角冒号结尾。",
    "opening": "开头段落（在“一、”之前）。",
    "parts": (
        "正文各部分，序号（一、（一）1.（1）一是）自动生成，不要手工输入。\n"
        "kind：measures 主要举措和成效；responsibility 第一责任人履职情况；problems 不足和原因；\n"
        "plans 下一年度安排；other 其他需要报告的情况；thematic 专题部分。\n"
        "run_in: true 表示标题与正文同段；points 是“一是、二是……”的各点。"
    ),
    "closing": "结束语。",
    "attachments": "附件名称，按顺序列出。",
    "figures": "主要数据：键名见 README 的主要数据目录；比率由分子、分母自动计算，不要填写。",
    "output": "版式和模板设置。",
    "print": "纸质报送版本的版头和版记。",
    "lint": "检查规则设置。",
}


class _Dumper(yaml.SafeDumper):
    """Plain YAML: repeated values written out in full (no &anchors)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _comment(text: str) -> str:
    return "".join(f"# {line}\n" for line in text.splitlines())


def commented_yaml(data: dict[str, Any], header: str, schema_ref: str | None) -> str:
    """The YAML text of ``data`` with the schema modeline, ``header`` and per-key comments.

    No ``schema_ref``: no modeline (a link to a file that is not there only confuses editors).
    """
    modeline = f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else ""
    out = [modeline, _comment(header), "\n"]
    for key, value in data.items():
        out.append(_comment(KEY_COMMENTS.get(key, "")))
        out.append(
            yaml.dump(
                {key: value},
                Dumper=_Dumper,
                allow_unicode=True,
                sort_keys=False,
                width=1_000_000,
                indent=2,
            )
        )
        if isinstance(value, list | dict):
            out.append("\n")
    return "".join(out).rstrip("\n") + "\n"
