"""Stranger round 22 B6: free text typed into a command that names the child leaves with retention.

A "NO RAPID REVIEW" reason and an agency's DISAGREE naming the child ("Alex Fictional's injuries were accidental")
stayed in 6 audit events after retention; so did every other reason, note, action text, evidence and refusal
repeating what was typed. Now an event keeps the typed text apart, in `personal_values` with its HMAC (as fix21e
did for CORRECT's values), retention deletes it and masks the case's own reasons, and the log stays append-only.
Driven end to end (`act`, the sweep, retention) on the demo case; every identifier of the form is searched for
in the audit export, the database (a dump, the SQLite file and WAL), `case --full`, the digest, quarantine and
`export`.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from replay import ROLE
from test_retention_audit_values import (
    COORD,
    ORIGINAL,
    REF,
    _profile,
    check_log,
    cli,
    db_url_of,
    dump,
    file_bytes,
    leaks,
)

from bot.cli import main

# The demo form's identifiers, as a person would write them into free text.
IDENTIFIERS = {"name": "Alex Fictional", "dob": "born 2019-03-14", "address": "of 1 Nowhere Lane, ZZ1 1ZZ"}
TEMPLATES = ("{x}'s injuries were accidental", "spoke to the family of {x} today", "{x}: mother says all is well")
AD = ROLE["assistant_director"]
LATER = "2026-05-01"  # a date after every clock of the demo case starts, for EXTEND and ACTION


def _flows(text: str) -> dict[str, list[str]]:
    """Each kind of command that takes free text, with what brings the case to it and closes it after."""
    return {
        "no_rapid_review": [f"DECISION: NO RAPID REVIEW {text}"],
        "disagree": ["DECISION: NO RAPID REVIEW threshold not met", f"DISAGREE: {text}",
                     "AD DECISION: DO NOT REFER"],
        "close": [f"CLOSE: {text}"],
        "reopen": ["CLOSE: opened in error", f"REOPEN: {text}", "CLOSE: opened in error again"],
        "not_a_referral": [f"NOT A REFERRAL: {text}", "CLOSE: done"],  # refused: the case is not provisional
        "extend": [f"EXTEND screening: {LATER} {text}", "CLOSE: done"],
        "waive": ["DECISION: RAPID REVIEW\nAGENCIES: all", f"WAIVE Police: {text}", "CLOSE: done"],
        "action": ["DECISION: RAPID REVIEW\nAGENCIES: all", f"ACTION: coordinator; {LATER}; {text}",
                   f"ACTION DONE: 1 {text}", "CLOSE: done"],
        # refusals that repeat what was typed ("the date '...' is not a date", "no single outstanding return")
        "refused": ["DECISION: RAPID REVIEW\nAGENCIES: all", f"ACTION: coordinator; {text}; review the plan",
                    f"WAIVE {text}: no reason", "CLOSE: done"],
    }


KINDS = tuple(_flows("x"))


def _drive(root: Path, m: pytest.MonkeyPatch, commands: list[str]) -> tuple[list[str], list[str]]:
    """The demo case, the commands (by `act`, a minute apart), then retention 48 days on: what is left to read,
    and each command's answer."""
    replay = _profile(root, m, None)
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    answers = []
    for i, command in enumerate(commands):
        who = AD if command.startswith("AD DECISION") else COORD
        answers.append(cli("act", REF, command, "--as", who, "--now", f"2026-04-03T10:{i:02d}", ok=False))
    view = json.loads(cli("case", REF, "--json", "--full", "--now", "2026-04-03T11:00"))
    assert view["stage"] == "closed", (commands, view["stage"])
    n_events = len(cli("audit", "export").splitlines())
    replay.run("2026-05-20T10:00")  # past the 30-day retention
    url = db_url_of(root, None)
    check_log(url, n_events)
    out = [cli("audit", "export"), dump(url), file_bytes(url),
           cli("case", REF, "--json", "--full", "--now", "2026-05-20T10:05"),
           cli("case", REF, "--now", "2026-05-20T10:05"),
           cli("digest", "--now", "2026-05-20T10:06"), cli("quarantine", "list", "--all", ok=False)]
    for mid in range(1, 12):
        target = root / f"m{mid}.eml"
        out.append(cli("export", str(mid), "-o", str(target), ok=False))
        if target.exists():
            out.append(target.read_bytes().decode("latin-1"))
    return out, answers


