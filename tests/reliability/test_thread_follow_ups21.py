"""Thread follow-ups after stranger round 20 (fix21d): the sender's own text above a quote decides; another child
under "RE: <case reference>" with no "child" word; the case child's own news naming an adult, the baby he was or a
safe sibling (B6); since round 22 (fix23c, B7) his own referral news ("has made a further referral to CSC").

1. A new child's story written above "On <date>, <name> wrote:" (the referral quoted below) joined case 001 as a
   duplicate referral: the quoted form was read as the mail's. Now, on a case's thread, the quoted form is that
   case's history and the sender's own lines decide (bot/intake._own_text_decides).
2. Under "RE: NS-CSPR-2026-001", "I also need to tell you about Kacper Nowak, 3, admitted to BRI last night with a
   skull fracture" was a plain reply (no "child" word). Now an introduced child is a referral
   (parsers/classify._referral_under_ref), and a plain reply telling of harm is one when it points at another child.
3. (noise) "His mother, Jo Zabrowski, says ...", "since he was a baby", "His brother is safe and staying with gran"
   opened flagged duplicate cases; they are filed now, while a harmed sibling still opens its own case.
Through the real intake path (Maildir in, the store and outbox read back), hardened profile. The mails come from
tests/reliability/followup_mails.py (the same grammar bench/count_followups21.py counts main and a branch with).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from followup_mails import (
    SHAPES,
    case_child_news,
    case_child_news_below,
    case_child_referral_news,
    foreign_referral,
    harmed_sibling,
    other_child,
    other_child_22,
    other_child_referral_news,
)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reliability_kit import query
from test_adversarial import World
from test_other_child_on_thread import _headers
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
    _app,
    _fresh,
    _new_mail,
    mail,
)

FEW = settings(max_examples=int(os.environ.get("CSPRBOT_ADVERSARIAL_EXAMPLES", "12")), deadline=None,
               derandomize=True, phases=(Phase.explicit, Phase.generate),
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Case 001: Quentin Zabrowski (born 14/03/2019), his mother Jo Zabrowski his carer, referred by Sam."""
    tmp = tmp_path_factory.mktemp("follow-up21-template")
    w = _app(tmp, NOW - timedelta(days=1))
    out = w.feed(mail(SAM, SUBJECT, FORM.format(child="Quentin Zabrowski", dob="14/03/2019"),
                      NOW - timedelta(days=1), REFERRAL_MID))
    assert out[0].ref == REF, out
    w.app.close()
    yield tmp


def _new_child(w: World) -> tuple[str, str]:
    """The child's name and date of birth case 002 was opened with."""
    (raw,) = query(w.db, "SELECT referral_json FROM cases WHERE id = 2")[0]
    import json

    child = (json.loads(raw) if isinstance(raw, str) else raw or {}).get("child") or {}
    return str(child.get("name") or ""), str(child.get("date_of_birth") or "")


def _opens_its_case(w: World, subject: str, body: str, headers: dict[str, str], mid: str) -> None:
    """A case of its own, with its clocks, routed; nothing filed on 001 and nothing joined to it; on a thread or
    under 001's reference the co-ordinator's triage names 001 as a possible duplicate (or the same incident), and
    no child."""
    ob0, ev0 = w.last("outbox"), w.last("events")
    out = w.feed(mail(SAM, subject, body, NOW, mid, headers))
    assert [o.ref for o in out] == [SECOND], (subject, body, out)
    assert query(w.db, "SELECT key FROM clocks WHERE case_id = 2"), body
    kinds = [k for (k,) in w.new_rows("events", ev0, "kind")]
    assert not {"follow_up_filed", "reply_received", "duplicate_referral"} & set(kinds), kinds
    sent = _new_mail(w, ob0)
    assert {r for r, kind, _ in sent if kind == "routing"} - {COORD}, "not routed to the roles"
    triage = [raw for r, kind, raw in sent if kind == "triage" and r == COORD]
    if headers or REF in subject:
        assert any(f"possible duplicate of {REF}" in t or f"same incident as case {REF}" in t for t in triage), triage
    assert not [i for t in triage for i in IDENTIFIERS if i in t.lower()]


