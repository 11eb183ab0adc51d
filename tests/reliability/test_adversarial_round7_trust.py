"""Adversarial suite, stranger round 5's trust findings (issue 10, S6, O1, O3): who a return counts for, what a
sender holding no role can learn from a refusal, and how much routing strangers together get.

  S6. a partnership role's own return (typed or attached, not forwarded) was credited to whatever agency its
      form named (the Director's "Agency: Education" stopped Education's clock). SECURITY: a return counts when
      it comes from the agency's listed address or own domain, or from a role *forwarding* it. Now it is held
      for the co-ordinator like an unlisted shared-domain return, and the co-ordinator's forward confirms it
      as of its first receipt. The co-ordinator's own return is taken (the co-ordinator is who confirms).
  O1. anyone on an agency's own domain (not a listed address) was told "no case X is known" for a made-up
      reference and "does not hold that role" for a real one: an oracle for which references exist. A sender
      holding no partnership role now gets, for a command on a case it holds no role in and for one under a
      made-up reference, the same bytes (but for Message-ID, In-Reply-To / References and Date); a plain reply
      gets nothing either way. Partnership roles keep "no case X is known".
  O3. no cap on strangers together: 30 strangers from 30 domains had all 30 referrals routed in one pass. Now
      `mail.stranger_referrals_routed_total` (12) caps them; the rest keep their case and clocks and go into
      the one summary; a known sender's referral is never counted or held.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from random import Random
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE, filled_return, query, referral, snapshot, write_profile
from test_adversarial import NOW, REF, World, build
from test_adversarial_round5 import _signed, _world, count

COORD = ROLE["coordinator"]
POLICE_REVIEW = "casereview@avon.example.pnn.police.uk"  # a role whose address is on the police's own domain
# Roles that are no agency's listed address and write from no agency's own domain (icb_safeguarding is on nhs.net,
# a shared domain that identifies nobody).
ROLE_ONLY = [ROLE["director"], ROLE["service_leader"], ROLE["assistant_director"], ROLE["subgroup_chair"],
             "nsscp.executive@nsscp.example.gov.uk", "example.icb.safeguarding@nhs.net"]
AGENCIES = {"Education": "schools.example.gov.uk", "Avon and Somerset Police": "avon.example.pnn.police.uk",
            "ICB Health": "nhs.net", "Children's Social Care": "csc.example.gov.uk"}
# CI cost: each example is one or two mails through the whole intake (~0.3 s); the worlds are shared per module.
FEW = settings(max_examples=30, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def worlds7(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, World]]:
    """Case 001 in rapid review (Education, the police and ICB Health asked), on both profiles."""
    ws = {name: _world(tmp_path_factory.mktemp(f"round7-{name}"), name == "hardened")
          for name in ("hardened", "default")}
    yield ws
    for w in ws.values():
        w.app.close()


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[1]


# --- S6: a role's own return is the role's claim; a role forwarding one vouches for it ---------------------

RETURN_TEXT = ("Rapid Review: Agency Return\n\nCase reference: {ref}\nAgency: {agency}\nAuthor name: Pat Author\n"
               "Author role: Named nurse\nAuthor email: {email}\nAuthor telephone: 01234 567890\n"
               "Was your agency involved with the child or family? (Yes / No): Yes\n"
               "Period of involvement from: 2025-01-01\nPeriod of involvement to: 2026-11-17\n"
               "Summary of involvement / chronology: Two contacts with the family in 2026, both routine.\n"
               "Immediate actions taken or needed: None further.\nLearning identified: Information sharing.\n"
               "Have records been secured? (Yes / No): Yes\nSigned off by (manager): A Manager\n"
               "Date completed: 2026-11-18\n")
AUTHOR = "pat.author@{domain}"  # the agency's writer, inside a forward


def _mail(sender: str, subject: str, body: str, mid: str, docx: bytes | None = None) -> EmailMessage:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = subject
    m["Date"] = format_datetime(NOW - timedelta(minutes=5))
    m["Message-ID"] = mid
    m.set_content(body)
    if docx is not None:
        m.add_attachment(docx, maintype="application",
                         subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                         filename="agency return.docx")
    return m


def role_return(sender: str, agency: str, shape: str, mid: str) -> bytes:
    """A return for case 001 naming `agency`, sent by `sender` in one of the shapes a mail client makes.

    Own: the form attached as Word, or pasted into the body, under a reply to our request. Forwarded: Outlook's
    "FW:" with the agency's mail's header block above the form, Gmail's "Fwd:", an inline forward separator
    under a "RE:" subject, or the agency's whole mail attached (message/rfc822)."""
    author = AUTHOR.format(domain=AGENCIES[agency])
    text = RETURN_TEXT.format(ref=REF, agency=agency, email=author)
    docx = filled_return(REF, agency, "No", "Lee Specimen", author)
    request = f"[{REF}] Rapid review: agency return requested"
    block = f"From: Pat Author <{author}>\nSent: 18 November 2026 09:12\nTo: {sender}\nSubject: RE: {request}\n\n"
    if shape == "own_docx":
        m = _mail(sender, f"RE: {request}", "Please find our return attached.\n", mid, docx)
    elif shape == "own_text":
        m = _mail(sender, f"RE: {request}", text, mid)
    elif shape == "fw_outlook_docx":
        m = _mail(sender, f"FW: RE: {request}", "For the record.\n\n" + "_" * 32 + "\n" + block
                  + "Please find our return attached.\n", mid, docx)
    elif shape == "fwd_gmail_text":
        m = _mail(sender, f"Fwd: {request}", "See below.\n\n---------- Forwarded message ---------\n" + block + text,
                  mid)
    elif shape == "inline_separator":
        m = _mail(sender, f"RE: {request}", "Passing this on.\n\n-------- Forwarded Message --------\n" + block + text,
                  mid)
    else:  # "attached": the agency's mail whole, as Outlook's "Forward as attachment" sends it
        inner = _mail(author, f"RE: {request}", "Please find our return attached.\n", f"<inner.{mid[1:]}", docx)
        m = _mail(sender, f"RE: {request}", "The agency's return, attached.\n", mid)
        m.add_attachment(message_from_bytes(inner.as_bytes(), policy=policy.default))
    return _signed(m.as_bytes(), _domain(sender))


