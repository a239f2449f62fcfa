"""The scanned structure → report data for the YAML: points, part kinds, year, dates, print.

Why apart from scanning: these are the judgements made on a whole report once its structure is
known — which paragraphs hold 一是/二是 points, what each part is about, which year the report
covers, which fields of a website's information panel fill gaps in the report, what one part
to make of a body without 一、 parts, what to do with text after 特此报告。, and the ``print:``
settings of a 版头 and 版记 — and each guess that could be wrong is a warning at its source line.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..errors import Diagnostic
from ..i18n import _
from ..model.marks import TODO
from ..render.numbering import chinese_ordinal
from .elements import DATE_LINE, doc_number, furniture, iso_date, short
from .lines import Line
from .structure import Node, Scan

_YEAR_IN_TITLE = re.compile(r"(\d{4})\s*年")
_LEADING_YEAR = re.compile(r"^(\d{4})年")
_ISO = re.compile(r"^(\d{4})-\d{2}-\d{2}$")
_POINT = re.compile(r"(?:^|(?<=[，。；：,;:]))([一二三四五六七八九十]{1,3})是")
_KIND_WORDS = [
    ("responsibility", ("第一责任人",)),
    ("problems", ("问题", "不足")),
    ("plans", ("下一步", "计划", "安排", "打算", "思路")),
    ("measures", ("举措", "成效", "主要工作", "工作情况", "措施和成效")),
    ("other", ("其他需要报告",)),
]
# A body without 一、 parts: what its text is mostly about, and the title its one part gets.
_CONTENT_WORDS = {
    "measures": ("举措", "成效", "推进", "开展", "加强", "完善", "落实", "健全", "组织"),
    "problems": ("问题", "不足", "差距", "短板", "薄弱"),
    "plans": ("下一步", "计划", "打算", "将继续", "明年"),
    "responsibility": ("第一责任人", "主要负责人", "主要负责同志"),
}
_GUESSED_TITLES = {
    "measures": "法治政府建设的主要举措和成效",
    "problems": "存在的不足和原因",
    "plans": "下一年度推进法治政府建设的主要安排",
    "responsibility": "履行推进法治建设第一责任人职责情况",
}


class Imported(NamedTuple):
    """The recovered report data (ready for YAML) and the guesses worth checking."""

    data: dict[str, Any]
    warnings: list[Diagnostic]


def _points(text: str) -> dict[str, Any] | str:
    """A paragraph with 一是……二是…… → text + points (lossless: joining gives the text back)."""
    found = [(m.start(), m.end(), m.group(1)) for m in _POINT.finditer(text)]
    series: list[tuple[int, int]] = []
    for start, end, ordinal in found:
        if ordinal == chinese_ordinal(len(series) + 1):
            series.append((start, end))
        elif not series:
            continue
    if not series:
        return text
    lead = text[: series[0][0]]
    points = [
        text[end : (series[i + 1][0] if i + 1 < len(series) else len(text))]
        for i, (_, end) in enumerate(series)
    ]
    if any(not p for p in points):
        return text
    paragraph: dict[str, Any] = {"text": lead} if lead else {}
    paragraph["points"] = points
    return paragraph


def _kind(title: str) -> str:
    for kind, words in _KIND_WORDS:
        if any(word in title for word in words):
            return kind
    return "thematic"


def _node_data(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {"title": node.title}
    if node.run_in:
        data["run_in"] = True
    if node.paragraphs:
        data["paragraphs"] = [_points(p) for p in node.paragraphs]
    if node.items:
        data["items"] = [_node_data(child) for child in node.items]
    return data


def _all_text(node: Node) -> str:
    return "".join([node.title, *node.paragraphs, *(_all_text(child) for child in node.items)])


def _guess_part(part: Node, state: Scan) -> None:
    """Kind and title for the one part of a body without 一、 parts, from its words."""
    text = _all_text(part)
    counts = {
        kind: sum(text.count(word) for word in words) for kind, words in _CONTENT_WORDS.items()
    }
    kind = max(counts, key=lambda k: counts[k]) if any(counts.values()) else "measures"
    part.kind, part.title = kind, _GUESSED_TITLES[kind]
    state.warn(
        part.line,
        "LG608",
        _(
            "no 一、 parts found: the body is put in one part, kind {kind}, titled “{title}” "
            "(guessed from its words; printed as 一、{title}) — check both, or divide the body "
            "into parts"
        ).format(kind=kind, title=part.title),
    )


def _part_data(part: Node, state: Scan) -> dict[str, Any]:
    if part.synthetic:
        _guess_part(part, state)
    kind = part.kind or _kind(part.title)
    if kind == "thematic":
        state.warn(
            part.line,
            "LG606",
            _("part “{title}”: kind not recognised from the title, set to thematic").format(
                title=part.title
            ),
        )
    data: dict[str, Any] = {"kind": kind, "title": part.title}
    if kind != "responsibility" and any("第一责任人" in item.title for item in part.items):
        data["also_covers"] = ["responsibility"]
    body = _node_data(part)
    body.pop("title")
    body.pop("run_in", None)
    data.update(body)
    return data


def _leftovers(state: Scan) -> None:
    """Text after the closing formula that was no 署名, each with a warning.

    Web-page furniture is dropped; anything else is kept at the end of the last part.
    """
    for text, number in zip(state.tail, state.tail_lines, strict=False):
        if furniture(text):
            state.warn(
                number,
                "LG602",
                _("skipped a line after the report text: “{text}”").format(text=short(text)),
            )
        elif state.parts:
            state.parts[-1].paragraphs.append(text)
            state.warn(
                number,
                "LG602",
                _(
                    "text after the closing formula kept at the end of the last part: “{text}”"
                ).format(text=short(text)),
            )


def _use_panel(state: Scan) -> None:
    """The website panel's fields, where the report itself lacks them; its other lines skipped."""
    data = state.data
    used: set[int] = set()
    for keys, target in (
        (("发文字号", "文号", "文件编号"), "doc_number"),
        (("成文日期", "发文日期"), "date"),
        (("发布机构", "发文机关", "发文单位", "发布单位"), "organization"),
        (("名称", "标题"), "title"),
    ):
        found = next((state.panel[key] for key in keys if key in state.panel), None)
        if found is None or target in data:
            continue
        value, line = found
        if target == "doc_number":
            number = doc_number(value)
            if number is None or number.placeholder:
                continue
            value = number.text
        elif target == "date":
            iso = iso_date(value)
            if iso is None:
                continue
            value = iso
        data[target] = value
        used.add(line)
        state.warn(
            line,
            "LG613",
            _("{key} taken from the web page's information panel: {value}").format(
                key=target, value=value
            ),
        )
    for line_number, text in state.panel_lines:
        if line_number not in used:
            state.warn(
                line_number,
                "LG602",
                _("skipped a line of the web page's information panel: “{text}”").format(
                    text=short(text)
                ),
            )


