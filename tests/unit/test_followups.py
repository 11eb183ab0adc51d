"""bot/domain/followups.py: what a no-form mail's own text gives of an open case's child, and when it points at
another child (stranger round 17, B5). The intake path around it: tests/reliability/test_thread_follow_ups.py."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.followups import another_child, evidence, forenames

FORM: dict[str, object] = {"child": {"name": "Quentin Zabrowski", "date_of_birth": "2019-03-14"}}


@pytest.mark.parametrize(("name", "expected"), [
    ("Quentin Zabrowski", {"quentin"}), ("ZABROWSKI, Quentin", {"quentin"}), ("Quentin James Zabrowski",
                                                                            {"quentin", "james"}),
    ("Quentin", {"quentin"}), ("Zoë O'Neil-Smith", {"zoe", "oneil"}), ("", set()),
])
def test_forenames_leave_the_surname_out(name: str, expected: set[str]) -> None:
    assert forenames(name) == expected


def _written(d: date, style: int) -> str:
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    return [f"{d:%d/%m/%Y}", f"{d.day}.{d.month}.{d:%Y}", f"{d.day} {months[d.month - 1]} {d:%Y}", f"{d:%Y-%m-%d}",
            f"{d:%d/%m/%y}"][style]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(dob=st.dates(date(2008, 1, 1), date(2026, 11, 30)), style=st.integers(0, 4), other=st.integers(1, 400),
       forename=st.sampled_from(["Quentin", "Amara", "Zoë", "Bethany"]))
def test_evidence_reads_the_childs_date_of_birth_as_written_and_no_other(dob: date, style: int, other: int,
                                                                         forename: str) -> None:
    form: dict[str, object] = {"child": {"name": f"{forename} Example", "date_of_birth": dob.isoformat()}}
    text = f"Thanks. {forename} (DOB {_written(dob, style)}) is home now."
    assert evidence(text, form) == ("forename", "date_of_birth")
    assert another_child(text, form) is None
    elsewhere = date.fromordinal(dob.toordinal() + other)
    moved = f"Thanks. {forename} (DOB {_written(elsewhere, style)}) is home now."
    assert "date_of_birth" not in evidence(moved, form)
    assert another_child(moved, form) == "it gives another date of birth"
    # the surname alone, or a forename inside another word, is no forename
    assert evidence(f"Master Example{forename.lower()}s was seen.", form) == ()


@pytest.mark.parametrize("text", [
    "His sister (DOB 02/06/2017) was admitted too.", "Quentin's twin was seen today.", "Both siblings are home.",
    "A half-brother lives with them.", "The other children are with their father.",
])
def test_a_sibling_in_prose_is_another_child(text: str) -> None:
    assert another_child(text, FORM) is not None


def test_a_letter_naming_another_child_and_a_garbled_greeting_name() -> None:
    assert another_child("Rosa Zabrowski (DOB 14/03/2019) was hurt.", FORM, "Rosa Zabrowski") == \
        "it names another child"
    assert another_child("x", FORM, "Quentin Zabrowsky") == "it names a child whose name is spelt differently"
    # the same child (surname first, a middle name) and the narrative reader's "Hi, He" are not another child
    for same in ("ZABROWSKI Quentin", "Quentin James Zabrowski", "Hi, He", "Thanks, Quentin"):
        assert another_child("x", FORM, same) is None, same
    assert another_child("x", FORM, None, "2017-06-02") == "it gives another date of birth"
    assert another_child("The mother was born in Poland.", FORM) is None


DAY = date(2026, 12, 2)  # Quentin is 7


@pytest.mark.parametrize("text", [
    "Mia Zabrowski, 6 weeks old, died last night.", "Update: baby Mia died last night.", "The infant was found.",
    "A little boy staying at the house, aged 4, was harmed.", "A 7-year-old boy visiting was injured.",
    "My neighbour's baby died last night.", "Quentin was readmitted after a second, separate incident.",
    "The child died last night after being found unresponsive. Please consider a CSPR.", "Ruby, aged 12, was hurt.",
])
def test_round19_another_child_without_a_sibling_word(text: str) -> None:
    """Stranger round 19, B1: other children the sibling words missed."""
    assert another_child(text, FORM, today=DAY) is not None


@pytest.mark.parametrize("text", [
    "Quentin (DOB 14/03/2019) is home now.", "Quentin, aged 7, is home now.", "Mrs Zabrowski visited Quentin today.",
    "Quentin Zabrowski had surgery; please consider this in the review.", "Quentin is 7 years old and recovering.",
])
def test_round19_the_case_childs_own_news_is_not_another_child(text: str) -> None:
    assert another_child(text, FORM, today=DAY) is None


# Quentin's carer and his mother on the family table are names the case's own news may use; his sister there is not.
FAMILY: dict[str, object] = {
    "child": {"name": "Quentin Zabrowski", "date_of_birth": "2019-03-14", "carer": "Joanna Zabrowski (mother)"},
    "family": [{"name": "Piotr Nowak", "relationship": "Mother's partner"},
               {"name": "Mia Zabrowski", "relationship": "Sister", "date_of_birth": "2021-05-01"}]}


@pytest.mark.parametrize("text", [
    "Quentin (DOB 14/03/2019) is in PICU. His cousin Jay has also been seriously injured. Please consider a review.",
    "Quentin is stable. The foster child placed with the same carers died. Please consider a review.",
    "Quentin is stable. Mum's new partner's son has died. Please consider a CSPR for him.",
    "Quentin is stable. His classmate Leo died last night. Please consider a CSPR for Leo.",
    "Quentin is stable. His best friend from school died last night. Please consider a CSPR.",
    "Quentin (DOB 14/03/2019) is stable. J.F. died last night. Please consider a CSPR for J.F.",
    "Quentin is stable. Sadly the other one died last night. Please consider a CSPR for him.",
    "Quentin está estable. Su hermana murió anoche. Please consider a CSPR.",
    "Quentin is stable. Jej siostra zmarla w nocy. Please consider a CSPR.",
    "Quentin is in hospital. Sadly Jamie, who was also living at the house, died. Please consider a CSPR for Jamie.",
    "Quentin is stable. Mia died last night. Please consider a CSPR for her.",
])
def test_round20_another_child_beside_the_case_childs_name(text: str) -> None:
    """Stranger round 20, B1: a referral of a death or serious harm that names the case's child AND brings in
    someone else is not the case child's news."""
    assert another_child(text, FAMILY, today=DAY) is not None


