"""Adversarial suite, stranger round 4 (issue 10): header shapes that stalled intake (B14) and S/MIME commands (B8).

B14: a Subject (or From, References, any field) of megabytes of RFC 2047 encoded words made Python's header
parser take minutes and gigabytes before the work budget applied. Fields are now bounded first
(parsers/headerbound.py); the mail is still processed and the cut is audited. B8: an opaque-signed (smime.p7m)
command from a role holder was not read as the sender's own text.
"""

from __future__ import annotations

import base64
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import ROLE, ROOT, bot_env, deliver_sent, query, referral
from test_adversarial import NOW, OURS, REF, World, _make_world, stamp

from parsers.headerbound import LIMITS, MAX_SAME_NAME, bound_message, safe_cut
from parsers.message import walk_message

FEW = settings(max_examples=8, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])

# --- B14: bounded headers ----------------------------------------------------------------------------------

WORDS = ["=?utf-8?q?CSPR_referral_=C3=A9?=", "=?UTF-8?B?w6nDqcOp?=", "=?iso-8859-1?q?caf=E9?=", "plain", "x"]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=400),
       seps=st.sampled_from([" ", "", "\t", "  "]), limit=st.integers(10, 3000))
def test_a_cut_is_a_prefix_within_the_limit_that_splits_no_encoded_word(words: list[str], seps: str,
                                                                          limit: int) -> None:
    value = seps.join(words).encode()
    short = safe_cut(value, limit)
    assert len(short) <= limit and value.startswith(short)
    # every "=?" kept opens an encoded word that is kept whole
    kept = short.decode()
    pos = 0
    while (at := kept.find("=?", pos)) >= 0:
        word = next((w for w in WORDS if w.startswith("=?") and kept.startswith(w, at)), None)
        assert word is not None, (kept[at:at + 40], limit)
        pos = at + len(word)


def _referral_with(subject: bytes | None = None, extra: list[bytes] | None = None,
                   mid: str = "<big@csc.example.gov.uk>") -> bytes:
    raw = referral(mid, NOW - dt.timedelta(hours=2), NOW.date() - dt.timedelta(days=1))
    raw = f"Authentication-Results: {stamp('csc.example.gov.uk')}\r\n".encode() + raw
    if subject is not None:
        raw = raw.replace(b"Subject: CSPR referral - please see attached (SECURE)", b"Subject: " + subject)
    if extra:
        raw = b"\r\n".join(extra) + b"\r\n" + raw
    return raw


