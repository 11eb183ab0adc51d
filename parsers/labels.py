"""Label synonyms across partnerships' forms, and section headings: which label means which contract field.

Modelled on published forms (wording paraphrased into patterns, never copied): North Somerset SCP
protocol Appendix 2 (Oct 2020, the seed), Devon CFP "Individual Agency Summary" (rapid review, WD 2-10),
Plymouth SCP "Rapid Review Referral Form", Kent KSCMP rapid review notification, Buckinghamshire
children's partnership LCSPR information reports, St Helens SCP serious incident notification, Bristol KBSP
and Bolton BSCP CSPR referral pages, and the classic LSCB multi-agency referral layout (Referrers details /
Composition of family / D.O.B.), which misdirected front-door referrals still use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sections: where a generic label such as "Name:" or "Date:" belongs.
REFERRER, CHILD, FAMILY, CRITERIA, SUMMARY, AGENCIES, PROCESSES = (
    "referrer", "child", "family", "criteria", "summary", "agencies", "processes",
)  # fmt: skip
AUTHOR, INVOLVEMENT, SIGNOFF = "author", "involvement", "signoff"

# "3.", "Q3)", "b)", "A1", "Section 2 -", "Section B:", "Part 4 –": a number or section letter in front of a label.
_PREFIX = (
    r"^[\s*•\-–—]{0,3}(?:(?:section|part|question|q)\s*(?:\d{1,2}(?:\.\d{1,2})?[a-z]?|[a-h])\s*[.):\-–—]?\s+"
    r"|(?:(?:question|q)\s*)?(?:\d{1,2}(?:\.\d{1,2})?[a-z]?[.):]?\s+|[a-h][.):]\s+)"
    # "A1 Referrer", "B3 Address", "C5." (a part's letter with the item's number): the item's number, not a word
    r"|[a-h]\d{1,2}(?:\.\d{1,2})?[.):]?\s+)?"
)
# "?", "(please state)", "(if known)", "(dd/mm/yyyy)", a required-field "*": whatever follows the label words.
_TAIL = r"(?:\s*\?)?(?:\s*\([^)]{0,80}\)){0,2}\s*\??\s*\*?\s*"


@dataclass(frozen=True)
class Label:
    key: str  # e.g. "referral.child.name"; "family.name" style keys fill a repeating record
    kind: str  # text | date | free | yesno | abuse | cpp | ethnicity | period | case_ref
    scope: frozenset[str] | None  # sections where the label applies; None means anywhere
    sets: str | None  # section this label puts us in
    source: str  # the regex, compiled on first use (most labels are never tried in one parse: import stays fast)
    generic: bool  # unused flag kept for readability of LABELS; see fields.label_at for the one-word rule
    synonym: str  # the regex fragment, reused to split "Name: x  Email: y" lines
    inline: bool = False  # a bare word ("Child", "Referrer"): a label only as "Child - Amy" / "Child: Amy"

    @property
    def pattern(self) -> re.Pattern[str]:
        compiled = _COMPILED.get(self.source)
        if compiled is None:
            compiled = _COMPILED[self.source] = re.compile(self.source, re.I)
        return compiled


_COMPILED: dict[str, re.Pattern[str]] = {}


def quotes(rx: str) -> str:
    """A pattern written with straight apostrophes that also accepts Word's curly one ("Child’s name")."""
    return rx.replace("'", "['’]")


def _body(synonym: str) -> str:
    """Words of a synonym may be split by any run of spaces, line breaks or slashes (Word wraps labels); a slash
    may have spaces around it ("Agency / organisation"); a question may put a comma between its words ("Is abuse
    or neglect known, or suspected?")."""
    return r",?[\s/]+".join(quotes(synonym).replace("/", r"\s*/\s*").split(" "))


def _compile(synonym: str) -> str:
    return _PREFIX + r"(?:" + _body(synonym) + r")(?![\w'’])" + _TAIL


def _labels(
    key: str, kind: str, scope: set[str] | None, sets: str | None, synonyms: list[str], *, inline: bool = False
) -> list[Label]:
    frozen = frozenset(scope) if scope is not None else None
    return [Label(key, kind, frozen, sets, _compile(s), " " not in s, s, inline) for s in synonyms]


_ANY = None
_TOP = {"", REFERRER, CHILD}
_R = {REFERRER}
_C = {"", CHILD}
_A = {AUTHOR, ""}
_NAME = r"(?:full )?name"
_EMAIL = r"e-?mail(?: address)?|(?:secure|cjsm|gcsx|pnn) e-?mail(?: address)?"
_PHONE = (
    r"tel(?:ephone|\.)?(?: no\.?| number)?|phone(?: no\.?| number)?|contact (?:tel(?:ephone)? )?number"
    r"|mobile(?: no\.?| number)?|direct (?:line|dial)|landline|work (?:phone|tel(?:ephone)?)(?: no\.?| number)?"
)
# longer alternatives first: the regex takes the first alternative that matches, not the longest
_ROLE = r"position held|post held|job role|professional role|role|job title|designation|position"

