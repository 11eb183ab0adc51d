"""Shared bits of the Exchange adapters: bounded retry of throttled HTTP calls, and envelope recipients.

Graph answers throttling with 429 (or 503/504) and a Retry-After in seconds; we honour it a few times,
capped, then give up with TransientMailError so the scheduler's own backoff takes over instead of one
call blocking the loop for minutes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from email import message_from_bytes, policy
from email.utils import getaddresses
from typing import Any

import requests

from bot.mail.base import TransientMailError

RETRY_STATUSES = frozenset({429, 503, 504})
MAX_ATTEMPTS = 4
MAX_WAIT = 30.0  # never sleep longer than this inside one call: the loop has other mailboxes to serve


def retry_after(resp: requests.Response, attempt: int) -> float:
    """Seconds to wait: the server's Retry-After when given (seconds form), else 1, 2, 4 … capped."""
    value = resp.headers.get("Retry-After", "")
    try:
        wait = float(value)
    except ValueError:
        wait = float(2**attempt)
    return max(0.0, min(wait, MAX_WAIT))


def send_with_retry(
    session: requests.Session,
    method: str,
    url: str,
    *,
    name: str,
    sleep: Callable[[float], None] = time.sleep,
    **kwargs: Any,
) -> requests.Response:
    """One HTTP call with bounded retries on throttling and connection errors; other statuses returned."""
    kwargs.setdefault("timeout", 60)
    last = ""
    for attempt in range(MAX_ATTEMPTS):
        try:
            resp = session.request(method, url, **kwargs)
        except (requests.ConnectionError, requests.Timeout) as exc:
            last = f"connection failed: {exc.__class__.__name__}"
            sleep(min(float(2**attempt), MAX_WAIT))
            continue
        if resp.status_code not in RETRY_STATUSES:
            return resp
        last = f"HTTP {resp.status_code} (throttled or unavailable)"
        if attempt + 1 < MAX_ATTEMPTS:
            sleep(retry_after(resp, attempt))
    raise TransientMailError(f"{name}: {method} gave up after {MAX_ATTEMPTS} attempts: {last}")


def bcc_missing_recipients(raw: bytes, recipients: list[str]) -> bytes:
    """Exchange sends MIME to the addresses in its headers only; an envelope recipient absent from
    To/Cc/Bcc (a blind copy) is added as a Bcc header, which Exchange strips on delivery."""
    msg = message_from_bytes(raw, policy=policy.compat32)
    present = {a.lower() for _, a in getaddresses([str(v) for h in ("To", "Cc", "Bcc") for v in msg.get_all(h, [])])}
    missing = [r for r in recipients if r.lower() not in present]
    if not missing:
        return raw
    return f"Bcc: {', '.join(missing)}\r\n".encode() + raw


class _PinnedVerifySession(requests.Session):
    """A Session whose `verify` wins over REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE in the environment
    (plain requests lets the environment override session.verify); proxies still come from it."""

    def merge_environment_settings(self, url: Any, proxies: Any, stream: Any, verify: Any, cert: Any) -> Any:
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if self.verify is not True and verify in (None, True):
            settings["verify"] = self.verify
        return settings


def make_session(ca_file: str | None) -> requests.Session:
    """An HTTP session trusting `ca_file` (mail.ca_file) when given, else the default bundle."""
    session = _PinnedVerifySession()
    if ca_file:
        session.verify = ca_file
    return session
