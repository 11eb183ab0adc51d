"""Data protection, as a property: whatever child and family a referral names, no subject line, chaser,
escalation or digest (text, HTML, .ics) carries any of it; personal kinds go only to the secure allowlist;
mail to a sender outside it (an acknowledgement, a refusal) carries nothing about the child either.

Referenced, not repeated: SMTP without STARTTLS refused and plaintext only on loopback
(tests/integration/test_smtp.py::test_server_without_starttls_is_refused, ::test_plaintext_only_on_loopback),
the append-only audit log and retention (tests/e2e/test_protection.py). Added here: the config-level
refusal of a plaintext SMTP URL off loopback, and `csprbot audit export` emitting every event.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import (
    LONDON,
    REFERRER,
    ROLE,
    Child,
    bot_app,
    query,
    record_figures,
    referral,
    reply,
    write_profile,
)

PERSONAL_KINDS = {"routing", "request", "chaser", "escalation", "digest"}
NO_IDENTIFIER_KINDS = {"chaser", "escalation", "digest"}  # and every subject, and anything to a non-secure domain
SECURE_SUFFIXES = (".gov.uk", ".police.uk")  # *.gov.uk, *.police.uk (covers *.pnn.police.uk), plus nhs.net
STATS: dict[str, int] = {"examples": 0, "mails_checked": 0, "personal_mails": 0, "leaks": 0}


def secure(address: str) -> bool:
    """The default allowlist, written out independently of bot.settings.insecure_reason."""
    domain = address.rsplit("@", 1)[-1].lower()
    legacy = any(domain.endswith(s) for s in (".gsi.gov.uk", ".gcsx.gov.uk", ".gsx.gov.uk", ".gse.gov.uk"))
    return not legacy and (domain == "nhs.net" or domain.endswith(SECURE_SUFFIXES))


name_part = st.from_regex(r"[A-Z][a-z]{4,9}", fullmatch=True)
dates = st.dates(date(1970, 1, 1), date(2019, 12, 31))


@st.composite
def children(draw: st.DrawFn) -> Child:
    last = draw(name_part)
    street = f"{draw(st.integers(2, 999))} {draw(name_part)} Close, {draw(name_part)}ton"
    family = (
        (f"{draw(name_part)} {last}", "Mother", draw(dates), street),
        (f"{draw(name_part)} {draw(name_part)}", "Mother's partner", draw(dates), street),
    )
    postcode = f"ZZ{draw(st.integers(1, 9))} {draw(st.integers(1, 9))}QQ"
    return Child(f"{draw(name_part)} {last}", draw(st.dates(date(2008, 1, 1), date(2019, 12, 31))),
                 f"{street}, {postcode}", f"{family[0][0]} (mother)", family)


def texts_of(raw: bytes) -> dict[str, str]:
    """Subject, and every text part, HTML part and calendar attachment, decoded."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    out = {"subject": str(msg["Subject"])}
    for i, part in enumerate(msg.walk()):
        ctype = part.get_content_type()
        if ctype.startswith("text/"):
            payload = part.get_payload(decode=True) or b""
            out[f"{i}:{ctype}"] = payload.decode(part.get_content_charset() or "utf-8", "replace")
    return out


def leaks(text: str, child: Child) -> list[str]:
    low = text.lower()
    found = [x for x in child.identifiers() if x and x.lower() in low]
    for name, *_ in child.family:  # surnames alone too (the generated ones are 5+ random letters)
        found += [p for p in name.split() if p.lower() in low]
    return found


def run_case(app: Any, tmp: Path, child: Child, start: datetime) -> None:
    """Referral (one from a partner agency, the same child re-sent by a GP's personal address), a rapid
    review, a disagreement and a refused command; then two working weeks of sweeps, digests and sends."""
    from reliability_kit import deliver_sent as deliver

    from bot.digest import send_digest_if_due
    from bot.intake import intake_pass
    from bot.outbox import deliver_due
    from bot.sweep import sweep

    def at(t: datetime) -> Any:
        return app.runtime(t.astimezone(LONDON))

    def step(t: datetime) -> None:
        rt = at(t)
        intake_pass(app.inbox, app.sessions, rt, received=app.received_time)
        sweep(app.sessions, rt)
        send_digest_if_due(app.sessions, rt)
        deliver_due(app.sender, app.sessions, rt)

    inbox = tmp / "inbox"
    incident = start.date() - timedelta(days=1)
    deliver(inbox, referral("<p.ref@csc.example.gov.uk>", start, incident, child=child))
    step(start + timedelta(minutes=5))
    ref = str(query(tmp / "csprbot.db", "SELECT ref FROM cases")[0][0])
    # A second referral of another child, from a non-secure address: its acknowledgement leaves the allowlist.
    other = Child(child.family[1][0], child.dob + timedelta(days=40), child.address, child.carer, child.family)
    raw = referral("<p.gp@gmail.com>", start + timedelta(minutes=20), incident, child=other)
    deliver(inbox, raw.replace(REFERRER.encode(), b"dr.gp.personal@gmail.com"))
    t = start + timedelta(hours=1)
    deliver(inbox, reply(ROLE["subgroup_chair"], ref, "DECISION: RAPID REVIEW\nAGENCIES: all", t, "<p.dec@x.gov.uk>"))
    deliver(inbox, reply(REFERRER, ref, "DISAGREE: the family should be looked at again", t, "<p.dis@x.gov.uk>"))
    deliver(inbox, reply("dr.gp.personal@gmail.com", ref, "CLOSE: wrong", t, "<p.bad@gmail.com>"))
    step(t + timedelta(minutes=5))
    day = start.date()
    for _ in range(11):  # chasers before the due dates, escalations after, a digest every working day
        day += timedelta(days=1)
        for hh, mm in ((8, 30), (9, 5)):
            step(datetime(day.year, day.month, day.day, hh, mm, tzinfo=LONDON))


