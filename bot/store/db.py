"""Engine, sessions and migrations: SQLite in WAL mode by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

# Re-exported: the head is read without SQLAlchemy by the light `csprbot cases` path too.
from bot.store.schema_head import MIGRATIONS as MIGRATIONS
from bot.store.schema_head import head_revision as head_revision

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers (csprbot cases, the digest) never block the writer; NORMAL sync is durable in WAL.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # Deleted rows (retention) are overwritten, not left readable in free pages of the file and its backups.
    cur.execute("PRAGMA secure_delete=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(url: str) -> Engine:
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):  # the driver csprbot[postgres] installs (SQLAlchemy would pick psycopg2)
            url = "postgresql+psycopg://" + url[len(plain):]
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    # pool_pre_ping: a PostgreSQL restart (or failover) costs one reconnect, not a failed pass.
    engine = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to head; run on every start (a no-op when already there)."""
    from alembic import command
    from alembic.config import Config

    from bot.store.claims import migration_lock

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with migration_lock(engine), engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            # pysqlite (Python 3.11) opens a transaction only before INSERT/UPDATE/DELETE: CREATE TABLE,
            # CREATE TRIGGER and a batch migration's table copy would each commit on their own, and a kill
            # between them left half a schema no later start could migrate. Driver autocommit plus one
            # explicit BEGIN puts every migration and the alembic_version row in one transaction.
            dbapi = conn.connection.driver_connection
            assert dbapi is not None
            saved = dbapi.isolation_level
            dbapi.isolation_level = None
            try:
                with conn.begin():
                    conn.exec_driver_sql("BEGIN")
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
            finally:
                dbapi.isolation_level = saved
            return
        # PostgreSQL's DDL is transactional: the whole upgrade is one transaction already.
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")


def ensure_schema(engine: Engine) -> None:
    """Migrate only when the database is not at the head revision.

    Comparing the stored alembic_version with head_revision() costs one query; importing and running
    Alembic to find there is nothing to do cost most of a read-only command's start-up (~0.5 s).
    """
    head = head_revision()
    if head is not None:
        try:
            with engine.connect() as conn:
                current = list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
        except DBAPIError:  # no alembic_version table yet: a new store
            current = []
        if current == [head]:
            return
    migrate(engine)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker  # here, not at the top: `csprbot cases` runs on Core alone

    return sessionmaker(engine, expire_on_commit=False)
