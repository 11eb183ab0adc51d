"""Stranger round 15, breaks B2/B4/B5: child identifiers in triage and notice mail, and in `csprbot case`.

B2: a narrative referral's triage mail printed the parser's warning as written ("child_named_in_letter: the
letter names Alex Fictional (born 2019-03-14) ..."). B4: quarantine notices and their flood summary printed a
From address that spells the child. B5: `csprbot case REF` without --full printed the reasons typed with
DISAGREE, WAIVE, EXTEND, CLOSE, REOPEN. Properties over generated children, addresses and reasons: nothing of
the child leaves in any queued mail but the routing mail to the secure roles, nor in `case` without --full
(with --full the reasons are there: the control that there was something to hide).
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, ROLE, bot_app, deliver_sent, junk, query, record_figures, referral

from bot.domain.redact import reason_codes, warning_code

name_part = st.from_regex(r"[A-Z][a-z]{5,9}", fullmatch=True)
STATS: dict[str, int] = {"mails_checked": 0, "triage_mails": 0, "case_outputs": 0, "leaks": 0}


@dataclass(frozen=True)
class Kid:
    first: str
    last: str
    dob: date
    street: str
    postcode: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def identifiers(self) -> list[str]:
        d = self.dob
        return [self.first, self.last, d.isoformat(), d.strftime("%d/%m/%Y"), d.strftime("%d.%m.%Y"),
                d.strftime("%d%m%Y"), self.street, self.postcode]

    def found_in(self, text: str) -> list[str]:
        low = text.lower()
        return [x for x in self.identifiers() if x.lower() in low]

    def addresses(self) -> list[str]:
        """From addresses that spell the child, on a partner's domain, nhs.net, gmail."""
        f, la, d = self.first.lower(), self.last.lower(), self.dob.strftime("%d%m%Y")
        return [f"{f}.{la}@csc.example.gov.uk", f"{la}.{f}@nhs.net", f"{f}{la}{d}@schools.example.gov.uk",
                f"{f[0]}.{la}@gmail.com", f"{f}_{la}@nsscp.example.gov.uk"]


@st.composite
def kids(draw: st.DrawFn) -> Kid:
    return Kid(draw(name_part), draw(name_part), draw(st.dates(date(2008, 1, 1), date(2021, 12, 31))),
               f"{draw(st.integers(2, 99))} {draw(name_part)} Lane", f"ZZ{draw(st.integers(1, 9))} 1ZZ")


# --- warnings by their codes (the mechanism, over every value-bearing warning shape the parsers write) ---------

def value_warnings(k: Kid) -> list[str]:
    """The parsers' value-bearing warnings (parsers/classify.py, referral.py, documents/attachments.py, reply.py,
    rows.py, message.py; bot/intake.py), written as they write them, with the child's values in them."""
    return [
        f"child_named_in_letter: the letter names {k.name} (born {k.dob.isoformat()}) as the child; "
        "child.name is left empty",
        f"child.name: the form names '{k.name}' but marks '{k.first}' as the subject; check the form",
        f"referrer.email: '{k.first.lower()}.{k.last.lower()}' is not an email address",
        f"attachment '{k.name} {k.dob:%d.%m.%Y}.pdf' (application/x-foo) is not a format csprbot reads: not opened",
        f"command EXTEND: '{k.dob:%d/%m/%Y}' is not a valid date (use YYYY-MM-DD)",
        f"child: date of birth '{k.dob:%d/%m/%Y}' is after the incident",
        f"opened as a referral by {k.addresses()[3]}",
        f"no pass aligned with csc.example.gov.uk (dkim=fail header.d={k.addresses()[0]})",
    ]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(kid=kids())
def test_every_value_bearing_warning_is_shown_by_its_code(kid: Kid) -> None:
    for w in value_warnings(kid):
        assert kid.found_in(w), w  # the control: the warning does carry the value
        assert kid.found_in(warning_code(w)) == [], (w, warning_code(w))
    joined = reason_codes("; ".join(value_warnings(kid)))
    assert kid.found_in(joined) == [] and "child_named_in_letter" in joined and "child.name" in joined


