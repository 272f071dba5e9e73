"""Case search over many generated cases: the encrypted SQLite file beside PostgreSQL.

    .venv/bin/python -m bench.search [--cases N]

The same cases (bench/generate.py, same seed) go into an encrypted SQLite database and into a
throw-away PostgreSQL cluster (tests/pg.py: Debian's postgresql package, started and deleted
here). ``list_cases`` is what the case list's search box runs: reference, family name or anyone's
name, case-insensitive substring. Timed: a handful of searches a person would type, and the
whole list (the case list with no filter).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
TERMS = ["nowak", "zainab", "EH-2025-001", "okafor", "ibra", "nobody called this"]


def time_searches(db, runs: int = 5) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """(median ms per search over TERMS, median ms for the whole list, cases in the whole list)"""
    from tafdesk.models.services.cases import list_cases

    searches, whole, count = [], [], 0
    with db.session() as s:
        list_cases(s, text=TERMS[0])  # warm-up
        for _ in range(runs):
            for term in TERMS:
                t = time.perf_counter()
                list_cases(s, text=term)
                searches.append(time.perf_counter() - t)
            t = time.perf_counter()
            count = len(list_cases(s))
            whole.append(time.perf_counter() - t)
    return statistics.median(searches) * 1000, statistics.median(whole) * 1000, count


def postgres_figures(cases: int, runs: int) -> tuple[float, float, int, float, str] | str:
    """PostgreSQL's figures and the seconds to fill it, or why there are none."""
    from bench.generate import generate_cases
    from tafdesk.models.migrate import upgrade
    from tafdesk.models.storage import open_url

    try:
        from tests.pg import temporary_cluster
    except ImportError as exc:
        return f"tests/pg.py unavailable: {exc}"
    try:
        with temporary_cluster() as url:
            t = time.perf_counter()
            db = open_url(url)
            try:
                upgrade(db.engine)
                with db.session() as s:
                    generate_cases(s, cases)
                with db.engine.begin() as con:
                    con.exec_driver_sql("ANALYZE")
                    version = con.exec_driver_sql("SHOW server_version").scalar()
                built = time.perf_counter() - t
                return (*time_searches(db, runs), built, f"PostgreSQL {str(version).split()[0]}")
            finally:
                db.close()
    except RuntimeError as exc:  # not installed
        return str(exc)


def search_rows(cases: int = 10_000, runs: int = 5, *, db_path: Path | None = None,
                postgres: bool = True) -> list:  # type: ignore[type-arg]
    """``db_path``: an encrypted database already holding ``cases`` generated cases (run.py
    shares one with the memory section); made here when not given."""
    from bench.run import PASS, make_db
    from bench.table import Row, ratio
    from tafdesk.models.storage import open_database

    with tempfile.TemporaryDirectory() as tmp:
        if db_path is None:
            db_path = Path(tmp) / "search.db"
            make_db(db_path, cases)
        db = open_database(db_path=db_path, passphrase=PASS)
        try:
            search_ms, whole_ms, count = time_searches(db, runs)
        finally:
            db.close()
    pg = postgres_figures(cases, runs) if postgres else "skipped"
    what = f"{cases:,} cases, {len(TERMS)} terms x {runs}, median per search"
    whole = f"{cases:,} cases, whole list ({count:,} rows), median"
    ours_label = "SQLite (encrypted)"
    if isinstance(pg, str):
        return [Row("Case search", what, f"{search_ms:.1f} ms {ours_label}", f"PostgreSQL: {pg}"),
                Row("Case search", whole, f"{whole_ms:.1f} ms {ours_label}", f"PostgreSQL: {pg}")]
    pg_search, pg_whole, _pg_count, built, server = pg
    return [
        Row("Case search", what, f"{search_ms:.1f} ms {ours_label}", f"{pg_search:.1f} ms {server}",
            ratio(search_ms, pg_search)),
        Row("Case search", whole, f"{whole_ms:.1f} ms {ours_label}", f"{pg_whole:.1f} ms {server} "
            f"(filled in {built:.0f} s)", ratio(whole_ms, pg_whole)),
    ]


if __name__ == "__main__":
    from bench.table import format_table

    n = int(sys.argv[sys.argv.index("--cases") + 1]) if "--cases" in sys.argv else 10_000
    print(format_table(search_rows(n)))
