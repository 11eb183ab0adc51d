"""The web view served for real (waitress threads over the store) and a plain HTTP agent for it.

Cookies are kept by hand: the session cookie is Secure, and `requests` would not send it back over
http://127.0.0.1. `at_once` fires copies of one request from several threads released together by a
barrier, as several tabs (or a double click, or an attacker) would.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

import requests
from browser import wait_for
from conftest import Env, csrf, signin_link

from bot.web.server import WebServer


@contextmanager
def served(env: Env) -> Iterator[str]:
    server = WebServer(env.core, host="127.0.0.1", port=0)
    server.start()
    try:
        yield server.url
    finally:
        server.close()


class Agent:
    def __init__(self, base: str) -> None:
        self.base, self.cookies = base, dict[str, str]()

    def header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    def open(self, method: str, path: str, data: dict[str, Any] | None = None) -> requests.Response:
        r = requests.request(method, self.base + path, data=data, headers=self.header(), allow_redirects=False,
                             timeout=60)
        for raw in r.raw.headers.getlist("Set-Cookie"):
            name, _, value = raw.split(";", 1)[0].partition("=")
            if value:
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        return r

    def get(self, path: str) -> requests.Response:
        return self.open("GET", path)

    def post(self, path: str, data: dict[str, Any] | None = None) -> requests.Response:
        return self.open("POST", path, data)

    def token(self, path: str = "/cases") -> str:
        r = self.get(path)
        assert r.status_code == 200, (path, r.status_code)
        return csrf(r.text)

    def at_once(self, n: int, path: str, data: dict[str, Any]) -> list[requests.Response]:
        """`n` copies of one POST (same session, same CSRF token) sent together from `n` threads."""
        barrier = threading.Barrier(n)
        out: list[requests.Response | BaseException] = [RuntimeError("not run")] * n
        header = self.header()

        def one(i: int) -> None:
            barrier.wait()
            try:
                out[i] = requests.post(self.base + path, data=data, headers=header, allow_redirects=False,
                                       timeout=120)
            except BaseException as exc:
                out[i] = exc

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        got = [r for r in out if isinstance(r, requests.Response)]
        assert len(got) == n, [r for r in out if not isinstance(r, requests.Response)]
        return got


def live_sign_in(env: Env, base: str, address: str) -> Agent:
    """Sign in over HTTP through the link mailed to `address` (read from the Maildir outbox)."""
    agent = Agent(base)
    before = signin_link(env.root, address)
    r = agent.post("/signin", {"address": address, "csrf_token": agent.token("/signin")})
    assert r.status_code == 200, r.text

    def mailed() -> str | None:
        env.core.deliver()
        link = signin_link(env.root, address)
        return link if link != before else None

    parts = urlsplit(wait_for(mailed, what=f"a sign-in link for {address}"))
    token = parts.query.split("=", 1)[1]
    r = agent.post("/signin/link", {"t": token, "csrf_token": agent.token(f"{parts.path}?{parts.query}")})
    assert r.status_code == 303 and r.headers["Location"].endswith("/cases"), r.text
    return agent
