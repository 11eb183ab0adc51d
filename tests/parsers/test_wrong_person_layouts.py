"""Layouts that put a value with the wrong field or person (found when held-out set 7 became a development set):
labels in the right-hand column, a contact column headed "Contact name", a two-column PDF page whose lists flow
from the left column into the right, and people listed one a line where a line cannot be read. Each is generated
over labels, names, row counts and column orders; where the parser cannot tell whose a value is, it is left empty."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from parsers.documents.model import DocView, Table
from parsers.fields import extract
from parsers.rows import find_row_tables

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from pdf_forms import pdf_file

FIRST = st.sampled_from(["Leo", "Amara", "Seán", "Zoë", "Chloé", "Mikołaj", "Idris", "Freya", "Siân"])
LAST = st.sampled_from(["Marsh", "Okonkwo-Reid", "Łukasik", "Şahin", "O'Neill", "Hernández", "Van der Merwe"])
RELATION = st.sampled_from(["Mother", "Father", "Stepfather", "Sister", "Maternal grandmother", "Brother"])
TOWN = st.sampled_from([("Nailsea", "BS48 9JQ"), ("Clevedon", "BS21 5LS"), ("Frome", "BA11 1FR")])
STREET = st.sampled_from(["Kewstoke Road", "Cider Press Court", "St Aldhelm's Road", "Marine Parade"])

# contract field: (label variants, value as written, value as read)
CHILD_FIELDS = {
    "referral.child.name": (["Child's full name", "Name of child", "Child's name"], "Leo Marsh", "Leo Marsh"),
    "referral.child.date_of_birth": (["Date of birth", "DOB", "D.O.B."], "3 November 2015", "2015-11-03"),
    "referral.child.home_address": (["Usual home address", "Home address", "Address"],
                                     "12 Quarry Lane, Nailsea, BS48 1AA", "12 Quarry Lane, Nailsea, BS48 1AA"),
    "referral.child.carer": (["Main carer(s)", "Who does the child live with?"], "Jade Marsh", "Jade Marsh"),
    "referral.child.incident_location": (["Where it happened", "Place of incident"], "Family home", "Family home"),
    "referral.child.ethnicity": (["Ethnicity", "Ethnic origin"], "Not declared", "Not declared"),
    "referral.child.faith": (["Religion / faith", "Religion", "Faith"], "Muslim", "Muslim"),
    "referral.child.disability": (["Any disability", "Disability"], "None known", "None known"),
}


@st.composite
def child_rows(draw: st.DrawFn) -> list[tuple[str, str, str, str]]:
    """(key, label, written, read) for a shuffled subset of the child's fields, at least two of them."""
    keys = draw(st.lists(st.sampled_from(sorted(CHILD_FIELDS)), min_size=2, max_size=len(CHILD_FIELDS), unique=True))
    return [(k, draw(st.sampled_from(CHILD_FIELDS[k][0])), CHILD_FIELDS[k][1], CHILD_FIELDS[k][2]) for k in keys]


def _others(rows: list[tuple[str, str, str, str]], key: str) -> set[str]:
    return {read for k, _, _, read in rows if k != key} | {written for k, _, written, _ in rows if k != key}


# --- labels in the right-hand column: the answer typed left of its label


@settings(max_examples=40, deadline=None)
@given(child_rows(), st.sampled_from(["Section 2: the child", "The child", "Child's details"]), st.booleans())
def test_labels_right_of_their_answers_are_read_with_their_own_row(
        rows: list[tuple[str, str, str, str]], heading: str, titled_in_table: bool) -> None:
    table = [[written, label] for _, label, written, _ in rows]
    blocks: list[str | Table] = [Table([[heading], *table])] if titled_in_table else [heading, Table(table)]
    values = extract(DocView("form.docx", blocks)).values
    for key, _, _, read in rows:
        assert values.get(key) == read, (key, values)


@settings(max_examples=40, deadline=None)
@given(child_rows(), st.integers(0, 3))
def test_a_label_never_takes_the_answer_of_the_next_labelled_row(rows: list[tuple[str, str, str, str]],
                                                                   blank: int) -> None:
    """A table that cannot be told left- or right-handed (one row each way, an answer left blank): whatever is
    read, no field holds another field's answer."""
    table = [[written if k != blank else "", label] for k, (_, label, written, _) in enumerate(rows)]
    table.insert(0, ["Referrer's name", "Jo Reed"])  # a label | value row: the table is not turned round
    values = extract(DocView("form.docx", ["The child", Table(table)])).values
    for key, _, _, _ in rows:
        assert values.get(key) not in _others(rows, key), (key, values)


