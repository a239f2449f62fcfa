"""Rendered through LibreOffice: 28 characters on a full line, 22 lines on a full page.

LibreOffice is what many government Linux desktops use, and the one renderer CI can run; the
portable grid (GBT9704.md §2) must give the standard's 22 × 28 there as in Word.
"""

from __future__ import annotations

import collections
import shutil
import subprocess

import pytest

from lawgov_report.pipeline import build

from helpers import EXAMPLE

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext)",
)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("layout")
    build(EXAMPLE, out, ("docx",))
    profile = out / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(out / "2021.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return subprocess.run(
        ["pdftotext", str(out / "2021.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="module")
def pages(rendered: str) -> list[list[str]]:
    """Body lines per page (footer lines left out)."""
    return [
        [line for line in page.splitlines() if line.strip() and not line.startswith("—")]
        for page in rendered.split("\f")
        if page.strip()
    ]


@pytest.fixture(scope="module")
def footers(rendered: str) -> list[str]:
    return [line.replace(" ", "") for line in rendered.splitlines() if line.startswith("—")]


def _cjk_only(line: str) -> bool:
    return all(ord(ch) >= 0x2000 for ch in line)


def _grid_length(line: str) -> int:
    """Characters on the grid: a closing mark may hang past the last cell (标点悬挂)."""
    return (
        len(line) - 1
        if line.endswith(tuple("，。、；：？！”’）》")) and len(line) > 28
        else len(line)
    )


def test_full_lines_hold_28_characters(pages: list[list[str]]) -> None:
    lengths = collections.Counter(
        _grid_length(line) for page in pages for line in page if _cjk_only(line)
    )
    assert max(lengths) == 28
    assert lengths.most_common(1)[0][0] == 28


def test_full_pages_hold_22_lines(pages: list[list[str]]) -> None:
    assert len(pages) >= 3
    for page in pages[1:-1]:
        assert len(page) == 22


def test_footers_number_the_pages(footers: list[str]) -> None:
    assert footers == [f"—{n}—" for n in range(1, len(footers) + 1)]
