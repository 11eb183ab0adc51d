"""Mail that fails sender authentication is quarantined before it is read (stranger round 11, B5).

On a profile that requires the boundary's verdict, a referral, return or command that fails it is quarantined
whatever it says, so reading it first only let a stranger's flood of slow-to-read mail hold the genuine mail behind
it. Generated over the ways a verdict fails x the kinds of content: quarantined with the reason, audited, the parser
never called, nothing answered, no state changed; and the co-ordinator's tools still work on the unread mail
("open as referral" reads it then and keeps what it read for the case view; release runs intake again). Mail marked
automatic is judged by its structure before it is read (stranger round 12, parsers/automatic.py): carrying documents,
forwarded mail or much text it is quarantined unread too; an unauthenticated bounce (of our own routing mail, its
returned copy not read) or out-of-office stays "ignored"; authenticated mail is read as before.
"""

from __future__ import annotations

import email
import email.policy
import itertools
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import (
    LONDON,
    ROLE,
    agency_return,
    auto_reply,
    query,
    referral,
    referral_docx,
    reply,
    snapshot,
    write_profile,
)

TRUSTED = "mx.nsscp.example.gov.uk"
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
SENT = NOW - timedelta(minutes=5)


def stamp(domain: str, result: str = "pass") -> str:
    return (f"Authentication-Results: {TRUSTED}; spf={result} smtp.mailfrom={domain}; dkim={result} "
            f"header.d={domain}; dmarc={result} header.from={domain}\r\n")


# How the verdict fails: nothing from the boundary, a fail for the From domain, a pass for another domain only,
# a verdict from a server we do not trust, and a message with two Subject headers (judged before any verdict).
FAILS: dict[str, Callable[[bytes, str], bytes]] = {
    "no verdict": lambda raw, dom: raw,
    "dmarc fail": lambda raw, dom: stamp(dom, "fail").encode() + raw,
    "pass for another domain": lambda raw, dom: stamp("evil.example").encode() + raw,
    "untrusted server": lambda raw, dom: stamp(dom).replace(TRUSTED, "mx.evil.example").encode() + raw,
    "two subjects": lambda raw, dom: stamp(dom).encode() + b"Subject: hello\r\n" + raw,
}
# What it carries: a referral form, an agency return, a command, and mail that is none of them.
CONTENT: dict[str, Callable[[str], tuple[bytes, str]]] = {
    "referral": lambda mid: (referral(mid, SENT, NOW.date()), "csc.example.gov.uk"),
    "agency return": lambda mid: (agency_return("NS-CSPR-2026-001", "Education", ROLE["education_lead"], SENT, mid),
                                  ROLE["education_lead"].split("@")[1]),
    "command": lambda mid: (reply(ROLE["coordinator"], "NS-CSPR-2026-001", "CLOSE: merged", SENT, mid),
                            ROLE["coordinator"].split("@")[1]),
    "junk": lambda mid: (reply("someone@stranger.example", "NS-CSPR-2026-001", "hello " * 50, SENT, mid),
                         "stranger.example"),
}


@pytest.fixture()
def app(tmp_path: Path, database_url: str) -> Iterator[Any]:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp_path / "profile.toml", {
        "inbox": f'"maildir:{tmp_path}/inbox"', "sender": f'"maildir:{tmp_path}/outbox"',
        "trusted_authserv_id": f'"{TRUSTED}"', "require_authentication": "true", "work_budget_seconds": "0"})
    settings = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": database_url})
    a = App(settings, FixedClock(NOW), env={})
    a.db = database_url  # type: ignore[attr-defined]
    a.inbox_dir = tmp_path / "inbox"  # type: ignore[attr-defined]
    yield a
    a.close()


