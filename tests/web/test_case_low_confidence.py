"""Issue #12 items 2 and 4 on the case page: a field read with low confidence is among the fields to check, by
name and with why (never its value to a role that is not sent the form), with a CORRECT form for the
co-ordinator."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import make_msgid

from conftest import COORDINATOR, EXECUTIVE, Env, make_core
from test_web_app import client_for
from web_client import sign_in

from bot.mail.maildir import deliver

NEW_REF = "NS-CSPR-2026-002"  # the demo referral is case 001


def _guessed_name_form() -> bytes:
    """A pasted form opening with a bare "Name:" and no headings: whose name it is, is guessed."""
    m = EmailMessage()
    m["From"] = "Jo Reed <jo.reed@hillview.example.sch.uk>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "CSPR referral"
    m["Date"] = "Thu, 02 Apr 2026 10:10:00 +0100"
    m["Message-ID"] = make_msgid(domain="hillview.example.sch.uk")
    m.set_content("Name: Jo Reed\nRole: Designated Safeguarding Lead\n\nChild's name: Kai Marsh\n"
                  "Date of birth: 02/03/2015\nDate of incident: 01/04/2026\nHas the child died? Yes\n"
                  "Abuse or neglect: Suspected\n")
    return m.as_bytes()


def test_a_low_confidence_field_is_to_check_on_the_case_page(env: Env) -> None:
    deliver(env.root / "mail/inbox", _guessed_name_form())
    once = make_core(env.root, "2026-04-02T10:15")
    once.run_once()
    once.close()
    client = client_for(env)
    sign_in(env, client, COORDINATOR)
    page = client.get(f"/cases/{NEW_REF}").get_data(as_text=True)
    rows = dict(re.findall(r'data-field="([^"]+)"><th[^>]*>[^<]*</th>\s*<td class="govuk-table__cell">([^<]*)</td>',
                           page))
    assert rows["referrer.name"].startswith("read with low confidence") and "Name:" in rows["referrer.name"]
    assert "child.name" not in rows  # read under its own label: nothing to check
    assert re.search(r'name="correct-field" value="referrer\.name"', page)
    other = client_for(env)
    sign_in(env, other, EXECUTIVE)
    page = other.get(f"/cases/{NEW_REF}").get_data(as_text=True)
    assert "referrer.name" in page and "Jo Reed" not in page and "Kai Marsh" not in page
