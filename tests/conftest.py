"""Shared test settings: every test runs with the embedded example profile unless it says otherwise.

Tests that touch the store take the `database_url` fixture (directly, or through
`pytestmark = pytest.mark.usefixtures("database_url")`) and run once per database: SQLite and a real
PostgreSQL (a throw-away cluster of the session's own, a fresh database per test). Choose with
`--databases sqlite,postgresql` or $CSPRBOT_TEST_DATABASES; the default is both when PostgreSQL is
installed. With CSPRBOT_REQUIRE_SERVERS=1 (CI) a missing PostgreSQL fails instead of being left out.
On PostgreSQL `database_url` also sets $CSPRBOT_DATABASE_URL, so CLI-driven tests use it unchanged; on
SQLite it names the embedded default's file under tmp_path (`var/csprbot.db`) and sets nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `tests.servers` without an installed checkout
    sys.path.insert(0, str(ROOT))

# Tests never read a developer's own config or mailbox passwords by accident.
for var in ("CSPRBOT_CONFIG", "CSPRBOT_INBOX_URL", "CSPRBOT_SENDER_URL", "CSPRBOT_DATABASE_URL",
            "CSPRBOT_INBOX_PASSWORD", "CSPRBOT_SENDER_PASSWORD", "CSPRBOT_LEASE_SECONDS", "CSPRBOT_INSTANCE"):
    os.environ.pop(var, None)
# The memo of validated profiles (bot/profile.py) goes to a folder of this run's, not the developer's ~/.cache.
os.environ["CSPRBOT_CACHE_DIR"] = tempfile.mkdtemp(prefix="csprbot-test-cache.")

DATABASES = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--databases", default=None,
                     help="databases to run store tests on: sqlite,postgresql (default $CSPRBOT_TEST_DATABASES, "
                          "else both when PostgreSQL is installed)")


def selected_databases(config: pytest.Config) -> list[str]:
    from tests.servers.postgres_server import pg_bindir

    chosen = config.getoption("--databases") or os.environ.get("CSPRBOT_TEST_DATABASES")
    if chosen:
        names = [n.strip().lower() for n in chosen.split(",") if n.strip()]
        unknown = sorted(set(names) - set(DATABASES))
        if unknown:
            raise pytest.UsageError(f"--databases: unknown {', '.join(unknown)} (choose from {', '.join(DATABASES)})")
        return names
    if pg_bindir() is not None or os.environ.get("CSPRBOT_REQUIRE_SERVERS") == "1":
        return list(DATABASES)
    return ["sqlite"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_backend" not in metafunc.fixturenames:
        return
    names = selected_databases(metafunc.config)
    if metafunc.definition.get_closest_marker("pg_only"):
        names = [n for n in names if n == "postgresql"]
    metafunc.parametrize("db_backend", names, indirect=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    from tests.servers.postgres_server import PostgresServer

    with PostgresServer() as pg:
        yield pg


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(db_backend: str, request: pytest.FixtureRequest, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if db_backend == "sqlite":
        yield f"sqlite:///{tmp_path}/var/csprbot.db"
        return
    pg = request.getfixturevalue("pg_server")
    url = pg.create_database()
    monkeypatch.setenv("CSPRBOT_DATABASE_URL", url)
    yield url
    pg.drop_database(url)
