"""Realistic mails on an open case's thread (fix21d), for the generated tests and the main-vs-branch counts: the case
child's own news, another child's referral in several styles, a sibling said to be safe or harmed, each with or
without the earlier mail quoted below it.

Case 001 is Quentin Zabrowski (born 14/03/2019, 7 when these arrive), referred by Sam with his mother Jo Zabrowski as
carer (tests/reliability/test_thread_follow_ups.FORM). Every builder takes `pick`, a chooser over a sequence: a
hypothesis draw in the tests, a seeded random.choice in the counts (bench/count_followups21.py), so both read the
same grammar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Pick = Callable[[Sequence[Any]], Any]

SAM = "sam.example@csc.example.gov.uk"
REF = "NS-CSPR-2026-001"
SUBJECT = "CSPR referral - QZ"
FORM_TEXT = """Hello,

Please find below a referral for a Child Safeguarding Practice Review.

CSPR REFERRAL FORM
Name of referrer: Sam Example
Role: Senior Social Worker
Agency: Children's Social Care
Email: sam.example@csc.example.gov.uk
Telephone: 01234 000111
Date of referral: 01/12/2026

Name of child: Quentin Zabrowski
Date of birth: 14/03/2019
Home address: 1 Nowhere Lane, Exampletown, ZZ1 1ZZ
Parent/carer: Jo Zabrowski (mother)
Date of incident: 30/11/2026
Location of incident: Family home
Has the child died? No
Has the child been seriously harmed? Yes
Is abuse or neglect known or suspected? Suspected
Concerns about how agencies worked together? Yes

Summary: The child was brought to hospital with a head injury and bruising of different ages.

