"""The case page and the process model: the diagram with the current stage, a form for every command of the
README's table (the same code path, audit and mail as by email), and corrections of the fields to check."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CHAIR, CHILD, COORDINATOR, EXECUTIVE, REF, SERVICE_LEADER, Env, csrf, make_core, outbox_mails, seed
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from test_web_app import client_for
from web_client import sign_in

from bot.domain import process
from bot.domain.commands import CORRECTABLE
from bot.intake import act, open_as_referral
from bot.store.models import Case, Event
from bot.store.personal import held
from bot.web import commands as forms
from bot.web.casepage import fields_to_check
from bot.web.diagram import STATE_TEXT, columns, diagram

AD = "ad.support.safeguarding@nsscp.example.gov.uk"
README = Path(__file__).resolve().parents[2] / "README.md"
OTHER_REF = "NS-CSPR-2026-002"


# --- the diagram ---------------------------------------------------------------------------------------

def stages_on(page: str) -> list[tuple[str, str]]:
    """(stage key, state) of each box of the page's diagram, in the page's order."""
    return re.findall(r'data-stage="([a-z_]+)" data-state="([a-z]+)"', page)


def current_box(page: str) -> str:
    boxes = re.findall(r'<li class="csprbot-process__stage[^"]*"[^>]*aria-current="step"[^>]*>(.*?)</li>', page, re.S)
    assert len(boxes) == 1, boxes
    return " ".join(re.sub(r"<[^>]+>", " ", boxes[0]).split())


@st.composite
def histories(draw: st.DrawFn) -> tuple[str, set[str]]:
    current = draw(st.sampled_from(list(process.STAGES)))
    return current, draw(st.sets(st.sampled_from(list(process.STAGES))))


@given(histories())
def test_the_diagram_marks_the_current_stage_once_and_the_stages_passed(case: tuple[str, set[str]]) -> None:
    current, visited = case
    d = diagram(current, visited, [])
    boxes = [b for col in d.columns for b in col]
    assert [b.key for b in boxes] == [k for col in columns() for k in col]
    assert sorted(b.key for b in boxes) == sorted(process.STAGES)  # every stage of the model, once
    for b in boxes:
        assert b.label == process.STAGES[b.key].label
        assert b.state == ("current" if b.key == current else "passed" if b.key in visited else "ahead")
    assert [t.key for t in d.tracks] == list(process.TRACK_CLOCKS)


def test_the_columns_follow_the_models_transitions() -> None:
    cols = columns()
    where = {k: i for i, col in enumerate(cols) for k in col}
    for t in process.TRANSITIONS:  # every forward move of the model goes to a later column
        for src in t.source:
            if t.target and t.target != "closed" and src != "closed" and \
                    list(process.STAGES).index(t.target) > list(process.STAGES).index(src):
                assert where[t.target] > where[src], (t.name, src, t.target)
    assert cols[-1] == ["closed"] and cols[0] == ["provisional"]
    assert where["rapid_review"] == where["disputed"] and where["local_review"] == where["national_review"]


@pytest.mark.parametrize("stage", list(process.STAGES))
def test_a_case_at_a_stage_shows_that_stage_as_the_current_stage(env: Env, stage: str) -> None:
    with env.core.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ref == REF))
        assert case is not None
        case.stage = stage
    client = client_for(env)
    sign_in(env, client, COORDINATOR)
    page = client.get(f"/cases/{REF}").get_data(as_text=True)
    boxes = stages_on(page)
    assert [k for k, _ in boxes] == [k for col in columns() for k in col]
    assert [k for k, state in boxes if state == "current"] == [stage]
    assert current_box(page) == f"{process.STAGES[stage].label} {STATE_TEXT['current']}"  # said in words
    assert [k for k, state in boxes if state == "passed"] == ([] if stage == "screening" else ["screening"])


def test_the_stages_passed_are_those_of_the_cases_history(env: Env) -> None:
    rt = env.core.runtime()
    for text, who in (("DECISION: RAPID REVIEW", COORDINATOR), ("NOTIFIED: 2026-04-01", SERVICE_LEADER),
                      ("SUBMITTED: 2026-04-02", COORDINATOR), ("PANEL: NATIONAL REVIEW", COORDINATOR)):
        assert act(env.core.sessions, rt, REF, text, who, channel="cli").detail.startswith("accepted"), text
    client = client_for(env)
    sign_in(env, client, COORDINATOR)
    page = client.get(f"/cases/{REF}").get_data(as_text=True)
    states = dict(stages_on(page))
    assert states["national_review"] == "current"
    assert {k for k, v in states.items() if v == "passed"} == {"screening", "rapid_review", "awaiting_panel"}
    assert states["local_review"] == states["disputed"] == "ahead"
    tracks = dict(re.findall(r'data-track="([a-z_]+)" data-state="([a-z ]+)"', page))
    assert tracks == {"notification": "met", "ofsted_notification": "not started", "learning_action": "not started"}


def test_a_stage_added_to_the_model_shows_on_the_page(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page keeps no list of its own: change the model and the diagram changes with it."""
    monkeypatch.setitem(process.STAGES, "appeal", process.Stage("appeal", "Appeal to the tribunal", (), "test"))
    extra = process.Transition("CLOSE", "", "", ("appeal",), "screening", ("coordinator",),
                               lambda c, d: None, "")
    monkeypatch.setattr(process, "TRANSITIONS", (*process.TRANSITIONS, extra))
    client = client_for(env)
    sign_in(env, client, COORDINATOR)
    page = client.get(f"/cases/{REF}").get_data(as_text=True)
    assert ("appeal", "ahead") in stages_on(page) and "Appeal to the tribunal" in page


