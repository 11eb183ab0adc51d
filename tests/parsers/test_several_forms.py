"""Stranger round 15, break B7: one mail holding two or three children's complete referral forms (siblings of one
incident, pasted one after the other) opened one case for the first form and dropped the others unsaid.

Generated over 2-3 forms, the separator between them ('=====', '-----', "Referral n of m" headings, a repeated
title, nothing), their order, and the body's carrier (plain text; HTML paragraphs; HTML tables): the parser counts
the forms (`several_referral_forms`, with the count) and the plan it makes sends the co-ordinator a triage mail
saying so, with no child's name or date of birth in it; the first form's child is read as today. Guards, never
flagged: one form naming a sibling in its family table, a reply quoting an earlier copy of the same child's form
(the same child, or its name mistyped and corrected). A name answer joining two children ("Alex Fictional and Sam
Fictional") is flagged `several_children_named` and never stored as one child's name.

Stranger round 16: the forms in separate parts of the mail (two inline text parts, a signature part between; a body
form and a .txt attachment; a plain alternative with one form whose HTML alternative, the one shown, holds both; a
body form and an attached forwarded mail holding the other) are counted as well. Guards: the same child's form in
both alternatives, a forwarded copy of the same child's form attached, a reply quoting the earlier form."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.effects import MailIntent
from bot.domain.referral import plan_referral
from bot.settings import load_settings
from bot.workdays import WorkCalendar
from parsers import parse_message
from parsers.records import ParseResult
from parsers.several_forms import SEVERAL_CHILDREN, SEVERAL_FORMS

S = load_settings(None, env={})
FIRST = ["Alex", "Amara", "Seán", "Zoë", "Lacey-Mae", "Tyler", "Idris", "Freya"]
LAST = ["Fictional", "Okonkwo-Reid", "Łukasik", "O'Neill", "Van den Berg"]
DOBS = [("14/03/2019", "2019-03-14"), ("02/06/2021", "2021-06-02"), ("7 July 2016", "2016-07-07"),
        ("30.01.2023", "2023-01-30")]
SENDER = "sam.example@csc.example.gov.uk"


def form(child: str, dob: str, family: str = "") -> list[tuple[str, str]]:
    """A CSPR referral form as agencies paste it: label, answer."""
    rows = [("CSPR REFERRAL FORM", ""), ("Name of referrer", "Sam Example"), ("Role", "Senior Social Worker"),
            ("Agency", "Children's Social Care"), ("Email", SENDER), ("Telephone", "01234 000111"),
            ("Date of referral", "01/12/2026"), ("Name of child", child), ("Date of birth", dob),
            ("Home address", "1 Nowhere Lane, Exampletown, ZZ1 1ZZ"), ("Parent/carer", "Jo Fictional (mother)"),
            ("Date of incident", "30/11/2026"), ("Location of incident", "Family home"),
            ("Has the child died?", "No"), ("Has the child been seriously harmed?", "Yes"),
            ("Is abuse or neglect known or suspected?", "Suspected"),
            ("Concerns about how agencies worked together?", "Yes")]
    if family:
        rows.append(("Family members", family))
    rows.append(("Summary", "The child was brought to hospital with a head injury and bruising of different ages."))
    return rows


def as_text(rows: list[tuple[str, str]]) -> str:
    return "\n".join(f"{k}: {v}" if v else k for k, v in rows)


def as_html(rows: list[tuple[str, str]], table: bool) -> str:
    if table:
        cells = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>" for k, v in rows)
        return f"<table border=1>{cells}</table>"
    return "".join(f"<p>{html.escape(k)}{': ' + html.escape(v) if v else ''}</p>" for k, v in rows)


SEPARATORS = ["=====", "-----------------------------", "heading", "title", "none"]


def body(kids: list[tuple[str, str]], sep: str, carrier: str) -> tuple[str, str]:
    """The mail's body (subtype, text) holding one pasted form per child."""
    parts: list[str] = []
    for n, (child, dob) in enumerate(kids, 1):
        rows = form(child, dob)
        if carrier == "text":
            head = f"Referral {n} of {len(kids)}\n\n" if sep == "heading" else ""
            parts.append(head + as_text(rows if sep != "none" or n == 1 else rows[1:]))
        else:
            head = f"<h3>Referral {n} of {len(kids)}</h3>" if sep == "heading" else ""
            parts.append(head + as_html(rows, carrier == "html table"))
    if carrier == "text":
        joint = "\n\n" if sep in ("heading", "title", "none") else f"\n\n{sep}\n\n"
        return "plain", "Please see the referrals below, one for each sibling.\n\n" + joint.join(parts) + \
            "\n\nKind regards\nSam Example\n"
    joint = "" if sep in ("heading", "title", "none") else f"<p>{sep}</p>"
    return "html", "<html><body><p>Please see the referrals below, one for each sibling.</p>" + \
        joint.join(parts) + "<p>Kind regards<br>Sam Example</p></body></html>"


