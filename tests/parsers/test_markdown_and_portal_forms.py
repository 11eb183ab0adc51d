"""Two mail layouts read for the first time when held-out set 10 became a development set, written afresh: a
referral typed as Markdown into a text mail ("## Child", "- **Name**: ...", "- [x] statement", pipe tables with a
"|---|" rule) and a forms service's HTML made of definition lists (<dt> question, <dd> answer), its repeating
people under "Person 2" / "Professional 1" / "Process 1" headings. Generated over names, order and wording."""

from __future__ import annotations

from email.message import EmailMessage
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message

FIRST = st.sampled_from(["Marcel", "Lacey-Mae", "Siân", "Yusuf", "Inés", "Kai"])
LAST = st.sampled_from(["Oyediran", "Le Mesurier", "Ó Murchú", "Abbot-Harris", "Blackmore"])


def _mail(body: str, html: bool) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Gwyn Trevelyan <gwyn.trevelyan@nhs.net>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "CSPR referral"
    msg["Date"] = "Thu, 03 Dec 2026 10:00:00 +0000"
    if html:
        msg.set_content(body, subtype="html")
    else:
        msg.set_content(body)
    return msg.as_bytes()


@st.composite
def people(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    firsts = draw(st.lists(FIRST, min_size=3, max_size=3, unique=True))
    return [(f"{f} {draw(LAST)}", rel, dob) for f, rel, dob in
            zip(firsts, ["Mother", "Half-brother", "Maternal grandmother"],
                ["21 Mar 1988", "30 May 2006", "21 Dec 1956"], strict=True)]


@settings(max_examples=20, deadline=None)
@given(people(), st.booleans(), st.sampled_from(["- **{l}**: {v}", "**{l}:** {v}", "* **{l}**: {v}"]),
       st.sampled_from([("[x]", "[ ]"), ("☒", "☐")]))
def test_a_markdown_referral(family: list[tuple[str, str, str]], died: bool, item: str,
                             marks: tuple[str, str]) -> None:
    child = family[1][0].split()[0] + " " + family[0][0].split(" ", 1)[1]
    def line(label: str, value: str) -> str:
        return item.format(l=label, v=value)
    on, off = marks
    body = "\n".join([
        "Hi - the template would not open so I have typed the headings.", "", "## Referrer",
        line("Name", "Gwyn Trevelyan"), line("Email", "gwyn.trevelyan@nhs.net"), "", "## Child",
        line("Name", child), line("DOB", "30 Jan 2010"), "", "## Incident",
        f"- {on if died else off} child died", f"- {off if died else on} child seriously harmed",
        f"- {off} abuse/neglect known", f"- {on} abuse/neglect suspected", "", "## Family",
        "| DOB | Name | Relationship |", "|---|---|---|",
        *[f"| {dob} | {name} | {rel} |" for name, rel, dob in family], "", "Gwyn Trevelyan"])
    result = parse_message(_mail(body, html=False))
    ref = result.referral
    assert result.kind == "referral" and ref is not None
    assert (ref.child.name, ref.child.date_of_birth) == (child, "2010-01-30")
    assert (ref.criteria.child_died, ref.criteria.seriously_harmed) == (died, not died)
    assert ref.criteria.abuse_or_neglect == "suspected"
    assert {m.name: m.relationship for m in ref.family} == {name: rel for name, rel, _ in family}


def _dl(pairs: list[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{escape(q)}</dt><dd>{escape(a)}</dd>" for q, a in pairs) + "</dl>"


@settings(max_examples=20, deadline=None)
@given(people(), st.sampled_from(["Person", "Family member"]), st.sampled_from(["h4", "p", "h3"]))
def test_a_forms_service_definition_list_referral(family: list[tuple[str, str, str]], word: str, tag: str) -> None:
    child = "Lowenna " + family[0][0].split(" ", 1)[1]
    parts = ["<p>Notification of a serious child safeguarding incident</p>", "<h3>Section 1: your details</h3>",
             _dl([("Your name", "Ifeoma Nightingale"), ("Email address", "ifeoma.nightingale@example.org")]),
             "<h3>Section 2: the child</h3>",
             _dl([("Child's full name", child), ("Child's date of birth", "1 July 2012")]),
             "<h3>Section 3: the incident</h3>",
             _dl([("Has the child died?", "Yes"), ("Has the child been seriously harmed?", "No")]),
             "<h3>Section 4: family and household</h3>"]
    for n, (name, rel, dob) in enumerate(family, start=1):
        parts += [f"<{tag}>{word} {n}</{tag}>",
                  _dl([("Full name", name), ("Relationship to the child", rel), ("Date of birth", dob)])]
    parts += ["<h3>Section 5: other professionals</h3>", "<h4>Professional 1</h4>",
              _dl([("Name", "Declan Carrow"), ("Organisation", "Worle Junior School"),
                   ("Phone or email", "01632 960500"), ("Is this service still working with the family?", "Yes")]),
              "<h3>Section 6: other processes</h3>", "<h4>Process 1</h4>",
              _dl([("Process", "Coroner's inquest"), ("Where has it got to?", "Opened and adjourned")])]
    result = parse_message(_mail("<html><body>" + "".join(parts) + "</body></html>", html=True))
    ref = result.referral
    assert result.kind == "referral" and ref is not None
    assert (ref.referrer.name, ref.child.name, ref.child.date_of_birth) == ("Ifeoma Nightingale", child, "2012-07-01")
    assert (ref.criteria.child_died, ref.criteria.seriously_harmed) == (True, False)
    assert {m.name: (m.relationship, m.date_of_birth) for m in ref.family} == {
        name: (rel, {"21 Mar 1988": "1988-03-21", "30 May 2006": "2006-05-30", "21 Dec 1956": "1956-12-21"}[dob])
        for name, rel, dob in family}
    assert [(a.name, a.agency, a.contact, a.still_involved) for a in ref.other_agencies] == [
        ("Declan Carrow", "Worle Junior School", "01632 960500", True)]
    assert [(p.process, p.status) for p in ref.other_processes] == [("Coroner's inquest", "Opened and adjourned")]


@settings(max_examples=20, deadline=None)
@given(people(), st.integers(0, 3), st.integers(2, 6))
def test_a_case_system_print_with_a_fixed_width_household_table(
        family: list[tuple[str, str, str]], subject_at: int, pad: int) -> None:
    """Dot-leader labels, and a household table in fixed-width columns that lists the subject among the others
    ("SUBJECT"): the subject's row is the child, never a family member."""
    child = ("Siân " + family[0][0].split(" ", 1)[1], "SUBJECT", "28/02/2023")
    rows = [(name, rel, {"21 Mar 1988": "21/03/1988", "30 May 2006": "30/05/2006", "21 Dec 1956": "21/12/1956"}[dob])
            for name, rel, dob in family]
    rows.insert(subject_at, child)
    width = max(len(r[0]) for r in rows) + pad
    table = [f"{'DOB':<12}{'NAME':<{width}}{'RELATIONSHIP':<24}ADDRESS"] + [
        f"{dob:<12}{name:<{width}}{rel:<24}59 Hutton Moor Close, Long Ashton, BS41 8JL" for name, rel, dob in rows]
    body = "\n".join(["CASE SUMMARY PRINT (CSPR NOTIFICATION)", "Incident date ........ 27/11/2026",
                      "Serious harm ......... Y", "CP plan status ....... CURRENT", "", "HOUSEHOLD / RELATIONSHIPS",
                      *table, "", "Notified by: Alistair Nightingale", "Worker role: Named GP for Safeguarding",
                      "Email: alistair.nightingale@nhs.net", "Date: 02/12/2026"])
    result = parse_message(_mail(body, html=False))
    ref = result.referral
    assert result.kind == "referral" and ref is not None
    assert (ref.child.name, ref.child.date_of_birth) == (child[0], "2023-02-28")
    assert ref.child.child_protection_plan == "yes"
    assert (ref.referrer.name, ref.referrer.role) == ("Alistair Nightingale", "Named GP for Safeguarding")
    assert {m.name: m.relationship for m in ref.family} == {name: rel for name, rel, _ in family}


@settings(max_examples=20, deadline=None)
@given(people(), st.booleans())
def test_a_forms_receipt_of_question_rows_over_answer_rows(family: list[tuple[str, str, str]], bold: bool) -> None:
    """A Google-Forms-style receipt: one column, each question's row over its answer's row; family and agencies as
    numbered questions ("Family member 2: relationship", "Agency 1", "Agency 1: worker")."""
    child = "Ibrahim " + family[0][0].split(" ", 1)[1]
    pairs = [("Name of person making the referral", "Clare Hartnell"), ("Email address", "clare.h@example.org"),
             ("Child's full name", child), ("Child's date of birth", "2011-10-27"), ("Has the child died?", "No"),
             ("Has the child been seriously harmed?", "Yes")]
    for n, (name, rel, _) in enumerate(family[:2], start=1):
        pairs += [(f"Family member {n}: name", name), (f"Family member {n}: relationship", rel)]
    pairs += [("Agency 1", "Youth Justice Service"), ("Agency 1: worker", "Philippa Nightingale"),
              ("Agency 1: contact", "01632 960111"), ("Agency 1: still involved?", "Yes"),
              ("Other process", "Police investigation"), ("Status of other process", "Ongoing")]
    question = "<tr><td><b>{}</b></td></tr>" if bold else "<tr><td>{}</td></tr>"
    rows = "".join(question.format(escape(q)) + f"<tr><td>{escape(a)}</td></tr>" for q, a in pairs)
    result = parse_message(_mail(f"<html><body><p>Here's what was received.</p><table>{rows}</table></body></html>",
                                 html=True))
    ref = result.referral
    assert result.kind == "referral" and ref is not None
    assert (ref.referrer.name, ref.child.name, ref.child.date_of_birth) == ("Clare Hartnell", child, "2011-10-27")
    assert {m.name: m.relationship for m in ref.family} == {name: rel for name, rel, _ in family[:2]}
    assert [(a.agency, a.name, a.contact, a.still_involved) for a in ref.other_agencies] == [
        ("Youth Justice Service", "Philippa Nightingale", "01632 960111", True)]
    assert [(p.process, p.status) for p in ref.other_processes] == [("Police investigation", "Ongoing")]


@settings(max_examples=30, deadline=None)
@given(people(), st.sampled_from(["Aaliyah", "Kai"]), st.sampled_from(["12th October 1992", "12/10/1992"]),
       st.booleans())
def test_family_and_agencies_written_as_sentences(family: list[tuple[str, str, str]], child: str, dob: str,
                                                  at_home: bool) -> None:
    """A briefing's family as sentences ("X is Kai's sister. Date of birth ...; Pakistani; lives with Kai at the
    home address.") and agencies as sentences ("Y (School, email) is still working with the family.")."""
    from parsers.line_records import read_line

    name = family[0][0]
    where = f"lives with {child} at the home address" if at_home else "lives at Flat 2, 42 Ashcombe Crescent, BS20 1UR"
    rec = read_line("family", f"{name} is {child}'s foster carer. Date of birth {dob}; Pakistani; {where}.")
    assert rec is not None and (rec["name"], rec["relationship"], rec["date_of_birth"]) == (
        name, "foster carer", "1992-10-12")
    assert rec["address"] == ("same address" if at_home else "Flat 2, 42 Ashcombe Crescent, BS20 1UR")
    assert read_line("family", f"{name} is {child}'s favourite. Date of birth {dob}.") is None  # not a relationship
    still = read_line("agencies", f"{name} (CAMHS (Oxford Health), 01632 960983) is still working with the family.")
    closed = read_line("agencies", f"{name} (Worle Junior School, a.b@school.example.org) has closed the case.")
    assert still is not None and (still["name"], still["agency"], still["still_involved"]) == (
        name, "CAMHS (Oxford Health)", True)
    assert closed is not None and (closed["agency"], closed["contact"], closed["still_involved"]) == (
        "Worle Junior School", "a.b@school.example.org", False)


@settings(max_examples=20, deadline=None)
@given(people(), st.sampled_from(["Who else knows the family", "Professionals who know the family"]))
def test_a_briefing_of_headed_paragraphs(family: list[tuple[str, str, str]], agencies_heading: str) -> None:
    """A "Need to Know" briefing: a bold label paragraph over its answer ("Born" / "10th June 2026", "Lives at",
    "Cared for by"), and the agencies under a heading in the writer's words."""
    from parsers.documents.model import DocView
    from parsers.fields import extract
    from parsers.referral import build_referral

    carer = family[0][0]
    blocks: list[str] = [
        "Need to Know briefing / CSPR referral", "Child", "Aaliyah Quartermain", "Born", "10th June 2026",
        "Lives at", "Flat 8, 59 Pill Quay, Weston-super-Mare, BS23 9WH", "Cared for by", carer, "Family",
        f"{carer} is Aaliyah's mother. Date of birth 12th October 1992; Pakistani; lives with Aaliyah at the home "
        "address.", agencies_heading,
        "Declan Hartnell (Worle Junior School, declan.hartnell@example.org) is still working with the family."]
    warnings: list[str] = []
    ref, _ = build_referral(extract(DocView("briefing.docx", list(blocks))), warnings)
    assert (ref.child.date_of_birth, ref.child.carer) == ("2026-06-10", carer)
    assert ref.child.home_address == "Flat 8, 59 Pill Quay, Weston-super-Mare, BS23 9WH"
    assert [(m.name, m.relationship, m.address) for m in ref.family] == [
        (carer, "mother", "Flat 8, 59 Pill Quay, Weston-super-Mare, BS23 9WH")]
    assert [(a.name, a.agency, a.still_involved) for a in ref.other_agencies] == [
        ("Declan Hartnell", "Worle Junior School", True)]
