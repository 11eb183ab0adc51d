"""Invented content for held-out set 10: people, places, incidents, agencies, written date forms.

Everything is drawn from random.Random(NAME) of each message, so a message's content is the same on every run.
Streets are invented; towns are in North Somerset (Weston-super-Mare, Worle, Winscombe, Congresbury, ...);
phones are in the Ofcom drama ranges (07700 900xxx, 01632 960xxx)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

TO = "Safeguarding Partnership Business Unit <cspr.referrals@n-somerset.gov.uk>"
BOT = "csprbot <cspr.referrals@n-somerset.gov.uk>"
TODAY = dt.date(2026, 12, 7)

# ------------------------------------------------------------------ dates written the way forms write them

STYLES = ["long", "slash", "dot", "dash", "mon", "ord", "dmy2", "us", "wday", "iso", "dslash1"]


def _ord(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fmt_date(d: dt.date, style: str) -> str:
    if style == "long":
        return f"{d.day} {d:%B %Y}"
    if style == "slash":
        return f"{d:%d/%m/%Y}"
    if style == "dot":
        return f"{d:%d.%m.%Y}"
    if style == "dash":
        return f"{d:%d-%m-%Y}"
    if style == "mon":
        return f"{d.day} {d:%b %Y}"
    if style == "ord":
        return f"{_ord(d.day)} {d:%B %Y}"
    if style == "dmy2":
        return f"{d:%d/%m/%y}"
    if style == "us":
        return f"{d:%B} {d.day}, {d.year}"
    if style == "wday":
        return f"{d:%A} {d.day} {d:%B %Y}"
    if style == "dslash1":
        return f"{d.day}/{d.month}/{d.year}"
    return d.isoformat()


# ------------------------------------------------------------------ pools

FIRST_F = ["Lacey-Mae", "Nevaeh", "Freya", "Amara", "Zofia", "Maisie", "Siân", "Eliza", "Aaliyah", "Ffion", "Niamh",
           "Ellie-Mai", "Aoife", "Peyton", "Lowenna", "Rosie", "Inés"]
FIRST_M = ["Kai", "Oskar", "Ibrahim", "Tyler-James", "Rohan", "Deacon", "Marcel", "Jaxon", "Bogdan", "Theo", "Yusuf",
           "Kacper", "Ezra"]
FIRST_CHILD = FIRST_F + FIRST_M
FIRST_ADULT_F = ["Leanne", "Shannon", "Magdalena", "Chantelle", "Rhian", "Nadia", "Sinéad", "Kelly-Marie", "Aisha",
                 "Gemma", "Renata", "Louise", "Fatima", "Danielle", "Bronwen", "Jodie", "Ewa", "Tamsin"]
FIRST_ADULT_M = ["Dean", "Craig", "Tomasz", "Ashley", "Jermaine", "Gareth", "Piotr", "Liam", "Imran", "Darren",
                 "Callum", "Rhodri", "Marek", "Kieran", "Anton", "Wayne"]
SURNAMES = ["Crouch", "Penhaligon", "Wiśniewski", "Okonjo-Bright", "Le Mesurier", "Tregothnan", "Abbot-Harris",
            "Nowakowska", "Mac an tSaoir", "Oyediran", "Thistlewood", "Van den Berg", "Ferreira", "Delahaye",
            "Ó Murchú", "Kowalczyk", "Barraclough", "Jaroszewicz", "Pengelly", "D'Souza", "Haverfield", "Mbeki",
            "St Clair", "Llewelyn-Rees", "Quartermain", "Blackmore"]
PRO_FIRST = ["Joanna", "Mehmet", "Clare", "Ifeoma", "Rupert", "Hollie", "Sanjay", "Bethany", "Declan", "Morwenna",
             "Adeel", "Philippa", "Gwyn", "Lorraine", "Tobias", "Saoirse", "Yvette", "Kwame", "Alistair", "Priya"]
PRO_LAST = ["Fairbrother", "Osei", "Hartnell", "Carrow", "Nightingale", "Bhattacharya", "Lusty", "Pemberton",
            "Ogunleye", "Treharne", "Sillitoe", "Whitcombe", "Rainsford", "Kilbride", "Masterson", "Trevelyan",
            "Achterberg", "Hollingsworth", "Dimmock", "Quayle"]
STREETS = ["Marchfields Way", "Quantock Rise", "Locking Moor Road", "Anson Close", "Milton Brow", "Ebdon Lane",
           "Windwhistle Road", "Congar Rise", "Brinsea Drove", "Greenhill Lane", "Wrington Mead", "Hutton Moor Close",
           "Ashcombe Crescent", "Bleadon Steep", "Sandford Batch", "Pill Quay"]
TOWNS = [("Weston-super-Mare", "BS23"), ("Worle", "BS22"), ("Winscombe", "BS25"),
         ("Congresbury", "BS49"), ("Churchill", "BS25"), ("Long Ashton", "BS41"),
         ("Pill", "BS20"), ("Wrington", "BS40"), ("Hutton", "BS24"), ("Locking", "BS24")]
ETHNICITIES = ["White British", "White and Black Caribbean", "Any other White background", "Polish",
               "Pakistani", "Black African", "White Irish", "Gypsy/Roma", "Any other mixed background",
               "Bangladeshi", "Not declared", "White and Asian"]
FAITHS = ["None", "Christian", "Muslim", "Roman Catholic", "Not known", "Sikh", "Church of England"]
DISABILITIES = ["None known", "Autism (diagnosed)", "Global developmental delay", "Cerebral palsy",
                "ADHD - awaiting assessment", "Hearing impairment", "None"]
PLACES = ["the family home", "Grove Park, Weston-super-Mare", "Weston General Hospital", "a friend's flat in Worle",
          "the seafront near Knightstone Island", "Winscombe Recreation Ground", "the A370 at Congresbury",
          "a car park off Locking Road", "grandmother's house", "Sand Bay beach"]
INCIDENTS = {
    "baby": ["was brought to the Emergency Department unresponsive after what the father described as a choking "
             "episode. A CT scan showed bleeding on the brain and the paediatric team suspect non-accidental injury.",
             "was found to have bruising to both ears and a torn frenulum at a routine health visitor contact. A skeletal "
             "survey showed healing fractures of two ribs.",
             "died in the early hours after co-sleeping on a sofa with a parent who had been drinking."],
    "child": ["disclosed to a teaching assistant that her mother's partner had hit her with a belt; she had extensive "
              "bruising to the back and legs and was admitted for observation.",
              "was found alone with severe burns to the hand after trying to cook; the flat was without heating "
              "and food, and both parents were absent for two days.",
              "was admitted to the children's ward with a fractured skull; the account given by the carers did not "
              "explain the injury."],
    "teen": ["was found unconscious in a flat used to deal drugs after taking an unknown quantity of pills; he had been "
             "reported missing four times in the month before and there are concerns of criminal exploitation.",
             "took her own life. She had told her school counsellor about years of emotional abuse and had "
             "been seen by the crisis team the week before.",
             "was stabbed in the leg in a park and lost a large amount of blood; he had been excluded from school and "
             "was known to be carrying drugs for older males."],
}
AGENCY_POOL = [
    ("Weston Area Health Visiting Team", "Health visitor", "sirona-cic.org.uk"),
    ("Worle Junior School", "Designated Safeguarding Lead", "worle-junior.n-somerset.sch.uk"),
    ("Avon and Somerset Constabulary", "Detective Constable", "avonandsomerset.police.uk"),
    ("North Somerset Children's Social Care", "Social worker", "n-somerset.gov.uk"),
    ("Compass Drug and Alcohol Service", "Recovery worker", "example.org"),
    ("Alliance Homes", "Tenancy support officer", "alliancehomes.org.uk"),
    ("CAMHS (Oxford Health)", "Clinical psychologist", "nhs.net"),
    ("Youth Justice Service", "YJS case manager", "n-somerset.gov.uk"),
    ("Weston General Hospital", "Paediatric liaison nurse", "uhbw.nhs.uk"),
    ("Locking Castle Medical Centre", "GP", "nhs.net"),
    ("Next Link Domestic Abuse Service", "IDVA", "example.org"),
    ("Churchill Academy", "Head of Year", "churchill-academy.n-somerset.sch.uk"),
]
PROCESSES = [("Section 47 enquiry", ["Under way", "Concluded - substantiated", "Started 2 December"]),
             ("Police investigation", ["Ongoing", "Suspect on bail", "Arrest made"]),
             ("Child death review (JAR)", ["Joint agency response started", "Meeting booked"]),
             ("Serious incident (NHS PSIRF)", ["Being scoped", "Learning response agreed"]),
             ("MARAC", ["Heard on 26 November", "Referral made"]),
             ("Coroner's inquest", ["Opened and adjourned", "Awaiting date"]),
             ("Initial child protection conference", ["Booked", "Held - plan made"])]
REFERRER_ROLES = [("Named Nurse Safeguarding Children", "Weston General Hospital", "uhbw.nhs.uk"),
                  ("Designated Safeguarding Lead", "Hans Price Academy", "hanspriceacademy.n-somerset.sch.uk"),
                  ("Detective Sergeant, Child Abuse Investigation Team", "Avon and Somerset Constabulary",
                   "avonandsomerset.police.uk"),
                  ("Team Manager, Front Door", "North Somerset Children's Services", "n-somerset.gov.uk"),
                  ("Named GP for Safeguarding", "Graham Road Surgery", "nhs.net"),
                  ("Safeguarding Lead", "Sirona care & health", "sirona-cic.org.uk"),
                  ("Head of Safeguarding", "Alliance Homes", "alliancehomes.org.uk"),
                  ("Probation Officer", "Probation Service - Weston", "justice.gov.uk"),
                  ("Named Midwife for Safeguarding", "St Michael's Hospital", "uhbw.nhs.uk"),
                  ("Senior Practitioner", "Youth Justice Service", "n-somerset.gov.uk")]
REL_ADULT_F = ["Mother", "Maternal grandmother", "Paternal aunt", "Stepmother", "Foster carer"]
REL_ADULT_M = ["Father", "Mother's partner", "Stepfather", "Maternal uncle", "Paternal grandfather"]


def phone(rng: random.Random, mobile: bool | None = None) -> str:
    if mobile is None:
        mobile = rng.random() < 0.5
    return f"07700 900{rng.randint(100, 999)}" if mobile else f"01632 960{rng.randint(100, 999)}"


def email_of(name: str, domain: str) -> str:
    import unicodedata
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    parts = [p for p in s.replace("'", "").replace("-", " ").split() if p not in ("dr",)]
    return f"{parts[0]}.{''.join(parts[1:])}@{domain}"


def address(rng: random.Random) -> str:
    town, pc = rng.choice(TOWNS)
    flat = rng.random() < 0.25
    num = rng.randint(2, 98)
    pre = f"Flat {rng.randint(1, 12)}, " if flat else ""
    letters = "ABDEHJLNPQRSTUWXYZ"
    return f"{pre}{num} {rng.choice(STREETS)}, {town}, {pc} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"


def pro_name(rng: random.Random) -> str:
    return f"{rng.choice(PRO_FIRST)} {rng.choice(PRO_LAST)}"


@dataclass
class Case:
    rng: random.Random
    referrer: dict[str, Any]
    child: dict[str, Any]
    family: list[dict[str, Any]]
    criteria: dict[str, Any]
    summary: str
    agencies: list[dict[str, Any]]
    processes: list[dict[str, Any]]
    sex: str
    first: str
    surname: str
    age_band: str
    siblings: list[dict[str, Any]] = field(default_factory=list)

    def ref_json(self) -> dict[str, Any]:
        c = dict(self.child)
        for k in ("date_of_birth", "incident_date"):
            c[k] = c[k].isoformat() if c[k] else None
        r = dict(self.referrer)
        r["date_submitted"] = r["date_submitted"].isoformat() if r["date_submitted"] else None
        fam = [{**f, "date_of_birth": f["date_of_birth"].isoformat() if f["date_of_birth"] else None}
               for f in self.family]
        return {"referrer": r, "child": c, "family": fam, "criteria": dict(self.criteria), "summary": self.summary,
                "other_agencies": [dict(a) for a in self.agencies], "other_processes": [dict(p) for p in self.processes]}


def make_case(name: str, n_family: int = 3, n_agencies: int = 3, n_proc: int = 2, n_sib: int = 1,
              band: str | None = None) -> Case:
    rng = random.Random(name)
    sub = dt.date(2026, 11, rng.randint(16, 30)) if rng.random() < 0.7 else dt.date(2026, 12, rng.randint(1, 4))
    inc = sub - dt.timedelta(days=rng.randint(1, 6))
    band = band or rng.choice(["baby", "child", "teen"])
    age_days = {"baby": rng.randint(40, 330), "child": rng.randint(3 * 365, 10 * 365),
                "teen": rng.randint(13 * 365, 17 * 365)}[band]
    dob = inc - dt.timedelta(days=age_days)
    story = rng.choice(INCIDENTS[band])
    sex = "F" if (" her " in story or " she " in story) else "M" if (" he " in story or " his " in story) else rng.choice("FM")
    first = rng.choice(FIRST_F if sex == "F" else FIRST_M)
    surname = rng.choice(SURNAMES)
    home = address(rng)
    mother = f"{rng.choice(FIRST_ADULT_F)} {surname if rng.random() < 0.6 else rng.choice(SURNAMES)}"
    mdob = dob - dt.timedelta(days=rng.randint(18 * 365, 38 * 365))
    ceth = rng.choice(ETHNICITIES)
    family = [{"name": mother, "relationship": "Mother", "date_of_birth": mdob, "address": home, "ethnicity": ceth}]
    used = {first}
    siblings = []
    for _ in range(n_sib):
        rel = rng.choice(["Sister", "Brother", "Half-sister", "Half-brother"])
        sf = rng.choice([f for f in (FIRST_F if "sister" in rel.lower() else FIRST_M) if f not in used])
        used.add(sf)
        sdob = dob + dt.timedelta(days=rng.choice([-1, 1]) * rng.randint(400, 2500))
        if sdob >= inc:
            sdob = dob - dt.timedelta(days=rng.randint(400, 2000))
        s = {"name": f"{sf} {surname}", "relationship": rel, "date_of_birth": sdob, "address": home, "ethnicity": ceth}
        siblings.append(s)
        family.append(s)
    while len(family) < n_family:
        male = rng.random() < 0.55
        rel = rng.choice(REL_ADULT_M if male else REL_ADULT_F[1:])
        if any(f["relationship"] == rel for f in family):
            continue
        nm = f"{rng.choice(FIRST_ADULT_M if male else FIRST_ADULT_F)} {rng.choice(SURNAMES)}"
        family.append({"name": nm, "relationship": rel,
                       "date_of_birth": dob - dt.timedelta(days=rng.randint(19 * 365, 60 * 365)),
                       "address": home if rng.random() < 0.4 else address(rng),
                       "ethnicity": rng.choice([ceth, rng.choice(ETHNICITIES)])})
    role, agency, dom = rng.choice(REFERRER_ROLES)
    rname = pro_name(rng)
    referrer = {"name": rname, "email": email_of(rname, dom), "role": role, "phone": phone(rng), "agency": agency,
                "date_submitted": sub}
    died = "died" in story or "own life" in story
    criteria = {"child_died": died, "seriously_harmed": not died, "abuse_or_neglect": rng.choice(["known", "suspected"]),
                "agency_concern": rng.random() < 0.6}
    summary = f"{first} {story} {rng.choice(['Police attended and the parents were interviewed.', 'A strategy discussion was held the same day.', 'Siblings have been placed with extended family under a safety plan.'])}"
    agencies = []
    pool = rng.sample(AGENCY_POOL, n_agencies)
    for ag, _r, dom in pool:
        pn = pro_name(rng)
        contact = email_of(pn, dom) if rng.random() < 0.6 else phone(rng)
        agencies.append({"name": pn, "agency": ag, "contact": contact, "still_involved": rng.random() < 0.6})
    processes = [{"process": p, "status": rng.choice(st)} for p, st in rng.sample(PROCESSES, n_proc)]
    child = {"name": f"{first} {surname}", "date_of_birth": dob, "home_address": home, "carer": mother,
             "incident_date": inc, "incident_location": rng.choice(PLACES), "ethnicity": ceth,
             "faith": rng.choice(FAITHS),
        "disability": rng.choice(DISABILITIES if band != "baby" else ["None known", "None", "Hearing impairment"]),
             "child_protection_plan": rng.choice(["yes", "no", "has_been", "not_known"])}
    return Case(rng, referrer, child, family, criteria, summary, agencies, processes, sex, first, surname, band,
                siblings)


def expected(kind: str, case_ref: str | None = None, referral: dict | None = None, agency_return: dict | None = None,
             command: dict | None = None) -> dict[str, Any]:
    return {"kind": kind, "case_ref": case_ref, "referral": referral, "agency_return": agency_return,
            "command": command}


RETURN_TEXTS = {
    "summary": ["Known to the service from {f} to {t}: {n} contacts, mostly routine, the last a missed appointment "
                "that was not followed up.",
                "Involvement {f} to {t}. Three home visits; the mother's low mood was noted but no referral was made "
                "to adult mental health.",
                "Open to the service between {f} and {t} for support with school attendance; concerns about an "
                "unknown adult collecting the child were recorded but not shared."],
    "actions": ["Records secured and restricted; staff supported by the safeguarding team.",
                "Case notes locked; practitioners debriefed; a single-agency review has been started.",
                "Records secured; the team manager has briefed the staff involved."],
    "learning": ["Follow-up of missed appointments for under-ones needs to be consistent.",
                 "Staff did not always ask who else lived in the household.",
                 "Information about a new partner was not passed to children's social care."],
}
