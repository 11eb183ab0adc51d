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


# Stranger round 22, B2 (fix22b): another child's referral on the thread that was a plain reply. A relation noun
# beside harm words short of the serious ones ("The lodger's daughter ... a broken femur"), another language's
# referral wording (the UK's common community languages), and the sender's own text written BELOW the quote.
RELATIONS = ["The lodger's daughter", "The lodger's son", "Her friend's daughter", "The neighbour's son",
             "Mum's partner's son", "A cousin of the family"]
BROKEN = ["was taken to A&E on Sunday with a broken femur that nobody can explain",
          "has been admitted to hospital with bruising to her back", "was hit and has a broken wrist"]
FOREIGN = [
    "Ich muss Ihnen auch {n} (5) melden: gestern mit Verbrennungen ins Krankenhaus eingeliefert, Misshandlung wird "
    "vermutet.",
    "Hoffwn hefyd gyfeirio {n}, 6 oed, a gafodd ei dderbyn i'r ysbyty neithiwr gydag anafiadau difrifol. Amheuir "
    "esgeulustod.",
    "Chcę też zgłosić {n}, lat 3, który wczoraj trafił do szpitala z oparzeniami. Podejrzewamy zaniedbanie.",
    "Quiero informar también de {n}, de 4 años, ingresado anoche con quemaduras. Se sospecha maltrato.",
    "Quero também referir {n}, de 2 anos, internado ontem com queimaduras. Suspeita-se de maus-tratos.",
    "Doresc să raportez și {n}, 5 ani, internat aseară la spital cu arsuri. Se suspectează neglijență.",
]
# A referral of another child written under the quoted acknowledgement (bottom-posting), as round 22 sent it.
ACK_TAIL = ("On Tue, 1 Dec 2026 at 10:30, csprbot <csprbot@nsscp.example.gov.uk> wrote:\n"
            f"> Thank you for your referral. It is recorded as {REF}.\n> csprbot\n")


def other_child_22(pick: Pick) -> tuple[str, str]:
    """(family, body): another child's referral as round 22 wrote it: a relation noun with harm, another language,
    or an English referral below the quoted acknowledgement."""
    first, last = pick(OTHERS[:3])
    family = pick(["relation", "foreign", "below"])
    if family == "relation":
        own = f"{pick(RELATIONS)}, {first} {last}, {pick(BROKEN)}. I think she needs a review too."
        return family, _mail(pick, own, pick(list(TAILS)))
    if family == "foreign":
        return family, _mail(pick, pick(FOREIGN).format(n=f"{first} {last}"), pick(["none", "gmail"]))
    intro = pick(INTROS).format(p=f"{first} {last}", n=f"{first} {last}", h=pick(HARMS))
    return family, f"{pick(OPENERS)}{ACK_TAIL}\n{intro}\n\n{pick(CLOSINGS)}\n"


def case_child_news_below(pick: Pick) -> str:
    """The case child's own news written below the quoted acknowledgement: still his news."""
    return f"{ACK_TAIL}\n{pick(WHO)} {pick(NEWS)}.\n\n{pick(CLOSINGS)}\n"


# Stranger round 22, B7 (fix23c): the case child's own referral news ("Quentin has made a further referral to CSC"
# was read as another child's referral and opened a flagged second case). Referral words about the SAME child: a
# further referral, a re-referral, referred to CSC / CAMHS / police / MASH / early help, a new referral by school
# about him, a second referral, referred again. Who it is about decides, not the referral words.
# (kind, subject form, object form): how the mail names the case's child. Forename and full name carry evidence
# (filed on 001); a pronoun, "the child", "the young person", "YP" carry none (kept on 001 all the same: a plain
# reply, or filed when the date of birth is given beside them).
REFERRED_WHO = [("forename", "Quentin", "Quentin"), ("full name", "Quentin Zabrowski", "Quentin Zabrowski"),
                ("forename+dob", "Quentin (DOB 14/03/2019)", "Quentin (DOB 14/03/2019)"),
                ("pronoun", "He", "him"), ("the child", "The child", "the child"),
                ("the young person", "The young person", "the young person"), ("YP", "YP", "YP")]
SERVICES = ["CSC", "children's social care", "CAMHS", "the police", "the MASH", "early help", "Children's Services",
            "the front door", "social care", "the Early Help team"]
AGENTS = ["School", "The school", "His school", "The GP", "The health visitor", "Mum", "The nursery", "Police",
          "The hospital", "His class teacher"]
