"""Run the benchmarks and print their figures.

    .venv/bin/python bench/run.py [--runs N] [--cases N]

Cold start: the time from starting a new Python process until the main window has painted,
for tafdesk (passphrase -> argon2id key -> encrypted database with N cases -> migrations check ->
main window with the case list) and, in the same run and alternating with it, for a bare
PySide6 main window started the same way. Offscreen Qt platform unless --platform is given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
PASS = "benchmark passphrase"


def make_db(path: Path, n: int) -> float:
    from bench.generate import generate_cases
    from tafdesk.models.storage import open_database

    t = time.perf_counter()
    db = open_database(db_path=path, passphrase=PASS, create=True)
    with db.session() as s:
        generate_cases(s, n)
    db.close()
    return time.perf_counter() - t


def one_start(kind: str, db: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds from spawning the process to the paint, seconds inside the process)"""
    t = time.perf_counter()
    out = subprocess.run([sys.executable, str(HERE / "cold_start.py"), kind, str(db), PASS],
                         capture_output=True, text=True, env=env, timeout=120)
    wall = time.perf_counter() - t
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("painted ")), None)
    if out.returncode != 0 or line is None:
        raise SystemExit(f"{kind} start failed: {out.stderr.strip()[-500:]}")
    return wall, float(line.split()[1])


def cold_start(runs: int, cases: int, platform: str) -> list[tuple[str, str]]:
    env = dict(os.environ, QT_QPA_PLATFORM=platform)
    env.pop("TAFDESK_DATABASE_URL", None)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        built = make_db(db, cases)
        check = subprocess.run([sys.executable, str(HERE / "cold_start.py"), "app-check", str(db), PASS],
                               capture_output=True, text=True, env=env, timeout=120)
        rows_line = next((ln for ln in check.stdout.splitlines() if ln.startswith("rows")), "rows ?")
        one_start("bare", db, env)  # warm the file cache for both, then alternate
        one_start("app", db, env)
        bare, app = [], []
        for _ in range(runs):
            bare.append(one_start("bare", db, env))
            app.append(one_start("app", db, env))
    med = lambda xs, i: statistics.median(x[i] for x in xs)  # noqa: E731
    spread = lambda xs: f"{min(x[0] for x in xs):.3f}-{max(x[0] for x in xs):.3f}"  # noqa: E731
    return [
        ("database", f"{cases} generated cases, encrypted ({built:.1f} s to build); case list shows {rows_line}"),
        ("runs", f"{runs} of each, alternating, after one warm-up each; platform {platform}"),
        ("bare PySide6 window", f"median {med(bare, 0):.3f} s  (range {spread(bare)}; in-process {med(bare, 1):.3f} s)"),
        ("tafdesk main window", f"median {med(app, 0):.3f} s  (range {spread(app)}; in-process {med(app, 1):.3f} s)"),
        ("ratio tafdesk / bare", f"{med(app, 0) / med(bare, 0):.2f}x  (difference {med(app, 0) - med(bare, 0):.3f} s)"),
    ]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--cases", type=int, default=1000)
    p.add_argument("--platform", default="offscreen", help="Qt platform (offscreen, or xcb under Xvfb)")
    p.add_argument("--chars", type=int, default=3000, help="characters typed in the typing-latency run")
    p.add_argument("--deadline-cases", type=int, default=10_000,
                   help="cases for the deadlines and report benchmark (0 skips it)")
    args = p.parse_args()
    print("Cold start to the painted main window")
    for name, value in cold_start(args.runs, args.cases, args.platform):
        print(f"  {name:<22} {value}")
    print("Typing in the live minutes while autosave runs")
    sys.stdout.flush()
    subprocess.run([sys.executable, str(HERE / "typing_latency.py"), str(args.chars)], check=True,
                   env=dict(os.environ, QT_QPA_PLATFORM=args.platform), stderr=subprocess.DEVNULL)
    print("Genogram layout of the 149-person family, beside Graphviz dot")
    from bench.genogram import genogram_bench

    for name, value in genogram_bench():
        print(f"  {name:<22} {value}")
    if args.deadline_cases:
        from bench.deadlines_report import run as deadlines_report

        print(f"Deadlines and the manager's report over {args.deadline_cases} cases")
        sys.stdout.flush()
        for name, value in deadlines_report(args.deadline_cases):
            print(f"  {name:<22} {value}")
    print("The demo family's assessment as PDF")
    from bench.assessment_pdf import assessment_bench

    for name, value in assessment_bench():
        print(f"  {name:<22} {value}")
    print("Access: a passphrase check, and re-keying the database")
    sys.stdout.flush()
    from bench.access import access_bench

    for name, value in access_bench(args.cases):
        print(f"  {name:<22} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