OWN = ["own_docx", "own_text"]
FORWARDED = ["fw_outlook_docx", "fwd_gmail_text", "inline_separator", "attached"]


def _credited(sender: str, agency: str, shape: str) -> bool:
    """The rule SECURITY states, written out: the agency's own domain (never a shared one) or listed address;
    or a partnership role forwarding it; or the co-ordinator, who confirms held returns."""
    own_domain = AGENCIES[agency] != "nhs.net" and _domain(sender) == AGENCIES[agency]
    return own_domain or shape in FORWARDED or sender == COORD


def _events(w: World, after: int) -> list[tuple[str, dict[str, Any]]]:
    return [(k, json.loads(d) if isinstance(d, str) else d)
            for k, d in w.new_rows("events", after, "kind, detail")]


@FEW
@given(sender=st.sampled_from([*ROLE_ONLY, COORD, POLICE_REVIEW]), agency=st.sampled_from(sorted(AGENCIES)),
       shape=st.sampled_from(OWN + FORWARDED), profile=st.sampled_from(["hardened", "default"]))
def test_a_roles_own_return_is_held_and_a_forwarded_one_counts(worlds7: dict[str, World], sender: str, agency: str,
                                                               shape: str, profile: str) -> None:
    w = worlds7[profile]
    before = {t: rows for t, rows in snapshot(w.db).items() if t in ("clocks", "agency_requests")}
    ev0, ob0 = w.last("events"), w.last("outbox")
    out = w.feed(role_return(sender, agency, shape, w.mid()))
    events = _events(w, ev0)
    received = [d.get("agency") for k, d in events if k == "return_received"]
    held = [d.get("claims") for k, d in events if k == "return_held"]
    to_sender = [k for r, k in w.new_rows("outbox", ob0, "recipient, kind") if r.lower() == sender.lower()]
    expected = _credited(sender, agency, shape)
    count("role_return", credited=bool(received), held=bool(held), expected_credit=expected)
    if expected:
        assert out[0].status == "processed" and received == [agency] and "confirm" in to_sender, (out, events)
    else:
        after = {t: rows for t, rows in snapshot(w.db).items() if t in before}
        assert out[0].status == "quarantined" and received == [] and held == [agency], (out, events)
        assert after == before  # no clock stopped, no return recorded
        assert to_sender == []  # no confirmation to the role (the co-ordinator is told)


