"""ImapInbox against a real Dovecot on loopback: TLS, login, UID bookkeeping, MOVE/COPY, IDLE, reconnects."""

from __future__ import annotations

import re
import signal
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from imapclient import IMAPClient

from bot.mail.base import MailConfigError, TransientMailError
from bot.mail.health import read_health, stale_mailboxes
from bot.mail.imap import Backoff
from bot.mail.urls import MailContext, open_inbox
from tests.servers import ImapBox, MemoryState, make_settings, raw_message, require_dovecot
from tests.servers.dovecot_server import DovecotServer, free_port

pytestmark = pytest.mark.servers


def flags_of(box: ImapBox, uid: int) -> tuple[bytes, ...]:
    c = box.dc.client(box.user)
    c.select_folder(box.folder, readonly=True)
    flags: tuple[bytes, ...] = c.get_flags([uid])[uid]
    c.logout()
    return flags


# -- TLS and login ----------------------------------------------------------------------------------
def test_starttls_login_with_the_test_ca(imap_box: ImapBox) -> None:
    imap_box.inbox().check()


def test_implicit_tls(imap_box: ImapBox) -> None:
    raw = raw_message("over imaps")
    imap_box.append(raw)
    inbox = imap_box.inbox(tls="implicit")
    assert [m.raw for m in inbox.fetch()] == [raw]


def test_untrusted_certificate_is_refused(imap_box: ImapBox) -> None:
    inbox = imap_box.inbox(mail={"ca_file": None})
    with pytest.raises(MailConfigError, match="certificate"):
        inbox.check()


def test_plaintext_is_refused_off_loopback() -> None:
    ctx = MailContext(settings=make_settings(), state=MemoryState(), inbox_password="x")
    with pytest.raises(MailConfigError, match="loopback"):
        open_inbox("imap://alice@mail.example.org:143/INBOX?tls=none", ctx)


def test_server_without_starttls_is_refused() -> None:
    require_dovecot()
    with DovecotServer(tls=False) as dc:
        box = ImapBox(dc, "alice@example.test", "INBOX")
        try:
            with pytest.raises(MailConfigError, match="STARTTLS"):
                box.inbox().check()
            box.inbox(tls="none").check()  # the same server is fine when the URL allows plaintext
        finally:
            box.close()


def test_wrong_password_names_the_mailbox(imap_box: ImapBox) -> None:
    inbox = imap_box.inbox(password="not-the-password")
    with pytest.raises(MailConfigError) as err:
        inbox.check()
    text = str(err.value)
    assert f"alice@example.test@127.0.0.1/{imap_box.folder}" in text
    assert "not-the-password" not in text
    assert "login refused" in (imap_box.state.get_state(inbox.name, "last_error") or "")


def test_missing_folder_is_a_config_error(imap_box: ImapBox) -> None:
    imap_box.folder = "NoSuchFolder"
    with pytest.raises(MailConfigError, match="NoSuchFolder"):
        imap_box.inbox().check()


def test_unreachable_server_is_transient(imap_box: ImapBox) -> None:
    ctx = MailContext(settings=make_settings(), state=MemoryState(), inbox_password="x")
    inbox = open_inbox(f"imap://alice@127.0.0.1:{free_port()}/INBOX", ctx)
    with pytest.raises(TransientMailError, match="cannot connect"):
        inbox.check()


