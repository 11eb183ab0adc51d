"""Decide what a message is: referral / agency_return / reply / auto_reply / unknown, and build its record."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from parsers.agency_return import agency_score, build_agency_return, self_signed_off, title_agency
from parsers.autoreply import AUTO_SUBMITTED, auto_reason, is_report
from parsers.documents.model import DocView
from parsers.documents.smime import SECURE_PREFIX
from parsers.documents.text import read_text
from parsers.fields import CASE_REF, Extracted, by_word_only, cases_named, extract, find_case_ref, without_addresses
from parsers.forwarded_from import innermost_from
from parsers.introduced import AGED_NAME, FOREIGN_AGE, FOREIGN_HARM, HARMED, INTRODUCED
from parsers.message import Walked
from parsers.named_cases import as_case_box
from parsers.narrative import read_narrative
from parsers.numbered_answers import pair_view
from parsers.person_name import forename_first, name_parts
from parsers.printed_mail import printed_author
from parsers.provenance import HIGH, LOW, MEDIUM, Prov, from_body, from_header, note, part_name, settle
from parsers.provenance import noted as _noted
from parsers.records import Command, ParseResult
from parsers.referral import build_referral, referral_score
from parsers.reply import command_line, own_lines, parse_command, unquoted_lines
from parsers.several_forms import children_named, several_forms_warning
from parsers.signature import (
    Contact,
    read_signature,
    same_person,
    signature_agency,
    split_contact,
    split_name_role,
)

_REFERRAL_WORDS = re.compile(
    r"child safeguarding practice review|rapid review|\bcspr\b|serious (?:child safeguarding )?(?:incident|case)|"
    r"practice review|serious case review|national panel",
    re.I,
)
_RETURN_WORDS = re.compile(
    r"agency return|individual agency (?:summary|report)|agency information (?:form|return)|agency summary|"
    r"rapid review (?:agency|information)|nil return|information request|scoping (?:form|return)",
    re.I,
)
_FRONT_DOOR = re.compile(
    r"\bmash\b|multi[- ]agency (?:safeguarding hub|referral form)|\bmarf\b|front door|"
    r"referral to children['’]?s (?:social care|services)|children['’]?s services referral|inter[- ]agency referral|"
    r"request for (?:support|services)|early help|\bfirst response\b|integrated front door|child protection referral",
    re.I,
)
_NIL_REPLY = re.compile(r"\bnil return\b|\bnot known to (?:our|this|the) (?:service|agency|organisation)\b", re.I)
# A referral written as a plain email, or sent with a form that cannot be opened: serious harm or death, a child,
# a request to consider a review. Recall first: a provisional case the co-ordinator dismisses costs less than a
# referral whose one-working-day clock never started.
_SERIOUS = re.compile(
    r"\b(?:died|dies|death|deceased|passed away|fatal(?:ly)?|killed|sudi|sudc|seriously (?:harmed|injured|hurt|ill)|"
    r"serious(?:ly)? (?:harm|injur\w*|assault\w*|incident)|life[- ](?:threatening|changing)|non[- ]accidental|nai|"
    r"fractur\w*|head injur\w*|brain injur\w*|bleed(?:ing)? on the brain|subdural|intensive care|picu|icu|"
    r"critical(?:ly)? (?:condition|ill)|overdose|suicide|stab(?:bed|bing)|shot|"
    r"sexual(?:ly)? (?:abused|abuse|exploit\w*|assault\w*)|"
    r"cardiac arrest|resuscitat\w*|drown\w*|burns?|scald\w*|starv\w*|malnourish\w*)\b",
    re.I,
)
SERIOUS = _SERIOUS  # the same words, for bot/domain/followups.py
_A_CHILD = re.compile(
    # "twins ... both born 03/06/2026": a birth date makes a child as a DOB label does
    r"\b(?:child|children|baby|infant|toddler|son|daughter|young person|pupil|boy|girl|newborn|neonate|twins?|"
    r"(?:was|were|both) born (?:on )?\d{1,2}|"
    r"\d{1,2}[- ](?:year|month|week)s?[- ]old|aged \d{1,2}|d\.?o\.?b\b|date of birth|\(year \d{1,2}(?=\))|"
    r"in year \d{1,2})\b",
    re.I,
)
_REVIEW_ASK = re.compile(
    r"rapid review|practice review|\bl?cspr\b|serious case review|serious (?:child safeguarding )?(?:incident|case)|"
    r"national panel|safeguarding (?:practice )?review|consider\w*\b.{0,80}\breview|notifiable|"
    # "Can this be looked at for a review?", "put forward for a rapid review", "does this warrant a review"
    r"\b(?:look\w* at|consider\w*|put forward|go forward|taken forward|warrant\w*|merit\w*|need\w*|"
    r"qualif\w*) (?:for )?(?:a |an )?(?:\w+ )?review\b|"
    r"notification to|refer(?:ral|ring)?\b.{0,40}\b(?:for|to) (?:a |the )?(?:review|partnership|panel)|"
    r"meets? the (?:criteria|threshold)|criteria for (?:a )?(?:review|rapid review|cspr)",
    re.I,
)
_REFERRAL_WORD = re.compile(r"\breferr?al\b|\brefer(?:ring)?\b|\bcspr\b|rapid review|practice review|"
                            r"serious incident|notification", re.I)
# Someone asking for something: a newsletter about reviews' learning has review words but asks nothing
_ASK = re.compile(
    r"\b(?:consider\w*|request\w*|refer(?:ral|ring|red)?|notif\w*|meets? the|criteria|would like|i think|"
    r"needs? (?:a|to be)|please|asking|ask you|wish to|(?:can|could|should|would|does|do|will) (?:this|it|you)|"
    r"i wonder)\b",
    re.I,
)
_UNREADABLE = re.compile(
    r"^attachment '(?P<name>[^']*)' (?:is (?:a )?password-protected|is a legacy|is an image or scan|"
    r"is a damaged|has no text|could not be read|is a zip archive|is \d+ MB)",
)
_INCIDENT_KEYS = ("referral.child.incident_date", "referral.child.incident_location")
MIN_REFERRAL = 3.0
LIST_MAIL = "mail sent to a mailing list (List-Id / List-Unsubscribe / bulk): not read as a referral, return or command"
MIN_RETURN = 3.0


@dataclass
class _Scored:
    view: DocView
    ex: Extracted
    referral: float
    agency: float
    text: str


# What only a return asks: with none of these, "Completed by / Role / Agency" on a form about a child is the
# person referring, not a return's author
_RETURN_ONLY = ("agency_return.involved", "agency_return.summary", "agency_return.records_secured",
                "agency_return.learning", "agency_return.immediate_actions", "agency_return.involvement_from",
                "agency_return.involvement_to", "agency_return.signed_off_by")
_AUTHOR_AS_REFERRER = {
    "agency_return.author.name": "referral.referrer.name", "agency_return.author.role": "referral.referrer.role",
    "agency_return.author.email": "referral.referrer.email", "agency_return.author.phone": "referral.referrer.phone",
    "agency_return.agency": "referral.referrer.agency",
    "agency_return.date_completed": "referral.referrer.date_submitted",
}


def _author_is_referrer(ex: Extracted) -> None:
    """A referral form signed "Completed by": the return-author fields it filled are the referrer's."""
    child = sum(1 for k in ("referral.child.name", "referral.child.date_of_birth") if ex.values.get(k) is not None)
    own = [k for k in ex.values if k.startswith("agency_return.")]
    if child < 2 or not own or any(k in ex.values for k in _RETURN_ONLY):
        return
    if any(ex.values.get(k) is not None for k in ("referral.referrer.name", "referral.referrer.email")):
        return  # the form has its own referrer: the "author" is someone else (a manager, a counter-signatory)
    for key in own:
        value = ex.values.pop(key)
        target = _AUTHOR_AS_REFERRER.get(key)
        if target is not None and ex.values.get(target) is None and value is not None:
            ex.values[target] = value
            if (was := ex.prov.get(key)) is not None:
                ex.prov[target] = was.capped(MEDIUM, "completed_by")


