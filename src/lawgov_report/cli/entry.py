"""The console-script entry point: ``lawgov textconv FILE`` without Typer, everything else with it.

Why: git runs the textconv once for every version of every .docx it shows in a diff, so its
cost is a process start. Typer (0.29) imports pydantic to build its parameter adapters, and the
app imports every command group; ``lawgov textconv FILE`` — the exact call git makes — needs
none of it, so it is answered here with the same output, messages and exit codes. Any other
call (``lawgov textconv --help`` too) goes to the Typer app.
"""

import sys


def _textconv(path: str) -> int:
    from pathlib import Path

    from ..errors import LawgovError
    from ..workflow.textconv import textconv
    from .printing import emit_data, print_diagnostics

    try:
        text = textconv(Path(path))
    except LawgovError as exc:
        print_diagnostics(exc.diagnostics)
        return exc.exit_code
    emit_data(text)
    return 0


def main() -> None:
    """``lawgov``: the fast path for textconv, else the Typer app (``cli.app.main``).

    Ctrl-C (or SIGTERM) at any moment, even while Python is still importing, ends with one
    line and exit 130 (143), never a traceback; a reader that stops reading (``lawgov schema |
    head -1``) ends the run quietly.
    """
    try:
        _run(sys.argv[1:])
    except KeyboardInterrupt as interrupt:
        raise SystemExit(stopped(interrupt)) from None
    except BrokenPipeError:
        raise SystemExit(_reader_gone()) from None


def stopped(interrupt: KeyboardInterrupt) -> int:
    """Say that the run was stopped (one line, no traceback); the exit code to end with."""
    try:
        from ..i18n import _

        message = _("interrupted; lawgov stopped")
    except KeyboardInterrupt:  # a second Ctrl-C while the message catalogue loads
        message = "stopped"
    print(message, file=sys.stderr, flush=True)
    return int(getattr(interrupt, "exit_code", 130))


def _reader_gone() -> int:
    """Stdout's reader went away: drop what is left unsent, so exiting cannot complain again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - stdout without a descriptor
        pass
    return 141  # as a shell reports a command ended by SIGPIPE


def _run(args: list[str]) -> None:
    # pydantic looks for plugins by scanning every installed distribution's entry points the
    # first time a model validates (a few percent of a cold build); lawgov uses none, and a
    # plugin installed for another program has no business in a clerk's build.
    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if len(args) == 2 and args[0] == "textconv" and not args[1].startswith("-"):
        from .console import setup_console

        setup_console()  # messages in the console's encoding; the text itself goes out as UTF-8
        raise SystemExit(_textconv(args[1]))
    from .app import main as app_main

    app_main()
