"""Consumer mail providers (gmail.com, outlook.com, hotmail.co.uk...): domains anyone may hold an address on. Pure.

A sender's domain there says nothing about the organisation behind it, so it never identifies an agency
(bot.domain.authres.is_shared treats it as shared: an agency there is known by its listed addresses only),
and check-config refuses it in an agency's `domains` or on the `secure_domains` allowlist.
"""

from __future__ import annotations

import functools

from publicsuffixlist import PublicSuffixList

# Organisational domains (one label below the public suffix) of providers that give addresses to anyone.
PROVIDERS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com",
    "windowslive.com", "yahoo.com", "ymail.com", "rocketmail.com", "aol.com", "aim.com", "icloud.com", "me.com",
    "mac.com", "proton.me", "protonmail.com", "protonmail.ch", "pm.me", "tutanota.com", "tutanota.de", "tuta.io",
    "tutamail.com", "gmx.com", "gmx.net", "gmx.de", "gmx.co.uk", "mail.com", "email.com", "zoho.com",
    "zohomail.eu", "yandex.com", "yandex.ru", "mail.ru", "fastmail.com", "fastmail.fm", "hushmail.com",
    "btinternet.com", "btopenworld.com", "sky.com", "talktalk.net", "tiscali.co.uk", "virginmedia.com",
    "ntlworld.com", "blueyonder.co.uk", "plus.com", "live.co.uk", "aol.co.uk", "web.de", "orange.fr", "free.fr",
    "wanadoo.fr", "libero.it", "qq.com", "163.com", "126.com", "outlook.co.uk",
})
# Brands whose consumer service runs under many country domains (yahoo.co.uk, hotmail.fr, outlook.com.au):
# the brand label below a country or generic suffix (never a government, health, police or academic one).
BRANDS = frozenset({"gmail", "googlemail", "hotmail", "outlook", "yahoo", "ymail", "aol", "icloud", "gmx",
                    "yandex", "protonmail", "proton", "windowslive"})
_GENERIC_SECOND = frozenset({"co", "com", "net", "org", "ne", "or"})


@functools.cache
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


def is_consumer(domain: str) -> bool:
    """Is `domain` (or a domain it is under) a consumer mail provider's? Case-insensitive, trailing dot ignored."""
    d = domain.strip().lower().rstrip(".")
    org = _psl().privatesuffix(d)
    if not org:
        return False
    if org in PROVIDERS:
        return True
    brand, _, suffix = org.partition(".")
    labels = suffix.split(".")
    return brand in BRANDS and (len(labels) == 1 or (len(labels) == 2 and labels[0] in _GENERIC_SECOND))