LABELS: list[Label] = [
    # --- referrer (NS "1. Referrer"; elsewhere "Person making the referral", "Referrer's details")
    *_labels("referral.referrer.name", "text", _ANY, REFERRER, [
        r"name of referrer",
        r"referrer'?s? name",
        r"name of (?:the )?person (?:making|completing) (?:the|this) referral",
        r"name of (?:the )?person making (?:the |this )?(?:referral|notification)",
        r"referred by", r"notified by", r"your (?:full )?name", r"referring practitioner", r"referrer'?s? full name",
        r"notifying (?:officer|professional|practitioner)", r"notifier'?s? name",
        # police, health and school exports name the person reporting in their own words
        r"name of (?:the )?notifier", r"reporting (?:officer|practitioner|professional)", r"reported by",
        r"(?:name of (?:the )?)?professional making (?:the|this) referral", r"practitioner'?s? name",
        r"referrer details\W{1,3}name",
        r"name of (?:the )?(?:person|professional|practitioner|officer) (?:referring|notifying)",
        r"name,? (?:job title|role)(?:,)? and contact details(?: of (?:the )?(?:person making (?:the|this) referral|"
        r"referrer))?",
    ]),
    # Free text: "Referrer - PC Dan Whitby, Avon and Somerset Police" (the agency after the name: person_name)
    *_labels("referral.referrer.name", "text", _ANY, REFERRER, [r"referrer", r"referring professional"], inline=True),
    *_labels("referral.referrer.name", "text", _R, None, [_NAME, "name", r"submitted by",
                                                           r"name of (?:the )?(?:professional|practitioner)"]),
    *_labels("referral.referrer.email", "text", _R, None, [
        _EMAIL, r"referrer'?s? e-?mail", r"your (?:secure |work )?e-?mail(?: address)?",
        r"contact e-?mail(?: address)?", r"work e-?mail(?: address)?",
    ]),
    *_labels("referral.referrer.email", "text", _ANY, REFERRER, [r"referrer'?s? e-?mail(?: address)?"]),
    *_labels("referral.referrer.role", "text", _R, None, [_ROLE, r"rank role", r"rank", r"worker'?s? role",
                                                           r"referrer'?s? (?:role|job title)",
                                                           r"your (?:role|job title|position|designation)",
                                                           r"(?:role|designation)(?:/| or )(?:job title|position|role)",
                                                           r"job title(?:/| or )(?:role|position)", r"post",
                                                           r"role (?:within|in) (?:the |your )?(?:agency|"
                                                           r"organisation|service|team)"]),
    *_labels("referral.referrer.phone", "text", _R, None, [
        _PHONE, r"your (?:contact )?(?:tel(?:ephone)?|phone)(?: no\.?| number)?", r"your contact number",
        r"contact (?:tel(?:ephone)?|phone)(?: no\.?| number)?",
    ]),
    *_labels("referral.referrer.phone", "text", _ANY, REFERRER, [r"referrer'?s? (?:tel(?:ephone)?|phone)(?: number)?"]),
    *_labels("referral.referrer.agency", "text", _R, None, [
        r"agency(?:/organisation)?", r"organisation(?:/agency)?", r"service", r"team(?:/service)?", r"employer",
        r"your (?:agency|organisation|service|team|employer)", r"name of (?:your |the )?(?:agency|organisation)",
        r"(?:agency|organisation|service|team) name",
        r"(?:agency|organisation)(?:/| or )(?:organisation|agency|service)",
        r"department", r"setting", r"name of (?:your |the )?(?:service|team|setting)", r"service(?:/| or )team",
        r"(?:police )?force",  # a police officer's agency
    ]),
    *_labels("referral.referrer.agency", "text", _ANY, REFERRER, [
        r"referring agency(?:/organisation)?",
        r"referring organisation",
        r"referrer'?s? agency",
        r"agency making (?:the|this) referral",
    ]),
    *_labels("referral.referrer.date_submitted", "date", _R, None, [r"date", r"date (?:form )?completed"]),
    # "Contact details – address, telephone and e-mail": not a contract field; its lines carry their own labels
    *_labels("referral.referrer.contact", "text", _R, None, [
        r"contact details(?:\s*[-–—:(]\s*(?:address|tel(?:ephone)?|phone|numbers?|e-?mail|and|or|,|\s)+\)?)?",
    ]),
    # an online form asked in questions ("What is your full name?", "Which organisation do you work for?"): the
    # person answering is the one referring (or, on a return, its author: classify.py)
    *_labels("referral.referrer.name", "text", _ANY, REFERRER, [r"what is your (?:full )?name\??"]),
    # "Your name, role, phone and email": the whole person in one answer (parsers/person_lines.py)
    *_labels("referral.referrer.name", "text", _ANY, REFERRER, [
        r"your (?:full )?name(?:,? (?:and )?(?:job title|role|position|phone|telephone|tel|e-?mail|contact details"
        r"|agency|organisation)){1,5}",
    ]),
    *_labels("referral.referrer.role", "text", _ANY, REFERRER, [
        r"what is your (?:job title|role|position|designation)(?: or (?:job title|role|position))?\??",
    ]),
    *_labels("referral.referrer.agency", "text", _ANY, REFERRER, [
        r"(?:which|what) (?:organisation|agency|service|team) do you work (?:for|in)\??",
        r"(?:which|what) (?:organisation|agency|service) are you (?:from|with|referring from)\??",
        r"what is (?:the name of )?your (?:organisation|agency|service|employer)\??",
        r"your (?:agency|organisation)(?: name)?",
    ]),
    # "Your phone number" beside "Child's ethnicity" (a grid of two label | value pairs a row, the referrer's on the
    # left, the child's on the right): the person filling the form in, among a referral's own sections
    *_labels("referral.referrer.phone", "text", {"", REFERRER, CHILD}, REFERRER, [
        r"your (?:contact |work |direct )?(?:tel(?:ephone)?|phone|mobile)(?: no\.?| number)?", r"your contact number",
    ]),
    *_labels("referral.referrer.email", "text", {"", REFERRER, CHILD}, REFERRER, [
        r"your (?:secure |work )?e-?mail(?: address)?",
    ]),
    *_labels("referral.referrer.role", "text", {"", REFERRER, CHILD}, REFERRER, [
        r"your (?:role|job title|position|designation)",
    ]),
    *_labels("referral.referrer.email", "text", _ANY, REFERRER, [r"what is your (?:work )?e-?mail(?: address)?\??"]),
    *_labels("referral.referrer.phone", "text", _ANY, REFERRER, [
        r"what is your (?:contact |work )?(?:tele)?phone number\??",
    ]),
    # a notification's "Reporter name / Reporter job title/role / Reporting organisation / Reporter tel no"
    *_labels("referral.referrer.name", "text", _ANY, REFERRER, [r"reporter'?s? (?:full )?name"]),
    *_labels("referral.referrer.role", "text", _ANY, REFERRER, [
        r"reporter'?s? (?:job title(?:/role)?|role(?:/job title)?|position|designation)",
    ]),
    *_labels("referral.referrer.agency", "text", _ANY, REFERRER, [
        r"reporting (?:organisation|agency|service)", r"reporter'?s? (?:organisation|agency|service)",
    ]),
    *_labels("referral.referrer.phone", "text", _ANY, REFERRER, [
        r"reporter'?s? (?:tel(?:ephone)?|phone|mobile)(?: no\.?| number)?",
    ]),
    *_labels("referral.referrer.email", "text", _ANY, REFERRER, [r"reporter'?s? e-?mail(?: address)?"]),
    *_labels("referral.referrer.date_submitted", "date", _ANY, None, [r"(?:form|referral|notification) completed on"]),
    # a forms service's receipt: "Submitted | 15/11/2026 09:41" (alone: "Submitted by" is a name)
    *_labels("referral.referrer.date_submitted", "date", _ANY, None, [r"submitted(?: on| at)?"]),
    *_labels("referral.referrer.date_submitted", "date", _ANY, None, [
        r"date submitted",
        r"date of (?:this )?referral",
        r"date referral (?:made|submitted|completed)",
        r"referral date", r"date notified",
        r"date of (?:this )?request", r"date form completed", r"date of notification",
        r"notification date",
        r"submission date", r"date of submission", r"submitted on",
        # an online or plain-English form dates itself from the writer's side: "Today's date"
        r"today'?s date", r"date (?:of )?today",
    ]),
    # --- child (NS "2. Details of child or young person")
    *_labels("referral.child.name", "text", _ANY, CHILD, [
        r"name of (?:the )?child(?: or young person|/young person)?",
        r"child'?s (?:full )?name",
        r"subject child(?:'?s name)?",
        r"child(?:/| or )young person'?s name",
        r"full name of (?:the )?child",
        r"child name",
        r"name of young person",
        r"name of (?:the )?(?:deceased|injured) child", r"child'?s? details name", r"subject(?:'s)? name",
        r"young person'?s (?:full )?name", r"name of (?:the )?subject child", r"name of (?:the )?cyp",
        r"cyp'?s? (?:full )?name", r"child(?:/| or )yp'?s? name",
    ]),
    *_labels("referral.child.name", "text", _ANY, CHILD, [
        r"child", r"young person", r"child(?:/| or )young person", r"the child",
    ], inline=True),
    *_labels("referral.child.name", "text", {CHILD}, None, [_NAME, "name"]),
    # a school's or a health trust's export calls the child its pupil or patient; a legal name is the child's own
    *_labels("referral.child.name", "text", _C, CHILD, [
        r"(?:child'?s )?(?:full )?legal name", r"victim'?s? (?:full )?name",
        r"(?:pupil|patient|student)'?s? (?:full )?name", r"name of (?:the )?(?:pupil|patient)",
    ]),
    *_labels("referral.child.date_of_birth", "date", _C, CHILD, [
        r"(?:pupil|patient|student)'?s? (?:d\.?o\.?b\.?|date of birth)",
    ]),
    *_labels("referral.child.home_address", "text", _C, None, [r"(?:pupil|patient|student)'?s? address"]),
    # Redbridge-style "Last name:" and "Forename:" cells: referral.py joins them as "Forename Last name".
    *_labels("referral.child.surname", "text", {CHILD}, None, [r"(?:last|family) name", r"surname"]),
    *_labels("referral.child.forename", "text", {CHILD}, None, [r"forenames?", r"first names?", r"given names?"]),
    # an online form's "Child's first name" / "Child's last name": the child's wherever they stand
    *_labels("referral.child.surname", "text", _ANY, CHILD, [r"child'?s (?:last|family) name", r"child'?s surname"]),
    *_labels("referral.child.forename", "text", _ANY, CHILD, [r"child'?s (?:first|given) names?",
                                                              r"child'?s forenames?"]),
    *_labels("referral.child.date_of_birth", "date", _C, CHILD, [
        r"date of birth", r"d\.?\s?o\.?\s?b\.?", r"birth\s?date",
        r"subject(?:'s)? (?:d\.?\s?o\.?\s?b\.?|date of birth)",
    ]),
    # a briefing's child block in its own words: "Born" / "Lives at" / "Cared for by" over their answers
    *_labels("referral.child.date_of_birth", "date", {CHILD}, None, [r"born"]),
    *_labels("referral.child.home_address", "text", {CHILD}, None, [r"lives at"]),
    *_labels("referral.child.carer", "text", {CHILD}, None, [r"cared for by"]),
    *_labels("referral.child.date_of_birth", "date", _ANY, CHILD, [r"child'?s (?:date of birth|d\.?o\.?b\.?)"]),
    # a form asked in questions ("What is the child's full name?", "When was the child born?"): each names the
    # child, so each is the child's wherever it stands
    *_labels("referral.child.name", "text", _ANY, CHILD, [r"what is the child'?s (?:full )?name\??"]),
    *_labels("referral.child.date_of_birth", "date", _ANY, CHILD, [
        r"when was the child born\??", r"what is the child'?s date of birth\??",
    ]),
    *_labels("referral.child.home_address", "text", _ANY, None, [
        r"where does the child (?:usually |normally |currently )?live\??",
    ]),
    # the legal wording of where a child lives: "Normal / usual / habitual place of residence" (among the child's
    # details only: a family table may ask the same of each adult)
    *_labels("referral.child.home_address", "text", _C, None, [
        r"(?:(?:normal|usual|habitual|permanent|current|home|child'?s) )?place of (?:residence|abode)",
        r"(?:normal|usual|habitual|permanent|current) residence",
    ]),
    *_labels("referral.child.ethnicity", "ethnicity", _ANY, CHILD, [
        r"how does the child'?s family describe (?:their|the child'?s) ethnicity\??",
        r"what is the child'?s ethnicity\??",
        r"how would (?:you describe )?the child'?s ethnicity(?: be described)?\??",
    ]),
    *_labels("referral.child.faith", "text", _ANY, None, [
        r"does the child (?:follow|have|practise) a (?:faith|religion)\??",
        r"what is the child'?s (?:faith|religion)\??",
        # the child's own faith wherever it stands ("Child's religion or belief", "Child's faith / religion")
        r"child'?s (?:faith|religion|belief)(?:(?:/| or | and )(?:faith|religion|belief))?",
    ]),
    *_labels("referral.child.home_address", "text", _C, None, [
        r"(?:(?:usual|current|normal|permanent) )?(?:home|current|usual|child'?s) address", r"address",
        r"(?:permanent|residential) address",
        r"(?:(?:home|current|usual|child'?s|permanent|residential) )?address "
        r"(?:and|&|incl(?:uding|\.)?|with) post\s?code",
    ]),
    *_labels("referral.child.home_address", "text", _ANY, None, [
        r"address of (?:the )?child", r"child'?s (?:home )?address", r"subject(?:'s)? address",
        r"address (?:where|at which) (?:the )?(?:child|young person) "
        r"(?:usually |normally |currently )?(?:lives|resides)",
    ]),
    *_labels("referral.child.carer", "text", _C, None, [
        r"carers?",
        r"main carers?",
        r"name of (?:main )?carers?",
        r"parents?(?:/| or )carers?", r"parents?(?:\(s\))?(?:/| or | and )carers?(?:\(s\))?",
        r"parents?/carers? names?",
        r"(?:name(?:s|\(s\))? of )?(?:the )?person(?:s|\(s\))? with parental responsibility", r"primary carers?",
        # "Person with parental responsibility / main carer", "People with PR or primary carer": one answer
        r"(?:(?:the )?(?:person|people|adults?)(?:s|\(s\))? with )?(?:parental responsibility|pr)(?:/| or | and | "
        r"/ )(?:the )?(?:main |primary |usual )?carers?",
        r"who (?:does|did) the child (?:usually |normally )?live with",
        r"name\(?s?\)? of (?:the )?parents?(?:\(s\))?(?:/| or )carers?(?:\(s\))?",
        r"primary carers?", r"(?:child )?lives with", r"living with", r"usually lives with",
        r"person with care",  # an older form's "Person with care"
        r"(?:parent|person|adult)s?(?: or carers?)? (?:the child|they|he|she) (?:usually )?lives? with",
        r"(?:parent|carer)s?(?: or carers?)? with whom the child (?:usually )?lives",
        r"who was (?:caring for|looking after) the child(?: at the time(?: of the (?:incident|death|injury))?)?\??",
        r"who has parental responsibility(?: for the child)?\??",
        r"carers? at (?:the )?time of (?:the )?(?:critical |serious )?(?:incident|death|injury|harm)",
    ]),
    *_labels("referral.child.incident_date", "date", _ANY, CHILD, [
        r"date of (?:the )?(?:death|incident|critical incident|serious incident|injury|harm|serious harm"
        r"|serious injury|occurrence"
        r"|event)(?: or (?:the )?(?:critical |serious )?(?:incident|injury|harm))?",
        r"date of death(?:/| or )(?:critical |serious )?(?:incident|injury|harm)",
        r"date and time of (?:the )?(?:incident|death|injury)",
        r"incident date", r"event date",
        # "Incident occurred on:", "When did the incident happen?" (a question: the answer is a date)
        r"(?:the )?(?:incident|death|injury|harm|event) (?:occurred|happened|took place) on",
        r"when did (?:the )?(?:incident|death|injury|harm|event|it|this) (?:happen|occur|take place)\??",
        r"date of the serious (?:harm|injury)",
        r"date of (?:death|incident|injury|harm) (?:critical |serious )?(?:incident|death|injury|harm)",
        r"when did the incident (?:happen|occur|take place)",
        r"date (?:the|of the) (?:incident|injury|harm|death) (?:happened|occurred|took place)",
        r"date (?:of )?(?:incident|death) occurred",
        r"when did (?:this|it|the (?:incident|death|harm|injury|event)) (?:happen|occur|take place)",
        r"date of (?:the )?(?:serious |critical )?(?:incident|injury|harm|death)(?:/| or )(?:death|injury|harm)",
    ]),
    *_labels("referral.child.incident_location", "text", _ANY, CHILD, [
        r"location of (?:the )?(?:incident|death)",
        r"place of (?:the )?(?:incident|death)(?: or (?:critical )?incident)?",
        r"incident location", r"event location", r"(?:incident|event) place",
        r"(?:the )?(?:incident|death|injury|harm|event) (?:occurred|happened|took place) (?:at|in)",
        r"where did the incident (?:happen|occur|take place)",
        r"where (?:it|this|the (?:incident|death|harm|injury|event)) (?:happened|occurred|took place)",
        r"place of death or (?:critical )?incident",
        r"where did (?:this|it|the (?:incident|death|harm|injury|event)) (?:happen|occur|take place)",
        r"location of (?:the )?(?:serious |critical )?(?:harm|injury|event)",
        r"place where (?:the )?incident (?:happened|occurred)",
        r"whereabouts at (?:the )?time of (?:the )?(?:critical |serious )?(?:incident|death|injury|harm)",
        r"where was the child at (?:the )?time of (?:the )?(?:critical |serious )?(?:incident|death|injury|harm)",
    ]),
    *_labels("referral.child.incident_location", "text", _C, None, [r"location", r"where", r"whereabouts"]),
    # "Incident" group: "Date | ..." then "Place | ...": a bare "Place" only under the incident's own heading
    *_labels("referral.child.incident_location", "text", {CHILD}, None, [r"place"]),
    # "Incident" heading, then "Date | 01-12-2026 | Location | ...": under the child's / incident's heading a bare
    # date is the incident's (the form's own date sits under the referrer)
    *_labels("referral.child.incident_date", "date", {CHILD}, None, [r"date"]),
    *_labels("referral.child.ethnicity", "ethnicity", _C, None, [r"ethnic(?:ity| origin| group| background)",
                                                                 r"ethnicity",
                                                                 r"ethnic(?:ity| origin) of (?:the )?child"]),
    *_labels("referral.child.ethnicity", "ethnicity", _ANY, CHILD, [
        r"child'?s ethnic(?:ity| origin)", r"child(?:/| or )young person'?s ethnic(?:ity| origin)",
    ]),
    *_labels("referral.child.faith", "text", _C, None, [
        r"faith(?:/religion)?", r"religion(?:/faith)?", r"faith or religion", r"religion or belief",
    ]),
    *_labels("referral.child.disability", "text", _C, None, [
        r"disabilit(?:y|ies)",
        r"any disabilit(?:y|ies)",
        r"does the child have (?:a|any) disabilit(?:y|ies)",
        r"send(?:/| or )disability",
        r"disability(?:/| or )send", r"disability send",
        r"sen(?:d)?(?:/| or | and |\s?&\s?)disabilit(?:y|ies)", r"send",
        r"special educational needs(?:(?: and|/| or |\s?&\s?) ?disabilit(?:y|ies))?",
        r"disabilit(?:y|ies)(?:/| or | and )(?:additional|special|special educational) needs", r"additional needs",
        r"does the child have (?:a|any) (?:disabilit(?:y|ies)|additional needs|special educational needs)(?: or "
        r"(?:additional|special educational) needs)?",
    ]),
    *_labels("referral.child.child_protection_plan", "cpp", _ANY, None, [
        r"child protection plan(?: status)?",
        r"(?:is|was) the child (?:currently )?(?:subject to|on) a (?:child protection|cp) plan\??",
        r"subject to (?:a )?(?:child protection|cp) plan\??", r"cp plan(?: status)?", r"child protection status",
        r"cpp?(?: plan)? status", r"cpp",
        # the register the plans replaced, still printed on older forms: "CP register/plan", "On the CP register?"
        r"(?:(?:is the child )?on the )?(?:child protection|cp) register(?:\s*/\s*plan)?\??",
        r"is the child,? or has the child been,? (?:subject to|on) a (?:child protection|cp) plan\??",
        r"(?:is|was|has) the child(?: \w+){0,4} (?:on|subject (?:to|of)|have|had|been (?:on|subject to|made "
        r"subject to)) a (?:child protection|cp) plan",
        r"(?:is|was) there (?:a|an open|a current) (?:child protection|cp) plan",
        r"(?:is|was|has been)(?: (?:is|was))? subject (?:to|of) (?:a )?(?:child protection|cp) plan",
        r"(?:child protection|cp) plan in place",
        # "The child … subject to a child protection plan: is currently / has never been": the verb left out, the
        # options (one kept, the others deleted) answer it
        r"the child (?:…|\.{3}) subject (?:to|of) a (?:child protection|cp) plan",
        r"(?:is|was) the child(?:/| or )young person (?:currently )?subject (?:to|of) a (?:child protection|cp) plan"
        r"(?: or (?:has|have) (?:they |it )?been(?: previously)?)?\??",
    ]),
    # "Child protection | Don't know" among the child's details: the plan's status, only there
    *_labels("referral.child.child_protection_plan", "cpp", {CHILD}, None, [r"child protection(?: status)?"]),
    # --- criteria (NS "4. Rapid Review criteria"); the question text is the label, ticks are the value
    *_labels("referral.criteria.child_died", "yesno", _ANY, CRITERIA, [
        r"is the child deceased\??",
        r"has the child died\??",
        r"did the child die\??",
        r"(?:the )?child (?:has )?died\??",
        r"child deceased\??",
        r"death of (?:a|the) child\??", r"is this a child death\??",
        r"(?:the )?death of (?:a|the) child,? (?:and|where) abuse or neglect (?:is|was) known or suspected(?: to be a "
        r"(?:factor|cause) (?:in|of) (?:the )?(?:child'?s )?death)?\??",
    ]),
    # "Died - no" in a typed list under "Criteria:": the bare word only where the criteria are asked
    *_labels("referral.criteria.child_died", "yesno", {CRITERIA}, None, [r"died\??", r"deceased\??"]),
    # "Died | No" above "Seriously harmed | Yes" in an incident grid or a CSV export's columns: the first question
    *_labels("referral.criteria.child_died", "yesno", {"", CHILD}, CRITERIA, [r"died\??", r"death\??"]),
    *_labels("referral.criteria.seriously_harmed", "yesno", _ANY, CRITERIA, [
        r"is the child seriously harmed\??",
        r"has the child been seriously harmed\??",
        r"(?:child )?seriously harmed\??", r"(?:the )?child (?:has been|was|is) seriously harmed\??",
        r"serious harm(?: to the child)?\??", r"has the child suffered serious harm\??",
    ]),
    # a carer question that names the child is the child's wherever it stands (a grid of two label | value pairs a
    # row puts it beside the referrer's "Your phone number")
    *_labels("referral.child.carer", "text", _ANY, None, [
        r"who (?:does|did) the child (?:usually |normally |currently )?live with\??",
        r"(?:the )?child'?s (?:main |primary |usual )?carers?",
    ]),
    *_labels("referral.criteria.abuse_or_neglect", "abuse", _ANY, CRITERIA, [
        r"is abuse or neglect known or suspected(?: to be a cause of the death or harm to the child)?\??",
        r"abuse(?: or |/| and/or )neglect(?: is)? known or suspected\??",
        r"is abuse or neglect (?:known|suspected)\??",
        r"abuse(?:/| or )neglect\??",
        r"is abuse or neglect(?: of the child)? known or suspected\??",
        # "Is abuse or neglect a known or suspected cause of the death or harm?"
        r"is abuse (?:or|and/or|/) ?neglect (?:a |an )?known or suspected (?:cause|factor)(?: (?:of|in) (?:the )?"
        r"(?:child'?s )?(?:death|harm|injur(?:y|ies))(?: or (?:serious )?(?:harm|injury))?)?\??",
    ]),
    *_labels("referral.criteria.agency_concern", "yesno", _ANY, CRITERIA, [
        r"is there (?:a )?cause for concern as to the way in which agencies(?: or other relevant persons)? "
        r"have worked together(?: to safeguard the child)?\?"
        r"?",
        r"(?:is there |are there )?(?:any )?concerns? (?:about|regarding|as to) (?:how"
        r"|the way) (?:in which )?agencies(?: have)? work(?:ed)? together(?: to safeguard the child)?\??",
        r"agencies working together\??", r"concerns? (?:about|re:?|regarding) (?:multi|inter)-?agency working\??",
        r"concerns? (?:about|re:?|regarding|over) (?:the )?agencies\??",
        r"concerns? (?:about|re:?|regarding|over) (?:multi-?agency |inter-?agency )?joint working\??",
        r"(?:multi-?agency |inter-?agency )?joint working concerns?\??",
        r"(?:(?:is|are) there |there (?:is|are|was|were) )?(?:a |any |some )?(?:cause for )?concerns? (?:about"
        r"|regarding|as to|over|with|in relation to) (?:how |the way (?:in which )?)?(?:agencies|organisations"
        r"|professionals"
        r"|partners|services)(?: (?:or|and) (?:other relevant persons|professionals|organisations|partners|other "
        r"agencies))? (?:have |had )?(?:worked|working|work) together"
        r"(?: to safeguard "
        r"(?:the )?child(?:ren)?)?\??",
        r"concerns? (?:about|regarding|over) (?:inter|multi)-?agency (?:working|work|practice)\??",
        r"concerns? (?:about|re:?|regarding|over) agenc(?:y|ies) (?:working|work)(?: together)?\??",
        r"(?:multi|inter)-?agency (?:working |practice )?concerns?\??",
        r"(?:are you |is anyone |were you )?worried (?:about|with) (?:how|the way) (?:in which )?(?:agencies"
        r"|organisations|professionals|services) (?:have )?(?:worked|work) together\??",
        r"(?:are you |is anyone )?concerned (?:about|with) (?:how|the way) (?:in which )?(?:agencies|organisations"
        r"|professionals|services) (?:have )?(?:worked|work) together(?: to safeguard (?:the )?child(?:ren)?)?\??",
        # the criterion asked as learning, not concern: "Does the case highlight potential learning about how
        # agencies worked together?" (the rapid-review test is the same question)
        r"(?:(?:does|did|may|might|could|will) (?:the|this) case )?(?:highlights?|shows?|raises?|indicates?|suggests?"
        r"|offers?) (?:any )?(?:potential |possible )?learning (?:about|regarding|on|for|in relation to) (?:how "
        r"|the way (?:in which )?)(?:agencies|organisations|professionals|services|partners) (?:have |had )?"
        r"(?:worked|work|working) together(?: to safeguard (?:the )?child(?:ren)?)?\??",
        r"(?:is there )?(?:any )?(?:potential |possible )?learning (?:about|regarding|on|for|in relation to) (?:how "
        r"|the way (?:in which )?)(?:agencies|organisations|professionals|services|partners) (?:have |had )?"
        r"(?:worked|work|working) together(?: to safeguard (?:the )?child(?:ren)?)?\??",
    ]),
    # a terse "Agency concern?" only where a referral's criteria are asked (not in a return's own sections)
    *_labels("referral.criteria.agency_concern", "yesno", {"", REFERRER, CHILD, CRITERIA}, CRITERIA, [
        r"agency concerns?\??",
    ]),
    *_labels("referral.summary", "free", _ANY, SUMMARY, [
        r"summary of (?:the )?events", r"(?:event|incident) narrative", r"case outline",
        r"summary of (?:the )?(?:incident|circumstances)",
        r"brief summary of (?:the )?(?:incident|events|case)",
        r"details of (?:the )?incident",
        r"brief description of (?:the )?incident",
        # "Brief description of the serious incident and why you are referring": what happened and the reason, one
        # answer
        r"(?:brief |short )?description of (?:the )?(?:serious |critical )?(?:incident|events?|harm|injury|death)"
        r"(?:,? and (?:of )?(?:why|the reason) (?:you are|you're|you) (?:referring|making (?:this|the) referral))?",
        r"circumstances of (?:the )?(?:incident|death|harm)",
        r"reason for (?:the )?(?:referral|request)",
        r"what happened\??",
        r"description of (?:the )?(?:incident|events)",
        r"summary of what happened", r"(?:brief )?description of what happened", r"incident summary",
        r"case summary", r"summary of (?:the )?(?:serious |critical )?(?:incident|concerns?|case|harm|death)",
        r"details of (?:the )?(?:serious |critical )?(?:incident|harm|injury|death|event|concerns?)",
        r"outline of (?:the )?(?:incident|events|concerns?)",
        r"case outline", r"outline of (?:the )?case",
        r"please outline (?:the )?(?:events|circumstances|incident|what happened)(?: and (?:the )?circumstances)?"
        r"(?: relevant to (?:the )?above(?: categor(?:y|ies)| criteria)?)?",
        r"please (?:describe|summarise|give (?:a )?(?:brief )?(?:summary|description)(?: of)?) (?:what happened|the "
        r"incident|the events|the circumstances)",
        r"(?:please )?(?:describe|tell us) (?:briefly )?what happened",
    ]),
    *_labels("referral.summary", "free", {"", REFERRER, CHILD, FAMILY, CRITERIA, SUMMARY, AGENCIES, PROCESSES},
             SUMMARY, [r"summary", r"circumstances"], inline=True),
    # a bare "Brief summary" is the referral's anywhere but in a return's author or involvement lines, where it is
    # the summary of the agency's involvement ("3) Any involvement? - YES / 5) Brief summary - ...")
    *_labels("referral.summary", "free", {"", REFERRER, CHILD, FAMILY, CRITERIA, SUMMARY, AGENCIES, PROCESSES},
             SUMMARY, [r"brief summary"]),
    *_labels("agency_return.summary", "free", {AUTHOR, INVOLVEMENT}, INVOLVEMENT, [r"brief summary"]),
    # --- agency return (Individual Agency Summary / rapid review agency information)
    *_labels("case_ref", "case_ref", _ANY, None, [
        r"case ref(?:erence)?(?: number| no\.?)?",
        r"cspr ref(?:erence)?",
        r"rapid review ref(?:erence)?",
        r"review ref(?:erence)?",
        r"partnership ref(?:erence)?",
        r"our ref(?:erence)?",
        r"your ref(?:erence)?",
        r"reference(?: number)?",
        r"ref",
    ]),
    *_labels("agency_return.agency", "text", _ANY, None, [
        r"name of (?:your )?(?:agency|organisation)",
        r"agency name",
        r"agency(?:/organisation)? completing (?:this )?(?:form|return)",
        r"responding agency", r"organisation name", r"agency(?:/| or )organisation",
        r"which (?:agency|organisation|service) are you (?:responding|replying|answering|writing) (?:for|on behalf of)"
        r"\??",
    ]),
    # "Child | Child A (DOB ...)" above it on a return: the agency row is still the return's own
    *_labels("agency_return.agency", "text", {AUTHOR, "", CHILD}, None, [r"agency", r"organisation", r"service"]),
    *_labels("agency_return.author.name", "text", _ANY, AUTHOR, [
        r"name of (?:the )?(?:author|person completing(?: this| the)? (?:form|return|report|summary))",
        r"author(?:'s name)?",
        r"completed by", r"report author", r"form completed by", r"name of report writer", r"author name",
        r"person completing(?: (?:this|the) (?:form|return|report|summary))?", r"completed and returned by",
        r"author of (?:this|the) (?:summary|return|report|form)",
        # one answer for the whole person: read apart by parsers/person_lines.py
        r"name,? (?:job title|role)(?:,)? and contact details of (?:the )?(?:person|officer|practitioner) completing"
        r" (?:this|the) (?:form|return|report|summary)",
    ]),
    *_labels("agency_return.author.name", "text", {AUTHOR}, None, [_NAME, "name"]),
    *_labels("agency_return.author.role", "text", {AUTHOR}, None, [
        _ROLE, r"author'?s? role", r"rank role", r"rank",
    ]),
    *_labels("agency_return.author.email", "text", {AUTHOR}, None, [_EMAIL]),
    *_labels("agency_return.author.phone", "text", {AUTHOR}, None, [_PHONE]),
    # a case system's field names, each qualified by whose it is: "Author Job Title", "Author Telephone"
    *_labels("agency_return.author.role", "text", _ANY, AUTHOR, [rf"author'?s? (?:{_ROLE})"]),
    *_labels("agency_return.author.email", "text", _ANY, AUTHOR, [rf"author'?s? (?:{_EMAIL})"]),
    *_labels("agency_return.author.phone", "text", _ANY, AUTHOR, [rf"author'?s? (?:{_PHONE})"]),
    # No author heading: "Completed by" names the author and "Contact email/telephone" reach them.
    *_labels("agency_return.author.email", "text", {AUTHOR, "", INVOLVEMENT}, None, [r"contact e-?mail(?: address)?"]),
    *_labels("agency_return.author.phone", "text", {AUTHOR, "", INVOLVEMENT}, None, [
        r"contact (?:tel(?:ephone)?|phone)(?: no\.?| number)?",
    ]),
    *_labels("agency_return.summary", "free", {AUTHOR, INVOLVEMENT, SIGNOFF}, INVOLVEMENT, [r"summary"], inline=True),
    *_labels("agency_return.involved", "yesno", _ANY, INVOLVEMENT, [
        r"has (?:your|the) (?:agency|organisation|service) (?:had|have) (?:any )?involvement(?: with (?:the )?(?:child"
        r"|family|child or family|child and family|child/family|subject))?\??",
        r"(?:was|is) (?:your|the) (?:agency|organisation|service) involved(?: with (?:the )?(?:child|family"
        r"|child or family|child/family))?\??",
        r"agency involvement(?: with (?:the )?(?:child|family|child/family))?(?: \(?yes/no\)?)?\??",
        r"involvement with (?:the )?(?:child|family|child/family|child or family)\??",
        r"(?:was|were) the child(?: or family| and family|/family)? known to (?:your|the) (?:agency|service"
        r"|organisation)\??",
        r"known to (?:your|the) (?:agency|service|organisation)\??", r"any involvement\??",
        r"known to us\??",  # a return typed as a reply: "Known to us: YES, from 24/07/25 to 21/11/26"
        r"involved with (?:the )?(?:child|family|child/family|child or family|child and(?: their)? family)"
        r"(?: (?:in|during) the (?:review )?period)?\??",
        r"(?:did|has) (?:your|the) (?:agency|organisation|service|team) (?:have|had) (?:any )?contact with (?:the )?"
        r"(?:child|family|child or family|child and(?: their)? family|child/family)\??",
        # a forms service asks it as a question: "Has your organisation been involved with the child or family?"
        r"(?:has|have) (?:your|the) (?:agency|organisation|service|team) been involved(?: with (?:the )?(?:child"
        r"|family|child or family|child and(?: their)? family|child/family|children))?\??",
    ]),
    # a spreadsheet's "Involved (Y/N)" on a return (the bare word is not a label: "(still involved: Yes)" in a line)
    *_labels("agency_return.involved", "yesno", {AUTHOR, "", INVOLVEMENT}, INVOLVEMENT, [r"involved \(y/?n\)"]),
    # ... or asked "Involved? Yes - registered patient; seen from ...": the word as a question of its own (not
    # "Involved:", which an agencies list's "still involved: Yes" splits into)
    *_labels("agency_return.involved", "yesno", {AUTHOR, "", INVOLVEMENT}, INVOLVEMENT, [r"involved\?"]),
    # a reply typed to the request in the writer's own words: "What we did: ...", "Since the incident: ..."
    *_labels("agency_return.summary", "free", {AUTHOR, "", INVOLVEMENT}, INVOLVEMENT, [
        r"what (?:we|our (?:agency|service|team)|the (?:agency|service|team)) did",
        r"what (?:we|our (?:agency|service|team)|the (?:agency|service|team)) knew(?: (?:of|about) (?:the )?"
        r"(?:child|family|children))?",
    ], inline=True),
    *_labels("agency_return.immediate_actions", "free", {AUTHOR, "", INVOLVEMENT}, None, [
        r"since the incident", r"what (?:we|the (?:agency|service)) (?:have|has) done since(?: the incident)?",
        # a return typed as "Summary: ... / Actions: ... / Learning: ...", one line each
        r"actions",
    ], inline=True),
    *_labels("agency_return.period", "period", _ANY, INVOLVEMENT, [
        r"period of (?:involvement|contact)",
        r"dates? of involvement",
        r"period covered",
        r"involvement period",
        r"timeframe of involvement",
        r"dates? of contact", r"period of contact",
        # "Whether you were involved, and the dates of your involvement": a yes and the period in one answer
        r"whether (?:you|your (?:agency|organisation|service)) (?:were|was) involved,? and the dates?"
        r"(?: of (?:your |the )?involvement)?",
    ]),
    *_labels("agency_return.involvement_from", "date", _ANY, INVOLVEMENT, [
        r"involvement (?:from|start(?:ed)?(?: date)?)", r"involved (?:from|since)",
        r"date of first (?:contact|involvement)",
        r"start of (?:involvement|contact)",
        r"first contact(?: (?:in|during) the (?:review )?period)?",
        r"earliest contact", r"date of earliest contact",
        r"start date(?: of involvement)?",
    ]),
    *_labels("agency_return.involvement_from", "date", {INVOLVEMENT}, None, [r"from"]),
    # "Period: 07/02/2026 - 14/11/2026" on a return typed as "Label: value" lines
    *_labels("agency_return.period", "period", {"", AUTHOR, INVOLVEMENT}, INVOLVEMENT, [r"period"]),
    # "Involvement: ☐ Yes ☒ No" (a heading alone, a yes/no question with its answer beside it)
    *_labels("agency_return.involved", "yesno", {"", AUTHOR, INVOLVEMENT}, INVOLVEMENT, [r"involvement"]),
    *_labels("agency_return.involvement_to", "date", _ANY, INVOLVEMENT, [
        r"involvement (?:to|until|end(?:ed)?(?: date)?)", r"involved (?:to|until)", r"end of (?:involvement|contact)",
        r"date of (?:last|most recent) (?:contact|involvement)",
        r"last contact(?: (?:in|during) the (?:review )?period)?",
        r"latest contact", r"date of latest contact",
        r"end date(?: of involvement)?",
    ]),
    *_labels("agency_return.involvement_to", "date", {INVOLVEMENT}, None, [r"to", r"until"]),
    *_labels("agency_return.summary", "free", _ANY, INVOLVEMENT, [
        r"(?:brief )?summary of (?:your |the )?(?:agency'?s? )?(?:involvement|contact)(?: with (?:the )?(?:child|family"
        r"|child and family|child/family))?",
        r"brief summary of (?:agency )?involvement",
        r"chronology(?: of (?:key )?(?:events|involvement))?",
        r"summary of agency involvement",
        r"(?:agency )?involvement summary", r"overview of (?:agency )?involvement",
        r"details of (?:agency )?involvement",
        r"an? (?:brief )?summary of (?:your |the )?(?:agency'?s? |organisation'?s? )?involvement",
        r"(?:please )?summari[sz]e (?:your|the) (?:agency'?s?|organisation'?s?|service'?s?|team'?s?) involvement"
        r"(?: with (?:the )?(?:child|family|child and family|child or family))?\??",
    ]),
    *_labels("agency_return.immediate_actions", "free", _ANY, None, [
        r"immediate (?:safeguarding )?actions?(?: taken| required| identified)?(?: by (?:your|the) agency)?",
        r"any immediate actions?(?: taken)?",
        r"actions? (?:already )?taken(?: by (?:your|the) agency)?"
        r"(?: since(?: the (?:incident|referral|death|event))?| so far| to date)?",
        r"immediate action(?:s)? to safeguard",
        r"actions? since the (?:incident|referral|death|event)",
        r"what immediate actions? (?:has|have) (?:your|the) (?:agency|service|organisation) taken\??",
        r"what immediate actions? (?:has|have) been taken\??",
        r"what (?:has|have) (?:your|the) (?:agency|organisation|service|team) (?:already )?done(?: so far)?\??",
        r"what (?:have you|has (?:your|the) (?:agency|organisation|service|team)) done since(?: the incident| the "
        r"referral)?\??",
    ]),
    *_labels("agency_return.learning", "free", _ANY, None, [
        r"(?:initial |emerging |key |any |early )?learning"
        r"(?: (?:already |so far )?identified(?: so far| to date| at this stage)?| points?| for (?:your|the) agency|"
        r" so far| to date)?",
        r"lessons learn(?:ed|t)",
        r"what (?:could|might) have been done differently\??",
        r"what (?:might|can|could|should|will) (?:we|you|agencies|your agency) learn(?: from (?:this|it))?\??",
        r"good practice and learning",
        r"learning (?:and|&) good practice",
        r"what learning (?:has been|have you|has your (?:agency|organisation|service)) identified(?: so far)?\??",
        r"what learning (?:do|can) you (?:see|identify)(?: at this stage| so far| now)?\??",
    ]),
    *_labels("agency_return.records_secured", "yesno", _ANY, None, [
        r"(?:have|has) (?:the |all )?(?:your |your agency'?s? |the agency'?s? )?(?:relevant )?records? been secured\??",
        r"records? secured\??",
        r"records? (?:have been )?secured and retained\??",
        r"are records secured\??",
        r"whether (?:your |the |all )?(?:relevant )?records (?:have|has) been secured\??",
    ]),
    # "Records: secured." typed in a reply: its own line, so the learning above it ends there
    *_labels("agency_return.records_secured", "yesno", {AUTHOR, "", INVOLVEMENT}, None, [r"records"], inline=True),
    *_labels("agency_return.signed_off_by", "text", _ANY, SIGNOFF, [
        r"signed off by",
        r"(?:line |senior )?manager(?:'?s)? (?:sign[- ]?off|authori[sz]ation|approval)(?: by)?",
        r"authori[sz]ed by",
        r"approved by", r"agreed by",
        r"quality assured by", r"qa'?d by",
        r"sign[- ]?off(?: by)?(?: \(?manager\)?)?",
        r"name of (?:line |senior )?manager(?: signing off)?",
        r"(?:line |senior )?manager signing (?:it |this |the return )?off",
        r"countersigned by",
        r"who signed (?:the|this|your) (?:return|form|report|information) off(?:,? and (?:the|when|on what) date)?",
        r"signed off",
        r"(?:senior |line )?manager who (?:has )?(?:quality assured|signed off|approved|authorised)"
        r"(?: this (?:information|return|form|report))?",
        r"name of (?:the )?(?:line |senior )?manager (?:who )?(?:signed|signing) (?:this|the (?:return|form)|it) "
        r"off",
    ]),
    # "Manager | Felicity Yeo" in a return's small table: only after a return's own heading or question (a referral's
    # "Manager" is the referrer's), and only with its answer beside it ("Service Manager" alone is someone's role)
    *_labels("agency_return.signed_off_by", "text", {AUTHOR, INVOLVEMENT, SIGNOFF}, SIGNOFF, [
        r"(?:line )?manager(?:'?s? name)?",
    ], inline=True),
    *_labels("agency_return.date_completed", "date", _ANY, None, [
        r"date (?:form |return |report )?completed",
        r"date of completion",
        r"completion date",
        r"date return (?:submitted|sent)",
        # the day the return was signed off: "Authorised Date" in a case system's export, "Date approved"
        r"(?:authori[sz]ed|approved|signed off|sign[- ]off|agreed) (?:date|on)",
        r"date (?:authori[sz]ed|approved|signed off|agreed)",
    ]),
    *_labels("agency_return.date_completed", "date", {SIGNOFF, AUTHOR}, None, [r"date", r"completed(?: on)?"]),
]

