"""Forgery, table-driven: no forged mail may change a case. Extends tests/e2e/test_protection.py (which covers
a dmarc=fail command, a display-name trick with CLOSE, and a wrong-role CLOSE) with the rest of the table.

The profile trusts the boundary server `mx.nsscp.example.gov.uk` and requires its verdict
(`require_authentication = true`): genuine mail carries that server's Authentication-Results stamp for the
sender's real domain, as a boundary server adds it. For every row: the cases, clocks and agency_requests
tables are identical before and after; a refusal goes only to the actual sender's own address (never to
someone impersonated) and only when it is safe to answer; the audit log gains an entry saying what was
refused or quarantined. Two genuine mails at the end prove the set-up could have changed state.
"""

from __future__ import annotations

import email.policy
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from reliability_kit import (
    LONDON,
    ROLE,
    agency_return,
    child_for,
    query,
    record_figures,
    referral,
    reply,
    snapshot,
    write_profile,
)

TRUSTED = "mx.nsscp.example.gov.uk"
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
REF = "NS-CSPR-2026-001"


def stamp(domain: str, result: str = "pass") -> str:
    """What the boundary server prepends: its verdict for the From domain it saw."""
    return f"{TRUSTED}; spf={result} smtp.mailfrom={domain}; dkim={result} header.d={domain}; " \
           f"dmarc={result} header.from={domain}"


def raw_mail(from_: str | None, body: str, auth: list[str], subject: str = f"RE: [{REF}] Reminder",
             extra: dict[str, str] | None = None) -> Callable[[str], bytes]:
    """A reply as it reaches the mailbox (SMTPUTF8: a non-ASCII address arrives as raw UTF-8)."""
    def make(mid: str) -> bytes:
        m = EmailMessage()
        for a in auth:  # top first, as the servers prepended them
            m["Authentication-Results"] = a
        if from_ is not None:
            m["From"] = from_
        m["To"] = "csprbot@nsscp.example.gov.uk"
        m["Subject"] = subject
        m["Date"] = format_datetime(NOW - timedelta(minutes=5))
        m["Message-ID"] = mid
        for k, v in (extra or {}).items():
            m[k] = v
        m.set_content(body + "\n")
        return m.as_bytes(policy=email.policy.SMTPUTF8)

    return make


@dataclass(frozen=True)
class Row:
    name: str
    make: Callable[[str], bytes]
    refusal_to: frozenset[str]  # who may get a "not actioned" reply: only ever the real sender, when safe
    audit: frozenset[str]  # at least one of these event kinds must be written


def _row(name: str, make: Callable[[str], bytes], refusal_to: tuple[str, ...] = (),
         audit: tuple[str, ...] = ("command_refused",)) -> Row:
    return Row(name, make, frozenset(refusal_to), frozenset(audit))


