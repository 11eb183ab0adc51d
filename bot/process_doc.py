"""docs/PROCESS.md, generated from the process model: the diagram (Mermaid) and the tables.

`python -m bot.process_doc` rewrites the file; tests/unit/test_process.py fails when it is stale.
`render` builds the text; only `main` writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.domain import process
from bot.domain.labels import label
from bot.domain.referral import COMPLETION_RULE
from bot.settings import CLOCK_KEYS, _default_clocks

HEADER = """# The CSPR process, as csprbot runs it

Generated from `bot/domain/process.py` by `python -m bot.process_doc`; do not edit by hand (a test
fails when this file and the model disagree). Read it against the North Somerset protocol (Appendix 1
flowchart) and Working Together 2023, chapter 5.

A case is in one **stage** at a time. Each stage **owns** clocks; leaving a stage stops every clock the
next stage does not own, and a command's own event *meets* the clocks it answers. Beside the stages run
the **tracks**: the Serious Incident Notification to the National Panel (the local authority's duty,
5 WD from when it became aware), the Secretary of State and Ofsted notice of a looked-after child's death,
and learning actions. Track clocks run in every open stage and end with their own event or the closing.
Nothing runs, and nothing is sent, for a closed case (except answers to the commands it still accepts).

**Back from closed.** Every way back into an open stage (`DISAGREE` within the dispute window, `AD DECISION:
REFER`, `NOTIFIED` after a no-rapid-review decision, `REOPEN`) runs again each clock the closing stopped that
the new stage owns: above all the notification track, which must run in every open stage until `NOTIFIED`
(tested over random command sequences, `tests/unit/test_process_tracks.py`). Within the dispute window every
date stands (the window is short; the statutory dates are the Panel's). On `REOPEN`, a closing of any length,
a clock whose due date passed while the case was closed gets a **fair new due date**: its own allowance
counted from the reopening day (a learning action: its own span again). The old date stays in the audit log
(`clock_restarted`: `was_due`), the confirmation names each new date so the co-ordinator can `EXTEND` or act
at once on an overdue statutory duty, and every agency whose return is outstanding again is sent a fresh
request with its new date. Nobody is escalated for the weeks the case was closed.

**Returns that come early or while closed.** An agency's return is recorded (with the day it was received,
audit `return_received`) whatever the stage. One that came while the case was closed is credited on the way
back: that agency is not asked again, and its clock ends `met` on the day the return came. One that came before
the agency was asked (during screening, or while closed after screening) is credited when the rapid review asks
agencies: that agency is not asked, its clock starts already `met` (audit `request_not_repeated`), and the
confirmation says so (`tests/unit/test_process_tracks.py`, `tests/e2e/test_stranger4_lifecycle.py`).

**Linked cases' returns.** `LINK` makes one incident of sibling cases, and an agency is asked once for it: a
linked case deciding a rapid review does not ask an agency a sibling asked, and waits for that return too. The
return is clocked on one case at a time, for as long as any linked case in rapid review waits for it: when the
case that clocks it stops (`CLOSE`, `SUBMITTED`) without the return, a linked case still in rapid review takes
the clock over with the agency's original request date and due date (audit `return_clock_taken_over`; no second
request), so chasers and escalations go out under the live case's reference; a case linking to a closed sibling
that asked takes it over when it decides. Cases that each asked an agency before they were linked keep one clock
for its return: one the co-ordinator EXTENDed (a date agreed with the agency), else the one due first (the stricter
date; same date: the case opened first) carries it, the other is stopped with a reason naming that case (audit
`return_clock_shared`), so the agency is chased and escalated once per due point; if the carrying case stops
without the return, the other takes it over with the carrying clock's date. A return received under any linked case
(a closed one included) meets the others' clocks for that agency; a `WAIVE` under one holds for the incident;
`REOPEN` neither restarts nor asks again for a return another linked case clocks or has received
(`bot/domain/incident.py`, `tests/reliability/test_linked_returns.py`).

