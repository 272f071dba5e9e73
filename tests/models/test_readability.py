"""The reading-age check: easy wording passes, hard wording is flagged with a sentence that says why."""

from __future__ import annotations

import pytest

from tafdesk.models.readability import (
    AGE_8_12,
    AGE_13_UP,
    UNDER_8,
    age_band,
    check_wording,
    syllables,
)


@pytest.mark.parametrize(("word", "count"), [
    ("cat", 1), ("school", 1), ("table", 2), ("people", 2), ("takes", 1), ("helped", 1), ("wanted", 2),
    ("routine", 2), ("assessment", 3), ("medication", 4), ("multidisciplinary", 7)])
def test_syllables_of_everyday_words(word: str, count: int) -> None:
    assert syllables(word) == count


def test_age_bands() -> None:
    assert [age_band(a) for a in (3, 7, 8, 12, 13, 17)] == [UNDER_8, UNDER_8, AGE_8_12, AGE_8_12, AGE_13_UP, AGE_13_UP]


@pytest.mark.parametrize(("text", "age"), [
    ("Gran takes me to drama club.", 14),
    ("The same three rules at home and school.", 9),
    ("I go to nursery. I play with my doll.", 3),
    ("Dad brings me home by 5.", 9),
])
def test_easy_wording_passes(text: str, age: int) -> None:
    r = check_wording(text, age, name="Leo")
    assert not r.too_hard and r.warning == ""
    assert r.reading_age is not None and r.reading_age <= max(age, 8)


@pytest.mark.parametrize(("text", "age"), [
    ("The multidisciplinary assessment necessitates comprehensive documentation of developmental milestones.", 9),
    ("Refer Maja to Riverside Young Carers and agree a young carer's assessment.", 14),
    ("Daily attendance check-in with the form tutor; agree a plan for mornings when Mum is unwell.", 6),
])
def test_hard_wording_is_flagged_with_its_reading_age(text: str, age: int) -> None:
    r = check_wording(text, age, name="Maja")
    assert r.too_hard
    assert r.rounded_age is not None and r.rounded_age > min(age, 12)
    assert r.warning.startswith("This may be hard for Maja to read")
    assert f"reading age of about {r.rounded_age}" in r.warning and f"Maja is {age}" in r.warning


def test_the_same_words_suit_an_older_child_better() -> None:
    text = "Sarah will check in with me each morning before lessons start."
    assert check_wording(text, 3).too_hard
    assert not check_wording(text, 14).too_hard


def test_other_languages_use_sentence_and_word_length() -> None:
    easy = check_wording("Codziennie rano rozmawiam z wychowawczynią.", 9, lang="pl", name="Maja")
    assert easy.reading_age is None and not easy.too_hard
    hard = check_wording("Współpraca międzyinstytucjonalna obejmuje kompleksową diagnozę rozwojową dziecka oraz "
                         "systematyczne konsultacje specjalistyczne.", 9, lang="pl", name="Maja")
    assert hard.too_hard and "long words" in hard.warning
    long = check_wording("Babcia i mama i tata i Leo i ja pojedziemy razem do parku w sobotę i zjemy lody.", 5,
                         lang="pl")
    assert long.too_hard and "8 words or fewer" in long.warning


def test_warning_goes_through_the_given_translation() -> None:
    seen: list[str] = []

    def t(message: str, **kw: object) -> str:
        seen.append(message)
        return "X " + message.format(**kw)

    r = check_wording("Comprehensive multidisciplinary documentation necessitates consideration.", 8, translate=t)
    assert r.warning.startswith("X This may be hard for X the child")
    assert any("{reading_age}" in m for m in seen)


def test_empty_text_is_not_a_problem() -> None:
    r = check_wording("  ", 9)
    assert r.words == 0 and not r.too_hard and r.warning == ""
