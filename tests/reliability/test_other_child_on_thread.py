"""Stranger round 19, B1/B2/B6: thread17's follow-up filing filed ANOTHER child's referral on the first child's case.

After Quentin Zabrowski's referral (001), "Mia Zabrowski, 6 weeks old, ... died last night ... Please consider a CSPR
for her." on the referral's thread was filed on 001 as correspondence: no case, no clock, nothing routed (B1, 7 of
the stranger's 15 other-child mails). "Zoe Bloggs, 3, died ...; please consider a review" answering the
acknowledgement under "RE: NS-CSPR-2026-001" was recorded as a plain reply (B6). The fourth filed follow-up of a day
was told to nobody (B2). Now a thread follow-up is filed only on positive evidence it is the case's child (its
forename or date of birth) with nothing pointing at another child (bot/domain/followups.py); anything else opens a
provisional case with its clocks, flagged as a possible duplicate; a referral under a case's reference is read as
one (parsers/classify._referral_under_ref); follow-ups beyond the day's notes are counted in the digest. Through the
real intake path (Maildir in, the store and outbox read back), hardened profile.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reliability_kit import query
from test_adversarial import World
from test_thread_follow_ups import (
    COORD,
    FORM,
    IDENTIFIERS,
    NOW,
    REF,
    REFERRAL_MID,
    SAM,
    SECOND,
    SUBJECT,
    _ack_mid,
    _app,
    _fresh,
    _new_mail,
    mail,
)

FEW = settings(max_examples=int(os.environ.get("CSPRBOT_ADVERSARIAL_EXAMPLES", "12")), deadline=None,
               derandomize=True, phases=(Phase.explicit, Phase.generate),
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
NEIGHBOUR = "worried.neighbour@gmail.com"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Case 001: Quentin Zabrowski (born 14/03/2019, 7 at the time) referred by Sam on 1 December."""
    tmp = tmp_path_factory.mktemp("other-child-template")
    w = _app(tmp, NOW - timedelta(days=1))
    out = w.feed(mail(SAM, SUBJECT, FORM.format(child="Quentin Zabrowski", dob="14/03/2019"),
                      NOW - timedelta(days=1), REFERRAL_MID))
    assert out[0].ref == REF, out
    w.app.close()
    yield tmp


# The stranger's 15 other-child narratives (t_thr1.py, t_thr2.py), on Quentin's case: the 7 that were filed first.
STRANGERS = [
    "Mia Zabrowski, 6 weeks old, who lives in the same house, died last night after being found unresponsive. "
    "Please consider a CSPR for her.",
    "Update: baby Mia, 6 weeks old, who lives in the same house, died last night after being found unresponsive. "
    "Please consider a CSPR for her.",
    "Sadly the infant at the address died last night after being found unresponsive; police are investigating. "
    "Please consider a CSPR.",
    "The baby was also found with a skull fracture and is in PICU; please consider a review for the baby as well.",
    "A little boy staying at the house, aged 4, was also seriously harmed and is in hospital with a head injury. "
    "Please consider a review for him.",
    "A 7-year-old boy visiting the address was seriously injured by the dog yesterday and neglect is suspected; "
    "please consider a review.",
    "My neighbour's baby died last night, I think she was hurt by her dad. Please consider a review.",
    "Her sister Mia, 6 weeks old, died last night after being found unresponsive. Please consider a CSPR for her.",
    "Mia (DOB 20/10/2026), who lives in the same house, died last night after being found unresponsive. "
    "Please consider a CSPR for her.",
    "Another child in the home, aged 6 weeks, died last night after being found unresponsive. Please consider a CSPR.",
    "Her twin Ben (DOB 14/03/2019) was also seriously injured and is in PICU. Please consider a review for him.",
    "Their cousin Jay (DOB 05/05/2018), who was staying at the house, has also been seriously harmed; please "
    "consider a review.",
    "Another child in the household, Ben Zabrowski, born 02/02/2017, was also seriously injured; please consider a "
    "review.",
    "Also, I need to refer another child from a different family: Zoe Bloggs, 3, died on Saturday after a fall at "
    "home; please consider a review.",
    # the report's arguable one: the same child, a new incident weeks later, is a referral of its own
    "Quentin (DOB 14/03/2019) was readmitted last night with new fractures after a second, separate incident at the "
    "father's home. Please consider a new rapid review.",
]
OTHERS = ["Mia", "Rosa", "Ben", "Lily", "Kai", "Noah", "Amara", "Oliwia"]
HARM = ["died last night after being found unresponsive", "was seriously injured at the address yesterday",
        "was found with a skull fracture and is in PICU", "has died in hospital", "was admitted with a head injury"]
