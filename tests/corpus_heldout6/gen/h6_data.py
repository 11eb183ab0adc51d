"""Held-out set 6: fictional data model (deterministic per message name).

Not a test module. Every person, child and address here is invented.
"""
import datetime as dt
import random

CHILD_F = ["Lily-Mae", "Harper", "Ava-Rose", "Isla", "Ellie", "Amira", "Poppy", "Ruby", "Freya",
           "Maisie", "Esme", "Sienna", "Aaliyah", "Nevaeh", "Ivy", "Thea", "Orla", "Zuri"]
CHILD_M = ["Oakley", "Tommy", "Kai", "Reggie", "Mason", "Zain", "Jayden", "Alfie", "Noah", "Theo",
           "Leon", "Hamza", "Caleb", "Bobby", "Kobe", "Rory", "Ezra", "Tobias"]
SURN = ["Turner", "Okonkwo-Reid", "Pearce", "Hussain", "Whitlock", "Bryant", "Kowalski", "Mensah",
        "Fairbrother", "Ashdown", "Quinlan", "Rahman", "Tremlett", "Osei", "Dunmore", "Vickery",
        "Batten", "Coombes", "Lyddon", "Hadley", "Prothero", "Gillard", "Nnamdi", "Sutcliffe",
        "Ferris", "Kaczmarek", "Loveridge", "Shapland", "Addo", "Hembury", "Baverstock-Lane"]
ADULT_F = ["Jade", "Chantelle", "Kerry", "Shannon", "Natalia", "Amina", "Leanne", "Stacey", "Abena",
           "Gemma", "Rachel", "Tanya", "Bethany", "Nadia", "Claire", "Marie", "Sophie", "Hollie"]
ADULT_M = ["Craig", "Dean", "Lewis", "Tomasz", "Kwame", "Imran", "Ryan", "Jordan", "Darren", "Kyle",
           "Aaron", "Scott", "Jamal", "Liam", "Gareth", "Nathan"]
PRO_F = ["Helen", "Sarah", "Karen", "Joanne", "Fiona", "Priya", "Alison", "Deborah", "Lucy", "Ruth",
         "Sian", "Catherine", "Emma", "Nicola", "Yvonne", "Harriet"]
PRO_M = ["Mark", "Paul", "Andrew", "Simon", "Richard", "Gavin", "Matthew", "Stephen", "Owen", "Neil",
         "Rajesh", "Tom", "Adrian", "Duncan"]
PRO_S = ["Holt", "Marsden", "Pritchard", "Castle", "Ogunleye", "Rowe", "Fitzgerald", "Bramwell",
         "Sandhu", "Whitaker", "Lockyer", "Harding", "Penrose", "Tilley", "Abbott", "Merriman",
         "Chadwick", "Kerslake", "Dyer", "Boswell", "Iqbal", "Stannard"]
STREETS = ["Elm Grove", "Milton Road", "Locking Road", "Baker Street", "Walliscote Road", "Queens Road",
           "Kenn Road", "Station Road", "Somerset Avenue", "Moor Lane", "Brockway", "Clevedon Road",
           "Old Church Road", "Orchard Street", "Bournville Road", "Lynton Road", "Coleridge Vale Road",
           "Harbour Road", "Silver Street", "Bristol Road"]
TOWNS = [("Weston-super-Mare", "BS23"), ("Weston-super-Mare", "BS24"), ("Worle", "BS22"),
         ("Clevedon", "BS21"), ("Portishead", "BS20"), ("Nailsea", "BS48"), ("Yatton", "BS49"),
         ("Winscombe", "BS25"), ("Banwell", "BS29")]
ETHN = ["White British", "White Irish", "Any other White background", "White and Black Caribbean",
        "White and Black African", "White and Asian", "Any other mixed background", "Indian",
        "Pakistani", "Bangladeshi", "Chinese", "Black Caribbean", "Black African",
        "Any other ethnic group", "Not declared"]
FAITH = ["None", "Christian", "Muslim", "Church of England", "Roman Catholic", "No religion", "Sikh"]
DISAB = ["None known", "None", "Autism (diagnosed 2024)", "Global developmental delay",
         "ADHD, awaiting assessment", "Cerebral palsy", "No"]
CPP = ["yes", "no", "has_been", "not_known"]

