"""The pipeline of one report: load → validate → lint → render → write.

Why a module of its own: the ``cli`` package only parses arguments and prints; library users and tests
call these functions directly and get the same behaviour as the command line. Modules only a
build needs (writers, output, provenance) are imported inside ``build``, so ``check`` starts fast.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import Diagnostic, OutputError, ReportError, Severity, SourceLocation, TemplateError
from .i18n import _
from .model import figures, validation
from .model.report import Report, Variant
from .model.settings import RenderOptions
from .source.loader import (
    KeyPath,
    LoadedData,
    SourceMap,
    load_data,
    paused_garbage_collection,
    read_text,
)
from .writers import BATCHED, get_finisher, get_preparer, get_writer, suffix_of, writer_warnings

if TYPE_CHECKING:
    from .lint.engine import LintOptions

DEFAULT_FORMATS = ("docx", "md")


class CheckOptions(NamedTuple):
    """Lint choices from the command line; they extend or override the YAML's ``lint:``."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    strict: bool = False
    variant: Variant | None = None  # --variant: the print rules check the version being built
    previous: Path | None = None  # last year's report (--previous); default: the one beside


class Checked(NamedTuple):
    """A report that loaded and validated, with its lint findings (none of them fatal yet).

    ``previous`` is last year's report when the figures are compared with it.
    """

    report: Report
    source_map: SourceMap
    findings: list[Diagnostic]
    previous: Report | None = None

    def fails(self, strict: bool) -> bool:
        """Errors fail; warnings fail too under ``--strict``."""
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return any(d.severity in failing for d in self.findings)


def load_report(path: Path, display: str | None = None) -> Report:
    """Read and validate one report file; raise ``ReportError`` with every problem found."""
    return _load(path, display)[0]


def _load(path: Path, display: str | None) -> tuple[Report, SourceMap]:
    name = display if display is not None else str(path)
    loaded = load_data(read_text(path, name), name)
    report = validation.validate(loaded)
    problems = figures.problems(report, loaded.source_map)
    if problems:
        raise ReportError(problems)
    return report, loaded.source_map


def previous_year_file(path: Path, year: int) -> Path | None:
    """Last year's report beside ``path``: its name with the year one less (reports/2021.yaml)."""
    name = path.name
    if str(year) not in name:
        return None
    candidate = path.with_name(name.replace(str(year), str(year - 1)))
    return candidate if candidate.is_file() else None


def earlier_years(
    path: Path, report: Report, depth: int = 4, last_year: Path | None = None
) -> tuple[Report, ...]:
    """The reports before last year's, found beside by name, oldest first (for trend plots).

    Only a report that asks for plots looks; the chain stops at the first missing or broken
    year, as a plot of the years that are there is still right. With last year's file named
    (``--previous``), the years before it are looked for beside that file.
    """
    section = report.figures
    if section is None or not section.plots:
        return ()
    found: list[Report] = []
    current, year, skip = path, report.year, 1  # found[0] is last year's, already ``previous``
    if last_year is not None:
        current, year, skip = last_year, report.year - 1, 0
    for _step in range(depth + skip):
        candidate = previous_year_file(current, year)
        if candidate is None:
            break
        try:
            earlier = load_report(candidate)
        except ReportError:
            break
        if earlier.year != year - 1:
            break
        found.append(earlier)
        current, year = candidate, year - 1
    return tuple(reversed(found[skip:]))


def previous_report(
    path: Path, report: Report, explicit: Path | None = None
) -> tuple[Report | None, list[Diagnostic]]:
    """Last year's report, to compare the figures with (and a warning when it cannot be used).

    Only a report with figures looks for it. A file named with ``--previous`` must load; one
    found beside the report that does not is a warning, not a reason to fail this year's.
    """
    if report.figures is None:
        return None, []
    candidate = explicit or previous_year_file(path, report.year)
    if candidate is None:
        return None, []
    try:
        previous = load_report(candidate)
    except ReportError:
        if explicit is not None:
            raise
        message = _("last year's report has errors; the figures are not compared with it")
        hint = _("run lawgov check {path}").format(path=candidate)
        location = SourceLocation(str(candidate))
        return None, [Diagnostic(location, Severity.WARNING, "LG194", message, hint=hint)]
    if previous.year != report.year - 1:
        message = _("{path} is the report for {found}, not for {expected}").format(
            path=candidate, found=previous.year, expected=report.year - 1
        )
        hint = _("name last year's report with --previous")
        location = SourceLocation(str(candidate))
        return None, [Diagnostic(location, Severity.WARNING, "LG194", message, hint=hint)]
    return previous, []