**Escalations.** A person gets one escalation mail per case per sweep, listing every overdue clock of that case
escalated to them; each breach (a clock and its due date) is mailed at most `process.escalation_mails` times
(default 3, counting mails actually sent), then the co-ordinator's daily digest carries it until it is
recorded (`bot/domain/escalations.py`).
"""


def _node(stage: str) -> str:
    return stage


def diagram() -> str:
    lines = ["```mermaid", "stateDiagram-v2", "    direction LR"]
    for s in process.STAGES.values():
        lines.append(f"    {_node(s.key)} : {s.label}")
    lines.append("    [*] --> provisional : referral, form not read")
    lines.append("    [*] --> screening : referral received")
    seen: set[tuple[str, str, str]] = set()
    for t in process.TRANSITIONS:
        targets = [t.target] if t.target else []
        for src in t.source:
            also = [a for a in t.also if t.verb != "REOPEN" and (not t.also_from or src in t.also_from)]
            for dst in [*targets, *also]:
                if dst == src or (src, dst, t.name) in seen:
                    continue
                if t.verb == "NOTIFIED" and src != "closed":
                    continue  # a track event: it changes no stage except from a no-rapid-review closing
                seen.add((src, dst, t.name))
                lines.append(f"    {_node(src)} --> {_node(dst)} : {t.name}")
    lines.append("    closed --> screening : REOPEN (back to the stage it was closed from)")
    lines.append("    state tracks {")
    lines.append("        notification : SIN to the National Panel (NOTIFIED, AWARE)")
    lines.append("        ofsted_notification : SoS + Ofsted, looked-after child (LOOKED AFTER, OFSTED NOTIFIED)")
    lines.append("        learning_action : learning actions (ACTION, ACTION DONE)")
    lines.append("    }")
    lines.append("```")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or "—"


def stage_table() -> str:
    rows = ["| Stage | What it means | Clocks it owns (besides the tracks) |", "| --- | --- | --- |"]
    for s in process.STAGES.values():
        owns = ", ".join(f"`{k}`" for k in s.owns) or "—"
        rows.append(f"| `{s.key}` ({s.label}) | {_cell(s.meaning)} | {owns} |")
    return "\n".join(rows)


def command_table() -> str:
    rows = ["| Command | Accepted in | Who may | Guard | Goes to | Starts | Meets | Note |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for t in process.TRANSITIONS:
        src = ", ".join(t.source) if set(t.source) != set(process.OPEN_STAGES) else "any open stage"
        if set(t.source) == {*process.OPEN_STAGES, "closed"}:
            src = "any stage"
        target = t.target or "(stays)"
        if t.verb == "REOPEN":
            target = "the stage it was closed from"
        elif t.also:
            target += " or " + ", ".join(t.also) + (f" (from {', '.join(t.also_from)})" if t.also_from else "")
        typed = t.example.replace("{today}", "YYYY-MM-DD").replace("{later}", "YYYY-MM-DD").replace("{n}", "N")
        rows.append(
            f"| `{typed}` | {src} | "
            f"{', '.join(r.replace('_', ' ') for r in t.roles)} | {_cell(t.guard_text)} | {target} | "
            f"{', '.join(f'`{k}`' for k in t.starts) or '—'} | {', '.join(f'`{k}`' for k in t.meets) or '—'} | "
            f"{_cell(t.note)} |")
    return "\n".join(rows)


def clock_table() -> str:
    rules = _default_clocks()
    rows = ["| Clock | What | Default length | Local closures count | Owned by | Started by | Met by |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for key in CLOCK_KEYS:
        r = rules[key]
        owners = ("every open stage (track)" if key in process.TRACK_CLOCKS else
                  ", ".join(s.key for s in process.STAGES.values() if key in s.owns) or
                  ("judged on arrival" if key == "referral" else "—"))
        started = ", ".join(t.name for t in process.TRANSITIONS if key in t.starts) or \
            ("the referral" if key in ("referral", "screening", "notification") else "—")
        met = ", ".join(t.name for t in process.TRANSITIONS if key in t.meets) or \
            ("the agency's return (or WAIVE)" if key == "agency_return" else "—")
        if key == "rr_start":
            met += " (requests sent)"
        unit = {"working_days": "WD", "calendar_days": "days", "months": "months"}[r.unit]
        length = f"{r.length} {unit}" if key != "learning_action" else "the action's date"
        rows.append(f"| `{key}` | {label(key)} | {length} from `{r.anchor}` | "
                    f"{'yes' if r.local_closures else 'no (statutory)'} | {owners} | {started} | {met} |")
    return "\n".join(rows)


def render() -> str:
    return "\n\n".join([
        HEADER.rstrip(), "## Diagram", diagram(), "## Stages", stage_table(), "## Commands (transitions)",
        command_table(), "## Clocks", clock_table(),
        "Every stage change and every clock stop is written to the audit log with its reason "
        "(`stage_changed`, `clock_stopped`, `clock_restarted`, `clock_reanchored`).",
        "## Which calendar a clock counts on", CALENDARS.strip(),
        "## What a mail invites", INVITES.strip(),
        "## The form a provisional referral awaited", COMPLETION_RULE,
    ]) + "\n"


CALENDARS = """
A **statutory** clock (`local_closures = false`: by default the notification to the National Panel, the
rapid-review submission and the Secretary of State / Ofsted notice) counts England-and-Wales working days:
Monday to Friday less bank holidays of the configured region. The council's own closure days (the profile's
`closure_days`) do not move it, neither its due date nor its **start**: a referral that reaches the partnership
on a closure day makes the local authority aware that day, and one that arrives after the cut-off (17:00)
counts from the next England-and-Wales working day, closure or not. The day the local authority became aware
(the `aware` fact, which LOOKED AFTER: YES also starts from) is counted the same way. Every other clock is the
partnership's own (screening, agency returns, the local review's notices...): it counts the closure days too,
from its start to its due date. Chasers and escalations go out only on the partnership's working days, for
every clock. Tests: `tests/unit/test_statutory_anchors.py` (against a hand-typed bank-holiday list).
A clock's reminders are planned on its own calendar too (`clocks.slots`): a statutory clock's chaser (2 WD
before, 1 WD before, the due day) that falls on a closure day is sent on the last working day before the
closure, not dropped (several on one day make one mail); its escalations are planned on the statutory calendar
and one planned in the closure goes out on the first working morning after it; each repeat comes `repeat_every`
WD (its own calendar) after the escalation actually sent, so the cadence goes on from a catch-up
(`tests/unit/test_escalation_cadence.py`); the "N working days overdue" of an escalation and of the digest counts
the clock's own working days (`tests/unit/test_clocks.py`, `tests/e2e/test_clock_verdicts.py`).

