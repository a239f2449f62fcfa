"""Building many reports in one call: inputs, name clashes, parallel workers, interruptions.

Why: users regenerate every report with one script each year (``lawgov build reports/ -o
dist/``). One bad file must not stop the rest, results must come back in input order whatever
the number of workers, two inputs must never write the same output file, and no output may
replace an input. Mistakes on the command line (``-o`` naming a file, a directory without
reports, a malformed ``SOURCE_DATE_EPOCH``) are found before any work starts.

Worker processes only check and render; the parent process writes every file. So when the run
is interrupted (Ctrl-C, ``kill``), there is one place that removes temporary files — the
``finally`` of ``output.write_all`` in the parent — and the workers, which hold no files, are
simply stopped.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import Diagnostic, LawgovError, OutputError, Severity, SourceLocation
from .i18n import _
from .pipeline import (
    CheckOptions,
    InputFiles,
    Pending,
    TemplateChoice,
    convert,
    output_paths,
    overwritten_inputs,
    prepare,
    same_file,
    unchanged,
)
from .writers import BATCHED

if TYPE_CHECKING:  # multiprocessing costs start-up time: imported only for a parallel run
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

YAML_SUFFIXES = (".yaml", ".yml")
EXIT_OUTPUT_FAILURE = 3


@dataclass
class Outcome:
    """What building one input did: files written, findings, and the exit code it asks for.

    ``changed`` carries the rendered bytes from a worker to the parent, which writes them;
    ``pending`` the batched formats (PDF), finished by the parent after every build.
    """

    source: Path
    paths: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: int = 0
    changed: dict[Path, bytes] = field(default_factory=dict)
    pending: tuple[Pending, ...] = ()


class BuildJob(NamedTuple):
    """Everything a worker needs to build one input (picklable for worker processes)."""

    source: Path
    out_dir: Path | None
    formats: tuple[str, ...]
    force: bool
    options: CheckOptions
    templates: TemplateChoice


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; a directory stands for the report YAML files directly inside it, sorted.

    A roster kept beside the reports (``units.yaml``, for ``lawgov status``) is not one of
    them: ``lawgov build reports/`` builds the reports and leaves it alone. Named on its own,
    it is refused with a message saying which commands read it (LG009).
    """
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            expanded.extend(p for p in _yaml_files_in(path) if not _looks_like_roster(p))
        else:
            expanded.append(path)
    return expanded


