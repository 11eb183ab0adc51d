"""Data pools and record builders for held-out set 9 (new people, streets, agencies; nothing from set 8's pools).

Every message draws from random.Random(NAME), so the expected JSON and the content are the same on every run."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TO = "Safeguarding Partnership Business Unit <cspr.referrals@n-somerset.gov.uk>"
TODAY = dt.date(2026, 12, 4)

BOY = ["Tomás", "Kacper", "Mateo", "Rhys", "Idris", "Kofi", "Alfie-Jay", "Stanisław", "Ezra", "Ruairí", "Nathaniel",
       "Bartosz", "Dáithí", "Yusuf", "Leon", "Jenson", "Théo", "Otis", "Caspian", "Ibrahim"]
GIRL = ["Zoë", "Niamh", "Amelia-Rose", "Seren", "Maja", "Chiamaka", "Eilidh", "Léa", "Aaliyah", "Gráinne",
        "Poppy", "Małgorzata", "Ayesha", "Bethan", "Delphine", "Ilinca", "Saoirse", "Kiera", "Nneka", "Marnie"]
ADULT_M = ["Dariusz", "Gethin", "Kwabena", "Lorenzo", "Craig", "Mihai", "Declan", "Arjun", "Wayne", "Jérôme",
           "Tadhg", "Brendan", "Olumide", "Kieran", "Radu"]
ADULT_F = ["Agnieszka", "Rhiannon", "Folasade", "Kerry-Ann", "Simone", "Ioana", "Bríd", "Tasha", "Hélène", "Gemma",
           "Precious", "Yasmin", "Dervla", "Lowri", "Jolanta"]
SURNAMES = ["Nowakowski", "Ó Dálaigh", "Van der Merwe", "De la Cruz", "Abara-Whitfield", "Penhaligon", "Mensah",
            "Kowalczyk", "Ní Bhriain", "Fitzgerald-Oyelowo", "Szabó", "Trewartha", "Adeyemi", "Popescu",
            "Ap Dafydd", "MacAonghais", "Delacroix", "Hussain-Barker", "Quiñones", "Brennan", "Castellano",
            "Lindqvist", "Ezeji", "Ramírez", "Pryce-Jenkins", "Okoro", "St John", "Da Silva", "Haverfield",
            "Marchetti"]
PRO_FIRST = ["Alison", "Bharat", "Catrin", "Deborah", "Edmund", "Faisal", "Gillian", "Harpreet", "Imogen", "Jasper",
             "Kirsty", "Lennox", "Morwenna", "Nkechi", "Oliver", "Priya", "Quentin", "Rosalind", "Sunil", "Tamsin",
             "Ursula", "Vikram", "Wendy", "Xavier", "Yvette", "Zainab"]
PRO_LAST = ["Ashdown", "Bellweather", "Chaudhry", "Dunmore", "Ellery", "Fairbrother", "Galbraith", "Holloway",
            "Iqbal", "Jessop", "Kettering", "Larkham", "Moorcroft", "Nettleship", "Ogunleye", "Pemberton",
            "Rafferty", "Sandoval", "Thackeray", "Underhill", "Vasquez", "Whitlock", "Yardley", "Zielinski"]
STREETS = [("Marine Parade Close", "Clevedon", "BS21 7QH"), ("Harbour Wall Road", "Portishead", "BS20 7DN"),
           ("Blackthorn Rise", "Nailsea", "BS48 1TW"), ("Cadbury Fields", "Congresbury", "BS49 5EJ"),
           ("Knightcott Mews", "Banwell", "BS29 6HR"), ("Sandford Ridge", "Winscombe", "BS25 1LG"),
           ("Old Wharf Lane", "Pill", "BS20 0AP"), ("Wrington Hollow", "Backwell", "BS48 3GU"),
           ("Strode Gardens", "Yatton", "BS49 4DX"), ("Channel View Terrace", "Clevedon", "BS21 6PB"),
           ("Lodge Pool Way", "Portishead", "BS20 6RE"), ("Brockley Coombe Road", "Nailsea", "BS48 2LS")]
FLATS = ["Flat 3, ", "Flat 12b, ", "", "", "", "Apartment 7, ", ""]
ETHNICITIES = ["White British", "White Irish", "White and Black Caribbean", "White and Asian", "Indian", "Pakistani",
               "Black African", "Gypsy or Irish Traveller", "Any other White background", "Chinese", "Not declared",
               "White and Black African", "Bangladeshi", "Any other mixed background"]
FAITHS = ["Roman Catholic", "Muslim", "None", "Christian", "Church of England", "Sikh", "Not known", "Pentecostal"]
DISABILITIES = ["None known", "Autism (diagnosed 2024)", "Global developmental delay", "ADHD, awaiting assessment",
                "Cerebral palsy", "None", "Hearing impairment", "Type 1 diabetes"]
CPP = ["yes", "no", "has_been", "not_known"]
LOCATIONS = ["Family home", "Clevedon Pier car park", "Portishead Lake Grounds", "Grandmother's flat",
             "Bristol Royal Hospital for Children (presented)", "A friend's house in Nailsea", "Yatton railway station",
             "Home address", "Mother's car on the M5 near junction 20", "Backwell Lake"]

# (role, agency, domain) for referrers and agency returns
AGENCIES = [
    ("Named Nurse for Safeguarding Children", "University Hospitals Bristol and Weston NHS FT", "uhbw.nhs.uk"),
    ("Detective Inspector, Child Abuse Investigation Team", "Avon and Somerset Constabulary",
     "avonandsomerset.police.uk"),
    ("Team Manager, Children's Assessment Team", "North Somerset Children's Services", "n-somerset.gov.uk"),
    ("Designated Safeguarding Lead", "Gordano Vale Academy", "gordanovale.n-somerset.sch.uk"),
    ("Safeguarding Lead Practitioner", "Avon and Wiltshire Mental Health Partnership NHS Trust", "awp.nhs.uk"),
    ("Named GP for Safeguarding", "Clevedon Riverside Medical Practice", "nhs.net"),
    ("Safeguarding Manager", "South Western Ambulance Service NHS FT", "swast.nhs.uk"),
    ("Senior Probation Officer", "Probation Service (Avon and Somerset)", "justice.gov.uk"),
    ("Specialist Health Visitor", "Sirona care & health", "nhs.net"),
    ("Head of Service, Youth Justice", "North Somerset Youth Justice Service", "n-somerset.gov.uk"),
    ("Tenancy Sustainment Lead", "Severnside Homes", "severnsidehomes.org.uk"),
    ("Family Court Adviser", "Cafcass", "cafcass.gov.uk"),
]
OTHER_AG = [("Health Visiting (Sirona)", "nhs.net"), ("CAMHS (Weston hub)", "awp.nhs.uk"),
            ("Clevedon Family Hub", "n-somerset.gov.uk"), ("Early Help Team", "n-somerset.gov.uk"),
            ("Avon and Somerset Police – Lighthouse", "avonandsomerset.police.uk"),
            ("Nailsea Community Primary School", "nailseacp.n-somerset.sch.uk"),
            ("Severnside Homes", "severnsidehomes.org.uk"), ("Young Carers Service", "example.org"),
            ("Drug & Alcohol Service (We Are With You)", "example.org"), ("School Nursing Team", "nhs.net"),
            ("Paediatric Liaison, Weston General", "uhbw.nhs.uk"), ("Portishead Children's Centre", "n-somerset.gov.uk")]
PROCS = [("Coroner's inquest", ["Opened and adjourned", "Inquest date to be set", "Pre-inquest review booked for Feb 2027"]),
         ("Criminal investigation", ["Ongoing – two adults arrested", "Police investigation ongoing",
                                     "Suspect released under investigation"]),
         ("Child Death Review (CDOP)", ["JAR meeting held 27/11", "Notified to CDOP", "Rapid response completed"]),
         ("Strategy discussion / s.47", ["Section 47 enquiry open", "Strategy meeting held"]),
         ("Care proceedings", ["Interim care order granted", "Pre-proceedings letter issued"]),
         ("Serious incident review (NHS)", ["PSIRF learning response commissioned", "Being scoped"])]
SUMMARIES = {  # (band, died) -> stories
    ("baby", False): ["{f} (aged {age}) was brought to hospital by ambulance with bruising to the face and a fractured "
                      "femur. The explanations given by the adults changed between the paramedics and the ward. A "
                      "skeletal survey found older rib fractures."],
    ("baby", True): ["{f} was found unresponsive in the parents' bed after a night when both parents had been "
                     "drinking. {f} was pronounced dead at hospital. The family had moved house three times in the "
                     "year and were not registered with a GP."],
    ("child", False): ["{f} arrived at school with a burn to the hand and said a parent had held it against the oven "
                       "door. There had been eleven earlier referrals about neglect, none reaching threshold for "
                       "assessment.",
                       "{f} was admitted to hospital malnourished (weight below the 0.4th centile) after staff at the "
                       "family hub raised concerns. Home visits had been cancelled repeatedly since the spring."],
    ("child", True): ["{f} died in a house fire at night while the adults were out. Neighbours had reported the "
                      "children being left alone several times; two of the reports were closed without a visit."],
    ("teen", False): ["{f} was stabbed near the town centre and is in intensive care. {f} had been missing from home "
                      "five times since September and was believed to be carrying drugs for an older group."],
    ("teen", True): ["{f} died after taking an overdose at home. {f} had told a teacher about self-harm in October and "
                     "a CAMHS referral was declined; there was domestic abuse at home known to police."],
}
RETURN_SUMMARY = ["Our service saw the family {n} times between {a} and {b}. Contacts covered routine reviews and one "
                  "missed appointment that was followed up by letter only. No safeguarding concerns were recorded by "
                  "our staff before the incident.",
                  "The child was known to us from {a}. We recorded two concerns about supervision and shared one "
                  "with children's social care; the second was not shared because the worker believed it was known. "
                  "Our last contact was on {b}.",
                  "Involvement from {a} to {b}: assessments of the mother's mental health, medication reviews and a "
                  "discharge letter that did not mention the children in the household."]
ACTIONS = ["Records secured and access restricted; staff involved offered support; case discussed at the "
           "safeguarding committee.", "Immediate audit of open cases with similar features; briefing to the team "
           "on sharing second concerns.", "Chronology completed; practitioners debriefed; management oversight "
           "added to all open cases held by the worker."]
LEARNING = ["Missed appointments for children should trigger a safeguarding conversation, not only a letter.",
            "Professional curiosity about unknown adults in the household needs strengthening.",
            "Information about fathers and partners was not sought or recorded."]


def fmt_date(d: dt.date, style: str) -> str:
    day = d.day
    suf = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return {
        "slash": d.strftime("%d/%m/%Y"),
        "long": f"{day} {d:%B %Y}",
        "ord": f"{day}{suf} {d:%B %Y}",
        "dot": d.strftime("%d.%m.%Y"),
        "short": f"{day} {d:%b %y}",
        "dash": d.strftime("%d-%m-%Y"),
        "yy": d.strftime("%d/%m/%y"),
        "wday": f"{d:%A} {day} {d:%B %Y}",
        "us": f"{d:%B} {day}, {d.year}",
        "nopad": f"{day}/{d.month}/{d.year}",
        "abbr": d.strftime("%d-%b-%Y"),
        "ordof": f"{day}{suf} of {d:%B} {d.year}",
        "comma": f"{d:%a}, {day} {d:%b} {d.year}",
    }[style]


STYLES = ["slash", "long", "ord", "dot", "short", "dash", "yy", "wday", "us", "nopad", "abbr", "ordof", "comma"]


def person(rng: random.Random, sex: str | None = None) -> tuple[str, str]:
    sex = sex or rng.choice("mf")
    pool = {"m": ADULT_M, "f": ADULT_F, "b": BOY, "g": GIRL}[sex]
    return rng.choice(pool), rng.choice(SURNAMES)


def address(rng: random.Random) -> str:
    st, town, pc = rng.choice(STREETS)
    return f"{rng.choice(FLATS)}{rng.randint(2, 88)} {st}, {town}, {pc}"


def pro(rng: random.Random, agency_ix: int | None = None) -> dict[str, Any]:
    role, agency, dom = AGENCIES[agency_ix if agency_ix is not None else rng.randrange(len(AGENCIES))]
    f, s = rng.choice(PRO_FIRST), rng.choice(PRO_LAST)
    email = f"{f}.{s}@{dom}".lower()
    phone = rng.choice([f"07700 900{rng.randint(0, 999):03d}", f"01632 960{rng.randint(0, 999):03d}"])
    return {"name": f"{f} {s}", "first": f, "last": s, "email": email, "role": role, "phone": phone,
            "agency": agency, "domain": dom}


def referral(rng: random.Random, nfam: int | None = None, nag: int | None = None, nproc: int | None = None,
             agency_ix: int | None = None) -> dict[str, Any]:
    """The referral as the expected JSON's 'referral' section, plus private helper keys prefixed '_'."""
    band = rng.choice(["baby", "child", "teen"])
    inc = TODAY - dt.timedelta(days=rng.randint(3, 16))
    age_days = {"baby": rng.randint(40, 600), "child": rng.randint(1500, 3600), "teen": rng.randint(4800, 6200)}[band]
    dob = inc - dt.timedelta(days=age_days)
    sex = rng.choice("bg")
    cf, surname = rng.choice(BOY if sex == "b" else GIRL), rng.choice(SURNAMES)
    home = address(rng)
    eth = rng.choice(ETHNICITIES)
    mum_f = rng.choice(ADULT_F)
    mum_s = surname if rng.random() < 0.6 else rng.choice(SURNAMES)
    fam = [{"name": f"{mum_f} {mum_s}", "relationship": "Mother",
            "date_of_birth": (dob - dt.timedelta(days=rng.randint(7000, 12000))).isoformat(),
            "address": home, "ethnicity": eth}]
    used = {cf, mum_f}
    rels = [("Father", "m"), ("Mother's partner", "m"), ("Sibling", "x"), ("Maternal grandmother", "f"),
            ("Half-brother", "b"), ("Half-sister", "g")]
    rng.shuffle(rels)
    n = nfam if nfam is not None else rng.randint(2, 4)
    for rel, sx in rels[: n - 1]:
        if sx == "x":
            sx, rel = rng.choice([("b", "Brother"), ("g", "Sister")])
        first = rng.choice([x for x in {"m": ADULT_M, "f": ADULT_F, "b": BOY, "g": GIRL}[sx]
                            if x not in used])
        used.add(first)
        last = surname if rel in ("Father", "Brother", "Sister", "Maternal grandmother") else rng.choice(SURNAMES)
        if rel == "Maternal grandmother":
            last = mum_s
        if sx in "bg":
            sign, gap = rng.choice([-1, 1]), rng.randint(400, 1500)
            mdob = dob + dt.timedelta(days=sign * gap)
            if mdob > inc - dt.timedelta(days=30):  # a younger sibling not yet born: an older one instead
                mdob = dob - dt.timedelta(days=gap)
        elif rel == "Maternal grandmother":
            mdob = dob - dt.timedelta(days=rng.randint(15000, 19000))
        else:
            mdob = dob - dt.timedelta(days=rng.randint(7000, 14000))
        addr = home if rel not in ("Father", "Maternal grandmother") or rng.random() < 0.3 else address(rng)
        fam.append({"name": f"{first} {last}", "relationship": rel, "date_of_birth": mdob.isoformat(),
                    "address": addr, "ethnicity": eth if rng.random() < 0.75 else rng.choice(ETHNICITIES)})
    died = rng.random() < 0.45
    ref = pro(rng, agency_ix)
    ags = []
    pool = OTHER_AG[:]
    rng.shuffle(pool)
    for ag, dom in pool[: (nag if nag is not None else rng.randint(2, 3))]:
        p = pro(rng)
        contact = rng.choice([p["phone"], f"{p['first']}.{p['last']}@{dom}".lower()])
        ags.append({"name": p["name"], "agency": ag, "contact": contact, "still_involved": rng.random() < 0.6})
    procs = []
    pp = PROCS[:]
    rng.shuffle(pp)
    for pr, sts in pp[: (nproc if nproc is not None else rng.randint(1, 2))]:
        procs.append({"process": pr, "status": rng.choice(sts)})
    age = (inc - dob).days // 365
    age_s = f"{age} years" if age >= 2 else f"{(inc - dob).days // 30} months"
    adults = [m for m in fam[1:] if m["relationship"] in ("Father", "Mother's partner", "Maternal grandmother")
              and m["address"] == home]
    carer = f"{fam[0]['name']} and {adults[0]['name']}" if adults and rng.random() < 0.4 else fam[0]["name"]
    return {
        "referrer": {"name": ref["name"], "email": ref["email"], "role": ref["role"], "phone": ref["phone"],
                     "agency": ref["agency"], "date_submitted": (inc + dt.timedelta(days=rng.randint(1, 3))).isoformat()},
        "child": {"name": f"{cf} {surname}", "date_of_birth": dob.isoformat(), "home_address": home, "carer": carer,
                  "incident_date": inc.isoformat(), "incident_location": rng.choice(LOCATIONS), "ethnicity": eth,
                  "faith": rng.choice(FAITHS), "disability": rng.choice(DISABILITIES),
                  "child_protection_plan": rng.choice(CPP)},
        "family": fam,
        "criteria": {"child_died": died, "seriously_harmed": not died or rng.random() < 0.2,
                     "abuse_or_neglect": rng.choice(["known", "suspected"]), "agency_concern": rng.random() < 0.7},
        "summary": rng.choice(SUMMARIES[(band, died)]).format(f=cf, age=age_s),
        "other_agencies": ags,
        "other_processes": procs,
        "_ref": ref, "_first": cf, "_surname": surname, "_age": age_s, "_band": band,
    }