# --- a form for every command ----------------------------------------------------------------------------

def readme_commands() -> set[str]:
    """The commands of the README's table, as the process model names them ("PANEL: LOCAL REVIEW")."""
    text = README.read_text(encoding="utf-8")
    table = text[text.index("| Command | Who may | Accepted in | Effect |"):]
    verbs = sorted(process.VERBS, key=len, reverse=True)
    names: set[str] = set()
    for row in table.split("\n")[2:]:
        if not row.startswith("| `"):
            break
        first = row.split("|")[1].split("(next line")[0]
        verb = ""
        for chunk in re.findall(r"`([^`]+)`", first):
            words = re.sub(r"<[^>]*>|\[[^\]]*\]|YYYY-MM-DD", "", chunk).strip()
            found = next((v for v in verbs if words.upper().startswith(v)), None)
            if found:
                verb, rest = found, words[len(found):].strip(" :")
            else:
                rest = words.strip(" :")
            assert verb, row
            variants = {t.variant for t in process.TRANSITIONS if t.verb == verb} - {""}
            names.add(f"{verb}: {rest}" if variants else verb)
            if variants:
                assert rest in variants, row
    return names


def test_every_command_of_the_readme_table_has_a_form_and_every_form_a_row() -> None:
    readme = readme_commands()
    assert len(readme) >= 25
    assert {f.title for f in forms.FORMS} == readme == {t.name for t in process.TRANSITIONS}
    assert len({f.key for f in forms.FORMS}) == len(forms.FORMS) and all("-" not in f.key for f in forms.FORMS)


