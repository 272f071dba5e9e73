"""Topic pictures for a child's own plan: one icon set, drawn by the app and embedded in the PDF.

Each topic is a glyph of Font Awesome Free 6 (solid), the same font file qtawesome ships, kept in
``resources/fonts/FontAwesome6Free-Solid.ttf`` (SIL Open Font License 1.1). The PDF registers it
as an ordinary TrueType font and draws the glyph; the app loads the same file into Qt and paints
the same glyph (``ui/pictures.py``), so the picture a professional chooses is the one the child sees.

An action's topic is either chosen in the plan editor (``Action.picture``) or suggested here from
the action's words and the outcome areas of the needs it answers. No Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n.catalog import N_

FONT_FILE = "FontAwesome6Free-Solid.ttf"


@dataclass(frozen=True)
class Topic:
    key: str
    label: str  # English, marked N_; shown through _() / tr(lang)
    glyph: str  # the character in the icon font
    words: tuple[str, ...] = ()  # word stems that suggest this topic
    areas: tuple[str, ...] = ()  # national outcome areas (vocab.OutcomeArea values) that suggest it


TOPICS: tuple[Topic, ...] = (
    Topic("school", N_("School"), "\uf549",
          ("school", "attend", "class", "teacher", "tutor", "lesson", "homework", "senco", "year ", "learn",
           "nursery", "college", "read", "exam"), ("good_education", "early_years_development")),
    Topic("health", N_("Health"), "\uf21e",
          ("health", "doctor", "gp ", "gp'", "medic", "nurse", "dentist", "hospital", "adhd", "assessment of",
           "weigh", "check-up", "clinic", "therap"), ("mental_physical_health", "reduced_substance_harm")),
    Topic("feelings", N_("Feelings"), "\uf118",
          ("feel", "worr", "anxi", "cross", "angry", "calm", "sad", "upset", "mood", "wellbeing", "emotion",
           "confiden", "cope", "counsel", "talk about")),
    Topic("home", N_("Home"), "\uf015",
          ("home", "house", "housing", "bedroom", "room", "tidy", "flat", "move"), ("secure_housing",)),
    Topic("family", N_("Family time"), "\ue533",
          ("family", "contact", "visit dad", "visit mum", "see dad", "see mum", "together", "weekend",
           "brother", "sister", "gran", "babcia", "nan "), ("family_relationships",)),
    Topic("friends", N_("Friends"), "\uf500", ("friend", "club", "group", "young carers", "mates", "peer")),
    Topic("play", N_("Play and fun"), "\uf12e",
          ("play", "drama", "football", "sport", "swim", "fun", "game", "toy", "doll", "park", "hobby", "music",
           "art ")),
    Topic("sleep", N_("Sleep"), "\uf236", ("sleep", "bed", "night", "tired", "rest")),
    Topic("food", N_("Food"), "\uf2e7", ("food", "eat", "meal", "breakfast", "lunch", "dinner", "cook", "snack")),
    Topic("routine", N_("Routines"), "\uf274", ("routine", "morning", "every day", "daily", "chart", "rules",
                                               "timetable", "on time")),
    Topic("safety", N_("Staying safe"), "\ue574",
          ("safe", "danger", "shout", "hurt", "abuse", "online", "police", "protect"),
          ("safe_from_abuse_exploitation", "safe_from_domestic_abuse", "crime_prevention")),
    Topic("money", N_("Money"), "\uf154", ("money", "benefit", "debt", "bill", "budget", "pay", "food bank"),
          ("financial_stability",)),
    Topic("talking", N_("Talking and listening"), "\uf086",
          ("talk", "listen", "meet", "check in", "check-in", "tell", "say")),
    Topic("help", N_("Help"), "\uf4c4", ("help", "support", "refer", "worker")),
)
BY_KEY = {t.key: t for t in TOPICS}
# Pictures of the parts of a child's plan (not choosable for an action).
SECTIONS = {"me": "\ue59d", "said": "\uf075", "helpers": "\ue4fa", "check": "\uf274"}
DEFAULT = "help"


def topic(key: str) -> Topic:
    """The topic called ``key`` (the default picture for an unknown or empty key)."""
    return BY_KEY.get(key) or BY_KEY[DEFAULT]


def suggest_topic(text: str, outcome_areas: Iterable[str] = ()) -> str:
    """The topic that best fits an action: its words count most, then the outcome areas of the
    needs it answers; "help" when nothing fits. Each fitting word counts, an earlier one a
    little more, so "Take Maja to drama club" is play rather than friends."""
    words = " " + re.sub(r"\s+", " ", text.lower()) + " "
    best, best_score = DEFAULT, 0.0
    areas = set(outcome_areas)
    for t in TOPICS:
        score = 0.0
        for stem in t.words:
            at = words.find(stem)
            if at >= 0:  # each word that fits counts; an earlier one a little more
                score += 1.0 + 0.3 * (1 - at / len(words))
        if areas & set(t.areas):
            score += 0.5
        if t.key == DEFAULT:
            score *= 0.5  # "help" and "support" are in almost every action: only when nothing else fits
        if score > best_score:
            best, best_score = t.key, score
    return best


def glyph(key: str) -> str:
    """The character drawing a topic or a part of the plan (the default picture if unknown)."""
    return SECTIONS.get(key) or topic(key).glyph


def chosen_or_suggested(picture: str, text: str, outcome_areas: Iterable[str] = ()) -> str:
    """The action's chosen picture, or the suggested one when it has none (or an unknown key)."""
    return picture if picture in BY_KEY else suggest_topic(text, outcome_areas)
