"""Authentication-Results verdicts: only the trusted server's header counts (RFC 8601)."""

from __future__ import annotations

from bot.domain.authres import verdict

T = "mx.nsscp.example.gov.uk"


def test_dmarc_pass_and_fail() -> None:
    ok = f"{T}; dkim=pass header.d=x.gov.uk; spf=pass; dmarc=pass header.from=x.gov.uk"
    assert verdict([ok], T).verdict == "pass"
    v = verdict([f"{T}; spf=pass; dkim=none; dmarc=fail (p=reject) header.from=nsscp.example.gov.uk"], T)
    assert v.verdict == "fail" and v.detail == "dmarc=fail"


def test_headers_from_other_servers_are_ignored() -> None:
    planted = "evil.example; dmarc=pass header.from=nsscp.example.gov.uk"
    assert verdict([planted], T).verdict == "none"
    # The trusted server's own (topmost) verdict wins over a planted one lower down.
    assert verdict([f"{T}; dmarc=fail", f"{T}; dmarc=pass"], T).verdict == "fail"


def test_without_dmarc_a_dkim_or_spf_pass_passes_and_fail_fails() -> None:
    assert verdict([f"{T}; spf=fail smtp.mailfrom=x; dkim=pass"], T).verdict == "pass"
    assert verdict([f"{T}; spf=softfail smtp.mailfrom=x"], T).verdict == "fail"
    assert verdict([f"{T} (comment); none"], T).verdict == "none"


def test_comments_do_not_fool_the_parser() -> None:
    assert verdict([f"{T}; dmarc=fail (dmarc=pass would be nice)"], T).verdict == "fail"