def test_xoauth2_token_failure_is_a_config_error(imap_box: ImapBox, monkeypatch: pytest.MonkeyPatch) -> None:
    import msal

    class App:
        def __init__(self, client_id: str, authority: str, client_credential: str) -> None:
            assert authority == "https://login.example.test/tenant-1"

        def acquire_token_for_client(self, scopes: list[str]) -> dict[str, Any]:
            assert scopes == ["https://outlook.office365.com/.default"]
            return {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid secret.\nTrace"}

    monkeypatch.setattr(msal, "ConfidentialClientApplication", App)
    oauth = {"tenant_id": "tenant-1", "client_id": "app-1", "authority_host": "https://login.example.test"}
    inbox = imap_box.inbox(mail={"auth": "xoauth2", "oauth": oauth}, client_secret="s3cret")
    with pytest.raises(MailConfigError, match="invalid_client") as err:
        inbox.check()
    assert "s3cret" not in str(err.value)
    assert "invalid_client" in (imap_box.state.get_state(inbox.name, "last_error") or "")


# -- fetching -------------------------------------------------------------------------------------
def test_fetch_returns_waiting_mail_oldest_first_byte_exact_and_leaves_it_unread(imap_box: ImapBox) -> None:
    first, second = raw_message("first"), raw_message("second")
    u1 = imap_box.append(first)
    imap_box.append(second, flags=(b"\\Seen",))  # already opened by someone in Outlook
    inbox = imap_box.inbox()
    got = list(inbox.fetch())
    assert [m.raw for m in got] == [first, second]
    assert [m.mailbox for m in got] == [inbox.name] * 2
    assert all(re.fullmatch(r"\d+:\d+", m.source_id) for m in got)
    assert b"\\Seen" not in flags_of(imap_box, u1)  # BODY.PEEK[]: still unread for people


def test_health_stamp_is_recorded_and_read_by_the_staleness_check(imap_box: ImapBox) -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    inbox = imap_box.inbox(clock=lambda: now)
    list(inbox.fetch())
    assert imap_box.state.get_state(inbox.name, "last_check") == "2026-03-02T09:00:00+00:00"
    checks, errors = read_health(imap_box.state, [inbox.name, "imap://never@checked/INBOX"])
    assert [s.mailbox for s in stale_mailboxes(checks, now + timedelta(minutes=5), 15, errors)] == [
        "imap://never@checked/INBOX"
    ]
    late = stale_mailboxes(checks, now + timedelta(minutes=20), 15, errors)
    assert [s.mailbox for s in late] == sorted([inbox.name, "imap://never@checked/INBOX"])
    assert "20 min" in late[0].describe(now + timedelta(minutes=20))


def test_fetch_respects_limit_and_batches(imap_box: ImapBox) -> None:
    c = imap_box.dc.client(imap_box.user)
    raws = [raw_message(f"bulk {i}") for i in range(230)]
    for raw in raws:
        c.append(imap_box.folder, raw)
    c.logout()
    inbox = imap_box.inbox()
    assert [m.raw for m in inbox.fetch(limit=5)] == raws[:5]
    assert [m.raw for m in inbox.fetch(limit=1000)] == raws  # three FETCH batches


def test_acknowledge_and_quarantine_move_by_uid_and_are_idempotent(imap_box: ImapBox) -> None:
    keep, good, bad = raw_message("keep"), raw_message("good"), raw_message("bad")
    for raw in (keep, good, bad):
        imap_box.append(raw)
    inbox = imap_box.inbox()
    items = {m.raw: m for m in inbox.fetch()}
    inbox.acknowledge(items[good])  # creates <folder>-Processed
    inbox.quarantine(items[bad], "unreadable attachment")
    inbox.acknowledge(items[good])  # twice: harmless
    inbox.quarantine(items[bad], "again")
    assert imap_box.messages(imap_box.processed) == [good]
    assert imap_box.messages(imap_box.quarantined) == [bad]
    assert imap_box.messages() == [keep]
    assert [m.raw for m in inbox.fetch()] == [keep]


def test_moveless_server_uses_copy_and_uid_expunge_of_that_uid_only(
    imap_box: ImapBox, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_move(*_: Any) -> None:
        raise AssertionError("MOVE used although the server lacks it")

    monkeypatch.setattr(IMAPClient, "move", no_move)
    a, b, c = raw_message("a"), raw_message("b"), raw_message("c")
    for raw in (a, b, c):
        imap_box.append(raw)
    # Someone else's message flagged \Deleted but not expunged: a plain EXPUNGE would destroy it.
    other_raw = raw_message("other's deleted")
    other = imap_box.append(other_raw, flags=(b"\\Deleted",))
    inbox = imap_box.inbox(use_move=False)
    items = list(inbox.fetch())
    # Another client's \Deleted (no expunge) may be a genuine referral: it is waiting too (issue #10, B7).
    assert [m.raw for m in items] == [a, b, c, other_raw]
    inbox.acknowledge(items[1])
    inbox.acknowledge(items[1])
    assert imap_box.messages(imap_box.processed) == [b]
    assert imap_box.messages()[:2] == [a, c]
    assert other in imap_box.uids()
    assert b"\\Deleted" not in flags_of(imap_box, imap_box.uids()[0])


# -- state: UID watermark and UIDVALIDITY ----------------------------------------------------------
def test_state_is_persisted_and_a_new_instance_resumes(imap_box: ImapBox) -> None:
    raws = [raw_message(f"m{i}") for i in range(3)]
    for raw in raws:
        imap_box.append(raw)
    inbox = imap_box.inbox()
    items = list(inbox.fetch())
    inbox.acknowledge(items[0])
    inbox.close()
    state = imap_box.state.of(inbox.name)
    assert int(state["uidvalidity"]) > 0

    again = imap_box.inbox()  # a restart: same StateStore
    got = list(again.fetch())
    # the acknowledged one is not fetched again; the two never acknowledged are (nothing lost)
    assert [m.raw for m in got] == raws[1:]
    assert [m.source_id for m in got] == [m.source_id for m in items[1:]]
    # the watermark never passes a waiting message
    assert int(imap_box.state.get_state(inbox.name, "last_uid") or 0) < int(got[0].source_id.split(":")[1])
    for m in got:
        again.acknowledge(m)
    assert list(again.fetch()) == []
    assert imap_box.state.get_state(inbox.name, "last_uid") == items[-1].source_id.split(":")[1]


def test_uidvalidity_change_starts_over_and_voids_old_ids(
    imap_box: ImapBox, caplog: pytest.LogCaptureFixture
) -> None:
    old = raw_message("before")
    imap_box.append(old)
    inbox = imap_box.inbox()
    (item,) = list(inbox.fetch())
    inbox.acknowledge(item)
    inbox.close()
    # Recreate the folder: Dovecot gives it a new UIDVALIDITY and restarts UIDs at 1.
    c = imap_box.dc.client(imap_box.user)
    c.delete_folder(imap_box.folder)
    c.create_folder(imap_box.folder)
    c.logout()
    new = raw_message("after")
    imap_box.append(new)

    inbox = imap_box.inbox()
    got = list(inbox.fetch())
    assert [m.raw for m in got] == [new]
    assert got[0].source_id != item.source_id
    assert "UIDVALIDITY changed" in caplog.text
    # Acknowledging the stale id must not move the new message that now holds the same UID.
    inbox.acknowledge(item)
    assert imap_box.messages() == [new]


# -- waiting ---------------------------------------------------------------------------------------
def _wait_in_thread(inbox: Any, timeout: float) -> tuple[threading.Thread, dict[str, Any]]:
    out: dict[str, Any] = {}

    def run() -> None:
        t0 = time.monotonic()
        try:
            out["woke"] = inbox.wait(timeout)
        except Exception as exc:  # surfaced by the assertions below
            out["error"] = exc
        out["elapsed"] = time.monotonic() - t0

    th = threading.Thread(target=run, daemon=True)
    th.start()
    return th, out


def test_idle_wakes_on_append_from_another_connection(imap_box: ImapBox) -> None:
    inbox = imap_box.inbox()
    assert list(inbox.fetch()) == []
    th, out = _wait_in_thread(inbox, 20)
    time.sleep(0.3)  # let it enter IDLE
    t0 = time.monotonic()
    raw = raw_message("wake up")
    imap_box.append(raw)
    th.join(10)
    assert out.get("woke") is True, out
    assert time.monotonic() - t0 < 3  # Dovecot batches IDLE notifications for ~0.5 s
    assert [m.raw for m in inbox.fetch()] == [raw]


def test_wait_times_out_without_mail(imap_box: ImapBox) -> None:
    inbox = imap_box.inbox()
    list(inbox.fetch())
    t0 = time.monotonic()
    assert inbox.wait(0.5) is False
    assert time.monotonic() - t0 < 3


def test_wait_returns_at_once_when_mail_is_already_waiting(imap_box: ImapBox) -> None:
    imap_box.append(raw_message("early"))
    inbox = imap_box.inbox()
    assert inbox.wait(10) is True


def test_idle_is_renewed(imap_box: ImapBox) -> None:
    inbox = imap_box.inbox(mail={"idle_renew_seconds": 0.2})
    list(inbox.fetch())
    th, out = _wait_in_thread(inbox, 10)
    time.sleep(0.7)  # several renewals
    imap_box.append(raw_message("after renewals"))
    th.join(10)
    assert out.get("woke") is True, out


def test_polls_when_idle_is_unavailable(imap_box: ImapBox) -> None:
    inbox = imap_box.inbox(use_idle=False)
    list(inbox.fetch())
    th, out = _wait_in_thread(inbox, 10)
    time.sleep(0.3)
    imap_box.append(raw_message("polled"))
    th.join(10)
    assert out.get("woke") is True, out


@pytest.mark.parametrize("how", ["restart", "crash"])
def test_dovecot_restart_mid_idle_reconnects_and_loses_nothing(fresh_imap_box: ImapBox, how: str) -> None:
    box = fresh_imap_box
    pending = raw_message("pending before the restart")
    box.append(pending)
    inbox = box.inbox(backoff=Backoff(base=0.2))
    assert [m.raw for m in inbox.fetch()] == [pending]  # fetched, not yet acknowledged
    th, out = _wait_in_thread(inbox, 20)
    time.sleep(0.3)
    if how == "crash":  # no BYE: the client sees EOF, and idle_done() raises ssl.SSLEOFError
        box.dc.stop(sig=signal.SIGKILL)
        box.dc.start()
    else:  # "* BYE Server shutting down."
        box.dc.restart()
    arrived = raw_message("arrived after the restart")
    box.append(arrived)
    th.join(15)
    assert out.get("woke") is True, out
    got = list(inbox.fetch())
    assert [m.raw for m in got] == [pending, arrived]
    for m in got:
        inbox.acknowledge(m)
    assert box.messages(box.processed) == [pending, arrived]


def test_fetch_after_server_crash_reconnects(fresh_imap_box: ImapBox) -> None:
    box = fresh_imap_box
    inbox = box.inbox(backoff=Backoff(base=0.2))
    list(inbox.fetch())
    box.dc.stop(sig=signal.SIGKILL)
    box.dc.start()
    raw = raw_message("after crash")
    box.append(raw)
    assert [m.raw for m in inbox.fetch()] == [raw]
