"""Start-up budget: each command imports only what it needs (DESIGN.md, bench/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import EXAMPLE

PROBE = """
import json, sys
from lawgov_report.cli.app import main
sys.argv = ["lawgov", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit as exc:
    assert exc.code == 0, exc.code
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(args: list[str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def _top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("formats", ["docx,md", "docx", "md"])
def test_build_imports_neither_python_docx_nor_lxml(tmp_path: Path, formats: str) -> None:
    modules = _modules_after(["build", str(EXAMPLE), "-o", str(tmp_path), "-f", formats])
    assert not _top(modules) & {"docx", "lxml", "jieba"}
    assert (tmp_path / "2021.md").exists() or formats == "docx"


def test_check_imports_no_template_or_writer_code() -> None:
    modules = _modules_after(["check", str(EXAMPLE)])
    assert not _top(modules) & {"docx", "lxml", "jinja2", "jieba"}
    assert not {m for m in modules if m.startswith("lawgov_report.writers.")}
    assert "lawgov_report.render.environment" not in modules
    assert "lawgov_report.output" not in modules


def test_markdown_only_build_does_not_load_the_docx_writer(tmp_path: Path) -> None:
    modules = _modules_after(["build", str(EXAMPLE), "-o", str(tmp_path), "-f", "md"])
    assert "lawgov_report.writers.docx" not in modules
