"""``tafdesk users``: an administrator manages who each server login is; nobody else can."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tafdesk.models.migrate import upgrade
from tafdesk.models.storage import open_url
from tests.commands.test_cli_access import As
from tests.partnership import Partnership, grant_login, partnership
from tests.test_cli import one_line_error, run


@pytest.fixture
def shared(pg_url: str) -> Iterator[Partnership]:
    with partnership(pg_url) as p:
        yield p


@pytest.fixture
def as_(shared: Partnership, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> As:
    monkeypatch.delenv("TAFDESK_PASSPHRASE", raising=False)
    return As(shared, monkeypatch, capsys)


def _users(as_: As) -> dict[str, dict]:  # type: ignore[type-arg]
    code, out, err = as_("admin", "users", "list", "--json")
    assert code == 0, err
    return {u["login"]: u for u in json.loads(out)}


def test_an_administrator_adds_changes_and_disables_users(as_: As, shared: Partnership) -> None:
    before = _users(as_)
    assert before["mel"]["manages"] == "Sarah Whitfield" and before["lou"]["manages"] == "all cases"
    code, out, _ = as_("admin", "users", "list")
    assert "sarah\tSarah Whitfield\tpractitioner\tSarah Whitfield\t-\tactive" in out.splitlines()

    shared.add_login("karen")
    code, out, err = as_("admin", "users", "add", "karen", "--name", "Karen Doyle", "--role", "practitioner",
                         "--professional", "Karen Doyle")
    assert (code, out.strip()) == (0, "karen\tadded as practitioner"), err
    # Someone with no professional record yet: one is made for them at their agency.
    shared.add_login("new_dsl")
    code, _, err = as_("admin", "users", "add", "new_dsl", "--name", "Nia Evans", "--role", "practitioner",
                       "--agency", "Oak Primary School")
    assert code == 0, err
    assert _users(as_)["new_dsl"]["professional"] == "Nia Evans"
    assert as_("new_dsl", "cases") == (0, "", "")  # a user now, with no cases yet

    assert as_("admin", "users", "set-role", "karen", "manager")[0] == 0
    assert as_("admin", "users", "team", "karen", "Tom Reed")[1].strip() == "karen\toversees the cases of 1 practitioner"
    code, out, _ = as_("karen", "cases")
    assert code == 0 and len(out.splitlines()) == 1  # Tom's case: the team she now manages

    assert as_("admin", "users", "disable", "karen")[0] == 0
    assert "not an active tafdesk user" in as_.refused("karen", "cases")
    assert as_("admin", "users", "enable", "karen")[0] == 0
    assert as_("karen", "cases")[0] == 0


def test_refusals_are_one_line(as_: As, shared: Partnership) -> None:
    for login in ("sarah", "mel", "lou"):
        for argv in (("users", "list"), ("users", "add", "x", "--name", "X", "--role", "administrator"),
                     ("users", "disable", "admin"), ("users", "set-role", login, "administrator")):
            assert as_.refused(login, *argv) == "tafdesk: Only a tafdesk administrator manages users."
    assert "already a user with the login 'sarah'" in as_.refused(
        "admin", "users", "add", "sarah", "--name", "S", "--role", "manager")
    assert "no professional 'Nobody'" in as_.refused(
        "admin", "users", "add", "zed", "--name", "Zed", "--role", "practitioner", "--professional", "Nobody")
    assert "no user with the login 'ghost'" in as_.refused("admin", "users", "disable", "ghost")
    assert "only active administrator" in as_.refused("admin", "users", "disable", "admin")
    assert "only active administrator" in as_.refused("admin", "users", "set-role", "admin", "manager")
    assert "Sarah Whitfield is not a manager" in as_.refused("admin", "users", "team", "sarah", "Tom Reed")
    assert "Only a manager can oversee every case" in as_.refused(
        "admin", "users", "set-role", "sarah", "practitioner", "--manages-all")
    with pytest.raises(SystemExit) as bad_role:  # argparse's own one-line refusal
        as_("admin", "users", "add", "y", "--name", "Y", "--role", "boss")
    assert bad_role.value.code == 2


def test_the_first_user_of_a_new_database_is_an_administrator(pg_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import secrets

    server = make_url(pg_url)
    name = f"tafdesk_{secrets.token_hex(6)}"
    root = create_engine(server, isolation_level="AUTOCOMMIT")
    with root.connect() as con:
        con.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name)
    db = open_url(url.render_as_string(hide_password=False))
    try:
        upgrade(db.engine)
        with db.engine.begin() as con:
            grant_login(con, "admin")
        env = {"TAFDESK_DATABASE_URL": url.render_as_string(hide_password=False)}
        line = one_line_error(run("cases", env=env, passphrase=None))
        assert "No users are set up" in line and "tafdesk users add" in line
        line = one_line_error(run("users", "add", "admin", "--name", "Ann", "--role", "practitioner",
                                  env=env, passphrase=None))
        assert "first user of a shared database must be an administrator" in line
        done = run("users", "add", "admin", "--name", "Ann Admin", "--role", "administrator", env=env, passphrase=None)
        assert done.returncode == 0 and done.stdout.strip() == "admin\tadded as administrator"
        line = one_line_error(run("users", "add", "b", "--name", "B", "--role", "administrator",
                                  env=env, passphrase=None))  # the superuser is no tafdesk user
        assert "'postgres' is not an active tafdesk user" in line
        local = one_line_error(run("users", "list", "--db", str(tmp_path / "x.db")))
        assert "Users belong to a shared database" in local
    finally:
        db.close()
        with root.connect() as con:
            con.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        root.dispose()
