import datetime as dt
import os
from pathlib import Path

# Offscreen, on a screen the size of an office monitor (the plugin's default is 800 x 600).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('offscreen-screen.json')}"

import pytest  # noqa: E402

from cell_desk.app import open_services  # noqa: E402
from cell_desk.services.clock import fixed_clock  # noqa: E402

TEMPLATE = "cell_desk_template"  # a migrated server database holding the bundled plan, copied per test

# Mid-phase 1.3 of the seed plan (01/07/2020 – 31/08/2020), five days before a report deadline.
SEED_TODAY = dt.date(2020, 8, 15)


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def image_codec():
    """No image codec below the ui layer; tests/ui supplies Qt's."""
    return None


@pytest.fixture
def open_at(data_dir, image_codec):
    """Opens the data folder as of a given day; everything opened is closed after the test."""
    opened = []

    def _open(today: dt.date = SEED_TODAY, folder=None):
        services = open_services(folder or data_dir, clock=fixed_clock(today), image_codec=image_codec)
        opened.append(services)
        return services

    yield _open
    for services in opened:
        services.close()


@pytest.fixture
def services(open_at):
    return open_at()


class NetworkUsed(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Cell Desk works offline: any attempt to open a connection fails the test."""
    import socket

    def refuse(*args, **kwargs):
        raise NetworkUsed(f"Cell Desk tried to use the network: {args[1:] or kwargs}")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """A throwaway PostgreSQL server for the session (tests/postgres_server.py), with TEMPLATE."""
    from tests.postgres_server import admin, database_url, server_programs, throwaway_server

    if server_programs() is None:
        if os.environ.get("CELL_DESK_REQUIRE_POSTGRES"):
            pytest.fail("CELL_DESK_REQUIRE_POSTGRES is set but PostgreSQL's server is not installed")
        pytest.skip("PostgreSQL's server is not installed (Debian package postgresql; `make test` installs it)")
    with throwaway_server() as server:
        admin(server, f"CREATE DATABASE {TEMPLATE}")
        folder = tmp_path_factory.mktemp("pg-template")
        # migrated and holding the bundled plan, as a new SQLite file is after its first opening
        open_services(folder, clock=fixed_clock(SEED_TODAY), database_url=database_url(server, TEMPLATE)).close()
        yield server
