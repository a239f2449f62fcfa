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
# Chinese titles, which editors show on hover and in completion lists beside the key. A key
# found in no table gets the first phrase of its (Chinese) description.
TITLES = {
    "Report": "法治政府建设年度报告",
    "Part": "部分（一、）",
    "Item": "二级条目（（一））",
    "SubItem": "三级条目（1.）",
    "DetailItem": "四级条目（（1））",
    "Paragraph": "段落",
    "PartKind": "内容类别",
    "LintSettings": "检查规则设置",
    "Severity": "级别",
    "OutputSettings": "版式和模板设置",
    "Variant": "版本",
    "Fonts": "字体",
    "PrintSettings": "版头和版记",
    "FigureSection": "主要数据",
    "FigureValue": "一项数据",
}
PROPERTY_TITLES = {
    "organization": "发文机关署名",
    "year": "报告年度",
    "date": "成文日期",
    "title": "标题",
    "doc_number": "发文字号",
    "recipients": "主送机关",
    "opening": "开头段落",
    "parts": "正文各部分",
    "closing": "结束语",
    "attachments": "附件",
    "output": "版式和模板设置",
    "print": "版头和版记",
    "lint": "检查规则设置",
    "kind": "内容类别",
    "also_covers": "还涵盖的内容类别",
    "paragraphs": "正文段落",
    "items": "下一级条目",
    "run_in": "段内标题",
    "text": "段落文字",
    "points": "并列要点（一是、二是）",
    "after": "要点之后的文字",
    "select": "只运行的规则",
    "ignore": "不运行的规则",
    "severity": "规则级别",
    "variant": "版本",
    "template_dir": "模板文件夹",
    "reference_docx": "参考 Word 文件",
    "fonts": "字体",
    "bold_level3": "三级标题加粗",
    "seal": "加盖印章",
    "line_spacing": "行距（磅）",
    "body": "正文字体",
    "heading1": "一级标题字体",
    "heading2": "二级标题字体",
    "page_number": "页码字体",
    "letterhead": "发文机关标志",
    "signer": "签发人",
    "copy_to": "抄送机关",
    "printed_by": "印发机关",
    "printed_date": "印发日期",
    "figures": "主要数据",
    "attachment": "附“主要数据”表",
    "plots": "趋势图",
}
_OWN_TITLES = {
    ("Part", "title"): "一级标题",
    ("Part", "paragraphs"): "导语段落",
    ("Part", "items"): "二级条目",
    ("Item", "title"): "二级标题",
    ("Item", "items"): "三级条目",
    ("SubItem", "title"): "三级标题",
    ("SubItem", "items"): "四级条目",
    ("DetailItem", "title"): "四级标题",
    ("Fonts", "title"): "标题字体",
}
_PARAGRAPH_REF = {"$ref": "#/$defs/Paragraph"}
_PHRASE_END = "，。（：；,(:"


def _from_description(description: str) -> str:
    """The first phrase of a description, as a title for a key no table names."""
    cut = min((i for i in (description.find(ch) for ch in _PHRASE_END) if i > 0), default=16)
    return description[: min(cut, 16)]


def _drop_inner_titles(node: Any) -> None:
    """Pydantic's English titles inside ``anyOf`` branches; the property carries the title."""
    if isinstance(node, dict):
        node.pop("title", None)
        for value in node.get("anyOf", []):
            _drop_inner_titles(value)


def _title_properties(owner: str, schema: dict[str, Any]) -> None:
    for branch in [schema, *schema.get("anyOf", [])]:
        for name, prop in branch.get("properties", {}).items():
            for value in prop.get("anyOf", []):
                _drop_inner_titles(value)
            prop["title"] = _OWN_TITLES.get(
                (owner, name),
                PROPERTY_TITLES.get(name) or _from_description(prop.get("description", name)),
            )
        if branch is not schema:
            branch.pop("title", None)


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
    schema["title"] = TITLES["Report"]
    _title_properties("Report", schema)
    for name, definition in defs.items():
        definition["title"] = TITLES.get(name) or _from_description(
            definition.get("description", name)
        )
        _title_properties(name, definition)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    """The schema as stable, readable JSON text (committed as schema/lawgov.schema.json)."""
    return json.dumps(build_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
