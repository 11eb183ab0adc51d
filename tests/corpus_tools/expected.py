"""Expected parse output built from the ground truth (never from the parser), in the contract's JSON shape."""

from __future__ import annotations

from typing import Any

REFERRAL_REQUIRED = (
    ("referrer", "name"), ("referrer", "email"), ("child", "name"), ("child", "date_of_birth"),
    ("child", "incident_date"), ("criteria", "abuse_or_neglect"),
)  # fmt: skip


def _base(kind: str, case_ref: str | None = None) -> dict[str, Any]:
    return {"kind": kind, "case_ref": case_ref, "referral": None, "agency_return": None, "command": None,
            "missing": [], "warnings": []}


def referral(case: dict[str, Any], *, case_ref: str | None = None, warnings: list[str] | None = None,
             answered: set[str] | None = None) -> dict[str, Any]:
    truth = {k: v for k, v in case.items() if k != "eth"}
    out = _base("referral", case_ref)
    out["referral"] = truth
    out["missing"] = [f"referral.{a}.{b}" for a, b in REFERRAL_REQUIRED
                      if truth[a][b] is None and f"referral.{a}.{b}" not in (answered or set())]
    out["warnings"] = warnings or []
    return out


def agency_return(ret: dict[str, Any], *, case_ref: str | None = None, warnings: list[str] | None = None
                  ) -> dict[str, Any]:
    record = {k: v for k, v in ret.items() if k != "case_ref"}
    out = _base("agency_return", case_ref if case_ref is not None else ret["case_ref"])
    out["agency_return"] = record
    missing = [f"agency_return.{k}" for k, v in (("agency", record["agency"]), ("author.name", record["author"]["name"]),
                                                  ("involved", record["involved"])) if v is None]
    if record["involved"] and record["summary"] is None:
        missing.append("agency_return.summary")
    out["missing"] = missing
    out["warnings"] = warnings or []
    return out


def reply(case_ref: str | None, verb: str | None = None, args: dict[str, str] | None = None,
          warnings: list[str] | None = None) -> dict[str, Any]:
    out = _base("reply", case_ref)
    if verb is not None:
        out["command"] = {"verb": verb, "args": args or {}}
    out["warnings"] = warnings or []
    return out


def auto(case_ref: str | None = None) -> dict[str, Any]:
    out = _base("auto_reply", case_ref)
    out["warnings"] = ["automatic reply"]
    return out


def unknown(warnings: list[str]) -> dict[str, Any]:
    out = _base("unknown")
    out["warnings"] = warnings
    return out


def provisional(form: str, sender: str, warnings: list[str]) -> dict[str, Any]:
    """A referral with no readable form: kind referral, every detail null but the sender as the referrer's email."""
    blank = {
        "referrer": dict.fromkeys(("name", "role", "phone", "agency", "date_submitted")) | {"email": sender},
        "child": dict.fromkeys(("name", "date_of_birth", "home_address", "carer", "incident_date",
                                "incident_location", "ethnicity", "faith", "disability", "child_protection_plan")),
        "family": [], "criteria": dict.fromkeys(("child_died", "seriously_harmed", "abuse_or_neglect",
                                                 "agency_concern")),
        "summary": None, "other_agencies": [], "other_processes": [],
    }
    out = referral(blank, warnings=warnings)
    out["form"] = form
    return out
