"""``lawgov new``: next year's YAML from last year's, with nothing stale able to slip through.

What it keeps and why (the choice that saves the most typing safely):
- organization, 主送机关, closing formula, lint settings, the structure: parts with their kinds
  and titles — these rarely change;
- every sentence of last year's text, prefixed with 【去年】: much of a report carries over
  (基本情况, 长期机制), and editing is less typing than writing; the prefix makes each one an
  error (LG150) until the user has rewritten it and removed the prefix;
- last year's plans (下一步安排) become the item outline of this year's measures part, marked
  【去年计划】 with a 【待填写】 paragraph for what was done: the plans are what the new report
  must account for;
- 成文日期 and 发文字号's sequence number become 【待填写】: the file fails ``lawgov check``
  until they are filled in; the report year advances, and so does the year in the title;
- the figures keep their keys (and an own figure its unit and label) with every number
  【待填写】: the numbers change every year, and a stale one must not pass for this year's.
"""

from __future__ import annotations

from typing import Any

from ..model.catalogue import BY_KEY
from ..model.figures import FigureSection
from ..model.marks import MARKERS, PLANNED, STALE, TODO
from ..model.report import PartKind, Report
from ..source.yaml_writer import commented_yaml

HEADER = """由 lawgov new 生成。标记的含义（lawgov check 会把每一处标记报告为错误 LG150）：
  【去年】     去年报告的原文，请改写成今年的内容后删除标记，或整句删除；
  【去年计划】 去年“下一步安排”中的一项，请写明今年的落实情况；
  【待填写】   需要填写的内容（成文日期、发文字号序号等）。"""


def _mark(text: str) -> str:
    return text if text.startswith(MARKERS) else STALE + text


def _paragraphs(paragraphs: list[dict[str, Any]]) -> list[Any]:
    marked: list[Any] = []
    for p in paragraphs:
        p = {
            key: ([_mark(v) for v in value] if isinstance(value, list) else _mark(value))
            for key, value in p.items()
        }
        marked.append(p["text"] if list(p) == ["text"] else p)
    return marked


def _heading(item: dict[str, Any]) -> dict[str, Any]:
    marked = dict(item)
    if "paragraphs" in marked:
        marked["paragraphs"] = _paragraphs(marked["paragraphs"])
    if "items" in marked:
        marked["items"] = [_heading(child) for child in marked["items"]]
    marked["title"] = _mark(marked["title"])
    return marked


def _plan_outline(report: Report) -> list[dict[str, Any]]:
    outline = []
    for part in report.parts:
        if part.kind is PartKind.PLANS:
            for item in part.items:
                outline.append(
                    {"title": PLANNED + item.title, "run_in": True, "paragraphs": [TODO]}
                )
    return outline


def next_year(previous: Report, year: int) -> dict[str, Any]:
    """The data of next year's report, derived from ``previous`` as the module docstring says."""
    old = previous.model_dump(mode="json", exclude_defaults=True)
    new: dict[str, Any] = {"organization": previous.organization, "year": year, "date": TODO}
    if previous.title:
        new["title"] = [line.replace(str(previous.year), str(year)) for line in previous.title]
    if previous.doc_number:
        new["doc_number"] = _next_doc_number(previous.doc_number, year)
    if previous.recipients:
        new["recipients"] = previous.recipients
    if "opening" in old:
        new["opening"] = _paragraphs(old["opening"])
    outline = _plan_outline(previous)
    parts = []
    for part, dumped in zip(previous.parts, old["parts"], strict=True):
        marked = dict(dumped)
        if "paragraphs" in marked:
            marked["paragraphs"] = _paragraphs(marked["paragraphs"])
        if part.kind is PartKind.MEASURES and outline:
            marked["items"], outline = outline, []
        elif "items" in marked:
            marked["items"] = [_heading(item) for item in marked["items"]]
        parts.append(marked)
    new["parts"] = parts
    for key in ("closing", "lint"):
        if key in old:
            new[key] = old[key]
    if previous.attachments:
        new["attachments"] = [_mark(name) for name in previous.attachments]
    if previous.figures is not None:
        new["figures"] = _figures(previous.figures, previous.year, year)
    return new


def _figures(section: FigureSection, old_year: int, year: int) -> dict[str, Any]:
    """Last year's figures with every number 【待填写】 (keys, units, labels and settings kept)."""
    data: dict[str, Any] = {}
    if section.attachment:
        data["attachment"] = True
    if section.attachment_title:
        data["attachment_title"] = section.attachment_title.replace(str(old_year), str(year))
    if section.decimals != 1:
        data["decimals"] = section.decimals
    for key, item in section.entries.items():
        label = {"label": item.label} if item.label else {}
        if key in BY_KEY:
            data[key] = TODO
        elif item.is_rate:
            data[key] = {"numerator": TODO, "denominator": TODO, **label}
        else:
            data[key] = {"value": TODO, "unit": item.unit, **label}
    return data


def _next_doc_number(number: str, year: int) -> str:
    """高科字〔2022〕1号 → 高科字〔2023〕【待填写】号 (issued the year after the report year)."""
    head, sep, _ = number.partition("〔")
    if not sep:
        return TODO + number
    return f"{head}〔{year + 1}〕{TODO}号"


def blank(year: int) -> dict[str, Any]:
    """A report skeleton with the five items of the 2019 规定 as parts."""
    titles = [
        (PartKind.MEASURES, f"{year}年推进法治政府建设的主要举措和成效"),
        (PartKind.PROBLEMS, f"{year}年推进法治政府建设存在的不足和原因"),
        (
            PartKind.RESPONSIBILITY,
            "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
        ),
        (PartKind.PLANS, f"{year + 1}年推进法治政府建设的主要安排"),
        (PartKind.OTHER, "其他需要报告的情况"),
    ]
    return {
        "organization": TODO,
        "year": year,
        "date": TODO,
        "parts": [
            {"kind": kind.value, "title": title, "paragraphs": [TODO]} for kind, title in titles
        ],
        "closing": "特此报告。",
    }


def to_yaml(data: dict[str, Any], schema_ref: str) -> str:
    """YAML text with the explanatory header and per-key comments."""
    return commented_yaml(data, HEADER, schema_ref)