@pytest.mark.parametrize("sender", [ROLE["director"], "example.icb.safeguarding@nhs.net"])
def test_the_coordinators_forward_confirms_a_roles_held_return_as_of_its_receipt(tmp_path: Path, sender: str) -> None:
    """The confirm path is the held-return one (B12): the co-ordinator forwards it days later, it counts as of
    the day the role first sent it, and the held message is marked processed (a release cannot credit it twice)."""
    from bot.mail.maildir import deliver

    w = _world(tmp_path, hardened=True)
    try:
        out = w.feed(role_return(sender, "Education", "own_text", "<held.own@nsscp.example.gov.uk>"))
        assert out[0].status == "quarantined", out
        assert query(w.db, "SELECT received_on FROM agency_requests WHERE agency = 'Education'") == [(None,)]
        later = NOW + timedelta(days=20)  # past the 10 working-day clock
        fwd = role_return(COORD, "Education", "fw_outlook_docx", "<fwd.own@nsscp.example.gov.uk>")
        deliver(w.inbox, fwd, received=later)
        w.app.clock = type(w.app.clock)(later + timedelta(minutes=10))
        out = w.app.intake()
        assert out[0].status == "processed", out
        got = query(w.db, "SELECT received_on, late FROM agency_requests WHERE agency = 'Education'")
        assert got == [(NOW.date().isoformat(), 0)], got
        assert query(w.db, "SELECT status FROM messages WHERE message_id = '<held.own@nsscp.example.gov.uk>'") == [
            ("processed",)]
        assert query(w.db, "SELECT count(*) FROM events WHERE kind = 'held_return_confirmed'") == [(1,)]
    finally:
        w.app.close()


# --- O1: a sender holding no partnership role learns nothing from a refusal about which references exist ---

STRANGERS = ["jo.public@gmail.example", "unlisted.gp@nhs.net"]
AGENCY_DOMAIN = ["any.clerk@schools.example.gov.uk", "someone@csc.example.gov.uk",
                 "duty.desk@avon.example.pnn.police.uk"]
AGENCY_LISTED = ["education.dsl@schools.example.gov.uk", "example.health.lead@nhs.net",
                 "police.subgroup.rep@avon.example.pnn.police.uk", "csc.safeguarding.lead@csc.example.gov.uk"]
PARTNERS = [COORD, ROLE["director"], "nsscp.executive@nsscp.example.gov.uk"]
PROBES = ["CLOSE: probe", "REOPEN: probe", "DISAGREE: the review is needed", "EXTEND screening: 2026-12-01 probe",
          "LINK: NS-CSPR-2026-002", "CORRECT child.name: Pat Probe", "SUBMITTED: 2026-11-17",
          "LOOKED AFTER: YES", "CLOSE: probe\nREOPEN: probe",  # two commands in one mail
          "CLOSE: probe, see also case 002",  # names another case
          "Thanks, noted."]  # a plain reply, no command
_VOLATILE = re.compile(rb"^(?:message-id|in-reply-to|references|date):.*(?:\r?\n[ \t].*)*\r?\n", re.I | re.M)


