"""An agency return typed into a mail with bare "Name / Role / Email / Phone" rows and no heading over them: the
person completing it, its author, when the mail calls itself a return in its own words ("Our return is below",
"Return below as requested", "CAMHS return below", "POLICE RETURN"). Only "agency return" and the like were known,
so the role and the phone were lost and the name and email came from the signature alone (parse21:
fields._RETURN_TITLED). Layouts of this file's own: an HTML table, Outlook paragraphs, text lines."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_message

INTROS = ["Our return is below.", "Return below as requested.", "Please find our return below, thanks.",
          "CAMHS return below.", "HEALTH VISITING RETURN", "Hi, my return is below."]
PHONE_LABELS = ["Phone", "Tel", "Telephone", "Contact number"]
ROLE_LABELS = ["Role", "Job title", "Position"]


def _rows(role_label: str, phone_label: str, with_role: bool) -> list[tuple[str, str]]:
    rows = [("Agency", "Sirona care & health"), ("Name", "Morwenna Tregaskis")]
    if with_role:
        rows.append((role_label, "Specialist Health Visitor"))
    return [*rows, ("Email", "morwenna.tregaskis@sirona-cic.org.uk"), (phone_label, "01632 960455"),
            ("Involved", "Yes"), ("Summary", "Seen at three new-birth and review visits; no concerns raised."),
            ("Records secured", "Yes"), ("Manager sign off", "Keir Annandale")]


def _body(style: str, intro: str, rows: list[tuple[str, str]]) -> tuple[str, str]:
    if style == "table":
        cells = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
        return f"<html><body><p>{intro}</p><table border=1>{cells}</table><p>Morwenna</p></body></html>", "html"
    if style == "outlook":
        paras = "".join(f'<p class="MsoNormal">{k}: {v}<o:p></o:p></p>' for k, v in rows)
        return (f'<html><body><div class="WordSection1"><p class="MsoNormal">{intro}<o:p></o:p></p>{paras}'
                '<p class="MsoNormal">Morwenna Tregaskis<o:p></o:p></p></div></body></html>', "html")
    return "\n".join([intro, "", *(f"{k}: {v}" for k, v in rows), "", "Thanks", "Morwenna"]), "plain"


def _mail(body: str, subtype: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Morwenna Tregaskis <morwenna.tregaskis@sirona-cic.org.uk>"
    msg["To"] = "cspr.referrals@n-somerset.gov.uk"
    msg["Subject"] = "RE: NS-CSPR-2026-771: rapid review - information requested"
    msg["Date"] = "Fri, 04 Dec 2026 09:12:00 +0000"
    msg.set_content(body, subtype=subtype)
    return msg.as_bytes()


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["table", "outlook", "text"]), st.sampled_from(INTROS), st.sampled_from(ROLE_LABELS),
       st.sampled_from(PHONE_LABELS), st.booleans())
def test_bare_contact_rows_of_a_return_are_its_author(style: str, intro: str, role_label: str, phone_label: str,
                                                      with_role: bool) -> None:
    result = parse_message(_mail(*_body(style, intro, _rows(role_label, phone_label, with_role))))
    ret = result.agency_return
    assert result.kind == "agency_return" and ret is not None
    assert ret.author.name == "Morwenna Tregaskis"
    assert ret.author.email == "morwenna.tregaskis@sirona-cic.org.uk"
    assert ret.author.phone == "01632 960455"
    assert ret.author.role == ("Specialist Health Visitor" if with_role else None)
    assert ret.signed_off_by == "Keir Annandale"