def _unknown_codes(
    report: Report, source_map: SourceMap, options: CheckOptions
) -> list[Diagnostic]:
    from .lint.engine import RULES_BY_CODE

    settings = report.lint
    problems = []
    listed: list[tuple[KeyPath, str]] = [
        (("lint", "select", i), code) for i, code in enumerate(settings.select)
    ]
    listed += [(("lint", "ignore", i), code) for i, code in enumerate(settings.ignore)]
    listed += [(("lint", "severity", code), code) for code in settings.severity]
    listed += [((), code) for code in (*options.select, *options.ignore)]
    listed += [((), code) for code, _ in options.severity]
    for key_path, code in listed:
        if not any(known.startswith(code) for known in RULES_BY_CODE):
            # Letters typed for digits: LG1O1 → LG101.
            lookalike = code[:2].upper() + code[2:].upper().translate(str.maketrans("OIL", "011"))
            close = (
                [lookalike]
                if lookalike in RULES_BY_CODE
                else difflib.get_close_matches(code, list(RULES_BY_CODE), n=1)
            )
            problems.append(
                Diagnostic(
                    source_map.value_at(key_path)
                    if key_path
                    else SourceLocation(_("command line")),
                    Severity.ERROR,
                    "LG100",
                    _("unknown rule code '{code}'").format(code=code),
                    validation.format_key_path(key_path),
                    _("did you mean '{code}'?").format(code=close[0])
                    if close
                    else _("see docs/rules.md for the codes"),
                )
            )
    return problems


def _lint_options(report: Report, options: CheckOptions) -> LintOptions:
    from .lint.engine import LintOptions

    settings = report.lint
    return LintOptions(
        select=options.select or tuple(settings.select),
        ignore=(*settings.ignore, *options.ignore),
        severity=(*settings.severity.items(), *options.severity),
    )


def _findings_despite(loaded: LoadedData, options: CheckOptions) -> list[Diagnostic]:
    """The lint findings of what did validate, when the report as a whole did not.

    The rules run on a mended copy of the report (``model.partial``): unknown keys removed,
    invalid values replaced by placeholders. Rules that look at one text at a time always run;
    a whole-report rule runs when none of the values it reads (``Rule.reads``) was replaced,
    so an unknown key in one part hides neither the date rules nor the 发文字号's. Nothing is
    reported where a placeholder stands in for what the user wrote, and no whole-report
    finding about a mapping that lost an unknown key (its content may be under that key).
    """
    from .lint.engine import RULES_BY_CODE, lint, selected_rules
    from .model.partial import lintable, overlaps, under

    mended = lintable(loaded.data)
    if mended is None:
        return []
    report = _with_variant(mended.report, options)
    merged = _lint_options(report, options)
    places = [validation.format_key_path(path) for path in mended.replaced]
    pruned = [validation.format_key_path(path) for path in mended.pruned if path]
    codes = tuple(
        rule.code
        for rule in selected_rules(merged)
        if rule.text_check is not None
        or not places
        or (
            rule.reads and not any(overlaps(read, place) for read in rule.reads for place in places)
        )
    )
    if not codes:
        return []
    findings = lint(report, loaded.source_map, merged._replace(select=codes))
    unknown = _unknown_codes(report, loaded.source_map, options)
    return unknown + [
        d
        for d in findings
        if not under(d.key_path, places)
        and (RULES_BY_CODE[d.code].text_check is not None or not under(d.key_path, pruned))
    ]


