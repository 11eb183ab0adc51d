"""On-prem Exchange over EWS (exchangelib): EwsInbox watches one folder, EwsSender sends MIME as-is.

`ews://user@host[:port]/FOLDER` talks to `https://host[:port]/EWS/Exchange.asmx` with autodiscover off
and delegate access. Query parameters: `mailbox=` the SMTP address when the login name is not one
(e.g. `ews://NSSCP%5Csvc-csprbot@mail.example.gov.uk/Inbox?mailbox=csprbot@example.gov.uk`);
`endpoint=` a full service URL when EWS is published elsewhere (plain `http://` only for loopback hosts:
the replay tests use it with https). FOLDER is `INBOX` (the default) or a path of sub-folders of the
Inbox (`Referrals` or `Inbox/Referrals`). Processed and quarantined mail moves to Inbox sub-folders named
by `mail.processed_folder` / `mail.quarantine_folder`, created when missing.

wait() is push where the server allows it, polling where it does not, in this order:

1. Streaming notifications (Exchange 2010 SP1 and later). On the first wait() a background thread
   subscribes to the watched folder (NewMailEvent, CreatedEvent, MovedEvent), then checks once for mail
   already waiting (so a message that landed between the last fetch and the subscription is not missed),
   then holds a GetStreamingEvents request open. New mail wakes wait() at once. Each request asks for a
   ConnectionTimeout of `mail.idle_renew_seconds` in whole minutes (1 to 30; Exchange's limit is 30) and
   is re-issued on the same subscription when the server closes it, so events between requests queue on
   the server. A subscription the server has lost (ErrorInvalidSubscription, ErrorSubscriptionNotFound,
   ErrorExpiredSubscription) is re-created, followed by the same check. Other errors (connection dropped,
   throttling) re-subscribe after a back-off; wait() polls meanwhile.
2. Polling: one FindItem of at most one id every `mail.poll_seconds` (base.poll_until), whenever the
   stream is not up: while it starts, while it reconnects, and for good when the server refuses streaming
   (older than 2010 SP1, or Subscribe answered ErrorInvalidRequest and the like: streaming is retried
   after an hour, in case an administrator enables it).

Pull subscriptions are deliberately not a middle step: GetEvents does not block, so a pull client makes one
request per `poll_seconds` exactly as polling does, plus a subscription and watermark to keep alive and
lose. Polling a FindItem reads the folder's state and cannot miss an event. The stream needs a second
HTTP connection per mailbox (exchangelib's pool is raised to 2 for this endpoint); Unsubscribe on close().
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
    aware_utc,
    receipt_order,
)
from bot.mail.urls import MailboxURL, MailContext

log = logging.getLogger(__name__)
R = TypeVar("R")

EWS_PATH = "/EWS/Exchange.asmx"
BUSY_ATTEMPTS = 3
MAX_BACKOFF = 30.0  # seconds; a longer BackOffMilliseconds becomes TransientMailError for the scheduler
FETCH_BATCH = 10  # GetItem ids per request: MIME of a referral with attachments can be megabytes
STREAM_MAX_MINUTES = 30  # Exchange refuses a GetStreamingEvents ConnectionTimeout above 30 minutes
STREAM_RETRY_AFTER = 3600.0  # seconds before trying streaming again after the server refused it
STREAM_MAX_BACKOFF = 300.0  # seconds; re-subscribe back-off after connection trouble
STREAM_CONNECTIONS = 2  # one held by GetStreamingEvents, one for fetch/move while it is open

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
# The server (version, configuration or policy) will not do streaming notifications: poll instead.
STREAMING_UNSUPPORTED = frozenset(
    {
        "ErrorInvalidRequest",
        "ErrorInvalidServerVersion",
        "ErrorIncorrectSchemaVersion",
        "ErrorInvalidSchemaVersionForMailboxVersion",
        "ErrorSchemaValidation",
        "ErrorInvalidSubscriptionRequest",
        "ErrorExceededSubscriptionCount",
        "NotImplementedError",
    }
)
# The server no longer knows our subscription: subscribe again (and look for mail missed meanwhile).
SUBSCRIPTION_GONE = frozenset(
    {
        "ErrorInvalidSubscription",
        "ErrorSubscriptionNotFound",
        "ErrorExpiredSubscription",
        "ErrorMissedNotificationEvents",
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


def _root_name(exc: BaseException) -> str:
    """The exchangelib error behind one of ours (MailError raised `from` it), else the error's own name."""
    while isinstance(exc, MailError) and exc.__cause__ is not None:
        exc = exc.__cause__
    return _error_name(exc)


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


