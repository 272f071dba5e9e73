"""The words of a document for the family, in the family's language.

Fixed text is marked ``N_`` where it is declared and translated here (``FamilyText(lang)(msg)``).
Free text the professional wrote (notes, needs, goals, outcomes) goes through ``free_text``, the
one place where it is turned into the family's language: until a translator has translated it, it
stays in English and is visibly marked as not yet translated, never passed off as translated.

``interleave`` puts English and the family's language together paragraph by paragraph; ``once``
marks a flowable that says the same in both (a picture, a space, a page break) so it appears once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from babel.core import UnknownLocaleError
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from ..i18n.catalog import N_, babel_locale, tr
from ..i18n.scripts import direction
from ..models import vocab as v
from ..models.translation import Segments, Where, translate_free
from .base import PageInfo
from .isolates import isolate_ltr

_RELATIONSHIPS = {label.casefold(): label for label in v.RELATIONSHIP_LABELS}


def free_text(lang: str, text: str, segments: Segments | None = None, where: Where | None = None,
              scrub: Callable[[str], str] | None = None) -> str:
    """Free text written by a professional, as the family's copy in ``lang`` shows it: the
    translator's translation from ``segments`` (``models.translation.segments_for``), or the
    English visibly marked as not yet translated. In a right-to-left language the English is
    isolated so that it is laid out as its own left-to-right paragraph (``isolates``). ``scrub``
    (``Redaction.text``) takes withheld values out first, so that the English looked up, and sent to
    a translator, is the English the copy shows."""
    text = scrub(text) if scrub is not None and text else text
    shown, translated = translate_free(segments, lang, text, where)
    if translated:
        return shown
    english = isolate_ltr(text.strip()) if direction(lang) == "rtl" else text
    return tr(lang)(N_("[Not yet translated] {text}"), text=english)


class FamilyText:
    """One language's words for a family document: fixed text translated, free text marked."""

    def __init__(self, lang: str = "en", segments: Segments | None = None,
                 scrub: Callable[[str], str] | None = None) -> None:
        self.lang = lang or "en"
        self.t = tr(self.lang)
        self.segments = segments
        self.scrub = scrub

    def __call__(self, message: str, **values: object) -> str:
        return self.t(message, **values)

    def free(self, text: str, where: Where | None = None) -> str:
        return free_text(self.lang, text, self.segments, where, self.scrub)

    def day(self, day: date | None, fmt: str = "long") -> str:
        return self.t.day(day, fmt) if day else self.t(N_("not set"))

    def time(self, moment: datetime) -> str:
        from babel.dates import format_time

        try:
            return format_time(moment, "short", locale=babel_locale(self.lang))
        except (UnknownLocaleError, ValueError):  # a locale babel does not know
            return moment.strftime("%H:%M")

    def names(self, names: Sequence[str]) -> str:
        """"Maja, Leo and Ruby" as the language lists things (CLDR list patterns)."""
        from babel.lists import format_list

        if not names:
            return ""
        try:
            return format_list(list(names), locale=babel_locale(self.lang))
        except (UnknownLocaleError, ValueError):
            return format_list(list(names), locale="en_GB")

    def label(self, table: dict, value: str | None, default: str = "") -> str:  # type: ignore[type-arg]
        """The words of a stored vocabulary value (unknown values as they are)."""
        if not value:
            return default
        return self.t(table[value]) if value in table else value

    def status(self, status: str, rag: str | None) -> str:
        words = self.label(v.ACTION_STATUS_LABELS, status)
        if rag in v.RAG_LABELS:
            return self.t(N_("{status} ({colour})"), status=words, colour=self.t(v.RAG_LABELS[rag]))  # type: ignore[index]
        return words

    def relationship(self, label: str) -> str:
        """A relationship typed on the record ("mother"): translated when it is one of the usual
        words, otherwise free text."""
        known = _RELATIONSHIPS.get(label.strip().casefold())
        return self.t(known) if known else self.free(label)

    def page_info(self, title: str, family_name: str, reference: str = "", *, today: date | None = None,
                  marking: str | None = None) -> PageInfo:
        """The running header and footer in this language; ``family_name`` "" leaves the family out."""
        kw = {} if marking is None else {"marking": marking}
        return PageInfo(self.t(title), self.t(N_("{family} family"), family=family_name) if family_name else "",
                        reference, produced_on=today, lang=self.lang,
                        produced_text=self.t(N_("Produced {date}"), date=self.t.day(today)) if today else "",
                        page_text=self.t(N_("Page {page} of {pages}")), **kw)


def once(flowable: Flowable) -> Flowable:
    """Mark a flowable that ``interleave`` should show once, not once per language."""
    flowable._tafdesk_once = True  # type: ignore[attr-defined]
    return flowable


_SAME = (Spacer, PageBreak, CondPageBreak)


def interleave(story_in: Callable[[str], list[Flowable]], lang: str) -> list[Flowable]:
    """English and ``lang``, paragraph by paragraph: both read the same page. ``story_in`` builds
    the document in one language; both builds must have the same shape. A flowable marked ``once``
    (or a space or page break) is taken from the family's language only."""
    if lang == "en":
        return story_in("en")
    english, other = story_in("en"), story_in(lang)
    story: list[Flowable] = []
    for a, b in zip(english, other, strict=True):
        story += [b] if isinstance(b, _SAME) or getattr(b, "_tafdesk_once", False) else [a, b]
    return story
