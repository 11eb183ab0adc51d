"""Assemble a Referral record from extracted values; list the required fields that are missing."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Literal

from parsers.dates import child_on
from parsers.fields import Extracted
from parsers.line_records import SAME_ADDRESS, join_wrapped_email
from parsers.provenance import MEDIUM, Prov, moved
from parsers.records import Child, CPPlan, Criteria, FamilyMember, OtherAgency, OtherProcess, Referral, Referrer
from parsers.several_forms import SEVERAL_CHILDREN_WARNING, names_several
from parsers.signature import split_contact

REQUIRED = (
    "referral.referrer.name",
    "referral.referrer.email",
    "referral.child.name",
    "referral.child.date_of_birth",
    "referral.child.incident_date",
    "referral.criteria.abuse_or_neglect",
)
_CPP: dict[str, CPPlan] = {"yes": "yes", "no": "no", "has_been": "has_been", "not_known": "not_known"}
_ABUSE: dict[str, Literal["known", "suspected"]] = {"known": "known", "suspected": "suspected"}
EMAIL = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+")


def clean_email(raw: str | None, what: str, warnings: list[str]) -> str | None:
    """The address inside "Jo Bloggs <jo@x.gov.uk>" or "mailto:..."; None with a warning if there is none."""
    if raw is None:
        return None
    m = EMAIL.search(join_wrapped_email(raw))
    if m is None:
        warnings.append(f"{what}: '{raw[:60]}' is not an email address")
        return None
    return m.group(0).rstrip(".").lower()


# "Okonkwo-\nReid" wrapped at the hyphen by a PDF or a narrow cell: one double-barrelled name
_BROKEN_HYPHEN = re.compile(r"(?<=[A-Za-z])-\s+(?=[A-Z])")
_NAME_KEYS = ("referrer.name", "child.name", "child.carer")


def dehyphenate(value: str | None) -> str | None:
    """A name on one line: a wrapped cell's line break is a space, a break after a hyphen is nothing."""
    return re.sub(r"\s*\n\s*", " ", _BROKEN_HYPHEN.sub("-", value)) if value else value


# What a person's name never holds: a date or a postcode (a column of answers run together). A one-line contact
# ("Jo Reed, DSL, Hillview School, jo.reed@...", with its email) is split later, and is not judged here.
_NOT_A_NAME = re.compile(
    r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\s+\d{4}\b|"
    r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
)


def _contact_line(key: str, value: str) -> bool:
    """"Declan Ogunleye, Detective Sergeant, Child Abuse Investigation Team, Avon and Somerset Constabulary" as the
    referrer: a name, role and agency in one answer, split later (classify._referrer_contact), not a run-on."""
    value = dehyphenate(value) or value  # as classify._referrer_contact will see it (line breaks joined)
    contact = split_contact(value) if key == "referrer.name" and "," in value else None
    return (contact is not None and contact.role is not None and contact.agency is not None
            and len(contact.name.split()) <= 4)  # the name part a name's length, not a run-on line


def _s(ex: Extracted, key: str) -> str | None:
    value = ex.get_str(f"referral.{key}")
    if value is not None and key in ("referrer.name", "child.name") and "@" not in value and (
            _NOT_A_NAME.search(value) or (len(value.split()) > 8 and not _contact_line(key, value))):
        ex.warnings.append(f"{key.replace('.', ' ')}: what was read there is not a name; left empty, check the form")
        return None
    return dehyphenate(value) if key in _NAME_KEYS else value


# "68 Stepstairs Lane, Hutton, BS24 1WG (both children)": a remark in brackets after the postcode, which ends a
# UK address
_AFTER_POSTCODE = re.compile(r"(\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\s*\([^()]{1,60}\)\s*$")


# "60 Marine Parade, Uphill, BS23 2AU, with Nazdar Barzani" (asked "Where does the child live and with whom?"): who
# the child lives with, after the postcode that ends the address; a name of two to four capitalised words
_WITH_AFTER_POSTCODE = re.compile(r"(\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\s*[,;]?\s+(?:and\s+)?(?:lives\s+|living\s+)?"
                                  r"with\s+(?P<with>[^,;()]{1,80}?)\s*\.?$")
_CARER_NAME = re.compile(r"(?:[^\W\d_a-z][\w'’\-]*\s+){1,3}[^\W\d_a-z][\w'’\-]*")


def _address(value: str | None) -> str | None:
    if value is not None and (lives := _WITH_AFTER_POSTCODE.search(value)) is not None:
        value = value[: lives.end(1)]  # the address ends at its postcode; who the child lives with is no part of it
    return _AFTER_POSTCODE.sub(r"\1", value) if value is not None else None


def _carer_after_address(value: str | None) -> str | None:
    """The carer named after the address ("..., BS23 2AU, with Nazdar Barzani"), when that is a person's name."""
    lives = _WITH_AFTER_POSTCODE.search(value) if value is not None else None
    if lives is None or not _CARER_NAME.fullmatch(lives.group("with").strip()):
        return None
    return lives.group("with").strip()


