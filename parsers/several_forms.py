"""One mail holding several children's referral forms, or one form naming several children: reported, not split.

Agencies refer siblings of one incident in one mail: two complete forms pasted one after the other (a "=====" line
between them, "Referral 1 of 2" headings, or nothing at all). Read as one form, the first form's answers fill the
child and the second's are dropped: a child in no case, nobody told (stranger round 15, B7). Splitting the text
into forms is a guess that can go wrong (a wrong split files one child's answers under another's name), so the
reader only counts the forms, by the child-identity answers the form reader met (fields.Extracted.child_ids), and
says so; intake opens the first form's case and tells the co-ordinator how many forms the mail holds.

A second form is a second child's name answer *and* a second date-of-birth answer: a family table naming a
sibling is read into records, never as the child's own fields, and a quoted earlier copy of the same child's form
(a reply) names the same child again (a near spelling too: a corrected typo is the same child).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from rapidfuzz.distance import OSA

SEVERAL_FORMS = "several_referral_forms"
SEVERAL_CHILDREN = "several_children_named"
NAME_KEY = "referral.child.name"
DOB_KEY = "referral.child.date_of_birth"
# "Alex Fictional and Sam Fictional", "Alex & Sam Fictional": two children in one name answer
_JOINED = re.compile(r"\S\s+(?:and|&|\+)\s+\S|\S\s*&\s*\S", re.I)


def _plain(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(ch for ch in decomposed if ch.isalpha() or ch == " ").split())


def _same_child(a: str, b: str) -> bool:
    """The same name, or a near spelling of it (a corrected typo, a dropped accent), or the same words in another
    order ("FICTIONAL, Alex") or with a middle name added or dropped (an earlier draft attached): never counted
    twice."""
    if a == b or a in b or b in a:
        return True
    wa, wb = a.split(), b.split()
    if sorted(wa) == sorted(wb) or (len(wa) > 1 and len(wb) > 1 and wa[0] == wb[0] and wa[-1] == wb[-1]):
        return True
    return OSA.distance(a, b) <= (1 if min(len(a), len(b)) < 12 else 2)


def forms_counted(child_ids: list[tuple[str, object]], on: str | None = None) -> int:
    """How many referral forms the answers come from: distinct children each named with a date of birth (the
    name and the date answered one after the other, in either order). A person born 18 years or more before
    `on` (the form's incident or referral date, ISO) is no child: a family table's "Name | Date of birth" read
    as the child's labels names a parent, not a second form."""
    return max(1, len(children_named(child_ids, on)))


def children_named(child_ids: list[tuple[str, object]], on: str | None = None,
                   seen: list[str] | None = None) -> list[str]:
    """The distinct children (plain names) the answers name with a date of birth, after those in `seen` (the
    mail's other parts: a form in an inline part, an attachment, an attached mail or the other alternative is
    counted once across them all, a near spelling being the same child)."""
    pairs: list[str] = list(seen or [])
    name: str | None = None
    born: str | None = None
    for key, value in child_ids:
        if key == NAME_KEY and isinstance(value, str) and _plain(value):
            name = _plain(value)
        elif key == DOB_KEY and isinstance(value, str):
            born = value
        else:
            continue
        if name is not None and born is not None:
            if not _adult(born, on) and not any(_same_child(name, seen) for seen in pairs):
                pairs.append(name)
            name = born = None
    return pairs


def _adult(born: str, on: str | None) -> bool:
    try:
        b, d = date.fromisoformat(born[:10]), date.fromisoformat((on or "")[:10])
    except ValueError:
        return False
    return (d.year - b.year - ((d.month, d.day) < (b.month, b.day))) >= 18


def several_forms_warning(count: int) -> str:
    # field names and counts only: this line reaches the triage mail, which never carries a child's identifiers
    others = "the second child's form needs" if count == 2 else "each other child's form needs"
    return (f"{SEVERAL_FORMS}: the mail holds {count} referral forms, each for its own child (more than one "
            f"referral): this case was opened for the first form only; {others} a case of its own: ask the "
            "referrer to send each child's form in a mail of its own, then LINK the cases (one incident)")


def names_several(name: str) -> bool:
    """A child-name answer that joins two names ("Alex Fictional and Sam Fictional")."""
    return _JOINED.search(name) is not None


SEVERAL_CHILDREN_WARNING = (
    f"{SEVERAL_CHILDREN}: the child's name answer names more than one child; child.name is left empty: each child "
    "needs a referral (a case) of their own: confirm this case's child with CORRECT child.name and ask for the "
    "other child's form")
