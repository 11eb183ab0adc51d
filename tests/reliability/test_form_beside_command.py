"""A form beside a command that is applied (stranger round 10, left over): nothing is lost.

On b8446b8 a role's command that was applied made csprbot skip the referral or agency return the same mail
carried (attached, pasted or forwarded): a co-ordinator's CLOSE with the case's late return attached, a role's
`ACTION ...` typed above a forwarded agency return, a sibling's referral under `DISAGREE` (6 of 6 by the tester).
Now the form is acted on too, by its own path and sender rules (a role forwarding a return credits it, the
co-ordinator's own counts, a referral opens its case), before the command, in the same transaction, audited
`form_beside_command`. A referral for the command's own child is that case's referral (linked, no second case); a
return its path would hold is not credited and the co-ordinator is told (`coordinator.triage.form_beside`).

Benign side: a command with no form is applied as before (no `form_beside_command`), and a command typed above our
own routing mail quoted back (the referral only in the quoted history) opens no case.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE, Child, filled_return, query, referral_docx, write_profile
from test_adversarial import NOW, REF, World
from test_adversarial_round5 import _world
from test_adversarial_round7_trust import RETURN_TEXT
from test_adversarial_round9 import _pasted_form

COORD, SL = ROLE["coordinator"], ROLE["service_leader"]
EDU = ROLE["education_lead"]
BOT = "csprbot@nsscp.example.gov.uk"
DOCX = "vnd.openxmlformats-officedocument.wordprocessingml.document"
# Commands a role may give on case 001 in rapid review, by that role: each is applied (checked below with no form).
# CLOSE ends the case, so every example runs in a fresh copy of the world.
APPLIED = [(COORD, "CLOSE: duplicate of another referral"),
           (COORD, "ACTION: service leader; 2027-01-15; review the return"),
           (COORD, "WAIVE Avon and Somerset Police: no involvement"), (COORD, "LOOKED AFTER: NO"),
           (SL, "NOTIFIED: 2026-11-17"), (SL, "LOOKED AFTER: NO"), (SL, "AWARE: 2026-11-17"),
           (EDU, "ACTION DONE: 1 guidance updated; our agency return is below")]  # an agency owning an action
FORMS = ["return", "sibling_referral", "same_child_referral"]
CARRIERS = ["attached", "pasted", "forwarded"]
# CI size 14; CSPRBOT_ADVERSARIAL_EXAMPLES=150 for a fuller run (most of the 8 x 3 x 3 shapes)
FEW = settings(max_examples=int(os.environ.get("CSPRBOT_ADVERSARIAL_EXAMPLES", "14")), deadline=None,
               derandomize=True, phases=(Phase.explicit, Phase.generate),
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SIBLING = Child("Sky Fictional", date(2017, 6, 2))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Case 001 (Alex Fictional) in rapid review, Education, the police and ICB Health asked, learning action 1
    owned by Education: its store, closed."""
    tmp = tmp_path_factory.mktemp("beside-template")
    w = _world(tmp, False)
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = COORD, BOT, f"RE: [{REF}] Rapid review"
    m["Date"], m["Message-ID"] = format_datetime(NOW - timedelta(minutes=30)), "<owner.action@nsscp.example.gov.uk>"
    m.set_content("ACTION: Education; 2027-01-15; update the attendance guidance\n")
    out = w.feed(m.as_bytes())
    assert out[0].detail.startswith("accepted: learning action 1"), out
    w.app.close()
    yield tmp


def _fresh(template: Path, tmp: Path) -> World:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    tmp.mkdir(parents=True, exist_ok=True)
    for f in template.glob("csprbot.db*"):
        shutil.copy(f, tmp / f.name)
    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"maildir:{tmp}/outbox"'})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return World(App(cfg, FixedClock(NOW), env={}), tmp / "csprbot.db", tmp / "inbox")


def _forward_block(author: str, text: str) -> str:
    return (f"---------- Forwarded message ---------\nFrom: Pat Author <{author}>\nDate: Wed, 18 Nov 2026 at 09:12\n"
            f"Subject: [{REF}] Rapid review: agency return\nTo: {COORD}\n\n{text}")


def command_mail(sender: str, command: str, form: str, carrier: str, mid: str) -> bytes:
    """`command` on case 001 from `sender`, carrying `form` as `carrier` (attached, pasted or forwarded inline)."""
    m = EmailMessage()
    m["From"], m["To"] = sender, BOT
    m["Subject"] = f"{'FW' if carrier == 'forwarded' else 'RE'}: [{REF}] Rapid review"
    m["Date"], m["Message-ID"] = format_datetime(NOW - timedelta(minutes=5)), mid
    child = SIBLING if form == "sibling_referral" else Child()
    if form == "return":
        text = RETURN_TEXT.format(ref=REF, agency="Education", email=EDU)
        attachment = filled_return(REF, "Education", "Yes", "Pat Author", EDU)
    else:
        text = _pasted_form(child, "sam.example@csc.example.gov.uk")
        attachment = referral_docx(date(2026, 11, 16), date(2026, 11, 17), child)
    if carrier == "attached":
        m.set_content(f"{command}\n\nKind regards\n")
        m.add_attachment(attachment, maintype="application", subtype=DOCX, filename="form.docx")
    elif carrier == "pasted":
        m.set_content(f"{command}\n\n{text}")
    else:
        author = EDU if form == "return" else "sam.example@csc.example.gov.uk"
        m.set_content(f"{command}\n\n{_forward_block(author, text)}")
    return m.as_bytes()


