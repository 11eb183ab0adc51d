"""Invented content for held-out set 12: people, places, agencies, incidents, dates in many written forms.

Every message draws from random.Random(NAME), so the content is the same on every run."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TO = "Safeguarding Partnership Business Unit <cspr.referrals@n-somerset.gov.uk>"
COORD = "Rachel Tennant <rachel.tennant@n-somerset.gov.uk>"
SERVICE_LEADER = "Fiona Castellan <fiona.castellan@n-somerset.gov.uk>"
CHAIR = "Dr Olusegun Hartley <olusegun.hartley@nhs.net>"
YEAR = 2026

FORENAMES = ["Saoirse", "Thijs", "Oluwadamilare", "Isla-Rose", "Kacper", "Niamh", "Tobiah", "Zainab", "Rhiannon",
             "Mateusz", "Aaliyah", "Pádraig", "Femi", "Liesbeth", "Callum", "Nnamdi", "Eilidh", "Jan-Willem",
             "Soraya", "Dougie", "Ffion", "Anneke", "Kofi", "Maisie-Jo", "Ruaridh", "Yasmin", "Bartosz", "Oisín",
             "Hendrika", "Chidera", "Morven", "Seren", "Jude", "Tamsin", "Eamonn", "Priyanka", "Lowenna",
             "Ignatius", "Delphine", "Sorcha"]
SURNAMES = ["van der Merwe", "O'Callaghan", "MacAulay", "D'Souza", "de la Cruz", "Fitz-Simmons", "ter Horst",
            "McAlinden", "Okonkwo-Reid", "O'Driscoll", "MacLennan", "Van Rensburg", "St John", "De'Ath",
            "Penhaligon", "Trevelyan-Jones", "Mbeki-Holt", "Nankivell", "Ó Murchú", "van den Berg",
            "Ap Rhys", "Le Grice", "Kowalski-Burt", "Nic Giolla", "Featherstonehaugh", "Dal Santo",
            "Mac an tSaoir", "Oyelaran", "Boscawen", "Quiller"]
FEMALE = ["Saoirse", "Isla-Rose", "Niamh", "Zainab", "Rhiannon", "Aaliyah", "Liesbeth", "Eilidh", "Soraya", "Ffion",
          "Anneke", "Maisie-Jo", "Yasmin", "Hendrika", "Chidera", "Morven", "Seren", "Tamsin", "Priyanka", "Lowenna",
          "Delphine", "Sorcha"]
MALE = [f for f in FORENAMES if f not in FEMALE]
PRO_FORENAMES = ["Helen", "Marcus", "Bridget", "Yusuf", "Carys", "Declan", "Ngozi", "Rupert", "Sinead", "Tariq",
                 "Wendy", "Grzegorz", "Annabel", "Lachlan", "Precious", "Hamish", "Imogen", "Kwabena", "Orla",
                 "Siobhan", "Torquil", "Felicity"]
PRO_SURNAMES = ["Ashdown", "Blackmore", "Cundy", "Dunstan", "Elphick", "Gribble", "Hext", "Inchley", "Jolliffe",
                "Kitto", "Luxton", "Mallett", "Northcott", "Oldreive", "Pascoe", "Rowse", "Scantlebury",
                "Tregunna", "Uglow", "Vosper", "Widdicombe", "Yeo"]
TOWNS = [("Worle", "BS22"), ("Winscombe", "BS25"), ("Congresbury", "BS49"), ("Wrington", "BS40"),
         ("Churchill", "BS25"), ("Long Ashton", "BS41"), ("Pill", "BS20"), ("Wraxall", "BS48"), ("Locking", "BS24"),
         ("Hutton", "BS24"), ("Weston-super-Mare", "BS23"), ("Claverham", "BS49")]
STREETS = ["Quarry Batch", "Mendip View Road", "Stepstairs Lane", "Ebdon Close", "Ladymead Row", "Hollowmead Way",
           "Cuckoo Pen Lane", "Drove Road", "Withywood Gardens", "Rhyne Terrace", "Moor Croft", "Kingsweston Rise"]
ETHNICITIES = ["White British", "White Irish", "Any other White background", "Black African and White",
               "Black Caribbean and White", "Pakistani", "Indian", "Black African", "Black Caribbean",
               "Any other mixed background", "Not declared", "Gypsy/Roma"]
FAITHS = ["None", "Roman Catholic", "Muslim", "Church of England", "Not known", "Pentecostal", "Hindu", "Sikh"]
DISABILITIES = ["None known", "Autism (diagnosed 2024)", "Cerebral palsy", "ADHD, awaiting assessment", "None",
                "Global developmental delay", "Hearing impairment (bilateral aids)"]

AGENCIES = [
    # (name, acronym, domain, roles)
    ("North Somerset Council Children's Services", "CSC", "n-somerset.gov.uk",
     ["Social Worker", "Team Manager, Assessment Team", "Principal Social Worker"]),
    ("Avon and Somerset Constabulary", "ASC", "avonandsomerset.police.uk",
     ["Detective Sergeant, Child Abuse Investigation Team", "Detective Inspector, Public Protection"]),
    ("University Hospitals Bristol and Weston NHS Foundation Trust", "UHBW", "uhbw.nhs.uk",
     ["Named Nurse Safeguarding Children", "Consultant Paediatrician", "Named Midwife"]),
    ("Sirona care & health", "Sirona", "sirona-cic.org.uk", ["Health Visitor", "School Nurse",
                                                             "Safeguarding Lead Nurse"]),
    ("Avon and Wiltshire Mental Health Partnership NHS Trust", "AWP", "awp.nhs.uk",
     ["Named Professional for Safeguarding", "CAMHS Clinical Lead"]),
    ("South Western Ambulance Service NHS Foundation Trust", "SWASFT", "swast.nhs.uk",
     ["Safeguarding Specialist Practitioner"]),
    ("Hollowmead Medical Centre", "GP", "nhs.net", ["GP Partner", "Practice Safeguarding Lead"]),
    ("Worle Vale Academy", "school", "worlevale.n-somerset.sch.uk", ["Designated Safeguarding Lead",
                                                                       "Deputy Headteacher"]),
    ("Probation Service (South West)", "PS", "justice.gov.uk", ["Senior Probation Officer"]),
    ("North Somerset Youth Justice Service", "YJS", "n-somerset.gov.uk", ["YJS Case Manager"]),
    ("Alliance Homes", "housing", "alliancehomes.org.uk", ["Tenancy Sustainment Officer"]),
]

INCIDENTS = [
    ("baby", "was brought to Weston General Hospital with a skull fracture and bleeding on the brain; the parents "
     "gave no explanation that fits the injuries", False, "suspected", "Weston General Hospital (injury at home)"),
    ("baby", "died at home after an unsafe sleep where the father had been drinking; the baby had been seen at a "
     "home visit four days earlier", True, "suspected", "the family home"),
    ("child", "was found with significant untreated burns and severe weight loss; neglect over months is known",
     False, "known", "the family home"),
    ("teen", "was stabbed in a park after being drawn into county lines exploitation and is in intensive care",
     False, "known", "Ellenborough Park, Weston-super-Mare"),
    ("teen", "died by suspected suicide; there had been reports of sexual exploitation that were not joined up",
     True, "suspected", "a railway line near Yatton"),
    ("child", "suffered a serious head injury inflicted by the mother's partner, who has been charged",
     False, "known", "the partner's flat in Worle"),
]

PROCESSES = [("Police investigation (Operation Kestrel)", "Ongoing"), ("Coroner's inquest", "Opened and adjourned"),
             ("Child Death Overview Panel", "Notified"), ("Strategy meeting", "Held; s47 enquiry under way"),
             ("Criminal proceedings", "Partner charged, remanded"), ("Serious Incident (NHS)", "Being scoped")]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def fmt_date(d: dt.date, style: str) -> str:
    m = MONTHS[d.month - 1]
    return {
        "ordinal": f"{ordinal(d.day)} {m} {d.year}",
        "ordinal_of": f"{ordinal(d.day)} of {m} {d.year}",
        "dots2": d.strftime("%d.%m.%y"),
        "dots4": d.strftime("%d.%m.%Y"),
        "iso": d.isoformat(),
        "month_day": f"{m} {d.day}",
        "us_long": f"{m} {d.day}, {d.year}",
        "slash": d.strftime("%d/%m/%Y"),
        "slash2": d.strftime("%d/%m/%y"),
        "long": f"{d.day} {m} {d.year}",
        "abbr": f"{d.day} {m[:3]} {d.year}",
        "dash": d.strftime("%d-%m-%Y"),
        "dow": f"{d.strftime('%A')} {d.day} {m}",
        "dow_ord": f"{d.strftime('%A')} the {ordinal(d.day)}",
    }[style]


STYLES = ["ordinal", "ordinal_of", "dots2", "dots4", "iso", "month_day", "us_long", "slash", "slash2", "long",
          "abbr", "dash", "dow", "dow_ord"]


def pick(rng: random.Random, xs: list[Any]) -> Any:
    return xs[rng.randrange(len(xs))]


def person(rng: random.Random, pro: bool = False) -> str:
    if pro:
        return f"{pick(rng, PRO_FORENAMES)} {pick(rng, PRO_SURNAMES)}"
    return f"{pick(rng, FORENAMES)} {pick(rng, SURNAMES)}"


def email_of(name: str, domain: str) -> str:
    local = name.lower().replace("'", "").replace(" ", ".").replace("ó", "o").replace("á", "a").replace("í", "i")
    return f"{local}@{domain}"


def phone(rng: random.Random) -> str:
    return pick(rng, [f"07700 900{rng.randrange(1000):03d}", f"01632 960{rng.randrange(1000):03d}"])


def address(rng: random.Random) -> str:
    town, pc = pick(rng, TOWNS)
    n = rng.randrange(2, 140)
    flat = f"Flat {rng.randrange(1, 9)}, " if rng.random() < 0.3 else ""
    return f"{flat}{n} {pick(rng, STREETS)}, {town}, {pc} {rng.randrange(1, 9)}{pick(rng, list('ABDEFGHJLNPQRSTUWXY'))}{pick(rng, list('ABDEFGHJLNPQRSTUWXY'))}"


def day(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=rng.randrange((hi - lo).days + 1))


def professional(rng: random.Random, agency: tuple[str, str, str, list[str]] | None = None) -> dict[str, str]:
    a = agency or pick(rng, AGENCIES)
    n = person(rng, pro=True)
    return {"name": n, "agency": a[0], "acronym": a[1], "email": email_of(n, a[2]), "role": pick(rng, a[3]),
            "phone": phone(rng), "domain": a[2]}


def referral(rng: random.Random, n_family: int = 3, n_agencies: int = 3, n_proc: int = 2,
             incident: int | None = None, male: bool | None = None, father: bool = False) -> dict[str, Any]:
    """A referral's content as the expected JSON's `referral` section, plus '_' helpers for the renderers."""
    inc = INCIDENTS[incident if incident is not None else rng.randrange(len(INCIDENTS))]
    band, what, died, an, loc = inc
    incident_date = day(rng, dt.date(YEAR, 11, 24), dt.date(YEAR, 12, 2))
    submitted = incident_date + dt.timedelta(days=rng.randrange(1, 4))
    age = {"baby": rng.randrange(60, 300), "child": rng.randrange(3 * 365, 9 * 365),
           "teen": rng.randrange(13 * 365, 17 * 365)}[band]
    dob = incident_date - dt.timedelta(days=age)
    surname = pick(rng, SURNAMES)
    fore = pick(rng, FORENAMES if male is None else (MALE if male else FEMALE))
    child_name = f"{fore} {surname}"
    home = address(rng)
    ethn = pick(rng, ETHNICITIES)
    mother = f"{pick(rng, FEMALE)} {surname}"
    mdob = dob - dt.timedelta(days=rng.randrange(19 * 365, 34 * 365))
    fam = [{"name": mother, "relationship": "Mother", "date_of_birth": mdob.isoformat(), "address": home,
            "ethnicity": ethn}]
    extra = [
        lambda: {"name": f"{pick(rng, MALE)} {pick(rng, SURNAMES)}", "relationship": "Stepfather",
                 "date_of_birth": (mdob - dt.timedelta(days=rng.randrange(0, 3000))).isoformat(),
                 "address": home, "ethnicity": pick(rng, ETHNICITIES)},
        lambda: {"name": f"{pick(rng, MALE)} {pick(rng, SURNAMES)}", "relationship": "Half-brother",
                 "date_of_birth": (dob + dt.timedelta(days=rng.randrange(400, 1500))).isoformat(),
                 "address": home, "ethnicity": pick(rng, ETHNICITIES)},
        lambda: {"name": f"{pick(rng, FEMALE)} {surname}", "relationship": "Half-sister",
                 "date_of_birth": (dob - dt.timedelta(days=rng.randrange(400, 2500))).isoformat(),
                 "address": address(rng), "ethnicity": ethn},
        lambda: {"name": None, "relationship": "Father", "date_of_birth": None, "address": None,
                 "ethnicity": None},
        lambda: {"name": f"{pick(rng, FEMALE)} {pick(rng, SURNAMES)}", "relationship": "Maternal grandmother",
                 "date_of_birth": (mdob - dt.timedelta(days=rng.randrange(18 * 365, 26 * 365))).isoformat(),
                 "address": address(rng), "ethnicity": ethn},
        lambda: {"name": f"{pick(rng, FEMALE)} {pick(rng, SURNAMES)}", "relationship": "Step-sister",
                 "date_of_birth": (dob - dt.timedelta(days=rng.randrange(100, 1500))).isoformat(),
                 "address": home, "ethnicity": pick(rng, ETHNICITIES)},
    ]
    order = list(range(len(extra)))
    rng.shuffle(order)
    if father and 3 not in order[: n_family - 1]:  # the not-known father is wanted on this form
        order.remove(3)
        order.insert(1, 3)
    for i in order[: n_family - 1]:
        fam.append(extra[i]())
    ref_ag = pick(rng, AGENCIES[:8])
    referrer = professional(rng, ref_ag)
    others = []
    pool = [a for a in AGENCIES if a is not ref_ag]
    rng.shuffle(pool)
    for a in pool[:n_agencies]:
        p = professional(rng, a)
        others.append({"name": p["name"], "agency": a[0], "contact": pick(rng, [p["email"], p["phone"]]),
                       "still_involved": rng.random() < 0.6})
    procs = rng.sample(PROCESSES, n_proc)
    cp = pick(rng, ["yes", "no", "has_been", "not_known"])
    first = fore
    summary = f"{first} {what}."
    return {
        "referrer": {"name": referrer["name"], "email": referrer["email"], "role": referrer["role"],
                     "phone": referrer["phone"], "agency": referrer["agency"], "date_submitted": submitted.isoformat()},
        "child": {"name": child_name, "date_of_birth": dob.isoformat(), "home_address": home, "carer": mother,
                  "incident_date": incident_date.isoformat(), "incident_location": loc, "ethnicity": ethn,
                  "faith": pick(rng, FAITHS), "disability": pick(rng, DISABILITIES), "child_protection_plan": cp},
        "family": fam,
        "criteria": {"child_died": died, "seriously_harmed": not died, "abuse_or_neglect": an,
                     "agency_concern": rng.random() < 0.7},
        "summary": summary,
        "other_agencies": others,
        "other_processes": [{"process": p, "status": s} for p, s in procs],
        "_": {"referrer": referrer, "band": band, "first": first, "surname": surname},
    }


def public(ref: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in ref.items() if k != "_"}


RETURN_TEXTS = [
    ("Known to us since the birth; 6 contacts, the last a missed appointment that was not followed up.",
     "Records secured; case discussed in safeguarding supervision; staff offered support.",
     "Missed appointments for a baby were not escalated to the health visitor."),
    ("Two attendances at the emergency department with minor injuries; on the second no referral was made.",
     "Datix raised; records locked; the treating team debriefed.",
     "Professional curiosity about repeat minor injuries in a non-mobile child."),
    ("Open to the service for support with attendance; 14 sessions, the last on the week before the incident.",
     "Designated Safeguarding Lead reviewed the file; sibling's plan reviewed.",
     "Attendance concerns were treated as an education issue, not a safeguarding one."),
    ("Three domestic abuse call-outs at the address, each risk-assessed as standard.",
     "Investigation team assigned; DASH assessments reviewed by a supervisor.",
     "Repeat standard-risk incidents were not seen together as a pattern."),
]


def agency_return(rng: random.Random, agency: tuple[str, str, str, list[str]] | None = None,
                  involved: bool = True) -> dict[str, Any]:
    a = agency or pick(rng, AGENCIES)
    p = professional(rng, a)
    frm = day(rng, dt.date(YEAR - 2, 1, 1), dt.date(YEAR, 6, 30))
    to = day(rng, dt.date(YEAR, 10, 1), dt.date(YEAR, 11, 28))
    done = day(rng, dt.date(YEAR, 12, 1), dt.date(YEAR, 12, 4))
    s, act, learn = pick(rng, RETURN_TEXTS)
    ret = {"agency": a[0], "author": {"name": p["name"], "role": p["role"], "email": p["email"], "phone": p["phone"]},
           "involved": involved, "involvement_from": frm.isoformat() if involved else None,
           "involvement_to": to.isoformat() if involved else None, "summary": s if involved else None,
           "immediate_actions": act if involved else None, "learning": learn if involved else None,
           "records_secured": True if involved else None, "signed_off_by": person(rng, pro=True),
           "date_completed": done.isoformat()}
    return ret


def case_ref(rng: random.Random) -> str:
    return f"NS-CSPR-{YEAR}-{rng.randrange(402, 460):03d}"
