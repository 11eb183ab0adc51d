"""Issue #10, stranger round 4 (B7): nothing in the watched IMAP folder is skipped without a trace.

A referral another client flagged \\Deleted without expunging it (Outlook's delete, a stranger's STORE before
the bot fetched it) was never fetched (SEARCH ... UNDELETED) and never listed: a genuine referral silently
lost. It is still in the mailbox and may be genuine, so it is processed like any other and its flags are in
the audit. Only an original our own COPY+EXPUNGE fallback already copied out (it carries our keyword) is
done. Checked against a real Dovecot on loopback: every combination of the flags another client can set, and
mail that arrives (already \\Deleted) while the bot has the folder selected.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from bot.app import make_calendar
from bot.apply import Runtime
from bot.demo import demo_messages
from bot.settings import load_settings
from tests.servers import ImapBox, raw_message, require_dovecot
from tests.servers.dovecot_server import DovecotServer
from tests.servers.smtp_sink import SmtpSink

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.servers
BOT = "bot@example.test"
# Every subset of the flags another client may leave on a message (\Recent is the server's own).
OTHER_FLAGS = (b"\\Deleted", b"\\Draft", b"\\Seen", b"\\Flagged", b"\\Answered", b"$Junk")
COMBOS = [c for n in range(1, 4) for c in itertools.combinations(OTHER_FLAGS, n) if b"\\Deleted" in c
          or b"\\Draft" in c]
CHILDREN = [f"{first} {last}" for first, last in itertools.product(
    ["Robin", "Morgan", "Jamie", "Alex", "Sam", "Charlie", "Taylor", "Jordan"],
    ["Sample", "Example", "Placeholder", "Specimen"])]


def referral(child: str) -> bytes:
    settings = load_settings(None, env={})
    return demo_messages(Runtime(settings, make_calendar(settings), datetime.now(UTC)), settings, child)[0][1]


def run_once(work: Path, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "bot.cli", "--config", str(work / "profile.toml"), "run",
                           "--once"], cwd=work, env=env, text=True, capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def test_referrals_flagged_deleted_or_draft_by_another_client_are_processed_and_audited(tmp_path: Path) -> None:
    require_dovecot()
    assert len(COMBOS) >= 12 and len(CHILDREN) >= len(COMBOS)
    with DovecotServer() as dc, SmtpSink(auth={BOT: "botpw"}) as sink:
        (tmp_path / "profile.toml").write_text((ROOT / "config/example.toml").read_text())
        env = {k: v for k, v in os.environ.items() if not k.startswith("CSPRBOT_")}
        env.update({"CSPRBOT_INBOX_URL": dc.url(BOT, tls="none"), "CSPRBOT_SENDER_URL": sink.url(tls="none"),
                    "CSPRBOT_INBOX_PASSWORD": "botpw", "CSPRBOT_SENDER_PASSWORD": "botpw",
                    "CSPRBOT_DATABASE_URL": f"sqlite:///{tmp_path}/csprbot.db"})
        plain = dc.append(BOT, referral("Casey Unflagged"))
        flagged = {dc.append(BOT, referral(child), flags=combo): combo for child, combo in zip(CHILDREN, COMBOS,
                                                                                             strict=False)}
        assert len(dc.uids(BOT)) == len(flagged) + 1
        first = run_once(tmp_path, env)
        assert first["messages"] == len(flagged) + 1, first
        # Nothing left behind in the watched folder, everything in Processed, nothing quarantined.
        assert dc.uids(BOT) == []
        assert len(dc.uids(BOT, "Processed")) == len(flagged) + 1
        db = sqlite3.connect(tmp_path / "csprbot.db")
        cases = db.execute("SELECT count(*) FROM cases").fetchone()[0]
        assert cases == len(flagged) + 1
        audited = [json.loads(d) for (d,) in db.execute(
            "SELECT detail FROM events WHERE kind = 'mail_received' ORDER BY id")]
        noted = sorted(tuple(a["flags"]) for a in audited if "flags" in a)
        expected = sorted(tuple(sorted(f.decode() for f in combo if f != b"\\Seen")) for combo in flagged.values())
        assert noted == expected  # each flag another client set is in the audit; \Seen says nothing
        assert sum("flags" not in a for a in audited) == 1 and plain not in flagged
        routed = {str(r.message["X-CSPRBOT-Case"]) for r in sink.messages if r.message["X-CSPRBOT-Kind"] == "routing"}
        # One unlisted address on an agency's domain sent all of them: beyond the agency's allowance
        # (mail.agency_domain_referrals_routed) a case's routing is held for the co-ordinator's summary (stranger
        # round 9); every case is either routed or held, none lost.
        held = db.execute("SELECT count(*) FROM events WHERE kind = 'stranger_referral' "
                          "AND detail LIKE '%\"routed\": false%'").fetchone()[0]
        assert routed and len(routed) + held == len(flagged) + 1, (len(routed), held)
        again = run_once(tmp_path, env)
        assert again["messages"] == 0 and again["sent"] == 0


def test_moveless_fallback_skips_only_its_own_copied_original(imap_box: ImapBox,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The COPY+EXPUNGE fallback's crash leftover (our keyword + \\Deleted) is done; another client's \\Deleted
    message beside it is waiting, and one that arrives \\Deleted while the folder is selected is fetched too."""
    def no_move(*_: Any) -> None:
        raise AssertionError("MOVE used although the server lacks it")

    class Crash(Exception):
        pass

    def no_expunge(*_: Any) -> None:  # the crash: COPY and STORE done, EXPUNGE never sent
        raise Crash("crashed before EXPUNGE")

    monkeypatch.setattr(IMAPClient, "move", no_move)
    ours, theirs = raw_message("ours"), raw_message("someone else's delete")
    imap_box.append(ours)
    imap_box.append(theirs, flags=(b"\\Deleted",))
    inbox = imap_box.inbox(use_move=False)
    items = {m.raw: m for m in inbox.fetch()}
    assert set(items) == {ours, theirs}
    assert items[theirs].flags == ("\\Deleted",) and items[ours].flags == ()
    with monkeypatch.context() as m:
        m.setattr(IMAPClient, "uid_expunge", no_expunge)
        with pytest.raises(Crash):
            inbox.acknowledge(items[ours])
    inbox.close()
    assert imap_box.messages(imap_box.processed) == [ours]
    left = imap_box.uids()
    assert len(left) == 2  # the crash leftover is still there, with our keyword

    again = imap_box.inbox(use_move=False)  # a restart
    got = list(again.fetch())
    assert [m.raw for m in got] == [theirs]  # the leftover is not read again; the other client's \Deleted one is
    again.acknowledge(got[0])
    late = raw_message("arrived deleted while selected")
    imap_box.append(late, flags=(b"\\Deleted", b"\\Draft"))
    assert again.wait(5.0)
    (item,) = list(again.fetch())
    assert item.raw == late and item.flags == ("\\Deleted", "\\Draft")
    again.acknowledge(item)
    c = imap_box.dc.client(imap_box.user)
    c.select_folder(imap_box.folder, readonly=True)
    assert len(c.search(["KEYWORD", "$CsprbotMoved"])) == 1
    c.logout()
    # Acknowledging the leftover again (a retry after the crash) expunges it without a second copy.
    again.acknowledge(items[ours])
    assert imap_box.messages(imap_box.processed) == [ours, theirs, late]
    assert imap_box.messages() == []


def test_deleted_message_on_a_fresh_server(fresh_dovecot: DovecotServer) -> None:
    """The first SEARCH of a never-seen folder: a message already \\Deleted (by a stranger's client, before the
    bot ever ran) is waiting."""
    box = ImapBox.create(fresh_dovecot)
    try:
        raw = raw_message("deleted before the bot ran")
        box.append(raw, flags=(b"\\Deleted", b"\\Seen"))
        (item,) = list(box.inbox().fetch())
        assert item.raw == raw and item.flags == ("\\Deleted",)
    finally:
        box.close()
