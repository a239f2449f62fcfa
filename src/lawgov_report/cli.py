"""The ``lawgov`` command line: parse arguments, call the pipeline, print, pick the exit code.

No business logic lives here. Diagnostics go to stderr, results (written paths, JSON) to stdout.
Exit codes: 0 ok; 1 invalid input or lint errors; 2 usage; 3 template or output failure.
Only ``LawgovError`` (a user or environment problem) is caught; any other exception is a bug in
lawgov and keeps its traceback.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3

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


def _print_diagnostics(diagnostics: list[object]) -> None:
    for diagnostic in diagnostics:
        typer.echo(diagnostic.format(), err=True)  # type: ignore[attr-defined]


def _summary(errors: int, warnings: int) -> None:
    if errors or warnings:
        plural = "s" if errors != 1 else ""
        wplural = "s" if warnings != 1 else ""
        typer.echo(f"{errors} error{plural}, {warnings} warning{wplural}", err=True)


@app.command()
def build(
    files: Annotated[list[Path], typer.Argument(help="Report YAML files.", show_default=False)],
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
) -> None:
    """Validate each report and write its outputs (FILE.docx and FILE.md).

    Outputs are written only when the whole report is valid and every format rendered; a failed
    build leaves earlier outputs untouched. An output changed since lawgov wrote it (a typo
    fixed in Word) is not overwritten without --force.

    Example: lawgov build examples/2021.yaml -o out/
    """
    from .errors import LawgovError, Severity
    from .pipeline import build as build_report

    formats = _parse_formats(fmt)
    exit_code = EXIT_OK
    errors = 0
    for file in files:
        try:
            for written in build_report(file, output_dir, formats, force=force):
                typer.echo(str(written))
        except LawgovError as exc:
            _print_diagnostics(list(exc.diagnostics))
            errors += sum(d.severity is Severity.ERROR for d in exc.diagnostics)
            exit_code = max(exit_code, exc.exit_code)
    _summary(errors, 0)
    raise typer.Exit(exit_code)


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Report YAML files.", show_default=False)],
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="text (one line per finding) or json.")
    ] = CheckFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail the check too.")] = False,
) -> None:
    """Validate reports without writing anything; print every problem found.

    Example: lawgov check examples/2021.yaml
    """
    from .errors import Diagnostic, LawgovError, Severity
    from .pipeline import load_report

    found: list[Diagnostic] = []
    for file in files:
        try:
            load_report(file)
        except LawgovError as exc:
            found.extend(exc.diagnostics)
    errors = sum(d.severity is Severity.ERROR for d in found)
    warnings = sum(d.severity is Severity.WARNING for d in found)
    if output_format is CheckFormat.JSON:
        typer.echo(json.dumps([d.as_json() for d in found], ensure_ascii=False, indent=2))
    else:
        _print_diagnostics(list(found))
        _summary(errors, warnings)
    failed = errors > 0 or (strict and warnings > 0)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


def main() -> None:
    """Console-script entry point."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    app()
