"""Suggested child-friendly wording and helpers named as the child knows them."""

from __future__ import annotations

from tafdesk.models.child_wording import Helper, known_name, suggest_wording
from tafdesk.models.pictures import BY_KEY, chosen_or_suggested, suggest_topic
from tafdesk.models.readability import AGE_8_12, AGE_13_UP, UNDER_8, check_wording

MAJA = Helper("Maja Nowak", "Maja", is_child=True)
LEO = Helper("Leo Carter", "Leo", is_child=True)
MUM = Helper("Agnieszka Nowak", "Agnieszka", "mother")
GRAN = Helper("Barbara Nowak", "Barbara", "maternal grandmother")
DAD = Helper("Dean Carter", "Dean", "father")
FAMILY = (MUM, GRAN, DAD)


def test_people_are_named_as_the_child_knows_them() -> None:
    assert [known_name(h) for h in (MUM, DAD, GRAN, MAJA)] == ["Mum", "Dad", "Gran", "Me"]
    assert known_name(Helper("Barbara Nowak", "Barbara", "maternal grandmother", known_as="Babcia")) == "Babcia"
    assert known_name(Helper("Sam Lee", "Sam", "mother's partner")) == "Sam"
    assert known_name(Helper("Dr Priya Shah", role="Health Visitor")) == "Priya"
    assert known_name(MUM, lambda m, **kw: {"Mum": "Mama"}.get(m, m)) == "Mama"


def test_suggestion_puts_the_helper_first_and_the_child_as_me() -> None:
    s = suggest_wording("Take Maja to drama club on Thursdays.", AGE_13_UP, child=MAJA, owner=GRAN, family=FAMILY)
    assert s == "Gran will take me to drama club on Thursdays."
    s = suggest_wording("Help Agnieszka complete and submit the housing register application.", AGE_8_12,
                        child=LEO, owner=Helper("Jo Bennett"), family=FAMILY)
    assert s == "Jo will help Mum finish and send the housing list form."


def test_younger_children_get_fewer_and_shorter_sentences() -> None:
    text = "Keep to the agreed contact schedule and bring Leo back by 5pm; phone Mum when you set off."
    older = suggest_wording(text, AGE_13_UP, child=LEO, owner=DAD, family=FAMILY)
    middle = suggest_wording(text, AGE_8_12, child=LEO, owner=DAD, family=FAMILY)
    young = suggest_wording(text, UNDER_8, child=LEO, owner=DAD, family=FAMILY)
    assert older.count(".") == 2 and "when you set off" in older
    assert middle.count(".") == 2 and "when" not in middle
    assert young == "Dad will keep to the agreed contact plan."
    assert len(young) < len(middle) < len(older) + 1
    for band_text, age in ((young, 5), (middle, 10)):
        assert not check_wording(band_text, age).too_hard, band_text


def test_a_noun_phrase_becomes_a_sentence() -> None:
    s = suggest_wording("Daily attendance check-in with Maja's form tutor.", AGE_13_UP, child=MAJA,
                        owner=Helper("Sarah Whitfield"), family=FAMILY)
    assert s == "We will have a daily check-in with my tutor."
    s = suggest_wording("Weekly home visits to set up routines.", AGE_8_12, child=LEO, owner=None)
    assert s == "We will have weekly home visits to set up routines."


def test_topic_pictures_are_suggested_from_words_and_areas() -> None:
    assert suggest_topic("Take Maja to drama club on Thursdays.") == "play"
    assert suggest_topic("Book a GP review of medication.") == "health"
    assert suggest_topic("Weekly home visits to set up morning and bedtime routines.") == "routine"
    assert suggest_topic("Daily attendance check-in with the form tutor; agree a plan for mornings.",
                         ["good_education"]) == "school"
    assert suggest_topic("Something nobody planned for.") == "help"
    assert chosen_or_suggested("sleep", "Take Maja to drama club") == "sleep"
    assert chosen_or_suggested("no-such-topic", "Take Maja to drama club") == "play"
    assert all(len(t.glyph) == 1 and 0xE000 <= ord(t.glyph) <= 0xF8FF for t in BY_KEY.values())


def test_every_picture_is_in_the_shipped_icon_font() -> None:
    from reportlab.pdfbase.ttfonts import TTFont
    from tafdesk.resources import resource_path

    from tafdesk.models.pictures import FONT_FILE, SECTIONS

    cmap = TTFont("check-icons", str(resource_path("fonts", FONT_FILE))).face.charToGlyph
    assert all(ord(g) in cmap for g in [t.glyph for t in BY_KEY.values()] + list(SECTIONS.values()))
