"""The same-incident check by index (cases.child_*_key) finds what the old scan of every open case found.

The oracle is the scan csprbot used before (every open case's three child fields read from its form,
then bot.domain.duplicates.same_incident); the indexed path asks the store for candidates by key and
lets the same pure function decide. Generated cases share names, spellings, dates and stages on
purpose, so matches, near misses and closed cases all occur.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, select, text
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.duplicates import incident_keys, lookup_keys, same_incident
from bot.store.db import make_engine, migrate, session_factory
from bot.store.models import Case
from bot.store.repo import incident_candidates
from parsers.records import Child, Referral

NAMES = ("Alex Fictional", "alex  fictional", "Fictional, Alex", "ALEX FICTIONAL ", "Sam Other", "Sam  other",
         "", None, "Zoë Ünïcode", "zoë ünïcode", "X" * 250, "x" * 250 + "y")
DATES = ("2019-03-14", "2019-03-15", "2026-04-01", "", None, "14/03/2019", "d" * 70, "d" * 70 + "e")
STAGES = ("screening", "rapid_review", "closed", "lcspr")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = make_engine(f"sqlite:///{tmp_path}/csprbot.db")
    migrate(eng)
    yield eng
    eng.dispose()


def old_scan(s: Session) -> list[tuple[str, dict[str, object] | None]]:
    """What intake did before the index: every open case's child fields, by JSON path (case order)."""
    child = [Case.referral_json[("child", f)].as_string() for f in ("name", "date_of_birth", "incident_date")]
    rows = s.execute(select(Case.ref, *child).where(Case.stage != "closed").order_by(Case.id)).all()
    return [(ref, {"child": {"name": name, "date_of_birth": dob, "incident_date": incident}})
            for ref, name, dob, incident in rows]


def indexed(s: Session, new: Referral) -> str | None:
    keys = lookup_keys(new)
    return same_incident(new, incident_candidates(s, keys)) if keys else None


forms = st.one_of(
    st.none(),
    st.just({"summary": "no child section"}),
    st.builds(lambda n, d, i: {"child": {"name": n, "date_of_birth": d, "incident_date": i}},
              st.sampled_from(NAMES), st.sampled_from(DATES), st.sampled_from(DATES)),
)
referrals = st.builds(lambda n, d, i: Referral(child=Child(name=n, date_of_birth=d, incident_date=i)),
                      st.sampled_from(NAMES), st.sampled_from(DATES), st.sampled_from(DATES))


def add_cases(s: Session, cases: list[tuple[str, dict[str, object] | None]]) -> None:
    for seq, (stage, form) in enumerate(cases, start=1):
        s.add(Case(ref=f"NS-CSPR-2026-{seq:03d}", year=2026, seq=seq, stage=stage, opened_at=datetime(2026, 3, 1),
                   received_date=date(2026, 3, 1), late_referral=False, referral_json=form))


def test_indexed_check_finds_what_the_scan_found(engine: Engine) -> None:
    sessions = session_factory(engine)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(st.sampled_from(STAGES), forms), max_size=12), st.lists(referrals, min_size=1,
                                                                                       max_size=4))
    def check(cases: list[tuple[str, dict[str, object] | None]], news: list[Referral]) -> None:
        with sessions.begin() as s:
            s.execute(delete(Case))
            add_cases(s, cases)
        with sessions() as s:
            for new in news:
                assert indexed(s, new) == same_incident(new, old_scan(s))

    check()


HOME = "1 Nowhere Lane, Exampletown, ZZ1 1ZZ"


def test_keys_follow_the_form_when_it_changes(engine: Engine) -> None:
    sessions = session_factory(engine)
    with sessions.begin() as s:
        add_cases(s, [("screening", {"child": {"name": "Alex Fictional", "date_of_birth": "2019-03-14",
                                               "home_address": HOME}})])
    # the address with the name and date of birth: a name and a birthday alone only flag (stranger round 16)
    new = Referral(child=Child(name="alex fictional", date_of_birth="2019-03-14", home_address=HOME))
    with sessions.begin() as s:
        assert indexed(s, new) == "NS-CSPR-2026-001"
        case = s.scalars(select(Case)).one()
        case.referral_json = {"child": {"name": "Sam Other", "date_of_birth": "2019-03-14",  # corrected
                                        "home_address": HOME}}
    with sessions() as s:
        assert indexed(s, new) is None
        assert indexed(s, Referral(child=Child(name="SAM OTHER", date_of_birth="2019-03-14", home_address=HOME))) \
            == "NS-CSPR-2026-001"


def test_candidates_are_found_by_index_not_by_scan(engine: Engine) -> None:
    """SQLite's plan for the candidate query searches a child key index rather than scanning cases."""
    plans: list[str] = []
    sessions = session_factory(engine)
    with sessions() as s:
        conn = s.connection()
        from sqlalchemy import event

        def explain(_c: object, cursor: object, statement: str, params: object, _ctx: object, _m: bool) -> None:
            if "child_name_key" in statement and not statement.startswith("EXPLAIN"):
                plans.extend(str(r) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params))

        event.listen(engine, "before_cursor_execute", explain)
        try:
            incident_candidates(s, lookup_keys(Referral(child=Child(name="Alex", incident_date="2026-04-01")))
                                or pytest.fail("no keys"))
        finally:
            event.remove(engine, "before_cursor_execute", explain)
    # Either key index narrows the search to a few rows (SQLite without statistics may pick the incident
    # date's, migration 0008); what matters is that no query walks every case.
    assert plans and any("ix_cases_child_name_key" in p or "ix_cases_child_incident_key" in p for p in plans), plans
    assert not any("SCAN cases" in p or "SCAN TABLE cases" in p for p in plans), plans


