"""Shared data for the held-out set 5 generator: people, places, scenarios, date styles, e-mail assembly."""
from __future__ import annotations

import copy
import datetime as dt
import email.utils
import random
from email.message import EmailMessage
from email.policy import SMTP

MAILBOX = "safeguarding.partnership@n-somerset.gov.uk"
MAILBOX_NAME = "North Somerset Safeguarding Children Partnership"
BOT = "csprbot@n-somerset.gov.uk"

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def fmt_date(iso: str | None, style: str) -> str:
    """Render an ISO date the way a UK practitioner might type it (every style is day-first or spelt out)."""
    if iso is None:
        return ""
    d = dt.date.fromisoformat(iso)
    m = MONTHS[d.month - 1]
    return {
        "slash": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "slash_nopad": f"{d.day}/{d.month}/{d.year}",
        "slash2": f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        "dot": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dot2": f"{d.day}.{d.month}.{d.year % 100:02d}",
        "dash": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "long": f"{d.day} {m} {d.year}",
        "long_ord": f"{ordinal(d.day)} {m} {d.year}",
        "short": f"{d.day} {m[:3]} {d.year}",
        "short_dash": f"{d.day:02d}-{m[:3]}-{d.year}",
        "weekday": f"{DAYS[d.weekday()]} {ordinal(d.day)} {m} {d.year}",
        "weekday_short": f"{DAYS[d.weekday()][:3]} {d.day} {m[:3]} {d.year}",
        "month_first": f"{m} {d.day}, {d.year}",
        "iso": iso,
    }[style]


# ---------------------------------------------------------------- people and places (all fictional)
CHILD_BOYS = ["Alfie", "Kai", "Jayden", "Tommy", "Zain", "Riley", "Mason", "Oskar", "Harley", "Leo", "Freddie",
              "Kacper", "Tyler", "Reuben", "Dylan", "Bobby", "Tayo", "Mohammed"]
CHILD_GIRLS = ["Ruby", "Maisie", "Amara", "Lily-Mae", "Esme", "Ayesha", "Poppy", "Nevaeh", "Imani", "Aaliyah",
               "Sienna", "Hafsa", "Orla", "Chanelle", "Maya", "Eliza", "Grace", "Willow"]
CHILD_FIRST = CHILD_BOYS + CHILD_GIRLS
SURNAMES = ["Marsh", "Okonkwo-Reid", "Pearce", "O'Donnell", "Kowalczyk", "Hussain", "Thorne", "Adeyemi",
            "Bellamy", "Nguyen", "Whitlock", "Sheridan", "Baptiste", "Fairbrother", "Rahman", "Ashworth",
            "Mbeki-Clarke", "Lockyer", "Dunmore", "Petrescu", "Gallagher", "Iqbal", "Venn", "Ferreira",
            "Coombes", "St John", "Hartnell", "Achterberg", "Mahmood", "Quinlan", "Ellery", "Osei", "Tranter",
            "Brennan", "MacAulay", "Szabo"]
ADULT_F = ["Kelly", "Chantelle", "Amina", "Joanne", "Natalia", "Shereen", "Lisa", "Precious", "Danielle",
           "Farzana", "Gemma", "Abigail", "Ioana", "Marie", "Tasha", "Rebecca"]
ADULT_M = ["Dean", "Lee", "Tomasz", "Imran", "Jason", "Kwame", "Craig", "Ryan", "Shane", "Darren", "Gary",
           "Mihai", "Connor", "Wayne", "Adebayo", "Stuart"]
PRO_F = ["Hannah", "Priya", "Claire", "Sarah", "Fiona", "Rachel", "Nadia", "Helen", "Bethan", "Yvonne",
         "Catherine", "Sophie", "Ruth", "Emma", "Louise", "Karen", "Anjali", "Megan"]
PRO_M = ["Mark", "Richard", "Andrew", "Simon", "Daniel", "Tom", "Matthew", "Owen", "Ian", "Paul", "Gareth",
         "Jonathan", "Neil", "Rob"]