def check(
    path: Path, options: CheckOptions = CheckOptions(), display: str | None = None
) -> Checked:
    """Load, validate and lint one file.

    Problems that stop the report raise ``ReportError`` — schema errors together with the lint
    findings of every text that did validate, so one run shows everything.
    """
    from .lint.engine import lint

    name = display if display is not None else str(path)
    loaded = load_data(read_text(path, name), name)
    try:
        report = validation.validate(loaded)
    except validation.NotAReport:
        raise
    except ReportError as exc:
        raise ReportError([*exc.diagnostics, *_findings_despite(loaded, options)]) from None
    problems = figures.problems(report, loaded.source_map)
    if problems:
        raise ReportError(problems)
    report = _with_variant(report, options)
    source_map = loaded.source_map
    unknown = _unknown_codes(report, source_map, options)
    if unknown:
        raise ReportError(unknown)
    previous, warnings = previous_report(path, report, options.previous)
    merged = _lint_options(report, options)
    findings = lint(report, source_map, merged, previous)
    return Checked(report, source_map, warnings + findings, previous)


def _with_variant(report: Report, options: CheckOptions) -> Report:
    """The report as it will be built: ``--variant`` wins, so the print rules check that version."""
    if options.variant is None or options.variant is report.output.variant:
        return report
    output = report.output.model_copy(update={"variant": options.variant})
    return report.model_copy(update={"output": output})


def output_paths(source: Path, out_dir: Path | None, formats: tuple[str, ...]) -> dict[str, Path]:
    """Output file per format: the input's stem in ``out_dir`` (default: beside the input)."""
    directory = out_dir if out_dir is not None else source.parent
    return {fmt: directory / (source.stem + suffix_of(fmt)) for fmt in formats}


def overwrite_problems(targets: list[Path]) -> list[Diagnostic]:
    """Outputs that someone edited, or that lawgov did not write: never replaced silently.

    Every command that writes files lawgov generated (build, compile, status) asks this
    first, so the refusal and its advice read the same whichever command met the file.
    """
    from .provenance import State, state_of

    problems = []
    for target in targets:
        if target.is_dir():
            continue  # write_all reports it
        state = state_of(target)
        if state is State.EDITED:
            message = _("was changed after lawgov generated it; not overwriting")
            hint = _("copy your changes into the YAML file, then build again with --force")
        elif state is State.FOREIGN:
            message = _("exists and was not generated by lawgov; not overwriting")
            hint = _("move the file away, choose another -o directory, or build with --force")
        else:
            continue
        problems.append(
            Diagnostic(SourceLocation(str(target)), Severity.ERROR, "LG402", message, hint=hint)
        )
    return problems


class TemplateChoice(NamedTuple):
    """Template options from the command line; they win over the YAML's ``output:`` settings."""

    template_dirs: tuple[Path, ...] = ()
    reference_docx: Path | None = None
    variant: Variant | None = None


def render_options(
    checked: Checked, source: Path, choice: TemplateChoice, previous: Path | None = None
) -> RenderOptions:
    """Command line over YAML; YAML paths are relative to the YAML file. Missing paths are errors."""
    output = checked.report.output
    base = source.parent
    problems: list[Diagnostic] = []

    def existing(path: Path, key_path: KeyPath, want_dir: bool) -> Path:
        ok = path.is_dir() if want_dir else path.is_file()
        if not ok:
            message = (
                _("template directory not found: {path}")
                if want_dir
                else _("reference document not found: {path}")
            )
            location = (
                checked.source_map.value_at(key_path) if key_path else SourceLocation(str(path))
            )
            problems.append(
                Diagnostic(
                    location,
                    Severity.ERROR,
                    "LG305",
                    message.format(path=path),
                    validation.format_key_path(key_path),
                )
            )
        return path

    dirs = [existing(d, (), True) for d in choice.template_dirs]
    if output.template_dir:
        dirs.append(existing(base / output.template_dir, ("output", "template_dir"), True))
    reference = choice.reference_docx
    if reference is not None:
        existing(reference, (), False)
    elif output.reference_docx:
        reference = existing(base / output.reference_docx, ("output", "reference_docx"), False)
    if problems:
        raise TemplateError(problems)
    return RenderOptions(
        tuple(dirs),
        reference,
        choice.variant or output.variant,
        checked.previous,
        earlier_years(source, checked.report, last_year=previous)
        if checked.previous is not None
        else (),
    )


