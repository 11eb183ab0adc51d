"""EwsInbox / EwsSender against the recorded EWS replay server (the real exchangelib runs unmodified)."""

from __future__ import annotations

import email
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `tests.replay` without a package install

from bot.mail.base import MailConfigError, TransientMailError
from tests.replay.harness import PASSWORD, Env, ews_env

MAILBOX_RE = r"csprbot@nsscp\.example\.gov\.uk"


def mime(n: int) -> bytes:
    return (
        f"From: referrer{n}@csc.example.gov.uk\r\nTo: csprbot@nsscp.example.gov.uk\r\n"
        f"Subject: Referral {n}\r\nMessage-ID: <ref{n}@csc.example.gov.uk>\r\n"
        f"Date: Mon, 05 Oct 2026 09:0{n}:00 +0100\r\n\r\nReferral body {n}\r\n"
    ).encode()


def test_fetch_exact_bytes_oldest_first_and_acknowledge(tmp_path: Path) -> None:
    with ews_env(tmp_path) as env:
        for n in range(1, 13):  # more than one GetItem batch
            env.mailbox.deliver(mime(n))
        inbox = env.open_inbox()
        got = list(inbox.fetch())
        assert [g.raw for g in got] == [mime(n) for n in range(1, 13)]
        assert env.server.ops().count("GetItem") == 2
        inbox.acknowledge(got[0])
        inbox.acknowledge(got[0])  # idempotent: ErrorItemNotFound for the moved id is a repeat
        inbox.quarantine(got[1], "unreadable")
        left = list(inbox.fetch(limit=3))
        assert [g.raw for g in left] == [mime(n) for n in range(3, 6)]
        processed = env.mailbox.folder_path_ids("Processed")
        assert [env.mailbox.items[i].mime for i in processed] == [mime(1)]
        assert len(env.mailbox.folder_path_ids("Quarantine")) == 1
        assert env.server.ops().count("CreateFolder") == 2  # created once each, then found
        inbox.close()


def test_crash_before_acknowledge_yields_again(tmp_path: Path) -> None:
    with ews_env(tmp_path) as env:
        env.mailbox.deliver(mime(1))
        first = env.open_inbox()
        assert len(list(first.fetch())) == 1
        del first
        assert [g.raw for g in env.open_inbox().fetch()] == [mime(1)]


def test_server_busy_is_retried_after_backoff(tmp_path: Path) -> None:
    with ews_env(tmp_path) as env:
        env.mailbox.deliver(mime(1))
        slept: list[float] = []
        inbox = env.inbox(password=PASSWORD, sleep=slept.append)
        inbox.check()
        env.app.fail_next("FindItem", "busy", 1000)
        assert [g.raw for g in inbox.fetch()] == [mime(1)]
        assert slept == [1.0]  # BackOffMilliseconds honoured
        assert env.server.ops().count("FindItem") == 2


def test_server_busy_too_long_is_transient(tmp_path: Path) -> None:
    with ews_env(tmp_path) as env:
        inbox = env.inbox(sleep=lambda s: None)
        inbox.check()
        env.app.fail_next("FindItem", "busy", 600_000)  # ten minutes: not ours to sit out
        with pytest.raises(TransientMailError, match="ErrorServerBusy"):
            list(inbox.fetch())


def test_bad_password_is_config_error_naming_the_mailbox(tmp_path: Path) -> None:
    with ews_env(tmp_path, password="wrong") as env, pytest.raises(MailConfigError, match=MAILBOX_RE):
        env.open_inbox().check()


def test_unknown_mailbox_is_config_error(tmp_path: Path) -> None:
    with ews_env(tmp_path) as env:
        url = env.url.replace("INBOX", "INBOX?mailbox=nobody@nsscp.example.gov.uk")
        with pytest.raises(MailConfigError, match="ErrorNonExistentMailbox"):
            env.inbox(url).check()


def test_named_subfolder(tmp_path: Path) -> None:
    with ews_env(tmp_path) as env:
        sub = env.mailbox.add_folder("Referrals", env.mailbox.well_known("inbox").id)
        env.mailbox.deliver(mime(1), folder=sub.id)
        env.mailbox.deliver(mime(2))
        got = list(env.inbox(env.url.replace("/INBOX", "/Inbox/Referrals")).fetch())
        assert [g.raw for g in got] == [mime(1)]
        with pytest.raises(MailConfigError, match="ErrorFolderNotFound"):
            env.inbox(env.url.replace("/INBOX", "/Nope")).check()


def test_send_only_posts_the_mime(tmp_path: Path) -> None:
    with ews_env(tmp_path) as env:
        env.open_sender().send("csprbot@nsscp.example.gov.uk", ["csprbot@nsscp.example.gov.uk"], mime(1), "k")
        (sent,) = env.mailbox.sent
        assert sent == mime(1)
        assert email.message_from_bytes(sent)["Message-ID"] == "<ref1@csc.example.gov.uk>"
        (create,) = [r for r in env.server.requests if r.op == "CreateItem"]
        assert b'MessageDisposition="SendOnly"' in create.body


def _deliver_later(env: Env, raw: bytes, delay: float = 0.3) -> threading.Timer:
    timer = threading.Timer(delay, env.mailbox.deliver, (raw,))
    timer.start()
    return timer


