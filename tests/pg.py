"""A throw-away PostgreSQL cluster for tests (Debian's postgresql package; started by the tests)."""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def temporary_cluster() -> Iterator[str]:
    """Start a cluster on 127.0.0.1 and yield its SQLAlchemy URL; stop and delete it afterwards."""
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (Debian package postgresql)")
    as_root = os.geteuid() == 0
    workdir = Path(tempfile.mkdtemp(prefix="tafdesk-pg-"))
    password = secrets.token_hex(12)
    (workdir / "pw").write_text(password)
    port = _free_port()
    data = workdir / "data"

    def run(*cmd: str) -> None:
        # No pipes: the server started by pg_ctl would hold them open (its log goes to a file).
        argv = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)] if as_root else list(cmd)
        subprocess.run(argv, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=120)

    if as_root:
        pg = pwd.getpwnam("postgres")
        for p in (workdir, workdir / "pw"):
            os.chown(p, pg.pw_uid, pg.pw_gid)
    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=scram-sha-256",
            f"--pwfile={workdir / 'pw'}")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-o",
            f"-c listen_addresses=127.0.0.1 -p {port} -k {workdir} -c fsync=off", "-l", str(workdir / "server.log"), "-w", "start")
        yield f"postgresql+psycopg://postgres:{password}@127.0.0.1:{port}/postgres"
    finally:
        try:
            run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(workdir, ignore_errors=True)
