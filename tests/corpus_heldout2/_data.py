"""Fictional referral and agency-return content. Every person, address and phone number is invented."""
from __future__ import annotations

from _lib import empty_referral, empty_return


def referral(referrer, child, family=(), criteria=(None, None, None, None), summary=None, agencies=(), processes=()):
    r = empty_referral()
    r["referrer"].update(dict(zip(["name", "email", "role", "phone", "agency", "date_submitted"], referrer)))
    r["child"].update(child)
    r["family"] = [dict(zip(["name", "relationship", "date_of_birth", "address", "ethnicity"], f)) for f in family]
    r["criteria"] = dict(zip(["child_died", "seriously_harmed", "abuse_or_neglect", "agency_concern"], criteria))
    r["summary"] = summary
    r["other_agencies"] = [dict(zip(["name", "agency", "contact", "still_involved"], a)) for a in agencies]
    r["other_processes"] = [dict(zip(["process", "status"], p)) for p in processes]
    return r


def agency_return(agency, author, involved, frm=None, to=None, summary=None, actions=None, learning=None,
                  secured=None, signed=None, completed=None):
    a = empty_return()
    a.update({"agency": agency, "involved": involved, "involvement_from": frm, "involvement_to": to,
              "summary": summary, "immediate_actions": actions, "learning": learning, "records_secured": secured,
              "signed_off_by": signed, "date_completed": completed})
    a["author"] = dict(zip(["name", "role", "email", "phone"], author))
    return a


def child(name, dob, addr, carer, inc_date, inc_loc, eth, faith, dis, cpp):
    return {"name": name, "date_of_birth": dob, "home_address": addr, "carer": carer, "incident_date": inc_date,
            "incident_location": inc_loc, "ethnicity": eth, "faith": faith, "disability": dis,
            "child_protection_plan": cpp}


REF = {}

REF["r01"] = referral(
    ("Harriet Quillfeather", "harriet.quillfeather@csc.example.gov.uk", "Team Manager, Child Protection Team",
     "01275 888 014", "North Somerset Council Children's Social Care", "2026-02-04"),
    child("Poppy Lanternfield", "2025-06-12", "14 Example Close, Clevedon-on-Sea, BS99 1ZZ", "Kayla Lanternfield (mother)",
          "2026-02-03", "Weston General Hospital (fictional ward 9)", "White British", "None", "None known", "no"),
    family=[("Kayla Lanternfield", "Mother", "1999-03-21", "14 Example Close, Clevedon-on-Sea, BS99 1ZZ", "White British"),
            ("Dean Brackwater", "Mother's partner", "1996-11-02", "7 Nowhere Row, Testbury, BS99 4ZZ", "White British")],
    criteria=(False, True, "suspected", True),
    summary=("Poppy (7 months) was brought to hospital on 3 February 2026 with a skull fracture and bruising to the "
             "torso. The explanation given by the mother's partner was inconsistent with the injuries. The family had "
             "been supported under a Child in Need plan which closed in December 2025."),
    agencies=[("Dr Ivo Pennycress", "Fictional Lane Surgery (GP)", "01275 555 201", True),
              ("Marnie Oakshott", "Health Visiting Service", "marnie.oakshott@nhs.net", False)],
    processes=[("Criminal investigation (Operation Pebble)", "Ongoing, partner on police bail"),
               ("Strategy discussion / s47 enquiry", "Completed 04/02/2026")],
)

REF["r02"] = referral(
    ("Sgt Owen Thistlecombe", "owen.thistlecombe@avon.example.pnn.police.uk", "Detective Sergeant, Child Abuse Investigation Team",
     "0117 555 0190", "Avon and Somerset Police", "2026-01-19"),
    child("Zayan Haque-Merrow", "2012-09-30", "Flat 3, 22 Imaginary Road, Nailsea-by-Sea, BS98 2ZZ", "Farida Haque (mother)",
          "2026-01-16", "Home address", "Pakistani", None, None, "no"),
    family=[("Farida Haque", "Mother", "1984-05-05", "Flat 3, 22 Imaginary Road, Nailsea-by-Sea, BS98 2ZZ", "Pakistani"),
            ("Idris Merrow", "Father", "1980-01-14", "Not known", "Pakistani")],
    criteria=(True, False, "suspected", True),
    summary=("Zayan (13) died at home on 16 January 2026. Initial post mortem findings indicate prolonged neglect of a "
             "known medical condition. Zayan had not attended school since October 2025 and was recorded as electively home educated."),
    agencies=[("Bethan Corrowick", "Education Welfare Service", "01275 555 330", False)],
    processes=[("Coroner's inquest", "Opened and adjourned"), ("Child Death Overview Panel", "Notified")],
)

