"""The commands on a shared PostgreSQL database act only on the cases the signed-in user (the
server login) may open, and refuse the rest with one line; on the local file nothing changes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tafdesk.cli import main
from tafdesk.models.orm import AuditEvent, Case
from tests.partnership import Partnership, partnership
from tests.test_cli import one_line_error, run


@pytest.fixture(scope="module")
def shared(pg_url: str) -> Iterator[Partnership]:
    with partnership(pg_url) as p:
        yield p


@pytest.fixture(scope="module")
def refs(shared: Partnership) -> dict[str, str]:
    with shared.db.session() as s:
        return {cid: ref for cid, ref in s.execute(select(Case.id, Case.reference))}


class As:
    """Runs ``tafdesk ...`` in this process as a login of the shared database."""

    def __init__(self, shared: Partnership, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
        self.shared, self.mp, self.capsys = shared, monkeypatch, capsys

    def __call__(self, login: str, *argv: str) -> tuple[int, str, str]:
        self.mp.setenv("TAFDESK_DATABASE_URL", self.shared.url(login))
        self.capsys.readouterr()
        code = main(list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err

    def refused(self, login: str, *argv: str) -> str:
        code, out, err = self(login, *argv)
        assert code != 0 and out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("tafdesk: "), err
        return lines[0]


@pytest.fixture
def as_(shared: Partnership, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> As:
    for k in ("TAFDESK_PASSPHRASE", "TAFDESK_USER"):
        monkeypatch.delenv(k, raising=False)
    return As(shared, monkeypatch, capsys)


def _refs_listed(out: str) -> set[str]:
    return {line.split("\t")[0] for line in out.splitlines()}


def test_the_case_list_shows_each_user_only_their_cases(as_: As, shared: Partnership, refs: dict[str, str]) -> None:
    demo, other = refs[shared.demo], refs[shared.other]
    expected = {"sarah": {demo}, "tom": {other}, "priya": {demo}, "daniel": {demo}, "jo": set(),
                "mel": {demo}, "lou": {demo, other}}
    for login, cases in expected.items():
        code, out, err = as_(login, "cases")
        assert (code, err) == (0, ""), err
        assert _refs_listed(out) == cases, login
    code, out, _ = as_("priya", "cases", "--json")
    assert [c["reference"] for c in json.loads(out)] == [demo]
    assert "Administrators manage users" in as_.refused("admin", "cases")


def test_opening_another_family_is_refused_with_one_line(
        as_: As, shared: Partnership, refs: dict[str, str], tmp_path: Path) -> None:
    demo, other = refs[shared.demo], refs[shared.other]
    refusals = 0
    for login in ("tom", "jo", "admin", "mel"):
        case = other if login == "mel" else demo
        for argv in (("export", case, "--out", str(tmp_path / "c.json")),
                     ("render", case, "--doc", "assessment", "--out", str(tmp_path / "a.pdf")),
                     ("deadlines", case),
                     ("meeting-pack", case, "--out", str(tmp_path)),
                     ("audit", "list", case)):
            line = as_.refused(login, *argv)
            assert line.startswith(("tafdesk: You cannot open this case.",
                                    "tafdesk: Administrators manage users")), (login, argv, line)
            refusals += 1
    assert refusals == 20
    assert list(tmp_path.iterdir()) == []  # nothing written for anyone refused
    assert "consent does not cover" in as_.refused("jo", "render", demo, "--doc", "assessment",
                                                   "--out", str(tmp_path / "a.pdf"))


def test_what_a_user_may_open_works_and_is_audited_under_their_login(
        as_: As, shared: Partnership, refs: dict[str, str], tmp_path: Path) -> None:
    demo = refs[shared.demo]
    code, out, err = as_("priya", "render", demo, "--doc", "assessment", "--out", str(tmp_path / "a.pdf"))
    assert code == 0, err
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert "not recorded in the document ledger: Only the lead professional" in out  # a TAF member reads
    code, _, err = as_("mel", "export", demo, "--out", str(tmp_path / "c.json"))
    assert code == 0, err
    assert json.loads((tmp_path / "c.json").read_text())["case"]["id"] == shared.demo
    with shared.db.session() as s:
        last = [(e.user, e.action) for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(4))]
        assert last[0] == ("mel", "export") and ("priya", "render") in last  # (the ledger adds its own event)


def test_lists_across_cases_hold_only_the_users_cases(as_: As, shared: Partnership, refs: dict[str, str],
                                                     tmp_path: Path) -> None:
    demo, other = refs[shared.demo], refs[shared.other]
    code, out, err = as_("lou", "deadlines", "--all", "--json", "--today", "2026-12-01")
    assert code == 0, err
    assert demo in {r["reference"] for r in json.loads(out)}  # the whole service's manager
    code, out, err = as_("sarah", "deadlines", "--all", "--json", "--today", "2026-12-01")
    assert code == 0 and demo in {r["reference"] for r in json.loads(out)}
    code, out, err = as_("tom", "deadlines", "--all", "--json", "--today", "2026-12-01")
    assert code == 0, err
    assert json.loads(out) == []  # the demo family's steps are not his (his own case has no request yet)

    code, out, err = as_("tom", "audit", "list", "--json")
    assert code == 0, err
    events = json.loads(out)
    assert events and {e["case"] for e in events} <= {other, None}
    assert all(e["user"] == "tom" for e in events if e["case"] is None)
    code, out, _ = as_("sarah", "audit", "list", "--json")
    assert demo in {e["case"] for e in json.loads(out)} and other not in {e["case"] for e in json.loads(out)}
    code, out, _ = as_("sarah", "audit", "verify")
    assert code == 0 and "the chain is intact" in out

    assert as_("tom", "report", "--from", "2026-01-01", "--to", "2026-12-31",
               "--csv", str(tmp_path))[0] == 0
    tom_csv = "".join(p.read_text() for p in tmp_path.glob("*.csv"))
    assert demo not in tom_csv
    assert "Administrators manage users" in as_.refused("admin", "report", "--from", "2026-01-01",
                                                       "--to", "2026-12-31", "--csv", str(tmp_path))
    assert "Administrators manage users" in as_.refused("admin", "deadlines")


def test_administrators_add_no_cases_and_strangers_get_nothing(as_: As, shared: Partnership) -> None:
    assert "Only practitioners and managers add cases" in as_.refused("admin", "demo")
    shared.add_login("stranger")
    line = as_.refused("stranger", "cases")
    assert "'stranger' is not an active tafdesk user" in line


def test_a_command_in_its_own_process_is_refused_with_one_line(shared: Partnership, refs: dict[str, str],
                                                                tmp_path: Path) -> None:
    env = {"TAFDESK_DATABASE_URL": shared.url("tom")}
    line = one_line_error(run("render", refs[shared.demo], "--doc", "assessment", "--out",
                              str(tmp_path / "a.pdf"), env=env, passphrase=None))
    assert line.startswith("tafdesk: You cannot open this case.")
    listed = run("cases", env=env, passphrase=None)
    assert listed.returncode == 0 and _refs_listed(listed.stdout) == {refs[shared.other]}