class Pending(NamedTuple):
    """A batched format's output (PDF) prepared for one report, finished for the whole batch."""

    fmt: str
    target: Path
    job: object  # the format's ``prepare`` result; picklable


class Built(NamedTuple):
    """What one build wrote, the lint findings that did not stop it, and what is pending."""

    paths: list[Path]
    findings: list[Diagnostic]
    pending: tuple[Pending, ...] = ()


class Prepared(NamedTuple):
    """One report rendered in memory, not yet written.

    Every output path, the bytes of those that change, and the batched formats to finish.
    """

    paths: list[Path]
    changed: dict[Path, bytes]
    findings: list[Diagnostic]
    pending: tuple[Pending, ...] = ()


def build(
    source: Path,
    out_dir: Path | None = None,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    templates: TemplateChoice = TemplateChoice(),
    display: str | None = None,
    force: bool = False,
    options: CheckOptions = CheckOptions(),
    defer: bool = False,
) -> Built:
    """Check, render every format in memory, then write them all atomically.

    Lint errors (and warnings under ``strict``) stop the build before anything is written. An
    existing output is replaced only when lawgov wrote it and nobody changed it since (or with
    ``force``); an output whose bytes would not change is left alone; an output that would
    replace one of the build's own inputs is refused, even with ``force``. Batched formats
    (PDF) are only prepared here; with ``defer`` they come back as ``pending`` for the batch
    to ``finish`` together, otherwise they are finished now (a batch of one).
    """
    prepared = prepare(source, out_dir, formats, templates, display, force, options)
    from .output import write_all

    write_all(prepared.changed)
    built = Built(prepared.paths, prepared.findings, prepared.pending)
    if defer or not built.pending:
        return built
    paths, problems = list(built.paths), []
    for pending, (written, found) in zip(built.pending, finish(list(built.pending)), strict=True):
        paths.extend([pending.target] if written else [])
        problems.extend(found)
    if any(d.severity is Severity.ERROR for d in problems):
        raise OutputError(problems)
    return Built(paths, [*built.findings, *problems])


def prepare(
    source: Path,
    out_dir: Path | None = None,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    templates: TemplateChoice = TemplateChoice(),
    display: str | None = None,
    force: bool = False,
    options: CheckOptions = CheckOptions(),
) -> Prepared:
    """Everything of ``build`` except writing: what a worker process does in a batch.

    Workers never write files; the parent process writes what they prepared (and finishes
    the batched formats), so that an interrupted batch has exactly one place that cleans up
    temporary files.
    """
    with paused_garbage_collection():
        return _prepare(source, out_dir, formats, templates, display, force, options)


def finish(pending: list[Pending], workers: int = 1) -> list[tuple[bool, list[Diagnostic]]]:
    """Finish batched outputs: one call per format for the whole batch, each file then written.

    Returns, per pending output, whether it is in place (written, or already the same bytes)
    and what to report. A failure leaves that one output as it was; the rest are written.
    """
    from .output import write_all

    results: list[tuple[bool, list[Diagnostic]]] = []
    for target, (data, problems) in zip(
        (p.target for p in pending), convert(pending, workers), strict=True
    ):
        found = list(problems)
        if data is not None and not _same_bytes(target, data):
            try:
                write_all({target: data})
            except OutputError as exc:
                found.extend(exc.diagnostics)
        results.append((data is not None and len(found) == len(problems), found))
    return results


