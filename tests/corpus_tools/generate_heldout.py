"""Generate tests/corpus_heldout: a held-back set from templates and wording NOT used to tune the parser.

Run: python tests/corpus_tools/generate_heldout.py, then python tests/corpus_tools/accuracy.py tests/corpus_heldout -v
Written after the parser was tuned on tests/corpus; do not tune the parser against it (report its accuracy).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import docx
import expected as exp
import outlook_files
import pdf_forms
from generate import Scenario, write
from mail import DOCX, PDF, message, to_bytes

OUT = Path(__file__).resolve().parents[1] / "corpus_heldout"
KNOWN = {"bristolcommunityhealth.nhs.uk": "Bristol Community Health", "sch.uk": "A school"}

CHILD_A: dict[str, Any] = {
    "referrer": {"name": "Claire Ashdown", "email": "claire.ashdown@bury.gov.uk", "role": "Social Worker",
                 "phone": "0161 253 5000", "agency": "Bury Children's Services", "date_submitted": "2026-06-02"},
    "child": {"name": "Jayden Price", "date_of_birth": "2014-03-12", "home_address": "3 Mill Street, Ramsbottom",
              "carer": "Mother (Stacey Price)", "incident_date": "2026-05-29", "incident_location": "Home address",
              "ethnicity": "White British", "faith": None, "disability": "Cerebral palsy",
              "child_protection_plan": "has_been"},
    "family": [{"name": "Stacey Price", "relationship": "Mother", "date_of_birth": "1990-09-09",
                "address": None, "ethnicity": None}],  # the form's family table has 3 columns
    "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "suspected",
                 "agency_concern": True},
    "summary": "Jayden was found with a fractured femur. He is non-verbal and the injury was not explained.",
    "other_agencies": [], "other_processes": [],
}


def _vertical_docx(case: dict[str, Any]) -> bytes:
    """Labels in one row, the answer in the row below (one-column form), ☑ boxes, criteria as statements."""
    rf, ch = case["referrer"], case["child"]
    d = docx.Document()
    d.add_paragraph("CHILD SAFEGUARDING PRACTICE REVIEW - REFERRAL")
    t = d.add_table(rows=0, cols=1)
    t.style = "Table Grid"
    items = [
        ("PART 1 - ABOUT YOU", None),
        ("Your name", rf["name"]), ("Your job title", rf["role"]), ("Organisation", rf["agency"]),
        ("Email address", rf["email"]), ("Phone number", rf["phone"]), ("Date", "2nd June 2026"),
        ("PART 2 - ABOUT THE CHILD", None),
        ("Child's full name", ch["name"]), ("Date of Birth (dd/mm/yyyy)", "12/03/2014"),
        ("Home address", ch["home_address"]), ("Who does the child live with?", ch["carer"]),
        ("Date of the serious incident", "Fri 29 May 2026"),
        ("Where did the incident take place?", ch["incident_location"]),
        ("Ethnicity (please state)", ch["ethnicity"]), ("Religion", ""), ("SEN/Disability", ch["disability"]),
        ("Is the child known to have a Child Protection Plan?", "☐ Yes  ☐ No  ☑ Previously  ☐ Don't know"),
        ("PART 3 - WHY THIS MEETS THE CRITERIA (tick all that apply)", None),
        ("☐ The child has died", None), ("☑ The child has been seriously harmed", None),
        ("Abuse or neglect is:  ☐ Known  ☑ Suspected", None),
        ("☑ There are concerns about how agencies worked together", None),
        ("PART 4 - WHAT HAPPENED?", None), (case["summary"], None),
    ]
    for label, value in items:
        t.add_row().cells[0].text = label
        if value is not None:
            t.add_row().cells[0].text = value
    d.add_paragraph("Family members")
    f = d.add_table(rows=2, cols=3)
    for c, h in enumerate(["Name", "Relationship", "D.O.B."]):
        f.cell(0, c).text = h
    f.cell(1, 0).text, f.cell(1, 1).text, f.cell(1, 2).text = "Stacey Price", "Mother", "09/09/1990"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _dash_body() -> tuple[str, dict[str, Any]]:
    """A referral typed freehand into the body with dashes and odd spacing."""
    body = """Morning,

Sending a rapid review referral as agreed with our CSPR rep.

Referrer - PC Dan Whitby, Avon and Somerset Police
Email - dan.whitby@avonandsomerset.police.uk
Tel - 07700 900777

Child - Mia Sandoval
DOB - 07.07.2019
Address - 11 Quarry Road, Portishead
Date of incident - 14/06/2026
Location - Portishead Lake Grounds
Ethnicity - Any other mixed background
CP plan - No

