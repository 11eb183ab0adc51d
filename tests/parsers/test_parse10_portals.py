"""Online-forms services' mails (issue #12): questions as headings, people and agencies as definition lists, the
options chosen listed one a line, and a return asked in the author's own words ("Your name", "Your organisation").

Generated: heading tags, question wordings, the number of people and agencies, how each block is counted and how
the criteria are chosen vary; every value must come back in its own record, never another person's.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus_tools"))

from mail import message, to_bytes

from parsers import parse_message
from parsers.documents.html import read_html
from parsers.documents.model import Table

FIRST = ["Abena", "Rory", "Nia", "Tomasz", "Leila", "Callum", "Precious", "Owen"]
LAST = ["Kavanagh", "Quaresma", "Okafor", "Lindqvist", "Pryce", "Haddad"]
RELATIONS = ["Mother", "Father", "Brother", "Sister", "Mother's partner", "Maternal grandmother"]
AGENCIES = ["CAMHS North Somerset", "Youth Justice Service", "Early Help Team", "Drug and Alcohol Recovery Service"]
STATEMENTS = {
    "child_died": "The child has died",
    "seriously_harmed": "The child has been seriously harmed",
    "abuse": "Abuse or neglect is suspected",
    "agency_concern": "I am concerned about how agencies worked together",
}


def _dl(pairs: list[tuple[str, str]], bold: bool) -> str:
    term = "<dt><b>{}</b></dt>" if bold else "<dt>{}</dt>"
    return "<dl>" + "".join(term.format(escape(k)) + f"<dd>{escape(v)}</dd>" for k, v in pairs) + "</dl>"


@st.composite
def portal(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    tag = draw(st.sampled_from(["h2", "h3", "h4", "p"]))
    count = draw(st.sampled_from(["{kind} {n} of {m}", "{kind} {n}", "{kind} {n}/{m}"]))
    bold = draw(st.booleans())
    people = [(f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}", draw(st.sampled_from(RELATIONS)),
               f"{draw(st.integers(1, 28)):02d}/0{draw(st.integers(1, 9))}/19{draw(st.integers(70, 99))}",
               f"{draw(st.integers(1, 99))} Sandford Mews, Portishead, BS20 4JJ")
              for _ in range(draw(st.integers(1, 4)))]
    agencies = [(draw(st.sampled_from(AGENCIES)), f"{draw(st.sampled_from(FIRST))} {draw(st.sampled_from(LAST))}",
                 f"07700 900{draw(st.integers(100, 999))}", draw(st.booleans()))
                for _ in range(draw(st.integers(1, 3)))]
    chosen = draw(st.lists(st.sampled_from(sorted(STATEMENTS)), min_size=1, max_size=4, unique=True))
    name_q = draw(st.sampled_from(["What is your full name?", "What is your name?"]))
    role_q = draw(st.sampled_from(["What is your job title?", "What is your role?"]))
    org_q = draw(st.sampled_from(["Which organisation do you work for?", "What organisation are you from?",
                                  "Which agency do you work for?"]))

    def q(question: str, answer: str) -> str:
        return f"<{tag}>{escape(question)}</{tag}><p>{escape(answer)}</p>"

    html = ["<html><body><p>A new form has been submitted.</p>", "<h2>About you</h2>",
            q(name_q, "Sanjay Carew"), q(role_q, "Safeguarding Officer"), q(org_q, "Harbourside Homes"),
            q("Email address", "sanjay.carew@harbourside.example"), "<h2>About the child</h2>",
            q("What is the child's full name?", "Finlay Kavanagh"),
            q("What is the child's date of birth?", "22/01/2010"),
            "<h2>The criteria</h2>", q("Which of these apply? (select all that apply)", "")]
    html[-1] = html[-1].replace("<p></p>", "")
    html += [f"<p>{STATEMENTS[k]}</p>" for k in chosen]
    html += ["<h2>Tell us what happened</h2>", "<p>Finlay was found in a flat with adults not known to the family and "
             "disclosed exploitation; return home interviews had not been completed.</p>",
             "<h2>Family members and significant others</h2>"]
    for n, (name, rel, dob, address) in enumerate(people, 1):
        html.append(f"<{tag}>{count.format(kind='Person', n=n, m=len(people))}</{tag}>")
        html.append(_dl([("Full name", name), ("Relationship to the child", rel), ("Date of birth", dob),
                         ("Address", address)], bold))
    html.append("<h2>Other agencies</h2>")
    for n, (agency, worker, phone, still) in enumerate(agencies, 1):
        html.append(f"<{tag}>{count.format(kind='Agency', n=n, m=len(agencies))}</{tag}>")
        html.append(_dl([("Agency name", agency), ("Worker's name", worker), ("Worker's contact details", phone),
                         ("Is the agency still involved?", "Yes" if still else "No")], bold))
    html.append("<p>This e-mail was generated automatically. Do not reply.</p></body></html>")
    return "".join(html), {"people": people, "agencies": agencies, "chosen": chosen}


@settings(max_examples=25, deadline=None)
@given(portal())
def test_portal_mail_reads_people_agencies_questions_and_chosen_criteria(case: tuple[str, dict[str, object]]) -> None:
    html, want = case
    raw = to_bytes(message("noreply-forms@n-somerset.gov.uk", "Form submission: CSPR referral [FS1]", html=html))
    result = parse_message(raw)
    assert result.kind == "referral"
    ref = result.referral
    assert ref is not None
    assert (ref.referrer.name, ref.referrer.role, ref.referrer.agency) == (
        "Sanjay Carew", "Safeguarding Officer", "Harbourside Homes")
    people = want["people"]
    assert isinstance(people, list)
    assert [(m.name, m.relationship, m.address) for m in ref.family] == [(p[0], p[1], p[3]) for p in people]
    agencies = want["agencies"]
    assert isinstance(agencies, list)
    assert [(a.agency, a.name, a.contact, a.still_involved) for a in ref.other_agencies] == [tuple(a) for a in agencies]
    chosen = want["chosen"]
    assert isinstance(chosen, list)
    crit = ref.criteria
    assert crit.child_died is ("child_died" in chosen)
    assert crit.seriously_harmed is ("seriously_harmed" in chosen)
    assert crit.agency_concern is ("agency_concern" in chosen)
    assert crit.abuse_or_neglect == ("suspected" if "abuse" in chosen else None)


def test_definition_list_is_a_label_value_table_and_a_lone_term_stays_text() -> None:
    view = read_html("<p>Intro</p><dl><dt>Full name</dt><dd>Jo Reed</dd><dt>Phones</dt><dd>0117 1</dd>"
                     "<dd>0117 2</dd></dl><dl><dt>Only a term</dt></dl>", "body")
    tables = [b for b in view.blocks if isinstance(b, Table)]
    assert [t.rows for t in tables] == [[["Full name", "Jo Reed"], ["Phones", "0117 1\n0117 2"]]]
    assert "Only a term" in view.text()


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(["Your name", "What is your name?", "Your full name"]),
       st.sampled_from(["Your organisation", "Which organisation do you work for?", "Your agency"]),
       st.sampled_from(["Your role", "What is your job title?"]),
       st.sampled_from(["Has your organisation been involved with the child or family?",
                        "Has your agency been involved with the family?"]),
       st.sampled_from(["What immediate actions have been taken?", "Immediate actions taken"]),
       st.sampled_from(["What learning has been identified so far?", "Learning identified"]),
       st.sampled_from(["Name of the manager who signed this off", "Signed off by"]))
def test_return_asked_in_the_authors_own_words(name_q: str, org_q: str, role_q: str, involved_q: str,
                                               actions_q: str, learning_q: str, signed_q: str) -> None:
    rows = [("Rapid review reference", "NS-CSPR-2026-054"), (org_q, "Severnside Community Health"),
            (name_q, "Fergus Oyelaran"), (role_q, "Safeguarding Practitioner"), (involved_q, "Yes"),
            ("Summarise your organisation's involvement", "Known to the service since May 2025; 17 contacts."),
            (actions_q, "Records locked and a chronology started."),
            (learning_q, "Missed appointments were not treated as a signal."),
            ("Have records been secured?", "Yes"), (signed_q, "Ngozi Ramasamy")]
    html = "<p>A new response has been submitted.</p><table>" + "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>"
    raw = to_bytes(message("forms-noreply@n-somerset.gov.uk", "New response: agency return NS-CSPR-2026-054",
                           html=html))
    result = parse_message(raw)
    assert result.kind == "agency_return"
    ret = result.agency_return
    assert ret is not None
    assert (ret.agency, ret.author.name, ret.author.role) == (
        "Severnside Community Health", "Fergus Oyelaran", "Safeguarding Practitioner")
    assert ret.involved is True and ret.records_secured is True
    assert ret.immediate_actions == "Records locked and a chronology started."
    assert ret.learning == "Missed appointments were not treated as a signal."
    assert ret.signed_off_by == "Ngozi Ramasamy"


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(sorted(STATEMENTS)), min_size=2, max_size=4, unique=True),
       st.lists(st.tuples(st.sampled_from(AGENCIES), st.sampled_from(FIRST), st.booleans()), min_size=1, max_size=3),
       st.sampled_from(["Who has parental responsibility?", "Who does the child live with?"]))
def test_forms_service_table_with_comma_options_and_pipe_rows(chosen: list[str],
                                                              agencies: list[tuple[str, str, bool]],
                                                              carer_q: str) -> None:
    rows = [("Your name", "Jasper Iqbal"), ("Child's first name", "Amelia-Rose"), ("Child's last name", "Delacroix"),
            ("Child's date of birth", "14/09/2011"), (carer_q, "Gemma Pryce-Jenkins"),
            ("Which of these apply? (select all that apply)", ", ".join(STATEMENTS[k] for k in chosen)),
            ("Other agencies (agency | name | contact | involvement)",
             "\n".join(f"{a} | {n} Okafor | 07700 900{k}15 | {'Still involved' if s else 'Not involved now'}"
                       for k, (a, n, s) in enumerate(agencies)))]
    html = "<p>A new form has been submitted.</p><table>" + "".join(
        f"<tr><td>{escape(k)}</td><td>{escape(v).replace(chr(10), '<br>')}</td></tr>" for k, v in rows) + "</table>"
    result = parse_message(to_bytes(message("no-reply@forms.example.gov.uk", "Form submission: notification",
                                            html=html)))
    ref = result.referral
    assert result.kind == "referral" and ref is not None
    assert (ref.child.name, ref.child.carer) == ("Amelia-Rose Delacroix", "Gemma Pryce-Jenkins")
    assert ref.criteria.child_died is ("child_died" in chosen)
    assert ref.criteria.agency_concern is ("agency_concern" in chosen)
    assert [(a.agency, a.name, a.contact, a.still_involved) for a in ref.other_agencies] == [
        (a, f"{n} Okafor", f"07700 900{k}15", s) for k, (a, n, s) in enumerate(agencies)]