# --- B2 and B4 end to end: every queued mail but the routing mail --------------------------------------------

NARRATIVES = (
    "I am writing to refer {name} (DOB {dob:%d/%m/%Y}) of {street}, Exampletown {postcode} for consideration "
    "of a Child Safeguarding Practice Review. {first} was admitted to hospital on {incident:%d %B %Y} with a "
    "serious head injury; abuse is suspected and we have concerns about how agencies worked together.",
    "Please consider a CSPR for {first} {upper}, born {dob:%d.%m.%Y}, address {street} Exampletown {postcode}. "
    "On {incident:%d/%m/%Y} {first} suffered serious harm (head injury, bruising) and neglect is suspected. "
    "Several agencies were involved.",
)


def narrative(kid: Kid, wording: int, sent: datetime, incident: date, sender: str) -> bytes:
    m = EmailMessage()
    m["From"] = f"A Worker <{sender}>"
    m["To"] = ROLE["coordinator"]
    m["Subject"] = "CSPR referral"
    m["Date"] = format_datetime(sent)
    m["Message-ID"] = f"<narr-{wording}-{sent.timestamp():.0f}@csc.example.gov.uk>"
    m.set_content(NARRATIVES[wording].format(name=kid.name, first=kid.first, upper=kid.last.upper(), dob=kid.dob,
                                             street=kid.street, postcode=kid.postcode, incident=incident)
                  + "\n\nKind regards\nA Worker\n")
    return m.as_bytes()


def step(app: Any, t: datetime) -> None:
    from bot.intake import intake_pass, notice_summary
    from bot.outbox import deliver_due
    from bot.sweep import sweep

    rt = app.runtime(t)
    intake_pass(app.inbox, app.sessions, rt, received=app.received_time)
    notice_summary(app.sessions, rt)
    sweep(app.sessions, rt)
    deliver_due(app.sender, app.sessions, rt)


# Which template a queued mail came from, by its opening words (templates/coordinator.triage.*.txt).
OPENINGS = {"has been opened and routed, and needs your attention": "triage.referral",
            "could not be processed and has been kept in quarantine": "triage.quarantine",
            "more message(s) could not be processed since": "triage.summary"}


def template_of(text: str) -> str:
    return next((t for words, t in OPENINGS.items() if words in " ".join(text.split())), "other")


