"""Sentence-completion forms: each printed sentence turned into the label it asks for, so the label readers read it.

Some agencies print the referral as sentences to complete ("My name is (your name): ...", "I am writing about a
male / female child called: ...", "the child died / was seriously harmed.") and ask the writer to delete the words
that do not apply. Once the deleted options are gone (struck through in a PDF: pdf_layout._strike; in Word:
docx._struck) each sentence says one thing, and here it becomes "Label: value" in the words the lexicon knows. A
sentence whose options are all still there ("is still / is no longer involved") is left as printed: no option was
chosen, so it is no answer. The value sentences are rewritten only in a text that has several of them (a form of
such sentences), never from one sentence of a letter's prose ("I am writing about a child called ...").
"""

from __future__ import annotations

import re

# a caption printed in the sentence where the answer goes: "My name is (your name):"
_CAP = r"(?:\s*\([^)\n]{1,30}\))?"
_COLON = r"\s*:\s*(?P<v>\S.*)$"

# sentence stem (one piece of a line, up to its colon) -> the label the lexicon reads
_STEMS: list[tuple[re.Pattern[str], str]] = [(re.compile(p + _COLON, re.I), label) for p, label in [
    (rf"^my name is{_CAP}", "Referrer name"),
    (r"^i am (?:an?|the)\s*\((?:job title|role|position)\)", "Referrer job title"),
    (r"^(?:and\s+)?(?:i work\s+)?(?:from|at|for)\s*\((?:organisation|organization|agency|service)\)",
     "Referrer organisation"),
    (r"^(?:you can )?(?:reach|contact) me (?:on|at|by)\s*\((?:e-?mail)\)", "Referrer email"),
    (r"^(?:and\s+)?(?:on\s+)?\((?:telephone|phone|tel\.?|mobile)\)", "Referrer telephone"),
    (r"^i am (?:writing|referring|completing this)(?: this)? on\s*\(date\)", "Date of referral"),
    (r"^i am (?:writing|referring) (?:about|concerning) (?:a|the)\b[^:]*\bchild (?:called|named)", "Child's name"),
    (r"^(?:who |and |the child )?lives at", "Child's home address"),
    (r"^the child['’]?s main carer is", "Main carer"),
    (r"^the child['’]?s ethnicity is", "Ethnicity"),
    (r"^(?:and |the child['’]?s )?faith(?: is)?", "Faith"),
    (rf"^the child does have a disability{_CAP}", "Disability"),
    (r"^on\s*\(date\)", "Date of incident"),
    (r"^(?:and )?at\s*\((?:place|location)\)", "Place of incident"),
]]

# whole sentences (may wrap over lines): the option left once the others were deleted -> "Label: answer" lines
_PLAN = re.compile(r"^the child (?P<o>is|has been|has never been|i do not know if the child has been)\s+subject to "
                   r"a child protection plan\s*\.?\s*$", re.I | re.M)
_PLAN_ANSWER = {"is": "Yes", "has been": "Has been", "has never been": "No",
                "i do not know if the child has been": "Not known"}
_HARM = re.compile(r"^the child (?P<o>died|was seriously harmed)\s*\.?\s*$", re.I | re.M)
_CONCERN = re.compile(r"^i am (?P<not>not )?concerned about how (?:the )?agencies (?:have )?worked together\s*\.?\s*$",
                      re.I | re.M)
# "Abimbola Carnegie of South Western Ambulance Service (contact 07700 900441) is still involved."
_AGENCY = re.compile(r"^(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3})\s+of\s+(?P<agency>[^()\n]+?(?:\([^()\n]+\)"
                     r"[^()\n]*?)?)\s*\(\s*contact\s+(?P<contact>[^()\s]+(?: [^()\s]+){0,3})\s*\)\s*is "
                     r"(?P<still>still|no longer) involved\s*\.?\s*$", re.M)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sentences(text: str) -> str:
    """The whole-sentence answers, each sentence gathered from the lines it wraps over."""
    # a sentence printed over two lines ("The child is" / "subject to a child protection plan."): joined first
    joined = re.sub(r"(?im)^(the child (?:is|has been|has never been|i do not know if the child has been))\s*\n\s*"
                    r"(subject to)", r"\1 \2", text)
    joined = _PLAN.sub(lambda m: f"Child protection plan: {_PLAN_ANSWER[m.group('o').lower()]}", joined)
    joined = _HARM.sub(lambda m: "Has the child died: " + ("Yes" if m.group("o").lower() == "died" else "No")
                       + "\nHas the child been seriously harmed: "
                       + ("No" if m.group("o").lower() == "died" else "Yes"), joined)
    return _CONCERN.sub(lambda m: "Concern about how agencies worked together: "
                        + ("No" if m.group("not") else "Yes"), joined)


