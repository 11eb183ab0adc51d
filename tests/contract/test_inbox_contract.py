"""The Inbox contract, run over every kind in tests/contract/kinds/ (maildir, imap, and later ews, graph).

What intake relies on: waiting mail comes oldest first with its exact bytes; acknowledged or quarantined
mail is never handed out again, by this instance or the next one; acknowledging twice is harmless;
mail fetched but never acknowledged survives a restart; wait() comes back within its timeout.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `tests.*` without an installed checkout
    sys.path.insert(0, str(ROOT))

from tests.contract.kinds import Harness, message_id  # noqa: E402
from tests.servers import raw_message  # noqa: E402

KINDS = sorted(p.stem for p in (Path(__file__).parent / "kinds").glob("*.py") if p.stem != "__init__")


def _module(kind: str) -> ModuleType:
    return importlib.import_module(f"tests.contract.kinds.{kind}")


def _params() -> list[Any]:
    params = []
    for kind in KINDS:
        module = _module(kind)
        marks = list(getattr(module, "MARKS", []))
        if getattr(module, "NEEDS_SERVERS", False) and pytest.mark.servers not in marks:
            marks.append(pytest.mark.servers)
        params.append(pytest.param(kind, marks=marks, id=kind))
    return params


@pytest.fixture(scope="session")
def kind_sessions() -> Iterator[dict[str, Any]]:
    """Per-kind shared resources (e.g. one Dovecot), started on first use, stopped at the end."""
    with ExitStack() as stack:
        yield {"_stack": stack}


@pytest.fixture(params=_params())
def harness(request: pytest.FixtureRequest, kind_sessions: dict[str, Any], tmp_path: Path) -> Iterator[Harness]:
    kind: str = request.param
    module = _module(kind)
    skip = getattr(module, "skip_reason", lambda: None)()
    if skip:
        pytest.skip(skip)
    opener = getattr(module, "session", None)
    if opener is None:
        with module.make(tmp_path) as h:
            yield h
        return
    if kind not in kind_sessions:
        kind_sessions[kind] = kind_sessions["_stack"].enter_context(opener())
    with module.make(tmp_path, kind_sessions[kind]) as h:
        yield h


def _two(h: Harness) -> tuple[bytes, bytes]:
    older, newer = raw_message("older referral"), raw_message("newer referral")
    h.deliver(older)
    time.sleep(0.01)  # distinct arrival times for kinds that order by time
    h.deliver(newer)
    return older, newer


def test_fetch_returns_waiting_mail_oldest_first_with_exact_bytes(harness: Harness) -> None:
    older, newer = _two(harness)
    got = list(harness.inbox.fetch())
    assert [m.raw for m in got] == [older, newer]
    assert len({m.source_id for m in got}) == 2
    assert all(m.mailbox == harness.inbox.name for m in got)


def test_fetch_honours_limit(harness: Harness) -> None:
    older, _ = _two(harness)
    assert [m.raw for m in harness.inbox.fetch(limit=1)] == [older]


def test_acknowledged_and_quarantined_mail_is_handled_once(harness: Harness) -> None:
    older, newer = _two(harness)
    first, second = list(harness.inbox.fetch())
    harness.inbox.acknowledge(first)
    assert [m.raw for m in harness.inbox.fetch()] == [newer]
    assert set(harness.processed_ids()) == {message_id(older)}
    harness.inbox.quarantine(second, "could not parse")
    assert list(harness.inbox.fetch()) == []
    assert set(harness.quarantined_ids()) == {message_id(newer)}
    assert set(harness.processed_ids()) == {message_id(older)}


def test_a_fresh_instance_sees_nothing_waiting_after_handling(harness: Harness) -> None:
    _two(harness)
    first, second = list(harness.inbox.fetch())
    harness.inbox.acknowledge(first)
    harness.inbox.quarantine(second, "could not parse")
    harness.inbox.close()
    assert list(harness.reopen().fetch()) == []


def test_acknowledge_is_idempotent(harness: Harness) -> None:
    older, newer = _two(harness)
    first, second = list(harness.inbox.fetch())
    harness.inbox.acknowledge(first)
    harness.inbox.acknowledge(first)
    harness.reopen().acknowledge(first)  # after a crash between move and commit of the move
    harness.inbox.quarantine(second, "x")
    harness.inbox.quarantine(second, "x")
    assert set(harness.processed_ids()) == {message_id(older)}
    assert set(harness.quarantined_ids()) == {message_id(newer)}


def test_mail_fetched_but_not_acknowledged_survives_a_restart(harness: Harness) -> None:
    older, newer = _two(harness)
    assert len(list(harness.inbox.fetch())) == 2  # e.g. the process died before committing
    harness.inbox.close()
    assert [m.raw for m in harness.reopen().fetch()] == [older, newer]


def test_wait_returns_within_its_timeout(harness: Harness) -> None:
    list(harness.inbox.fetch())
    t0 = time.monotonic()
    woke = harness.inbox.wait(0.5)
    assert isinstance(woke, bool)
    assert time.monotonic() - t0 < 3  # generous: speed is for benchmarks
