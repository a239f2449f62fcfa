"""lawgov import on the Word files clerks actually have (issue #14): the three figures.

The fixtures (``wordfixtures``) reproduce every habit of Word, WPS and their users that the
importer must survive; each comes with the truth of what it says. This test imports each one
and measures, over all of them:

- paragraphs: the share of the body's paragraphs found in the YAML, each whole (not joined to
  another, not cut) and in order — at least 98 %;
- headings: the share of headings found with the right level (一、 1, （一） 2, 1. 3, （1） 4),
  in order — at least 95 %;
- metadata: the share of organization, year, date, 发文字号, 签发人, 主送机关 and 抄送 recovered —
  at least 90 %.

It prints the three figures and fails below them.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import wordfixtures
from lawgov_report import i18n
from lawgov_report.cli.app import app
from lawgov_report.errors import LawgovError
from lawgov_report.importers import import_file, legacy
from lawgov_report.pipeline import build, load_report
from lawgov_report.render.numbering import chinese_ordinal
from lawgov_report.source.yaml_writer import commented_yaml
from lawgov_report.writers import get_writer
from wordfixtures import Fixture, Truth, fixtures, para, run, with_body

from helpers import ROOT

FLOORS = {"paragraphs": 0.98, "headings": 0.95, "metadata": 0.90}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Fixture, dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("word")
    out = []
    for fixture in fixtures():
        path = folder / fixture.name
        path.write_bytes(fixture.data)
        out.append((fixture, import_file(path).data))
    return out


def _paragraph_text(paragraph: Any) -> str:
    if isinstance(paragraph, str):
        return paragraph
    text = str(paragraph.get("text", ""))
    for n, point in enumerate(paragraph.get("points", []), start=1):
        text += f"{chinese_ordinal(n)}是{point}"
    return text + str(paragraph.get("after", ""))


def _walk(data: dict[str, Any]) -> tuple[list[str], list[tuple[str, int]]]:
    """The imported body as paragraphs and (heading, level) pairs, in reading order."""
    paragraphs = [_paragraph_text(p) for p in data.get("opening", [])]
    headings: list[tuple[str, int]] = []

    def node(item: dict[str, Any], level: int) -> None:
        headings.append((item["title"], level))
        paragraphs.extend(_paragraph_text(p) for p in item.get("paragraphs", []))
        for child in item.get("items", []):
            node(child, level + 1)

    for part in data["parts"]:
        node(part, 1)
    if data.get("closing"):
        paragraphs.append(data["closing"])
    return paragraphs, headings


def _in_order(expected: list[Any], found: list[Any]) -> int:
    """How many of ``expected`` occur in ``found`` in the same order (each whole)."""
    position, count = 0, 0
    for item in expected:
        try:
            position = found.index(item, position) + 1
            count += 1
        except ValueError:
            continue
    return count


def _date(value: Any) -> dt.date | None:
    text = str(value)
    for form in ("%Y年%m月%d日", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            pass
    return None


def _metadata_hits(truth: Truth, data: dict[str, Any]) -> tuple[int, list[str]]:
    printed = data.get("print", {})
    got = {
        "organization": data.get("organization"),
        "year": data.get("year"),
        "date": _date(data.get("date")),
        "recipients": data.get("recipients"),
        "doc_number": data.get("doc_number"),
        "signer": printed.get("signer"),
        "copy_to": printed.get("copy_to"),
    }
    hits, misses = 0, []
    for key, value in truth.metadata.items():
        expected = _date(value) if key == "date" else value
        if got[key] == expected:
            hits += 1
        else:
            misses.append(f"{key}: {got[key]!r} != {expected!r}")
    return hits, misses


def test_three_figures(
    imported: list[tuple[Fixture, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    totals = dict.fromkeys(FLOORS, 0)
    found = dict.fromkeys(FLOORS, 0)
    misses: list[str] = []
    added: list[str] = []  # paragraphs the source does not have (placeholder text, furniture)
    for fixture, data in imported:
        paragraphs, headings = _walk(data)
        truth = fixture.truth
        hit = _in_order(truth.paragraphs, paragraphs)
        totals["paragraphs"] += len(truth.paragraphs)
        found["paragraphs"] += hit
        misses += [
            f"{fixture.name}: paragraph {p!r}" for p in truth.paragraphs if p not in paragraphs
        ]
        added += [f"{fixture.name}: {p!r}" for p in paragraphs if p not in truth.paragraphs]
        hit = _in_order(truth.headings, headings)
        totals["headings"] += len(truth.headings)
        found["headings"] += hit
        misses += [f"{fixture.name}: heading {h!r}" for h in truth.headings if h not in headings]
        hit, wrong = _metadata_hits(truth, data)
        totals["metadata"] += len(truth.metadata)
        found["metadata"] += hit
        misses += [f"{fixture.name}: {m}" for m in wrong]
    figures = {key: found[key] / totals[key] for key in FLOORS}
    report = ", ".join(
        f"{key} {figures[key]:.1%} ({found[key]}/{totals[key]}, floor {FLOORS[key]:.0%})"
        for key in FLOORS
    )
    with capsys.disabled():
        print(f"\nWord import over {len(imported)} fixtures: {report}")
    assert all(figures[key] >= FLOORS[key] for key in FLOORS), report + "\n" + "\n".join(misses)
    assert not added, "paragraphs that are not in the source:\n" + "\n".join(added)
    assert totals["paragraphs"] > 100
    assert totals["headings"] > 50
    assert totals["metadata"] > 40


def test_every_imported_file_builds(tmp_path: Path, runner: CliRunner) -> None:
    """lawgov import X -o x.yaml && lawgov build x.yaml exits 0 for every fixture."""
    for fixture in fixtures():
        source = tmp_path / fixture.name
        source.write_bytes(fixture.data)
        target = tmp_path / f"{source.stem}.yaml"
        result = runner.invoke(app, ["import", str(source), "-o", str(target)])
        assert result.exit_code == 0, (fixture.name, result.output)
        result = runner.invoke(app, ["build", str(target), "-o", str(tmp_path / "out")])
        assert result.exit_code == 0, (fixture.name, result.output)


def _fixture_file(name: str, folder: Path) -> Path:
    fixture = next(f for f in fixtures() if f.name == name)
    path = folder / name
    path.write_bytes(fixture.data)
    return path


def test_what_was_left_out_is_said(tmp_path: Path) -> None:
    tracked = _fixture_file("word-tracked-changes.docx", tmp_path)
    assert [d.format() for d in import_file(tracked).warnings[:2]] == [
        f"{tracked}: warning: 1 comment is not kept (comments are not report text) [LG610]",
        f"{tracked}: warning: 11 tracked changes were accepted: the text is read as it reads with "
        "all changes accepted; check it [LG610]",
    ]
    controls = _fixture_file("word-autonumber.docx", tmp_path)
    assert [d.format() for d in import_file(controls).warnings] == [
        f"{controls}: warning: 1 content control still showing its prompt text was skipped [LG610]"
    ]
    figures = _fixture_file("word-figures-table.docx", tmp_path)
    messages = [d.format() for d in import_file(figures).warnings]
    assert messages == [
        f"{figures}:1:1: warning: 发文字号 “X司发〔20XX〕X号” is a placeholder; left out — add "
        "doc_number when the number is assigned [LG616]",
        f"{figures}:13:1: warning: a table of 3 rows is not kept (the report has no tables): "
        "“指标 | 2020年 | 2021年”; write its figures into the text [LG611]",
        f"{figures}:31:1: warning: 成文日期 “二〇二三年二月八日” taken as “2023年2月8日” (Arabic "
        "figures, GB/T 9704 7.3.5) [LG616]",
    ]


def test_wps_brackets_and_chinese_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wps = _fixture_file("wps-upward.docx", tmp_path)
    monkeypatch.setenv("LAWGOV_LANG", "zh")
    i18n.reload()
    imported = import_file(wps)
    assert imported.data["doc_number"] == "某区市监发〔2023〕12号"
    assert [d.format() for d in imported.warnings] == [
        f"{wps}:3:1: warning: 发文字号“某区市监发[2023]12号”已按“某区市监发〔2023〕12号”导入"
        "（年份用六角括号〔〕，GB/T 9704 7.2.5） [LG616]"
    ]


def test_print_variant_round_trip(tmp_path: Path) -> None:
    """lawgov's own paper version gives back its print: settings, and builds to the same text."""
    example = ROOT / "examples" / "print-2021.yaml"
    build(example, tmp_path, ("docx", "md"))
    data = import_file(tmp_path / "print-2021.docx").data
    original = load_report(example)
    assert data["output"] == {"variant": "print"}
    assert data["print"] == {
        "signer": original.print.signer,
        "copy_to": original.print.copy_to,
        "printed_by": original.print.printed_by,
        "printed_date": "2022年1月7日",
    }
    target = tmp_path / "again.yaml"
    target.write_text(commented_yaml(data, "t", "s.json"), encoding="utf-8")
    again = load_report(target)
    assert again.print == original.print
    assert get_writer("md")(again) == (tmp_path / "print-2021.md").read_bytes()


