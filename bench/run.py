"""Run every benchmark and print one table at the end.

    .venv/bin/python bench/run.py            # the full run (about 10-15 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # smaller sizes: a smoke run of every section

Each section prints its own lines while it runs; the table at the end has one row per figure:
section, measure, tafdesk's figure, the comparison measured in the same run, and the ratio
(tafdesk / comparison; below 1 means tafdesk takes less). See bench/README.md.

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


def cold_start(runs: int, cases: int, platform: str, figures: dict[str, float] | None = None
               ) -> list[tuple[str, str]]:
    """Detail lines; ``figures`` (when given) receives the medians "app" and "bare" in seconds."""
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
    if figures is not None:
        figures.update(app=med(app, 0), bare=med(bare, 0))
    spread = lambda xs: f"{min(x[0] for x in xs):.3f}-{max(x[0] for x in xs):.3f}"  # noqa: E731
    return [
        ("database", f"{cases} generated cases, encrypted ({built:.1f} s to build); case list shows {rows_line}"),
        ("runs", f"{runs} of each, alternating, after one warm-up each; platform {platform}"),
        ("bare PySide6 window", f"median {med(bare, 0):.3f} s  (range {spread(bare)}; in-process {med(bare, 1):.3f} s)"),
        ("tafdesk main window", f"median {med(app, 0):.3f} s  (range {spread(app)}; in-process {med(app, 1):.3f} s)"),
        ("ratio tafdesk / bare", f"{med(app, 0) / med(bare, 0):.2f}x  (difference {med(app, 0) - med(bare, 0):.3f} s)"),
    ]


FULL = {"runs": 7, "cases": 1000, "chars": 3000, "deadline_cases": 10_000, "search_cases": 10_000,
        "genogram_runs": 20, "assessment_runs": 7, "all_languages": True}
QUICK = {"runs": 2, "cases": 200, "chars": 150, "deadline_cases": 300, "search_cases": 300,
         "genogram_runs": 3, "assessment_runs": 3, "all_languages": False}


def _section(title: str) -> None:
    print(title, flush=True)


def _lines(rows: list[tuple[str, str]]) -> None:
    for name, value in rows:
        print(f"  {name:<22} {value}", flush=True)


def peak_rss(kind: str, db: Path, platform: str) -> tuple[int, int]:
    """(peak resident KiB at the main window's first paint, rows in the case list) of one start."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform)
    env.pop("TAFDESK_DATABASE_URL", None)
    out = subprocess.run([sys.executable, str(HERE / "cold_start.py"), "app-check" if kind == "app" else kind,
                          str(db), PASS], capture_output=True, text=True, env=env, timeout=300)
    rss = next((ln for ln in out.stdout.splitlines() if ln.startswith("peak-rss ")), None)
    if out.returncode != 0 or rss is None:
        raise SystemExit(f"{kind} start failed: {out.stderr.strip()[-500:]}")
    rows = next((ln for ln in out.stdout.splitlines() if ln.startswith("rows ")), "rows -1")
    return int(rss.split()[1]), int(rows.split()[1])


def run_all(cfg: dict[str, object], platform: str) -> list:  # type: ignore[type-arg]
    """Run every section, printing its lines; the rows of the final table."""
    from bench.table import Row, ratio

    rows: list[Row] = []
    runs, cases = int(cfg["runs"]), int(cfg["cases"])  # type: ignore[call-overload]
    _section(f"Cold start to the painted main window ({cases:,} cases)")
    fig: dict[str, float] = {}
    _lines(cold_start(runs, cases, platform, fig))
    rows.append(Row("Cold start", f"to the painted main window, {cases:,} cases, median of {runs}",
                    f"{fig['app']:.3f} s", f"{fig['bare']:.3f} s bare PySide6 window", ratio(fig["app"], fig["bare"])))

    _section("Family pack: every family document of the demo family, beside LibreOffice converting .docx")
    from bench.family_pack import family_pack_rows

    pack = family_pack_rows(all_languages=bool(cfg["all_languages"]))
    _lines([(r.measure, f"tafdesk {r.tafdesk}; LibreOffice {r.comparison}") for r in pack])
    rows += pack

    _section("Genogram layout of the 149-person family, beside Graphviz dot")
    from bench.genogram import genogram_bench

    figures: dict[str, object] = {}
    _lines(genogram_bench(int(cfg["genogram_runs"]), figures))  # type: ignore[call-overload]
    dot_time, dot_crossings = figures.get("dot_seconds"), figures.get("dot_crossings")
    rows.append(Row("Genogram", "layout time, 149 people (dot: process included)", f"{figures['seconds']:.3f} s",
                    f"{dot_time:.3f} s Graphviz dot" if dot_time is not None else "dot not installed",
                    ratio(figures["seconds"], dot_time) if dot_time else ""))  # type: ignore[arg-type]
    rows.append(Row("Genogram", "edge crossings", str(figures["crossings"]),
                    f"{dot_crossings} Graphviz dot" if dot_crossings is not None else "dot not installed",
                    ratio(figures["crossings"], dot_crossings) if dot_crossings else ""))  # type: ignore[arg-type]

    search_cases = int(cfg["search_cases"])  # type: ignore[call-overload]
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "cases.db"
        _section(f"Case search over {search_cases:,} cases: encrypted SQLite and PostgreSQL")
        built = make_db(big, search_cases)
        print(f"  {'database':<22} {search_cases:,} generated cases, encrypted ({built:.1f} s to build)", flush=True)
        from bench.search import search_rows

        found = search_rows(search_cases, db_path=big)
        _lines([(r.measure, f"{r.tafdesk}; {r.comparison}") for r in found])
        rows += found
        _section(f"Memory: peak resident size with {search_cases:,} cases in the case list")
        app_kib, listed = peak_rss("app", big, platform)
        bare_kib, _ = peak_rss("bare", big, platform)
        _lines([("tafdesk main window", f"{app_kib / 1024:.0f} MiB, case list showing {listed:,} rows"),
                ("bare PySide6 window", f"{bare_kib / 1024:.0f} MiB")])
        rows.append(Row("Memory", f"peak RSS, {listed:,} cases in the case list", f"{app_kib / 1024:.0f} MiB",
                        f"{bare_kib / 1024:.0f} MiB bare PySide6 window", ratio(app_kib, bare_kib)))

    chars = int(cfg["chars"])  # type: ignore[call-overload]
    _section("Typing in the live minutes while autosave runs")
    out = subprocess.run([sys.executable, str(HERE / "typing_latency.py"), str(chars), "--json"], check=True,
                         env=dict(os.environ, QT_QPA_PLATFORM=platform), stderr=subprocess.DEVNULL,
                         capture_output=False, stdout=subprocess.PIPE, text=True)
    import json

    typing = json.loads(out.stdout.strip().splitlines()[-1])
    _lines([("characters typed", f"{typing['chars']} over {typing['seconds']:.0f} s, {typing['saves']} autosaves "
                                 "to the encrypted database"),
            ("keystroke to repaint", f"p50 {typing['p50']:.2f} ms, p99 {typing['p99']:.2f} ms, "
                                     f"max {typing['max']:.2f} ms")])
    rows.append(Row("Typing", f"keystroke to repaint while autosaving, p50 / p99 of {typing['chars']}",
                    f"{typing['p50']:.2f} / {typing['p99']:.2f} ms"))

    deadline_cases = int(cfg["deadline_cases"])  # type: ignore[call-overload]
    if deadline_cases:
        from bench.deadlines_report import run as deadlines_report

        _section(f"Deadlines and the manager's report over {deadline_cases:,} cases")
        found_lines = deadlines_report(deadline_cases)
        _lines(found_lines)
        for name, value in found_lines[1:]:
            rows.append(Row("Deadlines", f"{name}, {deadline_cases:,} cases", value.split(";")[0]))

    _section("The demo family's assessment as PDF")
    from bench.assessment_pdf import assessment_bench

    found_lines = assessment_bench(int(cfg["assessment_runs"]))  # type: ignore[call-overload]
    _lines(found_lines)
    rows += [Row("Assessment PDF", name, value.split(" (")[0].split(";")[0]) for name, value in found_lines]

    _section("Access: a passphrase check, and re-keying the database")
    from bench.access import access_bench

    found_lines = access_bench(cases)
    _lines(found_lines)
    rows += [Row("Access", name, value) for name, value in found_lines]
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smaller sizes, English only: a smoke run of every section")
    p.add_argument("--runs", type=int, help="cold starts of each kind (default 7; quick 2)")
    p.add_argument("--cases", type=int, help="cases for the cold start and access sections (default 1000)")
    p.add_argument("--platform", default="offscreen", help="Qt platform (offscreen, or xcb under Xvfb)")
    p.add_argument("--chars", type=int, help="characters typed in the typing-latency run (default 3000)")
    p.add_argument("--deadline-cases", type=int,
                   help="cases for the deadlines and report benchmark (default 10000; 0 skips it)")
    p.add_argument("--search-cases", type=int, help="cases for the search and memory sections (default 10000)")
    args = p.parse_args(argv)
    cfg = dict(QUICK if args.quick else FULL)
    for key in ("runs", "cases", "chars", "deadline_cases", "search_cases"):
        if getattr(args, key) is not None:
            cfg[key] = getattr(args, key)
    started = time.perf_counter()
    rows = run_all(cfg, args.platform)
    from bench.table import format_table

    print(f"\nSummary ({'quick' if args.quick else 'full'} run, {time.perf_counter() - started:.0f} s, "
          f"platform {args.platform})")
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
