"""Cold start of ``lawgov textconv`` against ``pandoc -t plain`` on the same .docx.

    python bench/textconv.py [--rounds 21] [--out bench/TEXTCONV.md] [--before SRC]

git runs the textconv once per file version it shows, so its cost is a process start: imports
plus reading one package. Measured as medians of interleaved runs (each round runs every
command once, in a shuffled order) on two files: the example report as built by lawgov, and
the same report 20 times over (a long report of about 160 pages), so that start-up and
per-paragraph cost can be told apart. ``--before SRC`` adds an earlier version of lawgov in
the same rounds (``SRC`` is the ``src`` folder of its source tree, e.g. from ``git archive``),
run as ``python -m lawgov_report`` with this Python's packages. ``python -c pass`` is measured
too: the cost of starting Python at all. Prints a table and writes the results file.

Needs lawgov installed in this Python (``pip install .``) and pandoc on PATH.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import EXAMPLE, _NoAliases, interleaved, run_measured, scaled_report, version

BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("TEXTCONV.md"))
    parser.add_argument("--before", type=Path, help="src folder of an earlier lawgov")
    args = parser.parse_args()
    lawgov = str(BIN / "lawgov")
    pandoc = shutil.which("pandoc")
    if not Path(lawgov).exists() or pandoc is None:
        raise SystemExit("needs lawgov installed in this Python and pandoc on PATH")
    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "x20.yaml").write_text(
            yaml.dump(scaled_report(20), Dumper=_NoAliases, allow_unicode=True), encoding="utf-8"
        )
        subprocess.run(
            [lawgov, "build", str(EXAMPLE), str(work / "x20.yaml"), "-o", str(work), "-f", "docx"],
            check=True,
            capture_output=True,
        )
        for name in ("2021.docx", "x20.docx"):  # warm the bytecode caches
            subprocess.run([lawgov, "textconv", name], cwd=work, check=True, capture_output=True)

        def timed(cmd: list[str]) -> object:
            return lambda: run_measured(cmd, work)[0]

        commands = {
            "python -c pass": timed([sys.executable, "-c", "pass"]),
            "lawgov 1×": timed([lawgov, "textconv", "2021.docx"]),
            "pandoc 1×": timed([pandoc, "-t", "plain", "2021.docx"]),
            "lawgov 20×": timed([lawgov, "textconv", "x20.docx"]),
            "pandoc 20×": timed([pandoc, "-t", "plain", "x20.docx"]),
        }
        if args.before:
            path = f"PYTHONPATH={args.before.resolve()}"
            before = ["env", path, sys.executable, "-m", "lawgov_report", "textconv"]
            for name in ("2021.docx", "x20.docx"):  # warm its bytecode caches too
                subprocess.run([*before, name], cwd=work, check=True, capture_output=True)
            commands["before 1×"] = timed([*before, "2021.docx"])
            commands["before 20×"] = timed([*before, "x20.docx"])
        medians = interleaved(commands, args.rounds)  # type: ignore[arg-type]
    rows = [(name, f"{seconds * 1000:.1f} ms") for name, seconds in medians.items()]
    for size in ("1×", "20×"):
        for who in ("lawgov", "before"):
            if f"{who} {size}" in medians:
                ratio = medians[f"{who} {size}"] / medians[f"pandoc {size}"]
                rows.append((f"{who} / pandoc, {size}", f"{ratio:.2f}"))
    table = "| measure | value |\n|---|---|\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)
    print(table)
    header = [
        "# lawgov textconv: cold start against pandoc -t plain",
        "",
        "Reproduce: `pip install . && apt-get install pandoc && python bench/textconv.py`",
        "",
        f"- date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {platform.machine()}, {platform.platform()}",
        f"- python: {platform.python_version()}",
        f"- pandoc: {version([pandoc, '--version'])}",
        f"- rounds: {args.rounds}; medians of interleaved runs",
        *([f"- before: {args.before} (run with this Python's packages)"] if args.before else []),
        "",
    ]
    args.out.write_text("\n".join(header) + table, encoding="utf-8")


if __name__ == "__main__":
    main()
