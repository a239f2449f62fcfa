"""PDF writer: the .docx lawgov writes, converted by LibreOffice to PDF/A-2b, then made reproducible.

Why through the .docx: the PDF is then exactly the document that is printed and sealed — the
same layout per GB/T 9704, the same fonts by name — and there is one layout to maintain.
Why in two steps (``prepare`` per report, ``finish`` per batch): LibreOffice's start costs
more than a conversion, so the pipeline hands every report of a ``lawgov build`` call to one
``finish``, which runs one LibreOffice process for all of them (one per ``-j`` worker).
``render`` does both for one report, for library users.

Needs LibreOffice, and pikepdf (the ``pdf`` extra) for the normalisation; without either, every
PDF of the batch is reported as not written, with how to install what is missing, and the
other formats are written as usual.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

from ..errors import Diagnostic, OutputError, Severity, SourceLocation
from ..i18n import _
from ..model.report import Report
from ..model.settings import DEFAULT_RENDER, RenderOptions
from ..provenance import source_date, stamp_pdf
from ..typeset import fonts
from ..typeset.normalise import Metadata
from . import Finished
from .docx.writer import render as render_docx
from .docx.writer import warnings as docx_warnings


class PdfJob(NamedTuple):
    """One report's share of a batch: its .docx, its metadata and the font names it uses."""

    docx: bytes
    metadata: Metadata
    fonts: tuple[tuple[str, fonts.Style], ...]


def document_moment(report: Report) -> dt.datetime:
    """The PDF's dates: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the 成文日期."""
    return source_date(report.date)


def _font_names(report: Report) -> tuple[tuple[str, fonts.Style], ...]:
    """Every font name the document may use: the report's choices and the reference's names."""
    chosen = report.output.fonts
    named = [
        (str(getattr(chosen, role.key)), fonts.style_of(str(getattr(chosen, role.key)), role.style))
        for role in fonts.ROLES
    ]
    return tuple(dict.fromkeys([*named, *fonts.DOCUMENT_FONTS]))


def prepare(report: Report, options: RenderOptions = DEFAULT_RENDER) -> PdfJob:
    """Everything the batch step needs for this report (picklable: it crosses processes)."""
    return PdfJob(
        render_docx(report, options),
        Metadata(report.full_title, report.organization, document_moment(report)),
        _font_names(report),
    )


def _problem(target: Path, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(SourceLocation(str(target)), Severity.ERROR, code, message, hint=hint)


def _everything_fails(
    targets: Sequence[Path], code: str, message: str, hint: str
) -> list[Finished]:
    """The same missing tool for every PDF: said in full once, then briefly for each other."""
    first = [Finished(None, [_problem(targets[0], code, message, hint)])]
    brief = _("not written: {reason} (see above)").format(reason=message)
    return first + [Finished(None, [_problem(t, code, brief)]) for t in targets[1:]]


def _font_warnings(plan: fonts.FontPlan, targets: Sequence[Path]) -> list[Diagnostic]:
    """One warning naming every serif font that can only get a sans face here."""
    names = [choice.name for choice in plan.choices if choice.falls_to_sans]
    if not names:
        return []
    return [
        Diagnostic(
            SourceLocation(str(targets[0])),
            Severity.WARNING,
            "LG413",
            _(
                "no serif Chinese font is installed for {names}; the PDF shows them in a "
                "sans (黑体-like) face"
            ).format(names="、".join(names)),
            hint=_(
                "install a serif Chinese font (Debian: sudo apt-get install fonts-noto-cjk "
                "fonts-arphic-uming fonts-arphic-ukai), or the fonts themselves; lawgov "
                "doctor shows the font each part gets"
            ),
        )
    ]


def _convert_share(
    soffice: Path, share: list[tuple[int, PdfJob]], config: str | None
) -> list[tuple[int, bytes | None, str]]:
    from ..typeset.libreoffice import convert
    from ..typeset.normalise import normalise

    with tempfile.TemporaryDirectory(prefix="lawgov-pdf-") as work:
        converted = convert(soffice, [job.docx for _i, job in share], config, Path(work))
    results = []
    for (index, job), pdf in zip(share, converted.pdfs, strict=True):
        data = stamp_pdf(normalise(pdf, job.metadata)) if pdf is not None else None
        results.append((index, data, converted.log))
    return results


def finish(items: Sequence[tuple[Path, PdfJob]], workers: int = 1) -> list[Finished]:
    """Convert every prepared report: one LibreOffice process per worker for the whole batch."""
    if not items:
        return []
    targets = [target for target, _job in items]
    from ..typeset.libreoffice import find_soffice, install_hint

    try:
        import pikepdf  # noqa: F401  (only to know it is there before LibreOffice runs)
    except ImportError:
        return _everything_fails(
            targets,
            "LG412",
            _("the PDF step needs the Python package pikepdf, which is not installed"),
            _('install it with: pip install "lawgov-report[pdf]"'),
        )
    soffice = find_soffice()
    if soffice is None:
        return _everything_fails(
            targets, "LG410", _("LibreOffice is not installed or not found"), install_hint()
        )
    plan = fonts.plan(name for _target, job in items for name in job.fonts)
    count = max(1, min(workers, len(items)))
    jobs = [(i, job) for i, (_target, job) in enumerate(items)]
    if count == 1:
        converted = _convert_share(soffice, jobs, plan.config)
    else:  # one LibreOffice per worker, each driven from a thread
        from ..typeset.libreoffice import resume, stop_all

        try:
            with ThreadPoolExecutor(max_workers=count) as pool:
                try:
                    done = pool.map(
                        lambda share: _convert_share(soffice, share, plan.config),
                        [jobs[i::count] for i in range(count)],
                    )
                    converted = sorted(
                        (result for share in done for result in share), key=lambda r: r[0]
                    )
                except BaseException:  # Ctrl-C reaches this thread only: stop the others
                    stop_all()
                    raise
        finally:
            resume()
    warnings = _font_warnings(plan, targets)
    finished = []
    for (index, data, log), target in zip(converted, targets, strict=True):
        if data is None:
            problem = _problem(
                target,
                "LG411",
                _("LibreOffice could not convert the document to PDF: {log}").format(
                    log=log or _("no reason given")
                ),
                _("open the .docx in LibreOffice to see the problem, or run lawgov doctor"),
            )
            finished.append(Finished(None, [problem]))
        else:
            finished.append(Finished(data, warnings if index == 0 else []))
    return finished


def warnings(options: RenderOptions = DEFAULT_RENDER) -> list[Diagnostic]:
    """The .docx writer's warnings (a user's reference document): the PDF is made from it."""
    return docx_warnings(options)


def render(report: Report, options: RenderOptions = DEFAULT_RENDER) -> bytes:
    """The PDF bytes of one report (a batch of one; raises ``OutputError`` when it fails)."""
    target = Path(report.full_title + ".pdf")
    result = finish([(target, prepare(report, options))])[0]
    if result.data is None:
        raise OutputError(result.problems)
    return result.data
