"""Invented people, places, agencies and incidents for held-out set 13; date forms; every draw from random.Random(NAME).

New names and places (not set 12's): diacritics (Zoë, Siân, Renée, Chloë), double-barrelled and two-word surnames
(Fairbairn-Oyelaran, St John, Le Marchant), Mc/Mac and apostrophes; streets in Nailsea, Clevedon, Portishead,
Backwell, Yatton, Banwell, Sandford, Blagdon, Kewstoke, Uphill, Bleadon and Portbury."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TO = "CSPR Referrals (North Somerset SCP) <cspr.referrals@n-somerset.gov.uk>"
PARTNERSHIP = "cspr.referrals@n-somerset.gov.uk"
CHAIR = "Dr Olusegun Hartley <olusegun.hartley@nhs.net>"
SERVICE_LEADER = "Fiona Castellan <fiona.castellan@n-somerset.gov.uk>"
COORDINATOR = "Rachel Tennant <rachel.tennant@n-somerset.gov.uk>"
TODAY = dt.date(2026, 12, 4)

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ordinal(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fmt_date(d: dt.date, style: str) -> str:
    m = MONTHS[d.month - 1]
    return {
        "slash": d.strftime("%d/%m/%Y"),
        "slash_nopad": f"{d.day}/{d.month}/{d.year}",
        "short_slash": f"{d.day}/{d.month}/{d.strftime('%y')}",
        "dot": d.strftime("%d.%m.%Y"),
        "dash": d.strftime("%d-%m-%Y"),
        "iso": d.isoformat(),
        "long": f"{d.day} {m} {d.year}",
        "mon": f"{d.day} {m[:3]} {d.year}",
        "mon_dash": f"{d.day:02d}-{m[:3]}-{d.year}",
        "ordinal": f"{ordinal(d.day)} {m} {d.year}",
        "weekday": f"{DAYS[d.weekday()]} {ordinal(d.day)} {m} {d.year}",
        "weekday_short": f"{DAYS[d.weekday()][:3]} {d.day} {m[:3]} {d.year}",
        "us_words": f"{m} {d.day}, {d.year}",
        "mon_year_first": f"{d.year} {m[:3]} {d.day:02d}",
    }[style]


STYLES = ["slash", "slash_nopad", "short_slash", "dot", "dash", "iso", "long", "mon", "mon_dash", "ordinal", "weekday",
          "weekday_short", "us_words", "mon_year_first"]

FIRST_F = ["Zoë", "Siân", "Renée", "Chloë", "Nia", "Tegan", "Marisol", "Aoife", "Hafsa", "Precious", "Keeley", "Esmé",
           "Lowri", "Bethan", "Ngozi", "Kirsty", "Danuta", "Shannon", "Imani", "Jodie"]
FIRST_M = ["Rhys", "Tomasz", "Kofi", "Declan", "Bartosz", "Kai", "Jerome", "Lewis", "Ravi", "Connor", "Emeka", "Darren",
           "Ashley", "Callum", "Idris", "Mateusz", "Troy", "Levi", "Jayden", "Oisín"]
CHILD_F = ["Mia-Rose", "Ava", "Lily-Mae", "Amara", "Poppy", "Nevaeh", "Ellie-Jo", "Aaliyah", "Maja", "Orla"]
CHILD_M = ["Alfie", "Teddy", "Kayden", "Riley-James", "Ezra", "Zayn", "Archie", "Leo", "Tobiasz", "Reggie"]
SURNAMES = ["Fairbairn-Oyelaran", "St John", "Le Marchant", "McIlroy", "O'Driscoll", "Pengelly", "Tregaskis",
            "Nwachukwu", "Kowalczyk", "Abbott-Hale", "MacLennan", "Da Costa", "Penhaligon", "Quartey", "Rowntree",
            "Mbatha", "Vickery", "Ní Bhriain", "Summerhayes", "Chaudhry", "Bassett-Lowe", "Yilmaz"]
PRO_SURNAMES = ["Ashworth", "Brimble", "Coombes", "Dando", "Gallimore", "Hembrow", "Keedwell", "Lovibond", "Pitman",
                "Rossiter", "Sealey", "Tapp", "Vowles", "Westcott", "Yandle", "Hockey", "Durbin", "Chidgey"]
PLACES = [("Nailsea", "BS48"), ("Clevedon", "BS21"), ("Portishead", "BS20"), ("Backwell", "BS48"), ("Yatton", "BS49"),
          ("Banwell", "BS29"), ("Sandford", "BS25"), ("Blagdon", "BS40"), ("Kewstoke", "BS22"), ("Uphill", "BS23"),
          ("Bleadon", "BS24"), ("Portbury", "BS20")]
STREETS = ["Moorend Spout", "Kenn Moor Drive", "Brockway", "Station Close", "Ladymead Lane", "Whitting Road",
           "Crookes Lane", "Marine Parade", "Coleridge Vale Road", "Cadbury Square", "Hillside Gardens", "Rectory Way",
           "Tutton Way", "Stockway North", "Cherry Grove", "Greenwood Road"]
ETHNICITIES = ["White British", "White Irish", "Any other White background", "Asian and White",
               "Black African and White", "Black Caribbean and White", "Any other mixed background", "Indian",
               "Pakistani", "Bangladeshi", "Chinese", "Any other Asian background", "Black Caribbean", "Black African",
               "Any other Black background", "Not declared"]
FAITHS = ["None", "Christian (Catholic)", "Muslim", "Church of England", "Not known", "Pentecostal", "Sikh"]
DISABILITIES = ["None known", "Autism (diagnosed 2023)", "Global developmental delay", "None", "ADHD, awaiting assessment",
                "Hearing impairment"]

# (agency full name, domain, roles)
AGENCIES = [
    ("North Somerset Council Children's Services", "n-somerset.gov.uk",
     ["Social Worker", "Team Manager, Family Support and Safeguarding", "Advanced Practitioner"]),
    ("Avon and Somerset Police", "avonandsomerset.police.uk",
     ["Detective Constable, CAIT", "Detective Inspector, Public Protection", "PC, Neighbourhood Team"]),
    ("University Hospitals Bristol and Weston NHS Foundation Trust", "uhbw.nhs.uk",
     ["Named Nurse for Safeguarding Children", "Paediatric Liaison Nurse", "Consultant Paediatrician"]),
    ("Sirona care & health", "sirona-cic.org.uk", ["Health Visitor", "School Nurse", "Specialist Safeguarding Nurse"]),
    ("Backwell and Nailsea Medical Group", "nhs.net", ["GP Partner", "Practice Safeguarding Lead"]),
    ("Avon and Wiltshire Mental Health Partnership NHS Trust", "awp.nhs.uk",
     ["Care Co-ordinator", "Safeguarding Adviser"]),
    ("Clevedon Vale Academy", "clevedonvale.n-somerset.sch.uk",
     ["Designated Safeguarding Lead", "Head of Year 9", "Deputy DSL"]),
    ("Probation Service (Avon and Somerset)", "justice.gov.uk", ["Probation Officer", "Senior Probation Officer"]),
    ("Severn Vale Housing", "severnvalehousing.org.uk", ["Tenancy Sustainment Officer", "Safeguarding Lead"]),
    ("South Western Ambulance Service NHS Foundation Trust", "swast.nhs.uk",
     ["Safeguarding Practitioner", "Paramedic Team Leader"]),
]

INCIDENTS = {
    "baby": [
        ("non-accidental head injury; the father's partner has been arrested",
         "Bristol Royal Hospital for Children was where he was taken; the injury happened at home", True, False,
         "suspected"),
        ("unexplained fractures (ribs and a femur) found on a skeletal survey", "the family home", True, False,
         "suspected"),
        ("died after co-sleeping on a sofa with a parent who had been drinking", "the family home", False, True,
         "suspected"),
    ],
    "child": [
        ("severe neglect: admitted underweight, with untreated dental infection and head lice; home conditions very poor",
         "the family home", True, False, "known"),
        ("burns to both hands consistent with immersion; the mother's account has changed twice", "the family home",
         True, False, "suspected"),
        ("died in a house fire; the children had been left alone overnight", "the family home", False, True, "known"),
    ],
    "teen": [
        ("stabbed in a park after months of going missing; criminal exploitation known to agencies",
         "Lays Drive playing fields", True, False, "known"),
        ("took an overdose after sexual exploitation online; now in intensive care", "the bedroom at home", True,
         False, "suspected"),
        ("died by suspected suicide; long history of neglect and of missing school", "woodland near Portishead",
         False, True, "suspected"),
    ],
}

PROCESSES = [("Child Death Overview Panel", "Notified"), ("Police investigation", "Ongoing"),
             ("Strategy discussion", "Held; section 47 enquiries"), ("Coroner's inquest", "Opened and adjourned"),
             ("Criminal proceedings", "Charged; first hearing listed"), ("Section 47 enquiry", "In progress"),
             ("LADO referral", "Not applicable"), ("Care proceedings", "Interim care order granted")]


def phone(rng: random.Random) -> str:
    return rng.choice(["07700 900", "01632 960"]) + f"{rng.randrange(0, 1000):03d}"


def pro(rng: random.Random, agency_idx: int | None = None) -> dict[str, Any]:
    """A professional: name, role, agency, email, phone."""
    ai = rng.randrange(len(AGENCIES)) if agency_idx is None else agency_idx
    ag, dom, roles = AGENCIES[ai]
    first = rng.choice(FIRST_F + FIRST_M)
    last = rng.choice(PRO_SURNAMES)
    email_first = first.replace("ë", "e").replace("â", "a").replace("é", "e").replace("í", "i").replace("ï", "i")
    return {"name": f"{first} {last}", "role": rng.choice(roles), "agency": ag,
            "email": f"{email_first.lower()}.{last.lower()}@{dom}", "phone": phone(rng), "idx": ai}


def address(rng: random.Random) -> str:
    town, pc = rng.choice(PLACES)
    return f"{rng.randrange(2, 120)} {rng.choice(STREETS)}, {town}, {pc} {rng.randrange(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"


def rdate(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randrange((b - a).days + 1))


def case(rng: random.Random, n_family: int = 3, n_agencies: int = 3, n_proc: int = 2,
         band: str | None = None) -> dict[str, Any]:
    """One referral's content. Dates are dt.date here; `expected()` writes them ISO. Keys follow the contract."""
    band = band or rng.choice(["baby", "child", "teen"])
    surname = rng.choice(SURNAMES)
    female = rng.random() < 0.5
    cfirst = rng.choice(CHILD_F if female else CHILD_M)
    incident = rdate(rng, dt.date(2026, 11, 24), dt.date(2026, 12, 2))
    age_days = {"baby": (40, 500), "child": (3 * 365, 10 * 365), "teen": (13 * 365, 17 * 365)}[band]
    dob = incident - dt.timedelta(days=rng.randrange(*age_days))
    home = address(rng)
    mfirst = rng.choice(FIRST_F)
    mother_name = f"{mfirst} {surname}"
    eth = rng.choice(ETHNICITIES[:-1])
    summ, place, harmed, died, an = rng.choice(INCIDENTS[band])
    pronoun = "She" if female else "He"
    summary = f"{cfirst}: {summ}. {pronoun} was known to several agencies in the last year."
    fam = [{"name": mother_name, "relationship": "Mother",
            "date_of_birth": dob - dt.timedelta(days=rng.randrange(19 * 365, 36 * 365)), "address": home,
            "ethnicity": eth}]
    rels = ["Mother's partner", "Father", "Sister", "Half-brother", "Maternal grandmother", "Step-father",
            "Paternal aunt", "Brother"]
    rng.shuffle(rels)
    used = set()
    for rel in rels:
        if len(fam) >= n_family:
            break
        if rel in used:
            continue
        used.add(rel)
        if rel in ("Sister", "Half-brother", "Brother"):
            sfirst = rng.choice((CHILD_F if rel == "Sister" else CHILD_M))
            if sfirst == cfirst:
                continue
            sd = dob + dt.timedelta(days=rng.choice([-1, 1]) * rng.randrange(400, 2000))
            if sd > incident:
                sd = dob - dt.timedelta(days=rng.randrange(400, 2000))
            fam.append({"name": f"{sfirst} {surname if rel != 'Half-brother' else rng.choice(SURNAMES)}",
                        "relationship": rel, "date_of_birth": sd, "address": home if rng.random() < .8 else address(rng),
                        "ethnicity": eth})
        else:
            old = rel in ("Maternal grandmother", "Paternal aunt")
            fn = rng.choice(FIRST_F if rel in ("Maternal grandmother", "Paternal aunt") else FIRST_M)
            sn = surname if rel == "Maternal grandmother" and rng.random() < .5 else rng.choice(SURNAMES)
            d = dob - dt.timedelta(days=rng.randrange((40 if old else 20) * 365, (60 if old else 40) * 365))
            fam.append({"name": f"{fn} {sn}", "relationship": rel,
                        "date_of_birth": d if rng.random() < .8 else None,
                        "address": address(rng) if rng.random() < .6 else home,
                        "ethnicity": rng.choice(["White British", "Black Caribbean", "Pakistani", "White Irish",
                                                 "Any other White background", None])})
    referrer = pro(rng)
    others = []
    taken = {referrer["idx"]}
    while len(others) < n_agencies:
        ai = rng.randrange(len(AGENCIES))
        if ai in taken:
            continue
        taken.add(ai)
        p = pro(rng, ai)
        contact = p["email"] if rng.random() < .7 else p["phone"]
        others.append({"name": p["name"], "agency": p["agency"], "contact": contact,
                       "still_involved": rng.choice([True, True, False])})
    procs = [{"process": p, "status": s} for p, s in rng.sample(PROCESSES, n_proc)]
    submitted = incident + dt.timedelta(days=rng.randrange(1, 3))
    return {
        "referrer": {"name": referrer["name"], "email": referrer["email"], "role": referrer["role"],
                     "phone": referrer["phone"], "agency": referrer["agency"], "date_submitted": submitted},
        "child": {"name": f"{cfirst} {surname}", "date_of_birth": dob, "home_address": home, "carer": mother_name,
                  "incident_date": incident, "incident_location": place if "where" not in place else "the family home",
                  "ethnicity": eth, "faith": rng.choice(FAITHS), "disability": rng.choice(DISABILITIES),
                  "child_protection_plan": rng.choice(["yes", "no", "has_been", "not_known"])},
        "family": fam,
        "criteria": {"child_died": died, "seriously_harmed": harmed, "abuse_or_neglect": an,
                     "agency_concern": rng.choice([True, True, False])},
        "summary": summary,
        "other_agencies": others,
        "other_processes": procs,
        "_female": female, "_first": cfirst, "_band": band,
    }