def _events(w: World, after: int) -> list[tuple[str, dict[str, Any]]]:
    return [(k, json.loads(d) if isinstance(d, str) else d) for k, d in w.new_rows("events", after, "kind, detail")]


def _case_count(w: World) -> int:
    return int(query(w.db, "SELECT count(*) FROM cases")[0][0])


@FEW
@given(given_=st.sampled_from(APPLIED), form=st.sampled_from(FORMS), carrier=st.sampled_from(CARRIERS),
       k=st.integers(0, 10**6))
def test_the_form_beside_an_applied_command_is_acted_on(template: Path, tmp_path_factory: pytest.TempPathFactory,
                                                        given_: tuple[str, str], form: str, carrier: str,
                                                        k: int) -> None:
    sender, command = given_
    w = _fresh(template, tmp_path_factory.mktemp("beside"))
    try:
        cases0, ev0, ob0 = _case_count(w), w.last("events"), w.last("outbox")
        raw = command_mail(sender, command, form, carrier, f"<beside.{k}@nsscp.example.gov.uk>")
        out = w.feed(raw)
        assert len(out) == 1 and out[0].status == "processed" and out[0].detail.startswith("accepted"), out
        events = _events(w, ev0)
        kinds = [k for k, _ in events]
        beside = [d for k, d in events if k == "form_beside_command"]
        assert len(beside) == 1 and beside[0]["as"] == ("agency_return" if form == "return" else "referral"), kinds
        assert "command_accepted" in kinds and "quarantined" not in kinds, kinds
        told = [r for (r,) in w.new_rows("outbox", ob0, "idem_key") if ":triage:form-beside:" in r]
        if form == "return":
            credited = [d["agency"] for k, d in events if k == "return_received"]
            # A role vouches for a return it forwards; the co-ordinator's own counts, and the agency's own from its
            # listed address; a service leader's own (pasted or attached, not forwarded) is held: never credited,
            # and the co-ordinator is told.
            if sender in (COORD, EDU) or carrier == "forwarded":
                assert credited == ["Education"] and not told, (kinds, told)
                # credited before the command: a CLOSE does not stop the clock the return met
                assert kinds.index("return_received") < kinds.index("command_accepted")
            else:
                assert credited == [] and len(told) == 1, (kinds, told)
        elif form == "sibling_referral":
            assert _case_count(w) == cases0 + 1 and "referral_opened" in kinds, kinds
        else:  # the command's own child: that case's referral, linked, never a second case
            assert _case_count(w) == cases0 and "duplicate_referral" in kinds, kinds
            assert beside[0]["case"] == REF
        # re-running the pass on the same mail changes nothing
        ev1, cases1 = w.last("events"), _case_count(w)
        again = w.feed(raw)
        assert all(o.status == "duplicate" for o in again), again
        assert _case_count(w) == cases1 and not [k for k, _ in _events(w, ev1) if k != "mail_sent"]
    finally:
        w.app.close()


