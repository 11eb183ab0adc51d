"""Field-level accuracy of parse_message over corpus directories: per set, per carrier, per field, wrong_person.

Usage: python tests/corpus_tools/accuracy.py [DIR ...] [-v] [--by] [--json FILE]
  (no DIR: tests/corpus; -v: every differing field; --by: per-carrier and per-field tables; --json: figures)
Every leaf of the expected JSON (missing list as a set) counts as one field; `warnings` count as one field per
expected substring. Family, other agencies and other processes are compared item by item after pairing each
expected item with the read item of the same name (family, agencies; then agency) or process (`aligned`): their
order carries no meaning. Before 2026-12-07 they were compared position by position.

`wrong_person` counts the worst kind of error: a value read into a field that belongs to another field or
person of the same message (the child's name in referrer.name, a mother's date of birth as the child's, the
second family member's name in the first row). It is a wrong value equal to the expected value of another
leaf; an empty field is never a wrong person.

Person names (the name/role contract, docs/BENCHMARKS.md "parse23b"): a person's `name` is the name as written, and
a leading honorific or rank may be kept ("Dr Fiona Greaves", "DS Mark Holt") or left off, so on the person-name
fields (`PERSON_NAME_FIELDS`) a leading Dr, Mr, Mrs, Ms, Miss, Mx, Prof, Rev, DS, DC, PC, DI, DCI, Sgt, Insp,
Nurse, Sister or Cllr is optional both ways: "Dr Idris Kenward" read for "Idris Kenward" is right, and so is
"Idris Kenward" for "Dr Idris Kenward". A role, job title or organisation written after the name is never part of
it ("Jane Hill, Designated Safeguarding Lead" read for "Jane Hill" is wrong).
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from parsers import parse_message  # noqa: E402

# the fields that hold one person's name (list items by their field name after the index)
PERSON_NAME_FIELDS = re.compile(
    r"^(?:referral\.referrer\.name|referral\.child\.name|referral\.child\.carer|referral\.family\[\d+\]\.name|"
    r"referral\.other_agencies\[\d+\]\.name|agency_return\.author\.name|agency_return\.signed_off_by)$")
# a leading honorific or rank, optional on a person's name (the contract's name/role rule)
_HONORIFIC = re.compile(
    r"^(?:(?:dr|mr|mrs|ms|miss|mx|prof|rev|ds|dc|pc|di|dci|sgt|insp|nurse|sister|cllr)\.?\s+)+(?=\S)", re.I)


def without_honorific(name: str) -> str:
    """"Dr Fiona Greaves" -> "Fiona Greaves"; a name with no leading honorific or rank as it is."""
    return _HONORIFIC.sub("", name.strip())


def same_value(path: str, want: Any, got: Any) -> bool:
    """The expected and the read value are the same answer: equal, or on a person-name field equal once a leading
    honorific or rank is set aside on either side."""
    if got == want:
        return True
    if isinstance(want, str) and isinstance(got, str) and PERSON_NAME_FIELDS.match(path):
        return without_honorific(want) == without_honorific(got)
    return False


def leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    """Flatten to dotted paths; the `missing` list is compared as a set."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, sub in value.items():
            out.update(leaves(sub, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list) and prefix != "missing":
        out = {f"{prefix}.len": len(value)}
        for i, sub in enumerate(value):
            out.update(leaves(sub, f"{prefix}[{i}]"))
        return out
    if prefix == "missing":
        return {prefix: sorted(value)}
    return {prefix: value}


def scored(expected: dict[str, Any], sparse: bool = False) -> dict[str, Any]:
    """The leaves that are scored. `sparse` (a set whose answers are `NAME.json`, written to the parse contract
    alone, like corpus_heldout5): only the values a reader filled in, so not nulls, list lengths, `missing`
    or `warnings`, which describe the parser's own view."""
    wanted = leaves({k: v for k, v in expected.items() if k != "warnings"})
    if sparse:
        wanted = {p: v for p, v in wanted.items() if v is not None and not p.endswith(".len")}
    return wanted


# The lists of people and processes, and what identifies an item in them. Their order carries no meaning (the
# contract lists who is in the family, which agencies, which processes; a form may list the subject's siblings
# before the adults, a household table may be shuffled), so items are paired by who or what they are before the
# leaves are compared: otherwise one person missed or read in another order scores every later row as wrong, and
# as a wrong person.
_LISTS = {"family": ("name",), "other_agencies": ("name", "agency"), "other_processes": ("process",)}


def _item_key(item: Any, field_name: str) -> str | None:
    value = item.get(field_name) if isinstance(item, dict) else None
    if field_name == "name" and isinstance(value, str):
        value = without_honorific(value)
    return _norm(value) if isinstance(value, str) and value.strip() else None


def align(expected_items: list[Any], got_items: list[Any], keys: tuple[str, ...]) -> list[Any]:
    """`got_items` reordered so that each expected item faces the read item with the same name (then agency /
    process), compared case- and punctuation-blind; items matched by nothing keep their order in the places left,
    and read items beyond the expected ones stay at the end (so the list's length is unchanged)."""
    placed: dict[int, int] = {}  # expected index -> got index
    for key in keys:
        for i, want in enumerate(expected_items):
            wanted = _item_key(want, key)
            if i in placed or wanted is None:
                continue
            j = next((j for j, got in enumerate(got_items)
                      if j not in placed.values() and _item_key(got, key) == wanted), None)
            if j is not None:
                placed[i] = j
    rest = iter(j for j in range(len(got_items)) if j not in placed.values())
    order = [placed[i] if i in placed else next(rest, None) for i in range(len(expected_items))]
    # an expected item nothing is left for faces an empty one ({}: its leaves are absent), keeping the places
    out = [got_items[j] if j is not None else {} for j in order]
    while out and out[-1] == {} and len(out) > len(got_items):
        out.pop()
    return out + [got_items[j] for j in rest]


def aligned(expected: dict[str, Any], actual: dict[str, Any]) -> dict[str, Any]:
    """`actual` with its family, agencies and processes paired to the expected items (see `align`)."""
    exp_ref, got_ref = expected.get("referral"), actual.get("referral")
    if not isinstance(exp_ref, dict) or not isinstance(got_ref, dict):
        return actual
    ref = dict(got_ref)
    for name, keys in _LISTS.items():
        if isinstance(exp_ref.get(name), list) and isinstance(ref.get(name), list):
            ref[name] = align(exp_ref[name], ref[name], keys)
    return {**actual, "referral": ref}


def compare(expected: dict[str, Any], actual: dict[str, Any], sparse: bool = False) -> list[tuple[str, Any, Any]]:
    """(path, expected, actual) for every leaf that differs (list items paired by name first: `aligned`)."""
    lengths = {f"referral.{name}.len": len(items) for name in _LISTS
               if isinstance(ref := actual.get("referral"), dict) and isinstance(items := ref.get(name), list)}
    actual = aligned(expected, actual)
    got_leaves = leaves({k: v for k, v in actual.items() if k != "warnings"}) | lengths
    for path, value in scored(expected, sparse).items():
        # a set written to the contract's one-value commands as a scalar ("args": "2026-12-04") where the parser
        # gives the one named argument ({"date": "2026-12-04"}): the same answer, compared as the one value
        under = [p for p in got_leaves if p.startswith(path + ".")]
        if (path == "command.args" and path not in got_leaves and not isinstance(value, (dict, list))
                and value is not None and len(under) == 1):
            got_leaves[path] = got_leaves[under[0]]
    diffs = [(path, value, got_leaves.get(path, "<absent>")) for path, value in scored(expected, sparse).items()
             if not same_value(path, value, got_leaves.get(path, "<absent>"))]
    for needle in expected.get("warnings", []):
        if not any(needle.lower() in w.lower() for w in actual.get("warnings", [])):
            diffs.append((f"warnings~{needle}", needle, actual.get("warnings")))
    return diffs


def _norm(value: Any) -> str:
    return re.sub(r"[\s,.;:]+", " ", str(value)).strip().lower()


def wrong_person(expected: dict[str, Any], diffs: list[tuple[str, Any, Any]]) -> list[tuple[str, Any, str]]:
    """(path, value, owner path) for each differing value that is another leaf's expected value."""
    owners: dict[str, str] = {}
    for path, value in leaves({k: v for k, v in expected.items() if k not in ("warnings", "missing")}).items():
        if isinstance(value, str) and len(value.strip()) >= 3 and not path.endswith((".len", "kind")):
            owners.setdefault(_norm(value), path)
            if PERSON_NAME_FIELDS.match(path):  # "Dr Ann Lee" read elsewhere is Ann Lee, whoever writes the title
                owners.setdefault(_norm(without_honorific(value)), path)
    found = []
    for path, _want, got in diffs:
        if not isinstance(got, str) or path.startswith(("warnings", "missing")) or len(got.strip()) < 3:
            continue
        owner = owners.get(_norm(got))
        if owner is None and PERSON_NAME_FIELDS.match(path):
            owner = owners.get(_norm(without_honorific(got)))
        if owner is not None and owner != path:
            found.append((path, got, owner))
    return found


def field_count(expected: dict[str, Any], sparse: bool = False) -> int:
    return len(scored(expected, sparse)) + len(expected.get("warnings", []))


def field_group(path: str) -> str:
    """`referral.family[2].name` -> `referral.family[].name`; warnings grouped as one."""
    if path.startswith("warnings"):
        return "warnings"
    return re.sub(r"\[\d+\]", "[]", path)


def _attachment_carrier(part: Message) -> str:
    name = (part.get_filename() or "").lower()
    data = part.get_payload(decode=True)
    data = data if isinstance(data, bytes) else b""
    if data.startswith(b"%PDF") or name.endswith(".pdf"):
        return "pdf (form fields)" if b"/AcroForm" in data else "pdf"
    if data.startswith(b"PK") or name.endswith(".docx"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "outlook .msg" if name.endswith(".msg") else "ole (.doc, encrypted)"
    if name.endswith(".dat"):
        return "winmail.dat"
    if data.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if part.get_content_type() == "message/rfc822" or name.endswith(".eml"):
        return "attached message"
    ext = name.rsplit(".", 1)[-1] if "." in name else part.get_content_type()
    return ext


def carrier(raw: bytes) -> str:
    """What carries the form: the first attachment's format, else an HTML or plain text body."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    html = False
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            return "attached message"
        if part.is_multipart():
            continue
        if part.get_filename() or part.get_content_disposition() == "attachment":
            if ctype.startswith("image/") and part.get("Content-ID"):
                continue
            return _attachment_carrier(part)
        html = html or ctype == "text/html"
    return "html body" if html else "text body"


@dataclass
class Tally:
    total: int = 0
    wrong: int = 0
    wrong_person: int = 0
    messages: int = 0
    kind_ok: int = 0

    def add(self, other: Tally) -> None:
        self.total += other.total
        self.wrong += other.wrong
        self.wrong_person += other.wrong_person
        self.messages += other.messages
        self.kind_ok += other.kind_ok

    @property
    def accuracy(self) -> float:
        return (self.total - self.wrong) / self.total if self.total else 0.0

    def line(self) -> str:
        return (f"kind {self.kind_ok}/{self.messages}, fields {self.total - self.wrong}/{self.total} = "
                f"{self.accuracy:.1%}, wrong_person {self.wrong_person}")


@dataclass
class SetReport:
    directory: str
    overall: Tally = field(default_factory=Tally)
    carriers: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    fields: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    wrong_people: list[str] = field(default_factory=list)
    # values read with no provenance entry (or an unknown one), and entries for no value: both should be none
    unprovenanced: list[str] = field(default_factory=list)


def provenance_gaps(actual: dict[str, Any]) -> list[str]:
    """Paths of values with no (or an unknown) provenance, and provenance entries with no value (issue 12 #2)."""
    values = {p for p, v in leaves({k: actual.get(k) for k in ("case_ref", "referral", "agency_return")}).items()
              if v is not None and not p.endswith(".len")}
    given = actual.get("provenance") or {}
    bad = sorted(p for p in values if p not in given or given[p].get("via") == "unknown")
    return bad + sorted(f"{p} (no value)" for p in set(given) - values)


def run_set(directory: Path, verbose: bool = False) -> SetReport:
    known_path = directory / "known_domains.json"
    known = json.loads(known_path.read_text()) if known_path.exists() else None
    report = SetReport(str(directory))
    for eml in sorted(directory.glob("*.eml")):
        answer = eml.parent / (eml.stem + ".expected.json")
        sparse = not answer.exists()
        expected = json.loads((answer if not sparse else eml.with_suffix(".json")).read_text())
        raw = eml.read_bytes()
        actual = parse_message(raw, known_domains=known).to_json_dict()
        diffs = compare(expected, actual, sparse)
        wp = wrong_person(expected, diffs)
        one = Tally(field_count(expected, sparse), len(diffs), len(wp), 1, int(actual["kind"] == expected["kind"]))
        report.overall.add(one)
        report.carriers[carrier(raw)].add(one)
        wanted = scored(expected, sparse)
        bad = {p for p, _, _ in diffs}
        wp_paths = {p for p, _, _ in wp}
        for path in wanted:
            report.fields[field_group(path)].add(Tally(1, int(path in bad), int(path in wp_paths)))
        if expected.get("warnings"):
            nbad = sum(1 for p in bad if p.startswith("warnings"))
            report.fields["warnings"].add(Tally(len(expected["warnings"]), nbad))
        report.wrong_people.extend(f"{eml.name}: {p} = {v!r} (belongs to {o})" for p, v, o in wp)
        report.unprovenanced.extend(f"{eml.name}: {p}" for p in provenance_gaps(actual))
        if diffs and verbose:
            print(f"--- {eml.name} [{carrier(raw)}]")
            for path, want, got in diffs:
                mark = "  WRONG PERSON" if path in wp_paths else ""
                print(f"    {path}: expected {want!r} got {got!r}{mark}")
    return report


def print_report(report: SetReport, by: bool) -> None:
    print(f"{report.directory}: {report.overall.messages} messages, {report.overall.line()}")
    for line in report.wrong_people:
        print(f"    wrong person: {line}")
    for line in report.unprovenanced:
        print(f"    no provenance: {line}")
    if not by:
        return
    print("  by carrier:")
    for name, tally in sorted(report.carriers.items()):
        print(f"    {name:24} {tally.messages:3} msgs  {tally.line()}")
    print("  by field (those below 100 %, or with a wrong person):")
    for name, tally in sorted(report.fields.items()):
        if tally.wrong or tally.wrong_person:
            print(f"    {name:48} {tally.total - tally.wrong:4}/{tally.total:<4} = {tally.accuracy:6.1%}"
                  f"  wrong_person {tally.wrong_person}")


def as_json(report: SetReport) -> dict[str, Any]:
    def t(tally: Tally) -> dict[str, Any]:
        return {"messages": tally.messages, "kind_correct": tally.kind_ok, "fields": tally.total,
                "fields_correct": tally.total - tally.wrong, "accuracy": round(tally.accuracy, 4),
                "wrong_person": tally.wrong_person}

    return {"set": report.directory, "overall": t(report.overall),
            "carriers": {k: t(v) for k, v in sorted(report.carriers.items())},
            "fields": {k: t(v) for k, v in sorted(report.fields.items())}}


def run(directory: Path, verbose: bool) -> float:
    """One set, printed as one line (kept for callers of the old interface)."""
    report = run_set(directory, verbose)
    print_report(report, by=False)
    return report.overall.accuracy


if __name__ == "__main__":
    argv = sys.argv[1:]
    out_json = argv[argv.index("--json") + 1] if "--json" in argv else None
    dirs = [a for i, a in enumerate(argv) if not a.startswith("-") and (i == 0 or argv[i - 1] != "--json")]
    reports = [run_set(Path(d) if dirs else ROOT / "tests" / "corpus", "-v" in argv)
               for d in (dirs or [str(ROOT / "tests" / "corpus")])]
    for rep in reports:
        print_report(rep, "--by" in argv)
    if out_json:
        Path(out_json).write_text(json.dumps([as_json(r) for r in reports], indent=1) + "\n")