EVIL = "evil.example"
QUARANTINED = ("forgery_suspected", "quarantined")
ROWS = [
    _row("command from an unknown domain, the co-ordinator's local part",
         raw_mail(f"nsscp.coordinator@{EVIL}", "CLOSE: not needed", [stamp(EVIL)]), (f"nsscp.coordinator@{EVIL}",)),
    _row("command from a lookalike domain",
         raw_mail("nsscp.coordinator@nsscp.example.gov.uk.evil.example", "CLOSE: not needed",
                  [stamp("nsscp.example.gov.uk.evil.example")]),
         ("nsscp.coordinator@nsscp.example.gov.uk.evil.example",)),
    _row("command from a homoglyph local part (Cyrillic o)",
         raw_mail("nsscp.co\u043erdinator@nsscp.example.gov.uk", "CLOSE: not needed", [stamp("nsscp.example.gov.uk")]),
         ("nsscp.co\u043erdinator@nsscp.example.gov.uk",)),
    _row("right domain, wrong role: NOTIFIED from the director",
         raw_mail(ROLE["director"], "NOTIFIED: 2026-11-17", [stamp("nsscp.example.gov.uk")]), (ROLE["director"],)),
    _row("right domain, wrong role: EXTEND from the sub-group chair",
         raw_mail(ROLE["subgroup_chair"], "EXTEND screening: 2026-12-31 more time", [stamp("nsscp.example.gov.uk")]),
         (ROLE["subgroup_chair"],)),
    _row("right domain, wrong role: AD DECISION from the co-ordinator",
         raw_mail(ROLE["coordinator"], "AD DECISION: DO NOT REFER", [stamp("nsscp.example.gov.uk")]),
         (ROLE["coordinator"],)),
    _row("display name carrying the co-ordinator's name and address (quarantined, never answered)",
         raw_mail(f'"NSSCP Co-ordinator <{ROLE["coordinator"]}>" <forger@{EVIL}>', "DECISION: NO RAPID REVIEW no",
                  [stamp(EVIL)]), (), QUARANTINED),
    _row("two addresses in From: the co-ordinator's first, the forger's (which passed DMARC) second",
         raw_mail(f"{ROLE['coordinator']}, forger@{EVIL}", "CLOSE: not needed", [stamp(EVIL)]),
         (), QUARANTINED),
    _row("Sender header naming the co-ordinator, From the forger",
         raw_mail(f"forger@{EVIL}", "CLOSE: not needed", [stamp(EVIL)], extra={"Sender": ROLE["coordinator"]}),
         (f"forger@{EVIL}",)),
    _row("Reply-To pointing at the co-ordinator, From the forger",
         raw_mail(f"forger@{EVIL}", "CLOSE: not needed", [stamp(EVIL)], extra={"Reply-To": ROLE["coordinator"]}),
         (f"forger@{EVIL}",)),
    _row("no From header at all", raw_mail(None, "CLOSE: not needed", []), (), (*QUARANTINED, "command_refused")),
    _row("trusted server: dmarc=fail for the co-ordinator's domain",
         raw_mail(ROLE["coordinator"], "CLOSE: forged", [stamp("nsscp.example.gov.uk", "fail")]), (), QUARANTINED),
    _row("trusted server: dkim=fail, spf=fail, no dmarc",
         raw_mail(ROLE["coordinator"], "CLOSE: forged",
                  [f"{TRUSTED}; spf=fail smtp.mailfrom=nsscp.example.gov.uk; dkim=fail header.d=nsscp.example.gov.uk"]),
         (), QUARANTINED),
    _row("trusted server: spf=softfail only",
         raw_mail(ROLE["coordinator"], "CLOSE: forged", [f"{TRUSTED}; spf=softfail smtp.mailfrom=x"]), (), QUARANTINED),
    _row("trusted server fail on top, a planted trusted 'pass' below it",
         raw_mail(ROLE["coordinator"], "CLOSE: forged", [stamp("nsscp.example.gov.uk", "fail"),
                                                         stamp("nsscp.example.gov.uk")]), (), QUARANTINED),
    _row("planted pass from an untrusted authserv-id, no verdict from ours",
         raw_mail(ROLE["coordinator"], "CLOSE: forged", [f"mx.{EVIL}; dmarc=pass header.from=nsscp.example.gov.uk"]),
         (), QUARANTINED),
    _row("planted pass from a lookalike authserv-id",
         raw_mail(ROLE["coordinator"], "CLOSE: forged",
                  [f"{TRUSTED}.{EVIL}; dmarc=pass header.from=nsscp.example.gov.uk"]), (), QUARANTINED),
    _row("trusted verdict hidden in a comment",
         raw_mail(ROLE["coordinator"], "CLOSE: forged",
                  [f"{TRUSTED}; (dmarc=pass) dmarc=fail header.from=nsscp.example.gov.uk"]), (), QUARANTINED),
    _row("agency return from an unknown domain, naming Education",
         lambda mid: agency_return(REF, "Education", f"dsl@{EVIL}", NOW - timedelta(minutes=5), mid, auth=stamp(EVIL)),
         (), ("quarantined",)),
    _row("agency return from one agency's domain, naming another agency",
         lambda mid: agency_return(REF, "Education", ROLE["police_lead"], NOW - timedelta(minutes=5), mid,
                                   auth=stamp("avon.example.pnn.police.uk")),
         (), ("quarantined",)),
    _row("agency return with dmarc=fail from the Education lead's domain",
         lambda mid: agency_return(REF, "Education", ROLE["education_lead"], NOW - timedelta(minutes=5), mid,
                                   auth=stamp("schools.example.gov.uk", "fail")), (), QUARANTINED),
    _row("a reply quoting the real case reference from a non-role",
         raw_mail(f"someone@{EVIL}", "Thanks, noted. What is happening with this child?", [stamp(EVIL)]), (),
         ("reply_received", "quarantined")),
    _row("a command quoting the real case reference from a non-role, non-referrer",
         raw_mail("health.visitor@nhs.net", "DISAGREE: I think it should be reviewed", [stamp("nhs.net")]),
         ("health.visitor@nhs.net",)),
    _row("a forged referral (dmarc=fail) cannot open a case",
         lambda mid: _with_auth(referral(mid, NOW - timedelta(minutes=5), NOW.date(), child=child_for(7, _RNG)),
                                stamp("csc.example.gov.uk", "fail")), (), QUARANTINED),
]
_RNG = __import__("random").Random(5)


def _with_auth(raw: bytes, auth: str) -> bytes:
    return f"Authentication-Results: {auth}\r\n".encode() + raw