# Each command: what must happen first (by `csprbot act`, in both stores), who sends it, the form's fields
# and the line the same person would type in a reply.
Step = tuple[str, str]
RR = ("DECISION: RAPID REVIEW\nAGENCIES: Education, Health", COORDINATOR)
SIN = ("NOTIFIED: 2026-04-01", SERVICE_LEADER)
SUB = ("SUBMITTED: 2026-04-02", COORDINATOR)
LOCAL = ("PANEL: LOCAL REVIEW", COORDINATOR)
PLANS: dict[str, tuple[tuple[Step, ...], str, dict[str, Any], str]] = {
    "CONFIRM": ((), COORDINATOR, {}, "CONFIRM"),
    "NOT A REFERRAL": ((), COORDINATOR, {"reason": "a meeting request"}, "NOT A REFERRAL: a meeting request"),
    "DECISION: RAPID REVIEW": ((), CHAIR, {"date": "2026-04-02", "agency": ["Education"]},
                               "DECISION: RAPID REVIEW 2026-04-02\nAGENCIES: Education"),
    "DECISION: NO RAPID REVIEW": ((), COORDINATOR, {"reason": "criteria not met"},
                                  "DECISION: NO RAPID REVIEW criteria not met"),
    "DISAGREE": ((), EXECUTIVE, {"reason": "the criteria are met"}, "DISAGREE: the criteria are met"),
    "AD DECISION: REFER": ((("DISAGREE: criteria met", CHAIR),), AD, {}, "AD DECISION: REFER"),
    "AD DECISION: DO NOT REFER": ((("DISAGREE: criteria met", CHAIR),), AD, {"date": "2026-04-02"},
                                  "AD DECISION: DO NOT REFER 2026-04-02"),
    "NOTIFIED": ((), SERVICE_LEADER, {"date": "2026-04-01"}, "NOTIFIED: 2026-04-01"),
    "AWARE": ((), SERVICE_LEADER, {"date": "2026-04-01"}, "AWARE: 2026-04-01"),  # not before the incident
    "LOOKED AFTER": ((), COORDINATOR, {"answer": "YES"}, "LOOKED AFTER: YES"),
    "OFSTED NOTIFIED": ((("LOOKED AFTER: YES", COORDINATOR),), SERVICE_LEADER, {"date": "2026-04-02"},
                        "OFSTED NOTIFIED: 2026-04-02"),
    "WAIVE": ((RR,), COORDINATOR, {"agency": "Education", "reason": "no involvement"},
              "WAIVE Education: no involvement"),
    "SUBMITTED": ((RR, SIN), COORDINATOR, {"date": "2026-04-02"}, "SUBMITTED: 2026-04-02"),
    "PANEL: LOCAL REVIEW": ((RR, SIN, SUB), SERVICE_LEADER, {"date": "2026-04-02"}, "PANEL: LOCAL REVIEW 2026-04-02"),
    "PANEL: NATIONAL REVIEW": ((RR, SIN, SUB), COORDINATOR, {}, "PANEL: NATIONAL REVIEW"),
    "PANEL: NO FURTHER REVIEW": ((RR, SIN, SUB), COORDINATOR, {}, "PANEL: NO FURTHER REVIEW"),
    "REVIEWER": ((RR, SIN, SUB, LOCAL), CHAIR, {"reviewer": "Dr Jo Review", "organisation": "Independent"},
                 "REVIEWER: Dr Jo Review, Independent"),
    "NOTICES SENT": ((RR, SIN, SUB, LOCAL, ("REVIEWER: Dr Jo Review, Independent", COORDINATOR)), SERVICE_LEADER,
                     {"date": "2026-04-02"}, "NOTICES SENT: 2026-04-02"),
    "REPORT TO PANEL": ((RR, SIN, SUB, LOCAL), COORDINATOR, {"date": "2026-04-02"}, "REPORT TO PANEL: 2026-04-02"),
    "PUBLISHED": ((RR, SIN, SUB, ("PANEL: NATIONAL REVIEW", COORDINATOR)), COORDINATOR,
                  {"date": "2026-04-02", "url": "https://nsscp.example.gov.uk/cspr/1"},
                  "PUBLISHED: 2026-04-02 https://nsscp.example.gov.uk/cspr/1"),
    "ACTION": ((RR,), COORDINATOR, {"owner": "Education", "date": "2026-06-30", "what": "refresh training"},
               "ACTION: Education; 2026-06-30; refresh training"),
    "ACTION DONE": ((RR, ("ACTION: Education; 2026-06-30; refresh training", COORDINATOR)), COORDINATOR,
                    {"number": "1", "evidence": "training log"}, "ACTION DONE: 1 training log"),
    "CORRECT": ((), COORDINATOR, {"field": "child.date_of_birth", "value": "2019-03-15"},
                "CORRECT child.date_of_birth: 2019-03-15"),
    "LINK": ((), COORDINATOR, {"ref": OTHER_REF}, f"LINK {OTHER_REF}"),
    "EXTEND": ((), COORDINATOR, {"clock": "screening", "date": "2026-04-20", "reason": "awaiting police"},
               "EXTEND screening: 2026-04-20 awaiting police"),
    "CLOSE": ((), COORDINATOR, {"reason": "referred in error"}, "CLOSE: referred in error"),
    "REOPEN": ((("CLOSE: referred in error", COORDINATOR),), COORDINATOR, {"reason": "it was a referral"},
               "REOPEN: it was a referral"),
}


