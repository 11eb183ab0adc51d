"""`csprbot cases` on an up-to-date store without SQLAlchemy or pydantic: SQLite through the standard
library's sqlite3, PostgreSQL through psycopg directly.

Importing SQLAlchemy (~0.9 G instructions) and validating the profile with pydantic (~0.9 G) were nearly
all of the command's start-up; listing a few thousand cases costs milliseconds. This path is taken only
when nothing is left to decide: the profile passed full validation before (bot.profile's memo), the store
is a SQLite file or a PostgreSQL URL csprbot's own engine would open with psycopg, and its alembic_version
is the migrations' head. Otherwise (or on any error reaching the store) quick_case_list returns None and the
command goes the full way: validation with field-named errors, Alembic when behind, SQLAlchemy's errors.
The rows are those of bot.caselist.case_list, the same query written out; tests/unit/test_quick_cases.py
holds the two equal on generated stores, on both databases.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any
from urllib.parse import quote

from bot.domain.clockstatus import status

# bot.caselist.case_list's query as SQLAlchemy compiles it, parameter named ({today}: the driver's style).
CASES_SQL = """
SELECT cases.ref, cases.stage, cases.opened_at, cases.late_referral, ranked."key", ranked.agency, ranked.due,
       ranked.state, ranked.stopped_on, ranked.late
FROM cases LEFT OUTER JOIN (
    SELECT clocks.case_id AS case_id, clocks."key" AS "key", clocks.agency AS agency, clocks.due AS due,
           clocks.state AS state, clocks.stopped_on AS stopped_on,
           row_number() OVER (PARTITION BY clocks.case_id ORDER BY clocks.due, clocks.id) AS rn,
           sum(CASE WHEN (clocks.due < {today}) THEN 1 ELSE 0 END) OVER (PARTITION BY clocks.case_id) AS late
    FROM clocks WHERE clocks.state = 'running'
) AS ranked ON ranked.case_id = cases.id AND ranked.rn = 1
{where}ORDER BY cases.id
"""
OPEN_ONLY = "WHERE cases.stage != 'closed' "


def sqlite_file(url: str) -> str | None:
    """The file of a plain `sqlite:///PATH` URL (as bot.store.db.make_engine reads it); None for anything else."""
    if not url.startswith("sqlite:///") or url.startswith("sqlite:///:memory:") or "?" in url:
        return None
    path = url[len("sqlite:///"):]
    return path if path and "%" not in path else None  # SQLAlchemy would unquote %XX: leave that to it


def libpq_url(url: str) -> str | None:
    """The URL for psycopg.connect of a store csprbot's engine opens with psycopg; None for anything else."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix):]
    return None


def connect_at_head(path: str, head: str | None) -> sqlite3.Connection | None:
    """The SQLite store opened as the engine opens it, if it exists and its schema is at `head`; else None."""
    if head is None:
        return None
    try:
        # mode=rw: a missing file is not created here (the full way creates and migrates it).
        conn = sqlite3.connect(f"file:{quote(path)}?mode=rw", uri=True)
    except sqlite3.Error:
        return None
    try:
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=10000"):
            conn.execute(f"PRAGMA {pragma}")  # bot.store.db._sqlite_pragmas: the same connection
        current = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    except sqlite3.Error:  # not a database, or no alembic_version yet
        conn.close()
        return None
    if current != [head]:
        conn.close()
        return None
    return conn


def connect_pg_at_head(url: str, head: str | None) -> Any:
    """A psycopg connection to the PostgreSQL store if it answers and its schema is at `head`; else None."""
    if head is None:
        return None
    try:
        import psycopg
    except ImportError:  # no csprbot[postgres]: the full way says so as it always has
        return None
    # A bound on the wait, unless the URL sets its own: a server that does not answer is then waited for once
    # more by the full way, which reports it in its own words (the engine sets no timeout).
    timeout = "" if "connect_timeout" in url else ("&" if "?" in url else "?") + "connect_timeout=10"
    try:
        conn = psycopg.connect(url + timeout)
    except psycopg.Error:  # unreachable, refused...: the full way reports it in its own words
        return None
    try:
        current = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
    except psycopg.Error:
        conn.close()
        return None
    if current != [head]:
        conn.close()
        return None
    return conn


def case_rows(conn: sqlite3.Connection, today: date, include_closed: bool = False) -> list[dict[str, Any]]:
    """bot.caselist.case_list's rows from SQLite, values converted as SQLAlchemy's SQLite types convert them."""
    sql = CASES_SQL.format(today=":today", where="" if include_closed else OPEN_ONLY)
    return _rows(conn.execute(sql, {"today": today.isoformat()}), today, text_dates=True)


def case_rows_pg(conn: Any, today: date, include_closed: bool = False) -> list[dict[str, Any]]:
    """bot.caselist.case_list's rows from PostgreSQL (psycopg gives dates and booleans as SQLAlchemy does)."""
    sql = CASES_SQL.format(today="%(today)s", where="" if include_closed else OPEN_ONLY)
    return _rows(conn.execute(sql, {"today": today}), today, text_dates=False)


def _day(value: Any, text_dates: bool) -> date:
    # SQLite keeps dates and timestamps as ISO text; PostgreSQL gives date and datetime objects.
    if text_dates:
        return date.fromisoformat(value[:10])
    return value.date() if hasattr(value, "date") else value  # type: ignore[no-any-return]


def _rows(result: Any, today: date, text_dates: bool) -> list[dict[str, Any]]:
    out = []
    for ref, stage, opened, late_referral, key, agency, due, state, stopped_on, late in result:
        nxt = None
        if key is not None:
            due_day = _day(due, text_dates)
            stopped = _day(stopped_on, text_dates) if stopped_on is not None else None
            nxt = {"clock": key, "agency": agency or None, "due": due_day.isoformat(),
                   "status": status(state, due_day, stopped, today)}
        out.append({
            "ref": ref, "stage": stage, "opened": _day(opened, text_dates).isoformat(),
            "late_referral": None if late_referral is None else bool(late_referral),
            "next_due": nxt, "breached": int(late or 0),
        })
    return out


def quick_case_list(config: str | None, env: dict[str, str], now_arg: str | None,
                    include_closed: bool) -> list[dict[str, Any]] | None:
    """The `csprbot cases` rows by the light path, or None when the full way must decide."""
    from bot.profile import trusted_store

    found = trusted_store(config, env)
    if found is None:
        return None
    url, tz = found
    path, pg = sqlite_file(url), libpq_url(url)
    if path is None and pg is None:
        return None
    from zoneinfo import ZoneInfo

    from bot.clock import SystemClock, parse_now
    from bot.store.schema_head import head_revision

    conn = connect_at_head(path, head_revision()) if path is not None else connect_pg_at_head(str(pg), head_revision())
    if conn is None:
        return None
    try:
        now = parse_now(now_arg, tz) if now_arg else SystemClock().now()
        today = now.astimezone(ZoneInfo(tz)).date()
        return case_rows(conn, today, include_closed) if path is not None else case_rows_pg(conn, today, include_closed)
    finally:
        conn.close()