PRO_SUR = ["Fielding", "Raman", "Holt", "Tregenza", "Whitcombe", "Ansell", "Delaney", "Kerslake", "Prowse",
           "Mahoney", "Chudleigh", "Lethbridge", "Okafor", "Sandford", "Bramwell", "Ellison", "Penrose", "Daley",
           "Harcourt", "Vaughan", "Nicholls", "Greenslade", "Oduya", "Sterling", "Caddick", "Wilmot"]
STREETS = ["Orchard Close", "Baytree Road", "Milton Hill", "Locking Road", "Nightingale Court", "Severn Avenue",
           "Clevedon Road", "Moor Lane", "Hawthorn Way", "Station Road", "Kewstoke Road", "Ashcombe Gardens",
           "Brean Down Avenue", "Stanley Road", "Marine Parade", "Trendlewood Way", "Church Lane",
           "Drove Road", "Bournville Road", "Oldmixon Crescent"]
TOWNS = [("Worle, Weston-super-Mare", "BS22"), ("Weston-super-Mare", "BS23"), ("Clevedon", "BS21"),
         ("Nailsea", "BS48"), ("Portishead", "BS20"), ("Yatton", "BS49"), ("Bournville, Weston-super-Mare",
                                                                            "BS23"), ("Pill", "BS20"),
         ("Banwell", "BS29"), ("Hartcliffe, Bristol", "BS13")]


def address(rng: random.Random) -> str:
    town, pc = rng.choice(TOWNS)
    flat = rng.random() < 0.2
    num = rng.randint(1, 120)
    house = f"Flat {rng.randint(1, 9)}, {num} {rng.choice(STREETS)}" if flat else f"{num} {rng.choice(STREETS)}"
    return f"{house}, {town}, {pc} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"


def phone(rng: random.Random, kind: str | None = None) -> str:
    kind = kind or rng.choice(["mob", "mob", "bristol", "ns", "mob_intl", "ns_ext"])
    if kind == "mob":
        return f"07700 900{rng.randint(0, 999):03d}"
    if kind == "mob_intl":
        return f"+44 7700 900{rng.randint(0, 999):03d}"
    if kind == "bristol":
        return f"0117 496 {rng.randint(0, 999):04d}"
    if kind == "ns_ext":
        return f"01632 960{rng.randint(0, 999):03d} ext. {rng.randint(2000, 4999)}"
    return f"01632 960{rng.randint(0, 999):03d}"


# referrer agencies: (agency as written, domain, roles)
AGENCIES = [
    ("University Hospitals Bristol and Weston NHS Foundation Trust", "nhs.net",
     ["Named Nurse for Safeguarding Children", "Paediatric Liaison Nurse", "Named Doctor for Safeguarding"]),
    ("Avon and Somerset Police", "avonandsomerset.police.uk",
     ["Detective Sergeant (Child Abuse Investigation Team)", "Detective Inspector – Public Protection",
      "Detective Constable"]),
    ("North Somerset Council Children's Services", "n-somerset.gov.uk",
     ["Team Manager – Safeguarding and Assessment", "Social Worker", "Service Manager – Children in Care",
      "Principal Social Worker"]),
    ("Sirona care & health", "nhs.net", ["Health Visitor", "School Nurse", "Safeguarding Lead Practitioner"]),
    ("BNSSG Integrated Care Board", "nhs.net", ["Designated Nurse Safeguarding Children",
                                                "Designated Doctor for Child Deaths"]),
    ("Avon and Wiltshire Mental Health Partnership NHS Trust", "nhs.net",
     ["Safeguarding Practitioner", "CAMHS Clinical Lead"]),
    ("South Western Ambulance Service NHS Foundation Trust", "nhs.net", ["Safeguarding Specialist"]),
    ("Weston College", "weston.ac.uk", ["Designated Safeguarding Lead"]),
    ("Youth Justice Service", "n-somerset.gov.uk", ["YJS Practitioner", "Youth Justice Team Manager"]),
    ("Avon Fire and Rescue Service", "avonfire.gov.uk", ["Safeguarding Officer"]),
]

