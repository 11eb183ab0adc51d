"""The web case page shows a learning action's owner as the digest and `csprbot case` do (routing.shown_owner): an
owner recorded before owners were checked (a child's name, a person, an insecure or malformed address) reads
"owner to check", never as typed (issue #10, left from stranger round 6). The rendered HTML, by the Flask client.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from conftest import CHILD, COORDINATOR, REF, Env
from sqlalchemy import select
from test_web_app import client_for
from web_client import sign_in

from bot.digest import build_digest
from bot.store.models import Case, Clock

UNCHECKED = [CHILD, CHILD.upper(), f"{CHILD}'s school", "Dr Smith", "the GP", "jo.public@gmail.com",
             "Pat <pat.owner@csc.example.gov.uk>", "a@csc.example.gov.uk, b@csc.example.gov.uk", "x@legacy.gsi.gov.uk"]
VALID = {"Education": "Education", "service leader": "service leader", "CO-ORDINATOR": "coordinator",
         "Named.Nurse@nhs.net": "named.nurse@nhs.net"}


def test_the_case_page_shows_each_owner_as_the_digest_does(env: Env) -> None:
    owners = [*UNCHECKED, *VALID]
    with env.core.sessions.begin() as s:
        case = s.scalar(select(Case).where(Case.ref == REF))
        assert case is not None
        case.stage = "rapid_review"
        case.facts = {**(case.facts or {}), "actions": [
            {"n": n, "owner": who, "due": "2026-06-01", "text": "x", "set": "2026-04-01", "done": None,
             "evidence": None} for n, who in enumerate(owners, start=1)]}
        for n in range(1, len(owners) + 1):
            s.add(Clock(case_id=case.id, key="learning_action", agency=f"#{n}", anchor=date(2026, 4, 1),
                        due=date(2026, 6, 1), original_due=date(2026, 6, 1), state="running",
                        started_at=datetime(2026, 4, 1, 9, 0)))
    client = client_for(env)
    sign_in(env, client, COORDINATOR)
    page = client.get(f"/cases/{REF}").get_data(as_text=True)
    options = {m.group(1): html.unescape(m.group(2)) for m in
               re.finditer(r'<option value="(\d+)"[^>]*>#\d+ (.*?), due 2026-06-01</option>', page)}
    assert len(options) == len(owners), options  # the ACTION DONE form lists every open action
    with env.core.sessions() as s:
        in_digest = {a.n.lstrip("#"): a.owner for a in build_digest(s, env.core.runtime()).context["actions"]}
    assert options == in_digest, (options, in_digest)  # one rule for the page and the digest
    for n, who in enumerate(owners, start=1):
        assert options[str(n)] == VALID.get(who, "owner to check"), (who, options[str(n)])
    # The forms (where actions are listed) name none of them; the co-ordinator sees the form as read above it.
    forms = html.unescape(page.split('id="actions"', 1)[1].split("What happened (audit log)", 1)[0])
    for who in UNCHECKED:
        assert who not in forms, who
    assert CHILD.lower() not in forms.lower()
