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
    # Graph's client secret normally comes from CSPRBOT_OAUTH_CLIENT_SECRET; tests pass it directly.
    secret: dict[str, str] = field(default_factory=dict)

    def inbox(self, url: str | None = None, **kwargs: Any) -> Inbox:
        """The adapter `open_inbox` would build for `url`, with constructor kwargs (secret, sleep)."""
        from bot.mail.urls import INBOX_SCHEMES, parse_url

        parsed = parse_url(url or self.url, INBOX_SCHEMES)
        if parsed.scheme == "ews":
            from bot.mail.ews import EwsInbox

            return EwsInbox(parsed, self.ctx, **kwargs)
        from bot.mail.graph import GraphInbox

        return GraphInbox(parsed, self.ctx, **{**self.secret, **kwargs})

    def sender(self, **kwargs: Any) -> Sender:
        from bot.mail.urls import SENDER_SCHEMES, parse_url

        parsed = parse_url(self.sender_url, SENDER_SCHEMES)
        if parsed.scheme == "ews":
            from bot.mail.ews import EwsSender

            return EwsSender(parsed, self.ctx, **kwargs)
        from bot.mail.graph import GraphSender

        return GraphSender(parsed, self.ctx, **{**self.secret, **kwargs})

    def open_inbox(self) -> Inbox:
        """Through the real factory (Graph then reads the secret from the environment)."""
        return open_inbox(self.url, self.ctx)

    def open_sender(self) -> Sender:
        return open_sender(self.sender_url, self.ctx)


@contextmanager
def ews_env(folder: Path, state: DictState | None = None, password: str = PASSWORD, **mail: Any) -> Iterator[Env]:
    """`mail` overrides MailSettings fields, e.g. poll_seconds=60 to tell a pushed wake-up from a poll."""
    mailbox = Mailbox(MAILBOX)
    app = EwsReplay(mailbox, MAILBOX, PASSWORD)
    with ReplayServer(app, folder) as server:
        settings = _settings(**{"auth": "basic", "ca_file": str(server.certfile), "poll_seconds": 0.05, **mail})
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
        yield Env(server, app, mailbox, ctx, url, f"graph://{MAILBOX}/", {"client_secret": SECRET})


@dataclass
class ContractHarness:
    """What the contract suite (tests/contract/kinds/<kind>.py) drives: an inbox over a replay server.

    Ids are Message-ID header values: Exchange gives an item a new id when it moves, so the header is
    the one id that survives acknowledge/quarantine on every backend.
    """

    env: Env
    inbox: Inbox

    def deliver(self, raw: bytes) -> str:
        self.env.mailbox.deliver(raw)
        return _message_id(raw)

    def _ids(self, folder: str) -> list[str]:
        return [_message_id(self.env.mailbox.items[i].mime) for i in self.env.mailbox.folder_path_ids(folder)]

    def processed_ids(self) -> list[str]:
        return self._ids(self.env.ctx.settings.mail.processed_folder)

    def quarantined_ids(self) -> list[str]:
        return self._ids(self.env.ctx.settings.mail.quarantine_folder)

    def processed_raw(self) -> list[bytes]:
        folder = self.env.ctx.settings.mail.processed_folder
        return [self.env.mailbox.items[i].mime for i in self.env.mailbox.folder_path_ids(folder)]

    def waiting_ids(self) -> list[str]:
        inbox_id = self.env.mailbox.well_known("inbox").id
        return [_message_id(i.mime) for i in self.env.mailbox.in_folder(inbox_id)]

    def reopen(self) -> Inbox:
        """A fresh adapter over the same server and StateStore (a restart after a crash)."""
        self.inbox = self.env.inbox()
        return self.inbox


def _message_id(raw: bytes) -> str:
    from email import message_from_bytes

    return str(message_from_bytes(raw).get("Message-ID", "")).strip()


@contextmanager
def contract_harness(kind: str, folder: Path) -> Iterator[ContractHarness]:
    factory = ews_env if kind == "ews" else graph_env
    with factory(Path(folder)) as env:
        harness = ContractHarness(env, env.inbox())
        try:
            yield harness
        finally:
            harness.inbox.close()