@pytest.mark.parametrize("text", [
    "Quentin (DOB 14/03/2019) died in hospital last night. Please consider this in the rapid review.",
    "Quentin remains seriously injured; Joanna and Piotr Nowak are with him. Please consider a review.",
    "Quentin (DOB 14/03/2019) had surgery on Friday and is seriously injured still. The rapid review is on Monday.",
    "Quentin is home now.",
])
def test_round20_the_case_childs_own_referral_news_is_still_his(text: str) -> None:
    assert another_child(text, FAMILY, today=DAY) is None


# Stranger round 20, B6 (fix21d): the case child's own news naming an adult, the baby he was or a sibling said to be
# safe opened flagged duplicate cases; a sibling harmed, or any doubt, still keeps the mail off the case.
NEWS = "Quentin (DOB 14/03/2019) is home now."
CARER: dict[str, object] = {
    "child": {"name": "Quentin Zabrowski", "date_of_birth": "2019-03-14", "carer": "Jo Zabrowski (mother)"}}


@pytest.mark.parametrize("extra", [
    "His mother, Jo Zabrowski, says he is sleeping better.", "His mother Kasia Zabrowski says he is eating well.",
    "Mum (Jo Zabrowski) has been with him all day.", "His father Marek says the fracture is healing.",
    "His foster carer, Ann Smith, is with him.", "His mother, aged 24, is staying at the hospital.",
    "Jo Zabrowski (mother) is with him.", "Her mother says he is much brighter today.",
    "Dr Amir Khan says the skull fracture is healing.", "Mum (DOB 01/01/1995) is with him.",
    "A 24-year-old man has been arrested.",
    "He has had seizures since he was a baby.", "He was premature as a baby.", "Quentin has been known to us since "
    "he was a toddler.", "He has been on a plan since he was a baby and is in PICU now.",
    "His brother is safe and staying with gran.", "His sister is safe and well with her grandmother.",
    "His younger brother was not hurt and is staying with his dad.", "His twin sister is fine.",
    "The other children are safe and staying with their father.", "His brother is also safe.",
])
def test_b6_adults_the_baby_he_was_and_a_safe_sibling_are_not_another_child(extra: str) -> None:
    for form in (FORM, CARER):
        for news in (NEWS, "Quentin (d.o.b. 14.03.2019) remains on the ward.", "Thanks.\nQuentin had surgery."):
            assert another_child(f"{news} {extra}", form, today=DAY) is None, (news, extra)
            assert another_child(f"{extra} {news}", form, today=DAY) is None, (news, extra)


