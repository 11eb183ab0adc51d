"""A case named by a word and its number ("case 002", "case-002", "case (002)", "case nr 2", "cases 2 and 3",
"case two", "our ref: 2026/2"): the numbers a reference finder reads as the subject's partnership's cases. For
spotting a second case only, never for choosing one.

What counts (README "Protection"): after "case" or "cases", a number with a mark between (`no.`, `nr`, `num`,
`number`, `n°`, `#`, `:`, a dash or underscore written against a word, brackets closed round the number, `ref`),
three or more digits, a year and number ("case 2026/2"), or a short number (1-2 digits, or a number word up to
ninety-nine) that ends the phrase: a full stop, a comma, the end of the line, "and" / "or" / "too" / "also" /
"as well" / "please" / "instead" / a sign-off ("thanks": an HTML line break is a space). A short number
that goes on into a noun is a count ("in this case 2 agencies", "case two weeks ago", "case 2 of 3") and is
none. After "ref" / "reference" / "our ref" / "your ref", a short number takes a mark word or '#' ("ref no 2"),
a longer one three digits or a leading zero ("ref (002)", "Ref. 575"): "ref (2)" and "ref 12" are footnotes.
A four-digit 19xx / 20xx alone is a year ("the case 2026 guidance"), a date never matches (the lookahead).
Also (stranger round 7): a quote or '=' is a mark (`case "002"`, `case=002`), the number may come before the year
(`case 002/2026`; `case 2/2026` is short: "11/2026" may be a month), an ordinal is its number (`case 2nd`), a
zero-padded number spelt digit by digit is one (`case 0 0 2`, `case zero zero two`). A colon alone is no label
before a count ("Just in case: 2 copies attached."), and after the idioms "just in case", "in any case", "in that
case", "in which case" a short number without a mark word is none. `#2` / `No. 2` without "case" are none here:
SECURITY's near misses are of the full reference (`NS-CSPR-2026-#2`, fields.py), not "No. 2 Acacia Avenue".
Across a line break (stranger round 8, a client wrapping at 72 columns): `#` is a mark ("case" / "#2") and a
short number ending the phrase names a case ("case" / "two.", "case" / "2."), but a short number then '.' or ')'
and text on its line opens a numbered list item ("for this case" / "2. Agencies to reply") and is none.
Lists and ranges (stranger round 10): "cases 1-3", "cases 1 to 3", "case 001–003" name every case in the range
(a dash only between two numbers that end there: "12-01-2026" is a date), "case no. 1 and no. 2", "the case
numbered 2"; a short number after the first needs its own mark or the phrase to end ("case #002 to 3 agencies").
A full reference's own continuation ("NS-CSPR-2026-001/002", "001 & 2") is read in fields.more_after_ref.
Stranger round 13, by class rather than by spelling: a number word 1-99 of any language whose case word is read
(number_words.py: "Fall zwei", "caso treinta y dos", "achos rhif dau", "case zwei") is put in digits and judged
by the same rules; any run of ASCII arrows or dots between word and number is a pause like the Unicode arrow
("case -> 2", "case ... 2"); a year in words joined to the number ("case twenty-six-002"); "case" with look-alike
signs for its letters ("ca$e", "Kase", "cas3", "c4se"). Not read: number words of the languages after those nine
(Swedish, Finnish, Czech, ...), "c@se" (a mail address to fields.py, taken out before any case is looked for).
Stranger round 14, by class again: any run of ASCII signs between word and number is a pause ("case.2", "case | 2",
"case <2>", "*case* 2"; not ',' nor the signs of sums and money: "case 1+1"), closing emphasis may follow the
number ("case **2**."), a letter may ("case 2a"); the case words' inflections and the nine languages' other words
for a case's file ("Falls", "Aktenzeichen", "fascicolo", "akta", "cazului"); ordinals as number words ("sprawa
druga", number_words.py); "dos", "uno", "tri" ... after "case" itself (no English sentence ends "case dos.").
Stranger round 16: any usual abbreviation of number / id in the ten languages is a mark ("case nbr 2", "case numb 2",
"Fall Az. 2"), glued to the case word or not ("caseno 2", "caseNo2", "casenumber 2", "caseref 2"); after "in" a bare
"no" is English's ("in case no 2 agencies reply" is a count).
Stranger round 19: a remark right after a short number, in brackets or after "on" ("case 2 (the sister)", "case 2
on Friday", "case 12 on Mosaic"), ends its phrase: the number names a case (intake sets aside one naming no case).
Stranger round 20, B2 (fix21b, fails safe): after "case" and digits or an English number word (not "one"), a short
number is a count or a measure only when what follows is ordinary prose's (_counts: a unit or measure sign, "N of M",
"2 or more", a rate, a plural verb, a noun phrase with a plural head: "in this case 12.0 FTE posts", "2:30", "two
weeks ago"); anything else ("case 2 - the sister", "case 2 in Mosaic", "case 2 is the sister") names case 2.
Stranger round 22, B1/B5 (fix23a): a plural noun after the number is read by what stands before "case" in its clause
(_frame): a count after "in this / each / her / the Smith case"; after "in case" or an opening "In the case" only
with a verb after the noun ("in case 2 papers are needed"); never after "the case" elsewhere, a preposition, a verb or
nothing ("the case 2 notes", "for case 2 papers", "Case 2 staff to action" name case 2). Units and measures count in
every frame ("the case 2 weeks ago", "2 sq m", "2 times the dose"); "case 2/3" names both; "2 (two) agencies",
"2 s47 enquiries", "2 A&E attendances", "2 criteria" are counts. A run of "case 2 - case 2 - ..." is read once.
"""

from __future__ import annotations

import re
from functools import cache

