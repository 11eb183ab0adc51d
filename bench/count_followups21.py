"""Thread follow-ups (fix21d): what happens to generated mails on case 001's thread, counted on a tree.

The mails come from tests/reliability/followup_mails.py (the grammar the generated tests draw from): another child's
referral in 8 styles, the case child's news naming an adult, the baby he was or a safe sibling (stranger round 20,
B6), his news beside a harmed sibling, and his own referral news (a further referral, a re-referral, referred to
CSC, CAMHS, the police, MASH or early help: stranger round 22 B7, fix23c); each over 5 quoted tails and 6 thread
shapes. Each mail goes through the
real intake path of TREE into a fresh copy of a store holding case 001, and is counted by what it became: its own
case (with clocks and routing), filed on 001, joined to 001 as a duplicate referral, a plain reply on 001, or
anything else.

Run:  .venv/bin/python bench/count_followups21.py TREE [--n 80] [--seed 21] [--only FAMILY ...]
(TREE: a checkout, e.g. /work/main; the grammar is read from this file's tree, so main and a branch are counted on
the same mails. FAMILY: other, news, sibling, referred (the case child's referral news and another
child's told in the same words).)
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("tree")
    ap.add_argument("--n", type=int, default=80)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--verbose", action="store_true", help="print the referral-news mails not kept on 001")
    ap.add_argument("--only", nargs="*", default=["other", "news", "sibling", "referred"])
    args = ap.parse_args()
    tree = Path(args.tree).resolve()
    sys.path[:0] = [str(tree), str(tree / "tests" / "reliability"), str(HERE / "tests" / "reliability")]
    import importlib.util

    # the grammar from this file's tree, whatever TREE holds (its helpers and bot are TREE's)
    grammar = HERE / "tests" / "reliability" / "followup_mails.py"
    spec = importlib.util.spec_from_file_location("followup_mails", grammar)
    assert spec is not None and spec.loader is not None
    g = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(g)
    from reliability_kit import query
    from test_other_child_on_thread import _headers
    from test_thread_follow_ups import FORM, NOW, REF, REFERRAL_MID, SAM, SUBJECT, _app, _fresh, mail

    tmp = Path(tempfile.mkdtemp(prefix="count21-"))
    (tmp / "template").mkdir()
    w = _app(tmp / "template", NOW - timedelta(days=1))
    w.feed(mail(SAM, SUBJECT, FORM.format(child="Quentin Zabrowski", dob="14/03/2019"), NOW - timedelta(days=1),
                REFERRAL_MID))
    w.app.close()
    rng = random.Random(args.seed)
    counts: dict[str, Counter[str]] = {}

    def run(label: str, body: str, shape: tuple[str, str], k: int) -> str:
        world = _fresh(tmp / "template", tmp / f"m{k}")
        try:
            thread, subject = shape
            ev0, ob0 = world.last("events"), world.last("outbox")
            world.feed(mail(SAM, subject, body, NOW, f"<count21.{k}@csc.example.gov.uk>", _headers(world, thread)))
            kinds = {kind for (kind,) in world.new_rows("events", ev0, "kind")}
            cases = [r for (r,) in query(world.db, "SELECT ref FROM cases")]
            routed = [r for r, kind in world.new_rows("outbox", ob0, "recipient, kind") if kind == "routing"]
            clocks = query(world.db, "SELECT count(*) FROM clocks WHERE case_id = 2")[0][0]
            if len(cases) > 1:
                what = "own case" if clocks and routed else "own case, no clocks or routing"
            elif "follow_up_filed" in kinds:
                what = "filed on 001"
            elif "duplicate_referral" in kinds:
                what = "joined 001 as duplicate"
            elif "reply_received" in kinds:
                what = "plain reply on 001"
            else:
                what = "other: " + ",".join(sorted(kinds))[:60]
            counts.setdefault(label, Counter())[what] += 1
            return what
        finally:
            world.app.close()
            shutil.rmtree(tmp / f"m{k}", ignore_errors=True)

    k = 0
    pick: Any = rng.choice
    for _ in range(args.n if "other" in args.only else 0):
        tail, body, _names = g.other_child(pick)
        shape = pick(g.SHAPES)
        ref = "RE: REF" if shape[1] == f"RE: {REF}" else "RE: subject"
        what = run("other child", body, shape, k := k + 1)
        counts.setdefault(f"other child, tail {'none' if tail == 'none' else 'quoted'}", Counter())[what] += 1
        counts.setdefault(f"other child, {ref}", Counter())[what] += 1
    for _ in range(args.n if "news" in args.only else 0):
        family, tail, body = g.case_child_news(pick)
        what = run("case child news", body, pick(g.SHAPES), k := k + 1)
        counts.setdefault(f"case child news, {family}", Counter())[what] += 1
        counts.setdefault(f"case child news, tail {'none' if tail == 'none' else 'quoted'}", Counter())[what] += 1
    for _ in range(args.n // 2 if "sibling" in args.only else 0):
        tail, body = g.harmed_sibling(pick)
        what = run("harmed sibling", body, pick(g.SHAPES), k := k + 1)
        counts.setdefault(f"harmed sibling, tail {'none' if tail == 'none' else 'quoted'}", Counter())[what] += 1
    # a separate generator, so the families above draw the same mails as before fix23c (figures comparable)
    rng22 = random.Random(args.seed + 1)
    for _ in range(args.n if "referred" in args.only else 0):
        who, where, body = g.case_child_referral_news(rng22.choice)
        shape = rng22.choice(g.SHAPES)
        what = run("case child referral news", body, shape, k := k + 1)
        counts.setdefault(f"case child referral news, {who}", Counter())[what] += 1
        counts.setdefault(f"case child referral news, quote {where}", Counter())[what] += 1
        if what not in {"filed on 001", "plain reply on 001"} and args.verbose:
            print(f"--- {what} {shape}\n{body.replace(g.FORM_TEXT, '[the referral form]')}")
    for _ in range(args.n if "referred" in args.only else 0):
        tail, body = g.other_child_referral_news(rng22.choice)
        shape = rng22.choice(g.SHAPES)
        what = run("other child in referral-news words", body, shape, k := k + 1)
        counts.setdefault(f"other child in referral-news words, tail {'none' if tail == 'none' else 'quoted'}",
                          Counter())[what] += 1
        if what != "own case" and args.verbose:
            print(f"--- {what} {shape}\n{body.replace(g.FORM_TEXT, '[the referral form]')}")
    print(f"tree {tree}, seed {args.seed}, n {args.n}")
    for label in sorted(counts):
        total = sum(counts[label].values())
        print(f"{label} ({total}): " + "; ".join(f"{v} {w}" for w, v in counts[label].most_common()))
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
