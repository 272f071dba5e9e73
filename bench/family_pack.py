"""The family pack: every document a family is given, for the demo family, beside LibreOffice.

    .venv/bin/python -m bench.family_pack [--quick]

tafdesk: every kind in ``document_kinds()`` whose audience is "family" or "both" (the family's
copy), rendered from the encrypted database, in English and then in every language with a
catalogue for each kind that takes a language. Kinds are discovered, not listed here.

LibreOffice: for each PDF tafdesk made, an equivalent Word document (the same text, paragraph by
paragraph and page by page, in Noto Sans) is built with python-docx, and ``soffice --headless
--convert-to pdf`` converts the whole set in one batch, as an office template workflow would.
LibreOffice starts once (warmed up on a one-line document first, not timed), so the figure is
conversion time, not start-up. If ``soffice`` is missing and we are root, the Debian package
libreoffice-writer-nogui is installed with apt-get (``bash installer/debian.sh bench`` does the same).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
PASS = "benchmark passphrase"
LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui"


@dataclass
class Pack:
    documents: list[tuple[str, str, bytes]]  # (kind key, language, PDF)
    seconds: float  # rendering them all, reading the record included
    refused: dict[str, str]  # kind key -> why it cannot be made for this case


def family_kinds() -> list:  # type: ignore[type-arg]
    from tafdesk.documents.registry import document_kinds

    return [k for k in document_kinds().values() if k.audience in ("family", "both")]


def _options(kind, language: str, child_id: str | None):  # type: ignore[no-untyped-def]
    from tafdesk.documents.registry import RenderOptions

    values: dict[str, object] = {}
    if "family_copy" in kind.options:
        values["family_copy"] = True
    if "language" in kind.options:
        values["language"] = language
    if "child_id" in kind.options and child_id is not None:
        values["child_id"] = child_id
    return RenderOptions(**values)


def render_pack(all_languages: bool) -> Pack:
    """Render the family pack once (after one untimed warm-up pass: fonts, catalogues, imports).

    The demo family is taken to its closure (recorded today), so the closure letter and the
    feedback form belong to the pack too. A kind that still refuses (a state the demo family has
    not reached) is left out and named in ``refused``.
    """
    from datetime import date

    from sqlalchemy import select

    from tafdesk.i18n.catalog import available_languages
    from tafdesk.models.errors import TafdeskError
    from tafdesk.models.orm import Person
    from tafdesk.models.services.demo import create_demo
    from tafdesk.models.services.endings import end_case
    from tafdesk.models.storage import open_database

    kinds = family_kinds()
    jobs = []
    for kind in kinds:
        languages = available_languages() if all_languages and "language" in kind.options else ["en"]
        jobs += [(kind, lang) for lang in languages]
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(db_path=Path(tmp) / "bench.db", passphrase=PASS, create=True)
        try:
            with db.session() as s:
                case_id = create_demo(s).id
                child_id = s.scalar(select(Person.id).where(Person.case_id == case_id, Person.kind == "child")
                                    .order_by(Person.date_of_birth))
                end_case(s, case_id, {"kind": "closure", "decided_on": date.today().isoformat(),
                                      "reason": "The plan's outcomes are met.", "manager": "Team manager",
                                      "summary": "School attendance is back above 95 percent."}, user="bench")
            refused: dict[str, str] = {}
            for kind, lang in jobs:  # warm-up, and which kinds this case can have
                if kind.key not in refused:
                    try:
                        with db.session() as s:
                            kind.render(s, case_id, _options(kind, lang, child_id))
                    except TafdeskError as exc:
                        refused[kind.key] = str(exc)
            jobs = [(kind, lang) for kind, lang in jobs if kind.key not in refused]
            out = []
            t = time.perf_counter()
            for kind, lang in jobs:
                with db.session() as s:
                    out.append((kind.key, lang, kind.render(s, case_id, _options(kind, lang, child_id))))
            took = time.perf_counter() - t
        finally:
            db.close()
    return Pack(out, took, refused)


def ensure_soffice() -> str | None:
    """The soffice program, installing LibreOffice Writer (no GUI) with apt-get when root."""
    found = shutil.which("soffice")
    if found or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return found
    print(f"  (installing {LIBREOFFICE_PACKAGE} with apt-get for the comparison)", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, stdout=subprocess.DEVNULL)
    result = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", LIBREOFFICE_PACKAGE],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        print(f"  (apt-get failed: {result.stderr.strip()[-300:]})", flush=True)
    return shutil.which("soffice")


def pdf_text_pages(pdf: bytes) -> list[str]:
    """The text of each page, as pdftotext gives it (reading order, paragraphs by blank lines)."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return out.decode("utf-8", "replace").split("\f")[:-1] or [""]