from parsers.number_words import AFTER_CASE, ENGLISH_HOMOGRAPHS, MAX_TOKENS, NUMBER_WORDS
from parsers.number_words import key as number_key

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS)} | {w: i + 10 for i, w in enumerate(_TEENS)}
WORD_VALUES |= {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_WORD = (r"(?:" + "|".join(_TENS) + r")(?:[\s-]?(?:" + "|".join(_UNITS) + r"))?|"
         + "|".join(sorted(_TEENS + _UNITS, key=len, reverse=True)))
# Ordinal words after "case" or before it ("case, second", "second case too"); "first" never (the case in hand)
_ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
_ORD_WORDS = "|".join(_ORDINALS)
# A roman numeral of two letters or more up to 99 ("case II", "Case iv", "case XII"): a single I, V or X is a
# pronoun, "versus" or an anonymised "Case X", never read.
_ROMAN = r"(?=[ivxlc]{2})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})(?![a-z])"
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# One number: a year and a number ("2026/2", "2026-002", in words "twenty-six-002"), digits, or a number word; a
# date ("2026-12-08", "2026.12.08", "08/12/2026") or a decimal is none (the lookahead after the digits).
_ZERO = r"(?:zero|oh|nought|nil)"
# A dash between two numbers (hyphen, the Unicode dashes, minus): a range when the second number ends there
# ("cases 1-3", "case 001\u2013003"); "12-01-2026" is a date, never one.
_RANGE_DASH = r"[-\u2010-\u2015\u2212]"
_DIGIT_WORD = r"(?:" + _ZERO + "|" + "|".join(_UNITS) + r")"
_NUMBER = (r"(?:(?P<year>20\d{2}) ?[-/_.\\] ?(?P<ynum>\d{1,4})|(?P<nnum>\d{1,4}) ?[-/] ?(?P<nyear>20\d{2})"
           r"|(?P<spaced>0(?:[ \u00a0]\d){1,3}|" + _ZERO + r"(?:[\s-]+" + _DIGIT_WORD + r"){1,3})(?![a-z])"
           r"|(?P<num>\d{1,4})(?:(?P<ord>st|nd|rd|th)|\.0{1,2}(?!\.?\d)|[a-z](?![a-z\d]|\.[a-z]))?"
           r"|(?P<thousand>(?:" + _WORD + r")\s+thousand(?:\s+and)?(?:\s+(?:" + _WORD + r"))?)(?![a-z])"
           r"|(?P<wyear>" + _WORD + r")[-/_.](?P<wnum>\d{1,4})(?![a-z])"
           r"|(?P<word>" + _WORD + r"|" + _ORD_WORDS + r")(?![a-z])"
           r"|(?P<roman>" + _ROMAN
           + r"))(?P<close>\s*[)\]\"'\u201d\u2019>}]|[*_|~]+)?"
           r"(?!\w|(?(num)/(?!\d{1,2}(?![\w/]|[.,]\d))|/)|[.,]\d"  # "case 2/3" reads on (round 22); "2/3/2026" none
           r"|(?(num)" + _RANGE_DASH + r"(?!\s*\d{1,4}(?![\w/-]|[.,]\d))|-))")
# Between the word and the number: spaces, ':', '#', '-', '_', an opening bracket or quote, '=' ("case=002"), and
# (stranger round 13) any arrow or ellipsis written in ASCII ("case -> 2", "case => 2", "case ~> 2", "case ... 2"),
# read as the Unicode arrow and ellipsis are (a space, ref_readings): a pause, so a short number must end the phrase
# ("case -> 2 agencies" is a count; _marked). Atomic, so a long run of dots or dashes is read once (no backtracking).
# A '>' opening a line is a quote mark, not an arrow ("the case" / "> 2. The police ...").
# (stranger round 14) Any other ASCII sign is a pause too, one or a run ("case.2", "case/2", "case | 2", "case ; 2",
# "case <2>", "case {2}", Outlook's plain-text bold "*case* 2", "_case_ 2"): a list of joiners is never complete.
# Not ',' (a comma before a count is a pause of its own: "in this case, 100" reads as before, _BREAK_PUNCT), and
# not the signs of sums and money ('+', '&', '$', '%', '@': "case 1+1" is arithmetic, SECURITY's not-read list).
_GAP = (r"(?>[\s_:#=\-(\[\"'\u201c\u2018~.;|*/\\<{}!?^`)\]]|(?<![\n\r])(?<![\n\r] )>|\.{2,}|\u2026)*")
# An arrow or an ellipsis in the gap: a pause, never a mark
_ARROWS = re.compile(r"[-=~]*>+|\.{2,}|\u2026")
# "case" in English and in the languages most written in English partnerships' mail besides it: Welsh "achos"
# (plural "achosion"), Polish "sprawa" (and its cases), Romanian "dosar"/"dosarul"/"cazul", French "dossier",
# Spanish/Portuguese/Italian "caso", Urdu "کیس" and "مقدمہ". Read with the English rules (a short number must
# end the phrase or have a mark: Welsh "achos 2 o blant" is "because 2 children", a count). Also (stranger round
# 10) the other EU languages' words: German "Fall"/"Akte" (English "a fall 2 weeks ago" is a count by the same
# rule), Dutch "zaak", Portuguese "processo", Spanish "expediente", Italian "pratica", French "affaire", Maltese
# "ka\u017c", Lithuanian "byla", Latvian "lieta", Czech/Slovak "p\u0159\u00edpad (\u010d.)", Croatian "slu\u010daj",
# Hungarian "\u00fcgy", Swedish "\u00e4rende", Finnish "tapaus", Estonian "juhtum", Greek, Bulgarian. The finder
# reads text with accents and look-alike letters folded (ref_readings), so the words are written as it reads them.
# French "cas" too (stranger round 13: "cas deux"), by the short-number rules ("CAS 2 referrals" is a count).
# The Greek and Bulgarian words as by_value reads them, written out: folding them here at import loaded the whole
# confusables table (34 ms of every `csprbot parse`, issue #12 item 6) for text that is mostly ASCII.
# tests/parsers/test_named_cases_words.py checks each against by_value of the word as written.
FOLDED_CASE_WORDS = {
    "\u03c5\u03c0\u03cc\u03b8\u03b5\u03c3\u03b7": "u\u03c0o\u03b8\u03b5o\u03b7",
    "\u03c5\u03c0\u03cc\u03b8\u03b5\u03c3\u03b7\u03c2": "u\u03c0o\u03b8\u03b5o\u03b7\u03c2",
    "\u0434\u0435\u043b\u043e": "\u0434e\u043bo",
    "\u0441\u043b\u0443\u0447\u0430\u0439": "c\u043by\u0447a\u0438",
}
_FOLDED_WORDS = "|".join(re.escape(w) for w in FOLDED_CASE_WORDS.values())
# (stranger round 14) With their inflections and the other words for a case's file in the nine languages whose
# number words are read: German "Falls", "F\u00e4llen", "Aktenzeichen", "Vorgang"; Italian "casi", "fascicolo",
# "pratiche"; Polish "akta", "sprawach", "sprawom"; Romanian "cazului", "dosarului", "cazuri".
_CASE_WORDS = (r"case[\s-]?files?|cases?|[ck][a@4][s$5z](?:e|3(?!\d))s?|matters?|referrals?|reviews?"
               r"|achos(?:ion)?|spraw(?:a|y|ie|\u0119|\u0105|ach|om|ami)?|dosar(?:ul(?:ui)?|e(?:le)?)?"
               r"|caz(?:ul(?:ui)?|uri(?:le)?)?|dossiers?|cas[oi]s?|cas"
               r"|\u06a9\u06cc\u0633|\u0645\u0642\u062f\u0645[\u06c1\u0647]"
               r"|falls?|f(?:a|\u00e4|ae)ll(?:e|en)|akten?(?:zeichens?)?|akta(?:ch)?|vorgang|vorgangs|zaak|zaken"
               r"|processos?|expedientes?|pratica|pratiche|fascicol[oi]|affaires?|ka[z\u017c]"
               r"|byl(?:a|os|\u0105|oje)|liet(?:a|\u0101)|p[\u0159r][\u00edi]pad(?:\s+[c\u010d]\.)?|slu[c\u010d]aj"
               r"|[u\u00fc]gy|[a\u00e4]rende|tapaus|juhtum|" + _FOLDED_WORDS
               + r"|kejs")
# (stranger round 13) "case" with look-alike signs for its letters, 'k' for 'c', '@' or '4' for 'a', '$', '5' or
# 'z' for 's', '3' for 'e' ("Kase 2", "ca$e 2", "cas3 2", "c@se 2"), and the Polish loan "kejs": "case" only, the
# other languages' words are read as written (and folded, ref_readings). A '3' ending the word before a digit is
# none ("cas32"). English words for case the fold does not reach ("kays", "kayce") are not read.
_ENGLISH_CASE = re.compile(r"(?:case[\s-]?files?|cases?|matters?|referrals?|reviews?|[ck][a@4][s$5z][e3]s?|falls?)",
                           re.I)  # and "fall", also English: "He had a fall once."
_CASE_ONLY = re.compile(r"cases?|[ck][a@4][s$5z][e3]s?", re.I)
# A comma, semicolon or ellipsis at the end of a line, before the number on the next ("case," / "002"): the
# line break is what parts them (a comma with no break after it is a pause before a count: "in this case, 100").
_BREAK_PUNCT = r"(?:(?:[,;]|\.{2,3}|\u2026)(?=[^\S\n\r]{0,8}[\n\r]))?"
# The words marking a number as a reference, in English and the nine languages, abbreviated or whole
# (stranger round 16: a list of spellings is never complete, so every usual abbreviation of number / reference /
# id): "no", "nos", "nr", "nbr", "nmbr", "num", "numb", "number(s)", "id", "n°", "nº", "n.o", "núm" and "numéro"
# (accents folded), "numer", "Nummer", "Az" (Aktenzeichen), Italian "rif", Polish "sygn", Welsh "rhif" and "cyf",
# Romanian "număr", Spanish "nro". English "ref" / "reference" is _NAMED's own key ("case ref", "caseref", "case.ref"):
# as a mark after any case word it would read a form's "Ref: 4521" under a subject ending "... referral" as a case.
_MARK_WORDS = (r"no|nos|nr|nrs|nbr|nbrs|nmbr|nmr|num|nums|numb|numbered|numbers?|id|ids|ident|identifier|"
               r"rif|n\.?[°º]|n\.o|numer|rhif|cyf|num[ée]ro|num[aă]r(?:ul)?|nummer|nro|az|sygn")
# What stands between the word and the number: a gap, perhaps "of", perhaps a mark word ("no.", "rhif", "numero")
_GAP_MARK = (r"(?P<gap>" + _BREAK_PUNCT + _GAP + r"(?:(?P<of>of)\s+" + _GAP + r")?"
             r"(?P<mark>(?:(?:" + _MARK_WORDS + r"|n|\u010d|sz(?:\u00e1m)?|\u03b1\u03c1|"
             r"\u043d\u043e\u043c\u0435\u0440|\u0646\u0645\u0628\u0631)"
             r"(?![a-z])\.?" + _GAP + r"){1,3})?)")
# (stranger round 16) A case word with its mark glued on, camel-case or not ("caseno 2", "caseNo2", "casenumber 2",
# "caseref 2", "caseid 2", "Fallnr. 2"): the word ends where a mark word begins that the number follows ("casen°2"
# is read "casen 2", the degree sign a space).
_GLUED = r"(?=(?:" + _MARK_WORDS + r"|n)(?![a-z]))"
# The word naming a case, what stands between it and the number, and the number. "case ref" is a case.
_NAMED = re.compile(
    r"(?<![^\W_]|-)(?P<key>(?P<casew>" + _CASE_WORDS + r")(?:(?![^\W\d_])|" + _GLUED + r")"
    r"|(?:(?:our|your|case|my|the)(?:[^\S\n\r]|[_\-.:/|#])*)?ref(?:erence)?s?(?![a-z])\.?)" + _GAP_MARK + _NUMBER,
    re.I)
# A case word, its gap and mark, then words that may be a number in another language ("Fall zwei", "caso dos",
# "achos rhif dau", "case zwei"): put in digits before the finder reads (_foreign_numbers).
# Compiled on first use (about a third of _NAMED's compile time): only a mail whose subject names a case is read
# for more cases by word (fields._refs_in), so a referral's `csprbot parse` never pays for it (issue #12).
@cache
def _foreign_at() -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_]|-)(?P<casew>" + _CASE_WORDS + r")(?:(?![^\W\d_])|" + _GLUED + r")" + _GAP_MARK
                      + r"(?P<words>[^\W\d_]+(?:(?:[^\S\n\r]+|[^\S\n\r]*-[^\S\n\r]*)[^\W\d_]+){0,"
                      + str(MAX_TOKENS + 1) + "})", re.I)



