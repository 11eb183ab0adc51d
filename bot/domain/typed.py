"""What a person typed into a command, told apart from csprbot's own wording, so the audit log need not keep it.

A command's free text (every reason, note, action text, evidence, correction, disagreement, decision text) can
name the child, and the audit log is append-only: what an event holds it holds for ever (stranger round 22, B6:
"Kayla Stone's injuries were accidental" stayed in 6 events after retention). So an event never holds it: the
pieces of its detail that carry typed text go to a purgeable row (bot/store/personal.py), and the event keeps the
key with `MARK` in place of the text (after a machine prefix, "closed: ..."). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from difflib import SequenceMatcher

# What an event (or, after retention, a clock's or case's reason) keeps where typed text was.
MARK = "[typed text, held apart]"
# A command's arguments that are not free text: they pick a variant, a field, a clock, an agency of the profile, a
# case reference or a date csprbot read, and are kept in the log (the report reads `decision` and `date`).
STRUCTURAL = frozenset({"field", "clock", "decision", "view", "date", "agency", "agencies", "ref", "answer",
                        "extra_commands", "parts_differ", "ambiguous_refs", "reason_refs", "word_refs"})
# Keys of an event's detail kept whatever they hold: its references, never text.
_KEPT_KEYS = frozenset({"personal", "digest", "verb", "by", "kind", "clock", "n", "message", "late", "unsolicited",
                        "involved", "received", "stage", "on", "due", "from", "to", "was_due", "anchor", "args",
                        "agency", "outcome", "field", "incident", "idem_key", "met_on", "was_late",
                        "refs_set_aside"})  # intake's note of the case references it read: references only
SHARED = 8  # characters in common with typed text (or all of a shorter text) that make a string carry it


def typed_args(args: Mapping[str, object]) -> dict[str, str]:
    """The free text of a command's arguments (everything not STRUCTURAL), as typed."""
    return {k: str(v) for k, v in args.items() if k not in STRUCTURAL and isinstance(v, str) and v.strip()}


def texts(values: object) -> list[str]:
    """Every string of a held value (nested dicts and lists too), stripped, the longest first."""
    return sorted({s.strip() for s in _leaves(values) if s.strip()}, key=len, reverse=True)


def _leaves(v: object) -> Iterator[str]:
    if isinstance(v, str):
        yield v
    elif isinstance(v, Mapping):
        for x in v.values():
            yield from _leaves(x)
    elif isinstance(v, list | tuple):
        for x in v:
            yield from _leaves(x)


def carries(value: str, typed: Iterable[str]) -> bool:
    """`value` holds typed text: all of one, or a run of SHARED characters of one (a piece of it: an action's
    text, ACTION DONE's evidence, a reason cut short), or is itself a piece of one."""
    low = value.casefold()
    for t in typed:
        tl = t.casefold().strip()
        if not tl:
            continue
        if tl in low or (len(low.strip()) >= 5 and low.strip() in tl):
            return True
        need = min(SHARED, len(tl))
        m = SequenceMatcher(None, low, tl, autojunk=False).find_longest_match(0, len(low), 0, len(tl))
        if m.size >= need:
            return True
    return False


def masked(value: str, typed: Iterable[str]) -> str:
    """`value` without its typed text: a machine prefix before ": " that carries none is kept ("closed: MARK",
    "2026-05-01 -> 2026-06-01: MARK"), else MARK alone. Line by line (an extension reason is several)."""
    lines = value.split("\n")
    out = []
    for line in lines:
        if not carries(line, typed):
            out.append(line)
            continue
        head, sep, _ = line.partition(": ")
        out.append(f"{head}: {MARK}" if sep and not carries(head, typed) else MARK)
    return "\n".join(out)


def split(detail: Mapping[str, object], typed: Iterable[str]) -> tuple[dict[str, object], dict[str, object]]:
    """An event's detail as the log keeps it, and what goes apart (key -> value as written): every key but
    _KEPT_KEYS whose value carries typed text is masked."""
    typed = [t for t in typed if t.strip()]
    kept: dict[str, object] = dict(detail)
    apart: dict[str, object] = {}
    if not typed:
        return kept, apart
    for k, v in detail.items():
        if k in _KEPT_KEYS or v is None:
            continue
        strings = list(_leaves(v))
        if not any(carries(s, typed) for s in strings):
            continue
        apart[k] = v
        kept[k] = masked(v, typed) if isinstance(v, str) else MARK
    return kept, apart


def restore(detail: Mapping[str, object], values: Mapping[str, object] | None) -> dict[str, object]:
    """An event's detail as written, from what the log kept and the held values (None: purged, as kept)."""
    out = dict(detail)
    if not values:
        return out
    shown = values.get("_detail")
    args = detail.get("args")
    if isinstance(args, Mapping):
        out["args"] = {**args, **{k: v for k, v in values.items() if k != "_detail"}}
    if isinstance(shown, Mapping):
        out.update(shown)
    return out
