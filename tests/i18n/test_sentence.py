"""Sentences made by the domain stay English as strings and are translated where they are shown."""

from __future__ import annotations

import copy
import pickle
from datetime import date

import pytest

from tafdesk.i18n import catalog
from tafdesk.i18n.catalog import S_, Sentence, tr

TEMPLATE = "Received {day}; no decision yet."


@pytest.fixture
def polish(monkeypatch: pytest.MonkeyPatch) -> None:
    real = catalog._catalog

    def fake(lang: str) -> dict[str, str]:
        extra = {TEMPLATE: "Wpłynęło {day}; bez decyzji.", "Given by {names}.": "Zgoda: {names}.",
                 "Consent: {detail}": "Zgoda — {detail}"} if lang == "pl" else {}
        shipped = {k: v for k, v in real(lang).items() if not (lang == "cy" and k == TEMPLATE)}
        return {**shipped, **extra}

    monkeypatch.setattr(catalog, "_catalog", fake)


def test_a_sentence_is_english_text_with_its_dates_written_out() -> None:
    s = S_(TEMPLATE, day=date(2026, 9, 7))
    assert isinstance(s, str) and isinstance(s, Sentence)
    assert s == "Received 07 Sep 2026; no decision yet."
    assert s.template == TEMPLATE and s.values == {"day": date(2026, 9, 7)}
    assert tr("en")(s) == s


def test_a_translator_uses_the_template_and_writes_dates_its_own_way(polish: None) -> None:
    s = S_(TEMPLATE, day=date(2026, 9, 7))
    assert tr("pl")(s) == "Wpłynęło 7 wrz 2026; bez decyzji."
    # a language whose catalogue lacks the template: the English words, the date in Welsh
    assert tr("cy")(s) == "Received 7 Medi 2026; no decision yet."


def test_sentences_nest_and_survive_copying(polish: None) -> None:
    inner = S_("Given by {names}.", names="Anna Nowak")
    outer = S_("Consent: {detail}", detail=inner)
    assert outer == "Consent: Given by Anna Nowak."
    assert tr("pl")(outer) == "Zgoda — Zgoda: Anna Nowak."
    for twin in (copy.deepcopy(outer), pickle.loads(pickle.dumps(outer))):
        assert twin == outer and isinstance(twin, Sentence) and tr("pl")(twin) == tr("pl")(outer)


def test_plain_text_is_left_as_it_is() -> None:
    assert tr("pl")("A sentence no catalogue has.") == "A sentence no catalogue has."
