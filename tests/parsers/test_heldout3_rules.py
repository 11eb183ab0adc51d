"""General rules added when the third blind corpus (and the rest of the second) became tuning sets: section
prefixes, misspelt and slashed labels, boxes and typed X placed by adjacency, summary boundaries, records written as
lines, returns' signatures and N/A answers, and the extent of a command's reason."""

from __future__ import annotations

from parsers import parse_message
from parsers.documents.model import DocView, Table
from parsers.documents.text import read_text
from parsers.fields import _unwrap, extract
from parsers.fuzzy import near_labels, pick
from parsers.line_records import read_line
from parsers.normalise import clean
from parsers.reply import parse_command
from parsers.ticks import cell_options, options, yes_no


def _mail(body: str, sender: str = "Sunita Bhatt <sunita.bhatt@nhs.net>", subject: str = "NS-CSPR-2026-021") -> dict:
    raw = (f"From: {sender}\r\nTo: cspr@n-somerset.gov.uk\r\nSubject: {subject}\r\n"
           f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode()
    return parse_message(raw).to_json_dict()


# --- 1. whole blocks: section prefixes, one-column "Label: value" tables, no referrer heading, typos


def test_section_letter_and_dash_prefix_heads_a_section() -> None:
    view = DocView("t", [Table([["Section A - Referrer"], ["Name: Priya Chandran"], ["Section B - Child"],
                                ["Name: Kacper Nowak"]])])
    ex = extract(view)
    assert ex.values["referral.referrer.name"] == "Priya Chandran"
    assert ex.values["referral.child.name"] == "Kacper Nowak"


def test_merged_section_header_child_slash_young_person() -> None:
    view = DocView("t", [Table([["SECTION 1 - TO BE COMPLETED BY THE REFERRING AGENCY"],
                                ["Name of referrer", "Gareth Lloyd", "Job title", "Headteacher"],
                                ["SECTION 2 - CHILD / YOUNG PERSON"],
                                ["Name", "Ellie-Rose Tanner", "D.O.B.", "8 Dec 2013"]])])
    ex = extract(view)
    assert ex.values["referral.child.name"] == "Ellie-Rose Tanner"
    assert ex.values["referral.child.date_of_birth"] == "2013-12-08"


def test_form_opening_with_referrer_fields_and_no_heading() -> None:
    text = "Referral form\nName: Marcus Penrose\nRole: DI\nEmail: m.p@x.gov.uk\nName of child: Sienna Ward\n"
    ex = extract(read_text(text + "Date of birth: 09/09/2019\n", "t"))
    assert ex.values["referral.referrer.name"] == "Marcus Penrose"
    assert ex.values["referral.child.name"] == "Sienna Ward"


def test_without_child_labels_a_leading_name_is_not_taken_as_the_referrer() -> None:
    ex = extract(read_text("Name: Marcus Penrose\nEmail: m.p@x.gov.uk\n", "t"))
    assert "referral.referrer.name" not in ex.values


def test_misspelt_labels_within_one_or_two_edits() -> None:
    view = DocView("t", ["Name of child: Amara Reid", Table([["Date of brith:\n18/02/2026", "Home adress:\nRoom 12"],
                                                              ["Religon", "None"], ["Disabilty", "Deaf"]])])
    ex = extract(view)
    assert ex.values["referral.child.date_of_birth"] == "2026-02-18"
    assert ex.values["referral.child.home_address"] == "Room 12"
    assert ex.values["referral.child.faith"] == "None"
    assert ex.values["referral.child.disability"] == "Deaf"


def test_fuzzy_matching_is_bounded_and_refuses_ties() -> None:
    assert pick(list(near_labels("date of brith")))
    assert near_labels("religon")  # 7 letters against the 8-letter "religion"
    assert not near_labels("mother")  # short words are never corrected
    assert not near_labels("headteacher")
    both = list(near_labels("telephon"))  # the referrer's and the author's phone: two fields, equally near
    assert pick(both) is None


def test_bare_referrer_label_in_a_two_column_grid() -> None:
    ex = extract(DocView("t", [Table([["Referrer", "Olivia Grant"], ["Job title", "Named GP"]])]))
    assert ex.values["referral.referrer.name"] == "Olivia Grant"
    assert ex.values["referral.referrer.role"] == "Named GP"


# --- 4. labels with a slash are matched whole


def test_slashed_label_rest_is_not_the_value() -> None:
    view = DocView("t", ["Details of the child", Table([["Person(s) with parental responsibility / carer",
                                                          "Shabana Hussain (mother)"]]),
                         "Referrer", Table([["Job title / role", "Designated Safeguarding Lead"]])])
    ex = extract(view)
    assert ex.values["referral.child.carer"] == "Shabana Hussain (mother)"
    assert ex.values["referral.referrer.role"] == "Designated Safeguarding Lead"


# --- 2. ticks by adjacency


def test_box_after_its_option_before_a_separator() -> None:
    assert [o for on, o in options("Known ☒ / Suspected") if on] == ["Known"]
    assert [o for on, o in options("Plan: ☒ Yes ☐ No") if on] == ["Yes"]


def test_cell_options_place_boxes_and_typed_x() -> None:
    assert [o for on, o in cell_options(["Yes", "No", "Has been ☒", "Not known"]) or [] if on] == ["Has been"]
    assert [o for on, o in cell_options(["X Yes", "No", "Has been"]) or [] if on] == ["Yes"]
    assert [o for on, o in cell_options(["Yes", "", "Has been", "X", "Not known", ""]) or [] if on] == ["Has been"]
    assert cell_options(["Yes", "No"]) is None


def test_cpp_options_in_the_row_under_a_merged_question_row() -> None:
    view = DocView("t", [Table([["Child Protection Plan (please tick)"], ["Yes", "No", "Has been ☒", "Not known"]])])
    assert extract(view).values["referral.child.child_protection_plan"] == "has_been"


def test_cpp_x_under_a_row_of_options() -> None:
    view = DocView("t", ["Child protection plan", Table([["Yes", "No", "Has been", "Not known"], ["", "", "X", ""]])])
    assert extract(view).values["referral.child.child_protection_plan"] == "has_been"


def test_cpp_x_typed_in_place_of_the_box_on_a_line() -> None:
    view = read_text("Child protection plan: X Yes   No   Has been   Not known\n", "t")
    assert extract(view).values["referral.child.child_protection_plan"] == "yes"


def test_cpp_boxes_on_the_line_under_the_question() -> None:
    view = read_text("Child protection plan\n☐ Yes   ☐ No   ☐ Has been   ☒ Not known\n", "t")
    assert extract(view).values["referral.child.child_protection_plan"] == "not_known"


def test_known_ticked_in_its_own_cell() -> None:
    view = DocView("t", [Table([["Abuse/neglect", "Known ☒", "Suspected"]])])
    assert extract(view).values["referral.criteria.abuse_or_neglect"] == "known"


def test_typed_x_beside_an_ethnicity_option() -> None:
    view = DocView("t", ["Ethnicity (mark with an X)", Table([["White British", ""], ["Pakistani", "X"]]),
                         "Faith: Muslim"])
    assert extract(view).values["referral.child.ethnicity"] == "Pakistani"


def test_records_secured_na_is_null_not_no() -> None:
    assert yes_no("N/A") is None
    assert yes_no("☒ N/A ☐ Yes ☐ No") is None
    assert yes_no("N") is False


def test_terse_agency_concern_label() -> None:
    assert extract(read_text("Agency concern? No\n", "t")).values["referral.criteria.agency_concern"] is False


# --- 3. summary boundaries


def test_summary_label_wrapping_and_next_heading_are_excluded() -> None:
    view = DocView("t", ["Brief summary of the incident and reasons for referral",
                         Table([["Zara was located by officers in a hotel room."]]), "Agencies known to be involved"])
    assert extract(view).values["referral.summary"] == "Zara was located by officers in a hotel room."


def test_summary_stops_at_a_heading_with_its_answer() -> None:
    text = "Summary of events\nLeo was found by a neighbour.\nOther agencies: none\nOther processes: none\n"
    assert extract(read_text(text, "t")).values["referral.summary"] == "Leo was found by a neighbour."


def test_bare_summary_heading_over_a_box() -> None:
    view = DocView("t", ["Summary", Table([["Tyler (15) died when the stolen car he was in crashed during a chase."]])])
    assert extract(view).values["referral.summary"].startswith("Tyler (15) died")


def test_wrapped_lines_join_but_sentences_keep_their_breaks() -> None:
    wrapped = "seen for irritability\n(December 2025); neither"
    assert _unwrap(wrapped) == "seen for irritability (December 2025); neither"
    assert _unwrap("minor injuries.\nMother attended") == "minor injuries.\nMother attended"


# --- 6. dashes as written


def test_en_dash_is_kept() -> None:
    assert "–" in clean("Children's Social Care – Front Door")


# --- heldout2: questions over answer boxes, records as lines


def test_numbered_question_over_a_one_cell_answer_box() -> None:
    view = DocView("t", ["1. Has your agency had any involvement with the child or family?", Table([["Yes"]]),
                         "6. Have your agency's records been secured?", Table([["Yes"]])])
    ex = extract(view)
    assert ex.values["agency_return.involved"] is True
    assert ex.values["agency_return.records_secured"] is True


def test_records_written_as_lines() -> None:
    fam = read_line("family", "Nadia Chaudhry – Mother – DOB 6th June 2001 – 41 Fable Street, BS95 7ZZ – Pakistani")
    assert fam == {"name": "Nadia Chaudhry", "relationship": "Mother", "date_of_birth": "2001-06-06",
                   "address": "41 Fable Street, BS95 7ZZ", "ethnicity": "Pakistani"}
    ag = read_line("agencies", "School nurse team (School Nursing Service) 01275 555 460 – still involved: Yes")
    assert ag == {"name": "School nurse team", "agency": "School Nursing Service", "contact": "01275 555 460",
                  "still_involved": True}
    assert read_line("processes", "Police investigation: parents released") == {
        "process": "Police investigation", "status": "parents released"}
    assert read_line("family", "Please list everyone in the household") is None
    assert read_line("agencies", "Please list below:") is None


def test_cell_with_heading_line_then_records() -> None:
    view = DocView("t", [Table([["SUMMARY OF EVENTS\nAmaya presented with injuries."],
                                ["OTHER AGENCIES INVOLVED\nHollie Brambleby, Health Visiting, 0117 555 0777, "
                                 "still involved: Yes"]])])
    ex = extract(view)
    assert ex.values["referral.summary"] == "Amaya presented with injuries."
    assert ex.records["agencies"][0]["name"] == "Hollie Brambleby"


# --- 5. returns and replies


def test_signature_without_sign_off_gives_role_and_phone() -> None:
    body = ("Nil return for NS-CSPR-2026-021: no involvement with this child or family.\n\n"
            "Was your agency involved? No\n\n"
            "Sunita Bhatt\nDesignated Nurse Safeguarding Children\nTel: 0117 555 4410\n")
    author = _mail(body)["agency_return"]["author"]  # type: ignore[index]
    assert author["role"] == "Designated Nurse Safeguarding Children"
    assert author["phone"] == "0117 555 4410"


def test_reason_is_the_command_line_paragraph() -> None:
    cmd = parse_command("DECISION: NO RAPID REVIEW criteria not met\n\nSee minutes.\n", [])
    assert cmd is not None and cmd.args["reason"] == "criteria not met"
    cmd = parse_command("DECISION: NO RAPID REVIEW\n\nCriteria not met.\n", [])
    assert cmd is not None and cmd.args["reason"] == "Criteria not met."
    cmd = parse_command("DECISION: RAPID REVIEW\n\nAGENCIES: Police, Education\n", [])
    assert cmd is not None and cmd.args["agencies"] == "Police, Education"


# --- header-row grids whose cells name two fields or carry their own labels


def test_compound_header_and_labelled_lines_in_a_value_cell() -> None:
    view = DocView("t", ["Referrer", Table([
        ["NAME", "AGENCY & DESIGNATION/TITLE", "CONTACT DETAILS – Address, telephone number and e-mail address"],
        ["Nia Pembervale", "Riverside NHS Trust\nNamed Nurse", "Tel: 01483 555 010\nEmail: nia@nhs.net"],
    ])])
    ex = extract(view)
    assert ex.values["referral.referrer.name"] == "Nia Pembervale"
    assert ex.values["referral.referrer.agency"] == "Riverside NHS Trust"
    assert ex.values["referral.referrer.role"] == "Named Nurse"
    assert ex.values["referral.referrer.phone"] == "01483 555 010"
    assert ex.values["referral.referrer.email"] == "nia@nhs.net"


def test_compound_header_with_three_lines_is_left_unread() -> None:
    view = DocView("t", ["Referrer", Table([["NAME", "AGENCY & DESIGNATION"], ["Nia", "Trust\nNurse\nWard 4"]])])
    ex = extract(view)
    assert "referral.referrer.agency" not in ex.values and "referral.referrer.role" not in ex.values


# --- typography as written


def test_curly_apostrophe_kept_in_values_and_accepted_in_labels() -> None:
    ex = extract(read_text("Child\u2019s name: Amy O\u2019Neill\n", "t"))
    assert ex.values["referral.child.name"] == "Amy O\u2019Neill"


def test_signature_under_an_agencies_heading_is_not_an_agency() -> None:
    text = ("Other agencies involved\nSchool nurse team (School Nursing Service) 01275 555 460 - still involved: Yes\n"
            "Regards,\nEllie Summerhayes | Deputy DSL | 01275 555 455\n")
    ex = extract(read_text(text, "t"))
    assert [r["name"] for r in ex.records["agencies"]] == ["School nurse team"]


def test_an_answer_starting_with_to_is_not_taken_for_the_label_wrapping() -> None:
    view = DocView("t", [Table([["Summary of events\nTo the best of my knowledge Amy fell"]])])
    assert extract(view).values["referral.summary"] == "To the best of my knowledge Amy fell"
