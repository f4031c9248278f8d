"""A throwaway PostgreSQL server for the tests and the benchmark: a new cluster in a temporary
folder, on a free local port, stopped and removed after. Debian's server programs are found under
/usr/lib/postgresql/<version>/bin (`.ci/run` installs the package); as root the server runs as the
`postgres` user, since PostgreSQL refuses to run as root."""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

USER = "cell_desk"


def server_programs() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL's server is not installed."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(os.path.realpath(on_path)).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def throwaway_server(*, durable: bool = False) -> Iterator[str]:
    """Starts a server and yields the URL of its `postgres` database (user cell_desk, no password,
    allowed to create databases); everything is removed when the block ends. Not durable (the
    tests): no waiting for the disk. Durable (the benchmark): PostgreSQL's own settings, as an
    office's server has them."""
    programs = server_programs()
    if programs is None:
        raise RuntimeError("PostgreSQL server programs not found (Debian package postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="cell-desk-pg-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    run = lambda command: subprocess.run(_as_server_user(command), check=True, capture_output=True,  # noqa: E731
                                         text=True, cwd=folder)
    try:
        run([str(programs / "initdb"), "-D", str(data), "-U", USER, "-A", "trust", "-E", "UTF8",
             "--locale", "C.UTF-8" if _has_c_utf8() else "C"])
        options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c max_connections=60"
        if not durable:  # a test server that loses its data on a power cut loses nothing of worth
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        run([str(programs / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-o", options, "-w",
             "-t", "60", "start"])
        try:
            yield f"postgresql://{USER}@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(_as_server_user([str(programs / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                                            "stop"]), capture_output=True, cwd=folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _has_c_utf8() -> bool:
    done = subprocess.run(["locale", "-a"], capture_output=True, text=True)
    return any(line.lower() in ("c.utf8", "c.utf-8") for line in done.stdout.splitlines())


def database_url(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + f"/{name}"


def admin(server: str, *statements: str) -> None:
    """Runs statements outside a transaction (CREATE and DROP DATABASE need that)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(server.replace("postgresql://", "postgresql+psycopg://", 1),
                           isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()
