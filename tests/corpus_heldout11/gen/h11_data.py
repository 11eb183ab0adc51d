"""Invented content for held-out set 11: people, places, incidents, agencies, date forms.

Everything is drawn from random.Random(message name), so the content of a message is the same on every run.
All people, streets and phone numbers are invented (Ofcom drama ranges 07700 900xxx, 01632 960xxx)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TO = "Safeguarding Partnership Business Unit <cspr.referrals@n-somerset.gov.uk>"
COORD = "Rachel Tennant <rachel.tennant@n-somerset.gov.uk>"
SERVICE_LEADER = "Fiona Castellan <fiona.castellan@n-somerset.gov.uk>"
CHAIR = "Dr Olusegun Hartley <olusegun.hartley@nhs.net>"

# date forms a person writes (the checker accepts any of them for an ISO value)
STYLES = ["iso", "slash", "dmy2", "ord_mon", "long", "wday", "wday_y", "mon_dash", "dot2", "dot", "us_long",
          "ord_long", "dash", "mon"]


def _ord(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fmt_date(d: dt.date, style: str) -> str:
    return {
        "iso": d.isoformat(),
        "slash": f"{d:%d/%m/%Y}",
        "dmy2": f"{d:%d/%m/%y}",
        "ord_mon": f"{_ord(d.day)} {d:%b %Y}",
        "ord_long": f"{_ord(d.day)} {d:%B %Y}",
        "long": f"{d.day} {d:%B %Y}",
        "wday": f"{d:%A} {d.day} {d:%B}",
        "wday_y": f"{d:%A} {d.day} {d:%B %Y}",
        "mon_dash": f"{d:%d-%b-%Y}",
        "dot2": f"{d:%d.%m.%y}",
        "dot": f"{d:%d.%m.%Y}",
        "us_long": f"{d:%B} {d.day}, {d.year}",
        "dash": f"{d:%d-%m-%Y}",
        "mon": f"{d.day} {d:%b %Y}",
    }[style]


FIRST_F = ["Tegan", "Eluned", "Carys", "Maisie-Rose", "Nia", "Zofia", "Aoife", "Bethan", "Kezia", "Imani", "Rhiannon",
           "Lilia", "Saskia", "Ffion", "Orla", "Mared", "Tamsin", "Chidinma", "Delyth", "Esmé", "Halina", "Jasmin"]
FIRST_M = ["Cai", "Dafydd", "Rhys", "Kacper", "Tadhg", "Idris", "Ezra", "Callum-Jay", "Osian", "Kwame", "Finlay",
           "Lewys", "Bartosz", "Eoin", "Teilo", "Jarrah", "Macsen", "Ruairí", "Hamza", "Noah-Lee", "Gethin", "Ciarán"]
SURN = ["Prothero", "Vaughan-Jones", "Kowalczyk", "Ap Rhys", "Penberthy", "Threlfall", "Mbatha", "De la Cruz",
        "Ní Bhriain", "Hendry", "Quarrie", "Ashdown-Pryce", "Wojcik", "Tremayne", "Gallacher", "Olawale",
        "Fitzgerald", "Loveridge", "Bevan", "Macready", "Sandiford", "Østergaard", "Pugh", "Chaudhry"]
PRO_F = ["Gwenllian", "Harriet", "Sunita", "Marisol", "Bronwen", "Colette", "Abimbola", "Kirsty", "Natalia", "Heledd"]
PRO_M = ["Alun", "Benedict", "Tomasz", "Everton", "Huw", "Rajesh", "Fergus", "Emrys", "Oluwaseun", "Piers"]
PRO_S = ["Carnegie", "Ellery", "Mountjoy", "Pennington", "Rhydderch", "Szymańska", "Adebayo", "Whitcombe",
         "Lanyon", "Drinkwater", "Featherstone", "Morcom", "Ibbotson", "Quennell"]

PLACES = [("Clevedon", "BS21"), ("Portishead", "BS20"), ("Nailsea", "BS48"), ("Backwell", "BS48"), ("Yatton", "BS49"),
          ("Banwell", "BS29"), ("Sandford", "BS25"), ("Kewstoke", "BS22"), ("Uphill", "BS23"), ("Easton-in-Gordano", "BS20")]
STREETS = ["Kenn Moor Drive", "Tickenham Hollow", "Old Church Leaze", "Wemberham Rise", "Bucklands Batch",
           "Clapton Shute", "Ravensworth Terrace", "Nightingale Rise", "Drove Orchard", "Lilypool Close",
           "Strode Gardens", "Chelvey Batch", "Hollowmead Walk", "Cadbury Camp Lane End", "Tutton Way North"]

ETHNICITIES = ["White British", "White Irish", "White Other", "Gypsy/Roma", "Black African", "Black Caribbean",
               "Mixed White and Black Caribbean", "Mixed White and Asian", "Indian", "Pakistani", "Bangladeshi",
               "Chinese", "Any other ethnic group", "Not declared"]
FAITHS = ["None", "Christian", "Muslim", "Church in Wales", "Roman Catholic", "Jehovah's Witness", "Not known", "Hindu"]
DISABILITIES = ["None", "Autism (diagnosed 2023)", "Global developmental delay", "Cerebral palsy", "None identified",
                "ADHD - awaiting assessment", "Type 1 diabetes"]

# agencies: (full name, acronym or short form, domain, roles)
AGENCIES = [
    ("University Hospitals Bristol and Weston NHS Foundation Trust", "UHBW", "uhbw.nhs.uk",
     ["Named Nurse for Safeguarding Children", "Consultant Paediatrician", "Paediatric Liaison Nurse"]),
    ("Avon and Wiltshire Mental Health Partnership NHS Trust", "AWP", "awp.nhs.uk",
     ["Safeguarding Practitioner", "Care Co-ordinator, Early Intervention in Psychosis"]),
    ("Avon and Somerset Police", "ASP", "avonandsomerset.police.uk",
     ["Detective Inspector, Child Abuse Investigation Team", "PPU Sergeant"]),
    ("North Somerset Children's Social Care", "CSC", "n-somerset.gov.uk",
     ["Team Manager, Child Protection", "Advanced Practitioner", "Principal Social Worker"]),
    ("South Western Ambulance Service NHS Foundation Trust", "SWASFT", "swast.nhs.uk",
     ["Safeguarding Specialist Practitioner", "Paramedic Team Leader"]),
    ("Sirona care & health", "Sirona", "sirona-cic.org.uk", ["Health Visitor", "School Nurse Team Leader"]),
    ("Clevedon Pier Medical Practice", "GP surgery", "nhs.net", ["GP Safeguarding Lead", "Practice Manager"]),
    ("Portishead Bay Academy", "PBA", "portisheadbay.n-somerset.sch.uk",
     ["Designated Safeguarding Lead", "Deputy Headteacher"]),
    ("Probation Service (Avon and Somerset)", "PS", "justice.gov.uk", ["Senior Probation Officer"]),
]

INCIDENTS = [
    ("died", "Home", "{c} was found unresponsive in a bed shared with an adult after a night when both parents had been drinking. Paramedics could not revive {o}.",
     "known"),
    ("harmed", "Bristol Royal Hospital for Children", "{c} was admitted with a subdural haemorrhage and retinal bleeds. The explanation given (a fall from a sofa) does not account for the injuries.",
     "suspected"),
    ("harmed", "Clevedon seafront", "{c} was stabbed in the thigh during an incident linked to county lines exploitation; {c} had been missing from home for three days.",
     "known"),
    ("died", "the family home", "{c} died after an overdose of prescribed medication belonging to a parent. {c} had disclosed self-harm to school in October.",
     "suspected"),
    ("harmed", "Weston General Hospital", "{c} was brought in severely malnourished and dehydrated, weighing below the 0.4th centile. Health appointments had been missed since the summer.",
     "known"),
    ("harmed", "a friend's flat in Nailsea", "{c} was sexually assaulted by an adult met online; police are investigating and {c} is now in foster care.",
     "known"),
]
PROCESSES = [("Police investigation", "Ongoing"), ("Coroner's inquest", "Opened and adjourned"),
             ("CDOP", "Notified"), ("Criminal proceedings", "Father charged, remanded"),
             ("Section 47 enquiry", "Completed"), ("Strategy discussion", "Held 2 December")]
CP = [("yes", ["Yes - current", "Currently subject to a plan", "Yes (current)", "CURRENT"]),
      ("no", ["Never", "No", "No - never", "Not subject to a plan"]),
      ("has_been", ["Previously", "Has been", "Plan ended 2024", "In the past"]),
      ("not_known", ["Not known", "Unknown", "Don't know"])]


class Person(dict):  # type: ignore[type-arg]
    pass


def phone(rng: random.Random) -> str:
    return rng.choice(["07700 900", "01632 960"]) + f"{rng.randint(0, 999):03d}"


def address(rng: random.Random) -> str:
    town, pc = rng.choice(PLACES)
    flat = rng.random() < 0.25
    a = f"{rng.randint(2, 140)} {rng.choice(STREETS)}, {town}, {pc} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    return ("Flat " + str(rng.randint(1, 9)) + ", " + a) if flat else a


def professional(rng: random.Random, agency: tuple[str, str, str, list[str]] | None = None) -> dict[str, str]:
    ag = agency or rng.choice(AGENCIES)
    first = rng.choice(PRO_F + PRO_M)
    sur = rng.choice(PRO_S)
    dom = ag[2]
    return {"name": f"{first} {sur}", "first": first, "surname": sur, "role": rng.choice(ag[3]), "agency": ag[0],
            "short": ag[1], "email": f"{first.lower()}.{sur.lower().replace('ń', 'n')}@{dom}", "phone": phone(rng)}


def make_case(rng: random.Random, today: dt.date = dt.date(2026, 12, 4), age_band: str | None = None,
              n_family: int | None = None) -> dict[str, Any]:
    """One referral's content as dates and strings (the layouts choose how to write them)."""
    female = rng.random() < 0.5
    first = rng.choice(FIRST_F if female else FIRST_M)
    sur = rng.choice(SURN)
    band = age_band or rng.choice(["baby", "young", "teen"])
    years = {"baby": 0, "young": rng.randint(2, 8), "teen": rng.randint(13, 16)}[band]
    dob = today - dt.timedelta(days=365 * years + rng.randint(40, 300))
    incident = today - dt.timedelta(days=rng.randint(1, 6))
    kind = rng.choice([i for i in INCIDENTS if (band == "teen") == ("county" in i[2] or "overdose" in i[2] or "online" in i[2])]
                      or INCIDENTS)
    home = address(rng)
    eth = rng.choice(ETHNICITIES)
    mother = f"{rng.choice(FIRST_F)} {sur if rng.random() < 0.6 else rng.choice(SURN)}"
    fam: list[dict[str, Any]] = [
        {"name": mother, "relationship": "Mother", "date_of_birth": dob - dt.timedelta(days=365 * rng.randint(19, 30) + rng.randint(0, 300)),
         "address": home, "ethnicity": eth}]
    nf = n_family if n_family is not None else rng.randint(2, 4)
    rels = ["Father", "Half-sister", "Brother", "Mother's partner", "Maternal grandmother", "Paternal uncle", "Step-father"]
    rng.shuffle(rels)
    for rel in rels[: nf - 1]:
        if rel in ("Half-sister", "Brother"):
            d = dob + dt.timedelta(days=rng.choice([-1, 1]) * rng.randint(400, 1500))
            if d >= today:
                d = dob - dt.timedelta(days=rng.randint(400, 1500))
            fn = rng.choice(FIRST_F if rel == "Half-sister" else FIRST_M)
        else:
            d = dob - dt.timedelta(days=365 * rng.randint(20, 50) + rng.randint(0, 300))
            fn = rng.choice(FIRST_F if "grandmother" in rel else FIRST_M)
        sn = sur if rel in ("Father", "Brother", "Paternal uncle") else rng.choice(SURN)
        lives = rel in ("Brother", "Half-sister", "Mother's partner", "Step-father")
        fam.append({"name": f"{fn} {sn}", "relationship": rel, "date_of_birth": d,
                    "address": home if lives else address(rng), "ethnicity": eth if rng.random() < 0.7 else rng.choice(ETHNICITIES)})
    ags = rng.sample(AGENCIES, rng.randint(2, 3))
    others = []
    for ag in ags:
        p = professional(rng, ag)
        others.append({"name": p["name"], "agency": ag[0], "short": ag[1],
                       "contact": p["phone"] if rng.random() < 0.6 else p["email"], "still_involved": rng.random() < 0.6})
    procs = [{"process": p, "status": s} for p, s in rng.sample(PROCESSES, rng.randint(1, 2))]
    cpv, cpw = rng.choice(CP)
    ref = professional(rng)
    died = kind[0] == "died"
    pron = "her" if female else "him"
    c = {
        "referrer": {**ref, "date_submitted": today - dt.timedelta(days=rng.randint(0, 1))},
        "child": {"name": f"{first} {sur}", "first": first, "surname": sur, "female": female, "date_of_birth": dob,
                  "home_address": home, "carer": mother, "incident_date": incident, "incident_location": kind[1],
                  "ethnicity": eth, "faith": rng.choice(FAITHS), "disability": rng.choice(DISABILITIES),
                  "child_protection_plan": cpv, "cp_words": cpw},
        "family": fam,
        "criteria": {"child_died": died, "seriously_harmed": not died, "abuse_or_neglect": kind[3],
                     "agency_concern": rng.random() < 0.6},
        "summary": kind[2].format(c=first, o=pron),
        "other_agencies": others,
        "other_processes": procs,
    }
    if band == "baby":
        c["child"]["disability"] = rng.choice(["None", "None known", "Born at 31 weeks"])
    return c


def iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, dt.date) else v


def expected_referral(c: dict[str, Any], **over: Any) -> dict[str, Any]:
    """The parse contract's referral section from a case; `over` replaces dotted paths (child.name=...)."""
    r = {
        "referrer": {k: iso(c["referrer"][k]) for k in ("name", "email", "role", "phone", "agency", "date_submitted")},
        "child": {k: iso(c["child"][k]) for k in ("name", "date_of_birth", "home_address", "carer", "incident_date",
                                                  "incident_location", "ethnicity", "faith", "disability",
                                                  "child_protection_plan")},
        "family": [{k: iso(f[k]) for k in ("name", "relationship", "date_of_birth", "address", "ethnicity")}
                   for f in c["family"]],
        "criteria": dict(c["criteria"]),
        "summary": c["summary"],
        "other_agencies": [{k: a[k] for k in ("name", "agency", "contact", "still_involved")} for a in c["other_agencies"]],
        "other_processes": [dict(p) for p in c["other_processes"]],
    }
    for path, v in over.items():
        cur: Any = r
        keys = path.split(".")
        for k in keys[:-1]:
            cur = cur[int(k)] if isinstance(cur, list) else cur[k]
        if isinstance(cur, list):
            cur[int(keys[-1])] = v
        else:
            cur[keys[-1]] = v
    return {"kind": "referral", "case_ref": None, "referral": r, "agency_return": None, "command": None}


RETURN_TEXTS = [
    ("Seen at {n} contacts between the dates above; the last was a home visit where the home was cluttered but the child was not seen.",
     "Case discussed with the named nurse; records locked; staff offered debrief.",
     "We did not ask to see the child at the last visit and accepted the parent's account."),
    ("The family were known through two domestic abuse incidents (standard risk). No referral to CSC was made after the second.",
     "Both incidents re-reviewed by a supervisor; DASH re-assessed as high risk.",
     "Repeat incidents were assessed singly rather than as a pattern."),
    ("Mother attended {n} appointments for low mood; she mentioned the children only once and no family assessment was made.",
     "Records secured; a Think Family prompt added to the care plan template.",
     "Adult services did not consider the children in the household."),
    ("The child's attendance fell to 71% in the autumn term; two welfare calls were made and the family said the child was unwell.",
     "Attendance and welfare records copied to the DSL file and secured.",
     "Persistent absence was not escalated to the Education Welfare Service quickly enough."),
]
