"""`csprbot cases` on an up-to-date SQLite store through the standard library: no SQLAlchemy, no pydantic.

Importing SQLAlchemy (~0.9 G instructions) and validating the profile with pydantic (~0.9 G) were nearly
all of the command's ~0.4 s start-up; listing a few thousand cases costs milliseconds. This path is taken
only when nothing is left to decide: the profile passed full validation before (bot.profile's memo), the
store is a SQLite file, and its alembic_version is the migrations' head. Otherwise quick_case_list returns
None and the command goes the full way (validation with field-named errors, Alembic when behind, any
database). The rows are those of bot.caselist.case_list, the same query written out for SQLite;
tests/unit/test_quick_cases.py holds the two equal on generated stores.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any
from urllib.parse import quote

from bot.domain.clockstatus import status

# bot.caselist.case_list's query as SQLAlchemy compiles it for SQLite, parameters named.
CASES_SQL = """
SELECT cases.ref, cases.stage, cases.opened_at, cases.late_referral, ranked."key", ranked.agency, ranked.due,
       ranked.state, ranked.stopped_on, ranked.late
FROM cases LEFT OUTER JOIN (
    SELECT clocks.case_id AS case_id, clocks."key" AS "key", clocks.agency AS agency, clocks.due AS due,
           clocks.state AS state, clocks.stopped_on AS stopped_on,
           row_number() OVER (PARTITION BY clocks.case_id ORDER BY clocks.due, clocks.id) AS rn,
           sum(CASE WHEN (clocks.due < :today) THEN 1 ELSE 0 END) OVER (PARTITION BY clocks.case_id) AS late
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


def connect_at_head(path: str, head: str | None) -> sqlite3.Connection | None:
    """The store opened as the engine opens it, if it exists and its schema is at `head`; else None."""
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


def case_rows(conn: sqlite3.Connection, today: date, include_closed: bool = False) -> list[dict[str, Any]]:
    """bot.caselist.case_list's rows, values converted as SQLAlchemy's SQLite types convert them."""
    sql = CASES_SQL.format(where="" if include_closed else OPEN_ONLY)
    out = []
    for ref, stage, opened, late_referral, key, agency, due, state, stopped_on, late in conn.execute(
            sql, {"today": today.isoformat()}):
        nxt = None
        if key is not None:
            due_day = date.fromisoformat(due)
            stopped = date.fromisoformat(stopped_on) if stopped_on is not None else None
            nxt = {"clock": key, "agency": agency or None, "due": due_day.isoformat(),
                   "status": status(state, due_day, stopped, today)}
        out.append({
            "ref": ref, "stage": stage, "opened": date.fromisoformat(opened[:10]).isoformat(),
            "late_referral": None if late_referral is None else bool(late_referral),
            "next_due": nxt, "breached": int(late or 0),
        })
    return out


def quick_case_list(config: str | None, env: dict[str, str], now_arg: str | None,
                    include_closed: bool) -> list[dict[str, Any]] | None:
    """The `csprbot cases` rows by the light path, or None when the full way must decide."""
    from bot.profile import trusted_store

    found = trusted_store(config, env)
    path = sqlite_file(found[0]) if found is not None else None
    if found is None or path is None:
        return None
    from zoneinfo import ZoneInfo

    from bot.clock import SystemClock, parse_now
    from bot.store.schema_head import head_revision

    tz = found[1]
    conn = connect_at_head(path, head_revision())
    if conn is None:
        return None
    try:
        now = parse_now(now_arg, tz) if now_arg else SystemClock().now()
        return case_rows(conn, now.astimezone(ZoneInfo(tz)).date(), include_closed)
    finally:
        conn.close()