AGENCIES = [
    ("Avon and Somerset Constabulary", "avonandsomerset.police.uk",
     ["Detective Sergeant, Child Abuse Investigation Team", "Detective Inspector, Public Protection",
      "PC, Harm Reduction Unit"]),
    ("University Hospitals Bristol and Weston NHS Foundation Trust", "nhs.net",
     ["Named Nurse for Safeguarding Children", "Consultant Paediatrician", "Safeguarding Children Lead"]),
    ("North Somerset Council Children's Services", "n-somerset.gov.uk",
     ["Team Manager, Assessment Team", "Head of Service, Safeguarding", "Social Worker"]),
    ("Sirona care & health", "nhs.net",
     ["Health Visitor", "Specialist Practitioner, Safeguarding", "School Nurse"]),
    ("BNSSG Integrated Care Board", "nhs.net",
     ["Designated Nurse Safeguarding Children", "Designated Doctor for Safeguarding"]),
    ("Avon and Wiltshire Mental Health Partnership NHS Trust", "nhs.net",
     ["Safeguarding Lead", "CAMHS Clinical Lead"]),
    ("South Western Ambulance Service NHS Foundation Trust", "nhs.net", ["Safeguarding Practitioner"]),
    ("North Somerset Youth Justice Service", "n-somerset.gov.uk", ["Team Leader", "Case Manager"]),
    ("The Probation Service", "justice.gov.uk", ["Senior Probation Officer"]),
]
SCHOOLS = ["Worle Community School", "Priory Community School", "Churchill Academy",
           "St Anne's Church Academy", "Mead Vale Primary School", "Walliscote Primary School",
           "Clevedon School", "Backwell School", "Oldmixon Primary School"]
GPS = ["Clarence Park Surgery", "Graham Road Surgery", "Tower House Medical Centre",
       "Riverbank Medical Centre", "Pier Health Group", "Mendip Vale Medical Practice"]

PROCS = [("Police investigation", "Ongoing; suspect arrested and released on bail"),
         ("Coroner's inquest", "Opened and adjourned"),
         ("Child Death Overview Panel", "Notified; awaiting joint agency response meeting"),
         ("Criminal proceedings", "Charged; first hearing listed at Bristol Crown Court"),
         ("Section 47 enquiry", "Completed; initial child protection conference booked"),
         ("Care proceedings", "Interim care order granted for siblings"),
         ("Patient safety incident investigation (NHS)", "Commissioned by the trust"),
         ("LADO referral", "Strategy meeting held, outcome awaited")]

SCEN = {
    "infant_head": dict(died=False, harmed=True, an="suspected", age=(0, 1),
        loc=["Family home", "Bristol Royal Hospital for Children"],
        text="{c} was taken to the emergency department by {m} after becoming floppy at home. A CT scan showed "
             "subdural bleeding and a skeletal survey found healing rib fractures that have no accidental "
             "explanation. {c} was transferred to paediatric intensive care and remains an inpatient. "
             "Health visiting contacts had been missed twice in the previous month and a domestic abuse "
             "notification was received in the summer, which was not shared with health."),
    "infant_death": dict(died=True, harmed=None, an="suspected", age=(0, 1),
        loc=["Family home", "Weston General Hospital"],
        text="{c} was found unresponsive in the early hours after co-sleeping on a sofa with {m}, who had been "
             "drinking. Paramedics attended and {c} was pronounced dead at hospital. The family had been open "
             "to early help for housing and parenting support, and safe sleep advice had been recorded as given "
             "at the new birth visit. Police are investigating possible neglect."),
    "teen_suicide": dict(died=True, harmed=None, an="suspected", age=(13, 17),
        loc=["Woodland near the family home", "Railway line near Worle station", "Family home"],
        text="{c} died by suspected suicide. {c} had been reported missing three times since the spring and "
             "disclosed self-harm to a school nurse. A CAMHS referral was declined as not meeting threshold and "
             "the family were signposted to online support. There are concerns about online exploitation and "
             "about how information about the missing episodes was shared between agencies."),
    "exploitation": dict(died=False, harmed=True, an="known", age=(14, 17),
        loc=["Underpass off Locking Road", "Grove Park", "A flat in central Weston-super-Mare"],
        text="{c} sustained multiple stab wounds and required emergency surgery. {c} had been identified as at "
             "risk of criminal exploitation, had been found in possession of class A drugs in another county "
             "and was excluded from school in the autumn term. A return home interview after the last missing "
             "episode did not take place. The youth justice service and the police had both raised concerns."),
    "neglect": dict(died=False, harmed=True, an="known", age=(1, 5),
        loc=["Family home", "Weston General Hospital"],
        text="{c} was admitted with severe faltering growth, dehydration and untreated dental disease. The home "
             "was found to be in very poor condition with no food available. {c} had not been brought to four "
             "health appointments and nursery attendance had dropped below forty per cent. A child in need plan "
             "ended earlier in the year when the case was stepped down to early help."),
    "dog_attack": dict(died=True, harmed=None, an="suspected", age=(1, 4),
        loc=["Rear garden of the family home", "Home of a relative"],
        text="{c} died after being attacked by a dog kept at the address. Two large dogs had been reported to "
             "the council by neighbours and the police had previously attended for an unrelated matter and noted "
             "the dogs. {c} was being cared for by an adult relative at the time while {m} was at work."),
}


