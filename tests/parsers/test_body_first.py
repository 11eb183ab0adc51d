"""Stranger round 10: a referral pasted in the body, with 400 small .txt attachments after it, was quarantined: the
part bound (200) kept documents first (a .txt attachment counts as one) and the body, text, came after them. The
sender's body is now read first (parsers/prescan.py and the walk's own order); the bound itself is unchanged, and
a form attached last of thousands of filler parts is still read (tests/reliability/test_bounds.py)."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import limits, parse_message
from parsers.message import walk_message

FORM = """CHILD SAFEGUARDING PRACTICE REVIEW REFERRAL FORM

Referrer name: Pol Officer
Role: Detective Sergeant
Agency: Avon and Somerset Police
Email: police.safeguarding.lead@avon.example.pnn.police.uk
Date of referral: 2026-12-04

Child's name: Jay Bundle
Date of birth: 2015-05-05
Address: 1 Nowhere Lane, Exampletown, ZZ1 1ZZ
Parent/carer: Carer B
Date of incident: 2026-12-04

Has the child died? No
Has the child been seriously harmed? Yes
Is abuse or neglect known or suspected? Suspected

Summary of events:
Jay was brought to the emergency department with a head injury. We ask the partnership to consider a rapid review.
"""
FILLER = {"txt": (b"note {i}\n", "text", "plain", "note{i}.txt"),
          "pdf": (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application", "pdf", "chronology_{i}.pdf"),
          "png": (b"\x89PNG\r\n\x1a\n" + bytes(20), "image", "png", "img{i}.png"),
          "doc": (b"not a word file {i}", "application", "msword", "minutes_{i}.doc")}


def _mail(n: int, kinds: list[str], html: bool) -> bytes:
    m = EmailMessage()
    m["From"] = "Pol <police.safeguarding.lead@avon.example.pnn.police.uk>"
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = "CSPR referral"
    m["Message-ID"] = "<bundle@x>"
    m.set_content("Please find below a referral for consideration of a rapid review.\n\n" + FORM)
    if html:
        m.add_alternative("<p>" + FORM.replace("\n", "<br>") + "</p>", subtype="html")
    for i in range(n):
        data, main, sub, name = FILLER[kinds[i % len(kinds)]]
        m.add_attachment(data.replace(b"{i}", str(i).encode()), maintype=main, subtype=sub,
                         filename=name.format(i=i))
    return m.as_bytes()


@settings(max_examples=6, deadline=None, derandomize=True)
@given(n=st.sampled_from([limits.MAX_PARTS + 30, 400]),
       kinds=st.lists(st.sampled_from(sorted(FILLER)), min_size=1, max_size=3), html=st.booleans())
def test_a_referral_in_the_body_before_many_attachments_is_read(n: int, kinds: list[str], html: bool) -> None:
    raw = _mail(n, kinds, html)
    walked = walk_message(raw)
    assert "Jay Bundle" in walked.own_body, walked.warnings[:3]
    assert len(walked.sources) <= limits.MAX_PARTS  # the bound is not lifted
    result = parse_message(raw)
    assert result.kind == "referral" and result.referral is not None, (n, kinds, result.warnings[:3])
    assert result.referral.child.name == "Jay Bundle"
