"""Authentication-Results verdicts: only the trusted server's header counts (RFC 8601), only aligned passes
count (RFC 7489), national shared parents are not one organisation."""

from __future__ import annotations

from bot.domain.authres import aligned, is_shared, org_domain, verdict

T = "mx.nsscp.example.gov.uk"
D = "nsscp.example.gov.uk"


def test_dmarc_pass_and_fail() -> None:
    ok = f"{T}; dkim=pass header.d=x.gov.uk; spf=pass; dmarc=pass header.from=x.gov.uk"
    assert verdict([ok], T, "x.gov.uk").verdict == "pass"
    v = verdict([f"{T}; spf=pass; dkim=none; dmarc=fail (p=reject) header.from={D}"], T, D)
    assert v.verdict == "fail" and "dmarc=fail" in v.detail


def test_headers_from_other_servers_are_ignored() -> None:
    planted = f"evil.example; dmarc=pass header.from={D}"
    assert verdict([planted], T, D).verdict == "none"
    # The trusted server's own (topmost) verdict wins over a planted one lower down.
    assert verdict([f"{T}; dmarc=fail header.from={D}", f"{T}; dmarc=pass header.from={D}"], T, D).verdict == "fail"


def test_without_dmarc_an_aligned_dkim_or_spf_pass_passes_and_fail_fails() -> None:
    # A fail for another domain is not about ours (fix24a: the identity was "x"; an identity that is not a plain
    # domain now counts as possibly ours, so a misaligned fail is spelt as one).
    assert verdict([f"{T}; spf=fail smtp.mailfrom=x@evil.example; dkim=pass header.d={D}"], T, D).verdict == "pass"
    assert verdict([f"{T}; spf=fail smtp.mailfrom=x; dkim=pass header.d={D}"], T, D).verdict == "fail"
    assert verdict([f"{T}; spf=pass smtp.mailfrom=bounces@mail.{D}"], T, D).verdict == "pass"
    assert verdict([f"{T}; spf=softfail smtp.mailfrom=x"], T, D).verdict == "fail"
    assert verdict([f"{T} (comment); none"], T, D).verdict == "none"


def test_a_pass_for_another_domain_is_not_a_pass_for_ours() -> None:
    for planted in (f"{T}; dkim=pass header.d=evil.example", f"{T}; spf=pass smtp.mailfrom=attacker@evil.example",
                    f"{T}; dkim=pass header.d={D}.evil.example", f"{T}; dkim=pass header.d=other.gov.uk"):
        assert verdict([planted], T, D).verdict == "fail", planted
    # DMARC judged another From line than the one we read (two From headers, a display-name trick...)
    assert verdict([f"{T}; dmarc=pass header.from=evil.example"], T, D).verdict == "fail"


def test_shared_parents_do_not_align_their_members() -> None:
    assert is_shared("nhs.net") and is_shared("gov.uk") and is_shared("pnn.police.uk") and is_shared("police.uk")
    assert not is_shared("avon.example.pnn.police.uk")
    assert org_domain("mail.avon.example.pnn.police.uk") == "example.pnn.police.uk"
    assert not aligned("other.pnn.police.uk", "avon.pnn.police.uk")
    assert not aligned("trust.nhs.net", "nhs.net") and aligned("nhs.net", "nhs.net")
    assert aligned("mail.nsscp.example.gov.uk", D) and not aligned("other.gov.uk", D)


def test_comments_do_not_fool_the_parser() -> None:
    assert verdict([f"{T}; dmarc=fail (dmarc=pass would be nice) header.from={D}"], T, D).verdict == "fail"
    assert verdict([f"{T}; (dmarc=pass header.from={D}) dkim=none"], T, D).verdict == "none"
