"""The local authority's settings: timescale limits, bank-holiday region, scaling areas.

Declarative: every setting, its default and its meaning are in this one module. The file is
TOML (or JSON) in the user's configuration folder, versioned (``version``); an older version is
upgraded by the hooks in ``UPGRADES``; a file from a newer tafdesk is refused. Nothing is ever
pickled. A bad file gives one clear sentence naming the file and the setting.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..i18n.catalog import N_, S_
from .errors import TafdeskError
from .vocab import OUTCOME_AREA_LABELS

SETTINGS_VERSION = 1
SETTINGS_ENV = "TAFDESK_SETTINGS"  # another settings file, e.g. a shared one for a team
FILE_NAME = "settings.toml"

Unit = Literal["hours", "working_days", "calendar_days", "weeks", "months"]
Region = Literal["england_wales", "scotland", "northern_ireland"]

UNIT_WORDS: dict[str, tuple[str, str]] = {  # (one, many)
    "hours": ("hour", "hours"),
    "working_days": ("working day", "working days"),
    "calendar_days": ("day", "days"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
}

LIMIT_WORDS: dict[str, tuple[str, str]] = {  # (one, many), with the amount
    "hours": (N_("{count} hour"), N_("{count} hours")),
    "working_days": (N_("{count} working day"), N_("{count} working days")),
    "calendar_days": (N_("{count} day"), N_("{count} days")),
    "weeks": (N_("{count} week"), N_("{count} weeks")),
    "months": (N_("{count} month"), N_("{count} months")),
}

REGION_NAMES: dict[str, str] = {
    "england_wales": "England and Wales",
    "scotland": "Scotland",
    "northern_ireland": "Northern Ireland",
}


class SettingsError(TafdeskError):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Limit(_Strict):
    """A time limit: ``amount`` of ``unit`` (working days skip weekends and bank holidays)."""

    amount: int = Field(ge=1, le=1000)
    unit: Unit

    def words(self) -> str:
        """E.g. "3 working days": a sentence the UI translates (English as a string)."""
        one, many = LIMIT_WORDS[self.unit]
        return S_(one if self.amount == 1 else many, count=self.amount)


def _l(amount: int, unit: Unit) -> Limit:
    return Limit(amount=amount, unit=unit)


class Timescales(_Strict):
    """One local authority's defaults (shared/domain.md); each may be changed in the file."""

    decision: Limit = Field(_l(24, "hours"), description="request decision, from receipt")
    allocation: Limit = Field(_l(48, "hours"), description="allocation to a worker, from receipt")
    first_visit: Limit = Field(_l(5, "working_days"),
                               description="introductory visit, from allocation (or receipt if later)")
    assessment: Limit = Field(_l(20, "working_days"), description="assessment authorised, from receipt")
    assessment_after_visit: Limit | None = Field(
        None, description="assessment authorised, from the first visit, if earlier (e.g. 15 working days)")
    initial_taf: Limit = Field(_l(10, "working_days"),
                               description="initial TAF meeting, from the assessment's completion")
    initial_taf_from_request: Limit = Field(_l(30, "working_days"),
                                            description="initial TAF meeting, from receipt")
    family_copy: Limit = Field(_l(5, "working_days"),
                               description="family has the assessment and plan, from the initial TAF")
    visits: Limit = Field(_l(10, "working_days"), description="time between visits")
    review: Limit = Field(_l(6, "weeks"), description="review TAF, from the previous TAF meeting")
    supervision: Limit = Field(_l(4, "weeks"), description="time between supervision notes")
    length: Limit = Field(_l(6, "months"), description="length of intervention before it is flagged")


class ScalingArea(_Strict):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,63}$")
    label: str = Field(min_length=1, max_length=120)


DEFAULT_AREAS = tuple(ScalingArea(key=str(k), label=v) for k, v in OUTCOME_AREA_LABELS.items())


class Scaling(_Strict):
    """The areas families are scored on (1 = very worried, 10 = all is well)."""

    areas: tuple[ScalingArea, ...] = DEFAULT_AREAS

    @field_validator("areas")
    @classmethod
    def _areas(cls, value: tuple[ScalingArea, ...]) -> tuple[ScalingArea, ...]:
        if not 3 <= len(value) <= 16:
            raise ValueError("give between 3 and 16 scaling areas")
        keys = [a.key for a in value]
        if len(set(keys)) != len(keys):
            raise ValueError("each scaling area needs its own key")
        return value

    def label(self, key: str) -> str:
        return next((a.label for a in self.areas if a.key == key), key.replace("_", " ").capitalize())