def _other_childs_mail_opens_its_case(w: World, tail: str, body: str, names_case_child: bool,
                                      shape: tuple[str, str], k: int) -> None:
    thread, subject = shape
    _opens_its_case(w, subject, body, _headers(w, thread), f"<o21.{k}@csc.example.gov.uk>")
    if not names_case_child:
        # the new case is the other child's: nothing of Quentin's from the quoted form
        name, dob = _new_child(w)
        assert "quentin" not in name.lower() and dob != "2019-03-14", (tail, name, dob)


def _case_child_news_stays_on_the_case(w: World, body: str, shape: tuple[str, str], k: int) -> None:
    """Filed on 001 (or, under "RE: <reference>" when it is no referral, recorded there as a reply): no second case,
    no duplicate referral, no clock started."""
    thread, subject = shape
    clocks = query(w.db, "SELECT count(*) FROM clocks")[0][0]
    ev0 = w.last("events")
    out = w.feed(mail(SAM, subject, body, NOW, f"<n21.{k}@csc.example.gov.uk>", _headers(w, thread)))
    assert [(o.status, o.ref) for o in out] == [("processed", REF)], (subject, body, out)
    assert [r for (r,) in query(w.db, "SELECT ref FROM cases")] == [REF]
    assert query(w.db, "SELECT count(*) FROM clocks")[0][0] == clocks
    kinds = [k for (k,) in w.new_rows("events", ev0, "kind")]
    assert "duplicate_referral" not in kinds, kinds
    if subject != f"RE: {REF}":
        assert "follow_up_filed" in kinds, (body, kinds)


@FEW
@given(mailed=st.data(), shape=st.sampled_from(SHAPES), k=st.integers(0, 10**6))
def test_another_childs_referral_opens_its_case_above_any_quote_in_any_style(
        template: Path, tmp_path_factory: pytest.TempPathFactory, mailed: st.DataObject, shape: tuple[str, str],
        k: int) -> None:
    """Another child brought in (8 styles, with or without an age, a "child" word or a review asked, after a line of
    the case child's news or not), above any quoted tail, on any thread shape: its own case, clocks, routing."""
    tail, body, names = other_child(lambda seq: mailed.draw(st.sampled_from(list(seq))))
    w = _fresh(template, tmp_path_factory.mktemp("other21"))
    try:
        _other_childs_mail_opens_its_case(w, tail, body, names, shape, k)
    finally:
        w.app.close()


@FEW
@given(mailed=st.data(), shape=st.sampled_from(SHAPES), k=st.integers(0, 10**6))
def test_the_case_childs_news_naming_adults_a_baby_or_a_safe_sibling_is_filed(
        template: Path, tmp_path_factory: pytest.TempPathFactory, mailed: st.DataObject, shape: tuple[str, str],
        k: int) -> None:
    _, _, body = case_child_news(lambda seq: mailed.draw(st.sampled_from(list(seq))))
    w = _fresh(template, tmp_path_factory.mktemp("news21"))
    try:
        _case_child_news_stays_on_the_case(w, body, shape, k)
    finally:
        w.app.close()


@FEW
@given(mailed=st.data(), shape=st.sampled_from(SHAPES), k=st.integers(0, 10**6))
def test_a_harmed_sibling_beside_the_case_childs_news_opens_its_case(
        template: Path, tmp_path_factory: pytest.TempPathFactory, mailed: st.DataObject, shape: tuple[str, str],
        k: int) -> None:
    """Fail-safe kept: a sibling hurt, or said safe with harm beside it, is never the case child's news."""
    _, body = harmed_sibling(lambda seq: mailed.draw(st.sampled_from(list(seq))))
    w = _fresh(template, tmp_path_factory.mktemp("sib21"))
    try:
        thread, subject = shape
        _opens_its_case(w, subject, body, _headers(w, thread), f"<s21.{k}@csc.example.gov.uk>")
    finally:
        w.app.close()


