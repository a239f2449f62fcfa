"""What the command line prints and writes on its own account: diagnostics, summaries, new files.

Shared by the command modules (``build``, ``workflow``); the exit codes are documented in the
README and in ``cli``.
"""

from pathlib import Path

import typer

from ..errors import Diagnostic, Severity
from ..i18n import _, ngettext

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """Each diagnostic on stderr, in the order given."""
    for diagnostic in diagnostics:
        typer.echo(diagnostic.format(), err=True)


def summary(diagnostics: list[Diagnostic]) -> None:
    """``N errors, M warnings`` on stderr, when there is anything to count."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    if errors or warnings:
        counts = ngettext("{errors} error", "{errors} errors", errors).format(errors=errors)
        counts += ngettext(", {warnings} warning", ", {warnings} warnings", warnings).format(
            warnings=warnings
        )
        typer.echo(counts, err=True)


def write_new_file(target: Path, text: str, force: bool, source: Path | None = None) -> None:
    """Write a YAML file for the user to edit; never over an existing file without --force.

    Never over ``source`` (the file it was made from) either, --force or not.
    """
    from ..errors import LawgovError
    from ..output import write_all
    from ..pipeline import InputFiles, overwritten_inputs

    if source is not None:
        hint = _("choose another file with -o")
        overwritten = overwritten_inputs([target], InputFiles([source]), hint)
        if overwritten:
            print_diagnostics(overwritten)
            raise typer.Exit(EXIT_OUTPUT)
    if target.exists() and not force:
        typer.echo(f"{target}: error: already exists; not overwriting [LG402]", err=True)
        typer.echo("  hint: choose another file with -o, or add --force", err=True)
        raise typer.Exit(EXIT_OUTPUT)
    try:
        write_all({target: text.encode("utf-8")})
    except LawgovError as exc:
        print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None
