"""The manager's report as a PDF: headline figures, then each section with its chart and table."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..models.report import Report, Section
from .base import PageInfo, render_pdf
from .charts import bar_drawing, line_drawing
from .fonts import SANS
from .styles import RULE, SHADE, stylesheet


def _table(headers: list[str], rows: list[list[str | int | float]], base: float) -> Table:
    st = stylesheet(base)
    data = [[Paragraph(escape(h), st["label"]) for h in headers]]
    data += [[Paragraph(escape(str(c)), st["cell"]) for c in row] for row in rows]
    first = 170 if len(headers) > 2 else 300
    rest = (480 - first) / max(1, len(headers) - 1)
    t = Table(data, colWidths=[first] + [rest] * (len(headers) - 1), repeatRows=1)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                           ("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def _chart(s: Section) -> Flowable | None:
    if not s.rows:
        return None
    if s.chart == "bars":
        percent = any(str(r[s.chart_column]).endswith("%") for r in s.rows)
        values = [(str(r[0]), _number(r[s.chart_column])) for r in s.rows[:15]]
        return bar_drawing(values, highlight_over=s.highlight_over, unit="%" if percent else "")
    if s.chart == "months":
        return line_drawing([str(r[0]) for r in s.rows], [("Opened", [float(r[1]) for r in s.rows]),  # type: ignore[arg-type]
                                                         ("Closed", [float(r[2]) for r in s.rows])])  # type: ignore[arg-type]
    return None


def _number(value: object) -> float:
    try:
        return float(str(value).rstrip("%"))
    except ValueError:  # "–": nothing to count
        return 0.0


def render_report(report: Report) -> bytes:
    st = stylesheet(10.0)
    story: list[Flowable] = [
        Paragraph("Early help: manager's report", st["title"]),
        Paragraph(escape(f"{report.team}. Requests received from {report.start:%d %B %Y} to "
                         f"{report.end:%d %B %Y}; caseload as it stood on {report.end:%d %B %Y}."), st["body"]),
        _table(["Measure", "Value"], [[k, val] for k, val in report.headline], 10.0),
    ]
    for s in report.sections:
        block: list[Flowable] = [Paragraph(escape(s.title), st["h1"])]
        if s.note:
            block.append(Paragraph(escape(s.note), st["body"]))
        if not s.rows:
            block.append(Paragraph("Nothing to count in this period.", st["body"]))
            story.append(KeepTogether(block))
            continue
        chart = _chart(s)
        if chart is not None:
            block += [chart, Spacer(1, 6)]
        story.append(KeepTogether(block))
        story += [_table(s.headers, s.rows, 9.0), Spacer(1, 8)]
    info = PageInfo("Manager's report", report.team, f"{report.start:%d %b %Y} to {report.end:%d %b %Y}",
                    produced_on=report.produced_on)
    return render_pdf(info, story)
