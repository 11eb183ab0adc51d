"""The same form in another carrier reads the same (carrier transfer round): a Word form re-sent as HTML pasted
into a mail (the export's source wraps lines inside values) or as plain text (LibreOffice and copy-paste write a
table one cell a line, an empty cell an empty line). Generated over names, row counts, columns and wrapping;
where cells are out of step (a cell on two lines), nothing is read into another person's row."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from pdf_forms import acroform_pdf

FIRST = st.sampled_from(["Leo", "Amara", "Seán", "Zoë", "Chloé", "Mikołaj", "Idris", "Freya", "Siân"])
LAST = st.sampled_from(["Marsh", "Okonkwo-Reid", "Łukasik", "O'Neill", "Hernández", "Ashworth"])
RELATION = st.sampled_from(["Mother", "Father", "Stepfather", "Sister", "Maternal grandmother", "Brother"])
ADDRESS = st.sampled_from(["12 Quarry Lane, Nailsea, BS48 1AA", "Flat 4, 42 Brockway, Weston-super-Mare, BS23 8ES",
                           "3 Marine Parade, Clevedon, BS21 7QS"])
ETHNIC = st.sampled_from(["White British", "Black Caribbean", "Mixed White and Asian", "Not known"])
AGENCY = st.sampled_from(["Worle Community School", "Children's Social Care", "Mendip Vale Medical Practice",
                          "Avon and Somerset Police"])
WRAP = st.sampled_from(["\n", "\n\t\t\t", "\r\n  ", "\n    "])

HEAD = ("From: Jo Reed <jo.reed@school.example.gov.uk>\nTo: cspr@partnership.example.gov.uk\n"
        "Subject: CSPR referral\nDate: Tue, 10 Mar 2026 09:15:00 +0000\nMessage-ID: <t@example>\nMIME-Version: 1.0\n")
CHILD = [("Child's full name", "Leo Marsh"), ("Date of birth", "03/11/2015"),
         ("Has the child died?", "Yes"), ("Is abuse or neglect known or suspected?", "Suspected")]


def _mail(body: str, html: bool = False) -> bytes:
    kind = "html" if html else "plain"
    return (HEAD + f"Content-Type: text/{kind}; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n{body}\n").encode()


def _person(draw: st.DrawFn) -> dict[str, str]:
    y, m, d = draw(st.integers(1960, 2020)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    return {"name": f"{draw(FIRST)} {draw(LAST)}", "relationship": draw(RELATION), "dob": f"{d:02d}/{m:02d}/{y}",
            "iso": f"{y}-{m:02d}-{d:02d}", "address": draw(ADDRESS), "ethnicity": draw(ETHNIC)}


@st.composite
def family(draw: st.DrawFn) -> list[dict[str, str]]:
    return [_person(draw) for _ in range(draw(st.integers(1, 4)))]


# --- HTML pasted into a mail: line breaks and indents in the source are spaces on screen


@settings(max_examples=30, deadline=None)
@given(st.lists(WRAP, min_size=6, max_size=6), st.booleans())
def test_html_source_line_breaks_inside_values_are_spaces(wraps: list[str], in_table: bool) -> None:
    values = {"referral.referrer.role": "Designated Safeguarding Lead", "referral.referrer.agency":
              "Westbrook Primary School", "referral.child.home_address": "14 Larch Close, Nailsea, BS48 2QT",
              "referral.summary": "Kaiden arrived at school with bruising to both ears and a swollen cheek."}
    labels = {"referral.referrer.role": "Job title", "referral.referrer.agency": "Organisation",
              "referral.child.home_address": "Home address", "referral.summary": "Summary of incident"}

    def wrapped(text: str, k: int) -> str:
        words = text.split(" ")
        return "".join(w + (wraps[(k + n) % 6] if n % 2 == 0 else " ") for n, w in enumerate(words)).rstrip()

    mine = [(labels[k], v) for k, v in values.items()]
    rows = [("Name of referrer", "Jo Reed"), *mine[:2], *CHILD[:2], mine[2], *CHILD[2:], mine[3]]
    if in_table:
        body = "<table>" + "".join(f"<tr>\n\t<td><p>{wrapped(lab, 1)}</p></td>\n\t<td><p>{wrapped(v, k)}</p></td></tr>"
                                   for k, (lab, v) in enumerate(rows)) + "</table>"
    else:
        body = "".join(f"<p>{wrapped(lab, 1)}: {wrapped(v, k)}</p>\n" for k, (lab, v) in enumerate(rows))
    got = parse_message(_mail(f"<html><body><p>Please see below.</p>{body}</body></html>", html=True)).to_json_dict()
    assert got["referral"]["referrer"]["role"] == values["referral.referrer.role"]
    assert got["referral"]["referrer"]["agency"] == values["referral.referrer.agency"]
    assert got["referral"]["child"]["home_address"] == values["referral.child.home_address"]
    assert got["referral"]["summary"] == values["referral.summary"]


def test_html_pre_keeps_its_line_breaks() -> None:
    body = "<html><body><pre>Child's full name: Leo Marsh\nDate of birth: 03/11/2015</pre></body></html>"
    got = parse_message(_mail(body, html=True)).to_json_dict()
    assert got["referral"]["child"]["name"] == "Leo Marsh"
    assert got["referral"]["child"]["date_of_birth"] == "2015-11-03"


# --- plain text: a table written one cell a line


FAMILY_HEAD = [("Name", "name"), ("Relationship to child", "relationship"), ("Date of birth", "dob"),
               ("Address", "address"), ("Ethnicity", "ethnicity")]


def _form_text(sections: list[str], criteria: bool = True) -> str:
    lines = ["Please find the referral below.", ""]
    child = CHILD if criteria else CHILD[:2]
    for label, value in [("Name of referrer", "Jo Reed"), ("Job title", "Designated Safeguarding Lead"), *child]:
        lines += [label, value]
    return "\n".join(lines + sections)


@settings(max_examples=40, deadline=None)
@given(family(), st.integers(2, 5), st.integers(0, 2), st.sampled_from(["Family and significant others",
                                                                        "Family composition", "Household members",
                                                                        "Significant people", "People in the home"]),
       st.booleans(), st.booleans())
def test_a_family_table_one_cell_a_line_reads_its_people(people: list[dict[str, str]], ncols: int, empty_rows: int,
                                                         heading: str, broken_head: bool, surname_first: bool) -> None:
    """Also under a heading the lexicon does not know, with a header cell broken over two lines in the form
    ("Relationship to" / "child"), and with a "Surname, forename" column ("TREMLETT, Natalia")."""
    cols = FAMILY_HEAD[:ncols]
    head = [h for h, _ in cols]
    if surname_first:
        head[0] = "Surname, forename"
        people = [{**p, "written": f"{p['name'].split(' ', 1)[1].upper()}, {p['name'].split(' ', 1)[0]}"}
                  for p in people]
    if broken_head:
        head = [part for h in head for part in (["Relationship to", "child"] if h.startswith("Relationship") else [h])]
    cells = [heading, *head]
    for p in people:
        cells += [p.get("written", p["name"]) if key == "name" else p[key] for _, key in cols]
    cells += [""] * (ncols * empty_rows)  # the form's empty rows: one empty line a cell
    cells += ["", "Other processes", "None"]
    got = parse_message(_mail(_form_text(cells))).to_json_dict()["referral"]["family"]
    assert [g["name"] for g in got] == [p["name"] for p in people]
    assert [g["relationship"] for g in got] == [p["relationship"] if ncols > 1 else None for p in people]
    if ncols > 2:
        assert [g["date_of_birth"] for g in got] == [p["iso"] for p in people]
    if ncols > 3:
        assert [g["address"] for g in got] == [p["address"] for p in people]


@st.composite
def workers(draw: st.DrawFn) -> list[dict[str, str]]:
    out = []
    for k in range(draw(st.integers(1, 4))):
        name = f"{draw(FIRST)} {draw(LAST)}"
        contact = draw(st.sampled_from([f"0117 496 05{k}{k}", f"{name.split()[0].lower()}.x{k}@example.gov.uk"]))
        out.append({"name": name, "agency": draw(AGENCY), "contact": contact,
                    "still": draw(st.sampled_from(["Yes", "No"]))})
    return out


@settings(max_examples=40, deadline=None)
@given(workers(), st.one_of(st.none(), st.integers(0, 3)))
def test_an_agencies_table_one_cell_a_line_reads_each_worker_or_stops(rows: list[dict[str, str]],
                                                                     two_line_at: int | None) -> None:
    """A contact cell on two lines ("phone" / "email") puts every later cell out of step: the rows before it are
    read, and nothing after it is read into another worker's row."""
    cells = ["Other agencies involved", "Name", "Agency", "Contact details", "Still involved?"]
    for k, r in enumerate(rows):
        contact = [r["contact"], "or via the duty desk"] if k == two_line_at else [r["contact"]]
        cells += [r["name"], r["agency"], *contact, r["still"]]
    cells += ["", "Other processes", "None"]
    got = parse_message(_mail(_form_text(cells))).to_json_dict()["referral"]["other_agencies"]
    whole = len(rows) if two_line_at is None or two_line_at >= len(rows) else two_line_at
    for g, r in zip(got, rows, strict=False):
        for key, want in (("name", r["name"]), ("agency", r["agency"]), ("contact", r["contact"])):
            assert g[key] in (None, want)  # never another worker's value
    assert [(g["name"], g["agency"], g["contact"], g["still_involved"]) for g in got[:whole]] == [
        (r["name"], r["agency"], r["contact"], r["still"] == "Yes") for r in rows[:whole]]