@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(child=children(), weekday=st.integers(0, 4))
def test_no_identifier_leaves_in_subjects_chasers_escalations_digests_or_to_insecure_domains(
        child: Child, weekday: int, template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("privacy")
    start = datetime(2026, 11, 9 + weekday, 10, 0, tzinfo=LONDON)  # Mon 9 - Fri 13 November 2026
    with bot_app(tmp, template_db) as app:
        run_case(app, tmp, child, start)
    rows = query(tmp / "csprbot.db", "SELECT kind, recipient, subject, raw FROM outbox")
    kinds = {k for k, *_ in rows}
    assert {"routing", "ack", "request", "chaser", "escalation", "digest", "refusal"} <= kinds, kinds
    problems = []
    for kind, rcpt, subject, raw in rows:
        STATS["mails_checked"] += 1
        if kind in PERSONAL_KINDS:
            STATS["personal_mails"] += 1
            if not secure(rcpt):
                problems.append(f"{kind} queued to {rcpt}, outside the secure allowlist")
        if found := leaks(subject, child):
            problems.append(f"{kind} subject {subject!r} names {found}")
        if kind in NO_IDENTIFIER_KINDS or not secure(rcpt):
            for part, text in texts_of(raw).items():
                if found := leaks(text, child):
                    problems.append(f"{kind} to {rcpt} ({part}) contains {found}")
    # Control: the form was really read with these details, so a leak would have had something to leak.
    (form,) = query(tmp / "csprbot.db", "SELECT referral_json FROM cases WHERE referral_json LIKE ?",
                    (f"%{child.name}%",))[0]
    assert child.name in form and child.dob.isoformat() in form
    digests = [r for r in rows if r[0] == "digest"]
    assert digests and all(r[1] == ROLE["coordinator"] for r in digests)
    assert any(r[1].endswith("@gmail.com") for r in rows), "the test must exercise mail to a non-secure sender"
    STATS["examples"] += 1
    STATS["leaks"] += len(problems)
    assert problems == []


def test_zzz_privacy_figures() -> None:
    record_figures("privacy", **STATS)


# --- transport and audit ---------------------------------------------------------------------------------

def test_plaintext_smtp_off_loopback_is_a_config_error(tmp_path: Path) -> None:
    from bot.settings import ConfigError, load_settings

    profile = write_profile(tmp_path / "profile.toml")
    for url in ("smtp://bot@mail.example.org:587?tls=none", "smtp://bot@10.0.0.5:25?tls=none"):
        with pytest.raises(ConfigError) as err:
            load_settings(str(profile), env={"CSPRBOT_SENDER_URL": url})
        assert "loopback" in str(err.value), err.value
    assert load_settings(str(profile), env={"CSPRBOT_SENDER_URL": "smtp://bot@127.0.0.1:2525?tls=none"})


def test_audit_export_emits_every_event_as_json_lines(tmp_path: Path, template_db: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.cli import main

    with bot_app(tmp_path, template_db) as app:
        run_case(app, tmp_path, Child(), datetime(2026, 11, 10, 10, tzinfo=LONDON))
    monkeypatch.setenv("CSPRBOT_DATABASE_URL", f"sqlite:///{tmp_path}/csprbot.db")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["--config", str(tmp_path / "profile.toml"), "audit", "export"]) == 0
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    ids = [e["id"] for (e) in lines]
    db_ids = [i for (i,) in query(tmp_path / "csprbot.db", "SELECT id FROM events ORDER BY id")]
    assert ids == db_ids and len(ids) > 50
    assert all({"id", "at", "case", "kind", "by", "detail"} <= set(e) for e in lines)
    kinds = {e["kind"] for e in lines}
    assert {"mail_received", "mail_queued", "mail_sent", "clock_started", "command_accepted",
            "command_refused", "chaser_sent", "escalation_sent"} <= kinds | {"chaser_sent_late"}, kinds
    record_figures("audit_export", events=len(ids), exported=len(lines), kinds=len(kinds))