def test_migration_backfills_existing_cases(tmp_path: Path) -> None:
    """A store created before the keys existed: upgrading fills them from each case's form."""
    from alembic import command
    from alembic.config import Config

    from bot.store.db import MIGRATIONS

    eng = make_engine(f"sqlite:///{tmp_path}/old.db")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    forms_ = [{"child": {"name": "Fictional,  ALEX", "date_of_birth": "2019-03-14", "incident_date": None}},
              None, {"child": {"name": "", "incident_date": "2026-04-01"}}, {"no": "child"}]
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    import json

    with eng.begin() as conn:
        for seq, form in enumerate(forms_, start=1):
            conn.execute(text("INSERT INTO cases (ref, year, seq, stage, opened_at, received_date, late_referral,"
                              " referral_json) VALUES (:r, 2026, :q, 'screening', :o, :d, 0, :j)"),
                         {"r": f"R-{seq}", "q": seq, "o": datetime(2026, 3, 1), "d": date(2026, 3, 1),
                          "j": None if form is None else json.dumps(form)})
    migrate(eng)
    with session_factory(eng)() as s:
        got = {c.ref: (c.child_name_key, c.child_dob_key, c.child_incident_key)
               for c in s.scalars(select(Case).order_by(Case.id))}
    eng.dispose()
    expect = {f"R-{i}": tuple(vars(incident_keys(f)).values()) for i, f in enumerate(forms_, start=1)}
    assert got == expect
    assert got["R-1"] == ("alex fictional", "2019-03-14", None)  # words in sorted order (name_key)


def test_retention_purge_clears_the_keys(engine: Engine) -> None:
    from bot.app import make_calendar
    from bot.apply import Runtime
    from bot.retention import purge
    from bot.settings import load_settings

    sessions: sessionmaker[Session] = session_factory(engine)
    with sessions.begin() as s:
        add_cases(s, [("closed", {"child": {"name": "Alex Fictional", "date_of_birth": "2019-03-14"}}),
                      ("screening", {"child": {"name": "Sam Other", "date_of_birth": "2019-03-14"}})])
    base = load_settings(None, env={})
    cfg = base.model_copy(update={"store": base.store.model_copy(update={"retention_days": 30})})
    rt = Runtime(cfg, make_calendar(cfg), datetime(2026, 3, 1, tzinfo=UTC).replace(year=2040))
    assert purge(sessions, rt)["cases"] == 1
    with sessions() as s:
        keys = {c.ref: (c.child_name_key, c.child_dob_key) for c in s.scalars(select(Case))}
    assert keys == {"NS-CSPR-2026-001": (None, None), "NS-CSPR-2026-002": ("other sam", "2019-03-14")}


def test_the_store_does_not_import_the_parsers() -> None:
    """bot.store.models uses the pure key functions; the parsers package (slow to import) stays out of
    every command that only reads the store."""
    import subprocess
    import sys

    code = ("import sys, bot.store.models, bot.store.repo, bot.views\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'parsers'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_sibling_candidates_are_found_by_index_on_both_databases(database_url: str) -> None:
    """The related-incident check (same incident date, another child) searches ix_cases_child_incident_key
    (migration 0008) on SQLite and PostgreSQL: at 10,000 cases its scan of `cases` was 5 ms a referral."""
    from sqlalchemy import event

    from bot.store.repo import sibling_candidates

    eng = make_engine(database_url)
    migrate(eng)
    sessions = session_factory(eng)
    with sessions.begin() as s:
        add_cases(s, [("screening", {"child": {"name": f"Child {k}", "incident_date": f"2026-04-{k % 28 + 1:02d}"}})
                      for k in range(60)])
    plans: list[str] = []
    pg = eng.dialect.name == "postgresql"
    try:
        with sessions() as s:
            conn = s.connection()
            if pg:  # 60 rows: the planner would rightly scan; asked not to, it must have an index to use
                conn.exec_driver_sql("SET enable_seqscan = off")

            def explain(_c: object, cursor: object, statement: str, params: object, _ctx: object, _m: bool) -> None:
                if "child_incident_key" in statement and not statement.startswith("EXPLAIN"):
                    prefix = "EXPLAIN " if pg else "EXPLAIN QUERY PLAN "
                    plans.extend(str(r) for r in conn.exec_driver_sql(prefix + statement, params))

            event.listen(eng, "before_cursor_execute", explain)
            try:
                found = sibling_candidates(s, "2026-04-03")
            finally:
                event.remove(eng, "before_cursor_execute", explain)
    finally:
        eng.dispose()
    assert sorted(ref for ref, _ in found) == [f"NS-CSPR-2026-{k + 1:03d}" for k in (2, 30, 58)]
    assert plans and any("ix_cases_child_incident_key" in p for p in plans), plans
    assert not any("SCAN cases" in p or "SCAN TABLE cases" in p or "Seq Scan on cases" in p for p in plans), plans