Did the child die? No
Seriously harmed? Yes
Abuse/neglect - Known
Concerns about agencies working together? Not sure at this stage

What happened:
Mia was found unsupervised near the water with injuries consistent with an assault by an adult known to the family.

Thanks
Dan
"""
    case = {
        "referrer": {"name": "PC Dan Whitby, Avon and Somerset Police", "email": "dan.whitby@avonandsomerset.police.uk",
                     "role": None, "phone": "07700 900777", "agency": None, "date_submitted": None},
        "child": {"name": "Mia Sandoval", "date_of_birth": "2019-07-07", "home_address": "11 Quarry Road, Portishead",
                  "carer": None, "incident_date": "2026-06-14", "incident_location": "Portishead Lake Grounds",
                  "ethnicity": "Any other mixed background", "faith": None, "disability": None,
                  "child_protection_plan": "no"},
        "family": [],
        "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "known",
                     "agency_concern": None},
        "summary": "Mia was found unsupervised near the water with injuries consistent with an assault by an adult "
                   "known to the family.",
        "other_agencies": [], "other_processes": [],
    }
    return body, case


RET_B: dict[str, Any] = {
    "case_ref": "BU-CSPR-2026-021", "agency": "Bury Council Education Services",
    "author": {"name": "Sanjay Mistry", "role": "Education Safeguarding Officer", "email": "s.mistry@bury.gov.uk",
               "phone": "0161 253 6000"},
    "involved": True, "involvement_from": "2023-09-04", "involvement_to": "2026-05-22",
    "summary": "Jayden attended Ramsbottom Primary with 84% attendance. Two welfare concerns were logged in 2025.",
    "immediate_actions": "DSL briefed; records secured; siblings' schools informed.",
    "learning": "Concerns were not escalated when attendance fell.",
    "records_secured": True, "signed_off_by": "Janet Oakes, Head of Education Safeguarding",
    "date_completed": "2026-06-10",
}


def _html_return(ret: dict[str, Any]) -> str:
    rows = [
        ("CSPR Reference", ret["case_ref"]), ("Organisation", ret["agency"]), ("Report author", ret["author"]["name"]),
        ("Designation", ret["author"]["role"]), ("Contact email", ret["author"]["email"]),
        ("Contact telephone", ret["author"]["phone"]), ("Was the child known to your service?", "Yes"),
        ("Dates of involvement", "04/09/2023 until 22/05/2026"), ("Chronology of key events", ret["summary"]),
        ("Actions taken since the incident", ret["immediate_actions"]), ("Lessons learnt", ret["learning"]),
        ("Records secured and retained?", "Yes"), ("Authorised by", ret["signed_off_by"]),
        ("Date of completion", "10 June 2026"),
    ]
    cells = "".join(f"<tr><td><b>{a}</b></td><td>{b}</td></tr>" for a, b in rows)
    return f"<html><body><p>Please see our information below.</p><table border=1>{cells}</table></body></html>"


def _scenarios() -> Iterator[Scenario]:
    yield ("ho_vertical_docx_referral",
           to_bytes(message(CHILD_A["referrer"]["email"], "Referral - CSPR", "Attached.\n",
                            attachments=[("CSPR referral.docx", _vertical_docx(CHILD_A), DOCX)])),
           exp.referral(CHILD_A))
    body, case = _dash_body()
    yield "ho_dash_body_referral", to_bytes(message("dan.whitby@avonandsomerset.police.uk", "RR referral", body)), \
        exp.referral(case)
    yield ("ho_html_table_return", to_bytes(message(RET_B["author"]["email"], "Information for rapid review", None,
                                                    html=_html_return(RET_B))), exp.agency_return(RET_B))
    nil = {"case_ref": "NS-CSPR-2026-012", "agency": "Bristol Community Health",
           "author": {"name": None, "role": None, "email": None, "phone": None}, "involved": False,
           "involvement_from": None, "involvement_to": None, "summary": None, "immediate_actions": None,
           "learning": None, "records_secured": None, "signed_off_by": None, "date_completed": None}
    yield ("ho_nil_one_liner", to_bytes(message(
        "safeguarding@bristolcommunityhealth.nhs.uk", "RE: NS-CSPR-2026-012 request for agency information",
        "Hi, nil return from us for this one - the child and family are not known to our service.\n\nRegards\n"
        "Safeguarding Team\n")), exp.agency_return(nil))
    item = outlook_files.outlook_msg("CSPR referral", "see attached", CHILD_A["referrer"]["email"],
                                     [("referral.docx", _vertical_docx(CHILD_A))])
    yield ("ho_msg_vertical_docx", to_bytes(message("manager@bury.gov.uk", "FW: CSPR referral", "FYI - forwarding.\n",
                                                    attachments=[("CSPR referral.msg", item, "application/octet-stream")])),
           exp.referral(CHILD_A))
    pdf = pdf_forms.text_pdf([
        "Rapid Review - Information from agencies", "Reference:", "BU-CSPR-2026-021", "Agency:",
        "Bury Council Education Services", "Name of person completing this form:", "Sanjay Mistry", "Job title:",
        "Education Safeguarding Officer", "E-mail:", "s.mistry@bury.gov.uk", "Telephone number:", "0161 253 6000",
        "Has your agency had any involvement with the child or family?", "Yes", "Date of first contact:",
        "4 September 2023", "Date of last contact:", "22 May 2026", "Summary of involvement:",
        RET_B["summary"], "Immediate actions:", RET_B["immediate_actions"], "Learning:", RET_B["learning"],
        "Have records been secured?", "Yes", "Approved by:", RET_B["signed_off_by"], "Date:", "10/06/2026",
    ])
    yield ("ho_pdf_values_below_labels", to_bytes(message(RET_B["author"]["email"], "Agency return", "Attached\n",
                                                          attachments=[("return.pdf", pdf, PDF)])),
           exp.agency_return(RET_B))
    q = "\n\n-----Original Message-----\nFrom: CSPR\nSent: 01 June 2026\nSubject: BU-CSPR-2026-021\n"
    replies = [
        ("ho_reply_decision_equals", "RE: BU-CSPR-2026-021", "Decision = Rapid Review\nAgencies - Police, Education" + q,
         exp.reply("BU-CSPR-2026-021", "DECISION", {"decision": "RAPID REVIEW", "agencies": "Police, Education"})),
        ("ho_reply_submitted_lower", "Re: Re: bu-cspr-2026-021", "submitted: 03/03/2026" + q,
         exp.reply("BU-CSPR-2026-021", "SUBMITTED", {"date": "2026-03-03"})),
        ("ho_reply_extend_long_date", "RE: BU-CSPR-2026-021", "EXTEND rr_start: 12 March 2026 awaiting police info" + q,
         exp.reply("BU-CSPR-2026-021", "EXTEND", {"clock": "rr_start", "date": "2026-03-12",
                                                  "reason": "awaiting police info"})),
        ("ho_reply_close_dash", "RE: BU-CSPR-2026-021", "Close - referral withdrawn by the referrer" + q,
         exp.reply("BU-CSPR-2026-021", "CLOSE", {"reason": "referral withdrawn by the referrer"})),
        ("ho_reply_panel_nfr", "RE: [EXT] BU-CSPR-2026-021", "PANEL: No further review" + q,
         exp.reply("BU-CSPR-2026-021", "PANEL", {"view": "NO FURTHER REVIEW"})),
        ("ho_reply_notified_no_colon", "RE: BU-CSPR-2026-021", "NOTIFIED 2026-06-05" + q,
         exp.reply("BU-CSPR-2026-021", "NOTIFIED", {"date": "2026-06-05"})),
        ("ho_reply_question_only", "RE: BU-CSPR-2026-021", "Can we move the panel to Thursday?" + q,
         exp.reply("BU-CSPR-2026-021")),
    ]
    for name, subject, text, expected in replies:
        yield name, to_bytes(message("coordinator@bury.gov.uk", subject, text)), expected
    yield ("ho_auto_reply_ms", to_bytes(message("j.oakes@bury.gov.uk", "Automatic reply: BU-CSPR-2026-021",
                                                "I am on annual leave.\n", headers={"X-Autorespond": "yes"})),
           exp.auto("BU-CSPR-2026-021"))
    yield ("ho_auto_ooo_plain", to_bytes(message("s.mistry@bury.gov.uk", "Out of office", "Back on Monday.\n",
                                                 headers={"Auto-Submitted": "auto-replied"})), exp.auto())
    yield ("ho_misdirected_early_help", to_bytes(message(
        "office@st-marys.sch.uk", "Request for support",
        "Request for Support / Early Help referral\nChild name: Ellie Ward\nDate of birth: 2/2/2017\n"
        "Concerns: poor attendance and hygiene, parent struggling. Please pass to the Front Door team.\n")),
        exp.unknown(["looks like a child protection referral"]))


if __name__ == "__main__":
    print(f"wrote {write(OUT, [_scenarios], KNOWN)} messages to {OUT}")