def _until(cond: Callable[[], bool], timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


def _streaming(env: Env, count: int = 1) -> None:
    """Block until the replay server holds `count` GetStreamingEvents requests in all (the stream is up)."""
    _until(lambda: env.server.ops().count("GetStreamingEvents") >= count)


# Streaming tests run with poll_seconds=60: a wake-up within seconds can only be a pushed one.
PUSH_ONLY = {"poll_seconds": 60.0}


def test_wait_is_woken_by_a_streaming_notification(tmp_path: Path) -> None:
    with ews_env(tmp_path, **PUSH_ONLY) as env:
        inbox = env.open_inbox()
        assert list(inbox.fetch()) == []
        assert inbox.wait(0.2) is False
        _streaming(env)
        (subscribe,) = [r for r in env.server.requests if r.op == "Subscribe"]
        assert b"StreamingSubscriptionRequest" in subscribe.body and b"NewMailEvent" in subscribe.body
        finds = env.server.ops().count("FindItem")
        _deliver_later(env, mime(1))
        t0 = time.monotonic()
        assert inbox.wait(30) is True
        assert time.monotonic() - t0 < 5  # generous: this is about push, not speed
        assert env.server.ops().count("FindItem") == finds  # woken by the NewMailEvent, not a poll
        (got,) = list(inbox.fetch())
        inbox.acknowledge(got)  # a MovedEvent out of the watched folder: no news
        assert inbox.wait(0.5) is False
        inbox.close()
        assert "Unsubscribe" in env.server.ops()
        assert all(s.state == "unsubscribed" for s in env.app.subscriptions.values())


def test_connections_are_renewed_on_the_same_subscription(tmp_path: Path) -> None:
    with ews_env(tmp_path, idle_renew_seconds=90, **PUSH_ONLY) as env:
        env.app.stream_hold = 0.2  # the server closes each GetStreamingEvents quickly
        inbox = env.open_inbox()
        assert inbox.wait(0.1) is False
        _streaming(env, 3)
        streams = [r for r in env.server.requests if r.op == "GetStreamingEvents"]
        assert all(b"<m:ConnectionTimeout>1</m:ConnectionTimeout>" in r.body for r in streams)  # 90 s → 1 min
        _deliver_later(env, mime(1), 0.3)
        assert inbox.wait(30) is True
        assert env.server.ops().count("Subscribe") == 1
        inbox.close()


def test_mail_delivered_between_fetch_and_wait_is_seen(tmp_path: Path) -> None:
    with ews_env(tmp_path, **PUSH_ONLY) as env:
        inbox = env.open_inbox()
        assert list(inbox.fetch()) == []
        env.mailbox.deliver(mime(1))  # before any subscription exists
        t0 = time.monotonic()
        assert inbox.wait(30) is True
        assert time.monotonic() - t0 < 5
        (got,) = list(inbox.fetch())
        inbox.acknowledge(got)
        _streaming(env)
        assert inbox.wait(0.2) is False
        env.mailbox.deliver(mime(2))  # while intake is busy, not waiting: the event is kept for later
        time.sleep(0.2)
        t0 = time.monotonic()
        assert inbox.wait(30) is True
        assert time.monotonic() - t0 < 5
        assert [g.raw for g in inbox.fetch()] == [mime(2)]
        inbox.close()


@pytest.mark.parametrize("code", ["ErrorInvalidSubscription", "ErrorSubscriptionNotFound"])
def test_lost_subscription_is_recreated_and_nothing_is_missed(tmp_path: Path, code: str) -> None:
    with ews_env(tmp_path, **PUSH_ONLY) as env:
        env.app.expire_code = code
        inbox = env.open_inbox()
        assert inbox.wait(0.2) is False
        _streaming(env)
        env.app.expire_subscriptions()  # the open stream ends with `code`
        env.mailbox.deliver(mime(1))  # no event reaches us for this one: the new subscription looks
        t0 = time.monotonic()
        assert inbox.wait(30) is True
        assert time.monotonic() - t0 < 5
        assert env.server.ops().count("Subscribe") == 2
        (got,) = list(inbox.fetch())
        inbox.acknowledge(got)
        _streaming(env, 2)
        _deliver_later(env, mime(2))  # and the new stream delivers events
        t0 = time.monotonic()
        assert inbox.wait(30) is True
        assert time.monotonic() - t0 < 5
        inbox.close()


def test_wait_polls_when_the_server_refuses_streaming(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with ews_env(tmp_path) as env:  # poll_seconds=0.05
        env.app.streaming = False  # Subscribe(StreamingSubscriptionRequest) → ErrorInvalidRequest
        inbox = env.open_inbox()
        assert inbox.wait(0.3) is False
        _deliver_later(env, mime(1))
        t0 = time.monotonic()
        assert inbox.wait(10) is True
        assert time.monotonic() - t0 < 5
        assert env.server.ops().count("Subscribe") == 1  # not retried on every wait
        assert "GetStreamingEvents" not in env.server.ops()
        assert "streaming notifications refused (ErrorInvalidRequest)" in caplog.text
        assert [g.raw for g in inbox.fetch()] == [mime(1)]
        inbox.close()


def test_wait_polls_while_the_stream_is_down(tmp_path: Path) -> None:
    with ews_env(tmp_path) as env:  # poll_seconds=0.05
        env.app.fail_next("Subscribe", "busy", 50)  # throttled: re-subscribe after a (1 s) back-off
        inbox = env.open_inbox()
        _deliver_later(env, mime(1))
        t0 = time.monotonic()
        assert inbox.wait(10) is True
        assert time.monotonic() - t0 < 5
        _streaming(env)  # and the stream comes up after the back-off
        assert env.server.ops().count("Subscribe") == 2
        inbox.close()
