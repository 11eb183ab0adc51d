"""Delivery reports of our own mail in their text forms (stranger round 14, break 4; bot/bounces.py).

qmail, Exim, old Postfix, Sendmail, Google's plain form, Exchange's text NDR and a Domino-style report paste the
returned copy below a line of their own; Exchange also attaches it as `original.eml` (application/octet-stream).
Unauthenticated as bounces are, the qmail one of our routing mail was quarantined and the co-ordinator mailed once
per bounce. Generated over the shapes x line endings x with/without Return-Path x copy size (headers only, the whole
copy, the copy with a 200 KB tail) x ours / not ours: ours is ignored like the multipart/report shape (status
ignored, kind auto_reply, nothing queued, the copy's body never handed to the parser); not ours is handled exactly
as before (the same outcome as with the matching turned off). A "bounce" from someone else than a mail system, or
carrying a referral in its own text, keeps today's handling. Black box: `csprbot run --once` on the qmail and
original.eml shapes, and `csprbot quarantine list --all` shows them.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, ROOT, bot_env, deliver_sent, query, referral, write_profile

from parsers import parse_message, returned_copy
from parsers.automatic import reading

TRUSTED = "mx.nsscp.example.gov.uk"
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
SENT = NOW - timedelta(minutes=5)
OURS = "nsscp.example.gov.uk"
_SEQ = itertools.count()


def stamp(domain: str) -> bytes:
    return (f"Authentication-Results: {TRUSTED}; spf=pass smtp.mailfrom={domain}; dkim=pass header.d={domain}; "
            f"dmarc=pass header.from={domain}\r\n").encode()


# --- the report shapes, as each mail system writes them ------------------------------------------------------

def _intro(shape: str, rcpt: str, subject: str) -> tuple[str, str, str, str]:
    """(From, Subject, extra header fields, the report's own text down to and including its separator line)."""
    if shape == "qmail":
        return ("MAILER-DAEMON@mail.example.org", "failure notice", "",
                "Hi. This is the qmail-send program at mail.example.org.\nI'm afraid I wasn't able to deliver your "
                "message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work "
                f"out.\n\n<{rcpt}>:\nmailbox full\n\n--- Below this line is a copy of the message.\n")
    if shape == "exim":
        return ("Mail Delivery System <Mailer-Daemon@mx.exim.example.org>",
                "Mail delivery failed: returning message to sender",
                f"X-Failed-Recipients: {rcpt}\nAuto-Submitted: auto-replied\n",
                "This message was created automatically by mail delivery software.\n\nA message that you sent could "
                "not be delivered to one or more of its\nrecipients. This is a permanent error. The following "
                f"address(es) failed:\n\n  {rcpt}\n    host mx.csc.example.gov.uk [192.0.2.10]\n    SMTP error from "
                "remote mail server after RCPT TO:<x>:\n    550 5.1.1 User unknown\n\n"
                "------ This is a copy of the message, including all the headers. ------\n")
    if shape == "postfix":
        return ("MAILER-DAEMON@mx.postfix.example.org (Mail Delivery System)",
                "Undelivered Mail Returned to Sender", "",
                "This is the Postfix program at host mx.postfix.example.org.\n\nI'm sorry to have to inform you that "
                "your message could not\nbe delivered to one or more recipients. It's attached below.\n\n"
                f"\t--- Delivery error report follows ---\n\n<{rcpt}>: host mx.csc.example.gov.uk said: 550 5.1.1 "
                "User unknown\n\n\t--- Undelivered message follows ---\n")
    if shape == "sendmail":
        return ("Mail Delivery Subsystem <MAILER-DAEMON@mx.sendmail.example.org>",
                "Returned mail: see transcript for details", "",
                "The original message was received at Wed, 18 Nov 2026 10:25:01 GMT\nfrom mx.nsscp.example.gov.uk "
                f"[192.0.2.1]\n\n   ----- The following addresses had permanent fatal errors -----\n<{rcpt}>\n"
                "    (reason: 550 5.1.1 User unknown)\n\n   ----- Transcript of session follows -----\n... while "
                f"talking to mx.csc.example.gov.uk.:\n>>> RCPT To:<{rcpt}>\n<<< 550 5.1.1 User unknown\n550 5.1.1 "
                f"<{rcpt}>... User unknown\n\n   ----- Original message follows -----\n")
    if shape == "google":
        return ("Mail Delivery Subsystem <mailer-daemon@googlemail.com>", "Delivery Status Notification (Failure)", "",
                f"** Address not found **\n\nYour message wasn't delivered to {rcpt} because the address couldn't be "
                "found, or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 The "
                "email account that you tried to reach does not exist.\n\n----- Original message -----\n")
    if shape == "exchange text":
        return ("postmaster@csc.example.gov.uk", f"Undeliverable: {subject}", "",
                f"Delivery has failed to these recipients or groups:\n\n{rcpt}\nThe email address you entered couldn't "
                "be found.\n\nDiagnostic information for administrators:\n\nGenerating server: "
                f"EX01.csc.example.gov.uk\n\n{rcpt}\nRemote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; "
                "not found'\n\nOriginal message headers:\n")
    if shape == "domino":  # Domino's "Delivery Failure Report" wording; the separator line as Domino's MIME writer
        return ("Postmaster@domino.example.org", "DELIVERY FAILURE: User not listed in Domino Directory", "",
                f"Your message\n\n  Subject: {subject}\n\nwas not delivered to:\n\n  {rcpt}\n\nbecause:\n\n  User "
                "not listed in Domino Directory\n\n------- Original message follows -------\n")
    raise AssertionError(shape)


PASTED = ["qmail", "exim", "postfix", "sendmail", "google", "exchange text", "domino"]
ATTACHED = ["original.eml base64", "original.eml 7bit"]
SHAPES = PASTED + ATTACHED
SIZES = ["headers only", "whole copy", "200 KB tail"]


def _head(copy: bytes) -> bytes:
    return re.split(rb"\r?\n\r?\n", copy, maxsplit=1)[0]


def _field(copy: bytes, name: str) -> str:
    m = re.search(rb"^" + name.encode() + rb": *(.+)$", _head(copy), re.M | re.I)
    return m.group(1).decode().strip() if m else ""


def sized(copy: bytes, size: str) -> bytes:
    if size == "headers only":
        return _head(copy) + b"\n"
    if size == "200 KB tail":
        return copy + b"\n" + b"\n".join(b"x" * 76 for _ in range(200 * 1024 // 77)) + b"\n"
    return copy


def bounce(shape: str, copy: bytes, nl: bytes, return_path: bool, mid: str) -> bytes:
    """A delivery report returning `copy` in `shape`, with line endings `nl` throughout."""
    rcpt, subject = _field(copy, "To"), _field(copy, "Subject")
    if shape == "exchange text":
        copy = _head(copy) + b"\n"  # Exchange's text NDR gives the copy's headers only
    if shape in ATTACHED:
        sender, subj, extra = "postmaster@csc.example.gov.uk", f"Undeliverable: {subject}", ""
    else:
        sender, subj, extra, text = _intro(shape, rcpt, subject)
    head = (("Return-Path: <>\n" if return_path else "") + f"From: {sender}\nTo: csprbot@{OURS}\nSubject: {subj}\n"
            f"Date: {format_datetime(NOW)}\nMessage-ID: {mid}\n{extra}MIME-Version: 1.0\n")
    if shape in PASTED:
        raw = (head + "Content-Type: text/plain; charset=us-ascii\n\n" + text + "\n").encode() + copy
    else:
        eml = re.sub(rb"\r?\n", b"\r\n", copy)
        if shape.endswith("base64"):
            body, cte = base64.encodebytes(eml), "base64"
        else:
            body, cte = eml, "7bit"
        raw = (head + 'Content-Type: multipart/mixed; boundary="NDR"\n\n--NDR\nContent-Type: text/plain\n\n'
               f"Delivery has failed to these recipients or groups:\n\n{rcpt}\nYour message couldn't be delivered.\n\n"
               '--NDR\nContent-Type: application/octet-stream; name="original.eml"\n'
               f"Content-Transfer-Encoding: {cte}\n"
               'Content-Disposition: attachment; filename="original.eml"\n\n').encode() + body + b"\n--NDR--\n"
    return re.sub(rb"\r?\n", nl, raw)


def not_ours(copy: bytes) -> bytes:
    """The same copy under a Message-ID csprbot never sent (the form of ours, another hash)."""
    fake = hashlib.sha256(f"never sent {next(_SEQ)}".encode()).hexdigest()[:32]
    return re.sub(rb"^Message-ID: *<[^>]*>", f"Message-ID: <{fake}@{OURS}>".encode(), copy, count=1, flags=re.M | re.I)


# --- the parser's side: found, cut to its headers, read as a report ---------------------------------------------

def _sample_copy() -> bytes:
    """A routing mail as csprbot composes it (bot/render.compose), with the referral's text in its body."""
    from bot.render import compose, message_id_for

    text = ("A referral for a Child Safeguarding Practice Review has been received.\n\nCase reference: "
            "NS-CSPR-2026-001\nReceived (counts from): Wed 18 Nov 2026\nDate of incident: Mon 16 Nov 2026\n\n"
            "Child's name: Alex Specimen\nDate of birth: 14/03/2015\nReferrer: Sam Example, Children's Social Care\n")
    return compose(kind="routing", ref="NS-CSPR-2026-001", clock=None, sender=f"csprbot@{OURS}",
                   to=f"cspr.subgroup.chair@{OURS}", subject="[NS-CSPR-2026-001] New CSPR referral", text=text,
                   html=None, idem_key="k", now=SENT, message_id=message_id_for("k", OURS)).as_bytes()


@pytest.mark.parametrize(("shape", "size", "nl"), list(itertools.product(SHAPES, SIZES, [b"\r\n", b"\n"])))
def test_the_returned_copy_is_found_and_cut_to_its_headers(shape: str, size: str, nl: bytes) -> None:
    copy = sized(_sample_copy(), size)
    raw = bounce(shape, copy, nl, True, "<dsn.1@mx.example>")
    found = returned_copy.find(raw)
    assert found is not None, (shape, size)
    assert found.message_id == _field(copy, "Message-ID") and found.sender == f"csprbot@{OURS}"
    assert found.recipients == (f"cspr.subgroup.chair@{OURS}",)
    cut = returned_copy.cut(raw, found)
    assert b"Alex Specimen" not in cut and len(cut) < 8 * 1024, (shape, size, len(cut))  # the copy's body is gone
    look = reading(cut, "mailer-daemon@mx.example")  # what an unauthenticated report is allowed to be read as
    assert look.raw is not None, look.why
    parsed = parse_message(look.raw)
    assert parsed.kind == "auto_reply" and parsed.case_ref == "NS-CSPR-2026-001", (shape, size, parsed.kind)


@pytest.mark.parametrize("shape", SHAPES)
def test_a_report_without_a_copy_or_a_mail_without_a_separator_is_not_cut(shape: str) -> None:
    headless = re.sub(rb"^Message-ID:.*\n", b"", _sample_copy(), count=1, flags=re.M)
    assert returned_copy.find(bounce(shape, headless, b"\n", True, "<dsn.2@mx.example>")) is None
    plain = b"From: a@b.example\nSubject: hi\n\nCould not deliver?\n" + _sample_copy()  # no separator line
    assert returned_copy.find(plain) is None


# --- intake's side ---------------------------------------------------------------------------------------------

@dataclass(repr=False)
class World:
    app: Any
    db: Path
    inbox: Path
    copy: bytes  # our routing mail to the subgroup chair, as delivered

    def __repr__(self) -> str:  # hypothesis prints its arguments: not the 80 KB copy
        return f"World({self.db})"

    def feed(self, raw: bytes) -> list[Any]:
        deliver_sent(self.inbox, raw)
        return self.app.intake()  # type: ignore[no-any-return]

    def last(self, table: str) -> int:
        return int(query(self.db, f"SELECT coalesce(max(id), 0) FROM {table}")[0][0])


def _make_world(tmp: Path) -> World:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp / "profile.toml", {
        "inbox": f'"maildir:{tmp}/inbox"', "sender": f'"maildir:{tmp}/outbox"',
        "trusted_authserv_id": f'"{TRUSTED}"', "require_authentication": "true", "work_budget_seconds": "0"})
    settings_ = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    app = App(settings_, FixedClock(NOW), env={})
    w = World(app, tmp / "csprbot.db", tmp / "inbox", b"")
    out = w.feed(stamp("csc.example.gov.uk") + referral("<genuine.0@csc.example.gov.uk>", SENT, NOW.date()))
    assert out[0].status == "processed" and out[0].ref == "NS-CSPR-2026-001", out
    app.deliver()
    sent = [p.read_bytes() for p in sorted((tmp / "outbox" / "new").iterdir())]
    routed = [r for r in sent if re.search(rb"^X-CSPRBOT-Kind: routing", r, re.M | re.I)
              and b"To: cspr.subgroup.chair@" in r]
    assert routed, [r[:200] for r in sent]
    w.copy = re.sub(rb"^X-CSPRBOT-Envelope-To:[^\n]*\n", b"", routed[0])  # the Maildir sender's own note
    return w


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _make_world(tmp_path_factory.mktemp("text_bounces"))
    yield w
    w.app.close()


def _outcome(w: World, raw: bytes, monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[Any, ...]:
    """(status, kind, reason, kinds of the mail queued) after feeding `raw`; with `monkeypatch`, as before the fix."""
    ob0 = w.last("outbox")
    if monkeypatch is not None:
        import bot.bounces

        with monkeypatch.context() as m:
            m.setattr(bot.bounces, "own_report", lambda *a, **k: None)
            out = w.feed(raw)
    else:
        out = w.feed(raw)
    assert len(out) == 1, out
    row = query(w.db, "SELECT status, kind, reason FROM messages ORDER BY id DESC LIMIT 1")[0]
    queued = tuple(k for (k,) in query(w.db, "SELECT kind FROM outbox WHERE id > ? ORDER BY id", (ob0,)))
    return (*row, queued)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(shape=st.sampled_from(SHAPES), nl=st.sampled_from([b"\r\n", b"\n"]), return_path=st.booleans(),
       size=st.sampled_from(SIZES), ours=st.booleans(), authenticated=st.booleans())
def test_text_form_reports_of_our_mail_are_ignored_and_others_handled_as_before(
        world: World, shape: str, nl: bytes, return_path: bool, size: str, ours: bool, authenticated: bool) -> None:
    w = world
    copy = sized(w.copy if ours else not_ours(w.copy), size)

    def make() -> bytes:
        raw = bounce(shape, copy, nl, return_path, f"<dsn.{next(_SEQ)}@mx.example>")
        if authenticated:  # a partner's mail system whose reports pass the boundary's checks
            domain = re.search(rb"^From:[^\n]*@([\w.-]+)", raw, re.M)
            assert domain is not None
            raw = stamp(domain.group(1).decode()) + raw
        return raw

    if ours:
        import bot.intake

        handed: list[bytes] = []
        real = bot.intake.parse_within_budget
        with pytest.MonkeyPatch.context() as m:
            m.setattr(bot.intake, "parse_within_budget", lambda rt, raw: handed.append(raw) or real(rt, raw))
            got = _outcome(w, make())
        assert (got[0], got[1], got[3]) == ("ignored", "auto_reply", ()), (shape, size, got)
        assert len(handed) == 1 and len(handed[0]) < 16 * 1024, (shape, size, [len(h) for h in handed])
    else:
        with pytest.MonkeyPatch.context() as m:
            before = _outcome(w, make(), m)
        # the same outcome and reason (the co-ordinator's notice of a second quarantine may be folded into the first)
        assert _outcome(w, make())[:3] == before[:3], (shape, size)


@pytest.mark.parametrize("shape", ["qmail", "original.eml base64"])
def test_a_forged_bounce_keeps_todays_handling(world: World, shape: str) -> None:
    w = world
    # 1. The same report of our mail (its real Message-ID) from someone else than a mail system.
    raw = bounce(shape, w.copy, b"\r\n", True, f"<forged.{next(_SEQ)}@evil.example>")
    raw = raw.replace(b"From: MAILER-DAEMON@mail.example.org", b"From: jo.smith@evil.example")
    raw = raw.replace(b"From: postmaster@csc.example.gov.uk", b"From: jo.smith@evil.example")
    with pytest.MonkeyPatch.context() as m:
        before = _outcome(w, raw, m)
    assert _outcome(w, raw.replace(b"<forged.", b"<forged.again."))[:3] == before[:3]
    assert before[0] == "quarantined", before
    # 2. From a mail system, the copy ours, and a referral form in the report's own text: read as a referral.
    own = ("Referral for a Child Safeguarding Practice Review\nChild's name: Robin Example\nDate of birth: "
           "02/05/2016\nAddress: 4 Example Road, Nailsea\nDate of incident: 16/11/2026\nWhat happened: serious "
           "injury at home, admitted to hospital\nReferrer: Sam Example, Children's Social Care\n")
    raw = bounce(shape, w.copy, b"\r\n", True, f"<forged.{next(_SEQ)}@mx.example>")
    raw = raw.replace(b"I'm afraid", own.replace("\n", "\r\n").encode() + b"I'm afraid", 1).replace(
        b"Delivery has failed", own.replace("\n", "\r\n").encode() + b"Delivery has failed", 1)
    cases = query(w.db, "SELECT count(*) FROM cases")
    status, kind, reason, _ = _outcome(w, raw)
    # quarantined, not acted on (read as the referral it carries, or not read at all as before): never ignored
    assert status == "quarantined" and kind in ("referral", None), (shape, status, kind, reason)
    assert reason.startswith("sender authentication failed") and query(w.db, "SELECT count(*) FROM cases") == cases


def test_run_once_ignores_qmail_and_original_eml_reports_of_our_routing_mail(tmp_path: Path) -> None:
    """Black box: the stranger's two shapes through `csprbot run --once`; the co-ordinator sees them in
    `quarantine list --all` (mail ignored as automatic), and no triage mail is queued."""
    w = _make_world(tmp_path)
    w.app.close()
    ob0, m0 = w.last("outbox"), w.last("messages")
    deliver_sent(w.inbox, bounce("qmail", w.copy, b"\r\n", True, "<qmail.once@mail.example.org>"))
    deliver_sent(w.inbox, bounce("original.eml base64", w.copy, b"\r\n", True, "<eml.once@csc.example.gov.uk>"))
    env = bot_env(CSPRBOT_DATABASE_URL=f"sqlite:///{w.db}")
    base = [sys.executable, "-m", "bot.cli", "--config", str(tmp_path / "profile.toml")]
    r = subprocess.run([*base, "run", "--once", "--now", (NOW + timedelta(minutes=30)).replace(tzinfo=None)
                        .isoformat(timespec="minutes")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    rows = query(w.db, "SELECT message_id, status, kind FROM messages WHERE id > ? ORDER BY id", (m0,))
    assert sorted(rows) == [("<eml.once@csc.example.gov.uk>", "ignored", "auto_reply"),
                            ("<qmail.once@mail.example.org>", "ignored", "auto_reply")], rows
    queued = query(w.db, "SELECT kind, subject FROM outbox WHERE id > ? AND kind != 'digest'", (ob0,))
    assert queued == [], queued
    listed = subprocess.run([*base, "quarantine", "list", "--all"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    assert listed.returncode == 0, listed.stderr[-2000:]
    ids = [str(i) for (i,) in query(w.db, "SELECT id FROM messages WHERE id > ? ORDER BY id", (m0,))]
    shown = [ln for ln in listed.stdout.splitlines() if "ignored" in ln]
    assert all(any(ln.split()[0].strip("#") == i for ln in shown) for i in ids), listed.stdout
