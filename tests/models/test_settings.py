"""The settings file: defaults, a local authority's own limits, clear refusal of a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tafdesk.models.settings import (
    SETTINGS_ENV,
    Settings,
    SettingsError,
    default_settings_path,
    load_settings,
    settings_toml,
)
from tafdesk.models.vocab import OUTCOME_AREA_LABELS


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    s = load_settings(tmp_path / "absent.toml")
    assert s == Settings()
    assert s.bank_holidays == "england_wales"
    assert s.timescales.visits.amount == 10 and s.timescales.visits.unit == "working_days"
    assert s.timescales.review.words() == "6 weeks"
    assert [a.label for a in s.scaling.areas] == list(OUTCOME_AREA_LABELS.values())


def test_the_default_file_reads_back_as_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(settings_toml(), encoding="utf-8")
    assert load_settings(path) == Settings()


def test_a_local_authority_changes_limits_region_and_areas(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'version = 1\nbank_holidays = "scotland"\n'
        '[timescales]\nallocation = { amount = 2, unit = "working_days" }\n'
        '[[scaling.areas]]\nkey = "home"\nlabel = "Home and money"\n'
        '[[scaling.areas]]\nkey = "school"\nlabel = "School"\n'
        '[[scaling.areas]]\nkey = "feelings"\nlabel = "Feelings"\n', encoding="utf-8")
    s = load_settings(path)
    assert s.bank_holidays == "scotland"
    assert s.timescales.allocation.words() == "2 working days"
    assert s.timescales.visits.amount == 10  # not mentioned: the default
    assert s.scaling.label("feelings") == "Feelings"


def test_json_is_accepted_too(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"version": 1, "timescales": {"review": {"amount": 8, "unit": "weeks"}}}')
    assert load_settings(path).timescales.review.amount == 8


@pytest.mark.parametrize(("text", "message"), [
    ('[timescales]\nvisits = { amount = 10, unit = "fortnights" }\n', "timescales.visits.unit"),
    ('[timescales]\nvisits = { amount = 0, unit = "weeks" }\n', "timescales.visits.amount"),
    ('bank_holidays = "wales"\n', "bank_holidays"),
    ('extra_closed_days = ["24/12/2026"]\n', "is not a date written as YYYY-MM-DD"),
    ('[timescales]\nvisit = { amount = 10, unit = "weeks" }\n', "timescales.visit"),
    ('[[scaling.areas]]\nkey = "a"\nlabel = "A"\n', "between 3 and 16"),
    ("version = [\n", "cannot be read"),
])
def test_a_bad_file_is_refused_with_the_setting_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(path)
    assert str(path) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value).strip()


def test_a_file_from_a_newer_tafdesk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("version = 9\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="newer tafdesk"):
        load_settings(path)


def test_the_file_can_be_chosen_by_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SETTINGS_ENV, str(tmp_path / "team.toml"))
    assert default_settings_path() == tmp_path / "team.toml"
    monkeypatch.delenv(SETTINGS_ENV)
    assert default_settings_path().name == "settings.toml"