REF["r03"] = referral(
    ("Nia Pembervale", "nia.pembervale@nhs.net", "Named Nurse for Safeguarding Children",
     "01483 555 010", "Riverside Community Health NHS Trust", "2026-02-11"),
    child("Theo Ashgrove-Kemble", "2023-04-08", "5 Parchment Way, Imaginaton, GU99 3ZZ", "Lena Ashgrove (maternal grandmother, kinship carer)",
          "2026-02-09", "Imaginaton Leisure Centre swimming pool", "White British", "Church of England", "Autism (diagnosed 2025)", "has_been"),
    family=[("Lena Ashgrove", "Maternal grandmother", "1965-07-19", "5 Parchment Way, Imaginaton, GU99 3ZZ", "White British")],
    criteria=(False, True, "suspected", False),
    summary=("Theo (2) was found unresponsive in the pool while in the care of his grandmother and was resuscitated. He "
             "remains in paediatric intensive care with a hypoxic brain injury. Supervision concerns had been raised twice by nursery."),
    agencies=[("Priya Moondew", "Little Acorns Nursery (fictional)", "01483 555 777", True)],
    processes=[("Police investigation", "Ongoing")],
)

REF["r04"] = referral(
    ("Graham Fenwright", "graham.fenwright@csc.example.gov.uk", "Head of Service, Safeguarding",
     "020 8496 0731", "London Borough of Exampleton", "2026-01-28"),
    child("Ruby Thistlewood", "2009-12-01", "88 Placeholder Avenue, Exampleton, E99 9ZZ", None,
          "2026-01-25", None, "Indian", None, "None", None),
    criteria=(False, True, "known", True),
    summary=("Ruby (16) was admitted to hospital after a serious assault linked to criminal exploitation. She had been "
             "missing from home on eleven occasions since September 2025 and was subject to a Child in Need plan."),
)

REF["r05"] = referral(
    ("Imogen Larkspur", "imogen.larkspur@schools.example.gov.uk", "Designated Safeguarding Lead",
     "01275 555 402", "Portbury Fields Academy (fictional)", "2026-03-02"),
    child("Kofi Adjei-Brennan", "2014-02-17", "3 Mockingbird Court, Weston-super-Example, BS97 5ZZ", "Abena Adjei (mother)",
          "2026-02-27", "Park off Mockingbird Court", "Black African and White", "Christian", "None", "yes"),
    family=[("Abena Adjei", "Mother", "1988-08-08", "3 Mockingbird Court, Weston-super-Example, BS97 5ZZ", "Black African"),
            ("Kieran Brennan", "Father", "1986-04-30", "HMP Fictional", "White Irish")],
    criteria=(False, True, "known", True),
    summary=("Kofi (12) was stabbed in the leg by an older youth on 27 February 2026. He is subject to a child protection "
             "plan under the category of neglect and had disclosed being asked to carry packages for older boys."),
    agencies=[("Sam Wrenfield", "Youth Justice Service", "01275 555 618", True),
              ("Dr Alis Quorn", "CAMHS", "alis.quorn@nhs.net", True)],
    processes=[("Criminal proceedings", "Suspect charged, first hearing 12/03/2026")],
)

REF["r06"] = referral(
    ("Declan Moorhaven", "declan.moorhaven@csc.example.gov.uk", "Service Leader, Strategic Safeguarding and QA",
     "01275 888 200", "North Somerset Council", "2026-01-09"),
    child("Aoife Gallowglass", "2020-10-10", "Caravan 12, Fictional Farm Park, Yatton-on-Example, BS96 6ZZ", "Siobhan Gallowglass (mother)",
          "2026-01-07", "Caravan 12, Fictional Farm Park", "White Irish", "Roman Catholic", "None", "not_known"),
    family=[("Siobhan Gallowglass", "Mother", "1995-02-02", "Caravan 12, Fictional Farm Park, Yatton-on-Example, BS96 6ZZ", "White Irish")],
    criteria=(True, False, "suspected", False),
    summary=("Aoife (5) died in a caravan fire on 7 January 2026. Her mother was intoxicated at the time. The family had "
             "moved into the area from another local authority in November 2025 and were not known locally."),
    processes=[("Coroner", "Inquest opened"), ("Fire investigation", "Ongoing")],
)

