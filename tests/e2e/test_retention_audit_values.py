"""Stranger round 21 B1: retention purges a closed case's personal values from the audit log's side too.

A CORRECT wrote the old and the new value into `field_corrected` and the value as typed into `command_accepted`,
in the append-only `events`: retention purged the form but the child's name, date of birth and address stayed in
`audit export`, the database and every backup. Now the values sit in `personal_values` (bot/store/personal.py),
which retention deletes; the events keep the field, who and when, and the log stays append-only.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from replay import ROLE, Replay
from sqlalchemy import inspect, text

from bot.cli import main
from bot.store.db import make_engine

REF = "NS-CSPR-2026-001"
CONFIG = Path(__file__).resolve().parents[2] / "config" / "example.toml"


def _profile(root: Path, monkeypatch: pytest.MonkeyPatch, database_url: str | None) -> Replay:
    monkeypatch.chdir(root)
    body = CONFIG.read_text().replace("retention_days = 0", "retention_days = 30")
    if database_url is not None:
        assert 'url = "sqlite:///var/csprbot.db"' in body
        body = body.replace('url = "sqlite:///var/csprbot.db"', f'url = "{database_url}"')
    (root / "profile.toml").write_text(body)
    monkeypatch.setenv("CSPRBOT_CONFIG", str(root / "profile.toml"))
    return Replay(root)


def cli(*args: str, ok: bool = True) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = main(list(args))
    if ok:
        assert rc == 0, buf.getvalue()
    return buf.getvalue()


def dump(url: str) -> str:
    """Every row of every table, as text: what a database dump (and so a backup) holds."""
    engine = make_engine(url)
    out: list[str] = []
    with engine.connect() as c:
        for table in inspect(c).get_table_names():
            for row in c.execute(text(f'SELECT * FROM "{table}"')):
                out.append(f"{table}: " + " | ".join(
                    v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in row))
    engine.dispose()
    return "\n".join(out)


def leaks(tokens: list[str], *texts: str) -> list[str]:
    return sorted({t for t in tokens for body in texts if t.casefold() in body.casefold()})


def file_bytes(url: str) -> str:
    if not url.startswith("sqlite:///"):
        return ""
    path = Path(url[len("sqlite:///"):])
    raw = b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    return raw.decode("latin-1")


def check_log(url: str, events_before: int) -> list[dict[str, Any]]:
    """The log is still append-only and whole, and each CORRECT still shows field, who and when."""
    engine = make_engine(url)
    with pytest.raises(Exception, match="append-only"), engine.begin() as c:
        c.execute(text("UPDATE events SET detail = '{}'"))
    with pytest.raises(Exception, match="append-only"), engine.begin() as c:
        c.execute(text("DELETE FROM events"))
    from sqlalchemy.orm import Session

    from bot.store.personal import mismatched

    with Session(engine) as s:
        assert mismatched(s) == []  # what is still held matches the digests its events recorded
    engine.dispose()
    events = [json.loads(x) for x in cli("audit", "export").splitlines()]
    assert len(events) >= events_before and [e["id"] for e in events] == sorted(e["id"] for e in events)
    return events


def db_url_of(root: Path, database_url: str | None) -> str:
    return database_url or f"sqlite:///{root}/var/csprbot.db"


COORD = ROLE["coordinator"]
CORRECTIONS = [("child.date_of_birth", "2019-03-15"), ("child.name", "Zelda Quorndon-Pike"),
               ("child.home_address", "7 Yarrowgate Close, Weston-super-Mare, BS24 9ZZ")]
ORIGINAL = ["Alex Fictional", "2019-03-14", "1 Nowhere Lane", "ZZ1 1ZZ"]


@pytest.mark.usefixtures("database_url")
def test_stranger21_b1_corrected_values_leave_with_retention(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              database_url: str) -> None:
    """The stranger's repro on SQLite and PostgreSQL: before, 7 of 7 identifiers survived retention."""
    replay = _profile(tmp_path, monkeypatch, database_url)
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    for field, value in CORRECTIONS:
        assert cli("act", REF, f"CORRECT {field}: {value}", "--as", COORD, "--now", "2026-04-03T10:00").startswith(
            "accepted")
    # a refusal names the problem, not the date typed (it is audited and mailed)
    refused = cli("act", REF, "CORRECT child.date_of_birth: 2001-02-17", "--as", COORD, "--now", "2026-04-03T10:30",
                  ok=False)
    assert "2001-02-17" not in refused and "18 or older" in refused
    tokens = ["2019-03-15", "Quorndon", "Yarrowgate", "BS24 9ZZ", "2001-02-17", *ORIGINAL]
    # while the case is open the audit export still shows what was corrected, from the purgeable rows
    before = cli("audit", "export")
    assert leaks(["Quorndon", "Yarrowgate", "2019-03-15", "Alex Fictional"], before) == [
        "2019-03-15", "Alex Fictional", "Quorndon", "Yarrowgate"]
    assert cli("act", REF, "CLOSE: not a CSPR after all", "--as", COORD, "--now", "2026-04-03T11:00").startswith(
        "accepted")
    n_events = len(cli("audit", "export").splitlines())
    replay.run("2026-05-20T10:00")  # 48 days later: past the 30-day retention
    url = db_url_of(tmp_path, database_url)
    audit = cli("audit", "export")
    full = cli("case", REF, "--json", "--full", "--now", "2026-05-20T10:05")
    assert leaks(tokens, audit, dump(url), file_bytes(url), full) == []
    events = check_log(url, n_events)
    corrected = [e for e in events if e["kind"] == "field_corrected"]
    assert [(e["detail"]["field"], e["by"], e["at"][:10]) for e in corrected] == [
        (f, COORD, "2026-04-03") for f, _ in CORRECTIONS]
    assert all(e["personal"] == "purged by retention" and len(e["detail"]["digest"]) == 64 for e in corrected)
    accepted = [e for e in events if e["kind"] == "command_accepted" and e["detail"]["verb"] == "CORRECT"]
    assert [e["detail"]["args"] for e in accepted] == [{"field": f} for f, _ in CORRECTIONS]
    purge = [e for e in events if e["kind"] == "retention_purge"]
    # 3 field_corrected + 3 command_accepted, and CLOSE's reason (fix23b): its command_accepted, stage_changed and
    # the 3 clock_stopped events that quote it
    assert purge and purge[-1]["detail"]["personal_values"] == 11