_TOKEN = re.compile(r"[^\W\d_]+")


def _foreign_numbers(text: str) -> str:
    """`text` with a number word of another language after a word for case put in digits ("Fall zwei" -> "Fall 2",
    "caso treinta y dos" -> "caso 32"): the longest run of up to four words that spells a number (number_words.py).
    Then the finder's own rules judge it as a short number (it must end the phrase or have a mark: "achos dau o
    blant", "because two children", is a count). A number word that is also an English word ("due", "once", "six",
    "sept") only after another language's word for case: "the review due, ..." and "in case once ..." are none."""
    def digits(m: re.Match[str]) -> str:
        tokens = list(_TOKEN.finditer(m.group("words")))
        for n in range(min(len(tokens), MAX_TOKENS), 0, -1):
            spelt = "".join(t.group(0) for t in tokens[:n])
            got = NUMBER_WORDS.get(number_key(spelt))
            if got is None or WORD_VALUES.get(spelt.lower()) is not None:
                continue  # English number words are _NUMBER's own ("case two")
            if number_key(spelt) in ENGLISH_HOMOGRAPHS and _ENGLISH_CASE.fullmatch(m.group("casew")) and not (
                    number_key(spelt) in AFTER_CASE and _CASE_ONLY.fullmatch(m.group("casew"))):
                return m.group(0)
            end = m.start("words") + tokens[n - 1].end()
            return text[m.start():m.start("words")] + str(got) + text[end:m.end()]
        return m.group(0)
    return _foreign_at().sub(digits, text)

_NUMBER_AT = re.compile(_NUMBER, re.I)
_DIGITS = {"zero": 0, "oh": 0, "nought": 0, "nil": 0} | {str(i): i for i in range(10)}
# The idioms "just in case", "in any case", "in that case", "in which case": a short number after them without
# a mark is a count or a new sentence ("Just in case: 2 copies attached."), never a case.
_IDIOM_BEFORE = re.compile(r"(?:\bjust\s+in|\bin\s+(?:any|that|which|either|such\s+a))\s+$", re.I)
# More numbers in a list after the first ("cases 2, 3 and 4", "case 2 & 3")
# ("case no. 1 and no. 2", "cases 1, 2") or a range ("cases 1-3", "cases 1 to 3", "case 001\u2013003", "1..3"): a
# range names every case in it (up to _RANGE_MAX; a longer one its two ends).
_LIST_GAP = re.compile(r"(?:[^\S\n\r]*(?P<range>" + _RANGE_DASH + r"{1,2}|\.{2,3}|\u2026|(?:to|through|thru|till|until)"
                       r"[^\S\n\r])|(?P<slash>[^\S\n\r]*/)|\s*(?:,\s*(?:and\s+|or\s+|&\s*)?|and\s+|or\s+|&\s*))"
                       r"[^\S\n\r]*(?P<fresh>cases?\s+)?"
                       r"(?P<mark>(?:no|nr|num|number|n[°º]|#)(?![a-z])\.?\s*)?", re.I)
_RANGE_MAX = 20
# (stranger round 16) "in case no ...": after "in" the English word "no" is no mark; (round 17, B2) with its dot
# too ("In case no. 2 is needed, let me know."): the number must still end the phrase ("... kept in case no. 2.")
_IN_BEFORE = re.compile(r"\bin\s+$", re.I)
_IN_CASE_NO = re.compile(r"no\.?\s*$", re.I)
# (stranger round 17, B2) Another system's own case numbering: a case-management, health or police records system
# named just before the case word ("LCS case id 4471", "EHM case number 2", "Niche case no 2"; round 19, B7: "RiO
# case no 2", "Eclipse case 2", "Early Help case no 2", "NHS case no. 2"), or a court's ("the family court case no.
# 2"): that system's record, never this partnership's case, so not read. Names only, no possessive ("Athena's case
# 2" is a child's case) and no agency words ("the police case 2", "CAMHS case 2" may be the case they referred):
# those stay read, and a number naming no case here is set aside by intake instead.
# (stranger round 19, B3) Not so a remark after the number, in brackets or after "on" ("case 2 (the sister)",
# "case 002 (Mosaic)", "case 12 on Mosaic"): it is read, and intake sets it aside only when it names no case of
# the partnership (bot/intake.py `_set_aside`). Any remark hid a real second case there, and a command applied to
# the wrong case is harm where a refusal costs a re-send.
SYSTEM_WORDS = (r"lcs|mosaic|liquid\s?logic|ehm|niche|athena|controcc|systm\s?one|emis|cpoms|capita\s+one|"
                r"frameworki|care\s?first|azeus|pnc|pnd|ccms|rio|eclipse|early\s+help|nhs")
_SYSTEM_BEFORE = re.compile(r"(?<![\w-])(?:" + SYSTEM_WORDS + r"|(?:family|crown|county|magistrates'?|youth)"
                            r"[^\S\n\r]+court|court)[^\S\n\r]*[-/]?[^\S\n\r]*$", re.I)
# (stranger round 19, B3) A remark right after a short number: a bracket or "on" and a word ("case 2 (ours)",
# "case 2 on Friday"): the number ends its phrase there, so it names a case (a count runs on into its noun). The
# sign '\u00a4' is what fields._refs_in leaves of a reference-like token it read already ("case 2 on CSPR")
_REMARK_AFTER = re.compile(r"[^\S\n\r]*(?:[(\[\u00a4]|on[^\S\n\r]+[^\W\d_])", re.I)
# (stranger round 20, B2; fix21b) The other way round, failing safe: after "case" (English, _CASE_ONLY) a short
# number in digits or an English number word is a count or a measure only when what follows says so, by the shape of
# ordinary prose rather than by a list of remarks (a list of remarks is never complete): a measure sign ("2%", "2:30",
# "2 x 3", "2k"), a unit ("2 kg", "2 pm", "2 FTE", "2 per cent"), "N of M" / "2 of them" / "2 or more" / "2 a week",
# a plural verb ("in case 2 are needed": a case named is one, "case 2 is"), or a noun phrase whose head is plural
# ("in this case 2 agencies", "12.0 FTE posts", "2 newly qualified social workers", "two weeks ago"). Anything else
# (a dash, a slash, '=', '|', quotes, "in Mosaic", "tomorrow", "is the sister", "needs the same", "Bea") leaves the
# number a case's: intake refuses a command naming a real case and sets aside one naming none (with a note).
_AFTER_TOKEN = re.compile(r"[^\S\n\r]*([^\W\d_](?:[\w'\u2019&-]*[^\W_])?(?:'s|\u2019s|s'|s\u2019)?|\d+|[^\w\s])",
                          re.I)
