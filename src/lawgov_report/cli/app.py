"""The ``lawgov`` command line: parse arguments, call the pipeline, print, pick the exit code.

No business logic lives here. Diagnostics go to stderr, results (written paths, JSON) to stdout.
(No ``from __future__ import annotations``: Typer would evaluate every parameter annotation
from its string at each start.) The commands live in one module per group (``build``:
build and check; ``workflow``: new, diff, import, textconv, schema, templates; ``doctor``); this module
makes the app, registers them and is the console-script entry point.
Exit codes: 0 ok; 1 invalid input or lint errors; 2 usage; 3 template or output failure.
Only ``LawgovError`` (a user or environment problem) is caught; any other exception is a bug in
lawgov and keeps its traceback.
"""

import os
import signal
from typing import Annotated

import typer

from .. import __version__
from . import build as build_commands
from . import doctor as doctor_command
from . import supervise as supervise_commands
from . import workflow as workflow_commands
from .console import setup_console
from .help import LawgovTyper

app = LawgovTyper(
    name="lawgov",
    no_args_is_help=True,
    help="Build a 法治政府建设年度报告 (.docx per GB/T 9704-2012, and Markdown) from YAML.",
)


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


build_commands.register(app)
workflow_commands.register(app)
doctor_command.register(app)
supervise_commands.register(app)


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


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every ``finally`` runs (temporary files removed)."""

    exit_code = 143


def _terminated(signum: int, frame: object) -> None:
    raise Terminated


def main() -> None:
    """Console-script entry point.

    lawgov uses no pydantic plugins; saying so spares every run the scan of all installed
    packages' entry points that pydantic does to find plugins (a few milliseconds at start-up).
    Typer does the same while it builds its parameter adapters.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    _tune_garbage_collector()
    signal.signal(signal.SIGTERM, _terminated)
    setup_console()
    app()