def test_a_label_on_the_left_is_not_turned_round() -> None:
    table = Table([["Child's name", "Leo Marsh"], ["Date of birth", "03/11/2015"], ["Ethnicity", "White British"]])
    values = extract(DocView("form.docx", ["The child", table])).values
    assert values["referral.child.name"] == "Leo Marsh"
    assert values["referral.child.ethnicity"] == "White British"


# --- list columns: a column headed by who to contact is the worker's name, not the contact details


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["Contact name", "Contact person", "Name of worker", "Worker"]),
       st.sampled_from(["Tel / e-mail", "Contact details", "Telephone / email"]),
       st.permutations(range(4)), st.lists(st.tuples(FIRST, LAST), min_size=1, max_size=4))
def test_a_contact_name_column_is_the_workers_name(name_head: str, contact_head: str, order: list[int],
                                                   people: list[tuple[str, str]]) -> None:
    heads = ["Agency", name_head, contact_head, "Currently involved (Y/N)"]
    rows = [[f"Agency {k}", f"{first} {last}", f"0163296{k:04d}", "Y"] for k, (first, last) in enumerate(people)]
    table = Table([[heads[c] for c in order], *[[row[c] for c in order] for row in rows]])
    extracted = extract(DocView("form.docx", ["Other agencies known to be involved", table]))
    agencies = extracted.records["agencies"]
    assert [(a["name"], a["contact"], a["agency"]) for a in agencies] == [(r[1], r[2], r[0]) for r in rows]


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(FIRST, LAST, RELATION), min_size=1, max_size=4),
       st.sampled_from(["Link to subject", "Relationship to child", "Link to child"]))
def test_a_police_link_to_subject_column_is_the_relationship(people: list[tuple[str, str, str]], head: str) -> None:
    rows = [[last.upper(), first, rel, "01.02.95"] for first, last, rel in people]
    out = extract(DocView("form.docx", ["Family", Table([["Surname", "Forename(s)", head, "DOB"], *rows])]))
    assert [(f["name"], f["relationship"]) for f in out.records["family"]] == [
        (f"{first} {last.upper()}", rel) for first, last, rel in people]


def test_find_row_tables_is_used_for_the_contact_header() -> None:
    # the same mapping through the table reader alone (no walk): "Contact name" is never the contact column
    from parsers.fields import Extracted

    out = Extracted()
    find_row_tables([Table([["Agency", "Contact name", "Tel / e-mail", "Still involved?"],
                            ["Riverside Surgery", "Ann Lee", "ann.lee@nhs.net", "Yes"]])], out)
    assert out.records["agencies"] == [{"name": "Ann Lee", "agency": "Riverside Surgery", "contact": "ann.lee@nhs.net",
                                        "still_involved": True}]


# --- a two-column PDF page: ruled label | value tables in both columns, a list running on from the left column
# into the top of the right one


def _esc(text: str) -> bytes:
    raw = text.encode("cp1252", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _two_column_pdf(left: list[str | list[tuple[str, str]]], right: list[str | list[tuple[str, str]]]) -> bytes:
    """Headings (str) and ruled label | value grids (lists of pairs), flowing down each column from the top."""
    ops: list[bytes] = []
    for x0, items in ((40.0, left), (310.0, right)):
        y = 800.0
        for item in items:
            if isinstance(item, str):
                ops.append(b"BT /F1 10 Tf %.1f %.1f Td (%s) Tj ET" % (x0, y - 12, _esc(item)))
                y -= 18
                continue
            top, mid, end = y, x0 + 80, x0 + 245
            for label, value in item:
                ops.append(b"BT /F1 8 Tf %.1f %.1f Td (%s) Tj ET" % (x0 + 3, y - 11, _esc(label)))
                ops.append(b"BT /F1 8 Tf %.1f %.1f Td (%s) Tj ET" % (mid + 3, y - 11, _esc(value)))
                ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x0, y, end, y))
                y -= 15
            ops.append(b"%.1f %.1f m %.1f %.1f l S" % (x0, y, end, y))
            ops += [b"%.1f %.1f m %.1f %.1f l S" % (x, top, x, y) for x in (x0, mid, end)]
            y -= 8
    stream = b"\n".join(ops)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    return pdf_file(objects)


