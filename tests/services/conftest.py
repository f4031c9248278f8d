"""The service tests run on both engines: the SQLite file (the desktop default) and a real
PostgreSQL server started for the session (tests/postgres_server.py). Each test on PostgreSQL gets
databases of its own, copied from a template already migrated, one per data folder it opens."""
import itertools

import pytest

from cell_desk.app import open_services
from cell_desk.services.clock import fixed_clock
from tests.conftest import SEED_TODAY, TEMPLATE
from tests.postgres_server import admin, database_url

ENGINES = ("sqlite", "postgresql")
_numbers = itertools.count(1)


def pytest_generate_tests(metafunc):
    if "engine" in metafunc.fixturenames:
        marked = {name for name in ("sqlite_only", "postgresql_only") if metafunc.definition.get_closest_marker(name)}
        engines = [engine for engine in ENGINES if f"{engine}_only" in marked] if marked else ENGINES
        metafunc.parametrize("engine", engines, indirect=True)


@pytest.fixture
def engine(request):
    if request.param == "postgresql":
        request.getfixturevalue("postgres_server")
    return request.param


@pytest.fixture
def open_at(data_dir, image_codec, engine, request):
    """Opens the data folder as of a given day, on this test's engine; everything opened is closed
    (and on PostgreSQL its databases dropped) after the test."""
    opened, databases = [], {}

    def _open(today=SEED_TODAY, folder=None):
        folder = folder or data_dir
        options = {}
        if engine == "postgresql":
            server = request.getfixturevalue("postgres_server")
            if folder not in databases:
                databases[folder] = f"test_{next(_numbers)}"
                admin(server, f"CREATE DATABASE {databases[folder]} TEMPLATE {TEMPLATE}")
            options["database_url"] = database_url(server, databases[folder])
        services = open_services(folder, clock=fixed_clock(today), image_codec=image_codec, **options)
        opened.append(services)
        return services

    yield _open
    for services in opened:
        services.close()
    if databases:
        server = request.getfixturevalue("postgres_server")
        admin(server, *(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)" for name in databases.values()))
