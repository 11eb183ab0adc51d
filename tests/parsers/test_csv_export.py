"""A referral exported from a tracker or forms tool as a one-row CSV attachment (held-out set 10's r16 shape, written
afresh): a header row of questions and one answer row, family and agencies as numbered columns ("Family 2 DOB",
"Agency 1 worker"). Generated over column order, delimiter, BOM, quoting and people; the answers are read as the
form they replace would be, and no numbered column's value lands in another person's record."""

from __future__ import annotations

import csv
import io
from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.documents.attachments import read_attachment
from parsers.documents.model import Table

FIRST = st.sampled_from(["Theo", "Lacey-Mae", "Siân", "Callum", "Inés", "Oskar"])
LAST = st.sampled_from(["Tregothnan", "Mac an tSaoir", "D'Souza", "Van den Berg", "Wiśniewski"])


@st.composite
def referrals(draw: st.DrawFn) -> dict[str, str]:
    firsts = draw(st.lists(FIRST, min_size=3, max_size=3, unique=True))
    child, mother, step = (f"{first} {draw(LAST)}" for first in firsts)
    return {
        "Submission date": "29/11/2026 09:14", "Referrer name": "Lorraine Hartnell",
        "Referrer email": "lorraine.hartnell@uhbw.nhs.uk", "Referrer role": "Named Nurse",
        "Child name": child, "Child DOB": "18/10/2013", "Child address": "61 Locking Moor Road, Churchill, BS25 7UB",
        "Incident date": "25/11/2026", "Died": draw(st.sampled_from(["No", "Yes"])), "Seriously harmed": "Yes",
        "Abuse or neglect": "Suspected",
        "Family 1 name": mother, "Family 1 relationship": "Mother", "Family 1 DOB": "26/03/1978",
        "Family 2 name": step, "Family 2 relationship": "Stepfather", "Family 2 DOB": "10/07/1991",
        "Agency 1": "Youth Justice Service", "Agency 1 worker": "Morwenna Masterson",
        "Agency 1 contact": "07700 900788", "Agency 1 still involved": "Yes",
        "Agency 2": "Compass Drug and Alcohol Service", "Agency 2 worker": "Adeel Masterson",
        "Agency 2 contact": "adeel.masterson@example.org", "Agency 2 still involved": "No",
        "Other process": "Child death review (JAR)", "Other process status": "Joint agency response started",
    }


def _csv(answers: dict[str, str], order: list[str], delimiter: str, bom: bool) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(order)
    writer.writerow([answers[k] for k in order])
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def _mail(data: bytes, name: str, ctype: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Lorraine Hartnell <lorraine.hartnell@uhbw.nhs.uk>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "CSPR referral (CSV export)"
    msg["Date"] = "Mon, 30 Nov 2026 09:00:00 +0000"
    msg.set_content("Our online form is down, so here is the export.\n\nLorraine Hartnell\n")
    maintype, subtype = ctype.split("/")
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


@settings(max_examples=25, deadline=None)
@given(referrals(), st.booleans(), st.sampled_from([",", ";", "\t"]), st.booleans(),
       st.sampled_from([("export.csv", "text/csv"), ("export.csv", "application/octet-stream"),
                        ("export", "text/csv")]))
def test_a_one_row_csv_referral_is_read_as_its_form(
        answers: dict[str, str], people_first: bool, delimiter: str, bom: bool, file: tuple[str, str]) -> None:
    # the form's own order, or its numbered people's columns first (a tracker's layout)
    people = [k for k in answers if k.startswith(("Family", "Agency", "Other process"))]
    order = people + [k for k in answers if k not in people] if people_first else list(answers)
    result = parse_message(_mail(_csv(answers, order, delimiter, bom), *file))
    assert result.kind == "referral", result.warnings
    ref = result.referral
    assert ref is not None
    assert (ref.child.name, ref.child.date_of_birth, ref.child.incident_date) == (
        answers["Child name"], "2013-10-18", "2026-11-25")
    assert ref.referrer.date_submitted == "2026-11-29"
    assert ref.criteria.child_died is (answers["Died"] == "Yes")
    family = {m.name: (m.relationship, m.date_of_birth) for m in ref.family}
    assert family == {answers["Family 1 name"]: ("Mother", "1978-03-26"),
                      answers["Family 2 name"]: ("Stepfather", "1991-07-10")}
    agencies = {a.agency: (a.name, a.contact, a.still_involved) for a in ref.other_agencies}
    assert agencies == {"Youth Justice Service": ("Morwenna Masterson", "07700 900788", True),
                        "Compass Drug and Alcohol Service": ("Adeel Masterson", "adeel.masterson@example.org", False)}
    assert [(p.process, p.status) for p in ref.other_processes] == [
        ("Child death review (JAR)", "Joint agency response started")]


def test_a_csv_of_several_rows_stays_a_table_under_its_header() -> None:
    data = b"Name,Relationship,DOB\r\nAnn Lee,Mother,01/02/1980\r\nBo Lee,Brother,02/03/2012\r\n"
    view = read_attachment("family.csv", data, "text/csv").view
    assert view is not None
    tables = [b for b in view.blocks if isinstance(b, Table)]
    assert tables and tables[0].rows[0] == ["Name", "Relationship", "DOB"] and len(tables[0].rows) == 3