class P:
    def __init__(self, rng):
        self.rng = rng

    def pro(self, agency=None):
        r = self.rng
        ag = agency or r.choice(AGENCIES)
        first = r.choice(PRO_F + PRO_M)
        last = r.choice(PRO_S)
        name = f"{first} {last}"
        dom = ag[1]
        email = f"{first.lower()}.{last.lower()}@{dom}"
        role = r.choice(ag[2])
        return dict(name=name, email=email, role=role, phone=self.phone(), agency=ag[0])

    def phone(self):
        r = self.rng
        k = r.randrange(4)
        if k == 0:
            return f"07700 900{r.randrange(100, 999)}"
        if k == 1:
            return f"01632 960{r.randrange(100, 999)}"
        if k == 2:
            return f"0117 496 0{r.randrange(100, 999)}"
        return f"01632 960 {r.randrange(100, 999)}"

    def address(self):
        r = self.rng
        town, pc = r.choice(TOWNS)
        num = r.randrange(1, 120)
        flat = r.random() < 0.2
        st = r.choice(STREETS)
        post = f"{pc} {r.randrange(1, 9)}{r.choice('ABDEFGHJLNPQRSTUWXY')}{r.choice('ABDEFGHJLNPQRSTUWXY')}"
        a = f"{num} {st}, {town}, {post}"
        if flat:
            a = f"Flat {r.randrange(1, 9)}, " + a
        return a

    def dob(self, lo, hi, ref):
        days = self.rng.randrange(int(lo * 365) + 20, int(hi * 365) + 330)
        return ref - dt.timedelta(days=days)


def iso(d):
    return d.isoformat() if d else None


def make_referral(name, scen=None, n_family=None, n_ag=None, n_proc=None):
    rng = random.Random(name)
    p = P(rng)
    scen = scen or rng.choice(list(SCEN))
    s = SCEN[scen]
    incident = dt.date(2026, rng.randrange(8, 12), rng.randrange(1, 28))
    submitted = incident + dt.timedelta(days=rng.randrange(1, 6))
    girl = rng.random() < 0.5
    first = rng.choice(CHILD_F if girl else CHILD_M)
    sur = rng.choice(SURN)
    child_name = f"{first} {sur}"
    dob = p.dob(s["age"][0], s["age"][1], incident)
    addr = p.address()
    mum = f"{rng.choice(ADULT_F)} {sur if rng.random() < 0.6 else rng.choice(SURN)}"
    mum_dob = p.dob(19, 38, incident)
    fam = [dict(name=mum, relationship="Mother", date_of_birth=iso(mum_dob), address=addr,
                ethnicity=None)]
    other_m = f"{rng.choice(ADULT_M)} {rng.choice(SURN)}"
    rel = rng.choice(["Father", "Stepfather", "Mother's partner"])
    fam.append(dict(name=other_m, relationship=rel, date_of_birth=iso(p.dob(20, 42, incident)),
                    address=addr if rng.random() < 0.5 else p.address(), ethnicity=None))
    nf = n_family if n_family is not None else rng.randrange(2, 5)
    while len(fam) < nf:
        k = rng.random()
        if k < 0.6:
            sg = rng.random() < 0.5
            fam.append(dict(name=f"{rng.choice(CHILD_F if sg else CHILD_M)} {sur}",
                            relationship="Sister" if sg else "Brother",
                            date_of_birth=iso(p.dob(1, 12, incident)), address=addr, ethnicity=None))
        else:
            fam.append(dict(name=f"{rng.choice(ADULT_F)} {rng.choice(SURN)}", relationship="Maternal grandmother",
                            date_of_birth=iso(p.dob(45, 62, incident)), address=p.address(), ethnicity=None))
    eth = rng.choice(ETHN)
    for f in fam:
        f["ethnicity"] = eth if rng.random() < 0.7 else rng.choice(ETHN[:10])
    carer = f"{mum} (mother)" if rng.random() < 0.5 else f"{mum} and {other_m}"
    referrer = p.pro()
    na = n_ag if n_ag is not None else rng.randrange(2, 5)
    ags = []
    pool = [a for a in AGENCIES if a[0] != referrer["agency"]]
    rng.shuffle(pool)
    extra = [(rng.choice(SCHOOLS), "school.n-somerset.sch.uk", ["Designated Safeguarding Lead"]),
             (rng.choice(GPS), "nhs.net", ["GP"])]
    pool = extra + pool
    for a in pool[:na]:
        pr = p.pro(a)
        contact = pr["phone"] if rng.random() < 0.5 else pr["email"]
        ags.append(dict(name=pr["name"], agency=a[0], contact=contact, still_involved=rng.random() < 0.6))
    npr = n_proc if n_proc is not None else rng.randrange(1, 4)
    procs = [dict(process=a, status=b) for a, b in rng.sample(PROCS, npr)]
    c = first
    summary = s["text"].format(c=c, m=mum.split()[0])
    harmed = s["harmed"]
    if harmed is None:
        harmed = False if rng.random() < 0.5 else None
    crit = dict(child_died=s["died"], seriously_harmed=harmed, abuse_or_neglect=s["an"],
                agency_concern=rng.random() < 0.7)
    ref = dict(
        referrer=dict(name=referrer["name"], email=referrer["email"], role=referrer["role"],
                      phone=referrer["phone"], agency=referrer["agency"], date_submitted=iso(submitted)),
        child=dict(name=child_name, date_of_birth=iso(dob), home_address=addr, carer=carer,
                   incident_date=iso(incident), incident_location=rng.choice(s["loc"]), ethnicity=eth,
                   faith=rng.choice(FAITH), disability=rng.choice(DISAB), child_protection_plan=rng.choice(CPP)),
        family=fam, criteria=crit, summary=summary, other_agencies=ags, other_processes=procs)
    return ref, rng, p