def mail(subtype: str, text: str, subject: str = "CSPR referral") -> bytes:
    m = EmailMessage()
    m["From"] = f"Sam Example <{SENDER}>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = subject
    m["Message-ID"] = "<b7.several@csc.example.gov.uk>"
    m.set_content(text, subtype=subtype)
    return m.as_bytes()


def _triage(parsed: ParseResult) -> MailIntent | None:
    plan = plan_referral(parsed, SENDER, datetime(2026, 12, 1, 10, 0, tzinfo=UTC), S, WorkCalendar())
    return next((e for e in plan.effects if isinstance(e, MailIntent) and e.kind == "triage"), None)


@st.composite
def siblings(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """(name, DOB as written, DOB as read) for 2-3 children of one family: forenames and dates all different."""
    last = draw(st.sampled_from(LAST))
    firsts = draw(st.lists(st.sampled_from(FIRST), min_size=2, max_size=3, unique=True))
    dates = draw(st.permutations(DOBS))[: len(firsts)]
    return [(f"{f} {last}", w, r) for f, (w, r) in zip(firsts, dates, strict=False)]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(siblings(), st.sampled_from(SEPARATORS), st.sampled_from(["text", "html", "html table"]))
def test_every_form_in_one_mail_is_counted_and_the_coordinator_told(
        kids: list[tuple[str, str, str]], sep: str, carrier: str) -> None:
    parsed = parse_message(mail(*body([(n, w) for n, w, _ in kids], sep, carrier)))
    assert parsed.kind == "referral" and parsed.referral is not None
    # the first form's child is read as one form's would be: nobody else's name or date of birth
    assert (parsed.referral.child.name, parsed.referral.child.date_of_birth) == (kids[0][0], kids[0][2])
    flagged = [w for w in parsed.warnings if w.startswith(SEVERAL_FORMS)]
    assert len(flagged) == 1 and f"holds {len(kids)} referral forms" in flagged[0]
    triage = _triage(parsed)
    assert triage is not None, "the other children's forms must reach a person"
    said = " ".join(str(w) for w in triage.context["warnings"])  # type: ignore[union-attr]
    assert f"holds {len(kids)} referral forms" in said
    for name, written, read in kids:  # field names and counts only: no child identifier in triage mail
        assert name not in said and written not in said and read not in said
        assert not any(re.search(rf"\b{re.escape(part)}\b", said) for part in name.split() if len(part) > 3)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(siblings(), st.sampled_from(["text", "html", "html table"]))
def test_one_form_naming_a_sibling_in_its_family_table_is_one_form(
        kids: list[tuple[str, str, str]], carrier: str) -> None:
    (child, written, _), (sibling, sib_dob, _) = kids[0], kids[1]
    rows = form(child, written)
    family = [("Name", "Relationship", "Date of birth"), (sibling, "Brother", sib_dob),
              ("Jo Fictional", "Mother", "01/01/1990")]
    if carrier == "text":
        table = "\n".join(" | ".join(r) for r in family)
        text = f"{as_text(rows[:-1])}\n\nFamily members\n{table}\n\n{as_text(rows[-1:])}"
        parsed = parse_message(mail("plain", text))
    else:
        grid = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in family)
        parsed = parse_message(mail("html", f"<html><body>{as_html(rows[:-1], carrier == 'html table')}"
                                            f"<p>Family members</p><table border=1>{grid}</table>"
                                            f"{as_html(rows[-1:], carrier == 'html table')}</body></html>"))
    assert parsed.referral is not None and parsed.referral.child.name == child
    assert not any(w.startswith((SEVERAL_FORMS, SEVERAL_CHILDREN)) for w in parsed.warnings)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(siblings(), st.booleans(), st.sampled_from([">", "outlook"]))
def test_a_reply_quoting_an_earlier_copy_of_the_same_childs_form_is_one_form(
        kids: list[tuple[str, str, str]], typo: bool, quoting: str) -> None:
    child, written, _ = kids[0]
    earlier = as_text(form(re.sub(r"(\w)(\w)\b", r"\2\1", child, count=1) if typo else child, written))
    if quoting == ">":
        old = "\n".join("> " + line for line in earlier.splitlines())
        quoted = f"On Mon, 30 Nov 2026 at 16:02, Sam Example <{SENDER}> wrote:\n{old}"
    else:
        quoted = (f"From: Sam Example <{SENDER}>\nSent: 30 November 2026 16:02\nTo: csprbot\n"
                  f"Subject: CSPR referral\n\n{earlier}")
    text = f"Corrected copy below.\n\n{as_text(form(child, written))}\n\nKind regards\nSam Example\n\n{quoted}\n"
    parsed = parse_message(mail("plain", text, subject="RE: CSPR referral"))
    assert parsed.referral is not None and parsed.referral.child.name == child
    assert not any(w.startswith((SEVERAL_FORMS, SEVERAL_CHILDREN)) for w in parsed.warnings)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(siblings(), st.sampled_from([" and ", " & ", " AND "]))
