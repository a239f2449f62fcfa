"""The command line: the entry point, the Typer app, one module per group of commands, printing.

Owns: parsing arguments, calling the pipeline or a job package, printing diagnostics and
results (``printing``), choosing the exit code; the Typer app (``app``) with one module per
group of commands (``build``: build and check; ``workflow``: new, diff, import, textconv,
schema, templates; ``supervise``: status, compile, remind, new-roster; ``doctor``); the
console script (``entry``: ``lawgov textconv`` without Typer, for git); help screens and
usage errors in the reader's language (``help``, ``usage``) and the console's encodings and
widths (``console``). No business logic.
May import anything below it; nothing imports ``cli``. Make commands with ``help.LawgovTyper``
(``app.command()`` does), so their help is translated.
"""
