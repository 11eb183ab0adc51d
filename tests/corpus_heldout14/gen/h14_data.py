"""Invented people, places, agencies and texts for held-out set 14; the written date forms (STYLES, fmt_date).

Written afresh for set 14 (set 13's h13_data.py was not opened). Every value is drawn from random.Random(NAME).
Names: Welsh, Polish, Somali, Romanian, Gujarati, Irish Traveller, hyphenated, apostrophes, particles."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TO = "CSPR Referrals (North Somerset SCP) <cspr.referrals@n-somerset.gov.uk>"
PARTNERSHIP = "cspr.referrals@n-somerset.gov.uk"
TODAY = dt.date(2026, 12, 4)

# ---------------------------------------------------------------- dates

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _ord(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


STYLES = ["slash", "slash_short", "dot", "dash", "long", "short", "ord", "iso", "us_long", "noyear_long",
          "noyear_day", "dmy_nopad", "mon_dash", "slash_yy"]


def fmt_date(d: dt.date, style: str) -> str:
    m = MONTHS[d.month - 1]
    return {
        "slash": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "slash_short": f"{d.day}/{d.month}/{d.year % 100:02d}",
        "slash_yy": f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        "dmy_nopad": f"{d.day}/{d.month}/{d.year}",
        "dot": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dash": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "long": f"{d.day} {m} {d.year}",
        "short": f"{d.day} {m[:3]} {d.year}",
        "ord": f"{_ord(d.day)} {m} {d.year}",
        "iso": d.isoformat(),
        "us_long": f"{m} {d.day}, {d.year}",
        "noyear_long": f"{DAYS[d.weekday()]} {d.day} {m}",
        "noyear_day": f"{DAYS[d.weekday()][:3]} {d.day} {m[:3]}",
        "mon_dash": f"{d.day:02d}-{m[:3]}-{d.year}",
    }[style]


# ---------------------------------------------------------------- names

FIRST_F = ["Gwenllian", "Cerys", "Eluned", "Angharad", "Nia", "Zofia", "Agnieszka", "Małgorzata", "Hodan", "Faadumo",
           "Ayaan", "Sagal", "Andreea", "Ștefania", "Ioana", "Hetal", "Krupa", "Bhavna", "Priyal", "Bridget",
           "Kathleen", "Winnie", "Margaret", "Nóra", "Saoirse", "Ffion", "Halima", "Iwona", "Roxana", "Kinjal"]
FIRST_M = ["Dafydd", "Rhodri", "Iestyn", "Tomos", "Gethin", "Wojciech", "Łukasz", "Krzysztof", "Jakub", "Abdirahman",
           "Mahad", "Liban", "Bogdan", "Mihai", "Ionuț", "Jignesh", "Nirav", "Dhruv", "Paddy", "Martin", "Johnny",
           "Cathal", "Emrys", "Tadeusz", "Yusuf", "Sorin", "Hiren", "Michéal"]
CHILD_F = ["Lili-Mai", "Zosia", "Nasteho", "Ilinca", "Diya", "Mary-Ellen", "Seren", "Hanna", "Ubah", "Bianca",
           "Aarohi", "Caitlín", "Elin", "Maja", "Ifrah"]
CHILD_M = ["Osian", "Kacper", "Abdikarim", "Luca-Ștefan", "Vihaan", "Patrick-John", "Macsen", "Szymon", "Bilal",
           "Darius", "Aarav", "Jimmy-Lee", "Cai", "Antoni", "Guled"]
SURNAMES = ["Wojciechowska", "Kowalczyk", "Warsame", "Abdullahi", "Hirsi", "Popescu", "Dumitrescu", "Chauhan",
            "Solanki", "Parmar", "McDonagh", "Maughan", "Delaney", "ap Rhys", "Prosser-Llewellyn", "ap Gwilym",
            "O'Shaughnessy", "D'Souza-Mehta", "de Souza", "Di Stefano", "du Plessis", "Nic Giolla Phádraig",
            "Jarosz-Evans", "Farah-Bevan", "Vaghela", "Mistry-Owen", "Iordache", "Brănescu", "Pugh-Hassan",
            "Lewandowski", "Cunnane", "Gorman-Price", "Yusuf-Thomas", "Bhatt", "Rees-Dobrescu", "O'Driscoll-Ward"]
PRO_SURNAMES = ["Tregaskis", "Pengelly", "Merriman", "Fairweather", "Kenward", "Lockyer", "Ridout", "Chedzoy",
                "Hembury", "Colthurst", "Gatehouse", "Pyne", "Brimacombe", "Stallard", "Tuckett", "Vosper",
                "Wreford", "Yeandle", "Sandercock", "Bulleid", "Dunster", "Gillard", "Hosegood", "Lethbridge",
                "Marwood", "Nankivell", "Partridge", "Quick", "Rowsell", "Spurway", "Trevelyan", "Uglow"]
PRO_FIRST = ["Ceri", "Bethan", "Huw", "Marta", "Dorota", "Amran", "Nimco", "Vlad", "Elena", "Falguni", "Ketan",
             "Shauna", "Declan", "Gareth", "Lowenna", "Kerensa", "Jago", "Tamsin", "Morwenna", "Ruairí", "Sinéad",
             "Oksana", "Anjali", "Idris", "Maddox", "Rosalind", "Tegwen", "Piotr", "Mariam", "Carys"]

ETHNICITIES = ["White British", "White Irish", "Gypsy or Irish Traveller", "Any other White background",
               "White and Black Caribbean", "White and Black African", "White and Asian", "Indian", "Pakistani",
               "Bangladeshi", "Black African", "Black Caribbean", "Any other mixed background", "Roma",
               "Not declared"]
FAITHS = ["None", "Christian", "Roman Catholic", "Muslim", "Hindu", "Orthodox Christian", "Church in Wales",
          "Not stated"]
DISABILITIES = ["None", "Autism (awaiting assessment)", "ADHD", "Global developmental delay", "Cerebral palsy",
                "Hearing impairment", "None known", "Type 1 diabetes"]

PLACES = [("Worle", "BS22"), ("Locking", "BS24"), ("Hutton", "BS24"), ("Congresbury", "BS49"),
          ("Winscombe", "BS25"), ("Wrington", "BS40"), ("Long Ashton", "BS41"), ("Pill", "BS20"),
          ("Easton-in-Gordano", "BS20"), ("Milton", "BS22"), ("Oldmixon", "BS24"), ("Churchill", "BS25"),
          ("Wick St Lawrence", "BS22"), ("Langford", "BS40")]
STREETS = ["Ebdon Road", "Mendip Avenue", "Station Road", "Pudding Pie Lane", "Brockley Way", "Lodge Lane",
           "Weston Road", "Ham Lane", "Celandine Close", "Kingsweston Drive", "Moorland Road", "Nightingale Rise",
           "Pylewell Lane", "Star Lane", "Church Walk", "Cherry Grove", "Marchfields Way", "Hawthorn Crescent",
           "Sandmead Road", "Bristol Road", "Quantock Close", "Tyning Lane", "Chestnut Park", "Orchard Mead"]
LETTERS = "ABDEFGHJLNPQRSTUWXY"


def address(rng: random.Random) -> str:
    town, pc = rng.choice(PLACES)
    flat = rng.random() < 0.2
    num = rng.randint(1, 88)
    pre = f"Flat {rng.randint(1, 9)}, " if flat else ""
    return f"{pre}{num} {rng.choice(STREETS)}, {town}, {pc} {rng.randint(1, 9)}{rng.choice(LETTERS)}{rng.choice(LETTERS)}"


# ---------------------------------------------------------------- agencies

AGENCIES = [
    ("Avon and Somerset Police", "avonandsomerset.police.uk", ["Detective Sergeant, CAIT", "Detective Inspector",
                                                              "PC, Neighbourhood Team", "Public Protection Officer"]),
    ("North Somerset Council Children's Services", "n-somerset.gov.uk", ["Social Worker", "Team Manager, Safeguarding",
                                                                        "Advanced Practitioner", "Principal Social Worker"]),
    ("University Hospitals Bristol and Weston NHS FT", "uhbw.nhs.uk", ["Named Nurse Safeguarding Children",
                                                                        "Consultant Paediatrician", "Safeguarding Midwife"]),
    ("Sirona care & health", "sirona-cic.org.uk", ["Health Visitor", "School Nurse", "Specialist Public Health Nurse"]),
    ("Graham Road Surgery", "nhs.net", ["GP Partner", "Salaried GP", "Practice Safeguarding Lead"]),
    ("Avon and Wiltshire Mental Health Partnership", "awp.nhs.uk", ["CAMHS Clinician", "Community Psychiatric Nurse"]),
    ("Probation Service", "justice.gov.uk", ["Probation Officer", "Senior Probation Officer"]),
    ("South Western Ambulance Service", "swast.nhs.uk", ["Safeguarding Practitioner", "Paramedic"]),
    ("Hutton Moor Academy", "huttonmoor.n-somerset.sch.uk", ["Designated Safeguarding Lead", "Head of Year 9"]),
    ("Gordano Homes", "gordanohomes.org.uk", ["Tenancy Sustainment Officer", "Housing Officer"]),
    ("North Somerset Youth Justice Service", "n-somerset.gov.uk", ["Youth Justice Officer", "YJS Team Leader"]),
    ("We Are With You", "wearewithyou.org.uk", ["Recovery Worker", "Young People's Worker"]),
]
PROCESSES = [("Section 47 enquiry", ["Ongoing", "Completed - threshold met", "Strategy meeting held 30/11"]),
             ("Criminal investigation", ["Ongoing", "Suspect on police bail", "Charged; remanded in custody"]),
             ("Child death review", ["Notified to CDOP", "JAR held"]),
             ("Coroner's inquest", ["Opened and adjourned", "Not yet opened"]),
             ("Initial child protection conference", ["Booked for 17/12/2026", "Held - plan made"]),
             ("LADO referral", ["Not applicable", "Made; strategy pending"]),
             ("Domestic homicide review", ["Being considered by CSP", "Not applicable"]),
             ("Care proceedings", ["Interim care order granted", "PLO pre-proceedings"])]

INCIDENTS = [
    ("home address", "admitted with a subdural haemorrhage and retinal bleeds; non-accidental injury suspected."),
    ("a friend's flat", "found unresponsive after taking a quantity of tablets; on PICU, expected to recover."),
    ("the canal path", "stabbed during a dispute linked to drug supply; surgery needed, now stable."),
    ("home address", "died in an unsafe sleep arrangement; father intoxicated; known neglect concerns."),
    ("Weston General Hospital", "brought in with fractures of different ages; mother's partner arrested."),
    ("a car park off the A370", "found missing for three days and sexually exploited; serious harm to health."),
    ("the family's caravan", "severe scalds from a kettle; a delay of 14 hours before help was sought."),
    ("the grandparents' house", "dog attack causing facial injuries; previous warnings about the dog."),
]
SUMMARY_TAIL = ["Several agencies knew of concerns in the last year.",
                "There were missed health appointments and school absence since September.",
                "The family moved between three addresses this year and records did not follow them.",
                "Domestic abuse was reported twice to police; no referral reached children's services."]


def pro(rng: random.Random, agency: tuple[str, str, list[str]] | None = None) -> dict[str, Any]:
    ag = agency or rng.choice(AGENCIES)
    first = rng.choice(PRO_FIRST)
    last = rng.choice(PRO_SURNAMES)
    email_local = f"{first}.{last}".lower().replace("í", "i").replace("é", "e").replace("'", "")
    return {"name": f"{first} {last}", "email": f"{email_local}@{ag[1]}", "role": rng.choice(ag[2]),
            "phone": rng.choice([f"07700 900{rng.randint(100, 999)}", f"01632 960{rng.randint(100, 999)}"]),
            "agency": ag[0], "domain": ag[1]}


def _dob(rng: random.Random, lo: int, hi: int) -> dt.date:
    y = TODAY.year - rng.randint(lo, hi)
    return dt.date(y, rng.randint(1, 12), rng.randint(1, 28))


def referral(rng: random.Random) -> dict[str, Any]:
    """A referral record; values are the expected ones (None = not stated / not known)."""
    ref = pro(rng)
    girl = rng.random() < 0.5
    surname = rng.choice(SURNAMES)
    child_first = rng.choice(CHILD_F if girl else CHILD_M)
    age = rng.choice([0, 1, 3, 6, 9, 13, 15, 16])
    dob = _dob(rng, age, age) if age else dt.date(2026, rng.randint(3, 9), rng.randint(1, 28))
    home = address(rng)
    mum = f"{rng.choice(FIRST_F)} {surname}"
    dad_surname = rng.choice([surname, rng.choice(SURNAMES)])
    dad = f"{rng.choice(FIRST_M)} {dad_surname}"
    eth = rng.choice(ETHNICITIES[:-1])
    incident = TODAY - dt.timedelta(days=rng.randint(2, 12))
    band = [0, 3, 4, 6, 7] if age <= 3 else [4, 6, 7] if age <= 9 else [1, 2, 5, 7]
    loc, what = INCIDENTS[rng.choice(band)]
    died = "died" in what
    mum_dob = _dob(rng, age + 19, age + 36)
    mum_age = TODAY.year - mum_dob.year
    fam = [
        {"name": mum, "relationship": "Mother", "date_of_birth": mum_dob.isoformat(), "address": home,
         "ethnicity": eth},
        {"name": dad, "relationship": rng.choice(["Father", "Father (not resident)"]),
         "date_of_birth": _dob(rng, age + 20, age + 40).isoformat() if rng.random() < 0.7 else None,
         "address": address(rng) if rng.random() < 0.7 else None,
         "ethnicity": rng.choice([eth, None, rng.choice(ETHNICITIES[:-1])])},
    ]
    if rng.random() < 0.7:
        rel = rng.choice(["Half-sister", "Brother", "Sister", "Half-brother"])
        sib = f"{rng.choice(CHILD_F if 'sister' in rel.lower() else CHILD_M)} {surname}"
        fam.append({"name": sib, "relationship": rel,
                    "date_of_birth": _dob(rng, 1, min(17, mum_age - 18)).isoformat(), "address": home, "ethnicity": eth})
    if rng.random() < 0.5:
        fam.append({"name": f"{rng.choice(FIRST_M)} {rng.choice(SURNAMES)}",
                    "relationship": rng.choice(["Mother's partner", "Step-father", "Maternal grandfather"]),
                    "date_of_birth": _dob(rng, mum_age - 3, mum_age + 24).isoformat() if rng.random() < 0.6 else None,
                    "address": rng.choice([home, address(rng)]), "ethnicity": rng.choice([None, "White British", eth])})
    ags = []
    used = {ref["agency"]}
    for _ in range(rng.randint(2, 4)):
        a = rng.choice([x for x in AGENCIES if x[0] not in used])
        used.add(a[0])
        p = pro(rng, a)
        ags.append({"name": p["name"], "agency": a[0], "contact": rng.choice([p["email"], p["phone"]]),
                    "still_involved": rng.choice([True, False, True])})
    procs = [{"process": p, "status": rng.choice(st)} for p, st in rng.sample(PROCESSES, rng.randint(1, 3))]
    first = child_first
    summary = f"{first}: {what} {rng.choice(SUMMARY_TAIL)}"
    return {
        "referrer": {k: ref[k] for k in ("name", "email", "role", "phone", "agency")}
        | {"date_submitted": (TODAY - dt.timedelta(days=rng.randint(0, 2))).isoformat()},
        "child": {"name": f"{child_first} {surname}", "date_of_birth": dob.isoformat(), "home_address": home,
                  "carer": mum, "incident_date": incident.isoformat(), "incident_location": loc,
                  "ethnicity": eth, "faith": rng.choice(FAITHS), "disability": rng.choice(DISABILITIES),
                  "child_protection_plan": rng.choice(["yes", "no", "has_been", "not_known"])},
        "family": fam,
        "criteria": {"child_died": died, "seriously_harmed": not died, "abuse_or_neglect":
                     rng.choice(["known", "suspected"]), "agency_concern": rng.choice([True, True, False])},
        "summary": summary,
        "other_agencies": ags,
        "other_processes": procs,
        "_girl": girl,
    }


def agency_return(rng: random.Random, involved: bool = True) -> dict[str, Any]:
    ag = rng.choice(AGENCIES)
    a = pro(rng, ag)
    mgr = pro(rng, ag)
    start = dt.date(2025, rng.randint(1, 12), rng.randint(1, 28))
    end = TODAY - dt.timedelta(days=rng.randint(3, 20))
    done = TODAY + dt.timedelta(days=rng.randint(0, 4))
    by_kind = {
        "police": ["Two domestic abuse call-outs to the address, both graded standard risk; one missing-person report.",
                   "A welfare check in August; the mother's partner was arrested for assault in October."],
        "health": ["Seen at home by the health visitor four times; two missed contacts followed up by letter.",
                   "Registered patient; seen for asthma and a minor burn in June which was not queried further.",
                   "Attended the emergency department twice this year; one safeguarding referral made."],
        "school": ["Attended the academy until October; attendance fell to 61%; two welfare calls made."],
        "social": ["Known to the service since the referral in spring; three home visits and one strategy discussion.",
                   "Open as a child in need from March; the case was stepped down to Early Help in September."],
        "housing": ["Contact about rent arrears and a disrepair complaint; staff visited the home twice."],
        "other": ["Worked with the mother since January; seven appointments offered, four attended.",
                  "Offered a youth worker from May; he attended five of nine sessions."]}
    kind = ("police" if "police" in ag[1] else "school" if ".sch." in ag[1] else
            "health" if "nhs" in ag[1] or "sirona" in ag[1] else "social" if ag[1] == "n-somerset.gov.uk" else
            "housing" if "homes" in ag[1] else "other")
    sums = by_kind[kind]
    acts = ["Records secured; case discussed in safeguarding supervision; siblings' records flagged.",
            "Chronology started; DSL has met the pastoral team; referral to Early Help for the sibling.",
            "Information shared with police; staff offered debrief and support."]
    learn = ["Missed appointments were not seen as a safeguarding issue.",
             "No one asked who else lived in the household.",
             "Information from the previous authority arrived late and was not read."]
    return {
        "agency": ag[0],
        "author": {"name": a["name"], "role": a["role"], "email": a["email"], "phone": a["phone"]},
        "involved": involved,
        "involvement_from": start.isoformat() if involved else None,
        "involvement_to": end.isoformat() if involved else None,
        "summary": rng.choice(sums) if involved else None,
        "immediate_actions": rng.choice(acts) if involved else None,
        "learning": rng.choice(learn) if involved else None,
        "records_secured": rng.choice([True, True, False]) if involved else None,
        "signed_off_by": mgr["name"],
        "date_completed": done.isoformat(),
        "_mgr": mgr,
        "_domain": ag[1],
    }


def D(iso: str | None, style: str, none: str = "") -> str:
    """A date as written in the given style; None as the layout's 'not known' text."""
    return none if iso is None else fmt_date(dt.date.fromisoformat(iso), style)


def V(v: str | None, none: str = "") -> str:
    return none if v is None else v


def strip(rec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rec.items() if not k.startswith("_")}
