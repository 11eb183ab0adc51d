"""Every scored corpus keeps its accuracy: fields right never below the set's floor, no wrong person, every kind.

The held-out sets were each scored once blind (their first-run figures are in docs/BENCHMARKS.md); they are
development sets now, and a change that loses a field on any of them fails here. Raise a floor when a set improves.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "corpus_tools"))

from accuracy import run_set  # noqa: E402

# set: (fields right at least, messages whose kind is right at least)
FLOORS = {
    "corpus_heldout": (226, 16),
    "corpus_heldout2": (960, 38),
    "corpus_heldout3": (1030, 38),
    "corpus_heldout4": (1284, 46),  # 1,277 before parse13, 1,283 before parse19
    "corpus_dev5": (631, 15),
    # 1,330 before parse21
    # 1,331 before parse23b
    "corpus_heldout5": (1344, 45),  # 1,297 before the generalisation round (2026-12-06), 1,320 before parse13
    # development set since its blind first run (1,205 / 1,580, 50/51 kinds); 1,499 before the generalisation round
    "corpus_heldout6": (1541, 51),  # 1,533 before parse13, 1,534 before parse18a/parse18b
    # development set since its blind first run (915 / 1,359, 48/48 kinds); 1,265 before parse15: r16's criteria
    # child_died and agency_concern were right by chance from an unmarked "Yes No" (an unmarked question is no answer),
    # lost; one summary gained (a table's title no longer taken into it)
    "corpus_heldout7": (1273, 48),  # 1,264 before parse18a/parse18b, 1,270 before parse21, 1,271 before tune15
    # development set since its blind first run (862 / 1,485, 48/50 kinds, 46 wrong-person values)
    # 953 / 48 kinds after parse7, 1,218 after parse9, 1,325 after parse10, 1,344 before parse13
    # 1,362 before parse21
    # 1,365 before parse23b
    "corpus_heldout8": (1369, 50),  # 1,347 before parse15, 1,355 before parse18a, 1,361 before parse19
    # blind first run 814 / 43 kinds (wrong_person 6); dev set from parse9; 1,180 before parse15: r10's child_died
    # was right by chance from an unmarked "Yes No" (an unmarked question is no answer), lost; one summary gained
    "corpus_heldout9": (1187, 47),  # 1,180 before parse18a/parse18b
    # blind first run 585 / 1,066, 39/43 kinds, wrong_person 20 (main 2c4155c, list items compared by position)
    # 877 after wp10 alone, 884 after parse10+wp10, 950 before parse15, 951 before parse18a/parse18b
    "corpus_heldout10": (968, 43),  # 959 before parse21, 964 before parse23b
    # blind first run 681 / 1,134, 42/43 kinds, wrong_person 5 (main d12aeaa); a development set since wp12
    # 1,052 before parse21
    # 1,055 before parse23b
    "corpus_heldout11": (1072, 42),  # 720, wrong_person 0 after wp12; 990 after parse13; 1,048 before parse18a/b
    # blind first run 969 / 1,133, 39/40 kinds, wrong_person 0 (main d7802e6, 2026-12-07 14:13 UTC)
    # 969 / 39 kinds before alt15 (a stub plain part hid a referral); 978 before parse18b (referral fields) and
    # parse18a (agency returns), both tuned on this set: 1,056 with parse18b alone, 1,021 with parse18a alone
    "corpus_heldout12": (1095, 40),  # 1,084 before parse23b
    # blind first run 1,013 / 1,198, 40/40 kinds, wrong_person 0 (main 65cbfa2, 2026-12-07 18:06 UTC); a development
    # set since parse19 (tuned on it: its 14 wrong values removed), the blind first run stays 1,013
    # 1,066 before parse21 (general mechanisms, each tested on layouts of its own: docs/BENCHMARKS.md)
    "corpus_heldout13": (1130, 40),  # 1,032 with parse19's wrong values alone, before its family rows
    # blind first run 847 / 1,169, 40/40 kinds, wrong_person 0, 23 wrong values (main a4a216b, 2026-12-07 20:41 UTC);
    # a development set since tune14 (tuned on it: 18 of its 23 wrong values removed), the blind first run stays 847
    # 942 before parse23a (plain-text bodies: text body carrier 135/249 -> 223/249; yearless dates)
    # 1,031 with parse23a alone, 998 with parse23b alone
    "corpus_heldout14": (1078, 40),  # 1,074 before tune15
    # blind first run 939 / 1,152, 40/40 kinds, wrong_person 0, 17 wrong values (main afb896e, parser of 0dbb0fc,
    # 2026-12-08 00:08 UTC); a development set since tune15 (tuned on it: 12 of its 17 wrong values removed), the blind
    # first run stays 939
    # 942 with parse23a and parse23b (which never opened it), 1,029 with tune15 alone
    "corpus_heldout15": (1034, 40),
    # the tuned sets' .docx forms re-sent as PDF, HTML, text, quoted text and fillable PDF (first run 13,545 / 19,097)
    # 18,027 before parse15: three seriously_harmed right by chance from an unmarked "Yes No" (heldout5 w05 as
    # text and quoted text, heldout7 r05 as PDF; an unmarked question is no answer) lost, 12 gained (PDF strike,
    # summaries ending at a table's title)
    "corpus_transfer": (18092, 480),  # 18,036 before parse18a, 18,070 before parse19, 18,072 before parse21,
    # 18,076 before tune15
}

# wrong-person values a set still holds while it is being worked down (every other set: none); lower, never raise
WRONG_PERSON_CEILING: dict[str, int] = {}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_corpus_keeps_its_floor_and_reads_no_wrong_person_and_every_value_has_provenance(name: str) -> None:
    report = run_set(TESTS / name)
    fields_floor, kinds_floor = FLOORS[name]
    right = report.overall.total - report.overall.wrong
    assert len(report.wrong_people) <= WRONG_PERSON_CEILING.get(name, 0), report.wrong_people
    assert report.unprovenanced == []  # every value read says where it came from (issue 12 item 2)
    assert report.overall.kind_ok >= kinds_floor
    assert right >= fields_floor, f"{name}: {right} fields right, floor {fields_floor}"
