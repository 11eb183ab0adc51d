"""Adversarial suite, stranger round 5's S8 (issue 10): a command inside S/MIME layers around S/MIME layers.

The co-ordinator's `EXTEND screening:` inside an opaque-signed p7m that was itself inside a signed p7m was not
applied, not refused and not quarantined: the audit showed only `reply_received`. The walk took only the root
p7m's content as the sender's own, so the inner signature's text was read as a forwarded message. Now every
signature layer around the sender's text is unwrapped (opaque p7m in either content type, a .p7m named
octet-stream, multipart/signed), up to parsers.message.MAX_SMIME_LAYERS; beyond that, or where a layer cannot be
read (encrypted, damaged DER), or where the sender wrote nothing readable of their own under a case reference
(the signed content is a message/rfc822, an unreadable attachment alone), the mail is quarantined with its
reason and the co-ordinator told: never a silent `reply_received`.

Generated: nesting depths (1-6) x layer types x innermost shapes x command kinds, fed through the intake
pass that `csprbot run --once` runs; one nested p7m through `csprbot run --once` itself.
"""

from __future__ import annotations

import base64
import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime
from functools import cache
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from hypothesis import given
from hypothesis import strategies as st
from reliability_kit import ROLE, ROOT, bot_env, deliver_sent, query, record_figures, working_day_from
from test_adversarial import NOW, OURS, REF, World, stamp
from test_adversarial_round5 import FEW, SETTINGS, _world

COORD = ROLE["coordinator"]
MAX_SMIME_LAYERS = 4  # the documented bound (parsers.message.MAX_SMIME_LAYERS), written here from the rule
LAYERS = ("p7m", "x_p7m", "octet_p7m", "clear_signed")
INNERMOST = ("plain", "alternative", "mixed_with_text")
COMMANDS = ("EXTEND agency_return Education: {later} records still coming",
            "REVIEWER: Dr Pat Example, Example Reviews Ltd",
            "ACTION: Education; {later}; refresh safeguarding training", "LOOKED AFTER: YES",
            "WAIVE Avon and Somerset Police: no involvement")
STATS: dict[str, dict[str, int]] = {}


def count(cls: str, **flags: bool) -> None:
    figures = STATS.setdefault(cls, {"inputs": 0})
    figures["inputs"] += 1
    for k, v in flags.items():
        figures[k] = figures.get(k, 0) + bool(v)


@cache
def _cert() -> tuple[x509.Certificate, rsa.RSAPrivateKey]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Signer")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(dt.datetime(2020, 1, 1)).not_valid_after(dt.datetime(2040, 1, 1))
            .sign(key, hashes.SHA256()))
    return cert, key


def _sign(entity: bytes) -> bytes:
    cert, key = _cert()
    return (pkcs7.PKCS7SignatureBuilder().set_data(entity).add_signer(cert, key, hashes.SHA256())
            .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))


def _b64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def _p7m_part(der: bytes, ctype: str = "application/pkcs7-mime", smime: str = "signed-data") -> bytes:
    param = f"; smime-type={smime}" if smime else ""
    return (f'Content-Type: {ctype}{param}; name="smime.p7m"\r\nContent-Transfer-Encoding: base64\r\n'
            'Content-Disposition: attachment; filename="smime.p7m"\r\n\r\n').encode() + _b64(der)


def wrap(entity: bytes, layer: str, n: int) -> bytes:
    """The MIME entity `entity` signed once more, as `layer` (the signature is never checked, only unwrapped)."""
    if layer == "p7m":
        return _p7m_part(_sign(entity))
    if layer == "x_p7m":
        return _p7m_part(_sign(entity), "application/x-pkcs7-mime")
    if layer == "octet_p7m":
        return _p7m_part(_sign(entity), "application/octet-stream", "")
    boundary = f"sig-{n}"
    return (f'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; '
            f'boundary="{boundary}"\r\n\r\n--{boundary}\r\n').encode() + entity + (
        f"\r\n--{boundary}\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
        "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=smime.p7s\r\n\r\n"
    ).encode() + _b64(_sign(entity)) + f"\r\n--{boundary}--\r\n".encode()


def innermost(shape: str, text: str) -> bytes:
    """The sender's own text as a MIME entity: plain, plain + HTML, or a mixed with the text first."""
    plain = f'Content-Type: text/plain; charset="utf-8"\r\n\r\n{text}\r\n'.encode()
    if shape == "plain":
        return plain
    if shape == "alternative":
        return (b'Content-Type: multipart/alternative; boundary="alt"\r\n\r\n--alt\r\n' + plain
                + f'--alt\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n<p>{text}</p>\r\n--alt--\r\n'.encode())
    return (b'Content-Type: multipart/mixed; boundary="mix"\r\n\r\n--mix\r\n' + plain
            + b'--mix\r\nContent-Type: image/png\r\nContent-Disposition: inline\r\nContent-ID: <logo>\r\n'
              b'Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--mix--\r\n')


