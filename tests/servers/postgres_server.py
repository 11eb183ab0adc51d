"""A throw-away PostgreSQL cluster on 127.0.0.1 for tests, from the Debian binaries (initdb, pg_ctl).

    with PostgresServer() as pg:              # initdb + start: ~1.5 s
        url = pg.create_database()            # a fresh database, schema at head (copied from a template)
        pg.drop_database(url)

`initdb` refuses to run as root: as root the cluster belongs to the `postgres` system user (made by the
Debian package) through runuser, in a directory under /dev/shm or /tmp it can reach. Durability settings
are off (fsync, synchronous_commit): the tests kill csprbot, never the database.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import pytest

from tests.servers.dovecot_server import default_root, free_port

RUN_AS = "postgres"
TEMPLATE = "csprbot_template"


def pg_bindir() -> Path | None:
    """The newest installed server's bin directory (Debian: /usr/lib/postgresql/<major>/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def require_postgres() -> Path:
    """Skip when PostgreSQL is not installed, unless CSPRBOT_REQUIRE_SERVERS=1 (CI): then fail."""
    bindir = pg_bindir()
    if bindir is not None:
        return bindir
    reason = "PostgreSQL server not installed (apt-get install postgresql)"
    if os.environ.get("CSPRBOT_REQUIRE_SERVERS") == "1":
        pytest.fail(f"CSPRBOT_REQUIRE_SERVERS=1 but {reason}", pytrace=False)
    pytest.skip(reason)


class PostgresServer:
    def __init__(self, root: str | None = None) -> None:
        self.bindir = require_postgres()
        self.basedir = Path(tempfile.mkdtemp(prefix="pg.", dir=root or default_root()))
        self.data = self.basedir / "data"
        self.port = free_port()
        self.user = "csprbot"
        self._names = itertools.count(1)
        self._as_root = os.getuid() == 0
        self.template_ready = False

    def _cmd(self, *args: str) -> list[str]:
        return ["runuser", "-u", RUN_AS, "--", *args] if self._as_root else list(args)

    def start(self) -> PostgresServer:
        if self._as_root:
            pw = pwd.getpwnam(RUN_AS)
            os.chown(self.basedir, pw.pw_uid, pw.pw_gid)
        if not self.data.exists():
            subprocess.run(self._cmd(str(self.bindir / "initdb"), "-D", str(self.data), "-U", self.user,
                                     "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"),
                           check=True, capture_output=True)
        opts = (f"-p {self.port} -k {self.basedir} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        subprocess.run(self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-w",
                                 "-l", str(self.basedir / "server.log"), "start"),
                       check=True, capture_output=True)
        return self

    def stop(self, mode: str = "fast") -> None:
        if (self.data / "postmaster.pid").exists():
            subprocess.run(self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"),
                           capture_output=True, check=False)

    def cleanup(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.basedir, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(self, t: type[BaseException] | None, v: BaseException | None, tb: TracebackType | None) -> None:
        self.cleanup()

    # -- databases ------------------------------------------------------------------------------
    def url(self, dbname: str, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://{self.user}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres", "postgresql"), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def _template(self) -> None:
        """A database migrated to head once per session; each test's database is a copy (~30 ms)."""
        if self.template_ready:
            return
        from bot.store.db import make_engine, migrate

        self.admin(f"CREATE DATABASE {TEMPLATE}")
        engine = make_engine(self.url(TEMPLATE))
        try:
            migrate(engine)
        finally:
            engine.dispose()
        self.template_ready = True

    def create_database(self, migrated: bool = True) -> str:
        name = f"t{os.getpid()}_{next(self._names)}"
        if migrated:
            self._template()
            self.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        else:
            self.admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        for _ in range(3):
            try:
                self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                return
            except Exception:  # a connection racing in while it drops: try again
                time.sleep(0.2)

    def log(self) -> str:
        with contextlib.suppress(OSError):
            return (self.basedir / "server.log").read_text(errors="replace")
        return ""