def _agencies(text: str) -> str:
    """"NAME of AGENCY (contact C) is still / is no longer involved." sentences, one option deleted, as a table
    of the agencies' columns (laid out the way layout_blocks reads a table: columns parted by wide gaps)."""
    lines = _wrapped_sentences(text).split("\n")
    flat = "\n".join(_one_line(line) if _AGENCY.match(_one_line(line)) else line for line in lines)
    rows = [(m.group("name"), _one_line(m.group("agency")), m.group("contact").strip(),
             "Yes" if m.group("still") == "still" else "No") for m in _AGENCY.finditer(flat)]
    if not rows:
        return text
    head = ("Name", "Agency", "Contact", "Still involved")
    widths = [max(len(r[k]) for r in [head, *rows]) + 4 for k in range(4)]
    table = "\n".join("".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in [head, *rows])
    kept = _AGENCY.sub("", flat)
    return f"{kept.rstrip()}\n\n{table}\n" if kept.strip() else f"{table}\n"


_AGENCY_START = re.compile(r"^\s*[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3}\s+of\s")


def _wrapped_sentences(text: str) -> str:
    """An agency sentence wrapped over lines ("Abimbola Carnegie   of South Western Ambulance Service NHS" /
    "Foundation Trust (contact 07700 900441) is still involved.") joined into one line; every other line as it
    was."""
    out: list[str] = []
    for line in text.split("\n"):
        prev = out[-1] if out else ""
        if (_AGENCY_START.match(prev) and ":" not in prev and ":" not in line and line.strip()
                and not re.search(r"\binvolved\.?\s*$", prev)):
            out[-1] = f"{prev.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _label(piece: str) -> str | None:
    """"Label: value" for one sentence piece that asks for a value, None for any other piece."""
    for stem, label in _STEMS:
        m = stem.match(piece)
        if m is not None:
            return f"{label}: {m.group('v').strip()}"
    return None


def rewrite(text: str) -> str:
    """`text` (laid-out lines of one document part) with its completed sentences as "Label: value" lines; as it
    was when it holds fewer than three value sentences and no agency sentence."""
    if " involved" in text and "contact" in text:
        text = _agencies(text)
    lines = text.split("\n")
    out: list[str] = []
    found = 0
    last_value = False  # the line before ended with a sentence's value: a line with no label may carry it on
    for line in lines:
        pieces = re.split(r"\s{3,}", line.strip()) if line.strip() else []
        done: list[str] = []
        hit = False
        k = 0
        while k < len(pieces):
            piece = pieces[k]
            if k + 1 < len(pieces) and piece.endswith(":"):
                # "from (organisation):      Sirona care & health": the answer typed a gap after its sentence
                piece = f"{piece} {pieces[k + 1]}"
                label = _label(piece)
                k += 2 if label is not None else 1
                piece = piece if label is not None else pieces[k - 1]
            else:
                label = _label(piece)
                k += 1
            if label is not None:
                done.append(label)
                found += 1
                hit = True
            else:
                done.append(piece)  # "Date of birth: ..." beside "who lives at: ...": a label of its own
        if not hit:
            done = []
        if done:
            out.extend(done)
            last_value = True
        elif (last_value and line.strip() and ":" not in line and not line.rstrip().endswith(".")
              and len(pieces) == 1 and out and (out[-1].rstrip().endswith(",") or line.strip()[:1].islower())):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"  # "who lives at: Flat 3, 79 Clapton Shute," / "Sandford"
            last_value = False
        else:
            out.append(line)
            last_value = False
    if found < 3:
        return text
    return _sentences("\n".join(out))
