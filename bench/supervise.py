"""The supervising office at scale: status over a province's units, compile of a big volume.

    python bench/supervise.py [--units 10000] [--compile-units 500] [--jobs 2] [--keep DIR]

Generates counties with the tests' generator (tests/supervise_corpus.py: every unit with this
year's and last year's report, sizes from one to five times a short report), then measures
1. ``lawgov status units.yaml -j 2 -f json`` over ``--units`` units: wall time and the peak
   memory of the whole process tree (the command and its workers, sampled from /proc);
2. ``lawgov compile units.yaml -o 汇编.docx -j 2`` over ``--compile-units`` units.
Budget (DESIGN.md, issue #16): status of 10 000 units ≤ 60 s and ≤ 1 GiB; compile of 500 units
≤ 60 s, on the 2-core machine. Prints a table; ``--out`` appends it to a file (bench/SUPERVISE.md holds the latest figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests"))


def _tree_rss(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in KiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
            fields = stat.rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def measure(cmd: list[str], cwd: Path) -> tuple[float, int, float]:
    """(seconds, peak KiB of the process tree, CPU seconds of the tree) of one run of ``cmd``.

    The machine may be shared: the CPU time says what the wall time would be on idle cores.
    """
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _out, err = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"failed ({process.returncode}): {' '.join(cmd)}\n{err.decode()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, peak, cpu


def county(directory: Path, units: int) -> Path:
    from supervise_corpus import make_county

    roster = directory / "units.yaml"
    if roster.exists():
        return roster
    started = time.perf_counter()
    path = make_county(directory, units=units, seed=2021)
    print(f"generated {units} units in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def command_line(argv: list[str] | None = None) -> str:
    """The command as it was run (its options too), for the results' heading."""
    import shlex

    args = sys.argv[1:] if argv is None else argv
    return shlex.join(["python", "bench/supervise.py", *args])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--compile-units", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the generated counties here")
    parser.add_argument("--out", type=Path, help="append the results to this Markdown file")
    args = parser.parse_args()
    lawgov = str(BIN / "lawgov")
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        big = county(base / f"county-{args.units}", args.units)
        small = county(base / f"county-{args.compile_units}", args.compile_units)
        status = [
            lawgov,
            "status",
            str(big),
            "-j",
            str(args.jobs),
            "-f",
            "json",
            "--as-of",
            "2022-03-10",
        ]
        load = os.getloadavg()[0]
        status_s, status_kib, status_cpu = measure(status, base)
        target = base / "汇编.docx"
        compile_cmd = [
            lawgov,
            "compile",
            str(small),
            "-o",
            str(target),
            "-j",
            str(args.jobs),
            "--force",
        ]
        compile_s, compile_kib, compile_cpu = measure(compile_cmd, base)
        volume_size = target.stat().st_size // 1024
    rows = [
        ("measure", "result", "budget"),
        (f"status, {args.units} units, -j {args.jobs}", f"{status_s:.1f} s", "≤ 60 s"),
        ("status CPU time (command and workers)", f"{status_cpu:.1f} s", "—"),
        ("status peak memory (command and workers)", f"{status_kib / 1024:.0f} MiB", "≤ 1024 MiB"),
        (f"compile, {args.compile_units} units, -j {args.jobs}", f"{compile_s:.1f} s", "≤ 60 s"),
        ("compile CPU time", f"{compile_cpu:.1f} s", "—"),
        ("compile peak memory", f"{compile_kib / 1024:.0f} MiB", "—"),
        ("volume size", f"{volume_size} KiB", "—"),
    ]
    table = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows[:1])
    table += "\n|---|---|---|\n" + "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows[1:])
    header = (
        f"\n## Supervising office ({dt.date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average {load:.1f} at the start)\n\n"
        f"`{command_line()}`\n\n"
    )
    print(header + table)
    if args.out:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write(header + table + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
