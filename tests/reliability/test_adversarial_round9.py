"""Adversarial suite, stranger round 9's breaks 1, 6 and 9 (issue 10), through the real intake loop.

  B1. a referral (Word form attached, pasted, or HTML) or an agency return whose covering note's first line starts
      with a command word and a colon ("Action: please consider the attached referral.", "Notified: 2026-11-30
      police were informed.") was taken as that command: the referral quarantined with no case and no clock, the
      return refused and its agency's clock left running, the co-ordinator's forward "Confirm: ... please credit."
      refused. Now what a message is comes from its content: a command that would not be applied (no case, a
      sender holding no role for it, a stage that refuses it, a command that does not parse) in a mail carrying a
      referral or return form is acted on as that form, and the audit says so (`command_read_as_form`). A command
      that would be applied (a role's well-formed command on its case) is applied as before.
  B6. the digest's IGNORED MAIL section printed a sender address that can spell a child's name
      (`alex.fictional.mum@gmail.com`); refusal reasons printed the refused sender's address. Now the digest prints
      such addresses by their domain only (the parked list keeps the configuration's own addresses).
  B9. a flood of referrals from many unlisted addresses on an agency's own domain (not strangers, so not
      rationed) filled the per-recipient rate cap and held another sender's genuine referral for 1-4 hours. Now
      such senders are rationed by agency (`mail.agency_domain_referrals_routed`, apart from strangers; their
      cases and clocks still open), and their routing goes in the strangers' lane of the outbox; listed
      addresses and roles are never rationed.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import REFERRER, ROLE, child_for, query, referral, referral_docx, write_profile
from test_adversarial import NOW, REF, World
from test_adversarial_round5 import _world
from test_adversarial_round7_trust import AGENCIES, POLICE_REVIEW, RETURN_TEXT
from test_flood_senders import GENUINE, SENT, _routing

COORD = ROLE["coordinator"]
FEW = settings(max_examples=16, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
LEADS = {"Education": "education.dsl@schools.example.gov.uk",
         "Avon and Somerset Police": "police.safeguarding.lead@avon.example.pnn.police.uk"}


@pytest.fixture(scope="module")
def world9(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Case 001 in rapid review (Education, the police and ICB Health asked), default profile."""
    w = _world(tmp_path_factory.mktemp("round9"), False)
    yield w
    w.app.close()


def _events(w: World, after: int) -> list[tuple[str, dict[str, Any]]]:
    return [(k, json.loads(d) if isinstance(d, str) else d) for k, d in w.new_rows("events", after, "kind, detail")]


# --- B1: a covering note that opens with a command word -------------------------------------------------------

# Prose that starts with a command word and a colon: every verb of the process model, in the cases people write.
FIRST_LINES = [
    "Action: please consider the attached referral.", "ACTION: referral attached for your consideration.",
    "Confirm: referral attached.", "Notified: 2026-11-30 police were informed.",
    "Submitted: 2026-12-02, our referral is below.", "Correct: this replaces our earlier draft.",
    "Close: family now known to us, referral below.", "Disagree: we think this needs a review.",
    "Extend: sorry for the delay in sending this.", "Link: may relate to an earlier incident.",
    "Aware: the LA became aware on 30 November.", "Reviewer: to be agreed.", "Looked after: no.",
    "Decision: for the sub-group.", "Waive: none.", "Panel: not yet told.",
]
# Who writes it: an unlisted address on an agency's own domain, a GP on gmail, an agency's listed lead, the
# co-ordinator passing one on, a role (the police review team).
SENDERS = [REFERRER, "dr.gp.practice@gmail.com", "csc.safeguarding.lead@csc.example.gov.uk", COORD,
           POLICE_REVIEW]
CARRIERS = ["docx", "pasted", "html", "greeting_docx"]


