"""Sender authentication verdicts from `Authentication-Results` (RFC 8601), trusted server only.

Anyone can add an Authentication-Results header to a message; only the ones stamped by the
partnership's own boundary server (its authserv-id, configured) mean anything. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Verdict = Literal["pass", "fail", "none"]
_RESULT = re.compile(r"\b(dmarc|dkim|spf)\s*=\s*([a-z]+)", re.IGNORECASE)


@dataclass(frozen=True)
class AuthVerdict:
    verdict: Verdict
    detail: str  # e.g. "dmarc=fail" for the audit log and the quarantine reason


def _strip_comments(value: str) -> str:
    out, depth = [], 0
    for ch in value:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def verdict(headers: list[str], trusted_id: str) -> AuthVerdict:
    """DMARC decides when the trusted server gave one; else DKIM or SPF pass; any fail without a pass fails.

    Only the first (topmost) header from the trusted server counts: the boundary server prepends its
    own, so lower ones may have been planted by the sender.
    """
    for raw in headers:
        value = _strip_comments(" ".join(raw.split()))
        authserv = value.split(";", 1)[0].strip().split()[0].lower() if value.strip() else ""
        if authserv != trusted_id.lower():
            continue
        results = {k.lower(): v.lower() for k, v in _RESULT.findall(value)}
        if "dmarc" in results:
            return AuthVerdict("pass" if results["dmarc"] == "pass" else "fail", f"dmarc={results['dmarc']}")
        if results.get("dkim") == "pass" or results.get("spf") == "pass":
            return AuthVerdict("pass", ", ".join(f"{k}={v}" for k, v in sorted(results.items())))
        if results:
            return AuthVerdict("fail", ", ".join(f"{k}={v}" for k, v in sorted(results.items())))
        return AuthVerdict("none", "no dmarc/dkim/spf result")
    return AuthVerdict("none", f"no Authentication-Results from {trusted_id}")
