"""bench/run.py's table, built from the quick mode's sections on tiny inputs (the figures
themselves are not checked here: speed is measured by the benchmarks, not by tests)."""

from __future__ import annotations

from bench.family_pack import family_kinds, family_pack_rows
from bench.search import TERMS, search_rows
from bench.table import HEADINGS, Row, format_table, ratio


def test_table_has_one_line_per_row_with_aligned_columns() -> None:
    rows = [Row("Cold start", "to the painted main window", "0.826 s", "0.106 s bare", ratio(0.826, 0.106)),
            Row("Typing", "p50 / p99", "1.2 / 7.7 ms")]
    lines = format_table(rows).splitlines()
    assert len(lines) == 2 + len(rows)
    assert [c.strip() for c in lines[0].strip("|").split("|")] == list(HEADINGS)
    assert len({len(line) for line in lines}) == 1
    assert "7.79x" in lines[2] and lines[3].rstrip("| ").endswith("-")  # no comparison: a dash


def test_ratio() -> None:
    assert ratio(1.0, 4.0) == "0.25x" and ratio(0, 0) == "n/a" and ratio(2, 0) == "inf"


def test_search_rows_on_a_few_cases() -> None:
    rows = search_rows(30, runs=1, postgres=False)
    assert [r.section for r in rows] == ["Case search", "Case search"]
    assert f"{len(TERMS)} terms" in rows[0].measure and "(30 rows)" in rows[1].measure
    assert rows[0].tafdesk.endswith("ms SQLite (encrypted)") and rows[0].comparison == "PostgreSQL: skipped"


def test_family_pack_has_every_family_document() -> None:
    kinds = family_kinds()
    assert {"plan", "minutes", "closure-letter"} <= {k.key for k in kinds}
    assert all(k.audience in ("family", "both") for k in kinds)
    (row,) = family_pack_rows(all_languages=False, libreoffice=False)
    assert row.measure == f"{len(kinds)} PDFs, {len(kinds)} kinds, English"
    assert row.comparison == "skipped" and " pages)" in row.tafdesk