OTHER_AGENCY_ROWS = [
    ("Health Visiting (Sirona care & health)", "HV"), ("GP – Riverbank Medical Centre", "GP"),
    ("Children's Social Care (Assessment Team)", "SW"), ("Avon and Somerset Police", "PO"),
    ("Worle Community School", "SCH"), ("Early Help Service", "EH"), ("Housing Solutions (North Somerset Council)", "HO"),
    ("Compass Drug and Alcohol Service", "DA"), ("CAMHS", "CM"), ("Midwifery – Weston General Hospital", "MW"),
    ("Next Link Domestic Abuse Service", "DV"), ("Youth Justice Service", "YJ"),
]

ETHNICITY_GRID = [
    ("(A) White", ["White British", "White Irish", "Any other White background"]),
    ("(B) Mixed", ["Asian and White", "Black African and White", "Black Caribbean and White",
                   "Any other mixed background"]),
    ("(C) Asian or Asian British", ["Indian", "Pakistani", "Bangladeshi", "Chinese", "Any other Asian background"]),
    ("(D) Black or Black British", ["Black Caribbean", "Black African", "Any other Black background"]),
    ("(E) Other", ["Any other ethnic group"]),
    ("(F) Not declared", ["Not declared"]),
]
ETH_ALL = [o for _, opts in ETHNICITY_GRID for o in opts]

