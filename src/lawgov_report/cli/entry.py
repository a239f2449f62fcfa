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
    """``lawgov``: the fast path for textconv, else the Typer app (``cli.app.main``)."""
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "textconv" and not args[1].startswith("-"):
        from .console import setup_console

        setup_console()  # messages in the console's encoding; the text itself goes out as UTF-8
        raise SystemExit(_textconv(args[1]))
    from .app import main as app_main

    app_main()
