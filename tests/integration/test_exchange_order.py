"""The EWS and Graph inboxes hand their batch out by received time, then id (issue #10, stranger round 14, break 1),
against the replay servers in tests/replay/.

Generated batches: random received times (ties in one second included) given to the items after delivery, so the
order they entered the folder is not their receipt order. `fetch` must give receipt order, ties by id, with each
item's received time (EWS: the listing's when GetItem carries none), a limit taking the oldest and the next pass
the rest in the same order.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.replay.harness import Env, ews_env, graph_env
from tests.servers import next_number, raw_message

BASE = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module", params=["ews", "graph"])
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    factory = ews_env if request.param == "ews" else graph_env
    with factory(tmp_path_factory.mktemp(request.param)) as e:
        yield e


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offsets=st.lists(st.integers(0, 40), min_size=2, max_size=12), limit=st.integers(1, 6))
def test_fetch_is_in_received_order_then_id(env: Env, offsets: list[int], limit: int) -> None:
    tag = next_number()
    received: dict[str, datetime] = {}
    for k, offset in enumerate(offsets):
        item_id = env.mailbox.deliver(raw_message(f"order {tag} {k}"))
        env.mailbox.items[item_id].received = BASE + timedelta(seconds=offset)
        received[item_id] = BASE + timedelta(seconds=offset)
    want = sorted(received, key=lambda i: (received[i], i))
    inbox = env.inbox()
    try:
        got = list(inbox.fetch(limit=100))
        assert [m.source_id for m in got] == want
        assert [m.received_at for m in got] == [received[i] for i in want]
        first = list(inbox.fetch(limit=limit))
        assert [m.source_id for m in first] == want[:limit]
        for m in first:
            inbox.acknowledge(m)
        rest = list(inbox.fetch(limit=100))
        assert [m.source_id for m in rest] == want[limit:]
        for m in rest:
            inbox.acknowledge(m)  # the examples share the mailbox: leave its inbox empty
        assert list(inbox.fetch(limit=100)) == []
    finally:
        inbox.close()
