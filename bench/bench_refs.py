"""The case-reference reader on hostile text: how long `fields.cases_named` takes over 200 KB shapes.

Every command mail's own text (all body parts) is read for a second case; before the address pattern was bounded,
one 200 KB word with no space in it took 283 s (each start in the run was scanned to its end). The work budget
(bot/budget.py) would have cut the parse off, quarantining a genuine long mail; this keeps the reader linear.

Target: every shape under 3 s on this machine (one core, shared).

Run:  .venv/bin/python bench/bench_refs.py [--kb 200]
Writes bench/results/refs.json.
"""

from __future__ import annotations

import argparse
import time

from common import print_table, verdict, write_results

from parsers.fields import cases_named

SHAPES = {
    "one_word": "x",
    "letters_digits": "a1",
    "prefix_runs": "CSPR",
    "dotted": "x.",
    "long_local_parts": "x" * 70 + "@y.example ",
    "digits": "9",
    "words_other": "the other ",
    "case_words": "case ",
    "spelt_refs": "CSPR 2026 ",
    # refs11: spaced-out letters, numbers before "case", punctuation before a break, addresses with "cspr"
    "spaced_letters": "N S ",
    "numbers_before": "the 002 ",
    "comma_breaks": "case,\n",
    "ellipses": "case.",
    "of_gaps": "case of ",
    "cspr_urls": "https://x.example/cspr%2D",
    "bidi_runs": "\u202e2",
    # refs12: a reference's continuation, ranges, numbers before the word in brackets, references in words
    "ref_lists": "NS-CSPR-2026-001/002, ",
    "ranges": "cases 1-3 ",
    "bracketed_before": "the (002) ",
    "words_refs": "N S C S P R twenty twenty-six ",
    "eu_words": "Fall Nr. ",
}
TARGET_S = 3.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kb", type=int, default=200)
    args = ap.parse_args()
    rows, results = [], {}
    for name, unit in SHAPES.items():
        text = (unit * (args.kb * 1024 // len(unit) + 1))[: args.kb * 1024]
        start = time.perf_counter()
        cases_named("RE: [NS-CSPR-2026-001] Reminder", text)
        took = time.perf_counter() - start
        results[name] = round(took, 3)
        rows.append((name, f"{took:.2f} s", verdict(took < TARGET_S)))
    print_table(["shape", f"{args.kb} KB", "target < 3 s"], rows)
    write_results("refs", {"kb": args.kb, "seconds": results, "met": all(v < TARGET_S for v in results.values())})


if __name__ == "__main__":
    main()
