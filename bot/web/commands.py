"""The web view's command forms: one per command of the README's table, turned into the emailed text.

The text then goes through `bot.intake.act`, the path an emailed command takes, so the web adds no rule
of its own. Form values are folded onto one line each, so a field cannot smuggle in a second command.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.commands import WHO_MAY


@dataclass(frozen=True)
class Form:
    key: str
    verb: str
    title: str
    effect: str


FORMS = (
    Form("decision_rr", "DECISION", "Decision: rapid review",
         "Stops screening; requests go to the agencies chosen (all, if none is ticked)."),
    Form("decision_no", "DECISION", "Decision: no rapid review", "Stops screening; the AD is told; case closed."),
    Form("notified", "NOTIFIED", "Serious Incident Notification made",
         "Stops the notification clock; starts the 15 working-day rapid review clock."),
    Form("submitted", "SUBMITTED", "Rapid review submitted to the Panel",
         "Stops the rapid review clock; the Panel's response is awaited."),
    Form("panel", "PANEL", "The National Panel's view", "A local review starts the 6-month clock."),
    Form("extend", "EXTEND", "Extend a clock", "Moves a due date; the reason is kept."),
    Form("disagree", "DISAGREE", "Disagree", "Goes to the Assistant Director at once; starts the 2 WD clock."),
    Form("ad_decision", "AD DECISION", "Assistant Director's decision", "Settles a disagreement."),
    Form("close", "CLOSE", "Close the case", "Stops every clock."),
    Form("other", "", "Any other command, as typed in a reply",
         "For every command csprbot knows, including any without a form of its own here."),
)
BY_KEY = {f.key: f for f in FORMS}
PANEL = ("LOCAL REVIEW", "NATIONAL REVIEW", "NO FURTHER REVIEW")
AD = ("REFER", "DO NOT REFER")


class BadForm(ValueError):
    """A field is missing or wrong; `field` names it for the error summary."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def who_may(form: Form) -> str:
    if not form.verb:
        return "as the command says"
    roles = ", ".join(r.replace("_", " ") for r in WHO_MAY[form.verb])
    return "any role or the referrer" if form.verb == "DISAGREE" else roles


def command_text(key: str, fields: dict[str, str], agencies: list[str]) -> str:
    """The command as it would be typed in a reply; BadForm when a required field is empty."""
    form = BY_KEY.get(key)
    if form is None:
        raise BadForm("form", "unknown command form")

    def need(name: str, what: str) -> str:
        value = one_line(fields.get(name))
        if not value:
            raise BadForm(f"{key}-{name}", f"Enter {what}")
        return value

    if key == "other":
        lines = [one_line(x) for x in (fields.get("text") or "").splitlines() if one_line(x)]
        if not lines:
            raise BadForm("other-text", "Enter the command, for example CLOSE: referred in error")
        return "\n".join(lines[:20])[:4000]
    if key == "decision_rr":
        names = [one_line(a).replace(",", " ") for a in agencies if one_line(a)]
        return "DECISION: RAPID REVIEW" + (f"\nAGENCIES: {', '.join(names)}" if names else "")
    if key == "decision_no":
        return f"DECISION: NO RAPID REVIEW {need('reason', 'the reason there is no rapid review')}"
    if key in ("notified", "submitted"):
        return f"{form.verb}: {need('date', 'the date, for example 2026-04-07')}"
    if key == "panel":
        view = one_line(fields.get("view")).upper()
        if view not in PANEL:
            raise BadForm("panel-view", "Select the Panel's view")
        return f"PANEL: {view}"
    if key == "extend":
        clock = one_line(fields.get("clock"))
        if not clock:
            raise BadForm("extend-clock", "Select the clock to extend")
        return f"EXTEND {clock.replace(':', ' ')}: {need('date', 'the new due date')} {need('reason', 'the reason')}"
    if key == "disagree":
        return f"DISAGREE: {need('reason', 'the reason for disagreeing')}"
    if key == "ad_decision":
        decision = one_line(fields.get("decision")).upper()
        if decision not in AD:
            raise BadForm("ad_decision-decision", "Select refer or do not refer")
        return f"AD DECISION: {decision}"
    return f"CLOSE: {need('reason', 'the reason for closing the case')}"
