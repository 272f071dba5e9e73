"""``tafdesk render CASE --doc step-up-pack --agency NAME_OR_ID``: the copy for one partner agency
leaves out what is kept from that agency; an unknown agency is one clear line."""

from __future__ import annotations

from pathlib import Path

from tafdesk.models.storage import open_database
from tests.documents.test_redaction import AGENCY_WORD, _end, pdf_text, plant, restrict
from tests.test_cli import PASS, one_line_error, run


def test_the_agency_copy_leaves_out_what_is_kept_from_it(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    made = run("demo", "--db", str(db))
    assert made.returncode == 0, made.stderr
    ref = made.stdout.split("\t")[0]
    database = open_database(db_path=db, passphrase=PASS)
    try:
        with database.session() as s:
            from tafdesk.models.services.cases import get_case

            cid = get_case(s, ref).id
            ids = plant(s, cid)
            restrict(s, cid, ids)
            _end(s, cid, "step-up-pack")
    finally:
        database.close()

    def render(*extra: str) -> str:
        out = tmp_path / "pack.pdf"
        done = run("render", ref, "--doc", "step-up-pack", "--out", str(out), "--db", str(db), *extra)
        assert done.returncode == 0, done.stderr
        return pdf_text(out.read_bytes(), tmp_path)

    assert AGENCY_WORD in render().lower()  # the full professional copy keeps it
    for name in ("Riverside Children's Social Care", "riverside children's social care", ids["agency"]):
        assert AGENCY_WORD not in render("--agency", name).lower(), name
    line = one_line_error(run("render", ref, "--doc", "step-up-pack", "--out", str(tmp_path / "x.pdf"),
                              "--agency", "Nowhere Agency", "--db", str(db)))
    assert line.startswith("tafdesk: There is no agency called 'Nowhere Agency'; choose from:")
    assert "Riverside Children's Social Care" in line
    line = one_line_error(run("render", ref, "--doc", "assessment", "--out", str(tmp_path / "x.pdf"),
                              "--agency", "Riverside Children's Social Care", "--db", str(db)))
    assert line == "tafdesk: --agency does not apply to the early help assessment."
    assert not (tmp_path / "x.pdf").exists()
