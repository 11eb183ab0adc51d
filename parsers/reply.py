"""Commands by email (DESIGN.md contract): the first line of a reply's own text, above any quoted mail."""

from __future__ import annotations

import re

from parsers.dates import find_date
from parsers.normalise import clean, squash
from parsers.reasons import shows_letters, signature_block
from parsers.records import Command

_QUOTE_START = re.compile(
    r"^(>|on .{2,300} wrote:?$|-{2,}\s*original message\s*-{2,}|-{3,}\s*forwarded message|_{10,}|"
    r"from:\s|sent from my|begin forwarded message)",
    re.I,
)
_GREETING = re.compile(r"^(hi|hello|dear|good (morning|afternoon))\b[^:]{0,40},?$", re.I)
_SIGNOFF = re.compile(r"^(--\s*$|thanks|thank you|kind regards|regards|best wishes|many thanks|sent from)", re.I)
_SEP = r"\s*[:\-–—=]?\s*"
_CMD = re.compile(
    r"^(?P<verb>ad\s+decision|decision|notified|submitted|panel|extend|disagree|close|confirm|not\s+a\s+referral|"
    r"aware|looked\s+after|ofsted\s+notified|waive|reviewer|notices\s+sent|report\s+to\s+panel|published|"
    r"action\s+done|action|correct|link|reopen)\b\s*(?P<sep>[:\-–—=])?\s*"
    r"(?P<rest>.*)$",
    re.I,
)
# "EXTEND rr_submission: date reason"; an agency's return clock names the agency after the key, up to the colon
# ("EXTEND agency_return Education: date reason"): the bot splits the agency off the clock key.
_EXTEND = re.compile(
    r"^extend\s+(?P<clock>[a-z][\w\-]*)(?:\s+(?P<agency>[^:\d\-–][^:]{0,80}?))?\s*(?::|-\s|\s(?=\d)|$)\s*(?P<rest>.*)$",
    re.I,
)
_WAIVE = re.compile(r"^waive\s+(?P<agency>[^:]+?)\s*:\s*(?P<rest>.*)$", re.I)
_CORRECT = re.compile(r"^correct\s+(?P<field>[a-z_][\w.]*)\s*:\s*(?P<rest>.*)$", re.I)
_DECISIONS = ("NO RAPID REVIEW", "RAPID REVIEW")
_PANEL = ("NO FURTHER REVIEW", "LOCAL REVIEW", "NATIONAL REVIEW")
_AD = ("DO NOT REFER", "REFER")


def command_line(line: str) -> bool:
    """The line opens with a command verb written as one: in capitals, or followed by a colon or dash (not
    "Close colleagues")."""
    m = _CMD.match(line.strip())
    return m is not None and (bool(m.group("sep")) or m.group("verb").isupper())


def own_lines(body: str) -> list[str]:
    """The sender's own lines, stopping at the first quoted or forwarded block."""
    lines: list[str] = []
    for line in clean(body).split("\n"):
        text = line.strip().strip("*_").strip()
        if _QUOTE_START.match(text):
            break
        lines.append(text)
    return lines


def unquoted_lines(body: str) -> list[str]:
    """Every line the sender wrote, for spotting a second case: an interleaved reply's own lines after a `>`
    quoted line count ("> earlier text" / "Same for case 2."); a forwarded or "Original Message" block ends it."""
    lines: list[str] = []
    rows = clean(body).split("\n")
    for i, line in enumerate(rows):
        text = line.strip().strip("*_").strip()
        if text.startswith(">"):
            continue
        if _ATTRIBUTION.match(text) and _marked_quote_follows(rows[i + 1:]):
            continue  # "On ..., X wrote:" over ">" lines: the quote is marked, text below it is the sender's own
        if _QUOTE_START.match(text):
            break
        lines.append(text)
    return lines


# Stranger round 22, B2 (fix22b): a referral written BELOW the quoted acknowledgement (bottom-posting) was cut with
# the quote and lost. An attribution line whose quote is marked with ">" no longer ends the sender's text; one over
# an unmarked quote (Apple Mail's) still does, as do forwarded and "Original Message" blocks.
_ATTRIBUTION = re.compile(r"^on .{2,300} wrote:?$", re.I)


def _marked_quote_follows(rows: list[str]) -> bool:
    """Whether the first non-blank line after an attribution is ">"-quoted."""
    first = next((r.strip() for r in rows if r.strip()), "")
    return first.startswith(">")


def _after(lines: list[str], index: int) -> list[str]:
    """Lines after the command up to a signature or quote; a run of blank lines is kept as one "" (a paragraph
    break): HTML mail puts blank lines between paragraphs, so a break does not end the command (an AGENCIES line
    may follow one), but it does end a reason that has begun (see `_paragraph`)."""
    out: list[str] = []
    for line in lines[index + 1 :]:
        if _SIGNOFF.match(line):
            break
        if line or not out or out[-1]:
            out.append(line)
    return out


