"""The roster on disk: read ``units.yaml`` with located errors, and find each unit's files.

Why here and not in ``model``: the model says what a roster is; this module reads one from a
file (so every mistake has a line and column) and looks at the disk to decide which file is a
unit's report for a year — a directory of several years' files is the common case for an
office that keeps every unit's folder from year to year.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from ..errors import Diagnostic, ReportError, Severity, SourceLocation
from ..i18n import _
from ..model.roster import Roster
from ..model.validation import format_key_path, validate_as
from ..source.loader import SourceMap, load_data, read_text

YAML_SUFFIXES = (".yaml", ".yml")
# Preferred first: a unit's folder often holds its YAML and the .docx/.md built from it; old
# .doc/.wps files last (lawgov import reads them through LibreOffice, a second or two each).
REPORT_SUFFIXES = (
    *YAML_SUFFIXES,
    ".docx",
    ".md",
    ".markdown",
    ".txt",
    ".html",
    ".htm",
    ".docm",
    ".dotx",
    ".dotm",
    ".doc",
    ".wps",
)
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


class UnitFiles(NamedTuple):
    """Where one unit's report for the year is, and last year's (picklable for workers)."""

    position: int
    name: str
    report: Path | None  # None: nothing submitted yet
    previous: Path | None
    problem: str  # why no file could be chosen ("" when none)


class LoadedRoster(NamedTuple):
    """The roster, the file it came from, and where each of its values is in that file."""

    roster: Roster
    path: Path
    source_map: SourceMap

    @property
    def base(self) -> Path:
        """Paths in the roster are relative to the roster file's directory."""
        return self.path.parent


def load_roster(path: Path) -> LoadedRoster:
    """Read and validate a roster; raise ``ReportError`` with every problem found."""
    display = str(path)
    loaded = load_data(read_text(path, display), display)
    roster = validate_as(Roster, loaded)
    problems = []
    seen: dict[str, int] = {}
    for i, unit in enumerate(roster.units):
        if unit.name in seen:
            problems.append(
                Diagnostic(
                    loaded.source_map.value_at(("units", i, "name")),
                    Severity.ERROR,
                    "LG701",
                    _("the unit “{name}” is listed twice (also units[{first}])").format(
                        name=unit.name, first=seen[unit.name]
                    ),
                    format_key_path(("units", i, "name")),
                    _("list each unit once"),
                )
            )
        seen.setdefault(unit.name, i)
    if problems:
        raise ReportError(problems)
    return LoadedRoster(roster, path, loaded.source_map)


def report_year(loaded: LoadedRoster, year: int | None) -> int:
    """The year to check: ``--year`` first, else the roster's ``year:``."""
    if year is not None:
        return year
    if loaded.roster.year is not None:
        return loaded.roster.year
    raise ReportError(
        [
            Diagnostic(
                SourceLocation(str(loaded.path), 1, 1),
                Severity.ERROR,
                "LG702",
                _("the roster gives no report year"),
                hint=_("add year: 2021 to the roster, or pass --year 2021"),
            )
        ]
    )


def unfilled(loaded: LoadedRoster) -> list[Diagnostic]:
    """The roster's cover fields (office:, title:) still holding a mark such as 【待填写】.

    ``compile`` prints them on the volume's cover and ``remind`` signs the notice with office:;
    like ``build`` with a report, they refuse rather than print a placeholder.
    """
    from ..model.marks import MARKERS

    found = []
    for key in ("office", "title"):
        value = getattr(loaded.roster, key) or ""
        mark = next((m for m in MARKERS if m in value), None)
        if mark is not None:
            found.append(
                Diagnostic(
                    loaded.source_map.value_at((key,)),
                    Severity.ERROR,
                    "LG705",
                    _("{key}: still “{value}”").format(key=key, value=value),
                    key,
                    _("replace {mark} with the real text; it is printed on the cover").format(
                        mark=mark
                    ),
                )
            )
    return found


