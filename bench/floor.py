"""The floor: an empty Typer command that imports what lawgov's stack imports.

One path argument, one option; it imports pyyaml, jinja2 and pydantic and does nothing else.
What it costs is what the chosen stack costs before any of lawgov's own code runs.
"""

from pathlib import Path
from typing import Annotated

import jinja2  # noqa: F401
import pydantic  # noqa: F401
import typer
import yaml  # noqa: F401

app = typer.Typer(add_completion=False)


@app.command()
def main(
    path: Annotated[Path, typer.Argument()],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Do nothing with PATH."""


if __name__ == "__main__":
    app()
