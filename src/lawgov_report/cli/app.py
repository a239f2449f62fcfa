"""The ``lawgov`` command line: parse arguments, call the pipeline, print, pick the exit code.

No business logic lives here. Diagnostics go to stderr, results (written paths, JSON) to stdout.
(No ``from __future__ import annotations``: Typer would evaluate every parameter annotation
from its string at each start.) The workflow commands live in ``cli_commands``.
Exit codes: 0 ok; 1 invalid input or lint errors; 2 usage; 3 template or output failure.
Only ``LawgovError`` (a user or environment problem) is caught; any other exception is a bug in
lawgov and keeps its traceback.
"""

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__
from .cli_commands import register
from .cli_output import EXIT_INVALID, EXIT_OK, print_diagnostics, summary
from .errors import Diagnostic, Severity, sort_diagnostics
from .model import Variant

if TYPE_CHECKING:
    from .pipeline import CheckOptions


app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Build a 法治政府建设年度报告 (.docx per GB/T 9704-2012, and Markdown) from YAML.",
)


class CheckFormat(StrEnum):
    """How ``check`` prints its findings."""

    TEXT = "text"
    JSON = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lawgov {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Build a 法治政府建设年度报告 (.docx per GB/T 9704-2012, and Markdown) from YAML."""


def _parse_formats(value: str) -> tuple[str, ...]:
    from .writers import WRITERS

    formats = tuple(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in WRITERS]
    if unknown or not formats:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(sorted(WRITERS))}"
        )
    return formats


def _codes(values: list[str]) -> tuple[str, ...]:
    return tuple(
        code.strip().upper() for value in values for code in value.split(",") if code.strip()
    )


def _severities(values: list[str]) -> tuple[tuple[str, Severity], ...]:
    parsed = []
    for value in values:
        code, _, level = value.partition("=")
        try:
            parsed.append((code.strip().upper(), Severity(level.strip().lower())))
        except ValueError:
            raise typer.BadParameter(
                f"expected CODE=LEVEL with LEVEL error, warning or info; got {value!r}",
                param_hint="--severity",
            ) from None
    return tuple(parsed)


SelectOption = Annotated[
    list[str],
    typer.Option(
        "--select", help="Only these rules (codes or prefixes, comma-separated: LG1,LG104)."
    ),
]
IgnoreOption = Annotated[
    list[str],
    typer.Option("--ignore", help="Skip these rules (codes or prefixes, comma-separated)."),
]
SeverityOption = Annotated[
    list[str],
    typer.Option("--severity", help="Change a rule's severity: LG120=warning (repeatable)."),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")]


def _options(
    select: list[str], ignore: list[str], severity: list[str], strict: bool
) -> "CheckOptions":
    from .pipeline import CheckOptions

    return CheckOptions(_codes(select), _codes(ignore), _severities(severity), strict)


@app.command()
def build(
    files: Annotated[
        list[Path],
        typer.Argument(help="Report YAML files, or directories of them.", show_default=False),
    ],
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir", "-o", help="Directory for the outputs (default: beside each input)."
        ),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated output formats: docx, md.")
    ] = "docx,md",
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Overwrite outputs even if they were edited or not written by lawgov."
        ),
    ] = False,
    strict: StrictOption = False,
    jobs_count: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Build this many files in parallel.")
    ] = 1,
    template_dir: Annotated[
        list[Path],
        typer.Option(
            "--template-dir", help="Your templates, searched before the built-in ones (repeatable)."
        ),
    ] = [],  # noqa: B006
    reference_docx: Annotated[
        Path | None,
        typer.Option(
            "--reference-docx", help="Your own Word file for styles, page setup and footers."
        ),
    ] = None,
    variant: Annotated[
        Variant | None,
        typer.Option(
            "--variant",
            help="web (no 版头/版记) or print (red 版头 and 版记); default from the YAML.",
        ),
    ] = None,
) -> None:
    """Check each report and write its outputs (FILE.docx and FILE.md).

    Lint warnings are printed and the build goes on (with --strict they stop it); errors stop
    it. Rules are chosen under lint: in the YAML (lawgov check also takes --select/--ignore). Outputs are written only when the whole report is valid and every format rendered; a
    failed build leaves earlier outputs untouched. An output changed since lawgov wrote it (a
    typo fixed in Word) is not overwritten without --force. With many files, a bad one is
    reported and the others are still built; output names are the input names.

    Example: lawgov build examples/2021.yaml -o out/
    """
    from . import batch
    from .pipeline import TemplateChoice

    formats = _parse_formats(fmt)
    options = _options([], [], [], strict)
    sources = batch.expand_inputs(files)
    clashes = batch.clashing_outputs(sources, output_dir, formats)
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
        if source not in clashes
    ]
    outcomes = {
        source: batch.Outcome(source, [], [clash], EXIT_INVALID)
        for source, clash in clashes.items()
    }
    progress = sys.stderr.isatty() and len(sources) > 1
    for done, outcome in enumerate(batch.run(jobs, jobs_count), start=1):
        outcomes[outcome.source] = outcome
        if progress:
            typer.echo(f"\r[{done}/{len(jobs)}] {outcome.source}\033[K", err=True, nl=False)
    if progress:
        typer.echo("\r\033[K", err=True, nl=False)
    shown: list[Diagnostic] = []
    for source in sources:
        outcome = outcomes[source]
        shown.extend(outcome.diagnostics)
        print_diagnostics(sort_diagnostics(outcome.diagnostics))
        for written in outcome.paths:
            typer.echo(str(written))
    summary(shown)
    failed = [str(s) for s in sources if outcomes[s].exit_code]
    if failed and len(sources) > 1:
        typer.echo(f"{len(failed)} of {len(sources)} files failed: {', '.join(failed)}", err=True)
    raise typer.Exit(max((o.exit_code for o in outcomes.values()), default=EXIT_OK))


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Report YAML files.", show_default=False)],
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="text (one line per finding) or json.")
    ] = CheckFormat.TEXT,
    select: SelectOption = [],  # noqa: B006 (typer reads the default, never mutates it)
    ignore: IgnoreOption = [],  # noqa: B006
    severity: SeverityOption = [],  # noqa: B006
    strict: StrictOption = False,
) -> None:
    """Validate and lint reports without writing anything; print every problem found.

    Exit code 1 when a report is invalid or has lint errors (or warnings, with --strict).

    Example: lawgov check examples/2021.yaml
    """
    from .errors import LawgovError
    from .pipeline import check as check_report

    options = _options(select, ignore, severity, strict)
    found: list[Diagnostic] = []
    failed = False
    for file in files:
        try:
            checked = check_report(file, options)
        except LawgovError as exc:
            found.extend(exc.diagnostics)
            failed = True
            continue
        found.extend(sort_diagnostics(checked.findings))
        failed = failed or checked.fails(strict)
    if output_format is CheckFormat.JSON:
        typer.echo(json.dumps([d.as_json() for d in found], ensure_ascii=False, indent=2))
    else:
        print_diagnostics(found)
        summary(found)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


register(app)


def _tune_garbage_collector() -> None:
    """Collect less often, and never re-scan what start-up created.

    A command is a short-lived process that allocates many small objects (YAML nodes, marks,
    model instances) and makes few reference cycles. With Python's defaults, the collector runs
    every 700 allocations and its full passes walk every object of pydantic, Typer and Jinja too:
    a third of a long report's build time. Freezing moves start-up's objects out of the
    collector's sight; the higher threshold still bounds the garbage of a batch of reports.
    """
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def main() -> None:
    """Console-script entry point.

    lawgov uses no pydantic plugins; saying so spares every run the scan of all installed
    packages' entry points that pydantic does to find plugins (a few milliseconds at start-up).
    Typer does the same while it builds its parameter adapters.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    _tune_garbage_collector()
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    app()
