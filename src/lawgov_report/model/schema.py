"""The JSON Schema of the report YAML, for editors (hover help, completion, red squiggles).

Why post-processing: pydantic derives the schema from the models, but the loader also accepts
the short forms a civil servant writes — a paragraph as plain text, one paragraph without the
list dash, a one-line title as text, a date as 2022年1月7日. The schema must accept exactly what
``lawgov check`` accepts, or editors would flag valid files; so those places are widened here,
and every definition gets a Chinese description.
"""

from __future__ import annotations

import json
from typing import Any

from .figures import widen_schema
from .report import Report

DESCRIPTIONS = {
    "Report": "法治政府建设年度报告（lawgov）。序号一律自动生成，不要手工输入。",
    "Part": "正文的一个部分，自动编号为“一、二、三、”。",
    "Item": "二级条目，自动编号为“（一）（二）”。",
    "SubItem": "三级条目，自动编号为“1. 2.”。",
    "DetailItem": "四级条目，自动编号为“（1）（2）”。",
    "Paragraph": "一段正文：直接写文字；或写成 text（引导语）+ points（一是、二是……）+ after（结尾）。",
    "PartKind": "部分的内容类别。",
    "LintSettings": "检查规则设置（见 docs/rules.md）。",
    "Severity": "级别：error 错误、warning 警告、info 提示。",
    "OutputSettings": "版式和模板设置；命令行选项优先。",
    "Variant": "版本：web 网上公开版本；print 纸质报送版本（有版头、版记）。",
    "Fonts": "各部分使用的字体名称。",
    "PrintSettings": "纸质报送版本的版头和版记。",
}
_PARAGRAPH_REF = {"$ref": "#/$defs/Paragraph"}


def _widen_paragraph_lists(node: Any) -> None:
    """``paragraphs: [...]`` may also be a single paragraph."""
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if (
                isinstance(value, dict)
                and value.get("type") == "array"
                and value.get("items") == _PARAGRAPH_REF
            ):
                description = value.pop("description", "")
                node[key] = {"description": description, "anyOf": [value, _PARAGRAPH_REF]}
            else:
                _widen_paragraph_lists(value)
    elif isinstance(node, list):
        for value in node:
            _widen_paragraph_lists(value)


def build_schema() -> dict[str, Any]:
    """The schema as a dict, with the short forms the loader accepts."""
    schema = Report.model_json_schema()
    defs = schema["$defs"]
    paragraph = defs["Paragraph"]
    defs["Paragraph"] = {"anyOf": [{"type": "string"}, paragraph]}
    _widen_paragraph_lists(schema)
    props = schema["properties"]
    title = props["title"]
    props["title"] = {
        "description": title["description"],
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    }
    date = props["date"]
    props["date"] = {
        "description": date["description"],
        "anyOf": [
            {"type": "string", "format": "date"},
            {"type": "string", "pattern": r"^\d{4}年\d{1,2}月\d{1,2}日$"},
        ],
    }
    widen_schema(defs)
    schema["description"] = DESCRIPTIONS["Report"]
    for name, text in DESCRIPTIONS.items():
        if name in defs:
            defs[name]["description"] = text
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    """The schema as stable, readable JSON text (committed as schema/lawgov.schema.json)."""
    return json.dumps(build_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
