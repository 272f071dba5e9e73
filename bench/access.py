"""Access: the cost of one passphrase check (argon2id + opening the file) and of re-keying.

    .venv/bin/python bench/access.py [--cases N]

The check runs at every unlock (start-up, after the idle lock); the re-key writes the whole
database again under a new key and salt, and compares every row, when the passphrase changes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
PASS = "benchmark passphrase"


def access_bench(cases: int = 1000, runs: int = 5) -> list[tuple[str, str]]:
    from bench.run import make_db
    from tafdesk.models.passphrase import passphrase_opens
    from tafdesk.models.rekey import change_passphrase

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "tafdesk.db"
        make_db(db, cases)
        checks = []
        for _ in range(runs):
            t = time.perf_counter()
            assert passphrase_opens(db, PASS)
            checks.append(time.perf_counter() - t)
        size = db.stat().st_size
        t = time.perf_counter()
        counts = change_passphrase(db, PASS, PASS + " 2")
        rekey = time.perf_counter() - t
    return [
        ("passphrase check", f"{statistics.median(checks) * 1000:.0f} ms median of {runs}"),
        (f"re-key {cases} cases", f"{rekey:.2f} s ({sum(counts.values())} rows, {size / 1e6:.1f} MB)"),
    ]


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cases", type=int, default=1000)
    args = p.parse_args()
    for name, value in access_bench(args.cases):
        print(f"  {name:<22} {value}")
