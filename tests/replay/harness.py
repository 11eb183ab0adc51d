"""Ready-made replay environments for tests: a server, its mailbox model, settings and a MailContext.

`ews_env(folder)` / `graph_env(folder)` are context managers; `.inbox()` / `.sender()` open adapters
through the real `open_inbox` / `open_sender` with the URLs a deployment would write. The test hooks
are only these: the URL's host:port (127.0.0.1 and the server's port), `mail.ca_file` = the server's
self-signed certificate, `mail.auth = "basic"` (EWS), and for Graph `mail.oauth.authority_host` /
`graph_endpoint` pointed at the server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.mail.base import Inbox, Sender
from bot.mail.urls import MailContext, open_inbox, open_sender
from bot.settings import Settings, load_settings
from tests.replay.ews_server import EwsReplay
from tests.replay.graph_server import GraphReplay
from tests.replay.mailbox import Mailbox
from tests.replay.server import ReplayServer

MAILBOX = "csprbot@nsscp.example.gov.uk"
PASSWORD = "Correct-Horse-42"
TENANT = "4f2b1c3d-0000-4000-8000-00000000c5b0"
CLIENT_ID = "9a8b7c6d-0000-4000-8000-0000000000a1"
SECRET = "s3cr3t~value"


@dataclass
class DictState:
    """A dict-backed StateStore, as the app's database-backed one behaves."""

    data: dict[tuple[str, str], str] = field(default_factory=dict)

    def get_state(self, mailbox: str, key: str) -> str | None:
        return self.data.get((mailbox, key))

    def set_state(self, mailbox: str, key: str, value: str) -> None:
        self.data[(mailbox, key)] = value


def _settings(**mail: Any) -> Settings:
    base = load_settings(env={})
    oauth = mail.pop("oauth", None)
    new_mail = base.mail.model_copy(update=mail)
    if oauth:
        new_mail = new_mail.model_copy(update={"oauth": base.mail.oauth.model_copy(update=oauth)})
    return base.model_copy(update={"mail": new_mail})


@dataclass
class Env:
    server: ReplayServer
    app: Any
    mailbox: Mailbox
    ctx: MailContext
    url: str
    sender_url: str

    def inbox(self, url: str | None = None, **kwargs: Any) -> Inbox:
        return open_inbox(url or self.url, self.ctx) if not kwargs else self._direct(url, **kwargs)

    def _direct(self, url: str | None, **kwargs: Any) -> Inbox:
        from bot.mail.urls import INBOX_SCHEMES, parse_url

        parsed = parse_url(url or self.url, INBOX_SCHEMES)
        if parsed.scheme == "ews":
            from bot.mail.ews import EwsInbox

            return EwsInbox(parsed, self.ctx, **kwargs)
        from bot.mail.graph import GraphInbox

        return GraphInbox(parsed, self.ctx, **kwargs)

    def sender(self) -> Sender:
        return open_sender(self.sender_url, self.ctx)


@contextmanager
def ews_env(folder: Path, state: DictState | None = None, password: str = PASSWORD) -> Iterator[Env]:
    mailbox = Mailbox(MAILBOX)
    app = EwsReplay(mailbox, MAILBOX, PASSWORD)
    with ReplayServer(app, folder) as server:
        settings = _settings(auth="basic", ca_file=str(server.certfile), poll_seconds=0.05)
        ctx = MailContext(settings, state or DictState(), inbox_password=password, sender_password=password)
        user = MAILBOX.replace("@", "%40")
        url = f"ews://{user}@127.0.0.1:{server.port}/INBOX"
        yield Env(server, app, mailbox, ctx, url, f"ews://{user}@127.0.0.1:{server.port}/")


@contextmanager
def graph_env(folder: Path, state: DictState | None = None) -> Iterator[Env]:
    mailbox = Mailbox(MAILBOX)
    app = GraphReplay(mailbox, TENANT, CLIENT_ID, SECRET)
    with ReplayServer(app, folder) as server:
        app.base = server.base
        settings = _settings(
            auth="oauth",
            ca_file=str(server.certfile),
            poll_seconds=0.05,
            oauth={
                "tenant_id": TENANT,
                "client_id": CLIENT_ID,
                "authority_host": server.base,
                "graph_endpoint": server.base + "/v1.0",
            },
        )
        ctx = MailContext(settings, state or DictState())
        url = f"graph://{MAILBOX}/INBOX"
        env = Env(server, app, mailbox, ctx, url, f"graph://{MAILBOX}/")
        yield env
