"""Incident and plan labels written as a sentence's start or a short status: "Incident occurred on:", "The injury
happened at:", "When did it happen?", "CP status:", "CPP:" (parse21, labels.py). A text referral of this file's own."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message


def _mail(body: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Anwen Thackeray <anwen.thackeray@nhs.net>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "Referral - serious incident"
    msg["Date"] = "Wed, 02 Dec 2026 11:04:00 +0000"
    msg.set_content(body)
    return msg.as_bytes()


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Incident occurred on", "The incident happened on", "When did it happen?",
                        "Injury occurred on"]),
       st.sampled_from(["Incident occurred at", "The injury happened at", "Event took place at"]),
       st.sampled_from(["CP status", "CPP", "CP plan status"]),
       st.sampled_from([("Unknown", "not_known"), ("Current", "yes"), ("Never", "no")]))
def test_incident_and_plan_labels(date_label: str, place_label: str, plan_label: str,
                                  plan: tuple[str, str]) -> None:
    body = "\n".join([
        "Referral for a rapid review", "", "Child's name: Efe Marchbank", "Date of birth: 14/03/2019",
        "Address: 4 Orchard Rise, Yatton, BS49 4HX", f"{date_label} 28 Nov 2026",
        f"{place_label}: Yatton Leisure Centre car park", f"{plan_label}: {plan[0]}", "",
        "Referrer: Anwen Thackeray, Named Nurse", "", "Anwen"])
    ref = parse_message(_mail(body)).referral
    assert ref is not None
    assert ref.child.name == "Efe Marchbank"
    assert ref.child.incident_date == "2026-11-28"
    assert ref.child.incident_location == "Yatton Leisure Centre car park"
    assert ref.child.child_protection_plan == plan[1]
