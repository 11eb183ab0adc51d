"""Every template renders with StrictUndefined, and subjects never carry anything but the reference."""

from __future__ import annotations

from datetime import date

import pytest

from bot.render import SUBJECTS, environment, render_text, subject_for
from bot.settings import data_dir

CONTEXT: dict[str, object] = {
    "partnership": "NSSCP", "ref": "NS-CSPR-2026-001", "late": True, "received": date(2026, 4, 2),
    "incident_date": date(2026, 4, 1), "missing": ["referral.child.date_of_birth"], "to_check": ["referrer.role"],
    "warnings": ["w"], "notes": ["n"],
    "clocks": [{"label": "Screening", "due": date(2026, 4, 10), "who": "coordinator"}],
    "screening_due": date(2026, 4, 10), "qid": 3, "sender": "a@b", "received_at": "2026-04-02T10:00", "reason": "r",
    "kind": "routing", "recipient": "x@y", "error": "550", "verb": "CLOSE", "summary": "s", "agency": "Education",
    "due": date(2026, 4, 28), "raised_by": "p@x", "clock_label": "Agency return", "status": "overdue",
    "action": "Please", "rule": "chaser 2 WD before due", "overdue": 2, "responsible": "agency lead",
    "mailbox": "imap:x", "problem": "stale", "from": "x@y", "message": 4,
    "link": "http://127.0.0.1:8025/signin/link?t=x", "minutes": 15,
    "count": 5, "since": "2026-04-02T10:00", "senders": [("a@b", 5)], "more": 0, "retried": True,
    "items": [{"qid": 3, "sender": "a@b", "reason": "r", "ref": "NS-CSPR-2026-004", "received_at": "2026-04-02T10:05"}],
    # the process model's mails
    "provisional": True, "screening_overdue": True, "always_refer": ["a death in custody"], "looked_after": True,
    "aware": date(2026, 4, 1), "aware_from": "incident date", "related": ["NS-CSPR-2026-002"],
    "invites": ["DECISION: RAPID REVIEW"], "until": date(2026, 4, 20), "on": date(2026, 4, 8),
    "outcome": "rapid review", "children": ["NS-CSPR-2026-001", "NS-CSPR-2026-002"],
    "incident_ref": "NS-CSPR-2026-001", "again": False, "answered": True,
    "changes": ["CLOSE, received 2026-04-02 12:00 UTC, which moved the case to stage Closed"],
    "audience": "the co-ordinator", "n": 1,
    "roles": "coordinator", "hours": 5, "waiting": 2, "widened": True,
    "probable": True, "evidence": ["date_of_birth", "home_address"],
    "fields": ["child.home_address", "summary"], "kept": ["child.name"],  # a form completing a case (fix23e)
    "possible_duplicate": {"ref": "NS-CSPR-2026-002", "evidence": ["date_of_birth", "home_address"]},
    "overdue_clocks": [{"clock_label": "Agency return", "agency": "Education", "due": date(2026, 4, 28), "overdue": 3,
                        "responsible": "agency lead", "action": ""}],
}


@pytest.mark.parametrize("name", sorted(p.name.rsplit(".", 1)[0] for p in data_dir("templates").glob("*.txt")
                                        if not p.name.startswith("coordinator.digest")))
def test_template_renders(name: str) -> None:
    text, _html = render_text(name, CONTEXT)
    assert "NSSCP" in text
    assert environment().get_template(f"{name}.txt")


@pytest.mark.parametrize("kind", sorted(SUBJECTS))
def test_subjects_are_reference_only(kind: str) -> None:
    subject = subject_for(kind, "NS-CSPR-2026-001", {"due": "2026-04-10", "date": "2026-04-10"})
    assert subject.startswith("[NS-CSPR-2026-001] ")
