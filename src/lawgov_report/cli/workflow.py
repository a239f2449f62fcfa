"""The yearly-workflow commands: new, diff, import, textconv, schema, templates export.

Like ``cli``, they only parse arguments, call the library and print; each imports what it
needs when it runs, so ``lawgov build`` and ``lawgov check`` pay nothing for them.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import Diagnostic
from ..i18n import _
from .help import LawgovTyper
from .printing import (
    EXIT_INVALID,
    EXIT_OUTPUT,
    emit_data,
    print_diagnostics,
    result,
    say,
    summary,
    write_new_file,
    write_or_exit,
)


def new(
    year: Annotated[
        int,
        typer.Argument(metavar="YEAR", help="The report year of the new file.", show_default=False),
    ],
    previous: Annotated[
        Path | None,
        typer.Option("--from", metavar="FILE", help="Last year's YAML to start from."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write (default: YEAR.yaml beside --from).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Start next year's report: structure and text carried over, everything stale marked.

    Last year's sentences are kept with a 【去年】 mark, last year's plans become the outline of
    this year's measures (【去年计划】), and the date and 发文字号 number are 【待填写】;
    lawgov check reports every mark (LG150) until it is rewritten and removed.

    Example: lawgov new 2022 --from reports/2021.yaml
    """
    from ..errors import LawgovError
    from ..workflow.scaffold import blank, next_year, to_yaml

    target = output or ((previous.parent if previous else Path()) / f"{year}.yaml")
    try:
        if previous is not None:
            from ..pipeline import load_report

            data = next_year(load_report(previous), year)
            first = previous.read_text(encoding="utf-8-sig").split("\n", 1)[0]
            schema_ref = (
                first.split("$schema=", 1)[1].strip()
                if "$schema=" in first
                else "lawgov.schema.json"
            )
        else:
            data, schema_ref = blank(year), "lawgov.schema.json"
    except LawgovError as exc:
        print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None
    write_new_file(target, to_yaml(data, schema_ref), force, previous)
    result(str(target))


class DiffFormat(StrEnum):
    """How ``diff`` prints the comparison."""

    TEXT = "text"
    MD = "md"


def diff(
    old: Annotated[
        Path, typer.Argument(metavar="OLD", help="Last year's report YAML.", show_default=False)
    ],
    new: Annotated[
        Path, typer.Argument(metavar="NEW", help="This year's report YAML.", show_default=False)
    ],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", help="text (terminal) or md (for a review).")
    ] = DiffFormat.TEXT,
    show_same: Annotated[
        bool, typer.Option("--all", help="Also list the headings that did not change.")
    ] = False,
) -> None:
    """Compare two reports part by part and item by item: added, removed, changed.

    Changed text is shown with [-removed-]{+added+} (in Markdown: ~~removed~~ and <ins>added</ins>).

    Example: lawgov diff reports/2021.yaml reports/2022.yaml
    """
    from ..errors import LawgovError
    from ..pipeline import load_report
    from ..workflow.compare import compare, render_markdown, render_text

    reports = []
    problems: list[Diagnostic] = []
    for path in (old, new):
        try:
            reports.append(load_report(path))
        except LawgovError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        print_diagnostics(problems)
        summary(problems)
        raise typer.Exit(EXIT_INVALID)
    changes = compare(reports[0], reports[1])
    if output_format is DiffFormat.MD:
        emit_data(render_markdown(changes, str(old), str(new)))
    else:
        typer.echo(render_text(changes, color=sys.stdout.isatty(), show_same=show_same), nl=False)