def _ensure_part(state: Scan) -> None:
    """A report without 一、 parts gets one part holding its body (kind and title guessed later).

    The opening keeps its first paragraph — or the paragraphs up to one ending in 如下： —
    as the lead-in to the body; the rest becomes the part's text.
    """
    if state.parts:
        return
    opening = state.opening
    lead = next(
        (i + 1 for i, text in enumerate(opening[:3]) if text.endswith(("如下：", "如下:"))),
        1 if len(opening) > 1 else 0,
    )
    part = Node("", 1, state.last_line, synthetic=True)
    part.paragraphs = opening[lead:]
    state.opening = opening[:lead]
    state.parts.append(part)


def _dates(data: dict[str, Any], state: Scan, lines: list[Line]) -> None:
    last_line = lines[-1].number if lines else 1
    title = data.get("title")
    title_text = "".join(title) if isinstance(title, list) else (title or "")
    match = DATE_LINE.match(data.get("date", ""))
    iso = _ISO.match(data.get("date", ""))
    date_year = int(match.group(1)) if match else (int(iso.group(1)) if iso else 0)
    year_match = _YEAR_IN_TITLE.search(title_text)
    opening_year = next((m for p in state.opening if (m := _LEADING_YEAR.match(p))), None)
    if year_match:
        data["year"] = int(year_match.group(1))
    elif opening_year:
        data["year"] = int(opening_year.group(1))
        state.warn(
            last_line,
            "LG607",
            _("report year taken from the opening “{text}”: {year}").format(
                text=opening_year.group(), year=data["year"]
            ),
        )
    elif date_year:
        data["year"] = date_year - 1
        state.warn(
            last_line,
            "LG607",
            _("report year taken as the year before the date: {year}").format(year=data["year"]),
        )
    else:
        data["year"] = TODO
        state.warn(last_line, "LG607", _("report year not found; fill in year"))
    if not date_year:
        data["date"] = TODO
        state.warn(
            last_line,
            "LG607",
            _("成文日期 not found; fill in date (lawgov build refuses 【待填写】 until then)"),
        )
    if "organization" not in data:
        letterhead = state.print.get("letterhead", "")
        if letterhead:
            data["organization"] = letterhead.removesuffix("文件") or letterhead
            state.warn(
                state.print.get("letterhead_line", last_line),
                "LG607",
                _("发文机关署名 taken from the 发文机关标志: {name}").format(
                    name=data["organization"]
                ),
            )
        else:
            data["organization"] = TODO
            state.warn(
                last_line,
                "LG607",
                _("发文机关署名 not found; fill in organization (lawgov build refuses 【待填写】)"),
            )


def _print_settings(data: dict[str, Any], scan: Scan) -> dict[str, Any]:
    """The 版头 and 版记 found → the ``print:`` settings (letterhead only when not the default)."""
    found = scan.print
    settings: dict[str, Any] = {}
    letterhead = found.get("letterhead")
    if letterhead and letterhead != f"{data.get('organization')}文件":
        settings["letterhead"] = letterhead
    for key in ("signer", "copy_to", "printed_by", "printed_date"):
        if found.get(key):
            settings[key] = found[key]
    return settings


def assemble(scan: Scan, lines: list[Line]) -> Imported:
    """The report data in the model's key order, and every warning."""
    data = scan.data
    _use_panel(scan)
    _ensure_part(scan)
    _leftovers(scan)
    _dates(data, scan, lines)
    ordered: dict[str, Any] = {
        key: data[key] for key in ("organization", "year", "date") if key in data
    }
    for key in ("title", "doc_number", "recipients"):
        if key in data:
            ordered[key] = data[key]
    if scan.opening:
        ordered["opening"] = [_points(p) for p in scan.opening]
    ordered["parts"] = [_part_data(part, scan) for part in scan.parts]
    for key in ("closing", "attachments"):
        if key in data:
            ordered[key] = data[key]
    settings = _print_settings(ordered, scan)
    if "letterhead" in scan.print or "signer" in settings:
        ordered["output"] = {"variant": "print"}
    if settings:
        ordered["print"] = settings
    return Imported(ordered, scan.warnings)
