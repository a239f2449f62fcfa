"""The command line: the entry point, the Typer app, one module per group of commands, printing.

Owns: parsing arguments, calling the pipeline or a job package, printing diagnostics and
results, choosing the exit code; help screens and usage errors in the reader's language
(``help``, ``usage``) and the console's encodings and widths (``console``). No business logic.
May import anything below it; nothing imports ``cli``. Make commands with ``help.LawgovTyper``
(``app.command()`` does), so their help is translated.
"""
