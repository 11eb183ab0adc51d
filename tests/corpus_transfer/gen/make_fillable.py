"""Fillable-PDF variants of the carrier transfer set: a referral's answers (from its expected JSON) typed into
an AcroForm whose fields carry descriptive names and tooltips ("Child's full name", "Family member 2
relationship"), the form's printed labels on the page; sent with the original message's headers and text.

Usage: python tests/corpus_transfer/gen/make_fillable.py   (pypdf only; no LibreOffice needed)
The expected answers are the original's values, written sparse (`NAME.json`: only filled values are scored),
since `missing` and `warnings` describe how the original form read, not this one.
"""

from __future__ import annotations

import email
import email.policy
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, FloatObject, NameObject, TextStringObject

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "corpus_tools"))

from make_transfer import OUT, TESTS, answer_path, body_text, rebuilt  # noqa: E402
from pdf_forms import text_pdf  # noqa: E402

PER_SET = 3  # referrals taken from each source set, in name order
CP_PLAN = {"yes": "Yes", "no": "No", "has_been": "Previously", "not_known": "Not known"}


def _date(iso: str | None) -> str | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else iso


def fields_of(ref: dict[str, Any]) -> list[tuple[str, str, str, object]]:
    """(kind, field name, tooltip, value) for each filled answer, in the form's order."""
    out: list[tuple[str, str, str, object]] = []

    def text(name: str, tip: str, value: object) -> None:
        if value not in (None, ""):
            out.append(("text", name, tip, value))

    r, c, k = ref.get("referrer") or {}, ref.get("child") or {}, ref.get("criteria") or {}
    text("ReferrerName", "Name of referrer", r.get("name"))
    text("ReferrerRole", "Job title / role", r.get("role"))
    text("ReferrerAgency", "Agency / organisation", r.get("agency"))
    text("ReferrerEmail", "Email address", r.get("email"))
    text("ReferrerPhone", "Telephone number", r.get("phone"))
    text("DateOfReferral", "Date of referral", _date(r.get("date_submitted")))
    text("ChildName", "Child's full name", c.get("name"))
    text("ChildDOB", "Child's date of birth", _date(c.get("date_of_birth")))
    text("ChildAddress", "Child's home address", c.get("home_address"))
    text("ChildCarer", "Parent / carer", c.get("carer"))
    text("IncidentDate", "Date of incident", _date(c.get("incident_date")))
    text("IncidentLocation", "Where did the incident happen?", c.get("incident_location"))
    text("ChildEthnicity", "Child's ethnicity", c.get("ethnicity"))
    text("ChildFaith", "Child's religion / faith", c.get("faith"))
    text("ChildDisability", "Child's disability", c.get("disability"))
    text("CPPlan", "Is the child subject to a child protection plan?", CP_PLAN.get(str(c.get("child_protection_plan"))))
    for key, name, tip in (("child_died", "ChildDied", "Has the child died?"),
                           ("seriously_harmed", "SeriouslyHarmed", "Has the child been seriously harmed?"),
                           ("agency_concern", "AgencyConcern",
                            "Is there concern about how agencies worked together?")):
        if k.get(key) is not None:
            out.append(("check", name, tip, k[key]))
    if k.get("abuse_or_neglect") is not None:
        text("AbuseOrNeglect", "Is abuse or neglect known or suspected?", str(k["abuse_or_neglect"]).capitalize())
    text("Summary", "Summary of the incident", ref.get("summary"))
    for n, p in enumerate(ref.get("family") or [], 1):
        text(f"Family{n}Name", f"Family member {n} name", p.get("name"))
        text(f"Family{n}Relationship", f"Family member {n} relationship to child", p.get("relationship"))
        text(f"Family{n}DOB", f"Family member {n} date of birth", _date(p.get("date_of_birth")))
        text(f"Family{n}Address", f"Family member {n} address", p.get("address"))
        text(f"Family{n}Ethnicity", f"Family member {n} ethnicity", p.get("ethnicity"))
    for n, a in enumerate(ref.get("other_agencies") or [], 1):
        text(f"Agency{n}Name", f"Other agency {n} worker name", a.get("name"))
        text(f"Agency{n}Agency", f"Other agency {n} agency", a.get("agency"))
        text(f"Agency{n}Contact", f"Other agency {n} contact details", a.get("contact"))
        if a.get("still_involved") is not None:
            out.append(("check", f"Agency{n}StillInvolved", f"Other agency {n} still involved?", a["still_involved"]))
    for n, p in enumerate(ref.get("other_processes") or [], 1):
        text(f"Process{n}", f"Other process {n}", p.get("process"))
        text(f"Process{n}Status", f"Other process {n} current status", p.get("status"))
    return out


def fillable(fields: list[tuple[str, str, str, object]]) -> bytes:
    """Printed labels down the left of each page, a field beside each (as pypdf writes an AcroForm)."""
    per_page = 60
    printed: list[str | tuple[str, str]] = ["Request for a Child Safeguarding Practice Review (fillable form)"]
    printed += [tip for _, _, tip, _ in fields]
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(text_pdf(printed, lines_per_page=per_page))))
    acro = ArrayObject()
    for n, (kind, name, tip, value) in enumerate(fields):
        line = n + 1  # the title is line 0
        page = writer.pages[line // per_page]
        y = 800 - 11 * (line % per_page)
        field = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/T"): TextStringObject(name), NameObject("/TU"): TextStringObject(tip),
            NameObject("/Rect"): ArrayObject([FloatObject(310), FloatObject(y - 2), FloatObject(580),
                                              FloatObject(y + 8)]),
        })
        if kind == "text":
            field[NameObject("/FT")] = NameObject("/Tx")
            field[NameObject("/V")] = TextStringObject(str(value))
        else:
            field[NameObject("/FT")] = NameObject("/Btn")
            field[NameObject("/V")] = NameObject("/Yes" if value else "/Off")
            field[NameObject("/AS")] = NameObject("/Yes" if value else "/Off")
        ref = writer._add_object(field)
        if "/Annots" not in page:
            page[NameObject("/Annots")] = ArrayObject()
        page["/Annots"].append(ref)  # type: ignore[union-attr]
        acro.append(ref)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): acro, NameObject("/NeedAppearances"): BooleanObject(True)})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def main() -> None:
    sources = json.loads((HERE / "sources.json").read_text())
    for old in OUT.glob("*__fillable.*"):
        old.unlink()
    taken: dict[str, int] = {}
    for key, rel in sorted(sources.items()):
        set_name = key.split("__", 1)[0]
        eml = TESTS / rel
        answer = json.loads(answer_path(eml).read_text())
        converted = (OUT / f"{key}__pdf.eml").exists()  # not the password-protected forms LibreOffice cannot open
        if answer.get("kind") != "referral" or taken.get(set_name, 0) >= PER_SET or not converted:
            continue
        taken[set_name] = taken.get(set_name, 0) + 1
        msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
        raw = rebuilt(msg, text=body_text(msg),
                      attachments=[("referral form.pdf", fillable(fields_of(answer["referral"])), "application/pdf")])
        (OUT / f"{key}__fillable.eml").write_bytes(raw)
        (OUT / f"{key}__fillable.json").write_text(answer_path(eml).read_text())
    print(f"{sum(taken.values())} fillable variants written")


if __name__ == "__main__":
    main()
