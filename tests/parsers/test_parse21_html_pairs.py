"""Portal pages whose questions are element pairs, not tables or definition lists: `<div><label>Q</label><span>A
</span></div>`, `<li><span class="field-label">Q</span><div class="value">A</div></li>`, radio groups drawn as
circles ("◉ Yes ○ No") or as inputs with their own labels. Flattened to text the label ran into its answer
("Full nameDeclan Pitman") and nothing was read (parse21: parsers/documents/html_pairs.py, normalise radios).
Layouts of this file's own, generated over the wrapper, label and answer elements, radio style and which
optional questions are left out."""

from __future__ import annotations

from email.message import EmailMessage
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message
from parsers.documents.html import read_html
from parsers.documents.model import Table
from parsers.normalise import clean

WRAPPERS = [("div", "div", 'class="form-group"'), ("li", "ul", 'class="answer-row"'), ("p", "div", ""),
            ("div", "fieldset", 'class="govuk-form-group"')]
LABELS = ['<label for="f{n}">{t}</label>', '<span class="field-label">{t}</span>',
          '<div class="questionText">{t}</div>', '<strong class="summary-list__key">{t}</strong>']
ANSWERS = ['<span class="answer">{t}</span>', '<div class="field-value">{t}</div>', "<output>{t}</output>",
           '<span>{t}</span>']


@st.composite
def layouts(draw: st.DrawFn) -> tuple[tuple[str, str, str], str, str, str]:
    return (draw(st.sampled_from(WRAPPERS)), draw(st.sampled_from(LABELS)), draw(st.sampled_from(ANSWERS)),
            draw(st.sampled_from(["glyphs", "filled", "inputs"])))


def _page(layout: tuple[tuple[str, str, str], str, str, str], died: bool, plan: str, faith: bool,
          second_agency: bool) -> str:
    (wrap, group, attrs), label, answer, radios = layout
    count = iter(range(1000))

    def q(question: str, value: str) -> str:
        lab = label.format(n=next(count), t=escape(question))
        return f"<{wrap} {attrs}>{lab}{answer.format(t=escape(value))}</{wrap}>"

    def choice(question: str, options: list[str], chosen: str) -> str:
        lab = label.format(n=next(count), t=escape(question))
        if radios == "inputs":
            opts = " ".join(f'<input type="radio"{" checked" if o == chosen else ""}> <label>{o}</label>'
                            for o in options)
        else:
            on, off = ("◉", "○") if radios == "glyphs" else ("●", "○")
            opts = " ".join(f'<span class="opt">{on if o == chosen else off} {o}</span>' for o in options)
        return f"<{wrap} {attrs}>{lab}{opts}</{wrap}>"

    def group_of(*items: str) -> str:
        return f"<{group}>{''.join(items)}</{group}>"

    plan_options = ["Yes - current", "No", "Previously", "Not known"]
    parts = ["<html><body><p>Your form has been submitted. Reference number: WEB-55120.</p>",
             "<h2>1. Person making the notification</h2>",
             group_of(q("Your name", "Ffion Aldridge"), q("Job role", "Designated Safeguarding Lead"),
                      q("Organisation / agency", "Weston Meadows Primary School"),
                      q("Email", "ffion.aldridge@westonmeadows.sch.uk"), q("Telephone", "01632 960774"),
                      q("Date of notification", "3 December 2026")),
             "<h2>2. The child</h2>",
             group_of(q("Child's name", "Zubair Penhaligon"), q("Date of birth", "14/02/2015"),
                      q("Home address", "8 Quantock Rise, Worle, BS22 7QF"),
                      *([q("Religion / faith", "Muslim")] if faith else []),
                      choice("Is the child subject to a child protection plan?", plan_options, plan)),
             "<h2>3. Notification criteria</h2>",
             group_of(choice("Has the child died?", ["Yes", "No"], "Yes" if died else "No"),
                      choice("Has the child been seriously harmed?", ["Yes", "No"], "No" if died else "Yes")),
             "<h2>4. Family and household</h2>", "<h3>Household member 1</h3>",
             group_of(q("Name", "Rosalind Penhaligon"), q("Relationship to child", "Mother"),
                      q("Date of birth", "02/09/1989")),
             "<h3>Household member 2</h3>",
             group_of(q("Name", "Idris Penhaligon"), q("Relationship to child", "Brother"),
                      q("Date of birth", "")),
             "<h2>5. Other agencies involved</h2>", "<h3>Agency 1</h3>",
             group_of(q("Contact name", "Gareth Voss"), q("Agency", "Avon and Somerset Police"),
                      q("Phone or email", "gareth.voss@avonandsomerset.police.uk"))]
    if second_agency:
        parts += ["<h3>Agency 2</h3>",
                  group_of(q("Contact name", "Priya Lansdown"), q("Agency", "Sirona care & health"),
                           q("Phone or email", "01632 960330"))]
    parts.append("<p>Thank you.</p></body></html>")
    return "".join(parts)


