"""GraphInbox / GraphSender against the recorded Graph + Entra ID replay server (real msal and requests)."""

from __future__ import annotations

import email
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # `tests.replay` without a package install

from bot.mail.base import MailConfigError, TransientMailError
from tests.replay.harness import SECRET, DictState, graph_env


def mime(n: int) -> bytes:
    return (
        f"From: referrer{n}@csc.example.gov.uk\r\nTo: csprbot@nsscp.example.gov.uk\r\n"
        f"Subject: Referral {n}\r\nMessage-ID: <ref{n}@csc.example.gov.uk>\r\n"
        f"Date: Mon, 05 Oct 2026 09:0{n}:00 +0100\r\n\r\nReferral body {n}\r\n"
    ).encode()


def test_fetch_exact_bytes_oldest_first_and_acknowledge(tmp_path: Path) -> None:
    with graph_env(tmp_path) as env:
        for n in range(1, 6):  # five messages: three delta pages of two
            env.mailbox.deliver(mime(n))
        inbox = env.inbox()
        got = list(inbox.fetch())
        assert [g.raw for g in got] == [mime(n) for n in range(1, 6)]
        assert env.server.ops().count("delta") == 3  # followed @odata.nextLink twice
        inbox.acknowledge(got[0])
        inbox.acknowledge(got[0])  # idempotent: the old id is gone after a move
        inbox.quarantine(got[1], "unreadable")
        left = list(inbox.fetch())
        assert [g.raw for g in left] == [mime(n) for n in range(3, 6)]
        processed = env.mailbox.folder_path_ids("Processed")
        assert [env.mailbox.items[i].mime for i in processed] == [mime(1)]
        assert len(env.mailbox.folder_path_ids("Quarantine")) == 1
        assert env.ctx.state.get_state(inbox.name, "last_check")


def test_delta_link_persisted_and_new_adapter_continues(tmp_path: Path) -> None:
    state = DictState()
    with graph_env(tmp_path, state) as env:
        env.mailbox.deliver(mime(1))
        first = env.inbox()
        (item,) = list(first.fetch())
        first.acknowledge(item)
        first.close()
        link = state.get_state(first.name, "delta_link")
        assert link and "$deltatoken=" in link
        env.mailbox.deliver(mime(2))
        second = env.inbox()
        assert [g.raw for g in second.fetch()] == [mime(2)]
        delta_calls = [r.path for r in env.server.requests if r.op == "delta"]
        assert "$deltatoken=" in delta_calls[-1]  # continued from the stored link, not a full listing


def test_seen_but_not_acknowledged_is_yielded_again_after_a_crash(tmp_path: Path) -> None:
    state = DictState()
    with graph_env(tmp_path, state) as env:
        env.mailbox.deliver(mime(1))
        crashed = env.inbox()
        assert len(list(crashed.fetch())) == 1
        del crashed  # the process died before commit/acknowledge; the deltaLink is already saved
        again = env.inbox()
        assert [g.raw for g in again.fetch()] == [mime(1)]


def test_throttled_then_success_honours_retry_after(tmp_path: Path) -> None:
    with graph_env(tmp_path) as env:
        env.mailbox.deliver(mime(1))
        env.app.fail_next("value", status=429, retry_after=1)
        slept: list[float] = []
        inbox = env.inbox(sleep=slept.append)
        assert [g.raw for g in inbox.fetch()] == [mime(1)]
        assert env.server.ops().count("value") == 2
        assert slept == [1.0]


def test_throttled_forever_is_transient(tmp_path: Path) -> None:
    with graph_env(tmp_path) as env:
        env.mailbox.deliver(mime(1))
        for _ in range(10):
            env.app.fail_next("delta", status=503, retry_after=0)
        with pytest.raises(TransientMailError):
            list(env.inbox(sleep=lambda s: None).fetch())


def test_expired_token_is_refreshed_once(tmp_path: Path) -> None:
    with graph_env(tmp_path) as env:
        env.mailbox.deliver(mime(1))
        inbox = env.inbox()
        (item,) = list(inbox.fetch())
        env.app.expire_tokens()
        inbox.acknowledge(item)  # 401 InvalidAuthenticationToken → new token → move succeeds
        assert env.server.ops().count("token") == 2
        assert env.mailbox.folder_path_ids("Processed")


def test_bad_secret_is_config_error_naming_the_mailbox(tmp_path: Path) -> None:
    with graph_env(tmp_path) as env:
        inbox = env.inbox(client_secret="wrong")
        with pytest.raises(MailConfigError, match=r"csprbot@nsscp\.example\.gov\.uk"):
            inbox.check()
        assert "invalid_client" in (env.ctx.state.get_state(inbox.name, "last_error") or "")


def test_unknown_mailbox_is_config_error(tmp_path: Path) -> None:
    with graph_env(tmp_path) as env:
        inbox = env.inbox("graph://nobody@nsscp.example.gov.uk/INBOX")
        with pytest.raises(MailConfigError, match=r"nobody@nsscp\.example\.gov\.uk"):
            inbox.check()


def test_named_subfolder_and_missing_folder(tmp_path: Path) -> None:
    with graph_env(tmp_path) as env:
        inbox_id = env.mailbox.well_known("inbox").id
        sub = env.mailbox.add_folder("Referrals", inbox_id)
        env.mailbox.deliver(mime(1), folder=sub.id)
        env.mailbox.deliver(mime(2))
        got = list(env.inbox("graph://csprbot@nsscp.example.gov.uk/Inbox/Referrals").fetch())
        assert [g.raw for g in got] == [mime(1)]
        with pytest.raises(MailConfigError, match="Nope"):
            env.inbox("graph://csprbot@nsscp.example.gov.uk/Nope").check()


def test_send_posts_base64_mime(tmp_path: Path) -> None:
    with graph_env(tmp_path) as env:
        sender = env.sender()
        sender.send("referrer1@csc.example.gov.uk", ["csprbot@nsscp.example.gov.uk"], mime(1), "k1")
        # A blind copy (envelope recipient not in the headers) travels as a Bcc header.
        sender.send("referrer1@csc.example.gov.uk", ["lead@csc.example.gov.uk"], mime(2), "k2")
        first, second = env.mailbox.sent
        assert first == mime(1)
        assert email.message_from_bytes(first)["Message-ID"] == "<ref1@csc.example.gov.uk>"
        assert email.message_from_bytes(second)["Bcc"] == "lead@csc.example.gov.uk"
        assert second.endswith(mime(2))


def test_open_inbox_reads_secret_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSPRBOT_OAUTH_CLIENT_SECRET", SECRET)
    with graph_env(tmp_path) as env:
        env.mailbox.deliver(mime(1))
        assert [g.raw for g in env.open_inbox().fetch()] == [mime(1)]


def test_wait_wakes_when_mail_arrives(tmp_path: Path) -> None:
    with graph_env(tmp_path) as env:
        inbox = env.inbox()
        assert inbox.wait(0.1) is False
        env.mailbox.deliver(mime(1))
        assert inbox.wait(5) is True
