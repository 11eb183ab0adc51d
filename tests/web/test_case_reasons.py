"""The case page's audit log and "Closed" line: reasons staff typed, as typed only for the full-form roles.

Stranger round 15, B5: the audit log is on the page for every role (the executive too), and the text of an
EXTEND or CLOSE reason can name the child. Flask's test client, as tests/web/test_web_app.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import COORDINATOR, EXECUTIVE, POLICE, REF, Env, csrf, make_core, seed
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_web_app import client_for
from web_client import sign_in

name_part = st.from_regex(r"[A-Z][a-z]{5,9}", fullmatch=True)


@settings(max_examples=2, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(first=name_part, last=name_part, dob=st.dates(date(2008, 1, 1), date(2021, 12, 31)),
       street=name_part)
def test_typed_reasons_only_for_the_roles_that_see_the_form(first: str, last: str, dob: date, street: str,
                                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    root: Path = tmp_path_factory.mktemp("reasons")
    seed(root)
    env = Env(root, make_core(root))
    try:
        said = f"{first} {last} (born {dob.isoformat()}) of 4 {street} Road"
        client = client_for(env)
        sign_in(env, client, COORDINATOR)
        for form, fields in (("extend", {"extend-clock": "screening", "extend-date": "2026-04-20",
                                         "extend-reason": f"{said}: awaiting police"}),
                             ("close", {"close-reason": f"{said} moved away"})):
            page = client.get(f"/cases/{REF}").get_data(as_text=True)
            r = client.post(f"/cases/{REF}/act", data={"csrf_token": csrf(page), "form": form, **fields})
            assert r.status_code == 303, form
        identifiers = (first, last, dob.isoformat(), street)
        for address, full in ((COORDINATOR, True), (POLICE, True), (EXECUTIVE, False)):
            viewer = client_for(env)
            sign_in(env, viewer, address)
            body = viewer.get(f"/cases/{REF}").get_data(as_text=True)
            shown = [x for x in identifiers if x in body]
            if full:
                assert shown == list(identifiers), address  # the control: the reasons are on the page
            else:
                assert shown == [], (address, shown)
                assert "reason given" in body  # that a reason was given is still said
    finally:
        env.core.close()
