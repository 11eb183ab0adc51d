"""Layouts read since held-out set 11 became a development set (parse13): an online form's "Q12. question" / "A:
answer" export mailed as text; a household member's box of questions numbered once ("Person 2" over the name, then
"Relationship to the child" ...); "Yes No ✔" with one tick after the options, and options one a cell with the mark
after the chosen one; a scan's OCR text layer with slips in its labels ("Chi1d's ful1 narne"); a list written as
slash-parted lines under a bracketed header; the family in one sentence; a captions-below form whose family and
agency entries each stand over their column names; plan statuses "Plan ended 2024", "Not now but has been".

Generated over names, relationships, dates and order where it matters; each case also checks that what is not such
a layout is read as before (or left empty)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.documents.model import DocView, Table
from parsers.documents.pdf import layout_blocks
from parsers.documents.text import read_text
from parsers.fields import _cpp, _yes_no_cells, extract
from parsers.ocr_labels import mend_line, mend_text
from parsers.qa_pairs import join_answers
from parsers.ticks import yes_no

FIRST = ["Rhiannon", "Ezra", "Siân", "Kwame", "Nia", "Oluwaseun", "Maisie-Rose", "Tomasz"]
LAST = ["Prothero", "Bevan", "Tremayne", "Ní Bhriain", "Szymańska", "Olawale", "Ap Rhys"]
RELATIONS = ["Mother", "Father", "Half-sister", "Mother's partner", "Maternal grandmother", "Paternal uncle"]
ADDRESSES = ["Flat 2, 17 Strode Gardens, Portishead, BS20 3TD", "38 Cadbury Camp Lane End, Easton-in-Gordano, BS20 9XH",
             "12 Drove Orchard, Nailsea, BS48 7PN"]
ETHNICITIES = ["Chinese", "White Irish", "Black Caribbean", "Mixed White and Asian"]


@st.composite
def family(draw: st.DrawFn) -> list[tuple[str, str, str, str, str]]:
    """Two or three people: (name, relationship, ISO date of birth, address, ethnicity)."""
    n = draw(st.integers(2, 3))
    firsts = draw(st.permutations(FIRST))[:n]
    rels = draw(st.permutations(RELATIONS))[:n]
    out = []
    for k in range(n):
        dob = f"{draw(st.integers(1960, 2020))}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
        out.append((f"{firsts[k]} {draw(st.sampled_from(LAST))}", rels[k], dob, draw(st.sampled_from(ADDRESSES)),
                    draw(st.sampled_from(ETHNICITIES))))
    return out


def _mail(body: str) -> bytes:
    return ("From: North Somerset Council <no-reply@n-somerset.gov.uk>\r\nTo: cspr@n-somerset.gov.uk\r\n"
            "Subject: Online form submission: serious incident referral\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").replace("\n", "\r\n").encode()


def _family(ref: dict[str, object]) -> list[tuple[object, ...]]:
    rows = ref["family"]
    assert isinstance(rows, list)
    return [(p["name"], p["relationship"], p["date_of_birth"], p["address"], p["ethnicity"]) for p in rows]


# --- 1. "Q12. Your job title" / "A: Senior Probation Officer": a forms service's export


@settings(max_examples=12, deadline=None)
@given(family(), st.booleans())
def test_numbered_questions_with_answer_lines(people: list[tuple[str, str, str, str, str]], blank: bool) -> None:
    qa = [("Your name", "Everton Morcom"), ("Your job title", "Senior Probation Officer"),
          ("Your organisation", "Probation Service (Avon and Somerset)"), ("Child's full name", "Rhys Prothero"),
          ("Child's date of birth", "2018-03-16"), ("Date of the incident", "2026-11-29"),
          ("Has the child died?", "No"), ("Has the child been seriously harmed?", "Yes"),
          ("Is abuse or neglect known or suspected?", "Known")]
    for n, (name, rel, dob, addr, eth) in enumerate(people, start=1):
        qa += [(f"Family member {n} - name", name), (f"Family member {n} - relationship", rel),
               (f"Family member {n} - date of birth", dob), (f"Family member {n} - address", addr),
               (f"Family member {n} - ethnicity", eth)]
    qa += [("Agency 1 - organisation", "North Somerset Children's Social Care"), ("Agency 1 - worker",
                                                                                 "Fergus Carnegie"),
           ("Agency 1 - contact", "fergus.carnegie@n-somerset.gov.uk"), ("Agency 1 - still involved?", "No")]
    gap = "\n" if blank else ""
    body = "North Somerset Council - Online Forms\nSubmitted: 2026-12-04T11:44:00Z\n\n" + "".join(
        f"Q{k}. {q}\n{gap}A: {a}\n\n" for k, (q, a) in enumerate(qa, start=1))
    result = parse_message(_mail(body)).to_json_dict()
    ref = result["referral"]
    assert result["kind"] == "referral" and isinstance(ref, dict)
    assert ref["referrer"]["name"] == "Everton Morcom"  # not "A: Everton Morcom"
    assert ref["referrer"]["role"] == "Senior Probation Officer"
    assert ref["child"]["name"] == "Rhys Prothero"
    assert ref["criteria"]["child_died"] is False and ref["criteria"]["seriously_harmed"] is True
    assert _family(ref) == people
    assert [(a["name"], a["agency"], a["still_involved"]) for a in ref["other_agencies"]] == [
        ("Fergus Carnegie", "North Somerset Children's Social Care", False)]


def test_an_answer_line_alone_is_left_as_written() -> None:
    text = "Q1. Can you confirm?\nA: yes, see below\n\nThanks\n"
    assert join_answers(text) == text  # one pair: no export, a reply's own Q and A
    assert join_answers("Q1. Name\nA: Jo\nQ2. Role\nA: DSL\nQ3. Agency\nA: School\nmore of the agency\n") == (
        "Name: Jo\nRole: DSL\nAgency: School more of the agency\n")


# --- 2. "Person 2" over the name, the other questions asked without the number


@settings(max_examples=12, deadline=None)
@given(family())
def test_numbered_person_boxes_with_unnumbered_questions(people: list[tuple[str, str, str, str, str]]) -> None:
    lines = ["Child safeguarding incident: referral to the Partnership", "2 The child", "Full name", "Carys Olawale",
             "Date of birth", "31/07/2024", "4 Family and household"]
    for n, (name, rel, dob, addr, eth) in enumerate(people, start=1):
        lines += [f"Person {n}", name, "Relationship to the child", rel, "Date of birth", dob, "Address", addr,
                  "Ethnicity", eth]
    lines += ["5 Agencies involved", "Agency 1", "Portishead Bay Academy", "Worker", "Benedict Mountjoy",
              "Contact", "07700 900227", "Still involved?"]
    view = DocView("form.pdf", [*lines, Table([["Yes", "No ☒"]])])
    ex = extract(view)
    got = [(p["name"], p["relationship"], p["date_of_birth"], p["address"], p["ethnicity"])
           for p in ex.records["family"]]
    assert got == people
    assert [(a["name"], a["agency"], a["contact"], a["still_involved"]) for a in ex.records["agencies"]] == [
        ("Benedict Mountjoy", "Portishead Bay Academy", "07700 900227", False)]
    assert ex.values["referral.child.name"] == "Carys Olawale"


def test_person_heading_over_questions_is_a_heading() -> None:
    # "Person 1" over "Name" is a section heading: the name is the line under "Name", never the word "Name"
    view = DocView("form.pdf", ["Family", "Person 1", "Name", "Nia Quarrie", "Relationship to the child",
                                "Maternal grandmother"])
    names = [p["name"] for p in extract(view).records.get("family", [])]
    assert "Name" not in names


# --- 3. one tick after the options; options one a cell with their mark after them


def test_one_tick_after_both_options_owns_the_word_it_follows() -> None:
    assert yes_no("Yes No ☒") is False
    assert yes_no("No Yes ☒") is True
    assert yes_no("Yes No☒ ☐") is True  # a PDF printer's row of boxes after the words: in order
    assert yes_no("☒ Yes ☐ No") is True
    assert yes_no("Yes / No ☒") is None  # the printed prompt, nothing chosen


def test_options_one_a_cell_with_the_mark_after_the_chosen_one() -> None:
    assert _yes_no_cells([(1, "Yes ☒"), (2, "No")], None, []) is True
    assert _yes_no_cells([(1, "Yes"), (2, "No ☒")], None, []) is False


# --- 4. a scan's OCR layer: slips in the labels mended, values never


def test_ocr_slips_in_labels_are_mended() -> None:
    assert mend_line("Chi1d's ful1 narne: Imani Loveridge") == "Child's full name: Imani Loveridge"
    assert mend_line("Horne address: 1 Horne Street") == "Home address: 1 Horne Street"  # the value kept
    assert mend_line("Surnrnary of events: x") == "Summary of events: x"
    assert mend_line("Seriously harrned? ☒ Yes ☐ No") == "Seriously harmed? ☒ Yes ☐ No"
    assert mend_line("Surname: Turner") == "Surname: Turner"
    text = "Referral form\nNarne: Jo Bloggs\nRole: DSL\n"
    assert mend_text(text) == text  # one slip is no OCR layer: left alone


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(FIRST), st.sampled_from(LAST), st.integers(1, 28))
def test_ocr_scan_of_a_referral_reads_its_values(first: str, last: str, day: int) -> None:
    page = (f"CHILD SAFEGUARDING PRACTICE REVIEW - REFERRAL F0RM\n\nChi1d's ful1 narne: {first} {last}\n"
            f"Date of birth: {day:02d}/06/2023\nHorne address: 112 Cadbury Camp Lane End, Portishead, BS20 2BA\n"
            "Disabi1ity: Autism (diagnosed 2023)\nHas the chi1d died? ☐ Yes ☒ No\n")
    ex = extract(DocView("Scan_0042.pdf", layout_blocks(page)))
    assert ex.values["referral.child.name"] == f"{first} {last}"
    assert ex.values["referral.child.date_of_birth"] == f"2023-06-{day:02d}"
    assert ex.values["referral.child.home_address"] == "112 Cadbury Camp Lane End, Portishead, BS20 2BA"
    assert ex.values["referral.criteria.child_died"] is False


# --- 5. slash-parted rows under a bracketed header


@settings(max_examples=12, deadline=None)
@given(family(), st.booleans())
def test_slash_parted_family_rows(people: list[tuple[str, str, str, str, str]], wrapped: bool) -> None:
    rows = []
    for name, rel, dob, addr, eth in people:
        y, m, d = dob.split("-")
        # a long row wraps after a slash, as a scanned page's line does
        rows.append(f"{name} / {rel} / {d}/{m}/{y} / {addr} /" + ("\n" if wrapped else " ") + eth)
    body = ("Child's full name: Imani Loveridge\nDate of birth: 12/06/2023\n\n"
            "Family members (name / relationship / DOB / address / ethnicity):\n" + "\n".join(rows) + "\n\n"
            "Other agencies (worker / agency / contact / still involved):\n"
            "Natalia Ellery / North Somerset Children's Social Care / 01632 960235 / Yes\n")
    ex = extract(read_text(body, "body"))
    got = [(p["name"], p["relationship"], p["date_of_birth"], p["address"], p["ethnicity"])
           for p in ex.records["family"]]
    assert got == people
    assert [(a["name"], a["still_involved"]) for a in ex.records["agencies"]] == [("Natalia Ellery", True)]


def test_a_bracket_without_slash_rows_is_left_alone() -> None:
    view = read_text("Notes (see attached / call me):\nJo rang twice about the visit.\n", "body")
    assert not any(isinstance(b, Table) for b in view.blocks)


# --- 6. the family in one sentence under the family heading


@settings(max_examples=12, deadline=None)
@given(family())
def test_family_written_as_one_sentence(people: list[tuple[str, str, str, str, str]]) -> None:
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    parts = []
    for name, rel, dob, addr, eth in people:
        y, m, d = dob.split("-")
        parts.append(f"{name} ({rel}, born {int(d)} {months[int(m) - 1]} {y}, {eth}, of {addr})")
    sentence = "The family members known to us are " + "; ".join(parts[:-1]) + f"; and {parts[-1]}."
    view = DocView("referral.docx", ["What happened", "Hamza was found unresponsive.", "Family and household",
                                     sentence, "Professionals involved"])
    got = [(p["name"], p["relationship"], p["date_of_birth"], p["address"], p["ethnicity"])
           for p in extract(view).records["family"]]
    assert got == people


def test_people_named_in_a_narrative_are_no_family_rows() -> None:
    view = DocView("body", ["What happened", "Kai Penberthy (brother, born 2015) and Nia Loveridge (mother, born "
                                             "1990) were at home."])
    assert not extract(view).records.get("family")


# --- 7. captions below their answers: a list's entries each over the list's column names


@settings(max_examples=10, deadline=None)
@given(family())
def test_captions_below_list_entries(people: list[tuple[str, str, str, str, str]]) -> None:
    blocks: list[str | Table] = [
        "A. Person completing this notification",
        Table([["Everton Mountjoy", "Safeguarding Specialist Practitioner", "South Western Ambulance Service"],
               ["Your full name", "Job title", "Organisation"]]),
        "", "B. The child",
        Table([["Ruairí Kowalczyk", "6th Oct 2013", "White Irish"], ["Child's full name", "Date of birth",
                                                                      "Ethnic origin"]]),
        Table([["Flat 4, 123 Kenn Moor Drive, Sandford, BS25 7UN", "Jasmin Kowalczyk"],
               ["Home address incl. postcode", "Main carer / person with parental responsibility"]]),
        "D. Family and significant others"]
    for name, rel, dob, addr, eth in people:
        blocks += [Table([[name, rel, dob, addr, eth], ["Name", "Relationship to child", "D.O.B.", "Address",
                                                        "Ethnicity"]]), ""]
    blocks += ["E. Other professionals involved",
               Table([["Benedict Whitcombe", "Sirona care & health", "benedict.whitcombe@sirona-cic.org.uk", "No"],
                      ["Worker", "Agency", "Tel / e-mail", "Still involved?"]])]
    ex = extract(DocView("notification.docx", blocks))
    got = [(p["name"], p["relationship"], p["date_of_birth"], p["address"], p["ethnicity"])
           for p in ex.records["family"]]
    assert got == people
    assert [(a["name"], a["agency"], a["still_involved"]) for a in ex.records["agencies"]] == [
        ("Benedict Whitcombe", "Sirona care & health", False)]
    assert ex.values["referral.child.carer"] == "Jasmin Kowalczyk"
    assert ex.values["referral.child.home_address"] == "Flat 4, 123 Kenn Moor Drive, Sandford, BS25 7UN"
    assert ex.values["referral.referrer.name"] == "Everton Mountjoy"


def test_a_header_over_its_rows_is_not_turned() -> None:
    # the ordinary layout: the header first, a person under it
    blocks: list[str | Table] = ["Family", Table([["Name", "Relationship", "Date of birth"],
                                                  ["Nia Quarrie", "Maternal grandmother", "06/07/1980"]])]
    people = extract(DocView("form.docx", blocks)).records["family"]
    assert [(p["name"], p["relationship"]) for p in people] == [("Nia Quarrie", "Maternal grandmother")]


# --- 8. plan statuses in a form's own words


def test_plan_status_words() -> None:
    assert _cpp("Plan ended 2024") == "has_been"
    assert _cpp("Yes (previous)") == "has_been"
    assert _cpp("Not now but has been") == "has_been"
    assert _cpp("In the past") == "has_been"
    assert _cpp("Yes - current") == "yes"
    assert _cpp("Never") == "no"


# --- 9. a case-system print: capitalised column names, a value run into the status column, rules under headings


@settings(max_examples=10, deadline=None)
@given(st.permutations(["Portishead Bay Academy", "Sirona care & health", "Clevedon Pier Medical Practice"]),
       st.lists(st.booleans(), min_size=3, max_size=3))
def test_case_system_print_with_capitalised_columns(agencies: list[str], open_: list[bool]) -> None:
    workers = ["ELLERY, Abimbola", "ADEBAYO, Natalia", "IBBOTSON, Abimbola"]
    # the first contact is longer than its column and runs into the status column, as a print pads no further
    contacts = ["abimbola.ellery@portisheadbay.n-somerset.sch.uk", "07700 900912", "abimbola.ibbotson@nhs.net"]
    rows = ["Organisation".ljust(40) + "Worker".ljust(22) + "Contact".ljust(30) + "Status"]
    for agency, worker, contact, on in zip(agencies, workers, contacts, open_, strict=True):
        rows.append(agency.ljust(40) + worker.ljust(22) + contact.ljust(30) + ("OPEN" if on else "CLOSED"))
    body = ("PERSON DETAILS\n" + "-" * 60 + "\nName                  : SANDIFORD, Eoin\n"
            "DOB                   : 19-Feb-2024\n"
            "CP plan status        : Yes - current\n\nCASE SUMMARY\n" + "-" * 60 + "\nEoin was brought in severely "
            "malnourished and dehydrated.\n\nRELATIONSHIPS\n" + "-" * 60 + "\n"
            + "Relationship".ljust(20) + "Name".ljust(28) + "DOB".ljust(14) + "Ethnicity\n"
            + "Mother".ljust(20) + "QUARRIE, Zofia".ljust(28) + "03-May-2000".ljust(14) + "Black Caribbean\n"
            + "Mother's partner".ljust(20) + "TREMAYNE, Bartosz".ljust(28) + "12-Jun-1984".ljust(14)
            + "Black Caribbean\n\nINVOLVEMENTS\n" + "-" * 60 + "\n" + "\n".join(rows) + "\n")
    ex = extract(read_text(body, "body"))
    assert [(a["agency"], a["contact"], a["still_involved"]) for a in ex.records["agencies"]] == list(
        zip(agencies, contacts, open_, strict=True))
    assert [(p["relationship"], p["date_of_birth"]) for p in ex.records["family"]] == [
        ("Mother", "2000-05-03"), ("Mother's partner", "1984-06-12")]
    assert ex.values["referral.child.child_protection_plan"] == "yes"
    assert ex.values["referral.summary"] == "Eoin was brought in severely malnourished and dehydrated."


def test_a_capitalised_line_with_gaps_is_no_table_when_rows_do_not_fit() -> None:
    body = "Dear Team  Please see  My notes below\nThe mother rang the school twice on Monday about it.\n"
    assert not any(isinstance(b, Table) for b in read_text(body, "body").blocks)


# --- 10. a list's entries written caption-in-cell ("NAME⏎Chidinma Vaughan-Jones | RELATIONSHIP⏎Mother | ...")


@settings(max_examples=10, deadline=None)
@given(family())
def test_caption_in_cell_list_entries(people: list[tuple[str, str, str, str, str]]) -> None:
    blocks: list[str | Table] = ["Child", Table([["NAME\nRhys Gallacher", "DATE OF BIRTH\n7 Jun 2011",
                                                   "ETHNICITY\nNot declared"]]), "Family"]
    for name, rel, dob, addr, eth in people:
        blocks += [Table([[f"NAME\n{name}", f"RELATIONSHIP\n{rel}", f"DATE OF BIRTH\n{dob}", f"ADDRESS\n{addr}",
                           f"ETHNICITY\n{eth}"]]), ""]
    blocks += ["Agencies", Table([["WORKER\nFergus Mountjoy", "AGENCY\nAvon and Wiltshire Mental Health Partnership "
                                   "NHS Trust", "CONTACT\n07700 900782", "STILL INVOLVED\nYes"]])]
    ex = extract(DocView("CSPR_Referral.docx", blocks))
    got = [(p["name"], p["relationship"], p["date_of_birth"], p["address"], p["ethnicity"])
           for p in ex.records["family"]]
    assert got == people
    assert [(a["name"], a["agency"], a["contact"], a["still_involved"]) for a in ex.records["agencies"]] == [
        ("Fergus Mountjoy", "Avon and Wiltshire Mental Health Partnership NHS Trust", "07700 900782", True)]
    assert ex.values["referral.child.name"] == "Rhys Gallacher"


# --- 11. options printed side by side, the chosen one only highlighted (a portal's HTML export)


def _portal(rows: str) -> bytes:
    html = ("<html><body><p>A form has been submitted on the Partnership portal.</p><table>" + rows
            + "</table></body></html>")
    return ("From: Partnership portal <no-reply@n-somerset.gov.uk>\r\nTo: cspr@n-somerset.gov.uk\r\n"
            "Subject: Portal submission\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html).encode()


def _opts(chosen: str, options: list[str]) -> str:
    on = '<span style="background-color:#FFFF00;font-weight:bold">{}</span>'
    off = '<span style="color:#A6A6A6">{}</span>'
    return " ".join((on if o == chosen else off).format(o) for o in options)


@settings(max_examples=10, deadline=None)
@given(st.booleans(), st.booleans(), st.sampled_from(["Known", "Suspected"]),
       st.sampled_from([("Current", "yes"), ("Previous", "has_been"), ("Never", "no")]))
def test_highlighted_option_is_the_answer(died: bool, harmed: bool, abuse: str, plan: tuple[str, str]) -> None:
    yn = ["Yes", "No"]
    rows = ("<tr><th>Child's name</th><td>Macsen Threlfall</td></tr>"
            "<tr><th>Date of birth</th><td>30/05/2010</td></tr>"
            f"<tr><th>Child protection plan</th><td>{_opts(plan[0], ['Current', 'Previous', 'Never'])}</td></tr>"
            f"<tr><th>Did the child die?</th><td>{_opts('Yes' if died else 'No', yn)}</td></tr>"
            f"<tr><th>Was the child seriously harmed?</th><td>{_opts('Yes' if harmed else 'No', yn)}</td></tr>"
            f"<tr><th>Abuse or neglect</th><td>{_opts(abuse, ['Known', 'Suspected'])}</td></tr>")
    ref = parse_message(_portal(rows)).to_json_dict()["referral"]
    assert isinstance(ref, dict)
    assert ref["criteria"]["child_died"] is died and ref["criteria"]["seriously_harmed"] is harmed
    assert ref["criteria"]["abuse_or_neglect"] == abuse.lower()
    assert ref["child"]["child_protection_plan"] == plan[1]


def _docx_with_highlights(rows: list[tuple[str, list[str], str]]) -> bytes:
    """A Word form whose questions are answered by highlighting one of the options printed after them."""
    import io

    import docx
    from docx.enum.text import WD_COLOR_INDEX

    doc = docx.Document()
    doc.add_paragraph("Child's full name: Seren Underhill")
    doc.add_paragraph("Date of birth: 14/03/2025")
    for question, options, chosen in rows:
        p = doc.add_paragraph()
        p.add_run(question + "   ")
        for k, option in enumerate(options):
            run = p.add_run(option)
            if option == chosen:
                run.bold = True
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if k < len(options) - 1:
                p.add_run("   ")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@settings(max_examples=8, deadline=None)
@given(st.booleans(), st.booleans())
def test_highlighted_option_in_a_word_form(died: bool, concern: bool) -> None:
    from parsers.documents.docx import read_docx

    data = _docx_with_highlights([("Did the child die?", ["Yes", "No"], "Yes" if died else "No"),
                                  ("Is there cause for concern about the way agencies worked together?",
                                   ["Yes", "No"], "Yes" if concern else "No")])
    ex = extract(read_docx(data, "referral.docx"))
    assert ex.values["referral.criteria.child_died"] is died
    assert ex.values["referral.criteria.agency_concern"] is concern


def test_involvement_asked_without_any() -> None:
    # "Has your agency had involvement?" (a portal's wording, without "any"): the return's involvement answer
    view = DocView("body", [Table([["Case reference", "NS-CSPR-2026-322"], ["Agency", "Portishead Bay Academy"],
                                   ["Has your agency had involvement?", "☐ Yes ☒ No"],
                                   ["Signed off by", "Fergus Featherstone"]])])
    assert extract(view).values["agency_return.involved"] is False


# --- 12. a return typed as a reply in the writer's own words


@settings(max_examples=8, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.integers(20, 25))
def test_return_in_own_words(day: int, month: int, year: int) -> None:
    body = ("NS-CSPR-2026-314 - POLICE RETURN\n\nAgency: Avon and Somerset Police\n"
            "Officer: Alun Whitcombe, PPU Sergeant\n\n"
            f"Known to us: YES, from {day:02d}/{month:02d}/{year} to 21/11/26\n\nWhat we knew:\n"
            "Mother attended 5 appointments for low mood; no family assessment was made.\n\n"
            "What we have done since:\nRecords secured; a Think Family prompt added to the care plan template.\n\n"
            "Early learning:\nAdult services did not consider the children in the household.\n\n"
            "Records secured: YES (Niche OEL restricted)\nQA'd by: Alun Quennell\nCompleted: 04/12/26\n")
    v = extract(read_text(body, "body")).values
    assert v["agency_return.involved"] is True
    assert v["agency_return.involvement_from"] == f"20{year}-{month:02d}-{day:02d}"
    assert v["agency_return.involvement_to"] == "2026-11-21"
    assert v["agency_return.summary"] == "Mother attended 5 appointments for low mood; no family assessment was made."
    assert v["agency_return.signed_off_by"] == "Alun Quennell"
    assert v["agency_return.date_completed"] == "2026-12-04"


# --- 13. a case-management print: a narrow DOB column wraps the year's last digit; "Involvement" Current / Ended


@settings(max_examples=8, deadline=None)
@given(family(), st.lists(st.booleans(), min_size=2, max_size=2))
def test_print_with_wrapped_years_and_involvement_column(people: list[tuple[str, str, str, str, str]],
                                                          current: list[bool]) -> None:
    rows = [["Name", "Relationship", "DOB", "Address", "Ethnicity"]]
    for name, rel, dob, addr, eth in people:
        y, m, d = dob.split("-")
        rows.append([name, rel, f"{d}/{m}/{y[:3]}\n{y[3]}", addr, eth])
    blocks: list[str | Table] = [
        "Household and relationships", Table(rows), "Professional involvement",
        Table([["Worker", "Organisation", "Contact", "Involvement"],
               ["Fergus Carnegie", "Portishead Bay Academy", "01632 960224", "Current" if current[0] else "Ended"],
               ["Rajesh Lanyon", "Sirona care & health", "01632 960787", "Current" if current[1] else "Ended"]])]
    ex = extract(DocView("Mosaic print.pdf", blocks))
    assert [p["date_of_birth"] for p in ex.records["family"]] == [p[2] for p in people]
    assert [a["still_involved"] for a in ex.records["agencies"]] == current


# --- 14. a form pasted as "Label:<TAB>value" lines, its lists under a header line in brackets


@settings(max_examples=10, deadline=None)
@given(family(), st.sampled_from(FIRST), st.sampled_from(LAST))
def test_tab_separated_form_with_bracketed_list_headers(people: list[tuple[str, str, str, str, str]], first: str,
                                                        last: str) -> None:
    lines = ["CSPR REFERRAL", "", "Referrer:\tEverton Drinkwater", "Role:\tPrincipal Social Worker", "",
             f"Child:\t{first} {last}", "DOB:\t11.04.26", "", "Family (name\trelationship\tDOB\taddress\tethnicity):"]
    for name, rel, dob, addr, eth in people:
        y, m, d = dob.split("-")
        lines.append(f"{name}\t{rel}\t{d}.{m}.{y}\t{addr}\t{eth}")
    lines += ["", "Agencies (worker\tagency\tcontact\tstill involved):",
              "Harriet Rhydderch\tPortishead Bay Academy\t01632 960191\tY"]
    ex = extract(read_text("\n".join(lines) + "\n", "body"))
    assert ex.values["referral.child.name"] == f"{first} {last}"
    assert ex.values["referral.referrer.name"] == "Everton Drinkwater"
    got = [(p["name"], p["relationship"], p["date_of_birth"], p["address"], p["ethnicity"])
           for p in ex.records["family"]]
    assert got == people
    assert [(a["name"], a["still_involved"]) for a in ex.records["agencies"]] == [("Harriet Rhydderch", True)]


# --- 15. workers and the referrer written as e-mail signature blocks under their headings

AGENCY_NAMES = ["South Western Ambulance Service NHS Foundation Trust", "Portishead Bay Academy",
                "Sirona care & health", "Avon and Somerset Police"]


@settings(max_examples=10, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST), st.sampled_from(AGENCY_NAMES),
                          st.booleans(), st.booleans()), min_size=1, max_size=3))
def test_signature_blocks(workers: list[tuple[str, str, str, bool, bool]]) -> None:
    lines = ["What happened", "Hamza was found unresponsive.", "Professionals involved",
             "Their details, as in their e-mail signatures:"]
    want = []
    for k, (first, last, agency, by_mail, still) in enumerate(workers):
        contact = f"{first.lower()}.{k}@example.nhs.uk" if by_mail else f"01632 960{100 + k}"
        lines += [f"{first} {last}", agency, f"{'E' if by_mail else 'T'}: {contact}",
                  "Currently working with the family" if still else "Case closed to us"]
        want.append((f"{first} {last}", agency, contact, still))
    lines += ["Other processes", "Section 47 enquiry: Completed", "Referrer", "Kirsty Pennington",
              "Paramedic Team Leader", "South Western Ambulance Service NHS Foundation Trust", "T: 01632 960617",
              "E: kirsty.pennington@swast.nhs.uk", "Date: 3rd December 2026"]
    ex = extract(DocView("referral.docx", list(lines)))
    assert [(a["name"], a["agency"], a["contact"], a["still_involved"]) for a in ex.records["agencies"]] == want
    assert ex.values["referral.referrer.name"] == "Kirsty Pennington"
    assert ex.values["referral.referrer.role"] == "Paramedic Team Leader"
    assert ex.values["referral.referrer.agency"] == "South Western Ambulance Service NHS Foundation Trust"
    assert ex.values["referral.referrer.phone"] == "01632 960617"
    assert ex.values["referral.referrer.email"] == "kirsty.pennington@swast.nhs.uk"


def test_prose_under_the_heading_is_no_signature_block() -> None:
    lines = ["Professionals involved", "The school nurse knows the family well.", "She has seen them twice.",
             "Referrer", "Jo Reed, DSL, Churchill Academy"]
    ex = extract(DocView("referral.docx", list(lines)))
    assert not ex.records.get("agencies")
    assert ex.values.get("referral.referrer.role") is None


# --- 16. a fillable form's comb of one-digit boxes, and boxes drawn across two of the page's columns


@settings(max_examples=10, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.integers(2010, 2026))
def test_comb_dates_and_spanned_boxes(day: int, month: int, year: int) -> None:
    from parsers.comb_dates import join_combs

    digits = list(f"{day:02d}{month:02d}{year}")
    grid = Table([["Child forename(s)", "Child surname", "Date of birth (D D M M Y Y Y Y)"],
                  ["Mared", "Østergaard", *digits],
                  ["Home address", "", "Carer"],
                  ["Flat 7, 8 Tickenham Hollow, Portishead, BS20 6TJ", "", "Halina Threlfall"],
                  ["Date of incident (D D M M Y Y Y Y)", "Place of incident", ""],
                  [*list("28112026"), "Bristol Royal Hospital for Children"]], origin="text")
    v = extract(DocView("form.pdf", ["Referral", join_combs(grid)])).values
    assert v["referral.child.date_of_birth"] == f"{year}-{month:02d}-{day:02d}"
    assert v["referral.child.name"] == "Mared Østergaard"
    assert v["referral.child.home_address"] == "Flat 7, 8 Tickenham Hollow, Portishead, BS20 6TJ"
    assert v["referral.child.carer"] == "Halina Threlfall"
    assert v["referral.child.incident_date"] == "2026-11-28"
    assert v["referral.child.incident_location"] == "Bristol Royal Hospital for Children"


def test_digits_that_are_no_comb_are_left() -> None:
    from parsers.comb_dates import join_combs

    table = Table([["Q1", "Q2", "Q3", "Q4"], ["2", "1", "2", "1"]])
    assert join_combs(table).rows == table.rows  # four answers of one digit: no date


# --- 17. a portal's list with each entry one cell: the key on the first line, its details labelled under it


@settings(max_examples=10, deadline=None)
@given(family(), st.lists(st.booleans(), min_size=1, max_size=3))
def test_list_entries_one_a_cell(people: list[tuple[str, str, str, str, str]], still: list[bool]) -> None:
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    rows = ("<tr><th>Child's name</th><td>Macsen Threlfall</td></tr><tr><th>Date of birth</th><td>30/05/2010</td></tr>"
            "<tr><th>Date of incident</th><td>01/12/2026</td></tr><tr><th>Did the child die?</th><td>No</td></tr>"
            "<tr><th>Was the child seriously harmed?</th><td>Yes</td></tr>"
            "<tr><td colspan=2><b>Section 4 - Family</b></td></tr>")
    for name, rel, dob, addr, eth in people:
        y, m, d = dob.split("-")
        rows += (f"<tr><th>Family member</th><td>{name}<br>{rel} · born {int(d)} {months[int(m) - 1]} {y}<br>"
                 f"{addr}<br>Ethnicity: {eth}</td></tr>")
    rows += "<tr><td colspan=2><b>Section 5 - Agencies</b></td></tr>"
    agencies = AGENCY_NAMES[: len(still)]
    for k, (agency, on) in enumerate(zip(agencies, still, strict=True)):
        rows += (f"<tr><th>Agency</th><td>{agency}<br>Worker: Everton Lanyon<br>Contact: 01632 960{970 + k}<br>"
                 f"Still involved: {_opts('Yes' if on else 'No', ['Yes', 'No'])}</td></tr>")
    ref = parse_message(_portal(rows)).to_json_dict()["referral"]
    assert isinstance(ref, dict)
    assert _family(ref) == people
    want = [(agency, "Everton Lanyon", f"01632 960{970 + k}", on)
            for k, (agency, on) in enumerate(zip(agencies, still, strict=True))]
    assert [(a["agency"], a["name"], a["contact"], a["still_involved"]) for a in ref["other_agencies"]] == want


def test_an_entry_cell_with_an_unplaced_line_is_left() -> None:
    from parsers.entry_cells import entry_cells

    table = Table([["Agency", "Sirona care & health\nSee the attached letter for the worker's details"]])
    view = DocView("body", [table])
    assert entry_cells(view) is view


# --- 18. a form flowing in columns, label above answer: the next label on the answer's line, an address wrapped


@settings(max_examples=8, deadline=None)
@given(st.sampled_from(["Named Nurse for Safeguarding Children", "Designated Safeguarding Lead", "Health Visitor"]),
       st.sampled_from(ADDRESSES))
def test_flowing_columns_labels_run_in(role: str, address: str) -> None:
    head, _, postcode = address.rpartition(", ")
    page = ("1 About you\nName\nBronwen Mountjoy\nRole\n" + f"{role} Organisation\n"
            "University Hospitals Bristol and Weston NHS Foundation Trust\n2 The child\nFull name\nCarys Olawale\n"
            f"Date of birth\n31 July 2024\nAddress\n{head},\n{postcode}\nEthnicity\nBlack African\n")
    v = extract(DocView("form.pdf", layout_blocks(page))).values
    assert v["referral.referrer.role"] == role
    assert v["referral.referrer.agency"] == "University Hospitals Bristol and Weston NHS Foundation Trust"
    assert v["referral.child.home_address"] == address
    assert v["referral.child.ethnicity"] == "Black African"