@pytest.mark.parametrize("extra", [
    "His brother Leo, 4, was also admitted with bruising.", "His sister is safe but has a bruise on her cheek.",
    "His brother is safe now but was also hit.", "His brother is staying with gran. He has a skull fracture too.",
    "His sister was not hurt, but his brother has burns to his hand.", "His brother is safe. She was also hit.",
    "His brother is safe with gran; the baby has a fracture.", "His sister is safe at gran's. Mia was hit by dad.",
    "His brother is safe. The police are investigating bruising to the younger one.",
    "His brother lives with them.", "His sister is safe and staying with Kacper Nowak, 3, who was also hurt.",
    # an adult's name given with a child's age (a mother of 15), a teenager, a baby of the household
    "His mother, Lily Zabrowski, 15, says he is eating.", "A 15-year-old boy has been arrested.",
    "Her mum Jo says the baby has bruises.",
    # "since she was a baby" of someone else named
    "Mia Zabrowski has been in care since she was a baby.",
    # a referral of its own brought in, with no child word
    "I also need to tell you about Kacper Nowak, 3, admitted to BRI last night with a skull fracture.",
    "Separately, can I also refer Zoe Bloggs? She suffered serious burns at home yesterday.",
    "Zoe Bloggs, 11, is in intensive care after an overdose.",
])
def test_b6_a_harmed_or_unsure_sibling_or_another_child_still_is(extra: str) -> None:
    for form in (FORM, CARER):
        assert another_child(f"{NEWS} {extra}", form, today=DAY) is not None, extra


def test_an_introduction_of_the_case_childs_own_news_is_not_a_referral_of_its_own() -> None:
    assert another_child("I also need to tell you about Quentin's discharge today.", FORM, today=DAY) is None
    assert another_child("I also want to let you know about Quentin (DOB 14/03/2019): he is home.", FORM,
                         today=DAY) is None


# Stranger round 22, B7 (fix23c): the case child's own referral news read as another child's referral (a flagged
# second case). Who the text is about decides, not the referral words.
WHO = ["Quentin", "Quentin Zabrowski", "He", "The child", "The young person", "YP"]
OBJ = {"Quentin": "Quentin", "Quentin Zabrowski": "Quentin Zabrowski", "He": "him", "The child": "the child",
       "The young person": "the young person", "YP": "YP"}
REFERRED = ["{c} has made a further referral to CSC.", "School has made a further referral to CAMHS about {o}.",
            "{c} has been re-referred to the MASH.", "{c} was referred to the police again yesterday.",
            "A second referral has been made to early help for {o}.",
            "FYI a new referral was made by school about {o}.",
            "The school have also referred {o} to CAMHS.", "We received a further referral about {o} from the GP.",
            "{c} has been referred to Children's Services again. He had bruising on his arm that school noticed."]


@pytest.mark.parametrize("line", REFERRED)
@pytest.mark.parametrize("who", WHO)
def test_b7_the_case_childs_own_referral_news_is_his(line: str, who: str) -> None:
    from bot.domain.followups import referral_news

    text = f"Thanks.\n\n{line.format(c=who, o=OBJ[who])}\n\nKind regards\nSam Example\n"
    for form in (FORM, CARER):
        assert another_child(text, form, today=DAY) is None, text
        assert referral_news(text, form, DAY), text


@pytest.mark.parametrize("text", [
    # another name, a forename of the family, a relation, initials, a sibling, someone else's, placed elsewhere
    "School has made a further referral to CSC about Kacper Nowak, who was admitted with a skull fracture.",
    "A new referral has been made to CAMHS for Mia Zabrowski, who has a fractured arm.",
    "There has been a second referral to CSC regarding his cousin Jay, who was hit.",
    "The lodger's daughter has been re-referred to CSC: she has a broken wrist.",
    "J.F. has been re-referred to the MASH after a head injury.",
    "A further referral has been made to CSC about his brother, who has burns.",
    "School has made a further referral to CSC about the boy next door, who was hit.",
    "A new referral was made to CSC about a 5-year-old girl at the same address who was hurt.",
    # the sender introducing a child to the bot, and a new incident of the same child, as before
    "We have a new referral for you: the young person was admitted with burns.",
    "Can I also refer him? He was admitted with a skull fracture.",
    "Quentin was readmitted after a second, separate incident. A further referral has been made to CSC.",
    # a name in an earlier sentence: "him" may be that child's
    "Kacper Nowak lives next door. A new referral was made about him after a skull fracture.",
])
def test_b7_another_child_in_the_same_words_is_still_another(text: str) -> None:
    assert another_child(text, FORM, today=DAY) is not None, text


@pytest.mark.parametrize("text", [
    "He was admitted with a skull fracture.",  # a pronoun with no referral news: no evidence (round 19, B1)
    "Kacper Nowak lives next door. He has been re-referred to CSC.\n\nSam\n",  # "he" may be Kacper
    "I also need to tell you about him: he has been referred to CSC.",  # an introduction to the bot
    "Mum has made a further referral to CSC.",  # nobody named: nothing of the child either
])
def test_b7_no_referral_news_of_the_case_child(text: str) -> None:
    from bot.domain.followups import referral_news

    assert not referral_news(text, FORM, DAY), text