@pytest.mark.parametrize("tail", ["gmail", "apple", "outlook", "outlook_rule"])
@pytest.mark.parametrize("thread", ["in-reply-to", "none"])
def test_the_reporters_kacper_above_the_quoted_referral_opens_his_case(template: Path, tmp_path: Path, tail: str,
                                                                        thread: str) -> None:
    """Item 1 as reported: a new child's story above "On ..., Sam Example wrote:" and the referral quoted, on the
    referral's thread or with the thread header lost (the quoted form would have joined 001 by its child)."""
    from followup_mails import TAILS

    w = _fresh(template, tmp_path)
    try:
        body = ("Hi,\n\nKacper Nowak, 3, was admitted to BRI last night with a skull fracture. Please consider a rapid "
                f"review.\n\nSam\n\n{TAILS[tail]}")
        _opens_its_case(w, f"RE: {SUBJECT}", body, _headers(w, thread), f"<kacper.{tail}@csc.example.gov.uk>")
        name, dob = _new_child(w)
        assert "quentin" not in name.lower() and dob != "2019-03-14", (name, dob)
    finally:
        w.app.close()


def test_the_reporters_kacper_under_the_case_reference_opens_his_case(template: Path, tmp_path: Path) -> None:
    """Item 2 as reported: answering csprbot's acknowledgement under "RE: NS-CSPR-2026-001", no "child" word."""
    w = _fresh(template, tmp_path)
    try:
        _opens_its_case(w, f"RE: {REF}", "I also need to tell you about Kacper Nowak, 3, admitted to BRI last night "
                        "with a skull fracture. Mum says he fell down the stairs.\n\nSam\n", _headers(w, "our-ack"),
                        "<kacper.ref@csc.example.gov.uk>")
    finally:
        w.app.close()


@pytest.mark.parametrize("body", ["Thanks, noted.\n\nSam\n", "Quentin's fracture is healing; he is home.\n\nSam\n",
                                  "The boy remains on the ward after the fracture.\n\nSam\n"])
def test_a_plain_reply_under_the_case_reference_stays_a_reply(template: Path, tmp_path: Path, body: str) -> None:
    """The other side of item 2: a reply telling of the case child's harm, or nobody's, stays a plain reply."""
    w = _fresh(template, tmp_path)
    try:
        out = w.feed(mail(SAM, f"RE: {REF}", body, NOW, "<plain21@csc.example.gov.uk>", _headers(w, "our-ack")))
        assert [(o.ref, o.detail) for o in out] == [(REF, "reply without a command")], out
    finally:
        w.app.close()


@FEW
@given(mailed=st.data(), shape=st.sampled_from(SHAPES), k=st.integers(0, 10**6))
def test_round22_another_child_by_relation_language_or_below_the_quote_opens_its_case(
        template: Path, tmp_path_factory: pytest.TempPathFactory, mailed: st.DataObject, shape: tuple[str, str],
        k: int) -> None:
    """Stranger round 22, B2: the lodger's daughter with a broken femur, another language's referral (German, Welsh,
    Polish, Spanish, Portuguese, Romanian), an English referral written under the quoted acknowledgement: each was
    a plain reply on 001. Each opens its own case with clocks, routed, flagged a possible duplicate."""
    family, body = other_child_22(lambda seq: mailed.draw(st.sampled_from(list(seq))))
    w = _fresh(template, tmp_path_factory.mktemp("other22"))
    try:
        thread, subject = shape
        if family == "foreign":
            # as round 22 sent it, under the case's reference (with none, and no quote, such a mail is quarantined
            # for the co-ordinator: no referral form read; left as it was, see docs/RELIABILITY.md section 7)
            subject = f"RE: {REF}"
        _opens_its_case(w, subject, body, _headers(w, thread), f"<o22.{k}@csc.example.gov.uk>")
    finally:
        w.app.close()


