"""Exchange Online over Microsoft Graph (app-only, client credentials): GraphInbox and GraphSender.

`graph://mailbox@domain/FOLDER`: FOLDER is `INBOX` (the well-known inbox) or a path of Inbox sub-folders
resolved by displayName. Handled mail moves to Inbox sub-folders `mail.processed_folder` /
`mail.quarantine_folder`, created when missing. Endpoints come from `mail.oauth.authority_host` and
`mail.oauth.graph_endpoint` (the replay tests point both at a local server, with `mail.ca_file`).

What is waiting is what is in the folder. A delta query tells us quickly what arrived; every id it
reports is kept in a persisted *pending* set until it is acknowledged, quarantined or reported removed,
and the deltaLink is saved only after the pending set, so a crash between "seen" and "acknowledged"
yields the message again. wait() polls the delta link every `mail.poll_seconds` (change notifications
would need a public HTTPS endpoint for Microsoft to call).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import requests

from bot.mail._http import bcc_missing_recipients, make_session, send_with_retry
from bot.mail.base import (
    InboundMail,
    MailConfigError,
    PermanentMailError,
    TransientMailError,
    aware_utc,
    poll_until,
    receipt_order,
)
from bot.mail.urls import MailboxURL, MailContext

log = logging.getLogger(__name__)

SECRET_ENV = "CSPRBOT_OAUTH_CLIENT_SECRET"
DELTA_PAGE = 50
# Token errors that a retry will not fix: wrong tenant, client id, secret or consent.
TOKEN_CONFIG_ERRORS = frozenset(
    {"invalid_client", "unauthorized_client", "invalid_request", "invalid_scope", "invalid_grant"}
)
MAILBOX_CODES = frozenset({"ErrorInvalidUser", "MailboxNotEnabledForRESTAPI", "MailboxNotSupportedForRESTAPI"})


def client_secret_from_env() -> str | None:
    """The one place the Graph adapters read the environment: the app registration's client secret."""
    return os.environ.get(SECRET_ENV) or None


def _error_code(resp: requests.Response) -> tuple[str, str]:
    try:
        err = resp.json().get("error", {})
        return str(err.get("code", "")), str(err.get("message", ""))
    except ValueError:
        return "", resp.text[:200]


