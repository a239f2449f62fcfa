"""The supervising office's commands: status, compile, new-roster and remind (催报).

Like every command module they parse arguments, call the library (``supervise``) and print;
each imports what it needs when it runs (rich, openpyxl, the writers), so ``build`` and
``check`` pay nothing for them.
"""

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..i18n import _
from .printing import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_OUTPUT,
    emit_data,
    print_diagnostics,
    result,
    say,
    write_new_file,
    write_or_exit,
)

if TYPE_CHECKING:
    from ..supervise.roster import LoadedRoster


class StatusFormat(StrEnum):
    """How ``status`` prints its table."""

    TEXT = "text"
    JSON = "json"
    MD = "md"
    XLSX = "xlsx"


RosterArgument = Annotated[
    Path,
    typer.Argument(
        metavar="UNITS.YAML",
        help="The roster (units.yaml): every unit, its level and where its report is.",
        show_default=False,
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option(
        "--year", metavar="YEAR", help="Report year to look at (default: year: in the roster)."
    ),
]
JobsOption = Annotated[
    int,
    typer.Option("--jobs", "-j", min=1, metavar="N", help="Read this many reports in parallel."),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Count days overdue up to this date, e.g. 2022-03-10 (default: today).",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]


def _parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            _("expected a date like 2022-03-02, got {value!r}").format(value=value),
            param_hint=option,
        ) from None


def _load(roster_path: Path, year: int | None) -> "tuple[LoadedRoster, int]":
    from ..errors import LawgovError
    from ..supervise.roster import load_roster, report_year

    try:
        loaded = load_roster(roster_path)
        return loaded, report_year(loaded, year)
    except LawgovError as exc:
        print_diagnostics(exc.diagnostics)
        raise typer.Exit(exc.exit_code) from None


class _Progress:
    """A rich progress bar on stderr while reports are read, only when stderr is a terminal."""

    def __init__(self, total: int, description: str) -> None:
        self.bar: Any = None
        if sys.stderr.isatty() and total > 1:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            self.bar = Progress(
                "{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=sys.stderr),
                transient=True,
            )
            self.task = self.bar.add_task(description, total=total)
            self.bar.start()

    def advance(self, *_args: object) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _collect(loaded: "LoadedRoster", year: int, jobs_count: int) -> list[Any]:
    from ..pipeline import CheckOptions
    from ..supervise.collect import CollectJob, run
    from ..supervise.roster import unit_files

    files = unit_files(loaded, year)
    jobs = [CollectJob(f, year, CheckOptions()) for f in files]
    progress = _Progress(len(jobs), _("reading reports"))
    try:
        facts = list(run(jobs, jobs_count, progress.advance))
    finally:
        progress.stop()
    from ..errors import Diagnostic, Severity

    print_diagnostics(
        [
            Diagnostic(
                loaded.source_map.value_at(("units", f.position, "report")),
                Severity.WARNING,
                "LG704",
                f.problem,
                f"units[{f.position}].report",
            )
            for f in files
            if f.problem
        ]
    )
    return facts


def status(
    roster_path: RosterArgument,
    year: YearOption = None,
    output_format: Annotated[
        StatusFormat,
        typer.Option("--format", "-f", help="text (a table), json, md or xlsx (Excel)."),
    ] = StatusFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file (needed for xlsx)."
        ),
    ] = None,
    as_of: AsOfOption = None,
    jobs_count: JobsOption = 1,
    force: ForceOption = False,
) -> None:
    """Show, for every unit in the roster, where its report stands this year.

    One row per unit: submitted or not, 成文日期, days late, published before 4月1日, each of
    the five items of the 2019 规定, the length of the 不足 part and how much of it is the
    unit's own last year or another unit's, lint errors and warnings, and whether title, date
    and 发文字号 agree. Exit code 1 while a unit is missing after its deadline, cannot be read
    or has lint errors.

    Example: lawgov status units.yaml --year 2021 -f xlsx -o 2021报送情况.xlsx
    """
    from ..supervise import tables
    from ..supervise.status import build_rows, summarize

    today = _parse_date(as_of, "--as-of") or dt.date.today()
    if output_format is StatusFormat.XLSX and output is None:
        raise typer.BadParameter(_("xlsx needs a file: add -o status.xlsx"), param_hint="-o")
    if output_format is StatusFormat.XLSX:
        try:
            import openpyxl  # noqa: F401  (checked before the long part of the work)
        except ImportError:
            from ..supervise.xlsx import missing_openpyxl

            print_diagnostics(missing_openpyxl().diagnostics)
            raise typer.Exit(EXIT_INVALID) from None
    loaded, report_year = _load(roster_path, year)
    facts = _collect(loaded, report_year, jobs_count)
    rows = build_rows(loaded.roster, report_year, facts, today)
    summary = summarize(rows)
    for row in rows:
        if row.state.value == "unreadable":
            print_diagnostics(row.diagnostics)
    title = _("{year} annual reports: status on {date}").format(
        year=report_year, date=today.isoformat()
    )
    data: bytes
    if output_format is StatusFormat.JSON:
        data = tables.to_json(rows, report_year, today, summary).encode("utf-8")
    elif output_format is StatusFormat.MD:
        data = tables.to_markdown(rows, title, tables.summary_line(summary)).encode("utf-8")
    elif output_format is StatusFormat.XLSX:
        from ..supervise.xlsx import render

        data = render(rows, today)
    else:
        terminal = output is None and sys.stdout.isatty()
        width = None
        if terminal:
            import shutil

            width = shutil.get_terminal_size().columns
        data = tables.to_text(rows, title, terminal, width).encode("utf-8")
    if output is None and output_format is StatusFormat.TEXT:
        sys.stdout.write(data.decode("utf-8"))
    elif output is None:
        emit_data(data.decode("utf-8"))
    else:
        _write({output: data}, force)
        result(str(output))
    say(tables.summary_line(summary))
    raise typer.Exit(EXIT_INVALID if summary.fails else EXIT_OK)


