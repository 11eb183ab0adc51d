"""Is this referral about a case already open? Two agencies often refer the same death or injury.

Pure: compares the new form with open cases' forms. A match needs the child's name plus the date of
birth or the incident date, so two children who share a name are not merged.
"""

from __future__ import annotations

from collections.abc import Iterable

from parsers.records import Referral


def _norm(text: object) -> str:
    return " ".join(str(text or "").lower().replace(",", " ").split())


def same_incident(new: Referral, cases: Iterable[tuple[str, dict[str, object] | None]]) -> str | None:
    """The reference of the open case this referral duplicates, if any."""
    name = _norm(new.child.name)
    if not name:
        return None
    for case_ref, form in cases:
        child = form.get("child") if isinstance(form, dict) else None
        if not isinstance(child, dict) or _norm(child.get("name")) != name:
            continue
        dob, incident = child.get("date_of_birth"), child.get("incident_date")
        if (new.child.date_of_birth and dob == new.child.date_of_birth) or (
            new.child.incident_date and incident == new.child.incident_date
        ):
            return case_ref
    return None
