"""Stranger round 17, B5: the referrer's follow-up on her own referral's thread opened a second, provisional case.

"Thanks. Quentin (DOB 14/03/2019) was discharged home today to his mother." under "RE: CSPR referral - QZ" reads as
a referral without a form (a child, a date of birth, "CSPR referral"), and opened NS-CSPR-2026-002: routed to six
roles, screening and SIN clocks running, the referrer asked for the form. Now a mail whose direct parent
(In-Reply-To, else the last References entry) opened a case or was filed on it, or is csprbot's own mail for it, is
filed on that case as correspondence; so is one from the case's referrer giving the child's forename and date of
birth with no thread (bot/intake._follow_up). Through the intake path (Maildir in, the store and outbox read back),
hardened profile. The opposite holes: a sibling's form on the thread still opens its own case, a sibling in prose is
not filed, a forged mail with a stolen In-Reply-To changes nothing, a closed case's thread files nothing.
"""

from __future__ import annotations

import email
import os
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, ROLE, query, write_profile
from test_adversarial import World

from bot.render import message_id_for

TRUSTED, OURS = "mx.nsscp.example.gov.uk", "nsscp.example.gov.uk"
SAM, POLICE = "sam.example@csc.example.gov.uk", "police.safeguarding.lead@avon.example.pnn.police.uk"
COORD = ROLE["coordinator"]
REF, SECOND = "NS-CSPR-2026-001", "NS-CSPR-2026-002"
REFERRAL_MID = "<qz.referral.1@csc.example.gov.uk>"
SUBJECT = "CSPR referral - QZ"
NOW = datetime(2026, 12, 2, 9, 30, tzinfo=LONDON)
IDENTIFIERS = ("quentin", "zabrowski", "14/03/2019", "2019-03-14", "zz1 1zz", "14 march")
FEW = settings(max_examples=int(os.environ.get("CSPRBOT_ADVERSARIAL_EXAMPLES", "12")), deadline=None,
               derandomize=True, phases=(Phase.explicit, Phase.generate),
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

FORM = """Hello,

Please find below a referral for a Child Safeguarding Practice Review.

CSPR REFERRAL FORM
Name of referrer: Sam Example
Role: Senior Social Worker
Agency: Children's Social Care
Email: sam.example@csc.example.gov.uk
Telephone: 01234 000111
Date of referral: 01/12/2026

Name of child: {child}
Date of birth: {dob}
Home address: 1 Nowhere Lane, Exampletown, ZZ1 1ZZ
Parent/carer: Jo Zabrowski (mother)
Date of incident: 30/11/2026
Location of incident: Family home
Has the child died? No
Has the child been seriously harmed? Yes
Is abuse or neglect known or suspected? Suspected
Concerns about how agencies worked together? Yes

Summary: The child was brought to hospital with a head injury and bruising of different ages.

Kind regards
Sam Example
"""


def mail(sender: str, subject: str, body: str, sent: datetime, mid: str, headers: dict[str, str] | None = None,
         auth: str | None = "pass") -> bytes:
    """A plain-text mail as the boundary hands it over: its verdict for the From domain first (`auth` None: none)."""
    domain = sender.rsplit("@", 1)[1]
    lines = []
    if auth is not None:
        lines.append(f"Authentication-Results: {TRUSTED}; spf={auth} smtp.mailfrom=x@{domain}; "
                     f"dkim={auth} header.d={domain}; dmarc={auth} header.from={domain}")
    lines += [f"From: A Worker <{sender}>", "To: csprbot@nsscp.example.gov.uk", f"Subject: {subject}",
              f"Date: {sent.strftime('%a, %d %b %Y %H:%M:%S %z')}", f"Message-ID: {mid}",
              *(f"{k}: {v}" for k, v in (headers or {}).items()),
              "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body.replace("\n", "\r\n").encode()


def _app(tmp: Path, now: datetime) -> World:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {
        "inbox": f'"maildir:{tmp}/inbox"', "sender": f'"maildir:{tmp}/outbox"',
        "trusted_authserv_id": f'"{TRUSTED}"', "require_authentication": "true"})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return World(App(cfg, FixedClock(now), env={}), tmp / "csprbot.db", tmp / "inbox")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Case 001: Quentin Zabrowski's referral by Sam (by form, pasted), received on 1 December."""
    tmp = tmp_path_factory.mktemp("follow-up-template")
    w = _app(tmp, NOW - timedelta(days=1))
    out = w.feed(mail(SAM, SUBJECT, FORM.format(child="Quentin Zabrowski", dob="14/03/2019"),
                      NOW - timedelta(days=1), REFERRAL_MID))
    assert out[0].ref == REF and out[0].detail == "referral", out
    w.app.close()
    yield tmp


def _fresh(template: Path, tmp: Path, now: datetime = NOW) -> World:
    tmp.mkdir(parents=True, exist_ok=True)
    for f in template.glob("csprbot.db*"):
        shutil.copy(f, tmp / f.name)
    return _app(tmp, now)


def _ack_mid(w: World) -> str:
    """The Message-ID of csprbot's acknowledgement to Sam (the mail her client threads a reply under)."""
    (key,) = query(w.db, "SELECT idem_key FROM outbox WHERE kind = 'ack' AND recipient = ?", (SAM,))[0]
    return message_id_for(str(key), OURS)


def _state(w: World) -> dict[str, list[tuple[Any, ...]]]:
    """What a follow-up may not change: the cases and their clocks."""
    return {"cases": query(w.db, "SELECT id, ref, stage, facts FROM cases ORDER BY id"),
            "clocks": query(w.db, "SELECT case_id, key, agency, state, anchor, due FROM clocks ORDER BY id")}


def _new_mail(w: World, after: int) -> list[tuple[str, str, str]]:
    """(recipient, kind, subject and plain text) of each mail queued since `after`."""
    out = []
    for r, k, raw in w.new_rows("outbox", after, "recipient, kind, raw"):
        m = email.message_from_bytes(bytes(raw), policy=default)
        assert isinstance(m, EmailMessage)
        body = m.get_body(("plain",))
        text = body.get_content() if isinstance(body, EmailMessage) else ""
        out.append((str(r), str(k), f"{m['Subject']}\n{text}"))
    return out


OPENERS = ["Thanks.", "Hi,", "Thank you for this.", "Update:", "", "Good morning,", "Just to let you know,"]
WHO = ["Quentin", "Quentin Z", "Q", "The child", "He", "Quentin (Q)"]
DOBS = ["(DOB 14/03/2019)", "(d.o.b. 14.03.2019)", "(DOB 14 March 2019)", "DOB 14/03/19", "(date of birth 14/03/2019)"]
NEWS = ["was discharged home today to his mother", "is now home", "remains on the ward", "has been moved out of "
        "intensive care", "is staying with his grandmother for now", "had surgery yesterday and is recovering",
        "was seen by the paediatrician again today", "has a follow-up appointment next week"]
CLOSINGS = ["Kind regards\nSam Example", "Sam", "Many thanks\nSam Example\nSenior Social Worker", "Regards, Sam"]
THREADS = ["in-reply-to", "references", "our-ack", "none"]
SUBJECTS = [f"RE: {SUBJECT}", f"Re: {SUBJECT}", f"RE: {SUBJECT} (update)", f"RE: RE: {SUBJECT}"]


@st.composite
def follow_ups(draw: st.DrawFn) -> tuple[str, str, str]:
    """(thread shape, subject, body) of one follow-up by Sam. Without a thread it names the child's forename with the
    date of birth (what ties it to the case then); on the thread any wording of the child will do."""
    thread = draw(st.sampled_from(THREADS))
    who = "Quentin" if thread == "none" else draw(st.sampled_from(WHO))
    body = (f"{draw(st.sampled_from(OPENERS))}\n\n{who} {draw(st.sampled_from(DOBS))} "
            f"{draw(st.sampled_from(NEWS))}.\n\n{draw(st.sampled_from(CLOSINGS))}\n")
    return thread, draw(st.sampled_from(SUBJECTS)), body.replace(" ,", ",")


def _headers(w: World, thread: str) -> dict[str, str]:
    if thread == "in-reply-to":
        return {"In-Reply-To": REFERRAL_MID, "References": REFERRAL_MID}
    if thread == "references":
        return {"References": REFERRAL_MID}
    if thread == "our-ack":
        ack = _ack_mid(w)
        return {"In-Reply-To": ack, "References": f"{REFERRAL_MID} {ack}"}
    return {}


@FEW
@given(mails=st.lists(follow_ups(), min_size=1, max_size=4), k=st.integers(0, 10**6))
def test_follow_ups_on_the_referral_are_filed_on_its_case(template: Path, tmp_path_factory: pytest.TempPathFactory,
                                                          mails: list[tuple[str, str, str]], k: int) -> None:
    w = _fresh(template, tmp_path_factory.mktemp("follow-up"))
    try:
        before, ob0, m0 = _state(w), w.last("outbox"), w.last("messages")
        for n, (thread, subject, body) in enumerate(mails):
            sent = NOW + timedelta(minutes=n)
            out = w.feed(mail(SAM, subject, body, sent, f"<fu.{k}.{n}@csc.example.gov.uk>", _headers(w, thread)))
            assert [(o.status, o.ref) for o in out] == [("processed", REF)], (thread, subject, body, out)
            assert out[0].detail.startswith("follow-up on an open case"), out
        # no second case, no clock started, stopped or moved, the stage as it was
        assert _state(w) == before
        rows = w.new_rows("messages", m0, "case_id, status, kind")
        assert rows == [(1, "processed", "reply")] * len(mails)
        filed = [r for (r,) in query(w.db, "SELECT detail FROM events WHERE kind = 'follow_up_filed'")]
        assert len(filed) == len(mails)
        sent_now = _new_mail(w, ob0)
        # nothing to the sender, no routing: the co-ordinator's notice only, at most 3 a day, naming no child
        assert {(r, kind) for r, kind, _ in sent_now} == {(COORD, "triage")}
        assert len(sent_now) == min(len(mails), 3)
        for _, _, raw in sent_now:
            assert "filed on case NS-CSPR-2026-001" in raw and "csprbot new-case" in raw
            assert not [i for i in IDENTIFIERS if i in raw.lower()]
    finally:
        w.app.close()


def test_the_reproducer_mail_and_new_case_opens_it_when_it_was_a_referral(template: Path, tmp_path: Path) -> None:
    """repro_05's own follow-up; then the co-ordinator's `new-case` opens it as its own case (the way back)."""
    from bot.intake import open_as_new_case

    w = _fresh(template, tmp_path)
    try:
        out = w.feed(mail(SAM, f"RE: {SUBJECT}", "Thanks. Quentin (DOB 14/03/2019) was discharged home today to his "
                          "mother.\n", NOW, "<fu.repro@csc.example.gov.uk>",
                          {"In-Reply-To": REFERRAL_MID, "References": REFERRAL_MID}))
        assert [(o.ref, o.detail[:9]) for o in out] == [(REF, "follow-up")]
        (mid,) = query(w.db, "SELECT id FROM messages WHERE message_id = '<fu.repro@csc.example.gov.uk>'")[0]
        opened = open_as_new_case(w.app.sessions, w.app.runtime(), int(mid), COORD)
        assert opened.ref == SECOND, opened
        assert [r for (r,) in query(w.db, "SELECT ref FROM cases ORDER BY id")] == [REF, SECOND]
    finally:
        w.app.close()


def test_a_siblings_form_on_the_thread_still_opens_its_own_case(template: Path, tmp_path: Path) -> None:
    """(a) Kept: a sibling's full form under the referral's thread is a referral, flagged as the same incident."""
    w = _fresh(template, tmp_path)
    try:
        ob0 = w.last("outbox")
        out = w.feed(mail(SAM, f"RE: {SUBJECT}", FORM.format(child="Rosa Zabrowski", dob="02/06/2017"), NOW,
                          "<fu.sibling.form@csc.example.gov.uk>", {"In-Reply-To": REFERRAL_MID}))
        assert [(o.ref, o.detail) for o in out] == [(SECOND, "referral")]
        triage = [raw for r, kind, raw in _new_mail(w, ob0) if kind == "triage"]
        assert any(f"same incident as case {REF}" in t for t in triage), triage
    finally:
        w.app.close()


@pytest.mark.parametrize("body", [
    "Thanks. His sister Rosa (DOB 02/06/2017) was also admitted last night with a head injury.\n",
    "Update: Quentin's twin brother (DOB 14/03/2019) has now been seen in hospital with bruising.\n",
    "Please also consider Rosa Zabrowski (DOB 02/06/2017) for a review: she was seriously injured.\n",
    "Thanks. The child (DOB 02/06/2017) was admitted to hospital last night.\n",
])
def test_another_child_in_prose_on_the_thread_opens_a_case_flagged_not_filed(template: Path, tmp_path: Path,
                                                                             body: str) -> None:
    """A no-form mail on the thread pointing at another child (a sibling word, another date of birth, another
    named child) is not filed: it opens its provisional case as before, the triage naming 001 (by thread)."""
    w = _fresh(template, tmp_path)
    try:
        ob0 = w.last("outbox")
        out = w.feed(mail(SAM, f"RE: {SUBJECT}", body, NOW, "<fu.sibling.prose@csc.example.gov.uk>",
                          {"In-Reply-To": REFERRAL_MID}))
        assert [o.ref for o in out] == [SECOND], out
        triage = [raw for r, kind, raw in _new_mail(w, ob0) if kind == "triage" and r == COORD]
        assert any(f"possible duplicate of {REF}" in t or f"same incident as case {REF}" in t for t in triage)
    finally:
        w.app.close()


@pytest.mark.parametrize("auth", ["fail", None])
def test_a_forged_follow_up_with_a_stolen_in_reply_to_changes_nothing(template: Path, tmp_path: Path,
                                                                      auth: str | None) -> None:
    """(b) The hardened profile quarantines mail failing (or lacking) authentication unread, as before: nothing is
    filed on the case, no case opens, nobody but the co-ordinator hears of it."""
    w = _fresh(template, tmp_path)
    try:
        before, ev0, ob0 = _state(w), w.last("events"), w.last("outbox")
        out = w.feed(mail(SAM, f"RE: {SUBJECT}", "Thanks. Quentin (DOB 14/03/2019) has died in hospital today.\n",
                          NOW, "<fu.forged@csc.example.gov.uk>", {"In-Reply-To": REFERRAL_MID}, auth=auth))
        assert [o.status for o in out] == ["quarantined"]
        assert _state(w) == before
        kinds = [k for (k,) in w.new_rows("events", ev0, "kind")]
        assert "follow_up_filed" not in kinds and "forgery_suspected" in kinds
        assert {r for r, _, _ in _new_mail(w, ob0)} <= {COORD}
    finally:
        w.app.close()


def test_without_a_thread_the_referrers_forename_and_dob_file_it_other_evidence_flags(template: Path,
                                                                                   tmp_path: Path) -> None:
    """(c) No In-Reply-To: Sam's mail giving Quentin's forename and date of birth is filed; the police giving the
    same opens a case flagged "possible duplicate of 001" (by the fields' names); Sam's with the date of birth alone
    is flagged too, not filed (no forename: it may be another child of the same birthday)."""
    w = _fresh(template, tmp_path)
    try:
        out = w.feed(mail(SAM, f"RE: {SUBJECT}", "Quentin (DOB 14/03/2019) is home now.\n", NOW,
                          "<fu.nothread.1@csc.example.gov.uk>"))
        assert [(o.ref, o.detail[:9]) for o in out] == [(REF, "follow-up")]
        ob0 = w.last("outbox")
        out = w.feed(mail(POLICE, "CSPR referral", "Quentin (DOB 14/03/2019) was discharged home today; we ask the "
                          "partnership to consider a review.\n", NOW + timedelta(minutes=5),
                          "<fu.police@avon.example.pnn.police.uk>"))
        assert [o.ref for o in out] == [SECOND]
        triage = [raw for r, kind, raw in _new_mail(w, ob0) if kind == "triage" and r == COORD]
        assert any(f"possible duplicate of {REF}: matched on forename, date_of_birth" in t for t in triage), triage
        ob1 = w.last("outbox")
        out = w.feed(mail(SAM, f"RE: {SUBJECT}", "The child (DOB 14/03/2019) is home now.\n",
                          NOW + timedelta(minutes=10), "<fu.nothread.2@csc.example.gov.uk>"))
        assert [o.ref for o in out] == ["NS-CSPR-2026-003"]
        triage = [raw for r, kind, raw in _new_mail(w, ob1) if kind == "triage" and r == COORD]
        assert any(f"possible duplicate of {REF}: matched on referrer, date_of_birth" in t for t in triage), triage
    finally:
        w.app.close()


def test_a_closed_cases_thread_files_nothing(template: Path, tmp_path: Path) -> None:
    """A closed case takes no follow-up: a mail on its thread may be a new incident, so it opens a case (flagged)."""
    w = _fresh(template, tmp_path)
    try:
        out = w.feed(mail(COORD, f"RE: [{REF}] New CSPR referral", "CLOSE: sent in error\n", NOW,
                          "<close.1@nsscp.example.gov.uk>"))
        assert out[0].detail.startswith("accepted"), out
        out = w.feed(mail(SAM, f"RE: {SUBJECT}", "Quentin (DOB 14/03/2019) was admitted again today with a new "
                          "injury.\n", NOW + timedelta(minutes=5), "<fu.closed@csc.example.gov.uk>",
                          {"In-Reply-To": REFERRAL_MID}))
        assert [o.ref for o in out] == [SECOND], out
    finally:
        w.app.close()


def test_a_form_on_a_provisional_cases_thread_completes_it(tmp_path: Path) -> None:
    """The referrer's no-form referral opens provisional 001 ("the form will follow"); the form she then sends on its
    thread, naming the same child and date of birth, is the form csprbot asked for: it completes 001 (no second case)
    and is routed to the roles with the form, the co-ordinator told which fields it filled (stranger round 23 B1,
    fix23e; before it, this form opened a second case flagged as 001's possible duplicate and no routed role got it)."""
    w = _app(tmp_path, NOW)
    try:
        out = w.feed(mail(SAM, "CSPR referral", "Please consider a rapid review for Quentin (DOB 14/03/2019), "
                          "admitted with a head injury; the form will follow.\n", NOW - timedelta(hours=2),
                          REFERRAL_MID))
        assert [o.ref for o in out] == [REF]
        ob0 = w.last("outbox")
        out = w.feed(mail(SAM, f"RE: {SUBJECT}", FORM.format(child="Quentin Zabrowski", dob="14/03/2019"), NOW,
                          "<form.after@csc.example.gov.uk>", {"In-Reply-To": REFERRAL_MID}))
        assert SECOND not in [o.ref for o in out]
        new = _new_mail(w, ob0)
        triage = [raw for r, kind, raw in new if kind == "triage" and r == COORD]
        assert any(f"has arrived for case {REF} and completed its referral" in t for t in triage), triage
        routed = [raw for _r, _kind, raw in new if raw.startswith(f"[{REF}] CSPR referral form received")]
        assert routed, [raw.splitlines()[0] for _r, _k, raw in new]
    finally:
        w.app.close()