@st.composite
def relatives(draw: st.DrawFn) -> list[dict[str, str]]:
    out = []
    for _ in range(draw(st.integers(2, 4))):
        d, m, y = draw(st.integers(1, 28)), draw(st.integers(1, 12)), draw(st.integers(1950, 2012))
        _, postcode = draw(TOWN)
        out.append({"name": f"{draw(FIRST)} {draw(LAST)}", "relationship": draw(RELATION),
                    "dob": f"{d:02d}/{m:02d}/{y}", "iso": f"{y}-{m:02d}-{d:02d}",
                    "address": f"{draw(st.integers(1, 99))} {draw(STREET)}, {postcode}"})
    return out


@settings(max_examples=25, deadline=None)
@given(relatives(), st.integers(0, 3), st.sampled_from([("Name", "Relationship", "DOB", "Address"),
                                                         ("Full name", "Relationship to child", "Date of birth",
                                                          "Home address")]), st.booleans())
def test_a_list_flowing_into_the_right_column_stays_with_its_people(
        people: list[dict[str, str]], split: int, labels: tuple[str, str, str, str], agencies_right: bool) -> None:
    from parsers.documents.pdf import read_pdf

    for p in people:  # the page's font is WinAnsi: a name as it can be printed there
        p["name"] = p["name"].encode("cp1252", "replace").decode("cp1252").replace("?", "L")
    grids = [list(zip(labels, (p["name"], p["relationship"], p["dob"], p["address"]), strict=True))
             for p in people]
    last = grids[-1]
    left: list[str | list[tuple[str, str]]] = [
        "Referrer", [("Name", "Jo Reed"), ("Role", "Designated Nurse"), ("Email", "jo.reed@nhs.net")],
        "Child", [("Name", "Leo Marsh"), ("DOB", "03/11/2015"), ("Address", "12 Quarry Lane, BS48 1AA")],
        "Family", *grids[:-1]]
    right: list[str | list[tuple[str, str]]] = []
    # the last person's table broken by the column: its first rows at the foot of the left column
    if split:
        left.append(last[:split])
        right.append(last[split:])
    else:
        right.append(last)
    if agencies_right:
        right += ["Other agencies", [("Name", "Ann Lee"), ("Agency", "Riverside Surgery"), ("Contact", "01632 960111"),
                                     ("Still involved", "Yes")]]
    extracted = extract(read_pdf(_two_column_pdf(left, right), "referral.pdf"))
    assert extracted.values.get("referral.child.date_of_birth") == "2015-11-03"
    assert extracted.values.get("referral.child.home_address") == "12 Quarry Lane, BS48 1AA"
    family = extracted.records.get("family", [])
    assert [(f["name"], f["relationship"], f["date_of_birth"], f["address"]) for f in family] == [
        (p["name"], p["relationship"], p["iso"], p["address"]) for p in people]
    if agencies_right:
        assert [(a["name"], a["agency"]) for a in extracted.records["agencies"]] == [("Ann Lee", "Riverside Surgery")]


def test_a_one_column_ruled_form_keeps_its_order() -> None:
    from parsers.documents.pdf import read_pdf

    left: list[str | list[tuple[str, str]]] = ["Child", [("Name", "Leo Marsh"), ("DOB", "03/11/2015")],
                                               "Family", [("Name", "Amara Lewis"), ("Relationship", "Mother"),
                                                          ("DOB", "01/02/1990")]]
    extracted = extract(read_pdf(_two_column_pdf(left, []), "referral.pdf"))
    assert extracted.values.get("referral.child.date_of_birth") == "2015-11-03"
    assert [f["name"] for f in extracted.records["family"]] == ["Amara Lewis"]


# --- people listed one a line: bullets, names beyond ASCII, lines wrapped, a line that cannot be read