def make_return(name, involved=True):
    rng = random.Random(name)
    p = P(rng)
    ag = rng.choice(AGENCIES[:2] + AGENCIES[3:])
    if rng.random() < 0.25:
        ag = (rng.choice(SCHOOLS), "school.n-somerset.sch.uk", ["Designated Safeguarding Lead", "Headteacher"])
    au = p.pro(ag)
    mgr = p.pro(ag)
    done = dt.date(2026, rng.randrange(9, 12), rng.randrange(1, 28))
    frm = done - dt.timedelta(days=rng.randrange(200, 900))
    to = done - dt.timedelta(days=rng.randrange(3, 40))
    kid = rng.choice(CHILD_F + CHILD_M)
    summ = rng.choice([
        f"{kid} was known to the service from {{f}}. Contacts were mainly routine until the summer, when two "
        "missed appointments were followed up by letter only. The last contact was a home visit at which no "
        "concerns were recorded.",
        f"The agency received three referrals concerning {kid} and the household. Each was assessed and closed "
        "with advice; no joint visit with children's social care took place. The most recent contact was a "
        "telephone call with the mother about attendance.",
        f"{kid} attended regularly and was supported through a pastoral plan. Staff recorded changes in "
        "presentation in the weeks before the incident and a safeguarding concern was logged but not escalated "
        "to the front door.",
    ]).replace("{f}", frm.strftime("%B %Y"))
    actions = rng.choice([
        "Records secured and access restricted. Staff involved offered support. Safeguarding supervision arranged.",
        "Case records locked; chronology started; the practitioners involved have been debriefed.",
        "Siblings' records flagged; a single-agency review of missed-appointment follow up has been commissioned.",
    ])
    learning = rng.choice([
        "Follow-up of missed appointments relied on letters; the service will move to a was-not-brought policy "
        "with a professional call.",
        "Information about domestic abuse was held by one team and not shared with others working with the "
        "family.",
        "Escalation routes were not used when the threshold decision was disputed.",
    ])
    ret = dict(agency=ag[0], author=dict(name=au["name"], role=au["role"], email=au["email"], phone=au["phone"]),
               involved=involved, involvement_from=iso(frm) if involved else None,
               involvement_to=iso(to) if involved else None,
               summary=summ if involved else None, immediate_actions=actions if involved else None,
               learning=learning if involved else None, records_secured=True if involved else None,
               signed_off_by=f"{mgr['name']}", date_completed=iso(done))
    return ret, rng, p, mgr


def case_ref(rng):
    return f"NS-CSPR-2026-{rng.randrange(3, 30):03d}"


def fmt(d, style):
    if d is None:
        return ""
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    if style == "slash":
        return d.strftime("%d/%m/%Y")
    if style == "long":
        return f"{d.day} {d.strftime('%B %Y')}"
    if style == "dot":
        return d.strftime("%d.%m.%Y")
    if style == "short":
        return f"{d.day}.{d.month}.{d.strftime('%y')}"
    if style == "mon":
        return d.strftime("%d-%b-%Y")
    if style == "ord":
        n = d.day
        suf = "th" if 11 <= n <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suf} {d.strftime('%B %Y')}"
    raise ValueError(style)


def yn(b, yes="Yes", no="No"):
    return "" if b is None else (yes if b else no)


CPP_WORDS = {"yes": "Yes", "no": "No", "has_been": "Has been", "not_known": "Not known"}
