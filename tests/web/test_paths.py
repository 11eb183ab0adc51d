"""Any path parameter, however malformed (CR/LF, NUL and other control characters, percent-encoded or
not, slashes, very long, huge numbers), is refused cleanly: 404 or 400, never a 500. Every route with a
path parameter, signed in as the co-ordinator with a valid CSRF token and a valid command in the form, so
a request gets as far into the app as it can. Run on SQLite and PostgreSQL (their drivers refuse
different things: NUL in a PostgreSQL string, integers past 64 bits in SQLite)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import COORDINATOR, NOW, REF, Env, csrf, make_core, seed
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from web_client import sign_in

from bot.store.models import Event
from bot.web.app import create_app


@pytest.fixture()
def signed_in(tmp_path: Path, database_url: str) -> Iterator[tuple[Env, Any, str, list[Any]]]:
    seed(tmp_path, database_url)
    core = make_core(tmp_path, NOW, database_url)
    env = Env(tmp_path, core)
    app = create_app(core, base_url="http://127.0.0.1:8025")
    client = app.test_client()
    sign_in(env, client, COORDINATOR)
    token = csrf(client.get(f"/cases/{REF}").get_data(as_text=True))
    rules = [r for r in app.url_map.iter_rules() if r.arguments]
    assert {r.endpoint for r in rules} >= {"case", "act", "quarantine_show", "quarantine_release",
                                           "quarantine_open", "outbox_retry", "static"}
    yield env, client, token, rules
    core.close()


def clients(signed: Any) -> list[Any]:
    """The signed-in client, and one with no session (refused, but also never with a 500)."""
    return [signed, signed.application.test_client()]


CONTROL = st.sampled_from(["\r\n", "\r", "\n", "\x00", "\x07", "\x1b", "\t", "\x7f", "\u2028", "\ud7ff"])
PARAM = st.one_of(
    st.text(max_size=60),
    st.builds(lambda a, c, b: a + c + b, st.text(max_size=20), CONTROL, st.text(max_size=20)),
    st.builds(lambda c: REF + c + "X", CONTROL),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.text(alphabet="0123456789-", min_size=300, max_size=3000),
)


def url_for_rule(rule: Any, value: str, enc: Any) -> str:
    """The rule's URL with `value` in every parameter, encoded by `enc`: percent-encoded (how a browser or
    an attacker sends %0d%0a), slashes kept, or raw (the test client puts it into PATH_INFO as is)."""
    return "".join(enc(value) if piece.startswith("<") else piece for piece in re.split(r"(<[^>]+>)", rule.rule))


ENCODINGS = (lambda v: quote(v, safe=""), lambda v: quote(v, safe="/"), lambda v: v)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=PARAM)
@example(value="NS-CSPR-2026-001\r\nBcc: x@evil.example")
@example(value="NS-CSPR-2026-001%0d%0a")
@example(value="\x00")
@example(value="9" * 40)
@example(value="A" * 5000)
def test_no_path_parameter_makes_a_server_error(signed_in: tuple[Env, Any, str, list[Any]], value: str) -> None:
    env, client, token, rules = signed_in
    form = {"csrf_token": token, "form": "close", "close-reason": "path test", "v": "0"}
    before = accepted(env)
    for rule in rules:
        for enc in ENCODINGS:
            try:
                url = url_for_rule(rule, value, enc)
                url.encode("utf-8")
            except UnicodeEncodeError:
                continue  # a lone surrogate cannot be sent at all
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                for c in clients(client):
                    r = c.open(url, method=method, data=form if method == "POST" else None)
                    assert r.status_code < 500, (method, url, r.status_code)
    # a command is taken only through a path naming a case's reference exactly (any letter case)
    assert accepted(env) == before or value.upper() == REF


def accepted(env: Env) -> int:
    with env.core.sessions() as s:
        return len(s.scalars(select(Event).where(Event.kind == "command_accepted")).all())
