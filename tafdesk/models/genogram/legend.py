"""The legend: one sample and a few words for every kind of symbol and line the diagram uses."""

from __future__ import annotations

from .drawing import (
    CARE_COLOUR,
    CARE_WORDS,
    DESCENT_DASH,
    DESCENT_WORDS,
    EMOTION_STYLE,
    EMOTION_WORDS,
    GREY,
    INK,
    UNION_DASH,
    UNION_WORDS,
    Prim,
    household_colour,
    styled_line,
    symbol_at,
)
from .labels import wrap
from .layout import Layout

SAMPLE_W = 30.0
ROW_H = 15.0
TEXT = 7.0


def legend_entries(lay: Layout) -> list[tuple[str, str]]:
    """(sample key, words) for what this diagram shows, in a fixed order."""
    net = lay.net
    people = net.persons
    out: list[tuple[str, str]] = []
    sexes = {p.sex for p in people if not p.is_loss and "pregnancy" not in p.flags}
    for sex, words in (("M", "Male"), ("F", "Female"), ("X", "Non-binary or other gender"),
                       ("U", "Sex not known")):
        if sex in sexes:
            out.append((f"sym:{sex}", words))
    checks = [
        (any(p.is_index for p in people), "sym:index", "Index person (double outline)"),
        (any(p.death_year is not None and not p.is_loss for p in people), "sym:dead", "Died (X)"),
        (any("pregnancy" in p.flags for p in people), "sym:pregnancy", "Pregnancy"),
        (any("miscarriage" in p.flags for p in people), "sym:miscarriage", "Miscarriage"),
        (any("termination" in p.flags for p in people), "sym:termination", "Termination"),
        (any("stillbirth" in p.flags for p in people), "sym:stillbirth", "Stillbirth"),
        (any("donor" in p.flags for p in people), "sym:donor", "Donor"),
    ]
    out += [(k, w) for ok, k, w in checks if ok]
    used = {path.style for path in lay.lines}
    for t in UNION_DASH:
        if f"union:{t}" in used:
            out.append((f"union:{t}", UNION_WORDS[t]))
    statuses = {u.status for u in lay.st.unions.values()}
    if statuses & {"separated", "ended"}:
        out.append(("mark:1", "Separated (one stroke)"))
    if "divorced" in statuses:
        out.append(("mark:2", "Divorced (two strokes)"))
    for t in DESCENT_DASH:
        if f"descent:{t}" in used:
            out.append((f"descent:{t}", DESCENT_WORDS[t]))
    if "twin:identical" in used:
        out.append(("twin:identical", "Identical twins"))
    if any(len(t.members) > 1 and t.type != "identical" for t in net.twins):
        out.append(("twin:other", "Twins (not identical)"))
    if "donor" in used:
        out.append(("donor", "Donor conception"))
    for t in EMOTION_STYLE:
        if f"emotion:{t}" in used:
            out.append((f"emotion:{t}", EMOTION_WORDS[t]))
    for t in CARE_WORDS:
        if f"care:{t}" in used:
            out.append((f"care:{t}", CARE_WORDS[t]))
    drawn = {path.owner for path in lay.lines if path.style == "household"}
    for n, h in enumerate(net.households):
        if h.id in drawn:
            out.append((f"household:{h.id}", f"H{n + 1} household: {h.label}"))
    return out


def sample(lay: Layout | None, key: str, x: float, y: float) -> list[Prim]:
    """The sample drawing of ``key`` in the box (x, y)-(x + SAMPLE_W, y + ROW_H)."""
    kind, _, sub = key.partition(":")
    cx, cy = x + SAMPLE_W / 2, y + ROW_H / 2
    line = [(x + 2, cy), (x + SAMPLE_W - 2, cy)]
    s = ROW_H - 4
    if kind == "sym":
        sex = sub if sub in "MFXU" else "F" if sub in ("miscarriage",) else "M"
        flags = {"pregnancy": ("pregnancy",), "miscarriage": ("miscarriage",), "termination": ("termination",),
                 "stillbirth": ("stillbirth",), "donor": ("donor",)}.get(sub, ())
        size = s * (0.5 if sub in ("miscarriage", "termination") else 0.8 if sub in ("stillbirth", "pregnancy", "donor") else 0.85)
        return symbol_at(cx, cy, size, sex, flags, sub in ("dead", "stillbirth"), sub == "index", False)
    if kind == "union":
        return [Prim("line", [(x + 4, y + 2), (x + 4, cy + 3), (x + SAMPLE_W - 4, cy + 3), (x + SAMPLE_W - 4, y + 2)],
                     GREY if sub == "unknown" else INK, width=1.2, dash=UNION_DASH[sub])]
    if kind == "mark":
        out = [Prim("line", line, INK, width=1.2)]
        for k in range(int(sub)):
            mx = cx + (k - (int(sub) - 1) / 2) * 4
            out.append(Prim("line", [(mx - 2.5, cy + 4), (mx + 2.5, cy - 4)], INK))
        return out
    if kind == "descent":
        return [Prim("line", [(cx, y + 1), (cx, y + ROW_H - 1)], INK, dash=DESCENT_DASH[sub])]
    if kind == "twin":
        apex, l, r = (cx, y + 1), (cx - 7, y + ROW_H - 1), (cx + 7, y + ROW_H - 1)
        out = [Prim("line", [apex, l]), Prim("line", [apex, r])]
        if sub == "identical":
            out.append(Prim("line", [(cx - 3.5, cy), (cx + 3.5, cy)]))
        return out
    if kind == "donor":
        return [Prim("line", line, GREY, width=0.8, dash=(2, 2))]
    if kind == "emotion":
        return styled_line(line, *EMOTION_STYLE[sub])
    if kind == "care":
        return styled_line(line, CARE_COLOUR, (5, 2, 1, 2), 1, False, True, 0)
    if kind == "household":
        colour = household_colour(lay, sub) if lay is not None else GREY
        return [Prim("poly", [(x + 2, y + 2), (x + SAMPLE_W - 2, y + 2), (x + SAMPLE_W - 2, y + ROW_H - 2),
                              (x + 2, y + ROW_H - 2)], colour, width=0.9, dash=(5, 3))]
    return []


def legend_prims(lay: Layout | None, entries: list[tuple[str, str]], width: float,
                 x0: float = 0.0, y0: float = 0.0, title: str = "Key") -> tuple[list[Prim], float]:
    """Entries in as many columns as ``width`` allows; returns the prims and the height used."""
    from .metrics import text_width

    longest = max((text_width(w, TEXT) for _k, w in entries), default=0.0)
    col_w = min(max(190.0, longest + SAMPLE_W + 14), max(width / 2, 190.0))
    cols = max(1, int(width // col_w))
    out = [Prim("text", [(x0, y0 + 9)], None, INK, text=title, size=TEXT * 1.2, bold=True, anchor="start")]
    per_col = -(-len(entries) // cols) if entries else 0
    top = y0 + 14
    for i, (key, words) in enumerate(entries):
        c, r = divmod(i, per_col) if per_col else (0, 0)
        x, y = x0 + c * col_w, top + r * ROW_H
        out += sample(lay, key, x, y)
        for j, line in enumerate(wrap(words, col_w - SAMPLE_W - 10, TEXT, 1)):
            out.append(Prim("text", [(x + SAMPLE_W + 5, y + ROW_H / 2 + 2.5 + j * 8)], None, INK, text=line,
                            size=TEXT, anchor="start"))
    return out, 14 + per_col * ROW_H + 4
