"""Every mail names its reader by the reader's own role (stranger11 B4, B5): for every template and every
role that can receive it, the subject and the audience line (the first line) name that role and no other.

On 6186c04 the Assistant Director's notice of a no-rapid-review decision went out as "For the co-ordinator"
and the Panel-decision letter to the service leader and co-ordinator opened "For the ... executive.".
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain import routing
from bot.render import render_text, subject_for
from bot.settings import ROLES, data_dir, load_settings
from tests.unit.test_templates import CONTEXT

S = load_settings(None, env={})
TEMPLATES = sorted(p.name.rsplit(".", 1)[0] for p in data_dir("templates").glob("*.txt")
                   if not p.name.startswith("coordinator.digest"))
KINDS = {"triage": "triage", "notice": "triage", "letter": "letter", "escalation": "escalation",
         "chaser": "chaser", "routing": "routing", "ack": "ack", "confirm": "confirm", "refusal": "refusal",
         "request": "request", "signin": "signin"}
READERS = [r for r in ROLES if S.roles.of(r)] + ["referrer", "nobody"]
REFERRER = "sam.example@csc.example.gov.uk"


def kind_of(template: str) -> str:
    return KINDS[template.split(".")[1]]


def title(role: str) -> str:
    return routing.ROLE_TITLES[role].format(partnership=S.partnership.name).lower()


def address(role: str) -> str:
    if role == "referrer":
        return REFERRER
    if role == "nobody":
        return "someone@example.org"
    return S.roles.of(role)[0]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_a_mail_names_no_role_but_its_readers_own(template: str, reader: str) -> None:
    who = routing.audience(S, address(reader), REFERRER)
    if reader != "nobody":
        assert title(reader) == who.lower()
    text, _ = render_text(template, {**CONTEXT, "audience": who, "partnership": S.partnership.name})
    subject = subject_for(kind_of(template), "NS-CSPR-2026-001", {"due": "2026-04-10", "date": "2026-04-10",
                                                                  "audience": who}, template)
    heading = (subject + "\n" + text.strip().splitlines()[0]).lower()
    own = title(reader) if reader != "nobody" else "\0"
    others = [r for r in routing.ROLE_TITLES if r != reader and title(r) not in own]
    named = [r for r in others if title(r) in heading]
    assert not named, (template, reader, heading)


@pytest.mark.parametrize("reader", READERS)
def test_the_decision_letter_and_the_notices_greet_their_reader(reader: str) -> None:
    who = routing.audience(S, address(reader), REFERRER)
    letter, _ = render_text("executive.letter.decision", {**CONTEXT, "audience": who, "on": date(2026, 4, 8)})
    first = letter.splitlines()[0].lower()
    for template in ("senior.notice.no_rapid_review", "coordinator.triage.referral"):
        subject = subject_for("triage", "NS-CSPR-2026-001", {"audience": who}, template).lower()
        if reader == "nobody":
            assert subject.endswith("your attention") and first == "for your attention."
        else:
            assert title(reader) in subject and first == f"for {title(reader)}."
