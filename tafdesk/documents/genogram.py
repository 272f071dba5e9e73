"""The genogram and the ecomap as PDF: the shared layouts painted with reportlab, with a key."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..models.genogram.drawing import display_list
from ..models.genogram.ecomap import ecomap_display, ecomap_layout, ecomap_legend
from ..models.genogram.layout import layout
from ..models.genogram.legend import legend_entries, legend_prims
from ..models.genogram.network import Network
from .base import PageInfo
from .diagram_pdf import diagram_pdf
from .redaction import audience_of, redact_network, redaction
from .registry import DocumentKind, RenderOptions

LEGEND_WIDTH = 760.0


def genogram_pdf(net: Network, info: PageInfo, manual: dict[str, tuple[float, float]] | None = None) -> bytes:
    lay = layout(net, manual)
    legend, legend_h = legend_prims(lay, legend_entries(lay), LEGEND_WIDTH)
    n = len(net.persons)
    caption = f"Genogram: {net.title}" + (f" ({n} people" + (f", as known in {net.recorded_year})" if net.recorded_year else ")"))
    return diagram_pdf(info, display_list(lay), legend, legend_h, caption)


def ecomap_pdf(net: Network, info: PageInfo, manual: dict[str, tuple[float, float]] | None = None) -> bytes:
    eco = ecomap_layout(net, manual)
    legend, legend_h = ecomap_legend(eco, LEGEND_WIDTH)
    when = f", as at {net.recorded_on}" if net.recorded_on else (f", {net.recorded_year}" if net.recorded_year else "")
    caption = f"Ecomap: {net.ecomap_label or net.title}{when}"
    return diagram_pdf(info, ecomap_display(eco), legend, legend_h, caption)


def _info(session: Session, case_id: str, title: str, options: RenderOptions) -> PageInfo:
    from ..models.services.cases import get_case

    case = get_case(session, case_id)
    today = options.today if isinstance(options.today, date) else date.today()
    if options.family_copy:
        title += " \u2013 family copy"
    return PageInfo(title=title, family=f"{case.family_name} family", reference=case.reference,
                    produced_on=today, landscape=True)


def _network(session: Session, case_id: str, options: RenderOptions) -> Network:
    from ..models.services.genogram import network_of_case

    audience = audience_of("both", options)
    return redact_network(network_of_case(session, case_id), redaction(session, case_id, audience))


def render_genogram(session: Session, case_id: str, options: RenderOptions) -> bytes:
    from ..models.services.genogram import positions

    net = _network(session, case_id, options)
    return genogram_pdf(net, _info(session, case_id, "Genogram", options), positions(session, case_id, "genogram"))


def render_ecomap(session: Session, case_id: str, options: RenderOptions) -> bytes:
    from ..models.services.genogram import positions

    net = _network(session, case_id, options)
    return ecomap_pdf(net, _info(session, case_id, "Ecomap", options), positions(session, case_id, "ecomap"))


DOCUMENT_KINDS = [
    DocumentKind("genogram", "Genogram", render_genogram, frozenset({"family_copy"}), audience="both"),
    DocumentKind("ecomap", "Ecomap", render_ecomap, frozenset({"family_copy"}), audience="both"),
]