# Scenarios: the facts a referrer would write. {c} = child's first name, {inc} = incident date words.
SCENARIOS = [
    dict(key="nahi", age=(0, 1), died=False, harmed=True, abuse="suspected", concern=True,
         loc="Family home", procs=[("Police investigation (Operation Kestrel)", "Ongoing – both parents interviewed and released under investigation"),
                                   ("Section 47 enquiry", "Strategy meeting held, child protection conference booked")],
         text="{c} was brought to Weston General Hospital by ambulance on {inc} after {his} mother reported he had gone floppy after a feed. "
              "CT showed bilateral subdural haematomas and skeletal survey found healing rib fractures of differing ages. "
              "No explanation has been offered. The family were known to Early Help following concerns about domestic abuse and "
              "two missed health visitor contacts were not followed up."),
    dict(key="sudi", age=(0, 0), died=True, harmed=None, abuse="suspected", concern=True,
         loc="Parents' bedroom at the family home", procs=[("Coroner", "Inquest opened and adjourned"),
                                                           ("Child Death Overview Panel", "Joint Agency Response meeting held"),
                                                           ("Police investigation", "Ongoing")],
         text="{c} was found unresponsive on the morning of {inc} having co-slept on a sofa with {his} father, who reports drinking heavily the previous evening. "
              "Resuscitation was unsuccessful. Safe sleep advice had been recorded as given at the new birth visit but the family had "
              "been open to Children's Social Care under a child in need plan which closed six weeks earlier."),
    dict(key="suicide", age=(14, 16), died=True, harmed=None, abuse="suspected", concern=True,
         loc="Woodland near Trendlewood Way, Nailsea", procs=[("Coroner's inquest", "Not yet opened"),
                                                              ("Child Death Overview Panel", "Notified"),
                                                              ("Police investigation into online exploitation", "Ongoing")],
         text="{c} died by suspected suicide on {inc}. {He} had disclosed to school staff in the summer term that an older male she met online "
              "was pressuring {him} to send images. A referral to CAMHS was declined as not meeting threshold and the school "
              "referral to the front door did not progress to assessment. There are concerns about how information was shared between agencies."),
    dict(key="stabbing", age=(15, 17), died=True, harmed=None, abuse="suspected", concern=True,
         loc="Grove Park, Weston-super-Mare", procs=[("Murder investigation", "Two adults charged, remanded in custody"),
                                                      ("Coroner", "Inquest opened and adjourned pending criminal trial"),
                                                      ("Child Death Overview Panel", "Rapid response completed")],
         text="{c} was fatally stabbed on {inc}. {He} was known to the Youth Justice Service and had been subject to a National Referral Mechanism "
              "referral for suspected county lines exploitation. {He} had been reported missing nine times in the previous four months. "
              "A contextual safeguarding meeting had been planned but had not taken place."),
    dict(key="methadone", age=(1, 3), died=False, harmed=True, abuse="known", concern=False,
         loc="Home address", procs=[("Police investigation", "Mother arrested for child neglect, on bail"),
                                    ("Care proceedings", "Interim care order granted")],
         text="{c} was admitted to the paediatric intensive care unit on {inc} after ingesting methadone that had been stored in an unlocked kitchen cupboard. "
              "{He} required ventilation for 48 hours. Mother is on a supervised methadone prescription with Compass and had told workers "
              "that the medication was kept in a lockbox."),
    dict(key="drowning", age=(1, 2), died=True, harmed=None, abuse="suspected", concern=False,
         loc="Bathroom at the family home", procs=[("Coroner", "Post mortem completed; inquest to be listed"),
                                                   ("Child Death Overview Panel", "Notified"),
                                                   ("Police investigation", "Ongoing – mother interviewed under caution")],
         text="{c} was found in the bath by {his} older sibling on {inc}. Mother had left the children unsupervised in the bath for an extended period. "
              "Paramedics attended but {c} could not be revived. There had been previous concerns from nursery about supervision and home conditions."),
    dict(key="neglect", age=(3, 6), died=False, harmed=True, abuse="known", concern=True,
         loc="Family home", procs=[("Care proceedings", "Application made"),
                                   ("Police investigation", "Both parents interviewed")],
         text="{c} was found to be severely malnourished when seen by a paediatrician on {inc}, weighing below the 0.4th centile with dental decay requiring extraction of eight teeth. "
              "The family had been open to Early Help twice and the child had not been seen by a health professional for 18 months. "
              "School nursing were unaware the child was on roll at a reception class from which {he} had been absent for most of the term."),
    dict(key="csa", age=(8, 12), died=False, harmed=True, abuse="known", concern=True,
         loc="Home of a family friend, Bournville", procs=[("Criminal proceedings", "Adult male charged with rape of a child under 13, trial listed for 2027"),
                                                           ("Section 47 enquiry", "Completed – child protection plan")],
         text="{c} disclosed sexual abuse by a family friend to {his} teacher on {inc}. A medical examination confirmed injuries consistent with {his} account. "
              "The alleged perpetrator had previous convictions and had been known to probation, but this was not shared when the family "
              "asked agencies for advice about him."),
    dict(key="fire", age=(4, 9), died=True, harmed=None, abuse="suspected", concern=False,
         loc="Flat 3, first floor", procs=[("Fire investigation (Avon Fire and Rescue)", "Cause under investigation"),
                                           ("Coroner", "Inquest opened"), ("Child Death Overview Panel", "Notified")],
         text="{c} died in a house fire on {inc}. The fire started in a bedroom where the children had been left alone overnight. "
              "Smoke alarms had been disconnected. Housing had recorded hoarding and a fire safety visit had been refused in the spring."),
    dict(key="dog", age=(1, 3), died=False, harmed=True, abuse="suspected", concern=False,
         loc="Garden of a relative's house, Pill", procs=[("Police investigation (Dangerous Dogs Act)", "Dog seized, owner interviewed")],
         text="{c} sustained serious facial injuries from a dog bite on {inc} requiring reconstructive surgery. The dog was an XL Bully type kept without an exemption certificate. "
              "The child was being cared for by an uncle while under the influence of cannabis."),
    dict(key="window", age=(2, 4), died=False, harmed=True, abuse="suspected", concern=True,
         loc="Second floor flat, Marine Parade", procs=[("Police investigation", "Not proceeding"), ("Single assessment", "In progress")],
         text="{c} fell from a second floor window on {inc} and sustained a fractured skull and pelvis. Window restrictors had been reported broken to the landlord. "
              "Both carers were asleep and two adults in the flat were intoxicated when police attended."),
    dict(key="lac_overdose", age=(15, 17), died=True, harmed=None, abuse="suspected", concern=True,
         loc="Unregistered supported accommodation, Bristol", procs=[("Coroner", "Inquest opened"),
                                                                      ("Ofsted notification (looked after child)", "Made"),
                                                                      ("Police investigation", "Supply of controlled drugs – one arrest")],
         text="{c}, a looked after child placed in unregistered accommodation out of area, was found dead on {inc} following a suspected overdose. "
              "{He} had been placed there four weeks earlier after an emergency move. Staff were not present overnight and {his} social worker had left "
              "the authority; the statutory visit was overdue."),
]