# Repeating tables: a header row whose cells match at least `need` of these columns identifies the table.
COLUMNS: dict[str, dict[str, re.Pattern[str]]] = {
    "family": {
        "name": re.compile(r"^(?:(?:full )?name|related person|family member|household member)", re.I),
        # "Link to subject": a police form's word for the relationship
        "relationship": re.compile(r"relationship|^link to (?:the )?(?:subject|child)|^relation to", re.I),
        "date_of_birth": re.compile(r"^(?:d\.? ?o\.? ?b\.?|date of birth|age/dob|dob/age|birth|born$)", re.I),
        "address": re.compile(r"address|^lives at$|^where (?:they|he|she) lives?$", re.I),
        "ethnicity": re.compile(r"ethnic", re.I),
    },
    "agencies": {
        # "Contact name" / "Contact person" names the worker, not how to reach them
        # "Officer / worker": a police or probation form's word for the named worker
        "name": re.compile(r"^(?:name|professional|practitioner|worker|officer|"
                           r"(?:contact|lead|key|named) (?:name|person|worker|professional|practitioner)|"
                           r"name of (?:contact|worker|professional|practitioner))",
                           re.I),
        "agency": re.compile(r"^(?:agency|organisation|service)", re.I),
        "contact": re.compile(
            r"contact(?!\s*(?:name|person)\b)|^(?:tel(?:ephone)?|phone)\s*(?:/|and|&|or)\s*e-?mail|"
            r"^e-?mail\s*(?:/|and|&|or)\s*(?:tel|phone)", re.I
        ),
        # "Still working with the family?": the same question in other words
        # "Active (☒)": the column's mark named after it
        "still_involved": re.compile(r"still involved|currently involved|involved\?|involved now\??|still open|"
                                    r"^current(?:ly)? involve(?:d|ment)$|"
                                    r"^(?:active|open)\??(?:\s*\([^()]{0,20}\))?$|^open\s*(?:/|or)\s*closed\??$"
                                    r"|^still (?:working|works) with (?:the )?(?:child|family|children)"
                                    # a case system's involvement list: "Status" holds OPEN / CLOSED, Current / Ended
                                    r"|^(?:case |involvement )?status$|^involvement$", re.I),
    },
    "processes": {
        "process": re.compile(r"^(?:(?:other|parallel|linked) )?(?:process|proceedings|type of process)", re.I),
        # "Where it has got to", "Current position": the column of each process's stage
        "status": re.compile(r"status|stage|progress|where (?:it|things) (?:has|have|is|are) got to|current position",
                             re.I),
    },
}
TABLE_KEYS = {"family": ("relationship",), "agencies": ("agency",), "processes": ("process",)}

