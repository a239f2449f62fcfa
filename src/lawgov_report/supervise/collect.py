"""One unit's report, whatever its format: read, validated, linted, reduced to the facts status needs.

Why facts and not the model: ``status`` over a province's 10 000 units runs in worker processes,
and what comes back to the parent must be small and picklable — the dates, the five items, the
不足 text for the similarity index, counts and the diagnostics. ``compile`` reads the same way
(``load_any``) but keeps the model, to re-render it.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from ..errors import Diagnostic, LawgovError, Severity
from ..i18n import _
from ..model.figures import Figure, figures_of
from ..model.report import Heading, Part, PartKind, Report
from ..pipeline import CheckOptions
from ..render.figures import substitute
from .roster import YAML_SUFFIXES, UnitFiles
from .similarity import containment, ngrams

_Job = TypeVar("_Job")
_Done = TypeVar("_Done")

FIVE_ITEMS: tuple[PartKind, ...] = (
    PartKind.MEASURES,
    PartKind.RESPONSIBILITY,
    PartKind.PROBLEMS,
    PartKind.PLANS,
    PartKind.OTHER,
)
_TITLE_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
_DOC_NUMBER_YEAR = re.compile(r"〔(\d{4})〕")


class Loaded(NamedTuple):
    """A report read from YAML or imported from Word/text/Markdown, with what was found on the way."""

    report: Report
    findings: list[Diagnostic]  # lint findings
    import_warnings: list[Diagnostic]  # lawgov import's guesses (empty for YAML)


def load_any(path: Path, options: CheckOptions = CheckOptions(), lint: bool = True) -> Loaded:
    """Read a report in any format lawgov reads; ``ReportError`` when it cannot be read.

    YAML goes through the pipeline's ``check``; anything else through ``lawgov import``'s
    readers, then the same validation and lint, its import warnings kept alongside. Without
    ``lint`` (last year's report, read only for its 不足) no rule runs.
    """
    from ..pipeline import check, load_report

    if path.suffix.lower() in YAML_SUFFIXES:
        if not lint:
            return Loaded(load_report(path), [], [])
        checked = check(path, options)
        return Loaded(checked.report, checked.findings, [])
    from ..errors import ReportError
    from ..importers import import_file
    from ..lint.engine import lint as run_lint
    from ..model.validation import validate
    from ..source.loader import LoadedData, SourceMap

    imported = import_file(path)
    source_map = SourceMap(str(path))
    try:
        report = validate(LoadedData(imported.data, source_map))
    except ReportError as exc:
        raise ReportError([*imported.warnings, *exc.diagnostics]) from None
    findings = run_lint(report, source_map) if lint else []
    return Loaded(report, findings, list(imported.warnings))


def covered_kinds(report: Report) -> set[PartKind]:
    """The kinds of content the report has: its parts' kinds and what they also cover."""
    return {kind for part in report.parts for kind in (part.kind, *part.also_covers)}


def _heading_texts(heading: Heading | Part, texts: list[str]) -> None:
    for paragraph in heading.paragraphs:
        texts.extend((paragraph.text or "", *paragraph.points, paragraph.after or ""))
    for child in getattr(heading, "items", ()):
        texts.append(child.title)
        _heading_texts(child, texts)


def printed_title(report: Report) -> str:
    """The title as the report prints it: a ``{复议收案}`` in it as its number."""
    return substitute(report).full_title


def problems_text(report: Report) -> str:
    """The text of the 不足和原因: every part of kind problems (or also covering it), less its title.

    Item headings are included: in a run-in item the heading sentence is the problem itself.
    The generated numbers (（一）, 一是) are left out: every report has them.
    """
    texts: list[str] = []
    for part in report.parts:
        if PartKind.PROBLEMS in (part.kind, *part.also_covers):
            _heading_texts(part, texts)
    return "".join(texts)


def consistency(report: Report, unit_name: str, year: int) -> list[str]:
    """Where title, date, 发文字号, 署名 and year disagree with each other or with the roster."""
    found = []
    if report.organization != unit_name:
        found.append(
            _("signed “{organization}”, the roster says “{name}”").format(
                organization=report.organization, name=unit_name
            )
        )
    if report.year != year:
        found.append(_("report year {found}, not {year}").format(found=report.year, year=year))
    title_years = {int(m.group()) for m in _TITLE_YEAR.finditer(report.full_title)}
    if title_years and report.year not in title_years:
        shown = "、".join(str(y) for y in sorted(title_years))
        found.append(
            _("title says {title_year}, the report year is {year}").format(
                title_year=shown, year=report.year
            )
        )
    elif not title_years:
        found.append(_("title has no year"))
    if report.date.year != report.year + 1:
        found.append(
            _("dated {date}, not in {next_year}").format(
                date=report.date.isoformat(), next_year=report.year + 1
            )
        )
    number = _DOC_NUMBER_YEAR.search(report.doc_number or "")
    if number and int(number.group(1)) != report.date.year:
        found.append(
            _("document number of {number_year}, dated in {date_year}").format(
                number_year=number.group(1), date_year=report.date.year
            )
        )
    return found


class UnitFacts(NamedTuple):
    """What status needs of one unit's report (small and picklable)."""

    position: int
    source: str  # the file read, "" when nothing was submitted
    readable: bool
    diagnostics: list[Diagnostic]  # why it is unreadable, or its lint findings and import warnings
    errors: int
    warnings: int
    import_warnings: int
    organization: str
    date: dt.date | None
    title: str
    kinds: frozenset[str]
    problems_chars: int  # characters of the 不足 part, spaces left out
    problems_grams: array[int]  # its n-grams (similarity.ngrams), for the comparison of units
    previous_similarity: float | None  # share of the 不足 found in last year's 不足
    consistency: list[str]
    figures: tuple[Figure, ...] = ()  # the catalogue's figures the report gives


class CollectJob(NamedTuple):
    """Everything a worker needs for one unit (picklable)."""

    files: UnitFiles
    year: int
    options: CheckOptions


def _raw_texts(node: Any, texts: list[str]) -> None:
    """Every text under a part as written in the YAML (paragraphs, points, item titles)."""
    if isinstance(node, str):
        texts.append(node)
    elif isinstance(node, list):
        for child in node:
            _raw_texts(child, texts)
    elif isinstance(node, dict):
        for key in ("title", "text", "points", "after", "paragraphs", "items"):
            if key in node:
                _raw_texts(node[key], texts)


def _previous_grams(path: Path | None) -> array[int] | None:
    """Last year's 不足 n-grams, or None when there is no readable report.

    Read as plain YAML data, without the model: only its text is compared, and a province's
    status reads 10 000 of these (validation would be a fifth of the command's time).
    """
    if path is None:
        return None
    try:
        if path.suffix.lower() in YAML_SUFFIXES:
            from ..source.loader import load_data, read_text

            data = load_data(read_text(path, str(path)), str(path)).data
            texts: list[str] = []
            for part in data.get("parts") or []:
                if not isinstance(part, dict):
                    continue
                covers = part.get("also_covers") or []
                if part.get("kind") == "problems" or "problems" in covers:
                    for key in ("paragraphs", "items"):
                        _raw_texts(part.get(key), texts)
            return ngrams("".join(texts))
        return ngrams(problems_text(load_any(path, lint=False).report))
    except LawgovError:
        return None


def collect_one(job: CollectJob) -> UnitFacts:
    """Read one unit's report; user problems come back as data (exceptions cross processes badly)."""
    files = job.files
    if files.report is None:
        return UnitFacts(
            files.position, "", False, [], 0, 0, 0, "", None, "", frozenset(), 0, array("I"), None, []
        )  # fmt: skip
    source = str(files.report)
    try:
        loaded = load_any(files.report, job.options)
    except LawgovError as exc:
        imported = sum(d.code.startswith("LG6") for d in exc.diagnostics)
        errors = sum(d.severity is Severity.ERROR for d in exc.diagnostics)
        warnings = sum(d.severity is Severity.WARNING for d in exc.diagnostics) - imported
        return UnitFacts(
            files.position, source, False, exc.diagnostics, errors, warnings, imported,
            "", None, "", frozenset(), 0, array("I"), None, [],
        )  # fmt: skip
    report = loaded.report
    findings = loaded.findings
    problems = problems_text(report)
    grams = ngrams(problems)
    previous = _previous_grams(files.previous) if problems else None
    return UnitFacts(
        position=files.position,
        source=source,
        readable=True,
        diagnostics=[*loaded.import_warnings, *findings],
        errors=sum(d.severity is Severity.ERROR for d in findings),
        warnings=sum(d.severity is Severity.WARNING for d in findings),
        import_warnings=len(loaded.import_warnings),
        organization=report.organization,
        date=report.date,
        title=printed_title(report),
        kinds=frozenset(str(k) for k in covered_kinds(report)),
        problems_chars=len("".join(problems.split())),
        problems_grams=grams,
        previous_similarity=containment(grams, previous) if previous is not None else None,
        consistency=consistency(report, files.name, job.year),
        figures=tuple(f for f in figures_of(report) if f.catalogue),
    )


def run(
    jobs: list[CollectJob],
    workers: int = 1,
    advance: Callable[[UnitFacts], None] | None = None,
) -> Iterator[UnitFacts]:
    """Every unit's facts in roster order, in parallel when ``workers`` > 1."""
    return in_order(collect_one, jobs, workers, advance, max_chunk=64)


def in_order(
    work: Callable[[_Job], _Done],
    jobs: list[_Job],
    workers: int,
    advance: Callable[[_Done], None] | None,
    max_chunk: int,
) -> Iterator[_Done]:
    """``work`` applied to every job, results in the jobs' order, in ``workers`` processes.

    Why one helper: reading units for ``status`` and rendering them for ``compile`` both want
    the roster's order (the table and the volume follow it), a progress callback per unit, and
    no process pool at all for one worker or one job (a pool costs more than it saves there).
    ``max_chunk`` bounds how many jobs a worker takes at once, so progress keeps moving.
    """
    if workers <= 1 or len(jobs) <= 1:
        for done in map(work, jobs):
            if advance is not None:
                advance(done)
            yield done
        return
    import concurrent.futures  # only here: it costs milliseconds at start-up

    chunk = max(1, min(max_chunk, len(jobs) // (workers * 8)))
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        for done in pool.map(work, jobs, chunksize=chunk):
            if advance is not None:
                advance(done)
            yield done