def _write(files: dict[Path, bytes], force: bool) -> None:
    """Write outputs atomically, all or none; never over an edited or foreign file without --force."""
    from ..pipeline import overwrite_problems

    if not force:
        problems = overwrite_problems(list(files))
        if problems:
            print_diagnostics(problems)
            raise typer.Exit(EXIT_OUTPUT)
    write_or_exit(files)


def compile_volume(
    roster_path: RosterArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The volume to write (汇编.docx; the Markdown goes beside it)."
        ),
    ],
    year: YearOption = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help="The volume's title (default: title: in the roster)."),
    ] = None,
    fmt: Annotated[
        list[str],
        typer.Option("--format", "-f", help="Comma-separated: docx, md."),
    ] = ["docx,md"],  # noqa: B006 (typer reads the default, never mutates it)
    jobs_count: JobsOption = 1,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite outputs even if they were edited.")
    ] = False,
) -> None:
    """Compile every unit's report into one volume (汇编), as .docx and Markdown.

    A cover, a 目录 with the page each report starts on (computed by lawgov, nothing to update
    in Word), each unit's report from a new odd page in roster order with its own title and
    signature, page numbers — N — through the volume, and a closing summary table (units × the
    five items × lint counts). Reports are re-rendered from their YAML (or imported Word/text),
    never merged from Word files. Units missing or unreadable are listed in the summary table;
    an unreadable report makes the exit code 1.

    Example: lawgov compile units.yaml -o 2021年度法治政府建设年度报告汇编.docx
    """
    from ..pipeline import CheckOptions
    from ..supervise import volume
    from ..supervise.roster import unit_files

    formats = tuple(  # -f docx -f md is -f docx,md, as for lawgov build
        dict.fromkeys(f.strip() for value in fmt for f in value.split(",") if f.strip())
    )
    unknown = [f for f in formats if f not in ("docx", "md")]
    if unknown or not formats:
        raise typer.BadParameter(
            _("unknown format {formats}; choose from docx, md").format(
                formats=", ".join(unknown) or "-"
            ),
            param_hint="--format",
        )
    loaded, report_year = _load(roster_path, year)
    _refuse_unfilled(loaded)
    files = unit_files(loaded, report_year)
    jobs = [volume.RenderJob(f, CheckOptions()) for f in files]
    progress = _Progress(len(jobs), _("rendering reports"))
    try:
        parts = list(volume.run(jobs, jobs_count, progress.advance))
    finally:
        progress.stop()
    failed = [p for p in parts if p.source and not p.readable]
    for part in failed:
        print_diagnostics(part.diagnostics)
    disagreeing = _disagreements(loaded, report_year, parts)
    print_diagnostics(list(disagreeing.values()))
    compiled = volume.compile_volume(loaded.roster, report_year, parts, title, None)
    targets = volume.write_targets(output, formats)
    data = {"docx": compiled.docx, "md": compiled.markdown}
    _write({targets[f]: data[f] for f in formats}, force)
    for f in formats:
        result(str(targets[f]))
    included = sum(p.readable for p in parts)
    missing = [u.name for u, p in zip(loaded.roster.units, parts, strict=True) if not p.source]
    say(_("{included} of {units} reports compiled").format(included=included, units=len(parts)))
    if disagreeing:
        say(
            _("included although year or 署名 differ from the roster: {names}").format(
                names=_(", ").join(disagreeing)
            )
        )
    if missing:
        say(_("not submitted: {names}").format(names=_(", ").join(missing)))
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