@pytest.fixture()
def parses(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The parser's calls in intake, each with what it was handed (the work budget is off in `app`: intake parses
    in this process)."""
    import bot.intake

    calls: list[bytes] = []
    real = bot.intake.parse_within_budget

    def counted(rt: Any, raw: bytes) -> Any:
        calls.append(raw)
        return real(rt, raw)

    monkeypatch.setattr(bot.intake, "parse_within_budget", counted)
    return calls


def _feed(app: Any, raw: bytes) -> list[Any]:
    from reliability_kit import deliver_sent as deliver

    deliver(app.inbox_dir, raw)
    return app.intake()  # type: ignore[no-any-return]


def _last(db: Any, table: str) -> int:
    return int(query(db, f"SELECT coalesce(max(id), 0) FROM {table}")[0][0])


def test_unauthenticated_mail_is_quarantined_unread(app: Any, parses: list[bytes]) -> None:
    db = app.db
    # a genuine case first: the forged command and return below name it
    raw, domain = CONTENT["referral"]("<genuine.0@csc.example.gov.uk>")
    assert _feed(app, stamp(domain).encode() + raw)[0].ref == "NS-CSPR-2026-001"
    for n, (fail, kind) in enumerate(itertools.product(FAILS, CONTENT)):
        raw, domain = CONTENT[kind](f"<unauth.{n}@x.example>")
        before, ev0, ob0, calls0 = snapshot(db), _last(db, "events"), _last(db, "outbox"), len(parses)
        out = _feed(app, FAILS[fail](raw, domain))
        assert [o.status for o in out] == ["quarantined"], (fail, kind, out)
        assert out[0].detail.startswith("sender authentication failed"), (fail, kind, out)
        assert len(parses) == calls0, f"{fail} / {kind}: parsed before it was judged"
        assert snapshot(db) == before, (fail, kind)
        row = query(db, "SELECT status, kind, parse_json FROM messages ORDER BY id DESC LIMIT 1")[0]
        assert row == ("quarantined", None, None), (fail, kind, row)
        events = query(db, "SELECT kind, detail FROM events WHERE id > ?", (ev0,))
        assert any(k == "forgery_suspected" and '"unread"' in str(d) for k, d in events), (fail, kind, events)
        # nothing to the sender (possibly the person impersonated); only the co-ordinator's quarantine notice
        sender = email.message_from_bytes(raw)["From"].split("<")[-1].strip(">").lower()
        sent = query(db, "SELECT kind, recipient FROM outbox WHERE id > ?", (ob0,))
        assert all(k == "triage" for k, _ in sent), (fail, kind, sent)  # the quarantine notice alone
        assert sender == ROLE["coordinator"] or sender not in {(r or "").lower() for _, r in sent}, (fail, kind, sent)


def test_authenticated_and_automatic_mail_is_still_read(app: Any, parses: list[bytes]) -> None:
    db = app.db
    raw, domain = CONTENT["referral"]("<genuine.1@csc.example.gov.uk>")
    out = _feed(app, stamp(domain).encode() + raw)
    assert [o.status for o in out] == ["processed"] and len(parses) == 1, out
    # an unauthenticated out-of-office (Auto-Submitted) is read as before: ignored as an automatic reply
    for n, fail in enumerate(FAILS):
        if fail == "two subjects":
            continue
        calls0 = len(parses)
        out = _feed(app, FAILS[fail](auto_reply("away@stranger.example", SENT, f"<ooo.{n}@stranger.example>"),
                                     "stranger.example"))
        assert len(parses) == calls0 + 1, fail
        assert [o.status for o in out] == ["ignored"], (fail, out)
    assert query(db, "SELECT count(*) FROM messages WHERE status = 'ignored'") == [(len(FAILS) - 1,)]


def test_open_as_referral_and_release_work_on_unread_mail(app: Any) -> None:
    from bot.intake import open_as_referral, release

    db = app.db
    raw, domain = CONTENT["referral"]("<unauth.open@csc.example.gov.uk>")
    out = _feed(app, FAILS["dmarc fail"](raw, domain))
    assert out[0].status == "quarantined"
    (mid,) = query(db, "SELECT id FROM messages WHERE status = 'quarantined'")[0]
    # release: intake again, judged again (still unauthenticated), still in quarantine and listed
    again = release(app.sessions, app.runtime(), mid)
    assert again.status == "quarantined" and again.detail.startswith("sender authentication failed"), again
    opened = open_as_referral(app.sessions, app.runtime(), mid, ROLE["coordinator"])
    assert opened.status == "processed" and opened.ref, opened
    kind, parse_json = query(db, "SELECT kind, parse_json FROM messages WHERE id = ?", (mid,))[0]
    assert kind == "referral" and parse_json and "Alex" in str(parse_json), "what was read is kept for the case view"
    # the case holds what the form says, as for a mail read on arrival
    (referral_json,) = query(db, "SELECT referral_json FROM cases WHERE ref = ?", (opened.ref,))[0]
    assert "Alex" in str(referral_json)


# --- stranger round 12: forged mail that says it is automatic -------------------------------------------------------
# Mail marked automatic was still read in full before it was quarantined (so that an unauthenticated bounce or
# out-of-office is ignored, not quarantined): 8 forged slow-to-read mails carrying `Auto-Submitted`, `Precedence: bulk`
# or `Return-Path: <>` held a genuine referral 10-17 s. Now its structure decides (parsers/automatic.py): documents,
# forwarded mail, blobs or much text are quarantined unread; a bounce is read without its returned message.

# The markers of automatic mail as mail systems write them (RFC 3834, RFC 2369 / 2919, Exchange, autoresponders).
MARKERS = ["Auto-Submitted: auto-generated", "Auto-Submitted: auto-replied", "Auto-Submitted: auto-notified",
           "Auto-Submitted: Auto-Generated (CSC online forms)", "Precedence: bulk", "Precedence: junk",
           "Precedence: list", "Return-Path: <>", "List-Id: Safeguarding news <news.lists.example.org>",
           "List-Unsubscribe: <mailto:leave@lists.example.org>", "X-Autoreply: yes"]
WORD = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def _zip(members: dict[str, str]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in members.items():
            z.writestr(name, text)
    return out.getvalue()


# What a flood carried to be slow to read: the referral form itself (Word), the same in other document formats, an
# archive, a blob, a forwarded mail, and a form pasted as text or HTML many times over (the parser's cost is linear in
# labelled lines: stranger round 11's shapes, BENCHMARKS.md).
FORM_LINES = ["Child's name: Alex Specimen", "Date of birth: 14/03/2015", "Address: 1 Example Road, ZZ9 9ZZ",
              "Date of incident: 12/11/2026", "Referrer: Sam Example, Children's Social Care",
              "Reason for referral: serious harm; abuse or neglect known or suspected"]
FORM_TEXT = "\n".join(f"{line} ({n})" for n in range(400) for line in FORM_LINES)  # about 45 KB
PAYLOADS: dict[str, Callable[[EmailMessage], None]] = {
    "word form": lambda m: m.add_attachment(referral_docx(NOW.date(), SENT.date()), *WORD,
                                            filename="CSPR referral form.docx"),
    "pdf": lambda m: m.add_attachment(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >>"
        b"\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "application", "pdf", filename="referral.pdf"),
    "odt": lambda m: m.add_attachment(_zip({"mimetype": "application/vnd.oasis.opendocument.text",
                                            "content.xml": f"<office:text>{FORM_TEXT[:4000]}</office:text>"}),
                                      "application", "vnd.oasis.opendocument.text", filename="referral.odt"),
    "xlsx": lambda m: m.add_attachment(_zip({"xl/workbook.xml": "<workbook/>", "xl/sharedStrings.xml":
                                             f"<sst>{FORM_TEXT[:4000]}</sst>"}),
                                       "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                       filename="chronology.xlsx"),
    "rtf": lambda m: m.add_attachment(("{\\rtf1\\ansi " + FORM_TEXT[:6000].replace("\n", "\\par ") + "}").encode(),
                                      "application", "rtf", filename="referral.rtf"),
    "zip": lambda m: m.add_attachment(_zip({"referral.txt": FORM_TEXT}), "application", "zip",
                                      filename="referral.zip"),
    "blob": lambda m: m.add_attachment(FORM_TEXT.encode()[:8000], "application", "octet-stream",
                                       filename="referral.dat"),
    "forwarded mail": lambda m: m.add_attachment(
        email.message_from_bytes(referral("<fwd@csc.example.gov.uk>", SENT, NOW.date()), policy=email.policy.default)),
    "long text": lambda m: m.set_content(FORM_TEXT + "\n"),
    "long html": lambda m: m.add_alternative("<html><body><table>" + "".join(
        f"<tr><td>{a}</td><td>{b}</td></tr>" for a, _, b in (ln.partition(": ") for ln in FORM_TEXT.split("\n")))
        + "</table></body></html>", subtype="html"),
}


def _automatic(marker: str, payload: str, sender: str, mid: str) -> bytes:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "CSPR referral - please see attached (SECURE)"
    m["Date"] = format_datetime(SENT)
    m["Message-ID"] = mid
    m.set_content("Hello,\n\nPlease find attached a referral.\n\nKind regards\nSam\n")
    PAYLOADS[payload](m)
    return marker.encode() + b"\r\n" + m.as_bytes()


_SEQ = itertools.count()  # Message-IDs unique across a test's examples (one database for them all)
FEW = settings(max_examples=40, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FEW
@given(fail=st.sampled_from(sorted(FAILS)), marker=st.sampled_from(MARKERS), payload=st.sampled_from(sorted(PAYLOADS)),
       domain=st.sampled_from(["csc.example.gov.uk", "stranger.example", "mail.example.org", "nsscp.example.gov.uk"]),
       local=st.sampled_from(["sam.example", "referrals", "noreply", "nsscp.coordinator"]))
def test_forged_mail_marked_automatic_carrying_more_than_a_reply_is_quarantined_unread(
        app: Any, parses: list[bytes], fail: str, marker: str, payload: str, domain: str, local: str) -> None:
    db = app.db
    app.intake()  # the database exists before the first example counts its rows
    n = next(_SEQ)
    raw = _automatic(marker, payload, f"{local}@{domain}", f"<auto.{n}@{domain}>")
    ev0, ob0, calls0 = _last(db, "events"), _last(db, "outbox"), len(parses)
    out = _feed(app, FAILS[fail](raw, domain))
    assert len(parses) == calls0, f"{fail} / {marker} / {payload}: parsed before it was judged"
    assert [o.status for o in out] == ["quarantined"], (fail, marker, payload, out)
    detail = out[0].detail
    assert detail.startswith("sender authentication failed") and "marked automatic" in detail, detail
    row = query(db, "SELECT status, kind, parse_json FROM messages ORDER BY id DESC LIMIT 1")[0]
    assert row == ("quarantined", None, None), row
    events = [(k, str(d)) for k, d in query(db, "SELECT kind, detail FROM events WHERE id > ?", (ev0,))]
    assert any(k == "forgery_suspected" and '"unread"' in d and '"automatic"' in d for k, d in events), events
    sent = query(db, "SELECT kind, recipient FROM outbox WHERE id > ?", (ob0,))
    assert all(k == "triage" for k, _ in sent), sent  # the co-ordinator's quarantine notice (or its summary) only


def _routing_mail(app: Any) -> bytes:
    """csprbot's own routing mail for a genuine referral, as sent (the referral as received attached)."""
    raw, domain = CONTENT["referral"](f"<genuine.{next(_SEQ)}@csc.example.gov.uk>")
    assert _feed(app, stamp(domain).encode() + raw)[0].status == "processed"
    app.deliver()
    sent = [p.read_bytes() for p in sorted((app.inbox_dir.parent / "outbox" / "new").iterdir())]
    routed = [r for r in sent if b"X-CSPRBOT-Kind: routing" in r or b"X-Csprbot-Kind: routing" in r]
    assert routed and len(routed[0]) > 64 * 1024, [r[:300] for r in sent]
    return routed[0]