def _paragraph(first: str, follow: list[str]) -> str:
    """A reason: the rest of the command line and the lines under it up to a blank line. With nothing on the
    command line (or only punctuation: `DISAGREE: -`), the first paragraph below it ("DECISION: NO RAPID REVIEW" /
    blank / "Criteria not met."), unless that paragraph is the sender's signature block ("Jo Smith" / "Service
    Leader" / "Tel: ..."): then there is no reason, and a command that needs one is refused saying so."""
    on_line = shows_letters(first)
    lines = [first] if on_line else []
    for line in follow:
        if not line:
            if lines:
                break
            continue
        lines.append(line)
    if not on_line and signature_block(lines):
        return ""
    return squash(" ".join(lines))


def _pick(rest: str, choices: tuple[str, ...]) -> tuple[str | None, str]:
    norm = squash(rest).upper()
    for choice in choices:
        if norm.startswith(choice):
            return choice, squash(rest)[len(choice) :].lstrip(" .:-–,;").rstrip()
    return None, squash(rest)


def _date_args(rest: str, warnings: list[str], verb: str) -> dict[str, str]:
    iso, matched = find_date(rest)
    if iso:
        return {"date": iso}
    raw = matched or (rest.split()[0] if rest.split() else "")
    warnings.append(f"command {verb}: '{raw}' is not a valid date (use YYYY-MM-DD)")
    return {"date_raw": raw}


def parse_command(body: str, warnings: list[str]) -> Command | None:
    """The command on the first non-empty own line (a greeting line before it is allowed), or None.

    A later own line that would be a command on its own ("CLOSE: x" then "REOPEN: y") is listed in
    `args["extra_commands"]`: intake refuses such a mail whole, saying one command per mail, rather than act
    on the first and silently drop the rest."""
    command = _first_command(body, warnings)
    if command is None:
        return None
    lines = own_lines(body)
    idx = next((i for i, ln in enumerate(lines) if ln and not _GREETING.match(ln)), 0)
    body_lines = _after(lines, idx)
    # Below the sign-off (a signature, a disclaimer) only a verb typed in capitals counts: "Action: please do
    # not print" in a footer is prose, "REOPEN: ..." under "Thanks" is a second command.
    stop = next((i for i in range(idx + 1, len(lines)) if _SIGNOFF.match(lines[i])), len(lines))
    below = lines[stop:]
    extra = [re.sub(r"\s+", " ", m.group("verb")).upper() for line in body_lines
             if (m := _CMD.match(line)) is not None and (m.group("sep") is not None or m.group("verb").isupper())
             and m.group("rest").strip()]
    extra += [re.sub(r"\s+", " ", m.group("verb")).upper() for line in below
              if (m := _CMD.match(line)) is not None and m.group("verb").isupper() and m.group("sep") is not None
              and m.group("rest").strip()]
    if extra:
        command.args["extra_commands"] = ", ".join(extra)
        warnings.append(f"more than one command in the mail ({command.verb}, {', '.join(extra)})")
    return command


def _first_command(body: str, warnings: list[str]) -> Command | None:
    lines = own_lines(body)
    idx = next((i for i, ln in enumerate(lines) if ln and not _GREETING.match(ln)), None)
    if idx is None:
        return None
    first = lines[idx]
    extend = _EXTEND.match(first)
    m = _CMD.match(first)
    if m is None:
        return None
    # "Panel meets Tuesday" is prose; a command has a separator or is typed in capitals.
    if m.group("sep") is None and not m.group("verb").isupper() and extend is None:
        return None
    verb = re.sub(r"\s+", " ", m.group("verb")).upper()
    rest = m.group("rest").strip()
    follow = _after(lines, idx)
    if verb == "WAIVE":
        w = _WAIVE.match(first)
        return Command(verb=verb, args={"agency": squash(w.group("agency")), "reason": _paragraph(w.group("rest"),
                                                                                               follow)}
                       if w else {"raw": rest})
    if verb == "CORRECT":
        cm = _CORRECT.match(first)
        return Command(verb=verb, args={"field": cm.group("field").lower(), "value": squash(cm.group("rest"))}
                       if cm else {"raw": rest})
    if verb == "EXTEND":
        if extend is None:
            warnings.append("command EXTEND: name the clock, e.g. 'EXTEND rr_submission: 2026-03-01 reason'")
            return Command(verb=verb, args={"raw": rest})
        rest = extend.group("rest")
        clock = extend.group("clock").lower()
        if extend.group("agency"):
            clock = f"{clock} {squash(extend.group('agency'))}"
        args = {"clock": clock, **_date_args(rest, warnings, verb)}
        _, matched = find_date(rest)
        reason = rest[rest.find(matched) + len(matched) :] if matched else " ".join(rest.split()[1:])
        reason = _paragraph(reason.strip(" .:-–,;"), follow).strip(" .:-–,;")
        if reason:
            args["reason"] = reason
        return Command(verb=verb, args=args)
    return Command(verb=verb, args=_args(verb, rest, follow, warnings))


