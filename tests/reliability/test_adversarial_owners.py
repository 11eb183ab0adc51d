"""Issue #10, left from stranger round 6: `csprbot case REF` (and the web case page) showed an older learning action's
owner exactly as typed, while the digest printed "owner to check" for an owner that fails today's owner rule (a
role, an agency or one address on a secure domain, not spelling a family name). Now all three show the owner
through one function (`routing.shown_owner`); the owner as typed is only in the personal view (`case --full`).

A neighbour: an address owner that a later `CORRECT child.name` / `child.carer` makes spell a family name was still
printed in every digest (which never reads the form). The correction now marks the action, and all three views
show "owner to check" (a correction back clears it).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_adversarial import NOW, REF, World
from test_adversarial_round5 import _world
from test_adversarial_round7_actions import (
    AGENCIES_OK,
    CHILD_SHAPES,
    DUE,
    INSECURE,
    PEOPLE,
    ROLES_OK,
    SECURE_OK,
    _send,
    cli,
    digest,
    leaks,
)

UNCHECKED = [*(o for o in CHILD_SHAPES if "@" not in o), *PEOPLE, *INSECURE]
VALID = [*ROLES_OK, *AGENCIES_OK, *SECURE_OK]


def inject(w: World, owners: list[str]) -> list[int]:
    """Actions recorded with these owners as typed (a store from before owners were checked): their numbers."""
    con = sqlite3.connect(w.db)
    try:
        case_id, raw = con.execute("SELECT id, facts FROM cases WHERE ref = ?", (REF,)).fetchone()
        facts = json.loads(raw)
        facts.setdefault("actions", [])
        start = len(facts["actions"]) + 1
        cols = [d[0] for d in con.execute("SELECT * FROM clocks LIMIT 0").description]
        template = dict(zip(cols, con.execute("SELECT * FROM clocks WHERE case_id = ? ORDER BY id LIMIT 1",
                                              (case_id,)).fetchone(), strict=True))
        numbers = []
        for k, who in enumerate(owners, start=start):
            facts["actions"].append({"n": k, "owner": who, "due": DUE, "text": "x", "set": "2026-11-18",
                                     "done": None, "evidence": None})
            row = {c: v for c, v in template.items() if c != "id"}
            row.update({"key": "learning_action", "agency": f"#{k}", "state": "running", "due": DUE,
                        "original_due": DUE, "stopped_on": None, "stopped_at": None, "stop_reason": None})
            con.execute(f"INSERT INTO clocks ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                        tuple(row.values()))
            numbers.append(k)
        con.execute("UPDATE cases SET facts = ? WHERE id = ?", (json.dumps(facts), case_id))
        con.commit()
    finally:
        con.close()
    return numbers


def views(w: World) -> tuple[dict[str, str], str, dict[str, str], list[dict[str, Any]]]:
    """Each open action's owner as the digest, `case` (text) and `case --json` show it; and the --full actions."""
    text, _ = digest(w)
    in_digest = {}
    for line in text.split("LEARNING ACTIONS OPEN", 1)[1].split("NEW CASES since", 1)[0].splitlines()[1:]:
        if " action #" in line:
            n, rest = line.split(" action #", 1)[1].split(" (", 1)
            in_digest[n] = rest.rsplit("), due ", 1)[0]
    rc, plain, _ = cli(w, "case", REF, "--now", NOW.isoformat())
    assert rc == 0
    rc, out, _ = cli(w, "case", REF, "--json", "--now", NOW.isoformat())
    assert rc == 0
    in_json = {str(a["n"]): a["owner"] for a in json.loads(out)["process"]["actions"] if not a.get("done")}
    rc, out, _ = cli(w, "case", REF, "--json", "--full", "--now", NOW.isoformat())
    assert rc == 0
    return in_digest, plain, in_json, list(json.loads(out)["process"]["actions"])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _world(tmp_path_factory.mktemp("cmds10-owners"), False)
    yield w
    w.app.close()


def test_case_and_digest_show_every_owner_alike_and_never_as_typed(world: World) -> None:
    """Every unchecked shape (the child's and family's names in 8 spellings each, people, insecure or malformed
    addresses) and every valid one (roles, agencies, secure addresses), in one store."""
    numbers = inject(world, UNCHECKED + VALID)
    in_digest, plain, in_json, full = views(world)
    assert sorted(in_digest, key=int) == sorted(in_json, key=int) == [str(n) for n in numbers]
    assert in_digest == in_json  # one rule for both
    for n, who in zip(numbers, UNCHECKED + VALID, strict=True):
        shown = in_json[str(n)]
        assert (shown == "owner to check") is (who in UNCHECKED), (who, shown)
        assert f"action {n}: {shown}: x" in plain, (who, shown)
    assert not leaks(plain) and not leaks(json.dumps(in_json)), leaks(plain)
    for who in UNCHECKED:
        assert f": {who}: x" not in plain, who
    # The personal view keeps what was typed, beside what is shown.
    typed = {str(a["n"]): a["owner_as_typed"] for a in full}
    assert [typed[str(n)] for n in numbers] == UNCHECKED + VALID


NAMES = [("pat.owner@csc.example.gov.uk", "child.name", "Pat Owner"),
         ("named.nurse@nhs.net", "child.carer", "Nurse Named (mother)"),
         ("dc.smith@avon.example.pnn.police.uk", "child.name", "Sam Smith"),
         ("safeguarding.team@schools.example.gov.uk", "child.carer", "Jo Team (aunt)")]


@pytest.mark.parametrize(("owner", "field", "name"), NAMES)
@pytest.mark.parametrize("via", ["mail", "act"])
def test_a_corrected_name_that_an_owner_spells_marks_the_action(tmp_path: Path, owner: str, field: str, name: str,
                                                                via: str) -> None:
    w = _world(tmp_path, False)
    try:
        assert _send(w, f"ACTION: {owner}; {DUE}; check records", via).startswith("accepted")
        assert _send(w, "ACTION: Education; 2027-01-20; and this", via).startswith("accepted")
        in_digest, _, in_json, _ = views(w)
        assert in_digest == in_json == {"1": owner.lower(), "2": "Education"}
        original = {"child.name": "Alex Fictional", "child.carer": "Jo Fictional (mother)"}[field]
        assert _send(w, f"CORRECT {field}: {name}", via).startswith("accepted")
        in_digest, plain, in_json, _ = views(w)
        assert in_digest == in_json == {"1": "owner to check", "2": "Education"}, (in_digest, in_json)
        text, html = digest(w)
        assert owner.lower() not in text.lower() and owner.lower() not in html.lower()
        # (The audit log below keeps what happened, the confirmation's summary with it: the action's line does not.)
        assert "action 1: owner to check: check records" in plain and f"action 1: {owner}" not in plain
        # Corrected back: the owner no longer spells a name on the form, and shows again.
        assert _send(w, f"CORRECT {field}: {original}", via).startswith("accepted")
        in_digest, _, in_json, _ = views(w)
        assert in_digest == in_json == {"1": owner.lower(), "2": "Education"}
    finally:
        w.app.close()
