"""The command line: the entry point, the Typer app, one module per group of commands, printing.

Owns: parsing arguments, calling the pipeline or a job package, printing diagnostics and
results, choosing the exit code. No business logic. May import anything below it; nothing
imports ``cli``.
"""
