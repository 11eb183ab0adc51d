"""Stranger round 15: who a referral's acknowledgement and referrer role go to (bot.domain.referral).

A known sender's forward: the form's referrer address (the parser fills it from the innermost forwarded writer),
or none; the forwarder is then the one acknowledged. Anyone's own referral, and a stranger's forward (whose body
anyone may write), keep the sender.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.effects import MailIntent
from bot.domain.referral import plan_referral
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers.records import Child, ParseResult, Referral, Referrer

S = load_settings(None, env={})
CAL = WorkCalendar(closure_days=set())
COORD = "nsscp.coordinator@nsscp.example.gov.uk"
WORKER = "pat.worker@schools.example.gov.uk"
STRANGER = "someone@webmail.example.com"


def plan(sender: str, form_email: str | None, forwarded: bool):  # type: ignore[no-untyped-def]
    form = Referral(referrer=Referrer(email=form_email),
                    child=Child(name="Leo Marsh", date_of_birth="2019-05-04", incident_date="2026-04-01"))
    parsed = ParseResult(kind="referral", referral=form, forwarded=forwarded)
    return plan_referral(parsed, sender, datetime(2026, 4, 2, 9, 0, tzinfo=UTC), S, CAL)


def ack_to(p) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    (ack,) = [e for e in p.effects if isinstance(e, MailIntent) and e.kind == "ack"]
    return tuple(ack.to)


@pytest.mark.parametrize(("sender", "form_email", "forwarded", "referrer", "acked"), [
    (COORD, WORKER, True, WORKER, WORKER),  # a role's forward: the agency worker made it
    (COORD, "Pat.Worker@Schools.example.gov.uk", True, WORKER, WORKER),
    (COORD, None, True, None, COORD),  # no address read (an X.500 From line): none guessed, the forwarder told
    (WORKER, None, False, WORKER, WORKER),  # their own referral
    (COORD, WORKER, False, COORD, COORD),  # not a forward: the sender, as before
    (STRANGER, WORKER, True, STRANGER, STRANGER),  # a stranger's forward names nobody else
])
def test_referrer_address(sender: str, form_email: str | None, forwarded: bool, referrer: str | None,
                          acked: str) -> None:
    p = plan(sender, form_email, forwarded)
    assert p.referrer_email == referrer
    assert ack_to(p) == (acked,)
    assert p.received_date == date(2026, 4, 2)
