"""Carrier transfer figures: the set scored per variant (docx reference, pdf, html, text, quoted) and the gap of
each variant to the .docx reference over the same forms.

Usage: python tests/corpus_transfer/gen/by_variant.py [DIR] [--json FILE]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "corpus_tools"))

from accuracy import Tally, compare, field_count, wrong_person  # noqa: E402

from parsers import parse_message  # noqa: E402


def main() -> None:
    argv = sys.argv[1:]
    out_json = argv[argv.index("--json") + 1] if "--json" in argv else None
    dirs = [a for i, a in enumerate(argv) if not a.startswith("-") and (i == 0 or argv[i - 1] != "--json")]
    directory = Path(dirs[0]) if dirs else HERE.parent
    variants: dict[str, Tally] = defaultdict(Tally)
    per_key: dict[tuple[str, str], Tally] = {}
    by_set: dict[tuple[str, str], Tally] = defaultdict(Tally)
    sources = json.loads((HERE / "sources.json").read_text())
    made = {eml.stem.rsplit("__", 1)[0] for eml in directory.glob("*.eml")}
    originals = [(HERE.parents[1] / path, key) for key, path in sorted(sources.items()) if key in made]
    pairs = [(eml, eml.stem.rsplit("__", 1)) for eml in sorted(directory.glob("*.eml"))]
    for eml, (key, variant) in [(o, (k, "docx")) for o, k in originals] + pairs:
        full = eml.with_name(eml.stem + ".expected.json")
        sparse = not full.exists()
        expected = json.loads((eml.with_suffix(".json") if sparse else full).read_text())
        actual = parse_message(eml.read_bytes()).to_json_dict()
        diffs = compare(expected, actual, sparse)
        one = Tally(field_count(expected, sparse), len(diffs), len(wrong_person(expected, diffs)), 1,
                    int(actual["kind"] == expected["kind"]))
        variants[variant].add(one)
        per_key[(key, variant)] = one
        by_set[(key.split("__", 1)[0], variant)].add(one)
    print(f"{directory}: per variant (gap = fields right vs the .docx originals of the same forms)")
    for name, tally in sorted(variants.items()):
        ref = Tally()
        for key, variant in per_key:
            if variant == name and (key, "docx") in per_key:
                ref.add(per_key[(key, "docx")])
        gap = f"  docx {ref.accuracy:.1%}, gap {tally.accuracy - ref.accuracy:+.1%}" if name != "docx" else ""
        print(f"  {name:8} {tally.messages:3} msgs  {tally.line()}{gap}")
    print("  per source set and variant:")
    for (set_name, variant), tally in sorted(by_set.items()):
        print(f"    {set_name:10} {variant:8} {tally.messages:3} msgs  {tally.line()}")
    if out_json:
        Path(out_json).write_text(json.dumps({v: {"messages": t.messages, "kind_ok": t.kind_ok, "fields": t.total,
                                                   "right": t.total - t.wrong, "wrong_person": t.wrong_person}
                                               for v, t in sorted(variants.items())}, indent=1) + "\n")


if __name__ == "__main__":
    main()
