"""Issue #10, stranger round 4 (B12): a co-ordinator's forward of a held return credits it as of its first receipt.

An agency return from an unlisted sender on a shared domain (nhs.net) is held for the co-ordinator. Forwarding
it to csprbot (the confirmation path the held notice names) was credited at the time of the forward, so a
return that was on time counted late. Now a partnership role's return for the same case and agency as a held
one is its confirmation: the held message is marked processed (so a later release cannot credit it twice),
the credit is dated by the held message's receipt, and the audit says so.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from reliability_kit import ROLE, agency_return, query
from test_adversarial import NOW, OURS, REF, _make_world, stamp

from bot.mail.maildir import deliver


def _as_attachment(held: bytes, sent: datetime) -> bytes:
    """Outlook's "Forward as attachment": the held mail whole, as message/rfc822, under the co-ordinator's own."""
    m = EmailMessage()
    m["From"] = ROLE["coordinator"]
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "FW: agency return"
    m["Date"] = format_datetime(sent)
    m["Message-ID"] = "<fwd-att@nsscp.example.gov.uk>"
    m["Authentication-Results"] = stamp(OURS)
    m.set_content("Confirming this return.\n")
    m.add_attachment(message_from_bytes(held, policy=policy.default))
    return m.as_bytes()


@pytest.mark.parametrize("how", ["inline", "attachment"])
@pytest.mark.parametrize("days_later", [1, 15, 30])
def test_a_forwarded_held_return_counts_from_its_first_receipt(tmp_path: Path, days_later: int, how: str) -> None:
    w = _make_world(tmp_path)
    try:
        held = agency_return(REF, "ICB Health", "unlisted.nurse@nhs.net", NOW - timedelta(minutes=3),
                             "<held@nhs.net>", auth=stamp("nhs.net"))
        out = w.feed(held)
        assert out[0].status == "quarantined", out
        # The co-ordinator forwards it days later (by then the 10 working-day clock may have passed).
        later = NOW + timedelta(days=days_later)
        fwd = (agency_return(REF, "ICB Health", ROLE["coordinator"], later - timedelta(minutes=5),
                             "<fwd@nsscp.example.gov.uk>", auth=stamp(OURS)) if how == "inline"
               else _as_attachment(held, later - timedelta(minutes=5)))
        deliver(w.inbox, fwd, received=later)
        w.app.clock = type(w.app.clock)(later + timedelta(minutes=10))
        out = w.app.intake()
        assert out[0].status == "processed", out
        got = query(w.db, "SELECT received_on, late FROM agency_requests WHERE agency = 'ICB Health'")
        assert got == [(NOW.date().isoformat(), 0)], got  # as of the held return's receipt: on time
        assert query(w.db, "SELECT status FROM messages WHERE message_id = '<held@nhs.net>'") == [("processed",)]
        assert query(w.db, "SELECT count(*) FROM events WHERE kind = 'held_return_confirmed'") == [(1,)]
    finally:
        w.app.close()