def pro_name(rng: random.Random) -> str:
    return f"{rng.choice(PRO_F + PRO_M)} {rng.choice(PRO_SUR)}"


def email_for(name: str, domain: str) -> str:
    parts = name.lower().replace("'", "").split()
    return f"{parts[0]}.{parts[-1]}@{domain}"


def empty_referral() -> dict:
    return {
        "referrer": {k: None for k in ("name", "email", "role", "phone", "agency", "date_submitted")},
        "child": {k: None for k in ("name", "date_of_birth", "home_address", "carer", "incident_date",
                                    "incident_location", "ethnicity", "faith", "disability", "child_protection_plan")},
        "family": [],
        "criteria": {"child_died": None, "seriously_harmed": None, "abuse_or_neglect": None, "agency_concern": None},
        "summary": None,
        "other_agencies": [],
        "other_processes": [],
    }


def empty_return() -> dict:
    return {"agency": None, "author": {"name": None, "role": None, "email": None, "phone": None},
            "involved": None, "involvement_from": None, "involvement_to": None, "summary": None,
            "immediate_actions": None, "learning": None, "records_secured": None, "signed_off_by": None,
            "date_completed": None}


def expected(kind: str, case_ref: str | None = None, referral: dict | None = None,
             agency_return: dict | None = None, command: dict | None = None) -> dict:
    return {"kind": kind, "case_ref": case_ref, "referral": referral, "agency_return": agency_return,
            "command": command}


def iso(d: dt.date) -> str:
    return d.isoformat()


def make_referral(rng: random.Random, scenario_idx: int, today: dt.date) -> tuple[dict, dict]:
    """A complete referral (contract shape) plus the facts renderers need (first name, sex, pronoun)."""
    sc = SCENARIOS[scenario_idx % len(SCENARIOS)]
    r = empty_referral()
    boy = rng.random() < 0.5
    first = rng.choice(CHILD_BOYS if boy else CHILD_GIRLS)
    pron = {"he": "he" if boy else "she", "He": "He" if boy else "She", "his": "his" if boy else "her",
            "him": "him" if boy else "her"}
    sur = rng.choice(SURNAMES)
    age = rng.randint(*sc["age"])
    inc = today - dt.timedelta(days=rng.randint(1, 6))
    dob = inc - dt.timedelta(days=age * 365 + rng.randint(20, 330))
    home = address(rng)
    mother = f"{rng.choice(ADULT_F)} {sur if rng.random() < 0.6 else rng.choice(SURNAMES)}"
    father = f"{rng.choice(ADULT_M)} {rng.choice(SURNAMES)}"
    ag, dom, roles = rng.choice(AGENCIES)
    rname = pro_name(rng)
    r["referrer"] = {"name": rname, "email": email_for(rname, dom), "role": rng.choice(roles),
                     "phone": phone(rng), "agency": ag, "date_submitted": iso(today)}
    eth = rng.choice(ETH_ALL[:12] + ["White British"] * 3)
    r["child"] = {"name": f"{first} {sur}", "date_of_birth": iso(dob), "home_address": home, "carer": mother,
                  "incident_date": iso(inc), "incident_location": sc["loc"], "ethnicity": eth,
                  "faith": rng.choice(["Christian", "Muslim", "No religion", "Roman Catholic", None]),
                  "disability": rng.choice([None, None, "Autism (awaiting diagnosis)", "No known disability",
                                            "Global developmental delay", "ADHD"]),
                  "child_protection_plan": rng.choice(["yes", "no", "has_been", "not_known"])}
    mdob = dob - dt.timedelta(days=rng.randint(19, 34) * 365 + rng.randint(0, 300))
    fdob = dob - dt.timedelta(days=rng.randint(21, 40) * 365 + rng.randint(0, 300))
    fam = [{"name": mother, "relationship": "Mother", "date_of_birth": iso(mdob), "address": home,
            "ethnicity": eth if rng.random() < 0.5 else None},
           {"name": father, "relationship": rng.choice(["Father", "Father", "Stepfather", "Mother's partner"]),
            "date_of_birth": iso(fdob), "address": address(rng) if rng.random() < 0.5 else home, "ethnicity": None}]
    if rng.random() < 0.7:
        sib_dob = dob + dt.timedelta(days=rng.choice([-1, 1]) * rng.randint(400, 1800))
        if sib_dob > inc:
            sib_dob = dob - dt.timedelta(days=700)
        sib_boy = rng.random() < 0.5
        fam.append({"name": f"{rng.choice(CHILD_BOYS if sib_boy else CHILD_GIRLS)} {sur}",
                    "relationship": rng.choice(["Sibling", "Half-brother", "Brother"] if sib_boy else ["Sibling", "Half-sister", "Sister"]),
                    "date_of_birth": iso(sib_dob), "address": home, "ethnicity": None})
    if rng.random() < 0.4:
        fam.append({"name": f"{rng.choice(ADULT_F)} {rng.choice(SURNAMES)}", "relationship": "Maternal grandmother",
                    "date_of_birth": None, "address": address(rng), "ethnicity": None})
    r["family"] = fam
    r["criteria"] = {"child_died": sc["died"], "seriously_harmed": sc["harmed"], "abuse_or_neglect": sc["abuse"],
                     "agency_concern": sc["concern"]}
    if sc["died"] and sc["harmed"] is None:
        r["criteria"]["seriously_harmed"] = rng.choice([None, False])
    if not sc["died"]:
        r["criteria"]["child_died"] = False
    inc_words = fmt_date(iso(inc), "long")
    r["summary"] = sc["text"].format(c=first, inc=inc_words, **pron)
    n_ag = rng.randint(1, 4)
    rows = rng.sample(OTHER_AGENCY_ROWS, n_ag)
    r["other_agencies"] = [{"name": pro_name(rng), "agency": a,
                            "contact": rng.choice([phone(rng, "ns"), phone(rng, "mob"), None]),
                            "still_involved": rng.choice([True, True, False, None])} for a, _ in rows]
    for oa in r["other_agencies"]:
        if oa["contact"] is None and rng.random() < 0.6:
            oa["contact"] = email_for(oa["name"], rng.choice(["nhs.net", "n-somerset.gov.uk", "avonandsomerset.police.uk"]))
    r["other_processes"] = [{"process": p, "status": s} for p, s in sc["procs"]]
    facts = {"first": first, "sur": sur, "scenario": sc["key"], "inc_words": inc_words, "age": age,
             "ref_domain": dom}
    return r, facts