**When a clock starts.** Every clock a mail starts counts from its day 0 by one rule (`clocks.anchor_day`): the
day the mail reached the mailbox, or the next working day (of that clock's calendar) when it came after the
cut-off (strictly: mail at 17:00:00 counts that day) or on a day that is not one (a clock counted in calendar
days or months, such as the local review's 6 months, from the day itself). A referral's clocks, and those a
command starts (DISAGREE, an undated DECISION or PANEL: LOCAL REVIEW, AD DECISION: REFER, REVIEWER, REOPEN's
fair new dates), count from the command's receipt this way, however late csprbot processes it. An agency's
return clock starts when csprbot sends the request: when the command is processed (after an outage, days after
the decision arrived), and the request's `Date:` is that time. A date the command states (`NOTIFIED: 2026-11-20`)
is kept as is (`tests/unit/test_command_anchors.py`, `tests/reliability/test_adversarial_round7_clocks.py`,
`tests/unit/test_cutoff_round18.py`).

A date a command records (`NOTIFIED: 2026-04-08`, `DECISION: NO RAPID REVIEW 2026-04-07 ...`) must be a real
day, not in the future, not before the incident, and not before the event that started the clock the command
answers (the AD's decision before the disagreement was raised, SUBMITTED before the notification, the Panel's
view before the rapid review reached it); otherwise the command is refused with that reason. A date `CORRECT`
sets (`child.incident_date`, `child.date_of_birth`) must fit the facts the case has recorded: not after the
day the command is received, a birth on or before the incident, an incident no later than the referral's
arrival, the Panel notification, the screening decision or the awareness an `AWARE` recorded; otherwise it is
refused, nothing changes, and the refusal is audited (`tests/unit/test_correct_dates.py`).

**A command received before a later change.** A command mail is asked of the case as it was when the mailbox
received it, so it is not applied when a change received after it has already been applied (csprbot was down, or the
mail sat in the mailbox while someone typed `csprbot act`): any change of stage, against a command that would itself
move the case now (a REOPEN received while the case was open, processed after a later CLOSE; a NOTIFIED received
before a no-rapid-review decision, which would now take the closed case into rapid review; a NOTIFIED that now only
meets its clock is still true and is applied), and for a command that sets one thing (CORRECT of a field, EXTEND of
a clock, AWARE, LOOKED AFTER, REVIEWER) a later one setting the same. If the case as it is now would take it, its
sender and the co-ordinator are told what changed and when (no child named) and to send it again if it still stands
(audited `command_overtaken`); if not, it gets the refusal it would get anyway. The same command made later (a CLOSE
mailed, then typed) is only audited (its sender told if someone else made it). Chasers, escalations, digests and
returns are not such changes; mail handled in the order it was received is never refused this way. A command typed
with `csprbot act` or in the web view is received when it is typed; `act --now` before the day of the case's latest
recorded event is refused (`bot/domain/overtaken.py`, `tests/e2e/test_overtaken_commands.py`).
"""

INVITES = """
A mail that asks its reader to reply with a command lists, **for each reader**, only the commands the model
accepts from that reader now: the transitions permitted in the case's current stage (`process.invitations`)
that one of the roles the reader holds on this case may send (`routing.roles_held`: its partnership roles,
`referrer` for the referrer, `action_owner` for the owner of an open learning action). A chaser or escalation
that goes to several people (an action's owner and the co-ordinator; the AD and the executive) is rendered
once per distinct list; a reader who may send none of them is told what is needed, in words, with no command.
A learning action's owner (an agency's lead, a role or a named secure address) may reply `ACTION DONE: N` for
their own action; who recorded it is kept with the action and in the audit log (`action_done`).
"""


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "docs" / "PROCESS.md"
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