@settings(max_examples=40, deadline=None)
@given(relatives(), st.sampled_from(["•", "\uf0b7", "-", "*", "1."]), st.lists(st.booleans(), min_size=4, max_size=4),
       st.integers(-1, 4), st.sampled_from(["born ", "DOB ", ""]))
def test_listed_people_keep_their_places(people: list[dict[str, str]], bullet: str, wraps: list[bool], unread: int,
                                         born: str) -> None:
    lines: list[str] = ["Family and significant others"]
    expected: list[tuple[object, ...]] = []
    for k, p in enumerate(people):
        if k == unread:
            lines.append(f"{bullet} Name withheld – Father – details to follow")
            expected.append((None, None, None, None))
        dob = p["dob"].replace("/", ".")
        street, postcode = p["address"].rsplit(", ", 1)
        if wraps[k]:  # the line wrapped by the page after the address's first comma
            lines += [f"{bullet} {p['name']} – {p['relationship']} – {born}{dob} – {street},",
                      f"{postcode} – White and Asian"]
        else:
            lines.append(f"{bullet} {p['name']} – {p['relationship']} – {born}{dob} – {p['address']} – White and Asian")
        expected.append((p["name"], p["relationship"], p["iso"], p["address"]))
    extracted = extract(DocView("form.pdf", ["The child", "Child's name: Leo Marsh", *lines, "Summary"]))
    family = extracted.records.get("family", [])
    assert [(f["name"], f["relationship"], f["date_of_birth"], f["address"]) for f in family] == expected
    assert all(f["ethnicity"] == "White and Asian" for f in family if f["name"])
    assert any("could not be read" in w for w in extracted.warnings) == (0 <= unread < len(people))


# --- a header row over a row of answers, one column's name unknown to the lexicon


@settings(max_examples=40, deadline=None)
@given(child_rows(), st.sampled_from(["GP practice", "Key worker", "School attended", "Legal status"]),
       st.integers(0, 8))
def test_a_header_rows_unknown_column_name_is_never_an_answer(rows: list[tuple[str, str, str, str]], unknown: str,
                                                              at: int) -> None:
    header = [label for _, label, _, _ in rows]
    values = [written for _, _, written, _ in rows]
    assume(len(rows) >= 3)
    at = min(at, len(header))
    header.insert(at, unknown)
    values.insert(at, "Riverside Surgery")
    extracted = extract(DocView("form.docx", ["2. Child", Table([header, values])])).values
    for key, _, _, _ in rows:
        assert extracted.get(key) not in {unknown, "Riverside Surgery"}, (key, extracted)
        assert extracted.get(key) not in _others(rows, key), (key, extracted)


# --- a fillable PDF's radio group whose tooltip ends with its first button's option ("Has the child died? Yes")


def _radio_pdf(groups: list[tuple[str, str, list[str], str]]) -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    fields = ArrayObject()
    annots = ArrayObject()
    for g, (name, tooltip, options, chosen) in enumerate(groups):
        parent = DictionaryObject({
            NameObject("/FT"): NameObject("/Btn"), NameObject("/T"): TextStringObject(name),
            NameObject("/TU"): TextStringObject(tooltip), NameObject("/Ff"): NumberObject(49152),
            NameObject("/V"): NameObject(f"/{chosen}"), NameObject("/Kids"): ArrayObject()})
        parent_ref = writer._add_object(parent)
        for k, option in enumerate(options):
            y = 780 - 30 * g
            kid = DictionaryObject({
                NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/Parent"): parent_ref,
                NameObject("/AS"): NameObject(f"/{option}" if option == chosen else "/Off"),
                NameObject("/Rect"): ArrayObject([FloatObject(300 + 60 * k), FloatObject(y),
                                                  FloatObject(312 + 60 * k), FloatObject(y + 12)]),
                NameObject("/AP"): DictionaryObject({NameObject("/N"): DictionaryObject({
                    NameObject(f"/{option}"): DictionaryObject(), NameObject("/Off"): DictionaryObject()})}),
            })
            kid_ref = writer._add_object(kid)
            parent[NameObject("/Kids")].append(kid_ref)
            annots.append(kid_ref)
        fields.append(parent_ref)
    writer.pages[0][NameObject("/Annots")] = annots
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): fields})
    buf = BytesIO()
    writer.write(buf)
    return buf.getvalue()


