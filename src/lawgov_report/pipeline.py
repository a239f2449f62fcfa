"""The pipeline of one report: load → validate → render → write.

Why a module of its own: ``cli.py`` only parses arguments and prints; library users and tests
call these functions directly and get the same behaviour as the command line.
"""

from __future__ import annotations

from pathlib import Path

from . import validation
from .loader import load_data, read_text
from .model import Report
from .output import write_all
from .writers import get_writer, suffix_of

DEFAULT_FORMATS = ("docx", "md")


def load_report(path: Path, display: str | None = None) -> Report:
    """Read and validate one report file; raise ``ReportError`` with every problem found."""
    name = display if display is not None else str(path)
    loaded = load_data(read_text(path, name), name)
    return validation.validate(loaded)


def output_paths(source: Path, out_dir: Path | None, formats: tuple[str, ...]) -> dict[str, Path]:
    """Output file per format: the input's stem in ``out_dir`` (default: beside the input)."""
    directory = out_dir if out_dir is not None else source.parent
    return {fmt: directory / (source.stem + suffix_of(fmt)) for fmt in formats}


def build(
    source: Path,
    out_dir: Path | None = None,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    template_dirs: tuple[Path, ...] = (),
    display: str | None = None,
) -> list[Path]:
    """Render every format in memory first, then write them all atomically; return the paths."""
    report = load_report(source, display)
    targets = output_paths(source, out_dir, formats)
    rendered = {targets[fmt]: get_writer(fmt)(report, template_dirs) for fmt in formats}
    write_all(rendered)
    return list(rendered)