ASK = ["Please consider a CSPR for her.", "Please consider a review.", "Can this be considered for a rapid review?",
       "We would like a rapid review to be considered."]
# (thread shape, subject): the referral's thread, References only, a reply to our acknowledgement (with or without
# the case reference in the subject), and the case reference alone with no thread header
SHAPES = [("in-reply-to", f"RE: {SUBJECT}"), ("references", f"Re: {SUBJECT}"), ("our-ack", f"RE: {SUBJECT}"),
          ("our-ack", f"RE: {REF}"), ("none", f"RE: {REF}")]


@st.composite
def other_child(draw: st.DrawFn) -> str:
    """One sentence about a child who is not Quentin (7): a full name sharing his surname, a baby or an infant, an
    age that is not his, someone else's child, a sibling word, or a new incident of his own."""
    fn = draw(st.sampled_from(OTHERS))
    age = draw(st.sampled_from([1, 2, 3, 4, 10, 11, 12, 14, 15]))
    weeks = draw(st.integers(1, 30))
    who = draw(st.sampled_from([
        f"{fn} Zabrowski", f"{fn} Zabrowski, {weeks} weeks old,", f"baby {fn}, {weeks} weeks old,", "the infant",
        "The baby", f"a boy aged {age}", f"A {age}-year-old girl at the address", f"{fn}, aged {age},",
        "My neighbour's little girl", f"Quentin's half-sister {fn}", f"His stepbrother {fn}",
        f"{fn}, {age} months old,", "Another child in the house"]))
    return f"{who} {draw(st.sampled_from(HARM))}. {draw(st.sampled_from(ASK))}"


def _headers(w: World, thread: str) -> dict[str, str]:
    if thread == "in-reply-to":
        return {"In-Reply-To": REFERRAL_MID, "References": REFERRAL_MID}
    if thread == "references":
        return {"References": REFERRAL_MID}
    if thread == "our-ack":
        return {"In-Reply-To": _ack_mid(w), "References": f"{REFERRAL_MID} {_ack_mid(w)}"}
    return {}


def _opens_its_case(w: World, sender: str, subject: str, body: str, headers: dict[str, str], mid: str) -> None:
    """The invariant: a case of its own, with its clocks, routed; nothing filed on 001; the co-ordinator's triage
    names 001 as a possible duplicate (or the same incident) and no child."""
    ob0, ev0 = w.last("outbox"), w.last("events")
    out = w.feed(mail(sender, subject, f"{body}\n\nKind regards\nSam Example\n", NOW, mid, headers))
    assert [o.ref for o in out] == [SECOND], (subject, body, out)
    clocks = query(w.db, "SELECT key FROM clocks WHERE case_id = 2")
    assert clocks, body
    kinds = [k for (k,) in w.new_rows("events", ev0, "kind")]
    assert "follow_up_filed" not in kinds and "reply_received" not in kinds, kinds
    sent = _new_mail(w, ob0)
    assert {r for r, kind, _ in sent if kind == "routing"} - {COORD}, "not routed to the roles"
    triage = [raw for r, kind, raw in sent if kind == "triage" and r == COORD]
    assert any(f"possible duplicate of {REF}" in t or f"same incident as case {REF}" in t for t in triage), triage
    assert not [i for t in triage for i in IDENTIFIERS if i in t.lower()]


