"""EwsInbox / EwsSender against the recorded EWS replay server (the real exchangelib runs unmodified)."""

from __future__ import annotations

import email
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `tests.replay` without a package install

from bot.mail.base import MailConfigError, TransientMailError
from tests.replay.harness import PASSWORD, ews_env

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


def test_wait_polls(tmp_path: Path) -> None:
    with ews_env(tmp_path) as env:
        inbox = env.open_inbox()
        assert inbox.wait(0.1) is False
        env.mailbox.deliver(mime(1))
        assert inbox.wait(5) is True