QUESTIONS = [("Died", "referral.criteria.child_died", ["Has the child died?", "Child died?"]),
             ("Harmed", "referral.criteria.seriously_harmed", ["Has the child been seriously harmed?",
                                                               "Seriously harmed?"]),
             ("Concern", "referral.criteria.agency_concern", ["Agencies working together?",
                                                              "Concerns about agencies working together?"])]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(QUESTIONS), st.booleans(), st.booleans(), st.integers(0, 1)),
                min_size=1, max_size=3, unique_by=lambda t: t[0][0]))
def test_a_radio_groups_tooltip_option_is_not_its_answer(picked: list[tuple[tuple[str, str, list[str]], bool, bool,
                                                                                 int]]) -> None:
    from parsers.documents.pdf import read_pdf

    groups = []
    for (name, _, wordings), yes_first, chosen_yes, w in picked:
        options = ["Yes", "No"] if yes_first else ["No", "Yes"]
        groups.append((name, f"{wordings[w]} {options[0]}", options, "Yes" if chosen_yes else "No"))
    values = extract(read_pdf(_radio_pdf(groups), "form.pdf")).values
    for (_, key, _), _, chosen_yes, _ in picked:
        assert values.get(key) is chosen_yes, (key, values)


# --- a fillable form's fields one a row: the first of each person numbered, the rest under it without a number


@settings(max_examples=30, deadline=None)
@given(relatives(), st.sampled_from(["Family member {n} name", "Person {n} name", "Name ({n})"]),
       st.sampled_from([("relationship", "date of birth", "address"), ("Relationship", "DOB", "Home address")]),
       st.lists(st.tuples(FIRST, LAST), min_size=1, max_size=3), st.sampled_from(["worker", "name", "practitioner"]))
def test_numbered_then_unnumbered_field_rows_make_one_entry_each(
        people: list[dict[str, str]], first: str, rest: tuple[str, str, str], workers: list[tuple[str, str]],
        worker: str) -> None:
    rows: list[list[str]] = [["Child's name", "Leo Marsh"]]
    for n, p in enumerate(people, start=1):
        rows += [[first.format(n=n), p["name"]], [rest[0], p["relationship"]], [rest[1], p["dob"]],
                 [rest[2], p["address"]]]
    for n, (f, last) in enumerate(workers, start=1):
        rows += [[f"Agency {n} {worker}", f"{f} {last}"], ["agency", f"Agency number {n}"],
                 ["contact", f"0163296{n:04d}"], ["still involved", "Yes" if n % 2 else "No"]]
    extracted = extract(DocView("form.pdf", [Table(rows)]))
    assert [(f["name"], f["relationship"], f["date_of_birth"], f["address"]) for f in extracted.records["family"]] == [
        (p["name"], p["relationship"], p["iso"], p["address"]) for p in people]
    assert [(a["name"], a["agency"], a["still_involved"]) for a in extracted.records["agencies"]] == [
        (f"{f} {last}", f"Agency number {n}", bool(n % 2)) for n, (f, last) in enumerate(workers, start=1)]


# --- a form typed into an email with dashes for colons: "Family –" over its bullets, "Child died – ☒"


@settings(max_examples=30, deadline=None)
@given(relatives(), st.sampled_from(["–", "-", "—"]), st.sampled_from(["Family", "Family and significant others"]),
       st.lists(st.booleans(), min_size=3, max_size=3), st.sampled_from(["  * ", "• ", "- "]))
def test_dashes_for_colons_in_a_typed_form(people: list[dict[str, str]], dash: str, family: str,
                                           boxes: list[bool], bullet: str) -> None:
    assume(any(boxes))
    mark = {True: "☒", False: "☐"}
    lines = ["Name of child " + dash + " Leo Marsh", "Date of birth " + dash + " 03/11/2015", "",
             f"Child died {dash} {mark[boxes[0]]}", f"Serious harm {dash} {mark[boxes[1]]}",
             f"Concerns about agencies working together {dash} {mark[boxes[2]]}", "", f"Summary {dash}",
             "Leo was found unresponsive at home and taken to hospital where he died later that day.", "",
             f"{family} {dash}"]
    lines += [f"{bullet}{p['name']}, {p['relationship']}, {p['dob']}, {p['address']}, White British" for p in people]
    lines += ["", f"Other processes {dash}", f"{bullet}Coroner: Inquest opened"]
    extracted = extract(DocView("body", lines))
    values = extracted.values
    assert (values.get("referral.criteria.child_died"), values.get("referral.criteria.seriously_harmed"),
            values.get("referral.criteria.agency_concern")) == tuple(boxes)
    assert str(values.get("referral.summary", "")).startswith("Leo was found")
    assert [(f["name"], f["relationship"], f["date_of_birth"], f["address"]) for f in extracted.records["family"]] == [
        (p["name"], p["relationship"], p["iso"], p["address"]) for p in people]
    assert extracted.records["processes"] == [{"process": "Coroner", "status": "Inquest opened"}]