def _bounce(shape: str, returned: bytes, mid: str) -> bytes:
    """A real delivery report about our routed mail, in the shapes mail systems send."""
    first = returned.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    rcpt = (re.search(rb"^To: *(.+)$", first, re.M | re.I) or re.search(rb"(x)", b"x"))
    to = rcpt.group(1).decode().strip() if rcpt else "lead@csc.example.gov.uk"
    subject = (re.search(rb"^Subject: *(.+)$", first, re.M | re.I) or re.search(rb"(x)", b"x"))
    said = subject.group(1).decode().strip() if subject else "CSPR referral"
    sender = {"postfix": "MAILER-DAEMON@mx.csc.example.gov.uk", "headers only": "MAILER-DAEMON@mx.csc.example.gov.uk",
              "exchange": "postmaster@csc.example.gov.uk", "exchange text": "postmaster@csc.example.gov.uk",
              "qmail": "MAILER-DAEMON@mail.example.org"}[shape]
    ctype = "multipart/mixed" if shape == "exchange text" else "multipart/report; report-type=delivery-status"
    head = (f"From: Mail Delivery System <{sender}>\r\nTo: csprbot@nsscp.example.gov.uk\r\n"
            f"Subject: Undeliverable: {said}\r\nDate: {format_datetime(NOW)}\r\nMessage-ID: {mid}\r\n"
            "MIME-Version: 1.0\r\n")
    text = (f"This is the mail system at host mx.csc.example.gov.uk.\r\n\r\nI'm sorry to have to inform you that "
            f"your message could not be delivered to one or more recipients.\r\n\r\n<{to}>: host "
            "mx.csc.example.gov.uk said: 550 5.1.1 User unknown\r\n")
    if shape == "qmail":
        return (head + "Content-Type: text/plain\r\n\r\nHi. This is the qmail-send program at mail.example.org.\r\n"
                f"I'm afraid I wasn't able to deliver your message to the following addresses.\r\n\r\n<{to}>:\r\n"
                "Sorry, no mailbox here by that name. (#5.1.1)\r\n\r\n--- Below this line is a copy of the message."
                "\r\n\r\n").encode() + returned
    status = ("Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.csc.example.gov.uk\r\n\r\n"
              f"Final-Recipient: rfc822; {to}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
              "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n")
    parts = [f"Content-Type: text/plain; charset=us-ascii\r\n\r\n{text}"]
    if shape == "exchange":
        parts = ['Content-Type: multipart/alternative; boundary="ALT"\r\n\r\n--ALT\r\nContent-Type: text/plain\r\n\r\n'
                 f"{text}\r\n--ALT\r\nContent-Type: text/html\r\n\r\n<html><body><p>Your message to {to} couldn't "
                 "be delivered.</p><p>Remote Server returned '550 5.1.1 User unknown'</p></body></html>\r\n--ALT--"]
    if shape != "exchange text":
        parts.append(status)
    body = "".join(f"--BOUND\r\n{p}\r\n" for p in parts).encode()
    if shape == "headers only":
        body += b"--BOUND\r\nContent-Type: text/rfc822-headers\r\n\r\n" + first + b"\r\n"
    else:
        body += b"--BOUND\r\nContent-Type: message/rfc822\r\n\r\n" + returned + b"\r\n"
    return (head + f'Content-Type: {ctype}; boundary="BOUND"\r\n\r\n').encode() + body + b"--BOUND--\r\n"


