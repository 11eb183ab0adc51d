"""`csprbot report --year`: the partnership's year in figures, counted against a hand-worked case."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest
from replay import ROLE, Replay, fill_return_form

from bot.cli import main

REF = "NS-CSPR-2026-001"


@pytest.fixture()
def replay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Replay:
    monkeypatch.chdir(tmp_path)
    return Replay(tmp_path)


def report(*args: str) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["report", *args]) == 0
    return buf.getvalue()


def test_year_in_figures_from_a_replayed_case(replay: Replay) -> None:
    # Incident Wed 1 April 2026, referral Thu 2 April (on time: due 1 WD after the incident).
    assert main(["demo", "--now", "2026-04-02T10:00"]) == 0
    replay.run("2026-04-02T10:05")
    # Screening was due Fri 10 April (Easter in between) and the SIN by Mon 13 April at the latest:
    # both are recorded on Tue 14 April, so both were late.
    replay.reply(ROLE["subgroup_chair"], REF, "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and Somerset Police",
                 "2026-04-14T11:00")
    replay.reply(ROLE["service_leader"], REF, "NOTIFIED: 2026-04-14", "2026-04-14T11:01")
    replay.run("2026-04-14T11:05")
    # Education returns on Mon 27 April (due Tue 28 April); the police never do.
    nil_return = fill_return_form(REF, "Education", "No", "Lee Specimen", ROLE["education_lead"])
    replay.reply(ROLE["education_lead"], REF, "Please find our return attached.", "2026-04-27T10:00",
                 ("agency return.docx", nil_return))
    replay.run("2026-04-27T10:05")

    got = json.loads(report("--year", "2026", "--json", "--now", "2026-05-01T12:00"))
    assert (got["year"], got["referrals"], got["late_referrals"], got["rapid_reviews_decided"],
            got["no_rapid_review"], got["local_reviews_commissioned"]) == (2026, 1, 0, 1, 0, 0)
    duties = got["duties"]

    def t(d: dict[str, object]) -> tuple[object, ...]:
        return d["started"], d["on_time"], d["late"], d["open"], d["overdue"]

    assert t(duties["referral"]) == (1, 1, 0, 0, 0)
    assert t(duties["screening"]) == (1, 0, 1, 0, 0)
    assert t(duties["notification"]) == (1, 0, 1, 0, 0)
    assert t(duties["rr_submission"]) == (1, 0, 0, 1, 0)  # due Wed 6 May: still open on 1 May
    assert t(duties["lcspr"]) == (0, 0, 0, 0, 0)
    assert duties["notification"]["on_time_percent"] == 0.0
    agencies = got["agency_returns"]
    assert t(agencies["Education"]) == (1, 1, 0, 0, 0)
    assert t(agencies["Avon and Somerset Police"]) == (1, 0, 0, 0, 1)  # due 28 April, nothing by 1 May
    # Another year has nothing in it.
    other = json.loads(report("--year", "2025", "--json", "--now", "2026-05-01T12:00"))
    assert other["referrals"] == 0 and all(d["started"] == 0 for d in other["duties"].values())

    rows = list(csv.DictReader(io.StringIO(report("--year", "2026", "--csv", "--now", "2026-05-01T12:00"))))
    police = next(r for r in rows if r["name"] == "Avon and Somerset Police")
    assert (police["scope"], police["overdue"]) == ("agency_return", "1")
    text = report("--year", "2026", "--now", "2026-05-01T12:00")
    assert "Notifications to the National Panel within 5 working days" in text
    # Figures only: the report names no child.
    for out in (text, json.dumps(got)):
        assert "Alex" not in out and "Fictional" not in out
