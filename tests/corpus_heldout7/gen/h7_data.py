"""Invented people, places and incidents for held-out set 7; every draw comes from random.Random(NAME)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_M = ["Kayden", "Seán", "Mikołaj", "Oluwaseun", "Rory", "Ibrahim", "Théo", "Jaxon", "Dmitri", "Callum",
           "Eli", "Rafael", "Tomás", "Harley", "Zain", "Alfie", "Kacper", "Declan", "Ashton", "Yusuf"]
FIRST_F = ["Zoë", "Chloé", "Niamh", "Aoife", "Amara", "Renée", "Kerys", "Maja", "Imani", "Leila",
           "Bethan", "Siân", "Nadia", "Ffion", "Aaliyah", "Elodie", "Tegan", "Shannon", "Roxanne", "Mya"]
SURNAMES = ["O'Connell", "D'Souza", "Nowak", "Şahin", "Adeyemi-Clarke", "Fitzgerald-Hughes", "Kowalczyk",
            "Hernández", "Mbeki-Lewis", "Lévesque", "Zielińska", "MacDiarmid", "Okafor", "Begum", "Pryce-Jones",
            "Doherty", "Brennan", "De Búrca", "Thistlethwaite", "Achterberg", "McAllister", "Osei-Bonsu",
            "Greenhalgh", "Van der Merwe", "Łukasik"]
ADULT_SURNAMES = ["Hartnell", "Rowntree", "Kimani", "Penhaligon", "Dąbrowski", "Ashdown", "Marchetti", "Quayle",
                  "Hollins", "Stroud", "Yilmaz", "Eversley", "Cartwright", "Ogunleye", "Frampton"]
PRO_FIRST = ["Joanne", "Marcus", "Priya", "Gareth", "Helena", "Tunde", "Rebecca", "Stuart", "Aisling", "Faisal",
             "Catriona", "Dominic", "Lorna", "Imran", "Sally", "Warren", "Bronwen", "Nikhil", "Hazel", "Colin"]
PRO_SUR = ["Penrose", "Whitcombe", "Asante", "Llewellyn", "Fairbairn", "Chaudhry", "Morcombe", "Tremlett",
           "Oduya", "Haverfield", "Kinsella", "Broadbent", "Sutcliffe", "Venables", "Rahman", "Trelawny",
           "Blackmore", "Ingleby", "Gillespie", "Northcott"]
STREETS = ["Tamarisk Close", "Ladywell Road", "Old Forge Lane", "Marlborough Terrace", "Quantock View",
           "Brunel Way", "Kestrel Drive", "Cider Press Court", "Hollybush Lane", "Severn Avenue",
           "St Aldhelm's Road", "Withy Bed Lane", "Coronation Street", "Harbour Mews", "Fennel Walk"]
TOWNS = [("Portishead", "BS20"), ("Nailsea", "BS48"), ("Weston-super-Mare", "BS23"), ("Yatton", "BS49"),
         ("Keynsham", "BS31"), ("Bridgwater", "TA6"), ("Frome", "BA11"), ("Taunton", "TA1"),
         ("Chippenham", "SN15"), ("Stroud", "GL5")]
ETHNICITIES = ["White British", "White Irish", "Gypsy or Irish Traveller", "Any other White background",
               "White and Black Caribbean", "White and Asian", "Indian", "Pakistani", "Bangladeshi",
               "Black African", "Black Caribbean", "Any other mixed background", "Arab", "Roma",
               "Not declared"]
FAITHS = ["None", "Christian", "Muslim", "Roman Catholic", "Sikh", "Not known", "Church of England", "Hindu"]
DISABILITIES = ["None", "None known", "Autism (diagnosed 2024)", "Global developmental delay",
                "Cerebral palsy", "ADHD - awaiting assessment", "Hearing impairment"]
CPP = ["yes", "no", "has_been", "not_known"]

SCENARIOS_DIED = [
    ("{f} was found unresponsive in the morning having slept in the adult bed with {carer1}. Paramedics attended "
     "and {f} was pronounced dead at hospital. {carer1} reports having drunk alcohol the previous evening. The "
     "family had been open to early help until the summer and safe sleep advice is recorded at the new birth "
     "visit."),
    ("{f} died after being found in the bath at the family home. {carer1} told police she had left {f} for a "
     "few minutes to answer the door. A sibling aged four was also in the bath. There were previous referrals "
     "about supervision of the children and a child in need plan closed in the spring."),
    ("{f} was found hanged in {pos} bedroom and could not be revived. {f} had disclosed self-harm to school "
     "staff twice this term and was on the waiting list for CAMHS. Police are investigating online contact "
     "with an adult male. School, CAMHS and the GP all held information that was not shared."),
    ("{f} died in hospital two days after being admitted with a head injury that the consultant considers "
     "non-accidental. {carer1}'s partner has been arrested. The family moved into the area from another local "
     "authority four months ago and records had not been transferred."),
]
SCENARIOS_HARMED = [
    ("{f} was taken to the emergency department with bruising to both ears and a torn frenulum. A skeletal "
     "survey showed healing rib fractures of different ages. {carer1} gave no explanation. {f} remains in "
     "hospital under police protection and a strategy discussion has been held."),
    ("{f} swallowed methadone found in the kitchen at home and was ventilated on the paediatric intensive care "
     "unit. {carer1} is on a prescribing programme with the drug and alcohol service and had signed an "
     "agreement to keep medication in a locked box. {f} is now recovering."),
    ("{f} was admitted severely malnourished and dehydrated, weighing below the 0.4th centile, with untreated "
     "dental abscesses. The family had missed eleven health appointments and {f} was withdrawn from school to "
     "be home educated in January. No agency had seen {f} since March."),
    ("{f} fell from a first floor window at home while {carer1} was asleep and sustained a fractured skull. "
     "Neighbours had reported the children being left alone on several occasions. Housing had been asked to "
     "fit window restrictors in the summer."),
    ("{f} was found by police in a flat in another county after being reported missing for nine days and "
     "disclosed sexual exploitation by several adults. {f} had been missing on fourteen occasions this year "
     "and return home interviews were not completed."),
]
AGENCIES = [
    ("Health Visiting", "Northvale Community Health NHS Trust", "nhs.net"),
    ("GP", "Riverside Surgery", "nhs.net"),
    ("School", "Castle Batch Primary School", "school.northvale.sch.uk"),
    ("Police", "Wessex Police", "wessex.police.uk"),
    ("Children's Social Care", "Northvale Council Children's Services", "northvale.gov.uk"),
    ("CAMHS", "Avonmead Partnership NHS Trust", "nhs.net"),
    ("Probation", "The Probation Service", "justice.gov.uk"),
    ("Housing", "Brightwater Homes", "brightwaterhomes.org.uk"),
    ("Drug and alcohol", "Turning Tide Recovery Service", "turningtide.org.uk"),
    ("Emergency Department", "Weston General Hospital", "nhs.net"),
    ("Midwifery", "University Hospitals Bristol and Weston NHS Foundation Trust", "nhs.net"),
    ("Youth Offending", "Northvale Youth Justice Service", "northvale.gov.uk"),
]
PROCESSES = [
    ("Coroner", ["Inquest opened and adjourned", "Referred to HM Coroner, awaiting post mortem",
                 "Coroner informed; inquest date not set"]),
    ("Child Death Review (CDOP)", ["Notified to CDOP", "Joint Agency Response meeting held",
                                   "JAR meeting arranged for next week"]),
    ("Police investigation", ["Live investigation - mother's partner on bail", "Two adults arrested, released under investigation",
                              "Investigation ongoing, file with CPS"]),
    ("Section 47 enquiry", ["Strategy discussion held, s47 ongoing", "Completed - threshold met"]),
    ("Care proceedings", ["Interim care order granted", "Pre-proceedings letter sent"]),
    ("LADO", ["Referred to LADO, allegations meeting booked"]),
    ("Serious Incident (NHS)", ["Declared on StEIS, internal review started"]),
]
REFERRER_ROLES = [
    ("Named Nurse for Safeguarding Children", "Northvale Community Health NHS Trust", "nhs.net"),
    ("Detective Inspector, Public Protection Unit", "Wessex Police", "wessex.police.uk"),
    ("Designated Safeguarding Lead", "Castle Batch Primary School", "school.northvale.sch.uk"),
    ("Designated Nurse Safeguarding Children", "Northvale, Kennet and Wyvern ICB", "nhs.net"),
    ("Team Manager, Assessment and Intervention", "Northvale Council Children's Services", "northvale.gov.uk"),
    ("Named GP for Safeguarding", "Riverside Surgery", "nhs.net"),
    ("Head of Safeguarding", "Weston General Hospital", "nhs.net"),
    ("Safeguarding Lead", "South Western Ambulance Service NHS Foundation Trust", "nhs.net"),
    ("Senior Probation Officer", "The Probation Service", "justice.gov.uk"),
]
RELS_ADULT_F = ["Mother", "Maternal grandmother", "Aunt", "Stepmother"]
RELS_ADULT_M = ["Father", "Mother's partner", "Stepfather", "Maternal uncle", "Paternal grandfather"]

ORD = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def fmt_date(d: dt.date, style: str) -> str:
    """A date as English agencies write them; `style` picks the way."""
    day, mon, mon3 = d.day, d.strftime("%B"), d.strftime("%b")
    return {
        "ord": f"{day}{ORD.get(day, 'th')} {mon} {d.year}",
        "long": f"{day} {mon} {d.year}",
        "dots": d.strftime("%d.%m.%y"),
        "dots4": d.strftime("%d.%m.%Y"),
        "iso": d.isoformat(),
        "slash": d.strftime("%d/%m/%Y"),
        "slash2": f"{day}/{d.month}/{d.strftime('%y')}",
        "dmy3": d.strftime("%d-%b-%Y"),
        "wday": f"{d.strftime('%A')} {day} {mon} {d.year}",
        "short": f"{day} {mon3} {d.year}",
        "dash": d.strftime("%d-%m-%Y"),
    }[style]


def phone(rng: random.Random, style: str = "mob") -> str:
    n = rng.randint(0, 999)
    if style == "mob":
        return f"07700 900{n:03d}"
    if style == "mob_plain":
        return f"07700900{n:03d}"
    if style == "land":
        return f"01632 960{n:03d}"
    if style == "land_brackets":
        return f"(01632) 960{n:03d}"
    return f"+44 7700 900{n:03d}"


def ascii_local(s: str) -> str:
    table = str.maketrans({"é": "e", "è": "e", "ë": "e", "á": "a", "ó": "o", "ł": "l", "ń": "n", "ą": "a",
                           "Ş": "S", "ş": "s", "ö": "o", "Ł": "L", "Í": "I", "í": "i", "'": "", " ": ""})
    return s.translate(table).lower()


def person(rng: random.Random, used: set[str], female: bool | None = None) -> tuple[str, str]:
    """A professional whose first name and surname are both new in this message."""
    while True:
        f = rng.choice(PRO_FIRST)
        s = rng.choice(PRO_SUR)
        if f not in used and s not in used:
            used.update((f, s))
            return f, s


def address(rng: random.Random) -> str:
    town, pc = rng.choice(TOWNS)
    return f"{rng.randint(1, 140)} {rng.choice(STREETS)}, {town}, {pc} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"


# Age band (years) each scenario fits, in the order of the lists above.
BANDS_DIED = [(0.1, 1.5), (0.5, 5), (11, 16.5), (0.1, 3)]
BANDS_HARMED = [(0.1, 1.5), (1, 5), (5, 14), (1, 7), (12, 16.5)]


def make_case(name: str, died: bool | None = None, min_age: float = 0, max_age: float = 17) -> dict[str, Any]:
    """One invented incident: the full truth, before a layout decides what it shows."""
    rng = random.Random(name)
    used: set[str] = set()
    if died is None:
        died = rng.random() < 0.45
    girl = rng.random() < 0.5
    first = rng.choice(FIRST_F if girl else FIRST_M)
    sur = rng.choice(SURNAMES)
    incident = dt.date(2026, 11, 1) + dt.timedelta(days=rng.randint(0, 28))
    scen, bands = (SCENARIOS_DIED, BANDS_DIED) if died else (SCENARIOS_HARMED, BANDS_HARMED)
    fits = [i for i, (lo, hi) in enumerate(bands) if hi > min_age and lo < max_age]
    pick = rng.choice(fits)
    lo, hi = max(bands[pick][0], min_age), min(bands[pick][1], max_age)
    dob = incident - dt.timedelta(days=rng.randint(int(lo * 365), int(hi * 365)))
    firsts = {first}
    home = address(rng)
    mum_sur = sur if rng.random() < 0.6 else rng.choice(ADULT_SURNAMES)
    def fresh(pool: list[str]) -> str:
        while True:
            x = rng.choice(pool)
            if x not in firsts:
                firsts.add(x)
                return x

    mum = (fresh(FIRST_F), mum_sur)
    dad = (fresh(FIRST_M), rng.choice(ADULT_SURNAMES) if rng.random() < 0.5 else sur)
    eth = rng.choice(ETHNICITIES)
    fam = [
        {"name": f"{mum[0]} {mum[1]}", "relationship": "Mother",
         "date_of_birth": dob - dt.timedelta(days=rng.randint(17 * 365, 38 * 365)), "address": home,
         "ethnicity": eth},
        {"name": f"{dad[0]} {dad[1]}", "relationship": rng.choice(["Father", "Mother's partner", "Stepfather"]),
         "date_of_birth": dob - dt.timedelta(days=rng.randint(18 * 365, 42 * 365)),
         "address": home if rng.random() < 0.5 else address(rng), "ethnicity": rng.choice(ETHNICITIES)},
    ]
    for _ in range(rng.randint(0, 2)):
        sib_girl = rng.random() < 0.5
        fam.append({"name": f"{fresh(FIRST_F if sib_girl else FIRST_M)} {sur}",
                    "relationship": "Sister" if sib_girl else "Brother",
                    "date_of_birth": incident - dt.timedelta(days=rng.randint(300, 17 * 365)),
                    "address": home, "ethnicity": eth})
    if rng.random() < 0.4:
        fam.append({"name": f"{fresh(FIRST_F)} {rng.choice(ADULT_SURNAMES)}",
                    "relationship": "Maternal grandmother",
                    "date_of_birth": dob - dt.timedelta(days=rng.randint(40 * 365, 60 * 365)),
                    "address": address(rng), "ethnicity": eth})
    carer1 = fam[0]["name"]
    carer = carer1 if rng.random() < 0.5 else f"{carer1} and {fam[1]['name']}"
    pr, pos = ("she", "her") if girl else ("he", "his")
    summary = scen[pick].format(
        f=first, carer1=mum[0], pr=pr, pos=pos)
    ref_role, ref_agency, ref_dom = rng.choice(REFERRER_ROLES)
    rf, rs = person(rng, used)
    referrer = {"name": f"{rf} {rs}", "first": rf, "sur": rs, "role": ref_role, "agency": ref_agency,
                "email": f"{rf.lower()}.{rs.lower()}@{ref_dom}", "phone": phone(rng, rng.choice(["mob", "land"])),
                "date_submitted": incident + dt.timedelta(days=rng.randint(0, 2))}
    others = []
    for kind, agency, dom in rng.sample(AGENCIES, rng.randint(2, 4)):
        of, os_ = person(rng, used)
        contact = f"{of.lower()}.{os_.lower()}@{dom}" if rng.random() < 0.6 else phone(rng, "land")
        others.append({"name": f"{of} {os_}", "agency": agency, "contact": contact, "kind": kind,
                       "still_involved": rng.random() < 0.6})
    procs = []
    for proc, statuses in rng.sample(PROCESSES[:3] if died else PROCESSES[2:], rng.randint(1, 3)):
        procs.append({"process": proc, "status": rng.choice(statuses)})
    places = ["Family home", "Bedroom at the family home", "Home address", "Grandmother's flat",
              "Local park", "Hospital (admitted from home)"]
    return {
        "rng": rng, "died": died, "girl": girl, "first": first, "sur": sur, "child_name": f"{first} {sur}",
        "dob": dob, "home": home, "carer": carer, "incident": incident,
        "location": rng.choice(places), "ethnicity": eth, "faith": rng.choice(FAITHS),
        "disability": rng.choice(DISABILITIES), "cpp": rng.choice(CPP), "family": fam,
        "criteria": {"child_died": died, "seriously_harmed": (not died) or rng.random() < 0.3,
                     "abuse_or_neglect": rng.choice(["known", "suspected"]),
                     "agency_concern": rng.random() < 0.7},
        "summary": summary, "others": others, "procs": procs, "referrer": referrer, "used": used,
    }


def expected_referral(c: dict[str, Any], **drop: Any) -> dict[str, Any]:
    """The parse contract's `referral` section for case `c`; keyword overrides replace or null fields."""
    r = c["referrer"]
    out: dict[str, Any] = {
        "referrer": {"name": r["name"], "email": r["email"], "role": r["role"], "phone": r["phone"],
                     "agency": r["agency"], "date_submitted": r["date_submitted"].isoformat()},
        "child": {"name": c["child_name"], "date_of_birth": c["dob"].isoformat(), "home_address": c["home"],
                  "carer": c["carer"], "incident_date": c["incident"].isoformat(),
                  "incident_location": c["location"], "ethnicity": c["ethnicity"], "faith": c["faith"],
                  "disability": c["disability"], "child_protection_plan": c["cpp"]},
        "family": [{"name": m["name"], "relationship": m["relationship"],
                    "date_of_birth": m["date_of_birth"].isoformat(), "address": m["address"],
                    "ethnicity": m["ethnicity"]} for m in c["family"]],
        "criteria": dict(c["criteria"]),
        "summary": c["summary"],
        "other_agencies": [{"name": o["name"], "agency": o["agency"], "contact": o["contact"],
                            "still_involved": o["still_involved"]} for o in c["others"]],
        "other_processes": [dict(p) for p in c["procs"]],
    }
    for key, val in drop.items():
        sect, _, leaf = key.partition("__")
        if leaf:
            out[sect][leaf] = val
        else:
            out[sect] = val
    return out