# Distinctive tokens (a prefix nothing else in the store holds), so a hit is this value and nothing else.
_word = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=5, max_size=8).map(lambda w: "Qz" + w)
_text_fields = ("child.name", "child.home_address", "child.carer", "referrer.name", "summary", "child.faith")
_dob = st.dates(min_value=date(2010, 1, 1), max_value=date(2027, 12, 31))  # from 2026-04-03 on: refused (future)
_step = st.one_of(
    st.tuples(st.sampled_from(_text_fields), _word, _word).map(lambda t: (t[0], f"{t[1]} {t[2]}")),
    st.tuples(st.just("child.date_of_birth"), _dob.map(date.isoformat)),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(_step, min_size=1, max_size=5))
def test_generated_corrections_leave_nothing_after_retention(steps: list[tuple[str, str]],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Any CORRECT sequence (accepted or refused), CLOSE, retention: no value of the case's personal fields (typed,
    or the form's before) is left in the database or the audit export; the log is whole and append-only, and shows
    each accepted correction by field, who and when. SQLite: a fresh store per example."""
    with tempfile.TemporaryDirectory(prefix="fix21e-") as d, monkeypatch.context() as m:
        root = Path(d)
        replay = _profile(root, m, None)
        assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
        replay.run("2026-04-02T10:05")
        form = json.loads(cli("case", REF, "--json", "--full", "--now", "2026-04-02T11:00"))
        accepted: list[str] = []
        for i, (field, value) in enumerate(steps):
            out = cli("act", REF, f"CORRECT {field}: {value}", "--as", COORD, "--now", f"2026-04-03T10:{i:02d}",
                      ok=False)
            assert value not in out or out.startswith("accepted")  # a refusal never repeats the value
            if out.startswith("accepted"):
                accepted.append(field)
        assert cli("act", REF, "CLOSE: not a CSPR after all", "--as", COORD, "--now", "2026-04-03T11:00").startswith(
            "accepted")
        n_events = len(cli("audit", "export").splitlines())
        replay.run("2026-05-20T10:00")
        url = db_url_of(root, None)
        tokens = [v for _, v in steps] + [w for _, v in steps for w in v.split() if w.startswith("Qz")]
        tokens += _old_values(form, {f for f, _ in steps})
        audit = cli("audit", "export")
        assert leaks(tokens, audit, dump(url), file_bytes(url)) == []
        events = check_log(url, n_events)
        assert [(e["detail"]["field"], e["by"], e["at"][:10]) for e in events if e["kind"] == "field_corrected"] == [
            (f, COORD, "2026-04-03") for f in accepted]


def _old_values(view: dict[str, Any], fields: set[str]) -> list[str]:
    """The form's values, before correction, of the fields corrected (long enough to be told apart)."""
    referral = view.get("referral") or view.get("referral_json") or {}
    assert isinstance(referral, dict) and referral, sorted(view)
    out = []
    for path in fields:
        node: Any = referral
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, str) and len(node) >= 6:
            out.append(node)
    return out