def clone(d: dict) -> dict:
    return copy.deepcopy(d)


# ---------------------------------------------------------------- e-mail assembly
def message(*, sender: tuple[str, str], to: tuple[str, str] | None = None, subject: str, date: dt.datetime,
            msgid: str, body: str | None = None, html: str | None = None,
            attachments: list[tuple[bytes, str, str, str]] = (), headers: dict | None = None,
            cc: str | None = None, in_reply_to: str | None = None) -> bytes:
    """Build a deterministic RFC 5322 message. attachments: (bytes, maintype, subtype, filename)."""
    m = EmailMessage()
    m["From"] = email.utils.formataddr(sender)
    to = to or (MAILBOX_NAME, MAILBOX)
    m["To"] = email.utils.formataddr(to)
    if cc:
        m["Cc"] = cc
    m["Subject"] = subject
    m["Date"] = email.utils.format_datetime(date)
    m["Message-ID"] = msgid
    if in_reply_to:
        m["In-Reply-To"] = in_reply_to
        m["References"] = in_reply_to
    for k, v in (headers or {}).items():
        m[k] = v
    m["MIME-Version"] = "1.0"
    if body is not None:
        m.set_content(body)
        if html is not None:
            m.add_alternative(html, subtype="html")
    elif html is not None:
        m.set_content(html, subtype="html")
    for data, mt, st, fn in attachments:
        m.add_attachment(data, maintype=mt, subtype=st, filename=fn)
    # deterministic boundaries
    n = 0
    for part in m.walk():
        if part.is_multipart():
            n += 1
            part.set_boundary(f"----=_Part_{n}_{msgid.strip('<>').split('@')[0][:24]}")
    return m.as_bytes(policy=SMTP)


def when(day: dt.date, hh: int, mm: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=dt.timezone.utc)
