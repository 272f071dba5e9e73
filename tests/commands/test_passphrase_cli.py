"""``tafdesk passphrase`` and the slowed retries of every command, run as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tafdesk import cli
from tafdesk.models import passphrase as P
from tests.models.test_passphrase import FakeTime
from tests.test_cli import PASS, one_line_error, run

NEW = "a brand new passphrase"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "a.db"
    db.parent.mkdir()
    assert run("demo", "--db", str(db)).returncode == 0
    return db


def test_change_the_passphrase_from_the_command_line(demo: Path) -> None:
    before = run("export", "EH-2026-0001", "--db", str(demo), "--out", str(demo.parent / "before.json"))
    assert before.returncode == 0, before.stderr
    r = run("passphrase", "--db", str(demo), env={"TAFDESK_NEW_PASSPHRASE": NEW})
    assert r.returncode == 0, r.stderr
    assert "Passphrase changed" in r.stdout and "new key and salt" in r.stdout
    assert "passphrase is wrong" in one_line_error(run("cases", "--db", str(demo)))
    after = run("export", "EH-2026-0001", "--db", str(demo), "--out", str(demo.parent / "after.json"),
                passphrase=NEW)
    assert after.returncode == 0, after.stderr

    def content(name: str) -> str:
        lines = (demo.parent / name).read_text(encoding="utf-8").splitlines()
        return "\n".join(ln for ln in lines if '"exported_at"' not in ln)

    assert content("before.json") == content("after.json")
    assert {p.name for p in demo.parent.iterdir()} == {"a.db", "before.json", "after.json"}


def test_bad_new_passphrases_and_no_database_are_one_line(demo: Path, tmp_path: Path) -> None:
    assert "at least 8" in one_line_error(run("passphrase", "--db", str(demo),
                                              env={"TAFDESK_NEW_PASSPHRASE": "short"}))
    assert "same as the current" in one_line_error(run("passphrase", "--db", str(demo),
                                                       env={"TAFDESK_NEW_PASSPHRASE": PASS}))
    assert "No database" in one_line_error(run("passphrase", "--db", str(tmp_path / "none.db"),
                                               env={"TAFDESK_NEW_PASSPHRASE": NEW}))
    assert "No passphrase" in one_line_error(run("passphrase", "--db", str(demo), passphrase=None))
    assert "shared database" in one_line_error(run("passphrase", env={
        "TAFDESK_DATABASE_URL": "sqlite:///" + str(tmp_path / "plain.db")}))
    assert run("cases", "--db", str(demo)).returncode == 0  # still the old passphrase


def test_wrong_passphrases_make_the_next_command_wait(demo: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    t = FakeTime()
    monkeypatch.setattr(P, "CLOCK", t.clock)
    monkeypatch.setattr(P, "SLEEP", t.sleep)
    monkeypatch.setenv("TAFDESK_PASSPHRASE", "not the passphrase")
    for _ in range(3):
        assert cli.main(["cases", "--db", str(demo)]) == cli.EXIT_ERROR
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].endswith("Try again in 4 seconds.")
    # Each run slept out the wait left by the one before: 1 s, then 2 s.
    assert t.slept == [1, 2]
    monkeypatch.setenv("TAFDESK_PASSPHRASE", PASS)
    assert cli.main(["passphrase", "--db", str(demo)]) == cli.EXIT_ERROR  # no new one given
    assert t.slept == [1, 2]  # refused before any wait: nothing was tried
    t.now += 1
    assert cli.main(["cases", "--db", str(demo)]) == 0
    assert t.slept == [1, 2, 3]  # the rest of the 4 s
    assert not P.tries_path(demo).exists()
