"""A case-system print that lines its agency and process records up in columns with no header row ("PROFESSIONAL
NETWORK" over "Jo Reed      Avon and Somerset Constabulary      jo.reed@...  OPEN"): the column gaps part each
record's worker, agency, contact and status; the line "Initial child protection conference    Held - plan made"
is a process and its whole status (the dash inside the status is the status's own). A line without column gaps is
read as before, and a line whose parts cannot be told apart gives no record.

Generated: names, agencies, contacts, status words, column widths, process rows.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.line_records import read_line

WORKERS = ["Bethany Achterberg", "Tobias Nightingale", "Siân Ó Murchú", "Kwame Masterson"]
AGENCIES = ["Avon and Somerset Constabulary", "Locking Castle Medical Centre", "North Somerset Children's Social Care",
            "Churchill Academy"]
STATES = [("OPEN", True), ("ENDED", False), ("CLOSED", False), ("Open", True)]
PROCESSES = [("Initial child protection conference", "Held - plan made"), ("Police investigation", "Arrest made"),
             ("Child death review (JAR)", "Joint agency response started")]


def _pad(text: str, width: int) -> str:
    return text.ljust(max(width, len(text) + 2))


@st.composite
def rows(draw: st.DrawFn) -> list[tuple[str, str, str, str, bool]]:
    n = draw(st.integers(1, 3))
    workers = draw(st.permutations(WORKERS))[:n]
    out = []
    for k, worker in enumerate(workers):
        state, still = draw(st.sampled_from(STATES))
        contact = (worker.lower().replace(" ", ".").replace("â", "a").replace("ó", "o").replace("ú", "u")
                   + "@example.org") if draw(st.booleans()) else f"07700 900{100 + k:03d}"
        out.append((worker, AGENCIES[k], contact, state, still))
    return out


@settings(max_examples=15, deadline=None)
@given(rows(), st.integers(20, 30), st.integers(40, 46), st.booleans(), st.sampled_from(PROCESSES), st.booleans())
def test_column_records_without_a_header(agencies: list[tuple[str, str, str, str, bool]], w1: int, w2: int,
                                         one_space_state: bool, process: tuple[str, str], second: bool) -> None:
    lines = []
    for worker, agency, contact, state, _ in agencies:
        # the status typed one space after the contact, or in a column of its own
        lines.append(f"{_pad(worker, w1)}{_pad(agency, w2)}{contact} {state}" if one_space_state
                     else f"{_pad(worker, w1)}{_pad(agency, w2)}{_pad(contact, 48)}{state}")
    body = ("CSPR REFERRAL\n\nName of child ........ Siân Jaroszewicz\nDate of birth ........ 28/02/2023\n"
            "Date of incident ..... 01/12/2026\nChild died ........... N\nSerious harm ......... Y\n\n"
            "PROFESSIONAL NETWORK\n" + "-" * 60 + "\n" + "\n".join(lines) + "\n\nOTHER PROCEEDINGS\n" + "-" * 60
            + f"\n{_pad(process[0], 38)}{process[1]}\n"
            + (f"{_pad('Section 47 enquiry', 38)}Under way\n" if second else "")
            + "\nNotified by .......... Alistair Nightingale\n")
    raw = ("From: alistair.nightingale@nhs.net\r\nTo: cspr@n-somerset.gov.uk\r\nSubject: CSPR referral\r\n"
           f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode()
    ref = parse_message(raw).to_json_dict()["referral"]
    assert isinstance(ref, dict)
    got = [(a["name"], a["agency"], a["contact"], a["still_involved"]) for a in ref["other_agencies"]]
    assert got == [(w, a, c, still) for w, a, c, _, still in agencies]
    # each process line under the heading ("Section 47 ..." is no section heading), its whole status
    want = [{"process": process[0], "status": process[1]}]
    want += [{"process": "Section 47 enquiry", "status": "Under way"}] if second else []
    assert ref["other_processes"] == want
    assert read_line("processes", f"{_pad(process[0], 38)}{process[1]}") == {"process": process[0],
                                                                            "status": process[1]}


def test_lines_without_column_gaps_are_read_as_before() -> None:
    assert read_line("agencies", "Churchill Academy: Joanna Hollingsworth, 07700 900310 (open)") == {
        "name": "Joanna Hollingsworth", "agency": "Churchill Academy", "contact": "07700 900310",
        "still_involved": True}
    # two people's names in columns and no agency word: whose is the agency cannot be told, no names read
    two = read_line("agencies", "Tower House Surgery    Simon Fitzgerald    07700 900111")
    assert two is None or two["name"] in (None, "Simon Fitzgerald")
