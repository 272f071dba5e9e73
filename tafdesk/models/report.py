"""The manager's report: the performance framework of early help over a date range (and team).

``manager_report`` reads the record with a fixed number of grouped queries (no query per case)
and returns plain sections: a title, a note on how it is counted, a table, and the chart that
suits it. The PDF and the CSV files are both made from these sections.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import vocab as v
from .orm import (
    Agency,
    Case,
    CaseEnding,
    FamilyFeedback,
    Meeting,
    MeetingAttendance,
    Person,
    Professional,
    Request,
    ScalingScore,
)
from .services.deadlines import timescale_facts
from .timescales import STEP_TITLES, DueState, Rules, TimescaleFacts, deadlines
from .workdays import local_day

MILESTONES = ("decision", "allocation", "first_visit", "assessment", "initial_taf", "family_copy")
WORKDAY_BANDS = ((0, 0, "same day"), (1, 2, "1-2"), (3, 5, "3-5"), (6, 10, "6-10"), (11, 20, "11-20"),
                 (21, 30, "21-30"), (31, 10_000, "over 30"))
SOURCE_WORDS = {"school": "School", "early_years": "Early years", "health": "Health", "police": "Police",
                "voluntary": "Voluntary sector", "housing": "Housing", "social_care": "Children's social care",
                "family": "Family", "self": "Young person", "other": "Other"}


@dataclass
class Section:
    key: str  # also the CSV file name
    title: str
    note: str
    headers: list[str]
    rows: list[list[str | int | float]]
    chart: str = ""  # "bars" (first column against chart_column), "months" (lines over months), "" none
    chart_column: int = 1
    highlight_over: float | None = None


@dataclass
class Report:
    start: date
    end: date
    team: str
    produced_on: date
    sections: list[Section] = field(default_factory=list)
    headline: list[tuple[str, str]] = field(default_factory=list)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def _band(n: int) -> str:
    return next(label for lo, hi, label in WORKDAY_BANDS if lo <= n <= hi)


def _months(start: date, end: date) -> list[tuple[int, int]]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def manager_report(session: Session, start: date, end: date, *, rules: Rules | None = None,
                   team: str | None = None, today: date | None = None,
                   case_ids: set[str] | None = None) -> Report:
    """The framework for requests received from ``start`` to ``end`` (inclusive), and the
    caseload as it stood on ``end``. ``team`` limits it to cases led from one agency;
    ``case_ids`` to the cases a user of a shared database may see (None: every case)."""
    rules = rules or Rules()
    today = today or date.today()
    scope = team or ("All teams" if case_ids is None else "The cases you lead, are in the team of or manage")
    report = Report(start, end, scope, today)
    cases_q = select(Case.id).outerjoin(Professional, Professional.id == Case.lead_professional_id)
    if team:
        cases_q = cases_q.join(Agency, Agency.id == Professional.agency_id).where(
            func.lower(Agency.name) == team.strip().lower())
    in_team = set(session.scalars(cases_q))
    if case_ids is not None:
        in_team &= case_ids
    facts = {cid: f for cid, f in timescale_facts(session).items() if cid in in_team}

    def received(f: TimescaleFacts) -> date | None:
        return local_day(f.received_at) if f.received_at else None

    period = {cid: f for cid, f in facts.items() if (d := received(f)) is not None and start <= d <= end}
    requests = [(cid, local_day(at), src, outcome, needs) for cid, at, src, outcome, needs in session.connection().execute(
        select(Request.case_id, Request.received_at, Request.source, Request.outcome, Request.presenting_needs))
        if cid in in_team]
    in_range = [r for r in requests if start <= r[1] <= end]
    n = len(in_range)
    sources = Counter(r[2] for r in in_range)
    report.sections.append(Section("requests_by_source", "Requests received, by source",
                                   f"{n} requests received from {start:%d %b %Y} to {end:%d %b %Y}.",
                                   ["Source", "Requests", "Share"],
                                   [[SOURCE_WORDS.get(s, s), c, _pct(c, n)] for s, c in sources.most_common()],
                                   chart="bars"))
    outcomes = Counter(r[3] or "not decided" for r in in_range)
    report.sections.append(Section("requests_by_outcome", "Outcome of the requests", "The front door's decision.",
                                   ["Outcome", "Requests", "Share"],
                                   [[_cap(str(v.REQUEST_OUTCOME_LABELS.get(o, o))), c, _pct(c, n)]  # type: ignore[call-overload]
                                    for o, c in outcomes.most_common()], chart="bars"))
    reasons = Counter(need for r in in_range for need in (r[4] or []))
    report.sections.append(Section("requests_by_reason", "Reasons for the requests",
                                   "Presenting needs named in the requests (a request may name several).",
                                   ["Reason", "Requests"],
                                   [[reason.replace("_", " ").capitalize(), c] for reason, c in reasons.most_common()],
                                   chart="bars"))
    by_case: dict[str, list[date]] = defaultdict(list)
    for cid, day, *_ in requests:
        by_case[cid].append(day)
    previous = dict(session.connection().execute(select(Case.id, Case.previous_episode_id).where(
        Case.previous_episode_id.is_not(None))).all())
    ended_on = {cid: f.ended_on for cid, f in facts.items()}
    repeat = reopened = 0
    for cid, day, *_ in in_range:
        earlier = [d for d in by_case[cid] if d < day] + [d for d in by_case.get(previous.get(cid, ""), [])]
        if any(day - d <= timedelta(days=365) for d in earlier):
            repeat += 1
        prev_end = ended_on.get(previous.get(cid, ""))
        if prev_end and timedelta(0) <= day - prev_end <= timedelta(days=92):
            reopened += 1

    # Timeliness against each target, for the requests received in the period.
    rows, dist_rows = [], []
    timed = {cid: {d.step: d for d in deadlines(f, rules, today)} for cid, f in period.items()}
    for step in MILESTONES:
        states: Counter[str] = Counter()
        bands: Counter[str] = Counter()
        for cid, f in period.items():
            dl = timed[cid].get(step)
            if dl is None:
                continue
            states[dl.state] += 1
            if dl.done_on and f.received_at:
                bands[_band(rules.calendar.between(local_day(f.received_at), dl.done_on))] += 1
        done = states[DueState.DONE] + states[DueState.DONE_LATE]
        title = STEP_TITLES[step]
        rows.append([title, done, states[DueState.DONE], _pct(states[DueState.DONE], done),
                     states[DueState.DONE_LATE], states[DueState.OVERDUE], states[DueState.DUE]])
        dist_rows.append([title] + [bands[label] for *_, label in WORKDAY_BANDS])
    report.sections.append(Section(
        "timeliness", "Timeliness against each target",
        "For the requests received in the period: steps done on time, done late, overdue now, not yet due.",
        ["Step", "Done", "On time", "On time %", "Late", "Overdue now", "Not yet due"], rows,
        chart="bars", chart_column=3))
    report.sections.append(Section(
        "timeliness_distribution", "Working days from the request to each step",
        "How many families waited how long (working days after the request).",
        ["Step"] + [label for *_, label in WORKDAY_BANDS], dist_rows))

    # The caseload as it stood at the end of the period.
    open_at_end = {cid: f for cid, f in facts.items()
                   if f.opened_on and f.opened_on <= end and (f.ended_on is None or f.ended_on > end)
                   and f.status not in ("redirected",)}
    per_lead = Counter(f.lead_professional or "Not allocated" for f in open_at_end.values())
    report.sections.append(Section("caseloads", "Caseloads", f"Open cases on {end:%d %b %Y}, per lead professional (more than 20 in red).",
                                   ["Lead professional", "Open cases"], [[k, c] for k, c in per_lead.most_common()],
                                   chart="bars", highlight_over=20))
    regular = Counter()
    for f in open_at_end.values():
        for dl in deadlines(f, rules, end):
            if dl.step in ("visit", "review", "supervision"):
                regular[(dl.step, dl.state is DueState.OVERDUE)] += 1
    reg_rows = []
    for step, name in (("visit", "Visits (every 10 working days)"), ("review", "Reviews (every 6 weeks)"),
                       ("supervision", "Supervision (every 4 weeks)")):
        ok, late = regular[(step, False)], regular[(step, True)]
        reg_rows.append([name, ok + late, ok, late, _pct(ok, ok + late)])
    report.sections.append(Section("regularity", "Visit, review and supervision regularity",
                                   f"Open cases on {end:%d %b %Y} whose next visit, review or supervision was "
                                   "not yet overdue.", ["What", "Cases", "In time", "Overdue", "In time %"], reg_rows))
    lengths = Counter()
    for f in open_at_end.values():
        months = (end - (f.opened_on or end)).days // 30
        lengths["under 3 months" if months < 3 else "3 to 6 months" if months < 6 else "over 6 months"] += 1
    report.sections.append(Section("length_open", "How long cases have been open",
                                   f"Open cases on {end:%d %b %Y}; beyond 6 months is flagged.",
                                   ["Length", "Cases"], [[k, lengths[k]] for k in
                                                         ("under 3 months", "3 to 6 months", "over 6 months")],
                                   chart="bars"))

    # Multi-agency attendance at TAF meetings held in the period.
    att = Counter()
    for cid, status in session.connection().execute(
            select(MeetingAttendance.case_id, MeetingAttendance.status)
            .join(Meeting, Meeting.id == MeetingAttendance.meeting_id)
            .where(MeetingAttendance.professional_id.is_not(None), Meeting.status == "held",
                   Meeting.kind.in_(("initial", "review")))
            .where(Meeting.starts_at >= _midnight(start), Meeting.starts_at < _midnight(end + timedelta(days=1)))):
        if cid in in_team:
            att[status] += 1
    total = sum(att.values())
    report.sections.append(Section("attendance", "Multi-agency attendance at TAF meetings",
                                   "Professionals invited to initial and review meetings held in the period.",
                                   ["Attendance", "Invitations", "Share"],
                                   [[s.replace("_", " ").capitalize(), att[s], _pct(att[s], total)]
                                    for s in ("present", "report_sent", "apologies", "did_not_attend", "invited")
                                    if att[s]], chart="bars"))

    months = _months(start, end)
    opened = Counter((f.opened_on.year, f.opened_on.month) for f in facts.values() if f.opened_on)
    closed = Counter((f.ended_on.year, f.ended_on.month) for f in facts.values() if f.ended_on)
    report.sections.append(Section("open_closed_by_month", "Cases opened and closed each month", "",
                                   ["Month", "Opened", "Closed"],
                                   [[date(y, m, 1).strftime("%b %Y"), opened[(y, m)], closed[(y, m)]]
                                    for y, m in months], chart="months"))

    # Endings in the period: escalations.
    endings = Counter(kind for cid, kind, day in session.connection().execute(
        select(CaseEnding.case_id, CaseEnding.kind, CaseEnding.decided_on)
        .where(CaseEnding.decided_on >= start, CaseEnding.decided_on <= end)) if cid in in_team)
    ended = sum(c for k, c in endings.items() if k != "step_down_in")
    report.sections.append(Section("endings", "Endings and escalations", "Cases ended in the period.",
                                   ["Ending", "Cases", "Share of endings"],
                                   [[str(v.ENDING_LABELS.get(k, k)), c, _pct(c, ended) if k != "step_down_in" else "–"]  # type: ignore[call-overload]
                                    for k, c in endings.most_common()]))

    improving, scored = _scaling(session, in_team, start, end)
    people = _demography(session, set(period), end)
    report.sections.extend(people)
    fb = _feedback(session, in_team, start, end)
    report.sections.append(fb)
    report.headline = [
        ("Requests received", str(n)),
        ("Repeat requests within 12 months", f"{repeat} ({_pct(repeat, n)})"),
        ("Re-opened within 3 months of ending", f"{reopened} ({_pct(reopened, n)})"),
        ("Open cases at the end of the period", str(len(open_at_end))),
        ("Stepped up to children's social care", f"{endings['step_up']} ({_pct(endings['step_up'], ended)} of endings)"),
        ("Families improving on their scaling scores", f"{improving} of {scored} ({_pct(improving, scored)})"),
        ("Family got a copy of assessment and plan in time",
         f"{rows[-1][2]} of {rows[-1][1]} ({rows[-1][3]})"),
    ]
    return report


def _midnight(day: date):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, time

    return datetime.combine(day, time(0), tzinfo=UTC)


def _scaling(session: Session, cases: set[str], start: date, end: date) -> tuple[int, int]:
    """Families (cases) with a latest round in the period: how many improved on average."""
    per_person: dict[tuple[str, str | None], list[tuple[date, float]]] = defaultdict(list)
    for cid, pid, day, mean in session.connection().execute(
            select(ScalingScore.case_id, ScalingScore.person_id, ScalingScore.scored_on, func.avg(ScalingScore.score))
            .where(ScalingScore.scored_on <= end)
            .group_by(ScalingScore.case_id, ScalingScore.person_id, ScalingScore.scored_on)):
        if cid in cases:
            per_person[(cid, pid)].append((day, float(mean)))
    family_change: dict[str, list[float]] = defaultdict(list)
    for (cid, _pid), series in per_person.items():
        series.sort()
        if len(series) >= 2 and start <= series[-1][0] <= end:
            family_change[cid].append(series[-1][1] - series[0][1])
    improving = sum(1 for changes in family_change.values() if sum(changes) / len(changes) > 0)
    return improving, len(family_change)


def _demography(session: Session, cases: set[str], end: date) -> list[Section]:
    ages: Counter[str] = Counter()
    sexes: Counter[str] = Counter()
    ethnicity: Counter[str] = Counter()
    for cid, dob, sex, eth in session.connection().execute(select(Person.case_id, Person.date_of_birth, Person.sex,
                                                     Person.ethnicity).where(Person.kind == "child",
                                                                             Person.in_household_network)):
        if cid not in cases:
            continue
        if dob:
            age = end.year - dob.year - ((end.month, end.day) < (dob.month, dob.day))
            ages["0-4" if age < 5 else "5-10" if age < 11 else "11-15" if age < 16 else "16 and over"] += 1
        else:
            ages["not known"] += 1
        sexes[{"F": "Female", "M": "Male", "X": "Other"}.get(sex, "Not known")] += 1
        ethnicity[eth or "Not recorded"] += 1
    total = sum(ages.values())
    return [
        Section("children_by_age", "Children, by age", "Children in the families whose request came in the period.",
                ["Age", "Children", "Share"], [[k, ages[k], _pct(ages[k], total)] for k in
                                               ("0-4", "5-10", "11-15", "16 and over", "not known") if ages[k]],
                chart="bars"),
        Section("children_by_sex", "Children, by sex", "", ["Sex", "Children", "Share"],
                [[k, c, _pct(c, total)] for k, c in sexes.most_common()], chart="bars"),
        Section("children_by_ethnicity", "Children, by ethnicity", "As the family described it.",
                ["Ethnicity", "Children", "Share"], [[k, c, _pct(c, total)] for k, c in ethnicity.most_common(15)]),
    ]


def _feedback(session: Session, cases: set[str], start: date, end: date) -> Section:
    sums: dict[str, list[int]] = {"respected": [], "listened_to": [], "helped": []}
    for cid, r, li, h in session.connection().execute(select(FamilyFeedback.case_id, FamilyFeedback.respected,
                                                FamilyFeedback.listened_to, FamilyFeedback.helped)
                                         .where(FamilyFeedback.given_on >= start, FamilyFeedback.given_on <= end)):
        if cid in cases:
            for key, value in (("respected", r), ("listened_to", li), ("helped", h)):
                if value:
                    sums[key].append(value)
    words = {"respected": "Treated with respect", "listened_to": "Listened to", "helped": "Helped with what mattered"}
    return Section("feedback", "What families said", "Feedback given in the period, 1 (not at all) to 5 (very much).",
                   ["Question", "Answers", "Average", "4 or 5"],
                   [[words[k], len(vals), round(sum(vals) / len(vals), 1) if vals else "–",
                     _pct(sum(1 for x in vals if x >= 4), len(vals))] for k, vals in sums.items()])


def csv_tables(report: Report) -> Iterable[tuple[str, list[list[str | int | float]]]]:
    yield "summary", [["Measure", "Value"], *[[k, val] for k, val in report.headline]]
    for s in report.sections:
        yield s.key, [list(s.headers), *s.rows]
