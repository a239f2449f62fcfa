"""Building many reports in one call: inputs, name clashes, and parallel workers.

Why: users regenerate every report with one script each year (``lawgov build reports/ -o
dist/``). One bad file must not stop the rest, results must come back in input order whatever
the number of workers, and two inputs must never write the same output file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import Diagnostic, LawgovError, OutputError, Severity, SourceLocation
from .pipeline import CheckOptions, Pending, TemplateChoice, build, finish, output_paths
from .writers import BATCHED

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Outcome:
    """What building one input did: files written, findings, and the exit code it asks for."""

    source: Path
    paths: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: int = 0
    pending: tuple[Pending, ...] = ()  # batched formats (PDF), finished after every build


class BuildJob(NamedTuple):
    """Everything a worker needs to build one input (picklable for worker processes)."""

    source: Path
    out_dir: Path | None
    formats: tuple[str, ...]
    force: bool
    options: CheckOptions
    templates: TemplateChoice


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; a directory stands for the YAML files directly inside it, sorted."""
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            expanded.extend(
                sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
            )
        else:
            expanded.append(path)
    return expanded


def clashing_outputs(
    sources: list[Path], out_dir: Path | None, formats: tuple[str, ...]
) -> dict[Path, Diagnostic]:
    """Inputs whose outputs would overwrite those of an earlier input (same stem, same place)."""
    owners: dict[Path, Path] = {}
    clashes: dict[Path, Diagnostic] = {}
    for source in sources:
        for target in output_paths(source, out_dir, formats).values():
            key = target.resolve()
            owner = owners.setdefault(key, source)
            if owner != source and source not in clashes:
                clashes[source] = Diagnostic(
                    SourceLocation(str(source)),
                    Severity.ERROR,
                    "LG403",
                    f"writes {target}, which {owner} writes too; not built",
                    hint="rename one of the files, or build them into different -o directories",
                )
    return clashes


def build_one(job: BuildJob) -> Outcome:
    """Build one input; user problems come back as data (exceptions do not cross processes well)."""
    try:
        built = build(
            job.source,
            job.out_dir,
            job.formats,
            job.templates,
            force=job.force,
            options=job.options,
            defer=True,
        )
    except LawgovError as exc:
        return Outcome(job.source, [], exc.diagnostics, exc.exit_code)
    return Outcome(job.source, built.paths, built.findings, 0, built.pending)


def run(jobs: list[BuildJob], workers: int = 1) -> Iterator[Outcome]:
    """Build every job, yielding outcomes in input order (in parallel when ``workers`` > 1).

    With a batched format (PDF) the outcomes are held until every report is built, so that
    one ``finish`` (one LibreOffice process per worker) completes them all; each report's
    other outputs are already written by then, and stay written whatever the PDF step does.
    """
    if not any(fmt in BATCHED for job in jobs for fmt in job.formats):
        yield from _build_all(jobs, workers)
        return
    outcomes = list(_build_all(jobs, workers))
    _finish_pending(outcomes, workers)
    order = {
        job.source: list(output_paths(job.source, job.out_dir, job.formats).values())
        for job in jobs
    }
    for outcome in outcomes:
        outcome.paths.sort(key=order[outcome.source].index)
    yield from outcomes


def _finish_pending(outcomes: list[Outcome], workers: int) -> None:
    pending = [(outcome, p) for outcome in outcomes for p in outcome.pending]
    results = finish([p for _outcome, p in pending], workers)
    for (outcome, p), (in_place, problems) in zip(pending, results, strict=True):
        if in_place:
            outcome.paths.append(p.target)
        outcome.diagnostics.extend(problems)
        if any(d.severity is Severity.ERROR for d in problems):
            outcome.exit_code = max(outcome.exit_code, OutputError.exit_code)
        outcome.pending = ()


def _build_all(jobs: list[BuildJob], workers: int) -> Iterator[Outcome]:
    if workers <= 1 or len(jobs) <= 1:
        yield from map(build_one, jobs)
        return
    import concurrent.futures  # only here: it costs milliseconds at start-up (logging, threads)

    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(build_one, jobs, chunksize=max(1, len(jobs) // (workers * 8)))
