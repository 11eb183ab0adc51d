"""Fictional ground truth for the corpus: every name, address and event here is invented."""

from __future__ import annotations

import copy
from typing import Any

Case = dict[str, Any]

_REFERRALS: list[Case] = [
    {
        "referrer": {"name": "Joanne Whitlock", "email": "j.whitlock@hillview-primary.n-somerset.sch.uk",
                     "role": "Designated Safeguarding Lead", "phone": "01934 552310",
                     "agency": "Hillview Primary School", "date_submitted": "2026-02-05"},
        "child": {"name": "Amelia Rowntree", "date_of_birth": "2015-02-03",
                  "home_address": "14 Marsh Lane, Worle, BS22 7QX", "carer": "Kerry Rowntree (mother)",
                  "incident_date": "2026-02-02", "incident_location": "Family home",
                  "ethnicity": "Black Caribbean and White", "faith": "Christian", "disability": "None known",
                  "child_protection_plan": "has_been"},
        "eth": ("B", "Black Caribbean and White"),
        "family": [
            {"name": "Kerry Rowntree", "relationship": "Mother", "date_of_birth": "1991-05-12",
             "address": "14 Marsh Lane, Worle", "ethnicity": "White British"},
            {"name": "Dean Castell", "relationship": "Mother's partner", "date_of_birth": "1988-11-30",
             "address": "No fixed abode", "ethnicity": "White British"},
        ],
        "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "suspected",
                     "agency_concern": True},
        "summary": "Amelia was taken to Weston General Hospital by ambulance with a head injury and bruising "
                   "to her arms.\nThe explanation given by the mother's partner is not consistent with the injuries. "
                   "School had raised concerns about bruising twice in the autumn term.",
        "other_agencies": [
            {"name": "Dr R. Okafor", "agency": "Worle Health Centre (GP)", "contact": "01934 510000",
             "still_involved": True},
            {"name": "Leanne Price", "agency": "Children's Social Care", "contact": "leanne.price@n-somerset.gov.uk",
             "still_involved": True},
        ],
        "other_processes": [{"process": "Police investigation", "status": "Ongoing, partner on bail"}],
    },
    {
        "referrer": {"name": "DS Mark Tollerton", "email": "mark.tollerton@avonandsomerset.police.uk",
                     "role": "Detective Sergeant, Child Abuse Investigation Team", "phone": "07700 900412",
                     "agency": "Avon and Somerset Police", "date_submitted": "2026-01-19"},
        "child": {"name": "Riley Okonkwo-Hart", "date_of_birth": "2025-08-21",
                  "home_address": "Flat 3, 22 Station Road, Clevedon, BS21 6NB", "carer": "Both parents",
                  "incident_date": "2026-01-16", "incident_location": "Bristol Royal Hospital for Children",
                  "ethnicity": "Black African", "faith": None, "disability": None,
                  "child_protection_plan": "no"},
        "eth": ("D", "African"),
        "family": [
            {"name": "Chidi Okonkwo", "relationship": "Father", "date_of_birth": "1996-03-02",
             "address": "Flat 3, 22 Station Road, Clevedon", "ethnicity": "Black African"},
            {"name": "Hannah Hart", "relationship": "Mother", "date_of_birth": "1999-07-14",
             "address": "Flat 3, 22 Station Road, Clevedon", "ethnicity": "White British"},
        ],
        "criteria": {"child_died": True, "seriously_harmed": False, "abuse_or_neglect": "known",
                     "agency_concern": True},
        "summary": "Riley (5 months) died in hospital on 16 January 2026 from a non-accidental head injury.\n"
                   "Father has been charged. Health visitor had recorded missed appointments.",
        "other_agencies": [
            {"name": "Sue Jarvis", "agency": "Health Visiting, Sirona", "contact": "0300 124 5300",
             "still_involved": False},
        ],
        "other_processes": [
            {"process": "Coroner's inquest", "status": "Opened and adjourned"},
            {"process": "Child Death Overview Panel", "status": "Notified"},
            {"process": "Criminal proceedings", "status": "Father charged, trial date awaited"},
        ],
    },
    {
        "referrer": {"name": "Priya Raman", "email": "priya.raman@nhs.net", "role": "Named Nurse Safeguarding Children",
                     "phone": "0117 414 1234", "agency": "University Hospitals Bristol and Weston",
                     "date_submitted": "2026-03-10"},
        "child": {"name": "Zain Hussain", "date_of_birth": "2009-10-07", "home_address": "5 Orchard Close, Nailsea",
                  "carer": "Father, Imran Hussain", "incident_date": "2026-03-06",
                  "incident_location": "Nailsea town centre", "ethnicity": "Pakistani", "faith": "Muslim",
                  "disability": "ADHD", "child_protection_plan": "yes"},
        "eth": ("C", "Pakistani"),
        "family": [
            {"name": "Imran Hussain", "relationship": "Father", "date_of_birth": "1978-01-25",
             "address": "5 Orchard Close, Nailsea", "ethnicity": "Pakistani"},
        ],
        "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "suspected",
                     "agency_concern": False},
        "summary": "Zain (16) was stabbed in what police believe is linked to criminal exploitation.\n"
                   "He had been missing from home on several occasions since November.",
        "other_agencies": [
            {"name": "Tom Beale", "agency": "Youth Justice Service", "contact": "01275 888000", "still_involved": True},
        ],
        "other_processes": [],
    },
    {
        "referrer": {"name": "Gemma Stroud", "email": "gemma.stroud@n-somerset.gov.uk",
                     "role": "Team Manager, Assessment Team", "phone": "01275 888808",
                     "agency": "North Somerset Children's Social Care", "date_submitted": "2026-04-01"},
        "child": {"name": "Lily-Mae Corrigan", "date_of_birth": "2020-06-30",
                  "home_address": "38 Downside Road, Portishead", "carer": "Maternal grandmother",
                  "incident_date": "2026-03-28", "incident_location": "Grandmother's address",
                  "ethnicity": "White Irish", "faith": "Roman Catholic", "disability": None,
                  "child_protection_plan": "not_known"},
        "eth": ("A", "Irish"),
        "family": [],
        "criteria": {"child_died": False, "seriously_harmed": True, "abuse_or_neglect": "known",
                     "agency_concern": True},
        "summary": "Lily-Mae was admitted with severe malnutrition and dehydration.\n"
                   "Neglect is known; several agencies had contact in the previous year.",
        "other_agencies": [],
        "other_processes": [{"process": "Police investigation (neglect)", "status": "Under investigation"}],
    },
    {
        "referrer": {"name": "Rachel Mount", "email": "r.mount@weston.ac.uk", "role": "Safeguarding Manager",
                     "phone": "01934 411411", "agency": "Weston College", "date_submitted": "2026-05-12"},
        "child": {"name": "Kai Thornbury", "date_of_birth": "2008-12-01", "home_address": "9 Brean Down Avenue, Weston",
                  "carer": "Mother", "incident_date": "2026-05-09", "incident_location": "Uphill beach",
                  "ethnicity": "Not declared", "faith": None, "disability": "Autism spectrum condition",
                  "child_protection_plan": "no"},
        "eth": ("F", "Not Declared"),
        "family": [
            {"name": "Donna Thornbury", "relationship": "Mother", "date_of_birth": "1983-04-04",
             "address": "9 Brean Down Avenue, Weston", "ethnicity": None},
        ],
        "criteria": {"child_died": True, "seriously_harmed": False, "abuse_or_neglect": "suspected",
                     "agency_concern": False},
        "summary": "Kai died following a suspected overdose.\nThere were concerns about neglect of his needs at home.",
        "other_agencies": [],
        "other_processes": [{"process": "Coroner", "status": "Inquest opened"}],
    },
]


