"""`csprbot demo`: realistic sample mail in the embedded Maildir inbox (fictional people throughout).

One North Somerset Appendix 2 referral sent as a Word attachment by a social worker the day after the
incident, and one out-of-office auto-reply, which csprbot must ignore.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from bot.apply import Runtime
from bot.mail.maildir import deliver
from bot.settings import Settings

TICK, BOX = "☒", "☐"


def _uk(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _table(doc: Any, rows: Sequence[Sequence[str]]) -> None:
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(t.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text


def referral_docx(incident: date, submitted: date, child: str = "Alex Fictional") -> bytes:
    """The Appendix 2 form as agencies fill it in Word: label/value tables, ☒/☐ glyphs."""
    from docx import Document

    doc = Document()
    doc.add_heading("APPENDIX 2: Request for a Child Safeguarding Practice Review", level=1)
    doc.add_paragraph("Before submitting the referral please check the criteria in appendix 3 of this form.")
    doc.add_paragraph("1. Referrer")
    _table(doc, [
        ("Name:", "Sam Example", "Email:", "sam.example@csc.example.gov.uk"),
        ("Role:", "Senior Social Worker", "Tel:", "01234 000111"),
        ("Agency:", "Children's Social Care", "Date submitted:", _uk(submitted)),
    ])
    doc.add_paragraph("2. Details of child or young person")
    _table(doc, [
        ("Name of child:", child, "Date of birth:", "14/03/2019"),
        ("Home address:", "1 Nowhere Lane, Exampletown, ZZ1 1ZZ",
         "Date of death or critical incident:", _uk(incident)),
        ("Carer:", "Jo Fictional (mother)", "Location of incident:", "Family home"),
    ])
    doc.add_paragraph("Ethnic origin:")
    t = doc.add_table(rows=2, cols=3)
    t.rows[0].cells[0].text = f"(A) White\n{TICK} British\n{BOX} Irish\n{BOX} Any other White Background"
    t.rows[0].cells[1].text = (f"(B) Mixed\n{BOX} Asian and White\n{BOX} Black African and White\n"
                               f"{BOX} Black Caribbean and White\n{BOX} Any other mixed background")
    t.rows[0].cells[2].text = (f"(C) Asian or Asian British\n{BOX} Indian\n{BOX} Pakistani\n{BOX} Bangladeshi\n"
                               f"{BOX} Chinese\n{BOX} Any other Asian background")
    t.rows[1].cells[0].text = (f"(D) Black or Black British\n{BOX} Caribbean\n{BOX} African\n"
                               f"{BOX} Any other Black background")
    t.rows[1].cells[1].text = "(E) Other Ethnic Groups\nPlease specify"
    t.rows[1].cells[2].text = f"(F) Not Declared\n{BOX} Not Declared"
    _table(doc, [("Faith:", "None stated", "Disability:", "None known")])
    doc.add_paragraph(f"Child protection plan: {BOX} Yes {TICK} No  {BOX} Has been {BOX} Not known")
    doc.add_paragraph("3. Composition of family and significant others")
    _table(doc, [
        ("Name", "Relationship to child", "DoB", "Address", "Ethnic origin"),
        ("Jo Fictional", "Mother", "02/07/1994", "1 Nowhere Lane, Exampletown", "White British"),
        ("Chris Madeup", "Mother's partner", "19/11/1990", "1 Nowhere Lane, Exampletown", "White British"),
    ])
    doc.add_paragraph("4. Rapid Review criteria")
    _table(doc, [
        ("Criterion", "Yes", "no"),
        ("Is the child deceased?", BOX, TICK),
        ("Is the child seriously harmed (please describe below)?", TICK, BOX),
        ("Is abuse or neglect known or suspected to be a cause of the death or harm to the child?",
         f"{BOX} Known", f"{TICK} Suspected"),
        ("Is there a cause for concern as to the way in which agencies or other relevant persons have worked "
         "together to safeguard the child?", TICK, BOX),
    ])
    doc.add_paragraph("5. Summary of events")
    doc.add_paragraph(
        "Alex was brought to the emergency department by ambulance with a head injury and bruising of "
        "different ages. The explanation given by the carers was inconsistent with the injuries. Police "
        "and children's social care are making enquiries. Health visitor contact had lapsed in the last year."
    )
    doc.add_paragraph("6. Other information")
    _table(doc, [
        ("Name", "Agency", "Contact details", "Are they still involved?"),
        ("Pat Sample", "Health Visiting", "pat.sample@nhs.net", "Yes"),
        ("Lee Specimen", "Primary School", "dsl@schools.example.gov.uk", "No"),
    ])
    _table(doc, [("Process", "Current status"), ("Criminal proceedings", "Police investigation open")])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def demo_messages(rt: Runtime, settings: Settings, child: str = "Alex Fictional") -> list[tuple[str, bytes]]:
    local: datetime = rt.now.astimezone(rt.cal.tz)
    today = local.date()
    incident = rt.cal.add_working_days(today, -1)  # referred promptly: within one working day
    to = settings.roles.coordinator[0]
    m = EmailMessage()
    m["From"] = "Sam Example <sam.example@csc.example.gov.uk>"
    m["To"] = to
    m["Cc"] = settings.roles.service_leader[0]
    m["Subject"] = "CSPR referral - please see attached (SECURE)"
    m["Date"] = format_datetime(local)
    m["Message-ID"] = make_msgid("demo-referral", domain="csc.example.gov.uk")
    m.set_content("Hello,\n\nPlease find attached a referral for a Child Safeguarding Practice Review, "
                  "agreed with my team leader this morning.\n\nKind regards\nSam Example\n"
                  "Senior Social Worker, Children's Social Care\n")
    m.add_attachment(referral_docx(incident, today, child), maintype="application",
                     subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                     filename="CSPR referral form.docx")
    ooo = EmailMessage()
    ooo["From"] = "Director of People <" + settings.roles.director[0] + ">"
    ooo["To"] = settings.partnership.bot_address
    ooo["Subject"] = "Automatic reply: [previous case]"
    ooo["Date"] = format_datetime(local)
    ooo["Message-ID"] = make_msgid("demo-ooo", domain="example.gov.uk")
    ooo["Auto-Submitted"] = "auto-replied"
    ooo["X-Auto-Response-Suppress"] = "All"
    ooo.set_content("I am out of the office until Monday with limited access to email.\n")
    return [("referral (Word form)", m.as_bytes()), ("out-of-office reply", ooo.as_bytes())]


def write_demo(path: str, rt: Runtime, settings: Settings) -> list[str]:
    names = []
    for label, raw in demo_messages(rt, settings):
        # Delivered "now" on the demo's clock (`--now` pins it): clocks count from the delivery time.
        deliver(Path(path), raw, received=rt.now)
        names.append(label)
    return names
