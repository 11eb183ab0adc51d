"""Mail that fails sender authentication is quarantined before it is read (stranger round 11, B5).

On a profile that requires the boundary's verdict, a referral, return or command that fails it is quarantined
whatever it says, so reading it first only let a stranger's flood of slow-to-read mail hold the genuine mail behind
it. Generated over the ways a verdict fails x the kinds of content: quarantined with the reason, audited, the parser
never called, nothing answered, no state changed; and the co-ordinator's tools still work on the unread mail
("open as referral" reads it then and keeps what it read for the case view; release runs intake again). Mail marked
automatic is still read first (an unauthenticated bounce stays "ignored"), and authenticated mail is read as before.
"""

from __future__ import annotations

import email
import itertools
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from reliability_kit import LONDON, ROLE, agency_return, auto_reply, query, referral, reply, snapshot, write_profile

TRUSTED = "mx.nsscp.example.gov.uk"
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
SENT = NOW - timedelta(minutes=5)


def stamp(domain: str, result: str = "pass") -> str:
    return (f"Authentication-Results: {TRUSTED}; spf={result} smtp.mailfrom={domain}; dkim={result} "
            f"header.d={domain}; dmarc={result} header.from={domain}\r\n")


# How the verdict fails: nothing from the boundary, a fail for the From domain, a pass for another domain only,
# a verdict from a server we do not trust, and a message with two Subject headers (judged before any verdict).
FAILS: dict[str, Callable[[bytes, str], bytes]] = {
    "no verdict": lambda raw, dom: raw,
    "dmarc fail": lambda raw, dom: stamp(dom, "fail").encode() + raw,
    "pass for another domain": lambda raw, dom: stamp("evil.example").encode() + raw,
    "untrusted server": lambda raw, dom: stamp(dom).replace(TRUSTED, "mx.evil.example").encode() + raw,
    "two subjects": lambda raw, dom: stamp(dom).encode() + b"Subject: hello\r\n" + raw,
}
# What it carries: a referral form, an agency return, a command, and mail that is none of them.
CONTENT: dict[str, Callable[[str], tuple[bytes, str]]] = {
    "referral": lambda mid: (referral(mid, SENT, NOW.date()), "csc.example.gov.uk"),
    "agency return": lambda mid: (agency_return("NS-CSPR-2026-001", "Education", ROLE["education_lead"], SENT, mid),
                                  ROLE["education_lead"].split("@")[1]),
    "command": lambda mid: (reply(ROLE["coordinator"], "NS-CSPR-2026-001", "CLOSE: merged", SENT, mid),
                            ROLE["coordinator"].split("@")[1]),
    "junk": lambda mid: (reply("someone@stranger.example", "NS-CSPR-2026-001", "hello " * 50, SENT, mid),
                         "stranger.example"),
}


@pytest.fixture()
def app(tmp_path: Path, database_url: str) -> Iterator[Any]:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp_path / "profile.toml", {
        "inbox": f'"maildir:{tmp_path}/inbox"', "sender": f'"maildir:{tmp_path}/outbox"',
        "trusted_authserv_id": f'"{TRUSTED}"', "require_authentication": "true", "work_budget_seconds": "0"})
    settings = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": database_url})
    a = App(settings, FixedClock(NOW), env={})
    a.db = database_url  # type: ignore[attr-defined]
    a.inbox_dir = tmp_path / "inbox"  # type: ignore[attr-defined]
    yield a
    a.close()


@pytest.fixture()
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the parser's calls in intake (the work budget is off in `app`: intake parses in this process)."""
    import bot.intake

    calls: list[int] = []
    real = bot.intake.parse_within_budget

    def counted(rt: Any, raw: bytes) -> Any:
        calls.append(len(raw))
        return real(rt, raw)

    monkeypatch.setattr(bot.intake, "parse_within_budget", counted)
    return calls


def _feed(app: Any, raw: bytes) -> list[Any]:
    from reliability_kit import deliver_sent as deliver

    deliver(app.inbox_dir, raw)
    return app.intake()  # type: ignore[no-any-return]


def _last(db: Any, table: str) -> int:
    return int(query(db, f"SELECT coalesce(max(id), 0) FROM {table}")[0][0])


