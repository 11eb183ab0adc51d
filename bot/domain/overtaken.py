"""A command received before a change its case has already had: not applied, and said (issue 10, late round).

Every change a command makes is recorded at that command's receipt (by mail: when the partnership's mailbox took
it in; at the terminal or in the web view: when it was typed). A command processed after a change that was
received later than it was asked in view of a case that no longer is (a REOPEN received while the case was open,
processed after a later CLOSE, reopened the closed case). Which later changes count:

- a change of stage (any command that moved the case: CLOSE, REOPEN, a decision, DISAGREE, CONFIRM...), against
  every command that would itself move the case now: what the sender asked for was asked of the earlier stage (one
  that only records a fact, such as a NOTIFIED meeting its clock, is still true and is applied);
- a later command setting the same thing (the same field's CORRECT, the same clock's EXTEND, AWARE, LOOKED AFTER,
  REVIEWER), against that command: applied after it, the older value would overwrite the newer.

Chasers, escalations, digests, clock reminders and returns are not changes a command is asked in view of. A command
that agrees with the last such change (the same command, the same value) is not news to anyone: audited, and only
its sender told if someone else made the change. Pure: the caller reads the changes from the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.process import STAGES

# The decision a DECISION / PANEL / AD DECISION names, as the parser keeps it (commands._VARIANTS).
_VARIANT_ARG = {"DECISION": "decision", "PANEL": "view", "AD DECISION": "decision"}
# Commands that set one thing, last one wins: (verb, the argument naming what is set, or "").
_SETTERS = {"CORRECT": "field", "EXTEND": "clock", "AWARE": "", "LOOKED AFTER": "", "REVIEWER": ""}
# Free text a stage change keeps but that does not change what it does (two CLOSEs close the case).
_WORDS = ("reason", "date_raw", "summary")


@dataclass(frozen=True)
class Change:
    """A command already applied to the case, received at `at` (naive UTC, as the audit log keeps it)."""

    at: datetime
    verb: str  # as the audit log keeps it ("DECISION", "CLOSE"); "" if the log names none
    args: Mapping[str, str] = field(default_factory=dict)
    stage_to: str | None = None  # the stage it moved the case to, if it did
    by: str | None = None


def _norm(text: object) -> str:
    return " ".join(str(text).casefold().split())


def name(verb: str, args: Mapping[str, str]) -> str:
    """The transition's name: "DECISION: RAPID REVIEW", "CLOSE"."""
    verb = " ".join(verb.upper().split())
    variant = " ".join(str(args.get(_VARIANT_ARG.get(verb, ""), "") or "").upper().split())
    return f"{verb}: {variant}" if verb in _VARIANT_ARG and variant else verb


def _sets(verb: str, args: Mapping[str, str]) -> tuple[str, str] | None:
    """What a setter command sets (its verb and target), or None for any other command."""
    verb = " ".join(verb.upper().split())
    if verb not in _SETTERS:
        return None
    return verb, _norm(args.get(_SETTERS[verb], "")) if _SETTERS[verb] else ""


def overtaking(verb: str, args: Mapping[str, str], later: Sequence[Change], moves: bool = True) -> list[Change]:
    """The changes in `later` (applied, received after the command) that the command was not asked in view of.
    `moves`: the command, applied now, would move the case to another stage. Only then does a later stage change
    count against it: a NOTIFIED that now only meets the notification clock (received before a DECISION that was
    processed first) is still true, and refusing it left notification clocks running in the crash and two-instance
    soaks (tests/reliability/test_crash.py, test_twin.py); a NOTIFIED that would take a closed case into rapid
    review, or a REOPEN after a later CLOSE, asks for a move from a stage that no longer is."""
    mine = _sets(verb, args)
    return [c for c in later
            if (c.stage_to is not None and moves) or (mine is not None and _sets(c.verb, c.args) == mine)]


def agrees(verb: str, args: Mapping[str, str], over: Sequence[Change]) -> bool:
    """The last overtaking change is this very command: the same transition with the same arguments (a stage
    change's free-text reason aside). Applying it again would change nothing a sender asked for."""
    if not over:
        return False
    last = over[-1]
    if name(last.verb, last.args) != name(verb, args):
        return False
    skip = ("date_raw",) if _sets(verb, args) else _WORDS
    keep = {k: _norm(v) for k, v in args.items() if k not in skip}
    return keep == {k: _norm(v) for k, v in last.args.items() if k not in skip}


def what(change: Change) -> str:
    """The change in words, naming no child: its command, its target (a field's name, a clock) and the stage."""
    said = name(change.verb, change.args) or "a command"
    target = _sets(change.verb, change.args)
    if target and target[1]:
        said += f" {target[1]}"
    stamp = change.at.strftime("%Y-%m-%d %H:%M")
    if change.stage_to is not None:
        stage = STAGES[change.stage_to].label if change.stage_to in STAGES else change.stage_to
        return f"{said}, received {stamp} UTC, which moved the case to stage {stage}"
    return f"{said}, received {stamp} UTC"


def reason(received: datetime, over: Sequence[Change]) -> str:
    """Why the command was not applied, for its sender and the co-ordinator (a refusal's reason line)."""
    changes = "; ".join(what(c) for c in over[-3:])
    more = f" (and {len(over) - 3} earlier)" if len(over) > 3 else ""
    return (f"the case changed after this command was received ({received.strftime('%Y-%m-%d %H:%M')} UTC): "
            f"{changes}{more}. It was asked of a case that no longer is, so nothing was done; if it still stands, "
            "send it again")


def already(received: datetime, over: Sequence[Change]) -> str:
    """The reason line when the case already is as the command asks (someone else made the same change)."""
    return (f"it had already been done: {what(over[-1])}, after this command was received "
            f"({received.strftime('%Y-%m-%d %H:%M')} UTC); nothing more is needed")