def _answers(w: World, ob0: int, sender: str) -> list[bytes]:
    rows = query(w.db, "SELECT recipient, raw FROM outbox WHERE id > ? ORDER BY id", (ob0,))
    return [bytes(raw) for rcpt, raw in rows if rcpt.lower() == sender.lower()]


def _same_apart_from_ids(mail: bytes) -> bytes:
    """The bytes a sender could compare, without what must differ between two mails (ids, threading, date)."""
    head, sep, body = mail.partition(b"\n\n") if b"\r\n\r\n" not in mail else mail.partition(b"\r\n\r\n")
    return _VOLATILE.sub(b"", head + b"\n") + sep + body


def _text(mail: bytes) -> str:
    m = message_from_bytes(mail, policy=policy.default)
    part = m.get_body(("plain",))
    return str(m["Subject"]) + "\n" + (part.get_content() if part is not None else "")  # type: ignore[union-attr]


@settings(max_examples=36, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cls=st.sampled_from(["stranger", "agency_domain", "agency_listed", "partner"]), data=st.data(),
       probe=st.sampled_from(PROBES), number=st.integers(min_value=500, max_value=999),
       profile=st.sampled_from(["hardened", "default"]))
def test_a_refusal_to_a_sender_without_a_role_is_the_same_for_a_real_and_a_made_up_case(
        worlds7: dict[str, World], cls: str, data: st.DataObject, probe: str, number: int, profile: str) -> None:
    w = worlds7[profile]
    sender = data.draw(st.sampled_from({"stranger": STRANGERS, "agency_domain": AGENCY_DOMAIN,
                                        "agency_listed": AGENCY_LISTED, "partner": PARTNERS}[cls]))
    made_up = f"NS-CSPR-2026-{number:03d}"
    assume(not query(w.db, "SELECT 1 FROM cases WHERE ref = ?", (made_up,)))
    refs = {"made_up": made_up} if cls == "partner" else {"real": REF, "made_up": made_up}  # a partner's CLOSE acts
    before = snapshot(w.db)
    got: dict[str, list[bytes]] = {}
    for which, ref in refs.items():
        ob0 = w.last("outbox")
        w.feed(_signed(build([sender], [], probe, subject=f"RE: [{ref}] Reminder", mid=w.mid()), _domain(sender)))
        got[which] = _answers(w, ob0, sender)
    assert snapshot(w.db) == before  # nothing acted on
    command = probe != PROBES[-1]
    if cls == "partner":
        # a partnership role keeps the helpful answer
        assert len(got["made_up"]) == 1 and f"no case {made_up} is known" in _text(got["made_up"][0]), got
        return
    real, fake = ([_same_apart_from_ids(m) for m in got[k]] for k in ("real", "made_up"))
    count("no_role_refusal", answered=bool(real or fake), same=real == fake)
    assert real == fake, (sender, probe, got)
    if cls == "stranger" or not command:
        assert real == [], got  # a stranger is never answered; a plain reply is not answered either way
        return
    assert len(real) == 1, got
    words = _text(got["real"][0])
    for tell in ("no case", "is known", "does not hold that role", "more than one", REF, made_up, "(no case found)"):
        assert tell not in words, (tell, words)


# --- O3: strangers together get a routing allowance per interval --------------------------------------

GENUINE = "<genuine.o3@csc.example.gov.uk>"


def _stranger_referral(i: int, sender: str) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = COORD
    m["Subject"] = f"Referral for a rapid review {i}"
    m["Date"] = format_datetime(NOW - timedelta(minutes=30))
    m["Message-ID"] = f"<o3.{i}@{_domain(sender)}>"
    name = f"Floodchild{i} Example"
    m.set_content(f"Dear partnership,\n\nI am referring {name}, born 2016-0{1 + i % 9}-1{i % 10}, for consideration "
                  f"of a rapid review. {name.split()[0]} suffered serious harm on 2026-11-16 and died in hospital; "
                  "abuse or neglect is suspected.\n\nPlease consider whether the criteria for a rapid review are "
                  "met.\n\nA neighbour\n")
    return m.as_bytes()