@pytest.fixture()
def app(tmp_path: Path, database_url: str) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    profile = write_profile(tmp_path / "profile.toml", {
        "inbox": f'"maildir:{tmp_path}/inbox"', "sender": f'"maildir:{tmp_path}/outbox"',
        "trusted_authserv_id": f'"{TRUSTED}"', "require_authentication": "true"})
    settings = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": database_url})
    a = App(settings, FixedClock(NOW), env={})
    a.db = database_url  # type: ignore[attr-defined]
    a.inbox_dir = tmp_path / "inbox"  # type: ignore[attr-defined]
    yield a
    a.close()


def _feed(app: Any, raw: bytes) -> list[Any]:
    from reliability_kit import deliver_sent as deliver

    deliver(app.inbox_dir, raw)
    return app.intake()  # type: ignore[no-any-return]


def _new(db: Path | str, table: str, after: int, cols: str) -> list[tuple[Any, ...]]:
    return query(db, f"SELECT {cols} FROM {table} WHERE id > ? ORDER BY id", (after,))


def _last_id(db: Path | str, table: str) -> int:
    return int(query(db, f"SELECT coalesce(max(id), 0) FROM {table}")[0][0])


def test_forged_mail_changes_nothing(app: Any) -> None:
    db: str = app.db
    # A real case in rapid review: Education and the police have been asked for returns.
    out = _feed(app, _with_auth(referral("<genuine.ref@csc.example.gov.uk>", NOW - timedelta(hours=2),
                                         NOW.date() - timedelta(days=1)), stamp("csc.example.gov.uk")))
    assert out[0].ref == REF, out
    out = _feed(app, reply(ROLE["subgroup_chair"], REF, "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and "
                           "Somerset Police", NOW - timedelta(hours=1), "<genuine.decision@nsscp.example.gov.uk>",
                           auth=stamp("nsscp.example.gov.uk")))
    assert out[0].detail.startswith("accepted"), out
    results: list[dict[str, Any]] = []
    failures: list[str] = []
    for i, row in enumerate(ROWS):
        before = snapshot(db)
        ev0, ob0 = _last_id(db, "events"), _last_id(db, "outbox")
        outcomes = _feed(app, row.make(f"<forgery.{i}@{EVIL}>"))
        after = snapshot(db)
        events = [k for (k,) in _new(db, "events", ev0, "kind")]
        refusals = {r for (r,) in _new(db, "outbox", ob0, "recipient") if r is not None} & {
            r for (r, k) in _new(db, "outbox", ob0, "recipient, kind") if k == "refusal"}
        changed = [t for t in before if before[t] != after[t]]
        results.append({"row": row.name, "outcome": [o.status for o in outcomes], "changed": changed,
                        "refusals": sorted(refusals), "audit": sorted(set(events) - {"mail_received", "mail_queued"})})
        if changed:
            failures.append(f"{row.name}: FORGED STATE CHANGE in {changed}")
        if not refusals <= row.refusal_to:
            failures.append(f"{row.name}: refusal sent to {sorted(refusals)}, allowed {sorted(row.refusal_to)}")
        if not set(events) & row.audit:
            failures.append(f"{row.name}: none of {sorted(row.audit)} in the audit log ({events})")
    forged = sum(bool(r["changed"]) for r in results)
    assert failures == [], "\n".join(failures)
    # Positive controls: the same paths do change state when the mail is genuine.
    before = snapshot(db)
    _feed(app, agency_return(REF, "Education", ROLE["education_lead"], NOW - timedelta(minutes=1),
                             "<genuine.return@schools.example.gov.uk>", auth=stamp("schools.example.gov.uk")))
    assert snapshot(db)["agency_requests"] != before["agency_requests"], "a genuine return must be recorded"
    _feed(app, reply(ROLE["coordinator"], REF, "CLOSE: merged with an existing review", NOW - timedelta(minutes=1),
                     "<genuine.close@nsscp.example.gov.uk>", auth=stamp("nsscp.example.gov.uk")))
    assert query(db, "SELECT stage FROM cases WHERE ref = ?", (REF,)) == [("closed",)]
    record_figures("forgery", rows=len(ROWS), forged_state_changes=forged, refusals_to_impersonated_addresses=0,
                   quarantined=sum("quarantined" in r["outcome"] for r in results),
                   refused_with_reply=sum(bool(r["refusals"]) for r in results))
    print(json.dumps(results, indent=1))


def test_forgery_table_has_the_issue_rows() -> None:
    names = " | ".join(r.name for r in ROWS)
    for needed in ("unknown domain", "wrong role", "display name", "dmarc=fail", "untrusted authserv-id",
                   "agency return from an unknown domain", "from a non-role"):
        assert needed in names, needed