# --- numbered paragraphs: "5.1 Ann Lee (Mother), born ..., ...; ethnicity ...", "6.2 Agency Service: Worker, ..."


@settings(max_examples=30, deadline=None)
@given(relatives(), st.lists(st.tuples(FIRST, LAST, st.sampled_from(
    ["Northvale Youth Justice Service", "Riverside Surgery", "Wessex Police", "Northvale Community Health NHS Trust"]),
    st.booleans()), min_size=1, max_size=3), st.integers(1, 9))
def test_numbered_paragraph_records(people: list[dict[str, str]], agencies: list[tuple[str, str, str, bool]],
                                    section: int) -> None:
    lines = [f"{section}. Family and significant others"]
    lines += [f"{section}.{n} {p['name']} ({p['relationship']}), born {p['dob'].replace('/', '.')}, {p['address']}; "
              f"ethnicity White British" for n, p in enumerate(people, start=1)]
    lines += ["", f"{section + 1}. Agencies involved"]
    lines += [f"{section + 1}.{n} {agency}: {first} {last}, {first.lower()}@example.org (still involved: "
              f"{'Yes' if still else 'No'})" for n, (first, last, agency, still) in enumerate(agencies, start=1)]
    lines += ["", f"{section + 2}. Other processes", f"{section + 2}.1 Coroner: Inquest opened"]
    extracted = extract(DocView("body", ["Name of child: Leo Marsh", *lines]))
    assert [(f["name"], f["relationship"], f["date_of_birth"], f["address"], f["ethnicity"])
            for f in extracted.records["family"]] == [
        (p["name"], p["relationship"], p["iso"], p["address"], "White British") for p in people]
    assert [(a["name"], a["agency"], a["still_involved"]) for a in extracted.records["agencies"]] == [
        (f"{first} {last}", agency, still) for first, last, agency, still in agencies]
    assert extracted.records["processes"] == [{"process": "Coroner", "status": "Inquest opened"}]


# --- a ruled list broken by a page: the rows on the next page have no header, the last row's cell runs on


def _ruled_pages(pages: list[list[str | list[list[str]]]], widths: list[float]) -> bytes:
    """Pages of headings (str) and ruled tables (rows of cells; a cell's lines one under another)."""
    contents = []
    for items in pages:
        ops: list[bytes] = []
        y = 800.0
        for item in items:
            if isinstance(item, str):
                ops.append(b"BT /F1 10 Tf 40 %.1f Td (%s) Tj ET" % (y - 12, _esc(item)))
                y -= 18
                continue
            top = y
            xs = [40.0]
            for w in widths:
                xs.append(xs[-1] + w)
            for row in item:
                height = 4 + 10 * max(len(c.split("\n")) for c in row)
                for c, cell in enumerate(row):
                    for k, line in enumerate(cell.split("\n")):
                        ops.append(b"BT /F1 7 Tf %.1f %.1f Td (%s) Tj ET" % (xs[c] + 2, y - 9 - 10 * k, _esc(line)))
                ops.append(b"%.1f %.1f m %.1f %.1f l S" % (xs[0], y, xs[-1], y))
                y -= height
            ops.append(b"%.1f %.1f m %.1f %.1f l S" % (xs[0], y, xs[-1], y))
            ops += [b"%.1f %.1f m %.1f %.1f l S" % (x, top, x, y) for x in xs]
            y -= 10
        contents.append(b"\n".join(ops))
    n = len(contents)
    kids = " ".join(f"{4 + 2 * k} 0 R" for k in range(n)).encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    for k, stream in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (5 + 2 * k))
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return pdf_file(objects)


