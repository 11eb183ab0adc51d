"""Invented data pools for held-out set 8: people, places, agencies, incidents, and date formats.

Every message draws from random.Random(NAME), so its content (and its expected JSON) is the same on every run.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TODAY = dt.date(2026, 12, 4)

BOYS = ["Teodor", "Reggie", "Ilyas", "Finlay", "Oisín", "Kofi", "Rory", "Maksymilian", "Zayn", "Alfie-Jay",
        "Tomás", "Ezra", "Bodhi", "Hamza", "Ronan", "Jenson", "Kai", "Lorcan", "Idris", "Cassius"]
GIRLS = ["Maisie", "Amara", "Niamh", "Ffion", "Zofia", "Lexi-Mae", "Ayesha", "Orla", "Renée", "Sienna",
         "Halima", "Elodie", "Bethan", "Kezia", "Marnie", "Inés", "Thea", "Precious", "Anouk", "Wren"]
ADULT_M = ["Craig", "Leon", "Dariusz", "Kwame", "Shane", "Marcus", "Imran", "Gethin", "Nathaniel", "Florin",
           "Declan", "Wayne", "Tariq", "Steffan", "Owain", "Lewis", "Adebayo", "Mihai"]
ADULT_F = ["Kerry-Ann", "Shauna", "Magdalena", "Abena", "Leanne", "Rhiannon", "Samira", "Tasha", "Gwen",
           "Bernadette", "Joanne", "Chantelle", "Nadia", "Siân", "Roxanne", "Agnieszka", "Deborah", "Yasmin"]
SURNAMES = ["Pengelly", "Okafor-Hale", "Wójcik", "McAllister", "Tregarthen", "Nwachukwu", "Fairbrother",
            "Ó Súilleabháin", "Haddad", "Blackmore-Vane", "Dziedzic", "Ashworth", "Mensah", "Llewelyn-Price",
            "Quaresma", "Bellingham", "Rahimi", "Du Plessis", "Kavanagh", "Stoyanova", "Penhaligon", "Abernethy",
            "Çelik", "Whitcombe", "Varga", "Ferreira", "Catterall", "MacLeòid", "Sandhu", "Trevithick"]
PROF_F = ["Harriet", "Eleri", "Priya", "Catrin", "Olwen", "Joanna", "Beatriz", "Morwenna", "Fiona", "Ngozi",
          "Lucinda", "Tamsin", "Hollie", "Rosalind", "Anjali", "Gillian"]
PROF_M = ["Alasdair", "Rhodri", "Tobias", "Ifeanyi", "Graham", "Piotr", "Benedict", "Hywel", "Sanjay", "Crispin",
          "Duncan", "Jarrod", "Emrys", "Oluwaseun", "Malcolm", "Fergus"]
PROF_SUR = ["Gwilliam", "Ramasamy", "Thistlethwaite", "Okonjo", "Carew", "Featherstonehaugh", "Lindqvist",
            "Bhattacharya", "Pascoe", "Yeo", "Enright", "Hargreaves-Lowe", "Mbeki", "Treloar", "Villiers", "Crane",
            "Oyelaran", "Kendrick", "Ashdown", "Moxley"]
STREETS = ["Quantock Rise", "Marsh Lane", "Ebdon Road", "Sandford Mews", "Clevedon Walk", "Locking Moor Road",
           "Brean Close", "Kewstoke Terrace", "Uphill Way", "Milton Hill", "Worle Parade", "Yeo Bank Lane",
           "Wrington Crescent", "Banwell Gardens", "Hutton Moor Drive", "Congresbury Court", "Nailsea Row",
           "Backwell Common", "Winscombe Hollow", "Blagdon View"]
TOWNS = [("Weston-super-Mare", "BS22"), ("Weston-super-Mare", "BS23"), ("Weston-super-Mare", "BS24"),
         ("Clevedon", "BS21"), ("Nailsea", "BS48"), ("Portishead", "BS20"), ("Winscombe", "BS25"),
         ("Yatton", "BS49"), ("Backwell", "BS48"), ("Pill", "BS20")]
ETHNICITIES = ["White British", "White Irish", "Any other White background", "White and Black Caribbean",
               "White and Black African", "White and Asian", "Indian", "Pakistani", "Bangladeshi", "Chinese",
               "Black Caribbean", "Black African", "Arab", "Gypsy or Irish Traveller", "Roma",
               "Any other mixed background", "Not declared"]
FAITHS = ["None", "Christian", "Muslim", "Roman Catholic", "Sikh", "Not known", "Jehovah's Witness", "Hindu",
          "No religion", "Church in Wales", "Orthodox Christian"]
DISABILITIES = ["None known", "Autism (diagnosed 2024)", "Global developmental delay", "None", "Cerebral palsy",
                "Hearing impairment - bilateral aids", "Not known", "EHCP in place for SEMH needs",
                "Type 1 diabetes", "Awaiting ADHD assessment"]

PARTNERSHIP = "North Somerset Safeguarding Children Partnership"
TO = "NorthSomersetSafeguardingChildrenPartnership@n-somerset.gov.uk"

# agency name, domain, roles a referrer there might hold
AGENCIES: list[tuple[str, str, list[str]]] = [
    ("Avon and Somerset Police", "avonandsomerset.police.uk",
     ["Detective Sergeant, Child Abuse Investigation Team", "Detective Inspector, Public Protection",
      "PC, Safeguarding Coordination Unit"]),
    ("North Somerset Council Children's Services", "n-somerset.gov.uk",
     ["Team Manager, Child Protection Team", "Senior Social Worker", "Service Manager, Children in Care"]),
    ("Weston Area Health NHS Trust", "nhs.net",
     ["Named Nurse for Safeguarding Children", "Paediatric Liaison Health Visitor", "Named Doctor"]),
    ("BNSSG Integrated Care Board", "nhs.net",
     ["Designated Nurse, Safeguarding Children", "Designated Doctor for Child Deaths"]),
    ("Severnside Community Health CIC", "nhs.net",
     ["Health Visitor", "School Nurse Team Leader", "Safeguarding Lead Nurse"]),
    ("South Western Ambulance Service NHS Foundation Trust", "nhs.net",
     ["Safeguarding Practitioner", "Head of Safeguarding"]),
    ("Kingsmoor Academy", "kingsmoor.n-somerset.sch.uk",
     ["Designated Safeguarding Lead", "Deputy Headteacher and DSL"]),
    ("Harbourside Homes Housing Association", "harbourside-homes.org.uk",
     ["Tenancy Sustainment Manager", "Safeguarding Officer"]),
    ("Avon and Wiltshire Mental Health Partnership NHS Trust", "nhs.net",
     ["Safeguarding Adults and Children Lead", "CAMHS Team Manager"]),
    ("The Probation Service", "justice.gov.uk", ["Senior Probation Officer", "Probation Practitioner"]),
]
OTHER_AGENCIES = [
    "Westmead Surgery", "Kingsmoor Academy", "Oakfield Family Hub", "Severnside Community Health CIC",
    "Avon and Somerset Police", "North Somerset Council Children's Services", "CAMHS North Somerset",
    "Harbourside Homes Housing Association", "The Probation Service", "Weston General Hospital Emergency Department",
    "Bridgeway Domestic Abuse Service", "Youth Justice Service", "St Brendan's Nursery", "Drug and Alcohol Recovery Service",
    "Children's Centre (Worle)", "Early Help Team",
]
AGENCY_DOMAIN = {
    "Westmead Surgery": "nhs.net", "Kingsmoor Academy": "kingsmoor.n-somerset.sch.uk",
    "Oakfield Family Hub": "n-somerset.gov.uk", "Severnside Community Health CIC": "nhs.net",
    "Avon and Somerset Police": "avonandsomerset.police.uk",
    "North Somerset Council Children's Services": "n-somerset.gov.uk", "CAMHS North Somerset": "nhs.net",
    "Harbourside Homes Housing Association": "harbourside-homes.org.uk", "The Probation Service": "justice.gov.uk",
    "Weston General Hospital Emergency Department": "nhs.net", "Bridgeway Domestic Abuse Service": "bridgeway.example.org",
    "Youth Justice Service": "n-somerset.gov.uk", "St Brendan's Nursery": "stbrendans.example.org",
    "Drug and Alcohol Recovery Service": "n-somerset.gov.uk", "Children's Centre (Worle)": "n-somerset.gov.uk",
    "Early Help Team": "n-somerset.gov.uk",
}
PROCESSES = [
    ("Coroner", ["Inquest opened and adjourned", "Coroner informed, post mortem awaited", "Inquest listed for March 2027"]),
    ("Child Death Review (CDOP)", ["Joint Agency Response meeting held", "Notified to CDOP"]),
    ("Police investigation", ["Mother's partner arrested, released on bail", "Ongoing, no arrests",
                              "Father charged, remanded in custody"]),
    ("Section 47 enquiry", ["Strategy meeting held; s47 completed", "Ongoing, ICPC booked"]),
    ("Patient Safety Incident Investigation (PSII)", ["Commissioned by the trust", "Scoping under way"]),
    ("Domestic Homicide Review", ["Being considered by the Community Safety Partnership"]),
    ("Care proceedings", ["Interim care order granted", "Pre-proceedings (PLO) started"]),
    ("LADO", ["Allegation against a foster carer referred to LADO"]),
]

INCIDENTS = {
    "baby": [
        ("{f} was brought to the Emergency Department by ambulance, floppy and unresponsive. A CT scan showed "
         "subdural bleeding and retinal haemorrhages were found. The explanation given by the carers (a fall from "
         "a sofa) does not account for the injuries.", "seriously_harmed", ["Family home", "Home address", "Father's flat"]),
        ("{f} was found unresponsive in the parental bed after co-sleeping with both parents, who had been "
         "drinking. Resuscitation was unsuccessful and {f} was pronounced dead at hospital.", "child_died", ["Family home", "Maternal grandmother's house", "Home address"]),
        ("A skeletal survey after a swollen thigh was noticed by the health visitor showed a femoral fracture and "
         "three healing rib fractures of different ages. No explanation has been offered.", "seriously_harmed", ["Home address", "Family home"]),
    ],
    "child": [
        ("{f} was admitted to hospital severely underweight with untreated dental abscesses and pressure sores. "
         "{f} had been missing from school for most of the term and home visits had not gained access.",
         "seriously_harmed", ["Home address", "Family home"]),
        ("{f} died in a house fire. Concerns about hoarding, unsafe wiring and supervision had been raised by the "
         "school and the fire service in the previous year.", "child_died", ["Home address", "Family home"]),
        ("{f} disclosed at school that the mother's partner had burned {f} with a lighter; marks on both forearms "
         "were seen by the school nurse and a child protection medical confirmed non-accidental burns.",
         "seriously_harmed", ["Home address", "Mother's partner's flat"]),
    ],
    "teen": [
        ("{f} was found hanged at home and died in hospital two days later. {f} had disclosed self-harm to a "
         "youth worker and was waiting for a CAMHS appointment; there were concerns about online bullying.",
         "child_died", ["Family home", "Home address"]),
        ("{f} was stabbed in a park after being exploited to carry drugs between Weston-super-Mare and Bristol. "
         "{f} had been reported missing nine times since the summer.", "seriously_harmed", ["Grove Park, Weston-super-Mare", "Marine Lake, Clevedon"]),
        ("{f} was found in a flat in Taunton with adults not known to the family and disclosed sexual "
         "exploitation. Return home interviews had not been completed after earlier missing episodes.",
         "seriously_harmed", ["A flat in Taunton", "Address of an adult not known to the family"]),
    ],
}
CONCERNS = [
    "Information held by health and school was not shared with children's social care.",
    "The case was stepped down from child protection to early help shortly before the incident.",
    "Several referrals to the front door were closed with no further action.",
    "The father's history of violence was known to police but not to the health visitor.",
]
LOCATIONS = ["Family home", "Maternal grandmother's house", "Grove Park, Weston-super-Mare", "Home address",
             "Marine Lake, Clevedon", "Temporary B&B accommodation", "Father's flat", "Address of a family friend"]


def pick(rng: random.Random, xs: list[Any]) -> Any:
    return xs[rng.randrange(len(xs))]


def address(rng: random.Random) -> str:
    town, pc = pick(rng, TOWNS)
    return (f"{rng.randint(2, 98)} {pick(rng, STREETS)}, {town}, {pc} "
            f"{rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}")


def mobile(rng: random.Random) -> str:
    return f"07700 900{rng.randint(0, 999):03d}"


def landline(rng: random.Random) -> str:
    return f"01632 960{rng.randint(0, 999):03d}"


def prof(rng: random.Random) -> str:
    return f"{pick(rng, PROF_F + PROF_M)} {pick(rng, PROF_SUR)}"


def email_of(name: str, domain: str) -> str:
    import unicodedata
    base = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    parts = base.replace("'", "").split()
    return f"{parts[0]}.{parts[-1]}@{domain}"


def day_between(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def ordinal(n: int) -> str:
    return str(n) + ("th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def fmt_date(d: dt.date, style: str) -> str:
    """Day-first written forms used in this set."""
    m = d.strftime("%B")
    return {
        "long": f"{d.day} {m} {d.year}",
        "long0": f"{d.day:02d} {m} {d.year}",
        "ord": f"{ordinal(d.day)} {m} {d.year}",
        "ordof": f"{ordinal(d.day)} of {m} {d.year}",
        "slash": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "slash1": f"{d.day}/{d.month}/{d.year}",
        "slash2": f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        "dots": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dash": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "mon": f"{d.day:02d}-{d.strftime('%b')}-{d.year % 100:02d}",
        "mon4": f"{d.day} {d.strftime('%b')} {d.year}",
        "wday": f"{d.strftime('%A')} {d.day} {m} {d.year}",
        "wdshort": f"{d.strftime('%a')} {d.day:02d}/{d.month:02d}/{d.year}",
        "iso": d.isoformat(),
        "welsh": f"{d.day:02d}/{d.month:02d}/{d.year}",
    }[style]


STYLES = ["long", "long0", "ord", "ordof", "slash", "slash1", "slash2", "dots", "dash", "mon", "mon4", "wday",
          "wdshort", "iso"]


def person_name(rng: random.Random, first_pool: list[str], surname: str | None = None) -> str:
    return f"{pick(rng, first_pool)} {surname or pick(rng, SURNAMES)}"


def referral_case(rng: random.Random, band: str | None = None, n_family: int = 4, n_agencies: int = 3,
                  n_processes: int = 2, agency_idx: int | None = None) -> dict[str, Any]:
    """A complete referral (expected-JSON 'referral' section) with every field filled; layouts null what they omit."""
    band = band or pick(rng, ["baby", "child", "teen"])
    sur = pick(rng, SURNAMES)
    girl = rng.random() < 0.5
    first = pick(rng, GIRLS if girl else BOYS)
    age_days = {"baby": (40, 500), "child": (3 * 365, 11 * 365), "teen": (12 * 365, 17 * 365)}[band]
    incident = day_between(rng, dt.date(2026, 11, 9), dt.date(2026, 11, 27))
    dob = incident - dt.timedelta(days=rng.randint(*age_days))
    home = address(rng)
    eth = pick(rng, ETHNICITIES[:-1])
    text, crit, places = pick(rng, INCIDENTS[band])
    summary = text.format(f=first)
    concern = rng.random() < 0.6
    if concern:
        summary += " " + pick(rng, CONCERNS)
    mother = f"{pick(rng, ADULT_F)} {sur}"
    other_sur = pick(rng, SURNAMES)
    father_rel = pick(rng, ["Father", "Stepfather", "Mother's partner"])
    father = f"{pick(rng, ADULT_M)} {sur if father_rel == 'Father' else other_sur}"
    fam: list[dict[str, Any]] = [
        {"name": mother, "relationship": "Mother", "date_of_birth": str(dob - dt.timedelta(days=rng.randint(6900, 12000))),
         "address": home, "ethnicity": eth},
        {"name": father, "relationship": father_rel,
         "date_of_birth": str(dob - dt.timedelta(days=rng.randint(7300, 14000))),
         "address": home if rng.random() < 0.5 else address(rng), "ethnicity": pick(rng, ETHNICITIES[:-1])},
    ]
    sib_rel = ["Sister", "Brother", "Half-sister", "Half-brother"]
    while len(fam) < n_family:
        if len(fam) == n_family - 1 and rng.random() < 0.5:
            gm = f"{pick(rng, ADULT_F)} {pick(rng, SURNAMES)}"
            fam.append({"name": gm, "relationship": pick(rng, ["Maternal grandmother", "Paternal grandmother"]),
                        "date_of_birth": str(dob - dt.timedelta(days=rng.randint(15000, 20000))),
                        "address": address(rng), "ethnicity": pick(rng, ETHNICITIES[:-1])})
        else:
            rel = pick(rng, sib_rel)
            sg = rel.endswith("sister")
            fam.append({"name": f"{pick(rng, GIRLS if sg else BOYS)} {sur}", "relationship": rel,
                        "date_of_birth": str(min(dob + dt.timedelta(days=rng.randint(-2500, 2500)),
                                                 incident - dt.timedelta(days=rng.randint(30, 300)))),
                        "address": home, "ethnicity": eth})
    ai = agency_idx if agency_idx is not None else rng.randrange(len(AGENCIES))
    ag, dom, roles = AGENCIES[ai]
    rname = prof(rng)
    referrer = {"name": rname, "email": email_of(rname, dom), "role": pick(rng, roles),
                "phone": mobile(rng) if rng.random() < 0.5 else landline(rng), "agency": ag,
                "date_submitted": str(incident + dt.timedelta(days=rng.randint(1, 5)))}
    agencies = []
    pool = [a for a in OTHER_AGENCIES if a != ag]
    rng.shuffle(pool)
    for a in pool[:n_agencies]:
        nm = prof(rng)
        contact = mobile(rng) if rng.random() < 0.4 else (landline(rng) if rng.random() < 0.3 else
                                                          email_of(nm, AGENCY_DOMAIN[a]))
        agencies.append({"name": nm, "agency": a, "contact": contact, "still_involved": rng.random() < 0.7})
    procs = []
    ps = list(PROCESSES)
    rng.shuffle(ps)
    if crit == "child_died":
        ps.sort(key=lambda p: p[0] not in ("Coroner", "Child Death Review (CDOP)"))
    else:
        ps = [p for p in ps if p[0] not in ("Coroner", "Child Death Review (CDOP)")]
    for p, sts in ps[:n_processes]:
        procs.append({"process": p, "status": pick(rng, sts)})
    cpp = pick(rng, ["yes", "no", "has_been", "not_known", "no"])
    carer = mother if rng.random() < 0.5 else f"{mother} and {father}"
    return {
        "referrer": referrer,
        "child": {"name": f"{first} {sur}", "date_of_birth": str(dob), "home_address": home, "carer": carer,
                  "incident_date": str(incident), "incident_location": pick(rng, places), "ethnicity": eth,
                  "faith": pick(rng, FAITHS), "disability": pick(rng, DISABILITIES), "child_protection_plan": cpp},
        "family": fam,
        "criteria": {"child_died": crit == "child_died", "seriously_harmed": crit == "seriously_harmed" or rng.random() < 0.3,
                     "abuse_or_neglect": pick(rng, ["known", "suspected", "suspected"]), "agency_concern": concern},
        "summary": summary,
        "other_agencies": agencies,
        "other_processes": procs,
    }


def d(s: str | None) -> dt.date:
    assert s is not None
    return dt.date.fromisoformat(s)


def expected(kind: str, case_ref: str | None = None, referral: Any = None, agency_return: Any = None,
             command: Any = None) -> dict[str, Any]:
    return {"kind": kind, "case_ref": case_ref, "referral": referral, "agency_return": agency_return,
            "command": command}


def case_ref(rng: random.Random) -> str:
    return f"NS-CSPR-2026-{rng.randint(50, 99):03d}"


RETURN_SUMMARIES = [
    "Known to the service since {a}. {n} contacts in total; the last was a home visit on {b} when the children "
    "were seen and no concerns were recorded. Two missed appointments were followed up by letter only.",
    "The family was open to the service from {a} to {b}. Support focused on housing arrears and parenting; "
    "the mother's partner was never seen and his name was not recorded.",
    "Contact between {a} and {b}: attendance concerns, three welfare calls and one home visit. A referral to "
    "the front door was made in the spring and closed with signposting to early help.",
]
RETURN_ACTIONS = [
    "Records secured and a chronology started; the practitioners involved have been offered support.",
    "Case notes locked on the system; the team manager has briefed staff; a single-agency review has been commissioned.",
    "Safety planning for the siblings agreed with children's social care; records locked.",
]
RETURN_LEARNING = [
    "Missed appointments were not treated as a possible safeguarding signal.",
    "Staff did not know who else was working with the family; the lead professional was unclear.",
    "Professional curiosity about new adults in the household needs strengthening.",
]