def _person(record: dict[str, object], home: str | None = None) -> dict[str, object]:
    # "_unread": a listed person the reader could not read, kept empty in its place (fields.py)
    record = {k: v for k, v in record.items() if not k.startswith("_")}
    name = record.get("name")
    out = {**record, "name": dehyphenate(name)} if isinstance(name, str) else record
    address = out.get("address")
    if isinstance(address, str) and SAME_ADDRESS.match(address.strip()):
        out = {**out, "address": home}  # "same address" / "as child": the child's home address, if given
    return out


def _joined_name(ex: Extracted, who: str) -> str | None:
    """"Forename Last name" from a form that asks for them in separate cells."""
    parts = [_s(ex, f"{who}.forename"), _s(ex, f"{who}.surname")]
    return " ".join(p for p in parts if p) or None


def _completed_by(ex: Extracted) -> None:
    """A referral form's "Form completed by" block (read as a return's author block): the person who completed
    the referral is the referrer, and gives every referrer field the form left empty."""
    for author, referrer in (("author.name", "referrer.name"), ("author.role", "referrer.role"),
                             ("author.email", "referrer.email"), ("author.phone", "referrer.phone"),
                             ("agency", "referrer.agency"), ("date_completed", "referrer.date_submitted")):
        value = ex.get_str(f"agency_return.{author}")
        if value is not None and ex.values.get(f"referral.{referrer}") is None:
            ex.values[f"referral.{referrer}"] = value
            ex.answered.add(f"referral.{referrer}")
            if (was := ex.prov.get(f"agency_return.{author}")) is not None:
                ex.prov[f"referral.{referrer}"] = was.capped(MEDIUM, "completed_by")


# A household row that is the subject child themself: "SUBJECT" / "Subject child" / "Child (subject)" / "Self" in
# the relationship column of a list that names the child among the others
_SUBJECT_RELATION = re.compile(
    r"^(?:the )?(?:subject(?: child)?|child \(subject\)|subject of (?:this|the) referral|referred child|"
    r"this child|self|the child)\.?$", re.I)


def _subject_rows(ex: Extracted, warnings: list[str]) -> tuple[list[dict[str, object]], dict[str, object] | None]:
    """The family records that are not the subject child, and the subject's own row when exactly one row says it
    is the child the referral is about ("Subject of this referral: Yes", relationship "SUBJECT"). A subject row is
    never a family member; with two or more marked, which one is the subject cannot be told and none is used."""
    family = ex.records.get("family", [])
    marked = [r for r in family if r.get("_subject") is True or (
        isinstance(rel := r.get("relationship"), str) and _SUBJECT_RELATION.match(rel.strip()))]
    if len(marked) > 1:
        warnings.append("family: more than one row is marked as the subject child; the child's details were not "
                        "taken from them, check the form")
    rest = [r for r in family if not any(r is m for m in marked)]
    return rest, marked[0] if len(marked) == 1 else None