@pytest.mark.parametrize("form", ["return", "sibling_referral"])
def test_a_crash_between_the_form_and_the_command_redoes_both_once(template: Path, tmp_path: Path, form: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The store fails after the form's effects and before the command's: nothing of either is kept, and the
    next pass does both, once."""
    from sqlalchemy.exc import OperationalError

    import bot.intake

    w = _fresh(template, tmp_path / "w")
    try:
        real, calls = bot.intake._decide_on, []

        def failing(*a: Any) -> Any:
            calls.append(1)
            if len(calls) == 2:  # the second decision, after the form was acted on
                raise OperationalError("UPDATE", {}, Exception("database is locked"))
            return real(*a)

        monkeypatch.setattr(bot.intake, "_decide_on", failing)
        cases0, ev0 = _case_count(w), w.last("events")
        raw = command_mail(*APPLIED[1], form, "forwarded", "<beside.crash@nsscp.example.gov.uk>")
        with pytest.raises(OperationalError):
            w.feed(raw)
        assert _case_count(w) == cases0 and w.last("events") == ev0
        out = w.app.intake()  # the mail is still in the inbox
        assert len(out) == 1 and out[0].detail.startswith("accepted"), out
        kinds = [k for k, _ in _events(w, ev0)]
        assert kinds.count("form_beside_command") == 1 and kinds.count("command_accepted") == 1, kinds
        if form == "return":
            assert kinds.count("return_received") == 1
        else:
            assert _case_count(w) == cases0 + 1 and kinds.count("referral_opened") == 1
    finally:
        w.app.close()


@pytest.mark.parametrize(("sender", "command"), APPLIED)
def test_a_command_with_no_form_is_applied_as_before(template: Path, tmp_path: Path, sender: str,
                                                     command: str) -> None:
    w = _fresh(template, tmp_path / "w")
    try:
        cases0, ev0 = _case_count(w), w.last("events")
        m = EmailMessage()
        m["From"], m["To"], m["Subject"] = sender, BOT, f"RE: [{REF}] Rapid review"
        m["Date"], m["Message-ID"] = format_datetime(NOW - timedelta(minutes=5)), "<plain.cmd@nsscp.example.gov.uk>"
        m.set_content(f"{command}\n\nKind regards\n\n> earlier message quoted here\n")
        out = w.feed(m.as_bytes())
        assert out[0].detail.startswith("accepted"), out
        kinds = [k for k, _ in _events(w, ev0)]
        assert "form_beside_command" not in kinds and "return_received" not in kinds and _case_count(w) == cases0
    finally:
        w.app.close()


def _routing_mail(w: World, sender: str) -> tuple[str, str]:
    """Our own routing mail of case 001 as `sender` received it: (subject, text)."""
    raw = bytes(query(w.db, "SELECT raw FROM outbox WHERE kind = 'routing' AND recipient = ? ORDER BY id",
                      (sender,))[0][0])
    from email import message_from_bytes, policy

    msg = message_from_bytes(raw, policy=policy.default)
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None
    return str(msg["Subject"]), body.get_content()


@pytest.mark.parametrize(("sender", "command"), [APPLIED[1], APPLIED[4]])
def test_a_command_quoting_our_routing_mail_opens_no_case(template: Path, tmp_path: Path, sender: str,
                                                          command: str) -> None:
    """A reply "ACTION: ..." typed above our own routing mail quoted back: the referral is the case's history, not a
    form the sender sent; the command is applied and no case opens, nothing is linked."""
    w = _fresh(template, tmp_path / "w")
    try:
        subject, text = _routing_mail(w, sender)
        cases0, ev0 = _case_count(w), w.last("events")
        quoted = "\n".join("> " + ln for ln in text.splitlines())
        m = EmailMessage()
        m["From"], m["To"], m["Subject"] = sender, BOT, f"RE: {subject}"
        m["Date"], m["Message-ID"] = format_datetime(NOW - timedelta(minutes=5)), "<quoting.cmd@nsscp.example.gov.uk>"
        m.set_content(f"{command}\n\nOn Tue, 17 Nov 2026, csprbot wrote:\n{quoted}\n")
        out = w.feed(m.as_bytes())
        assert out[0].detail.startswith("accepted"), out
        kinds = [k for k, _ in _events(w, ev0)]
        assert "form_beside_command" not in kinds and "duplicate_referral" not in kinds, kinds
        assert _case_count(w) == cases0
    finally:
        w.app.close()


def test_a_held_return_beside_a_command_is_confirmed_by_the_coordinators_forward(template: Path,
                                                                                 tmp_path: Path) -> None:
    """A service leader's own return beside its NOTIFIED is held (the co-ordinator told); the co-ordinator's forward
    of it confirms that held return (credited as of its first arrival, `held_return_confirmed`), once."""
    w = _fresh(template, tmp_path / "w")
    try:
        m0, ev0 = w.last("messages"), w.last("events")
        out = w.feed(command_mail(SL, "NOTIFIED: 2026-11-17", "return", "pasted", "<held.1@nsscp.example.gov.uk>"))
        assert out[0].detail.startswith("accepted"), out
        (beside_id,), = w.new_rows("messages", m0, "id")
        assert "return_received" not in [k for k, _ in _events(w, ev0)]
        for n in (2, 3):  # the forward, then the same return forwarded again
            ev1 = w.last("events")
            m = EmailMessage()
            m["From"], m["To"], m["Subject"] = COORD, BOT, f"FW: [{REF}] Rapid review: agency return"
            m["Date"], m["Message-ID"] = format_datetime(NOW - timedelta(minutes=n)), f"<held.{n}@nsscp.example.gov.uk>"
            m.set_content("Please credit.\n\n" + _forward_block(EDU, RETURN_TEXT.format(ref=REF, agency="Education",
                                                                                        email=EDU)))
            assert w.feed(m.as_bytes())[0].detail == "agency return"
            confirmed = [d["message"] for k, d in _events(w, ev1) if k == "held_return_confirmed"]
            assert confirmed == ([beside_id] if n == 2 else []), confirmed
    finally:
        w.app.close()