def iso(x: Any) -> Any:
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, dict):
        return {k: iso(v) for k, v in x.items() if not k.startswith("_")}
    if isinstance(x, list):
        return [iso(v) for v in x]
    return x


def expected_referral(c: dict[str, Any], case_ref: str | None = None) -> dict[str, Any]:
    return {"kind": "referral", "case_ref": case_ref, "referral": iso(c), "agency_return": None, "command": None}


RETURN_TEXTS = [
    ("Known to the service since the spring: four home visits, two missed appointments; concerns about home conditions "
     "were shared with children's social care in October.",
     "Case discussed at safeguarding supervision; records reviewed and secured; allocated worker supported.",
     "Missed appointments were not escalated as a pattern; we did not know the mother's partner had moved in."),
    ("Two contacts with the family: a welfare check in August and a domestic abuse call in November, graded medium risk.",
     "Investigation ongoing; DASH risk assessment reviewed; referral to MARAC made.",
     "Information about the partner's previous convictions was not shared with health partners."),
    ("Attendance fell to 71% this term; two welfare calls made; the child disclosed being hungry in September and a "
     "referral was made to the front door.",
     "Safeguarding file secured; staff debriefed; attendance officer's notes copied to the file.",
     "No follow-up was made when the referral was closed at the front door; we should have challenged."),
    ("Registered patient; seen five times in the year, twice for minor injuries with plausible explanations at the time.",
     "Record flagged; the practice safeguarding lead reviewed every consultation; learning event booked.",
     "The injuries were not considered together; the father was not asked about."),
]


