"""The IMAP inbox hands its batch out by INTERNALDATE, then UID (issue #10, stranger round 14, break 1), on real
Dovecot.

UIDs follow the order messages entered the folder, not when the server took them in: a sync tool or an import
APPENDs with each message's original INTERNALDATE, a rule or a person moves older mail in. Generated batches:
random receipt times (ties in one second included), APPENDed in a random order; `fetch` must give receipt order,
ties by UID, a limit the oldest, and the next pass the rest in the same order.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

from tests.servers import ImapBox, next_number, raw_message
from tests.servers.dovecot_server import DovecotServer

pytestmark = pytest.mark.servers

BASE = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@st.composite
def batches(draw: st.DrawFn) -> list[int]:
    """Receipt times (seconds after BASE) in the order they are APPENDed: a few seconds, often shared."""
    n = draw(st.integers(2, 14))
    return draw(st.lists(st.integers(0, 40), min_size=n, max_size=n))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(appended=batches(), limit=st.integers(1, 8))
def test_fetch_is_in_internaldate_order_then_uid(dovecot: DovecotServer, appended: list[int], limit: int) -> None:
    imap_box = ImapBox.create(dovecot)  # a folder per example: a failing one leaves nothing for the next
    try:
        _check(imap_box, appended, limit)
    finally:
        imap_box.close()


def _check(imap_box: ImapBox, appended: list[int], limit: int) -> None:
    tag = next_number()
    c = imap_box.dc.client(imap_box.user)
    sent: dict[int, tuple[datetime, bytes]] = {}
    try:
        for k, offset in enumerate(appended):
            raw = raw_message(f"order {tag} {k}")
            when = BASE + timedelta(seconds=offset)
            resp = c.append(imap_box.folder, raw, msg_time=when)
            uid = int(resp.split(b"]")[0].split()[-1])  # [APPENDUID <validity> <uid>]
            sent[uid] = (when, raw)
    finally:
        c.logout()
    want = sorted(sent, key=lambda u: (sent[u][0], u))
    inbox = imap_box.inbox()
    got = list(inbox.fetch())
    assert [int(m.source_id.split(":")[1]) for m in got] == want
    assert [m.received_at for m in got] == [sent[u][0] for u in want]
    assert [m.raw for m in got] == [sent[u][1] for u in want]
    first = list(inbox.fetch(limit=limit))
    assert [m.source_id for m in first] == [m.source_id for m in got[:limit]]
    for m in first:
        inbox.acknowledge(m)
    assert [m.source_id for m in inbox.fetch()] == [m.source_id for m in got[limit:]]
    for m in got[limit:]:
        inbox.acknowledge(m)
    assert imap_box.uids() == []
