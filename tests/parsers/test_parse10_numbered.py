"""A request printed part by part (issue #12): people and agencies as numbered blocks ("1.  Simone Ap Dafydd" over
"Relationship: Mother" / "Born: ..."), answers printed after the word "Answer:", the child's "Child protection"
and "Ethnic background" rows, and a "family and household" part.

Generated text and PDF-like lines: how many people and agencies, their labels' wording and numbering vary; each
value must land in its own record.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents.model import DocView, Table
from parsers.documents.text import read_text
from parsers.fields import extract
from parsers.labelled_blocks import gather

FIRST = ["Simone", "Otis", "Bartosz", "Leila", "Marcus", "Iwan"]
LAST = ["Ap Dafydd", "Okafor", "Lindqvist", "Pryce"]
RELATIONS = ["Mother", "Brother", "Sister", "Father", "Maternal grandmother"]
AGENCIES = ["Portishead Children's Centre", "Avon and Somerset Police – Lighthouse", "Youth Justice Service"]


@st.composite
def request(draw: st.DrawFn) -> tuple[str, list[tuple[str, str, str]], list[tuple[str, str, bool]], dict[str, bool]]:
    num = draw(st.sampled_from(["{}.  ", "{}) ", "{}. "]))
    born = draw(st.sampled_from(["Born", "Date of birth", "DOB"]))
    rel = draw(st.sampled_from(["Relationship", "Relationship to child"]))
    people = [(f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}", draw(st.sampled_from(RELATIONS)),
               f"{draw(st.integers(10, 28))}/0{draw(st.integers(1, 9))}/19{draw(st.integers(60, 99))}")
              for _ in range(draw(st.integers(1, 4)))]
    agencies = [(draw(st.sampled_from(AGENCIES)), f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}",
                 draw(st.booleans())) for _ in range(draw(st.integers(1, 3)))]
    answers = {"died": draw(st.booleans()), "harmed": draw(st.booleans()), "concern": draw(st.booleans())}
    word = draw(st.sampled_from(["Answer", "Response"]))
    yn = {True: "Yes", False: "No"}
    lines = ["Serious incident: request to consider a review", "Part 2 – the child", "Name", "Bartosz Okafor",
             "Date of birth", "19/03/2011", "Ethnic background", "Pakistani", "Child protection", "Don't know",
             "Part 3 – criteria", "Has the child died?", f"{word}: {yn[answers['died']]}",
             "Has the child been seriously harmed?", f"{word}: {yn[answers['harmed']]}",
             "Is there a concern about how organisations worked together?", f"{word}: {yn[answers['concern']]}",
             draw(st.sampled_from(["Part 5 – family and household", "Family and household"]))]
    for n, (name, relation, dob) in enumerate(people, 1):
        lines += [num.format(n) + name, f"{rel}: {relation}", f"{born}: {dob}", "Address: 63 Blackthorn Rise, Nailsea"]
    lines.append("Part 6 – other agencies")
    for n, (agency, worker, still) in enumerate(agencies, 1):
        lines += [num.format(n) + agency, f"Worker: {worker}", "Contact: 07700 900634",
                  f"Still involved: {yn[still]}"]
    lines.append("Part 7 – other processes")
    lines.append("1.  Child Death Review (CDOP) – JAR meeting held 27/11")
    return "\n".join(lines) + "\n", people, agencies, answers


@settings(max_examples=25, deadline=None)
@given(request())
def test_numbered_blocks_answer_words_and_child_rows(
        case: tuple[str, list[tuple[str, str, str]], list[tuple[str, str, bool]], dict[str, bool]]) -> None:
    text, people, agencies, answers = case
    ex = extract(read_text(text, "request.pdf"))
    got = [(r["name"], r["relationship"]) for r in ex.records.get("family", [])]
    assert got == [(p[0], p[1]) for p in people]
    assert [(r["agency"], r["name"], r["still_involved"]) for r in ex.records.get("agencies", [])] == agencies
    v = ex.values
    assert (v["referral.child.ethnicity"], v["referral.child.child_protection_plan"]) == ("Pakistani", "not_known")
    assert v["referral.criteria.child_died"] is answers["died"]
    assert v["referral.criteria.seriously_harmed"] is answers["harmed"]
    assert v["referral.criteria.agency_concern"] is answers["concern"]


def test_a_numbered_list_of_whole_records_is_left_to_the_line_reader() -> None:
    # each numbered line is a record already; no label lines under it: the block gatherer leaves the list alone
    view = DocView("t", ["Family", "1. Mother – Jade Marsh – 01/02/1990", "2. Father – Tom Marsh – 03/04/1988"])
    assert gather(view) is view
    assert not any(isinstance(b, Table) for b in gather(view).blocks)


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 3), st.sampled_from(["7. Other processes", "7) Parallel processes", "8. Other processes"]))
def test_a_numbered_heading_after_the_blocks_is_never_a_record(n: int, heading: str) -> None:
    lines = ["6. Other agencies involved"]
    for k in range(n):
        lines += [f"Agency {k + 1}", f"Agency: {AGENCIES[k]}", f"Worker: {FIRST[k]} Okafor", "Contact: 07700 900204",
                  "Still involved: Yes"]
    lines += [heading, "Process: Police investigation", "Status: Ongoing"]
    ex = extract(read_text("\n".join(lines) + "\n", "t"))
    assert [r["agency"] for r in ex.records["agencies"]] == AGENCIES[:n]
    assert [(r["process"], r["status"]) for r in ex.records["processes"]] == [("Police investigation", "Ongoing")]


@settings(max_examples=10, deadline=None)
@given(st.booleans(), st.sampled_from(["Concerns about joint working", "Concern re joint working",
                                       "Multi-agency joint working concerns", "Concerns about the agencies"]))
def test_joint_working_is_the_agency_concern(answer: bool, label: str) -> None:
    text = f"Child\nName: Lorcan Reed\nD.O.B: 11/01/2010\nIncident\n{label}: {'Yes' if answer else 'No'}\n"
    assert extract(read_text(text, "body")).values["referral.criteria.agency_concern"] is answer