def convert(
    pending: list[Pending], workers: int = 1
) -> list[tuple[bytes | None, list[Diagnostic]]]:
    """The bytes of each batched output (None when it could not be made) and what to report.

    Nothing is written: a batch writes each report's outputs together once its PDF is made.
    """
    results: list[tuple[bytes | None, list[Diagnostic]]] = [(None, [])] * len(pending)
    for fmt in dict.fromkeys(p.fmt for p in pending):
        indices = [i for i, p in enumerate(pending) if p.fmt == fmt]
        items = [(pending[i].target, pending[i].job) for i in indices]
        for i, done in zip(indices, get_finisher(fmt)(items, workers), strict=True):
            results[i] = (done.data, list(done.problems))
    return results


def unchanged(path: Path, data: bytes) -> bool:
    """Whether ``path`` already holds exactly ``data`` (then it is not written again)."""
    return _same_bytes(path, data)


def _prepare(
    source: Path,
    out_dir: Path | None,
    formats: tuple[str, ...],
    templates: TemplateChoice,
    display: str | None,
    force: bool,
    options: CheckOptions,
) -> Prepared:
    checked = check(source, options._replace(variant=templates.variant), display)
    if checked.fails(options.strict):
        raise ReportError(checked.findings)
    targets = output_paths(source, out_dir, formats)
    render = render_options(checked, source, templates, options.previous)
    inputs = InputFiles([source, *([render.reference_docx] if render.reference_docx else [])])
    overwritten = overwritten_inputs(list(targets.values()), inputs)
    if overwritten:
        raise OutputError(overwritten)
    rendered = {
        targets[fmt]: get_writer(fmt)(checked.report, render)
        for fmt in formats
        if fmt not in BATCHED
    }
    pending = tuple(
        Pending(fmt, targets[fmt], get_preparer(fmt)(checked.report, render))
        for fmt in formats
        if fmt in BATCHED
    )
    if not force:
        problems = overwrite_problems([*rendered, *(p.target for p in pending)])
        if problems:
            raise OutputError(problems)
    changed = {path: data for path, data in rendered.items() if not _same_bytes(path, data)}
    warnings = [w for fmt in formats for w in writer_warnings(fmt, render)]
    return Prepared(list(rendered), changed, checked.findings + warnings, pending)


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same path once resolved, or a hard link."""
    return InputFiles([b]).holding(a) is not None


class InputFiles:
    """A run's input files, to ask in constant time whether a path is one of them.

    A path is an input when it names the same file on disk — by the same path, through a
    symbolic link or ``..``, or as a hard link: the same device and inode. A path that does
    not exist is no input, so checking an output that is not there yet costs one ``stat``.
    """

    def __init__(self, inputs: list[Path]) -> None:
        self._by_inode: dict[tuple[int, int], Path] = {}
        for path in inputs:
            identity = _identity(path)
            if identity is not None:
                self._by_inode.setdefault(identity, path)

    def holding(self, target: Path) -> Path | None:
        """The input that ``target`` names, if any."""
        identity = _identity(target)
        return None if identity is None else self._by_inode.get(identity)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except (OSError, ValueError):  # missing, unreadable, a loop of links, a NUL in the name
        return None
    return status.st_dev, status.st_ino


def overwritten_inputs(
    targets: list[Path], inputs: InputFiles, hint: str | None = None, besides: Path | None = None
) -> list[Diagnostic]:
    """Outputs that are one of the inputs: refused before any work, ``--force`` or not.

    A report named ``report.md`` builds ``report.md``; a reference document in the output
    directory may share an output's name. Replacing either would destroy the source. Outputs
    that are the input ``besides`` are not reported (a batch leaves a report's own file to the
    check after loading, so that a Word file given as a report is told to use import).
    """
    problems = []
    for target in targets:
        source = inputs.holding(target)
        if source is not None and source != besides:
            problems.append(
                Diagnostic(
                    SourceLocation(str(target)),
                    Severity.ERROR,
                    "LG404",
                    _("this output would replace the input {input}; not written").format(
                        input=source
                    ),
                    hint=hint
                    or _("name report files *.yaml, and keep inputs out of the -o directory"),
                )
            )
    return problems


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
