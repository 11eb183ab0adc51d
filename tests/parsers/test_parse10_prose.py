"""A form's lists typed as sentences (issue #12: family and other-process rows): "Eilidh Adeyemi is Tomás's
sister; date of birth ...; lives at ...", "Tomás lives with Bríd Adeyemi (mother, born ..., White and Asian) at
the address above", "Strategy discussion / s.47 (Strategy meeting held); Criminal investigation (...)".

Generated: names, relationships, dates, address wording and the order of the parts vary; a sentence with a part
that is none of a date, an address or an ethnicity is not read.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.documents.text import read_text
from parsers.fields import extract
from parsers.line_records import read_line

NAMES = ["Eilidh Adeyemi", "Gemma Adeyemi", "Bríd Adeyemi", "Owen Pryce"]
RELATIONS = ["sister", "maternal grandmother", "mother", "half-brother", "father"]
DATES = [("14th of October 2020", "2020-10-14"), ("27/03/1980", "1980-03-27"), ("7 January 1999", "1999-01-07")]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(RELATIONS), st.sampled_from(DATES), st.booleans(),
       st.sampled_from(["Tomás's", "the child's", "his", "her"]), st.booleans())
def test_family_member_as_a_sentence(name: str, rel: str, dob: tuple[str, str], same: bool, whose: str,
                                     lives_with: bool) -> None:
    address = "the same address" if same else "26 Wrington Hollow, Backwell, BS48 3GU"
    if lives_with:
        line = f"Tomás lives with {name} ({rel}, born {dob[0]}, White and Asian) at {address}."
    else:
        line = f"{name} is {whose} {rel}; date of birth {dob[0]}; lives at {address}; White and Asian."
    rec = read_line("family", line)
    assert rec is not None
    assert (rec["name"], rec["relationship"], rec["date_of_birth"], rec["ethnicity"]) == (
        name, rel, dob[1], "White and Asian")
    assert rec["address"] == ("same address" if same else "26 Wrington Hollow, Backwell, BS48 3GU")


def test_a_sentence_with_a_part_that_is_not_a_family_detail_is_not_read() -> None:
    assert read_line("family", "Gemma Adeyemi is Tomás's grandmother; she was not told; born 27/03/1980.") is None
    assert read_line("family", "Gemma Adeyemi is the social worker; 01632 960881.") is None


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from([("Strategy discussion / s.47", "Strategy meeting held"),
                                 ("Criminal investigation", "Suspect released under investigation"),
                                 ("Coroner's inquest", "Opened and adjourned")]), min_size=1, max_size=3, unique=True))
def test_processes_with_their_status_in_brackets(procs: list[tuple[str, str]]) -> None:
    line = "; ".join(f"{p} ({s})" for p, s in procs) + "."
    text = f"Referral\nChild's name: Amy Reed\nDate of birth: 01/02/2015\nOTHER PROCESSES\n    {line}\nMany thanks\n"
    ex = extract(read_text(text, "body"))
    assert [(r["process"], r["status"]) for r in ex.records["processes"]] == procs