def _tokens(x: str) -> list[str]:
    return sorted({*ORIGINAL, x})


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_typed_text_leaves_with_retention(kind: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command kind taking free text, naming the child: 0 identifiers left anywhere after retention."""
    text = TEMPLATES[0].format(x=IDENTIFIERS["name"])
    left, answers = _drive(tmp_path, monkeypatch, _flows(text)[kind])
    typed = [a for c, a in zip(_flows(text)[kind], answers, strict=True) if text in c]
    # the command carrying the text is applied (refused, for the kinds whose refusal is what is tested)
    assert all(a.startswith("refused" if kind in ("refused", "not_a_referral") else "accepted") for a in typed), \
        answers
    assert leaks(_tokens(IDENTIFIERS["name"]), *left) == []


def test_reasons_shown_while_retained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the case is retained the reasons are shown as typed (case --full, audit export), though no event
    holds them; after retention every event is still there, its reason masked."""
    replay = _profile(tmp_path, monkeypatch, None)
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    said = "Alex Fictional's injuries were accidental"
    assert cli("act", REF, f"DECISION: NO RAPID REVIEW {said}", "--as", COORD, "--now",
               "2026-04-03T10:00").startswith("accepted")
    full = cli("case", REF, "--full", "--now", "2026-04-03T11:00")
    assert said in full
    assert said not in cli("case", REF, "--now", "2026-04-03T11:00")  # without --full: "reason given"
    assert said in cli("audit", "export")
    url = db_url_of(tmp_path, None)
    from sqlalchemy import text as sql

    from bot.store.db import make_engine

    engine = make_engine(url)
    with engine.connect() as c:
        logged = [str(d) for (d,) in c.execute(sql("SELECT detail FROM events"))]
    engine.dispose()
    assert not any("Alex Fictional" in d for d in logged)  # the log itself never held it
    replay.run("2026-05-20T10:00")
    kinds = [json.loads(x) for x in cli("audit", "export").splitlines()]
    staged = [e for e in kinds if e["kind"] == "stage_changed" and e["detail"]["to"] == "closed"]
    assert staged and staged[-1]["detail"]["reason"] == "no rapid review: [typed text, held apart]"
    assert staged[-1]["personal"] == "purged by retention"


_kind = st.sampled_from(KINDS)
_where = st.sampled_from(sorted(IDENTIFIERS))
_template = st.sampled_from(TEMPLATES)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=_kind, where=_where, template=_template)
def test_generated_typed_text_leaves_with_retention(kind: str, where: str, template: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Any command kind taking free text x where the child's name, date of birth or address appears in it: after
    retention none of the form's identifiers is left in the audit export, the database file and WAL, `case
    --full`, the digest, quarantine or `export`; the log is whole and append-only. A fresh store per example."""
    text = template.format(x=IDENTIFIERS[where])
    with tempfile.TemporaryDirectory(prefix="fix23b-") as d, monkeypatch.context() as m:
        left, _ = _drive(Path(d), m, _flows(text)[kind])
        assert leaks(_tokens(IDENTIFIERS[where]), *left) == []


@pytest.mark.usefixtures("database_url")
def test_events_written_before_the_fix_are_purged_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       database_url: str) -> None:
    """Events written the old way (before 0014 a CORRECT's old and new value in `field_corrected`; before this fix a
    reason in `command_accepted`, `stage_changed`, `clock_stopped` and the case's closing reason): migration 0016
    moves them apart under the guard it lifts only for itself, and retention then leaves none of them."""
    from sqlalchemy import text as sql

    from bot.store.db import make_engine

    replay = _profile(tmp_path, monkeypatch, database_url)
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    assert cli("act", REF, "CLOSE: done", "--as", COORD, "--now", "2026-04-03T10:00").startswith("accepted")
    url = db_url_of(tmp_path, database_url)
    as_json = "CAST(:d AS JSON)" if url.startswith("postgres") else ":d"
    engine = make_engine(url)
    said = "Alex Fictional's injuries were accidental"
    old = [("command_accepted", {"verb": "CORRECT", "args": {"field": "child.name", "value": "Zelda Quorndon"},
                                 "by": COORD, "summary": "child.name corrected"}),
           ("field_corrected", {"field": "child.name", "old": "Alex Fictional", "new": "Zelda Quorndon"}),
           ("command_accepted", {"verb": "DECISION", "args": {"decision": "NO RAPID REVIEW", "reason": said},
                                 "by": COORD, "summary": f"no rapid review: {said}"}),
           ("stage_changed", {"from": "screening", "to": "closed", "reason": f"no rapid review: {said}"}),
           ("clock_stopped", {"clock": "screening", "agency": "", "outcome": "met", "on": "2026-04-03",
                              "reason": f"no rapid review: {said}"}),
           ("command_accepted", {"verb": "DISAGREE", "args": {"reason": "born 2019-03-14, of 1 Nowhere Lane"},
                                 "by": COORD, "summary": "disagreement raised"})]
    with engine.begin() as c:
        cid = c.execute(sql("SELECT id FROM cases WHERE ref = :r"), {"r": REF}).scalar_one()
        for kind, detail in old:
            c.execute(sql("INSERT INTO events (at, case_id, kind, actor, detail) VALUES "
                          f"('2026-04-03 10:30:00', :c, :k, :a, {as_json})"), {"c": cid, "k": kind, "a": COORD,
                                                                         "d": json.dumps(detail)})
        c.execute(sql("UPDATE cases SET closed_reason = :r WHERE id = :c"), {"r": f"no rapid review: {said}", "c": cid})
        c.execute(sql("UPDATE alembic_version SET version_num = '0015_outbox_status_created'"))
    engine.dispose()
    before = cli("case", REF, "--full", "--now", "2026-04-03T11:00")  # migrates first: shown from the held rows
    assert said in before
    n_events = len(cli("audit", "export").splitlines())
    moved = [json.loads(x) for x in cli("audit", "export").splitlines() if "audit_values_moved" in x]
    assert [e["detail"]["events"] for e in moved] == [6]
    replay.run("2026-05-20T10:00")
    tokens = [*ORIGINAL, said, "Quorndon"]
    out = [cli("audit", "export"), dump(url), file_bytes(url), cli("case", REF, "--json", "--full", "--now",
                                                                    "2026-05-20T10:05")]
    assert leaks(tokens, *out) == []
    events = check_log(url, n_events)
    assert [e["detail"].get("field") for e in events if e["kind"] == "field_corrected"] == ["child.name"]