def test_a_referrers_labels_in_a_row_are_not_an_agencies_table() -> None:
    """"Name / Job title / Organisation / Email / Telephone" and then their answers: a referrer's horizontal
    labels, whose tail ("Organisation / Email / Telephone") looks like an agencies header; not a table of workers."""
    cells = ["1. Referrer", "Name", "Job title", "Organisation", "Email", "Telephone", "Date of referral",
             "Nikhil Kinsella", "Designated Safeguarding Lead", "Castle Batch Primary School",
             "nikhil.kinsella@school.example.sch.uk", "01632 960990", "2026-11-08"]
    got = parse_message(_mail(_form_text(cells))).to_json_dict()["referral"]["other_agencies"]
    assert got == []


# --- a PDF printed from Word: a narrow column breaks a header word before its last letters


@settings(max_examples=30, deadline=None)
@given(family(), st.sampled_from(["Relationship to child", "Relationship to the child", "Relationship with child"]),
       st.integers(1, 3), st.sampled_from(["DoB", "Date of birth"]), st.booleans())
def test_a_header_word_broken_by_a_narrow_column_still_names_its_column(
        people: list[dict[str, str]], relation_head: str, cut: int, dob_head: str, month_words: bool) -> None:
    """Read by its header, each row is a person even when a cell's text ran past the page ("Flat 4, 106 Brockway,"
    with the town printed under the table): without the header such a row was dropped and the people after it
    moved up a place."""
    from parsers.documents.model import DocView, Table
    from parsers.fields import extract

    word, _, rest = relation_head.partition(" ")
    broken = f"{word[:-cut]} {word[-cut:]} {rest}"  # "Relationshi p to child"
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    def written(p: dict[str, str]) -> str:  # "06-Mar-1989", as a report tool prints it, or 06/03/1989
        y, m, d = p["iso"].split("-")
        return f"{d}-{months[int(m) - 1]}-{y}" if month_words else p["dob"]

    rows = [["Name", broken, dob_head, "Address"]] + [[p["name"], p["relationship"], written(p),
                                                        p["address"].rsplit(",", 1)[0] + ","] for p in people]
    out = extract(DocView("form.pdf", ["Child's full name", "Leo Marsh", "Family and significant others",
                                       Table(rows), "Other processes"]))
    got = out.records.get("family", [])
    assert [(g["name"], g["relationship"], g["date_of_birth"]) for g in got] == [
        (p["name"], p["relationship"], p["iso"]) for p in people]


