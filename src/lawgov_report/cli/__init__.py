"""The command line: the Typer app, one module per group of commands, printing and exit codes.

Owns: parsing arguments, calling the pipeline or a job package, printing diagnostics and
results, choosing the exit code. No business logic. May import anything below it; nothing
imports ``cli``.
"""