# A measure sign right after the number (or after a space): a percentage, a time, a multiplication, a degree
_MEASURE_SIGN = re.compile(r"[^\S\n\r]*(?:[%\u2030\u00b0]|:\d\d(?!\d)|[x\u00d7*][^\S\n\r]*\d"
                           r"|\+\d|p\.m\.|a\.m\.)|(?<=\d)[kmxhpg](?![^\W\d_])", re.I)
def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Units and measure words a count runs into in English prose, singular or not ("2 FTE", "2 kg", "2 pm")
_MEASURE_WORDS = _wordset(
    "fte wte pm am kg g mg mcg ml km cm mm mph ft lb lbs oz hr hrs h min mins sec secs yr yrs wk wks pc pct "
    "percent cent gbp eur usd bn million millions billion thousand thousands hundred hundreds dozen dozens "
    "people children staff police personnel men women feet teeth folk more fewer less others each apiece "
    "o'clock o\u2019clock "
    # the same counts in the read languages whose plurals do not end in 's' (round 13: "case -> 2 Wochen"); a
    # remark in those languages after English "case" is not read (left, RELIABILITY 7)
    "wochen tage monate jahre stunden kinder weken dagen maanden jaren uren kinderen giorni settimane mesi anni ore "
    "bambini dni tygodni miesi\u0119cy lat godzin dzieci")
# Words that are never the head of a count ending in 's' (the singular verbs a case name takes, function words,
# pronouns, sign-offs): "case 2 is the sister", "case 2 goes to panel", "case 2 - thanks"
_NOT_PLURAL = _wordset(
    "is was has does goes says seems belongs relates refers applies appears becomes involves requires includes "
    "remains gets stays sits lies links matches looks sounds fits wants makes takes comes means follows helps "
    "this his hers its ours yours theirs us yes thus plus as always perhaps sometimes besides across towards "
    "unless whereas afterwards thanks regards cheers less news series whereabouts pls")