class Settings(_Strict):
    version: int = SETTINGS_VERSION
    bank_holidays: Region = "england_wales"
    extra_closed_days: tuple[str, ...] = Field(
        (), description="other days the service is closed (YYYY-MM-DD), e.g. a one-off bank holiday")
    timescales: Timescales = Timescales()
    scaling: Scaling = Scaling()
    idle_lock_minutes: int = Field(
        5, ge=1, le=60, description="minutes without a key press or mouse use before tafdesk locks")

    @field_validator("extra_closed_days")
    @classmethod
    def _days(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from datetime import date

        for text in value:
            try:
                date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"{text!r} is not a date written as YYYY-MM-DD") from None
        return value

    @model_validator(mode="after")
    def _version(self) -> Settings:
        if self.version != SETTINGS_VERSION:
            raise ValueError(f"version {self.version} is not one this tafdesk knows")
        return self


# Upgrade hooks: UPGRADES[n] turns a version-n dict into a version-(n+1) dict.
UPGRADES: dict[int, Any] = {}


def default_settings_path() -> Path:
    env = os.environ.get(SETTINGS_ENV)
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("tafdesk", appauthor=False)) / FILE_NAME


def parse_settings(data: dict[str, Any], *, where: str = "the settings") -> Settings:
    version = data.get("version", SETTINGS_VERSION)
    if not isinstance(version, int) or version < 1:
        raise SettingsError(f"{where}: 'version' must be a whole number such as {SETTINGS_VERSION}.")
    if version > SETTINGS_VERSION:
        raise SettingsError(f"{where} were written by a newer tafdesk (version {version}); "
                            f"this one understands version {SETTINGS_VERSION}. Update tafdesk.")
    while version < SETTINGS_VERSION:
        data = UPGRADES[version](dict(data))
        version += 1
        data["version"] = version
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        field = ".".join(str(p) for p in err["loc"]) or "(the whole file)"
        msg = str(err["msg"]).removeprefix("Value error, ")
        more = len(exc.errors()) - 1
        tail = f" ({more} more problem{'s' if more > 1 else ''} after this one)" if more else ""
        raise SettingsError(f"{where}: {field}: {msg}{tail}.") from None


def load_settings(path: Path | None = None) -> Settings:
    """The settings from ``path`` (default: the user's settings file); defaults if there is none."""
    path = path or default_settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise SettingsError(f"Could not read the settings file {path}: {exc.strerror}.") from None
    where = f"The settings file {path}"
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{where} cannot be read: {exc}.") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{where} must hold a table of settings.")
    return parse_settings(data, where=where)


def settings_toml(settings: Settings | None = None) -> str:
    """The settings as a commented TOML file, a starting point for a local authority."""
    s = settings or Settings()
    lines = [
        "# tafdesk settings. Units: hours, working_days (no weekends or bank holidays),",
        "# calendar_days, weeks, months.",
        f"version = {s.version}",
        "",
        "# Bank holidays of: england_wales, scotland or northern_ireland",
        f'bank_holidays = "{s.bank_holidays}"',
        "extra_closed_days = [" + ", ".join(f'"{d}"' for d in s.extra_closed_days) + "]",
        "",
        "# Minutes without a key press or mouse use before tafdesk locks (1 to 60)",
        f"idle_lock_minutes = {s.idle_lock_minutes}",
        "",
        "[timescales]",
    ]
    for name, field in Timescales.model_fields.items():
        limit: Limit | None = getattr(s.timescales, name)
        lines.append(f"# {field.description}")
        if limit is None:
            lines.append(f'# {name} = {{ amount = 15, unit = "working_days" }}')
        else:
            lines.append(f'{name} = {{ amount = {limit.amount}, unit = "{limit.unit}" }}')
    lines += ["", "# Areas families are scored on, 1 (very worried) to 10 (all is well)."]
    for area in s.scaling.areas:
        label = area.label.replace("\\", "\\\\").replace('"', '\\"')
        lines += ["[[scaling.areas]]", f'key = "{area.key}"', f'label = "{label}"']
    return "\n".join(lines) + "\n"