REF["r07"] = referral(
    ("Ravi Sandcombe", "ravi.sandcombe@nhs.net", "Designated Doctor for Safeguarding", "0117 555 0420",
     "ICB Safeguarding Team", "2026-02-18"),
    child("Amaya Chaudhry-Lowe", "2025-11-20", "41 Fable Street, Portishead-on-Example, BS95 7ZZ", "Nadia Chaudhry and Josh Lowe (parents)",
          "2026-02-16", "Bristol Royal Hospital for Children (fictional PICU)", "Pakistani", "Muslim", "Not known", "no"),
    family=[("Nadia Chaudhry", "Mother", "2001-06-06", "41 Fable Street, Portishead-on-Example, BS95 7ZZ", "Pakistani"),
            ("Josh Lowe", "Father", "2000-12-12", "41 Fable Street, Portishead-on-Example, BS95 7ZZ", "White British")],
    criteria=(False, True, "suspected", False),
    summary=("Amaya (12 weeks) presented with subdural haemorrhages and retinal haemorrhages. Parents report a fall from a "
             "sofa. Skeletal survey showed two healing rib fractures."),
    agencies=[("Hollie Brambleby", "Health Visiting Service", "0117 555 0777", True)],
    processes=[("Police investigation", "Both parents arrested and released under investigation")],
)

REF["r08"] = referral(
    ("Tamsin Goldrick", "tamsin.goldrick@csc.example.gov.uk", "Social Worker", "01275 888 311",
     "North Somerset Council Children's Social Care", "2026-03-10"),
    child("Callum Firthwaite", "2008-07-04", "Room 4, Exemplar House (supported lodgings), Weston-super-Example, BS97 8ZZ", "Supported lodgings provider",
          "2026-03-08", "Railway line near Example Halt", "White British", "None", "ADHD", "has_been"),
    family=[("Maxine Firthwaite", "Mother", "1982-10-31", "Not known", "White British")],
    criteria=(True, False, "suspected", True),
    summary=("Callum (17), a looked after child in supported lodgings, died on 8 March 2026 on the railway line. He had "
             "disclosed self-harm to his personal adviser two weeks earlier. Placement stability had been a concern."),
    agencies=[("Olu Baskerfield", "Leaving Care Service", "01275 888 450", True)],
    processes=[("Coroner", "Referred"), ("British Transport Police investigation", "Ongoing")],
)

REF["r09"] = referral(
    ("Meera Castlethorpe", "meera.castlethorpe@nhs.net", "Safeguarding Lead Midwife", "01934 555 112",
     "Weston Area Health NHS Trust (fictional)", "2026-02-03"),
    child("Baby Isla Penhallow", "2026-01-30", "2 Daydream Lane, Worle-on-Example, BS94 9ZZ", "Jade Penhallow (mother)",
          "2026-02-01", "Maternity unit, Weston General Hospital", "Not declared", None, None, "not_known"),
    criteria=(True, False, "suspected", True),
    summary=("Isla was born at 34 weeks to a mother who had concealed the pregnancy and used heroin throughout. Isla died "
             "on 1 February 2026 following a collapse on the postnatal ward; an unsafe sleeping arrangement is suspected."),
    agencies=[("Carys Velding", "Drug and Alcohol Service", "01934 555 300", False)],
)