def _yaml_files_in(directory: Path) -> list[Path]:
    try:
        return sorted(p for p in directory.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    except OSError:
        return []


_ROSTER_KEY = re.compile(r"^units:", re.MULTILINE)
_REPORT_KEY = re.compile(r"^(?:parts|organization|opening):", re.MULTILINE)


def _looks_like_roster(path: Path) -> bool:
    """A top-level ``units:`` and none of a report's keys, read from the text (no parsing).

    Cheap on purpose: it runs on every file of a directory before any work. A file it cannot
    read is left in the list, so the build says why it cannot be read.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 20).decode("utf-8", errors="replace")
    except OSError:
        return False
    return bool(_ROSTER_KEY.search(head)) and not _REPORT_KEY.search(head)


def _usage(path: str, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(SourceLocation(path), Severity.ERROR, code, message, hint=hint)


def preflight(paths: list[Path], out_dir: Path | None, outputs: bool = True) -> list[Diagnostic]:
    """Command-line mistakes that stop the whole run before any work (exit 2).

    A directory among the inputs with no report in it (``lawgov build 2021.yaml dist/`` meant
    ``-o dist/``); with ``outputs``: an ``-o`` that names a file or cannot be created, and a
    malformed ``SOURCE_DATE_EPOCH``.
    """
    files_too = any(not path.is_dir() for path in paths)
    problems = [
        _usage(
            str(path),
            "LG406",
            _("no report files (.yaml, .yml) in this directory"),
            _("did you mean -o {path}? (-o names the directory for the outputs)").format(path=path)
            if outputs and out_dir is None and files_too
            else _("put the report YAML files there, or name the files themselves"),
        )
        for path in paths
        if path.is_dir() and not expand_inputs([path])
    ]
    if outputs and out_dir is None:
        problems.extend(_forgotten_o(paths))
    if outputs and out_dir is not None:
        problems.extend(_output_directory_problems(out_dir, paths))
    if outputs:
        from .provenance import source_date_epoch

        try:
            source_date_epoch()
        except LawgovError as exc:
            problems.extend(exc.diagnostics)
    return problems


def _forgotten_o(paths: list[Path]) -> list[Diagnostic]:
    """A missing input named like a directory (no suffix) beside report files: ``-o`` forgotten.

    ``lawgov build 2021.yaml out/`` would otherwise build 2021.yaml beside itself and then say
    only that ``out`` is not found.
    """
    return [
        _usage(
            str(path),
            "LG406",
            _("there is no such file or directory"),
            _("to name the output directory, use -o {path}/").format(path=path),
        )
        for path in paths
        if not path.suffix
        and not path.exists()
        and any(other.is_file() for other in paths if other != path)
    ]


def _output_directory_problems(out_dir: Path, inputs: list[Path]) -> list[Diagnostic]:
    """``-o`` must be a directory, or one we can create (nothing is created before the build)."""
    hint = _("-o names a directory for the outputs; it is created when missing")
    if out_dir.exists() and not out_dir.is_dir():
        if any(same_file(out_dir, path) for path in inputs):
            message = _("-o names an input file, not a directory for the outputs")
        else:
            message = _("-o names a file, not a directory")
        return [_usage(str(out_dir), "LG405", message, hint)]
    existing = out_dir
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        message = _("-o cannot be created: {parent} is a file").format(parent=existing)
        return [_usage(str(out_dir), "LG405", message, hint)]
    if not os.access(existing, os.W_OK | os.X_OK):
        message = _("-o cannot be written: no permission to write in {path}").format(path=existing)
        hint = _("choose a directory of your own with -o")
        return [_usage(str(out_dir), "LG405", message, hint)]
    return []


def refused_outputs(
    sources: list[Path], out_dir: Path | None, formats: tuple[str, ...]
) -> dict[Path, Outcome]:
    """Inputs not built because an output would overwrite another input or another's output.

    Same stem in the same place (exit 1, LG403); an output that is another input of the run
    (exit 3, LG404). Both are found before any work; an output that is the input itself is
    refused by ``pipeline.prepare`` once the input has loaded as a report.
    """
    owners: dict[Path, Path] = {}
    refused: dict[Path, Outcome] = {}
    inputs = InputFiles(sources)
    for source in sources:
        targets = list(output_paths(source, out_dir, formats).values())
        overwritten = overwritten_inputs(targets, inputs, besides=source)
        if overwritten:
            refused[source] = Outcome(source, [], overwritten, EXIT_OUTPUT_FAILURE)
            continue
        for target in targets:
            key = target.resolve()
            owner = owners.setdefault(key, source)
            if owner != source and source not in refused:
                clash = Diagnostic(
                    SourceLocation(str(source)),
                    Severity.ERROR,
                    "LG403",
                    _("writes {target}, which {owner} writes too; not built").format(
                        target=target, owner=owner
                    ),
                    hint=_("rename one of the files, or build them into different -o directories"),
                )
                refused[source] = Outcome(source, [], [clash], 1)
    return refused


def prepare_one(job: BuildJob) -> Outcome:
    """Check and render one input; user problems come back as data (also across processes)."""
    try:
        prepared = prepare(
            job.source,
            job.out_dir,
            job.formats,
            job.templates,
            force=job.force,
            options=job.options,
        )
    except LawgovError as exc:
        return Outcome(job.source, [], exc.diagnostics, exc.exit_code)
    return Outcome(
        job.source, prepared.paths, prepared.findings, 0, prepared.changed, prepared.pending
    )


def _write(outcome: Outcome) -> Outcome:
    """Write what a job prepared (in this, the parent, process); a failure becomes data."""
    from .output import write_all

    changed, outcome.changed = outcome.changed, {}
    try:
        write_all(changed)
    except LawgovError as exc:
        return Outcome(outcome.source, [], [*outcome.diagnostics, *exc.diagnostics], exc.exit_code)
    return outcome


def _worker_signals() -> None:
    """Workers leave Ctrl-C to the parent, and die at once when the parent stops them.

    A terminal sends Ctrl-C to every process of the command; the parent alone decides what to
    do (clean up, stop the workers). Workers hold no open output files, so dying is safe. The
    parent starts workers with both signals held back (see ``_in_parallel``); released here.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


def _serve(connection: Connection, parents_ends: tuple[Connection, ...]) -> None:
    """A worker process: prepare each job the parent sends, until it sends None or goes away.

    A forked worker inherits the parent's ends of every pipe; it closes them, so that when the
    parent is gone its pipe reports the end and the worker stops too.
    """
    _worker_signals()
    for end in parents_ends:
        end.close()
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        if job is None:
            return
        connection.send(prepare_one(job))


def run(jobs: list[BuildJob], workers: int = 1) -> Iterator[Outcome]:
    """Build every job, yielding outcomes in input order (in parallel when ``workers`` > 1).

    Each outcome is yielded once all of its report's outputs are in place, so what the caller
    has seen is exactly what is on disk. With a batched format (PDF) every report is first
    rendered in memory, then one ``finish`` (one LibreOffice process per worker) makes all the
    PDFs, and only then is each report written — its .docx, .md and .pdf together. A PDF that
    cannot be made is reported and the report's other outputs are written all the same.

    An interruption (``KeyboardInterrupt``, which the CLI also raises for SIGTERM) propagates
    after the temporary files of the write in progress are removed and the workers stopped;
    every output already yielded is complete, and nothing else was written.
    """
    if not any(fmt in BATCHED for job in jobs for fmt in job.formats):
        with contextlib.closing(_build_all(jobs, workers)) as built:  # stops workers at once
            for outcome in built:
                yield _write(outcome)
        return
    outcomes = list(_build_all(jobs, workers))
    _finish_pending(outcomes, workers)
    order = {
        job.source: list(output_paths(job.source, job.out_dir, job.formats).values())
        for job in jobs
    }
    for outcome in outcomes:
        written = _write(outcome)
        written.paths.sort(key=order[outcome.source].index)
        yield written


def _finish_pending(outcomes: list[Outcome], workers: int) -> None:
    """Make every pending output (PDF); each joins its report's files still to be written."""
    pending = [(outcome, p) for outcome in outcomes for p in outcome.pending]
    results = convert([p for _outcome, p in pending], workers)
    for (outcome, p), (data, problems) in zip(pending, results, strict=True):
        if data is not None:
            outcome.paths.append(p.target)
            if not unchanged(p.target, data):
                outcome.changed[p.target] = data
        outcome.diagnostics.extend(problems)
        if any(d.severity is Severity.ERROR for d in problems):
            outcome.exit_code = max(outcome.exit_code, OutputError.exit_code)
        outcome.pending = ()


def _build_all(jobs: list[BuildJob], workers: int) -> Generator[Outcome, None, None]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield prepare_one(job)
        return
    yield from _in_parallel(jobs, min(workers, len(jobs)))


def _in_parallel(jobs: list[BuildJob], workers: int) -> Iterator[Outcome]:
    """Jobs spread over worker processes, one pipe each; the parent writes, in input order.

    Why not ``multiprocessing.Pool``: its queues share locks between processes, and a pool
    stopped while a worker is sending a large result (rendered files are) can wait forever
    on such a lock. Here each worker has its own pipe and nothing is shared, so stopping is
    just ending the processes.
    """
    import multiprocessing
    from multiprocessing.connection import Connection, wait

    from .output import signals_held

    context = multiprocessing.get_context()
    processes: dict[Connection, BaseProcess] = {}
    waiting = iter(enumerate(jobs))
    running: dict[Connection, int] = {}
    finished: dict[int, Outcome] = {}

    def start() -> Connection:
        parent, child = context.Pipe()
        # Held signals: a worker is either started and known (so stopped below), or not at all.
        with signals_held():
            process = context.Process(
                target=_serve, args=(child, (*processes, parent)), daemon=True
            )
            process.start()
            processes[parent] = process
        child.close()
        return parent

    def feed(connection: Connection) -> None:
        for index, job in waiting:
            connection.send(job)
            running[connection] = index
            return

    try:
        for _ in range(workers):
            feed(start())
        for index in range(len(jobs)):
            while index not in finished:
                for connection in wait(list(running)):
                    assert isinstance(connection, Connection)
                    number = running.pop(connection)
                    try:
                        finished[number] = connection.recv()
                    except EOFError:  # the worker died (killed, out of memory): say so, go on
                        finished[number] = _died(jobs[number], processes.pop(connection))
                        connection.close()
                        connection = start()
                    feed(connection)
            yield finished.pop(index)
        for connection in processes:
            connection.send(None)
    finally:
        for process in processes.values():
            if process.is_alive():
                process.terminate()
        for connection, process in processes.items():
            connection.close()
            process.join()


def _died(job: BuildJob, process: BaseProcess) -> Outcome:
    process.join()
    message = _("the process building this file stopped unexpectedly (exit code {code})").format(
        code=process.exitcode
    )
    hint = _("build it again alone (without -j) to see why")
    return Outcome(
        job.source, [], [_usage(str(job.source), "LG408", message, hint)], EXIT_OUTPUT_FAILURE
    )
