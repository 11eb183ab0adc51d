"""General rules added when the second blind corpus became a tuning set: tick columns in pasted text, laid-out
PDF text, split and combined fields, sender-as-referrer, misdirected referrals, EXTEND with an agency."""

from __future__ import annotations

from parsers import parse_message
from parsers.documents.model import DocView, Table
from parsers.documents.pdf import layout_blocks
from parsers.documents.text import read_text, text_blocks
from parsers.fields import extract
from parsers.reply import parse_command
from parsers.signature import read_signature, same_person, split_name_role

_CRITERIA = (
    "4. Rapid Review criteria\nCriterion\tYes\tno\nIs the child deceased?\t\tX\nIs the child seriously harmed?\tX\t\n"
)


def _mail(body: str, subject: str = "CSPR referral", sender: str = "x@y.gov.uk") -> dict[str, object]:
    raw = (f"From: {sender}\r\nTo: cspr@n-somerset.gov.uk\r\nSubject: {subject}\r\n"
           f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode()
    return parse_message(raw).to_json_dict()


# --- 0. a tick is read from its column only where the column is known


def test_pasted_tabs_keep_empty_cells_so_an_x_under_no_is_no() -> None:
    tables = [b for b in text_blocks(_CRITERIA) if isinstance(b, Table)]
    assert tables[0].rows[1] == ["Is the child deceased?", "", "X"]
    values = extract(read_text(_CRITERIA, "t")).values
    assert values["referral.criteria.child_died"] is False
    assert values["referral.criteria.seriously_harmed"] is True


def test_tab_padding_that_does_not_fit_the_header_leaves_the_tick_unread() -> None:
    text = "Criterion\tYes\tno\nIs the child deceased?\t\t\t\tX\n"
    tables = [b for b in text_blocks(text) if isinstance(b, Table)]
    assert tables[0].columns_uncertain
    ex = extract(read_text(text, "t"))
    assert "referral.criteria.child_died" not in ex.values
    assert any("cannot be told" in w for w in ex.warnings)


def test_label_value_tab_padding_still_reads() -> None:
    values = extract(read_text("Name of child:\t\tAmy Example\nDate of birth:\t01/02/2020", "t")).values
    assert values["referral.child.name"] == "Amy Example"


def test_bare_boxes_without_a_yes_no_header_are_not_guessed() -> None:
    ex = extract(DocView("t", ["4. Rapid Review criteria", "Is the child deceased? ☐ ☒"]))
    assert "referral.criteria.child_died" not in ex.values
    assert any("cannot be told" in w for w in ex.warnings)


def test_bare_boxes_under_a_yes_no_line_follow_its_order() -> None:
    lines = ["4. Rapid Review criteria", "Criterion No Yes", "Is the child deceased? ☐ ☒",
             "Is the child seriously harmed? ☒ ☐"]
    values = extract(DocView("t", lines)).values
    assert values["referral.criteria.child_died"] is True
    assert values["referral.criteria.seriously_harmed"] is False


# --- 1. laid-out PDF text: columns kept apart, wrapped cells joined, a wrapped label end joins the label


_LAID_OUT = """1. Referrer
Name:                  Wendy Galloway                                  Email:              w.g@x.gov.uk
Agency:                North Somerset Council Children's      Date                     26/02/2026
                          Social Care                                           submitted:
4. Rapid Review criteria
Criterion                                                                             Yes            no
Is the child deceased?                                                                                  [X]
5. Summary of events
Noah was admitted with a head injury inflicted by his mother's ex-partner, who had
returned to the home.
"""


def test_layout_blocks_keep_columns_and_join_wrapped_cells() -> None:
    blocks = layout_blocks(_LAID_OUT)
    tables = [b for b in blocks if isinstance(b, Table)]
    assert tables[0].rows[1] == ["Agency:", "North Somerset Council Children's Social Care", "Date submitted:",
                                 "26/02/2026"]
    assert tables[1].rows[-1] == ["Is the child deceased?", "", "☒"]  # placed under "no" by position
    assert "who had returned to the home." in "\n".join(b for b in blocks if isinstance(b, str))
    values = extract(DocView("t", blocks)).values
    assert values["referral.referrer.agency"] == "North Somerset Council Children's Social Care"
    assert values["referral.referrer.date_submitted"] == "2026-02-26"
    assert values["referral.criteria.child_died"] is False


# --- 4 and 5. label wordings, split and combined fields


def test_carer_whereabouts_cpp_and_explained_criteria() -> None:
    rows = [["Name Of Child", "Harvey Example"], ["Home Address", "1 High St"],
            ["Is/was subject to Child Protection Plan", "NO"],
            ["Whereabouts at time of critical incident", "Home address"],
            ["Carer at time of critical incident", "Leanne Example (mother)"],
            ["Date of death / critical incident", "28/01/2026"]]
    crit = [["a) Death of the child, and abuse or neglect is known or suspected to be a factor in the child's death",
             "NO"], ["b) Serious harm: potentially life-threatening injury or serious sexual abuse", "YES"],
            ["e) Concerns about Inter-Agency Working", "NO"]]
    values = extract(DocView("t", ["2. Child and Family", Table(rows), "5. Circumstances", Table(crit)])).values
    assert values["referral.child.carer"] == "Leanne Example (mother)"
    assert values["referral.child.incident_location"] == "Home address"
    assert values["referral.child.child_protection_plan"] == "no"
    assert values["referral.child.incident_date"] == "2026-01-28"
    assert values["referral.criteria.child_died"] is False
    assert values["referral.criteria.seriously_harmed"] is True
    assert values["referral.criteria.agency_concern"] is False


def test_agencies_working_together_rewordings() -> None:
    for question in ("Concerns about agencies working together?", "Concern about how agencies worked together?",
                     "There is cause for concern as to the way agencies have worked together",
                     "Are there concerns about how professionals worked together?"):
        values = extract(DocView("t", [Table([[question, "Yes"]])])).values
        assert values["referral.criteria.agency_concern"] is True, question


def test_last_name_and_forename_make_the_child_name() -> None:
    body = ("Subject's details\nLast name:\tThistlewood\tDate of birth:\t01/12/2009\nForename:\tRuby\n"
            "Tel. number: 020 8496 0731\nDisability / SEND: None\n\nHas the child died? No\nSeriously harmed? Yes\n"
            "Rapid review request")
    out = _mail(body)
    assert out["referral"]["child"]["name"] == "Ruby Thistlewood"  # type: ignore[index]
    assert out["referral"]["child"]["disability"] == "None"  # type: ignore[index]


def test_name_role_in_one_cell() -> None:
    assert split_name_role("Priya Fenchurch, Tenancy Sustainment Officer") == ("Priya Fenchurch",
                                                                               "Tenancy Sustainment Officer")
    assert split_name_role("Fenchurch, Priya") == ("Fenchurch, Priya", None)


def test_sender_is_the_referrer_only_when_the_names_agree() -> None:
    assert same_person("Graham Fenwright", "Graham Fenwright <g.f@x.gov.uk>")
    assert same_person("Dr Graham Fenwright", "Fenwright, Graham")
    assert not same_person("Graham Fenwright", "Pollard, Gareth <g.p@x.gov.uk>")
    body = ("Request for a Child Safeguarding Practice Review\nReferrer\nName: Graham Fenwright\n"
            "Role: Head of Service\nDetails of child\nName of child: Amy Example\nDate of birth: 01/02/2020\n"
            "Has the child died? No\n")
    own = _mail(body, sender="Graham Fenwright <graham.fenwright@x.gov.uk>")
    assert own["referral"]["referrer"]["email"] == "graham.fenwright@x.gov.uk"  # type: ignore[index]
    other = _mail(body, sender="Gareth Pollard <gareth.pollard@x.gov.uk>")
    assert other["referral"]["referrer"]["email"] is None  # type: ignore[index]


def test_signature_of_a_body_nil_return() -> None:
    lines = ["No involvement.", "Kind regards", "Ruth Penderby", "Safeguarding Administrator\tICB Team",
             "Tel: 0117 555 0101"]
    sig = read_signature(lines, "Ruth Penderby <ruth.penderby@nhs.net>", "ruth.penderby@nhs.net")
    assert (sig.name, sig.role, sig.phone, sig.email) == ("Ruth Penderby", "Safeguarding Administrator",
                                                          "0117 555 0101", "ruth.penderby@nhs.net")
    shared = read_signature(lines, "Safeguarding Team <team@nhs.net>", "team@nhs.net")
    assert shared.email is None


# --- 9 and 10. EXTEND with an agency; a child protection referral with no review wording


def test_extend_keeps_the_agency_with_the_clock() -> None:
    cmd = parse_command("EXTEND agency_return Education: 2026-05-01 school closed", [])
    assert cmd is not None and cmd.args == {"clock": "agency_return Education", "date": "2026-05-01",
                                            "reason": "school closed"}
    plain = parse_command("EXTEND rr_submission 2026-03-01 slow", [])
    assert plain is not None and plain.args["clock"] == "rr_submission"


def test_child_protection_referral_without_review_features_is_unknown() -> None:
    body = ("I'd like to make a safeguarding referral about a pupil.\nChild: Alfie Example   DOB: 04/04/2018\n"
            "Address: 12 Pretence Street\nConcern: bruise on his cheek.\nThanks\nLaura")
    out = _mail(body, subject="Safeguarding referral - urgent")
    assert out["kind"] == "unknown"
    assert any("child protection referral" in w for w in out["warnings"])  # type: ignore[union-attr]
