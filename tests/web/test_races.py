"""Several requests at once against the web view served for real (waitress threads, one store): a state
change on a quarantined message or a parked mail is a claim, so exactly one request wins and the others
are told it was already handled. Run on SQLite and PostgreSQL (the `database_url` fixture)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import COORDINATOR, NOW, Env, csrf, make_core, seed
from live_client import live_sign_in, served
from sqlalchemy import func, select

from bot.intake import open_as_referral, release
from bot.store.models import Case, Event, Message, OutboxItem

N = 6  # more than waitress's 4 threads: some requests queue behind others, some run side by side


@pytest.fixture()
def env(tmp_path: Path, database_url: str) -> Iterator[Env]:
    seed(tmp_path, database_url)
    core = make_core(tmp_path, NOW, database_url)
    yield Env(tmp_path, core)
    core.close()


def count(env: Env, kind: str) -> int:
    with env.core.sessions() as s:
        return s.scalar(select(func.count(Event.id)).where(Event.kind == kind)) or 0


def quarantined(env: Env) -> int:
    with env.core.sessions() as s:
        mid = s.scalar(select(Message.id).where(Message.status == "quarantined"))
    assert mid is not None
    return mid


def winners_and_losers(responses: list[object]) -> tuple[list[object], list[object]]:
    codes = [r.status_code for r in responses]  # type: ignore[attr-defined]
    assert all(c in (303, 409) for c in codes), codes
    losers = [r for r in responses if r.status_code == 409]  # type: ignore[attr-defined]
    assert all("already been handled" in r.text for r in losers)  # type: ignore[attr-defined]
    return [r for r in responses if r.status_code == 303], losers  # type: ignore[attr-defined]


def form_of(page: str) -> dict[str, str]:
    """The hidden fields of the message page's forms (CSRF token, the version it was drawn at)."""
    return {"csrf_token": csrf(page), "v": re.findall(r'name="v" value="(\d+)"', page)[0]}


def test_open_as_a_referral_at_once_opens_one_case(env: Env) -> None:
    mid = quarantined(env)
    with served(env) as base:
        agent = live_sign_in(env, base, COORDINATOR)
        form = form_of(agent.get(f"/quarantine/{mid}").text)
        won, lost = winners_and_losers(agent.at_once(N, f"/quarantine/{mid}/open", form))
    assert len(won) == 1 and len(lost) == N - 1
    assert count(env, "opened_as_referral") == 1
    with env.core.sessions() as s:
        assert s.scalar(select(func.count(Case.id))) == 2  # the demo case and this one


def test_release_at_once_releases_once(env: Env) -> None:
    mid = quarantined(env)
    with served(env) as base:
        agent = live_sign_in(env, base, COORDINATOR)
        form = form_of(agent.get(f"/quarantine/{mid}").text)
        won, lost = winners_and_losers(agent.at_once(N, f"/quarantine/{mid}/release", form))
        # still unreadable, so back in quarantine: released again from a freshly drawn page, it is released
        assert count(env, "released") == 1
        again = form_of(agent.get(f"/quarantine/{mid}").text)
        assert again["v"] != form["v"]
        assert agent.post(f"/quarantine/{mid}/release", form).status_code == 409  # the old page
        assert agent.post(f"/quarantine/{mid}/release", again).status_code == 303
    assert len(won) == 1 and len(lost) == N - 1
    assert count(env, "released") == 2


def test_retry_of_a_parked_mail_at_once_is_queued_once(env: Env) -> None:
    with env.core.sessions.begin() as s:
        item = s.scalars(select(OutboxItem).order_by(OutboxItem.id)).first()
        assert item is not None
        item.status, item.last_error = "parked", "550 mailbox unavailable"
        oid = item.id
    with served(env) as base:
        agent = live_sign_in(env, base, COORDINATOR)
        token = agent.token("/outbox")
        won, lost = winners_and_losers(agent.at_once(N, f"/outbox/{oid}/retry", {"csrf_token": token}))
    assert len(won) == 1 and len(lost) == N - 1
    assert count(env, "mail_retry") == 1