def _plain(name: str) -> str:
    """A name's letters only, accents and case folded: "Siân O'Neil" and "SIAN ONEIL" are the same name."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch))


def _from_row(row: dict[str, object] | None, key: str) -> str | None:
    value = row.get(key) if row is not None else None
    return value if isinstance(value, str) else None


def build_referral(ex: Extracted, warnings: list[str]) -> tuple[Referral, list[str]]:
    """The record and its missing list."""
    if _s(ex, "referrer.name") is None and ex.get_str("agency_return.author.name"):
        _completed_by(ex)
    family, subject = _subject_rows(ex, warnings)
    referrer = Referrer(
        name=_s(ex, "referrer.name"),
        email=clean_email(_s(ex, "referrer.email"), "referrer email", warnings),
        role=_s(ex, "referrer.role"),
        phone=_s(ex, "referrer.phone"),
        agency=_s(ex, "referrer.agency"),
        date_submitted=_s(ex, "referrer.date_submitted"),
    )
    cpp = _s(ex, "child.child_protection_plan")
    answer = ex.get_str("referral.child.name") or ""
    if names_several(answer) and len(answer.split()) <= 12:  # longer: a sentence, not a name (_s says so)
        # two children in one answer are not one child's name: stored, it would match neither child's case
        warnings.append(SEVERAL_CHILDREN_WARNING)
        name = None
    else:
        name = _s(ex, "child.name") or _joined_name(ex, "child")
    row_name = dehyphenate(_from_row(subject, "name"))
    if name is not None and row_name is not None and _plain(name) != _plain(row_name):
        # the form names one child and marks another row as the subject: neither row value is trusted
        warnings.append(f"child.name: the form names '{name}' but marks '{row_name}' as the subject; check the form")
        subject = None
    child = Child(
        name=name or row_name,
        date_of_birth=_s(ex, "child.date_of_birth") or _from_row(subject, "date_of_birth"),
        home_address=_address(_s(ex, "child.home_address")) or _from_row(subject, "address"),
        carer=_s(ex, "child.carer") or _carer_after_address(_s(ex, "child.home_address")),
        incident_date=_s(ex, "child.incident_date"),
        incident_location=_s(ex, "child.incident_location"),
        ethnicity=_s(ex, "child.ethnicity") or _from_row(subject, "ethnicity"),
        faith=_s(ex, "child.faith"),
        disability=_s(ex, "child.disability"),
        child_protection_plan=_CPP.get(cpp or ""),
    )
    abuse = _s(ex, "criteria.abuse_or_neglect")
    criteria = Criteria(
        child_died=ex.get_bool("referral.criteria.child_died"),
        seriously_harmed=ex.get_bool("referral.criteria.seriously_harmed"),
        abuse_or_neglect=_ABUSE.get(abuse or ""),
        agency_concern=ex.get_bool("referral.criteria.agency_concern"),
    )
    referral = Referral(
        referrer=referrer,
        child=child,
        family=[FamilyMember.model_validate(_person(r, child.home_address)) for r in family
                if any(r.values())],
        criteria=criteria,
        summary=_s(ex, "summary"),
        other_agencies=[OtherAgency.model_validate(_person(r)) for r in ex.records.get("agencies", [])
                        if any(r.values())],
        other_processes=[OtherProcess.model_validate(r) for r in ex.records.get("processes", []) if any(r.values())],
    )
    data = referral.model_dump()
    ex.paths = _paths(ex, data)
    missing = [key for key in REQUIRED if _lookup(data, key) is None and key not in ex.answered]
    if (adult := _adult_on(child.date_of_birth, child.incident_date, referrer.date_submitted)) is not None:
        warnings.append(adult)
    return referral, missing


def _paths(ex: Extracted, data: dict[str, object]) -> dict[str, Prov]:
    """The provenance of the record's values by output path: a field's own, a list's by record and column."""
    paths = {key: p for key, p in ex.prov.items() if key.startswith("referral.")}
    paths.update(moved(ex.values, ex.prov, "referral."))
    if "referral.child.name" not in paths and (part := ex.prov.get("referral.child.forename")
                                               or ex.prov.get("referral.child.surname")) is not None:
        paths["referral.child.name"] = part.capped(MEDIUM, "joined_name")
    family, subject = _subject_rows(ex, [])
    if subject is not None:
        # the child's details a subject row filled (build_referral): that row's cells, as a moved value
        for field, col in (("name", "name"), ("date_of_birth", "date_of_birth"), ("home_address", "address"),
                           ("ethnicity", "ethnicity")):
            if f"referral.child.{field}" not in paths and (cell := ex.record_prov.get(id(subject), {}).get(col)):
                paths[f"referral.child.{field}"] = cell.capped(MEDIUM, "subject_row")
    child = data.get("child")
    if ("referral.child.carer" not in paths and isinstance(child, dict) and child.get("carer")
            and (home := ex.prov.get("referral.child.home_address")) is not None):
        paths["referral.child.carer"] = home.capped(MEDIUM, "lives_with")  # "..., BS23 2AU, with Nazdar Barzani"
    for out, kind in (("family", "family"), ("other_agencies", "agencies"), ("other_processes", "processes")):
        rows = family if kind == "family" else ex.records.get(kind, [])
        kept = [r for r in rows if any(r.values())]
        built = data.get(out)
        for n, rec in enumerate(kept):
            given = ex.record_prov.get(id(rec), {})
            for col, p in given.items():
                paths[f"referral.{out}[{n}].{col}"] = p
            address = rec.get("address")
            if isinstance(built, list) and n < len(built) and isinstance(address, str) and SAME_ADDRESS.match(
                    address.strip()) and (cell := given.get("address")) is not None:
                paths[f"referral.{out}[{n}].address"] = cell.capped(MEDIUM, "same_address")  # the child's, by reference
    return paths


def _adult_on(born: str | None, incident: str | None, submitted: str | None) -> str | None:
    """A warning when the form's date of birth makes the subject 18 or older on the incident day (on the day the
    form was dated when it gives no incident date). Flagged for checking, never refused: a misread or mistyped
    year (1900, a parent's date of birth) is the likelier cause, and the co-ordinator corrects it."""
    try:
        birth = date.fromisoformat(born) if born else None
        on, what = ((date.fromisoformat(incident), "the day of the incident") if incident
                    else (date.fromisoformat(submitted), "the day the form was dated") if submitted else (None, ""))
    except ValueError:
        return None
    if birth is None or on is None or child_on(birth, on):
        return None
    return (f"child.date_of_birth: the form's date of birth makes the subject 18 or older on {what} "
            f"({on.isoformat()}); a review is about a child (under 18): check it")


def _lookup(data: dict[str, object], dotted: str) -> object:
    node: object = data
    for part in dotted.split(".")[1:]:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def referral_score(ex: Extracted) -> float:
    """How much this source looks like a referral form (criteria answers count most)."""
    score = 0.0
    for key in ex.values:
        if key.startswith("referral.criteria."):
            score += 2
        elif key.startswith("referral."):
            score += 1
    score += sum(1 for key in ex.answered if key.startswith("referral.criteria.") and key not in ex.values)
    score += 0.5 * (len(ex.records.get("family", [])) > 0)
    return score