def test_a_name_answer_joining_two_children_is_flagged_not_stored(
        kids: list[tuple[str, str, str]], joint: str) -> None:
    (a, wa, _), (b, wb, _) = kids[0], kids[1]
    parsed = parse_message(mail("plain", as_text(form(f"{a}{joint}{b}", f"{wa} and {wb}"))))
    assert parsed.referral is not None and parsed.referral.child.name is None
    assert any(w.startswith(SEVERAL_CHILDREN) for w in parsed.warnings)
    triage = _triage(parsed)
    assert triage is not None
    said = " ".join(str(w) for w in triage.context["warnings"])  # type: ignore[union-attr]
    assert SEVERAL_CHILDREN in said and a not in said and b not in said


CARRIERS = ["inline parts", "inline parts, signature between", "body + .txt attachment",
            "plain one form, HTML both", "body + attached forwarded mail"]


def _headed(m: MIMEMultipart | EmailMessage, subject: str = "CSPR referrals") -> bytes:
    m["From"] = f"Sam Example <{SENDER}>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = subject
    m["Message-ID"] = "<b7.parts@csc.example.gov.uk>"
    return m.as_bytes()


def _inline(text: str, filename: str | None = None) -> MIMEText:
    part = MIMEText(text, "plain", "utf-8")
    if filename:
        part.add_header("Content-Disposition", "attachment", filename=filename)
    else:
        part.add_header("Content-Disposition", "inline")
    return part


def _forwarded(text: str) -> MIMEMessage:
    inner = EmailMessage()
    inner["From"] = f"Sam Example <{SENDER}>"
    inner["To"] = "csprbot@nsscp.example.gov.uk"
    inner["Subject"] = "CSPR referral"
    inner["Date"] = "Mon, 30 Nov 2026 16:02:00 +0000"
    inner.set_content(text)
    return MIMEMessage(inner)


def in_parts(first: list[tuple[str, str]], second: list[tuple[str, str]], carrier: str) -> bytes:
    """A mail whose two forms sit in two parts of it, as `carrier` lays them out."""
    if carrier == "plain one form, HTML both":
        alt = MIMEMultipart("alternative")
        alt.attach(MIMEText(as_text(first), "plain", "utf-8"))
        alt.attach(MIMEText(f"<html><body>{as_html(first, False)}<hr>{as_html(second, False)}</body></html>",
                            "html", "utf-8"))
        return _headed(alt)
    mixed = MIMEMultipart("mixed")
    mixed.attach(_inline(as_text(first)))
    if carrier == "inline parts, signature between":
        mixed.attach(_inline("--\nSam Example\nSenior Social Worker"))
    if carrier == "body + .txt attachment":
        mixed.attach(_inline(as_text(second), "referral2.txt"))
    elif carrier == "body + attached forwarded mail":
        mixed.attach(_forwarded(as_text(second)))
    else:
        mixed.attach(_inline(as_text(second)))
    return _headed(mixed)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(siblings(), st.sampled_from(CARRIERS))
def test_forms_in_separate_parts_of_the_mail_are_counted(kids: list[tuple[str, str, str]], carrier: str) -> None:
    (a, wa, ra), (b, wb, _) = kids[0], kids[1]
    parsed = parse_message(in_parts(form(a, wa), form(b, wb), carrier))
    assert parsed.kind == "referral" and parsed.referral is not None
    assert (parsed.referral.child.name, parsed.referral.child.date_of_birth) == (a, ra)
    flagged = [w for w in parsed.warnings if w.startswith(SEVERAL_FORMS)]
    assert len(flagged) == 1 and "holds 2 referral forms" in flagged[0]
    triage = _triage(parsed)
    assert triage is not None, "the second child's form must reach a person"
    said = " ".join(str(w) for w in triage.context["warnings"])  # type: ignore[union-attr]
    assert "holds 2 referral forms" in said and a not in said and b not in said and wb not in said


@settings(max_examples=30, deadline=None, derandomize=True)
@given(siblings(), st.booleans(),
       st.sampled_from(["both alternatives", "forwarded copy attached", "reply quoting it, HTML alternative"]))