ROSTER_SCHEMA = "roster.schema.json"
REPORT_SCHEMA = "lawgov.schema.json"


def _schema_beside(target: Path, roster: bool) -> str | None:
    """The schema's file name for a draft's modeline when it sits beside the draft, else None.

    Why not always: an editor follows the link and reports a missing file; and why not write it
    there: a draft should not leave a second file the clerk did not ask for. The header says
    how to get it instead (``lawgov schema --roster > roster.schema.json``).
    """
    name = ROSTER_SCHEMA if roster else REPORT_SCHEMA
    return name if (target.parent / name).is_file() else None


def _refuse_unfilled(loaded: "LoadedRoster") -> None:
    """Stop before any work while office: or title: is still a placeholder (【待填写】)."""
    from ..supervise.roster import unfilled

    problems = unfilled(loaded)
    if problems:
        print_diagnostics(problems)
        raise typer.Exit(EXIT_INVALID)


def _disagreements(loaded: "LoadedRoster", year: int, parts: list[Any]) -> dict[str, Any]:
    """A located warning for each compiled report of another year or signed by another unit.

    Why include them all the same: the clerk sees the whole volume and decides (a unit renamed
    this year, a report filed in the wrong folder); the warning and the closing line name them.
    """
    from ..errors import Diagnostic, Severity

    found = {}
    for unit, part in zip(loaded.roster.units, parts, strict=True):
        if not part.readable:
            continue
        reasons = []
        if part.organization != unit.name:
            reasons.append(
                _("signed “{organization}”, the roster says “{name}”").format(
                    organization=part.organization, name=unit.name
                )
            )
        if part.year != year:
            reasons.append(_("report year {found}, not {year}").format(found=part.year, year=year))
        if reasons:
            key = f"units[{part.position}].report"
            found[unit.name] = Diagnostic(
                loaded.source_map.value_at(("units", part.position, "report")),
                Severity.WARNING,
                "LG706",
                _("{file}: {reasons}; it is in the volume all the same").format(
                    file=part.source, reasons=_("; ").join(reasons)
                ),
                key,
                _("check the file, or the unit's name: in the roster"),
            )
    return found


