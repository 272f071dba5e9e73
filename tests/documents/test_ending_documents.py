"""Closure letter, closure summary, step-up pack and the feedback form, from the demo family."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from tafdesk.documents.endings import LETTER
from tafdesk.documents.registry import RenderOptions, document_kinds
from tafdesk.models.errors import TafdeskError
from tafdesk.models.services.endings import end_case
from tafdesk.models.services.feedback import record_feedback
from tafdesk.models.storage import Database

from .test_base import pdf_text

TODAY = date(2026, 12, 1)
OPTIONS = RenderOptions(today=TODAY)


def render(db: Database, case_id: str, key: str, tmp_path: Path, options: RenderOptions = OPTIONS) -> str:
    with db.session() as s:
        pdf = document_kinds()[key].render(s, case_id, options)
    text = pdf_text(pdf, tmp_path)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "doc.pdf")], capture_output=True, text=True).stdout
    assert all(" yes " in ln for ln in fonts.splitlines()[2:] if ln.strip()), fonts
    return " ".join(text.split())


def close(db: Database, case_id: str) -> None:
    with db.session() as s:
        end_case(s, case_id, {"kind": "closure", "decided_on": "2026-11-30", "reason": "Maja is back in school.",
                              "summary": "Attendance 96% for six weeks.", "continuing_service": "Riverside Academy"},
                 user="t", today=TODAY)
        record_feedback(s, case_id, {"given_on": "2026-11-30", "respected": 5, "listened_to": 4, "helped": 5,
                                     "comments": "Thank you for listening to Maja."}, user="t", today=TODAY)


def test_closure_letter_is_warm_plain_and_unmarked(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    close(demo_db, demo_case_id)
    text = render(demo_db, demo_case_id, "closure-letter", tmp_path)
    assert "Dear Barbara and Agnieszka," in text  # the adults at home who agreed to early help
    assert "Dean" not in text.split("Your family plan at the end")[0]
    assert LETTER["again"] in text and "Riverside Academy will keep in touch with you." in text
    assert "Early help for your family ended on 30 November 2026." in text
    assert "Refer Maja to Riverside Young Carers" in text and "Still going" in text
    assert "OFFICIAL-SENSITIVE" not in text and "Flat 3" not in text and "Willow Road" not in text


def test_every_letter_sentence_has_only_named_placeholders() -> None:
    import string

    for key, sentence in LETTER.items():
        fields = [f for _, f, _, _ in string.Formatter().parse(sentence) if f is not None]
        assert all(f and f.isidentifier() for f in fields), key
        assert sentence[0].isupper() or sentence.startswith("{"), key


def test_closure_summary(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    close(demo_db, demo_case_id)
    text = render(demo_db, demo_case_id, "closure-summary", tmp_path)
    for words in ("Closure summary", "Attendance 96% for six weeks.", "Introductory visit",
                  "Done 10 Sep 2026 (due 15 Sep 2026)", "average change +1.4", "Thank you for listening to Maja.",
                  "OFFICIAL-SENSITIVE", "5 of 5"):
        assert words in text, words


def test_step_up_pack_is_one_pdf_with_everything(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    with demo_db.session() as s, pytest.raises(TafdeskError, match="No step up"):
        document_kinds()["step-up-pack"].render(s, demo_case_id, OPTIONS)
    with demo_db.session() as s:
        end_case(s, demo_case_id, {"kind": "step_up", "decided_on": "2026-11-30", "reason": "Leo disclosed harm.",
                                   "summary": "Behaviour plan and young carers support.", "manager": "Mark Ellis",
                                   "referral_reference": "MASH-2026-0412"}, user="t", today=TODAY)
    text = render(demo_db, demo_case_id, "step-up-pack", tmp_path)
    for words in ("Why early help is not enough", "Leo disclosed harm.", "What was tried",
                  "Behaviour plan and young carers support.", "MASH-2026-0412", "Assessment summary",
                  "A warm, close family.", "The family plan and how far each action got", "Chronology",
                  "Police called to a domestic incident", "Scaling history", "Distance travelled",
                  "mother of Maja, Leo and Ruby"):
        assert words in text, words


def test_feedback_form_is_child_friendly(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    text = render(demo_db, demo_case_id, "feedback-form", tmp_path, RenderOptions(large_print=True))
    for words in ("How was it for you?", "(Maja, Leo and Ruby)", "Were you treated with respect?",
                  "Did we listen to you?", "Did we help with what mattered to you?", "Not at all", "Yes, a lot",
                  "draw a picture"):
        assert words in text, words
    assert "OFFICIAL-SENSITIVE" not in text and "EH-2026" not in text and "Carter" not in text
