"""`csprbot cases` without SQLAlchemy or pydantic (issue 13, start-up <= 0.3 s): the light path reads the
same rows as the Core query (SQLite and PostgreSQL), is taken only for a profile that already passed
validation and a store at the head revision, and its process imports none of the heavy libraries."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert

from bot.caselist import case_list
from bot.caselist_light import (
    case_rows,
    case_rows_pg,
    connect_at_head,
    connect_pg_at_head,
    libpq_url,
    quick_case_list,
    sqlite_file,
)
from bot.profile import remember, trusted_store
from bot.settings import data_dir
from bot.store.db import MIGRATIONS, ensure_schema, head_revision, make_engine
from bot.store.models import Case, Clock

EXAMPLE = data_dir("config") / "example.toml"
# What `csprbot cases` used to import (pydantic and email-validator for the profile, SQLAlchemy for one
# query) and what it must never import (the mail adapters, the templates, the scheduler, the parsers).
HEAVY = ("sqlalchemy", "pydantic", "pydantic_core", "email_validator", "idna", "alembic", "jinja2", "apscheduler",
         "imapclient", "exchangelib", "msal", "holidays", "icalendar", "parsers", "requests", "tomllib", "logging")

day = st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31))
clock_rows = st.lists(
    st.tuples(st.sampled_from(["screening", "notification", "agency_return", "lcspr"]),
              st.sampled_from(["", "Police", "ICB Health"]), day, st.sampled_from(["running", "met", "stopped"]),
              st.one_of(st.none(), day)),
    max_size=6, unique_by=lambda c: (c[0], c[1]))
case_rows_st = st.lists(
    st.tuples(st.sampled_from(["screening", "rapid_review", "lcspr", "closed"]), st.booleans(),
              st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2027, 1, 1)), clock_rows),
    max_size=8)


def light_rows(url: str, today: dt.date, include_closed: bool) -> list[dict[str, Any]]:
    """The light path's rows for a store URL (SQLite file or PostgreSQL), as `csprbot cases` reads them."""
    path, pg = sqlite_file(url), libpq_url(url)
    if path is not None:
        conn = connect_at_head(path, head_revision())
        assert conn is not None
        try:
            return case_rows(conn, today, include_closed)
        finally:
            conn.close()
    assert pg is not None
    pconn = connect_pg_at_head(pg, head_revision())
    assert pconn is not None
    try:
        return case_rows_pg(pconn, today, include_closed)
    finally:
        pconn.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=case_rows_st, today=day, include_closed=st.booleans())
def test_the_light_rows_are_the_core_query_rows(database_url: str, cases: list[Any], today: dt.date,
                                                  include_closed: bool) -> None:
    engine = make_engine(database_url)
    try:
        ensure_schema(engine)
        with engine.begin() as conn:
            conn.execute(delete(Clock))
            conn.execute(delete(Case))
            for i, (stage, late, opened, clocks) in enumerate(cases, start=1):
                conn.execute(insert(Case), {"id": i, "ref": f"NS-CSPR-2026-{i:03d}", "year": 2026, "seq": i,
                                            "stage": stage, "opened_at": opened, "received_date": opened.date(),
                                            "late_referral": late})
                for key, agency, due, state, stopped in clocks:
                    conn.execute(insert(Clock), {"case_id": i, "key": key, "agency": agency, "anchor": due,
                                                 "due": due, "original_due": due, "state": state,
                                                 "started_at": opened, "stopped_on": stopped})
        with engine.connect() as conn:
            want = case_list(conn, today, include_closed=include_closed)
    finally:
        engine.dispose()
    got = light_rows(database_url, today, include_closed)
    assert got == want
    assert json.dumps(got) == json.dumps(want)  # the printed form too: bool, not 0/1


