"""lawgov's own figures attachment (附件 主要数据) → the ``figures:`` section it was printed from.

Why: a report built with ``figures: {attachment: true}`` ends with a 附件 mark, the table's
title and a table 项目 | 单位 | 2022年 (| 2021年 | 增减) in every output. Read back as text it
would become paragraphs of the last part (Markdown) or a table dropped with a warning (Word);
read as data, the import gives back the figures the report was built from, so importing
lawgov's own outputs keeps the README's round-trip promise.

How a row comes back: a catalogue label gives its key and the number (the catalogue's unit is
the one printed); a catalogue rate is left out, as it is computed from its two counts, which
are rows of their own; any other label is a figure of the report's own, kept with its unit —
except a rate of its own: the table prints only its percentage, so its numerator and
denominator must be written again (a warning says so). The 增减 and last year's column are
last year's report's, not this one's.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..errors import Diagnostic
from ..i18n import _
from ..model.catalogue import CATALOGUE, Kind
from .lines import Line, warning

_MARK = re.compile(r"附件\s*(\d{0,2})")
_YEAR = re.compile(r"\d{4}年")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_KEY = re.compile(r"[^\W_]\w{0,39}")
_BY_LABEL = {entry.label: entry for entry in CATALOGUE}


class Figures(NamedTuple):
    """The figures read from the attachment, its title (None when not found) and its line."""

    section: dict[str, Any]
    title: str | None
    line: int


def _is_figures_table(rows: tuple[tuple[str, ...], ...]) -> bool:
    if len(rows) < 2 or len(rows[0]) < 3:
        return False
    header = rows[0]
    return header[0] == "项目" and header[1] == "单位" and _YEAR.fullmatch(header[2]) is not None


def _plain_title(text: str) -> str:
    """The title line as printed: Markdown's ``**…**`` around it removed."""
    stripped = text.strip()
    if stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4:
        return stripped[2:-2].strip()
    return stripped


def _own_key(label: str, taken: dict[str, Any]) -> str:
    if _KEY.fullmatch(label) and label not in taken:
        return label
    number = 1
    while f"数据{number}" in taken:
        number += 1
    return f"数据{number}"


def _rows(line: Line, display: str, warnings: list[Diagnostic]) -> dict[str, Any]:
    """The ``figures:`` entries of the table's rows, in the table's order."""
    section: dict[str, Any] = {}
    decimals: int | None = None
    for row in line.rows[1:]:
        if len(row) < 3 or not row[0]:
            continue
        label, unit, value = row[0], row[1], row[2]
        number = _NUMBER.fullmatch(value.replace(",", ""))
        if unit == "%":
            if number is not None and decimals is None:
                decimals = len(value.partition(".")[2])
            entry = _BY_LABEL.get(label)
            if entry is None or entry.kind is not Kind.RATE:
                warnings.append(
                    warning(
                        display,
                        line.number,
                        "LG617",
                        _(
                            "the attachment's rate “{label}” ({value}%) is not kept: the table "
                            "shows only the percentage; write it under figures: as numerator/"
                            "denominator, e.g. {key}: 35/90"
                        ).format(label=label, value=value, key=_own_key(label, section)),
                    )
                )
            continue  # a catalogue rate is computed from its counts, rows of their own
        if number is None:
            warnings.append(
                warning(
                    display,
                    line.number,
                    "LG617",
                    _("the attachment's row “{label}” has no number (“{value}”); not kept").format(
                        label=label, value=value
                    ),
                )
            )
            continue
        figure = number.group()
        entry = _BY_LABEL.get(label)
        if entry is not None and entry.kind is not Kind.RATE:
            section[entry.key] = int(figure) if figure.isdigit() else figure
        else:
            key = _own_key(label, section)
            section[key] = (
                f"{figure}{unit}"
                if key == label
                else {"value": figure, "unit": unit, "label": label}
            )
    settings: dict[str, Any] = {"attachment": True}
    if decimals is not None and decimals != 1:
        settings["decimals"] = decimals
    return {**settings, **section}


def take_figures(
    lines: list[Line], display: str
) -> tuple[list[Line], Figures | None, list[Diagnostic]]:
    """The lines without lawgov's figures attachment (mark, title, table), and its figures."""
    at = next(
        (
            i
            for i, line in enumerate(lines)
            if line.hint == "table" and _is_figures_table(line.rows)
        ),
        None,
    )
    if at is None:
        return lines, None, []
    warnings: list[Diagnostic] = []
    section = _rows(lines[at], display, warnings)
    start, title = at, None
    first = at - 1  # the title's first line (a line break in Word's title makes two)
    while first > 0 and lines[first].soft and lines[first - 1].number == lines[first].number:
        first -= 1
    if first >= 1 and _MARK.fullmatch(lines[first - 1].text.strip()):
        start, title = first - 1, _plain_title("".join(line.text for line in lines[first:at]))
    elif at >= 1 and _MARK.fullmatch(lines[at - 1].text.strip()):
        start = at - 1
    warnings.append(
        warning(
            display,
            lines[at].number,
            "LG617",
            _(
                "the figures attachment (附件 主要数据) is read back as figures: ({count} "
                "figures); check them against the table"
            ).format(count=sum(1 for key in section if key not in ("attachment", "decimals"))),
        )
    )
    kept = lines[:start] + lines[at + 1 :]
    return kept, Figures(section, title, lines[at].number), warnings


def apply(data: dict[str, Any], found: Figures) -> dict[str, Any]:
    """``data`` with ``figures:`` after the attachments; the table's title no longer listed.

    The title is listed by the build itself (``attachment: true``); kept in ``attachments``
    too, it would be listed twice. A title other than the default is kept as
    ``attachment_title``.
    """
    section = dict(found.section)
    title = found.title
    listed = list(data.get("attachments", []))
    if title is not None:
        if listed and listed[-1] == title:
            listed.pop()
        default = f"{data.get('organization')}{data.get('year')}年度法治政府建设主要数据"
        if title != default:
            section = {"attachment": True, "attachment_title": title} | section
    result: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("output", "print") and "figures" not in result:
            result["figures"] = section
        if key == "attachments":
            if listed:
                result[key] = listed
            continue
        result[key] = value
    result.setdefault("figures", section)
    return result