# --- text one cell a line: answers above their labels, labels across the page, boxes side by side

CHILD_FIELDS = {
    "name": (["Child's full name", "Name of child"], "Declan Adeyemi-Clarke", "Declan Adeyemi-Clarke"),
    "date_of_birth": (["Date of birth", "DOB"], "14 August 2010", "2010-08-14"),
    "home_address": (["Usual home address", "Home address"], "81 Coronation Street, Weston-super-Mare, BS23 9HZ",
                     "81 Coronation Street, Weston-super-Mare, BS23 9HZ"),
    "carer": (["Main carer(s)", "Parent / carer"], "Siân Adeyemi-Clarke", "Siân Adeyemi-Clarke"),
    "incident_location": (["Where it happened", "Incident location"], "Family home", "Family home"),
    "ethnicity": (["Ethnicity", "Ethnic origin"], "Not declared", "Not declared"),
    "faith": (["Religion / faith", "Faith"], "Muslim", "Muslim"),
    "disability": (["Any disability", "Disability"], "None known", "None known"),
}
REFERRER_LINES = ["Sally Whitcombe", "Your name", "Designated Nurse", "Your job title", "Northvale ICB", "Organisation"]


@st.composite
def child_fields(draw: st.DrawFn) -> list[tuple[str, str, str, str]]:
    keys = draw(st.lists(st.sampled_from(sorted(CHILD_FIELDS)), min_size=2, max_size=len(CHILD_FIELDS), unique=True))
    keys = ["name", *(k for k in keys if k != "name")]  # the child named first, as forms do
    return [(k, draw(st.sampled_from(CHILD_FIELDS[k][0])), CHILD_FIELDS[k][1], CHILD_FIELDS[k][2]) for k in keys]


