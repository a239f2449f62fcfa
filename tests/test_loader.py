"""Loading keeps every text exactly as typed and maps problems to lines and columns."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lawgov_report.errors import ReportError
from lawgov_report.pipeline import load_report
from lawgov_report.source.loader import load_data, read_text

MINIMAL = """organization: 高青县科学技术局
year: 2021
date: 2022-01-07
parts:
  - kind: measures
    title: {title}
    paragraphs:
      - {text}
"""


def _report(tmp_path: Path, title: str = "主要举措", text: str = "正文。") -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL.format(title=title, text=text), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "typed", ["no", "yes", "on", "off", "1.10", "2022-01-07", "0o17", "1e3", "~x"]
)
def test_yaml_11_scalars_stay_text(tmp_path: Path, typed: str) -> None:
    report = load_report(_report(tmp_path, title=typed, text=typed))
    assert report.parts[0].title == typed
    assert report.parts[0].paragraphs[0].text == typed


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = _report(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_report(path).organization == "高青县科学技术局"


def test_chinese_date_form(tmp_path: Path) -> None:
    path = _report(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("2022-01-07", "2022年1月7日"), encoding="utf-8"
    )
    assert load_report(path).date.isoformat() == "2022-01-07"


def test_impossible_chinese_date(tmp_path: Path) -> None:
    path = _report(tmp_path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("2022-01-07", "2022年2月30日"), encoding="utf-8"
    )
    with pytest.raises(ReportError) as info:
        load_report(path)
    assert "2022年2月30日 is not a real date" in info.value.diagnostics[0].message
    assert (info.value.diagnostics[0].location.line, info.value.diagnostics[0].location.column) == (
        3,
        7,
    )


def test_block_scalar_trailing_newline_is_yaml_not_text(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(MINIMAL.format(title="举措", text="|\n          正文。"), encoding="utf-8")
    assert load_report(path).parts[0].paragraphs[0].text == "正文。"


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_bytes(b"organization: ok\ntitle: ab\xff\xfe\xfd\n")
    with pytest.raises(ReportError) as info:
        read_text(path, "r.yaml")
    diagnostic = info.value.diagnostics[0]
    assert (diagnostic.location.line, diagnostic.location.column) == (2, 10)
    assert diagnostic.code == "LG002"


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    started = time.perf_counter()
    with pytest.raises(ReportError) as info:
        load_data("\n".join(lines), "bomb.yaml")
    assert time.perf_counter() - started < 5
    assert info.value.diagnostics[0].code == "LG005"


def test_source_map_points_at_keys_and_values() -> None:
    loaded = load_data(MINIMAL.format(title="举措", text="正文。"), "r.yaml")
    assert str(loaded.source_map.key_at(("parts", 0, "title"))) == "r.yaml:6:5"
    assert str(loaded.source_map.value_at(("parts", 0, "title"))) == "r.yaml:6:12"
    assert str(loaded.source_map.value_at(("parts", 0, "nothing", 3))) == "r.yaml:5:5"


def test_very_large_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"organization: x\n" + b"# padding\n" * 1_100_000)
    with pytest.raises(ReportError) as info:
        read_text(path, "big.yaml")
    assert (
        info.value.diagnostics[0].message == "file is 11000016 bytes; the limit is 10485760 bytes"
    )