def _pasted_form(child: Any, referrer: str) -> str:
    family = "\n".join(f"Name: {n} | Relationship: {r} | DOB: {d.isoformat()}" for n, r, d, _ in child.family)
    return ("CHILD SAFEGUARDING PRACTICE REVIEW REFERRAL FORM\n\n"
            f"Referrer name: Pat Referrer\nRole: Senior Social Worker\nAgency: Children's Social Care\n"
            f"Email: {referrer}\nTelephone: 01234 000111\nDate of referral: 2026-11-17\n\n"
            f"Child's name: {child.name}\nDate of birth: {child.dob.isoformat()}\nAddress: {child.address}\n"
            f"Parent/carer: {child.carer}\nDate of incident: 2026-11-16\nLocation of incident: Family home\n"
            "Ethnicity: White British\nDisability: None known\nChild protection plan: No\n\n"
            f"Family members:\n{family}\n\nHas the child died? No\nHas the child been seriously harmed? Yes\n"
            "Is abuse or neglect known or suspected? Suspected\nConcern about how agencies worked together? Yes\n\n"
            "Summary of events: admitted to hospital with injuries that were not explained.\n")


def covered_referral(first: str, sender: str, carrier: str, child: Any, mid: str) -> bytes:
    """A referral whose covering note's first line is `first`, carried as `carrier`."""
    m = EmailMessage()
    m["From"] = sender
    m["To"] = COORD
    m["Subject"] = "CSPR referral" if sender != COORD else "FW: CSPR referral"
    m["Date"] = format_datetime(SENT)
    m["Message-ID"] = mid
    note = ("Hi,\n\n" if carrier.startswith("greeting") else "") + first + "\n\nKind regards\nPat\n"
    if carrier == "pasted":
        m.set_content(f"{first}\n\n{_pasted_form(child, sender)}")
    elif carrier == "html":
        m.set_content(f"<p>{first}</p><pre>{_pasted_form(child, sender)}</pre>", subtype="html")
    else:
        m.set_content(note)
        m.add_attachment(referral_docx(date(2026, 11, 16), date(2026, 11, 17), child), maintype="application",
                         subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                         filename="referral.docx")
    return m.as_bytes()


@FEW
@given(first=st.sampled_from(FIRST_LINES), sender=st.sampled_from(SENDERS), carrier=st.sampled_from(CARRIERS),
       k=st.integers(0, 5000))
def test_a_referral_under_a_command_like_first_line_opens_its_case(world9: World, first: str, sender: str,
                                                                   carrier: str, k: int) -> None:
    w = world9
    child = child_for(13 * k + 11, random.Random(k))
    cases0, ev0 = w.last("cases"), w.last("events")
    out = w.feed(covered_referral(first, sender, carrier, child, w.mid()))
    assert len(out) == 1 and out[0].status == "processed", out
    events = _events(w, ev0)
    kinds = [k for k, _ in events]
    opened = w.new_rows("cases", cases0, "ref")
    # A case of its own with its clocks, or linked to the open case of the same child: either way the referral.
    assert out[0].detail in ("referral", "referral of an open case: linked, not opened again"), (out, kinds)
    if out[0].detail == "referral":
        (ref,), = opened
        assert query(w.db, "SELECT count(*) FROM clocks k JOIN cases c ON c.id = k.case_id WHERE c.ref = ?",
                     (ref,))[0][0] > 0
    assert "command_refused" not in kinds and "command_read_as_form" in kinds, kinds
    assert [d["as"] for k, d in events if k == "command_read_as_form"] == ["referral"]


def _return_mail(first: str, sender: str, agency: str, mid: str, forward: bool) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = f"{'FW' if forward else 'RE'}: [{REF}] Rapid review: agency return requested"
    m["Date"] = format_datetime(NOW - timedelta(minutes=5))
    m["Message-ID"] = mid
    author = f"pat.author@{AGENCIES[agency]}"
    form = RETURN_TEXT.format(ref=REF, agency=agency, email=author)
    if forward:
        form = (f"---------- Forwarded message ---------\nFrom: Pat Author <{author}>\nDate: Wed, 18 Nov 2026 "
                f"at 09:12\nSubject: [{REF}] Rapid review: agency return\nTo: {COORD}\n\n{form}")
    m.set_content(f"{first}\n\n{form}")
    return m.as_bytes()