def equivalent_docx(pages: list[str], path: Path) -> None:
    """A Word document with the same text as a tafdesk PDF: A4, Noto Sans, one paragraph per
    paragraph of the PDF, the first as a heading, a page break where the PDF has one."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Noto Sans", Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:cs"), "Noto Sans")  # complex scripts too
    first = True
    for n, page in enumerate(pages):
        for block in (b.strip() for b in page.split("\n\n")):
            if not block:
                continue
            text = " ".join(block.split())
            if first:
                doc.add_heading(text, level=1)
                first = False
            else:
                doc.add_paragraph(text)
        if n < len(pages) - 1:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.save(str(path))


@dataclass
class Office:
    documents: int
    docx_seconds: float
    convert_seconds: float
    pages: int
    version: str


def libreoffice_pack(pack: Pack, soffice: str) -> Office:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        profile = f"-env:UserInstallation=file://{base / 'profile'}"
        run = [soffice, profile, "--headless", "--norestore", "--nologo", "--convert-to", "pdf", "--outdir"]
        (base / "warm").mkdir()
        equivalent_docx(["Warm-up."], base / "warm" / "warm.docx")
        subprocess.run([*run, str(base / "warm"), str(base / "warm" / "warm.docx")], check=True,
                       capture_output=True, timeout=300)
        src, out = base / "docx", base / "pdf"
        src.mkdir()
        t = time.perf_counter()
        files = []
        for i, (key, lang, pdf) in enumerate(pack.documents):
            path = src / f"{i:03d}-{key}-{lang}.docx"
            equivalent_docx(pdf_text_pages(pdf), path)
            files.append(path)
        built = time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run([*run, str(out), *map(str, files)], check=True, capture_output=True, timeout=1800)
        converted = time.perf_counter() - t
        made = sorted(out.glob("*.pdf"))
        if len(made) != len(files):
            raise RuntimeError(f"LibreOffice made {len(made)} PDFs of {len(files)}")
        pages = sum(int(subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True).stdout
                        .split("Pages:")[1].split()[0]) for p in made)
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout.strip()
    return Office(len(files), built, converted, pages, " ".join(version.split()[:2]))


def _pages(pack: Pack) -> int:
    return sum(pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ") for _k, _l, pdf in pack.documents)


def family_pack_rows(*, all_languages: bool = True, libreoffice: bool = True) -> list:  # type: ignore[type-arg]
    from bench.table import Row, ratio

    soffice = ensure_soffice() if libreoffice else None
    rows = []
    for every in ([False, True] if all_languages else [False]):
        pack = render_pack(every)
        for key, why in pack.refused.items():
            print(f"  (family pack: {key} left out: {why})", flush=True)
        kinds = sorted({k for k, _l, _p in pack.documents})
        langs = sorted({lang for _k, lang, _p in pack.documents})
        what = (f"{len(pack.documents)} PDFs, {len(kinds)} kinds, "
                + (f"{len(langs)} languages" if every else "English"))
        ours = f"{pack.seconds:.2f} s ({_pages(pack)} pages)"
        if soffice is None:
            note = ("skipped" if not libreoffice else
                    f"soffice missing: apt-get install {LIBREOFFICE_PACKAGE}")
            rows.append(Row("Family pack", what, ours, note, ""))
            continue
        office = libreoffice_pack(pack, soffice)
        theirs = office.docx_seconds + office.convert_seconds
        rows.append(Row("Family pack", what, ours,
                        f"{theirs:.2f} s ({office.pages} pages; python-docx {office.docx_seconds:.2f} s "
                        f"+ {office.version} {office.convert_seconds:.2f} s)", ratio(pack.seconds, theirs)))
    return rows


if __name__ == "__main__":
    from bench.table import format_table

    print(format_table(family_pack_rows(all_languages="--quick" not in sys.argv)))