def _encoded_subject(size: int, sep: str) -> bytes:
    word = "=?utf-8?q?CSPR_referral_=C3=A9?="
    return sep.join([word] * (size // (len(word) + len(sep)))).encode()


SHAPES = {
    "subject_words_spaced": lambda n: _referral_with(_encoded_subject(n, " ")),
    "subject_words_adjacent": lambda n: _referral_with(_encoded_subject(n, "")),
    "subject_folded": lambda n: _referral_with(_encoded_subject(n, "\r\n ")),
    "subject_one_line_no_space": lambda n: _referral_with(b"CSPR referral " + b"x" * n),
    "references": lambda n: _referral_with(extra=[b"References: " + b" ".join(
        b"<m%d@x.example>" % i for i in range(n // 16))]),
    "in_reply_to": lambda n: _referral_with(extra=[b"In-Reply-To: " + b"<" + b"a" * n + b"@x.example>"]),
    "many_received": lambda n: _referral_with(extra=[b"Received: from h%d.example by mx; Wed, 18 Nov 2026" % i
                                                     for i in range(n // 40)]),
    "long_x_header": lambda n: _referral_with(extra=[b"X-Junk: " + _encoded_subject(n, " ")]),
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _make_world(tmp_path_factory.mktemp("headers"))
    yield w
    w.app.close()


@FEW
@given(shape=st.sampled_from(sorted(SHAPES)), size=st.sampled_from([40_000, 120_000, 400_000]))
def test_a_referral_with_an_oversized_header_still_opens_its_case_and_the_cut_is_noted(
        world: World, shape: str, size: int) -> None:
    w = world
    m0, ev0 = w.last("messages"), w.last("events")
    out = w.feed(SHAPES[shape](size).replace(b"<big@", f"<big.{shape}.{size}@".encode()))
    rows = w.new_rows("messages", m0, "status, kind, reason")
    assert rows and rows[0][:2] == ("processed", "referral"), (shape, rows, out)
    assert out[0].ref, out  # its case (the world's own child: linked to the open case)
    events = w.new_rows("events", ev0, "kind, detail")
    bounded = [d for k, d in events if k == "headers_bounded"]
    assert bounded and "header" in bounded[0], (shape, [k for k, _ in events])


def test_a_two_megabyte_subject_through_run_once_opens_the_case(tmp_path: Path) -> None:
    """The stranger's mail: 2 MB of encoded words in the Subject, read by `csprbot run --once`."""
    w = _make_world(tmp_path)
    w.app.close()
    n0 = len(query(w.db, "SELECT id FROM cases"))
    deliver_sent(w.inbox, _referral_with(_encoded_subject(2 * 1024 * 1024, " ")))
    r = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(tmp_path / "profile.toml"), "run", "--once",
                        "--now", NOW.replace(tzinfo=None).isoformat(timespec="minutes")],
                       cwd=ROOT, env=bot_env(CSPRBOT_DATABASE_URL=f"sqlite:///{w.db}"), capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert query(w.db, "SELECT status, kind FROM messages WHERE message_id = '<big@csc.example.gov.uk>'") == [
        ("processed", "referral")]
    assert len(query(w.db, "SELECT id FROM cases")) == n0  # the world's own child: linked to its open case
    notes = query(w.db, "SELECT detail FROM events WHERE kind = 'headers_bounded'")
    assert notes and "Subject" in notes[0][0] and "cut to" in notes[0][0], notes
    subject = query(w.db, "SELECT parse_json FROM messages WHERE message_id = '<big@csc.example.gov.uk>'")[0][0]
    assert "header bound:" in subject


@pytest.mark.parametrize("count", [MAX_SAME_NAME + 1, 100_000])
def test_many_header_fields_keep_the_ones_read(count: int) -> None:
    raw = _referral_with(extra=[b"Received: from h%d.example by mx" % i for i in range(count)])
    bounded = bound_message(raw)
    assert any("header fields left unread" in n for n in bounded.notes), bounded.notes
    walked = walk_message(raw)
    assert walked.subject == "CSPR referral - please see attached (SECURE)"
    assert any("header bound:" in w for w in walked.warnings)


def test_a_forwarded_messages_huge_subject_is_bounded_too() -> None:
    inner = EmailMessage()
    inner["From"] = "a@b.example"
    inner["Subject"] = "x"
    inner.set_content("inner\n")
    data = inner.as_bytes().replace(b"Subject: x", b"Subject: " + _encoded_subject(400_000, " "))
    # The outer message is written by hand: the email package's own generator, refolding the inner 400 KB
    # Subject, took 2.4 GB of this test process (the reader under test needs ~70 MB).
    outer = (f"From: {ROLE['coordinator']}\r\nSubject: FW: something\r\nMIME-Version: 1.0\r\n"
             'Content-Type: multipart/mixed; boundary="b0"\r\n\r\n--b0\r\nContent-Type: text/plain\r\n\r\n'
             "see below\r\n--b0\r\nContent-Type: message/rfc822\r\n\r\n").encode() + data + b"\r\n--b0--\r\n"
    walked = walk_message(outer)
    assert walked.forwarded_subjects and len(walked.forwarded_subjects[0]) <= LIMITS["subject"]


def test_a_from_line_over_its_limit_is_not_a_sender_to_act_as() -> None:
    from bot.intake import read_headers

    raw = _referral_with().replace(b"From: Sam Example", b"From: " + _encoded_subject(40_000, " "))
    hdr = read_headers(raw)
    assert hdr.sender is None and hdr.from_problem and hdr.bounds


# --- B8: S/MIME commands -----------------------------------------------------------------------------------

def _cert() -> tuple[Any, Any]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Signer")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(dt.datetime(2020, 1, 1)).not_valid_after(dt.datetime(2040, 1, 1))
            .sign(key, hashes.SHA256()))
    return cert, key


def _signed_der(entity: bytes) -> bytes:
    cert, key = _cert()
    return (pkcs7.PKCS7SignatureBuilder().set_data(entity).add_signer(cert, key, hashes.SHA256())
            .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))


def _envelope(sender: str, mid: str) -> EmailMessage:
    m = EmailMessage()
    m["Authentication-Results"] = stamp(OURS)
    m["From"] = sender
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = f"RE: [{REF}] Reminder"
    m["Date"] = format_datetime(NOW - dt.timedelta(minutes=5))
    m["Message-ID"] = mid
    return m


def _inner(command: str, alternative: bool) -> bytes:
    if not alternative:
        return f'Content-Type: text/plain; charset="utf-8"\r\n\r\n{command}\r\n'.encode()
    m = EmailMessage()
    m.set_content(f"{command}\n")
    m.add_alternative(f"<html><body><p>{command}</p></body></html>\n", subtype="html")
    data = m.as_bytes()
    return data.split(b"\n", 1)[1] if data.startswith(b"MIME-Version") else data


def smime_command(shape: str, command: str, sender: str, mid: str) -> bytes:
    m = _envelope(sender, mid)
    if shape == "clear_signed":
        body = _inner(command, False)
        der = _signed_der(body)
        boundary = "sig-boundary-1"
        head = b"".join(f"{k}: {v}\r\n".encode() for k, v in m.items() if k.lower() != "content-type"
                        and k.lower() != "mime-version")
        return (head + b"MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\";"
                b" micalg=sha-256; boundary=\"" + boundary.encode() + b"\"\r\n\r\n--" + boundary.encode() + b"\r\n"
                + body + b"\r\n--" + boundary.encode() + b"\r\nContent-Type: application/pkcs7-signature;"
                b" name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment;"
                b" filename=smime.p7s\r\n\r\n" + base64.encodebytes(der) + b"\r\n--"
                + boundary.encode() + b"--\r\n")
    der = _signed_der(_inner(command, shape == "p7m_alternative"))
    if shape == "octet_stream":
        m.set_content(der, maintype="application", subtype="octet-stream", filename="smime.p7m",
                      disposition="attachment")
    else:
        m.set_content(der, maintype="application", subtype="pkcs7-mime", filename="smime.p7m",
                      params={"smime-type": "signed-data"}, disposition="attachment")
    return m.as_bytes()


@pytest.mark.parametrize("shape", ["p7m", "p7m_alternative", "octet_stream", "clear_signed"])
def test_a_signed_command_from_a_role_holder_is_applied(tmp_path: Path, shape: str) -> None:
    w = _make_world(tmp_path)
    raw = smime_command(shape, "CLOSE: no further action agreed", ROLE["coordinator"], f"<smime.{shape}@{OURS}>")
    out = w.feed(raw)
    w.app.close()
    assert out[0].status == "processed" and out[0].detail.startswith("accepted"), (shape, out)
    assert query(w.db, "SELECT closed_reason FROM cases WHERE ref = ?", (REF,))[0][0], shape


def test_a_signed_mail_attached_beside_the_senders_text_is_not_their_command(tmp_path: Path) -> None:
    """A p7m that is one part among others is a file the sender attached (perhaps someone else's signed mail)."""
    w = _make_world(tmp_path)
    m = _envelope(ROLE["coordinator"], f"<smime.attached@{OURS}>")
    m.set_content("FYI, see the attached.\n")
    m.add_attachment(_signed_der(_inner("CLOSE: not mine", False)), maintype="application", subtype="pkcs7-mime",
                     filename="smime.p7m", params={"smime-type": "signed-data"})
    out = w.feed(m.as_bytes())
    w.app.close()
    assert not out[0].detail.startswith("accepted"), out
    assert query(w.db, "SELECT closed_reason FROM cases WHERE ref = ?", (REF,))[0][0] is None


def test_a_signed_command_through_run_once(tmp_path: Path) -> None:
    w = _make_world(tmp_path)
    w.app.close()
    deliver_sent(w.inbox, smime_command("p7m", "CLOSE: agreed at panel", ROLE["coordinator"], f"<smime.once@{OURS}>"))
    r = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(tmp_path / "profile.toml"), "run", "--once",
                        "--now", NOW.replace(tzinfo=None).isoformat(timespec="minutes")],
                       cwd=ROOT, env=bot_env(CSPRBOT_DATABASE_URL=f"sqlite:///{w.db}"), capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    assert query(w.db, "SELECT closed_reason FROM cases WHERE ref = ?", (REF,))[0][0] == "closed: agreed at panel"
