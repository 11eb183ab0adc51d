"""Issue #10, stranger round 4 (B12): a co-ordinator's forward of a held return credits it as of its first receipt.

An agency return from an unlisted sender on a shared domain (nhs.net) is held for the co-ordinator. Forwarding
it to csprbot (the confirmation path the held notice names) was credited at the time of the forward, so a
return that was on time counted late. Now a partnership role's return for the same case and agency as a held
one is its confirmation: the held message is marked processed (so a later release cannot credit it twice),
the credit is dated by the held message's receipt, and the audit says so.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from reliability_kit import ROLE, agency_return, query
from test_adversarial import NOW, OURS, REF, _make_world, stamp

from bot.mail.maildir import deliver


@pytest.mark.parametrize("days_later", [1, 15, 30])
def test_a_forwarded_held_return_counts_from_its_first_receipt(tmp_path: Path, days_later: int) -> None:
    w = _make_world(tmp_path)
    try:
        held = agency_return(REF, "ICB Health", "unlisted.nurse@nhs.net", NOW - timedelta(minutes=3),
                             "<held@nhs.net>", auth=stamp("nhs.net"))
        out = w.feed(held)
        assert out[0].status == "quarantined", out
        # The co-ordinator forwards it days later (by then the 10 working-day clock may have passed).
        later = NOW + timedelta(days=days_later)
        fwd = agency_return(REF, "ICB Health", ROLE["coordinator"], later - timedelta(minutes=5),
                            "<fwd@nsscp.example.gov.uk>", auth=stamp(OURS))
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