def _referrer_is_author(ex: Extracted) -> None:
    """A return asked in a form's own words ("Your name", "Your organisation", "What is your role?"): those labels
    fill the referrer's fields, but on a return that asks what only a return asks (two or more of its questions)
    and none of a referral's criteria, people or agencies, the person answering is the return's author. Only an
    author field the return left empty is filled."""
    own = sum(1 for k in _RETURN_ONLY if ex.values.get(k) is not None)
    referral_only = any(k.startswith("referral.criteria.") for k in ex.values) or any(ex.records.values())
    if own < 2 or referral_only or ex.values.get("agency_return.author.name") is not None:
        return
    for author_key, referrer_key in _AUTHOR_AS_REFERRER.items():
        value = ex.values.get(referrer_key)
        if value is not None and ex.values.get(author_key) is None:
            ex.values[author_key] = ex.values.pop(referrer_key)


def _score(view: DocView, body: str = "", sent: str | None = None) -> _Scored:
    # a reply answering the quoted request by number: each answer under its question
    view = pair_view(view, body) or view
    ex = extract(view, sent)
    _author_is_referrer(ex)
    _referrer_is_author(ex)
    text = view.text()
    # Wording only adds weight to a source that has some form fields: "CSPR" in a case reference is not a form,
    # nor in an address (a bounce of our mail to cspr.subgroup.chair@ under Gmail's "** Address not found **").
    ref = referral_score(ex)
    ref += 3 if ref > 0 and _REFERRAL_WORDS.search(_ADDRESS.sub("", CASE_REF.sub("", text))) else 0
    ag = agency_score(ex)
    ag += 4 if ag > 0 and _RETURN_WORDS.search(text) else 0
    return _Scored(view, ex, ref, ag, text)


def classify(walked: Walked, known_domains: dict[str, str] | None) -> ParseResult:
    """Apply the decision order: automatic mail, command, agency return, referral, plain reply, unknown; then
    say where each value came from (`provenance`)."""
    result = _decide(walked, known_domains)
    if result.case_ref is not None:
        subject = find_case_ref(walked.subject)
        if result.case_ref == subject:
            note(result, "case_ref", from_header("subject", HIGH, "Subject"))
        elif "case_ref" not in result._prov:
            note(result, "case_ref", from_body("case_ref_in_text", MEDIUM))
    settle(result)
    return result


def _decide(walked: Walked, known_domains: dict[str, str] | None) -> ParseResult:
    reason = auto_reason(walked.headers, walked.subject, walked.sender, walked.content_type, walked.body)
    subject_ref = find_case_ref(walked.subject)
    if reason is not None and is_report(walked.content_type, walked.sender, walked.subject, walked.body,
                                        walked.returned_headers, walked.status_part) and not _own_form(walked):
        return _auto_reply(ParseResult(warnings=list(walked.warnings)), walked, subject_ref, reason)
    result = _classify_content(walked, known_domains, subject_ref)
    if result.kind == "agency_return" and _unfilled(result):
        # our own blank return form sent back ("Please find attached." with nothing filled in): no return to
        # credit, so the agency's clock runs on and its chaser goes as usual (stranger round 10)
        result.kind, result.agency_return, result.missing = "reply", None, []
        result.warnings.append(BLANK_RETURN)
        result._prov = {k: v for k, v in result._prov.items() if not k.startswith("agency_return.")}
    result.forwarded = is_forward(walked)
    if result.as_form is not None:
        result.as_form.forwarded = result.forwarded
    if reason is None:
        return result
    blank = result.agency_return is not None and not (result.agency_return.author.name or result.agency_return.summary)
    if (result.kind in ("referral", "agency_return") and not blank) or result.command is not None:
        # Auto-Submitted / Precedence / an "away" subject decide only whether csprbot may answer (RFC 3834): a
        # web-form portal's referral or a gateway-stamped return is still a referral or a return.
        result.warnings.append(f"{AUTO_SUBMITTED} ({reason}): acted on, but the sender is not answered")
        if result.as_form is not None:
            result.as_form.warnings.append(result.warnings[-1])
        return result
    if result.kind == "unknown" and ("list-unsubscribe" in walked.headers or "list-id" in walked.headers):
        # a bulletin sent to a list answers nothing of ours: not an automatic reply, it is for a person to look at
        if LIST_MAIL not in result.warnings:
            result.warnings.append(LIST_MAIL)
        return result
    # Nothing a person wrote: an automatic reply (one attaching our own blank return form is still only that).
    return _auto_reply(ParseResult(warnings=list(walked.warnings)), walked, subject_ref, reason)


# What a mail client writes when a person forwards a mail: "FW:" / "Fwd:" among the subject's prefixes (Outlook,
# Gmail, Apple Mail), the mail attached whole (message/rfc822, an Outlook item), or the separator above an inline
# forward (Gmail's "---------- Forwarded message ---------", Thunderbird's "-------- Forwarded Message --------",
# Apple's "Begin forwarded message:"). A reply quoting our request ("On ... wrote:", an Outlook block of our own)
# is not a forward: what the sender typed above it is their own text.
_FORWARD_SUBJECT = re.compile(r"^\s*(?:(?:re|fw|fwd)\s*:\s*)*?(?:fw|fwd)\s*:", re.I)
_FORWARD_LINE = re.compile(r"^[ \t>]*(?:-{2,}\s*forwarded message\s*-{2,}|begin forwarded message\s*:?)\s*$",
                           re.I | re.M)


# Outlook writes the same separator above a forward and a reply: "-----Original Message-----" (localized), or a
# rule of underscores, then the quoted mail's header block ("From:" / "Von:" / "De :" ...). It is a forward when
# the block names someone else than the sender and the form is below it as text (nothing form-like in the
# sender's own text above): the agency's mail passed on. A role's own return (typed above, or attached) with its
# correspondence quoted below is not.
_OUTLOOK_SEP = re.compile(
    r"^[ \t>]*(?:-{3,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|"
    r"messaggio originale|oorspronkelijk bericht|mensagem original|neges wreiddiol|originalmeddelande|"
    r"oprindelig meddelelse|opprinnelig melding|alkuperäinen viesti|wiadomość oryginalna)\s*-{3,}|_{10,})[ \t]*$",
    re.I | re.M)
_HEADER_FROM = re.compile(
    r"^[ \t>]*(?:from|von|de|da|van|oddi wrth|från|fra|lähettäjä|od|remitente)\s*:\s*(?P<who>.+)$", re.I)
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def _outlook_forward(walked: Walked) -> bool:
    """An Outlook separator with someone else's header block right below it, and no form above it."""
    sender = (walked.sender or "").lower()
    for m in _OUTLOOK_SEP.finditer(walked.body):
        below = [ln for ln in walked.body[m.end():].split("\n") if ln.strip(" \t>")][:2]
        head = next((h for ln in below if (h := _HEADER_FROM.match(ln))), None)
        if head is None:
            continue
        who = _ADDRESS.search(head.group("who"))
        if who is None or who.group(0).lower() == sender:
            continue  # the sender's own mail quoted: what is above is theirs
        # the form itself below the block, as text: a reply "see attached" quoting our own request is not a forward
        below_text = "\n".join(ln.lstrip(" \t>") for ln in walked.body[m.end():].split("\n"))
        if _score(read_text(below_text, "forwarded text")).agency < MIN_RETURN:
            continue
        above = walked.body[:m.start()]
        return not above.strip() or _score(read_text(above, "own text")).agency < MIN_RETURN
    return False


def is_forward(walked: Walked) -> bool:
    """Is this mail a forward of someone else's (its subject, an attached message, or an inline separator)?"""
    return bool(walked.forwarded_subjects or _FORWARD_SUBJECT.match(walked.subject)
                or _FORWARD_LINE.search(walked.own_body) or _FORWARD_LINE.search(walked.body)
                or _outlook_forward(walked))


