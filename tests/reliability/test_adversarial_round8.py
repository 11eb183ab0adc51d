"""Adversarial suite, stranger round 7's R4-R6 (issue 10): what counts as a forward, and who counts as one sender.

  R6. a role's genuine forward with Outlook's separator ("-----Original Message-----", localized, or a rule of
      underscores) and the agency's header block above the form was held, not credited. SECURITY: a forward is
      known by "a forwarded-message separator above the form". A separator below the role's own form, or one
      naming the role itself, is still not a forward (held).
  R5. a command only inside a forwarded message (with the sender's "See below." above it; inside a p7m inside a
      forward; a forward inside a p7m; an inline forward), a mail that is only a detached signature, and a
      signature over empty text were recorded as a plain reply. SECURITY: such mail is quarantined, the
      co-ordinator told, never recorded as a plain reply. A forward of an agency's return is still credited.
  R4. the per-sender cap on strangers' routed referrals (3) counted `jo+1@gmail.com`, `j.o@gmail.com` and
      `jo@googlemail.com` as different senders. Now one mailbox is one sender; a genuine referral is still routed
      in the same pass.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import REFERRER, ROLE, child_for, filled_return, query, referral
from test_adversarial import NOW, OURS, REF, World, stamp
from test_adversarial_round5 import _signed, _world
from test_adversarial_round7_p7m import COMMANDS, innermost, wrap
from test_adversarial_round7_trust import AGENCIES, AUTHOR, RETURN_TEXT, ROLE_ONLY, _domain, _mail
from test_flood_senders import GENUINE, SENT, _app, _routing

COORD = ROLE["coordinator"]
FEW = settings(max_examples=30, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def world8(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """Case 001 in rapid review (Education, the police and ICB Health asked), default profile."""
    w = _world(tmp_path_factory.mktemp("round8"), False)
    yield w
    w.app.close()


def _events(w: World, after: int) -> list[tuple[str, dict[str, Any]]]:
    return [(k, json.loads(d) if isinstance(d, str) else d) for k, d in w.new_rows("events", after, "kind, detail")]


# --- R6: Outlook's separators, in the languages Outlook writes them --------------------------------------------

# (separator line, From label, Sent label, To label, Subject label): what Outlook puts above a forwarded mail.
SEPARATORS = {
    "en": ("-----Original Message-----", "From", "Sent", "To", "Subject"),
    "en_rule": ("_" * 32, "From", "Sent", "To", "Subject"),
    "de": ("-----Ursprüngliche Nachricht-----", "Von", "Gesendet", "An", "Betreff"),
    "fr": ("-----Message d'origine-----", "De ", "Envoyé ", "À ", "Objet "),
    "es": ("-----Mensaje original-----", "De", "Enviado el", "Para", "Asunto"),
    "nl": ("-----Oorspronkelijk bericht-----", "Van", "Verzonden", "Aan", "Onderwerp"),
    "it": ("-----Messaggio originale-----", "Da", "Inviato", "A", "Oggetto"),
    "cy": ("-----Neges Wreiddiol-----", "Oddi wrth", "Anfonwyd", "At", "Pwnc"),
    "de_rule": ("_" * 40, "Von", "Gesendet", "An", "Betreff"),
}
PLACES = ["above_form", "above_form_quoted", "below_form", "naming_self", "own_docx_request_quoted"]


def outlook_forward(sender: str, agency: str, lang: str, place: str, mid: str) -> bytes:
    """A role's "RE:" to our request passing on the agency's mail under Outlook's separator (`place`): above the
    form, the same quoted with "> ", below the role's own form, with the role's own address in the block, or our
    request quoted below the role's own return attached as Word (a reply, not a forward)."""
    sep, frm, sent, to, subj = SEPARATORS[lang]
    author = AUTHOR.format(domain=AGENCIES[agency])
    request = f"[{REF}] Rapid review: agency return requested"
    named = {"naming_self": sender, "own_docx_request_quoted": "csprbot <csprbot@nsscp.example.gov.uk>"}.get(
        place, f"Pat Author <{author}>")
    block = (f"{sep}\n{frm}: {named}\n{sent}: 18 November 2026 09:12\n{to}: csprbot@nsscp.example.gov.uk\n"
             f"{subj}: RE: {request}\n\n")
    text = RETURN_TEXT.format(ref=REF, agency=agency, email=author)
    if place == "own_docx_request_quoted":  # Outlook's reply to our request, the role's own return attached
        body = "Please find our return attached.\n\n" + block + "Please send your agency's return by 2 December.\n"
        docx = filled_return(REF, agency, "No", "Lee Specimen", author)
        return _signed(_mail(sender, f"RE: {request}", body, mid, docx).as_bytes(), _domain(sender))
    if place == "below_form":
        body = text + "\n" + block + "Please send your return.\n"
    elif place == "above_form_quoted":
        body = "Passing this on.\n\n" + "".join(f"> {line}\n" for line in (block + text).splitlines())
    else:
        body = "Passing this on.\n\n" + block + text
    return _signed(_mail(sender, f"RE: {request}", body, mid).as_bytes(), _domain(sender))