@settings(max_examples=40, deadline=None)
@given(child_fields(), st.sampled_from(["Section 2: the child", "Section B: the child", "2. The child"]))
def test_answers_printed_above_their_labels_are_read_with_their_own_label(
        rows: list[tuple[str, str, str, str]], heading: str) -> None:
    lines = ["Section 1: about you", *REFERRER_LINES, heading]
    for _, label, written, _ in rows:
        lines += [written, label]
    lines += ["Section 3: what happened", "Declan was found by police after being missing for nine days."]
    child = parse_message(_mail("\n".join(lines))).to_json_dict()["referral"]["child"]
    assert {k: child[k] for k, _, _, _ in rows} == {k: read for k, _, _, read in rows}


def test_labels_above_answers_after_a_heading_that_is_also_a_label_stay_as_they_are() -> None:
    """"Child" / "Hafsa Kowalczyk" / "Date of birth" / "24/10/2022" / ... / "Faith" / "": read label-above (the
    heading is the name's label, the last label's answer empty), never turned round."""
    lines = ["Child", "Hafsa Kowalczyk", "Date of birth", "24/10/2022", "Address", "119 Ashcombe Gardens, BS29 5ZZ",
             "Carer", "Tasha Achterberg", "Faith", "", "Disability", "", "Family"]
    child = parse_message(_mail(_form_text(lines))).to_json_dict()["referral"]["child"]
    assert child["carer"] in ("Tasha Achterberg", None)
    assert child["home_address"] in ("119 Ashcombe Gardens, BS29 5ZZ", None)
    assert child["date_of_birth"] in ("2022-10-24", "2015-11-03")