_HEADINGS: list[tuple[str, list[str]]] = [
    (REFERRER, [r"(?:the )?referrer", r"referrer'?s? (?:details|information)", r"details of (?:the )?referrer",
                r"(?:details of )?(?:the )?person making the referral", r"referring agency(?: details)?",
                r"your details", r"about you", r"referral made by", r"about the referrer",
                r"(?:the )?(?:person|professional|officer) referring",
                r"(?:details of )?(?:the )?(?:person|professional|practitioner|agency) (?:making|notifying|submitting|"
                r"completing)(?: (?:the|this) (?:referral|notification|form))?", r"notifier'?s? details", r"notifier",
                r"(?:details of )?(?:the )?notifying (?:agency|professional|person)", r"referrer and agency details",
                # a police form's block for the officer referring
                r"(?:the )?(?:referring |reporting |notifying )?officer(?:'s)?(?: details)?"]),
    (CHILD, [r"details of (?:the )?child(?: or young person|/young person)?", r"child(?:'s)? details",
             r"child(?:\s*/\s*| or )young person", r"child", r"young person",
             r"child(?:/| or )young person(?:'s)? details", r"subject child(?: details)?",
             r"(?:information )?about the child", r"the child", r"subject'?s? details",
             r"details of (?:the )?subject",
             # an NHS incident system's (Datix-style) "Person affected (patient)", "Patient details"
             r"(?:the )?(?:person|patient|child) affected", r"patient(?:'s)? details"]),
    (FAMILY, [r"composition of (?:the )?family(?: and significant others)?", r"family composition",
              r"family(?: members| details)?(?: and significant others)?",
              # a list asked for as a question or an instruction: "List the child's family members (name, ...)"
              r"(?:please )?(?:list|give details of|name|who are) (?:all )?(?:of )?(?:the )?(?:child'?s |their )?"
              r"(?:family members|household members|family)",
              r"family(?: members)?(?:\s*/\s*| (?:and|&|or) )significant (?:others|adults)",
              r"household(?: members| composition)?(?: and significant (?:others|adults))?",
              r"family (?:and|&) household(?: members)?", r"household (?:and|&) family(?: members)?",
              # a police system's people linked to the occurrence
              r"linked (?:persons|people|individuals)", r"persons linked(?: to (?:the )?(?:child|occurrence|case))?",
              r"significant (?:others|adults)", r"relationships",
              # the heading asked as a question: "Who else is in the child's family or household?"
              r"who else is in the child'?s (?:family|household)(?: or (?:family|household))?\??",
              r"who (?:else )?lives with the child\??"]),
    (CRITERIA, [r"(?:rapid review |cspr |review )?criteria(?: for (?:a )?(?:rapid review|review|cspr))?",
                r"does the case meet the criteria\??"]),
    (AGENCIES, [r"other information", r"other agencies(?: involved)?", r"professionals involved",
                r"agencies involved(?: with (?:the )?(?:child|family|child or family|child and(?: their)? family))?",
                r"(?:other )?(?:agencies|professionals) (?:known to (?:be )?|currently |who are |also )involved"
                r"(?: with (?:the )?(?:child|family))?",
                r"agency involvement with the child", r"(?:other )?agencies", r"(?:other )?professionals",
                r"(?:other )?services involved", r"professional network", r"involved professionals", r"others involved",
                r"who else knows the (?:family|child)", r"(?:agencies|professionals) who know the (?:family|child)",
                r"other agencies (?:and|&) (?:other |parallel )?processes(?: involved)?",
                r"which (?:other )?agencies (?:know|are involved with|work with) the (?:child|family)\??"]),
    # "Processes" alone on its line, as "Agencies" is, in a form that heads each part with one word
    (PROCESSES, [r"(?:other )?processes", r"parallel processes", r"linked processes", r"other (?:statutory )?processes",
                 r"(?:other |parallel |ongoing )(?:investigations|proceedings)(?: and processes)?",
                 r"other (?:processes|investigations) (?:underway|ongoing|in progress)",
                 r"are (?:there )?(?:any )?other processes (?:under ?way|ongoing|in progress)\??"]),
    (AUTHOR, [r"author(?:'s)? details",
              r"details of (?:the )?(?:author|person completing (?:this|the) (?:form|return))", r"completed by",
              r"agency details", r"about your agency", r"respondent details"]),
    (INVOLVEMENT, [r"(?:agency )?involvement", r"summary of involvement",
                   r"involvement with (?:the )?(?:child|family)"]),
    (SIGNOFF, [r"(?:management |manager(?:'s)? )?sign[- ]?off", r"authorisation", r"declaration",
               r"quality assurance"]),
]
HEADINGS = [
    # a heading may end with its guidance in brackets: "Other processes (e.g. police, coroner, CDOP)"
    # ... or a dash where a colon would be ("Family –", a form typed into an email), or a question mark where every
    # line of the form is a question ("Family?" over its members, as "Role? GP Partner" above it)
    # (one bracket inside the guidance: "Family members (name (relationship), DOB, address, ethnicity)")
    (section, re.compile(_PREFIX + r"(?:" + quotes("|".join(rx)) + r")(?:\s*\((?:[^()]|\([^()]{0,40}\)){0,80}\))?"
                         r"\s*(?:[:\-–—?]|\?:)?\s*$", re.I))
    for section, rx in _HEADINGS
]
# "Other agencies: none" on one line: a heading with its (empty) answer, which ends the narrative above it.
HEADINGS_WITH_VALUE = re.compile(
    _PREFIX + r"(?:" + "|".join(quotes("|".join(rx)) for _, rx in _HEADINGS) + r")\s*:\s*\S", re.I
)
# Instruction sentences that move us into a section without being a heading.
SECTION_HINTS = [
    (AGENCIES, re.compile(r"other agencies involved|agencies (?:who are|currently) involved", re.I)),
    (PROCESSES, re.compile(r"other processes|coroner'?s inquest|criminal proceedings", re.I)),
    (FAMILY, re.compile(r"composition of (?:the )?family|significant others", re.I)),
]