@FEW
@given(sender=st.sampled_from(ROLE_ONLY), agency=st.sampled_from(sorted(AGENCIES)),
       lang=st.sampled_from(sorted(SEPARATORS)), place=st.sampled_from(PLACES))
def test_an_outlook_separator_above_the_form_is_a_forward_in_any_language(world8: World, sender: str, agency: str,
                                                                          lang: str, place: str) -> None:
    w = world8
    ev0 = w.last("events")
    out = w.feed(outlook_forward(sender, agency, lang, place, w.mid()))
    events = _events(w, ev0)
    received = [d.get("agency") for k, d in events if k == "return_received"]
    held = [d.get("claims") for k, d in events if k == "return_held"]
    if place.startswith("above_form"):  # the agency's mail passed on: the role vouches for it
        assert out[0].status == "processed" and received == [agency], (lang, place, out, events)
    else:  # the role's own form, or its own mail quoted: the role's claim, held for the co-ordinator
        assert out[0].status == "quarantined" and received == [] and held == [agency], (lang, place, out, events)


# --- R5: a command only inside a forwarded message, a signature over nothing ----------------------------------

def _head(subject: str) -> bytes:
    sent = NOW - timedelta(minutes=5)
    return (f"Authentication-Results: {stamp(OURS)}\r\nFrom: {COORD}\r\nTo: csprbot@nsscp.example.gov.uk\r\n"
            f"Subject: {subject}\r\nDate: {format_datetime(sent)}\r\nMIME-Version: 1.0\r\n").encode()


def _plain(text: str) -> bytes:
    return f'Content-Type: text/plain; charset="utf-8"\r\n\r\n{text}\r\n'.encode()


def _rfc822(own: str, inner: bytes) -> bytes:
    """The co-ordinator's text (perhaps none) and a message attached whole."""
    head = f"From: someone@example.org\r\nSubject: [{REF}] x\r\nMIME-Version: 1.0\r\n".encode()
    first = b"--F1\r\n" + _plain(own) if own else b""
    return (b'Content-Type: multipart/mixed; boundary="F1"\r\n\r\n' + first
            + b"--F1\r\nContent-Type: message/rfc822\r\n\r\n" + head + inner + b"\r\n--F1--\r\n")


FORWARDS = ["rfc822", "p7m_in_fwd", "fwd_in_p7m", "fwd_in_signed", "inline_gmail", "inline_outlook"]
OWN_TEXT = ["See below.", "FYI", "Please see the message below, which came in this morning.", ""]


def forward_of_command(shape: str, own: str, command: str) -> tuple[str, bytes]:
    """(subject, entity): the co-ordinator forwarding someone's mail whose only command is inside it."""
    inner = innermost("plain", command)
    if shape == "rfc822":
        return f"FW: [{REF}] x", _rfc822(own, inner)
    if shape == "p7m_in_fwd":
        return f"FW: [{REF}] x", _rfc822(own, wrap(inner, "p7m", 0))
    if shape == "fwd_in_p7m":
        return f"RE: [{REF}] x", wrap(_rfc822(own, inner), "p7m", 0)
    if shape == "fwd_in_signed":
        return f"RE: [{REF}] x", wrap(_rfc822(own, inner), "clear_signed", 0)
    block = ("---------- Forwarded message ---------\nFrom: someone@example.org\nDate: 18 Nov 2026\n"
             if shape == "inline_gmail" else "-----Original Message-----\nFrom: someone@example.org\nSent: 18 Nov\n")
    return f"FW: [{REF}] x", _plain(f"{own}\n\n{block}Subject: [{REF}] x\n\n{command}")


