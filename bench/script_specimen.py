"""One specimen page per family language, to look at, and how long each takes to render.

    .venv/bin/python bench/script_specimen.py [OUTDIR]   # default /tmp/tafdesk-scripts

Writes OUTDIR/<lang>.pdf and OUTDIR/<lang>-1.png (pdftoppm, 80 dpi) on the shared page template:
the title in bold, the sample sentence, a longer paragraph that wraps, a table with English next
to the language, and for right-to-left languages a line with a bracketed name, a phone number and
a time. Prints the render time of each page (median of 5) and the first-use cost of the fonts.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

EXTRA_RTL = {  # "Contact (Maja Nowak): 07700 900123, at 12:30"
    "ar": "للتواصل (Maja Nowak): 07700 900123، الساعة 12:30.",
    "ur": "رابطہ (Maja Nowak): 07700 900123، وقت 12:30۔",
    "ps": "اړیکه (Maja Nowak): 07700 900123، په 12:30 بجو.",
    "fa-AF": "تماس (Maja Nowak): 07700 900123، ساعت 12:30.",
}


def story(lang: str) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    from tafdesk.documents.scripttext import script_paragraph
    from tafdesk.documents.styles import RULE, stylesheet
    from tests.documents.script_samples import SAMPLES, TITLES

    ss = stylesheet(11)
    out = [script_paragraph(TITLES[lang], ss["title"], lang),
           script_paragraph(SAMPLES[lang], ss["body"], lang),
           script_paragraph(" ".join([SAMPLES[lang]] * 3), ss["body"], lang)]
    if lang in EXTRA_RTL:
        out.append(script_paragraph(EXTRA_RTL[lang], ss["body"], lang))
    rows = [[script_paragraph(TITLES["en"], ss["label"], "en"), script_paragraph(TITLES[lang], ss["label"], lang)],
            [script_paragraph(SAMPLES["en"], ss["cell"], "en"), script_paragraph(SAMPLES[lang], ss["cell"], lang)]]
    table = Table(rows, colWidths=[85 * mm, 85 * mm])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [*out, table]


def render(lang: str) -> bytes:
    from tafdesk.documents.base import PageInfo, render_pdf

    return render_pdf(PageInfo("Script specimen", f"Language: {lang}"), story(lang))


def main(outdir: Path) -> None:
    from tafdesk.documents.fonts import register_script_fonts
    from tests.documents.script_samples import SAMPLES

    outdir.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    register_script_fonts()
    print(f"register script fonts (first use): {1000 * (time.perf_counter() - t):.0f} ms")
    for lang in SAMPLES:
        times = []
        for _ in range(5):
            t = time.perf_counter()
            pdf = render(lang)
            times.append(time.perf_counter() - t)
        path = outdir / f"{lang}.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(path),
                        str(outdir / lang)], check=True)
        print(f"{lang:6} specimen page {1000 * statistics.median(times):6.1f} ms  "
              f"(first {1000 * times[0]:.0f} ms)  {outdir / (lang + '-1.png')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/tafdesk-scripts"))
