"""The web view's command forms: one per transition of the process model, turned into the emailed text.

The forms are the model's transitions (bot.domain.process.TRANSITIONS); what each asks for is FIELDS, the
arguments of the command's line as README's table writes them, and `LINES` how they are typed. The text
then goes through `bot.intake.act`, the path an emailed command takes, so the web adds no rule of its own.
Form values are folded onto one line each, and the characters that separate a command's arguments are
taken out of the ones before them, so a field cannot smuggle in a second command or shift an argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.domain import process
from bot.domain.commands import CORRECTABLE
from bot.domain.snapshot import CaseSnapshot


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, date, agencies, choice, clock, return, action, correctable
    label: str
    hint: str = ""
    required: bool = True
    choices: tuple[str, ...] = ()
    strip: str = ""  # characters that would end this argument early (replaced by a space)


@dataclass(frozen=True)
class Form:
    key: str
    t: process.Transition
    fields: tuple[Field, ...]
    lines: tuple[str, ...]  # how the command is typed: {field} placeholders

    @property
    def title(self) -> str:
        return self.t.name

    @property
    def verb(self) -> str:
        return self.t.verb

    @property
    def roles(self) -> tuple[str, ...]:
        return self.t.roles


DECIDED_ON = Field("date", "date", "Date of the decision", "Leave empty for today. As YYYY-MM-DD", required=False)
ON = Field("date", "date", "Date", "As YYYY-MM-DD, for example 2026-04-07")
REASON = Field("reason", "text", "Reason")

# What each command asks for, and how its line is typed; by transition name, else by verb.
FIELDS: dict[str, tuple[tuple[Field, ...], tuple[str, ...]]] = {
    "CONFIRM": ((), ("CONFIRM",)),
    "NOT A REFERRAL": ((REASON,), ("NOT A REFERRAL: {reason}",)),
    "DECISION: RAPID REVIEW": (
        (DECIDED_ON, Field("agency", "agencies", "Agencies to ask for a return", "None ticked: every agency",
                           required=False, strip=",;")),
        ("DECISION: RAPID REVIEW {date}", "AGENCIES: {agency}")),
    "DECISION: NO RAPID REVIEW": ((DECIDED_ON, Field("reason", "text", "Reason there is no rapid review")),
                                  ("DECISION: NO RAPID REVIEW {date} {reason}",)),
    "DISAGREE": ((Field("reason", "text", "Reason for disagreeing"),), ("DISAGREE: {reason}",)),
    "AD DECISION": ((DECIDED_ON,), ("{name} {date}",)),
    "NOTIFIED": ((Field("date", "date", "Date the Serious Incident Notification was made",
                        "As YYYY-MM-DD, for example 2026-04-07"),), ("NOTIFIED: {date}",)),
    "AWARE": ((Field("date", "date", "Date the local authority became aware", "As YYYY-MM-DD"),),
              ("AWARE: {date}",)),
    "LOOKED AFTER": ((Field("answer", "choice", "Was the child looked after?", choices=("YES", "NO")),),
                     ("LOOKED AFTER: {answer}",)),
    "OFSTED NOTIFIED": ((Field("date", "date", "Date the Secretary of State and Ofsted were told",
                               "As YYYY-MM-DD"),), ("OFSTED NOTIFIED: {date}",)),
    "WAIVE": ((Field("agency", "return", "Agency whose return is waived", strip=":"), REASON),
              ("WAIVE {agency}: {reason}",)),
    "SUBMITTED": ((Field("date", "date", "Date the rapid review went to the Panel", "As YYYY-MM-DD"),),
                  ("SUBMITTED: {date}",)),
    "PANEL": ((DECIDED_ON,), ("{name} {date}",)),
    "REVIEWER": ((Field("reviewer", "text", "Reviewer's name", strip=","),
                  Field("organisation", "text", "Reviewer's organisation")),
                 ("REVIEWER: {reviewer}, {organisation}",)),
    "NOTICES SENT": ((Field("date", "date", "Date the Panel, Ofsted and DfE were told", "As YYYY-MM-DD"),),
                     ("NOTICES SENT: {date}",)),
    "REPORT TO PANEL": ((Field("date", "date", "Date the report went to the Panel", "As YYYY-MM-DD"),),
                        ("REPORT TO PANEL: {date}",)),
    "PUBLISHED": ((Field("date", "date", "Date published", "As YYYY-MM-DD"),
                   Field("url", "text", "Web address of the report", "Optional", required=False)),
                  ("PUBLISHED: {date} {url}",)),
    "ACTION": ((Field("owner", "text", "Owner", "A role, an agency or a secure address", strip=";"),
                Field("date", "date", "Due date", "As YYYY-MM-DD", strip=";"),
                Field("what", "text", "What is to be done")),
               ("ACTION: {owner}; {date}; {what}",)),
    "ACTION DONE": ((Field("number", "action", "Learning action"),
                     Field("evidence", "text", "Evidence", "Optional", required=False)),
                    ("ACTION DONE: {number} {evidence}",)),
    "CORRECT": ((Field("field", "correctable", "Field", strip=":"), Field("value", "text", "Correct value",
                                                                          "Dates as YYYY-MM-DD")),
                ("CORRECT {field}: {value}",)),
    "LINK": ((Field("ref", "text", "Reference of the other case", "For example NS-CSPR-2026-002"),),
             ("LINK {ref}",)),
    "EXTEND": ((Field("clock", "clock", "Clock", strip=":"), Field("date", "date", "New due date", "As YYYY-MM-DD"),
                REASON), ("EXTEND {clock}: {date} {reason}",)),
    "CLOSE": ((Field("reason", "text", "Reason for closing the case"),), ("CLOSE: {reason}",)),
    "REOPEN": ((Field("reason", "text", "Reason for reopening"),), ("REOPEN: {reason}",)),
}
OTHER = "other"


def key_of(t: process.Transition) -> str:
    """A form's key: the transition's name in lower case, words joined by underscores (never a hyphen,
    which separates a form's key from its field names)."""
    return re.sub(r"[^a-z]+", "_", t.name.lower()).strip("_")


def _form(t: process.Transition) -> Form:
    fields, lines = FIELDS.get(t.name) or FIELDS[t.verb]
    return Form(key_of(t), t, fields, lines)


FORMS: tuple[Form, ...] = tuple(_form(t) for t in process.TRANSITIONS)
BY_KEY = {f.key: f for f in FORMS}


class BadForm(ValueError):
    """A field is missing or wrong; `field` names it for the error summary."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def who_may(form: Form) -> str:
    if "referrer" in form.roles:
        return "any role or the referrer"
    return ", ".join(r.replace("_", " ") for r in form.roles)


def offered(snapshot: CaseSnapshot, roles: set[str], today: date) -> list[Form]:
    """The forms this person may send for this case now: a role the transition names, and the model
    permits it in the case's state (so every form shown is a command csprbot would accept from them)."""
    return [f for f in FORMS if set(f.roles) & roles and process.permitted(f.t, snapshot, today) is None]


def command_text(key: str, fields: dict[str, str], multi: dict[str, list[str]] | None = None) -> str:
    """The command as it would be typed in a reply; BadForm when a required field is empty.

    `multi`: the values of a field with several (the agencies ticked).
    """
    if key == OTHER:
        lines = [one_line(x) for x in (fields.get("text") or "").splitlines() if one_line(x)]
        if not lines:
            raise BadForm("other-text", "Enter the command, for example CLOSE: referred in error")
        return "\n".join(lines[:20])[:4000]
    form = BY_KEY.get(key)
    if form is None:
        raise BadForm("form", "unknown command form")
    values: dict[str, str] = {"name": form.t.name}
    for f in form.fields:
        if f.kind == "agencies":
            picked = [one_line(v) for v in (multi or {}).get(f.name, []) if one_line(v)]
            raw = ", ".join(_strip(v, f.strip) for v in picked)
        else:
            raw = _strip(one_line(fields.get(f.name)), f.strip)
        if f.required and not raw:
            raise BadForm(f"{key}-{f.name}", f"Select {f.label.lower()}" if f.kind in ("choice", "clock", "return",
                                                                                     "action", "correctable")
                          else f"Enter {f.label[0].lower() + f.label[1:]}")
        if f.kind == "choice" and raw and raw.upper() not in f.choices:
            raise BadForm(f"{key}-{f.name}", f"Select {f.label.lower()}")
        values[f.name] = raw
    out = []
    for i, line in enumerate(form.lines):
        names = re.findall(r"\{(\w+)\}", line)
        if i and not any(values.get(n) for n in names if n != "name"):
            continue  # an optional line (AGENCIES:) with nothing to say
        out.append(one_line(line.format(**{n: values.get(n, "") for n in names})))
    return "\n".join(out)


def _strip(value: str, chars: str) -> str:
    for ch in chars:
        value = value.replace(ch, " ")
    return one_line(value)


def correctable() -> list[str]:
    return sorted(CORRECTABLE)
