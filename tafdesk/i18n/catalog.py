"""One gettext catalogue for the fixed text of documents (and, later, the UI), per language.

Sources are the ``.po`` files in ``resources/locale/<lang>/LC_MESSAGES/tafdesk.po`` (human
readable and reviewable); they are compiled in memory on first use, so no binary is committed.
Messages are whole sentences with named placeholders (``{family}``), never fragments; a test
fails when a shipped catalogue is incomplete or a placeholder differs from the English.

Mark text with ``N_("...")`` where it is declared and translate it with ``tr(lang)(msg, **kw)``;
``python -m tafdesk.i18n.extract`` gathers every marked message into ``resources/locale/tafdesk.pot``
and updates each language's ``.po``.
"""

from __future__ import annotations

import io
import re
import string
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from tafdesk.resources import resource_path

DOMAIN = "tafdesk"
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark text for the catalogue where it is declared; translate it later with ``tr``."""
    return message


def locale_dir() -> Path:
    return resource_path("locale")


def po_path(lang: str) -> Path:
    return locale_dir() / lang.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages() -> list[str]:
    """English and every language with a shipped catalogue."""
    found = sorted(p.parent.parent.name.replace("_", "-") for p in locale_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return ["en", *found]


@cache
def _catalog(lang: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    path = po_path(lang)
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        cat = read_po(fh, locale=lang.replace("-", "_"))
    return {m.id: m.string for m in cat if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


class Sentence(str):
    """A sentence made by the domain (a validation message, a journey step's detail): English
    when used as a string, and translatable later because it keeps its template and values.

    Make one with ``S_("Received {day}; no decision yet.", day=some_date)``; the extractor collects
    the template. A translator (``tr(lang)(sentence)`` or the UI's ``_(sentence)``) puts the values
    into the language's template; dates among the values are written as the language writes them.
    """

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Sentence:
        text = string.Formatter().vformat(template, (), {k: _english(v) for k, v in values.items()})
        obj = super().__new__(cls, text)
        obj.template, obj.values = template, values
        return obj

    def __reduce__(self) -> tuple[object, ...]:  # pickles (and copies) as the sentence it is
        return (_rebuild, (self.template, self.values))


def _rebuild(template: str, values: dict[str, object]) -> Sentence:
    return Sentence(template, **values)


def S_(template: str, **values: object) -> Sentence:  # noqa: N802 (the gettext convention)
    """A translatable sentence made by the domain, English until a translator reads it."""
    return Sentence(template, **values)


def _english(value: object) -> object:
    if isinstance(value, date):
        return value.strftime("%d %b %Y")
    return value


@dataclass(frozen=True)
class Translator:
    lang: str

    def __call__(self, message: str, **values: object) -> str:
        """The sentence in this language (English when the catalogue lacks it), placeholders filled.

        ``message`` may be a ``Sentence`` from the domain: its own template and values are used.
        """
        if isinstance(message, Sentence):
            if self.lang == "en":
                return str(message)
            message, values = message.template, {**message.values, **values}
        text = message if self.lang == "en" else _catalog(self.lang).get(message, message)
        if not values:
            return text
        shown = {k: self._value(v) for k, v in values.items()}
        return string.Formatter().vformat(text, (), shown)

    def _value(self, value: object) -> object:
        if isinstance(value, Sentence):  # a sentence inside a sentence is translated too
            return self(value)
        if isinstance(value, date) and self.lang != "en":
            return self.day(value, "medium")
        return _english(value)

    def translated(self, message: str) -> bool:
        return self.lang == "en" or message in _catalog(self.lang)

    def day(self, day: date | None, fmt: str = "long") -> str:
        """A date as the language writes it (e.g. 31 grudnia 2026, ৩১ ডিসেম্বর ২০২৬)."""
        if day is None:
            return ""
        from babel.dates import format_date

        try:
            return format_date(day, format=fmt, locale=babel_locale(self.lang))
        except Exception:  # a locale babel does not know: the English form
            return format_date(day, format=fmt, locale="en_GB")


def babel_locale(lang: str) -> str:
    return {"en": "en_GB", "fa-AF": "fa_AF", "pa": "pa_Guru"}.get(lang, lang.replace("-", "_"))


@cache
def tr(lang: str | None) -> Translator:
    return Translator(lang or "en")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def compile_mo(lang: str) -> bytes:
    """The compiled catalogue (for tools that want a .mo, e.g. the installer)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po_path(lang), "rb") as fh:
        cat = read_po(fh, locale=lang.replace("-", "_"))
    buf = io.BytesIO()
    write_mo(buf, cat)
    return buf.getvalue()
