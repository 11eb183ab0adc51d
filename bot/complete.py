"""The form a provisional case was waiting for completes that case (stranger round 23 B1): the store side of
bot/domain/referral.complete_referral / plan_completion (which say what completing means and why)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.apply import Runtime, apply, audit
from bot.domain.redact import shown_address
from bot.domain.referral import FORM_COMPLETED, awaits_form, complete_referral, parent_of, plan_completion
from bot.store.models import Case, Event, Message

COMPLETED = "referral_completed"  # the audit event: fields by name; old and new values in the purgeable store


def first_referral(s: Session, case: Case) -> Message | None:
    """The mail that opened the case (its first referral message)."""
    return s.scalar(select(Message).where(Message.case_id == case.id, Message.kind == "referral")
                    .order_by(Message.id).limit(1))


def awaiting(s: Session, case: Case) -> bool:
    """Whether `case` was opened without a readable form and no form has completed it yet."""
    first = first_referral(s, case)
    return first is not None and awaits_form((first.parse_json or {}).get("form"), dict(case.facts or {}),
                                             case.stage)


def corrected_fields(s: Session, case: Case) -> set[str]:
    return {str(d.get("field")) for d in s.scalars(select(Event.detail).where(
        Event.case_id == case.id, Event.kind == "field_corrected")) if isinstance(d, dict)}


def complete(s: Session, rt: Runtime, row: Message, sender: str | None, key: str, case: Case, parsed: Any) -> str:
    """Fill the case's referral from the form `parsed` (read from `row`), audit what changed, route the form.
    Each mail is keyed by this message's key (bot/apply.enqueue): a re-run or a crash sends nothing twice, and
    the fact FORM_COMPLETED makes a second form a duplicate again (the co-ordinator is told, as before)."""
    from bot.store.repo import snapshot

    form = parsed.referral.model_dump(mode="json")
    done = complete_referral(dict(case.referral_json or {}), form, corrected_fields(s, case))
    case.referral_json = done.referral
    case.facts = {**(case.facts or {}), FORM_COMPLETED: row.id}
    row.case_id, row.status = case.id, "processed"  # its kind stays (a form beside a command is a command)
    detail: dict[str, object] = {"message": row.id, "from": sender, "fields": sorted(done.new),
                                 "kept": list(done.kept)}
    if done.new:
        detail["personal"] = {"old": done.old, "new": done.new}
    audit(s, rt, COMPLETED, detail, case, sender)
    s.flush()
    effects = plan_completion(parsed, snapshot(s, case), rt.settings, rt.today, done,
                              shown_address(rt.settings, sender), row.id)
    apply(s, rt, effects, case, row, key, actor=sender)
    return "the form a provisional referral was waiting for: the case completed from it, the form routed"


def referral_parse(s: Session, case: Case) -> dict[str, Any]:
    """The parse the case's fields to check come from: the opening mail's, or with a completing form, that form's
    (bot/domain/tocheck.completed_parse)."""
    from bot.domain.tocheck import completed_parse

    first = first_referral(s, case)
    parsed: dict[str, Any] = dict((first.parse_json or {}) if first else {})
    done = (case.facts or {}).get(FORM_COMPLETED)
    form = s.get(Message, done) if isinstance(done, int) else None
    return completed_parse(parsed, dict(form.parse_json or {}) if form is not None else None)


def undo(s: Session, rt: Runtime, case: Case, message_id: int, actor: str | None) -> None:
    """`csprbot new-case` on the form that completed `case`: it was another child's form. The case's fields it
    filled go back to what they were (those changed since, by CORRECT, stay), and the case awaits its form again."""
    from bot.store.personal import held

    ev = s.scalar(select(Event).where(Event.case_id == case.id, Event.kind == COMPLETED)
                  .order_by(Event.id.desc()).limit(1))
    if ev is None or ev.detail.get("message") != message_id:
        return
    pid = ev.detail.get("personal")
    values = held(s, [pid]).get(pid, {}) if isinstance(pid, int) else {}
    old, new = values.get("old"), values.get("new")
    back: dict[str, object] = {}
    if isinstance(old, dict) and isinstance(new, dict):
        form = dict(case.referral_json or {})
        for path, value in new.items():
            node: Any = form
            for part in path.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if node == value:  # not corrected since
                back[path] = old.get(path)
        case.referral_json = _set_paths(form, back)
    case.facts = {k: v for k, v in (case.facts or {}).items() if k != FORM_COMPLETED}
    audit(s, rt, "referral_completion_undone", {"message": message_id, "fields": sorted(back),
                                                **({"personal": {"restored": back}} if back else {})}, case, actor)


def _set_paths(form: dict[str, object], flat: dict[str, object]) -> dict[str, object]:
    import copy

    out = copy.deepcopy(form)
    for path, value in flat.items():
        node, leaf = parent_of(out, path)
        node[leaf] = value
    return out
