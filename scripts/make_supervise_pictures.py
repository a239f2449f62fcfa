"""The README's pictures of the supervising office: the status table and a compiled 目录 page.

    python scripts/make_supervise_pictures.py

Generates the 60-unit county of the tests (tests/supervise_corpus.py), prints its status table in
Chinese through rich and exports it as SVG (rsvg-convert turns it into docs/status-table.png),
compiles the volume and renders its 目录 page with LibreOffice (docs/compile-contents.png).
Needs rsvg-convert (librsvg2-bin), soffice and pdftoppm.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    os.environ["LAWGOV_LANG"] = "zh"
    from rich.console import Console

    from lawgov_report import i18n
    from lawgov_report.pipeline import CheckOptions
    from lawgov_report.supervise import tables, volume
    from lawgov_report.supervise.collect import CollectJob, run
    from lawgov_report.supervise.roster import load_roster, unit_files
    from lawgov_report.supervise.status import build_rows

    from supervise_corpus import AS_OF, make_county

    i18n.reload()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        roster_path = make_county(work / "county")
        loaded = load_roster(roster_path)
        files = unit_files(loaded, 2021)
        facts = list(run([CollectJob(f, 2021, CheckOptions()) for f in files]))
        rows = build_rows(loaded.roster, 2021, facts, AS_OF)
        shown = rows[:32]
        for row in shown:
            row.source = Path(row.source).name if row.source else ""
        title = i18n._("{year} annual reports: status on {date}").format(
            year=2021, date=AS_OF.isoformat()
        )
        with Path(os.devnull).open("w") as devnull:
            console = Console(record=True, width=250, file=devnull)
            console.print(tables.rich_table(shown, title))
        svg = work / "status.svg"
        svg.write_text(console.export_svg(title="lawgov status units.yaml"), encoding="utf-8")
        subprocess.run(
            ["rsvg-convert", "-z", "0.75", str(svg), "-o", str(DOCS / "status-table.png")],
            check=True,
        )
        parts = list(volume.run([volume.RenderJob(f, CheckOptions()) for f in files]))
        compiled = volume.compile_volume(loaded.roster, 2021, parts, None, None)
        docx = work / "汇编.docx"
        docx.write_bytes(compiled.docx)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{work / 'lo'}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(docx),
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-f", "2", "-l", "2", "-singlefile",
             str(work / "汇编.pdf"), str(DOCS / "compile-contents")],
            check=True,
        )  # fmt: skip
    print(DOCS / "status-table.png")
    print(DOCS / "compile-contents.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
