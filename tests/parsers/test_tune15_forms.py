"""Mechanisms met in heldout15 (tune15), each tried on layouts of our own: a status's own label after the process's
dash, items numbered by their part's letter ("A1 Referrer"), a tick column's one letter after an agency's contact,
a plain-text heading underlined with dashes, a date's month before a child's name in a letter, the carer named
after the address, a question naming several fields answered in one line, and a name beside a bracketed agency."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.line_records import read_line
from parsers.narrative import read_narrative

FIRST = st.sampled_from(["Nia", "Oskar", "Bethany", "Kofi", "Liliana", "Dewi", "Farah"])
LAST = st.sampled_from(["Penhaligon", "Adeyemi-Cole", "Whitlock", "Zielinski", "Moorcroft"])
PROCESS = st.sampled_from(["Police investigation", "Coroner's inquest", "Section 47 enquiry",
                           "Initial child protection conference"])
STATUS = st.sampled_from(["Ongoing", "Booked for 9 January", "Adjourned", "Closed - no further action"])


def _referral(body: str) -> dict[str, object]:
    msg = EmailMessage()
    msg["From"] = "Ann Tapp <ann.tapp@nhs.net>"
    msg["To"] = "cspr.referrals@example.gov.uk"
    msg["Subject"] = "CSPR referral"
    msg.set_content(body)
    result = parse_message(msg.as_bytes())
    assert result.kind == "referral" and result.referral is not None
    return result.referral.model_dump()


@settings(max_examples=25, deadline=None)
@given(PROCESS, STATUS, st.sampled_from(["status", "Status", "current status", "Stage"]),
       st.sampled_from([" - ", " – ", " — "]), st.sampled_from([": ", " - ", ":"]))
def test_status_label_after_the_dash_is_no_part_of_the_status(process: str, status: str, word: str, dash: str,
                                                               colon: str) -> None:
    record = read_line("processes", f"{process}{dash}{word}{colon}{status}")
    assert record == {"process": process, "status": status}


@settings(max_examples=15, deadline=None)
@given(FIRST, LAST, st.sampled_from(["A", "B", "C"]), st.sampled_from(["", ".", ")"]), st.sampled_from(["\t", ": "]))
def test_labels_numbered_by_their_parts_letter(first: str, last: str, part: str, mark: str, sep: str) -> None:
    body = (f"Part {part} - Referring agency\n{part}1{mark} Referrer{sep}{first} {last}\n"
            f"{part}2{mark} Post held{sep}School Nurse\n{part}3{mark} Tel{sep}01632 960206\n"
            f"Part D - Child\nD1{mark} Name{sep}Ffion Dix\nD2{mark} D.O.B.{sep}9.2.19\n")
    referral = _referral(body)
    referrer, child = referral["referrer"], referral["child"]
    assert isinstance(referrer, dict) and isinstance(child, dict)
    assert referrer["name"] == f"{first} {last}" and referrer["role"] == "School Nurse"
    assert referrer["phone"] == "01632 960206"
    assert child["name"] == "Ffion Dix" and child["date_of_birth"] == "2019-02-09"
    # the caption "A1 Referrer" is never an answer
    assert all("Referrer" not in str(v) for v in referrer.values())


AGENCY = st.sampled_from(["Clevedon School", "Turning Point drug and alcohol service", "Curo Homes",
                          "Severnvale Housing", "Probation Service"])


@settings(max_examples=30, deadline=None)
@given(FIRST, LAST, AGENCY, st.sampled_from(["Y", "N", "y", "n"]),
       st.sampled_from(["\t", " ..... ", "  |  ", "; "]), st.booleans())
def test_tick_columns_one_letter_is_the_involvement(first: str, last: str, agency: str, letter: str, sep: str,
                                                    agency_first: bool) -> None:
    cells = [agency, f"{first} {last}"] if agency_first else [f"{first} {last}", agency]
    line = sep.join([*cells, "01632 960334", letter]).replace(" ..... ", "\t")
    record = read_line("agencies", line)
    assert record == {"name": f"{first} {last}", "agency": agency, "contact": "01632 960334",
                      "still_involved": letter.upper() == "Y"}


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["-", "=", "~"]), st.integers(min_value=5, max_value=30),
       st.sampled_from(["Summary", "Summary of incident", "Brief summary"]))
def test_underlined_heading_heads_the_paragraph_under_its_rule(rule: str, width: int, heading: str) -> None:
    story = "Bo was taken to hospital with a fractured femur. School had recorded concerns since Easter."
    body = (f"Referrer ........ Ann Tapp\nChild's name ...... Bo Dix\nAgency concerns (Y/N) ..... unknown\n\n"
            f"{heading}\n{rule * width}\n{story}\n\nHousehold\n{rule * width}\n")
    assert _referral(body)["summary"] == story


@settings(max_examples=30, deadline=None)
@given(FIRST, LAST, st.sampled_from(["January", "March", "May", "June", "November", "Dec"]),
       st.sampled_from(["On Mon {d} {m}", "on the {d}th of {m},", "Last Friday ({d} {m})", "On {d}th {m}"]))
def test_a_dates_month_before_the_name_is_no_part_of_it(first: str, last: str, month: str, opening: str) -> None:
    said = opening.format(d=23, m=month)
    text = f"{said} {first} {last} (date of birth 26 October 2018) disclosed that she had been burned at home."
    found = read_narrative(text)
    assert found.name in (f"{first} {last}", None)
    assert found.name is None or month not in found.name
    # a name that is a month's ("June Tapp") keeps it: there is no day before it
    assert read_narrative(f"{month.title()} {last} (date of birth 26 October 2018) was hurt.").name in (
        f"{month.title()} {last}", None)
    assert read_narrative(f"June {last} (date of birth 26 October 2018) was hurt.").name == f"June {last}"


@settings(max_examples=20, deadline=None)
@given(FIRST, LAST, st.sampled_from([", with ", " with ", ", lives with ", "; with "]),
       st.sampled_from(["Where does the child live and with whom?", "Home address"]))
def test_carer_named_after_the_postcode_is_no_part_of_the_address(first: str, last: str, joint: str,
                                                                  question: str) -> None:
    body = (f"Child's name: Bo Dix\nDate of birth: 1/2/2019\n"
            f"{question}: 7 Kewstoke Road, Worle, BS22 9LT{joint}{first} {last}\n")
    child = _referral(body)["child"]
    assert isinstance(child, dict)
    assert child["home_address"] == "7 Kewstoke Road, Worle, BS22 9LT"
    assert child["carer"] == f"{first} {last}"


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Any other ethnic group", "White British", "Bangladeshi"]),
       st.sampled_from(["Pentecostal", "Muslim", "None"]), st.sampled_from(["Autism", "Not known", "None known"]),
       st.sampled_from([" / ", "; "]), st.booleans())
def test_question_naming_several_fields_answers_each_in_its_order(ethnic: str, faith: str, disability: str,
                                                                  sep: str, short: bool) -> None:
    answers = [ethnic, faith] if short else [ethnic, faith, disability]
    body = f"Child's name: Bo Dix\nDate of birth: 1/2/2019\nEthnicity / religion / disability?: {sep.join(answers)}\n"
    child = _referral(body)["child"]
    assert isinstance(child, dict)
    if short:  # two answers to three fields: which is which would be a guess, none is taken
        assert (child["ethnicity"], child["faith"], child["disability"]) == (None, None, None)
    else:
        assert (child["ethnicity"], child["faith"], child["disability"]) == (ethnic, faith, disability)


@settings(max_examples=20, deadline=None)
@given(FIRST, LAST, st.sampled_from(["Health Visiting (Sirona)", "CAMHS (Oxford Health)", "Police (CAIT)"]),
       st.sampled_from([", ", "; "]))
def test_name_before_an_agency_with_its_own_bracket(first: str, last: str, agency: str, sep: str) -> None:
    record = read_line("agencies", f"{first} {last}{sep}{agency}{sep}01632 960403 - still involved")
    assert record == {"name": f"{first} {last}", "agency": agency, "contact": "01632 960403", "still_involved": True}


def _xlsx_mail(header: list[str], answers: list[str]) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    sheet.append(answers)
    out = io.BytesIO()
    book.save(out)
    msg = EmailMessage()
    msg["From"] = "Ann Tapp <ann.tapp@nhs.net>"
    msg["To"] = "cspr.referrals@example.gov.uk"
    msg["Subject"] = "CSPR referral"
    msg.set_content("My form response is attached.\n\nAnn Tapp\n")
    msg.add_attachment(out.getvalue(), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename="Responses.xlsx")
    return msg.as_bytes()


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(FIRST, LAST, st.sampled_from(["Mother", "Father", "Sister", "Stepfather"])),
                min_size=2, max_size=4, unique_by=lambda t: (t[0], t[1])),
       st.lists(st.tuples(FIRST, LAST, AGENCY, st.sampled_from(["Yes", "No"])), min_size=1, max_size=3,
                unique_by=lambda t: t[2]),
       st.sampled_from(["Family member {n}: {f}", "Family member {n} - {f}", "Person {n} {f}"]))
def test_a_form_exports_one_wide_row_is_read_question_by_question(family: list[tuple[str, str, str]],
                                                                  agencies: list[tuple[str, str, str, str]],
                                                                  fmt: str) -> None:
    pairs = [("ID", "17"), ("Start time", "30/11/2026 09:41:00"), ("Completion time", "30/11/2026 09:52:00"),
             ("Email", "anonymous"), ("Name", ""), ("Your name", "Ann Tapp"), ("Your role", "Health Visitor"),
             ("Your phone number", "07700 900213"), ("Child's full name", "Ffion Dix"),
             ("Child's date of birth", "09/06/2019"), ("Has the child died?", "No"),
             ("Has the child been seriously harmed?", "Yes"),
             ("What happened?", "Ffion was admitted with a fractured skull that was not explained.")]
    for n, (f, s, rel) in enumerate(family, start=1):
        pairs += [(fmt.format(n=n, f="name"), f"{f} {s}"), (fmt.format(n=n, f="relationship"), rel)]
    for n, (f, s, agency, still) in enumerate(agencies, start=1):
        pairs += [(f"Agency {n}", agency), (f"Agency {n} worker", f"{f} {s}"),
                  (f"Agency {n} contact", f"01632 960{n:03d}"), (f"Agency {n} still involved?", still)]
    result = parse_message(_xlsx_mail([q for q, _ in pairs], [a for _, a in pairs]))
    assert result.kind == "referral" and result.referral is not None
    referral = result.referral
    assert referral.child.name == "Ffion Dix" and referral.child.date_of_birth == "2019-06-09"
    assert referral.referrer.name == "Ann Tapp" and referral.criteria.seriously_harmed is True
    assert sorted((m.name, m.relationship) for m in referral.family) == sorted(
        (f"{f} {s}", rel) for f, s, rel in family)
    assert sorted((a.name, a.agency, a.still_involved) for a in referral.other_agencies) == sorted(
        (f"{f} {s}", agency, still == "Yes") for f, s, agency, still in agencies)


@settings(max_examples=15, deadline=None)
@given(FIRST, LAST, st.sampled_from(["Person with care", "PERSON WITH CARE"]),
       st.sampled_from(["CP register/plan", "CP register", "On the CP register?", "Child protection register"]),
       st.sampled_from([("No", "no"), ("Yes", "yes")]))
def test_older_forms_carer_and_register_labels(first: str, last: str, carer: str, register: str,
                                               plan: tuple[str, str]) -> None:
    child = _referral(f"Child's name: Bo Dix\nDate of birth: 1/2/2019\n{carer}: {first} {last}\n"
                      f"{register}: {plan[0]}\n")["child"]
    assert isinstance(child, dict)
    assert child["carer"] == f"{first} {last}" and child["child_protection_plan"] == plan[1]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(FIRST, LAST, AGENCY, st.booleans(), st.booleans()), min_size=1, max_size=3,
                unique_by=lambda t: t[2]),
       st.sampled_from(["Worker and contact", "Name & contact details", "Worker / contact"]))
def test_worker_and_contact_box_under_a_numbered_agency(agencies: list[tuple[str, str, str, bool, bool]],
                                                        label: str) -> None:
    from parsers.documents.model import DocView, Table
    from parsers.indexed_rows import regroup

    rows = [["Child's name", "Ffion Dix"]]
    for n, (f, s, agency, by_mail, still) in enumerate(agencies, start=1):
        how = f"{f.lower()}@example.org.uk" if by_mail else f"01632 960{n:03d}"
        rows += [[f"Agency {n}", agency], [label, f"{f} {s}, {how}"],
                 ["Still involved", "☒ Yes" if still else "☐ Yes", "☐ No" if still else "☒ No"]]
    view = regroup(DocView(name="form", blocks=[Table(rows)]))
    tables = [b for b in view.blocks if isinstance(b, Table) and b.rows[0][:2] == ["Name", "Agency"]]
    assert len(tables) == 1
    got = [read_line("agencies", " | ".join(cell for cell in row if cell)) for row in tables[0].rows[1:]]
    assert [(r["name"], r["agency"], r["still_involved"]) for r in got if r is not None] == [
        (f"{f} {s}", agency, still) for f, s, agency, _, still in agencies]


@settings(max_examples=25, deadline=None)
@given(FIRST, LAST, AGENCY, st.sampled_from(["Worker", "Contact name", "Named worker"]),
       st.sampled_from(["Contact", "Phone", "Tel"]), st.sampled_from(["Yes", "No"]), st.sampled_from(["\t", "\n"]))
def test_agency_of_labelled_answers_with_its_head_labelled_too(first: str, last: str, agency: str, who: str,
                                                               how: str, still: str, sep: str) -> None:
    line = sep.join([f"Agency: {agency}", f"{who}: {first} {last}", f"{how}: 01632 960102", f"Still involved: {still}"])
    assert read_line("agencies", line) == {"name": f"{first} {last}", "agency": agency, "contact": "01632 960102",
                                           "still_involved": still == "Yes"}


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["Family members", "Household members", "Family composition"]),
       st.sampled_from(["(name (relationship), DOB, address, ethnicity)", "(name, relationship (to the child), DOB)"]))
def test_heading_whose_guidance_holds_a_bracket(heading: str, guidance: str) -> None:
    from parsers.labels import HEADINGS

    assert any(section == "family" and rx.match(f"{heading} {guidance}") for section, rx in HEADINGS)


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["Unsure", "Not sure", "unsure"]), st.sampled_from(["Child protection plan", "CP plan"]))
def test_unsure_plan_answer_is_not_known(answer: str, label: str) -> None:
    child = _referral(f"Child's name: Bo Dix\nDate of birth: 1/2/2019\n{label}: {answer}\n")["child"]
    assert isinstance(child, dict) and child["child_protection_plan"] == "not_known"
