"""``lawgov build`` and ``lawgov check``: the pipeline's two everyday commands.

Like every command module they parse arguments, call the pipeline and print; the lint
options (--select, --ignore, --severity, --strict) are shared by both.
"""

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import Diagnostic, Severity, sort_diagnostics
from ..i18n import _, ngettext
from ..model.report import Variant
from .printing import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    emit_data,
    print_diagnostics,
    result,
    say,
    summary,
)

if TYPE_CHECKING:
    from .. import batch
    from ..pipeline import CheckOptions


class CheckFormat(StrEnum):
    """How ``check`` prints its findings."""

    TEXT = "text"
    JSON = "json"


def _parse_formats(values: list[str]) -> tuple[str, ...]:
    """``-f docx,md`` and ``-f docx -f md`` alike: every format named, in order, once."""
    from ..writers import WRITERS

    formats = tuple(
        dict.fromkeys(f.strip() for value in values for f in value.split(",") if f.strip())
    )
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        raise typer.BadParameter(
            _("unknown format {formats}; choose from {choices}").format(
                formats=_(", ").join(unknown) or _("(none)"),
                choices=_(", ").join(sorted(WRITERS)),
            ),
            param_hint="--format",
        )
    return formats


def _codes(values: list[str]) -> tuple[str, ...]:
    return tuple(
        code.strip().upper() for value in values for code in value.split(",") if code.strip()
    )


def _severities(values: list[str]) -> tuple[tuple[str, Severity], ...]:
    parsed = []
    for value in values:
        code, _sep, level = value.partition("=")
        try:
            parsed.append((code.strip().upper(), Severity(level.strip().lower())))
        except ValueError:
            raise typer.BadParameter(
                _("expected CODE=LEVEL with LEVEL error, warning or info; got '{value}'").format(
                    value=value
                ),
                param_hint="--severity",
            ) from None
    return tuple(parsed)


SelectOption = Annotated[
    list[str],
    typer.Option(
        "--select",
        metavar="CODES",
        help="Only these rules (codes or prefixes, comma-separated: LG1,LG104).",
    ),
]
IgnoreOption = Annotated[
    list[str],
    typer.Option(
        "--ignore", metavar="CODES", help="Skip these rules (codes or prefixes, comma-separated)."
    ),
]
SeverityOption = Annotated[
    list[str],
    typer.Option(
        "--severity",
        metavar="CODE=LEVEL",
        help="Change a rule's severity: LG120=warning (repeatable).",
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")]
PreviousOption = Annotated[
    Path | None,
    typer.Option(
        "--previous",
        metavar="FILE",
        help="Last year's report: 同比 statements are checked against its figures and the "
        "附件 table shows its column (default: the file beside it named with last year, "
        "e.g. 2021.yaml for 2022.yaml).",
    ),
]


def _one_report_with_previous(previous: Path | None, sources: list[Path]) -> None:
    """``--previous`` is last year's report of one report: refuse it for several."""
    if previous is not None and len(sources) > 1:
        raise typer.BadParameter(
            _("--previous names last year's report of one file; give one report file with it"),
            param_hint="--previous",
        )


def _options(
    select: list[str], ignore: list[str], severity: list[str], strict: bool
) -> "CheckOptions":
    from ..pipeline import CheckOptions

    return CheckOptions(_codes(select), _codes(ignore), _severities(severity), strict)


def build(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", help="Report YAML files, or directories of them.", show_default=False
        ),
    ],
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir",
            "-o",
            metavar="DIR",
            help="Directory for the outputs (default: beside each input).",
        ),
    ] = None,
    fmt: Annotated[
        list[str],
        typer.Option(
            "--format",
            "-f",
            metavar="FORMATS",
            help="Output formats, comma-separated or repeated: docx, md, pdf, html, html-fragment.",
        ),
    ] = ["docx,md"],  # noqa: B006 (typer reads the default, never mutates it)
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Overwrite outputs even if they were edited or not written by lawgov."
        ),
    ] = False,
    select: SelectOption = [],  # noqa: B006
    ignore: IgnoreOption = [],  # noqa: B006
    severity: SeverityOption = [],  # noqa: B006
    strict: StrictOption = False,
    jobs_count: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, metavar="N", help="Build this many files in parallel."),
    ] = 1,
    template_dir: Annotated[
        list[Path],
        typer.Option(
            "--template-dir",
            metavar="DIR",
            help="Your templates, searched before the built-in ones (repeatable).",
        ),
    ] = [],  # noqa: B006
    reference_docx: Annotated[
        Path | None,
        typer.Option(
            "--reference-docx",
            metavar="FILE",
            help="Your own Word file for styles, page setup and footers.",
        ),
    ] = None,
    variant: Annotated[
        Variant | None,
        typer.Option(
            "--variant",
            help="web (no 版头/版记) or print (red 版头 and 版记); default from the YAML.",
        ),
    ] = None,
    previous: PreviousOption = None,
) -> None:
    """Check each report and write its outputs (FILE.docx and FILE.md).

    Lint warnings are printed and the build goes on (with --strict they stop it); errors stop
    it. Rules are chosen under lint: in the YAML (lawgov check also takes --select/--ignore).
    Outputs are written only when the whole report is valid and every format rendered (a PDF
    that LibreOffice cannot make is reported, and the other formats are written all the same);
    a failed or interrupted build leaves earlier outputs untouched. An output changed since lawgov wrote it (a
    typo fixed in Word) is not overwritten without --force. With many files, a bad one is
    reported and the others are still built; output names are the input names.

    Example: lawgov build examples/2021.yaml -o out/
    """
    from .. import batch
    from ..pipeline import TemplateChoice

    formats = _parse_formats(fmt)
    options = _options(select, ignore, severity, strict)._replace(previous=previous)
    _stop_on(batch.preflight(files, output_dir))
    sources = batch.expand_inputs(files)
    _one_report_with_previous(previous, sources)
    outcomes = batch.refused_outputs(sources, output_dir, formats)
    jobs = [
        batch.BuildJob(
            source,
            output_dir,
            formats,
            force,
            options,
            TemplateChoice(tuple(template_dir), reference_docx, variant),
        )
        for source in sources
        if source not in outcomes
    ]
    progress = sys.stderr.isatty() and len(sources) > 1
    if sys.stderr.isatty() and jobs and "pdf" in formats:  # the outputs come after LibreOffice
        say(
            ngettext(
                "making {count} PDF with LibreOffice; this takes a while…",
                "making {count} PDFs with LibreOffice; this takes a while…",
                len(jobs),
            ).format(count=len(jobs))
        )
    try:
        for done, outcome in enumerate(batch.run(jobs, jobs_count), start=1):
            outcomes[outcome.source] = outcome
            if progress:
                say(f"\r[{done}/{len(jobs)}] {outcome.source}\033[K", nl=False)
    except KeyboardInterrupt as interrupt:
        _interrupted(sources, outcomes, interrupt)
    if progress:
        say("\r\033[K", nl=False)
    shown: list[Diagnostic] = []
    for source in sources:
        outcome = outcomes[source]
        shown.extend(outcome.diagnostics)
        print_diagnostics(sort_diagnostics(outcome.diagnostics))
        for written in outcome.paths:
            result(str(written))
    summary(shown)
    failed = [str(s) for s in sources if outcomes[s].exit_code]
    if failed and len(sources) > 1:
        say(
            _("{failed} of {total} files failed: {names}").format(
                failed=len(failed), total=len(sources), names=", ".join(failed)
            )
        )
    raise typer.Exit(max((o.exit_code for o in outcomes.values()), default=EXIT_OK))