class _Graph:
    """Token and HTTP for one mailbox: bounded throttling retries, one forced token refresh on 401."""

    def __init__(
        self,
        url: MailboxURL,
        ctx: MailContext,
        client_secret: str | None,
        sleep: Callable[[float], None],
    ) -> None:
        self.ctx = ctx
        self.name = url.redacted()
        if not url.user:
            raise MailConfigError(f"{self.name}: give the mailbox as graph://mailbox@domain/FOLDER")
        self.mailbox = f"{url.user}@{url.host}"
        self.user_path = f"/users/{quote(self.mailbox)}"
        oauth = ctx.settings.mail.oauth
        self.endpoint = oauth.graph_endpoint.rstrip("/")
        self._secret = client_secret or getattr(ctx, "oauth_client_secret", None) or client_secret_from_env()
        self._sleep = sleep
        self._app: Any = None
        self._token: str | None = None
        self.session = make_session(ctx.settings.mail.ca_file)

    # --- token ------------------------------------------------------------------------------
    def _fail_auth(self, why: str) -> MailConfigError:
        self.ctx.state.set_state(self.name, "last_error", f"{datetime.now(UTC).isoformat()} {why}")
        return MailConfigError(f"{self.name}: {why}")

    def token(self, *, force: bool = False) -> str:
        if self._token and not force:
            return self._token
        oauth = self.ctx.settings.mail.oauth
        if not (oauth.tenant_id and oauth.client_id and self._secret):
            raise self._fail_auth(f"mail.oauth.tenant_id, client_id and {SECRET_ENV} are all required")
        try:
            if self._app is None:
                import msal

                self._app = msal.ConfidentialClientApplication(
                    oauth.client_id,
                    client_credential=self._secret,
                    authority=f"{oauth.authority_host.rstrip('/')}/{oauth.tenant_id}",
                    # Skip the instance-discovery call to login.microsoftonline.com: the authority is
                    # configured explicitly (sovereign clouds, tests), and msal validates it by OpenID
                    # discovery anyway.
                    instance_discovery=False,
                    http_client=self.session,
                )
            if force:
                self._app.remove_tokens_for_client()  # msal would otherwise hand back the cached token
            result = self._app.acquire_token_for_client(scopes=list(oauth.scopes))
        except ValueError as exc:  # msal: OpenID discovery refused (unknown tenant, bad authority)
            raise self._fail_auth(f"token authority rejected: {exc}") from None
        except requests.RequestException as exc:
            raise TransientMailError(f"{self.name}: token endpoint unreachable: {exc}") from None
        if "access_token" not in result:
            error = str(result.get("error", "unknown"))
            desc = str(result.get("error_description", "")).splitlines()[0:1]
            why = f"token refused for mailbox {self.mailbox}: {error} {' '.join(desc)}".strip()
            if error in TOKEN_CONFIG_ERRORS:
                raise self._fail_auth(why)
            raise TransientMailError(f"{self.name}: {why}")
        self._token = str(result["access_token"])
        return self._token

    # --- requests ---------------------------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        *,
        missing_ok: bool = False,
        sending: bool = False,
        ok_statuses: tuple[int, ...] = (),
        **kwargs: Any,
    ) -> requests.Response | None:
        url = path if path.startswith("http") else self.endpoint + path
        headers = dict(kwargs.pop("headers", {}))
        resp: requests.Response | None = None
        for attempt in range(2):
            headers["Authorization"] = f"Bearer {self.token(force=attempt > 0)}"
            resp = send_with_retry(
                self.session, method, url, name=self.name, sleep=self._sleep, headers=headers, **kwargs
            )
            if resp.status_code != 401:
                break
            log.info("%s: Graph said 401 (%s); refreshing the token once", self.name, _error_code(resp)[0])
        assert resp is not None
        status = resp.status_code
        if status < 400 or status in ok_statuses:
            return resp
        code, message = _error_code(resp)
        if status == 401:
            raise self._fail_auth(f"Graph refused a fresh token for mailbox {self.mailbox}: {code} {message}")
        if status == 403:
            raise MailConfigError(
                f"{self.name}: the app may not use mailbox {self.mailbox} ({code}: {message}); it needs "
                "Mail.ReadWrite and Mail.Send application permissions, within any access policy"
            )
        if status == 404 and code in MAILBOX_CODES:
            raise MailConfigError(f"{self.name}: mailbox {self.mailbox} not found ({code}: {message})")
        if status == 404 and missing_ok:
            return None
        if status == 404:
            raise MailConfigError(f"{self.name}: {method} {path}: not found ({code}: {message})")
        if status >= 500:
            raise TransientMailError(f"{self.name}: {method} {path}: HTTP {status} {code}")
        if sending:
            raise PermanentMailError(f"{self.name}: send refused: HTTP {status} {code}: {message}")
        raise TransientMailError(f"{self.name}: {method} {path}: HTTP {status} {code}: {message}")

    def json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        resp = self.request(method, path, **kwargs)
        assert resp is not None
        data: dict[str, Any] = resp.json()
        return data

    def close(self) -> None:
        self.session.close()


def _odata_quote(value: str) -> str:
    return value.replace("'", "''")


