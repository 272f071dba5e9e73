"""Genogram layout benchmark: the 149-person test family, timed, with its edge crossings beside
Graphviz ``dot`` laying out the same graph in the same run.

Both layouts are measured the same way: straight segments partner -> union point and union point
(or a lone parent) -> child, counting proper crossings (``quality.segment_crossings``).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FAMILY = HERE.parent / "tests" / "models" / "genogram" / "families" / "06_extreme_150.json"


def _dot_source(st) -> str:  # type: ignore[no-untyped-def]
    lines = ["digraph g {", "  node [shape=box, width=0.4, height=0.4, fixedsize=true, label=\"\"];"]
    for p in st.net.persons:
        lines.append(f'  "{p.id}";')
    for uid, u in st.unions.items():
        lines.append(f'  "{uid}" [shape=point, width=0.05];')
        lines.append(f'  {{ rank=same; "{u.a}"; "{uid}"; "{u.b}"; }}')
        lines.append(f'  "{u.a}" -> "{uid}" [dir=none, weight=10]; "{uid}" -> "{u.b}" [dir=none, weight=10];')
    for key, fam in st.families.items():
        src = fam.union_id or fam.parents[0]
        for child in [*fam.children, *fam.secondary]:
            lines.append(f'  "{src}" -> "{child}";')
    lines.append("}")
    return "\n".join(lines)


def _dot_crossings(st, dot: str) -> tuple[int, float, int]:  # type: ignore[no-untyped-def]
    from tafdesk.models.genogram.quality import segment_crossings

    t = time.perf_counter()
    out = subprocess.run([dot, "-Tplain"], input=_dot_source(st), capture_output=True, text=True, check=True,
                         timeout=120).stdout
    took = time.perf_counter() - t
    pos: dict[str, tuple[float, float]] = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            pos[parts[1].strip('"')] = (float(parts[2]), -float(parts[3]))
    edges = []
    for uid, u in st.unions.items():
        for p in (u.a, u.b):
            edges.append((pos[p], pos[uid], frozenset({p, uid})))
    for fam in st.families.values():
        src = fam.union_id or fam.parents[0]
        for child in [*fam.children, *fam.secondary]:
            edges.append((pos[src], pos[child], frozenset({src, child})))
    inversions = sum(1 for fam in st.families.values() for i, a in enumerate(fam.children)
                     for b in fam.children[i + 1:]
                     if st.net.person(a).sort_year < st.net.person(b).sort_year and pos[a][0] > pos[b][0]
                     and pos[a][1] == pos[b][1])
    return segment_crossings(edges), took, inversions


def genogram_bench(runs: int = 20, figures: dict[str, object] | None = None) -> list[tuple[str, str]]:
    """Detail lines; ``figures`` (when given) receives "seconds" (median layout time) and
    "crossings", and "dot_seconds" and "dot_crossings" when Graphviz is installed."""
    figures = {} if figures is None else figures
    from tafdesk.models.genogram.family_file import parse_family_file
    from tafdesk.models.genogram.layout import layout
    from tafdesk.models.genogram.quality import report

    net = parse_family_file(FAMILY.read_bytes())
    layout(net)  # warm up (imports, caches)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        lay = layout(net)
        times.append(time.perf_counter() - t)
    r = report(lay)
    figures.update(seconds=statistics.median(times), crossings=r["crossings"])
    rows = [
        ("family", f"{r['people']} people, {len(lay.st.unions)} unions, {r['rows']} generations ({FAMILY.name})"),
        ("layout time", f"median {statistics.median(times):.3f} s, best {min(times):.3f} s over {runs} runs "
                        "(target 0.2 s)"),
        ("quality", f"overlaps {r['overlaps']}, sibling-order inversions {r['sibling_inversions']}, "
                    f"partners apart {r['partners_apart']}, unions across rows {r['unions_across_rows']}"),
        ("crossings, tafdesk", str(r["crossings"])),
    ]
    dot = shutil.which("dot")
    if dot is None:
        rows.append(("crossings, Graphviz", "dot is not installed: sudo apt-get install graphviz "
                                             "(or bash installer/debian.sh test), then run again"))
    else:
        crossings, took, inversions = _dot_crossings(lay.st, dot)
        figures.update(dot_seconds=took, dot_crossings=crossings)
        version = subprocess.run([dot, "-V"], capture_output=True, text=True).stderr.strip()
        rows.append(("crossings, Graphviz", f"{crossings} (dot, {took:.3f} s including process start; {version})"))
        rows.append(("  dot's sibling order", f"{inversions} pairs of siblings out of birth order (dot is free to "
                                               "reorder siblings; tafdesk keeps birth order, which costs crossings)"))
    return rows


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE.parent))
    for name, value in genogram_bench():
        print(f"  {name:<22} {value}")
