"""The ``lawgov`` command line: parse arguments, call the pipeline, print, pick the exit code.

No business logic lives here. (No ``from __future__ import annotations``: Typer would have to
evaluate every parameter annotation from its string at each start.) Diagnostics go to stderr, results (written paths, JSON) to stdout.
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
from .errors import Diagnostic, Severity, sort_diagnostics
from .model import Variant

if TYPE_CHECKING:
    from .pipeline import CheckOptions

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


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        typer.echo(diagnostic.format(), err=True)


def _summary(diagnostics: list[Diagnostic]) -> None:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    if errors or warnings:
        plural = "s" if errors != 1 else ""
        wplural = "s" if warnings != 1 else ""
        typer.echo(f"{errors} error{plural}, {warnings} warning{wplural}", err=True)


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


def _write_new_file(target: Path, text: str, force: bool) -> None:
    """Write a YAML file for the user to edit; never over an existing file without --force."""
    from .errors import LawgovError
    from .output import write_all

    if target.exists() and not force:
        typer.echo(f"{target}: error: already exists; not overwriting [LG402]", err=True)
        typer.echo("  hint: choose another file with -o, or add --force", err=True)
        raise typer.Exit(EXIT_OUTPUT)
    try:
        write_all({target: text.encode("utf-8")})
    except LawgovError as exc:
        _print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None


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
        _print_diagnostics(sort_diagnostics(outcome.diagnostics))
        for written in outcome.paths:
            typer.echo(str(written))
    _summary(shown)
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
        _print_diagnostics(found)
        _summary(found)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


@app.command()
def new(
    year: Annotated[
        int, typer.Argument(help="The report year of the new file.", show_default=False)
    ],
    previous: Annotated[
        Path | None, typer.Option("--from", help="Last year's YAML to start from.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default: YEAR.yaml beside --from)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Start next year's report: structure and text carried over, everything stale marked.

    Last year's sentences are kept with a 【去年】 mark, last year's plans become the outline of
    this year's measures (【去年计划】), and the date and 发文字号 number are 【待填写】;
    lawgov check reports every mark (LG150) until it is rewritten and removed.

    Example: lawgov new 2022 --from reports/2021.yaml
    """
    from .errors import LawgovError
    from .scaffold import blank, next_year, to_yaml

    target = output or ((previous.parent if previous else Path()) / f"{year}.yaml")
    try:
        if previous is not None:
            from .pipeline import load_report

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
        _print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None
    _write_new_file(target, to_yaml(data, schema_ref), force)
    typer.echo(str(target))


class DiffFormat(StrEnum):
    """How ``diff`` prints the comparison."""

    TEXT = "text"
    MD = "md"


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="Last year's report YAML.", show_default=False)],
    new: Annotated[Path, typer.Argument(help="This year's report YAML.", show_default=False)],
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
    from .compare import compare, render_markdown, render_text
    from .errors import LawgovError
    from .pipeline import load_report

    reports = []
    problems: list[Diagnostic] = []
    for path in (old, new):
        try:
            reports.append(load_report(path))
        except LawgovError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        _print_diagnostics(problems)
        _summary(problems)
        raise typer.Exit(EXIT_INVALID)
    changes = compare(reports[0], reports[1])
    if output_format is DiffFormat.MD:
        typer.echo(render_markdown(changes, str(old), str(new)), nl=False)
    else:
        typer.echo(render_text(changes, color=sys.stdout.isatty(), show_same=show_same), nl=False)


@app.command("import")
def import_report(
    file: Annotated[
        Path, typer.Argument(help="A report as .docx, .txt or .md.", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="YAML file to write (default: FILE.yaml beside it)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Turn an existing report (Word, text from a website, Markdown) into report YAML.

    Recovers title, 发文字号, 主送机关, parts, items (standalone or run-in), 1. and （1）
    sub-items, 一是/二是 points, closing, 署名 and 成文日期. Guesses worth checking are printed
    as warnings with their line in FILE.

    Example: lawgov import 2021年度法治政府建设报告.docx -o reports/2021.yaml
    """
    from .errors import LawgovError
    from .importers import import_file
    from .yaml_writer import commented_yaml

    target = output or file.with_suffix(".yaml")
    try:
        imported = import_file(file)
    except LawgovError as exc:
        _print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None
    header = (
        f"由 lawgov import 从 {file.name} 导入。请对照原文核对结构（各部分的 kind、标题、条目），\n"
        "序号（一、（一）1.（1）一是）已去掉，输出时自动生成。"
    )
    _write_new_file(target, commented_yaml(imported.data, header, "lawgov.schema.json"), force)
    _print_diagnostics(imported.warnings)
    _summary(imported.warnings)
    typer.echo(str(target))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the report YAML (Chinese descriptions), for editors.

    Point your editor at it with a first line in the YAML:
    # yaml-language-server: $schema=lawgov.schema.json

    Example: lawgov schema > lawgov.schema.json
    """
    from .schema import schema_text

    typer.echo(schema_text(), nl=False)


@app.command()
def textconv(
    file: Annotated[
        Path, typer.Argument(help="A .docx file (ours or any other).", show_default=False)
    ],
) -> None:
    """Print the text of a .docx, one paragraph per line, for git diff.

    Set up once per repository:
    echo '*.docx diff=lawgov' >> .gitattributes
    git config diff.lawgov.textconv 'lawgov textconv'

    Example: lawgov textconv out/2021.docx
    """
    from .errors import LawgovError
    from .textconv import textconv as docx_text

    try:
        typer.echo(docx_text(file), nl=False)
    except LawgovError as exc:
        _print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None


templates_app = typer.Typer(
    help="The built-in templates: copy them out to restyle the output.", no_args_is_help=True
)
app.add_typer(templates_app, name="templates")


@templates_app.command("export")
def templates_export(
    directory: Annotated[
        Path, typer.Argument(help="Where to copy the templates.", show_default=False)
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite files already there.")] = False,
) -> None:
    """Copy the built-in templates (Markdown, DOCX body, reference.docx) into DIRECTORY.

    Edit them, then build with --template-dir DIRECTORY (or output: template_dir: in the YAML);
    open reference.docx in Word or WPS to change styles, page setup or footers.

    Example: lawgov templates export my-templates/
    """
    from .errors import LawgovError
    from .output import write_all
    from .render import builtin_template_dir

    source = builtin_template_dir()
    files = {directory / p.name: p.read_bytes() for p in sorted(source.iterdir()) if p.is_file()}
    existing = [str(path) for path in files if path.exists()]
    if existing and not force:
        for name in existing:
            typer.echo(f"{name}: error: already exists; not overwriting [LG402]", err=True)
        typer.echo("  hint: choose an empty directory, or add --force", err=True)
        raise typer.Exit(EXIT_OUTPUT)
    try:
        write_all(files)
    except LawgovError as exc:
        _print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None
    for path in files:
        typer.echo(str(path))


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
