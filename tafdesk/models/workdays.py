"""Working days: weekdays that are not bank holidays in the chosen part of the UK.

Bank holidays come from the ``holidays`` package (England and Wales, Scotland or Northern
Ireland), plus any extra closed days the local authority lists in its settings.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, datetime, timedelta

import holidays

SUBDIVISION = {"england_wales": "ENG", "scotland": "SCT", "northern_ireland": "NIR"}


class WorkingCalendar:
    """Counting working days. ``add(d, n)`` is the n-th working day after ``d`` (``d`` itself is
    day 0, whatever day of the week it is)."""

    def __init__(self, region: str = "england_wales", extra_closed: Iterable[date | str] = ()) -> None:
        if region not in SUBDIVISION:
            raise ValueError(f"unknown bank-holiday region {region!r}")
        self.region = region
        self._extra = {d if isinstance(d, date) else date.fromisoformat(d) for d in extra_closed}
        self._years: tuple[int, int] | None = None
        self._ords: list[int] = []
        self._names: dict[date, str] = {}

    def _cover(self, lo: int, hi: int) -> None:
        if self._years and self._years[0] <= lo and hi <= self._years[1]:
            return
        if self._years:
            lo, hi = min(lo, self._years[0]), max(hi, self._years[1])
        years = range(lo, hi + 1)
        hol = holidays.country_holidays("GB", subdiv=SUBDIVISION[self.region], years=years)
        self._names = {d: str(n) for d, n in hol.items()}
        closed = set(self._names) | self._extra
        day, end = date(lo, 1, 1), date(hi, 12, 31)
        ords = []
        while day <= end:
            if day.weekday() < 5 and day not in closed:
                ords.append(day.toordinal())
            day += timedelta(days=1)
        self._ords = ords
        self._years = (lo, hi)

    def _around(self, d: date, spare_years: int = 1) -> None:
        self._cover(d.year - 1, d.year + spare_years)

    def is_working_day(self, d: date) -> bool:
        self._around(d)
        i = bisect_right(self._ords, d.toordinal())
        return i > 0 and self._ords[i - 1] == d.toordinal()

    def holiday_name(self, d: date) -> str:
        self._around(d)
        return self._names.get(d, "")

    def add(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (n >= 1)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        self._around(d, spare_years=1 + n // 200)
        i = bisect_right(self._ords, d.toordinal()) + n - 1
        return date.fromordinal(self._ords[i])

    def between(self, a: date, b: date) -> int:
        """Working days in (a, b]: how many working days after ``a`` day ``b`` is (0 if b <= a)."""
        if b <= a:
            return 0
        self._cover(a.year - 1, b.year + 1)
        return bisect_right(self._ords, b.toordinal()) - bisect_right(self._ords, a.toordinal())


def add_months(d: date, n: int) -> date:
    month = d.month - 1 + n
    year = d.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def local_day(moment: datetime) -> date:
    """The day in the UK on which a stored (UTC) moment fell."""
    try:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo("Europe/London")).date()
    except Exception:  # no time-zone data on this machine: UTC is at most an hour out
        return moment.date()