@settings(max_examples=20, deadline=None)
@given(relatives(), st.integers(1, 3), st.booleans())
def test_a_list_broken_by_a_page_keeps_its_rows(people: list[dict[str, str]], on_first: int, run_on: bool) -> None:
    from parsers.documents.pdf import read_pdf

    for p in people:
        p["name"] = p["name"].encode("cp1252", "replace").decode("cp1252").replace("?", "L")
    on_first = min(on_first, len(people) - 1)
    rows = [[p["name"], p["relationship"], p["dob"], p["address"]] for p in people]
    first: list[list[str]] = [["Name", "Relationship", "DOB", "Address"], *rows[:on_first]]
    second = rows[on_first:]
    if run_on:  # the last row on the first page breaks inside its address cell
        street, postcode = first[-1][3].split(", ")
        first[-1] = [*first[-1][:3], street + ","]
        second = [["", "", "", postcode], *second]
    pdf = _ruled_pages([["Name of child: Leo Marsh", "Family and significant others", first],
                        [second, "Summary", [["Leo was found unresponsive at home.", "", "", ""]]]],
                       [120, 90, 60, 200])
    family = extract(read_pdf(pdf, "referral.pdf")).records["family"]
    assert [(f["name"], f["relationship"], f["date_of_birth"], f["address"]) for f in family] == [
        (p["name"], p["relationship"], p["iso"], p["address"]) for p in people]


def test_a_word_broken_at_its_hyphen_in_a_cell_is_one_word() -> None:
    from parsers.documents.pdf import read_pdf

    pdf = _ruled_pages([["Family", [["Name", "Relationship", "DOB", "Address"],
                                     ["Amara Lewis", "Mother", "01/02/1990", "4 Marine Parade, Weston-\nsuper-Mare"]]]],
                       [120, 90, 60, 80])
    family = extract(read_pdf(pdf, "referral.pdf")).records["family"]
    assert family[0]["address"] == "4 Marine Parade, Weston-super-Mare"


# --- Wingdings boxes typed as "þ" / "¨" and printed without the font


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(["White British", "White Irish", "Any other White background", "Indian", "Pakistani",
                                 "Black Caribbean", "Not declared"]), min_size=2, max_size=6, unique=True),
       st.integers(0, 5))
def test_wingdings_boxes_as_letters(options: list[str], chosen: int) -> None:
    chosen = chosen % len(options)
    line = "   ".join(f"{'þ' if k == chosen else '¨'} {o}" for k, o in enumerate(options))
    from parsers.documents.text import text_blocks

    text = "\n".join(["Details of child", "Name: Leo Marsh", "Ethnic origin (tick one)", line, "Religion: None"])
    values = extract(DocView("form.pdf", text_blocks(text))).values
    assert values.get("referral.child.ethnicity") == options[chosen]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Any other White", "Any other mixed", "Any other Asian"]),
       st.sampled_from(["background", "background or culture"]), st.integers(0, 6))
def test_a_cells_wrapped_tail_at_its_left_edge_stays_in_its_cell(head: str, tail: str, pad: int) -> None:
    from parsers.documents.pdf import layout_blocks

    text = f"þ {head}{' ' * (6 + pad)}¨ Indian{' ' * 6}¨ Pakistani\n{tail}\nReligion: None"
    blocks = layout_blocks(text)
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.rows[0][0] == f"☒ {head} {tail}"


# --- lists and answers inside single cells: "• Mother – Kerys Kimani – DOB ... – address", "Child died: No" a line


@settings(max_examples=30, deadline=None)
@given(relatives(), st.lists(st.booleans(), min_size=3, max_size=3), st.sampled_from(["known", "suspected"]),
       st.sampled_from(["•", "-", "\uf0b7"]))