# Where a second label starts inside one line ("Name: Jo Bloggs Email: jo@x.gov.uk" from PDF text). Ties in length
# in alphabetical order, not a set's: the same pattern text in every process (bot/re_cache.py keeps it by text).
_ALL_SYNONYMS = "|".join(sorted(sorted({lab.synonym for lab in LABELS}), key=len, reverse=True))
INLINE_LABEL = re.compile(r"(?:(?<=\s)|^)(?:" + quotes(_ALL_SYNONYMS) + r")" + _TAIL + r":", re.I)
# One pass to reject cells that start with no label at all (most cells are values): keeps extraction fast.
ANY_LABEL = re.compile(_PREFIX + r"(?:" + "|".join(_body(lab.synonym) for lab in LABELS) + r")(?![\w'’])", re.I)


def _first_letter(synonym: str) -> str | None:
    """The letter every match of `synonym` starts with, or None when it may start with several."""
    depth = 0
    for ch in synonym:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            return None  # a top-level alternation: "e-?mail|secure e-?mail"
    return synonym[0].lower() if synonym[:1].isalpha() else None


# Labels by the first letter of their words, each list in LABELS order (the first of equal matches wins).
_STARTS = [_first_letter(lab.synonym) for lab in LABELS]
LABELS_BY_LETTER: dict[str, list[Label]] = {
    letter: [lab for lab, first in zip(LABELS, _STARTS, strict=True) if first in (letter, None)]
    for letter in {f for f in _STARTS if f is not None}
}
LABELS_ANY_LETTER = [lab for lab, first in zip(LABELS, _STARTS, strict=True) if first is None]
LABEL_START = re.compile(_PREFIX, re.I)
LABEL_ORDER = {lab: n for n, lab in enumerate(LABELS)}

