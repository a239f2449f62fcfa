"""Fonts through fontconfig, embedding permissions, and the PDF normalisation, without LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_report import i18n
from lawgov_report.cli.app import app
from lawgov_report.provenance import State, stamp_pdf, state_of
from lawgov_report.typeset import fonts, libreoffice
from lawgov_report.typeset.fonts import Choice, Style

from helpers import EXAMPLE

DEBIAN = {"Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN", "AR PL UMing CN"}


@pytest.mark.parametrize(
    ("name", "role", "installed", "expected"),
    [
        ("仿宋_GB2312", Style.FANGSONG, DEBIAN, "Noto Serif CJK SC"),
        ("方正小标宋简体", Style.XIAOBIAOSONG, DEBIAN, "Noto Serif CJK SC"),
        ("黑体", Style.HEI, DEBIAN, "Noto Sans CJK SC"),
        ("楷体_GB2312", Style.KAI, DEBIAN, "AR PL UKai CN"),
        ("楷体_GB2312", Style.KAI, {"AR PL UMing CN", "Noto Sans CJK SC"}, "AR PL UMing CN"),
        ("仿宋_GB2312", Style.FANGSONG, {"仿宋", "Noto Serif CJK SC"}, "仿宋"),
        ("仿宋_GB2312", Style.FANGSONG, {"LXGW WenKai"}, "LXGW WenKai"),
        ("宋体", Style.SONG, {"SimSun", "Noto Serif CJK SC"}, "SimSun"),
        ("华文仿宋", Style.FANGSONG, DEBIAN, "Noto Serif CJK SC"),
        ("Microsoft YaHei", Style.FANGSONG, DEBIAN, "Noto Sans CJK SC"),  # asks for a sans
    ],
)
def test_each_name_gets_a_face_of_its_style(
    name: str, role: Style, installed: set[str], expected: str
) -> None:
    choice = fonts.choose(name, fonts.style_of(name, role), installed)
    assert choice.family == expected
    assert not choice.exact
    assert not choice.falls_to_sans


def test_an_installed_font_is_used_itself() -> None:
    choice = fonts.choose("仿宋_GB2312", Style.FANGSONG, {"仿宋_GB2312", *DEBIAN})
    assert choice == Choice("仿宋_GB2312", Style.FANGSONG, "仿宋_GB2312", True)


def test_a_serif_role_with_only_sans_faces_is_flagged() -> None:
    choice = fonts.choose("仿宋_GB2312", Style.FANGSONG, {"Noto Sans CJK SC"})
    assert choice.family == ""
    assert choice.falls_to_sans
    assert not fonts.choose("黑体", Style.HEI, {"Noto Sans CJK SC"}).falls_to_sans


def test_alias_file_includes_the_system_and_escapes_names(tmp_path: Path) -> None:
    base = tmp_path / "fonts.conf"
    choices = [
        Choice("仿宋_GB2312", Style.FANGSONG, "Noto Serif CJK SC", False),
        Choice("A&B<字体>", Style.SONG, "Noto Serif CJK SC", False),
        Choice("黑体", Style.HEI, "黑体", True),  # installed: no alias
    ]
    text = fonts.alias_config(choices, base)
    assert f'<include ignore_missing="yes">{base}</include>' in text
    assert (
        '<alias binding="same"><family>仿宋_GB2312</family>'
        "<prefer><family>Noto Serif CJK SC</family></prefer></alias>"
    ) in text
    assert "<family>A&amp;B&lt;字体&gt;</family>" in text
    assert "<family>黑体</family>" not in text


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="needs fontconfig")
def test_fontconfig_applies_the_alias_file(tmp_path: Path) -> None:
    plan = fonts.plan(fonts.DOCUMENT_FONTS)
    assert plan.config is not None
    config = tmp_path / "fonts.conf"
    config.write_text(plan.config, encoding="utf-8")
    for name, style in fonts.DOCUMENT_FONTS:
        face = fonts.resolve(name, config)
        assert face is not None
        chosen = next(c for c in plan.choices if c.name == name)
        if chosen.family:
            assert face.family == chosen.family, (name, face)
            assert fonts.is_sans(face.family) == (style is Style.HEI), (name, face)


def _font_file(tmp_path: Path, fs_type: int) -> fonts.Face:
    from fontTools.fontBuilder import FontBuilder

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef"])
    builder.setupCharacterMap({})
    builder.setupGlyf({".notdef": _empty_glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0)})
    builder.setupHorizontalHeader()
    builder.setupNameTable({"familyName": "Test", "styleName": "Regular"})
    builder.setupOS2(fsType=fs_type)
    builder.setupPost()
    path = tmp_path / f"test-{fs_type}.ttf"
    builder.save(str(path))
    return fonts.Face("Test", "Regular", str(path), 0)


def _empty_glyph() -> object:
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    return TTGlyphPen(None).glyph()


@pytest.mark.parametrize(
    ("fs_type", "allowed"),
    [(0x0000, True), (0x0002, False), (0x0004, True), (0x0008, True), (0x0204, False)],
)
def test_embedding_permission_from_fs_type(tmp_path: Path, fs_type: int, allowed: bool) -> None:
    pytest.importorskip("fontTools")
    result = fonts.embedding(_font_file(tmp_path, fs_type))
    assert result == fonts.Embedding(allowed, fs_type)


def test_embedding_of_an_unreadable_file_is_unknown(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    assert fonts.embedding(fonts.Face("X", "Regular", str(broken), 0)) is None


# ---------------------------------------------------------------- lawgov doctor


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_doctor_names_libreoffice_and_the_face_of_each_role(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LAWGOV_LANG", "en")
    i18n.reload()
    result = CliRunner().invoke(app, ["doctor", str(EXAMPLE)])
    i18n.reload()
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("LibreOffice: LibreOffice 7") or lines[0].startswith(
        "LibreOffice: LibreOffice"
    )
    roles = [line for line in lines if line.startswith("  ")]
    assert [line.split(":")[0].strip() for line in roles] == [
        "body text",
        "title",
        "level-1 headings",
        "level-2 headings",
        "page numbers",
    ]
    assert roles[0].startswith("  body text: 仿宋_GB2312 → ")
    assert all("may be embedded" in line for line in roles)
    assert lines[-1] == "PDF output: ready"


def test_doctor_without_libreoffice_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGOV_LANG", "zh")
    i18n.reload()
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    result = CliRunner().invoke(app, ["doctor"])
    i18n.reload()
    assert result.exit_code == 3
    assert result.stderr.startswith("soffice: ")
    assert "LG410" in result.stderr
    assert "sudo apt-get install libreoffice-writer-nogui" in result.stderr
    assert "libreoffice.org/download" in result.stderr


# ---------------------------------------------------------------- normalisation


def _eexec(plain: bytes) -> bytes:
    key, out = 55665, bytearray()
    for byte in plain:
        cipher = byte ^ (key >> 8)
        out.append(cipher)
        key = ((cipher + key) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def _converted_pdf(unique_ids: tuple[int, int], when: dt.datetime) -> bytes:
    """A PDF with what differs between two LibreOffice runs: dates, ICC header, IDs, font IDs."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/CreationDate"] = when.strftime("D:%Y%m%d%H%M%S")
    pdf.docinfo["/Producer"] = "LibreOffice 7.4"
    icc = bytearray(200)
    icc[24:36] = struct.pack(">6H", when.year, when.month, when.day, when.hour, 0, 0)
    profile = pikepdf.Stream(pdf, zlib.compress(bytes(icc)))
    profile.Filter = pikepdf.Name.FlateDecode
    intent = pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, DestOutputProfile=profile)
    pdf.Root.OutputIntents = pikepdf.Array([intent])
    for key, unique_id in zip(("/FontA", "/FontB"), unique_ids, strict=True):
        clear = b"%!PS-AdobeFont-1.0: Test\n" + b"/UniqueID %d def\ncurrentfile eexec\n" % unique_id
        private = _eexec(
            b"\0\0\0\0dup /Private 8 dict dup begin\n/UniqueID %d def\nend\n" % unique_id
        )
        program = pikepdf.Stream(pdf, zlib.compress(clear + private + b"0" * 64, 1))
        program.Filter = pikepdf.Name.FlateDecode
        program.Length1, program.Length2, program.Length3 = len(clear), len(private), 64
        pdf.Root[key] = pdf.make_indirect(program)
    out = io.BytesIO()
    pdf.save(out, static_id=False)
    return out.getvalue()


def test_normalised_pdfs_do_not_depend_on_the_time_or_the_batch(tmp_path: Path) -> None:
    pytest.importorskip("pikepdf")
    from lawgov_report.typeset.normalise import Metadata, normalise

    meta = Metadata(
        "某县2021年度法治政府建设工作报告", "某县司法局", dt.datetime(2022, 1, 7, tzinfo=dt.UTC)
    )
    first = normalise(_converted_pdf((4100001, 4100002), dt.datetime(2026, 1, 1, 9)), meta)
    later = normalise(_converted_pdf((4100013, 4100014), dt.datetime(2026, 3, 5, 17)), meta)
    assert first == later
    assert b"/UniqueID 4100013" not in later
    assert b"/Lang (zh-CN)" in first
    target = tmp_path / "r.pdf"
    target.write_bytes(stamp_pdf(first))
    assert state_of(target) is State.GENERATED
    target.write_bytes(stamp_pdf(first).replace(b"/Lang (zh-CN)", b"/Lang (en-US)"))
    assert state_of(target) is State.EDITED
    target.write_bytes(_converted_pdf((1, 2), dt.datetime(2026, 1, 1)))
    assert state_of(target) is State.FOREIGN