_NOT_COMPARED = ("reason", "extra_commands", "parts_differ", "ambiguous_refs", "word_refs", "reason_refs")


def _command_key(command: Command) -> tuple[str, tuple[tuple[str, str], ...]]:
    return command.verb, tuple(sorted((k, " ".join(str(v).casefold().split())) for k, v in command.args.items()
                                      if k not in _NOT_COMPARED))


def _other_parts_commands(command: Command, walked: Walked) -> None:
    """An HTML part whose command differs from the plain part's (or holds a second one) is another command in
    the same mail: a client showing that part shows it. Listed in `extra_commands`, so the mail is refused."""
    extra = [v for v in str(command.args.get("extra_commands", "")).split(", ") if v]
    for text in walked.body_texts:
        other = parse_command(text, [])
        if other is None:
            continue
        if _command_key(other) != _command_key(command) and other.verb not in extra:
            extra.append(other.verb)
        extra += [v for v in str(other.args.get("extra_commands", "")).split(", ") if v and v not in extra]
    if extra:
        command.args["extra_commands"] = ", ".join(extra)
    # A plain part saying "FYI see below" beside an HTML part saying "CLOSE" (or the reverse): which one the
    # sender saw depends on their mail client, so the mail is not a clear command. An empty part says nothing.
    if any(parse_command(text, []) is None and any(own_lines(text)) for text in walked.other_alternatives):
        command.args["parts_differ"] = "yes"


# Commands whose reason is free text that may say how this case stands to another (stranger round 17, B3)
_REASON_VERBS = ("CLOSE", "NOT A REFERRAL", "REOPEN", "DECISION", "WAIVE", "EXTEND", "DISAGREE")
# What says the reference after it is where this case went or what it duplicates: "CLOSE: duplicate of REF"
_RELATION = re.compile(
    r"(?<![\w-])(?:(?:an?\s+)?(?:duplicate|dup|dupe|repeat)(?:\s+referral)?\s+of|same\s+(?:child|incident|referral|"
    r"case|family)\s+as|same\s+as|handled\s+(?:under|in|with)|dealt\s+with\s+(?:under|in)|merged\s+(?:into|with)|"
    r"joined\s+(?:to|with)|continued\s+(?:under|in)|covered\s+(?:by|under|in)|superseded\s+by|replaced\s+by|"
    r"linked\s+(?:to|with)|see(?:\s+also)?)(?![\w-])[^\S\n\r]*:?", re.I)
# Where the reference after a relation ends: a clause's end, a bracket, "and" / "or" / "but", the line's end
_CLAUSE_END = re.compile(r"[,;()\[\]]|[.!?](?=\s+[A-Z])|\s(?:and|or|but|also|too)\s|$", re.M)


def _refs_to_check(command: Command, walked: Walked, refs: list[str], text: str) -> None:
    """Which of an ambiguous command's `refs` intake may set aside on what it knows of the cases: `word_refs`, read
    only from a case word and a number (`fields.by_word_only`: set aside when it names no case here), and
    `reason_refs`, named only right after a relation in a free-text reason ("CLOSE: duplicate of REF", "handled
    under REF": taken when that case is linked to this one). Intake decides; the parser knows no case."""
    if words := by_word_only(walked.subject, text, refs):
        command.args["word_refs"] = ", ".join(words)
    if command.verb not in _REASON_VERBS or not command.args.get("reason"):
        return
    # the command's paragraph, in every copy of the text (the plain part, an HTML part): a relation there is the
    # reason's; the same words in a later paragraph are the mail's, and a case named there counts
    out: list[str] = []
    inside, cut = False, False
    for line in text.split("\n"):
        inside = command_line(line) or (inside and bool(line.strip()))
        if inside:
            for m in reversed(list(_RELATION.finditer(line))):
                stop = _CLAUSE_END.search(line, m.end() + 1)
                line, cut = line[:m.start()] + " " + line[stop.start() if stop is not None else len(line):], True
        out.append(line)
    if not cut:
        return
    rest = "\n".join(out)
    kept = cases_named(walked.subject, rest)
    kept += _carried_refs(walked, kept, command.verb)
    firm = {r.split(" in ")[0].casefold() for r in kept}
    related = [r for r in refs if r.casefold() not in firm and not r.startswith(('"', "?")) and " in " not in r]
    if related:
        command.args["reason_refs"] = ", ".join(related)


def _carried_refs(walked: Walked, refs: list[str], verb: str) -> list[str]:
    """Other cases than `refs` named outside the command's text, each with where (stranger round 11, B3): a To/Cc
    display name, Outlook's Thread-Topic, Keywords, X-CSPRBOT-Case, a Content-Description, the sender's own
    attached file (its name or text). Only references are quoted, never the text around them (it may name the
    child). A PUBLISHED command's attached report may carry any reference in its name or text: not read."""
    out: list[str] = []
    seen = {r.casefold() for r in refs}
    for where, text in walked.case_carriers:
        if verb == "PUBLISHED" and where.startswith("an attached file"):
            continue
        named = cases_named(walked.subject, text)
        if not where.startswith("an attached file's text"):
            named = [r for r in named if not r.startswith('"')]  # "other case" words: only in a person's text
        for ref in named:
            if ref.casefold() not in seen:
                seen.add(ref.casefold())
                out.append(f"{ref} in {where}")
    return out


def _own_form(walked: Walked) -> bool:
    """A referral or return form outside any returned or forwarded message: what the sender sent, not a copy of
    our mail coming back. Content wins over a bounce-like sender, subject or body."""
    for view in walked.top_level:
        if view.is_empty():
            continue
        scored = _score(view)
        if scored.referral >= MIN_REFERRAL or scored.agency >= MIN_RETURN:
            return True
    return False


def _auto_reply(result: ParseResult, walked: Walked, subject_ref: str | None, reason: str) -> ParseResult:
    result.kind = "auto_reply"
    # A bounce names the case only in the returned headers or text.
    result.case_ref = subject_ref or find_case_ref(walked.body + "\n" + walked.returned_headers)
    result.warnings.append(f"automatic reply ({reason})")
    return result