def mail(entity: bytes, w: World, sender: str = COORD) -> bytes:
    mid = w.mid()
    # The same command, sender and Date again is held as a replay: a Date each time, ahead of csprbot's clock (counted
    # as received now) so that mail is received in the order sent, none before an earlier one's change
    # (bot/domain/overtaken.py).
    sent = NOW + timedelta(seconds=w.n)
    head = (f"Authentication-Results: {stamp(OURS)}\r\nFrom: {sender}\r\nTo: csprbot@nsscp.example.gov.uk\r\n"
            f"Subject: RE: [{REF}] Rapid review\r\nDate: {format_datetime(sent)}\r\n"
            f"Message-ID: {mid}\r\nMIME-Version: 1.0\r\n")
    return head.encode() + entity


def nested(layers: list[str], entity: bytes) -> bytes:
    for i, layer in enumerate(reversed(layers)):  # innermost layer first
        entity = wrap(entity, layer, i)
    return entity


@pytest.fixture(scope="module")
def world7(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _world(tmp_path_factory.mktemp("round7-p7m"), False)
    yield w
    w.app.close()


def _answered(w: World, ob0: int) -> list[str]:
    return [k for r, k in w.new_rows("outbox", ob0, "recipient, kind") if r.lower() == COORD]


def _events(w: World, ev0: int) -> list[str]:
    return [k for (k,) in w.new_rows("events", ev0, "kind")]


def _command(w: World, which: int) -> str:
    return COMMANDS[which].format(later=(NOW.date() + timedelta(days=30 + w.n)).isoformat())


@SETTINGS
@given(layers=st.integers(1, MAX_SMIME_LAYERS + 2).flatmap(
           lambda n: st.lists(st.sampled_from(LAYERS), min_size=n, max_size=n)),
       shape=st.sampled_from(INNERMOST), which=st.integers(0, len(COMMANDS) - 1))
def test_a_command_inside_nested_signatures_is_acted_on_or_quarantined(world7: World, layers: list[str],
                                                                       shape: str, which: int) -> None:
    w = world7
    command = _command(w, which)
    ev0, ob0 = w.last("events"), w.last("outbox")
    out = w.feed(mail(nested(layers, innermost(shape, command)), w))
    events = _events(w, ev0)
    readable = len(layers) <= MAX_SMIME_LAYERS
    count("p7m_nested_readable" if readable else "p7m_nested_beyond_bound",
          quarantined=out[0].status == "quarantined", silent="reply_received" in events,
          accepted=out[0].detail.startswith("accepted"))
    assert "reply_received" not in events, (layers, shape, command, out, events)
    if readable:
        # Read as the sender's own command: applied and confirmed, or refused with the reason; either way answered.
        assert out[0].status == "processed" and out[0].detail.startswith(("accepted", "refused")), (layers, out)
        assert {"confirm", "refusal"} & set(_answered(w, ob0)), (layers, out)
    else:
        assert out[0].status == "quarantined" and "S/MIME bound" in out[0].detail, (layers, out)
        assert {"quarantine_notice", "quarantine_notice_batched"} & set(events), events


def _unreadable(kind: str, command: str) -> bytes:
    """A sender's content csprbot cannot read as theirs, behind one signature or none."""
    text = f'Content-Type: text/plain; charset="utf-8"\r\n\r\n{command}\r\n'.encode()
    if kind == "encrypted":
        cert, _ = _cert()
        env = (pkcs7.PKCS7EnvelopeBuilder().set_data(text).add_recipient(cert)
               .encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))
        return _p7m_part(env, smime="enveloped-data")
    if kind == "damaged":
        return _p7m_part(_sign(text)[:-40])  # a truncated DER
    if kind == "message":
        return (f"Content-Type: message/rfc822\r\n\r\nFrom: {COORD}\r\nSubject: [{REF}]\r\n"
                "Content-Type: text/plain\r\n\r\n").encode() + command.encode() + b"\r\n"
    if kind == "forwarded_in_mixed":
        return (b'Content-Type: multipart/mixed; boundary="fw"\r\n\r\n--fw\r\nContent-Type: message/rfc822\r\n\r\n'
                + f"From: {COORD}\r\nSubject: [{REF}]\r\n\r\n{command}\r\n--fw--\r\n".encode())
    if kind == "portal_notice":
        return (b'Content-Type: text/plain; charset="utf-8"\r\n\r\nYou have received a secure message. To view this '
                b"secure message go to https://switch.egress.com/ui/read/1234\r\n")
    zip_part = (b'Content-Type: application/zip; name="return.zip"\r\nContent-Disposition: attachment; '
                b'filename="return.zip"\r\nContent-Transfer-Encoding: base64\r\n\r\n' + _b64(b"PK\x03\x04" + bytes(60)))
    if kind == "text_and_scan":  # "Please find our return attached", and the attachment is what cannot be read
        return (b'Content-Type: multipart/mixed; boundary="at"\r\n\r\n--at\r\nContent-Type: text/plain\r\n\r\n'
                b"Please find our return attached.\r\n--at\r\nContent-Type: image/jpeg; name=\"scan.jpg\"\r\n"
                b'Content-Disposition: attachment; filename="scan.jpg"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
                + _b64(b"\xff\xd8\xff\xe0" + bytes(60)) + b"--at--\r\n")
    # kind == "attachment_only": no text, a file that cannot be opened
    return b'Content-Type: multipart/mixed; boundary="at"\r\n\r\n--at\r\n' + zip_part + b"--at--\r\n"


