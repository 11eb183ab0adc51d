"""Sessions kept on the server: sign-out ends the session for every copy of its cookie, "sign out
everywhere" ends a person's other sessions, timeouts are decided by the stored times, and the cookie
holds nothing but a random id and the CSRF token."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from conftest import COORDINATOR, REF, SERVICE_LEADER, Clocked, Env, csrf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from live_client import Agent, live_sign_in, served
from sqlalchemy import select
from web_client import sign_in

from bot.store.models import Event, WebSession
from bot.web.app import create_app
from bot.web.sessions import sha

COOKIE = "csprbot_session"


def client_for(env: Env, clock: Clocked | None = None) -> Any:
    app = create_app(env.core, base_url="http://127.0.0.1:8025", now=clock or Clocked())
    app.config["TESTING"] = True
    return app.test_client()


def copy_of(client: Any) -> str:
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    return str(cookie.value)


def with_cookie(env: Env, value: str, clock: Clocked | None = None) -> Any:
    other = client_for(env, clock)
    other.set_cookie(COOKIE, value)
    return other


def accepted(env: Env) -> int:
    with env.core.sessions() as s:
        return len(s.scalars(select(Event).where(Event.kind == "command_accepted")).all())


def test_a_cookie_copied_before_sign_out_is_refused_after_it(env: Env) -> None:
    client = client_for(env)
    sign_in(env, client, COORDINATOR)
    page = client.get(f"/cases/{REF}").get_data(as_text=True)
    stolen = copy_of(client)
    assert with_cookie(env, stolen).get("/cases").status_code == 200  # the copy works while signed in
    assert client.post("/signout", data={"csrf_token": csrf(page)}).status_code == 303
    thief = with_cookie(env, stolen)
    assert thief.get("/cases").status_code == 303  # to the sign-in page
    assert thief.get(f"/cases/{REF}").status_code == 303
    r = with_cookie(env, stolen).post(f"/cases/{REF}/act", data={"csrf_token": csrf(page), "form": "close",
                                                                  "close-reason": "x"})  # CSRF token still good
    assert r.status_code == 401 and accepted(env) == 0
    with env.core.sessions() as s:
        rows = s.scalars(select(WebSession)).all()
        assert [(w.address, w.revoked_at is not None) for w in rows] == [(COORDINATOR, True)]
    signed_out = [e.actor for e in env.core.sessions().scalars(select(Event).where(Event.kind == "web_signed_out"))]
    assert signed_out == [COORDINATOR]


def test_the_cookie_holds_only_a_random_id_kept_hashed_on_the_server(env: Env) -> None:
    client = client_for(env)
    sign_in(env, client, COORDINATOR)
    client.get("/cases")
    app = client.application
    data = app.session_interface.get_signing_serializer(app).loads(copy_of(client))
    assert set(data) <= {"sid", "csrf_token", "_flashes"} and "sid" in data
    assert COORDINATOR not in repr(data)
    with env.core.sessions() as s:
        row = s.get(WebSession, sha(data["sid"]))
        assert row is not None and row.address == COORDINATOR
        assert data["sid"] not in repr([(w.id_sha, w.address) for w in s.scalars(select(WebSession))])


def test_sign_out_everywhere_ends_every_session_of_that_person_only(env: Env) -> None:
    laptop, phone, colleague = client_for(env), client_for(env), client_for(env)
    for c, who in ((laptop, COORDINATOR), (phone, COORDINATOR), (colleague, SERVICE_LEADER)):
        sign_in(env, c, who)
    page = laptop.get("/cases").get_data(as_text=True)
    assert "Sign out everywhere" in page
    assert laptop.post("/signout/everywhere", data={"csrf_token": csrf(page)}).status_code == 303
    assert laptop.get("/cases").status_code == 303
    assert phone.get("/cases").status_code == 303
    assert colleague.get("/cases").status_code == 200


def test_timeouts_are_the_servers_and_a_timed_out_session_stays_ended(env: Env) -> None:
    clock = Clocked()
    client = client_for(env, clock)
    sign_in(env, client, COORDINATOR)
    kept = copy_of(client)
    web = env.core.settings.web
    clock.t += web.idle_minutes * 60 + 5
    assert client.get("/cases").status_code == 303
    clock.t -= web.idle_minutes * 60  # even if the clock stepped back, the ended session does not return
    assert with_cookie(env, kept, clock).get("/cases").status_code == 303
    with env.core.sessions() as s:
        assert all(w.revoked_at is not None for w in s.scalars(select(WebSession)))


@pytest.mark.usefixtures("database_url")
def test_sign_out_over_http_ends_the_copies_too(tmp_path: Any, database_url: str) -> None:
    """The same against the real server (waitress threads), on SQLite and PostgreSQL."""
    from conftest import NOW, make_core, seed

    seed(tmp_path, database_url)
    core = make_core(tmp_path, NOW, database_url)
    env = Env(tmp_path, core)
    try:
        with served(env) as base:
            agent = live_sign_in(env, base, COORDINATOR)
            copy = Agent(base)
            copy.cookies = dict(agent.cookies)
            assert copy.get("/cases").status_code == 200
            assert agent.post("/signout", {"csrf_token": agent.token()}).status_code == 303
            assert copy.get("/cases").status_code == 303
            assert copy.get(f"/cases/{REF}").status_code == 303
    finally:
        core.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.sampled_from(["use", "idle", "copy", "signout", "signin"]), min_size=1, max_size=8))
def test_a_copied_cookie_works_exactly_while_its_session_is_live(env: Env, steps: list[str]) -> None:
    """Any interleaving of use, idling past the limit, copying the cookie, signing out and in again: a copy
    is accepted if and only if the session it was copied from has neither signed out nor timed out."""
    clock = Clocked(2_000_000.0 + 100_000 * len(steps))
    client = client_for(env, clock)

    def sign_in_again() -> None:  # an hour on each time: the per-address limit on links is not the point here
        env.core.clock.at += timedelta(minutes=61)  # type: ignore[attr-defined]
        sign_in(env, client, COORDINATOR)

    sign_in_again()
    live, copies = True, list[tuple[str, bool]]()  # (cookie, is its session still live?)
    current = copy_of(client)
    for step in steps:
        if step == "use" and live:
            assert client.get("/cases").status_code == 200
        elif step == "idle":
            clock.t += env.core.settings.web.idle_minutes * 60 + 1
            live = False
            copies = [(c, False) for c, _ in copies]
        elif step == "copy" and live:
            copies.append((current, True))
        elif step == "signout" and live:
            page = client.get("/cases").get_data(as_text=True)
            assert client.post("/signout", data={"csrf_token": csrf(page)}).status_code == 303
            live = False
            copies = [(c, c != current and ok) for c, ok in copies]
        elif step == "signin":
            sign_in_again()
            current, live = copy_of(client), True
    for cookie, ok in copies:
        assert (with_cookie(env, cookie, clock).get("/cases").status_code == 200) is ok