def _classify_content(walked: Walked, known_domains: dict[str, str] | None, subject_ref: str | None) -> ParseResult:
    """What the content is (command, agency return, referral, plain reply, unknown), whatever the headers say."""
    result = ParseResult(warnings=list(walked.warnings))
    if walked.signed_from:
        # The signed part says it is from someone else than the sender (protected headers): which one wrote it
        # is not known, so nothing in it is acted on; the co-ordinator sees it in quarantine.
        result.kind, result.case_ref = "reply", subject_ref
        result.warnings.insert(0, f"{UNREAD_OWN} (the signed part's From is {walked.signed_from}, not the "
                                  "sender): not acted on, the co-ordinator decides")
        return result
    command = parse_command(walked.own_body, result.warnings)
    if command is None:
        # The part read holds no command but its alternative does ("Please see the HTML version" beside an HTML
        # CLOSE): taken as that command, which `_other_parts_commands` then refuses for the parts differing, so
        # the sender hears why rather than nothing.
        command = next((c for t in walked.other_alternatives if (c := parse_command(t, [])) is not None), None)
        if command is not None:
            command.args["parts_differ"] = "yes"
    if command is not None:
        result.kind, result.case_ref, result.command = "reply", subject_ref, command
        if subject_ref is None:
            result.warnings.append("command has no case reference in the subject")
        # A command whose own text names another case than the subject (or a subject naming two) is ambiguous:
        # the bot refuses it rather than guess which case it was meant for. Quoted (`>`) lines and a forwarded
        # block do not count; own lines after a quoted line do (an interleaved reply).
        # Every body part counts (the HTML beside a clean plain part too): a mail client may show either.
        own = "\n".join("\n".join(unquoted_lines(t)) for t in [walked.body, *walked.body_texts])
        parts = [walked.body, *walked.body_texts]
        texts = sorted({" ".join("\n".join(own_lines(t)).casefold().split()) for t in parts})
        result.text_digest = hashlib.sha256("\n".join(texts).encode("utf-8", "surrogateescape")).hexdigest()
        # any spelling: "NS CSPR 2026 2" names case 002 as surely as the exact one; "NS-CSPR-2026-0O2" may too
        # the signed part's own Subject (protected headers) and what the HTML draws outside its text (alt text,
        # field values, CSS generated content) are shown too
        shown = [*walked.signed_subjects, *walked.body_asides]
        # A PUBLISHED command's own line holds the link it records (a report's file name may carry any
        # reference): addresses on that line are not read as naming a case. Every other address still is.
        mine = "\n".join(without_addresses(ln) if re.match(r"\s*published\b", ln, re.I) else ln
                         for ln in own.split("\n")) if command.verb == "PUBLISHED" else own
        refs = cases_named(walked.subject, mine + "".join(f"\n{s}" for s in shown))
        refs += _carried_refs(walked, refs, command.verb)
        _other_parts_commands(command, walked)
        if len(refs) > 1 and command.verb != "LINK":  # LINK names the other case by design
            command.args["ambiguous_refs"] = ", ".join(refs)
            result.warnings.append(f"command names more than one case reference ({', '.join(refs)})")
            _refs_to_check(command, walked, refs, mine + "".join(f"\n{s}" for s in shown))
        result.as_form = _form_carried(walked, known_domains, subject_ref)
        return result
    scored = [_score(view, walked.body, walked.sent) for view in walked.sources if not view.is_empty()]
    if subject_ref is not None and _quoted_referral_only(scored, walked):
        # A reply on a case quoting our own routing mail (or the referral) below "Thanks, noted.": the referral is
        # in the quoted history, not in anything the sender wrote or attached (stranger round 10: a phantom case)
        scored = []
        result.warnings.append(QUOTED_REFERRAL)
    our_mail = subject_ref is None and _OUR_MAIL_REPLY.match(walked.subject) is not None and not is_forward(walked)
    if our_mail:
        # A reply to our own mail of no case (the daily digest, which lists cases, clocks and "serious incident"
        # dates) quoting it: only what the sender wrote above the quote, and what they attached, is read
        # (stranger round 10: a phantom provisional case). A referral written or attached there is still one.
        scored = _unquoted_scores(walked)
    # A reply on a referral's thread carrying the form only in its quoted history: what the sender wrote above it
    # may be another child's referral (stranger round 19/20: it joined the quoted child's case as a duplicate)
    quoted_form = subject_ref is None and not our_mail and _quoted_referral_only(scored, walked)
    if _document(result, scored, walked, subject_ref, known_domains):
        if quoted_form and result.kind == "referral" and result.form == "read":
            result.own_reading = _own_reading(walked, None)
        return result
    result.case_ref = subject_ref
    if subject_ref is None and _formless_referral(result, scored, walked):
        return result
    if our_mail:
        result.kind = "reply"
        result.warnings.append(QUOTED_OWN_MAIL)
        return result
    if subject_ref is not None and (why := _unread_own(walked)) is not None:
        # Under a case reference, a mail whose content csprbot cannot read is a reply it cannot take as plain: it
        # may hold a command or a return. Intake quarantines it with this reason (never recorded and forgotten).
        result.kind = "reply"
        result.warnings.insert(0, f"{UNREAD_OWN} ({why}): not acted on, the co-ordinator decides")
        return result
    if subject_ref is not None and _NIL_REPLY.search(walked.body):
        # "Nil return from us - not known to our service" in a reply to the request is a complete return.
        nil = extract(DocView("body"))
        ret, missing = build_agency_return(nil, walked.body, walked.sender, known_domains, result.warnings)
        result.kind, result.agency_return, result.missing = "agency_return", ret, missing
        result._prov.update(nil.paths)
        _return_author(result, walked)
    elif subject_ref is not None and walked.calendar:
        # a meeting invitation naming the case (Teams / Outlook): scheduling, not a reply to file or act on
        result.warnings.append(CALENDAR)
    elif subject_ref is not None:
        result.kind = "reply"
        if (referral := _referral_under_ref(walked, subject_ref)) is not None:
            return referral
        if _SERIOUS.search(own := _own_words(walked)) or HARMED.search(own) or FOREIGN_HARM.search(own):
            # harm told in a plain reply under the reference: intake reads it as a referral of its own if it points
            # at a child other than the case's (bot/intake._own_text_decides); else it stays a reply
            result.own_reading = _own_reading(walked, subject_ref)
    else:
        result.warnings.append("no referral form, agency return or command found")
    return result


def _own_words(walked: Walked) -> str:
    """The sender's own lines in every body part, the quoted history and forwarded blocks cut."""
    return "\n".join("\n".join(unquoted_lines(t)) for t in [walked.body, *walked.body_texts])


def _referral_under_ref(walked: Walked, subject_ref: str) -> ParseResult | None:
    """A plain reply under a case's reference whose sender's own lines read as a referral of a death or serious
    harm (a child, the harm, a review asked for): the no-form referral it is (stranger round 19, B6: "Zoe Bloggs, 3,
    died ...; please consider a review" answering the acknowledgement of another child's case was recorded as a
    reply and lost). So is one bringing a child in with harm, a child or a review ("I also need to tell you about
    Kacper Nowak, 3, admitted ... with a skull fracture", no "child" word: round 20). Intake then files it on that
    case only if it is plainly about the case's child (bot/intake._follow_up); else it opens its own case, flagged.
    The case reference in the subject is not the "CSPR" that asks for a review, and the quoted history is not the
    sender's."""
    own = _own_words(walked)
    serious, review = _SERIOUS.search(own), _REVIEW_ASK.search(own)
    child = _A_CHILD.search(own) or AGED_NAME.search(own)
    introduced = INTRODUCED.search(own) is not None and bool(serious or child or review)
    if not ((serious and child and review) or introduced):
        return None
    result = ParseResult(warnings=list(walked.warnings))
    bare = _own_walked(walked)
    if not _formless_referral(result, _unquoted_scores(walked), bare, force=introduced) or result.form != "missing":
        return None
    result.case_ref = subject_ref
    return result


def _own_walked(walked: Walked) -> Walked:
    """The mail as its sender wrote it: each body part's own lines (quoted history cut), the case reference in
    the subject not counted (it is not the "CSPR" that asks for a review)."""
    def own(text: str) -> str:
        return "\n".join(unquoted_lines(text))

    return replace(walked, subject=CASE_REF.sub("", walked.subject), body=own(walked.body),
                   body_texts=[own(t) for t in walked.body_texts])


def _own_reading(walked: Walked, subject_ref: str | None) -> ParseResult | None:
    """The mail as a no-form referral read from the sender's own lines alone (the quoted history cut, the case
    reference in the subject not counted), whether or not they pass the referral test (`reads_as_referral` says);
    None for mail to a list."""
    bare = _own_walked(walked)
    result = ParseResult(warnings=list(walked.warnings))
    if not _formless_referral(result, _unquoted_scores(walked), bare):
        result = ParseResult(warnings=list(walked.warnings))
        if not _formless_referral(result, _unquoted_scores(walked), bare, force=True):
            return None
        result.reads_as_referral = False
    result.case_ref = subject_ref
    return result


BLANK_RETURN = "an agency return form with nothing filled in (no author, answer or summary): not credited"


def _unfilled(result: ParseResult) -> bool:
    """An agency return with none of what only a filled-in form gives: who wrote it, whether the agency was
    involved, what happened, what was done, who signed it off (the agency's name may be the form's own)."""
    r = result.agency_return
    return r is not None and not any((r.author.name, r.author.email, r.author.phone, r.involved is not None,
                                      r.summary, r.immediate_actions, r.learning, r.involvement_from,
                                      r.involvement_to, r.signed_off_by, r.date_completed))