SIG = (b'Content-Type: application/pkcs7-signature; name="smime.p7s"\r\nContent-Transfer-Encoding: base64\r\n'
       b'Content-Disposition: attachment; filename="smime.p7s"\r\n\r\nMIIBAgYJKoZIhvcNAQcCoIIB8zCCAe8=\r\n')


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(shape=st.sampled_from([*FORWARDS, "detached_signature_only", "signed_empty_text"]),
       own=st.sampled_from(OWN_TEXT), which=st.integers(0, len(COMMANDS) - 1))
def test_a_command_only_inside_a_forward_or_a_bare_signature_is_quarantined(world8: World, shape: str, own: str,
                                                                            which: int) -> None:
    w = world8
    command = COMMANDS[which].format(later=(NOW.date() + timedelta(days=30 + w.n)).isoformat())
    if shape == "detached_signature_only":
        subject, entity = f"RE: [{REF}] x", SIG
    elif shape == "signed_empty_text":
        subject, entity = f"RE: [{REF}] x", wrap(_plain(""), "p7m", 0)
    else:
        subject, entity = forward_of_command(shape, own, command)
    before = query(w.db, "SELECT key, agency, due, state FROM clocks ORDER BY id")
    ev0 = w.last("events")
    out = w.feed(_head(subject) + f"Message-ID: {w.mid()}\r\n".encode() + entity)
    kinds = [k for k, _ in _events(w, ev0)]
    assert "reply_received" not in kinds, (shape, own, out, kinds)
    assert out[0].status == "quarantined" and "cannot read" in out[0].detail, (shape, own, out)
    assert {"quarantine_notice", "quarantine_notice_batched"} & set(kinds), kinds
    assert query(w.db, "SELECT key, agency, due, state FROM clocks ORDER BY id") == before


@pytest.mark.parametrize("shape", ["rfc822", "p7m_in_fwd", "fwd_in_p7m", "inline_outlook"])
def test_a_forward_of_an_agencys_return_is_still_credited(world8: World, shape: str) -> None:
    """The neighbour that must not move: the same forward shapes carrying Education's return, not a command."""
    w = world8
    author = AUTHOR.format(domain=AGENCIES["Education"])
    text = RETURN_TEXT.format(ref=REF, agency="Education", email=author)
    if shape == "inline_outlook":
        subject, entity = f"FW: [{REF}] x", _plain(f"See below.\n\n-----Original Message-----\nFrom: {author}\n"
                                                   f"Sent: 18 Nov\nSubject: [{REF}] x\n\n{text}")
    else:
        subject, entity = forward_of_command(shape, "See below.", text)  # the return where the command was
    ev0 = w.last("events")
    out = w.feed(_head(subject) + f"Message-ID: {w.mid()}\r\n".encode() + entity)
    received = [d.get("agency") for k, d in _events(w, ev0) if k == "return_received"]
    assert out[0].status == "processed" and received == ["Education"], (shape, out)


