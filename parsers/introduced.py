"""How a reply on a case brings in a child of its own (fix21d, after stranger round 20): "I also need to tell you
about ...", a name with an age beside it ("Kacper Nowak, 3,"), harm told short of the serious-harm words. Read by
parsers/classify.py (is a reply under a case's reference a referral?) and bot/domain/followups.py (does a thread
follow-up point at another child?)."""

from __future__ import annotations

import re

# Bringing in a referral of its own: "I also need to tell you about ...", "can I also refer", "separately, ...".
INTRODUCED = re.compile(
    r"\b(?:(?:also|another|separate(?:ly)?|different|second|new)\b[^.\n]{0,40}?\b(?:refer\w*|tell you about|let you "
    r"know about|make you aware|flag|raise|report|referral|one for you)|"
    r"(?:need|want|like|have|wish)\s+to\s+(?:also\s+)?(?:refer|tell you about|let you know about|make you aware of|"
    r"flag up|raise)|can i (?:also )?refer|"
    r"i(?:'m|\s+am) (?:also )?referring)\b", re.I)
# Harm as a reply may tell it ("admitted with bruising", "was hit"), short of classify's serious-harm words.
HARMED = re.compile(r"\b(?:hurt|injur\w*|harmed|bruis\w*|broken|burnt|admitted|hospital\w*|abus\w*|neglect\w*|"
                    r"assault\w*|hit|punched|kicked|shaken|unresponsive|died)\b", re.I)
# A child written as a name with an age beside it: "Kacper Nowak, 3, ...", "Kacper (3)", "Kacper (aged 3)",
# "Kacper, 18 months,". `age` and `unit` (none: years) give the age.
AGED_NAME = re.compile(
    r"\b[A-Z][\w'\u2019-]+(?:,\s*(?P<age>\d{1,2})\s*(?:(?P<unit>years?|yrs?|months?|weeks?)\b(?:\s+old)?)?\s*,|"
    r"\s*\(\s*(?:aged?\s*)?(?P<age2>\d{1,2})\s*(?P<unit2>years?|yrs?|months?|weeks?|y|m)?\s*\))")


def aged_name_years(match: re.Match[str]) -> float:
    """The age an AGED_NAME match gives, in years."""
    n = int(match.group("age") or match.group("age2"))
    unit = (match.group("unit") or match.group("unit2") or "y").lower()
    return n / 52 if unit.startswith("w") else n / 12 if unit.startswith("m") else float(n)


# Stranger round 22, B2 (fix22b): another child's referral written in another language was a plain reply (German,
# Welsh, Polish). Harm, abuse, neglect, hospital and referring words of the UK's common community languages (German,
# Welsh, Polish, Spanish, Portuguese, French, Romanian, Lithuanian, Italian), stems with and without their accents:
# a general signal, not a per-mail patch. On a case's thread it means the bot cannot judge whose child it is.
FOREIGN_HARM = re.compile(
    r"\b(?:misshandl\w*|verletz\w*|verbrenn\w*|vernachl[aä]ssig\w*|missbrauch\w*|gestorben|krankenhaus\w*|"
    r"sch[aä]delbruch|knochenbruch|"  # German
    r"anaf\w*|esgeulus\w*|cam-?dri\w*|ysbyty|niwed\w*|gyfeirio|cyfeirio|bu farw|"  # Welsh
    r"oparzen\w*|zaniedban\w*|przemoc\w*|krzywd\w*|z[lł]aman\w*|szpital\w*|zmar[lł]\w*|obra[zż]e[nń]\w*|pobit\w*|"
    r"zg[lł]osi[cć]|maltretowan\w*|"  # Polish
    r"maltrat\w*|maltrait\w*|maus-tratos|quemadur\w*|queimadur\w*|br[uû]lur\w*|blessur\w*|herid[oa]s?|"
    r"negligencia|neglig[eê]ncia|négligence|neglijen\w*|muri[oó]|morreu|d[eé]c[eé]d[eé]e?|"  # Romance
    r"r[aă]ni[tț]\w*|arsuri|spitalul|abuz\w*|"  # Romanian
    r"ustion\w*|ospedal\w*|negligenz\w*|ferit[oia]|"  # Italian
    r"smurt\w*|su[zž]alo\w*|nudegim\w*|ligonin\w*|mirė)\b", re.I)
# A child's age as those languages write it beside a name: "6 oed", "lat 3", "de 4 años", "2 anos", "5 ani",
# "3 ans", "4 anni", "5 metų", "5 Jahre". With FOREIGN_HARM, a referral the bot cannot read (parsers/classify.py).
FOREIGN_AGE = re.compile(
    r"\b(?:\d{1,2}\s*(?:oed|a[nñ]os?|anos|ani|ans|anni|met[uų]|metai|jahre?n?|lat|lata)|lat\s+\d{1,2})\b", re.I)
