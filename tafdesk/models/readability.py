"""Is this wording easy enough for this child? A reading-age estimate and a warning, offline.

English text is measured with the Flesch-Kincaid grade level (words per sentence and syllables
per word; syllables counted by rule, no dictionary), turned into a reading age (grade + 5, the
usual UK reading). Other languages have no formula here that holds across them, so their text is
measured by sentence length and the share of long words against limits for the child's age band.

The limits are deliberately a little generous: the check warns, it never blocks, and a
professional who knows the child decides. Pure functions, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..i18n.catalog import N_

UNDER_8, AGE_8_12, AGE_13_UP = "under_8", "8_12", "13_up"
BANDS = (UNDER_8, AGE_8_12, AGE_13_UP)
BAND_LABELS = {UNDER_8: N_("Under 8"), AGE_8_12: N_("8 to 12"), AGE_13_UP: N_("13 and over")}

# Per band: the reading age English wording should not go beyond (an under-8 is read to, so 7),
# the longest average sentence in words, and the largest share of long words (other languages).
READING_AGE_LIMIT = {UNDER_8: 7.0, AGE_8_12: None, AGE_13_UP: 12.0}  # None: the child's own age
SENTENCE_WORDS = {UNDER_8: 8.0, AGE_8_12: 12.0, AGE_13_UP: 16.0}
LONG_WORD_SHARE = {UNDER_8: 0.15, AGE_8_12: 0.25, AGE_13_UP: 0.35}
LONG_WORD_LETTERS = 11  # a word of this many letters or more counts as long (other languages)

TOO_HARD = N_("This may be hard for {name} to read: it suits a reading age of about {reading_age}, "
              "and {name} is {age}. Try shorter sentences and everyday words.")
TOO_LONG = N_("This may be hard for {name} to read: the sentences are long for a child of {age}. "
              "Try sentences of {limit} words or fewer.")
TOO_MANY_LONG_WORDS = N_("This may be hard for {name} to read: it has many long words for a child of {age}. "
                         "Try everyday words.")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?;:…。！？؟।]+|\n+")


def age_band(age: int) -> str:
    """The age band that sets a child's plan's tone, layout and reading limits."""
    return UNDER_8 if age < 8 else AGE_8_12 if age <= 12 else AGE_13_UP


@dataclass(frozen=True)
class Reading:
    """What the check found. ``reading_age`` is None where no formula applies (other languages)."""

    words: int
    sentences: int
    words_per_sentence: float
    long_word_share: float
    reading_age: float | None
    too_hard: bool
    warning: str = ""  # a sentence for the professional, "" when the wording is fine

    @property
    def rounded_age(self) -> int | None:
        return None if self.reading_age is None else round(self.reading_age)


def sentences_and_words(text: str) -> tuple[list[list[str]], list[str]]:
    parts = [_WORD.findall(s) for s in _SENTENCE_END.split(text)]
    sentences = [p for p in parts if p]
    return sentences, [w for s in sentences for w in s]


def syllables(word: str) -> int:
    """Syllables in an English word, by rule (vowel groups, silent e, -le, -ed): right for
    most everyday words, which is all a grade estimate needs."""
    w = re.sub(r"[^a-z]", "", word.lower().replace("’", "'").split("'")[0])
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    if re.search(r"[^aeiouy]le$", w):
        count = 1  # "table", "people": the -le is a syllable of its own
        w = w[:-2]
    else:
        count = 0
        w = re.sub(r"(?<=[^aeiouy])(?:e|es|(?<=[^td])ed)$", "", w)  # silent: take, takes, helped
    w = re.sub(r"^y", "", w)
    count += len(re.findall(r"[aeiouy]+", w))
    return max(1, count)


def english_reading_age(sentences: list[list[str]], words: list[str]) -> float:
    """Flesch-Kincaid grade + 5, never below 5 (the youngest age the formula means anything for)."""
    syl = sum(syllables(w) for w in words)
    grade = 0.39 * (len(words) / len(sentences)) + 11.8 * (syl / len(words)) - 15.59
    return max(5.0, grade + 5.0)


def check_wording(text: str, age: int, *, name: str = "", lang: str = "en",
                  translate: Callable[..., str] | None = None) -> Reading:
    """How hard ``text`` is for a child of ``age`` (called ``name`` in the warning), in ``lang``.

    ``translate`` is ``_`` in the app or ``tr(lang)`` in a document; without it the warning is
    English."""
    t = translate or (lambda message, **kw: message.format(**kw))
    who = name or t(N_("the child"))
    band = age_band(age)
    sentences, words = sentences_and_words(text)
    if not words:
        return Reading(0, 0, 0.0, 0.0, None, False)
    per_sentence = len(words) / len(sentences)
    long_share = sum(1 for w in words if len(w) >= LONG_WORD_LETTERS) / len(words)
    if lang.split("-")[0] == "en":
        reading_age = english_reading_age(sentences, words)
        limit = READING_AGE_LIMIT[band]
        limit = float(max(age, 8)) if limit is None else limit
        if round(reading_age) > limit:
            return Reading(len(words), len(sentences), per_sentence, long_share, reading_age, True,
                           t(TOO_HARD, name=who, reading_age=round(reading_age), age=age))
        return Reading(len(words), len(sentences), per_sentence, long_share, reading_age, False)
    if per_sentence > SENTENCE_WORDS[band]:
        warning = t(TOO_LONG, name=who, age=age, limit=int(SENTENCE_WORDS[band]))
    elif long_share > LONG_WORD_SHARE[band] and len(words) >= 4:
        warning = t(TOO_MANY_LONG_WORDS, name=who, age=age)
    else:
        warning = ""
    return Reading(len(words), len(sentences), per_sentence, long_share, None, bool(warning), warning)