def test_every_transition_has_a_plan() -> None:
    assert set(PLANS) == {t.name for t in process.TRANSITIONS}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded store (the demo referral, and the unreadable mail opened as a second, provisional case),
    copied for each test: seeding is the slow part."""
    root = tmp_path_factory.mktemp("seeded")
    seed(root)
    core = make_core(root)
    try:
        quarantined = 3
        assert open_as_referral(core.sessions, core.runtime(), quarantined, COORDINATOR).ref == OTHER_REF
        core.deliver()
    finally:
        core.close()
    return root


@pytest.fixture()
def pair(seeded: Path, tmp_path: Path) -> Iterator[tuple[Env, Path]]:
    web, mail = tmp_path / "web", tmp_path / "mail"
    shutil.copytree(seeded, web)
    shutil.copytree(seeded, mail)
    env = Env(web, make_core(web))
    yield env, mail
    env.core.close()


def _record(env: Env) -> tuple[list[tuple[str, Any]], list[tuple[str, str, str]]]:
    """Audit events from the last command on (transport detail aside), and every mail but sign-in links."""
    with env.core.sessions() as s:
        start = max(e.id for e in s.scalars(select(Event).where(Event.kind == "mail_received")))
        transport = ("message", "mailbox", "sha256", "idem_key", "claimed_date", "received_at")
        # personal values sit apart under a random salt (bot/store/personal.py): compared as the values held
        transport += ("digest",)
        evs = [(e.kind, {k: (held(s, [v]).get(v) if k == "personal" else v)
                         for k, v in e.detail.items() if k not in transport})
               for e in s.scalars(select(Event).where(Event.id >= start, Event.kind != "case_viewed",
                                                      Event.kind.notlike("web_%"), Event.kind != "mail_sent")
                                  .order_by(Event.id))]
    mails = [(str(m["X-CSPRBOT-Kind"]), str(m["To"]), m.get_body(("plain",)).get_content())  # type: ignore[union-attr]
             for m in outbox_mails(env.root) if m["X-CSPRBOT-Kind"] != "signin"]
    return evs, mails


@pytest.mark.parametrize("name", list(PLANS))
def test_each_commands_form_does_what_the_same_emailed_command_does(pair: tuple[Env, Path], name: str) -> None:
    from email.message import EmailMessage

    from bot.mail.maildir import deliver

    env, mail_root = pair
    before, who, fields, typed = PLANS[name]
    ref = OTHER_REF if name in ("CONFIRM", "NOT A REFERRAL") else REF
    twin = Env(mail_root, make_core(mail_root))
    try:
        for e in (env, twin):
            for text, sender in before:
                assert act(e.core.sessions, e.core.runtime(), ref, text, sender, channel="cli").detail.startswith(
                    "accepted"), text
        # by web: the form is on the page for this person in this state, and is sent as it stands
        form = forms.BY_KEY[forms.key_of(next(t for t in process.TRANSITIONS if t.name == name))]
        client = client_for(env)
        sign_in(env, client, who)
        page = client.get(f"/cases/{ref}").get_data(as_text=True)
        assert f'data-command="{name}"' in page
        for f in form.fields:
            assert f'name="{form.key}-{f.name}"' in page, f.name
        assert forms.command_text(form.key, {k: v for k, v in fields.items() if isinstance(v, str)},
                                  {k: v for k, v in fields.items() if isinstance(v, list)}) == typed
        data = {"csrf_token": csrf(page), "form": form.key, **{f"{form.key}-{k}": v for k, v in fields.items()}}
        r = client.post(f"/cases/{ref}/act", data=data)
        assert r.status_code == 303
        shown = client.get(f"/cases/{ref}").get_data(as_text=True)
        assert "Success" in shown, re.findall(r'csprbot-flash[^>]*>([^<]*)', shown)
        env.core.run_once()  # what the running bot does next: deliver, and sweep the clocks (as on the twin)
        # by email, on the twin store
        msg = EmailMessage()
        msg["From"], msg["To"] = who, "csprbot@nsscp.example.gov.uk"
        msg["Subject"], msg["Message-ID"] = f"RE: [{ref}] csprbot", "<reply-web2@nsscp.example.gov.uk>"
        msg["Date"] = "Thu, 02 Apr 2026 10:29:00 +0100"
        msg.set_content(typed + "\n")
        deliver(mail_root / "mail/inbox", msg.as_bytes())
        twin.core.run_once()
        web_events, web_mails = _record(env)
        mail_events, mail_mails = _record(twin)
        assert web_events == mail_events
        assert next(e for e in web_events if e[0] == "command_accepted")[1]["by"] == who
        assert web_mails == mail_mails and any(k == "confirm" and to == who for k, to, _ in mail_mails[-5:])
    finally:
        twin.core.close()


def test_each_role_is_offered_only_what_it_may_send_now(env: Env) -> None:
    offered: dict[str, list[str]] = {}
    for who in (COORDINATOR, SERVICE_LEADER, CHAIR, EXECUTIVE, AD):
        client = client_for(env)
        sign_in(env, client, who)
        page = client.get(f"/cases/{REF}").get_data(as_text=True)
        offered[who] = re.findall(r'data-command="([^"]+)"', page)
        assert 'id="other-text"' in page  # the typed command is there for anyone
    assert offered[EXECUTIVE] == offered[AD] == ["DISAGREE"]
    assert offered[SERVICE_LEADER] == ["DISAGREE", "NOTIFIED", "AWARE", "LOOKED AFTER"]  # no Ofsted clock yet
    assert offered[CHAIR] == ["DECISION: RAPID REVIEW", "DECISION: NO RAPID REVIEW", "DISAGREE"]
    assert "NOTIFIED" not in offered[COORDINATOR] and "CLOSE" in offered[COORDINATOR]
    assert "SUBMITTED" not in offered[COORDINATOR]  # only in rapid review, once notified


@pytest.mark.parametrize(("form", "fields", "who"), [
    ("notified", {"notified-date": "2026-04-01"}, CHAIR),
    ("close", {"close-reason": "not ours"}, EXECUTIVE),
    ("ad_decision_refer", {}, COORDINATOR),
])
def test_a_form_posted_by_a_role_that_may_not_send_it_is_refused_as_by_email(env: Env, form: str,
                                                                           fields: dict[str, str], who: str) -> None:
    client = client_for(env)
    sign_in(env, client, who)
    page = client.get(f"/cases/{REF}").get_data(as_text=True)
    assert f'id="{form}"' not in page  # not offered...
    r = client.post(f"/cases/{REF}/act", data={"csrf_token": csrf(page), "form": form, **fields})
    assert r.status_code == 303  # ...and refused when sent all the same
    shown = client.get(f"/cases/{REF}").get_data(as_text=True)
    assert "Not actioned" in shown and "does not hold that role" in shown
    with env.core.sessions() as s:
        refused = s.scalars(select(Event).where(Event.kind == "command_refused")).one()
        assert refused.actor is None or refused.actor == who
        assert refused.detail["by"] == who
        assert s.scalar(select(Case.stage).where(Case.ref == REF)) == "screening"
        assert not s.scalars(select(Event).where(Event.kind == "command_accepted")).all()
    env.core.deliver()
    assert [m for m in outbox_mails(env.root) if m["X-CSPRBOT-Kind"] == "refusal" and str(m["To"]) == who]


# --- fields to check -----------------------------------------------------------------------------------

def test_fields_to_check_each_have_a_correct_form_and_go_once_corrected(env: Env) -> None:
    assert open_as_referral(env.core.sessions, env.core.runtime(), 3, COORDINATOR).ref == OTHER_REF
    client = client_for(env)
    sign_in(env, client, COORDINATOR)
    page = client.get(f"/cases/{OTHER_REF}").get_data(as_text=True)
    listed = re.findall(r'<tr class="govuk-table__row" data-field="([^"]+)"', page)
    assert {"child.name", "child.date_of_birth", "child.incident_date", "referrer.name",
            "referrer.email"} <= set(listed)
    for field in listed:
        prefilled = re.search(rf'name="correct-field" value="{re.escape(field)}"', page)
        assert bool(prefilled) is (field in CORRECTABLE), field
    r = client.post(f"/cases/{OTHER_REF}/act", data={"csrf_token": csrf(page), "form": "correct",
                                                     "correct-field": "child.date_of_birth",
                                                     "correct-value": "2018-05-06"})
    assert r.status_code == 303
    after = client.get(f"/cases/{OTHER_REF}").get_data(as_text=True)
    assert "Success" in after
    assert "child.date_of_birth" not in re.findall(r'data-field="([^"]+)"', after)
    with env.core.sessions() as s:
        fixed = s.scalars(select(Event).where(Event.kind == "field_corrected")).one()
        ref = fixed.detail["personal"]
        assert fixed.detail["field"] == "child.date_of_birth" and held(s, [ref])[ref]["new"] == "2018-05-06"
        assert fixed.actor == COORDINATOR
    # another role sees what is to be checked, but no form to correct it
    other = client_for(env)
    sign_in(env, other, EXECUTIVE)
    page = other.get(f"/cases/{OTHER_REF}").get_data(as_text=True)
    assert "child.name" in page and 'name="correct-field"' not in page and CHILD not in page


@given(st.sets(st.sampled_from(sorted(CORRECTABLE | {"criteria.abuse_or_neglect", "family"}))),
       st.sets(st.sampled_from(sorted(CORRECTABLE))), st.booleans())
def test_fields_to_check_lists_each_field_once_and_only_correctable_ones_get_a_form(
        missing: set[str], warned: set[str], open_case: bool) -> None:
    parsed = {"missing": [f"referral.{m}" for m in sorted(missing)],
              "warnings": [f"{w}: 'x' is not a date" for w in sorted(warned)]}
    got = fields_to_check(parsed, None, open_case)
    names = [g["field"] for g in got]
    assert len(names) == len(set(names)) and set(names) == missing | warned
    for g in got:
        assert g["correctable"] is (open_case and g["field"] in CORRECTABLE)
        assert g["why"] == ("not read from the form" if g["field"] in missing else "the form's answer needs checking")


# --- the text a form sends -----------------------------------------------------------------------------

# letters, digits and what separates a command's arguments or lines: colons, semicolons, commas, breaks, quotes
_TEXT = st.text(st.sampled_from(list("aZé19 -:;,.#>'\"\n\r\t/@")), min_size=1, max_size=40)


@st.composite
def filled(draw: st.DrawFn) -> tuple[forms.Form, dict[str, str], dict[str, list[str]]]:
    form = draw(st.sampled_from(forms.FORMS))
    values: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for f in form.fields:
        if f.kind == "agencies":
            multi[f.name] = draw(st.lists(st.sampled_from(["Education", "Avon and Somerset Police", "Health"]),
                                          max_size=3, unique=True))
        elif f.kind == "choice":
            values[f.name] = draw(st.sampled_from(f.choices))
        elif f.kind == "date":
            values[f.name] = draw(st.dates()).isoformat() if f.required or draw(st.booleans()) else ""
        elif f.kind == "correctable":
            values[f.name] = draw(st.sampled_from(forms.correctable()))
        elif f.kind == "clock":
            values[f.name] = draw(st.sampled_from(["screening", "agency_return Education", "lcspr"]))
        elif f.kind == "action":
            values[f.name] = str(draw(st.integers(1, 40)))
        else:  # free text, with the separators and line breaks a person might type or paste
            values[f.name] = draw(_TEXT.filter(lambda t: t.strip())) if f.required or draw(st.booleans()) else ""
    return form, values, multi


@given(filled())
def test_a_forms_text_reads_back_as_its_own_command_and_nothing_else(case: tuple[forms.Form, dict[str, str],
                                                                                 dict[str, list[str]]]) -> None:
    from parsers.reply import parse_command

    form, values, multi = case
    try:
        text = forms.command_text(form.key, values, multi)
    except forms.BadForm as exc:  # only a required field left empty once its separators are taken out
        field = exc.field.split("-", 1)[1]
        assert not forms._strip(forms.one_line(values.get(field)), next(f.strip for f in form.fields
                                                                        if f.name == field))
        return
    lines = text.split("\n")
    assert len(lines) <= 2 and all(line == forms.one_line(line) for line in lines)
    assert len(lines) == 1 or lines[1].startswith("AGENCIES: ")
    warnings: list[str] = []
    cmd = parse_command(text, warnings)
    assert cmd is not None and cmd.verb == form.verb, text
    if form.t.variant:
        assert (cmd.args.get("decision") or cmd.args.get("view")) == form.t.variant, text
    if form.verb == "CORRECT":
        assert cmd.args["field"] == values["field"]
    if form.verb == "EXTEND":
        assert cmd.args["clock"] == values["clock"]
    if form.verb == "WAIVE":
        assert cmd.args["agency"] == forms._strip(forms.one_line(values["agency"]), ":")
    if form.verb == "ACTION":
        assert cmd.args["reason"].split(";")[0].strip() == forms._strip(forms.one_line(values["owner"]), ";")
    if form.verb == "DECISION" and multi.get("agency"):
        assert cmd.args["agencies"] == ", ".join(multi["agency"])


@pytest.mark.parametrize("key", [f.key for f in forms.FORMS if any(x.required for x in f.fields)])
def test_a_form_with_a_required_field_left_empty_is_sent_back_not_sent(env: Env, key: str) -> None:
    client = client_for(env)
    sign_in(env, client, COORDINATOR)
    page = client.get(f"/cases/{REF}").get_data(as_text=True)
    r = client.post(f"/cases/{REF}/act", data={"csrf_token": csrf(page), "form": key})
    assert r.status_code == 303 and r.headers["Location"].endswith(f"#{key}")
    with env.core.sessions() as s:
        assert not s.scalars(select(Event).where(Event.kind.in_(("command_accepted", "command_refused")))).all()
