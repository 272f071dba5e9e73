"""The one-line action typed in a meeting understands the user's language's keywords (given by the
UI from the catalogue) as well as English: the due-date word before or after the date, the measure's
words, the Arabic semicolon and digits of other scripts."""

from __future__ import annotations

from datetime import date

import pytest

from tafdesk.i18n.catalog import Sentence
from tafdesk.models.errors import ValidationFailed
from tafdesk.models.services import meetings as M

TODAY = date(2026, 12, 31)
PEOPLE = [M.Candidate("person:b", "Barbara Nowak"), M.Candidate("professional:j", "Jo Bennett")]
POLISH = M.ActionWords(by=("do",), measure=("miara", "jak poznamy"))
URDU = M.ActionWords(by=("تک",), measure=("پیمانہ",))  # the word comes after the date


def test_english_is_understood_with_or_without_the_language_words() -> None:
    for words in (None, POLISH, URDU):
        a = M.parse_action_line("Jo: book the housing appointment by 15/01/2027; measure: letter seen",
                                PEOPLE, TODAY, words)
        assert (a.owner.key, a.description, a.due_on, a.measure) == (
            "professional:j", "Book the housing appointment.", date(2027, 1, 15), "letter seen")


def test_the_language_words_are_understood() -> None:
    a = M.parse_action_line("Barbara: zapisać Maję na basen do 15/01/2027; jak poznamy: karta wpisów",
                            PEOPLE, TODAY, POLISH)
    assert (a.owner.key, a.description, a.due_on, a.measure) == (
        "person:b", "Zapisać Maję na basen.", date(2027, 1, 15), "karta wpisów")
    b = M.parse_action_line("Jo: اسکول کو فون کریں ۱۵/۰۱/۲۰۲۷ تک؛ پیمانہ: خط", PEOPLE, TODAY, URDU)
    assert (b.owner.key, b.description, b.due_on, b.measure) == (
        "professional:j", "اسکول کو فون کریں.", date(2027, 1, 15), "خط")


def test_without_the_language_words_its_keywords_are_not_guessed() -> None:
    with pytest.raises(ValidationFailed) as info:
        M.parse_action_line("Jo: zadzwonić do szkoły do 15/01/2027; miara: x", PEOPLE, TODAY)
    assert info.value.problems["line"] == "Say by when, at the end: “… by 12/01/2027”."


def test_the_hints_name_the_language_words() -> None:
    with pytest.raises(ValidationFailed) as info:
        M.parse_action_line("Jo: zadzwonić wkrótce; miara: x", PEOPLE, TODAY, POLISH)
    hint = info.value.problems["line"]
    assert hint == "Say by when, at the end: “… do 12/01/2027”." and isinstance(hint, Sentence)
    with pytest.raises(ValidationFailed) as info:
        M.parse_action_line("Jo: zadzwonić do 15/01/2027", PEOPLE, TODAY, POLISH)
    assert info.value.problems["line"] == "Add how everyone will know it is done: “; miara: …”."


def test_a_date_written_with_dots_is_understood() -> None:
    ukrainian = M.ActionWords(by=("до",), measure=("мірило",))
    a = M.parse_action_line("Jo: записати Маю до 12.01.2027; мірило: лист", PEOPLE, TODAY, ukrainian)
    assert (a.due_on, a.measure) == (date(2027, 1, 12), "лист")
    b = M.parse_action_line("Jo: book the room by 3.2; measure: booking seen", PEOPLE, TODAY)
    assert b.due_on == date(2027, 2, 3)
