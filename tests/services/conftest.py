"""The service tests run on both engines: the SQLite file (the desktop default) and a real
PostgreSQL server started for the session (tests/postgres_server.py). Each test on PostgreSQL gets
migrated databases with no other test's rows, one per data folder it opens."""
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
    after the test. On PostgreSQL each data folder gets a database of its own, emptied after the
    test and handed to the next one (emptying takes a quarter of the time of a new database)."""
    opened, databases = [], {}

    def _open(today=SEED_TODAY, folder=None):
        folder = folder or data_dir
        options = {}
        if engine == "postgresql":
            server = request.getfixturevalue("postgres_server")
            if folder not in databases:
                databases[folder] = _emptied.pop() if _emptied else _new_database(server)
            options["database_url"] = database_url(server, databases[folder])
        services = open_services(folder, clock=fixed_clock(today), image_codec=image_codec, **options)
        opened.append(services)
        return services

    yield _open
    for services in opened:
        services.close()
    if databases:
        server = request.getfixturevalue("postgres_server")
        for name in databases.values():
            _give_back(server, name)


_emptied: list[str] = []  # migrated databases with no rows, ready for the next test


def _new_database(server: str) -> str:
    name = f"test_{next(_numbers)}"
    admin(server, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    return name


def _give_back(server: str, name: str) -> None:
    """Empties the database for the next test (which then gets the bundled plan as a new file
    does); one whose schema the test changed is dropped instead."""
    from sqlalchemy import create_engine, text

    from cell_desk.storage.models import Base
    from cell_desk.storage.schema import HEAD_REVISION

    engine = create_engine(database_url(server, name).replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '5s'"))  # a connection left open: dropped instead
            if conn.execute(text("SELECT version_num FROM alembic_version")).scalar() != HEAD_REVISION:
                raise LookupError(name)
            tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        _emptied.append(name)
    except Exception:
        admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        engine.dispose()
