"""Same incident, or a different child who shares a name? (pure)"""

from __future__ import annotations

from bot.domain.duplicates import same_incident
from parsers.records import Child, Referral

OPEN = [("NS-CSPR-2026-001", {"child": {"name": "Alex  Fictional", "date_of_birth": "2019-03-14",
                                         "incident_date": "2026-04-01"}}),
        ("NS-CSPR-2026-002", None)]


def ref(name: str | None, dob: str | None = None, incident: str | None = None) -> Referral:
    return Referral(child=Child(name=name, date_of_birth=dob, incident_date=incident))


def test_name_with_dob_or_incident_matches() -> None:
    # a name and a birthday alone are shared by namesakes: flagged, never joined (stranger round 16); the
    # incident date with them joins
    assert same_incident(ref("alex fictional", dob="2019-03-14"), OPEN) is None
    assert same_incident(ref("alex fictional", dob="2019-03-14", incident="2026-04-01"), OPEN) == "NS-CSPR-2026-001"
    assert same_incident(ref("Alex Fictional", incident="2026-04-01"), OPEN) == "NS-CSPR-2026-001"


def test_name_alone_or_other_dates_do_not_match() -> None:
    assert same_incident(ref("Alex Fictional"), OPEN) is None
    assert same_incident(ref("Alex Fictional", dob="2020-01-01", incident="2026-05-01"), OPEN) is None
    assert same_incident(ref(None, dob="2019-03-14"), OPEN) is None
    assert same_incident(ref("Sam Other", dob="2019-03-14"), OPEN) is None
