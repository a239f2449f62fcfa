"""textconv: the text of a .docx, so that git diff shows changed sentences."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from lawgov_report.cli.app import app
from lawgov_report.pipeline import build
from lawgov_report.workflow.textconv import textconv as docx_text
from wordfixtures import fixtures, with_body

from helpers import EXAMPLE, ROOT


def test_our_docx_as_text(tmp_path: Path, runner: CliRunner) -> None:
    build(EXAMPLE, tmp_path, ("docx",))
    result = runner.invoke(app, ["textconv", str(tmp_path / "2021.docx")])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["高科字〔2022〕1号", "# 高青县科学技术局2021年度法治政府建设工作报告"]
    assert "## 一、法治政府建设的主要举措和成效" in lines
    assert lines[-2:] == ["高青县科学技术局", "2022年1月7日"]


def test_any_docx_with_headings_and_a_table(tmp_path: Path, runner: CliRunner) -> None:
    document = docx.Document()
    document.add_heading("总标题", level=0)
    document.add_heading("一级", level=1)
    document.add_paragraph("正文。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "甲"
    table.rows[0].cells[1].text = "乙"
    buffer = io.BytesIO()
    document.save(buffer)
    (tmp_path / "x.docx").write_bytes(buffer.getvalue())
    result = runner.invoke(app, ["textconv", str(tmp_path / "x.docx")])
    assert result.stdout == "# 总标题\n## 一级\n正文。\n| 甲 | 乙 |\n"


def test_not_a_docx(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "x.docx").write_text("hello", encoding="utf-8")
    result = runner.invoke(app, ["textconv", str(tmp_path / "x.docx")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{tmp_path / 'x.docx'}: error: not a Word .docx file")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_diff_shows_the_changed_word(tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    git("config", "diff.lawgov.textconv", f"{sys.executable} -m lawgov_report textconv")
    (tmp_path / ".gitattributes").write_text("*.docx diff=lawgov\n", encoding="utf-8")
    source = tmp_path / "2021.yaml"
    shutil.copy(EXAMPLE, source)
    build(source, None, ("docx",))
    git("add", ".")
    git("commit", "-qm", "2021")
    source.write_text(
        source.read_text(encoding="utf-8").replace("强队伍建设", "强化队伍建设"), encoding="utf-8"
    )
    build(source, None, ("docx",))
    diff = git("diff", "--", "2021.docx")
    changed = [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == [
        next(line for line in changed if line.startswith("-")),
        next(line for line in changed if line.startswith("+")),
    ]
    assert changed[0].startswith("-（一）强队伍建设，履行第一责任人职责。")
    assert changed[1].startswith("+（一）强化队伍建设，履行第一责任人职责。")


TEXTCONV_PROBE = """
import json, sys
sys.argv = ["lawgov", "textconv", sys.argv[1]]
from lawgov_report.cli.entry import main
try:
    main()
except SystemExit as exc:
    assert exc.code == 0, exc.code
