"""Every command, fed junk where it expects a file: exit 1 or 3, one located error, no traceback.

Three kinds of junk, generated here: 5 MB of random bytes, a Word file cut off halfway (a
truncated zip), and a .docx whose ``word/document.xml`` is not well-formed. Each command gets
each junk in every file it reads (the same bytes named .yaml, .docx, .txt or .md as the argument
expects), in a separate process under a memory limit.

``INVOCATIONS`` lists how each command is fed; ``test_every_command_is_covered`` fails when a
command is added without an entry, so a new command is tried on junk from its first day.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer

from lawgov_report.cli.app import app

from helpers import EXAMPLE, ROOT, run_lawgov, without_excerpts

REFERENCE = ROOT / "templates" / "reference.docx"


def _random_bytes() -> bytes:
    return random.Random(15).randbytes(5 * 2**20)


def _truncated_zip() -> bytes:
    data = REFERENCE.read_bytes()
    return data[: len(data) * 3 // 5]


def _malformed_document_xml() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(REFERENCE) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                assert b"</w:body>" in data
                data = data.replace(b"</w:body>", "<w:p><w:r><w:t>未闭合</w:body>".encode(), 1)
            target.writestr(info, data)
    return out.getvalue()


JUNK: dict[str, Callable[[], bytes]] = {
    "5MB-random": _random_bytes,
    "truncated-zip": _truncated_zip,
    "malformed-document-xml": _malformed_document_xml,
}

# How each command meets junk: {yaml}, {docx}, {txt}, {md} are the junk file under that name,
# {templates} a template directory whose templates are the junk, {example} a good report.
# Commands that read no file from the user are run plainly: they must still succeed.
INVOCATIONS: dict[str, list[list[str]]] = {
    "build": [
        ["build", "{yaml}", "-o", "out"],
        ["build", "{example}", "-o", "out", "--reference-docx", "{docx}"],
        ["build", "{example}", "-o", "out", "--template-dir", "{templates}"],
        ["build", "{yaml}", "-o", "out", "-f", "pdf,html,html-fragment", "-j", "2"],
    ],
    "check": [["check", "{yaml}"], ["check", "--format", "json", "{yaml}"]],
    "new": [["new", "2022", "--from", "{yaml}", "-o", "new.yaml"]],
    "diff": [["diff", "{example}", "{yaml}"], ["diff", "{yaml}", "{example}"]],
    "import": [
        ["import", "{docx}", "-o", "imported.yaml"],
        ["import", "{txt}", "-o", "imported.yaml"],
        ["import", "{md}", "-o", "imported.yaml"],
    ],
    "textconv": [["textconv", "{docx}"]],
    "schema": [],
    "doctor": [["doctor", "{yaml}"]],
    "templates export": [["templates", "export", "{yaml}"]],
    "status": [["status", "{yaml}"], ["status", "{yaml}", "-f", "json"]],
    "compile": [["compile", "{yaml}", "-o", "volume.docx"]],
    "remind": [["remind", "{yaml}", "-o", "notice.yaml"]],
    "new-roster": [["new-roster", "{folder}", "-o", "units.yaml"]],
}


def _command_paths(group: Any, prefix: str = "") -> set[str]:
    paths = set()
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):  # a group of commands (Typer's own click)
            paths |= _command_paths(command, path + " ")
        else:
            paths.add(path)
    return paths


def test_every_command_is_covered() -> None:
    assert _command_paths(typer.main.get_command(app)) == set(INVOCATIONS)


# Cases that still fail, with who owns the fix (#15 is split between helpers). Strict: a fixed
# case fails here until it is removed from this list.
KNOWN_FAILURES: dict[str, str] = {}


def _cases() -> list[Any]:
    cases: list[Any] = []
    for command, invocations in INVOCATIONS.items():
        for number, arguments in enumerate(invocations):
            for junk in JUNK:
                case_id = f"{command.replace(' ', '-')}-{number}-{junk}"
                marks = (
                    [pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[case_id], run=True)]
                    if case_id in KNOWN_FAILURES
                    else []
                )
                cases.append(pytest.param(arguments, junk, id=case_id, marks=marks))
    return cases


@pytest.mark.parametrize(("arguments", "junk"), _cases())
def test_junk_gives_one_located_error(tmp_path: Path, arguments: list[str], junk: str) -> None:
    data = JUNK[junk]()
    names = {}
    for role in ("yaml", "docx", "txt", "md"):
        names[role] = f"junk.{role}"
        (tmp_path / names[role]).write_bytes(data)
    (tmp_path / "templates").mkdir()
    for template in ("report.md.j2", "report.docx.xml.j2"):
        (tmp_path / "templates" / template).write_bytes(data)
    names["templates"] = "templates"
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "junk.docx").write_bytes(data)
    names["folder"] = "folder"
    names["example"] = str(EXAMPLE)
    command = [argument.format(**names) for argument in arguments]
    result = run_lawgov(command, tmp_path, timeout=60)
    shown = f"$ lawgov {' '.join(command)}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, shown
    assert result.returncode in (1, 3), shown
    if command[:1] == ["check"] and "json" in command:
        findings = json.loads(result.stdout)
        errors = [
            f"{f['file']}: error: {f['message']}" for f in findings if f["severity"] == "error"
        ]
    else:
        errors = [line for line in result.stderr.splitlines() if re.search(r": error: ", line)]
    assert len(errors) == 1, shown
    junk_paths = {names[r] for r in ("yaml", "docx", "txt", "md")} | {"templates/", "folder/"}
    assert any(errors[0].startswith(path) for path in junk_paths), shown


def test_commands_without_file_inputs_still_work(tmp_path: Path) -> None:
    for command, invocations in INVOCATIONS.items():
        if not invocations:
            result = run_lawgov(command.split(), tmp_path)
            assert (result.returncode, without_excerpts(result.stderr)) == (0, ""), command


def test_binary_named_like_text_is_refused_by_import(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_bytes(_truncated_zip())
    (tmp_path / "picture.md").write_bytes("标题\n".encode() + b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run_lawgov(["import", "report.txt"], tmp_path)
    assert (result.returncode, without_excerpts(result.stderr)) == (
        1,
        "report.txt:1:6: error: this is a Word (.docx) or other zip file, not text [LG001]\n"
        "  hint: name it .docx to import it as a Word file\n",
    )
    result = run_lawgov(["import", "picture.md"], tmp_path)
    assert (result.returncode, without_excerpts(result.stderr)) == (
        1,
        "picture.md:4:1: error: this is not a text file: it holds binary data (byte 00) [LG001]\n"
        "  hint: import the original Word file, or save the text as UTF-8\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["picture.md", "report.txt"]
