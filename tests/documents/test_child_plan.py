""""My plan": each demo child's own plan, one per age band, read back from the PDF."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from sqlalchemy import select

from tafdesk.documents.child_plan_data import child_plan_data
from tafdesk.documents.registry import RenderOptions, document_kinds
from tafdesk.models.errors import NotFound, TafdeskError
from tafdesk.models.orm import Action, ChildVoice, Person, Restriction
from tafdesk.models.readability import AGE_8_12, AGE_13_UP, UNDER_8
from tafdesk.models.storage import Database

TODAY = date(2026, 12, 1)
KIND = document_kinds()["child-plan"]


def render(s, case_id: str, child: str | None, tmp_path: Path, **kw: object) -> tuple[str, Path]:  # type: ignore[no-untyped-def]
    pdf = KIND.render(s, case_id, RenderOptions(child_id=child, today=TODAY, **kw))  # type: ignore[arg-type]
    path = tmp_path / f"{child or 'all'}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split()), path


def sizes(path: Path) -> set[float]:
    """Sizes (pt) of every character of the body text: the running header and footer and the
    pictures (the icon font's private-use characters) aside."""
    found: set[float] = set()
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            height = page.get_height()
            text = page.get_textpage()
            for i in range(text.count_chars()):
                ch = text.get_text_range(i, 1)
                _left, bottom, _right, top = text.get_charbox(i)
                if not ch.strip() or 0xE000 <= ord(ch[0]) <= 0xF8FF or top > height - 62 or bottom < 57:
                    continue
                found.add(round(pdfium_c.FPDFText_GetFontSize(text.raw, i), 1))
    finally:
        pdf.close()
    return found


@pytest.mark.parametrize(("child", "band", "smallest"), [
    ("Maja", AGE_13_UP, 14.0), ("Leo", AGE_8_12, 16.0), ("Ruby", UNDER_8, 20.0)])
def test_each_child_has_an_easy_read_plan_for_their_age(child: str, band: str, smallest: float, demo_db: Database,
                                                        demo_case_id: str, tmp_path: Path) -> None:
    with demo_db.session() as s:
        data = child_plan_data(s, demo_case_id, child, TODAY)
        assert data.band == band
        text, path = render(s, demo_case_id, child, tmp_path)
    assert "My plan" in text and f"I am {child}." in text
    assert "When we will check" in text and "We will look at my plan again on 31 December 2026." in text
    assert "If I want to talk about my plan, I can ask Sarah." in text
    assert "OFFICIAL-SENSITIVE" not in text  # a child's document: no marking to frighten them
    body = sizes(path)
    assert body and min(body) >= smallest, f"{child}: text as small as {min(body)} pt"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "FontAwesome6Free-Solid" in fonts  # the pictures are drawn from the embedded icon font
    assert all(ln.split()[-5] == "yes" for ln in fonts.splitlines()[2:] if ln.strip())
    if child == "Maja":  # 13+: the agreement, roles and dates
        assert "What I said" in text and "I want to go to drama club again." in text
        assert "What we agreed" in text and "You and Ms Whitfield check in each morning" in text
        assert "Who: Amira: Young Carers Worker, Riverside Young Carers" in text
        assert "Who: Gran" in text and "By 17 December 2026" in text
        assert "Refer Maja" not in text  # the professional's wording stays in the family plan
        assert "Jo comes to our house" not in text  # that is Leo's and Ruby's (their needs), not Maja's
    elif child == "Leo":  # 8-12: where helpers come from, dates, "Dad"
        assert "I like football with Dad." in text
        assert "Who: Daniel from St Mark's Primary School" in text and "Who: Dad" in text
        assert "By 30 November 2026" in text and "Who is helping me" in text
    else:  # under 8: read with a grown-up, no dates, and an observation is not passed off as her words
        assert "A grown-up can read it with me." in text
        assert "What people saw and heard" in text and "What I said" not in text
        assert "Jo comes to our house to help with bedtime" in text and "Jo will help." in text
        assert "By " not in text and "GP review" not in text


def test_large_print_is_larger(demo_db: Database, demo_case_id: str, tmp_path: Path) -> None:
    with demo_db.session() as s:
        _, normal = render(s, demo_case_id, "Maja", tmp_path)
        _, large = render(s, demo_case_id, "Maja", tmp_path / "..", large_print=True)
    assert min(sizes(large)) >= min(sizes(normal)) + 4


def test_every_child_without_a_name_and_withheld_parts_left_out(demo_db: Database, demo_case_id: str,
                                                               tmp_path: Path) -> None:
    with demo_db.session() as s:
        text, _ = render(s, demo_case_id, None, tmp_path)
        assert all(f"I am {n}." in text for n in ("Maja", "Leo", "Ruby"))
        maja = s.scalar(select(Person).where(Person.case_id == demo_case_id, Person.given_name == "Maja"))
        voice = s.scalar(select(ChildVoice).where(ChildVoice.child_id == maja.id))
        drama = s.scalars(select(Action).where(Action.case_id == demo_case_id,
                                               Action.child_friendly == "Babcia takes you to drama club")).all()
        s.add(Restriction(case_id=demo_case_id, entity="child_voices", entity_id=voice.id, field="words",
                          withheld_from_family=True, reason="test"))
        s.add_all([Restriction(case_id=demo_case_id, entity="actions", entity_id=a.id, withheld_from_family=True,
                               reason="test") for a in drama])
        s.flush()
        text, _ = render(s, demo_case_id, "maja nowak", tmp_path)
        assert "I am Maja." in text
        assert "drama club" not in text and "What I said" not in text
        s.add(Restriction(case_id=demo_case_id, entity="people", entity_id=maja.id, withheld_from_family=True,
                          reason="test"))
        s.flush()
        with pytest.raises(TafdeskError, match="not shared with the family"):
            render(s, demo_case_id, "Maja", tmp_path)
        text, _ = render(s, demo_case_id, None, tmp_path)
        assert "Maja" not in text and "I am Leo." in text


def test_a_child_not_in_the_case_is_named_in_the_refusal(demo_db: Database, demo_case_id: str,
                                                         tmp_path: Path) -> None:
    with demo_db.session() as s, pytest.raises(NotFound, match="the children are: Maja, Leo, Ruby"):
        render(s, demo_case_id, "Zofia", tmp_path)


def test_cli_writes_the_childs_plan_and_refuses_in_one_line(tmp_path: Path) -> None:
    from tests.test_cli import one_line_error, run

    db = tmp_path / "a.db"
    assert run("demo", "--db", str(db)).returncode == 0
    out = tmp_path / "leo.pdf"
    r = run("render", "EH-2026-0001", "--db", str(db), "--doc", "child-plan", "--child", "Leo", "--out", str(out))
    assert r.returncode == 0, r.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "I am Leo." in text
    line = one_line_error(run("render", "EH-2026-0001", "--db", str(db), "--doc", "child-plan", "--child", "Zofia",
                              "--out", str(out)))
    assert "no child called 'Zofia'" in line