sys.stdout.flush()
print("\\n" + json.dumps(sorted(sys.modules)))
"""


def test_textconv_imports_neither_pydantic_nor_jinja(tmp_path: Path) -> None:
    """git runs textconv once per file version: no Typer, pydantic, Jinja or python-docx."""
    build(EXAMPLE, tmp_path, ("docx",))
    result = subprocess.run(
        [sys.executable, "-c", TEXTCONV_PROBE, str(tmp_path / "2021.docx")],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = set(json.loads(result.stdout.splitlines()[-1]))
    assert not {m.split(".")[0] for m in modules} & {"pydantic", "jinja2", "docx", "typer", "yaml"}
    assert "高青县科学技术局" in result.stdout


def test_textconv_fast_path_matches_the_command(tmp_path: Path, runner: CliRunner) -> None:
    build(EXAMPLE, tmp_path, ("docx",))
    for name in ("2021.docx", "missing.docx"):
        fast = subprocess.run(
            [sys.executable, "-m", "lawgov_report", "textconv", str(tmp_path / name)],
            capture_output=True,
            text=True,
            env={**os.environ, "LAWGOV_LANG": "en"},
        )
        slow = runner.invoke(app, ["textconv", str(tmp_path / name)], env={"LAWGOV_LANG": "en"})
        assert (fast.returncode, fast.stdout, fast.stderr) == (
            slow.exit_code,
            slow.stdout,
            slow.stderr,
        )


def _fixture(name: str, folder: Path) -> Path:
    data = next(f.data for f in fixtures() if f.name == name)
    (folder / name).write_bytes(data)
    return folder / name


def test_text_boxes_once_tables_in_place_changes_accepted(tmp_path: Path) -> None:
    upward = docx_text(_fixture("word2016-upward.docx", tmp_path)).splitlines()
    assert upward[:2] == ["某县司法局文件", "某司发〔2022〕3号\t\t签发人：王五"]
    assert sum("某县司法局文件" in line for line in upward) == 1
    assert upward[-4:] == [
        "|  | 某县司法局 |",
        "|  | 2022年1月10日 |",
        "| 抄送：县委办公室，县人大常委会办公室，县委依法治县办。 |",
        "| 某县司法局办公室 | 2022年1月10日印发 |",
    ]
    tracked = docx_text(_fixture("word-tracked-changes.docx", tmp_path))
    assert "原稿删去的字句" not in tracked
    assert "　局主要负责同志带头学法讲法，主持召开法治专题会议6次。" not in tracked
    assert "局主要负责同志带头学法讲法，主持召开法治专题会议6次。" in tracked


def test_automatic_numbers_are_written_out(tmp_path: Path) -> None:
    lines = docx_text(_fixture("word-autonumber-styles.docx", tmp_path)).splitlines()
    assert "## 一、    法治政府建设的主要举措和成效" in lines
    assert (
        "### （一）    强化组织领导。局党组书记切实履行推进法治建设第一责任人职责，一是召开党组会专题研究法治工作4次；二是制定年度法治工作要点，明确责任分工。"
        in lines
    )
    assert "#### ⒈    落实三项制度。全年公示执法信息216条，音像记录执法过程87次。" in lines
    assert "##### ⑴    评查结果运用。评查结果纳入年度执法考核。" in lines


def test_print_variant_imprint_once_after_the_date(tmp_path: Path) -> None:
    build(ROOT / "examples" / "print-2021.yaml", tmp_path, ("docx",))
    lines = docx_text(tmp_path / "print-2021.docx").splitlines()
    assert lines[:2] == ["高青县科学技术局文件", "高科字〔2022〕1号\t签发人：张三"]
    assert lines[-4:] == [
        "高青县科学技术局",
        "2022年1月7日",
        "抄送：县委办公室，县人大常委会办公室，县委全面依法治县委员会办公室。",
        "高青县科学技术局办公室\t2022年1月7日印发",
    ]
    assert sum(line.startswith("抄送") for line in lines) == 1


def _rewritten(source: Path, target: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, change(data) if info.filename == part else data)
    return target


def test_utf16_parts_and_style_loops(tmp_path: Path) -> None:
    """A part in UTF-16 is valid OPC and is read; styles based on each other end the walk."""
    source = _fixture("word-outline-levels.docx", tmp_path)
    expected = docx_text(source)
    utf16 = _rewritten(
        source,
        tmp_path / "utf16.docx",
        "word/document.xml",
        lambda data: (
            data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
        ),
    )
    assert docx_text(utf16) == expected
    assert "LoopA" in (zipfile.ZipFile(source).read("word/styles.xml").decode())


DOCUMENT = "word/document.xml"
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
)
DEEP = (
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    + b"<w:customXml>" * 3000
    + b"<w:p/>"
    + b"</w:customXml>" * 3000
    + b"</w:body></w:document>"
)


def _patch_header(data: bytes, part: str, offset: int, value: int) -> bytes:
    """Set a 16-bit field of ``part``'s central directory entry (flags 8, method 10)."""
    out = bytearray(data)
    for match in re.finditer(rb"PK\x01\x02", data):
        start = match.start()
        length = struct.unpack("<H", data[start + 28 : start + 30])[0]
        if data[start + 46 : start + 46 + length] == part.encode():
            out[start + offset : start + offset + 2] = struct.pack("<H", value)
    return bytes(out)


def _corrupt_deflate(data: bytes) -> bytes:
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(DOCUMENT)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for i in range(start + 20, start + 80):
        out[i] ^= 0x5A
    return bytes(out)


def _bomb(data: bytes) -> bytes:
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/image1.png", b"\0" * (4 * 1024 * 1024))
    return buffer.getvalue()