def bodies(raw: bytes) -> str:
    """Subject and the mail's own text and HTML body (not an attached original, which is the routing's)."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    out = [str(msg["Subject"])]
    for part in msg.iter_parts() if msg.is_multipart() else [msg]:
        if part.get_content_type() in ("text/plain", "text/html") and not part.get_filename():
            out.append(part.get_content())  # type: ignore[union-attr]
    return "\n".join(out)


# No shrinking: each example is a world (a shrink would rerun it hundreds of times); the failure prints it.
@settings(max_examples=4, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(kid=kids(), wording=st.integers(0, len(NARRATIVES) - 1))
def test_no_identifier_in_triage_notice_or_summary_mail(kid: Kid, wording: int, template_db: Path,
                                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("priv15")
    start = datetime(2026, 11, 10, 10, 0, tzinfo=LONDON)
    with bot_app(tmp, template_db) as app:
        deliver_sent(tmp / "inbox", narrative(kid, wording, start, start.date() - timedelta(days=1),
                                              "csc.safeguarding.lead@csc.example.gov.uk"))
        step(app, start + timedelta(minutes=5))
        # Unreadable mail from addresses that spell the child: one-by-one notices, then a flood summary.
        for i, sender in enumerate(kid.addresses()):
            deliver_sent(tmp / "inbox", junk(sender, start + timedelta(minutes=10 + i), f"<junk{i}@x.example>"))
        step(app, start + timedelta(minutes=20))
        step(app, start + timedelta(hours=3))
    rows = [(k, template_of(bodies(r)), rcpt, r)
            for k, rcpt, r in query(tmp / "csprbot.db", "SELECT kind, recipient, raw FROM outbox")]
    templates = {t for _, t, _, _ in rows}
    assert {"triage.referral", "triage.quarantine", "triage.summary"} <= templates, templates
    # Control: the letter was read as naming the child, so the triage mail had a warning to leak.
    parsed = query(tmp / "csprbot.db", "SELECT parse_json FROM messages WHERE parse_json LIKE ?", ("%names%",))
    assert any(kid.first in str(p) for (p,) in parsed)
    problems = []
    for kind, template, rcpt, raw in rows:
        if kind == "routing":
            continue  # the full-form mail to the secure referral roles carries the child by design
        STATS["mails_checked"] += 1
        STATS["triage_mails"] += kind == "triage"
        if found := kid.found_in(bodies(raw)):
            problems.append(f"{template} to {rcpt} carries {found}")
    STATS["leaks"] += len(problems)
    assert problems == []
    triage = next(bodies(r) for _, t, _, r in rows if t == "triage.referral")
    assert "child_named_in_letter" in triage  # what needs checking is still said, by its code


# --- B5: `csprbot case REF` without --full ------------------------------------------------------------------

VERBS = ("DISAGREE", "WAIVE", "EXTEND", "CLOSE", "REOPEN")


def run_cli(profile: Path, db: Path, *args: str) -> str:
    from bot.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), pytest.MonkeyPatch.context() as mp:
        mp.setenv("CSPRBOT_DATABASE_URL", f"sqlite:///{db}")
        main(["--config", str(profile), *args])
    return buf.getvalue()


@settings(max_examples=3, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(kid=kids())
def test_case_without_full_shows_that_a_reason_was_given_not_the_reason(
        kid: Kid, template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    tmp = tmp_path_factory.mktemp("priv15case")
    start = datetime(2026, 11, 10, 10, 0, tzinfo=LONDON)
    with bot_app(tmp, template_db) as app:
        deliver_sent(tmp / "inbox", referral("<p15@csc.example.gov.uk>", start, start.date() - timedelta(days=1)))
        step(app, start + timedelta(minutes=5))
    profile, db = tmp / "profile.toml", tmp / "csprbot.db"
    ref = str(query(db, "SELECT ref FROM cases")[0][0])
    said = f"{kid.name} (born {kid.dob.isoformat()}) of {kid.street} {kid.postcode}"
    steps = [(ROLE["service_leader"], f"DISAGREE: {said} meets the criteria"),
             (ROLE["assistant_director"], "AD DECISION: REFER"),
             (ROLE["coordinator"], "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police"),
             (ROLE["coordinator"], f"WAIVE Avon and Somerset Police: {said} not known to police"),
             (ROLE["coordinator"], f"EXTEND agency_return: 2027-01-05 {said} school closed"),
             (ROLE["coordinator"], f"CLOSE: {said} moved away"),
             (ROLE["coordinator"], f"REOPEN: {said} returned")]
    for i, (who, command) in enumerate(steps):
        out = run_cli(profile, db, "act", ref, command, "--as", who, "--now", f"2026-11-10T11:{10 + i}:00")
        assert "accepted" in out, (command, out)
    full = run_cli(profile, db, "case", ref, "--full") + run_cli(profile, db, "case", ref, "--json", "--full")
    assert full.count(kid.last) >= 2 * len(VERBS)  # control: each reason is on the record, shown with --full
    for args in (("case", ref), ("case", ref, "--json")):
        out = run_cli(profile, db, *args)
        STATS["case_outputs"] += 1
        leaked = [line.strip()[:120] for line in out.splitlines() if kid.found_in(line)]
        STATS["leaks"] += len(leaked)
        assert leaked == [], args
        assert "reason given" in out and "--full shows it" in out
    view = json.loads(run_cli(profile, db, "case", ref, "--json"))
    assert any("disagreement raised: reason given" in e["detail"] for e in view["events"])
    assert any(c["extension"] and "2027-01-05: reason given" in c["extension"] for c in view["clocks"])


def test_zzz_privacy_round15_figures() -> None:
    record_figures("privacy_round15", **STATS)