QUOTED_REFERRAL = "a referral only in the quoted history of a reply on the case: read as a reply"
QUOTED_OWN_MAIL = "a reply to csprbot's own mail (the digest), quoting it: read as a reply, no case opened"
# A reply to csprbot's own mail sent under no case: bot/render.subject_for tags it "[csprbot] ...".
_OUR_MAIL_REPLY = re.compile(r"^\s*(?:(?:re|aw|sv|antw|réf|ref)\s*:\s*)+\[csprbot\]", re.I)


def _quoted_referral_only(scored: list[_Scored], walked: Walked) -> bool:
    """Whether the best-looking referral comes from the sender's own body only through its quoted lines: the
    body reads as a referral, its unquoted lines do not, and no other source (an attachment, a forwarded
    message) reads as one. A forward is not a reply: what it carries is the forwarded mail."""
    if not scored or is_forward(walked):
        return False
    best = max(scored, key=lambda s: s.referral)
    if best.referral < MIN_REFERRAL or best.agency >= best.referral:
        return False
    top = {id(v) for v in walked.top_level}
    views = [v for v in walked.sources if not v.is_empty()]
    if len(views) != len(scored):
        return False
    if any(sc.referral >= MIN_REFERRAL for v, sc in zip(views, scored, strict=True) if id(v) not in top):
        return False  # an attachment or a forwarded message holds a referral: that is what was sent
    for v, sc in zip(views, scored, strict=True):
        if id(v) not in top or sc.referral < MIN_REFERRAL:
            continue
        own = "\n".join(unquoted_lines(v.text()))
        if own.strip() and _score(read_text(own, "body")).referral >= MIN_REFERRAL:
            return False  # the sender's own lines are a referral too
    return True


def _unquoted_scores(walked: Walked) -> list[_Scored]:
    """The sources scored with the sender's own body read without its quoted lines (attachments and forwarded
    messages as they are)."""
    top = {id(v) for v in walked.top_level}
    out = []
    for v in walked.sources:
        if id(v) in top and v.name == "body":
            own = "\n".join(unquoted_lines(v.text()))
            v = read_text(own, "body")
        if not v.is_empty():
            out.append(_score(v, walked.own_body, walked.sent))
    return out


def _form_carried(walked: Walked, known_domains: dict[str, str] | None, subject_ref: str | None) -> ParseResult | None:
    """The referral or agency return form a command mail carries (attached, pasted or in HTML), read as if the
    mail held no command; None when it carries none. What a message is comes from its content: a covering note
    that opens "Action: please consider the attached referral." does not make the referral a command. Which of
    the two the mail is acted on as is the bot's call (it knows whether the command would be applied)."""
    form = ParseResult(warnings=list(walked.warnings))
    scored = [_score(view, sent=walked.sent) for view in walked.sources if not view.is_empty()]
    if subject_ref is not None and _quoted_referral_only(scored, walked):
        # "ACTION: ..." above our own routing mail quoted back: the referral is that case's history, not a form
        # this sender sent (the command may be applied, and the form beside it is acted on too)
        return None
    if not _document(form, scored, walked, subject_ref, known_domains):
        return None
    if form.kind == "agency_return" and form.agency_return is not None and (form.agency_return.author.name
                                                                           or form.agency_return.summary):
        return form
    return form if form.kind == "referral" else None  # a blank return form (ours, quoted back) is no return


AMBIGUOUS_RETURN = "agency return names two different cases"
CALENDAR = "a meeting invitation (an iCalendar part) naming the case: not a reply, left for the co-ordinator"
UNREAD_OWN = "under a case reference, content csprbot cannot read"
_NOT_OPENED = re.compile(r"^attachment '(?P<name>[^']*)' .*not opened")


_SIGNATURE_ONLY = re.compile(r"^application/(?:x-)?pkcs7-signature$", re.I)
_SIGNED = "S/MIME signed message"
_SCAN_LINES = 400  # a forwarded message's lines looked at for a command (a long thread is not read whole)


def _forwarded_command(walked: Walked) -> str | None:
    """The verb of a command line inside a forwarded or attached message (or below an inline forward's
    separator), or None. Only asked when the sender's own text holds no command."""
    top = {id(v) for v in walked.top_level}
    texts = [v.text() for v in walked.sources if id(v) not in top]
    if is_forward(walked):
        texts.append(walked.body)
    for text in texts:
        for line in text.split("\n")[:_SCAN_LINES]:
            if (command := parse_command(line.lstrip(" \t>"), [])) is not None:
                return command.verb
    return None


def _unread_own(walked: Walked) -> str | None:
    """Why what the sender sent could not be read (their own text, an attachment, a portal notice's message), or
    None when it could (or there was nothing to read)."""
    if walked.own_unreadable:
        return "; ".join(walked.own_unreadable)
    if portal := next((w for w in walked.warnings if w.startswith(SECURE_PREFIX)), None):
        return portal.removeprefix(SECURE_PREFIX).split(":")[0].strip()  # a secure-portal notice: held elsewhere
    if unreadable := [m.group("name") for w in walked.warnings
                      if (m := _UNREADABLE.match(w) or _NOT_OPENED.match(w))]:
        # "Please find our return attached" with a scan: the attachment is what was sent, whatever the text says
        return f"the attachment {', '.join(repr(n) for n in unreadable)} could not be read"
    if (verb := _forwarded_command(walked)) is not None:
        # "See below." above a forwarded "CLOSE": the command is someone else's, so it is not taken, but the sender
        # may have meant it: the co-ordinator decides (never a plain reply). A form in it was read before this.
        return (f"the {verb} command is only inside a forwarded or attached message, which the sender did not "
                "write")
    if walked.own_body.strip() or any(t.strip() for t in walked.body_texts):
        return None  # they wrote something: a reply, read as such
    if _SIGNATURE_ONLY.match(walked.content_type) or (
            any(w.startswith(_SIGNED) for w in walked.warnings) and not any(v.text().strip() for v in walked.sources)):
        return "a signature over no content: nothing the sender sent can be read"
    if bound := next((w for w in walked.warnings if "bound:" in w), None):
        return f"no text of the sender's, and {bound}"
    if (command := parse_command(walked.body, [])) is not None:
        return (f"no text of the sender's; the {command.verb} command is inside a forwarded or attached message, "
                "which the sender did not write")
    return None



def _same_ref(ref: str) -> str:
    m = CASE_REF.search(ref)
    return _norm_ref(m) if m else ref


def _norm_ref(m: re.Match[str]) -> str:
    return f"{m.group(1).upper()}-CSPR-{m.group(2)}-{int(m.group(3)):03d}"


# Fewer fields than this read from a "form" and it is prose with a label or two in it
_MIN_FORM_FIELDS = 3


