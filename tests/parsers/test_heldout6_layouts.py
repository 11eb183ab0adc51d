"""Layouts first met in development set #6 (tests/corpus_heldout6), each as a mechanism on a small form."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.documents.model import DocView, Table
from parsers.fields import extract
from parsers.line_records import read_line

PROCESS = st.sampled_from(["Coroner's inquest", "LADO referral", "Criminal proceedings", "Child Death Overview Panel",
                           "Police investigation", "Care proceedings"])
STATUS = st.sampled_from(["Opened and adjourned", "Strategy meeting held, outcome awaited", "Notified",
                          "Charged; first hearing listed at Bristol Crown Court", "Interim care order"])


def _mail(body: str, headers: str = "") -> dict[str, object]:
    raw = (f"From: jo.reed@n-somerset.gov.uk\r\nTo: cspr@n-somerset.gov.uk\r\n{headers}"
           f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode()
    return parse_message(raw).to_json_dict()


# --- a processes table whose header names its columns in words of its own


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(PROCESS, STATUS), min_size=1, max_size=4, unique_by=lambda p: p[0]),
       st.sampled_from(["Other process (inquest, CDOP, criminal, etc.)", "Other processes", "Parallel process"]),
       st.sampled_from(["Where it has got to", "Current position", "Status"]))
def test_process_table_header_in_other_words_keeps_every_row(pairs: list[tuple[str, str]], process: str,
                                                             status: str) -> None:
    view = DocView("form.docx", [
        Table([["Child's full name", "Ezra Hembury"], ["Date of birth", "20.06.2024"]]),
        "Part F  Other agencies and processes",
        Table([[process, status], *[[p, s] for p, s in pairs]]),
    ])
    got = extract(view).records.get("processes", [])
    assert [(r["process"], r["status"]) for r in got] == pairs  # none taken for the header, none shifted


# --- an agency line whose two parts could each be a person's name


def test_agency_line_with_an_agency_word_is_read_either_way_round() -> None:
    rec = read_line("agencies", "Tower House Medical Centre - Simon Fitzgerald - 01632 960301 - still involved: No")
    assert rec == {"name": "Simon Fitzgerald", "agency": "Tower House Medical Centre", "contact": "01632 960301",
                   "still_involved": False}
    rec = read_line("agencies", "Simon Fitzgerald - Tower House Medical Centre - 01632 960301")
    assert rec is not None and (rec["name"], rec["agency"]) == ("Simon Fitzgerald", "Tower House Medical Centre")


def test_agency_line_of_two_names_is_kept_in_place_but_not_guessed() -> None:
    rec = read_line("agencies", "Grove Lodge - Simon Fitzgerald - simon.fitzgerald@nhs.net - still involved: Yes")
    assert rec == {"name": None, "agency": None, "contact": "simon.fitzgerald@nhs.net", "still_involved": True}


# --- a bulletin sent to a list is not a referral, however many review words it has

BULLETIN = ("In this issue: the national panel's updated guidance on rapid reviews; learning from recent child "
            "safeguarding practice reviews on infant head injuries; places left on our multi-agency training.\n")


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["List-Unsubscribe: <mailto:unsubscribe@bulletins.example>\r\n",
                        "List-Id: <updates.bulletins.example>\r\n",
                        "Precedence: bulk\r\nList-Unsubscribe: <https://bulletins.example/u>\r\n"]))
def test_a_mailing_list_bulletin_is_unknown_not_a_referral(list_headers: str) -> None:
    result = _mail(BULLETIN, "Subject: December briefing: new rapid review guidance\r\n" + list_headers)
    assert result["kind"] == "unknown"
    assert any("mailing list" in w for w in result["warnings"])  # type: ignore[union-attr]


def test_the_same_words_from_a_person_still_open_a_provisional_referral() -> None:
    """Recall first: without list headers the formless-referral reading is unchanged."""
    body = ("Please consider a rapid review. Baby Leo Marsh (dob 01/02/2026) was admitted to intensive care with "
            "a head injury last night.\n\nJo Reed\nSocial Worker\n")
    result = _mail(body, "Subject: Rapid review referral\r\n")
    assert result["kind"] == "referral"


# --- label-above-value forms: each person, agency and process a block of "Label: value" lines under its heading

FIRST = st.sampled_from(["Jade", "Jamal", "Natalia", "Ava-Rose", "Precious", "Kacper"])
LAST = st.sampled_from(["Ashdown", "Okonkwo-Reid", "Baverstock-Lane", "Nnamdi", "Szabo"])
RELATION = st.sampled_from(["Mother", "Father", "Sister", "Maternal grandmother", "Stepfather"])


@st.composite
def blocks(draw: st.DrawFn) -> list[dict[str, str]]:
    out = []
    for n in range(draw(st.integers(1, 4))):
        y, m, d = draw(st.integers(1960, 2015)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
        out.append({"name": f"{draw(FIRST)} {draw(LAST)}", "relationship": draw(RELATION),
                    "dob": f"{d:02d}/{m:02d}/{y}", "iso": f"{y}-{m:02d}-{d:02d}",
                    "address": f"{n + 3} Milton Road, Yatton, BS49 4LE"})
    return out


@settings(max_examples=25, deadline=None)
@given(blocks(), st.booleans(), st.booleans())
def test_family_blocks_of_label_lines_are_one_person_each(people: list[dict[str, str]], markers: bool,
                                                         blank: bool) -> None:
    paras: list[str | Table] = ["Full name of child", "Kai Ashdown", "3. Family members and significant adults"]
    for n, p in enumerate(people, start=1):
        paras += [f"Person {n}"] * markers + [""] * blank
        paras += [f"Name: {p['name']}", f"Relationship to child: {p['relationship']}", f"DOB: {p['dob']}",
                  f"Address: {p['address']}"]
    paras += ["4. Criteria", "Has the child died?", "No"]
    got = extract(DocView("form.docx", paras)).records.get("family", [])
    assert [(r["name"], r["relationship"], r["date_of_birth"], r["address"]) for r in got] == [
        (p["name"], p["relationship"], p["iso"], p["address"]) for p in people]


def test_agency_and_process_blocks_under_their_headings() -> None:
    paras: list[str | Table] = [
        "6. Other agencies involved", "Agency 1", "Agency: Backwell School", "Worker: Matthew Whitaker",
        "Contact: 0117 496 0950", "Still involved: No", "Agency 2", "Agency: Graham Road Surgery",
        "Worker: Owen Pritchard", "Contact: owen.pritchard@nhs.net", "Still involved: Yes",
        "7. Other processes", "Process: LADO referral", "Status: Strategy meeting held",
        "Process: Section 47 enquiry", "Status: Completed",
    ]
    records = extract(DocView("form.docx", paras)).records
    assert records["agencies"] == [
        {"name": "Matthew Whitaker", "agency": "Backwell School", "contact": "0117 496 0950", "still_involved": False},
        {"name": "Owen Pritchard", "agency": "Graham Road Surgery", "contact": "owen.pritchard@nhs.net",
         "still_involved": True}]
    assert [(r["process"], r["status"]) for r in records["processes"]] == [
        ("LADO referral", "Strategy meeting held"), ("Section 47 enquiry", "Completed")]


def test_a_referrers_name_and_agency_under_no_list_heading_are_not_an_agency_list() -> None:
    paras: list[str | Table] = ["1. Person making the referral", "Name: Sarah Rowe", "Agency: Avon and Somerset "
                                "Constabulary", "Contact: 07700 900371"]
    ex = extract(DocView("form.docx", paras))
    assert "agencies" not in ex.records
    assert ex.values.get("referral.referrer.name") == "Sarah Rowe"


def test_the_address_where_the_child_usually_lives() -> None:
    paras: list[str | Table] = ["2. The child", "Full name of child", "Poppy Bryant",
                                "Address where the child usually lives", "25 Bournville Road, Portishead, BS20 6XF"]
    ex = extract(DocView("form.docx", paras))
    assert ex.values.get("referral.child.home_address") == "25 Bournville Road, Portishead, BS20 6XF"


# --- a grid of boxes: titles over cells that each hold a table (flattened to tab-separated lines by the reader)


def _nested_form() -> DocView:
    child = "Name\tHarper Whitlock\nDOB\t13-Sep-2022\nAddress\t102 Coleridge Vale Road, Weston-super-Mare, BS23 5AE"
    referrer = "Name\tAlison Penrose\nAgency\tAvon and Somerset Constabulary\nEmail\talison.penrose@police.example"
    lists = ("Name\tAgency\tContact\tStill involved?\nPaul Pritchard\tBackwell School\t07700 900345\tNo\n\n\n"
             "Process\tStatus\nCoroner's inquest\tOpened and adjourned")
    return DocView("form.docx", [
        Table([["THE CHILD", "THE REFERRER"], [child, referrer]]),
        Table([["SUMMARY"], ["Harper died after being attacked by a dog kept at the address of a relative."]]),
        Table([["OTHER AGENCIES AND PROCESSES"], [lists]]),
    ])


def test_boxes_under_titles_are_read_each_under_its_own_title() -> None:
    ex = extract(_nested_form())
    assert ex.values.get("referral.child.name") == "Harper Whitlock"
    assert ex.values.get("referral.child.date_of_birth") == "2022-09-13"
    assert ex.values.get("referral.referrer.name") == "Alison Penrose"
    assert ex.values.get("referral.referrer.agency") == "Avon and Somerset Constabulary"
    assert ex.values.get("referral.summary", "").startswith("Harper died")  # type: ignore[union-attr]
    assert ex.records["agencies"] == [{"name": "Paul Pritchard", "agency": "Backwell School",
                                       "contact": "07700 900345", "still_involved": False}]
    assert ex.records["processes"] == [{"process": "Coroner's inquest", "status": "Opened and adjourned"}]


def test_a_column_of_labels_is_not_the_answer_to_its_first_label() -> None:
    view = DocView("form.pdf", [Table([["Referrer"], ["Name\nDOB\nAddress\nCarer", "Leo Marsh\n01/02/2020"]])])
    assert extract(view).values.get("referral.referrer.name") != "DOB Address Carer"


def test_a_name_that_holds_a_date_or_postcode_is_left_empty_with_a_warning() -> None:
    result = _mail("Referrer's name: Ava-Rose Nnamdi 27th May 2011 106 Walliscote Road, Worle, BS22 1HD\n"
                   "Child's name: Leo Marsh\nDate of birth: 01/02/2020\nHas the child died? Yes\n",
                   "Subject: CSPR referral\r\n")
    referral = result["referral"]
    assert isinstance(referral, dict)
    assert referral["referrer"]["name"] is None
    assert any("not a name" in w for w in result["warnings"])  # type: ignore[union-attr]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Relationshi p", "Relations hip", "Ethnicit y"]))
def test_a_header_word_broken_by_a_narrow_pdf_column(broken: str) -> None:
    header = ["Name", "Relationship", "DoB", "Address", "Ethnicity"]
    header[1 if broken.startswith("Relation") else 4] = broken
    row = ["Claire Loveridge", "Mother", "28th April 2003", "106 Walliscote Road, Worle, BS22 1HD", "White and Asian"]
    ex = extract(DocView("form.pdf", ["Household, family and significant others", Table([header, row])]))
    assert ex.records["family"][0]["relationship"] == "Mother"
    assert ex.records["family"][0]["ethnicity"] == "White and Asian"


# --- a case system's export: labels qualified by whose field they are, Active / Closed, linked processes


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Officer", "Notifier"]), st.sampled_from(["Active", "Open"]),
       st.sampled_from(["Closed", "Inactive", "Ended"]))
def test_case_system_export_vocabulary(who: str, active: str, closed: str) -> None:
    view = DocView("export.pdf", [
        "NOTIFIER",
        Table([["Notifying officer", "Catherine Stannard", f"{who} role", "Safeguarding Lead"],
               [f"{who} organisation", "Weston Area Health NHS Trust", f"{who} phone", "01632 960986"],
               [f"{who} email", "c.stannard@nhs.example", "Notification date", "10th September 2026"]]),
        "SUBJECT",
        Table([["Subject name", "Bobby Kowalski", "Subject DOB", "12th November 2025"],
               ["Subject address", "Flat 8, 99 Walliscote Road, Yatton, BS49 7JS", "Primary carer", "Gemma Osei"],
               ["Event date", "8th September 2026", "Event location", "Family home"]]),
        "RELATIONSHIPS",
        Table([["Related person", "Relationship", "DOB"], ["Gemma Osei", "Mother", "12th May 2006"]]),
        "INVOLVED PROFESSIONALS",
        Table([["Professional", "Organisation", "Contact", "Active"],
               ["Nicola Ogunleye", "Backwell School", "0117 496 0338", active],
               ["Owen Stannard", "Pier Health Group", "owen.stannard@nhs.example", closed]]),
        "LINKED PROCESSES",
        Table([["Linked process", "Status"], ["LADO referral", "Strategy meeting held"]]),
    ])
    ex = extract(view)
    got = {k: ex.values.get(f"referral.{k}") for k in (
        "referrer.name", "referrer.role", "referrer.agency", "referrer.phone", "referrer.date_submitted",
        "child.name", "child.date_of_birth", "child.home_address", "child.carer", "child.incident_date",
        "child.incident_location")}
    assert got == {"referrer.name": "Catherine Stannard", "referrer.role": "Safeguarding Lead",
                   "referrer.agency": "Weston Area Health NHS Trust", "referrer.phone": "01632 960986",
                   "referrer.date_submitted": "2026-09-10", "child.name": "Bobby Kowalski",
                   "child.date_of_birth": "2025-11-12", "child.home_address": "Flat 8, 99 Walliscote Road, Yatton, "
                   "BS49 7JS", "child.carer": "Gemma Osei", "child.incident_date": "2026-09-08",
                   "child.incident_location": "Family home"}
    assert [r["name"] for r in ex.records["family"]] == ["Gemma Osei"]
    assert [r["still_involved"] for r in ex.records["agencies"]] == [True, False]
    assert ex.records["processes"] == [{"process": "LADO referral", "status": "Strategy meeting held"}]


def test_a_qualifier_of_another_section_is_not_read() -> None:
    """"Subject phone" in the notifier's block is not the notifier's phone."""
    view = DocView("export.pdf", ["NOTIFIER", Table([["Notifying officer", "Catherine Stannard"],
                                                     ["Subject phone", "01632 960111"]])])
    assert extract(view).values.get("referral.referrer.phone") is None


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["Multi-agency practice concern", "Inter-agency concern",
                        "Are you concerned about how agencies worked together?"]), st.booleans())
def test_agency_concern_asked_in_other_words(label: str, yes: bool) -> None:
    view = DocView("form.docx", ["CRITERIA", Table([["Criterion", "Response"], ["Child deceased", "FALSE"],
                                                    [label, "TRUE" if yes else "FALSE"]])])
    assert extract(view).values.get("referral.criteria.agency_concern") is yes


# --- prose lists printed to PDF: Symbol-font bullets, lines wrapped mid-record, addresses wrapped mid-word


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["\uf0b7 ", "\uf0a7 ", "• ", "- "]),
       st.sampled_from([("NHS Trust - Harriet", "Iqbal - "), ("NHS Trust - Harriet Iqbal", "- ")]))
def test_agency_lines_wrapped_onto_the_next_line(bullet: str, split: tuple[str, str]) -> None:
    head, tail = split
    view = DocView("form.pdf", [
        "Agencies known to be involved", "",
        f"{bullet}Oldmixon Primary School - Nicola Lockyer - nicola.lockyer@school.n- somerset.sch.uk - still "
        "involved: No",
        f"{bullet}Avon and Wiltshire Mental Health Partnership {head}",
        f"{tail}harriet.iqbal@nhs.net - still involved: Yes",
        "", "Other processes", "", f"{bullet}Coroner's inquest - Opened and adjourned",
    ])
    records = extract(view).records
    assert records["agencies"] == [
        {"name": "Nicola Lockyer", "agency": "Oldmixon Primary School",
         "contact": "nicola.lockyer@school.n-somerset.sch.uk", "still_involved": False},
        {"name": "Harriet Iqbal", "agency": "Avon and Wiltshire Mental Health Partnership NHS Trust",
         "contact": "harriet.iqbal@nhs.net", "still_involved": True}]
    assert records["processes"] == [{"process": "Coroner's inquest", "status": "Opened and adjourned"}]


def test_an_email_split_inside_its_last_label_is_joined() -> None:
    from parsers.referral import clean_email

    assert clean_email("lucy.rowe@nhs.n et", "referrer email", []) == "lucy.rowe@nhs.net"
    assert clean_email("lucy.rowe@nhs.net is best", "referrer email", []) == "lucy.rowe@nhs.net"


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Indian", "White Irish", "Not declared", "Any other ethnic group"]),
       st.sampled_from(["Lives at", "Living at", "Address:"]))
def test_family_prose_with_the_address_in_a_sentence_of_its_own(ethnicity: str, lives: str) -> None:
    rec = read_line("family", f"Stepfather: Kwame Shapland, born 21.06.1990, {ethnicity}. {lives} 8 Walliscote Road, "
                              "Yatton, BS49 5PT.")
    assert rec == {"name": "Kwame Shapland", "relationship": "Stepfather", "date_of_birth": "1990-06-21",
                   "address": "8 Walliscote Road, Yatton, BS49 5PT", "ethnicity": ethnicity}


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["Known", "Suspected"]))
def test_abuse_question_ending_in_both_options_is_answered_beside_it(answer: str) -> None:
    view = DocView("form.docx", [Table([["Criterion", "Answer (type Yes / No)"],
                                        ["The child has died", "No"],
                                        ["Abuse or neglect: known or suspected?", answer]])])
    assert extract(view).values.get("referral.criteria.abuse_or_neglect") == answer.lower()


# --- a form typed into a personal email: short criteria lines, bracketed birth dates, "Name at Agency"


def test_typed_criteria_family_and_agencies_from_a_personal_email() -> None:
    body = ("Name: Bobby Kaczmarek\nDOB - 7.11.22\n\nReferred by: Alison Abbott, Designated Safeguarding Lead, "
            "St Anne's Academy, alison.abbott@example.org, 0117 496 0790\n\nCriteria:\nDied - no\n"
            "Seriously harmed - yes\nAbuse/neglect - known\nWorried about how agencies worked together - yes\n\n"
            "Family:\nMother - Natalia Kaczmarek (25.2.89)\nFather - Ryan Bryant (8.7.99)\n\nOthers involved:\n"
            "Harriet Rowe at Priory Community School (07700 900671) - no longer involved\n"
            "Matthew Pritchard at Tower House Medical Centre (07700 900921) - still involved\n")
    result = _mail(body, "Subject: urgent - referral\r\n")
    referral = result["referral"]
    assert isinstance(referral, dict)
    assert referral["criteria"] == {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "known",
                                    "agency_concern": True}
    assert [(f["name"], f["relationship"], f["date_of_birth"]) for f in referral["family"]] == [
        ("Natalia Kaczmarek", "Mother", "1989-02-25"), ("Ryan Bryant", "Father", "1999-07-08")]
    assert referral["other_agencies"] == [
        {"name": "Harriet Rowe", "agency": "Priory Community School", "contact": "07700 900671",
         "still_involved": False},
        {"name": "Matthew Pritchard", "agency": "Tower House Medical Centre", "contact": "07700 900921",
         "still_involved": True}]


def test_an_email_wrapped_inside_a_contact_cell_is_joined() -> None:
    view = DocView("form.pdf", ["Other agencies involved", Table([
        ["Name", "Agency", "Contact details", "Still involved?"],
        ["Sarah Pritchard", "Worle Community School", "sarah.pritcha rd@school.n-somerset.sch .uk", "No"],
        ["Owen Iqbal", "Youth Justice Service", "07700\n900309", "No"]])])
    got = [r["contact"] for r in extract(view).records["agencies"]]
    assert got == ["sarah.pritchard@school.n-somerset.sch.uk", "07700 900309"]


def test_agency_concern_about_agencies_or_professionals() -> None:
    view = DocView("form.docx", [Table([
        ["Criterion", "Answer"], ["Is the child deceased?", "Yes"],
        ["Is there cause for concern about how agencies or professionals worked together?", "No"]])])
    assert extract(view).values.get("referral.criteria.agency_concern") is False


# --- notification-style forms and agency returns


@settings(max_examples=20, deadline=None)
@given(st.sampled_from([("TREMLETT", "Natalia", "Tremlett"), ("BAVERSTOCK-LANE", "Claire", "Baverstock-Lane"),
                        ("KACZMARE K", "Marie", "Kaczmarek"), ("Hembury", "Scott", "Hembury")]))
def test_surname_first_column_gives_forename_surname(parts: tuple[str, str, str]) -> None:
    written, first, want = parts
    view = DocView("form.docx", [
        "3. Child details",
        Table([["Child's last name(s)", "Tremlett", "Child's forename(s)", "Orla"]]),
        "Case outline", "Orla was admitted with severe faltering growth and dehydration after months of neglect.",
        "5. Family note: key family relationships, including parents, step-parents, partners and siblings",
        Table([["Surname, forename", "Relationship", "DoB"], [f"{written}, {first}", "Mother", "15/07/1998"]]),
    ])
    ex = extract(view)
    assert ex.records["family"][0]["name"] == f"{first} {want}"
    assert (ex.values.get("referral.child.surname"), ex.values.get("referral.child.forename")) == ("Tremlett", "Orla")
    assert ex.values.get("referral.summary") == ("Orla was admitted with severe faltering growth and dehydration "
                                                 "after months of neglect.")


@settings(max_examples=10, deadline=None)
@given(st.sampled_from([("Period of involvement: from", "Period of involvement: to"),
                        ("Involved from", "Involved to")]))
def test_involvement_period_asked_one_end_a_row(labels: tuple[str, str]) -> None:
    view = DocView("return.docx", [Table([["Agency", "Backwell School"], [labels[0], "11/03/2025"],
                                          [labels[1], "18/11/2026"]])])
    values = extract(view).values
    assert (values.get("agency_return.involvement_from"), values.get("agency_return.involvement_to")) == (
        "2025-03-11", "2026-11-18")


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from([(True, "☒", ""), (True, "x", ""), (False, "", "☒"), (False, "", "X")]), min_size=1,
                max_size=4), st.sampled_from(["Still involved: Yes", "Still involved:\nYes"]))
def test_still_involved_asked_as_yes_and_no_columns(marks: list[tuple[bool, str, str]], header: str) -> None:
    rows = [[f"Worker {chr(65 + n)}", f"Agency {n}", f"0117 496 0{n:03d}", yes, no] for n, (_, yes, no) in
            enumerate(marks)]
    view = DocView("form.docx", ["Other agencies involved",
                                 Table([["Name", "Agency", "Contact details", header, "No"], *rows])])
    assert [r["still_involved"] for r in extract(view).records["agencies"]] == [want for want, _, _ in marks]


def test_a_label_met_inside_prose_answers_to_the_end_of_its_sentence() -> None:
    body = ("I am writing to let you know that Reggie Mensah (date of birth 8 April 2013) died on 5 September 2026. "
            "Place of death: Family home. It is believed Reggie took their own life. I think the partnership should "
            "consider whether this needs a rapid review.\n\nRichard Bramwell\nDetective Inspector\n")
    result = _mail(body, "Subject: Death of a young person\r\n")
    referral = result["referral"]
    assert isinstance(referral, dict)
    assert referral["child"]["incident_location"] == "Family home"


def test_question_and_answer_return_with_an_answer_opening_in_label_words() -> None:
    view = DocView("summary.docx", [
        "1. Name of agency", "Avon and Somerset Constabulary",
        "2. Author of this summary (name / role / email / telephone)", "Simon Bramwell",
        "6. What immediate action has your agency taken?",
        "Records secured and access restricted. Staff involved offered support.",
        "7. Initial learning for your agency or the partnership",
        "Escalation routes were not used when the threshold decision was disputed.",
    ])
    values = extract(view).values
    assert values.get("agency_return.author.name") == "Simon Bramwell"
    assert values.get("agency_return.immediate_actions") == ("Records secured and access restricted. Staff involved "
                                                             "offered support.")
    assert values.get("agency_return.records_secured") is None  # the answer's first words are not that question