def _leading_date(tail: str, warnings: list[str], verb: str) -> tuple[dict[str, str], str]:
    """A decision's own date right after the decision ("PANEL: LOCAL REVIEW 2026-05-01", "... on 1 May 2026"),
    and what follows it."""
    text = re.sub(r"^(on|dated|date)\b\s*:?\s*", "", tail, flags=re.I)
    iso, matched = find_date(text)
    if matched and text.startswith(matched):
        after = text[len(matched):].lstrip(" .:-–,;")
        if iso:
            return {"date": iso}, after
        warnings.append(f"command {verb}: '{matched}' is not a valid date (use YYYY-MM-DD)")
        return {"date_raw": matched}, after
    return {}, tail


_DATED = ("NOTIFIED", "SUBMITTED", "AWARE", "OFSTED NOTIFIED", "NOTICES SENT", "REPORT TO PANEL")
_REASONED = ("DISAGREE", "CLOSE", "NOT A REFERRAL", "REOPEN", "REVIEWER", "ACTION", "ACTION DONE")


def _args(verb: str, rest: str, follow: list[str], warnings: list[str]) -> dict[str, str]:
    if verb in _DATED:
        return _date_args(rest, warnings, verb)
    if verb in _REASONED:
        reason = _paragraph(rest, follow)
        return {"reason": reason} if reason else {}
    if verb == "CONFIRM":
        return {}
    if verb == "LINK":
        return {"ref": squash(rest)}
    if verb == "LOOKED AFTER":
        return {"answer": squash(rest).upper()}
    if verb == "PUBLISHED":
        args = _date_args(rest, warnings, verb)
        url = re.search(r"https?://\S+", rest)
        if url:
            args["url"] = url.group(0).rstrip(".,;)")
        return args
    if verb == "PANEL":
        view, tail = _pick(rest, _PANEL)
        if view is None:
            warnings.append(
                f"command PANEL: '{squash(rest)}' is not LOCAL REVIEW, NATIONAL REVIEW or NO FURTHER REVIEW"
            )
            return {"view_raw": squash(rest)}
        return {"view": view, **_leading_date(tail, warnings, verb)[0]}
    if verb == "AD DECISION":
        decision, tail = _pick(rest, _AD)
        if decision is None:
            warnings.append(f"command AD DECISION: '{squash(rest)}' is not REFER or DO NOT REFER")
            return {"decision_raw": squash(rest)}
        return {"decision": decision, **_leading_date(tail, warnings, verb)[0]}
    return _decision_args(rest, follow, warnings)


def _agency_names(text: str) -> list[str]:
    """Names split on commas, semicolons and bullets only: "Avon and Somerset Police" is one agency, not two."""
    names = (a.strip(" .\t-*\u2022") for a in re.split(r"[,;\u2022]|\s[-*]\s", text))
    return [a for a in names if a]


def _decision_args(rest: str, follow: list[str], warnings: list[str]) -> dict[str, str]:
    decision, tail = _pick(rest, _DECISIONS)
    if decision is None:
        warnings.append(f"command DECISION: '{squash(rest)}' is not RAPID REVIEW or NO RAPID REVIEW")
        return {"decision_raw": squash(rest)}
    dated, tail = _leading_date(tail, warnings, "DECISION")
    args = {"decision": decision, **dated}
    reason_lines = [tail] if tail else []
    agencies: list[str] = []
    listing = False  # "AGENCIES:" alone: the names are on the lines below, one or more a line
    closed = False  # a reason ends at the blank line after it
    for line in follow:
        if not line:
            closed = closed or bool(reason_lines)
            continue
        m = re.match(r"^agencies\s*[:\-]?\s*(.*)$", line, re.I)
        if m:
            agencies += _agency_names(m.group(1))
            listing = not agencies
        elif listing and not re.match(r"^reason\s*[:\-]", line, re.I):
            agencies += _agency_names(line)
        elif re.match(r"^reason\s*[:\-]", line, re.I) or not closed:
            listing = False
            reason_lines.append(re.sub(r"^reason\s*[:\-]\s*", "", line, flags=re.I))
        else:
            listing = False
    if agencies:
        args["agencies"] = ", ".join(agencies)
        joined = [a for a in agencies if re.search(r"\sand\s", a, re.I)]
        if joined:
            warnings.append(f"command DECISION: kept '{joined[0]}' as one agency (names can contain 'and'); "
                            "separate agencies with commas")
    if not shows_letters(tail) and signature_block(reason_lines):
        reason_lines = []  # only the sender's signature under the decision: no reason given
    reason = squash(" ".join(reason_lines))
    if reason:
        args["reason"] = reason
    return args