@pytest.mark.parametrize(
    ("suffix", "content_type"),
    [
        (
            ".dotx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        ),
        (".docm", "application/vnd.ms-word.document.macroEnabled.main+xml"),
    ],
)
def test_templates_and_macro_documents(suffix: str, content_type: str, tmp_path: Path) -> None:
    original = _fixture_file("word-autonumber.docx", tmp_path)
    source = tmp_path / f"模板{suffix}"
    with zipfile.ZipFile(original) as zin, zipfile.ZipFile(source, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = re.sub(
                    rb'(PartName="/word/document.xml" ContentType=")[^"]+',
                    rb"\g<1>" + content_type.encode(),
                    data,
                )
            zout.writestr(info, data)
    assert import_file(source).data == import_file(original).data


def test_a_binary_doc_named_docx_without_libreoffice(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    source = tmp_path / "去年的报告.docx"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{source}: error: this is Word's old binary format (.doc, .wps), which lawgov reads "
        "through LibreOffice; LibreOffice is not installed [LG614]\n  hint: open the file in Word or WPS, choose 文件 → 另存为, save it as "
        "“Word 文档 (*.docx)”, and import the .docx\n"
    )
    monkeypatch.setenv("LAWGOV_LANG", "zh")
    i18n.reload()
    result = runner.invoke(app, ["import", str(source.with_suffix(".wps"))])
    assert result.exit_code == 1
    assert "未安装 LibreOffice" in result.stderr
    assert "另存为" in result.stderr


def test_wps_files_go_through_the_converter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx_file = _fixture_file("wps-upward.docx", tmp_path)
    seen: list[str] = []

    def convert(path: Path, display: str) -> bytes:
        seen.append(display)
        return docx_file.read_bytes()

    monkeypatch.setattr(legacy, "convert", convert)
    source = tmp_path / "去年.wps"
    source.write_bytes(b"\xd0\xcf\x11\xe0")
    imported = import_file(source)
    assert seen == [str(source)]
    assert imported.data == import_file(docx_file).data
    assert imported.warnings[0].format() == (
        f"{source}: warning: converted from Word's old binary format with LibreOffice; "
        "check the result [LG614]"
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_doc_through_libreoffice(tmp_path: Path) -> None:
    source = _fixture_file("word2016-upward.docx", tmp_path)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path / "doc"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = import_file(tmp_path / "doc" / "word2016-upward.doc")
    assert converted.data == import_file(source).data


@functools.cache
def _template() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


_SENTENCE = st.text(
    alphabet=st.sampled_from(
        "法治政府建设推进落实制度执行培训工作年度情况数据12345，、；“”《》 \u3000"
    ),
    min_size=1,
    max_size=30,
).map(lambda s: "推进" + s.strip(" \u3000") + "。")  # a sentence starts with a word
_MARKERS = st.sampled_from(["", "", "", "一、", "（二）", "3.", "（4）", "二是"])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paragraphs=st.lists(st.tuples(_MARKERS, _SENTENCE, st.booleans()), min_size=1, max_size=12))
def test_no_word_paragraph_is_lost(paragraphs: list[tuple[str, str, bool]], tmp_path: Path) -> None:
    """Whatever the paragraphs, every sentence comes back, in order, and the import builds."""
    body = [para(run("某局2021年度法治政府建设工作报告"))]
    for marker, text, blank_after in paragraphs:
        body.append(para(run(marker + text)))
        if blank_after:
            body.append(para(run("\u3000 ")))
    body += [para(run("某局")), para(run("2022年1月10日"))]
    source = tmp_path / "random.docx"
    source.write_bytes(with_body(_template(), "".join(body)))
    data = import_file(source).data
    texts: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key == "points":
                    texts.extend(f"{chinese_ordinal(n)}是{p}" for n, p in enumerate(item, 1))
                elif key != "kind":
                    collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(data)
    joined = "".join(texts).replace(" ", "").replace("\u3000", "")
    position = 0
    for _marker, text, _blank in paragraphs:
        wanted = text.replace(" ", "").replace("\u3000", "")
        found = joined.find(wanted, position)
        assert found >= 0, (wanted, joined)
        position = found + len(wanted)
    target = tmp_path / "random.yaml"
    target.write_text(commented_yaml(data, "t", "s.json"), encoding="utf-8")
    report = load_report(target)
    assert report.organization == "某局"


_ANY_TEXT = st.one_of(
    _SENTENCE,
    st.sampled_from(
        [
            "",
            "　",
            "一、",
            "（一）",
            "1.",
            "附件：",
            "特此报告。",
            "2022年1月1日",
            "抄送：",
            "签发人：",
        ]
    ),
    st.text(alphabet=st.sampled_from("一、（）1.。，\n\t 报告局文件号〔〕"), max_size=12),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    paragraphs=st.lists(
        st.tuples(
            _ANY_TEXT,
            st.sampled_from(["", "", "Heading1", "Heading2", "Heading3", "Heading4", "Title"]),
            st.sampled_from([None, None, (1, 0), (1, 1), (5, 0), (8, 2)]),
        ),
        max_size=10,
    )
)
def test_any_word_file_imports_to_a_valid_report(
    paragraphs: list[tuple[str, str, tuple[int, int] | None]], tmp_path: Path
) -> None:
    """Styles, lists, empty and odd paragraphs in any mix: the YAML is always a valid report."""
    body = "".join(para(run(text), style=style, num=num) for text, style, num in paragraphs)
    source = tmp_path / "odd.docx"
    source.write_bytes(with_body(_template(), body))
    target = tmp_path / "odd.yaml"
    target.write_text(commented_yaml(import_file(source).data, "t", "s.json"), encoding="utf-8")
    problems: list[str] = []
    try:
        load_report(target)
    except LawgovError as exc:  # only the marks the import asked the user to fill in
        problems = [d.format() for d in exc.diagnostics if "【待填写】" not in d.message]
    assert not problems


def test_a_long_paragraph_on_the_title_style_is_text(tmp_path: Path) -> None:
    long_text = "2021年，我局坚持以习近平法治思想为指导，" * 5 + "扎实推进法治政府建设。"
    body = (
        para(run("某局2021年度法治政府建设工作报告"), style="Title")
        + para(run(long_text), style="Title")
        + para(run("一、主要成效"))
        + para(run("全年开展执法检查120次。"))
        + para(run("某局"))
        + para(run("2022年1月10日"))
    )
    source = tmp_path / "long.docx"
    source.write_bytes(with_body(_template(), body))
    data = import_file(source).data
    assert data["title"] == "某局2021年度法治政府建设工作报告"
    assert data["opening"] == [long_text]


def test_hidden_text_charts_and_smartart_are_said(tmp_path: Path) -> None:
    """Hidden text is not report text (Word neither shows nor prints it); charts are named."""
    source = tmp_path / "hidden.docx"
    source.write_bytes(wordfixtures.hidden_and_charts())
    imported = import_file(source)
    assert imported.data["parts"][0]["paragraphs"] == ["全年开展水行政执法检查45次。"]
    assert "待核" not in str(imported.data)
    assert "旧数据" not in str(imported.data)
    assert [d.format() for d in imported.warnings] == [
        f"{source}: warning: 2 charts or SmartArt graphics are not kept (the report holds text "
        "only); write what they show into the text [LG610]",
        f"{source}: warning: 2 stretches of hidden text (隐藏文字, not shown or printed by Word) "
        "are not kept, the first: “【此处数字待核】” [LG610]",
    ]


def test_the_letterhead_in_the_first_page_header_is_read(tmp_path: Path) -> None:
    source = tmp_path / "header.docx"
    source.write_bytes(wordfixtures.letterhead_in_header())
    imported = import_file(source)
    data = imported.data
    assert (data["organization"], data["doc_number"], data["output"]) == (
        "某某县司法局",
        "某司发〔2023〕7号",
        {"variant": "print"},
    )
    assert data["title"] == "关于2022年度法治政府建设工作情况的报告"
    assert (
        f"{source}: warning: 1 line of the page headers is not read: “内部资料\u3000注意保存”; "
        in ("\n".join(d.format() for d in imported.warnings))
    )


def test_a_workbook_named_docx_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "2022年报告.docx"
    source.write_bytes(wordfixtures.workbook_named_docx())
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{source}: error: this is not a Word document: its main part xl/workbook.xml is an "
        "Excel workbook; was the file renamed to .docx? [LG501]"
    )
    assert not (tmp_path / "2022年报告.yaml").exists()