def _mail(html: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Weston Meadows Forms <no-reply@forms.westonmeadows.sch.uk>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "Form submission: serious incident notification"
    msg["Date"] = "Thu, 03 Dec 2026 11:20:00 +0000"
    msg.set_content(html, subtype="html")
    return msg.as_bytes()


@settings(max_examples=25, deadline=None)
@given(layouts(), st.booleans(), st.sampled_from(["Yes - current", "No", "Not known"]), st.booleans(), st.booleans())
def test_a_portal_page_of_label_and_answer_elements_is_read(
        layout: tuple[tuple[str, str, str], str, str, str], died: bool, plan: str, faith: bool,
        second_agency: bool) -> None:
    result = parse_message(_mail(_page(layout, died, plan, faith, second_agency)))
    ref = result.referral
    assert result.kind == "referral" and ref is not None
    assert (ref.referrer.name, ref.referrer.role, ref.referrer.email, ref.referrer.phone) == (
        "Ffion Aldridge", "Designated Safeguarding Lead", "ffion.aldridge@westonmeadows.sch.uk", "01632 960774")
    assert ref.referrer.agency == "Weston Meadows Primary School"
    assert (ref.child.name, ref.child.date_of_birth, ref.child.home_address) == (
        "Zubair Penhaligon", "2015-02-14", "8 Quantock Rise, Worle, BS22 7QF")
    assert ref.child.faith == ("Muslim" if faith else None)
    assert ref.child.child_protection_plan == {"Yes - current": "yes", "No": "no", "Not known": "not_known"}[plan]
    assert (ref.criteria.child_died, ref.criteria.seriously_harmed) == (died, not died)
    assert {m.name: (m.relationship, m.date_of_birth) for m in ref.family} == {
        "Rosalind Penhaligon": ("Mother", "1989-09-02"), "Idris Penhaligon": ("Brother", None)}
    agencies = {a.agency: (a.name, a.contact) for a in ref.other_agencies}
    assert agencies["Avon and Somerset Police"] == ("Gareth Voss", "gareth.voss@avonandsomerset.police.uk")
    assert len(agencies) == (2 if second_agency else 1)


def test_pairs_become_rows_and_running_text_stays_text() -> None:
    view = read_html("<body><p>Please read <label>this</label> note carefully.</p>"
                     "<div><label>Full name</label><span>Declan Hoskins</span></div>"
                     "<div><label>Faith</label><span></span></div>"
                     "<p><b>Important</b><span> the family moved in May.</span></p>"
                     "<div><label>Email</label><span>d.hoskins@example.org</span></div></body>", "body")
    tables = [b for b in view.blocks if isinstance(b, Table)]
    assert [t.rows for t in tables] == [[["Full name", "Declan Hoskins"], ["Faith", ""]],
                                        [["Email", "d.hoskins@example.org"]]]
    text = "\n".join(b for b in view.blocks if isinstance(b, str))
    assert "Please read this note carefully." in text and "Important the family moved in May." in text


def test_radio_circles_are_boxes_only_beside_each_other() -> None:
    assert clean("◉ Yes ○ No") == "☒ Yes ☐ No"
    assert clean("Plan: ○ Current ● Previous ○ Never") == "Plan: ☐ Current ☒ Previous ☐ Never"
    # a list's bullets, one a line, are no answer
    assert clean("● Police\n○ Youth Justice\n● School") == "● Police\n○ Youth Justice\n● School"
    assert clean("○ only empty ○ circles") == "○ only empty ○ circles"