def test_people_and_answers_one_a_line_in_a_cell(people: list[dict[str, str]], answers: list[bool], abuse: str,
                                                 bullet: str) -> None:
    yes = {True: "Yes", False: "No"}
    criteria = (f"Child died: {yes[answers[0]]}\nSerious harm: {yes[answers[1]]}\nAbuse or neglect: {abuse}\n"
                f"Concerns about agencies working together: {yes[answers[2]]}")
    family = "\n".join(f"{bullet} {p['relationship']} – {p['name']} – DOB {p['dob']} – {p['address']}" for p in people)
    table = Table([["Child", "Leo Marsh"], ["Date of birth", "3 November 2015"], ["Criteria", criteria],
                   ["Family members (relationship, name, DOB, address)", family]])
    extracted = extract(DocView("form.docx", [table]))
    values = extracted.values
    assert (values.get("referral.criteria.child_died"), values.get("referral.criteria.seriously_harmed"),
            values.get("referral.criteria.agency_concern")) == tuple(answers)
    assert values.get("referral.criteria.abuse_or_neglect") == abuse
    assert [(f["name"], f["relationship"], f["date_of_birth"], f["address"]) for f in extracted.records["family"]] == [
        (p["name"], p["relationship"], p["iso"], p["address"]) for p in people]


# --- two labels stacked in one cell beside two answers stacked in the next ("Role" / "Agency")


@settings(max_examples=20, deadline=None)
@given(st.sampled_from([("Role", "referral.referrer.role"), ("Job title", "referral.referrer.role")]),
       st.sampled_from([("Agency", "referral.referrer.agency"), ("Organisation", "referral.referrer.agency")]),
       st.booleans(), st.sampled_from(["Designated Nurse", "Detective Inspector", "Named GP for Safeguarding"]))
def test_stacked_labels_take_one_answer_line_each(first: tuple[str, str], second: tuple[str, str], swap: bool,
                                                  role: str) -> None:
    labels = [first, second][::-1] if swap else [first, second]
    answers = {"referral.referrer.role": role, "referral.referrer.agency": "Riverside Surgery"}
    table = Table([["Name", "Jo Reed"], ["\n".join(lab for lab, _ in labels), "\n".join(answers[k] for _, k in labels)],
                   ["Email", "jo.reed@nhs.net"]])
    values = extract(DocView("form.pdf", ["Referrer", table])).values
    assert values.get("referral.referrer.role") == role
    assert values.get("referral.referrer.agency") == "Riverside Surgery"


def test_three_stacked_answers_for_two_labels_are_left_empty() -> None:
    table = Table([["Role\nAgency", "Designated Nurse\nRiverside Surgery\nWeston"]])
    values = extract(DocView("form.pdf", ["Referrer", table])).values
    assert values.get("referral.referrer.role") is None and values.get("referral.referrer.agency") is None


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["Name of person referring", "Name of professional notifying", "Name of officer referring"]),
       st.sampled_from(["Job title", "Role"]), st.booleans())
def test_a_form_opening_with_the_person_referring(label: str, role_label: str, grid: bool) -> None:
    rows = [[label, "Faisal Venables", role_label, "Detective Inspector"],
            ["Organisation", "Wessex Police", "Email", "faisal.venables@wessex.police.uk"]]
    table = Table(rows if grid else [cell for row in rows for cell in (row[:2], row[2:])])
    values = extract(DocView("form.pdf", [table, "Details of child", Table([["Name", "Leo Marsh"]])])).values
    assert values.get("referral.referrer.name") == "Faisal Venables"
    assert values.get("referral.referrer.role") == "Detective Inspector"
    assert values.get("referral.referrer.agency") == "Wessex Police"
    assert values.get("referral.child.name") == "Leo Marsh"


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["A. Person referring", "Person referring", "1. Professional referring"]),
       st.sampled_from(["Name", "Full name"]), st.booleans())
def test_a_label_is_never_the_answer_of_its_own_field(heading: str, name: str, answered_before: bool) -> None:
    """A heading that reads as the referrer's name label, over a "Name | ..." grid: the grid's label is no answer,
    whether or not the name was read before (a fillable form's field list above the page)."""
    blocks: list[str | Table] = [Table([["Name", "Catriona Morcombe"]])] if answered_before else []
    blocks += [heading, Table([[name, "Catriona Morcombe"], ["Role", "Named GP"]]), "B. Child",
               Table([["Full name", "Leo Marsh"]])]
    values = extract(DocView("form.pdf", blocks)).values
    assert values.get("referral.referrer.name") == "Catriona Morcombe"
    assert values.get("referral.child.name") == "Leo Marsh"