def _received(item: Any) -> datetime | None:
    """An item's datetime_received as an aware UTC datetime, None when the server sent none."""
    when = getattr(item, "datetime_received", None)
    if isinstance(when, datetime) and when.tzinfo is not None:
        # exchangelib's EWSDateTime refuses astimezone() to a stdlib zone: go through the instant.
        return datetime.fromtimestamp(when.timestamp(), UTC)
    return aware_utc(when if isinstance(when, datetime) else None)


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
        self._stream: _Stream | None = None

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

    def _listed(self, limit: int) -> list[tuple[str, datetime | None]]:
        """The oldest `limit` waiting items with their receipt time, in receipt order. The server sorts
        by datetime_received before it cuts the list (a backlog is worked oldest first); items received in
        the same second come in no defined order, so the id breaks ties here, as every adapter does."""
        folder = self._watched()

        def find() -> list[tuple[str, datetime | None]]:
            qs = folder.all().order_by("datetime_received").only("datetime_received")
            return [(item.id, _received(item)) for item in qs[:limit]]

        listed = self._ews.call("list", find)
        return sorted(listed, key=lambda entry: (receipt_order(entry[1]), entry[0]))

    def _ids(self, limit: int) -> list[str]:
        return [item_id for item_id, _ in self._listed(limit)]

    def fetch(self, limit: int = 100) -> Iterator[InboundMail]:
        listed = self._listed(limit)
        ids = [item_id for item_id, _ in listed]
        listed_at = dict(listed)
        for start in range(0, len(ids), FETCH_BATCH):
            batch = ids[start : start + FETCH_BATCH]

            def get(batch: list[str] = batch) -> list[Any]:
                account = self._ews.account()
                return list(account.fetch(ids=[(i, None) for i in batch],
                                          only_fields=["mime_content", "datetime_received"]))

            for item_id, got in zip(batch, self._ews.call("fetch", get), strict=True):
                if isinstance(got, Exception):
                    if _error_name(got) == "ErrorItemNotFound":
                        continue  # moved by someone else since the listing
                    raise self._ews.map_error("fetch", got)
                raw = got.mime_content
                yield InboundMail(self.name, item_id, raw if isinstance(raw, bytes) else str(raw).encode(),
                                  _received(got) or listed_at.get(item_id))
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
        """True when new mail may be waiting: pushed by the notification stream, or found by a poll while
        the stream is not up (see the module docstring); False when `timeout` seconds pass first."""
        deadline = time.monotonic() + timeout
        interval = self.ctx.settings.mail.poll_seconds
        if self._stream is None:
            self._stream = _Stream(self, self._watched())
        return self._stream.wait(deadline, lambda: bool(self._ids(1)), interval)

    def _healthy(self) -> None:
        self.ctx.state.set_state(self.name, "last_check", datetime.now(UTC).isoformat())

    def close(self) -> None:
        if self._stream is not None:
            self._stream.stop()
            self._stream = None
        self._folders.clear()
        self._ews.close()


