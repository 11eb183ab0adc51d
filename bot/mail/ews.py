"""On-prem Exchange over EWS (exchangelib): EwsInbox watches one folder, EwsSender sends MIME as-is.

`ews://user@host[:port]/FOLDER` talks to `https://host[:port]/EWS/Exchange.asmx` with autodiscover off
and delegate access. Query parameters: `mailbox=` the SMTP address when the login name is not one
(e.g. `ews://NSSCP%5Csvc-csprbot@mail.example.gov.uk/Inbox?mailbox=csprbot@example.gov.uk`);
`endpoint=` a full service URL when EWS is published elsewhere (plain `http://` only for loopback hosts:
the replay tests use it with https). FOLDER is `INBOX` (the default) or a path of sub-folders of the
Inbox (`Referrals` or `Inbox/Referrals`). Processed and quarantined mail moves to Inbox sub-folders named
by `mail.processed_folder` / `mail.quarantine_folder`, created when missing.

wait() polls (one FindItem of at most one id every `mail.poll_seconds`): EWS streaming notifications
would save little at a 30-second poll and need a long-lived second connection per mailbox.
exchangelib types stay inside this module.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

import requests.adapters

from bot.mail._http import bcc_missing_recipients
from bot.mail.base import (
    InboundMail,
    MailConfigError,
    MailError,
    PermanentMailError,
    TransientMailError,
    poll_until,
)
from bot.mail.urls import MailboxURL, MailContext

log = logging.getLogger(__name__)
R = TypeVar("R")

EWS_PATH = "/EWS/Exchange.asmx"
BUSY_ATTEMPTS = 3
MAX_BACKOFF = 30.0  # seconds; a longer BackOffMilliseconds becomes TransientMailError for the scheduler
FETCH_BATCH = 10  # GetItem ids per request: MIME of a referral with attachments can be megabytes

# Error codes (exchangelib exception class names) that mean "the config is wrong".
CONFIG_ERRORS = frozenset(
    {
        "UnauthorizedError",
        "ErrorNonExistentMailbox",
        "ErrorAccessDenied",
        "ErrorImpersonateUserDenied",
        "ErrorFolderNotFound",
        "ErrorInvalidSmtpAddress",
        "ErrorMailboxConfiguration",
        "AutoDiscoverFailed",
    }
)
# Errors about one outbound message that retrying will not fix.
PERMANENT_SEND_ERRORS = frozenset(
    {
        "ErrorInvalidRecipients",
        "ErrorMessageSizeExceeded",
        "ErrorSendAsDenied",
        "ErrorMimeContentConversionFailed",
        "ErrorMimeContentInvalid",
        "ErrorInvalidSmtpAddress",
    }
)

# --- a private CA bundle for exchangelib ------------------------------------------------------
# exchangelib builds its HTTP sessions itself; the one hook is the class attribute
# BaseProtocol.HTTP_ADAPTER_CLS. We install an adapter that swaps in `mail.ca_file` only for the
# endpoints registered here, so other exchangelib users in the process are unaffected.
_CA_FILES: dict[str, str] = {}
_CA_LOCK = threading.Lock()


class _CaFileAdapter(requests.adapters.HTTPAdapter):
    def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        url = str(request.url or "")
        for prefix, ca_file in _CA_FILES.items():
            # requests passes True or its default bundle path; False means the caller opted out.
            if url.startswith(prefix) and kwargs.get("verify", True) is not False:
                kwargs["verify"] = ca_file
        return super().send(request, *args, **kwargs)


def _register_ca_file(endpoint: str, ca_file: str) -> None:
    from exchangelib.protocol import BaseProtocol

    with _CA_LOCK:
        _CA_FILES[endpoint] = ca_file
        cls = BaseProtocol.HTTP_ADAPTER_CLS
        if cls is requests.adapters.HTTPAdapter:
            BaseProtocol.HTTP_ADAPTER_CLS = _CaFileAdapter
        elif cls is not _CaFileAdapter:
            log.warning("exchangelib HTTP adapter already customised (%s): mail.ca_file not applied", cls)


def service_endpoint(url: MailboxURL) -> str:
    """The EWS URL for `url`: `?endpoint=` when given, else https://host[:port]/EWS/Exchange.asmx."""
    override = url.params.get("endpoint")
    if override:
        if override.startswith("http://") and not url.is_loopback:
            raise MailConfigError(f"{url.redacted()}: endpoint=http:// is accepted for loopback hosts only")
        if not override.startswith(("https://", "http://")):
            raise MailConfigError(f"{url.redacted()}: endpoint= must be an https:// URL")
        return override
    port = f":{url.port}" if url.port else ""
    return f"https://{url.host}{port}{EWS_PATH}"