HOSTILE_PACKAGES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "malformed XML": (
        lambda d: _replace_part(d, DOCUMENT, DEEP[:130]),
        "the file is damaged: its part word/document.xml is not well-formed XML (line 1); "
        "open it in Word and save it again as .docx (detail: Premature end of data in tag",
    ),
    "billion laughs": (
        lambda d: _replace_part(d, DOCUMENT, LAUGHS),
        "part word/document.xml declares a DTD, which Word files never do; refused",
    ),
    "deep nesting": (
        lambda d: _replace_part(d, DOCUMENT, DEEP),
        "the file is damaged: its part word/document.xml is not well-formed XML (line 1); "
        "open it in Word and save it again as .docx (detail: Excessive depth in document",
    ),
    "encrypted entry": (
        lambda d: _patch_header(d, DOCUMENT, 8, 1),
        "part word/document.xml is encrypted; save the document without a password",
    ),
    "unsupported compression": (
        lambda d: _patch_header(d, DOCUMENT, 10, 14),
        "part word/document.xml uses a compression Word does not write",
    ),
    "corrupt deflate stream": (
        _corrupt_deflate,
        "the file is damaged: its part word/document.xml cannot be unpacked; "
        "open it in Word and save it again as .docx (detail: ",
    ),
    "zip bomb": (_bomb, "part word/media/image1.png unpacks to 4 MB; refused as a zip bomb"),
    "junk": (
        lambda d: bytes(range(256)) * 200,
        "not a Word .docx file, or a damaged one; open it in Word",
    ),
    "truncated": (
        lambda d: d[: len(d) // 3],
        "not a Word .docx file, or a damaged one; open it in Word",
    ),
}


def _replace_part(data: bytes, part: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            zout.writestr(info.filename, content if info.filename == part else zin.read(info))
    return buffer.getvalue()


@pytest.mark.parametrize("case", list(HOSTILE_PACKAGES))
@pytest.mark.parametrize("command", ["textconv", "import"])
def test_hostile_packages_give_one_located_error(
    case: str, command: str, tmp_path: Path, runner: CliRunner
) -> None:
    build(EXAMPLE, tmp_path, ("docx",))
    change, message = HOSTILE_PACKAGES[case]
    source = tmp_path / "hostile.docx"
    source.write_bytes(change((tmp_path / "2021.docx").read_bytes()))
    result = runner.invoke(app, [command, str(source)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{source}: error: {message}"), lines[0]
    assert lines[0].endswith("[LG501]")
    assert not (tmp_path / "hostile.yaml").exists()


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LOOPED_STYLES = (
    f"<w:styles {W_NS}>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="A"><w:name w:val="A"/>'
    '<w:basedOn w:val="B"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Self"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Self"/></w:style>'
    '<w:style w:type="numbering" w:styleId="ListA"><w:name w:val="ListA"/>'
    '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="character" w:styleId="C1"><w:name w:val="C1"/><w:basedOn w:val="C2"/>'
    '</w:style><w:style w:type="character" w:styleId="C2"><w:name w:val="C2"/>'
    '<w:basedOn w:val="C1"/></w:style></w:styles>'
)
LOOPED_LISTS = (
    f"<w:numbering {W_NS}>"
    '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListA"/></w:abstractNum>'
    '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
)
LOOPED_BODY = (
    '<w:p><w:pPr><w:pStyle w:val="Self"/></w:pPr><w:r><w:t>一级</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr>'
    '<w:r><w:rPr><w:rStyle w:val="C1"/></w:rPr><w:t>列表</w:t></w:r></w:p>'
    "<w:p><w:r><w:t>正文</w:t></w:r></w:p>"
)


def test_loops_in_styles_and_lists_end(tmp_path: Path) -> None:
    """Styles based on themselves or each other, a list whose style points back to the list:
    every walk ends (in a child process with a time limit, so that a hang fails the test)."""
    base = tmp_path / "base.docx"
    docx.Document().save(str(base))
    source = _replace_part(
        _replace_part(
            with_body(base.read_bytes(), LOOPED_BODY), "word/styles.xml", LOOPED_STYLES.encode()
        ),
        "word/numbering.xml",
        LOOPED_LISTS.encode(),
    )
    (tmp_path / "loops.docx").write_bytes(source)
    result = subprocess.run(
        [sys.executable, "-m", "lawgov_report", "textconv", str(tmp_path / "loops.docx")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout == "## 一级\n列表\n正文\n"
    imported = subprocess.run(
        [sys.executable, "-m", "lawgov_report", "import", str(tmp_path / "loops.docx")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
