"""One composed template, personalised per recipient, equals composing each mail in full."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default as default_policy

from bot.apply import _MID, _TO, _personalise
from bot.render import compose, message_id_for


def _compose(to: str, mid: str | None) -> bytes:
    return compose(kind="routing", ref="NS-CSPR-2026-001", clock=None, sender="csprbot@nsscp.example.gov.uk", to=to,
                   subject="[NS-CSPR-2026-001] New CSPR referral", text="Body\nTo: not a header\n", html=None,
                   idem_key="k", now=datetime(2026, 4, 2, 9, tzinfo=UTC), message_id=mid,
                   attachments=[("NS-CSPR-2026-001-as-received.eml", "message/rfc822", b"To: x@y\r\n\r\nhi")],
                   ).as_bytes()


def parse(raw: bytes) -> EmailMessage:
    msg = email.message_from_bytes(raw, policy=default_policy)
    assert isinstance(msg, EmailMessage)
    return msg


def test_personalised_copy_matches_a_full_compose() -> None:
    mid = message_id_for("src:routing:routing:a@x.gov.uk", "nsscp.example.gov.uk")
    raw = _personalise(_compose(_TO, _MID), "a@x.gov.uk", mid)
    assert raw is not None
    got, want = parse(raw), parse(_compose("a@x.gov.uk", mid))
    assert [(k, str(v)) for k, v in got.items() if k != "Content-Type"] == \
        [(k, str(v)) for k, v in want.items() if k != "Content-Type"]
    assert got.get_body(("plain",)).get_content() == "Body\nTo: not a header\n"  # type: ignore[union-attr]
    assert [p.get_content() for p in got.iter_attachments()] == [p.get_content() for p in want.iter_attachments()]


def test_unusual_addresses_fall_back_to_a_full_compose() -> None:
    assert _personalise(_compose(_TO, _MID), "jöe@x.gov.uk", "<m@x>") is None
    assert _personalise(b"Subject: no placeholders\n\nbody", "a@x.gov.uk", "<m@x>") is None