def _error_name(exc: BaseException) -> str:
    return type(exc).__name__


class _Ews:
    """One exchangelib Account for an inbox or a sender, created on first use; every call goes
    through `call`, which retries ErrorServerBusy a few times and maps exceptions to ours."""

    def __init__(self, url: MailboxURL, ctx: MailContext, password: str | None, sleep: Callable[[float], None]) -> None:
        self.url = url
        self.ctx = ctx
        self.name = url.redacted()
        self._password = password
        self._sleep = sleep
        self._account: Any = None
        self.smtp = url.params.get("mailbox") or url.user or ""
        if "@" not in self.smtp:
            raise MailConfigError(f"{self.name}: give the mailbox SMTP address as the user or ?mailbox=")
        self.endpoint = service_endpoint(url)

    def account(self) -> Any:
        if self._account is None:
            from exchangelib import BASIC, DELEGATE, NTLM, Account, Configuration, Credentials, FailFast

            mail = self.ctx.settings.mail
            if mail.auth not in ("ntlm", "basic"):
                raise MailConfigError(f"{self.name}: mail.auth must be 'ntlm' or 'basic' for ews://")
            if not self._password:
                raise MailConfigError(f"{self.name}: no password (CSPRBOT_INBOX_PASSWORD / _SENDER_PASSWORD)")
            if mail.ca_file:
                _register_ca_file(self.endpoint, mail.ca_file)
            config = Configuration(
                service_endpoint=self.endpoint,
                credentials=Credentials(self.url.user or self.smtp, self._password),
                auth_type=NTLM if mail.auth == "ntlm" else BASIC,
                # Fail fast: we do the (bounded) retrying, so a throttled server never blocks the loop
                # for exchangelib's default of up to an hour.
                retry_policy=FailFast(),
            )
            self._account = Account(
                primary_smtp_address=self.smtp,
                config=config,
                autodiscover=False,
                access_type=DELEGATE,
                default_timezone=_utc(),
            )
        return self._account

    def call(self, what: str, fn: Callable[[], R], *, sending: bool = False) -> R:
        for attempt in range(BUSY_ATTEMPTS):
            try:
                return fn()
            except MailError:
                raise
            except Exception as exc:
                back_off = getattr(exc, "back_off", None)
                if _error_name(exc) == "ErrorServerBusy" and attempt + 1 < BUSY_ATTEMPTS:
                    wait = float(back_off) if back_off else float(2**attempt)
                    if wait <= MAX_BACKOFF:
                        log.info("%s: %s throttled, backing off %.1fs", self.name, what, wait)
                        self._sleep(wait)
                        continue
                raise self.map_error(what, exc, sending=sending) from exc
        raise AssertionError("unreachable")

    def map_error(self, what: str, exc: BaseException, *, sending: bool = False) -> MailError:
        name = _error_name(exc)
        detail = f"{self.name}: {what}: {name}: {exc}"
        if name in CONFIG_ERRORS:
            if name == "UnauthorizedError":
                detail = f"{self.name}: login refused for mailbox {self.smtp} (check user and password)"
            return MailConfigError(detail)
        if sending and name in PERMANENT_SEND_ERRORS:
            return PermanentMailError(detail)
        # Throttling past our patience, connection trouble, timeouts, store moves, and anything
        # unexpected: retry later. The scheduler backs off; nothing has been acknowledged.
        return TransientMailError(detail)

    def close(self) -> None:
        if self._account is not None:
            self._account.protocol.close()
            self._account = None


def _utc() -> Any:
    from exchangelib import UTC as EWS_UTC

    return EWS_UTC


