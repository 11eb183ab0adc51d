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

ACTIONS = {
    "screening": "Reply with DECISION: RAPID REVIEW (and AGENCIES: ...) or DECISION: NO RAPID REVIEW <reason>.",
    "notification": "Once the SIN is submitted, reply with NOTIFIED: YYYY-MM-DD.",
    "rr_start": "Reply with DECISION: RAPID REVIEW and AGENCIES: ... so the requests go out.",
    "agency_return": "Please email the completed agency return (a nil return if no involvement), "
    "quoting the case reference.",
    "rr_submission": "Once the rapid review is sent to the Panel, reply with SUBMITTED: YYYY-MM-DD.",
    "lcspr": "When the report has gone to the Panel, reply with REPORT TO PANEL: YYYY-MM-DD.",
    "review_notices": "Once the Panel, Ofsted and DfE are told, reply with NOTICES SENT: YYYY-MM-DD.",
    "ofsted_notification": "Once they are told, reply with OFSTED NOTIFIED: YYYY-MM-DD.",
    "publication_window": "The published report's 12 months end today: it may be taken down, or kept up.",
    "learning_action": "When it is done, reply with ACTION DONE: <number> <evidence>.",
    "disagreement": "Reply with AD DECISION: REFER or AD DECISION: DO NOT REFER.",
}


def label(key: str) -> str:
    return LABELS.get(key, key)


def action(key: str) -> str:
    return ACTIONS.get(key, "")