class _Stream:
    """The push half of EwsInbox.wait(): a daemon thread keeps one streaming subscription on the watched
    folder and raises `pending` when mail may be waiting; wait() sleeps on it, or polls while it is down."""

    def __init__(self, inbox: EwsInbox, folder: Any) -> None:
        self._inbox = inbox
        self._folder = folder
        self.name = inbox.name
        renew = inbox.ctx.settings.mail.idle_renew_seconds
        self.minutes = max(1, min(STREAM_MAX_MINUTES, int(renew // 60)))  # ConnectionTimeout, whole minutes
        self._cond = threading.Condition()
        self._pending = False  # new mail may be waiting: wait() returns True and clears it
        self._live = False  # subscribed and reading the stream: wait() need not poll
        # Until the first subscribe succeeds or fails, wait() neither polls nor trusts the stream: the thread
        # looks for waiting mail right after subscribing, and a second look from here would only duplicate it.
        self._starting = True
        self._stopped = False
        self._sub_id: str | None = None
        self._thread = threading.Thread(target=self._run, name=f"ews-stream {self.name}", daemon=True)
        self._thread.start()

    # --- the caller's side ------------------------------------------------------------------
    def wait(self, deadline: float, poll: Callable[[], bool], interval: float) -> bool:
        next_poll = time.monotonic()  # poll at once if the stream is down
        while True:
            with self._cond:
                while True:
                    if self._pending:
                        self._pending = False
                        return True
                    now = time.monotonic()
                    polling = not self._live and not self._starting
                    if polling and now >= next_poll:
                        break  # poll, outside the lock
                    if now >= deadline:
                        return False
                    self._cond.wait((min(deadline, next_poll) if polling else deadline) - now)
            if poll():
                return True
            next_poll = time.monotonic() + interval

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._unsubscribe()  # Exchange ends the open GetStreamingEvents response, so the thread exits
        self._thread.join(timeout=5.0)

    # --- the thread -------------------------------------------------------------------------
    def _run(self) -> None:
        backoff, gone_streak = 1.0, 0
        try:
            if not self._supported():
                log.info("%s: server older than Exchange 2010 SP1: polling every %ss", self.name, self._poll_s())
                return
            while not self._stopping():
                try:
                    if self._sub_id is None:
                        self._subscribe()
                    self._set_live(True)
                    self._listen()
                    backoff, gone_streak = 1.0, 0
                except Exception as exc:
                    self._set_live(False)
                    if self._stopping():
                        return
                    name = _root_name(exc)
                    if name in SUBSCRIPTION_GONE:
                        self._sub_id = None
                        gone_streak += 1
                        log.info("%s: notification subscription lost (%s): subscribing again", self.name, name)
                        if gone_streak > 1:  # lost again at once: do not spin
                            self._pause(backoff)
                            backoff = min(backoff * 2, STREAM_MAX_BACKOFF)
                    elif name in STREAMING_UNSUPPORTED:
                        self._unsubscribe()  # refused mid-way (e.g. GetStreamingEvents): do not leave it behind
                        log.warning(
                            "%s: streaming notifications refused (%s): polling every %ss, trying again in %.0f min",
                            self.name, name, self._poll_s(), STREAM_RETRY_AFTER / 60,
                        )  # fmt: skip
                        self._pause(STREAM_RETRY_AFTER)
                    else:
                        wait = max(backoff, float(getattr(exc, "back_off", None) or 0))
                        log.warning(
                            "%s: notification stream failed (%s: %s): polling, reconnecting in %.0fs",
                            self.name, name, exc, wait,
                        )  # fmt: skip
                        self._pause(wait)
                        backoff = min(backoff * 2, STREAM_MAX_BACKOFF)
        except Exception:  # a bug here must not leave wait() believing in a dead stream
            log.exception("%s: notification thread failed; polling from now on", self.name)
        finally:
            self._set_live(False)
            self._unsubscribe()

    def _supported(self) -> bool:
        from exchangelib.version import EXCHANGE_2010_SP1

        account = self._inbox._ews.account()
        protocol = account.protocol
        if (protocol.max_connections or 1) < STREAM_CONNECTIONS:
            protocol.max_connections = STREAM_CONNECTIONS  # the stream holds one; fetch and move use another
        return bool(account.version.build >= EXCHANGE_2010_SP1)

    def _subscribe(self) -> None:
        from exchangelib.properties import CreatedEvent, MovedEvent, NewMailEvent

        events = [NewMailEvent.ELEMENT_NAME, CreatedEvent.ELEMENT_NAME, MovedEvent.ELEMENT_NAME]
        sub_id = self._folder.subscribe_to_streaming(event_types=events)
        with self._cond:
            self._sub_id = str(sub_id)
        log.info("%s: streaming notifications on (%d-minute connections)", self.name, self.minutes)
        # Mail that arrived before the subscription raised no event for us: look once.
        try:
            found = bool(self._inbox._ids(1))
        except MailError:
            found = True  # let the intake loop fetch, and meet the error itself
        if found:
            self._wake()

    def _listen(self) -> None:
        """One GetStreamingEvents request, until the server closes it (ConnectionStatus Closed)."""
        for note in self._folder.get_streaming_events(self._sub_id, connection_timeout=self.minutes):
            if isinstance(note, Exception):
                raise note
            if any(self._wakes(event) for event in note.events or []):
                self._wake()
            if self._stopping():
                return

    def _wakes(self, event: Any) -> bool:
        from exchangelib.properties import CopiedEvent, CreatedEvent, MovedEvent, NewMailEvent

        if isinstance(event, NewMailEvent | CreatedEvent):
            return True  # only the watched folder is subscribed
        if isinstance(event, MovedEvent | CopiedEvent):
            old = getattr(event, "old_parent_folder_id", None)
            # A move out of the watched folder (our own acknowledge) is no news; a move in is.
            return old is None or old.id != self._folder.id
        return False

    def _unsubscribe(self) -> None:
        with self._cond:
            sub_id, self._sub_id = self._sub_id, None
        if sub_id is None:
            return
        try:
            self._folder.unsubscribe(sub_id)
        except Exception as exc:  # gone already, or the server is away: it expires on its own
            log.debug("%s: unsubscribe %s: %s", self.name, sub_id, exc)

    def _wake(self) -> None:
        with self._cond:
            self._pending = True
            self._cond.notify_all()

    def _set_live(self, live: bool) -> None:
        with self._cond:
            self._live = live
            self._starting = False
            self._cond.notify_all()

    def _stopping(self) -> bool:
        with self._cond:
            return self._stopped

    def _pause(self, seconds: float) -> None:
        with self._cond:
            self._cond.wait_for(lambda: self._stopped, timeout=seconds)

    def _poll_s(self) -> float:
        return self._inbox.ctx.settings.mail.poll_seconds


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
