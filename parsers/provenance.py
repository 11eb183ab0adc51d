"""Where each extracted value came from: the part and carrier, the label it answered, the reader, how sure.

Issue 12 item 2: "every extracted value carries where it came from and a confidence". A value's `Prov` is
written when the value is (fields.Extracted._set and the few places that fill a field from elsewhere), and
`csprbot parse --json` shows them as `provenance`: field path -> {source, label, via, confidence}, the path
as accuracy.py names a leaf ("referral.child.name", "referral.family[1].relationship").

Confidence is about whether the value belongs to that field, not whether it was typed right:
- `high`: the value sits in its own cell beside or under its label, in a real table or a fillable PDF's form
  field: the form itself says which field it answers;
- `medium`: the label and the value share a cell or a line ("Name: Jo Reed"), or the value is on the line
  under its label, or a reader split one labelled answer into fields ("Jo Reed, DSL, Hillview School");
- `low`: inferred: a label met inside prose, a misspelt label matched by nearness, a bare "Name:" whose
  owner was guessed from the lines under it, a letter's narrative, a signature, the sender's address.
Low values are the ones a person is asked to check (the routing and triage mails' fields to check).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pydantic import BaseModel

    from parsers.records import ParseResult

Confidence = Literal["high", "medium", "low"]
HIGH: Confidence = "high"
MEDIUM: Confidence = "medium"
LOW: Confidence = "low"
_RANK = {"low": 0, "medium": 1, "high": 2}

# What a part's reader was, by DocView.kind (set where the part is read: message.py, attachments.py)
_CARRIERS = {"text": "text", "html": "HTML", "docx": "Word", "doc": "Word 97", "pdf": "PDF", "odt": "ODT",
             "xlsx": "Excel", "rtf": "RTF"}
# Carriers whose tables are laid out from spaces, tabs or pipes in text: a "cell" there is a piece of a line.
TEXT_CARRIERS = frozenset({"text", "rtf", ""})


@dataclass(frozen=True)
class Prov:
    source: str  # the part and where in it: "attachment 'referral.docx' (Word), table cell"
    label: str | None  # the label's text as the form printed it, where there is one
    via: str  # the reader: a short stable name ("label_cell", "same_line", "header_table", "signature", ...)
    confidence: Confidence

    def capped(self, confidence: Confidence, via: str | None = None) -> Prov:
        """The same origin, no surer than `confidence` (a value split out of it, or moved to another field)."""
        lower = confidence if _RANK[confidence] < _RANK[self.confidence] else self.confidence
        return Prov(self.source, self.label, via or self.via, lower)

    def as_dict(self) -> dict[str, str | None]:
        return {"source": self.source, "label": self.label, "via": self.via, "confidence": self.confidence}


def least(*confidences: Confidence) -> Confidence:
    return min(confidences, key=_RANK.__getitem__)


def part_name(name: str, kind: str) -> str:
    """"body (HTML)", "attachment 'referral.docx' (Word)", "forwarded message (text)"."""
    carrier = _CARRIERS.get(kind, kind or "text")
    if name in ("body", "forwarded message", "own text", "forwarded text") or name.endswith("(Outlook item)"):
        return f"{name} ({carrier})"
    return f"attachment '{name}' ({carrier})"


def label_text(cell: str, rest: str) -> str | None:
    """The label as printed: a cell holding only its label, or the words right before the value in it ("Date of
    birth" in "Name: Kai Marsh   Date of birth: 02/03/2015"). None when the value cannot be found in the cell:
    a label is never allowed to carry its value."""
    if rest:
        at = len(cell) - len(rest) if cell.endswith(rest) else cell.rfind(rest)
        if at <= 0:
            return None
        head = _BEFORE_VALUE.split(cell[:at].rstrip(_SEPARATORS + "\n"))[-1]
    else:
        head = cell
    words = " ".join(head.split()).strip(_SEPARATORS)
    return words[:80] or None


_SEPARATORS = " \t:?-–—*"
# what parts a label from the value before it on the same line: a line break, "value   Label", "Label1: value"
_BEFORE_VALUE = re.compile(r"\n|:\s+|\s{3,}|\t")


def statement_label(lines: list[str], key: str, text: str) -> str | None:
    """The criteria statement a tick answers, as printed without its box (the line of `lines` that is `key`'s)."""
    from parsers.normalise import squash
    from parsers.statements import statement

    line = next((ln for ln in lines if (st := statement(ln)) is not None and st[0] == key), text)
    return squash(re.sub(r"[☐☒]|\[\s*[xX✓✔]?\s*\]", " ", line)).strip(" :-–")[:80] or None


# A return's author and a referral's referrer are one person's fields under two names: classify.py moves a value
# from one to the other ("Form completed by" on a referral, "Your name" on a return). A moved value keeps where
# it came from (`moved`), whichever step moved it.
TWINS = {"agency_return.author.name": "referral.referrer.name", "agency_return.author.role": "referral.referrer.role",
         "agency_return.author.email": "referral.referrer.email",
         "agency_return.author.phone": "referral.referrer.phone", "agency_return.agency": "referral.referrer.agency",
         "agency_return.date_completed": "referral.referrer.date_submitted"}


def moved(values: dict[str, object], given: dict[str, Prov], prefix: str) -> dict[str, Prov]:
    """Provenance for the values under `prefix` that a step moved from their twin field (see TWINS)."""
    out: dict[str, Prov] = {}
    for author, referrer in TWINS.items():
        key, twin = (author, referrer) if author.startswith(prefix) else (referrer, author)
        if key not in given and values.get(key) is not None and (was := given.get(twin)) is not None:
            out[key] = was.capped(MEDIUM, "moved_field")
    return out


# Message-level origins (classify.py): no label, one reader each.
def from_header(via: str, confidence: Confidence, label: str | None = None) -> Prov:
    """A value taken from the mail's header lines (From, Subject)."""
    return Prov("message headers", label, via, confidence)


def from_body(via: str, confidence: Confidence, label: str | None = None) -> Prov:
    """A value read from the mail's own text (its signature, its narrative)."""
    return Prov("body (text)", label, via, confidence)


# A value nobody recorded an origin for: listed as low, so that a person checks it (tests keep it at zero).
UNKNOWN = Prov("unknown", None, "unknown", LOW)


def note(result: ParseResult, path: str, prov: Prov) -> None:
    """Record where a value the classifier filled in (after the form was read) came from."""
    result._prov[path] = prov


def noted(result: ParseResult, path: str, record: BaseModel, before: dict[str, object], prov: Prov
          ) -> dict[str, object]:
    """Give the fields of `record` that a step filled or changed (since `before`) the step's provenance; the
    record as it is now, for the next step's `before`."""
    now = record.model_dump()
    for key, value in now.items():
        if value is not None and value != before.get(key):
            note(result, f"{path}.{key}", prov)
    return now


def settle(result: ParseResult) -> None:
    """`provenance`: one entry for every value of the final record (null values have none)."""
    from parsers.records import Provenance

    data = result.model_dump(mode="json", include={"case_ref", "referral", "agency_return"})
    made: dict[Prov, Provenance] = {}  # one model per distinct origin (a table's column shares one); built
    out: dict[str, Provenance] = {}    # without re-validation: Prov's fields are the model's, already typed
    for path in _filled(data, ""):
        origin = result._prov.get(path) or UNKNOWN
        if (model := made.get(origin)) is None:
            model = made[origin] = Provenance.model_construct(**origin.as_dict())
        out[path] = model
    result.provenance = out


def _filled(value: object, prefix: str) -> list[str]:
    """The paths of the non-null leaves, as tests/corpus_tools/accuracy.py names them."""
    if isinstance(value, dict):
        return [p for key, sub in value.items() for p in _filled(sub, f"{prefix}.{key}" if prefix else key)]
    if isinstance(value, list):
        return [p for n, sub in enumerate(value) for p in _filled(sub, f"{prefix}[{n}]")]
    return [] if value is None else [prefix]
