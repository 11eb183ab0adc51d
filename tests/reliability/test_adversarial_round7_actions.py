"""Adversarial suite, stranger round 6's B1 and O5: who may own a learning action, what a digest shows of an owner,
and the bounds of `csprbot act`.

  B1. `ACTION: Bethany Zyxwut; 2027-01-15; check records` was accepted, and every daily digest then printed
      `action #2 (Bethany Zyxwut)`; `ACTION: jo.public@gmail.com; ...` was accepted too, but never chased, and its
      owner's own `ACTION DONE` was refused. Now the owner must be a partnership role, an agency, or one address on
      a secure domain (not spelling the name of the child or a family member); anything else is refused saying
      what an owner can be, and nothing changes. A digest prints the role or agency name or the secure address,
      never the owner as typed: an action recorded before the check shows "(owner to check)".
  O5. `act --as` with a line break ended in a traceback; `act` (and mail) took a 20,000-character value. Now
      `--as` is refused naming the argument, and a command's text is bounded (2,000 characters) by mail and by act.

Every input goes in black-box: by mail through the intake (`run --once`'s pass), or through `csprbot act` /
`csprbot run --once` / `csprbot digest` in process.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE, Child, query, reply
from test_adversarial import NOW, OURS, REF, World, stamp
from test_adversarial_round5 import _world

COORD = ROLE["coordinator"]
CHILD = Child()  # the referral of case 001 (reliability_kit's default child)
IDENTIFIERS = CHILD.identifiers()
DUE = "2027-01-15"
# CI cost: each example is one command through the whole intake or `act` (~0.3 s) plus a digest render.
FEW = settings(max_examples=24, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Owner shapes, each with whether csprbot must take it.
ROLES_OK = ["coordinator", "Coordinator", "CO-ORDINATOR", "service leader", "Service_Leader", "ASSISTANT DIRECTOR",
            "director", "subgroup chair"]
AGENCIES_OK = ["Education", "education", "Avon and Somerset Police", "avon  and somerset POLICE", "ICB Health",
               "Children's Social Care"]
SECURE_OK = ["pat.owner@schools.example.gov.uk", "Pat.Owner@CSC.example.gov.uk", "named.nurse@nhs.net",
             "dc.smith@avon.example.pnn.police.uk", "a.b@somewhere.gov.uk"]
INSECURE = ["jo.public@gmail.com", "owner@evil.example", "x@legacy.gsi.gov.uk", "a@gov.uk.evil.example",
            "Pat <pat.owner@csc.example.gov.uk>", "a@csc.example.gov.uk, b@csc.example.gov.uk",
            "pat owner@csc.example.gov.uk", "@csc.example.gov.uk", "pat@", "pat@@csc.example.gov.uk"]
PEOPLE = ["Dr Smith", "Pat Owner", "the GP", "Bethany's GP", "Mrs Jones (school)", "headteacher", "Sam"]


def _child_shapes() -> list[str]:
    """The names of the child and family, as typed or inside an address or a phrase."""
    out: list[str] = []
    for name in (CHILD.name, CHILD.carer.split(" (")[0], *(m[0] for m in CHILD.family)):
        first, last = name.split(" ", 1)
        out += [name, name.upper(), f"{last}, {first}", f"{name}'s school", f"{first.lower()}.{last.lower()}"
                f"@csc.example.gov.uk", f"{last.lower()}{first.lower()}@schools.example.gov.uk",
                f"Education ({name})", f"coordinator - {name}"]
    return out


CHILD_SHAPES = _child_shapes()


@st.composite
def owner(draw: st.DrawFn) -> tuple[str, bool]:
    kind = draw(st.sampled_from(["role", "agency", "secure", "insecure", "person", "child", "mixed"]))
    if kind == "role":
        return draw(st.sampled_from(ROLES_OK)), True
    if kind == "agency":
        return draw(st.sampled_from(AGENCIES_OK)), True
    if kind == "secure":
        return draw(st.sampled_from(SECURE_OK)), True
    if kind == "insecure":
        return draw(st.sampled_from(INSECURE)), False
    if kind == "person":
        return draw(st.sampled_from(PEOPLE)), False
    if kind == "child":
        return draw(st.sampled_from(CHILD_SHAPES)), False
    # mixed: a valid owner with a name or a remark beside it
    base = draw(st.sampled_from(ROLES_OK + AGENCIES_OK + SECURE_OK))
    extra = draw(st.sampled_from([CHILD.name, "Dr Smith", "(urgent)", "and " + CHILD.name.split()[0]]))
    return draw(st.sampled_from([f"{base} {extra}", f"{extra} {base}", f"{base}/{extra}"])), False


@contextlib.contextmanager
def _env(db: Path) -> Iterator[None]:
    old = os.environ.get("CSPRBOT_DATABASE_URL")
    os.environ["CSPRBOT_DATABASE_URL"] = f"sqlite:///{db}"
    try:
        yield
    finally:
        if old is None:
            del os.environ["CSPRBOT_DATABASE_URL"]
        else:
            os.environ["CSPRBOT_DATABASE_URL"] = old


def cli(w: World, *args: str) -> tuple[int, str, str]:
    """`csprbot --config <world's profile> ARGS`, in process: exit code, stdout, stderr."""
    from bot.cli import main

    out, err = io.StringIO(), io.StringIO()
    with _env(w.db), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(["--config", str(w.db.parent / "profile.toml"), *args])
    return rc, out.getvalue(), err.getvalue()


def actions(w: World) -> list[dict[str, Any]]:
    """The case's actions in the personal view (`--full`): the owner as shown and as typed."""
    rc, out, _ = cli(w, "case", REF, "--json", "--full", "--now", NOW.isoformat())
    assert rc == 0
    return list(json.loads(out)["process"].get("actions") or [])


