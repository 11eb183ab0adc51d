"""Forgery, retention, audit export and the append-only audit log, through the CLI on the embedded default."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from replay import ROLE, Replay
from sqlalchemy import text

from bot.cli import main
from bot.store.db import make_engine

pytestmark = pytest.mark.usefixtures("database_url")  # every test here on SQLite and PostgreSQL

REF = "NS-CSPR-2026-001"


@pytest.fixture()
def replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Replay:
    monkeypatch.chdir(tmp_path)
    cfg = Path(__file__).resolve().parents[2] / "config" / "example.toml"
    body = cfg.read_text().replace('# trusted_authserv_id = "mx.n-somerset.gov.uk"',
                                   'trusted_authserv_id = "mx.nsscp.example.gov.uk"')
    body = body.replace("retention_days = 0", "retention_days = 30")
    (tmp_path / "profile.toml").write_text(body)
    monkeypatch.setenv("CSPRBOT_CONFIG", str(tmp_path / "profile.toml"))
    return Replay(tmp_path)


def cli(*args: str) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(list(args)) == 0
    return buf.getvalue()


def stage(when: str) -> str:
    return str(json.loads(cli("case", REF, "--json", "--now", when))["stage"])


def forged_reply(replay: Replay, sender: str, body: str, when: str, auth: str | None, display: str = "") -> None:
    from email.message import EmailMessage
    from email.utils import format_datetime, make_msgid

    from replay import _local

    m = EmailMessage()
    if auth:
        m["Authentication-Results"] = auth
    m["From"] = f'"{display}" <{sender}>' if display else sender
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = f"RE: [{REF}] Reminder"
    m["Date"] = format_datetime(_local(when))
    m["Message-ID"] = make_msgid(domain="forger.example")
    m.set_content(body + "\n")
    replay.deliver(m.as_bytes())


def test_forged_commands_change_nothing(replay: Replay) -> None:
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    audit_before = cli("audit", "export").count("\n")
    # 1. the co-ordinator's address, but DMARC fails at our boundary server
    forged_reply(replay, ROLE["coordinator"], "CLOSE: forged", "2026-04-03T10:00",
                 "mx.nsscp.example.gov.uk; spf=fail smtp.mailfrom=evil.example; dkim=none; dmarc=fail")
    # 2. a planted "pass" from a server that is not ours, on top of the real fail
    forged_reply(replay, ROLE["coordinator"], "CLOSE: forged", "2026-04-03T10:01",
                 "mx.nsscp.example.gov.uk; dmarc=fail")
    # 3. a display-name trick: the name says co-ordinator, the address is the forger's
    forged_reply(replay, "coordinator@evil.example", "CLOSE: forged", "2026-04-03T10:02",
                 "mx.nsscp.example.gov.uk; dmarc=pass header.from=evil.example", display=ROLE["coordinator"])
    # 4. the right domain but the wrong role
    forged_reply(replay, ROLE["director"], "CLOSE: forged", "2026-04-03T10:03",
                 "mx.nsscp.example.gov.uk; dmarc=pass header.from=nsscp.example.gov.uk")
    sent = replay.run("2026-04-03T10:10")
    assert stage("2026-04-03T10:15") == "screening"
    # refusals only where safe: to the wrong-role director, never to the impersonated co-ordinator; a display
    # name that is another address is a From line readers disagree on: quarantined, never answered
    refusals = sorted(str(m["To"]) for m in sent if m["X-CSPRBOT-Kind"] == "refusal")
    assert refusals == [ROLE["director"]]
    events = [json.loads(x) for x in cli("audit", "export").splitlines()[audit_before:]]
    kinds = [e["kind"] for e in events]
    assert kinds.count("forgery_suspected") == 3 and kinds.count("command_refused") == 1
    assert "stage_changed" not in kinds and "clock_stopped" not in kinds
    # the genuine co-ordinator's command, with a pass, works
    forged_reply(replay, ROLE["coordinator"], "CLOSE: duplicate of an existing review", "2026-04-03T11:00",
                 "mx.nsscp.example.gov.uk; dkim=pass; spf=pass; dmarc=pass header.from=nsscp.example.gov.uk")
    replay.run("2026-04-03T11:05")
    assert stage("2026-04-03T11:10") == "closed"


def test_audit_log_is_append_only_and_retention_keeps_clock_history(replay: Replay, database_url: str) -> None:
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    replay.reply(ROLE["coordinator"], REF, "CLOSE: not a CSPR after all", "2026-04-02T11:00")
    replay.run("2026-04-02T11:05")
    engine = make_engine(database_url)  # the trigger on SQLite, the plpgsql function on PostgreSQL
    with pytest.raises(Exception, match="append-only"), engine.begin() as c:
        c.execute(text("UPDATE events SET kind = 'tampered'"))
    with pytest.raises(Exception, match="append-only"), engine.begin() as c:
        c.execute(text("DELETE FROM events"))
    assert "Alex" in cli("case", REF, "--json", "--full", "--now", "2026-04-02T12:00")
    replay.run("2026-05-20T10:00")  # 48 days later: past the 30-day retention
    full = cli("case", REF, "--json", "--full", "--now", "2026-05-20T10:05")
    assert "Alex" not in full and "Fictional" not in full
    view = json.loads(full)
    assert {c["name"] for c in view["clocks"]} >= {"referral", "screening", "notification"}
    with engine.begin() as c:
        assert c.execute(text("SELECT count(*) FROM messages WHERE raw IS NOT NULL")).scalar() == 0
        # mail sent in April has lost its body; the digest sent just now (not yet 30 days old) keeps its own
        old = "created_at < '2026-04-20'"
        # seven routed, the acknowledgement, the digest, the CLOSE confirmation
        assert c.execute(text(f"SELECT count(*) FROM outbox WHERE {old}")).scalar() == 10
        assert c.execute(text(f"SELECT count(*) FROM outbox WHERE {old} AND length(raw) > 0")).scalar() == 0
    assert any(json.loads(x)["kind"] == "retention_purge" for x in cli("audit", "export").splitlines())
    engine.dispose()