# Words after which a count noun no longer follows: function words, the singular verbs, time words, sign-offs and
# the imperatives of a remark ("case 2 see notes"): the number is a case's
_STOP = _wordset(
    "the a an this that these those my your his her its our their some any no every each all both either neither "
    "i you he she it we they me him us them who whom which what whose one "
    "in on at for from to by with without of about re per via into onto under over after before since until till "
    "during against regarding concerning as like than between among through across within upon off out up down "
    "and or but nor so yet if when while because unless whereas though although "
    "is was are were be been being am has have had do does did will would shall should can could may might must "
    "not too also well please pls asap now then today tomorrow tonight yesterday later soon again only just still "
    "instead here there thanks thank cheers regards ok okay yes same likewise see check update add use read cc fyi "
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december next last")
# After "of" a count goes on ("2 of 5", "2 of them", "two of these"); "of the" takes a plural head next
_OF_COUNT = _wordset("them these those which whom us you all each")
_OF_DET = _wordset("the our their his her its my your")
# A rate: "2 a week", "2 per day", "2 each session"
_RATE_WORD = re.compile(r"(?:day|week|month|year|hour|night|session|visit|child|family|agency|annum|cent|fortnight|"
                        r"term|shift|minute)s?$", re.I)
# What a singular verb ending in 's' takes after it ("case 2 needs the same"): not what a plural noun does
_OBJECT = _wordset("the this that these those a an it him her them me us his their our my your")
_PLURAL_VERBS = _wordset("are were have do don't aren't weren't haven't remain")
_MODIFIERS_MAX = 4
# (stranger round 22, B1/B5; fix23a) Which of _MEASURE_WORDS are people, not units: "case 2 staff to action" names
# case 2 where "the case 2 kg" never would. With the plurals not ending in 's' a count runs into ("2 criteria", "2
# data", "2 phenomena"): plural heads, read by the phrase's frame (_frame) like "agencies".
_PEOPLE = _wordset("people children staff police personnel men women folk others")
_IRREGULAR_PLURALS = _wordset(
    "criteria data phenomena media bacteria alumni cattle sheep mice geese lice indices appendices matrices "
    "vertices stimuli fungi nuclei syllabi curricula memoranda strata errata minutiae")
# Units and measures a number is counted in whatever stands before "case" ("we closed the case 2 weeks ago", "in
# this case 2 times the dose", "2 sq m"): never a case's, after "the case" or "for case" too
_MEASURES = (_MEASURE_WORDS - _PEOPLE) | _wordset(
    "times sq sqm m m2 m\u00b2 metre metres meter meters mile miles inch inches yard yards foot litre litres liter "
    "liters gram grams kilo kilos kilogram kilograms pound pounds pence quid stone hour hours minute minutes second "
    "seconds day days week weeks month months year years night nights fortnight fortnights decade decades weekend "
    "weekends mins secs hrs yrs wks")


def _plural_head(word: str) -> bool:
    """A word a count runs into: a unit or a plural noun ("agencies", "hrs", "children's", "criteria")."""
    w = re.sub(r"(?:'s|\u2019s|'|\u2019)$", "", word.lower())
    if w in _MEASURE_WORDS or w in _IRREGULAR_PLURALS or w in _MEASURES:
        return True
    return (len(w) >= 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")) and w not in _NOT_PLURAL
            and w not in _STOP)


# "the case 2 minutes" are a meeting's: a time only before a word of time ("the case 2 minutes ago")
_TIME_AFTER = _wordset("ago later late early earlier after before past long")


def _unit(word: str) -> bool:
    """A unit or a measure ("sq", "m", "times", "weeks"); a capital letter alone is an initial ("case 2 M Smith")."""
    w = re.sub(r"(?:'s|\u2019s|'|\u2019|\.)$", "", word)
    return w.lower() in _MEASURES and (len(w) > 1 or w.islower())


# --- The phrase's frame (stranger round 22, B1/B5; fix23a) --------------------------------------------------------
# "the case 2 notes" names case 2; "in this case 2 notes were found" is a count: the same words after the number, so
# what stands before "case" in its own clause decides (up to three words back to a sentence sign or the line's start):
#  * "count": the case is already the one in hand or some case, so the number after it is what it counts: a
#    determiner other than "the" ("this", "that", "each", "her", "our", "one", "a", "any", "such"), a possessive
#    ("the former's case", "Amy's case"), or "the"/"a" + a word ("the Smith case", "a similar case", "the same case");
#  * "weak": "in case" (a conjunction: "in case 2 papers are needed"; or "file it in case 2 papers") and "In the
#    case" opening its clause: a count only when a plural noun and then a verb follow (a clause of its own); without
#    a verb ("in case 2 papers, thanks") the number names the case: ambiguous, refused, and the refusal says how to
#    write a count so it is not read as a case;
#  * "name": "the case" elsewhere ("see the case 2 notes"), a preposition ("for case 2 papers", "on case 2",
#    "re case 2"): the number names a case unless a unit, a measure, "N of M" or a rate follows;
#  * "bare": nothing or another word before ("Case 2 papers attached.", "See case 2 notes", "Also case 2 staff"):
#    as "name", but a role compound of round 12 ("Case 2 worker, North Shire" in a signature) stays a compound.
_FRAME_CUT = re.compile(r"[.!?;:()\[\]\"\u201c\u201d|\u2022<>\n\r]")
_FRAME_WORD = re.compile(r"[^\W\d_][\w'\u2019&-]*")
_SETTLED = _wordset(
    "this that these those each every either neither any which whichever what whatever such one her his their our "
    "my your its whose no another a an same own present current latter former particular specific individual "
    "latest similar single given typical most many some few several all both other")
_NAMING_PREPS = _wordset(
    "for on to re about with from at into onto under of regarding concerning per via by against over upon see")
_OPENERS = _wordset("as and but so then yet or also just even only")
_FRAME_BACK = 80


def _frame(text: str, start: int) -> str:
    """The frame of the case word at `start` (the comment above): "count", "weak", "name" or "bare"."""
    before = text[max(0, start - _FRAME_BACK):start]
    cut = max((c.end() for c in _FRAME_CUT.finditer(before)), default=0)
    words = [w.group(0).lower() for w in _FRAME_WORD.finditer(before, cut)][-3:]
    w1, w2, w3 = ([""] * 3 + words)[-1], ([""] * 3 + words)[-2], ([""] * 3 + words)[-3]
    if not w1:
        return "bare"
    if w1 == "in":
        return "weak"  # "in case 2 papers are needed" / "put it in case 2 papers"
    if w1 in _SETTLED or re.search(r"(?:'s|\u2019s|s'|s\u2019)$", w1):
        return "count"  # "in this case", "in each case", "in the former's case"
    if w1 == "the":
        return "weak" if w2 == "in" and (not w3 or w3 in _OPENERS) else "name"
    if w1 in _NAMING_PREPS:
        return "name"
    if w2 in ("the", "a", "an") or w2 in _SETTLED:
        return "count"  # "the Smith case", "a similar case", "her own case"
    return "bare"


# A role or a kind after "case N" (round 12's compounds that are no document of a case): kept a compound in a
# "bare" frame only ("Case 2 worker, North Shire")
_ROLE_AFTER = re.compile(
    r"\s+(?:law|stud(?:y|ies)|loads?|loading|work(?:ers?)?|holders?|managers?|management|officers?|planning|mix|"
    r"supervision|examples?|sample|type|kind|sort)\b", re.I)
# Words after a plural noun that are no verb of a clause: "in case 2 papers, not this one", "... too"
_NO_VERB = _wordset("not please pls thanks thank cheers regards too also attached enclosed below above here there "
                    "only again instead asap now today tomorrow")
_AUXILIARIES = _wordset("are were have had do did will would shall should can could may might must need don't "
                        "aren't weren't haven't hadn't won't wouldn't can't couldn't mustn't shouldn't remain")


def _verb_after(words: list[str]) -> bool:
    """A plural noun's clause goes on into a verb ("2 agencies replied", "2 papers are needed", "2 people turn
    up"): the next word is an auxiliary or a lower-case word that is no function word, sign-off or remark."""
    if not words:
        return False
    w = words[0]
    if w.lower() in _AUXILIARIES:
        return True
    return bool(re.fullmatch(r"[a-z][a-z'\u2019-]*", w)) and w not in _STOP and w not in _NO_VERB


def _counts(text: str, end: int, m: re.Match[str], ranged: bool, frame: str = "count") -> bool:
    """What follows the number at `end` makes it a count or a measure (the comment above _AFTER_TOKEN). `ranged`:
    a range or list was read before `end` ("Case 1-12 of the training pack": parts of something). `frame`: what
    stands before the case word (_frame): a plural noun is a count in a "count" frame, in a "weak" one only with a
    verb after it, in a "name" or "bare" one never (round 22, B1)."""
    if _MEASURE_SIGN.match(text, end) or (m.group("num") and _MEASURE_SIGN.match(text, m.end("num"))):
        return True  # "case 2%", "in case 2:30 is late", "case 2 x 3", "in this case 2k spent"
    words: list[str] = []
    at = end
    while len(words) < _MODIFIERS_MAX + 3 and (t := _AFTER_TOKEN.match(text, at)):
        words.append(t.group(1))
        at = t.end()
    if not words:
        return False
    first, rest = words[0].lower(), [w.lower() for w in words[1:]]
    if (m.group("ord") or (m.group("word") or "").lower() in _ORDINALS) and re.match(r"[^\W\d_]", first):
        return True  # an ordinal going on into a word is its own ("the case 2nd hearing"), as before round 20
    if _COMPOUND_AFTER.match(text, end) and (frame == "count" or (frame == "bare" and _ROLE_AFTER.match(text, end))):
        return True  # a noun of the case's own work as on main ("Case 2 worker, North Shire" in a signature)
    if _COMPOUND_AFTER.match(text, end) and frame != "weak":
        return False  # "the case 2 file", "for case 2 notes", "the case 2 review": case 2's (round 22, B1)
    if first == "o" and rest and re.match(r"[^\W\d_]", rest[0]):
        return True  # Welsh "2 o blant", "2 of children" (a count after any case word, round 16)
    if first in _PLURAL_VERBS:
        return True  # "in case 2 are needed": a case named is one ("case 2 is ...")
    if first == "of" and ranged:
        return True  # "Case 1-12 of the training pack is done."
    if first in ("of", "out") and rest:
        after = rest[1:] if first == "out" and rest[0] == "of" else rest
        if after and (after[0].isdigit() or after[0] in _OF_COUNT or WORD_VALUES.get(after[0])):
            return True  # "2 of 5", "2 out of 5", "two of them"
        if after and after[0] in _OF_DET:
            return any(_plural_head(w) for w in after[1:3])  # "2 of the agencies"; "2 of the sister" is none
        return False
    if first in ("or", "to") and rest and rest[0] in ("more", "so", "fewer", "less", "over", "above", "under"):
        return True  # "2 or more agencies", "2 or so families"
    if first in ("a", "an", "per", "each", "every") and rest and _RATE_WORD.match(rest[0]):
        return True  # "2 a week", "2 per day"
    for i, w in enumerate(words[:_MODIFIERS_MAX + 1]):
        low = w.lower()
        if _unit(w) and not (low == "minutes" and frame != "count" and (words[i + 1:] or [""])[0].lower() not in
                             _TIME_AFTER):
            return True  # "2 sq m", "2 times the dose", "the case 2 weeks ago": a measure in any frame
        if _plural_head(w):
            after = [x.lower() for x in words[i + 1:i + 3]] + ["", ""]
            if after[0] in ("a", "an", "per", "each", "every") and _RATE_WORD.match(after[1]):
                return True  # "2 nights a week", "2 pounds per day"
            # a singular verb taking an object is no count: "case 2 concerns the sister", "case 2 needs this"
            if after[0] in _OBJECT:
                return False
            if frame == "weak":  # "in case 2 papers are needed" / "in case 2 papers, thanks" (round 22, B1)
                return _verb_after(words[i + 1:])
            return frame == "count"  # "for case 2 papers", "the case 2 notes", "case 2 staff to action": a case's
        if i and w.isdigit() and re.match(r"[^\W\d_]", words[i - 1]):
            continue  # a number naming the modifier before it: "2 Section 47 enquiries", "2 Tier 3 services"
        if low in _STOP or not re.match(r"[^\W\d_]", w) or re.search(r"(?:'s|\u2019s)$", low):
            return False  # a function word, a sign, a number or a possessive: the number ended its phrase
    return False


# A short number going on into a time or "or more" is a measure, though ':' and "or" end a phrase elsewhere
_NOT_ENDED = re.compile(r"[^\S\n\r]*(?::\d\d(?!\d)|or[^\S\n\r]+(?:more|so|fewer|less|over|above|under)(?![^\W\d_]))",
                        re.I)


def _fail_safe(m: re.Match[str], foreign: bool) -> bool:
    """Round 20's rule is English's: "case" (or its look-alikes) and digits, an English number word or ordinal.
    Another language's case word ("caso 12 agencias") or number word put in digits, a roman numeral ("case XL
    sizes") and "one" ("in case one is needed": a pronoun) keep the older rule (the phrase must end)."""
    if not _CASE_ONLY.fullmatch(m.group("casew") or "") or m.group("roman") or m.group("thousand") is not None:
        return False
    if (m.group("word") or "").lower() == "one" or m.group("year") or m.group("nyear") or m.group("wyear"):
        return False
    return bool(m.group("num") or m.group("word")) and not (foreign and m.group("num"))


# (stranger round 17, B2) A number written in groups of three ("Niche case no 2 000 123"): one long number, no case
_GROUPED = re.compile(r"[ \u00a0]\d{3}(?![\d])")
# What may follow a short number for it to be a case's: the phrase ends there
# A line break in the gap (LF, CR, the Unicode separators): a short digit number after it may be a list item
_BREAK = re.compile(r"[\n\r\x0b\x0c\x85\u2028\u2029]")
_LIST_MARK = re.compile(r"\s*[.)][^\S\n\r]*[^\s.)]")
# "case two's file", "case 2's papers": the number owns what follows, so it names the case
_OWNS = re.compile(r"[ '\u2019]s(?![\w&])", re.I)  # not "2 s47 enquiries", "2 S&L assessments" (round 22)
# (stranger round 14) after closing emphasis or a bracket's close: "case **2**.", "case <2>."
_PHRASE_END = re.compile(r"[\s*_~|>}]*(?:$|[.!?;:,)\]\n]|&|(?:and|or|too|also|as well|please|pls|instead|thanks|"
                         r"thank you|"
                         r"cheers|regards)\b)", re.I)


def _value(m: re.Match[str]) -> tuple[int | None, int, bool]:
    """(year or None, number, short): short is 1-2 digits or a number word."""
    if m.group("year"):
        return int(m.group("year")), int(m.group("ynum")), False
    if m.group("nyear"):  # "case 2/2026", "case 002/2026": number first; "11/2026" may be a month, so it is short
        return int(m.group("nyear")), int(m.group("nnum")), len(m.group("nnum")) < 3
    if m.group("spaced"):  # "case 0 0 2", "case zero zero two": a padded number spelt out, not a count
        digits = [str(_DIGITS.get(d, WORD_VALUES.get(d, 0))) for d in re.split(r"[\s-]+", m.group("spaced").lower())]
        return None, int("".join(digits)), False
    if m.group("wyear"):  # "case twenty-six-002": a year in words joined to the number (a short year: 2026)
        return 2000 + _word_value(m.group("wyear")) % 100, int(m.group("wnum")), len(m.group("wnum")) < 3
    if m.group("num"):
        num = m.group("num")
        return None, int(num), len(num) < 3
    if m.group("roman"):
        return None, roman_value(m.group("roman")), True
    if m.group("thousand"):  # "case two thousand and two"
        thousands, _, rest = re.sub(r"\s+and\b", "", m.group("thousand").lower()).partition("thousand")
        return None, 1000 * _word_value(thousands.strip()) + _word_value(rest.strip()), True
    return None, _word_value(m.group("word")), True


def roman_value(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _word_value(word: str) -> int:
    spelt = re.sub(r"[\s-]+", "", word.lower())
    if spelt in _ORDINALS:
        return _ORDINALS.index(spelt) + 2
    tens = next((t for t in _TENS if spelt.startswith(t)), "")  # "twenty-one", "twenty one", "twentyone"
    return WORD_VALUES.get(tens, 0) + WORD_VALUES.get(spelt[len(tens):], 0)


def _marked(m: re.Match[str]) -> bool:
    """A mark between the word and the number: it is a label, not a count. Across a line break only a mark word
    counts: "...reviewed the case:" then "2. The police..." is a numbered list."""
    gap = _ARROWS.sub(" ", m.group("gap"))  # "case -> 2", "case ... 2": a pause, like "case \u2192 2"
    if m.group("mark"):
        return True
    if "#" in gap:  # "case #2", and across a line break "case" / "#2": a list item never starts with '#'
        return True
    if _BREAK.search(gap):
        return False
    if ":" in gap or "_" in gap or "=" in gap:
        return True
    if "-" in gap and not re.search(r"\s-+\s", gap):
        return True  # "case-2", "case -2"; "in this case - 2 agencies" is a pause
    return any(c in gap for c in "([\"'\u201c\u2018<{") and m.group("close") is not None


def _list_item(text: str, m: re.Match[str]) -> bool:
    """A short number after a line break that opens a numbered list item: digits, '.' or ')', then text on the
    same line ("the case" / "2. Agencies to reply"). "case" / "2." alone on its line, or "case" / "two." is a case."""
    return bool(m.group("num")) and _BREAK.search(m.group("gap")) is not None and (
        _LIST_MARK.match(text, m.end("num")) is not None)


# (stranger round 22, B5) A number restated in brackets after it ("2 (two) agencies", "two (2) agencies"): the
# bracket is no remark (round 19's "case 2 (the sister)"), the phrase is read on after it
_RESTATED = re.compile(r"[^\S\n\r]*\([^\S\n\r]*(?P<r>\d{1,2}|[a-z]+(?:[\s-][a-z]+)?)[^\S\n\r]*\)", re.I)


def _restated(text: str, end: int, value: int) -> int:
    """Where the phrase goes on after the number ending at `end`: past a bracket restating its `value`."""
    r = _RESTATED.match(text, end)
    if r is None:
        return end
    said = r.group("r")
    return r.end() if (int(said) if said.isdigit() else _word_value(said)) == value else end


def named_numbers(text: str) -> list[tuple[int | None, int]]:
    """Every (year or None, number) `text` names as a case by a word and a number (module docstring)."""
    return _reading(text)[0]


def named_numbers_work(text: str) -> int:
    """The steps `named_numbers(text)` takes (a case word read, a list item read): linear in the text's length
    (tests/reliability/test_adversarial_round23_refs.py; round 22 found "case 2 - case 2 - ..." re-read)."""
    return _reading(text)[1]


def _reading(text: str) -> tuple[list[tuple[int | None, int]], int]:
    out: list[tuple[int | None, int]] = []
    steps = 0
    system: list[tuple[int, int]] = []  # another system's record: its number is not read again as "No. 2 referral"
    spelt = _foreign_numbers(text)
    foreign, text = spelt != text, spelt
    for m in _NAMED.finditer(text):
        steps += 1
        key = re.sub(r"^case[\s_\-.:/|#]*ref", "case ref", re.sub(r"[\s_-]+", " ", m.group("key").lower()))
        case = m.group("casew") is not None or key.startswith("case ref")
        marked = _marked(m) or key.startswith("case ref")
        items = [_value(m)]
        if m.group("num") and re.fullmatch(r"(19|20)\d\d", m.group("num")):
            continue  # "the case 2026 guidance", "ref 2026"
        if m.group("num") and _GROUPED.match(text, m.end("num")):
            continue  # "case no 2 000 123": a long number in groups
        if _SYSTEM_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            system.append((m.start(), m.end()))
            continue  # "LCS case id 4471", "RiO case no 2": another system's record
        end = m.end()
        more_marked: list[bool] = [True]  # a number after the first has its own mark ("and no. 2") or none
        slashed = False
        while case and (gap := _LIST_GAP.match(text, end)) and (more := _NUMBER_AT.match(text, gap.end())):
            steps += 1
            year, num, short = _value(more)
            if year is None and more.group("num") and re.fullmatch(r"(19|20)\d\d", more.group("num")):
                break  # "cases 2 and 2026": a year
            first_year, first = items[-1][0], items[-1][1]
            ranges = gap.group("range") and first_year == year and 0 < num - first <= _RANGE_MAX
            if gap.group("fresh") and not ranges:
                break  # "case 2 - case 3": the next case word is read by its own match (read once: linear)
            if ranges:
                items += [(year, n, short) for n in range(first + 1, num)]  # "cases 1-3" names case 2 too
                more_marked += [gap.group("mark") is not None] * (num - first - 1)
            items.append((year, num, short))
            more_marked.append(gap.group("mark") is not None)
            slashed = slashed or gap.group("slash") is not None
            end = more.end()
            if gap.group("fresh"):
                break  # "case 1 to case 3": the range's end is its own case word's too
        end = _restated(text, end, items[-1][1])  # "in this case 2 (two) agencies"
        # a sign between the word and the number is a pause ("case -> 2 agencies", "*case* 2 agencies", "case: 2
        # copies"), and so is a run of spaces (the reader folds a sign to a space: "the case \u2192 2 agencies" is
        # read "the case   2 agencies"): read as before round 22, a count before a plural noun; a mark ("case #2")
        # names the case anyway
        frame = _frame(text, m.start()) if case and not re.search(r"\S|\s\s", m.group("gap")) else "count"
        ends_phrase = (_PHRASE_END.match(text, end) is not None and not _NOT_ENDED.match(text, end)) or (
            _OWNS.match(text, end) is not None) or (
            case and _REMARK_AFTER.match(text, end) is not None) or (  # "case 2 (the sister)", "case 2 on Friday"
            case and _fail_safe(m, foreign) and not _counts(text, end, m, len(items) > 1, frame))  # round 20 B2
        if slashed and frame == "count" and not marked:
            continue  # "in this case 2/3 of the agencies", "in each case 1/2 the staff": a fraction
        # ":" alone is no label before a count: "Just in case: 2 copies attached." (a number running on into a noun)
        colon_only = not m.group("mark") and not re.sub(r"[\s:]", "", _ARROWS.sub(" ", m.group("gap")))
        if case and colon_only and not ends_phrase:
            marked = key.startswith("case ref")
        idiom = case and _IDIOM_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
        if case and _IN_CASE_NO.match(m.group("mark") or "") and _IN_BEFORE.search(text, max(0, m.start() - 8),
                                                                                       m.start()):
            marked = False  # "in case no 2 agencies reply": "no" is English's, a count must end the phrase
        list_item = _list_item(text, m)
        labelled = bool(m.group("mark") or "#" in m.group("gap"))  # "ref no 2", "ref #2"
        if m.group("of") and not m.group("mark"):  # "case of 2", "case of 002"; "a case of 100 children" is none
            leading = (m.group("num") or "").startswith("0")
            items = [(y, n, short or not leading) for y, n, short in items]
            marked = False
        for (year, num, short), own_mark in zip(items, more_marked, strict=True):
            if case:  # a short number opening a list item on the next line is none ("the case" / "2. The police")
                # a short number after the first needs its own mark or the phrase to end: "case #2 to 3 agencies"
                ok = not short or (marked and own_mark and not (idiom and colon_only)) or (
                    ends_phrase and not list_item and not idiom)
            elif short:  # a ref: "ref 12", "ref (2)" are footnotes
                ok = labelled
            else:  # a ref: "ref 002", "Ref. 575", "ref: 0123", "our ref 2026/2"; an agency's own "ref: 4521" is none
                digits = m.group("num") or ""
                ok = labelled or year is not None or len(digits) == 3 or digits.startswith("0")
            if ok:
                out.append((year, num))
    return out + numbers_before(text, system), steps


# A number before the word ("the 002 case", "#2 case", "No. 2 case", "the 2nd case", "two case too"): a mark
# ('#', "No.", "number") or three digits with a leading zero name a case; otherwise the phrase must end after
# "case" (too, also, '.', end of line). "case" going on into a noun ("2 case reviews", "the 10 case files") and
# "cases" (a count) are none; "one case" is ordinary talk and never read. Also (stranger round 10): the number
# owning the case ("002's case"), in brackets ("(002) case", "the [2] case"; not opening its line, where "(2)
# Case closed." is a list item), joined by a dash ("002-case", "the -002 case"), a roman numeral of i, v, x in one
# letter case ("the II case"), and before "file", "review", "referral", "matter" a marked or zero-padded number
# only ("#002 file", "the 002 review"; "the 2 reviews", "#2 review" by the mark).
_BEFORE = re.compile(
    r"(?<![\w#])(?<![\w#]-)(?P<dash>-)?(?P<open>[(\[])?(?P<mark>#\s*|(?:no|nr|number)\.?\s*)?"
    r"(?P<n>\d{1,4}(?:st|nd|rd|th)?|(?!one\b)(?:" + _WORD + r"|" + _ORD_WORDS + r")|(?P<roman>" + _ROMAN + r"))"
    r"(?P<close>[)\]])?(?P<owns>[ '\u2019]s)?(?:[\s\u00a0]+|(?P<joined>-))"
    r"(?P<noun>case(?:[\s-]?file)?|files?|reviews?|referrals?|matters?)(?![\w-])", re.I)
# A zero-padded number joined to "case" by any run of signs (stranger round 12: "\u201c002\u201d case", "{002} case",
# "002: case", "002 \u2013 case", "002/case", "002_case", "002.case"): three padded digits are a case's own; not
# when they go on a longer number (a date "12.002", a time, "2026/002 case" read as a short reference elsewhere).
_PADDED_BEFORE = re.compile(r"(?<![\w])(?<!\d[-./:,])(?P<n>0\d\d)(?![\dA-Za-z])(?:[^\w\n\r]|_){1,6}"
                            r"case(?![\w-])", re.I)
_BEFORE_NOUN = re.compile(r"\s+(?:files?|notes?|numbers?|s\b)", re.I)
_COMPOUND_AFTER = re.compile(
    r"\s+(?:conferences?|reviews?|meetings?|discussions?|law|stud(?:y|ies)|loads?|work(?:ers?)?|holders?|"
    r"managers?|management|officers?|planning|audits?|mix|supervision|panels?|examples?|histor(?:y|ies)|files?|"
    r"notes?|sample|type|kind|sort)\b", re.I)
_LINE_START = re.compile(r"(?:^|[\n\r])[^\S\n\r]*$")


def numbers_before(text: str, skip: list[tuple[int, int]] | None = None) -> list[tuple[int | None, int]]:
    """Every (None, number) `text` names by a number before a case word, but those starting inside a `skip` span
    (another system's record, "NHS case no. 2 referral": its "No. 2 referral" is that record's number)."""
    out: list[tuple[int | None, int]] = []
    for m in _BEFORE.finditer(text):
        if any(a <= m.start() < b for a, b in skip or ()):
            continue
        number = m.group("n").lower()
        digits = re.match(r"\d+", number)
        if digits and re.fullmatch(r"(19|20)\d\d", number):
            continue  # "the 2026 case"
        if _COMPOUND_AFTER.match(text, m.end()) or _BEFORE_NOUN.match(text, m.end()):
            continue
        if (m.group("open") is None) != (m.group("close") is None):
            continue  # a bracket on one side only: "(see 2) case"
        if m.group("open") and _LINE_START.search(text, max(0, m.start() - 80), m.start()):
            continue  # "(2) Case closed." opening its line is a numbered item
        roman = m.group("roman")
        if roman and (not re.fullmatch(r"[ivx]+|[IVX]+", roman)):
            continue  # "the Li case" is a name, "the Mix case" a word
        value = int(digits.group(0)) if digits else roman_value(roman) if roman else _word_value(number)
        strong = m.group("mark") is not None or (digits is not None and number.startswith("0") and len(
            digits.group(0)) >= 3)
        if not m.group("noun").lower().startswith("case") and not strong:
            continue  # "the 2 reviews", "2 referral forms": a count
        if value and (strong or _PHRASE_END.match(text, m.end()) is not None):
            out.append((None, value))
    for m in _PADDED_BEFORE.finditer(text):
        if int(m.group("n")) and not _COMPOUND_AFTER.match(text, m.end()) and not _BEFORE_NOUN.match(text, m.end()):
            out.append((None, int(m.group("n"))))
    return out


_BOX_WORD = re.compile(r"(?<![\w-])(?:" + _WORD + r")(?![\w-])", re.I)
_BOX_ROMAN = re.compile(r"^(\W*(?:" + _CASE_WORDS + r")[\s:#.]*)(" + _ROMAN + r")", re.I)
_BOX_CASE = re.compile(r"^(\W*(?:" + _CASE_WORDS + r"))[\s:#.]*(?=\d{1,2}(?:st|nd|rd|th)?(?![\d/.-]))", re.I)


def as_case_box(value: str) -> str:
    """A return form's case-reference box as a finder reads it: the box asks for a case, so a short number after
    a leading "case" is its number ("Case 2 (Jamie Testcase)", "case 2nd", "Case II (Jamie Testcase)") and a number
    word is its digits ("NS CSPR 2026 two"). A bare "2" stays unread (agencies write their own references there)."""
    spelt = _BOX_WORD.sub(lambda w: str(_word_value(w.group(0))), value)
    spelt = _BOX_ROMAN.sub(lambda m: m.group(1) + str(roman_value(m.group(2))), spelt)  # "Case II (name)"
    return _BOX_CASE.sub(lambda m: m.group(1) + " no. ", spelt)



# --- A case named in words alone: "the other case", "another case", "the second case", "achos arall" -------------
# A command saying "Same for the other case" names a case that is not its subject's, without a number to check:
# it cannot be applied to the subject's case safely, so it is ambiguous (refused saying so, classify.py). What
# points away: "another case", "a different/separate/second case", and "the/that/those/his/her/their" + "other",
# "previous", "earlier", "former", "latter", "older", "prior", "last", "next", "first" ... "tenth", "2nd" ...
# + "case(s)", also with a possessive between ("the other child's case") and "the sibling's/brother's/sister's
# case"; Welsh "achos arall", "achosion eraill". What does not:
#  * "case" running into a compound noun of its own case's work: "the first case conference", "the second case
#    review", "a case study", "case law", "case worker" (the other case's *file*, *notes*, *number* or
#    *reference* still points away);
#  * after a copula, a description of the subject's own case: "this is the second case from the family", "it was
#    the first case we reviewed this year", "this is the other case I mentioned";
#  * "another case of neglect", "a second case where ...": one more instance of something, not a case named;
#  * the idioms never match: "in any case", "just in case", "in that case", "the case of", "this case", "the
#    same case", "other cases", "in both cases", "case by case".
_ORDINAL_WORDS = ("first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                  r"[1-9]\d?(?:st|nd|rd|th)")
_AWAY = r"other|previous|earlier|former|latter|older|prior|last|next|" + _ORDINAL_WORDS
_POSSESSIVE = r"(?:[a-z]+(?:'s|\u2019s|s'|s\u2019)\s+)"
_KIN = r"(?:sibling|brother|sister|twin|cousin|half[\s-]?(?:brother|sister|sibling))(?:'s|\u2019s|s'|s\u2019)"
_OTHER_CASE = re.compile(
    r"(?<![\w-])(?P<phrase>"
    r"(?P<indef>another|an?\s+(?:different|separate|second|2nd|third|3rd))\s+" + _POSSESSIVE + r"?cases?"
    r"|(?:the|that|those|his|her|their|its)\s+(?:very\s+)?(?:" + _AWAY + r")\s+" + _POSSESSIVE + r"?cases?"
    r"|(?:the\s+|his\s+|her\s+|their\s+)?" + _KIN + r"\s+cases?"
    r"|(?:yr\s+)?achos\s+arall|(?:yr\s+)?achosion\s+eraill"
    r")(?![\w-])", re.I)
# "case" running into a noun of the case's own work: a meeting, a document of this case, a kind of thing
_COMPOUND = re.compile(
    r"\s+(?:conferences?|reviews?|meetings?|discussions?|law|stud(?:y|ies)|loads?|loading|work(?:ers?)?|holders?|"
    r"managers?|management|officers?|planning|strategy|audits?|mix|supervision|consultations?|panels?|examples?|"
    r"scenarios?|histor(?:y|ies)|type|kind|sort|category)\b", re.I)
_DESCRIBES = re.compile(r"(?:\b(?:is|was|are|were|be|been|being|becomes?|became|remains?)|'s|\u2019s)\s+$", re.I)
_INSTANCE = re.compile(r"\s+(?:of|where|in\s+which|when|like|that\s+shows?)\b", re.I)


def other_case_words(text: str) -> list[str]:
    """Every phrase in `text` that names a case other than the one in hand without its number ("the other case",
    "another case", "the second case", "her brother's case"), as written (lower case, single spaces)."""
    out: list[str] = []
    for m in _OTHER_CASE.finditer(text):
        if _COMPOUND.match(text, m.end()):
            continue
        if _DESCRIBES.search(text, max(0, m.start() - 20), m.start()):
            continue
        if m.group("indef") and _INSTANCE.match(text, m.end()):
            continue
        phrase = " ".join(m.group("phrase").lower().split())
        if phrase not in out:
            out.append(phrase)
    return out


# --- A full reference with its number in words or roman numerals: "NS-CSPR-2026-two", "CSPR 2026 II" ----------
_REF_HEAD = (r"(?<![a-z0-9])((?:[a-z]{2,6}[\s\-_./#:]*)?cspr[\s\-_./#:,()]*(?:20)?\d{2}[\s\-_./#:,()]*"
             r"(?:n[o°º]\.?\s*|#\s*)?)")
_SPELT_REF = re.compile(_REF_HEAD + r"(" + _WORD + r"|" + _ROMAN + r")(?![\w-])(?=\s*(?:$|[^\w\s]|(?:and|or|too|also|as"
                        r"|please|pls|instead|thanks|thank|cheers|regards)\b))", re.I)


def spell_ref_numbers(text: str) -> str:
    """`text` with a full reference's number written in words or roman numerals put in digits ("NS CSPR 2026 two"
    -> "NS CSPR 2026 2"), for the reference finder. The number must end the phrase: "CSPR 2026 one-page summary"
    and "CSPR 2026 ten point plan" are no references. A reference spelt wholly in words, its letters perhaps
    spaced out ("N S C S P R twenty twenty-six zero zero two"), is put in digits too."""
    def digits(m: re.Match[str]) -> str:
        word = m.group(2)
        value = _word_value(word) if _WORD_ONLY.fullmatch(word) else roman_value(word)
        return m.group(1) + str(value)
    return _SPELT_REF.sub(digits, _WORDS_REF.sub(_words_ref_digits, text))


# A reference spelt wholly in words (stranger round 10): the letters one by one or together ("N S C S P R",
# "NS CSPR"), the year in words ("twenty twenty-six", "two thousand and twenty-six") and the number in words or
# digit by digit ("zero zero two", "two"); read as "NS CSPR 2026 002". The year in digits is _SPELT_REF's.
_SPACED_LETTERS = r"(?:[a-z](?:[\s.-][a-z]){1,5}|[a-z]{2,6})"
_YEAR_WORDS = (r"(?P<year>twenty[\s-]+(?P<yy>" + _WORD + r")|two[\s-]+thousand(?:[\s-]+and)?[\s-]+(?P<y2k>" + _WORD
               + r"))")
_WORDS_REF = re.compile(
    r"(?<![a-z0-9])(?:(?P<pre>" + _SPACED_LETTERS + r")[\s\-_./#:]*)?(?P<cspr>c[\s.-]?s[\s.-]?p[\s.-]?r)(?![a-z])"
    r"[\s\-_./#:,()]*" + _YEAR_WORDS + r"[\s\-_./#:,()]*(?:(?:n[o°º]|number)\.?\s*|#\s*)?"
    r"(?P<num>\d{1,4}(?!\d)|" + _ZERO + r"(?:[\s-]+" + _DIGIT_WORD + r"){1,3}|" + _WORD + r")(?![\w-])"
    r"(?=[^\S\n\r]*(?:$|[\n\r]|[^\w\s]|(?:and|or|too|also|as|please|pls|instead|thanks|thank|cheers|regards)\b))",
    re.I)


def _words_ref_digits(m: re.Match[str]) -> str:
    year = 2000 + _word_value(m.group("yy") or m.group("y2k"))
    if m.group("yy"):
        year = 100 * 20 + _word_value(m.group("yy"))
    num = m.group("num")
    if num[0].isdigit():
        value = int(num)
    elif re.match(_ZERO, num, re.I):
        value = int("".join(str(_DIGITS.get(d, WORD_VALUES.get(d, 0))) for d in re.split(r"[\s-]+", num.lower())))
    else:
        value = _word_value(num)
    pre = re.sub(r"[\s.-]", "", m.group("pre") or "")
    return f"{pre} CSPR {year} {value:03d}".lstrip()


_WORD_ONLY = re.compile(_WORD, re.I)


def as_title(name: str) -> str:
    """A file name read as a title (stranger round 12): its '_' and '+' are spaces and a number after "case"
    ends its phrase, so "case 2 notes.txt" names case 2 as the Thread-Topic "case 2" does (in a sentence "case 2
    notes" would be a count; a file name is no sentence)."""
    text = re.sub(r"[_+]", " ", name)
    return _NAMED.sub(lambda m: m.group(0) + ".", text)
