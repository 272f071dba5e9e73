"""Deadlines and the manager's report over a generated database of many cases with their casework.

Prints: time to build the database; the caseload (every open case's due and overdue steps) for
everyone and for one lead professional; one case's deadlines; the report for a year, and its PDF.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

PASS = "benchmark passphrase"
TODAY = date(2026, 11, 2)


def _timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), result


def run(cases: int = 10_000, runs: int = 3) -> list[tuple[str, str]]:
    from bench.generate import generate_cases
    from sqlalchemy import func, select

    from tafdesk.documents.report import render_report
    from tafdesk.models.orm import Case
    from tafdesk.models.report import manager_report
    from tafdesk.models.services.deadlines import case_deadlines, caseload
    from tafdesk.models.storage import open_database
    from tafdesk.models.timescales import Bucket, Rules

    rules = Rules()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        db = open_database(db_path=Path(tmp) / "bench.db", passphrase=PASS, create=True)
        with db.session() as s:
            generate_cases(s, cases, casework=True)
        built = time.perf_counter() - t
        try:
            with db.session() as s:
                open_cases = s.scalar(select(func.count()).select_from(Case).where(Case.status == "open"))
                lead = s.scalar(select(Case.lead_professional_id).limit(1))
                some_case = s.scalar(select(Case.id).where(Case.status == "open").limit(1))
                everyone = _timed(lambda: caseload(s, rules, TODAY, buckets=tuple(Bucket)), runs)
                near = _timed(lambda: caseload(s, rules, TODAY), runs)
                mine = _timed(lambda: caseload(s, rules, TODAY, lead_professional_id=lead), runs)
                one = _timed(lambda: case_deadlines(s, some_case, rules, TODAY), runs)
                report = _timed(lambda: manager_report(s, date(2025, 11, 1), date(2026, 10, 31), rules=rules,
                                                       today=TODAY), runs)
            pdf = _timed(lambda: render_report(report[2]), runs)
        finally:
            db.close()
    overdue = sum(1 for i in near[2] if i.bucket is Bucket.OVERDUE)
    return [
        ("database", f"{cases} generated cases with casework, encrypted ({built:.1f} s to build); "
                     f"{open_cases} open"),
        ("caseload, everyone", f"median {everyone[0]:.3f} s (best {everyone[1]:.3f}); "
                               f"{len(everyone[2])} open steps"),
        ("caseload, 2 weeks", f"median {near[0]:.3f} s; {len(near[2])} steps ({overdue} overdue)"),
        ("caseload, one lead", f"median {mine[0]:.3f} s; {len(mine[2])} steps"),
        ("one case's deadlines", f"median {one[0] * 1000:.1f} ms"),
        ("report, 12 months", f"median {report[0]:.3f} s (best {report[1]:.3f}); "
                              f"{dict(report[2].headline)['Requests received']} requests"),
        ("report PDF", f"median {pdf[0]:.3f} s; {len(pdf[2]) // 1024} KiB"),
    ]