def new_roster(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="A folder of reports (files, or one sub-folder per unit).",
            show_default=False,
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The roster to write.")] = Path(
        "units.yaml"
    ),
    force: ForceOption = False,
) -> None:
    """Draft a roster (units.yaml) from a folder of reports: one unit per report or sub-folder.

    Each unit's name is read from its report's 署名 (or the file name when it cannot be read:
    the draft is still written, each unreadable report is shown and the exit code is 1),
    its level guessed from the name (…镇/乡/街道 → 乡镇街道, …人民政府 → 下级政府, else 部门);
    check the levels, fill in office: and add the units that have not reported yet.

    Example: lawgov new-roster 报送材料/ -o units.yaml
    """
    from ..source.yaml_writer import commented_yaml
    from ..supervise.drafts import draft_roster

    if not directory.is_dir():
        raise typer.BadParameter(
            _("{path} is not a folder").format(path=directory), param_hint=_("DIR")
        )
    data, notes, problems = draft_roster(directory, output)
    header = "\n".join(
        [
            "由 lawgov new-roster 生成的报送单位名册草稿，请核对后使用：",
            "- office 填写督办机关名称；level 为 部门、乡镇街道 或 下级政府；",
            "- report 是报告所在的文件或文件夹（相对于本文件）；尚未报送的单位也要列入；",
            "- 报送截止日默认 3月1日，可在 deadlines: 中按层级修改，或为单位单独写 deadline:。",
            "检查报送情况：lawgov status units.yaml",
            *notes,
        ]
    )
    if _schema_beside(output, True) is None:
        header += "\n" + _(
            "For hints in an editor: lawgov schema --roster > {name}, then add "
            "# yaml-language-server: $schema={name} as the first line"
        ).format(name=ROSTER_SCHEMA)
    write_new_file(output, commented_yaml(data, header, _schema_beside(output, True)), force)
    result(str(output))
    if problems:
        print_diagnostics(problems)
        say(_("the draft lists these units under their file names; replace their reports"))
        raise typer.Exit(EXIT_INVALID)


def remind(
    roster_path: RosterArgument,
    year: YearOption = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The notice YAML to write.")
    ] = Path("催报通知.yaml"),
    as_of: AsOfOption = None,
    reply_by: Annotated[
        str | None,
        typer.Option(
            "--reply-by",
            metavar="DATE",
            help="New deadline in the notice (default: a week after --as-of).",
        ),
    ] = None,
    jobs_count: JobsOption = 1,
    force: ForceOption = False,
) -> None:
    """Draft a 催报通知 (a lawgov YAML) to the units missing or late, ready to edit and build.

    The notice lists each unit not yet submitted (with its deadline and days overdue), each
    whose file cannot be read, and each that submitted late; then the new deadline. Edit the
    wording, then: lawgov build 催报通知.yaml

    Example: lawgov remind units.yaml --as-of 2022-03-10 -o 催报通知.yaml
    """
    from ..source.yaml_writer import commented_yaml
    from ..supervise.drafts import remind_notice
    from ..supervise.status import build_rows

    today = _parse_date(as_of, "--as-of") or dt.date.today()
    deadline = _parse_date(reply_by, "--reply-by") or today + dt.timedelta(days=7)
    if deadline < today:
        raise typer.BadParameter(
            _("the new deadline {reply_by} is before {as_of}; give a later date").format(
                reply_by=deadline.isoformat(), as_of=today.isoformat()
            ),
            param_hint="--reply-by",
        )
    loaded, report_year = _load(roster_path, year)
    _refuse_unfilled(loaded)
    facts = _collect(loaded, report_year, jobs_count)
    rows = build_rows(loaded.roster, report_year, facts, today)
    data = remind_notice(loaded.roster, report_year, rows, today, deadline)
    if data is None:
        say(_("every unit has submitted on time; no notice needed"))
        raise typer.Exit(EXIT_OK)
    header = (
        "由 lawgov remind 生成的催报通知草稿。请修改措辞、核对名单后生成 Word：\n"
        "lawgov build " + output.name
    )
    write_new_file(output, commented_yaml(data, header, _schema_beside(output, False)), force)
    result(str(output))


def register(app: typer.Typer) -> None:
    """Add the supervising office's commands to the ``lawgov`` app."""
    app.command()(status)
    app.command("compile")(compile_volume)
    app.command("new-roster")(new_roster)
    app.command()(remind)
