"""Sign-in with Entra ID (OpenID Connect, code + PKCE) against a small local provider (tests/web/fake_oidc.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from conftest import COORDINATOR, Clocked, Env
from fake_oidc import FakeOidc
from sqlalchemy import select

from bot.settings import OidcSettings
from bot.store.models import Event
from bot.web.app import create_app


def oidc_client(env: Env, provider: FakeOidc) -> Any:
    web = env.core.settings.web.model_copy(update={"oidc": OidcSettings(issuer=provider.issuer, client_id="csprbot")})
    core = type(env.core)(env.core.settings.model_copy(update={"web": web}), env.core.clock)
    core._sessions = env.core.sessions  # the same store
    app = create_app(core, base_url="http://127.0.0.1:8025", now=Clocked())
    app.config["TESTING"] = True
    return app.test_client()


@pytest.fixture()
def provider(request: pytest.FixtureRequest) -> Iterator[FakeOidc]:
    p = FakeOidc("csprbot", getattr(request, "param", COORDINATOR))
    yield p
    p.close()


def _round_trip(client: Any, tamper: bool = False) -> Any:
    start = client.get("/signin/oidc")
    assert start.status_code == 302
    to_idp = start.headers["Location"]
    if tamper:  # an attacker's own challenge: the verifier in the session will not match it
        to_idp = to_idp.replace("code_challenge=", "code_challenge=x")
    back = requests.get(to_idp, allow_redirects=False, timeout=10)
    assert back.status_code == 302
    callback = urlsplit(back.headers["Location"])
    assert callback.path == "/signin/oidc/callback"
    page = client.get(f"{callback.path}?{callback.query}")
    assert page.status_code == 200 and "Continue" in page.get_data(as_text=True)
    query = dict(p.split("=", 1) for p in callback.query.split("&"))
    return client.post("/signin/oidc/finish", data={"code": query["code"], "state": query["state"]})


def test_entra_sign_in_uses_pkce_and_opens_a_session(env: Env, provider: FakeOidc) -> None:
    client = oidc_client(env, provider)
    assert "Sign in with Microsoft" in client.get("/signin").get_data(as_text=True)
    assert client.get("/cases").status_code == 303
    r = _round_trip(client)
    assert r.status_code == 303 and r.headers["Location"].endswith("/cases")
    assert client.get("/cases").status_code == 200
    asked = provider.seen[-1]
    assert asked["code_challenge_method"] == "S256" and len(asked["code_challenge"]) >= 43
    assert asked["nonce"] and asked["state"] and "openid" in asked["scope"]
    with env.core.sessions() as s:
        ev = s.scalars(select(Event).where(Event.kind == "web_signed_in")).one()
        assert ev.actor == COORDINATOR and ev.detail["how"] == "oidc"


def test_a_wrong_pkce_verifier_or_replayed_state_signs_nobody_in(env: Env, provider: FakeOidc) -> None:
    client = oidc_client(env, provider)
    assert _round_trip(client, tamper=True).status_code == 400
    assert client.get("/cases").status_code == 303
    stranger = oidc_client(env, provider)  # a state from another browser's session is no good here
    start = client.get("/signin/oidc")
    back = requests.get(start.headers["Location"], allow_redirects=False, timeout=10)
    query = dict(p.split("=", 1) for p in urlsplit(back.headers["Location"]).query.split("&"))
    assert stranger.post("/signin/oidc/finish", data=query).status_code == 400
    assert stranger.get("/cases").status_code == 303


@pytest.mark.parametrize("provider", ["someone@csc.example.gov.uk"], indirect=True)
def test_an_account_without_a_role_is_refused(env: Env, provider: FakeOidc) -> None:
    client = oidc_client(env, provider)
    assert _round_trip(client).status_code == 403
    assert client.get("/cases").status_code == 303