REF["r10"] = referral(
    ("Jonah Peverell", "jonah.peverell@schools.example.gov.uk", "Headteacher", "01275 555 900",
     "Gordano Example School", "2026-01-13"),
    child("Esme Rathbone-Kell", "2011-05-22", "19 Mirage Terrace, Portishead-on-Example, BS95 2ZZ", "Claire Kell (mother)",
          "2026-01-12", "School toilets, Gordano Example School", "Black Caribbean and White", "None", "Type 1 diabetes", "yes"),
    family=[("Claire Kell", "Mother", "1983-09-09", "19 Mirage Terrace, Portishead-on-Example, BS95 2ZZ", "White British"),
            ("Marcus Rathbone", "Father", "1981-03-15", "Unknown", "Black Caribbean")],
    criteria=(False, True, "known", True),
    summary=("Esme (14) was found unconscious in the school toilets following an insulin overdose. She has disclosed "
             "sexual abuse by an adult she met online. She had been subject to a child protection plan since November 2025."),
    agencies=[("PC Lowri Ambler", "Avon and Somerset Police", "0117 555 0999", True)],
    processes=[("Police investigation into online grooming", "Ongoing")],
)

# body-text referrals
REF["b01"] = referral(
    ("Sophie Wrenhaven", "sophie.wrenhaven@csc.example.gov.uk", "Senior Practitioner", "01275 888 160",
     "North Somerset Council Children's Social Care", "2026-02-20"),
    child("Leo Marchbank", "2019-08-14", "27 Storybook Drive, Clevedon-on-Sea, BS99 3ZZ", "Gemma Marchbank (mother)",
          "2026-02-19", "Home", "White British", "None", "Global developmental delay", "yes"),
    family=[("Gemma Marchbank", "Mother", "1992-01-25", "27 Storybook Drive, Clevedon-on-Sea, BS99 3ZZ", "White British")],
    criteria=(False, True, "suspected", True),
    summary=("Leo (6) was admitted with severe malnutrition and dehydration, weighing below the 0.4th centile. He has "
             "been subject to a child protection plan for neglect since September 2025."),
    agencies=[("Dr Hal Quennell", "Fictional Lane Surgery", "01275 555 201", True)],
)

REF["b02"] = referral(
    ("Aled Crowhurst", "aled.crowhurst@avon.example.pnn.police.uk", "Detective Inspector", "0117 555 0333",
     "Avon and Somerset Police", "2026-03-05"),
    child("Maisie Penrose-Tull", "2016-03-03", "9 Reverie Gardens, Nailsea-by-Sea, BS98 5ZZ", "Donna Tull (mother)",
          "2026-03-04", "9 Reverie Gardens, Nailsea-by-Sea", "White British", "Not known", "None", "no"),
    family=[("Donna Tull", "Mother", "1990-04-04", "9 Reverie Gardens, Nailsea-by-Sea, BS98 5ZZ", "White British"),
            ("Craig Penrose", "Stepfather", "1987-07-07", "9 Reverie Gardens, Nailsea-by-Sea, BS98 5ZZ", "White British")],
    criteria=(False, True, "known", False),
    summary=("Maisie (9) sustained burns to both hands which her stepfather admits were inflicted as a punishment. "
             "He has been charged. No agency had concerns before the incident."),
    processes=[("Criminal proceedings", "Stepfather charged and remanded")],
)

REF["b03"] = referral(
    ("Fatima Oyelaran", "fatima.oyelaran@nhs.net", "Named GP for Safeguarding", "01934 555 720",
     "ICB Health", "2026-01-22"),
    child("Samir Oduya", "2010-11-11", "Flat 12, Nonesuch Tower, Weston-super-Example, BS97 1ZZ", "Grace Oduya (aunt, special guardian)",
          "2026-01-20", "Weston-super-Example town centre", "Black African", "Christian", "None", "not_known"),
    criteria=(False, True, "suspected", True),
    summary="Samir (15) was found with serious head injuries after being reported missing for four days. Exploitation is suspected.",
)

REF["b04"] = referral(
    ("Ellie Summerhayes", "ellie.summerhayes@schools.example.gov.uk", "Deputy Designated Safeguarding Lead", "01275 555 455",
     "Clevedon Example Primary School", "2026-03-16"),
    child("Oscar Lindqvist", "2017-01-09", "6 Hypothesis Road, Clevedon-on-Sea, BS99 6ZZ", "Anna Lindqvist (mother)",
          "2026-03-13", "Home address", "Any other White background", "Lutheran", "None", "no"),
    criteria=(False, True, "suspected", False),
    summary="Oscar (9) disclosed that his mother's partner held his hand on a hot hob. He has blistering burns to his right palm.",
    agencies=[("School nurse team", "School Nursing Service", "01275 555 460", True)],
)