class EwsInbox:
    """`ews://`: every message in the watched folder is waiting; handled ones move to Inbox sub-folders."""

    def __init__(
        self,
        url: MailboxURL,
        ctx: MailContext,
        *,
        password: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._ews = _Ews(url, ctx, password or ctx.inbox_password, sleep)
        self.name = self._ews.name
        self.ctx = ctx
        self._sleep = sleep
        self._folders: dict[str, Any] = {}

    # --- folders ----------------------------------------------------------------------------
    def _watched(self) -> Any:
        if "watched" not in self._folders:
            parts = [p for p in self._ews.url.folder.split("/") if p]
            if parts and parts[0].lower() == "inbox":
                parts = parts[1:]

            def resolve() -> Any:
                folder = self._ews.account().inbox
                for part in parts:
                    folder = folder // part  # one shallow FindFolder; no walk of the whole tree
                return folder

            self._folders["watched"] = self._ews.call("open folder", resolve)
        return self._folders["watched"]

    def _target(self, name: str) -> Any:
        if name not in self._folders:

            def find_or_create() -> Any:
                from exchangelib import Folder
                from exchangelib.errors import ErrorFolderNotFound

                inbox = self._ews.account().inbox
                try:
                    return inbox // name
                except ErrorFolderNotFound:
                    folder = Folder(parent=inbox, name=name)
                    folder.save()
                    return folder

            self._folders[name] = self._ews.call(f"open folder {name}", find_or_create)
        return self._folders[name]

    # --- Inbox protocol ---------------------------------------------------------------------
    def check(self) -> None:
        self._watched()
        self._target(self.ctx.settings.mail.processed_folder)
        self._target(self.ctx.settings.mail.quarantine_folder)
        self._healthy()

    def _ids(self, limit: int) -> list[str]:
        folder = self._watched()

        def find() -> list[str]:
            qs = folder.all().order_by("datetime_received").only("datetime_received")
            return [item.id for item in qs[:limit]]

        return self._ews.call("list", find)

    def fetch(self, limit: int = 100) -> Iterator[InboundMail]:
        ids = self._ids(limit)
        for start in range(0, len(ids), FETCH_BATCH):
            batch = ids[start : start + FETCH_BATCH]

            def get(batch: list[str] = batch) -> list[Any]:
                account = self._ews.account()
                return list(account.fetch(ids=[(i, None) for i in batch], only_fields=["mime_content"]))

            for item_id, got in zip(batch, self._ews.call("fetch", get), strict=True):
                if isinstance(got, Exception):
                    if _error_name(got) == "ErrorItemNotFound":
                        continue  # moved by someone else since the listing
                    raise self._ews.map_error("fetch", got)
                raw = got.mime_content
                yield InboundMail(self.name, item_id, raw if isinstance(raw, bytes) else str(raw).encode())
        self._healthy()

    def _move(self, item: InboundMail, folder_name: str) -> None:
        target = self._target(folder_name)

        def move() -> list[Any]:
            return list(self._ews.account().bulk_move(ids=[(item.source_id, None)], to_folder=target))

        for res in self._ews.call(f"move to {folder_name}", move):
            if isinstance(res, Exception) and _error_name(res) != "ErrorItemNotFound":
                raise self._ews.map_error(f"move to {folder_name}", res)
            # ErrorItemNotFound: moved already (the id changes on a move), so this is a repeat.

    def acknowledge(self, item: InboundMail) -> None:
        self._move(item, self.ctx.settings.mail.processed_folder)

    def quarantine(self, item: InboundMail, reason: str) -> None:
        self._move(item, self.ctx.settings.mail.quarantine_folder)

    def wait(self, timeout: float) -> bool:
        return poll_until(lambda: bool(self._ids(1)), timeout, self.ctx.settings.mail.poll_seconds, self._sleep)

    def _healthy(self) -> None:
        self.ctx.state.set_state(self.name, "last_check", datetime.now(UTC).isoformat())

    def close(self) -> None:
        self._folders.clear()
        self._ews.close()


class EwsSender:
    """`ews://` sender: CreateItem with the MIME and MessageDisposition=SendOnly (no draft is saved, so
    a crash cannot leave a half-sent draft behind; the Message-ID in the MIME is kept)."""

    def __init__(
        self,
        url: MailboxURL,
        ctx: MailContext,
        *,
        password: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._ews = _Ews(url, ctx, password or ctx.sender_password, sleep)
        self.name = self._ews.name

    def check(self) -> None:
        self._ews.call("open mailbox", lambda: self._ews.account().inbox)

    def send(self, envelope_from: str, recipients: list[str], raw: bytes, idem_key: str) -> None:
        mime = bcc_missing_recipients(raw, recipients)

        def send() -> None:
            from exchangelib import Message

            account = self._ews.account()
            Message(account=account, mime_content=mime).send(save_copy=False)

        self._ews.call("send", send, sending=True)

    def close(self) -> None:
        self._ews.close()