@pytest.mark.parametrize("body", STRANGERS)
def test_the_strangers_other_child_mails_on_the_thread_each_open_a_case(template: Path, tmp_path: Path,
                                                                        body: str) -> None:
    w = _fresh(template, tmp_path)
    try:
        _opens_its_case(w, SAM, f"RE: {SUBJECT}", body, _headers(w, "in-reply-to"), "<other.1@csc.example.gov.uk>")
    finally:
        w.app.close()


@FEW
@given(body=other_child(), shape=st.sampled_from(SHAPES), neighbour=st.booleans(), k=st.integers(0, 10**6))
def test_generated_other_child_mails_open_a_case_with_clocks(template: Path, tmp_path_factory: pytest.TempPathFactory,
                                                             body: str, shape: tuple[str, str], neighbour: bool,
                                                             k: int) -> None:
    w = _fresh(template, tmp_path_factory.mktemp("other-child"))
    try:
        thread, subject = shape
        _opens_its_case(w, NEIGHBOUR if neighbour else SAM, subject, body, _headers(w, thread),
                        f"<other.{k}@csc.example.gov.uk>")
    finally:
        w.app.close()


def test_the_case_childs_news_under_the_case_reference_is_filed_with_a_note(template: Path, tmp_path: Path) -> None:
    """B6's other side: a referral-worded mail about the case's own child under "RE: NS-CSPR-2026-001" stays on the
    case (filed, the co-ordinator noted); a plain thank-you stays a plain reply."""
    w = _fresh(template, tmp_path)
    try:
        ob0 = w.last("outbox")
        out = w.feed(mail(SAM, f"RE: {REF}", "Quentin (DOB 14/03/2019) died in hospital last night. Please consider "
                          "this in the rapid review.\n\nSam\n", NOW, "<own.1@csc.example.gov.uk>"))
        assert [(o.ref, o.detail[:9]) for o in out] == [(REF, "follow-up")], out
        sent = _new_mail(w, ob0)
        assert [(r, kind) for r, kind, _ in sent] == [(COORD, "triage")]
        assert not [i for _, _, t in sent for i in IDENTIFIERS if i in t.lower()]
        out = w.feed(mail(SAM, f"RE: {REF}", "Thanks, noted.\n\nSam\n", NOW + timedelta(minutes=1),
                          "<own.2@csc.example.gov.uk>"))
        assert [(o.ref, o.detail) for o in out] == [(REF, "reply without a command")], out
        assert [r for (r,) in query(w.db, "SELECT ref FROM cases")] == [REF]
    finally:
        w.app.close()


def test_follow_ups_beyond_the_days_notes_are_counted_in_the_digest(template: Path, tmp_path: Path) -> None:
    """B2: four follow-ups on Quentin's thread in a day: three notes, and the digest counts the fourth (the case's
    reference and a count, no child)."""
    from bot.digest import build_digest

    w = _fresh(template, tmp_path)
    try:
        for n, news in enumerate(["is on the ward", "had surgery", "was seen by the consultant", "is eating again"]):
            out = w.feed(mail(SAM, f"RE: {SUBJECT}", f"Quentin (DOB 14/03/2019) {news}.\n\nSam\n",
                              NOW + timedelta(minutes=n), f"<cap.{n}@csc.example.gov.uk>",
                              {"In-Reply-To": REFERRAL_MID}))
            assert out[0].detail.startswith("follow-up"), out
        notes = query(w.db, "SELECT count(*) FROM events WHERE kind = 'follow_up_notice'")[0][0]
        assert notes == 3
        with w.app.sessions() as s:
            digest = build_digest(s, w.app.runtime(NOW + timedelta(hours=8)))
        assert f"1 more follow-up filed on {REF}" in digest.text
        assert f"1 more follow-up filed on {REF}" in digest.html
        assert not [i for i in IDENTIFIERS if i in digest.text.lower()]
    finally:
        w.app.close()