@settings(max_examples=40, deadline=None)
@given(child_fields(), st.integers(3, 5), st.sampled_from(["2. Child", "The child", "Part B: the child"]))
def test_labels_across_the_page_then_their_answers_are_read_in_order(
        rows: list[tuple[str, str, str, str]], per_row: int, heading: str) -> None:
    lines = ["1. Referrer", "Name", "Job title", "Organisation", "Nikhil Kinsella", "Designated Safeguarding Lead",
             "Castle Batch Primary School", heading]
    for start in range(0, len(rows), per_row):
        chunk = rows[start:start + per_row]
        if len(chunk) < 3:
            for _, label, written, _ in chunk:
                lines += [label, written]
            continue
        lines += [label for _, label, _, _ in chunk] + [written for _, _, written, _ in chunk]
    lines += ["3. Brief summary", "Maja was found unresponsive in the morning."]
    got = parse_message(_mail("\n".join(lines))).to_json_dict()["referral"]
    assert {k: got["child"][k] for k, _, _, _ in rows} == {k: read for k, _, _, read in rows}
    assert (got["referrer"]["name"], got["referrer"]["agency"]) == ("Nikhil Kinsella", "Castle Batch Primary School")


@settings(max_examples=30, deadline=None)
@given(FIRST, LAST, FIRST, LAST, st.integers(1, 3))
def test_two_boxes_side_by_side_keep_their_own_heading(cf: str, cl: str, rf: str, rl: str, gap: int) -> None:
    child, referrer = f"{cf} {cl}", f"{rf} {rl}"
    lines = ["Notification of a Serious Child Safeguarding Incident", "THE CHILD", "THE REFERRER", "",
             "Name", child, "DOB", "13-Sep-2022", "Address", "102 Coleridge Vale Road, BS23 5AE", *[""] * gap,
             "Name", referrer, "Role", "Detective Sergeant", "Agency", "Avon and Somerset Constabulary", "", "",
             "CRITERIA", "Has the child died?", "Yes"]
    got = parse_message(_mail("\n".join(lines))).to_json_dict()["referral"]
    assert got["child"]["name"] == child
    assert got["referrer"]["name"] == referrer


# --- a PDF printed from Word: a list in one cell, a comma wrapped to the next line, a row broken by the page


def _cell(lines: list[str], width: float = 330.0) -> str:
    """The text of one PDF cell whose lines are printed as given, 11 pt, top to bottom."""
    from parsers.documents.pdf_layout import Frag, _cell_text

    frags = [Frag(x=100.0, y=700.0 - 14 * k, size=11.0, text=line) for k, line in enumerate(lines)]
    return _cell_text(frags, 96.0, 96.0 + width)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(FIRST, LAST, AGENCY), min_size=2, max_size=4), st.sampled_from(["•", "·", "▪"]))
def test_each_bulleted_line_in_a_pdf_cell_stays_its_own_line(workers: list[tuple[str, str, str]], bullet: str) -> None:
    """Long bulleted lines fill the cell: a wrapped line's test would join the next bullet onto it, and the two
    workers would be read as one (the second's contact as the first's)."""
    lines = [f"{bullet} {f} {la} ({a}) – {f.lower()}.x@example.gov.uk – still involved" for f, la, a in workers]
    assert _cell(lines).split("\n") == lines


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["7 Brook Street", "Flat 4, 42 Brockway", "81 Coronation Street"]),
       st.sampled_from(["Congresbury", "Weston-super-Mare", "Nailsea"]), st.sampled_from(["BS49 5DG", "BS23 9HZ"]))
def test_a_wrapped_line_that_starts_with_its_comma_joins_the_word_before(street: str, town: str, code: str) -> None:
    got = _cell([f"{street}, {town}", f", {code}"], width=110.0)
    assert got == f"{street}, {town}, {code}"