# forwarded referrals
REF["f01"] = referral(
    ("Bryony Halsworth", "bryony.halsworth@csc.example.gov.uk", "Social Worker, Disabled Children's Team", "01275 888 515",
     "North Somerset Council Children's Social Care", "2026-02-23"),
    child("Finley Acresworth", "2012-06-30", "31 Conjecture Lane, Nailsea-by-Sea, BS98 7ZZ", "Rachel Acresworth (mother)",
          "2026-02-20", "Respite unit, Example House", "White British", "None", "Cerebral palsy, non-verbal", "no"),
    criteria=(False, True, "suspected", True),
    summary=("Finley (13) was found to have a fractured femur after a respite stay. No explanation has been given by "
             "staff or family. He is unable to communicate verbally."),
    agencies=[("Example House respite unit", "Commissioned provider", "01275 555 610", True)],
    processes=[("Police investigation", "Ongoing"), ("LADO referral", "Strategy meeting held 22/02/2026")],
)

REF["f02"] = referral(
    ("Connor Ellesmere", "connor.ellesmere@schools.example.gov.uk", "Designated Safeguarding Lead", "01934 555 818",
     "Worle Example Community School", "2026-03-03"),
    child("Lily-Mae Drummond", "2013-10-02", "57 Whimsy Crescent, Worle-on-Example, BS94 1ZZ", "Stacey Drummond (mother)",
          "2026-02-28", "Worle-on-Example (address of adult male)", "Any other mixed background", "None", "None", "has_been"),
    family=[("Stacey Drummond", "Mother", "1989-12-20", "57 Whimsy Crescent, Worle-on-Example, BS94 1ZZ", "White British")],
    criteria=(False, True, "known", True),
    summary=("Lily-Mae (12) was located at the address of an adult male after being missing overnight. She disclosed "
             "sexual abuse. She was previously subject to a child protection plan (ended June 2025)."),
    agencies=[("Jess Kirrin", "Barnardo's exploitation service (fictional worker)", "01934 555 901", True)],
    processes=[("Criminal investigation", "Male arrested, on bail")],
)

REF["f03"] = referral(
    ("Dr Petra Vellacott", "petra.vellacott@nhs.net", "Consultant Paediatrician", "0117 555 0610",
     "Fictional University Hospitals NHS Trust", "2026-01-30"),
    child("Harvey Cottingham", "2024-03-15", "11 Pretend Place, Portishead-on-Example, BS95 4ZZ", "Leanne Cottingham (mother)",
          "2026-01-28", "Home address", "White British", None, None, "no"),
    family=[("Leanne Cottingham", "Mother", "2003-02-14", "11 Pretend Place, Portishead-on-Example, BS95 4ZZ", "White British")],
    criteria=(False, True, "suspected", False),
    summary=("Harvey (22 months) ingested methadone at home and required ventilation. Mother is on a substitute "
             "prescribing programme; storage of medication was unsafe."),
    agencies=[("Drug and Alcohol Service", "Drug and Alcohol Service", "0117 555 0800", True)],
)

# PDFs
REF["p01"] = referral(
    ("Wendy Galloway", "wendy.galloway@csc.example.gov.uk", "Team Manager", "01275 888 077",
     "North Somerset Council Children's Social Care", "2026-02-26"),
    child("Noah Pemberton-Reis", "2015-12-25", "70 Figment Road, Weston-super-Example, BS97 3ZZ", "Carla Reis (mother)",
          "2026-02-24", "Home address", "Any other White background", "Roman Catholic", "None", "yes"),
    family=[("Carla Reis", "Mother", "1985-05-15", "70 Figment Road, Weston-super-Example, BS97 3ZZ", "White Portuguese")],
    criteria=(False, True, "known", True),
    summary=("Noah (10) was admitted with a head injury inflicted by his mother's ex-partner, who had returned to the home "
             "despite a written agreement. Noah is subject to a child protection plan."),
    agencies=[("IDVA Service", "Domestic abuse service", "01275 555 999", True)],
    processes=[("Criminal proceedings", "Ex-partner charged with GBH")],
)

