"""Shared wording for set 12's layouts: label sets (modelled on Kent, Birmingham, Brighton & Hove, Hampshire and
Cambridgeshire & Peterborough pages), answer words, date writing, the expected JSON shell."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from h12_data import fmt_date, public

LABELS: dict[str, dict[str, str]] = {
    "kent": {"ref_name": "Name of person making the referral", "ref_role": "Job title",
             "ref_agency": "Organisation", "ref_email": "Secure email address", "ref_phone": "Contact number",
             "ref_date": "Date of referral", "child_name": "Child's full name", "dob": "Date of birth",
             "addr": "Normal place of residence", "carer": "Person with parental responsibility / main carer",
             "inc_date": "Date of the serious incident", "inc_loc": "Where did the incident take place?",
             "ethn": "Ethnicity", "faith": "Religion", "dis": "Disability / SEND",
             "cp": "Child Protection Plan status",
             "q_died": "Has the child died?", "q_harm": "Has the child been seriously harmed?",
             "q_an": "Is abuse or neglect known or suspected?",
             "q_ag": "Does the case highlight potential learning about how agencies worked together?",
             "summary": "Brief description of the serious incident and why you are referring",
             "agencies": "Other professionals working with the family", "procs": "Parallel processes"},
    "bham": {"ref_name": "Referrer name", "ref_role": "Designation", "ref_agency": "Agency / service",
             "ref_email": "E-mail", "ref_phone": "Telephone", "ref_date": "Date form completed",
             "child_name": "Name of child / young person", "dob": "D.O.B.", "addr": "Address (incl. postcode)",
             "carer": "Parent / carer", "inc_date": "Date of death or serious harm", "inc_loc": "Location",
             "ethn": "Ethnic origin", "faith": "Faith", "dis": "Any disability?", "cp": "Subject of a CP Plan?",
             "q_died": "Child deceased", "q_harm": "Child seriously harmed",
             "q_an": "Abuse / neglect", "q_ag": "Concerns about multi-agency working",
             "summary": "Summary of incident", "agencies": "Agencies involved",
             "procs": "Other processes (Coroner, CDOP, criminal, NHS SI)"},
    "bhove": {"ref_name": "Your name", "ref_role": "Your role", "ref_agency": "Your organisation",
              "ref_email": "Your email", "ref_phone": "Your phone number", "ref_date": "Today's date",
              "child_name": "Child's name", "dob": "Child's date of birth", "addr": "Child's address",
              "carer": "Who does the child live with?", "inc_date": "When did the incident happen?",
              "inc_loc": "Where did it happen?", "ethn": "Child's ethnicity", "faith": "Child's religion or belief",
              "dis": "Does the child have a disability?", "cp": "Is the child on a child protection plan?",
              "q_died": "Did the child die?", "q_harm": "Was the child seriously harmed?",
              "q_an": "Is abuse or neglect known, or suspected?",
              "q_ag": "Are you worried about how agencies worked together?",
              "summary": "What happened?", "agencies": "Who else knows the family?",
              "procs": "Any other investigations or reviews?"},
}

CP_WORDS = {
    "a": {"yes": "Yes - current", "no": "No", "has_been": "Has been in the past", "not_known": "Not known"},
    "b": {"yes": "Currently on a plan", "no": "Never", "has_been": "Previously (plan ended)", "not_known": "Unknown"},
    "c": {"yes": "Yes", "no": "No", "has_been": "No - but was previously", "not_known": "Don't know"},
}
CP_OPTIONS = {"a": ["Yes - current", "No", "Has been in the past", "Not known"],
              "b": ["Currently on a plan", "Never", "Previously (plan ended)", "Unknown"],
              "c": ["Yes", "No", "No - but was previously", "Don't know"]}


def D(iso: str | None, style: str) -> str:
    return fmt_date(dt.date.fromisoformat(iso), style) if iso else ""


def yn(b: bool | None) -> str:
    return "" if b is None else ("Yes" if b else "No")


def shell(kind: str, case_ref: str | None = None, referral: dict[str, Any] | None = None,
          agency_return: dict[str, Any] | None = None, command: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"kind": kind, "case_ref": case_ref, "referral": public(referral) if referral else None,
            "agency_return": agency_return, "command": command}


def child_rows(ref: dict[str, Any], L: dict[str, str], ds: str, cpw: str = "a") -> list[tuple[str, str]]:
    c = ref["child"]
    return [(L["child_name"], c["name"]), (L["dob"], D(c["date_of_birth"], ds)), (L["addr"], c["home_address"]),
            (L["carer"], c["carer"]), (L["inc_date"], D(c["incident_date"], ds)), (L["inc_loc"], c["incident_location"]),
            (L["ethn"], c["ethnicity"]), (L["faith"], c["faith"]), (L["dis"], c["disability"]),
            (L["cp"], CP_WORDS[cpw][c["child_protection_plan"]])]


def referrer_rows(ref: dict[str, Any], L: dict[str, str], ds: str) -> list[tuple[str, str]]:
    r = ref["referrer"]
    return [(L["ref_name"], r["name"]), (L["ref_role"], r["role"]), (L["ref_agency"], r["agency"]),
            (L["ref_email"], r["email"]), (L["ref_phone"], r["phone"]), (L["ref_date"], D(r["date_submitted"], ds))]


def family_rows(ref: dict[str, Any], ds: str, unknown: str = "Not known") -> list[list[str]]:
    out = []
    for f in ref["family"]:
        out.append([f["name"] or unknown, f["relationship"], D(f["date_of_birth"], ds) or unknown,
                    f["address"] or unknown, f["ethnicity"] or unknown])
    return out


def agency_rows(ref: dict[str, Any]) -> list[list[str]]:
    return [[a["name"], a["agency"], a["contact"], yn(a["still_involved"])] for a in ref["other_agencies"]]


def proc_rows(ref: dict[str, Any]) -> list[list[str]]:
    return [[p["process"], p["status"]] for p in ref["other_processes"]]


def crit(ref: dict[str, Any]) -> dict[str, Any]:
    return ref["criteria"]


def rng_of(name: str) -> random.Random:
    return random.Random(name)