UNREADABLE = ("encrypted", "damaged", "message", "forwarded_in_mixed", "attachment_only", "text_and_scan",
              "portal_notice")


@FEW
@given(kind=st.sampled_from(UNREADABLE), layers=st.lists(st.sampled_from(LAYERS), min_size=0, max_size=3),
       which=st.integers(0, len(COMMANDS) - 1))
def test_content_the_sender_wrote_that_cannot_be_read_is_quarantined_not_a_silent_reply(
        world7: World, kind: str, layers: list[str], which: int) -> None:
    w = world7
    if kind in ("encrypted", "damaged") and not layers:
        layers = ["p7m"]  # the unreadable layer inside a signature (alone, it is the root: same path)
    before = query(w.db, "SELECT key, agency, due, state FROM clocks ORDER BY id")
    ev0, ob0 = w.last("events"), w.last("outbox")
    out = w.feed(mail(nested(layers, _unreadable(kind, _command(w, which))), w))
    events = _events(w, ev0)
    count("p7m_unreadable", quarantined=out[0].status == "quarantined", silent="reply_received" in events)
    assert "reply_received" not in events, (kind, layers, out, events)
    assert out[0].status == "quarantined", (kind, layers, out)
    assert "cannot read" in out[0].detail or "bound" in out[0].detail, out
    assert {"quarantine_notice", "quarantine_notice_batched"} & set(events), events
    assert not {"confirm"} & set(_answered(w, ob0)), (kind, layers)
    assert query(w.db, "SELECT key, agency, due, state FROM clocks ORDER BY id") == before


def test_a_plain_reply_with_text_is_still_a_reply(world7: World) -> None:
    """The neighbour that must not move: a role's ordinary reply (text, no command) is recorded, not quarantined."""
    w = world7
    ev0 = w.last("events")
    out = w.feed(mail(nested(["p7m", "p7m"], innermost("plain", "Thanks, noted.")), w))
    assert out[0].status == "processed" and out[0].detail == "reply without a command", out
    assert "reply_received" in _events(w, ev0)


def test_a_command_in_signed_inside_signed_through_run_once(tmp_path: Path) -> None:
    """S8 as reported: an EXTEND in a p7m inside a p7m, from the co-ordinator, through `csprbot run --once`."""
    w = _world(tmp_path, False)
    w.app.close()
    due = working_day_from(NOW.date() + timedelta(days=40))
    command = f"EXTEND agency_return Education: {due} waiting for records"
    deliver_sent(w.inbox, mail(nested(["p7m", "p7m"], innermost("plain", command)), w))
    r = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(tmp_path / "profile.toml"), "run", "--once",
                        "--now", NOW.replace(tzinfo=None).isoformat(timespec="minutes")],
                       cwd=ROOT, env=bot_env(CSPRBOT_DATABASE_URL=f"sqlite:///{w.db}"), capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    dues = [str(d) for (d,) in query(w.db, "SELECT due FROM clocks WHERE agency = 'Education'")]
    assert due.isoformat() in dues, dues
    kinds = [k for (r_, k) in query(w.db, "SELECT recipient, kind FROM outbox") if r_.lower() == COORD]
    assert "confirm" in kinds, kinds


def test_zz_record_figures() -> None:
    """Counts at this run's size; no generated input may have ended as a silent reply."""
    record_figures("adversarial_round7_p7m", **{k: dict(v) for k, v in STATS.items()})
    assert all(v.get("silent", 0) == 0 for v in STATS.values()), STATS
