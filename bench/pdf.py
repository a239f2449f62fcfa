"""PDF for a batch: one ``lawgov build --format pdf`` against one ``soffice`` call per report.

    python bench/pdf.py [--reports 100] [--rounds 1] [--out bench/RESULTS-pdf.md]

DESIGN.md's budget: a batch's PDFs through one LibreOffice process take at most 0.3× the time
of converting each report with its own ``soffice --convert-to`` call. Both sides are measured
in the same run, taking turns:
- lawgov: ``lawgov build reports/ -o out -f pdf`` — everything from the YAML files: each
  .docx rendered, one LibreOffice process for all of them, each PDF normalised and written;
- soffice: the same .docx files (built beforehand, not timed) converted one ``soffice
  --headless --convert-to`` call each, with the same PDF/A filter and font aliases, one after
  another in one profile directory (started once beforehand, so no call pays for a new profile).
The per-call side leaves out all of lawgov's own work, so the ratio is a conservative one.
Also reports ``-j 2`` (two LibreOffice processes). Needs lawgov with the ``pdf`` extra
installed in this Python, and LibreOffice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "2021.yaml"
BIN = Path(sys.executable).parent


def _reports(directory: Path, count: int) -> None:
    """``count`` different reports: the example under another issuing body each."""
    text = EXAMPLE.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for n in range(count):
        body = f"{data['organization']}第{n + 1}分局"
        (directory / f"r{n:03}.yaml").write_text(
            text.replace(f"organization: {data['organization']}", f"organization: {body}"),
            encoding="utf-8",
        )


def _timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS-pdf.md")
    args = parser.parse_args()

    lawgov = str(BIN / "lawgov")
    soffice = shutil.which("soffice")
    if not Path(lawgov).exists() or soffice is None:
        raise SystemExit("needs lawgov (with the pdf extra) in this Python and LibreOffice")
    from lawgov_report.typeset import fonts
    from lawgov_report.typeset.libreoffice import PDF_FILTER

    work = Path(tempfile.mkdtemp(prefix="lawgov-bench-pdf-"))
    try:
        reports = work / "reports"
        reports.mkdir()
        _reports(reports, args.reports)
        subprocess.run(
            [lawgov, "build", "reports", "-o", "docx", "-f", "docx"],
            cwd=work,
            check=True,
            capture_output=True,
        )
        documents = sorted((work / "docx").glob("*.docx"))
        env = dict(os.environ)
        plan = fonts.plan(fonts.DOCUMENT_FONTS)
        if plan.config is not None:
            (work / "fonts.conf").write_text(plan.config, encoding="utf-8")
            env["FONTCONFIG_FILE"] = str(work / "fonts.conf")
        profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
        call = [soffice, profile, "--headless", "--convert-to", PDF_FILTER, "--outdir", "each"]
        _timed([*call, str(documents[0])], work, env)  # create the profile: not timed

        def one_call_each() -> float:
            return sum(_timed([*call, str(doc)], work, env) for doc in documents)

        def lawgov_batch(jobs: int) -> float:
            shutil.rmtree(work / "out", ignore_errors=True)
            cmd = [lawgov, "build", "reports", "-o", "out", "-f", "pdf", "-j", str(jobs)]
            return _timed(cmd, work)

        samples: dict[str, list[float]] = {"lawgov": [], "lawgov -j 2": [], "soffice": []}
        for _ in range(args.rounds):
            samples["lawgov"].append(lawgov_batch(1))
            samples["soffice"].append(one_call_each())
            samples["lawgov -j 2"].append(lawgov_batch(2))
        assert len(list((work / "out").glob("*.pdf"))) == args.reports
        assert len(list((work / "each").glob("*.pdf"))) == args.reports
    finally:
        shutil.rmtree(work, ignore_errors=True)

    median = {name: statistics.median(values) for name, values in samples.items()}
    ratio, ratio_j2 = (
        median["lawgov"] / median["soffice"],
        median["lawgov -j 2"] / median["soffice"],
    )
    version = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={Path(tempfile.gettempdir(), 'lawgov-bench-v').as_uri()}",
            "--version",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    n = args.reports
    lines = [
        "# lawgov PDF benchmark",
        "",
        'Reproduce: `pip install ".[pdf]" && python bench/pdf.py` (needs LibreOffice)',
        "",
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        f"- python: {platform.python_version()}",
        f"- LibreOffice: {version}",
        f"- {n} reports, {args.rounds} round(s), medians",
        "",
        "| measure | value | target | met |",
        "|---|---|---|---|",
        f"| lawgov build of {n} reports to PDF / {n} soffice calls | {ratio:.2f} | ≤ 0.3 | "
        f"{'yes' if ratio <= 0.3 else 'NO'} |",
        f"| the same with -j 2 / {n} soffice calls | {ratio_j2:.2f} | — | — |",
        "",
        "| raw figure | value |",
        "|---|---|",
        f"| `lawgov build reports/ -o out -f pdf` ({n} reports) | {median['lawgov']:.1f} s |",
        f"| `lawgov build reports/ -o out -f pdf -j 2` | {median['lawgov -j 2']:.1f} s |",
        f"| {n} × `soffice --headless --convert-to pdf:…` | {median['soffice']:.1f} s |",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