def import_report(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A report as .docx (.docm, .dotx), .doc or .wps (through LibreOffice), .txt, .md "
            "or .html (a saved web page).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="YAML file to write (default: FILE.yaml beside it).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Turn an existing report (Word, a web page or text from it, Markdown) into report YAML.

    Recovers the 版头 (发文机关标志, 发文字号, 签发人), title, 主送机关, parts, items (standalone
    or run-in), 1. and （1） sub-items, 一是/二是 points, closing, 署名, 成文日期 and the 版记
    (抄送, 印发). Word files are read with their text boxes, tables, automatic numbering and
    heading styles, tracked changes accepted; lawgov's own figures attachment comes back as
    figures:. Guesses worth checking, and anything left out (hidden text, charts, page
    headers), are printed as warnings with their line (paragraph) in FILE.

    Example: lawgov import 2021年度法治政府建设报告.docx -o reports/2021.yaml
    """
    from ..errors import LawgovError
    from ..importers import import_file
    from ..source.yaml_writer import commented_yaml

    target = output or file.with_suffix(".yaml")
    try:
        imported = import_file(file)
    except LawgovError as exc:
        print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None
    header = _(
        "Imported by lawgov import from {name}. Check the structure against the original (each"
        " part's kind, the titles, the items);\nthe numbers (一、（一）1.（1）一是) were removed:"
        " they are generated in the outputs."
    ).format(name=file.name)
    text = commented_yaml(imported.data, header, "lawgov.schema.json")
    proposed = _figure_proposals(imported.data)
    if proposed:
        text += "\n" + proposed
    write_new_file(target, text, force, file)
    print_diagnostics(imported.warnings)
    summary(imported.warnings)
    if proposed:
        count = proposed.count("\n#   ")
        say(
            _(
                "{count} figures found in the text are proposed, commented out, at the end of"
                " {path}: check them and uncomment"
            ).format(count=count, path=target)
        )
    result(str(target))


def _figure_proposals(data: object) -> str:
    """The figures: block lawgov import proposes (commented out), or "" for none."""
    from ..lint.figures import proposal_comment, propose
    from ..model.report import Report

    try:
        report = Report.model_validate(data)
    except ValueError:  # an import that does not validate yet: nothing to propose from
        return ""
    given = report.figures.entries if report.figures is not None else {}
    return proposal_comment([p for p in propose(report) if p.key not in given])


def schema(
    roster: Annotated[
        bool, typer.Option("--roster", help="The roster's schema (units.yaml) instead.")
    ] = False,
) -> None:
    r"""Print the JSON Schema of the report YAML (Chinese descriptions), for editors.

    Point your editor at it with a first line in the YAML:

    \b
    # yaml-language-server: $schema=lawgov.schema.json

    With --roster, the schema of the supervising office's roster (units.yaml).

    Example: lawgov schema > lawgov.schema.json
    """
    if roster:
        from ..model.roster import roster_schema_text

        emit_data(roster_schema_text())
        return
    from ..model.schema import schema_text

    emit_data(schema_text())


def textconv(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="A .docx file (ours or any other).", show_default=False
        ),
    ],
) -> None:
    r"""Print the text of a .docx, one paragraph per line, for git diff.

    Set up once per repository:

    \b
    echo '*.docx diff=lawgov' >> .gitattributes
    git config diff.lawgov.textconv 'lawgov textconv'

    Example: lawgov textconv out/2021.docx
    """
    from ..errors import LawgovError
    from ..workflow.textconv import textconv as docx_text

    try:
        emit_data(docx_text(file))
    except LawgovError as exc:
        print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None


templates_app = LawgovTyper(
    help="The built-in templates: copy them out to restyle the output.", no_args_is_help=True
)


@templates_app.command("export")
def templates_export(
    directory: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="Where to copy the templates.", show_default=False),
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite files already there.")] = False,
) -> None:
    """Copy the built-in templates (Markdown, DOCX body, reference.docx, HTML) into DIR.

    Edit them, then build with --template-dir DIR (or output: template_dir: in the YAML);
    open reference.docx in Word or WPS to change styles, page setup or footers.

    Example: lawgov templates export my-templates/
    """
    from ..errors import Severity, SourceLocation
    from ..render.environment import builtin_template_dir

    source = builtin_template_dir()
    files = {directory / p.name: p.read_bytes() for p in sorted(source.iterdir()) if p.is_file()}
    existing = [str(path) for path in files if path.exists()]
    if existing and not force:
        refusals = [
            Diagnostic(
                SourceLocation(name), Severity.ERROR, "LG402", _("already exists; not overwriting")
            )
            for name in existing
        ]
        refusals[-1] = refusals[-1]._replace(hint=_("choose an empty directory, or add --force"))
        print_diagnostics(refusals)
        raise typer.Exit(EXIT_OUTPUT)
    write_or_exit(files)
    for path in files:
        result(str(path))


def register(app: typer.Typer) -> None:
    """Add these commands to the ``lawgov`` app."""
    app.command()(new)
    app.command()(diff)
    app.command("import")(import_report)
    app.command()(textconv)
    app.command()(schema)
    app.add_typer(templates_app, name="templates")
