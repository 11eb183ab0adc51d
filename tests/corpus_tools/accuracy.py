"""Field-level accuracy of parse_message over a corpus directory (default tests/corpus; pass another, e.g. a held-back set).

Usage: python tests/corpus_tools/accuracy.py [DIR] [-v]
Every leaf of the expected JSON (lists compared position by position, missing list as a set) counts as one
field; `warnings` count as one field per expected substring.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from parsers import parse_message  # noqa: E402


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


def compare(expected: dict[str, Any], actual: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(path, expected, actual) for every leaf that differs."""
    wanted = {k: v for k, v in expected.items() if k != "warnings"}
    got_leaves = leaves({k: v for k, v in actual.items() if k != "warnings"})
    diffs = [(path, value, got_leaves.get(path, "<absent>")) for path, value in leaves(wanted).items()
             if got_leaves.get(path, "<absent>") != value]
    for needle in expected.get("warnings", []):
        if not any(needle.lower() in w.lower() for w in actual.get("warnings", [])):
            diffs.append((f"warnings~{needle}", needle, actual.get("warnings")))
    return diffs


def field_count(expected: dict[str, Any]) -> int:
    return len(leaves({k: v for k, v in expected.items() if k != "warnings"})) + len(expected.get("warnings", []))


def run(directory: Path, verbose: bool) -> float:
    known_path = directory / "known_domains.json"
    known = json.loads(known_path.read_text()) if known_path.exists() else None
    total = wrong = messages = kind_ok = 0
    for eml in sorted(directory.glob("*.eml")):
        expected = json.loads(eml.with_suffix("").with_suffix(".expected.json").read_text()) if False else json.loads(
            (eml.parent / (eml.stem + ".expected.json")).read_text())
        actual = parse_message(eml.read_bytes(), known_domains=known).to_json_dict()
        diffs = compare(expected, actual)
        messages += 1
        kind_ok += actual["kind"] == expected["kind"]
        total += field_count(expected)
        wrong += len(diffs)
        if diffs and verbose:
            print(f"--- {eml.name}")
            for path, want, got in diffs:
                print(f"    {path}: expected {want!r} got {got!r}")
    accuracy = (total - wrong) / total if total else 0.0
    print(f"{directory}: {messages} messages, kind correct {kind_ok}/{messages}, "
          f"fields correct {total - wrong}/{total} = {accuracy:.1%}")
    return accuracy


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    run(Path(args[0]) if args else ROOT / "tests" / "corpus", "-v" in sys.argv)
