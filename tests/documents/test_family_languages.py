"""The family's documents in the family's language: bilingual copies, right-to-left pages whose
running header starts on the right, Bengali, the command line, and free text kept as written."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from tafdesk.documents.family_text import FamilyText, free_text
from tafdesk.documents.registry import RenderOptions, document_kinds
from tafdesk.i18n.catalog import tr
from tafdesk.models.services.endings import end_case, ending_of
from tafdesk.models.storage import Database

TODAY = date(2026, 12, 1)
KINDS = ("minutes", "closure-letter", "feedback-form", "assessment")
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _close(s, case_id: str) -> None:  # type: ignore[no-untyped-def]
    end_case(s, case_id, {"kind": "closure", "decided_on": "2026-11-30", "reason": "Maja is back in school.",
                          "continuing_service": "Riverside Academy"}, user="t", today=TODAY)


def render(db: Database, case_id: str, key: str, **options: object) -> bytes:
    with db.session() as s:
        if key == "closure-letter" and ending_of(s, case_id) is None:
            _close(s, case_id)
        return document_kinds()[key].render(s, case_id, RenderOptions(
            today=TODAY, meeting_number=2 if key == "minutes" else None, **options))  # type: ignore[arg-type]


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "d.pdf"
    path.write_bytes(pdf)
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def header_words(pdf: bytes, tmp_path: Path) -> list[tuple[float, str]]:
    """(x, word) of the running header's words on page 1 (above the rule, under the marking)."""
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [(float(x0), word) for x0, y0, _x1, _y1, word in WORD.findall(out) if 25 < float(y0) < 45]


def test_every_family_document_takes_a_language_and_bilingual() -> None:
    for key in KINDS:
        assert {"language", "bilingual"} <= document_kinds()[key].options, key


@pytest.mark.parametrize("key", KINDS)
def test_bilingual_copy_has_english_and_the_family_language(key: str, demo_db: Database, demo_case_id: str,
                                                            tmp_path: Path) -> None:
    english = text_of(render(demo_db, demo_case_id, key), tmp_path)
    both = text_of(render(demo_db, demo_case_id, key, language="pl", bilingual=True), tmp_path)
    t = tr("pl")
    marker = t("[Not yet translated] {text}", text="").strip()
    if key == "feedback-form":  # English beside Polish; the questions are fixed text
        for words in ("How was it for you?", "Were you treated with respect?", t("How was it for you?"),
                      t("Were you treated with respect?")):
            assert words in both, words
        assert marker not in both  # the form has no free text
        return
    # What the professional wrote: as written in the English paragraph, marked in the Polish one.
    sample = {"minutes": "Introductions; Amira Haddad joined the team.",
              "closure-letter": "Refer Maja to Riverside Young Carers",
              "assessment": "I want to go to drama club again."}[key]
    assert sample in english and both.count(sample) >= 2 and marker in both
    assert marker not in english
    assert both.count("Sarah Whitfield") >= english.count("Sarah Whitfield")


@pytest.mark.parametrize("lang", ["ar", "pl"])
def test_running_header_starts_on_the_language_side(lang: str, demo_db: Database, demo_case_id: str,
                                                     tmp_path: Path) -> None:
    pdf = render(demo_db, demo_case_id, "minutes", language=lang)
    words = header_words(pdf, tmp_path)
    wanted = set(tr(lang)("TAF meeting minutes").split()) | {"TAF", "minutes"}
    # pdftotext gives Arabic as presentation forms in visual order: normalise and read it back
    title = [x for x, w in words if {w, unicodedata.normalize("NFKC", w)[::-1]} & wanted]
    reference = [x for x, w in words if w == "EH-2026-0001"]
    assert title and reference, words
    middle = 595.0 / 2
    if lang == "ar":  # right to left: the title on the right, the family and reference on the left
        assert min(title) > middle > max(reference)
    else:
        assert max(title) < middle < min(reference)


def test_arabic_and_bengali_assessment_render(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    for lang in ("ar", "bn"):
        text = text_of(render(demo_db, demo_case_id, "assessment", language=lang), tmp_path)
        assert "Maja Nowak" in text and "EH-2026-0001" in text
        assert "42 Willow Road" not in text  # a translated copy is always the family's copy


def test_free_text_goes_through_one_helper() -> None:
    w = FamilyText("pl")
    assert w.free("Attendance above 92%.") == free_text("pl", "Attendance above 92%.")
    assert "Attendance above 92%." in w.free("Attendance above 92%.")
    assert FamilyText("en").free("Attendance above 92%.") == "Attendance above 92%."
    assert w.relationship("Mother") == tr("pl")("mother")  # a usual word is translated
    assert "my gran's neighbour" in w.relationship("my gran's neighbour")  # anything else is free text
    assert FamilyText("en").names(["Maja", "Leo", "Ruby"]) == "Maja, Leo and Ruby"


def test_render_from_the_command_line_in_a_language(demo_db: Database, db_path: Path, passphrase: str,
                                                    tmp_path: Path) -> None:
    import os
    import sys

    demo_db.close()
    out = tmp_path / "minutes-pl.pdf"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAFDESK_")}
    env["TAFDESK_PASSPHRASE"] = passphrase
    r = subprocess.run([sys.executable, "-m", "tafdesk", "render", "EH-2026-0001", "--db", str(db_path),
                        "--doc", "minutes", "--meeting", "2", "--lang", "pl", "--bilingual", "--out", str(out)],
                       capture_output=True, text=True, env=env, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    assert tr("pl")("TAF review meeting: minutes") in text_of(out.read_bytes(), tmp_path)