@settings(max_examples=40, deadline=None)
@given(family(), st.integers(0, 3), st.booleans())
def test_a_family_row_broken_over_a_page_is_one_person(people: list[dict[str, str]], broken: int,
                                                       hyphen: bool) -> None:
    """"Stepfather | Dmitri | 31 December" over " | Adeyemi-Clarke | 1975": the tail is the same person's, not a
    person of its own (who would push everyone after into the row above's place)."""
    from parsers.documents.model import DocView, Table
    from parsers.fields import extract

    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    rows = [["Relationship to child", "Name", "D.O.B.", "Address"]]
    for k, p in enumerate(people):
        y, m, d = p["iso"].split("-")
        if k == broken % len(people):
            first, _, last = p["name"].partition(" ")
            top_name, tail_name = (f"{first} {last[:2]}-", last[2:]) if hyphen else (first, last)
            rows += [[p["relationship"], top_name, f"{int(d)} {months[int(m) - 1]}", p["address"]],
                     ["", tail_name, y, ""]]
        else:
            rows.append([p["relationship"], p["name"], f"{int(d)} {months[int(m) - 1]} {y}", p["address"]])
    out = extract(DocView("form.pdf", ["Child's full name", "Leo Marsh", "Family and significant others",
                                       Table(rows), "Other processes"]))
    got = out.records.get("family", [])
    def name(k: int, p: dict[str, str]) -> str:  # a surname broken at the hyphen the printer added keeps it
        first, _, last = p["name"].partition(" ")
        return f"{first} {last[:2]}-{last[2:]}" if hyphen and k == broken % len(people) else p["name"]

    want = [(name(k, p), p["relationship"], p["iso"]) for k, p in enumerate(people)]
    assert [(g["name"], g["relationship"], g["date_of_birth"]) for g in got] == want


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["\x04", "\x05", "\x01", "\x02", "\x1f", "\x00"]), min_size=2, max_size=2),
       st.booleans())
def test_control_characters_around_a_value_are_not_part_of_it(marks: list[str], html: bool) -> None:
    """A Word content control exported to HTML by LibreOffice keeps its start and end marks (\\x04 ... \\x05)."""
    a, b = marks
    rows = [("Name of referrer", f"{a}Jo Reed{b}"), ("Job title", f"{a}Designated Safeguarding Lead{b}"),
            ("Child's full name", f"{a}Leo Marsh{b}"), ("Date of birth", "03/11/2015"),
            ("Home address", f"{a}14 Larch Close, Nailsea, BS48 2QT{b}")]
    if html:
        body = "<html><body><table>" + "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in rows) + "</table>"
    else:
        body = "\n".join(f"{k}: {v}" for k, v in rows)
    got = parse_message(_mail(body, html=html)).to_json_dict()["referral"]
    assert (got["referrer"]["name"], got["referrer"]["role"]) == ("Jo Reed", "Designated Safeguarding Lead")
    assert (got["child"]["name"], got["child"]["home_address"]) == ("Leo Marsh", "14 Larch Close, Nailsea, BS48 2QT")


# --- tick grids written one cell a line

QUESTIONS = [("child_died", ["Is the child deceased?", "Has the child died?"]),
             ("seriously_harmed", ["Is the child seriously harmed?", "Has the child been seriously harmed?"]),
             ("agency_concern", ["Is there cause for concern about how agencies worked together?",
                                 "Are there concerns about how agencies worked together?"])]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.booleans(), min_size=3, max_size=3), st.lists(st.integers(0, 1), min_size=3, max_size=3),
       st.sampled_from(["☒", "x", "X", "✓"]), st.sampled_from(["", "☐"]), st.sampled_from(["Criterion", "Question"]),
       st.booleans())
def test_a_tick_grid_one_cell_a_line_reads_each_mark_in_its_column(
        answers: list[bool], wording: list[int], mark: str, blank: str, head: str, abuse_in_between: bool) -> None:
    lines = ["4. Rapid Review criteria", head, "Yes", "No"]
    for n, ((_, asked), yes) in enumerate(zip(QUESTIONS, answers, strict=True)):
        lines += [asked[wording[n]], mark if yes else blank, blank if yes else mark]
        if n == 1 and abuse_in_between:  # a question laid out otherwise: its own options, then the grid goes on
            lines += ["Is abuse or neglect known or suspected?", "☐ Known", "☒ Suspected"]
    lines += ["5. Summary of events", "Leo was taken to hospital with a head injury."]
    got = parse_message(_mail(_form_text(lines, criteria=False))).to_json_dict()["referral"]["criteria"]
    assert {key: got[key] for key, _ in QUESTIONS} == {key: yes for (key, _), yes in zip(QUESTIONS, answers,
                                                                                         strict=True)}


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Is abuse or neglect known or suspected?", "Abuse or neglect",
                        "Is abuse or neglect a known or suspected cause of the death or harm?"]), st.booleans(),
       st.sampled_from(["", " "]))