def test_the_same_childs_form_met_twice_in_one_mail_is_one_form(
        kids: list[tuple[str, str, str]], typo: bool, layout: str) -> None:
    child, written, _ = kids[0]
    again = re.sub(r"(\w)(\w)\b", r"\2\1", child, count=1) if typo else child  # a corrected typo: same child
    if layout == "both alternatives":
        alt = MIMEMultipart("alternative")
        alt.attach(MIMEText(as_text(form(child, written)), "plain", "utf-8"))
        alt.attach(MIMEText(f"<html><body>{as_html(form(again, written), True)}</body></html>", "html", "utf-8"))
        raw = _headed(alt)
    elif layout == "forwarded copy attached":
        mixed = MIMEMultipart("mixed")
        mixed.attach(_inline(f"Corrected form below; my first mail attached.\n\n{as_text(form(child, written))}"))
        mixed.attach(_forwarded(as_text(form(again, written))))
        raw = _headed(mixed)
    else:
        earlier = as_text(form(again, written))
        plain = (f"Corrected copy below.\n\n{as_text(form(child, written))}\n\nKind regards\nSam Example\n\n"
                 f"On Mon, 30 Nov 2026 at 16:02, Sam Example <{SENDER}> wrote:\n"
                 + "\n".join("> " + line for line in earlier.splitlines()))
        quoted = f"<blockquote>{as_html(form(again, written), False)}</blockquote>"
        page = (f"<html><body><p>Corrected copy below.</p>{as_html(form(child, written), False)}"
                f"<p>Kind regards<br>Sam Example</p><p>On Mon, 30 Nov 2026 at 16:02, Sam Example "
                f"&lt;{SENDER}&gt; wrote:</p>{quoted}</body></html>")
        alt = MIMEMultipart("alternative")
        alt.attach(MIMEText(plain, "plain", "utf-8"))
        alt.attach(MIMEText(page, "html", "utf-8"))
        raw = _headed(alt, "RE: CSPR referral")
    parsed = parse_message(raw)
    assert parsed.referral is not None and parsed.referral.child.name in (child, again)
    assert not any(w.startswith((SEVERAL_FORMS, SEVERAL_CHILDREN)) for w in parsed.warnings)


def test_a_reply_quoting_another_childs_earlier_form_in_both_alternatives_is_one_form() -> None:
    """The sibling's form referred last week, quoted under this week's form in plain and HTML: not a second form
    in this mail (it has its case)."""
    new, old = form("Alex Fictional", "14/03/2019"), form("Sam Fictional", "02/07/2016")
    plain = (f"Please see the referral below.\n\n{as_text(new)}\n\nKind regards\nSam Example\n\n"
             f"From: Sam Example <{SENDER}>\nSent: 23 November 2026 16:02\nTo: csprbot\n"
             f"Subject: CSPR referral\n\n{as_text(old)}")
    page = (f"<html><body><p>Please see the referral below.</p>{as_html(new, True)}<p>Kind regards<br>Sam Example"
            f"</p><hr><p><b>From:</b> Sam Example &lt;{SENDER}&gt;<br><b>Sent:</b> 23 November 2026 16:02<br>"
            f"<b>To:</b> csprbot<br><b>Subject:</b> CSPR referral</p>{as_html(old, True)}</body></html>")
    alt = MIMEMultipart("alternative")
    alt.attach(MIMEText(plain, "plain", "utf-8"))
    alt.attach(MIMEText(page, "html", "utf-8"))
    parsed = parse_message(_headed(alt, "RE: CSPR referral"))
    assert parsed.referral is not None and parsed.referral.child.name == "Alex Fictional"
    assert not any(w.startswith(SEVERAL_FORMS) for w in parsed.warnings)


@given(first=st.sampled_from(["Alex", "Maja", "Oluwaseun", "Siobhan"]),
       middle=st.sampled_from(["James", "Rose", "Ade"]), last=st.sampled_from(["Fictional", "Nic Giolla", "O'Brien"]))
def test_an_earlier_draft_with_a_middle_name_or_the_surname_first_is_the_same_child(first: str, middle: str,
                                                                                      last: str) -> None:
    """Stranger round 17, break 4: a referral with the earlier draft of the same child's form attached, the name
    with a middle name, was counted as a second child (the co-ordinator asked to chase a form that does not
    exist)."""
    from parsers.several_forms import children_named

    born = "2019-03-14"
    for other in (f"{first} {middle} {last}", f"{last.upper()}, {first}", f"{first} {last.upper()}"):
        ids: list[tuple[str, object]] = [("referral.child.name", f"{first} {last}"),
                                         ("referral.child.date_of_birth", born),
                                         ("referral.child.name", other), ("referral.child.date_of_birth", born)]
        assert len(children_named(ids, "2026-12-01")) == 1, other
