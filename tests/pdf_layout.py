"""Measuring a LibreOffice PDF: text lines from ``pdftotext -bbox-layout``, rules from pixels.

Why both: ``pdftotext`` gives every word's box in points, which places text exactly, but it
does not see drawn lines; the 版头's red rule and the 版记's rules are found in a raster of the
page (``pdftoppm``), as runs of dark or red pixels. Positions are in millimetres from the page's
top-left corner, as GB/T 9704 states them.
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path
from typing import NamedTuple

PT = 25.4 / 72  # millimetres per point
DPI = 150
TEXT_TOP, TEXT_BOTTOM, TEXT_LEFT = 37.0, 262.0, 28.0  # 版心 edges (GB/T 9704 5.2.1), mm
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


class Line(NamedTuple):
    """One visual line of text on a page (words at the same height, left to right), in mm."""

    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


class Rule(NamedTuple):
    """A horizontal line drawn on the page: its height on the page and its extent, in mm."""

    y: float
    left: float
    right: float
    colour: str  # "black" or "red"

    @property
    def width(self) -> float:
        return self.right - self.left


def convert(documents: list[Path], outdir: Path) -> None:
    """All documents to PDF in one LibreOffice run, with a profile of its own."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{outdir / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def text_lines(pdf: Path) -> list[list[Line]]:
    """Each page's lines, top to bottom; words within 2 pt of each other's top share a line."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages: list[list[Line]] = []
    for page in html.split("<page ")[1:]:
        words = sorted(
            (float(y0), float(x0), float(x1), float(y1), unescape(text))
            for x0, y0, x1, y1, text in _WORD.findall(page)
        )
        rows: list[list[tuple[float, float, float, float, str]]] = []
        for word in words:
            if rows and abs(rows[-1][0][0] - word[0]) < 2:
                rows[-1].append(word)
            else:
                rows.append([word])
        lines = []
        for row in rows:
            row.sort(key=lambda w: w[1])
            lines.append(
                Line(
                    "".join(w[4] for w in row),
                    row[0][1] * PT,
                    min(w[0] for w in row) * PT,
                    row[-1][2] * PT,
                    max(w[3] for w in row) * PT,
                )
            )
        pages.append(lines)
    return pages


def _runs(mask: bytes, min_px: int) -> list[tuple[int, int]]:
    """(start, end) of each run of non-zero bytes at least ``min_px`` long."""
    found, start = [], None
    for match in re.finditer(rb"[^\x00]+", mask):
        start, end = match.span()
        if end - start >= min_px:
            found.append((start, end))
    return found


def rules(pdf: Path, page: int, min_length_mm: float = 40) -> list[Rule]:
    """Horizontal rules on one page (1-based), longer than ``min_length_mm``, top to bottom.

    A rule a few pixels thick is reported once, at the middle of its rows.
    """
    ppm = subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    assert header is not None, "pdftoppm did not write a PPM"
    width, height = int(header.group(1)), int(header.group(2))
    pixels = ppm[header.end() :]
    low = bytes(1 if v < 100 else 0 for v in range(256))
    high = bytes(1 if v > 180 else 0 for v in range(256))
    px_mm = 25.4 / DPI
    min_px = int(min_length_mm / px_mm)
    found: list[tuple[int, int, int, str]] = []
    for y in range(height):
        row = pixels[y * width * 3 : (y + 1) * width * 3]
        red, green, blue = row[0::3], row[1::3], row[2::3]
        dark_green, dark_blue = green.translate(low), blue.translate(low)
        both_dark = bytes(
            (int.from_bytes(dark_green, "big") & int.from_bytes(dark_blue, "big")).to_bytes(
                width, "big"
            )
        )
        black = int.from_bytes(red.translate(low), "big") & int.from_bytes(both_dark, "big")
        red_mask = int.from_bytes(red.translate(high), "big") & int.from_bytes(both_dark, "big")
        for colour, mask in (("black", black), ("red", red_mask)):
            for start, end in _runs(mask.to_bytes(width, "big"), min_px):
                found.append((y, start, end, colour))
    merged: list[list[tuple[int, int, int, str]]] = []
    for hit in found:
        for group in merged:
            last = group[-1]
            if hit[3] == last[3] and hit[0] - last[0] <= 1 and abs(hit[1] - last[1]) <= 2:
                group.append(hit)
                break
        else:
            merged.append([hit])
    return sorted(
        Rule(
            (group[0][0] + group[-1][0] + 1) / 2 * px_mm,
            min(h[1] for h in group) * px_mm,
            max(h[2] for h in group) * px_mm,
            group[0][3],
        )
        for group in merged
    )
