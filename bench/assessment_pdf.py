"""Producing the demo family's assessment PDF (full and family copy), and what is missing in it.

    .venv/bin/python -m bench.assessment_pdf [--runs N]

Prints the median time to read the record and lay out the PDF, its size and pages, and the time
to work out what is missing (the check the editor runs after each change).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def assessment_bench(runs: int = 7) -> list[tuple[str, str]]:
    from tafdesk.documents.registry import RenderOptions, document_kinds
    from tafdesk.models.services import assessment as A
    from tafdesk.models.services.demo import create_demo
    from tafdesk.models.storage import open_database

    out: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(db_path=Path(tmp) / "bench.db", passphrase="benchmark passphrase", create=True)
        try:
            with db.session() as s:
                case_id = create_demo(s).id
            kind = document_kinds()["assessment"]
            for family_copy in (False, True):
                times, pdf = [], b""
                for _ in range(runs):
                    t = time.perf_counter()
                    with db.session() as s:
                        pdf = kind.render(s, case_id, RenderOptions(family_copy=family_copy))
                    times.append(time.perf_counter() - t)
                pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")
                out.append(("family copy" if family_copy else "full assessment",
                            (f"median {statistics.median(times):.3f} s (range {min(times):.3f}-"
                             f"{max(times):.3f}); {pages} pages, {len(pdf) / 1024:.0f} KiB")))
            times = []
            for _ in range(runs * 3):
                t = time.perf_counter()
                with db.session() as s:
                    a = A.current_assessment(s, case_id)
                    assert a is not None
                    A.what_is_missing(s, a.id)
                times.append(time.perf_counter() - t)
            out.append(("what is missing", f"median {statistics.median(times) * 1000:.1f} ms per check"))
        finally:
            db.close()
    return out


if __name__ == "__main__":
    for name, value in assessment_bench(int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 7):
        print(f"  {name:<22} {value}")