REF["p02"] = referral(
    ("Hugo Marwood", "hugo.marwood@avon.example.pnn.police.uk", "Detective Constable", "0117 555 0456",
     "Avon and Somerset Police", "2026-03-12"),
    child("Daisy Okonkwo-Hart", "2021-07-07", "8 Fancy Row, Yatton-on-Example, BS96 2ZZ", "Joanne Hart (mother)",
          "2026-03-11", "Home address", "Black African and White", None, None, "no"),
    criteria=(True, False, "suspected", False),
    summary="Daisy (4) died at home. The house was in a very poor condition and Daisy was underweight. Neglect is suspected.",
)

RET = {}
RET["a01"] = agency_return(
    "Education", ("Imogen Larkspur", "Designated Safeguarding Lead", "imogen.larkspur@schools.example.gov.uk", "01275 555 402"),
    True, "2022-09-05", "2026-02-27",
    summary=("Kofi joined Year 5 in September 2022. Attendance fell to 71% in autumn 2025. Three safeguarding concerns were "
             "logged (Oct 2025, Dec 2025, Jan 2026), the last about Kofi carrying an unexplained mobile phone; each was shared with the allocated social worker."),
    actions="Safety plan agreed with Kofi and his mother; staff briefing held on 02/03/2026.",
    learning="Concerns about possible criminal exploitation were shared but not escalated when no response was received.",
    secured=True, signed="Marcus Elderfield, Headteacher", completed="2026-03-13")

RET["a02"] = agency_return(
    "ICB Health", ("Ruth Penderby", "Safeguarding Administrator", "ruth.penderby@nhs.net", "0117 555 0101"),
    False)

RET["a03"] = agency_return(
    "Avon and Somerset Police", ("DS Kim Ashbourne", "Detective Sergeant, Major Statutory Crime Review Team",
                                 "kim.ashbourne@avon.example.pnn.police.uk", "0117 555 0222"),
    True, "2024-06-01", "2026-02-03",
    summary=("Two domestic abuse incidents were recorded at the address (June 2024 and October 2025), both graded standard "
             "risk. A child was recorded as present on the second occasion and a PPN was submitted."),
    actions="Review of DASH risk grading for both incidents requested from the Domestic Abuse Investigation Team.",
    learning="The presence of an infant was not reflected in the risk grading.",
    secured=True, signed="DI Robert Claverly", completed="2026-02-17")

RET["a04"] = agency_return(
    "Children's Social Care", ("Tamsin Goldrick", "Social Worker", "tamsin.goldrick@csc.example.gov.uk", "01275 888 311"),
    True, "2019-04-01", "2026-03-08",
    summary=("Callum became looked after in April 2019 and moved to supported lodgings in August 2025. He had six placement "
             "moves. His pathway plan was reviewed in January 2026."),
    actions="All young people in supported lodgings with recent self-harm have had their risk assessments reviewed.",
    learning="Information about self-harm shared with the personal adviser did not reach the allocated social worker.",
    secured=True, signed="Wendy Galloway, Team Manager", completed="2026-03-20")

RET["a05"] = agency_return(
    "ICB Health", ("Dr Ravi Sandcombe", "Designated Doctor for Safeguarding", "ravi.sandcombe@nhs.net", "0117 555 0420"),
    True, "2025-11-20", "2026-02-16",
    summary="Amaya was seen by the GP at 6 weeks and by the health visitor at the new birth visit. No bruising was noted.",
    actions="None required at this stage.",
    learning="The ICON programme was not discussed with the father at the new birth visit.",
    secured=False, signed="Helen Stourbridge, Head of Safeguarding", completed="2026-03-03")

RET["a06"] = agency_return(
    "Education", ("Connor Ellesmere", "Designated Safeguarding Lead", "connor.ellesmere@schools.example.gov.uk", "01934 555 818"),
    False, completed="2026-03-09", signed="Janet Oakhill, Headteacher")

RET["a07"] = agency_return(
    "Westerleigh Homes Housing Association", ("Priya Fenchurch", "Tenancy Sustainment Officer", "priya.fenchurch@westerleigh-homes.example.org.uk", "01934 555 606"),
    True, "2024-09-01", "2026-02-14",
    summary="The family held a tenancy from September 2024. Two reports of disrepair and one anti-social behaviour complaint were received.",
    actions="Home visit checks for tenants with children where disrepair reports are outstanding.",
    learning="Housing staff did not know how to raise a safeguarding concern out of hours.",
    secured=True, signed="Mark Tennyson, Housing Manager", completed="2026-02-25")