def test_known_and_suspected_printed_without_a_mark_are_not_an_answer(question: str, swap: bool, indent: str) -> None:
    """The boxes were form fields, lost when the form became text: neither printed word is the answer."""
    options = [f"{indent}Known", f"{indent}Suspected"]
    lines = ["Criteria", "Has the child died?", "No", question, *(options[::-1] if swap else options),
             "Summary of events", "Leo was taken to hospital with a head injury."]
    got = parse_message(_mail(_form_text(lines, criteria=False))).to_json_dict()["referral"]["criteria"]
    assert got["abuse_or_neglect"] is None


# --- a fillable PDF with one box beside each question


@settings(max_examples=25, deadline=None)
@given(st.lists(st.booleans(), min_size=3, max_size=3), st.lists(st.integers(0, 1), min_size=3, max_size=3))
def test_one_box_beside_a_question_in_a_fillable_pdf_answers_yes_when_ticked(ticked: list[bool],
                                                                           wording: list[int]) -> None:
    """Ticked, the box answers Yes; an empty box is not read as No (nobody may have touched it), nor as Yes."""
    fields: list[tuple[str, str, object]] = [("text", "Child's full name", "Leo Marsh"),
                                             ("text", "Date of birth", "03/11/2015"),
                                             ("text", "Name of referrer", "Jo Reed")]
    fields += [("check", asked[wording[n]], on) for n, ((_, asked), on) in enumerate(zip(QUESTIONS, ticked,
                                                                                          strict=True))]
    pdf = acroform_pdf([label for _, label, _ in fields], fields)
    raw = (HEAD + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nForm attached.\n"
           "--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=form.pdf\n"
           "Content-Transfer-Encoding: base64\n\n").encode()
    raw += base64.encodebytes(pdf) + b"--b--\n"
    got = parse_message(raw).to_json_dict()["referral"]["criteria"]
    assert {key: got[key] for key, _ in QUESTIONS} == {key: (True if on else None) for (key, _), on in
                                                       zip(QUESTIONS, ticked, strict=True)}


@settings(max_examples=30, deadline=None)
@given(family(), st.sampled_from(["•", "-", ""]), st.sampled_from(["<br>", "<br/>", "<br>\n\t\t\t"]))
def test_people_listed_one_a_line_in_an_html_cell_are_each_read(people: list[dict[str, str]], bullet: str,
                                                                 br: str) -> None:
    """A Word cell holding one person a line, exported to HTML: the lines are parted by <br>, which used to be
    lost (every person ran into one line, and none was read)."""
    lines = [f"{bullet} {p['relationship']} – {p['name']} – DOB {p['dob']} – {p['address']}".strip()
             for p in people]
    rows = [("Child's full name", "Leo Marsh"), ("Date of birth", "03/11/2015"), ("Name of referrer", "Jo Reed"),
            ("Family members (relationship, name, DOB, address)", br.join(lines))]
    body = "<html><body><table>" + "".join(f"<tr><td><p>{k}</p></td><td><p>{v}</p></td></tr>" for k, v in rows)
    got = parse_message(_mail(body + "</table></body></html>", html=True)).to_json_dict()["referral"]["family"]
    assert [(g["name"], g["relationship"], g["date_of_birth"]) for g in got] == [
        (p["name"], p["relationship"], p["iso"]) for p in people]