def _document(
    result: ParseResult, scored: list[_Scored], walked: Walked, subject_ref: str | None,
    known_domains: dict[str, str] | None,
) -> bool:
    """Fill result from the best-looking form among the sources; False when none looks like one."""
    if not scored:
        return False
    best_ret = max(scored, key=lambda s: s.agency)
    best_ref = max(scored, key=lambda s: s.referral)
    if best_ret.agency >= MIN_RETURN and best_ret.agency > best_ref.referral:
        ret, missing = build_agency_return(best_ret.ex, best_ret.text, walked.sender, known_domains, result.warnings)
        result.kind, result.agency_return, result.missing = "agency_return", ret, missing
        result._prov.update(best_ret.ex.paths)
        if (form := best_ret.ex.prov.get("case_ref")) is not None:
            note(result, "case_ref", form)
        form_ref = find_case_ref(best_ret.ex.get_str("case_ref")) or find_case_ref(best_ret.text)
        result.case_ref = subject_ref or form_ref
        # The form's case reference read as a command's text is ("2026/002", "NS CSPR 26/2", "case (002)"),
        # by the same reader: a loose spelling of another case names it as surely as the exact one. Read as a
        # "Ref:" (the label may be "Our ref"): "002", "#2", "No. 2" name a case; an agency's own "4521" does not.
        result.case_box = list(best_ret.ex.case_refs_written)
        written = "\n".join(f"Ref: {as_case_box(v)}" for v in best_ret.ex.case_refs_written)
        named = cases_named(walked.subject, written) if subject_ref and written else []
        if subject_ref and form_ref and _same_ref(subject_ref) != _same_ref(form_ref):
            # Which case does it answer? Crediting the subject's case silently could stop the wrong clock.
            result.warnings.append(f"{AMBIGUOUS_RETURN} (the subject names {subject_ref}, the form {form_ref})")
        elif len(named) > 1:
            others = ", ".join(r for r in named if _same_ref(r) != _same_ref(subject_ref or ""))
            result.warnings.append(f"{AMBIGUOUS_RETURN} (the subject names {subject_ref}, the form {others})")
        result.warnings.extend(best_ret.ex.warnings)
        _return_author(result, walked)
        return True
    all_text = "\n".join(s.text for s in scored)
    criteria = any(k.startswith("referral.criteria.") for k in best_ref.ex.answered)
    # What makes a CSPR referral rather than a child protection referral: review wording (in the form or the
    # subject), the criteria about death / serious harm, or the critical-incident fields. A referral with
    # none of these describes a child at risk now: that is the front door's, even without MASH wording.
    cspr = (
        _REFERRAL_WORDS.search(all_text + "\n" + walked.subject) is not None
        or criteria
        or any(k in best_ref.ex.values for k in _INCIDENT_KEYS)
    )
    if not cspr and (_FRONT_DOOR.search(all_text) or best_ref.referral >= MIN_REFERRAL):
        result.warnings.append(
            "looks like a child protection referral for the front door (MASH), not a request for a child "
            "safeguarding practice review: redirect the sender"
        )
        return True
    if best_ref.referral >= MIN_REFERRAL:
        if (len(best_ref.ex.values) < _MIN_FORM_FIELDS and subject_ref is None
                and _formless_referral(result, scored, walked)):
            # one or two "Label: value" phrases in a letter ("Place of death: Family home.") are not a form: the
            # mail is read as the no-form referral it is (provisional; its writer's signature names the referrer)
            return True
        ref, missing = build_referral(best_ref.ex, result.warnings)
        result.kind, result.referral, result.missing, result.form = "referral", ref, missing, "read"
        _several_forms(result, scored, walked)
        result._prov.update(best_ref.ex.paths)
        if (form := best_ref.ex.prov.get("case_ref")) is not None:
            note(result, "case_ref", form)
        result.case_ref = subject_ref or best_ref.ex.get_str("case_ref")
        result.warnings.extend(best_ref.ex.warnings)
        _printed_referrer(result, walked)
        _referrer_contact(result, walked)
        return True
    return False


# A reply's quoted history: a ">" line, or the "On ... wrote:" / "Original Message" / "From: ... Sent:" header
_QUOTED = re.compile(r"^\s*(?:>|on .{2,300} wrote:?\s*$|-{2,}\s*original message|sent:\s)", re.I | re.M)


def _several_forms(result: ParseResult, scored: list[_Scored], walked: Walked) -> None:
    """One mail holding several children's forms (parsers/several_forms.py): the count, told, never a split.
    Every part the walk read counts (inline text parts, text attachments, attached mails) and the body's other
    alternative too (a client shows the HTML one, which may hold a form the plain one lacks): a sibling's form in
    any of them is a child in no case otherwise (stranger round 16). The same child met twice counts once."""
    assert result.referral is not None
    on = result.referral.child.incident_date or result.referral.referrer.date_submitted
    top = {id(v) for v in walked.top_level}
    children: list[str] = []
    for s in scored:
        children = children_named(_own_child_ids(s.ex, s.text, id(s.view) in top, walked), on, children)
    for view in walked.other_alternative_views:
        children = children_named(_own_child_ids(extract(view), view.text(), True, walked), on, children)
    if len(children) > 1:
        result.warnings.append(several_forms_warning(len(children)))


def _own_child_ids(ex: Extracted, text: str, top: bool, walked: Walked) -> list[tuple[str, object]]:
    """The child-identity answers of one part; in a reply, those of the sender's own lines only."""
    if top and not is_forward(walked) and _QUOTED.search(text):
        # a reply quoting an earlier referral (another child's, sent before): only what the sender wrote counts
        own = "\n".join(unquoted_lines(text))
        return extract(read_text(own, "body")).child_ids if own.strip() else []
    return ex.child_ids


FOREIGN_REFERRAL = ("foreign_language: harm or referring words of another language beside a child's name or age: "
                    "read as a possible referral the co-ordinator reads (nothing in it was understood)")


def _formless_referral(result: ParseResult, scored: list[_Scored], walked: Walked, force: bool = False) -> bool:
    """A message that reads as a referral but has no form we could read: kind `referral`, `form` missing or
    unreadable, with a warning that starts with the code (form_missing / attachment_unreadable). `force`: read as
    one whatever its words (the caller has its reason: _referral_under_ref, _own_reading)."""
    text = "\n".join([walked.subject, *walked.forwarded_subjects, *(s.text for s in scored)])
    unreadable = [m.group("name") for w in walked.warnings if (m := _UNREADABLE.match(w))]
    names = " ".join(unreadable)
    review = _REVIEW_ASK.search(text) is not None
    serious = _SERIOUS.search(text) is not None
    child = _A_CHILD.search(text) is not None
    asked = _REFERRAL_WORD.search(walked.subject + " " + " ".join(walked.forwarded_subjects) + " " + names)
    front_door = _FRONT_DOOR.search(text) is not None and not review
    # Harm told in another language (stranger round 22's leftover, fix23c; issue #12 item 3: never miss a referral,
    # quarantine is for what cannot be one): its words beside a child's age or a name with an age, or under a subject
    # asking for a referral, may be a referral the bot cannot read: a provisional case the co-ordinator reads.
    foreign = FOREIGN_HARM.search(text) is not None and bool(
        asked or child or AGED_NAME.search(text) or FOREIGN_AGE.search(text))
    if not unreadable and _mailing_list(walked.headers):
        # a bulletin about reviews' learning, sent to a list: nobody is referring a child
        result.warnings.append(LIST_MAIL)
        return False
    if unreadable and not front_door and (asked or review or (serious and child)):
        result.form = "unreadable"
        result.warnings.append(
            f"attachment_unreadable: the referral's attached form ({', '.join(repr(n) for n in unreadable)}) could "
            "not be read: a provisional referral; ask the referrer to resend the form as .docx or PDF"
        )
    elif force or (not front_door and (
        (review and (serious or child) and (asked or _ASK.search(text) is not None)) or (serious and child and asked)
        or foreign
    )):
        result.form = "missing"
        result.warnings.append(
            "form_missing: this reads as a referral but no referral form was found: a provisional referral; "
            "ask the referrer for the completed form"
        )
        if foreign and not (serious or review):
            result.warnings.append(FOREIGN_REFERRAL)
    else:
        return False
    best = max(scored, key=lambda s: s.referral, default=None)
    ex = best.ex if best is not None else extract(DocView("none"))
    ref, missing = build_referral(ex, result.warnings)
    result.kind, result.referral, result.missing = "referral", ref, missing
    result._prov.update(ex.paths)
    if best is not None:
        result.warnings.extend(best.ex.warnings)
    _formless_referrer(result, walked)
    _printed_referrer(result, walked)
    _referrer_contact(result, walked)
    _from_narrative(result, walked)
    return True


