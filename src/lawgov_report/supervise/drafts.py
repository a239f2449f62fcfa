"""Drafts a clerk edits: the roster from a folder of reports, and the 催报 notice.

Why drafts rather than finished files: the roster's levels and deadlines, and the wording of a
催报通知, are the office's decisions. lawgov fills in what it can read from the reports (names,
years, files) and from the status (who is missing, who was late), and leaves YAML that is ready
to edit — and, for the notice, ready to ``lawgov build`` as it stands.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import Diagnostic, LawgovError
from ..i18n import _
from ..model.roster import LEVEL_LABELS, Level, Roster
from ..render.numbering import official_date
from .collect import load_any
from .roster import is_report_file, latest_in_directory
from .status import State, UnitStatus

TOWNSHIP_ENDINGS = ("镇", "乡", "街道", "街道办事处", "苏木")


def guess_level(name: str) -> Level:
    """乡镇街道 and 下级政府 from the name's ending; everything else is a 部门."""
    if name.endswith(TOWNSHIP_ENDINGS):
        return Level.TOWNSHIP
    if name.endswith("人民政府"):
        return Level.GOVERNMENT
    return Level.DEPARTMENT


def _report_entries(directory: Path, skip: Path) -> list[Path]:
    """Report files directly in ``directory``, and its sub-folders (one per unit), sorted.

    Lock and temporary files are skipped as the roster skips them (``is_report_file``); an
    empty sub-folder is kept: it is a unit that has not reported yet, the one to chase.
    """
    found = []
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith(".") or entry.resolve() == skip.resolve():
            continue
        if entry.is_dir() or is_report_file(entry):
            found.append(entry)
    return found


class DraftRoster(NamedTuple):
    """A drafted roster: its data, comments for the file, and why some reports were unreadable."""

    data: dict[str, Any]
    notes: list[str]
    problems: list[Diagnostic]


def draft_roster(directory: Path, target: Path) -> DraftRoster:
    """Roster data for every report in ``directory`` (paths relative to ``target``'s folder).

    A report that cannot be read is still listed (named after its file, so the draft is whole)
    with a comment in the draft, and its diagnostics are returned: the office must know that
    this unit's report needs replacing before ``lawgov status`` counts it.
    """
    units: list[dict[str, Any]] = []
    notes: list[str] = []
    problems: list[Diagnostic] = []
    years: Counter[int] = Counter()
    base = target.parent.resolve()
    for entry in _report_entries(directory, target):
        name = entry.stem if entry.is_file() else entry.name
        relative = Path(os.path.relpath(entry.resolve(), base)).as_posix()
        report_file: Path | None = entry
        if entry.is_dir():
            report_file, ambiguous = latest_in_directory(entry)
            if report_file is None:
                notes.append(
                    ambiguous
                    or _(
                        "{path}: no report found; the unit is listed under its folder's name"
                    ).format(path=relative)
                )
        if report_file is not None:
            try:
                report = load_any(report_file, lint=False).report
                name = report.organization
                years[report.year] += 1
            except LawgovError as exc:
                problems.extend(exc.diagnostics)
                notes.append(
                    _("{path}: could not be read; check the unit's name").format(path=report_file)
                )
        units.append({"name": name, "level": LEVEL_LABELS[guess_level(name)], "report": relative})
    data: dict[str, Any] = {"office": "【待填写】督办机关名称"}
    if years:
        data["year"] = years.most_common(1)[0][0]
    data["units"] = units
    return DraftRoster(data, notes, problems)


def _date(value: dt.date) -> str:
    return official_date(value.year, value.month, value.day)


def remind_notice(
    roster: Roster, year: int, rows: list[UnitStatus], as_of: dt.date, reply_by: dt.date
) -> dict[str, Any] | None:
    """The data of a 催报通知 listing the missing and late units (None when there is nobody)."""
    missing = [r for r in rows if r.overdue]
    unreadable = [r for r in rows if r.state is State.UNREADABLE]
    late = [r for r in rows if r.state is State.SUBMITTED and r.days_late]
    if not (missing or unreadable or late):
        return None
    parts: list[dict[str, Any]] = []
    if missing:
        parts.append(
            {
                "kind": "other",
                "title": "尚未报送的单位",
                "paragraphs": [
                    f"{r.name}（报送截止日期为{_date(r.deadline)}，已逾期{r.days_late}天）。"
                    for r in missing
                ],
            }
        )
    if unreadable:
        parts.append(
            {
                "kind": "other",
                "title": "报送文件无法读取的单位",
                "paragraphs": [f"{r.name}（请重新报送可以打开的文件）。" for r in unreadable],
            }
        )
    if late:
        parts.append(
            {
                "kind": "other",
                "title": "逾期报送的单位",
                "paragraphs": [
                    f"{r.name}（报送截止日期为{_date(r.deadline)}，"
                    f"{_date(r.received) if r.received else ''}报送，逾期{r.days_late}天）。"
                    for r in late
                ],
            }
        )
    parts.append(
        {
            "kind": "other",
            "title": "有关要求",
            "paragraphs": [
                f"请尚未报送的单位于{_date(reply_by)}前将本单位{year}年度法治政府建设年度报告"
                f"报送{roster.office}，并于{year + 1}年4月1日前通过本单位门户网站等向社会公开。",
                "逾期报送的单位要认真查找原因，今后按时报送。逾期仍未报送的，将按照有关规定予以通报。",
            ],
        }
    )
    chased = [r.name for r in (*missing, *unreadable)] or [r.name for r in late]
    return {
        "organization": roster.office,
        "year": year,
        "date": as_of.isoformat(),
        "title": [f"关于报送{year}年度法治政府建设年度报告的催报通知"],
        "recipients": "、".join(chased) + "：",
        "opening": [
            "根据《法治政府建设与责任落实督察工作规定》有关要求，各单位应当按时报送上一年度"
            f"法治政府建设年度报告。截至{_date(as_of)}，仍有{len(missing) + len(unreadable)}"
            f"个单位未报送或报送的文件无法读取，{len(late)}个单位逾期报送。现将有关情况通知如下："
        ],
        "parts": parts,
        "closing": "特此通知。",
        # A 通知 is not an annual report: the rules about the five items do not apply to it.
        "lint": {"ignore": ["LG110", "LG111"]},
    }