def return_case(rng: random.Random, agency_idx: int | None = None, nil: bool = False) -> dict[str, Any]:
    author = pro(rng, agency_idx)
    manager = pro(rng, author["idx"])
    while manager["name"] == author["name"]:
        manager = pro(rng, author["idx"])
    f = rdate(rng, dt.date(2025, 3, 1), dt.date(2026, 5, 1))
    t = rdate(rng, dt.date(2026, 10, 1), dt.date(2026, 11, 30))
    s, a, lrn = rng.choice(RETURN_TEXTS)
    done = rdate(rng, dt.date(2026, 12, 1), dt.date(2026, 12, 4))
    return {"agency": author["agency"],
            "author": {"name": author["name"], "role": author["role"], "email": author["email"],
                       "phone": author["phone"]},
            "involved": not nil, "involvement_from": None if nil else f, "involvement_to": None if nil else t,
            "summary": None if nil else s, "immediate_actions": None if nil else a, "learning": None if nil else lrn,
            "records_secured": None if nil else rng.choice([True, True, False]),
            "signed_off_by": manager["name"], "date_completed": done,
            "_manager_role": manager["role"], "_manager_email": manager["email"]}


def expected_return(r: dict[str, Any], case_ref: str) -> dict[str, Any]:
    return {"kind": "agency_return", "case_ref": case_ref, "referral": None, "agency_return": iso(r), "command": None}


def ref_no(rng: random.Random) -> str:
    return f"NS-CSPR-2026-{rng.randrange(460, 540):03d}"