REFERRED = [
    "{C} has made a further referral to {s}.",  # as round 22 wrote it (the child the subject of the news)
    "{A} has made a further referral to {s} about {o}.",
    "{C} has been referred to {s} again.",
    "{C} has been re-referred to {s}.",
    "{C} was re-referred to {s} yesterday.",
    "{A} made a new referral to {s} about {o} this morning.",
    "There has been a second referral to {s} regarding {o}.",
    "A second referral has been made to {s} for {o}.",
    "{C} has been referred to {s} by the school.",
    "{A} has re-referred {o} to {s}.",
    "We received a further referral about {o} from {a} today.",
    "A fresh referral for {o} went to {s} on Monday.",
    "{C} has been referred again, this time to {s}.",
    "Just to let you know {o} has been referred to {s}.",
    "FYI a new referral was made by school about {o}.",
]
# Why, sometimes with harm or concern words about the case's child (his news; a new incident is not among them).
BECAUSE = ["", " This follows his disclosure at school.", " School are worried about his weight.",
           " Concerns about neglect at home continue.", " He had bruising on his arm that school noticed.",
           " Mum says he was hit by her partner.", " He was seen in A&E with a burn on Friday.",
           " Police attended the home at the weekend."]


def case_child_referral_news(pick: Pick) -> tuple[str, str, str]:
    """(who, where, body): the case child's own referral news (a further referral, a re-referral, referred to CSC,
    CAMHS, the police, MASH, early help ...), naming him by forename, full name, forename with date of birth,
    pronoun, "the child", "the young person" or "YP"; written above a quote ("above"), below the quoted
    acknowledgement ("below") or with no quote ("none"); with or without harm words beside it."""
    who, subj, obj = pick(REFERRED_WHO)
    line = pick(REFERRED).format(C=subj, o=obj, s=pick(SERVICES), A=pick(AGENTS), a=pick(AGENTS).lower())
    own = f"{line}{pick(BECAUSE)}"
    where = pick(["above", "below", "none"])
    if where == "below":
        return who, where, f"{pick(OPENERS)}{ACK_TAIL}\n{own}\n\n{pick(CLOSINGS)}\n"
    return who, where, _mail(pick, own, pick([t for t in TAILS if t != "none"]) if where == "above" else "none")


# The other side (fix23c): another child's referral written in the same referral-news words. Who it is about decides:
# another name, a forename of the family, a relation noun, initials, a sibling; each with harm, each its own case.
OTHER_REFERRED = ["Kacper Nowak", "Zoe Bloggs (4)", "Mia Zabrowski", "his cousin Jay", "the lodger's daughter",
                  "J.F.", "his brother", "Amara Okafor, 2,", "a 5-year-old girl at the same address"]


def other_child_referral_news(pick: Pick) -> tuple[str, str]:
    """(tail, body): another child's referral told as referral news ("the school has made a further referral to
    CSC about Kacper Nowak, who ..."), maybe after a line of the case child's news, above a quote or none."""
    other, harm = pick(OTHER_REFERRED), pick(HARMS)
    line = pick([f"{pick(AGENTS)} has made a further referral to {pick(SERVICES)} about {other}, who {harm}.",
                 f"A new referral has been made to {pick(SERVICES)} for {other}, who {harm}.",
                 f"{other[0].upper()}{other[1:]} has been re-referred to {pick(SERVICES)}: {pick(['he', 'she'])} "
                 f"{harm}.",
                 f"There has been a second referral to {pick(SERVICES)} regarding {other}, who {harm}."])
    tail = pick(list(TAILS))
    return tail, _mail(pick, f"{pick(CASE_NEWS_FIRST)}{line}", tail)


# Round 22's leftover (fix23c): a referral in another language with no case reference in its subject and no quote
# was quarantined. The 9 languages of parsers/introduced.FOREIGN_HARM, round 22's 6 and French, Italian, Lithuanian.
FOREIGN_MORE = [
    "Je dois aussi signaler {n}, 3 ans, hospitalisé hier avec des brûlures. Maltraitance suspectée.",
    "Devo segnalare anche {n}, 4 anni, ricoverato ieri in ospedale con ustioni. Si sospetta maltrattamento.",
    "Taip pat noriu pranešti apie {n}, 5 metų, vakar paguldytą į ligoninę su nudegimais. Įtariamas smurtas.",
]
LANGUAGES = ["German", "Welsh", "Polish", "Spanish", "Portuguese", "Romanian", "French", "Italian", "Lithuanian"]
FOREIGN_SUBJECTS = ["Referral", "CSPR referral", "Pilne", "Dringend", "Urgente", "Brys", "Important", "Skubu",
                    "Fwd: zgłoszenie"]


def foreign_referral(pick: Pick) -> tuple[str, str, str]:
    """(language, subject, body): another language's referral sent fresh (no case reference, no thread, no quote)."""
    first, last = pick(OTHERS[:3])
    i = pick(range(len(LANGUAGES)))
    text = [*FOREIGN, *FOREIGN_MORE][i].format(n=f"{first} {last}")
    return LANGUAGES[i], pick(FOREIGN_SUBJECTS), f"{pick(OPENERS)}{text}\n\n{pick(CLOSINGS)}\n"
