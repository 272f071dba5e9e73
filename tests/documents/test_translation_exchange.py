"""Free text to a translator and back: XLIFF export, import into the segment store, translated
documents; hostile and broken files refused with the database unchanged."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tafdesk.documents.registry import RenderOptions, document_kinds
from tafdesk.documents.translation_exchange import export_xliff, import_xliff
from tafdesk.i18n.catalog import tr
from tafdesk.models.errors import ImportRejected
from tafdesk.models.orm import Action, AuditEvent, Base, Outcome, Restriction, TranslatedSegment
from tafdesk.models.storage import Database
from tafdesk.models.xliff import NS

Q = f"{{{NS}}}"
MARK = "[Not yet translated] {text}"


def _export(db: Database, case_id: str, lang: str = "pl") -> bytes:
    with db.session() as s:
        return export_xliff(s, case_id, "plan", lang, user="test")[0]


def _fill(raw: bytes, target: callable, *, every: int = 2) -> tuple[bytes, dict[str, str]]:  # type: ignore[valid-type]
    """Every ``every``-th unit given a target (``target(n, source)``), as a translation tool would."""
    root = ET.fromstring(raw)
    done: dict[str, str] = {}
    for n, unit in enumerate(root.iter(f"{Q}trans-unit")):
        if n % every:
            continue
        text = target(n, unit.find(f"{Q}source").text)
        ET.SubElement(unit, f"{Q}target", {"state": "translated"}).text = text
        done[unit.get("id")] = text
    ET.register_namespace("", NS)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True), done


def _render(db: Database, case_id: str, lang: str, tmp_path: Path, **kw: object) -> str:
    with db.session() as s:
        pdf = document_kinds()["plan"].render(s, case_id, RenderOptions(language=lang, **kw))  # type: ignore[arg-type]
    path = tmp_path / f"plan-{lang}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", out).split())


def _counts(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.name: s.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def _current_actions(s: object, case_id: str) -> list[Action]:
    from tafdesk.models.services.plan import current_plan

    version = current_plan(s, case_id)
    return list(s.scalars(select(Action).join(Outcome).where(Outcome.plan_version_id == version.id)
                          .order_by(Outcome.position, Action.position)))


def _units(raw: bytes) -> list[ET.Element]:
    return list(ET.fromstring(raw).iter(f"{Q}trans-unit"))


def test_export_is_xliff_1_2_with_one_unit_per_segment(demo_db: Database, demo_case_id: str) -> None:
    raw = _export(demo_db, demo_case_id)
    root = ET.fromstring(raw)
    assert root.tag == f"{Q}xliff" and root.get("version") == "1.2"
    file = root.find(f"{Q}file")
    assert file.get("source-language") == "en-GB" and file.get("target-language") == "pl"
    units = _units(raw)
    sources = [u.find(f"{Q}source").text for u in units]
    assert len(units) > 20 and len(set(sources)) == len(sources)  # each sentence once
    with demo_db.session() as s:
        first = s.scalars(select(Action).where(Action.case_id == demo_case_id)).first()
    assert any(src == first.description for src in sources) or first.description not in sources
    import hashlib

    for u in units:
        assert u.get("id") == hashlib.sha256(u.find(f"{Q}source").text.encode()).hexdigest()
        assert u.find(f"{Q}target") is None and u.find(f"{Q}note").text  # says where it comes from
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "translation_export")) == 1


def test_round_trip_shows_translations_and_marks_the_rest(demo_db: Database, demo_case_id: str,
                                                          tmp_path: Path) -> None:
    raw = _export(demo_db, demo_case_id)
    filled, done = _fill(raw, lambda n, src: f"PLTEKST{n}")
    with demo_db.session() as s:
        report = import_xliff(s, filled, translator="Anna Kowalska", translated_on=date(2026, 11, 20), user="test")
    total = len(_units(raw))
    assert report.imported == len(done) and not report.problems and report.empty == total - len(done)
    text = _render(demo_db, demo_case_id, "pl", tmp_path)
    marker = tr("pl")(MARK, text="").strip()
    for token in done.values():
        assert re.search(rf"\b{token}\b", text), token
    untranslated = [u.find(f"{Q}source").text for u in _units(raw) if u.get("id") not in done]
    assert text.count(marker) == len(untranslated)  # every other segment still visibly marked
    with demo_db.session() as s:
        rows = s.scalars(select(TranslatedSegment).where(TranslatedSegment.case_id == demo_case_id)).all()
        assert {r.source_hash for r in rows} == set(done)
        assert {(r.translator, r.translated_on, r.lang) for r in rows} == {("Anna Kowalska", date(2026, 11, 20), "pl")}
        assert len({r.imported_in for r in rows}) == 1
        assert s.scalar(select(func.count()).select_from(AuditEvent)
                        .where(AuditEvent.action == "translation_import")) == 1
    again = _export(demo_db, demo_case_id)  # the translator sees what is done
    targets = {u.get("id"): u.find(f"{Q}target") for u in _units(again)}
    assert all(targets[i] is not None and targets[i].text == t and targets[i].get("state") == "translated"
               for i, t in done.items())
    with demo_db.session() as s:  # the same file again changes nothing
        assert import_xliff(s, filled, translator="Anna Kowalska", user="test").unchanged == len(done)
    english = _render(demo_db, demo_case_id, "pl", tmp_path, bilingual=True)
    assert "PLTEKST0" in english and untranslated[0].split()[0] in english  # English and translation


def test_arabic_untranslated_english_is_its_own_left_to_right_paragraph(demo_db: Database, demo_case_id: str,
                                                                       tmp_path: Path) -> None:
    from tafdesk.documents.isolates import Stack
    from tafdesk.documents.plan import plan_story
    from tafdesk.documents.redaction import redact_plan, redaction
    from tafdesk.documents.scripttext import ScriptParagraph
    from tafdesk.models.disclosure import FAMILY
    from tafdesk.models.services.plan import current_plan, plan_dto
    from tafdesk.models.translation import segments_for

    raw = _export(demo_db, demo_case_id, "ar")
    filled, done = _fill(raw, lambda n, src: f"ترجمة النص رقم {n}")
    with demo_db.session() as s:
        import_xliff(s, filled, translator="Huda", user="test")
    with demo_db.session() as s:
        plan = redact_plan(plan_dto(s, current_plan(s, demo_case_id).id), redaction(s, demo_case_id, FAMILY))
        story = plan_story(plan, "ar", segments_for(s, demo_case_id, "ar"))
    english_sources = {u.find(f"{Q}source").text.rstrip(". ") for u in _units(raw) if u.get("id") not in done}
    stacks = [f for f in story if isinstance(f, Stack)]
    assert len(stacks) >= 3, "untranslated headings and lists are split into Arabic and English paragraphs"
    for stack in stacks:
        for part in stack.parts:
            plain = part.getPlainText().strip()
            assert "\u2066" not in plain and "\u2069" not in plain
            if isinstance(part, ScriptParagraph) and part.base == "rtl":
                assert not plain.startswith((".", ";")) and not plain.endswith(".")  # no stray full stop
            else:  # an English sentence, whole, with its own punctuation
                assert plain.rstrip(".;") in english_sources, plain
    text = _render(demo_db, demo_case_id, "ar", tmp_path)
    for token in done.values():
        assert unicodedata.normalize("NFKC", token).split()[-1] in text


def test_an_edited_english_sentence_is_no_longer_translated(demo_db: Database, demo_case_id: str,
                                                           tmp_path: Path) -> None:
    raw = _export(demo_db, demo_case_id)
    filled, _done = _fill(raw, lambda n, src: f"PLTEKST{n}", every=1)
    with demo_db.session() as s:
        import_xliff(s, filled, translator="Anna", user="test")
    marker = tr("pl")(MARK, text="").strip()
    assert marker not in _render(demo_db, demo_case_id, "pl", tmp_path)
    with demo_db.session() as s:
        action = next(a for a in _current_actions(s, demo_case_id) if a.description.startswith("Refer Maja"))
        old = action.description
        action.description = old + " This week."
    text = _render(demo_db, demo_case_id, "pl", tmp_path)
    assert text.count(marker) == 1 and "This week." in text
    with demo_db.session() as s:
        report = import_xliff(s, filled, translator="Anna", user="test")
    assert report.imported == 0 and len(report.problems) == 1 and "changed" in report.problems[0]
    fresh = {u.find(f"{Q}source").text: u.find(f"{Q}target") for u in _units(_export(demo_db, demo_case_id))}
    assert fresh[old + " This week."] is None


def test_withheld_text_never_goes_to_the_translator(demo_db: Database, demo_case_id: str) -> None:
    with demo_db.session() as s:
        actions = _current_actions(s, demo_case_id)
        whole, field = actions[0], actions[1]
        assert field.measure and len({a.description for a in actions}) == len(actions)
        s.add(Restriction(case_id=demo_case_id, entity="actions", entity_id=whole.id, field=None,
                          reason="test", withheld_from_family=True))
        s.add(Restriction(case_id=demo_case_id, entity="actions", entity_id=field.id, field="measure",
                          reason="test", withheld_from_family=True))
        secret = [whole.description, field.measure]
    raw = _export(demo_db, demo_case_id).decode()
    for text in secret:
        assert text and text not in raw


@pytest.mark.parametrize("name, doc, expect", [
    ("xxe", ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            f'<xliff version="1.2" xmlns="{NS}"><file>&e;</file></xliff>'), "DTD"),
    ("billion laughs", ('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                       '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><xliff>&c;</xliff>'), "DTD"),
    ("not xliff", "<html><body/></html>", "not an XLIFF"),
    ("xliff 2", '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"/>', "XLIFF 1.2"),
    ("empty", "", "empty"),
    ("not xml", "hello, translator", "not well-formed"),
])
def test_hostile_and_foreign_files_are_refused(demo_db: Database, name: str, doc: str, expect: str) -> None:
    before = _counts(demo_db)
    with demo_db.session() as s, pytest.raises(ImportRejected, match=expect):
        import_xliff(s, doc.encode(), translator="A", user="test")
    assert _counts(demo_db) == before


def _edit(raw: bytes, old: str, new: str) -> bytes:
    text = raw.decode()
    assert old in text
    return text.replace(old, new, 1).encode()


def test_broken_files_are_refused_with_one_line_and_change_nothing(demo_db: Database, demo_case_id: str) -> None:
    raw, _ = _fill(_export(demo_db, demo_case_id), lambda n, src: f"T{n}")
    before = _counts(demo_db)
    cases = {
        "truncated": (raw[: len(raw) // 2], "not well-formed"),
        "unknown language": (_edit(raw, 'target-language="pl"', 'target-language="xx"'), "no family documents"),
        "english target": (_edit(raw, 'target-language="pl"', 'target-language="en"'), "no family documents"),
        "other source language": (_edit(raw, 'source-language="en-GB"', 'source-language="de"'), "English"),
        "foreign document": (_edit(raw, 'original="tafdesk/', 'original="other/'), "which tafdesk document"),
        "unknown case": (re.sub(rb'original="tafdesk/[^/]+/', b'original="tafdesk/0000-missing/', raw), "not in this"),
    }
    for label, (bad, expect) in cases.items():
        with demo_db.session() as s, pytest.raises(ImportRejected, match=expect):
            import_xliff(s, bad, translator="A", user="test")
        assert _counts(demo_db) == before, label
        with demo_db.session() as s, pytest.raises(ImportRejected):
            import_xliff(s, raw, translator="  ", user="test")


def test_unknown_ids_markup_and_controls_are_reported_not_imported(demo_db: Database, demo_case_id: str) -> None:
    raw = _export(demo_db, demo_case_id)
    root = ET.fromstring(raw)
    units = list(root.iter(f"{Q}trans-unit"))
    units[0].set("id", "f" * 64)  # not a source in the case
    ET.SubElement(units[0], f"{Q}target").text = "Nieznane"
    ph = ET.SubElement(units[1], f"{Q}target")
    ph.text = "Tekst "
    ET.SubElement(ph, f"{Q}x", {"id": "1"})
    ET.SubElement(units[2], f"{Q}target").text = "Tekst \u202e odwrócony"
    ET.SubElement(units[3], f"{Q}target").text = "<b>Pogrubione</b> {family} & więcej"
    ET.SubElement(units[4], f"{Q}target").text = "   "
    ET.SubElement(units[5], f"{Q}target").text = units[5].find(f"{Q}source").text  # copied English
    g = ET.SubElement(units[6], f"{Q}target")
    g.text = "Część "
    ET.SubElement(g, f"{Q}mrk", {"mtype": "seg", "mid": "0"}).text = "z segmentem"
    ET.register_namespace("", NS)
    with demo_db.session() as s:
        report = import_xliff(s, ET.tostring(root, encoding="utf-8"), translator="A", user="test")
    assert report.imported == 2 and report.same_as_english == 1
    assert report.empty == len(units) - 7 + 1  # units left without a target, and the blank one
    assert len(report.problems) == 3
    assert any("no longer in the document" in p for p in report.problems)
    assert any("placeholder" in p for p in report.problems)
    assert any("direction" in p for p in report.problems)
    with demo_db.session() as s:
        kept = set(s.scalars(select(TranslatedSegment.translation)))
    assert kept == {"<b>Pogrubione</b> {family} & więcej", "Część z segmentem"}


def test_translations_travel_with_the_case_file(demo_db: Database, demo_case_id: str, tmp_path: Path,
                                                passphrase: str) -> None:
    from tafdesk.models.services.transfer import export_json, import_case
    from tafdesk.models.storage import open_database

    filled, done = _fill(_export(demo_db, demo_case_id), lambda n, src: f"PLTEKST{n}")
    with demo_db.session() as s:
        import_xliff(s, filled, translator="Anna", user="test")
        first = export_json(s, demo_case_id, user="test")
    other = open_database(db_path=tmp_path / "o" / "o.db", passphrase=passphrase, create=True)
    try:
        with other.session() as s:
            ref = import_case(s, first.encode(), user="test").reference
        with other.session() as s:
            assert export_json(s, ref, user="test") == first
    finally:
        other.close()
    assert first.count('"source_hash"') == len(done)


def test_cli_export_and_import(demo_db: Database, demo_case_id: str, db_path: Path, passphrase: str,
                               tmp_path: Path) -> None:
    demo_db.close()
    env = {"TAFDESK_PASSPHRASE": passphrase, "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tafdesk", "--db", str(db_path), "xliff", *args],
                              check=False, capture_output=True, text=True, env=env, timeout=120)

    out = tmp_path / "plan-pl.xlf"
    done = run("export", "EH-2026-0001", "--doc", "plan", "--lang", "pl", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "segments" in done.stdout and out.stat().st_mode & 0o077 == 0
    filled, translated = _fill(out.read_bytes(), lambda n, src: f"PLTEKST{n}")
    (tmp_path / "done.xlf").write_bytes(filled)
    done = run("import", str(tmp_path / "done.xlf"), "--translator", "Anna Kowalska", "--date", "2026-11-20")
    assert done.returncode == 0, done.stderr
    assert f"{len(translated)} translations imported" in done.stdout
    (tmp_path / "bad.xlf").write_bytes(filled[:200])
    bad = run("import", str(tmp_path / "bad.xlf"), "--translator", "A")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    wrong = run("export", "EH-2026-0001", "--doc", "closure-summary", "--lang", "pl", "--out", str(out))
    assert wrong.returncode == 1 and "not made in the family's language" in wrong.stderr


@pytest.mark.parametrize("doc, meeting", [("minutes", 1), ("assessment", None)])
def test_other_family_documents_export_and_show_translations(demo_db: Database, demo_case_id: str, tmp_path: Path,
                                                             doc: str, meeting: int | None) -> None:
    with demo_db.session() as s:
        raw = export_xliff(s, demo_case_id, doc, "pl", user="test", meeting_number=meeting)[0]
    filled, done = _fill(raw, lambda n, src: f"PLTEKST{n}")
    assert done
    with demo_db.session() as s:
        assert import_xliff(s, filled, translator="Anna", user="test").imported == len(done)
        options = RenderOptions(language="pl", meeting_number=meeting) if meeting else RenderOptions(language="pl")
        pdf = document_kinds()[doc].render(s, demo_case_id, options)
    (tmp_path / "d.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert all(re.search(rf"\b{t}\b", text) for t in done.values())
    assert tr("pl")(MARK, text="").strip() in " ".join(text.split())  # the rest still marked


def test_a_withheld_value_inside_free_text_is_not_exported(demo_db: Database, demo_case_id: str) -> None:
    from tafdesk.models.orm import Household

    with demo_db.session() as s:
        home = s.scalars(select(Household).where(Household.case_id == demo_case_id, Household.is_main)).first()
        s.add(Restriction(case_id=demo_case_id, entity="households", entity_id=home.id, field="address",
                          reason="test", withheld_from_family=True))
        action = _current_actions(s, demo_case_id)[0]
        action.description = f"Meet at {home.address} every Monday."
        secret = home.address.split(",")[0]
    raw = _export(demo_db, demo_case_id).decode()
    assert secret not in raw


@pytest.mark.parametrize("doc", ["closure-letter", "child-plan"])
def test_closure_letter_and_child_plan_export_and_show_translations(demo_db: Database, demo_case_id: str,
                                                                    tmp_path: Path, doc: str) -> None:
    from tafdesk.documents.child_plan_data import children_for_menu
    from tafdesk.models.services.endings import end_case

    with demo_db.session() as s:
        child = name = None
        if doc == "closure-letter":
            end_case(s, demo_case_id, {"kind": "closure", "decided_on": date.today().isoformat(),
                                       "reason": "Maja is back in school every day.",
                                       "continuing_service": "Riverside Academy"}, user="test", today=date.today())
        else:
            child, name = children_for_menu(s, demo_case_id)[-1]  # the youngest: the most pictures, fewest words
        raw = export_xliff(s, demo_case_id, doc, "pl", user="test", child_id=name)[0]  # as typed: "Ruby Nowak"
    units = _units(raw)
    assert ET.fromstring(raw).find(f"{Q}file").get("original").endswith(f"/{doc}" + (f"/child-{child}" if child else ""))
    notes = " ".join(u.find(f"{Q}note").text for u in units)
    sources = [u.find(f"{Q}source").text for u in units]
    if doc == "closure-letter":  # the letter's own sentences and the final plan, each said where from
        assert "Maja is back in school every day." in sources and "Closure letter: why early help ended" in notes
        assert "Final plan, outcome 1, action 1" in notes
    else:
        assert "My plan for" in notes and "step 1" in notes
    filled, done = _fill(raw, lambda n, src: f"PLTEKST{n}")
    assert done
    with demo_db.session() as s:
        assert import_xliff(s, filled, translator="Anna", user="test").imported == len(done)
        pdf = document_kinds()[doc].render(s, demo_case_id, RenderOptions(language="pl", child_id=child))
    (tmp_path / "d.pdf").write_bytes(pdf)
    text = " ".join(subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert all(re.search(rf"\b{t}\b", text) for t in done.values())
    marker = tr("pl")(MARK, text="").strip()
    assert text.count(marker) == len(units) - len(done)  # the rest still marked, nothing else


def test_the_app_imports_only_into_the_open_case(demo_db: Database, demo_case_id: str) -> None:
    filled, _done = _fill(_export(demo_db, demo_case_id), lambda n, src: f"PLTEKST{n}")
    before = _counts(demo_db)
    with demo_db.session() as s, pytest.raises(ImportRejected, match="another case .EH-2026-0001."):
        import_xliff(s, filled, translator="Anna", user="test", case_id="some-other-case")
    assert _counts(demo_db) == before