def _from_narrative(result: ParseResult, walked: Walked) -> None:
    """A no-form referral's child, as the letter anchors them (parsers/narrative.py), where nothing was read."""
    assert result.referral is not None
    story = read_narrative(walked.body)  # a forwarded letter is the referral too
    child, crit = result.referral.child, result.referral.criteria
    referrer = (result.referral.referrer.name or "").lower()
    if story.name is not None and child.name is None:
        result.letter_child = story.name  # evidence for the duplicate check too
        if referrer and (story.name.lower() in referrer or referrer in story.name.lower()):
            result.warnings.append(
                f"child_named_in_letter: the letter names {story.name} (born {story.date_of_birth}) as the child; "
                "child.name is left empty: confirm it with CORRECT child.name"
            )
        else:
            # a name is taken from prose only in the one shape that attaches it to the child: the only person the
            # letter names with a date of birth beside the name, not after a relationship word, young enough to
            # be a child (parsers/narrative.py); still a reading to confirm
            last, comma, given = story.name.partition(",")
            child.name = f"{given.strip()} {last.strip()}" if comma else story.name  # "Fictional, Alex": Alex first
            note(result, "referral.child.name", from_body("narrative", LOW))
            result.missing = [k for k in result.missing if k != "referral.child.name"]
            result.warnings.append(
                f"child_named_in_letter: the letter names {story.name} (born {story.date_of_birth}) as the child; "
                "child.name was read from the letter, not a form: check it, CORRECT child.name if it is wrong"
            )
    filled = {
        "referral.child.date_of_birth": ("date_of_birth", story.date_of_birth),
        "referral.child.home_address": ("home_address", story.home_address),
        "referral.child.carer": ("carer", story.carer),
        "referral.child.incident_date": ("incident_date", story.incident_date),
    }
    for key, (attr, value) in filled.items():
        if value is not None and getattr(child, attr) is None:
            setattr(child, attr, value)
            note(result, key, from_body("narrative", LOW))
            result.missing = [k for k in result.missing if k != key]
    if story.name is None:
        return  # what happened is read only about a child the letter names
    before = crit.model_dump()
    if crit.child_died is None and story.child_died:
        crit.child_died = True
    if crit.seriously_harmed is None and story.seriously_harmed:
        crit.seriously_harmed = True
    if crit.abuse_or_neglect is None and story.abuse_suspected:
        crit.abuse_or_neglect = "suspected"
    _noted(result, "referral.criteria", crit, before, from_body("narrative", LOW))
    result.missing = [k for k in result.missing if not (k.startswith("referral.criteria.") and
                                                        getattr(crit, k.rsplit(".", 1)[1], None) is not None)]


def _mailing_list(headers: dict[str, str]) -> bool:
    """Mail sent to a list (List-Id / List-Unsubscribe, Precedence: bulk or list): a newsletter, not a person."""
    bulk = headers.get("precedence", "").strip().lower() in ("bulk", "list")
    return bulk or "list-unsubscribe" in headers or "list-id" in headers


def _printed_referrer(result: ParseResult, walked: Walked) -> None:
    """A mail printed to PDF (or Word) and sent on, whose form names no referrer: the printed mail's writer (its
    From line, its Sent date, the closing block under their name) is the referrer; only one such mail."""
    assert result.referral is not None
    referrer = result.referral.referrer
    if referrer.name is not None:
        return
    printed = {(a.name, a.email): (a, src) for src in walked.sources[:20] if src.kind not in ("text", "html")
               and (a := printed_author(src.text()[:200_000])) is not None}
    if len(printed) != 1:
        return
    ((mail, src),) = printed.values()
    before = referrer.model_dump()
    referrer.name, referrer.email = mail.name, referrer.email or mail.email
    referrer.role, referrer.agency = referrer.role or mail.role, referrer.agency or mail.agency
    referrer.phone = referrer.phone or mail.phone
    referrer.date_submitted = referrer.date_submitted or mail.sent
    _noted(result, "referral.referrer", referrer, before,
           Prov(f"{part_name(src.name, src.kind)}, printed mail", "From", "printed_mail", LOW))
    result.missing = [k for k in result.missing
                      if not (k.startswith("referral.referrer.") and getattr(referrer, k.rsplit(".", 1)[1], None))]


def _formless_referrer(result: ParseResult, walked: Walked) -> None:
    """With no form, the referrer is whoever wrote the mail: the signature, checked against the From line."""
    assert result.referral is not None
    referrer = result.referral.referrer
    forwarded = bool(walked.forwarded_subjects) or re.match(r"^\s*(?:fw|fwd)\s*:", walked.subject, re.I) is not None
    author = _forwarded_author(walked.body) if forwarded and referrer.name is None else None
    before = referrer.model_dump()
    if author is not None:
        # a letter forwarded by a manager: its writer is the referrer, not the one who forwarded it
        referrer.name, referrer.email = author.name, referrer.email or author.email
        referrer.role, referrer.agency = referrer.role or author.role, referrer.agency or author.agency
        referrer.phone = referrer.phone or author.phone
    before = _noted(result, "referral.referrer", referrer, before, from_body("forwarded_signature", LOW))
    sig = read_signature(own_lines(walked.body), walked.headers.get("from"), walked.sender)
    if referrer.name is None and sig.name is not None:
        referrer.name, referrer.role = sig.name, referrer.role or sig.role
        referrer.phone = referrer.phone or sig.phone
        # the organisation line of the same signature ("Avon and Somerset Constabulary")
        referrer.agency = referrer.agency or signature_agency(own_lines(walked.body), walked.headers.get("from"))
    _noted(result, "referral.referrer", referrer, before, from_body("signature", LOW))
    if referrer.email is None and walked.sender and not forwarded:
        referrer.email = walked.sender.lower()
        note(result, "referral.referrer.email", from_header("sender", MEDIUM, "From"))
    result.missing = [k for k in result.missing
                      if not (k == "referral.referrer.email" and referrer.email)
                      and not (k == "referral.referrer.name" and referrer.name)]


# The header block a mail client writes over a forwarded message: "From: Sophie Caddick <sophie@...>"
_FORWARD_FROM = re.compile(r"^From:\s*(?P<from>[^<\n]*<(?P<email>[^>\s]+@[^>\s]+)>)\s*$", re.M)


def _forwarded_author(body: str) -> Contact | None:
    """The writer of the last message forwarded in `body`: their signature, checked against its From line, and a
    "Name | Role | Agency | phone" line of theirs. None unless the signature names the From line's person."""
    found = list(_FORWARD_FROM.finditer(body))
    if not found:
        return None
    head = found[-1]
    text = body[head.end() :]
    parts = re.split(r"\n\s*\n", text, maxsplit=1)  # the rest of the header block, then the letter
    if len(parts) < 2:
        return None
    lines = parts[1].split("\n")
    sig = read_signature(lines, head.group("from"), head.group("email"))
    if sig.name is None:
        return None
    contact = Contact(name=sig.name, role=sig.role, agency=None, email=head.group("email").lower(), phone=sig.phone)
    for line in lines:
        if line.strip().startswith(sig.name) and (one := _one_line_contact(line.strip())) is not None:
            contact.role, contact.agency = contact.role or one.role, one.agency
            contact.phone = contact.phone or one.phone
    return contact