def _stop_on(problems: list[Diagnostic]) -> None:
    """Command-line mistakes found before any work: print them all, exit 2."""
    if problems:
        print_diagnostics(problems)
        summary(problems)
        raise typer.Exit(EXIT_USAGE)


def _interrupted(
    sources: list[Path], outcomes: "dict[Path, batch.Outcome]", interrupt: KeyboardInterrupt
) -> None:
    """Ctrl-C or SIGTERM: list what was built; every output is whole or untouched (130/143)."""
    written = [path for s in sources if s in outcomes for path in outcomes[s].paths]
    for path in written:
        result(str(path))
    say(
        _("interrupted after {done} of {total} files; no output was left half-written").format(
            done=sum(1 for s in sources if s in outcomes and outcomes[s].paths), total=len(sources)
        )
    )
    raise typer.Exit(getattr(interrupt, "exit_code", 130))


def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", help="Report YAML files, or directories of them.", show_default=False
        ),
    ],
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="text (one line per finding) or json.")
    ] = CheckFormat.TEXT,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Say nothing about files without problems (text format)."
        ),
    ] = False,
    select: SelectOption = [],  # noqa: B006 (typer reads the default, never mutates it)
    ignore: IgnoreOption = [],  # noqa: B006
    severity: SeverityOption = [],  # noqa: B006
    strict: StrictOption = False,
    variant: Annotated[
        Variant | None,
        typer.Option(
            "--variant",
            help="Check the version lawgov build --variant would write: print adds the paper "
            "version's rules (签发人, 主送机关, 版记, title lines); default from the YAML.",
        ),
    ] = None,
    previous: PreviousOption = None,
) -> None:
    """Validate and lint reports without writing anything; print every problem found.

    Each file without problems gets one line saying so (-q leaves it out). Exit code 1 when
    a report is invalid or has lint errors (or warnings, with --strict).

    Example: lawgov check examples/2021.yaml --variant print
    """
    from .. import batch
    from ..errors import LawgovError
    from ..pipeline import check as check_report

    options = _options(select, ignore, severity, strict)._replace(
        previous=previous, variant=variant
    )
    text = output_format is CheckFormat.TEXT
    found: list[Diagnostic] = batch.preflight(files, None, outputs=False)
    usage = bool(found)
    if text:
        print_diagnostics(found)
    sources = [] if usage else batch.expand_inputs(files)
    _one_report_with_previous(previous, sources)
    failed = False
    for file in sources:
        try:
            checked = check_report(file, options)
        except LawgovError as exc:
            file_findings = exc.diagnostics
            failed = True
        else:
            file_findings = sort_diagnostics(checked.findings)
            failed = failed or checked.fails(strict)
        found.extend(file_findings)
        if text:
            print_diagnostics(file_findings)
            if not file_findings and not quiet:
                say(_("{file}: no problems found").format(file=file))
    if text:
        summary(found)
    else:
        emit_data(json.dumps([d.as_json() for d in found], ensure_ascii=False, indent=2) + "\n")
    raise typer.Exit(EXIT_USAGE if usage else EXIT_INVALID if failed else EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add ``build`` and ``check`` to the ``lawgov`` app."""
    app.command()(build)
    app.command()(check)