RETURN_FIRST = ["Action: please see our return below.", "Confirm: return below.", "Notified: 2026-11-30 police "
                "were informed.", "Submitted: 2026-12-02, our return is below.", "Correct: this replaces our "
                "earlier draft.", "Close: our involvement has ended.", "Disagree: we were not involved much.",
                "Extend: sorry this is late."]
FORWARD_FIRST = ["Confirm: return from {agency} below, please credit.", "Action: please credit this return.",
                 "Correct: this is the final version of their return."]


@FEW
@given(first=st.sampled_from(RETURN_FIRST + FORWARD_FIRST), agency=st.sampled_from(sorted(LEADS)))
def test_a_return_under_a_command_like_first_line_is_credited(world9: World, first: str, agency: str) -> None:
    """The agency's lead answering our request, or the co-ordinator forwarding the agency's return (the documented
    way to vouch for one): credited to the agency, whatever the first line's command word."""
    w = world9
    forward = first in FORWARD_FIRST
    sender = COORD if forward else LEADS[agency]
    ev0 = w.last("events")
    out = w.feed(_return_mail(first.format(agency=agency), sender, agency, w.mid(), forward))
    assert len(out) == 1 and out[0].status == "processed" and out[0].detail == "agency return", out
    events = _events(w, ev0)
    assert [d["agency"] for k, d in events if k == "return_received"] == [agency], events
    assert "command_refused" not in [k for k, _ in events]
    assert [d["as"] for k, d in events if k == "command_read_as_form"] == ["agency_return"]


@FEW
@given(tag=st.from_regex(r"[A-Z]{4}[0-9]{3}", fullmatch=True), agency=st.sampled_from(sorted(LEADS)),
       carrier=st.sampled_from(["return_pasted", "referral_docx"]))
def test_a_command_that_applies_wins_over_the_form_it_carries(world9: World, tag: str, agency: str,
                                                              carrier: str) -> None:
    """The other side: a role's well-formed command on its case is applied, and the form beside it is acted on as
    that form (test_form_beside_command.py), not instead of the command."""
    w = world9
    ev0 = w.last("events")
    command = f"ACTION: service leader; 2027-01-15; check {tag}"
    if carrier == "return_pasted":
        raw = _return_mail(command, COORD, agency, w.mid(), False)
    else:
        m = EmailMessage()
        m["From"], m["To"], m["Subject"] = COORD, "csprbot@nsscp.example.gov.uk", f"RE: [{REF}]"
        m["Date"], m["Message-ID"] = format_datetime(NOW - timedelta(minutes=3)), w.mid()
        m.set_content(command + "\n")
        m.add_attachment(referral_docx(date(2026, 11, 16), date(2026, 11, 17)), maintype="application",
                         subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                         filename="referral.docx")
        raw = m.as_bytes()
    out = w.feed(raw)
    assert out[0].detail.startswith("accepted: learning action"), out
    kinds = [k for k, _ in _events(w, ev0)]
    assert "command_read_as_form" not in kinds and "form_beside_command" in kinds, kinds