@pytest.mark.parametrize("thread", ["our-ack", "none"])
def test_another_childs_referral_answering_the_acknowledgement_opens_its_case(template: Path, tmp_path: Path,
                                                                              thread: str) -> None:
    """B6 (repro_06): under "RE: NS-CSPR-2026-001", answering our acknowledgement or with no thread header at all."""
    w = _fresh(template, tmp_path)
    try:
        _opens_its_case(w, SAM, f"RE: {REF}", STRANGERS[13], _headers(w, thread), f"<ack.{thread}@csc.example.gov.uk>")
    finally:
        w.app.close()

# Stranger round 20, B1: the other child's referral ALSO names the case's child (or its date of birth), and the
# other child is a cousin, a foster child, a partner's son, a classmate, a friend, initials, "the other one", another
# language or a bare forename: each was filed on 001. Our own wordings of the stranger's 12 shapes.
STRANGERS20 = [
    "Quentin (DOB 14/03/2019) is still in PICU. His cousin Kacper, who was staying with the family, has also been "
    "seriously injured and is in hospital. Please consider a review for him.",
    "Quentin is stable today. The foster child placed with the same carers has also been seriously injured; please "
    "consider a review.",
    "Quentin (DOB 14/03/2019) remains on the ward. R.T., who was also at the address, died last night after being "
    "found unresponsive. Please consider a CSPR for R.T.",
    "Quentin is in hospital. Sadly Jamie, who was also living at the house, died last night. Please consider a CSPR "
    "for Jamie.",
    "Quentin (DOB 14/03/2019) is stable. Sadly the other one died overnight; police are investigating. Please "
    "consider a CSPR for him.",
    "Quentin (DOB 14/03/2019) is stable. Mum's new partner's daughter, who also lives at the house, was found "
    "unresponsive and has died. Please consider a CSPR for her.",
    "Quentin is recovering. His classmate Oscar, who was staying over, died last night from his injuries. Please "
    "consider a CSPR for Oscar.",
    "Quentin (DOB 14/03/2019) is stable. His best friend from school, who was at the house for a sleepover, died "
    "last night. Please consider a CSPR for his friend.",
    "Quentin (DOB 14/03/2019) está estable. Su hermano Leo murió anoche; la policía investiga. Please consider a "
    "CSPR for Leo.",
    "Quentin (DOB 14/03/2019) is stable. Jego brat Leo zmarł w nocy. Please consider a CSPR for Leo.",
    "Quentin is stable. Jamie was found unresponsive at the house and has died. Please consider a rapid review.",
    "Quentin (DOB 14/03/2019) remains in PICU. Mum's partner's little boy has a skull fracture and is in hospital; "
    "can this be considered for a rapid review?",
]


@pytest.mark.parametrize("body", STRANGERS20)
@pytest.mark.parametrize("thread", ["in-reply-to", "references"])
def test_another_childs_referral_naming_the_case_child_too_opens_its_case(template: Path, tmp_path: Path, body: str,
                                                                          thread: str) -> None:
    w = _fresh(template, tmp_path)
    try:
        _opens_its_case(w, SAM, f"RE: {SUBJECT}", body, _headers(w, thread), "<other20.1@csc.example.gov.uk>")
    finally:
        w.app.close()


@pytest.mark.parametrize("body", [STRANGERS20[1], STRANGERS20[5]])
def test_a_foster_child_or_partners_child_answering_the_acknowledgement_opens_its_case(template: Path, tmp_path: Path,
                                                                                      body: str) -> None:
    """The stranger's "foster_ack": the same kind of mail answering our acknowledgement under "RE: REF"."""
    w = _fresh(template, tmp_path)
    try:
        _opens_its_case(w, SAM, f"RE: {REF}", body, _headers(w, "our-ack"), "<other20.2@csc.example.gov.uk>")
    finally:
        w.app.close()