class GraphInbox:
    """`graph://` inbox: delta query for news, a persisted pending set for safety, moves for handling."""

    def __init__(
        self,
        url: MailboxURL,
        ctx: MailContext,
        *,
        client_secret: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._g = _Graph(url, ctx, client_secret, sleep)
        self.url = url
        self.name = self._g.name
        self.ctx = ctx
        self._sleep = sleep
        self._folders: dict[str, str] = {}

    # --- folders ----------------------------------------------------------------------------
    def _child(self, parent_id: str, name: str, *, create: bool) -> str:
        base = f"{self._g.user_path}/mailFolders/{parent_id}/childFolders"
        found = self._g.json("GET", base, params={"$filter": f"displayName eq '{_odata_quote(name)}'"})
        for f in found.get("value", []):
            return str(f["id"])
        if not create:
            raise MailConfigError(f"{self.name}: folder {name!r} not found in mailbox {self._g.mailbox}")
        return str(self._g.json("POST", base, json={"displayName": name})["id"])

    def _inbox_id(self) -> str:
        if "inbox" not in self._folders:
            self._folders["inbox"] = str(self._g.json("GET", f"{self._g.user_path}/mailFolders/inbox")["id"])
        return self._folders["inbox"]

    def _watched(self) -> str:
        if "watched" not in self._folders:
            parts = [p for p in self.url.folder.split("/") if p]
            if parts and parts[0].lower() == "inbox":
                parts = parts[1:]
            fid = self._inbox_id()
            for part in parts:
                fid = self._child(fid, part, create=False)
            self._folders["watched"] = fid
        return self._folders["watched"]

    def _target(self, name: str) -> str:
        if name not in self._folders:
            self._folders[name] = self._child(self._inbox_id(), name, create=True)
        return self._folders[name]

    # --- state ------------------------------------------------------------------------------
    def _pending(self) -> dict[str, str]:
        raw = self.ctx.state.get_state(self.name, "pending")
        return dict(json.loads(raw)) if raw else {}

    def _save_pending(self, pending: dict[str, str]) -> None:
        self.ctx.state.set_state(self.name, "pending", json.dumps(pending, sort_keys=True))

    def _sync(self) -> dict[str, str]:
        """One delta round: add what arrived to the pending set, drop what left the folder."""
        initial = f"{self._g.user_path}/mailFolders/{self._watched()}/messages/delta?$select=receivedDateTime"
        link = self.ctx.state.get_state(self.name, "delta_link") or initial
        pending = self._pending()
        restarted = False
        while True:
            resp = self._g.request(
                "GET", link, headers={"Prefer": f"odata.maxpagesize={DELTA_PAGE}"}, ok_statuses=(410,)
            )
            assert resp is not None
            if resp.status_code == 410 and not restarted:
                # The sync state expired: start a fresh round, which lists the whole folder again.
                link, restarted = initial, True
                continue
            if resp.status_code == 410:
                raise TransientMailError(f"{self.name}: delta sync state keeps expiring")
            page: dict[str, Any] = resp.json()
            for entry in page.get("value", []):
                if "@removed" in entry:
                    pending.pop(str(entry["id"]), None)
                else:
                    pending[str(entry["id"])] = str(entry.get("receivedDateTime") or "")
            # Pending first, link second: a crash in between repeats a page, never skips one.
            self._save_pending(pending)
            if "@odata.nextLink" in page:
                link = str(page["@odata.nextLink"])
                continue
            if "@odata.deltaLink" in page:
                self.ctx.state.set_state(self.name, "delta_link", str(page["@odata.deltaLink"]))
            return pending

    # --- Inbox protocol ---------------------------------------------------------------------
    def check(self) -> None:
        self._watched()
        self._target(self.ctx.settings.mail.processed_folder)
        self._target(self.ctx.settings.mail.quarantine_folder)
        self._healthy()

    def fetch(self, limit: int = 100) -> Iterator[InboundMail]:
        pending = self._sync()
        # Receipt order, parsed (the text need not sort: fractions of a second, offsets other than Z), the id
        # breaking ties; sorted before the limit so a backlog is worked from its oldest message.
        waiting = sorted(((aware_utc(received), mid) for mid, received in pending.items()),
                         key=lambda entry: (receipt_order(entry[0]), entry[1]))
        for received, mid in waiting[: max(0, limit)]:
            resp = self._g.request("GET", f"{self._g.user_path}/messages/{mid}/$value", missing_ok=True)
            if resp is None:  # moved or deleted by someone else since the delta round
                self._forget(mid)
                continue
            yield InboundMail(self.name, mid, resp.content, received)
        self._healthy()

    def _forget(self, mid: str) -> None:
        pending = self._pending()
        if pending.pop(mid, None) is not None:
            self._save_pending(pending)

    def _move(self, item: InboundMail, folder_name: str) -> None:
        dest = self._target(folder_name)
        path = f"{self._g.user_path}/messages/{item.source_id}/move"
        # 404: moved already (the id changes on a move), so this is a repeat and a no-op.
        self._g.request("POST", path, json={"destinationId": dest}, missing_ok=True)
        self._forget(item.source_id)

    def acknowledge(self, item: InboundMail) -> None:
        self._move(item, self.ctx.settings.mail.processed_folder)

    def quarantine(self, item: InboundMail, reason: str) -> None:
        self._move(item, self.ctx.settings.mail.quarantine_folder)

    def wait(self, timeout: float) -> bool:
        return poll_until(lambda: bool(self._sync()), timeout, self.ctx.settings.mail.poll_seconds, self._sleep)

    def _healthy(self) -> None:
        self.ctx.state.set_state(self.name, "last_check", datetime.now(UTC).isoformat())

    def close(self) -> None:
        self._g.close()


class GraphSender:
    """`graph://` sender: POST /users/{mailbox}/sendMail with the MIME, base64, as text/plain."""

    def __init__(
        self,
        url: MailboxURL,
        ctx: MailContext,
        *,
        client_secret: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._g = _Graph(url, ctx, client_secret, sleep)
        self.name = self._g.name

    def check(self) -> None:
        self._g.json("GET", f"{self._g.user_path}/mailFolders/inbox")

    def send(self, envelope_from: str, recipients: list[str], raw: bytes, idem_key: str) -> None:
        body = base64.b64encode(bcc_missing_recipients(raw, recipients))
        self._g.request(
            "POST",
            f"{self._g.user_path}/sendMail",
            data=body,
            headers={"Content-Type": "text/plain"},
            sending=True,
        )

    def close(self) -> None:
        self._g.close()
