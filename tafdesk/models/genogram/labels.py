"""The words under each symbol, and the words of the legend, in one place."""

from __future__ import annotations

from ...i18n.catalog import N_
from .metrics import text_width
from .network import Network, NPerson

FLAG_WORDS = {
    "unknown_identity": N_("identity not known"), "donor": N_("donor"), "adopted": N_("adopted"),
    "looked_after": N_("looked after"), "kinship_care": N_("kinship care"), "foster_carer": N_("foster carer"),
    "sgo_carer": N_("SGO carer"), "in_prison": N_("in prison"), "lives_abroad": N_("lives abroad"),
    "care_home": N_("care home"), "substance_misuse": N_("substance misuse"), "young_parent": N_("young parent"),
    "SEND": N_("SEND"),
}
LOSS_WORDS = {"miscarriage": N_("miscarriage"), "termination": N_("termination"), "stillbirth": N_("stillbirth")}
MAX_LINES = 5


def years_text(net: Network, p: NPerson) -> str:
    if "pregnancy" in p.flags:
        return f"due {p.due_year}" if p.due_year else "pregnancy"
    loss = next((LOSS_WORDS[f] for f in p.flags if f in LOSS_WORDS), None)
    if loss:
        year = p.birth_year or p.death_year
        return f"{loss} {year}" if year else loss
    if p.birth_year is None:
        return f"d. {p.death_year}" if p.death_year else ""
    if p.death_year is not None:
        return f"{p.birth_year}\u2013{p.death_year}"
    age = net.age(p)
    return f"b. {p.birth_year} ({age})" if age is not None else f"b. {p.birth_year}"


def wrap(text: str, width: float, size: float, max_lines: int = 2) -> list[str]:
    """Greedy word wrap to ``width`` points; an over-long last line ends with an ellipsis."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    out = lines[:max_lines]
    if len(lines) > max_lines:
        out[-1] += "\u2026"
    for i, line in enumerate(out):
        while text_width(line, size) > width and len(line) > 2:
            line = line[:-2] + "\u2026"
        out[i] = line
    return out


def person_label(net: Network, p: NPerson, width: float, size: float) -> list[str]:
    name = p.name.strip()
    if name.startswith("(") and name.endswith(")") and (p.is_loss or "pregnancy" in p.flags):
        name = ""  # "(miscarriage)": the years line says it
    lines = wrap(name, width, size, 2) if name else []
    years = years_text(net, p)
    if years:
        lines += wrap(years, width, size, 1)
    flags = ", ".join(FLAG_WORDS[f] for f in p.flags if f in FLAG_WORDS)
    if flags:
        lines += wrap(flags, width, size, 2)
    return lines[:MAX_LINES]
