"""``tafdesk genogram FILE.json --out F.pdf|F.png`` and ``--layout-json``; ``tafdesk ecomap ...``.

Reads a family file (the shared genogram format) without touching any database. PNG is made by
drawing the same PDF page with poppler's ``pdftoppm`` (Debian package poppler-utils), so the PNG
is exactly what is printed and the command needs no display or Qt; ``--import`` stores the
family as a new case instead.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    for name, what in (("genogram", "genogram"), ("ecomap", "ecomap")):
        sp = add(name, cmd_diagram, f"draw the {what} of a family file (shared genogram JSON) as PDF or PNG")
        sp.add_argument("file", metavar="FILE.json")
        sp.add_argument("--out", metavar="FILE.pdf|FILE.png")
        sp.add_argument("--dpi", type=int, default=150, help="resolution of a PNG (default 150)")
        if name == "genogram":
            sp.add_argument("--layout-json", action="store_true",
                            help="print every person's position and row and every union's position as JSON")
        sp.set_defaults(diagram=name)
    sp = add("import-family", cmd_import_family, "store a family file's network as a new case")
    sp.add_argument("file", metavar="FILE.json")


def _read(path: Path):  # type: ignore[no-untyped-def]
    from ..cli import _read_file
    from ..models.genogram.family_file import parse_family_file

    raw = _read_file(path)
    return raw, parse_family_file(raw)


def layout_json(net) -> dict:  # type: ignore[no-untyped-def]
    from ..models.genogram.layout import layout

    lay = layout(net)
    return {
        "title": net.title,
        "width": round(lay.width, 1), "height": round(lay.height, 1), "rows": len(lay.rows),
        "crossings": lay.crossings,
        "persons": [{"id": g.id, "x": round(g.x, 1), "y": round(g.y, 1), "row": g.row}
                    for g in sorted(lay.persons.values(), key=lambda g: (g.row, g.x))],
        "unions": [{"id": u.id, "partners": [u.a, u.b], "x": round(u.drop_x, 1), "y": round(u.y, 1),
                    "row": u.row, "recorded": not u.implicit}
                   for u in sorted(lay.unions.values(), key=lambda u: (u.row, u.drop_x))],
    }


def cmd_diagram(args: argparse.Namespace) -> int:
    from ..cli import CliError, _write_private
    from ..documents.base import PageInfo
    from ..documents.genogram import ecomap_pdf, genogram_pdf

    _raw, net = _read(Path(args.file))
    if getattr(args, "layout_json", False):
        print(json.dumps(layout_json(net), indent=2, ensure_ascii=False))
        return 0
    if not args.out:
        raise CliError("Say where to write the drawing with --out FILE.pdf or --out FILE.png.")
    out = Path(args.out)
    kind = out.suffix.lower()
    if kind not in (".pdf", ".png"):
        raise CliError(f"Write the {args.diagram} as .pdf or .png, not {out.suffix or 'a file with no ending'}.")
    if not out.parent.is_dir():
        raise CliError(f"The folder {out.parent} does not exist.")
    if not 30 <= args.dpi <= 600:
        raise CliError("Give --dpi between 30 and 600.")
    title = "Genogram" if args.diagram == "genogram" else "Ecomap"
    info = PageInfo(title=title, family=net.title, produced_on=date.today(), landscape=True)
    pdf = (genogram_pdf if args.diagram == "genogram" else ecomap_pdf)(net, info)
    data = pdf if kind == ".pdf" else _png(pdf, args.dpi)
    try:
        _write_private(out, data)
    except OSError as exc:
        raise CliError(f"Could not write {out}: {exc.strerror}.") from None
    print(f"{args.diagram}\t{len(net.persons)} people\twritten to {out}")
    return 0


def _png(pdf: bytes, dpi: int) -> bytes:
    """The first page (the whole diagram) as PNG, drawn by poppler from the PDF."""
    from ..cli import CliError

    tool = shutil.which("pdftoppm")
    if tool is None:
        raise CliError("Making a PNG needs pdftoppm (Debian: apt-get install poppler-utils); write a .pdf instead.")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "d.pdf"
        src.write_bytes(pdf)
        done = subprocess.run([tool, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(src),
                               str(Path(tmp) / "d")], capture_output=True, timeout=120)
        if done.returncode != 0:
            raise CliError(f"pdftoppm could not draw the PNG: {done.stderr.decode(errors='replace').strip()[:200]}")
        return (Path(tmp) / "d.png").read_bytes()


def cmd_import_family(args: argparse.Namespace) -> int:
    from ..cli import _open
    from ..cli_access import who
    from ..models.services.genogram import import_family

    raw, _net = _read(Path(args.file))  # a bad file is refused before any database is opened
    db = _open(args, create=True)
    try:
        with db.session() as s:
            me = who(s)
            me.require_case_holder()
            case = import_family(s, raw, user=me.user)
            ref = case.reference
    finally:
        db.close()
    print(f"{ref}\timported")
    return 0
