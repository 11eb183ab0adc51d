"""Invented people, places and records for held-out set 15 (written afresh; set 14's data file was not opened).

Every record comes from random.Random(NAME): the JSON and the content are the same on every run."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TO = "CSPR Referrals (North Somerset SCP) <cspr.referrals@n-somerset.gov.uk>"
YEAR = 2026

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _ord(n: int) -> str:
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


STYLES = ["slash", "slash1", "dot2", "mon2", "long", "ord", "daylong", "slash2", "iso", "ordmon", "noyear_ord",
          "noyear_long", "noyear_day"]


def fmt_date(d: dt.date, style: str) -> str:
    m = MONTHS[d.month - 1]
    return {
        "slash": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "slash1": f"{d.day}/{d.month}/{d.year}",
        "dot2": f"{d.day}.{d.month}.{d.year % 100:02d}",
        "mon2": f"{d.day}-{m[:3]}-{d.year % 100:02d}",
        "long": f"{d.day} {m} {d.year}",
        "ord": f"{_ord(d.day)} {m} {d.year}",
        "daylong": f"{DAYS[d.weekday()]} {d.day} {m} {d.year}",
        "slash2": f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        "iso": d.isoformat(),
        "ordmon": f"{_ord(d.day)} {m[:3]} {d.year}",
        "noyear_ord": f"{_ord(d.day)} {m[:3]}",
        "noyear_long": f"{d.day} {m}",
        "noyear_day": f"{DAYS[d.weekday()][:3]} {_ord(d.day)} {m}",
    }[style]


# (forenames female, forenames male, surnames, ethnicity as a form would record it)
COMMUNITIES = [
    (["Rūta", "Gintarė", "Austėja", "Eglė"], ["Mantas", "Dovydas", "Jonas", "Lukas"],
     ["Kazlauskas", "Petrauskaitė", "Žukauskas", "Vaitkus"], "Any other White background"),
    (["Shahana", "Rumana", "Tahmina", "Nusrat"], ["Rahim", "Shipon", "Abdul Muqit", "Tanvir"],
     ["Uddin", "Miah", "Chowdhury", "Begum-Hoque"], "Bangladeshi"),
    (["Folasade", "Adebimpe", "Oluwaseun", "Yetunde"], ["Adebayo", "Olumide", "Tunde", "Babatunde"],
     ["Ogunleye", "Adeyemi-Clarke", "Oyelaran", "Bakare"], "Black African"),
    (["Hêvî", "Berfin", "Rojda", "Nazdar"], ["Rojhat", "Serhat", "Dilovan", "Aram"],
     ["Barzani", "Ahmed-Kurdî", "Zebari", "Hawrami"], "Any other ethnic group"),
    (["Thi Lan", "Mai Anh", "Ngoc Han", "Thu Trang"], ["Van Minh", "Duc Anh", "Quang Huy", "Bao"],
     ["Nguyen", "Tran", "Pham", "Le-Hoang"], "Any other Asian background"),
    (["Marcia", "Shanice", "Paulette", "Tanisha"], ["Delroy", "Kareem", "Leon", "Winston"],
     ["Campbell-Reid", "McKenzie", "Grant", "Thompson-Lewis"], "Black Caribbean"),
    (["Oksana", "Yuliia", "Kateryna", "Iryna"], ["Oleksandr", "Bohdan", "Taras", "Mykyta"],
     ["Kovalenko", "Shevchuk", "Bondarenko", "Melnyk-Hayes"], "White - Other"),
    (["Wing Yan", "Ka Yee", "Hoi Ching", "Man Ting"], ["Chun Hei", "Ka Lok", "Tsz Ho", "Wai Kit"],
     ["Wong", "Chan", "Leung", "Cheung-Morris"], "Chinese"),
    (["Zarghuna", "Mursal", "Freshta", "Parwana"], ["Wahid", "Ahmad Shah", "Sohrab", "Jawed"],
     ["Ahmadzai", "Stanikzai", "Rahimi", "Popal"], "Any other Asian background"),
    (["Selam", "Helen", "Senait", "Winta"], ["Tesfay", "Dawit", "Yonas", "Filmon"],
     ["Tesfamariam", "Ghebremedhin", "Haile", "Kidane"], "Black African"),
    (["Gizela", "Monika", "Denisa", "Vanesa"], ["Marek", "Ďurko", "Robert", "Kristián"],
     ["Dzurko", "Bandy", "Lacko", "Gaborová"], "Gypsy/Roma"),
    (["Chloe", "Kayleigh", "Jodie", "Leanne"], ["Callum", "Tyler", "Ryan", "Kieran"],
     ["Ashworth", "Pennington", "Whitlock", "Fairbrother"], "White British"),
]

# professionals' names (a separate pool, so nobody in a family shares a name with a worker)
PRO_F = ["Ngozi", "Priyanka", "Siân", "Marguerite", "Ayesha", "Rosalind", "Teodora", "Hannelore", "Imogen",
         "Lowenna", "Farida", "Cerys", "Beatriz", "Ebony", "Morwenna", "Naledi"]
PRO_M = ["Declan", "Emeka", "Rhodri", "Anselm", "Tariq", "Gareth", "Benedikt", "Kwabena", "Lorcan", "Matteo",
         "Fergus", "Ishaan", "Ruben", "Barnaby", "Cormac", "Olamide"]
PRO_S = ["Okonkwo", "Trelawney", "Haverfield", "Bhattacharya", "Quennell", "Mbeki-Shaw", "Lindqvist", "Ravenscroft",
         "Achterberg", "Kingdon", "Vellacott", "Osei-Tutu", "Mulcahy", "Brightwell", "Ferreira", "Abbiss",
         "Tregear", "Nakamura", "Coulthard", "Hallworth"]

PLACES = [("Clevedon", "BS21"), ("Portishead", "BS20"), ("Nailsea", "BS48"), ("Backwell", "BS48"), ("Yatton", "BS49"),
          ("Kewstoke", "BS22"), ("Uphill", "BS23"), ("Bleadon", "BS24"), ("Banwell", "BS29"), ("Sandford", "BS25"),
          ("Portbury", "BS20"), ("Tickenham", "BS21"), ("Winford", "BS40"), ("Blagdon", "BS40")]
STREETS = ["Kenn Road", "Old Church Road", "Station Road", "Brockway", "Coleridge Vale", "Tower Walk", "Hill Road",
           "Ebdon Road", "Nore Road", "Harbour Road", "Queens Road", "Stowey Road", "Elton Road", "Lime Grove",
           "Chestnut Park", "Sunnyside Road", "Marine Parade", "West Hill", "Orchard Close", "Kennaway Road"]

# referrer agencies: (agency, role, email domain)
AGENCIES = [
    ("Avon and Somerset Constabulary", "Detective Sergeant", "avonandsomerset.police.uk", "DS"),
    ("University Hospitals Bristol and Weston NHS FT", "Named Nurse Safeguarding Children", "uhbw.nhs.uk", ""),
    ("Sirona care & health", "Health Visitor", "sirona-cic.org.uk", ""),
    ("North Somerset Children's Services", "Social Work Team Manager", "n-somerset.gov.uk", ""),
    ("South Western Ambulance Service NHS FT", "Safeguarding Lead", "swast.nhs.uk", ""),
    ("Avon and Wiltshire Mental Health Partnership", "Perinatal Mental Health Nurse", "awp.nhs.uk", ""),
    ("Clevedon Shore Primary School", "Designated Safeguarding Lead", "clevedonshore.n-somerset.sch.uk", ""),
    ("North Bristol NHS Trust", "Consultant Paediatrician", "nbt.nhs.uk", "Dr"),
    ("Severnvale Homes", "Tenancy Sustainment Officer", "severnvale-homes.org.uk", ""),
    ("North Somerset Youth Justice Service", "Youth Justice Officer", "n-somerset.gov.uk", ""),
    ("Cafcass", "Family Court Adviser", "cafcass.gov.uk", ""),
    ("Portishead Medical Group", "GP Safeguarding Lead", "nhs.net", "Dr"),
]
OTHER_AGENCIES = ["Children's Social Care", "Avon and Somerset Constabulary", "Health Visiting (Sirona)",
                  "Nailsea School", "CAMHS", "GP surgery", "Early Help", "Severnvale Homes", "Turning Point drug and alcohol service",
                  "Next Link domestic abuse service", "Probation Service", "Midwifery (UHBW)", "Barnardo's family support"]
AG_DOMAIN = {"Children's Social Care": "n-somerset.gov.uk", "Avon and Somerset Constabulary": "avonandsomerset.police.uk",
             "Health Visiting (Sirona)": "sirona-cic.org.uk", "Nailsea School": "nailsea-school.example.org",
             "CAMHS": "awp.nhs.uk", "GP surgery": "nhs.net", "Early Help": "n-somerset.gov.uk",
             "Severnvale Homes": "severnvale-homes.org.uk", "Turning Point drug and alcohol service": "turning-point.co.uk",
             "Next Link domestic abuse service": "nextlinkhousing.co.uk", "Probation Service": "justice.gov.uk",
             "Midwifery (UHBW)": "uhbw.nhs.uk", "Barnardo's family support": "barnardos.org.uk"}
PROCESSES = [("Section 47 enquiry", ["Ongoing", "Started 28 November", "Completed - threshold met"]),
             ("Police investigation", ["Ongoing", "Father arrested and bailed", "Under way, no charge yet"]),
             ("Initial child protection conference", ["Booked for 17 December", "Requested", "Held - plan made"]),
             ("Coroner's inquest", ["Opened and adjourned", "Not yet opened"]),
             ("NHS patient safety incident investigation", ["Commissioned", "Scoping"]),
             ("Domestic homicide review", ["Being considered by the Community Safety Partnership"]),
             ("Family court proceedings", ["Interim care order granted", "Pre-proceedings (PLO)"]),
             ("Strategy discussion", ["Held", "Held 26/11, reconvening"])]

INCIDENTS = {  # age band -> (what happened, as a verb phrase; where)
    "baby": [("was taken to hospital with a fractured femur that the parents could not explain", "the family home"),
             ("was admitted with a bleed on the brain consistent with shaking", "the family home"),
             ("died after being found unresponsive in the parents' bed", "the parents' bedroom"),
             ("was seen with bruising to the face and a torn frenulum", "a relative's flat")],
    "child": [("suffered burns to both hands from a hot iron", "the family home"),
              ("was found to be severely malnourished when seen at school", "home"),
              ("fell from a second-floor window", "the flat's bedroom"),
              ("swallowed a parent's methadone and needed intensive care", "the family home"),
              ("was bitten in the face by the family's dog", "the back garden")],
    "teen": [("was stabbed after being exploited to sell drugs", "Salthouse Fields car park"),
             ("took an overdose of paracetamol after months of online abuse", "the bedroom at home"),
             ("was seriously assaulted by an older man first met online", "a flat in Weston-super-Mare"),
             ("died by suspected suicide", "woodland near the family home"),
             ("suffered a knife wound in a fight after being reported missing", "the seafront")],
}
CONCERNS = ["Several missed health appointments were not followed up.",
            "School had recorded concerns since Easter but no referral was made.",
            "Police attended domestic incidents at the address three times this year.",
            "The family moved between three areas and records did not follow.",
            "Early Help closed the case in October after the family disengaged.",
            "Mother's mental health deteriorated after the birth and the father's drug use was known to adult services."]


def pick(rng: random.Random, xs: list[Any]) -> Any:
    return xs[rng.randrange(len(xs))]


def address(rng: random.Random) -> str:
    town, pc = pick(rng, PLACES)
    flat = f"Flat {rng.randint(1, 9)}, " if rng.random() < 0.3 else ""
    return f"{flat}{rng.randint(2, 140)} {pick(rng, STREETS)}, {town}, {pc} {rng.randint(1, 9)}{pick(rng, list('ABDEFGHJLNPQRSTUWXYZ'))}{pick(rng, list('ABDEFGHJLNPQRSTUWXYZ'))}"


def phone(rng: random.Random) -> str:
    return f"07700 900{rng.randint(100, 999)}" if rng.random() < 0.5 else f"01632 960{rng.randint(100, 999)}"


def pro(rng: random.Random, used: set[str]) -> tuple[str, str]:
    while True:
        n = f"{pick(rng, PRO_F + PRO_M)} {pick(rng, PRO_S)}"
        if n not in used:
            used.add(n)
            import unicodedata
            plain = unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode()
            return n, plain.lower().replace(" ", ".").replace("'", "")


def mail_date(rng: random.Random) -> dt.date:
    return dt.date(YEAR, 12, rng.randint(1, 7))


def referral(name: str, n_family: int | None = None, nullish: float = 0.15) -> dict[str, Any]:
    """A referral record: the expected values (dates as dt.date) plus the mail date."""
    rng = random.Random(name)
    used: set[str] = set()
    md = mail_date(rng)
    fem, mal, surs, eth = pick(rng, COMMUNITIES)
    sur = pick(rng, surs)
    band = pick(rng, ["baby", "child", "child", "teen"])
    age = {"baby": rng.randint(0, 1), "child": rng.randint(3, 10), "teen": rng.randint(13, 16)}[band]
    girl = rng.random() < 0.5
    dob = dt.date(YEAR - age - 1, rng.randint(1, 12), rng.randint(1, 28))
    if band == "baby":
        dob = md - dt.timedelta(days=rng.randint(40, 330))
    cname = f"{pick(rng, fem if girl else mal)} {sur}"
    home = address(rng)
    mum = f"{pick(rng, fem)} {sur}"
    mum_dob = dt.date(dob.year - rng.randint(19, 34), rng.randint(1, 12), rng.randint(1, 28))
    dad_sur = sur if rng.random() < 0.6 else pick(rng, surs)
    dad = f"{pick(rng, mal)} {dad_sur}"
    dad_dob = dt.date(mum_dob.year - rng.randint(0, 6), rng.randint(1, 12), rng.randint(1, 28))
    fam = [{"name": mum, "relationship": "Mother", "date_of_birth": mum_dob, "address": home, "ethnicity": eth}]
    dad_home = rng.random() < 0.5
    fam.append({"name": dad, "relationship": "Father" if dad_home else "Father (lives elsewhere)",
                "date_of_birth": dad_dob, "address": home if dad_home else address(rng), "ethnicity": eth})
    sib_n = rng.randint(0, 2) if n_family is None else max(0, n_family - 2)
    for i in range(sib_n):
        sg = rng.random() < 0.5
        older = band == "baby" or rng.random() < 0.5  # a baby's siblings are older than the baby
        sdob = dt.date(max(dob.year + (-rng.randint(2, 4) if older else rng.randint(2, 3)), mum_dob.year + 18),
                       rng.randint(1, 12), rng.randint(1, 28))
        if abs((sdob - dob).days) < 400 or sdob > md - dt.timedelta(days=60):
            sdob = dob - dt.timedelta(days=rng.randint(700, 1500))
        fam.append({"name": f"{pick(rng, fem if sg else mal)} {sur}",
                    "relationship": ("Sister" if sg else "Brother") if i == 0 else ("Half-sister" if sg else "Half-brother"),
                    "date_of_birth": sdob, "address": home, "ethnicity": eth})
    if rng.random() < 0.4:
        gf, gm, gs, ge = pick(rng, COMMUNITIES)
        fam.append({"name": f"{pick(rng, gm)} {pick(rng, gs)}", "relationship": "Mother's partner",
                    "date_of_birth": dt.date(mum_dob.year - rng.randint(-4, 8), rng.randint(1, 12), rng.randint(1, 28)),
                    "address": home, "ethnicity": ge})
    names = {cname}
    for f in fam:  # unique family names
        while f["name"] in names:
            girlish = f["relationship"] in ("Mother", "Sister", "Half-sister")
            f["name"] = f"{pick(rng, fem if girlish else mal)} {f['name'].split(' ')[-1]}"
        names.add(f["name"])
    mum = fam[0]["name"]  # the carer is the (possibly renamed) mother
    for f in fam[1:]:
        for k in ("date_of_birth", "address", "ethnicity"):
            if rng.random() < nullish:
                f[k] = None
    harm, loc = pick(rng, INCIDENTS[band])
    died = harm.startswith("died")
    inc = md - dt.timedelta(days=rng.randint(3, 12))
    ag, role, dom, title = pick(rng, AGENCIES)
    rname, local = pro(rng, used)
    first = cname.split(" ")[0]
    summary = f"{first} {harm}."
    summary += " " + pick(rng, CONCERNS)
    agencies = []
    for a in rng.sample(OTHER_AGENCIES, rng.randint(2, 4)):
        pn, pl = pro(rng, used)
        contact = phone(rng) if rng.random() < 0.6 else f"{pl}@{AG_DOMAIN[a]}"
        agencies.append({"name": pn, "agency": a, "contact": contact, "still_involved": rng.random() < 0.7})
    procs = [{"process": p, "status": pick(rng, st)} for p, st in rng.sample(PROCESSES, rng.randint(1, 3))
             if died or p not in ("Coroner's inquest", "Domestic homicide review")]  # a coroner only for a death
    return {
        "rng": rng, "mail_date": md, "used": used, "title": title, "girl": girl,
        "referrer": {"name": rname, "email": f"{local}@{dom}", "role": role, "phone": phone(rng), "agency": ag,
                     "date_submitted": md - dt.timedelta(days=rng.randint(0, 1))},
        "child": {"name": cname, "date_of_birth": dob, "home_address": home, "carer": mum, "incident_date": inc,
                  "incident_location": loc, "ethnicity": eth,
                  "faith": pick(rng, ["Muslim", "Christian", "Roman Catholic", "No religion", "Orthodox Christian",
                                      "Buddhist", "Pentecostal", None]),
                  "disability": pick(rng, ["Autism (awaiting assessment)", "Global developmental delay",
                                           "Hearing impairment", "Cerebral palsy", "ADHD", None, None]),
                  "child_protection_plan": pick(rng, ["yes", "no", "has_been", "not_known", "no"])},
        "family": fam,
        "criteria": {"child_died": died, "seriously_harmed": not died, "abuse_or_neglect": pick(rng, ["known", "suspected", "suspected"]),
                     "agency_concern": pick(rng, [True, True, False, None])},
        "summary": summary, "other_agencies": agencies, "other_processes": procs,
    }


def iso(x: Any) -> Any:
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, dict):
        return {k: iso(v) for k, v in x.items()}
    if isinstance(x, list):
        return [iso(v) for v in x]
    return x


def expected_referral(r: dict[str, Any], **over: Any) -> dict[str, Any]:
    ref = {k: r[k] for k in ("referrer", "child", "family", "criteria", "summary", "other_agencies", "other_processes")}
    ref.update(over)
    return {"kind": "referral", "case_ref": None, "referral": iso(ref), "agency_return": None, "command": None}


RETURN_TEXT = {
    "summary": ["Known to us since the mother's booking; eleven contacts, the last a home visit on 24 November.",
                "Two police call-outs to the address for verbal arguments; no crimes recorded, DASH risk standard.",
                "The child attended school until October; attendance fell to 61% and two welfare calls were made.",
                "Registered with the practice; three A&E attendances this year were coded but not reviewed.",
                "A tenancy since 2024; rent arrears and a neighbour's noise complaint, one home visit in September.",
                "Father was on licence to us from March; he disclosed a new partner with children in August."],
    "actions": ["Records locked; a chronology started; the case raised at our safeguarding supervision.",
                "Records secured and the siblings' files flagged; staff offered a debrief.",
                "Information shared with the police investigation; records secured.",
                "Chronology compiled; the named nurse reviewed all contacts."],
    "learning": ["Staff did not ask who else lived at the address.",
                 "Concerns about neglect were recorded but not escalated.",
                 "We relied on the mother's account and did not see the child alone.",
                 "Information about the father's history was not shared with health."],
}


AGENCY_SUMMARY = {  # what each kind of agency would have done (keyed by the AGENCIES entry's domain or agency)
    "avonandsomerset.police.uk": "Two police call-outs to the address for verbal arguments; no crimes recorded, DASH risk standard.",
    "uhbw.nhs.uk": "Three A&E attendances this year for minor injuries; the last one was referred to the named nurse.",
    "sirona-cic.org.uk": "Known since the mother's booking; eleven contacts, the last a home visit on 24 November.",
    "North Somerset Children's Services": "An assessment in 2025 closed with advice; a second contact in October went to Early Help.",
    "swast.nhs.uk": "One ambulance call to the address in August for a fall; no safeguarding referral was made.",
    "awp.nhs.uk": "The mother was seen by the perinatal team from her booking until discharge in September.",
    "clevedonshore.n-somerset.sch.uk": "The child attended school until October; attendance fell to 61% and two welfare calls were made.",
    "nbt.nhs.uk": "Seen in the children's outpatient clinic twice for weight faltering; one appointment missed.",
    "severnvale-homes.org.uk": "A tenancy since 2024; rent arrears and a neighbour's noise complaint, one home visit in September.",
    "North Somerset Youth Justice Service": "An older sibling was on an out-of-court disposal with us from March; home visits were made.",
    "cafcass.gov.uk": "A child arrangements application in 2025; a safeguarding letter was filed and the case closed.",
    "nhs.net": "Registered with the practice; three A&E attendances this year were coded but not reviewed.",
}


def agency_return(name: str) -> dict[str, Any]:
    rng = random.Random(name)
    used: set[str] = set()
    md = mail_date(rng)
    ag, role, dom, title = pick(rng, AGENCIES)
    an, al = pro(rng, used)
    so, _ = pro(rng, used)
    fr = dt.date(YEAR - rng.randint(1, 2), rng.randint(1, 12), rng.randint(1, 28))
    to = md - dt.timedelta(days=rng.randint(5, 20))
    return {"rng": rng, "mail_date": md, "used": used, "title": title,
            "agency": ag, "author": {"name": an, "role": role, "email": f"{al}@{dom}", "phone": phone(rng)},
            "involved": True, "involvement_from": fr, "involvement_to": to,
            "summary": AGENCY_SUMMARY.get(ag, AGENCY_SUMMARY.get(dom, "")), "immediate_actions": pick(rng, RETURN_TEXT["actions"]),
            "learning": pick(rng, RETURN_TEXT["learning"]), "records_secured": rng.random() < 0.8,
            "signed_off_by": so, "date_completed": md - dt.timedelta(days=rng.randint(0, 2))}


def expected_return(r: dict[str, Any], ref: str, **over: Any) -> dict[str, Any]:
    keys = ("agency", "author", "involved", "involvement_from", "involvement_to", "summary", "immediate_actions",
            "learning", "records_secured", "signed_off_by", "date_completed")
    ar = {k: r[k] for k in keys}
    ar.update(over)
    return {"kind": "agency_return", "case_ref": ref, "referral": None, "agency_return": iso(ar), "command": None}


CPP_WORDS = {
    "a": {"yes": "Yes", "no": "No", "has_been": "Previously", "not_known": "Not known"},
    "b": {"yes": "Yes - current plan (neglect)", "no": "Never", "has_been": "Was on a plan until 2025",
          "not_known": "Unsure"},
    "c": {"yes": "Current", "no": "No", "has_been": "Past", "not_known": "Don't know"},
}