Kind regards
Sam Example
"""


def _gt(text: str) -> str:
    return "\n".join(f"> {ln}" if ln else ">" for ln in text.split("\n"))


# The earlier mail quoted below the sender's own text, as mail clients write it (the sender is Sam, the quoted
# referral hers): Gmail's "On ... wrote:" with ">" lines, Apple Mail's without, Outlook's header block, none.
TAILS: dict[str, str] = {
    "none": "",
    "gmail": f"On Tue, 1 Dec 2026 at 09:30, Sam Example <{SAM}> wrote:\n{_gt(FORM_TEXT)}",
    "apple": f"On 1 Dec 2026, at 09:30, Sam Example <{SAM}> wrote:\n\n{FORM_TEXT}",
    "outlook": (f"-----Original Message-----\nFrom: Sam Example <{SAM}>\nSent: 01 December 2026 09:30\n"
                f"To: csprbot <csprbot@nsscp.example.gov.uk>\nSubject: {SUBJECT}\n\n{FORM_TEXT}"),
    "outlook_rule": (f"________________________________\nFrom: Sam Example <{SAM}>\nSent: 01 December 2026 09:30\n"
                     f"Subject: {SUBJECT}\n\n{FORM_TEXT}"),
}
# (thread, subject): the referral's In-Reply-To, References only, csprbot's acknowledgement (under the referral's
# subject, or "RE: <case reference>" as a client shows our subject), the reference alone with no thread header, and
# the referral's subject with the thread header lost.
SHAPES = [("in-reply-to", f"RE: {SUBJECT}"), ("references", f"Re: {SUBJECT}"), ("our-ack", f"RE: {SUBJECT}"),
          ("our-ack", f"RE: {REF}"), ("none", f"RE: {REF}"), ("none", f"RE: {SUBJECT}")]
OPENERS = ["", "Hi,\n\n", "Thanks.\n\n", "Good morning,\n\n", "Update:\n\n"]
CLOSINGS = ["Kind regards\nSam Example", "Sam", "Many thanks\nSam Example\nSenior Social Worker"]

# The case child's own news, always giving his forename (and mostly his date of birth: a no-form mail on the thread
# is read as a referral, and filed, on the child's date of birth or a review word).
WHO = ["Quentin (DOB 14/03/2019)", "Quentin (d.o.b. 14.03.2019)", "Quentin Zabrowski (DOB 14 March 2019)",
       "Quentin (date of birth 14/03/2019)"]
NEWS = ["is home now", "remains on the ward", "has been moved out of intensive care", "had surgery yesterday and is "
        "recovering", "was seen by the paediatrician again today", "is eating again"]
# Stranger round 20, B6: what the case child's own news says of others that is no other child.
ADULTS = ["His mother, Jo Zabrowski, says he is sleeping better.", "His mother Kasia Zabrowski says he is eating well.",
          "Mum (Jo Zabrowski) has been with him all day.", "His father Marek says the fracture is healing.",
          "His foster carer, Ann Smith, is with him.", "His mother, 24, is staying at the hospital.",
          "His grandmother Ewa Zabrowski will collect him.", "Her mother says he is much brighter today."]
BABY = ["He has had seizures since he was a baby.", "He has been known to us since he was a baby.",
        "He was premature as a baby and is small for his age.", "He has been on a plan since he was a toddler.",
        "Quentin has had the same GP since he was a baby."]
SAFE_SIBLINGS = ["His brother is safe and staying with gran.", "His sister is safe and well with her grandmother.",
                 "His younger brother was not hurt and is staying with his dad.",
                 "The other children are safe and staying with their father.", "His twin sister is fine.",
                 "His siblings are safe and being looked after by their aunt."]
# A sibling who is harmed, or may be: never the case child's news.
HARMED_SIBLINGS = ["His brother Leo, 4, was also admitted with bruising.",
                   "His sister is safe but has a bruise on her cheek.", "His brother is safe now but was also hit.",
                   "His brother is staying with gran. He has a skull fracture too.",
                   "His sister was not hurt, but his brother has burns to his hand.",
                   "His brother is safe with gran; the baby has a fracture and is in PICU.",
                   "His sister has also been taken to hospital with a head injury."]

# Another child, in the ways a referrer brings one in on a reply.
OTHERS = [("Kacper", "Nowak"), ("Zoe", "Bloggs"), ("Amara", "Okafor"), ("Mia", "Zabrowski"), ("Leo", "Smith")]
HARMS = ["was admitted to BRI last night with a skull fracture", "died at home on Saturday",
         "has been admitted to PICU with a head injury", "was found unresponsive this morning and has died",
         "has a fractured arm and bruising the hospital think is non-accidental",
         "suffered serious burns at home yesterday", "is in intensive care after an overdose"]
INTROS = ["I also need to tell you about {p} {h}.", "Separately, I need to refer {p} {h}.",
          "Can I also refer {n}? {p} {h}.", "{p} {h}. Please consider a rapid review.",
          "Another one for you: {p} {h}.", "There is also {p} who {h}. Can this be looked at for a review?",
          "I want to make you aware of {p} who {h}.", "We have a new referral: {p} {h}."]
CASE_NEWS_FIRST = ["", "Quentin is stable today. ", "Quentin (DOB 14/03/2019) remains on the ward. "]


def _mail(pick: Pick, own: str, tail: str) -> str:
    body = f"{pick(OPENERS)}{own}\n\n{pick(CLOSINGS)}\n"
    return f"{body}\n{TAILS[tail]}" if TAILS[tail] else body


def case_child_news(pick: Pick) -> tuple[str, str, str]:
    """(family, tail, body): the case child's news with an adult, the baby he was or a safe sibling in it."""
    family = pick(["adult", "baby", "safe_sibling"])
    extra = pick({"adult": ADULTS, "baby": BABY, "safe_sibling": SAFE_SIBLINGS}[family])
    tail = pick(list(TAILS))
    return family, tail, _mail(pick, f"{pick(WHO)} {pick(NEWS)}. {extra}", tail)


def harmed_sibling(pick: Pick) -> tuple[str, str]:
    """(tail, body): the case child's news and a sibling harmed (or said safe with harm beside it)."""
    tail = pick(list(TAILS))
    return tail, _mail(pick, f"{pick(WHO)} {pick(NEWS)}. {pick(HARMED_SIBLINGS)}", tail)


def other_child(pick: Pick) -> tuple[str, str, bool]:
    """(tail, body, names the case child): another child's referral, in one of the intro styles, with no "child"
    word unless the style has one, maybe after a line of the case child's news."""
    first, last = pick(OTHERS)
    age = pick([1, 2, 3, 4, 5, 9, 11, 13, 15])
    person = pick([f"{first} {last}, {age},", f"{first} {last} ({age})", f"{first} {last}, aged {age},",
                   f"{first} {last}, who is {age},", f"{first} {last}"])
    intro = pick(INTROS).format(p=person, n=f"{first} {last}", h=pick(HARMS))
    if intro.startswith("Can I also refer"):
        intro = intro.replace(f"? {person} ", f"? {first} ")
    news = pick(CASE_NEWS_FIRST)
    tail = pick(list(TAILS))
    return tail, _mail(pick, f"{news}{intro}", tail), bool(news)