@pytest.mark.parametrize("family", ["relation", "foreign", "below"])
def test_round22_each_shape_under_the_case_reference_opens_its_case(template: Path, tmp_path: Path,
                                                                    family: str) -> None:
    """Each round-22 shape at least once, as reported: answering the acknowledgement under "RE: <reference>"."""
    import random

    rnd = random.Random(22)
    for _ in range(200):
        got, body = other_child_22(lambda seq: rnd.choice(list(seq)))
        if got == family:
            break
    w = _fresh(template, tmp_path)
    try:
        _opens_its_case(w, f"RE: {REF}", body, _headers(w, "our-ack"), f"<r22.{family}@csc.example.gov.uk>")
    finally:
        w.app.close()


@FEW
@given(mailed=st.data(), shape=st.sampled_from(SHAPES), k=st.integers(0, 10**6))
def test_round22_the_case_childs_news_below_the_quote_is_filed(
        template: Path, tmp_path_factory: pytest.TempPathFactory, mailed: st.DataObject, shape: tuple[str, str],
        k: int) -> None:
    """The other side: the case child's own news written under the quote is still his news, filed on 001."""
    body = case_child_news_below(lambda seq: mailed.draw(st.sampled_from(list(seq))))
    w = _fresh(template, tmp_path_factory.mktemp("news22"))
    try:
        _case_child_news_stays_on_the_case(w, body, shape, k)
    finally:
        w.app.close()


# Stranger round 22, B7 (fix23c): the case child's own referral news opened a flagged second case. The mail is tied to
# 001 by its thread or the reference in its subject; with both lost ("RE: <referral subject>", no thread header) the
# bot cannot tell which case it is news of and the mail fails safe (a flagged case or quarantine: RELIABILITY 7).
TIED = [shape for shape in SHAPES if shape != ("none", f"RE: {SUBJECT}")]


@FEW
@given(mailed=st.data(), shape=st.sampled_from(TIED), k=st.integers(0, 10**6))
def test_round22_b7_the_case_childs_own_referral_news_is_kept_on_the_case(
        template: Path, tmp_path_factory: pytest.TempPathFactory, mailed: st.DataObject, shape: tuple[str, str],
        k: int) -> None:
    """A further referral, a re-referral, referred to CSC / CAMHS / police / MASH / early help, a new referral by
    school about him, a second referral, referred again: naming him by forename, full name, forename and date of
    birth, pronoun, "the child", "the young person" or "YP"; above a quote, below the quoted acknowledgement or with
    none; with or without harm words. Filed on 001 (a plain reply under "RE: <reference>"), no second case."""
    _, _, body = case_child_referral_news(lambda seq: mailed.draw(st.sampled_from(list(seq))))
    w = _fresh(template, tmp_path_factory.mktemp("referred23"))
    try:
        _case_child_news_stays_on_the_case(w, body, shape, k)
    finally:
        w.app.close()


@FEW
@given(mailed=st.data(), shape=st.sampled_from(SHAPES), k=st.integers(0, 10**6))
def test_round22_b7_another_childs_referral_in_the_same_words_opens_its_case(
        template: Path, tmp_path_factory: pytest.TempPathFactory, mailed: st.DataObject, shape: tuple[str, str],
        k: int) -> None:
    """The other side: "the school has made a further referral to CSC about Kacper Nowak / his cousin Jay / the
    lodger's daughter / J.F. / his brother, who ..." is another child's referral: who it is about decides."""
    _, body = other_child_referral_news(lambda seq: mailed.draw(st.sampled_from(list(seq))))
    w = _fresh(template, tmp_path_factory.mktemp("otherref23"))
    try:
        thread, subject = shape
        _opens_its_case(w, subject, body, _headers(w, thread), f"<or23.{k}@csc.example.gov.uk>")
    finally:
        w.app.close()