def test_new_case_opens_a_quarantined_referral_that_reads_as_a_command(world9: World,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A referral quarantined as a command (as versions before this fix did): `csprbot new-case ID` opens it, and
    `quarantine release` now does too."""
    import bot.intake
    from bot.intake import open_as_new_case, release

    w = world9
    before = bot.intake._as_form
    monkeypatch.setattr(bot.intake, "_as_form", lambda s, rt, row, hdr, key, parsed, why: bot.intake._quarantine(
        s, rt, row, hdr, key, "ACTION: no case reference was found in the subject or the document"))
    held = []
    for k in (9001, 9002):
        out = w.feed(covered_referral("Action: please consider the attached referral.", REFERRER, "docx",
                                      child_for(13 * k, random.Random(k)), w.mid()))
        assert out[0].status == "quarantined", out
        held.append(w.last("messages"))
    monkeypatch.setattr(bot.intake, "_as_form", before)
    cases0 = w.last("cases")
    opened = open_as_new_case(w.app.sessions, w.app.runtime(), held[0], "cli")
    assert opened.status == "processed" and opened.detail == "referral", opened
    released = release(w.app.sessions, w.app.runtime(), held[1], "cli")
    assert released.status == "processed" and released.detail == "referral", released
    assert len(w.new_rows("cases", cases0, "ref")) == 2
    assert {r for (r,) in w.new_rows("messages", held[0] - 1, "status")} == {"processed"}


# --- B6: the digest prints no address a sender chose --------------------------------------------------------

@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(k=st.integers(0, 5000), shape=st.sampled_from(["{f}.{l}.mum", "{l}{f}", "{f}_{l}_{y}", "{l}.family"]),
       domain=st.sampled_from(["gmail.com", "outlook.com", "schools.example.gov.uk", "nhs.net"]))
def test_the_digest_prints_no_local_part_a_sender_chose(world9: World, k: int, shape: str, domain: str) -> None:
    """An automatic reply and a refused command from an address spelling a child's name: the digest counts and
    lists them by domain only."""
    from reliability_kit import auto_reply, reply

    from bot.digest import build_digest

    w = world9
    child = child_for(k, random.Random(k))
    first, last = child.name.split()[0].lower(), child.name.split()[-1].lower()
    address = shape.format(f=first, l=last, y=child.dob.year) + "@" + domain
    w.feed(auto_reply(address, NOW - timedelta(minutes=2), w.mid()))
    w.feed(reply(address, REF, "CLOSE: not needed", NOW - timedelta(minutes=1), w.mid()))
    # the co-ordinator typing the child's date of birth where a date belongs: refused, the reason echoes it
    w.feed(reply(COORD, REF, f"AWARE: {child.dob.isoformat()}", NOW - timedelta(minutes=1), w.mid()))
    with w.app.sessions() as s:
        d = build_digest(s, w.app.runtime())
    local = address.split("@")[0]
    assert local not in d.text.lower() and local not in d.html.lower(), d.text
    assert child.dob.isoformat() not in d.text and child.dob.isoformat() not in d.html, d.text
    ignored = d.text.split("IGNORED MAIL", 1)[1].split("REFUSED COMMANDS", 1)[0]
    assert f"  {domain}  " in ignored, ignored


# --- B9: a flood from an agency's own domain -----------------------------------------------------------------

# Small figures keep the file fast: a flood beyond the rate cap (8 an hour per recipient here, 30 by default) held
# the genuine routing back before the fix; the agency's allowance (4 here, 10 by default) stays below the cap
# together with the genuine referral, as the defaults do with strangers' 12 (22 of 30).
AGENCY_ALLOWANCE, CAP = 4, 8


def _app9(tmp: Path) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"maildir:{tmp}/outbox"', "rate_cap_per_hour": CAP,
                                                   "agency_domain_referrals_routed": AGENCY_ALLOWANCE})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return App(cfg, FixedClock(NOW), env={})


def _agency_flood(i: int, shape: str, rng: random.Random) -> bytes:
    sender = "dsl.flood@schools.example.gov.uk" if shape == "one_address" else f"staff{i:03d}@schools.example.gov.uk"
    raw = referral(f"<aflood-{i}@schools.example.gov.uk>", SENT, date(2026, 11, 16), child=child_for(13 * i + 5, rng))
    return raw.replace(f"From: Sam Example <{REFERRER}>".encode(), f"From: {sender}".encode(), 1)


@settings(max_examples=2, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(n=st.integers(CAP + 1, CAP + 5), shape=st.sampled_from(["many_addresses", "one_address"]),
       genuine=st.sampled_from([REFERRER, "csc.safeguarding.lead@csc.example.gov.uk"]))
def test_a_flood_from_an_agency_domain_never_holds_a_genuine_referral_back(tmp_path_factory: Any, n: int, shape: str,
                                                                            genuine: str) -> None:
    """9-13 referrals (beyond the rate cap) from unlisted addresses on Education's own domain, then a genuine one
    (an unlisted address on CSC's domain, or CSC's listed lead): the genuine routing goes in the same pass; the
    flood's beyond the agency's allowance is summarised; every case opened with its clocks."""
    from bot.mail.maildir import deliver

    tmp = tmp_path_factory.mktemp("aflood")
    rng = random.Random(n)
    for i in range(n):
        deliver(tmp / "inbox", _agency_flood(i, shape, rng))
    deliver(tmp / "inbox", referral(GENUINE, SENT, date(2026, 11, 16)).replace(
        f"<{REFERRER}>".encode(), f"<{genuine}>".encode(), 1))
    app = _app9(tmp)
    outcomes = app.intake()
    report = app.deliver()
    app.close()
    assert len(outcomes) == n + 1 and {o.status for o in outcomes} == {"processed"}, outcomes
    db = tmp / "csprbot.db"
    with sqlite3.connect(db) as con:
        genuine_ref = con.execute("SELECT c.ref FROM messages m JOIN cases c ON c.id = m.case_id "
                                  "WHERE m.message_id = ?", (GENUINE,)).fetchone()[0]
        unclocked = con.execute("SELECT count(*) FROM cases c WHERE NOT EXISTS "
                                "(SELECT 1 FROM clocks k WHERE k.case_id = c.id)").fetchone()[0]
        held = con.execute("SELECT count(*) FROM events WHERE kind = 'stranger_referral' "
                           "AND detail LIKE '%\"routed\": false%'").fetchone()[0]
        counted_genuine = con.execute("SELECT count(*) FROM events WHERE kind = 'stranger_referral' AND actor = ?",
                                      (genuine,)).fetchone()[0]
    assert unclocked == 0
    routing = _routing(db)
    mine = [r for r in routing if r[0] == genuine_ref]
    assert len(mine) >= 6 and {r[2] for r in mine} == {"sent"}, (mine, report)  # routed in the same pass
    flood_cases = {r[0] for r in routing if r[0] != genuine_ref}
    assert len(flood_cases) == AGENCY_ALLOWANCE and held == n - AGENCY_ALLOWANCE, (len(flood_cases), held)
    # a listed lead is never counted; an unlisted address on CSC's domain counts for CSC, not for Education
    assert counted_genuine == (0 if genuine != REFERRER else 1)


def test_listed_addresses_are_never_rationed(tmp_path: Path) -> None:
    """An agency's listed lead sending more referrals in an interval than any allowance: all routed, none
    counted."""
    from bot.mail.maildir import deliver

    rng = random.Random(12)
    lead = "csc.safeguarding.lead@csc.example.gov.uk"
    for i in range(AGENCY_ALLOWANCE + 2):
        raw = referral(f"<lead-{i}@csc.example.gov.uk>", SENT, date(2026, 11, 16), child=child_for(13 * i + 9, rng))
        deliver(tmp_path / "inbox", raw.replace(f"<{REFERRER}>".encode(), f"<{lead}>".encode(), 1))
    app = _app9(tmp_path)
    app.intake()
    app.deliver()
    app.close()
    routing = _routing(tmp_path / "csprbot.db")
    assert len({r[0] for r in routing}) == AGENCY_ALLOWANCE + 2 and {r[2] for r in routing} == {"sent"}
    with sqlite3.connect(tmp_path / "csprbot.db") as con:
        assert con.execute("SELECT count(*) FROM events WHERE kind = 'stranger_referral'").fetchone()[0] == 0