@settings(max_examples=30, deadline=None)
@given(FIRST, LAST, FIRST, LAST, st.booleans())
def test_boxes_holding_tables_in_an_html_form_keep_their_own_labels(cf: str, cl: str, rf: str, rl: str,
                                                                    tbody: bool) -> None:
    """"THE CHILD | THE REFERRER" over two cells, each holding a Name | value table (a Word grid of boxes exported
    to HTML): each nested table is read under its own box, and the child's name is never the referrer's."""
    child, referrer = f"{cf} {cl}", f"{rf} {rl}"

    def box(rows: list[tuple[str, str]]) -> str:
        inner = "".join(f"<tr><td><p>{k}</p></td><td><p>{v}</p></td></tr>" for k, v in rows)
        return f"<table>{'<tbody>' + inner + '</tbody>' if tbody else inner}</table>"

    left = box([("Name", child), ("DOB", "13-Sep-2022"), ("Address", "102 Coleridge Vale Road, BS23 5AE")])
    right = box([("Name", referrer), ("Role", "Detective Sergeant"), ("Agency", "Avon and Somerset Constabulary")])
    body = (f"<html><body><table><tr><td><p>THE CHILD</p></td><td><p>THE REFERRER</p></td></tr>"
            f"<tr><td>{left}</td><td>{right}</td></tr></table></body></html>")
    got = parse_message(_mail(body, html=True)).to_json_dict()["referral"]
    assert got["child"]["name"] == child
    assert got["referrer"]["name"] == referrer
    assert got["referrer"]["agency"] == "Avon and Somerset Constabulary"


@settings(max_examples=30, deadline=None)
@given(family(), st.integers(1, 2), st.booleans())
def test_a_borderless_pdf_table_with_space_between_rows_keeps_its_header(people: list[dict[str, str]], gap: int,
                                                                          wrapped_head: bool) -> None:
    """A PDF printed from a Word table without borders, read as laid-out text: blank lines between its rows (and
    a header cell wrapped onto a line of its own) used to make each row a table without a header."""
    from parsers.documents.model import DocView
    from parsers.documents.pdf import layout_blocks
    from parsers.fields import extract

    def line(cells: list[str]) -> str:
        return "".join(c.ljust(w) for c, w in zip(cells, (26, 14, 26, 50), strict=True)).rstrip()

    head = ["Full name", "DOB/Age", "Relationship to" if wrapped_head else "Relationship", "Address"]
    text = [line(head)] + ([" " * 40 + "child"] if wrapped_head else [])
    for p in people:
        text += [""] * gap + [line([p["name"], p["dob"], p["relationship"], p["address"]])]
    blocks = ["Child's full name: Leo Marsh", "Household members and significant adults",
              *layout_blocks("\n".join(text)), "", "Other processes"]
    got = extract(DocView("form.pdf", blocks)).records.get("family", [])
    assert [(g["name"], g["relationship"], g["date_of_birth"]) for g in got] == [
        (p["name"], p["relationship"], p["iso"]) for p in people]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 3), st.booleans())
def test_boxes_printed_before_all_their_options_are_paired_in_order(chosen: int, first_joined: bool) -> None:
    """"Child protection plan:   ☒   ☐   ☐   ☐ Yes   No   Has been   Not known" (a PDF printer placed the boxes
    first): each box goes with its own option, in order."""
    from parsers.documents.model import Table
    from parsers.documents.pdf import layout_blocks

    options = ["Yes", "No", "Has been", "Not known"]
    boxes = ["☒" if k == chosen else "☐" for k in range(4)]
    cells = ["Child protection plan:", *boxes[:3]]
    cells += [f"{boxes[3]} {options[0]}", *options[1:]] if first_joined else [boxes[3], *options]
    rows = [b for b in layout_blocks("   ".join(cells)) if isinstance(b, Table)]
    assert rows and rows[0].rows[0] == ["Child protection plan:",
                                        "   ".join(f"{b} {o}" for b, o in zip(boxes, options, strict=True))]