@pytest.mark.parametrize("action", ["release", "open"])
def test_the_functions_the_cli_calls_claim_the_message_too(env: Env, action: str) -> None:
    """`csprbot quarantine release ID` in two shells at once (or the CLI beside the web view): each reads the
    message's version first, as cmd_quarantine does."""
    mid = quarantined(env)
    with env.core.sessions() as s:
        msg = s.get(Message, mid)
        assert msg is not None
        seen = msg.handled_count
    barrier = threading.Barrier(N)
    outcomes: list[str] = []

    def one() -> None:
        barrier.wait()
        rt = env.core.runtime()
        out = release(env.core.sessions, rt, mid, "cli", seen=seen) if action == "release" else \
            open_as_referral(env.core.sessions, rt, mid, "cli")
        outcomes.append(out.status)

    threads = [threading.Thread(target=one) for _ in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert count(env, "released" if action == "release" else "opened_as_referral") == 1
    assert sorted(outcomes).count("handled") == N - 1, outcomes


def test_new_case_from_a_linked_duplicate_at_once_opens_one_case(env: Env) -> None:
    """`csprbot new-case ID` in two shells at once: the message's row is locked before its history is read."""
    from bot.demo import write_demo
    from bot.intake import open_as_new_case

    later = make_core(env.root, "2026-04-02T11:00", env.core.settings.store.url)
    write_demo(str(env.root / "mail/inbox"), later.runtime(), later.settings)
    later.run_once()
    later.close()
    with env.core.sessions() as s:
        linked = [e.detail["message"] for e in s.scalars(select(Event).where(Event.kind == "duplicate_referral"))]
    assert len(linked) == 1
    mid = int(str(linked[0]))
    barrier = threading.Barrier(N)
    refs: list[str | None] = []

    def one() -> None:
        barrier.wait()
        refs.append(open_as_new_case(env.core.sessions, env.core.runtime(), mid, "cli").ref)

    threads = [threading.Thread(target=one) for _ in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert count(env, "opened_as_new_case") == 1
    assert len([r for r in refs if r]) == 1, refs
    with env.core.sessions() as s:
        assert s.scalar(select(func.count(Case.id))) == 2


def test_one_sign_in_link_used_at_once_signs_in_once(env: Env) -> None:
    """Stranger round 2: 16 clients posting one single-use link together got up to 4 sessions from it."""
    from urllib.parse import urlsplit

    from browser import wait_for
    from conftest import signin_link

    with served(env) as base:
        agent = live_sign_in(env, base, COORDINATOR)  # a first sign-in: the link below is the second one
        before = signin_link(env.root, COORDINATOR)
        assert agent.post("/signin", {"address": COORDINATOR, "csrf_token": agent.token("/signin")}).status_code == 200

        def mailed() -> str | None:
            env.core.deliver()
            link = signin_link(env.root, COORDINATOR)
            return link if link != before else None

        parts = urlsplit(wait_for(mailed, what="a second sign-in link"))
        form = {"t": parts.query.split("=", 1)[1], "csrf_token": agent.token(f"{parts.path}?{parts.query}")}
        signed_in = count(env, "web_signed_in")
        codes = [r.status_code for r in agent.at_once(16, "/signin/link", form)]
    assert codes.count(303) == 1, codes
    assert count(env, "web_signed_in") == signed_in + 1


@pytest.mark.parametrize("v", [None, "", "x", "-1", "99999999999"])
def test_a_quarantine_form_without_its_version_does_nothing(env: Env, v: str | None) -> None:
    """Stranger round 2: with the version field left out or spoilt, a stale page or N requests at once each
    acted on a message that had come back to quarantine. The version is required."""
    mid = quarantined(env)
    with served(env) as base:
        agent = live_sign_in(env, base, COORDINATOR)
        form = form_of(agent.get(f"/quarantine/{mid}").text)
        if v is None:
            del form["v"]
        else:
            form["v"] = v
        for action in ("release", "open"):
            r = agent.post(f"/quarantine/{mid}/{action}", form)
            assert r.status_code == 409 and "out of date" in r.text, (action, r.status_code)
    assert count(env, "released") == 0 and count(env, "opened_as_referral") == 0