def test_only_a_store_at_the_head_is_read_lightly(tmp_path: Path) -> None:
    assert connect_at_head(str(tmp_path / "absent.db"), head_revision()) is None
    assert not (tmp_path / "absent.db").exists()  # not created here: the full way creates and migrates it
    old = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{old}")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    assert connect_at_head(str(old), head_revision()) is None
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert connect_at_head(str(tmp_path / "junk.db"), head_revision()) is None
    assert sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("postgresql://u:p@h/db") is None
    assert libpq_url("postgresql+psycopg://u:p@h:5/db") == libpq_url("postgres://u:p@h:5/db") == "postgresql://u:p@h:5/db"
    assert libpq_url("postgresql+psycopg2://u@h/db") is None and libpq_url("sqlite:///x.db") is None
    assert connect_pg_at_head("postgresql://nobody@127.0.0.1:1/none", head_revision()) is None  # refused
    assert connect_pg_at_head("postgresql://nobody@127.0.0.1:1/none?sslmode=disable", head_revision()) is None
    assert sqlite_file("sqlite:///var/my%20store.db") is None  # SQLAlchemy unquotes: left to it


@given(url=st.sampled_from(["sqlite:///var/csprbot.db", "sqlite:////srv/x.db", "postgresql://u:secret@h/db"]),
       tz=st.sampled_from(["Europe/London", "Europe/Belfast"]), edit=st.binary(min_size=1, max_size=20),
       override=st.sampled_from(["CSPRBOT_DATABASE_URL", "CSPRBOT_INBOX_URL", "CSPRBOT_LEASE_SECONDS"]))
