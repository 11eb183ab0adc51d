"""Plain-English names of the clocks and what the responsible person should do (chasers, digest)."""

from __future__ import annotations

LABELS = {
    "referral": "Referral to reach the partnership",
    "screening": "Screening decision (rapid review or not)",
    "notification": "Serious Incident Notification to the National Panel",
    "rr_start": "Rapid review started (requests to agencies)",
    "agency_return": "Agency return",
    "rr_submission": "Rapid review sent to the National Panel",
    "panel_response": "National Panel's response",
    "lcspr": "Local child safeguarding practice review complete",
    "disagreement": "Assistant Director's decision on a disagreement",
    "review_notices": "Panel, Ofsted and DfE told of the local review (with the reviewer's name)",
    "ofsted_notification": "Secretary of State and Ofsted told of a looked-after child's death",
    "publication_window": "Published report's 12 months online",
    "learning_action": "Learning action",
}

# What a reminder is about, for a recipient who is not invited to reply anything: it names no command (the
# commands a mail invites are listed by bot.domain.process.invitations, per recipient, and only those the
# model accepts now from that person).
ACTIONS = {
    "screening": "The sub-group's decision on whether to hold a rapid review is needed.",
    "notification": "The Serious Incident Notification is to be made to the National Panel.",
    "rr_start": "The rapid-review requests are to go to the agencies.",
    "agency_return": "Please email the completed agency return (a nil return if no involvement), "
    "quoting the case reference.",
    "rr_submission": "The rapid review is to be sent to the National Panel.",
    "lcspr": "The review's report is to go to the National Panel.",
    "review_notices": "The Panel, Ofsted and DfE are to be told of the local review, with the reviewer's name.",
    "ofsted_notification": "The Secretary of State and Ofsted are to be told of the looked-after child's death.",
    "publication_window": "The published report's 12 months end today: it may be taken down, or kept up.",
    "learning_action": "The learning action is to be completed.",
    "disagreement": "The Assistant Director's decision on the disagreement is needed.",
}


def label(key: str) -> str:
    return LABELS.get(key, key)


def action(key: str) -> str:
    return ACTIONS.get(key, "")

# The roles in plain words, for lists generated from the profile (who receives the referral in full...).
ROLE_NAMES = {
    "coordinator": "co-ordinator",
    "service_leader": "service leader",
    "assistant_director": "Assistant Director",
    "director": "Director",
    "police_review": "police review",
    "icb_safeguarding": "ICB safeguarding",
    "subgroup_chair": "sub-group chair",
    "executive": "executive",
}


def role_name(key: str) -> str:
    return ROLE_NAMES.get(key, key.replace("_", " "))