def referral(index: int) -> Case:
    """A deep copy, so a scenario can blank fields without touching the others."""
    return copy.deepcopy(_REFERRALS[index % len(_REFERRALS)])


def referral_count() -> int:
    return len(_REFERRALS)


_RETURNS: list[Case] = [
    {"case_ref": "NS-CSPR-2026-004", "agency": "Worle Health Centre",
     "author": {"name": "Dr Ruth Okafor", "role": "GP Safeguarding Lead", "email": "ruth.okafor@nhs.net",
                "phone": "01934 510000"},
     "involved": True, "involvement_from": "2024-09-01", "involvement_to": "2026-02-02",
     "summary": "Amelia was seen four times in the period, twice for minor injuries.\n"
                "Mother attended appointments; the partner was not known to the practice.",
     "immediate_actions": "Records reviewed and flagged. Safeguarding alert added to the family's records.",
     "learning": "Bruising in a school-age child was not shared with the school nurse.",
     "records_secured": True, "signed_off_by": "Dr Alan Kirby, Named GP", "date_completed": "2026-02-12"},
    {"case_ref": "NS-CSPR-2026-004", "agency": "Avon and Somerset Police",
     "author": {"name": "DC Helen Marsh", "role": "Review Officer", "email": "helen.marsh@avonandsomerset.police.uk",
                "phone": "101 ext 4421"},
     "involved": True, "involvement_from": "2025-03-14", "involvement_to": "2026-02-03",
     "summary": "Two domestic incidents attended at the address (March and October 2025).\n"
                "DASH risk assessed as standard on both occasions.",
     "immediate_actions": "Partner arrested and bailed with conditions.",
     "learning": "Child present at incidents was not notified to school under Operation Encompass.",
     "records_secured": True, "signed_off_by": "DI Paul Ferris", "date_completed": "2026-02-13"},
    {"case_ref": "NS-CSPR-2026-007", "agency": "Sirona Care and Health",
     "author": {"name": "Beth Calloway", "role": "Safeguarding Practitioner", "email": "beth.calloway@nhs.net",
                "phone": "0300 124 5300"},
     "involved": False, "involvement_from": None, "involvement_to": None, "summary": None,
     "immediate_actions": None, "learning": None, "records_secured": None,
     "signed_off_by": "Karen Ode, Head of Safeguarding", "date_completed": "2026-01-28"},
    {"case_ref": "NS-CSPR-2026-011", "agency": "North Somerset Housing Options",
     "author": {"name": "Owen Fairley", "role": "Senior Housing Officer", "email": "owen.fairley@n-somerset.gov.uk",
                "phone": "01934 426000"},
     "involved": True, "involvement_from": "2025-11-05", "involvement_to": "2026-03-01",
     "summary": "Family presented as homeless in November 2025 and were placed in temporary accommodation.",
     "immediate_actions": None,
     "learning": "Housing were not invited to the strategy discussion.",
     "records_secured": False, "signed_off_by": "Maria Lowe, Housing Manager", "date_completed": "2026-03-20"},
]


def agency_return(index: int) -> Case:
    return copy.deepcopy(_RETURNS[index % len(_RETURNS)])