def digest(w: World, now: datetime = NOW) -> tuple[str, str]:
    """Today's digest as the co-ordinator gets it: the text and the HTML part."""
    from bot.app import App
    from bot.clock import FixedClock
    from bot.digest import build_digest

    app = App(w.app.settings, FixedClock(now), env={})
    try:
        with app.sessions() as s:
            d = build_digest(s, app.runtime())
    finally:
        app.close()
    return d.text, d.html


def _text(raw: bytes) -> str:
    msg = message_from_bytes(raw, policy=policy.default)
    parts = [str(msg["Subject"] or "")]
    for p in msg.walk():
        if p.get_content_maintype() == "text":
            parts.append(p.get_content())
    return "\n".join(parts)


def leaks(text: str) -> list[str]:
    low = " ".join(text.lower().split())
    return [i for i in IDENTIFIERS if " ".join(i.lower().split()) in low]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Case 001 in rapid review (Education and the police asked), default profile."""
    w = _world(tmp_path_factory.mktemp("round7-actions"), False)
    # A guard: the identifiers looked for are the case's own (a changed fixture would make the checks vacuous).
    rc, out, _ = cli(w, "case", REF, "--json", "--full", "--now", NOW.isoformat())
    assert rc == 0 and CHILD.name in out and CHILD.carer.split(" (")[0] in out, out[:500]
    yield w
    w.app.close()


def _send(w: World, text: str, via: str, sender: str = COORD) -> str:
    """One command from `sender` by mail or `csprbot act`; returns what csprbot said (accepted/refused...)."""
    if via == "mail":
        mid = w.mid()  # a new Message-ID and Date each time: the same command again is a new mail, not a replay
        # Received at csprbot's clock (a Date: ahead of it counts as now), in the order sent: a mail received before
        # an earlier one's change would be overtaken by it (bot/domain/overtaken.py), which is not what this tests.
        out = w.feed(reply(sender, REF, text, NOW + timedelta(seconds=w.n), mid, auth=stamp(OURS)))
        return str(out[0].detail) if out else ""
    _, out, err = cli(w, "act", REF, text, "--as", sender, "--now", NOW.isoformat())
    return out + err


# --- B1: the owner is a role, an agency or a secure address; the digest never prints free text ---------------

@FEW
@given(shape=owner(), via=st.sampled_from(["mail", "act"]))
def test_an_action_owner_must_be_a_role_an_agency_or_a_secure_address(world: World, shape: tuple[str, bool],
                                                                       via: str) -> None:
    who, valid = shape
    before = actions(world)
    said = _send(world, f"ACTION: {who}; {DUE}; check records {world.mid()}", via)
    after = actions(world)
    if valid:
        assert said.startswith("accepted"), (who, said)
        assert len(after) == len(before) + 1, (who, after[-1:])
        assert " ".join(after[-1]["owner_as_typed"].split()) == " ".join(who.split()), (who, after[-1:])
    else:
        assert "refused" in said and "an agency" in said and "secure domain" in said, (who, said)
        assert after == before, (who, after[len(before):])
        assert who not in said and not leaks(said), (who, said)  # the refusal does not repeat the owner
    text, html = digest(world)
    assert not leaks(text) and not leaks(html), (who, leaks(text), leaks(html))
    assert "action #" in text or not after


# Stranger round 8, A1: an address spelling PART of a name (the surname alone, an initial and the surname, the dotted
# forename, forename + birth year, forename + initial) was accepted and printed in every digest.
SECURE_DOMAINS = ["nhs.net", "csc.example.gov.uk", "avon.example.pnn.police.uk", "schools.example.gov.uk"]
PARTIAL_SHAPES = ["{l}", "{l}.family", "{f0}{l}", "{f0}.{l}", "{l}.{f0}", "{l}{f0}", "{l}1", "{f}", "{f}{y}",
                  "{dotted}", "{f}.{l0}", "{f}{l0}", "{f}_{l0}", "{l}-{f0}", "{L}", "the.{l}.family", "{f}-2"]
# Professional addresses that share no name of three letters or more with the case (Jo, the mother's forename, is
# two letters: jo.reed is someone else).
BENIGN = ["safeguarding.team", "named.nurse", "pat.owner", "dc.smith", "designated.lead", "jo.reed", "mash.duty",
          "sam.reed2", "a.b"]


@st.composite
def partial_owner(draw: st.DrawFn) -> tuple[str, bool]:
    if draw(st.booleans()) and draw(st.booleans()):  # a quarter benign, so over-refusal is seen too
        return f"{draw(st.sampled_from(BENIGN))}@{draw(st.sampled_from(SECURE_DOMAINS))}", True
    name, year = draw(st.sampled_from([(CHILD.name, CHILD.dob.year),
                                       *((m[0], m[2].year) for m in CHILD.family)]))
    first, last = (w.lower() for w in name.split(" ", 1))
    # A forename alone counts from three letters (Jo alone is anyone's name; Jo with an initial is refused).
    shapes = [p for p in PARTIAL_SHAPES if len(first) >= 3 or "{l" in p or "{L" in p]
    local = draw(st.sampled_from(shapes)).format(
        f=first, l=last, f0=first[0], l0=last[0], y=year, L=last.upper(), dotted=".".join(first))
    return f"{local}@{draw(st.sampled_from(SECURE_DOMAINS))}", False


@FEW
@given(shape=partial_owner(), via=st.sampled_from(["mail", "act"]))
def test_an_owner_address_spelling_part_of_a_family_name_is_refused(world: World, shape: tuple[str, bool],
                                                                    via: str) -> None:
    who, valid = shape
    before = actions(world)
    said = _send(world, f"ACTION: {who}; {DUE}; check records {world.mid()}", via)
    after = actions(world)
    if valid:
        assert said.startswith("accepted"), (who, said)
        assert len(after) == len(before) + 1 and after[-1]["owner_as_typed"] == who, (who, after[-1:])
    else:
        assert "refused" in said and "name of the child or a family member" in said, (who, said)
        assert after == before, (who, after[len(before):])
        assert who.lower() not in said.lower(), (who, said)
    text, html = digest(world)
    assert not leaks(text) and not leaks(html), (who, leaks(text), leaks(html))
    if not valid:
        assert who.lower() not in text.lower() and who.lower() not in html.lower(), who


@pytest.mark.parametrize(("name", "local", "refused"), [
    ("Zoë Ørsted", "zoe.smith", True), ("Zoë Ørsted", "orsted", True), ("Renée O'Brien", "obrien.r", True),
    ("José Núñez", "nunez1", True), ("Jo Li", "jo.l", True), ("Jo Li", "l-jo", True), ("Jo Li", "jo.reed", False),
    ("Jo Li", "li.wei", False), ("Zoë Ørsted", "safeguarding.team", False)])
def test_a_name_with_diacritics_or_a_short_name_is_read_as_letters(name: str, local: str, refused: bool) -> None:
    """The check itself (pure): diacritics fold on the form's side; names under three letters count only with an
    initial, so a professional who shares a two-letter forename is not refused."""
    from bot.domain.routing import spells_a_family_name

    form = {"child": {"name": "Sam Other", "carer": ""}, "family": [{"name": name}]}
    assert spells_a_family_name(f"{local}@nhs.net", form) is refused


def _fresh(tmp: Path) -> World:
    return _world(tmp, False)


def test_an_action_recorded_before_the_check_shows_no_free_text(tmp_path: Path) -> None:
    """A store whose actions were recorded unchecked (a child's name, a gmail address, a person): the digest, text
    and HTML, shows "(owner to check)", never the owner as typed; valid owners still show as role/agency/address."""
    import sqlite3

    w = _fresh(tmp_path)
    try:
        for who in ("Education", "pat.owner@csc.example.gov.uk"):
            assert _send(w, f"ACTION: {who}; {DUE}; check", "mail").startswith("accepted")
        # (An address spelling a child's name is refused when set; the digest never reads the form to check it.)
        owners = [*(o for o in CHILD_SHAPES if "@" not in o), *PEOPLE, *INSECURE]
        con = sqlite3.connect(w.db)
        facts = json.loads(con.execute("SELECT facts FROM cases WHERE ref = ?", (REF,)).fetchone()[0])
        for k, who in enumerate(owners, start=3):
            facts["actions"].append({"n": k, "owner": who, "due": DUE, "text": "x", "set": "2026-11-18",
                                     "done": None, "evidence": None})
        case_id = con.execute("SELECT id FROM cases WHERE ref = ?", (REF,)).fetchone()[0]
        clock = con.execute("SELECT * FROM clocks WHERE case_id = ? AND key = 'learning_action'",
                            (case_id,)).fetchone()
        cols = [d[0] for d in con.execute("SELECT * FROM clocks LIMIT 0").description]
        row = dict(zip(cols, clock, strict=True))
        con.execute("UPDATE cases SET facts = ? WHERE id = ?", (json.dumps(facts), case_id))
        for k in range(3, 3 + len(owners)):
            new = {c: v for c, v in row.items() if c != "id"}
            new["agency"] = f"#{k}"
            con.execute(f"INSERT INTO clocks ({', '.join(new)}) VALUES ({', '.join('?' * len(new))})",
                        tuple(new.values()))
        con.commit()
        con.close()
        text, html = digest(w)
        assert not leaks(text) and not leaks(html), (leaks(text), leaks(html))
        assert "gmail" not in text and "Dr Smith" not in text
        assert text.count("(owner to check)") == len(owners), text
        assert "(Education)" in text and "(pat.owner@csc.example.gov.uk)" in text, text
        # The chasers and escalations of all those actions, swept black-box: none names the child either.
        o0 = w.last("outbox")
        for day in ("2027-01-15T09:30", "2027-01-19T09:30"):  # the due day's chasers, then escalations
            rc, _, err = cli(w, "run", "--once", "--now", day)
            assert rc == 0, err
        mails = w.new_rows("outbox", o0, "kind, recipient, raw")
        kinds = {k for k, _, _ in mails}
        assert {"chaser", "escalation", "digest"} <= kinds, kinds
        for kind, rcpt, raw in mails:
            assert not leaks(_text(bytes(raw))), (kind, rcpt, leaks(_text(bytes(raw))))
            assert "gmail" not in rcpt
        assert any(r == "pat.owner@csc.example.gov.uk" for k, r, _ in mails if k == "chaser")
    finally:
        w.app.close()


@pytest.mark.parametrize("owner_addr", ["pat.owner@csc.example.gov.uk", "Named.Nurse@nhs.net"])
def test_an_address_owner_is_chased_and_closes_its_own_action(tmp_path: Path, owner_addr: str) -> None:
    """A secure address that holds no role owns the action: it is chased, and its ACTION DONE is taken. An
    insecure one is refused when the action is set, so no action can belong to someone csprbot cannot hear."""
    w = _fresh(tmp_path)
    try:
        assert "refused" in _send(w, f"ACTION: jo.public@gmail.com; {DUE}; check", "mail")
        assert actions(w) == []
        assert _send(w, f"ACTION: {owner_addr}; {DUE}; check", "act").startswith("accepted")
        o0 = w.last("outbox")
        rc, _, err = cli(w, "run", "--once", "--now", "2027-01-13T09:30")
        assert rc == 0, err
        chased = [r for k, r in w.new_rows("outbox", o0, "kind, recipient") if k == "chaser"]
        assert owner_addr.lower() in [r.lower() for r in chased], chased
        said = _send(w, "ACTION DONE: 1 records checked", "mail", sender=owner_addr)
        assert said.startswith("accepted"), said
        assert actions(w)[0]["done"], actions(w)
    finally:
        w.app.close()


# --- O5: `act --as` and the length of a command's text ------------------------------------------------------

@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ctl=st.sampled_from(["\n", "\r\n", "\r", "\x00", "\x0b", "\x1b", "\x7f"]),
       tail=st.sampled_from(["Bcc: jo@gmail.example", "", "x", "From: director.people@nsscp.example.gov.uk"]),
       at=st.integers(0, 2))
def test_act_as_with_a_control_character_is_refused_naming_the_argument(world: World, ctl: str, tail: str,
                                                                          at: int) -> None:
    e0 = world.last("events")
    actor = [COORD + ctl + tail, ctl + COORD, COORD[:10] + ctl + COORD[10:]][at]
    try:
        rc, out, err = cli(world, "act", REF, "EXTEND screening: 2026-12-30 more time", "--as", actor,
                           "--now", NOW.isoformat())
    except Exception as exc:  # a traceback is the bug
        pytest.fail(f"act --as {actor!r} raised {exc!r}")
    assert rc != 0 and "--as" in err and "control character" in err, (rc, out, err)
    assert world.last("events") == e0  # nothing recorded


LONG_COMMANDS = ["CORRECT child.ethnicity: {x}", "EXTEND screening: 2026-12-30 {x}", "ACTION: Education; " + DUE +
                 "; {x}", "REOPEN: {x}", "CLOSE: {x}", "NOT A REFERRAL: {x}"]


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cmd=st.sampled_from(LONG_COMMANDS), extra=st.sampled_from([0, 1, 500, 18_000]),
       via=st.sampled_from(["mail", "act"]))
def test_a_command_text_over_the_bound_is_refused_and_changes_nothing(world: World, cmd: str, extra: int,
                                                                      via: str) -> None:
    from bot.domain.commands import MAX_ARG_CHARS

    if extra == 0:  # at the bound: taken (a harmless correction, so the case stays where it is)
        said = _send(world, "CORRECT child.ethnicity: " + "w" * MAX_ARG_CHARS, via)
        assert said.startswith("accepted"), said[:300]
        return
    before = query(world.db, "SELECT stage, facts FROM cases WHERE ref = ?", (REF,))
    clocks = query(world.db, "SELECT key, agency, due, state FROM clocks ORDER BY id")
    said = _send(world, cmd.format(x=world.mid() + "w" * (MAX_ARG_CHARS + extra)), via)
    assert "refused" in said and f"at most {MAX_ARG_CHARS:,}" in said, said[:300]
    assert query(world.db, "SELECT stage, facts FROM cases WHERE ref = ?", (REF,)) == before
    assert query(world.db, "SELECT key, agency, due, state FROM clocks ORDER BY id") == clocks