def _years_in(name: str) -> set[int]:
    return {int(m.group()) for m in _YEAR.finditer(name)}


def _preference(path: Path) -> tuple[int, str]:
    suffix = path.suffix.lower()
    rank = REPORT_SUFFIXES.index(suffix) if suffix in REPORT_SUFFIXES else len(REPORT_SUFFIXES)
    return rank, path.name


#: What Word, WPS and LibreOffice leave beside an open file (~$2021.docx, .~lock.2021.docx#)
#: and editors' temporary files: never a report.
TEMPORARY_PREFIXES = (".", "~$", "~")
TEMPORARY_SUFFIXES = (".tmp", ".bak", "#")


def is_report_file(path: Path) -> bool:
    """Whether ``path`` may be a unit's report: a format lawgov reads, not a lock or temp file."""
    name = path.name
    return (
        path.suffix.lower() in REPORT_SUFFIXES
        and not name.startswith(TEMPORARY_PREFIXES)
        and not name.lower().endswith(TEMPORARY_SUFFIXES)
        and path.is_file()
    )


def candidates(directory: Path) -> list[Path]:
    """The files in a unit's folder that may be its report, preferred first (YAML first)."""
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    return sorted((p for p in entries if is_report_file(p)), key=_preference)


def _several(files: list[Path]) -> str:
    return "、".join(sorted({p.name for p in files}))


def choose_in_directory(directory: Path, year: int) -> tuple[Path | None, str]:
    """The report for ``year`` in a unit's folder: (file or None, why not when it is ambiguous).

    A file whose name holds the year wins (the YAML before a .docx built from it: the same
    stem); a folder of one file without another year in its name stands for that file; several
    candidates and nothing to tell them apart (two stems with the year, as 2021.yaml and
    2021修改版.yaml, or several undated ones) is a problem the clerk must resolve by renaming.
    """
    files = candidates(directory)
    named = [p for p in files if year in _years_in(p.name)]
    if len({p.stem for p in named}) == 1:
        return named[0], ""
    if named:
        return None, _(
            "{directory} holds several reports with {year} in their names ({files}); "
            "keep one, or write the file to use in report:"
        ).format(directory=directory, year=year, files=_several(named))
    undated = [p for p in files if not _years_in(p.name)]
    stems = {p.stem for p in undated}
    if len(stems) == 1:
        return undated[0], ""
    if len(stems) > 1:
        return None, _(
            "{directory} holds several reports and none has {year} in its name; "
            "put the year in the file name"
        ).format(directory=directory, year=year)
    return None, ""


def latest_in_directory(directory: Path) -> tuple[Path | None, str]:
    """The newest report in a unit's folder (for a draft roster): the latest year named."""
    years = [y for p in candidates(directory) for y in _years_in(p.name)]
    if years:
        return choose_in_directory(directory, max(years))
    return choose_in_directory(directory, 0)


def _resolve(base: Path, pattern: str, year: int) -> Path:
    return base / pattern.replace("{year}", str(year))


def unit_files(loaded: LoadedRoster, year: int) -> list[UnitFiles]:
    """Each unit's report and previous report for ``year``, in roster order."""
    found = []
    for i, unit in enumerate(loaded.roster.units):
        report_path = _resolve(loaded.base, unit.report, year)
        problem = ""
        report: Path | None
        previous: Path | None = None
        if report_path.is_dir():
            report, problem = choose_in_directory(report_path, year)
            previous, _ignored = choose_in_directory(report_path, year - 1)
            if previous is not None and previous == report:
                previous = None
        else:
            report = report_path if report_path.is_file() else None
            if "{year}" in unit.report:
                candidate = _resolve(loaded.base, unit.report, year - 1)
                previous = candidate if candidate.is_file() else None
        if unit.previous is not None:
            candidate = _resolve(loaded.base, unit.previous, year - 1)
            previous = candidate if candidate.is_file() else None
        found.append(UnitFiles(i, unit.name, report, previous, problem))
    return found