def test_a_forward_of_a_referral_is_still_a_referral(tmp_path: Path) -> None:
    """A co-ordinator forwarding an agency's referral (attached whole) opens a case; nothing is quarantined."""
    from bot.mail.maildir import deliver

    inner = referral("<fwd-ref@csc.example.gov.uk>", SENT, date(2026, 11, 16))
    raw = (_head("FW: New CSPR referral") + b"Message-ID: <fwd-outer@nsscp.example.gov.uk>\r\n"
           + b'Content-Type: multipart/mixed; boundary="F1"\r\n\r\n--F1\r\n' + _plain("See below, EXTEND not needed.")
           + b"--F1\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"\r\n--F1--\r\n")
    deliver(tmp_path / "inbox", raw)
    app = _app(tmp_path, NOW)
    outcomes = app.intake()
    app.close()
    assert [o.status for o in outcomes] == ["processed"], outcomes
    with sqlite3.connect(tmp_path / "csprbot.db") as con:
        assert con.execute("SELECT count(*) FROM cases").fetchone()[0] == 1


# --- R4: one mailbox is one sender ----------------------------------------------------------------------------

def _variant(local: str, k: int, rng: random.Random) -> str:
    """Another spelling of `local`@gmail.com that Google delivers to the same mailbox."""
    kind = k % 4
    if kind == 0:
        return f"{local}+{rng.randrange(1000)}@gmail.com"
    if kind == 1:
        cut = rng.randrange(1, len(local))
        return f"{local[:cut]}.{local[cut:]}@gmail.com"
    if kind == 2:
        return f"{local}@googlemail.com"
    cut = rng.randrange(1, len(local))
    return f"{local[:cut].upper()}.{local[cut:]}+cspr@GMail.com"


@settings(max_examples=2, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(local=st.sampled_from(["worried", "jopublic", "concerned"]), n=st.integers(7, 9))
def test_plus_tags_and_gmail_dots_are_one_sender_for_the_cap(tmp_path_factory: Any, local: str, n: int) -> None:
    from bot.mail.maildir import deliver

    tmp = tmp_path_factory.mktemp("r4")
    rng = random.Random(n)
    for i in range(n):
        raw = referral(f"<r4-{i}@gmail.com>", SENT, date(2026, 11, 16), child=child_for(13 * i + 7, rng))
        sender = _variant(local, i, rng)
        deliver(tmp / "inbox", raw.replace(f"From: Sam Example <{REFERRER}>".encode(), f"From: {sender}".encode(), 1))
        if i == n // 2:
            deliver(tmp / "inbox", referral(GENUINE, SENT, date(2026, 11, 16)))
    app = _app(tmp, NOW)
    outcomes = app.intake()
    app.deliver()
    app.close()
    assert len(outcomes) == n + 1 and {o.status for o in outcomes} == {"processed"}, outcomes
    with sqlite3.connect(tmp / "csprbot.db") as con:
        genuine = con.execute("SELECT c.ref FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.message_id = ?",
                              (GENUINE,)).fetchone()[0]
    routing = _routing(tmp / "csprbot.db")
    mine = [r for r in routing if r[0] == genuine]
    assert len(mine) >= 6 and {r[2] for r in mine} == {"sent"}, mine  # the genuine one, in the same pass
    assert len({r[0] for r in routing if r[0] != genuine}) == 3, routing  # one mailbox: 3 routed


# --- Round 8's leftover: the other big providers' aliases are one mailbox too ----------------------------------
# (base, [spellings that reach the same account]): Yahoo/AOL "base-keyword" disposable addresses, Fastmail's
# sub-domain addressing, Proton's transparent '.', '_', '-' and its four domains, iCloud's three domains, and
# "+tags" and the local part's case everywhere (Outlook, Hotmail, Live, Proton, iCloud, Fastmail).

def provider_variant(provider: str, local: str, k: int, rng: random.Random) -> str:
    """Another spelling of `local`'s mailbox at `provider` that the provider delivers to the same account."""
    tag = rng.choice(["cspr", "x", "2026", "a-b"])
    cut = rng.randrange(1, len(local))
    mixed = local[:cut].upper() + local[cut:]
    if provider == "yahoo":
        domain = ["yahoo.com", "Yahoo.com", "YAHOO.COM"][k % 3]
        return [f"{local}-{tag}@{domain}", f"{mixed}-{rng.randrange(99)}@{domain}", f"{local}@{domain}"][k % 3]
    if provider == "aol":
        return [f"{local}-{tag}@aol.com", f"{mixed}@AOL.com", f"{local}-news@aol.com"][k % 3]
    if provider == "fastmail":
        return [f"{tag}@{local}.fastmail.com", f"{mixed}+{tag}@fastmail.com", f"x@inbox.{local}.fastmail.com",
                f"{local}@fastmail.com"][k % 4]
    if provider == "proton":
        sep = rng.choice([".", "_", "-"])
        domain = ["proton.me", "protonmail.com", "pm.me", "protonmail.ch"][k % 4]
        return [f"{local[:cut]}{sep}{local[cut:]}@{domain}", f"{mixed}+{tag}@{domain}", f"{local}@{domain}"][k % 3]
    if provider == "icloud":
        return [f"{local}+{tag}@icloud.com", f"{mixed}@me.com", f"{local}@mac.com", f"{local}+x@ME.COM"][k % 4]
    domain = ["outlook.com", "hotmail.co.uk", "live.com"][len(local) % 3]  # one domain a mailbox: each its own
    return [f"{local}+{tag}@{domain}", f"{mixed}@{domain}", f"{mixed}+{tag}@{domain.upper()}"][k % 3]


PROVIDERS = ["yahoo", "aol", "fastmail", "proton", "icloud", "microsoft"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(provider=st.sampled_from(PROVIDERS), local=st.from_regex(r"[a-z]{3,10}", fullmatch=True),
       ks=st.lists(st.integers(0, 11), min_size=2, max_size=6), seed=st.integers(0, 999))
def test_each_providers_aliases_fold_to_one_mailbox(provider: str, local: str, ks: list[int], seed: int) -> None:
    from bot.domain.strangers import flood_sender

    rng = random.Random(seed)
    spellings = [provider_variant(provider, local, k, rng) for k in ks]
    assert len({flood_sender(a) for a in spellings}) == 1, spellings


DISTINCT = [("jo@outlook.com", "jo@hotmail.com"), ("j.o@outlook.com", "jo@outlook.com"), ("jo@yahoo.com",
            "jo@aol.com"), ("jo@fastmail.com", "jo@fastmail.fm"), ("a@jo.fastmail.com", "a@al.fastmail.com"),
            ("jo-x@gmail.com", "jo@gmail.com"), ("j.o@icloud.com", "jo@icloud.com"), ("jo@proton.me", "jo@gmail.com"),
            ("jo-x@nhs.net", "jo@nhs.net"), ("jo@example.org", "jo@sub.example.org")]


@pytest.mark.parametrize(("one", "other"), DISTINCT)
def test_different_mailboxes_stay_different(one: str, other: str) -> None:
    """The other side: what the providers deliver to two accounts stays two senders (a hyphen is a keyword only at
    Yahoo and AOL; dots only at Gmail and Proton)."""
    from bot.domain.strangers import flood_sender

    assert flood_sender(one) != flood_sender(other)


@pytest.mark.parametrize("provider", ["yahoo", "fastmail", "proton"])
def test_provider_aliases_are_one_sender_for_the_cap(tmp_path: Path, provider: str) -> None:
    """Black box: 7 referrals from one mailbox spelt 7 ways at `provider`: exactly 3 routed, and the genuine
    referral in the same pass."""
    from bot.mail.maildir import deliver

    rng = random.Random(provider)
    n = 7
    for i in range(n):
        raw = referral(f"<p9-{provider}-{i}@x.example>", SENT, date(2026, 11, 16), child=child_for(13 * i + 7, rng))
        sender = provider_variant(provider, "worried", i, rng)
        deliver(tmp_path / "inbox", raw.replace(f"From: Sam Example <{REFERRER}>".encode(), f"From: {sender}".encode(),
                                                1))
        if i == 3:
            deliver(tmp_path / "inbox", referral(GENUINE, SENT, date(2026, 11, 16)))
    app = _app(tmp_path, NOW)
    outcomes = app.intake()
    app.deliver()
    app.close()
    assert len(outcomes) == n + 1 and {o.status for o in outcomes} == {"processed"}, outcomes
    with sqlite3.connect(tmp_path / "csprbot.db") as con:
        genuine = con.execute("SELECT c.ref FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.message_id = ?",
                              (GENUINE,)).fetchone()[0]
    routing = _routing(tmp_path / "csprbot.db")
    mine = [r for r in routing if r[0] == genuine]
    assert len(mine) >= 6 and {r[2] for r in mine} == {"sent"}, mine
    assert len({r[0] for r in routing if r[0] != genuine}) == 3, routing