def _flood_world(tmp: Path, total: int | None) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    mail = {"inbox": f'"maildir:{tmp}/inbox"', "sender": f'"maildir:{tmp}/outbox"'}
    if total is not None:
        mail["stranger_referrals_routed_total"] = str(total)
    cfg = load_settings(str(write_profile(tmp / "profile.toml", mail)),
                        env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return App(cfg, FixedClock(NOW), env={})


@settings(max_examples=4, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(sizes=st.lists(st.integers(1, 2), min_size=7, max_size=12), total=st.sampled_from([None, 0, 2, 5]),
       genuine_at=st.integers(0, 30), seed=st.integers(0, 99))
def test_strangers_together_are_routed_up_to_the_total_and_a_genuine_referral_never_waits(
        tmp_path_factory: pytest.TempPathFactory, sizes: list[int], total: int | None, genuine_at: int,
        seed: int) -> None:
    """Strangers from many organisational domains (1-2 each, every one under the per-sender and per-domain
    allowances), with an agency's referral somewhere among them, in one pass."""
    from bot.mail.maildir import deliver

    tmp = tmp_path_factory.mktemp("o3")
    rng = Random(seed)
    senders = [f"worried{i}.{j}@neighbour{i}-{rng.randint(0, 999)}.example"
               for i, n in enumerate(sizes) for j in range(n)]
    mails = [_stranger_referral(i, s) for i, s in enumerate(senders)]
    at = genuine_at % (len(mails) + 1)
    mails.insert(at, referral(GENUINE, NOW - timedelta(minutes=30), date(2026, 11, 16)))
    for raw in mails:
        deliver(tmp / "inbox", raw)
    app = _flood_world(tmp, total)
    try:
        outcomes = app.intake()
    finally:
        app.close()
    cap = 12 if total is None else total
    db = tmp / "csprbot.db"
    genuine = query(db, "SELECT c.ref FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.message_id = ?",
                    (GENUINE,))[0][0]
    routed = {ref for ref, in query(db, "SELECT DISTINCT c.ref FROM outbox o JOIN cases c ON c.id = o.case_id "
                                        "WHERE o.kind = 'routing'")}
    held = query(db, "SELECT count(*) FROM events WHERE kind = 'stranger_referral' AND detail LIKE "
                     "'%\"routed\": false%'")[0][0]
    cases = query(db, "SELECT count(*) FROM cases c WHERE EXISTS (SELECT 1 FROM clocks k WHERE k.case_id = c.id)")
    count("stranger_total_cap", routed=len(routed - {genuine}), held=held)
    assert {o.status for o in outcomes} == {"processed"} and cases == [(len(senders) + 1,)], outcomes
    assert genuine in routed  # the agency's referral is routed in the same pass, wherever it came
    assert len(routed - {genuine}) == min(len(senders), cap), (len(senders), cap, routed)
    assert held == len(senders) - min(len(senders), cap)


def test_the_total_is_a_setting_checked_by_name(tmp_path: Path) -> None:
    from bot.settings import ConfigError, load_settings

    ok = load_settings(str(write_profile(tmp_path / "ok.toml", {"stranger_referrals_routed_total": "20"})),
                       env={"CSPRBOT_DATABASE_URL": "sqlite://"})
    assert ok.mail.stranger_referrals_routed_total == 20
    default = load_settings(str(write_profile(tmp_path / "d.toml")), env={"CSPRBOT_DATABASE_URL": "sqlite://"})
    assert default.mail.stranger_referrals_routed_total == 12
    for bad in ("-1", '"many"', "2.5"):
        with pytest.raises(ConfigError) as err:
            load_settings(str(write_profile(tmp_path / "bad.toml", {"stranger_referrals_routed_total": bad})),
                          env={"CSPRBOT_DATABASE_URL": "sqlite://"})
        assert "mail.stranger_referrals_routed_total" in str(err.value), (bad, str(err.value))