@pytest.mark.parametrize("own", [
    "Quentin has made a further referral to CSC.",  # as round 22 sent it
    "School has made a further referral to CSC about him. He had bruising on his arm.",
    "The young person has been re-referred to CAMHS.", "YP was referred to the MASH again yesterday.",
    "A second referral has been made to early help for the child."])
@pytest.mark.parametrize("shape", [("in-reply-to", f"RE: {SUBJECT}"), ("our-ack", f"RE: {REF}")])
def test_round22_b7_as_reported_filed_on_the_case(template: Path, tmp_path: Path, own: str,
                                                  shape: tuple[str, str]) -> None:
    w = _fresh(template, tmp_path)
    try:
        _case_child_news_stays_on_the_case(w, f"Thanks.\n\n{own}\n\nSam\n", shape, 7)
    finally:
        w.app.close()


# Round 22's leftover (fix23c; issue #12 item 3, never miss a referral): another language's referral sent fresh, no
# case reference in its subject, no thread, no quote, was quarantined (no case, no clocks). Its harm or referring
# words beside a child's age (or under a referral subject) make it a possible referral: a provisional case, routed,
# its clocks running, the co-ordinator told it was not understood. A foreign mail with none of them stays quarantined.
@FEW
@given(mailed=st.data(), k=st.integers(0, 10**6))
def test_a_foreign_language_referral_with_no_reference_opens_a_provisional_case(
        template: Path, tmp_path_factory: pytest.TempPathFactory, mailed: st.DataObject, k: int) -> None:
    language, subject, body = foreign_referral(lambda seq: mailed.draw(st.sampled_from(list(seq))))
    w = _fresh(template, tmp_path_factory.mktemp("foreign23"))
    try:
        ob0 = w.last("outbox")
        out = w.feed(mail(SAM, subject, body, NOW, f"<f23.{k}@csc.example.gov.uk>"))
        assert [(o.status, o.ref) for o in out] == [("processed", SECOND)], (language, subject, body, out)
        assert query(w.db, "SELECT stage FROM cases WHERE id = 2") == [("provisional",)]
        assert query(w.db, "SELECT key FROM clocks WHERE case_id = 2"), language
        sent = _new_mail(w, ob0)
        assert {r for r, kind, _ in sent if kind == "routing"} - {COORD}, "not routed to the roles"
    finally:
        w.app.close()


@pytest.mark.parametrize("language", range(9))
def test_each_language_once_and_a_foreign_thank_you_stays_quarantined(template: Path, tmp_path: Path,
                                                                     language: int) -> None:
    from followup_mails import FOREIGN, FOREIGN_MORE

    w = _fresh(template, tmp_path)
    try:
        body = [*FOREIGN, *FOREIGN_MORE][language].format(n="Zoe Bloggs")
        out = w.feed(mail(SAM, "Update", f"{body}\n\nSam\n", NOW, f"<fl23.{language}@csc.example.gov.uk>"))
        assert [(o.status, o.ref) for o in out] == [("processed", SECOND)], (body, out)
        thanks = ["Danke, erhalten.", "Diolch, wedi derbyn.", "Dziękuję, otrzymałam.", "Gracias, recibido.",
                  "Obrigado, recebido.", "Mulțumesc, am primit.", "Merci, bien reçu.", "Grazie, ricevuto.",
                  "Ačiū, gavau."][language]
        out = w.feed(mail(SAM, "Update", f"{thanks}\n\nSam\n", NOW, f"<ft23.{language}@csc.example.gov.uk>"))
        assert [o.status for o in out] == ["quarantined"], (thanks, out)
    finally:
        w.app.close()