def test_unauthenticated_mail_is_quarantined_unread(app: Any, parses: list[int]) -> None:
    db = app.db
    # a genuine case first: the forged command and return below name it
    raw, domain = CONTENT["referral"]("<genuine.0@csc.example.gov.uk>")
    assert _feed(app, stamp(domain).encode() + raw)[0].ref == "NS-CSPR-2026-001"
    for n, (fail, kind) in enumerate(itertools.product(FAILS, CONTENT)):
        raw, domain = CONTENT[kind](f"<unauth.{n}@x.example>")
        before, ev0, ob0, calls0 = snapshot(db), _last(db, "events"), _last(db, "outbox"), len(parses)
        out = _feed(app, FAILS[fail](raw, domain))
        assert [o.status for o in out] == ["quarantined"], (fail, kind, out)
        assert out[0].detail.startswith("sender authentication failed"), (fail, kind, out)
        assert len(parses) == calls0, f"{fail} / {kind}: parsed before it was judged"
        assert snapshot(db) == before, (fail, kind)
        row = query(db, "SELECT status, kind, parse_json FROM messages ORDER BY id DESC LIMIT 1")[0]
        assert row == ("quarantined", None, None), (fail, kind, row)
        events = query(db, "SELECT kind, detail FROM events WHERE id > ?", (ev0,))
        assert any(k == "forgery_suspected" and '"unread"' in str(d) for k, d in events), (fail, kind, events)
        # nothing to the sender (possibly the person impersonated); only the co-ordinator's quarantine notice
        sender = email.message_from_bytes(raw)["From"].split("<")[-1].strip(">").lower()
        sent = query(db, "SELECT kind, recipient FROM outbox WHERE id > ?", (ob0,))
        assert all(k == "triage" for k, _ in sent), (fail, kind, sent)  # the quarantine notice alone
        assert sender == ROLE["coordinator"] or sender not in {(r or "").lower() for _, r in sent}, (fail, kind, sent)


def test_authenticated_and_automatic_mail_is_still_read(app: Any, parses: list[int]) -> None:
    db = app.db
    raw, domain = CONTENT["referral"]("<genuine.1@csc.example.gov.uk>")
    out = _feed(app, stamp(domain).encode() + raw)
    assert [o.status for o in out] == ["processed"] and len(parses) == 1, out
    # an unauthenticated out-of-office (Auto-Submitted) is read as before: ignored as an automatic reply
    for n, fail in enumerate(FAILS):
        if fail == "two subjects":
            continue
        calls0 = len(parses)
        out = _feed(app, FAILS[fail](auto_reply("away@stranger.example", SENT, f"<ooo.{n}@stranger.example>"),
                                     "stranger.example"))
        assert len(parses) == calls0 + 1, fail
        assert [o.status for o in out] == ["ignored"], (fail, out)
    assert query(db, "SELECT count(*) FROM messages WHERE status = 'ignored'") == [(len(FAILS) - 1,)]


def test_open_as_referral_and_release_work_on_unread_mail(app: Any) -> None:
    from bot.intake import open_as_referral, release

    db = app.db
    raw, domain = CONTENT["referral"]("<unauth.open@csc.example.gov.uk>")
    out = _feed(app, FAILS["dmarc fail"](raw, domain))
    assert out[0].status == "quarantined"
    (mid,) = query(db, "SELECT id FROM messages WHERE status = 'quarantined'")[0]
    # release: intake again, judged again (still unauthenticated), still in quarantine and listed
    again = release(app.sessions, app.runtime(), mid)
    assert again.status == "quarantined" and again.detail.startswith("sender authentication failed"), again
    opened = open_as_referral(app.sessions, app.runtime(), mid, ROLE["coordinator"])
    assert opened.status == "processed" and opened.ref, opened
    kind, parse_json = query(db, "SELECT kind, parse_json FROM messages WHERE id = ?", (mid,))[0]
    assert kind == "referral" and parse_json and "Alex" in str(parse_json), "what was read is kept for the case view"
    # the case holds what the form says, as for a mail read on arrival
    (referral_json,) = query(db, "SELECT referral_json FROM cases WHERE ref = ?", (opened.ref,))[0]
    assert "Alex" in str(referral_json)