def _referrer_contact(result: ParseResult, walked: Walked) -> None:
    """"Name, Role" in one cell; the referrer's email from From when the form has none and the sender is the
    referrer (a forwarding manager is not: the email then stays null)."""
    if result.referral is None:
        return
    referrer = result.referral.referrer
    before = referrer.model_dump()
    named = result._prov.get("referral.referrer.name") or from_body("contact_split", LOW)
    if referrer.name and (contact := _one_line_contact(referrer.name)) is not None:
        referrer.name = contact.name
        referrer.role = referrer.role or contact.role
        referrer.agency = referrer.agency or contact.agency
        referrer.email = referrer.email or contact.email
        referrer.phone = referrer.phone or contact.phone
        if referrer.email:
            result.missing = [k for k in result.missing if k != "referral.referrer.email"]
    if referrer.name and referrer.role is None:
        referrer.name, referrer.role = split_name_role(referrer.name)
    if referrer.name and (parts := name_parts(referrer.name)) is not None:
        # "PC Dan Whitby, Avon and Somerset Police": a role or organisation after the name is never the name's
        referrer.name = parts.name
        referrer.role, referrer.agency = referrer.role or parts.role, referrer.agency or parts.agency
    _noted(result, "referral.referrer", referrer, before, named.capped(MEDIUM, "contact_split"))
    _agency_contacts(result)
    if referrer.email is None and walked.sender and same_person(referrer.name, walked.headers.get("from")):
        referrer.email = walked.sender.lower()
        note(result, "referral.referrer.email", from_header("sender", MEDIUM, "From"))
        result.missing = [k for k in result.missing if k != "referral.referrer.email"]
    if referrer.email is None and referrer.name and (found := _forwarded_address(walked.body, referrer.name)):
        # a form forwarded by someone else: its referrer's address is on the forwarded block's From line, when that
        # line names the same person (and no other forwarded From line names them with another address)
        referrer.email = found
        note(result, "referral.referrer.email", from_body("forwarded_from", MEDIUM, "From"))
        result.missing = [k for k in result.missing if k != "referral.referrer.email"]
    if referrer.email is None and referrer.name is None and (found := _innermost_writer(walked)):
        # a form naming no referrer forwarded by a role (stranger round 15): whoever wrote the innermost forwarded
        # mail made the referral, never the one who forwarded it
        referrer.email = found
        note(result, "referral.referrer.email", from_body("forwarded_from", MEDIUM, "From"))
        result.missing = [k for k in result.missing if k != "referral.referrer.email"]


def _innermost_writer(walked: Walked) -> str | None:
    """The address of the innermost forwarded mail's writer when the mail is a forward (an X.500 line: None)."""
    if not is_forward(walked):
        return None  # a reply quoting an earlier mail ("On ... wrote:") is the sender's own referral
    inner = walked.forwarded_body if walked.forwarded_froms else walked.body
    return innermost_from(walked.forwarded_froms, inner)[1]


def _forwarded_address(body: str, name: str) -> str | None:
    """The one address the forwarded header blocks in `body` give `name` ("From: Declan Ogunleye <declan@...>")."""
    found = {m.group("email").lower() for m in _FORWARD_FROM.finditer(body[:200_000])
             if same_person(name, m.group("from"))}
    return found.pop() if len(found) == 1 else None


# "Jane Hill (Health Visitor), jane@..., 01632 ...": a bracketed role after the name, then more parts
_NAME_BRACKET = re.compile(r"^([^(),@\n]+?)\s*\(([^()@\n]+)\)(\s*[,;\-–].*)$")


# an agency field holding only whether the agency is still involved (a reader's wrong guess at the line's parts)
_STATE_ONLY = re.compile(r"^(?:(?:still|currently|no longer|not)\s+)?involved$|^(?:open|closed)$", re.I)


def _agency_contacts(result: ParseResult) -> None:
    """"Owen Penrose, Health Visiting" as another agency's contact name: the person, the rest their agency when the
    item has none (the contract's name rule; person_name)."""
    assert result.referral is not None
    referral = result.referral
    referral.child.carer = forename_first(referral.child.carer)
    for member in referral.family:
        member.name = forename_first(member.name)
    for n, item in enumerate(referral.other_agencies):
        item.name = forename_first(item.name)
        if item.name and (parts := name_parts(item.name)) is not None:
            item.name = parts.name
            if (item.agency is None or _STATE_ONLY.match(item.agency)) and parts.agency is not None:
                # "Wendy Gribble (Weston NHS Trust) - still involved": the bracket is the agency, never the state
                if item.agency is not None and item.still_involved is None:
                    item.still_involved = not re.match(r"(?:no|closed)", item.agency, re.I)
                    if (was := result._prov.get(f"referral.other_agencies[{n}].agency")) is not None:
                        note(result, f"referral.other_agencies[{n}].still_involved", was.capped(MEDIUM, "agency_state"))
                item.agency = parts.agency
                if (was := result._prov.get(f"referral.other_agencies[{n}].name")) is not None:
                    note(result, f"referral.other_agencies[{n}].agency", was.capped(MEDIUM, "name_role_split"))


def _one_line_contact(value: str) -> Contact | None:
    """"DS Mark Holt, Detective Sergeant, Avon and Somerset Police, mark.holt@..." under one label: split."""
    if (bracket := _NAME_BRACKET.match(value)) is not None:
        value = f"{bracket.group(1)}, {bracket.group(2)}{bracket.group(3)}"  # "Name (Role), email": "Name, Role, email"
    contact = split_contact(value) if re.search(r"[,;@\n]|\s[-–|]\s|\d{5}", value) else None
    # "Name, Agency" alone stays whole (it may be "Surname, Forename"): three parts, or an email or phone, say
    # the line is a contact line
    if contact is None or (contact.email is None and contact.phone is None and None in (contact.role, contact.agency)):
        return None
    return contact


def _return_author(result: ParseResult, walked: Walked) -> None:
    """Author details the return leaves out, from "Name, Role" in one cell, the signature and the From header."""
    if result.agency_return is None:
        return
    author = result.agency_return.author
    before = author.model_dump()
    named = result._prov.get("agency_return.author.name") or from_body("name_role_split", LOW)
    if author.name and (contact := _one_line_contact(author.name)) is not None:
        # "Rosalind Lethbridge (Youth Justice Officer), rosalind@..., 01632 960393" as the author's name
        author.name, author.role = contact.name, author.role or contact.role
        author.email, author.phone = author.email or contact.email, author.phone or contact.phone
        if result.agency_return.agency is None and contact.agency is not None:
            result.agency_return.agency = contact.agency
            note(result, "agency_return.agency", named.capped(MEDIUM, "name_role_split"))
    if author.name and author.role is None:
        author.name, author.role = split_name_role(author.name)
    if author.name and (parts := name_parts(author.name)) is not None:
        author.name, author.role = parts.name, author.role or parts.role
    before = _noted(result, "agency_return.author", author, before, named.capped(MEDIUM, "name_role_split"))
    sig = read_signature(own_lines(walked.body), walked.headers.get("from"), walked.sender)
    if author.name is None and sig.name is not None:
        author.name = sig.name
        author.role = author.role or sig.role
        author.phone = author.phone or sig.phone
        result.missing = [k for k in result.missing if k != "agency_return.author.name"]
    elif sig.name is not None and same_person(author.name, sig.name):
        author.role = author.role or sig.role  # the same person's signature fills what the return left out
        author.phone = author.phone or sig.phone
    if author.email is None and sig.email is not None and same_person(author.name, sig.name):
        author.email = sig.email.lower()
    _noted(result, "agency_return.author", author, before, from_body("signature", LOW))
    subject = CASE_REF.sub("", re.sub(r"^\s*(?:(?:re|fw|fwd)\s*:\s*)+", "", walked.subject, flags=re.I)).strip(" -–—:")
    if result.agency_return.agency is None and (agency := title_agency(subject)) is not None:
        result.agency_return.agency = agency  # "RE: NS-CSPR-2026-004 agency return - Avon and Somerset Police"
        note(result, "agency_return.agency", from_header("subject_title", MEDIUM, "Subject"))
        result.missing = [k for k in result.missing if k != "agency_return.agency"]
    signed, on = self_signed_off("\n".join(own_lines(walked.body)))
    if signed and result.agency_return.signed_off_by is None and author.name is not None:
        result.agency_return.signed_off_by = author.name  # "I ... signed it off myself": the author
        note(result, "agency_return.signed_off_by", from_body("self_signed_off", MEDIUM))
        if result.agency_return.date_completed is None and on is not None:
            result.agency_return.date_completed = on
            note(result, "agency_return.date_completed", from_body("self_signed_off", MEDIUM))
    if result.agency_return.agency is None and (agency := signature_agency(own_lines(walked.body),
                                                                          walked.headers.get("from"))) is not None:
        result.agency_return.agency = agency  # "Kind regards / Jo Reed / Safeguarding Lead / Hillview School"
        note(result, "agency_return.agency", from_body("signature", LOW))
        result.missing = [k for k in result.missing if k != "agency_return.agency"]