@settings(max_examples=30, deadline=None)
def test_the_memo_trusts_exactly_the_profile_that_passed(url: str, tz: str, edit: bytes, override: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "p.toml"
        profile.write_bytes(EXAMPLE.read_bytes())
        env = {"CSPRBOT_CACHE_DIR": f"{tmp}/cache"}
        assert trusted_store(str(profile), env) is None  # nothing remembered yet
        remember(str(profile), env, profile.read_bytes(), url, tz)
        memo = "".join(p.read_text() for p in Path(f"{tmp}/cache").iterdir())
        assert "secret" not in memo  # a PostgreSQL URL (it may carry a password) is never written down
        if not url.startswith("sqlite"):
            assert trusted_store(str(profile), env) is None  # a URL from the profile itself: the full way
            env_url = {**env, "CSPRBOT_DATABASE_URL": url}
            remember(str(profile), env_url, profile.read_bytes(), url, tz)
            assert "secret" not in "".join(p.read_text() for p in Path(f"{tmp}/cache").iterdir())
            assert trusted_store(str(profile), env_url) == (url, tz)  # named, read from the environment again
            assert trusted_store(str(profile), {**env_url, "CSPRBOT_DATABASE_URL": url + "x"}) is None
            return
        assert trusted_store(str(profile), env) == (url, tz)
        assert trusted_store(str(profile), {**env, override: "x"}) is None  # other overrides: not what passed
        profile.write_bytes(profile.read_bytes() + b"\n# " + edit.hex().encode())
        assert trusted_store(str(profile), env) is None  # an edited profile is validated afresh
        assert trusted_store(str(profile), {"CSPRBOT_CACHE_DIR": f"{tmp}/other"}) is None


def run_cases(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str, str, list[str]]:
    """`csprbot cases ARGS` in a fresh process: exit code, stdout, stderr and the heavy modules it imported."""
    code = ("import sys, json\nfrom bot.cli import main\nrc = main(sys.argv[1:])\nsys.stdout.flush()\n"
            f"heavy = {HEAVY!r}\n"
            "print('\\nIMPORTED ' + json.dumps(sorted({m.split('.')[0] for m in sys.modules} & set(heavy))),"
            " file=sys.stderr)\nsys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, "cases", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, check=False)
    err, _, imported = proc.stderr.rpartition("\nIMPORTED ")
    return proc.returncode, proc.stdout, err, json.loads(imported)


def test_cases_imports_no_heavy_library_once_the_profile_has_passed(database_url: str, tmp_path: Path) -> None:
    url = database_url
    env = {**os.environ, "CSPRBOT_DATABASE_URL": url, "CSPRBOT_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    rc, full, _, imported = run_cases(["--now", "2026-05-01"], env, tmp_path)
    assert rc == 0 and full == "no open cases\n"
    assert {"pydantic", "sqlalchemy"} <= set(imported)  # the first time: validated (and created, migrated)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(insert(Case), {"id": 1, "ref": "NS-CSPR-2026-001", "year": 2026, "seq": 1, "stage": "screening",
                                    "opened_at": dt.datetime(2026, 4, 1, 9), "received_date": dt.date(2026, 4, 1),
                                    "late_referral": True})
        conn.execute(insert(Clock), {"case_id": 1, "key": "screening", "agency": "", "anchor": dt.date(2026, 4, 1),
                                     "due": dt.date(2026, 4, 8), "original_due": dt.date(2026, 4, 8),
                                     "state": "running", "started_at": dt.datetime(2026, 4, 1, 9)})
    with engine.connect() as conn:
        want = case_list(conn, dt.date(2026, 5, 1))
    engine.dispose()
    for args in ([], ["--json"], ["--all", "--json"]):
        rc, out, err, imported = run_cases([*args, "--now", "2026-05-01"], env, tmp_path)
        assert (rc, err) == (0, ""), args
        assert imported == ([] if url.startswith("sqlite") else ["logging"]), args  # psycopg itself logs
        if "--json" in args:
            assert json.loads(out) == want
        else:
            assert out == "NS-CSPR-2026-001     screening        screening due 2026-04-08 [breached]  LATE REFERRAL\n"


def test_a_wrong_profile_is_refused_by_cases_even_after_a_good_one_passed(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_bytes(EXAMPLE.read_bytes())
    env = {**os.environ, "CSPRBOT_CONFIG": str(profile), "CSPRBOT_DATABASE_URL": f"sqlite:///{tmp_path}/c.db",
           "CSPRBOT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    assert run_cases([], env, tmp_path)[0] == 0
    assert run_cases([], env, tmp_path)[3] == []  # remembered: the light path
    text = profile.read_text("utf-8")
    first = text.index("coordinator")
    start, end = text.index('"', first) + 1, text.index('"', text.index('"', first) + 1)
    profile.write_text(text[:start] + "not an address" + text[end:], "utf-8")
    for _ in range(2):  # and not remembered as good the second time either
        rc, out, err, imported = run_cases([], env, tmp_path)
        assert rc == 2 and out == ""
        assert "problem(s)" in err and "roles.coordinator[0]: not a valid email address" in err
        assert "pydantic" in imported
    shutil.rmtree(tmp_path / "cache")
    sqlite3.connect(tmp_path / "c.db").close()
    assert quick_case_list(str(profile), env, None, False) is None  # no memo: the full way


def test_new_validating_code_voids_the_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.profile

    validator = tmp_path / "settings.py"
    validator.write_text("# v1")
    monkeypatch.setattr(bot.profile, "_VALIDATORS", (validator,))
    profile = tmp_path / "p.toml"
    profile.write_bytes(EXAMPLE.read_bytes())
    env = {"CSPRBOT_CACHE_DIR": str(tmp_path / "cache")}
    remember(str(profile), env, profile.read_bytes(), "sqlite:///var/csprbot.db", "Europe/London")
    assert trusted_store(str(profile), env) == ("sqlite:///var/csprbot.db", "Europe/London")
    validator.write_text("# v2, stricter")  # csprbot upgraded: what passed before must pass again
    assert trusted_store(str(profile), env) is None


@given(newline=st.sampled_from([b"\n", b"\r\n", b"\r"]))
@settings(max_examples=3, deadline=None)
def test_the_memo_is_of_the_bytes_that_were_validated(newline: bytes) -> None:
    import tempfile

    from bot.settings import load_profile, load_settings

    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "p.toml"
        profile.write_bytes(EXAMPLE.read_bytes().replace(b"\n", newline))
        settings_, raw = load_profile(str(profile), {})
        assert raw == profile.read_bytes()
        assert settings_ == load_settings(str(EXAMPLE), {})  # read as Path.read_text reads: universal newlines
        env = {"CSPRBOT_CACHE_DIR": f"{tmp}/cache"}
        # Validated, then edited before the memo was written: the memo is of what was validated, so the
        # edited file is not trusted.
        profile.write_bytes(raw + b"\n[bogus]\n")
        remember(str(profile), env, raw, "sqlite:///var/csprbot.db", "Europe/London")
        assert trusted_store(str(profile), env) is None
        profile.write_bytes(raw)
        assert trusted_store(str(profile), env) == ("sqlite:///var/csprbot.db", "Europe/London")