def expected_referral(r: dict[str, Any], case_ref: str | None = None) -> dict[str, Any]:
    return {"kind": "referral", "case_ref": case_ref,
            "referral": {k: v for k, v in r.items() if not k.startswith("_")}, "agency_return": None, "command": None}


def agency_return(rng: random.Random, agency_ix: int | None = None, nil: bool = False) -> dict[str, Any]:
    a = pro(rng, agency_ix)
    frm = TODAY - dt.timedelta(days=rng.randint(200, 900))
    to = TODAY - dt.timedelta(days=rng.randint(8, 20))
    done = TODAY - dt.timedelta(days=rng.randint(0, 3))
    mgr = f"{rng.choice(PRO_FIRST)} {rng.choice(PRO_LAST)}"
    ret = {"agency": a["agency"], "author": {"name": a["name"], "email": a["email"], "role": a["role"],
                                               "phone": a["phone"]},
           "involved": not nil, "involvement_from": None if nil else frm.isoformat(),
           "involvement_to": None if nil else to.isoformat(),
           "summary": None if nil else rng.choice(RETURN_SUMMARY).format(n=rng.randint(3, 14),
                                                                         a=fmt_date(frm, "long"),
                                                                         b=fmt_date(to, "long")),
           "immediate_actions": None if nil else rng.choice(ACTIONS),
           "learning": None if nil else rng.choice(LEARNING),
           "records_secured": None if nil else rng.random() < 0.85,
           "signed_off_by": mgr, "date_completed": done.isoformat()}
    return {"ret": ret, "_a": a, "_frm": frm, "_to": to, "_done": done}


def case_ref(rng: random.Random) -> str:
    return f"NS-CSPR-2026-{rng.randint(100, 199):03d}"


def expected_return(ref: str, ret: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "agency_return", "case_ref": ref, "referral": None, "agency_return": ret, "command": None}


def expected_other(kind: str, ref: str | None, verb: str | None = None, args: str | None = None) -> dict[str, Any]:
    return {"kind": kind, "case_ref": ref, "referral": None, "agency_return": None,
            "command": {"verb": verb, "args": args} if verb else None}


CPP_WORDS = {
    "a": {"yes": "Current plan", "no": "Never", "has_been": "Previous plan", "not_known": "Not known"},
    "b": {"yes": "Yes - currently subject to a plan", "no": "No - never subject to a plan",
          "has_been": "Not now, but has been in the past", "not_known": "Unknown"},
    "c": {"yes": "Child Protection Plan (current)", "no": "No plan, now or before",
          "has_been": "Plan ended (historic)", "not_known": "Don't know"},
}