@pytest.mark.parametrize("shape", ["postfix", "headers only", "exchange", "exchange text", "qmail"])
def test_forged_bounces_of_our_routing_mail_are_still_ignored_without_reading_what_they_return(
        app: Any, parses: list[bytes], shape: str) -> None:
    db = app.db
    returned = _routing_mail(app)
    for n, fail in enumerate(f for f in FAILS if f != "two subjects"):
        for marker in ("Return-Path: <>", "Return-Path: <>\r\nAuto-Submitted: auto-replied"):
            bounce = _bounce(shape, returned, f"<dsn.{n}.{len(marker)}@mx.example>")
            raw = FAILS[fail](marker.encode() + b"\r\n" + bounce, "csc.example.gov.uk")
            ob0, calls0 = _last(db, "outbox"), len(parses)
            out = _feed(app, raw)
            assert [o.status for o in out] == ["ignored"], (shape, fail, out)
            row = query(db, "SELECT status, kind FROM messages ORDER BY id DESC LIMIT 1")
            assert row == [("ignored", "auto_reply")], (shape, fail, row)
            assert query(db, "SELECT count(*) FROM outbox WHERE id > ?", (ob0,)) == [(0,)], "no notice, no reply"
            assert len(parses) == calls0 + 1, (shape, fail)
            # read without the returned copy of our mail (and the referral attached to it)
            assert len(parses[-1]) <= min(len(raw), 48 * 1024), (shape, len(parses[-1]), len(raw))


OOO_TEXTS = ["I am out of the office until Monday 23 November with limited access to email. For urgent "
             "safeguarding matters please contact the duty desk on 01632 960000.",
             "Thank you for your email. I am on annual leave and will respond on my return.",
             "Ich bin bis zum 30.11. nicht im Büro und habe keinen Zugriff auf meine E-Mails.",
             "Je suis absent du bureau jusqu'au lundi 23 novembre."]


@FEW
@given(fail=st.sampled_from(sorted(f for f in FAILS if f != "two subjects")), text=st.sampled_from(OOO_TEXTS),
       marker=st.sampled_from(["Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: bulk",
                               "Auto-Submitted: auto-generated\r\nX-Auto-Response-Suppress: All"]),
       shape=st.sampled_from(["plain", "outlook html with logo", "signature"]))
def test_forged_out_of_office_texts_are_still_ignored(app: Any, parses: list[bytes], fail: str, text: str,
                                                     marker: str, shape: str) -> None:
    db = app.db
    app.intake()  # the database exists before the first example counts its rows
    m = EmailMessage()
    m["From"], m["To"] = "Jo Smith <jo.smith@schools.example.gov.uk>", "csprbot@nsscp.example.gov.uk"
    m["Subject"], m["Date"] = "Automatic reply: [NS-CSPR-2026-001] Reminder", format_datetime(SENT)
    m["Message-ID"] = f"<ooo.{next(_SEQ)}@schools.example.gov.uk>"
    sign = "\n\nJo Smith\nDesignated Safeguarding Lead\nTel: 01632 960580\n" if shape != "plain" else "\n"
    m.set_content(text + sign)
    if shape == "outlook html with logo":
        m.add_alternative(f'<html><body><p>{text}</p><p>Jo Smith<br><img src="cid:logo001"></p></body></html>',
                          subtype="html")
        m.get_payload()[1].add_related(b"\x89PNG\r\n\x1a\n" + bytes(600), "image", "png", cid="<logo001>")
    ob0, calls0 = _last(db, "outbox"), len(parses)
    out = _feed(app, FAILS[fail](marker.encode() + b"\r\n" + m.as_bytes(), "schools.example.gov.uk"))
    assert [o.status for o in out] == ["ignored"], (fail, marker, shape, out)
    assert len(parses) == calls0 + 1 and query(db, "SELECT count(*) FROM outbox WHERE id > ?", (ob0,)) == [(0,)]


@pytest.mark.parametrize("marker", ["Auto-Submitted: auto-generated", "Precedence: bulk", "Return-Path: <>"])
def test_an_authenticated_portal_referral_marked_automatic_still_opens_a_case(app: Any, parses: list[bytes],
                                                                             marker: str) -> None:
    # a council's online referral form sends the completed Word form from its own domain, marked automatic
    raw, domain = CONTENT["referral"](f"<portal.{len(marker)}@csc.example.gov.uk>")
    out = _feed(app, stamp(domain).encode() + marker.encode() + b"\r\n" + raw)
    assert [o.status for o in out] == ["processed"] and out[0].ref, out
    assert len(parses) == 1
