"""An online form's export mailed as text: each question on its line ("Q12. Your job title") and its answer on the
next, marked "A:" ("A: Senior Probation Officer"). Rewritten as "question: answer" lines, the way every other text
form is read.

Only when three or more questions are answered so: an "A:" line alone (a quoted reply, an "A: yes" in prose) is
left as written. An answer runs on over following lines until a blank line or the next question.
"""

from __future__ import annotations

import re

# "Q12. Your job title", "Q12) ...", "Q: ...", "Question 12: ..."
_QUESTION = re.compile(r"^[ \t]*(?:Q[ \t]?\d{1,3}[.):]?|Q[.:)]|Question[ \t]\d{1,3}[.):]?)[ \t]+(?P<q>\S.*?)[ \t]*$")
_ANSWER = re.compile(r"^[ \t]*A(?:nswer)?[ \t]*[.:)][ \t]?(?P<a>.*?)[ \t]*$")


_INSTRUCTION = re.compile(r"\?\s*(?:(?:and |if (?:so|yes),?\s*)?(?:please )?(?:describe|give details|specify|explain|"
                          r"say (?:what|which))[^?]{0,30}?)\.?$", re.I)


def _pairs(lines: list[str]) -> list[tuple[int, int, str, list[str]]]:
    """(first line, line after the answer, question, answer lines) for each question answered on an "A:" line."""
    found: list[tuple[int, int, str, list[str]]] = []
    k = 0
    while k < len(lines):
        q = _QUESTION.match(lines[k])
        nxt = k + 1
        while q is not None and nxt < len(lines) and not lines[nxt].strip() and nxt - k <= 2:
            nxt += 1  # a blank line between question and answer
        a = _ANSWER.match(lines[nxt]) if q is not None and nxt < len(lines) else None
        if q is None or a is None:
            k += 1
            continue
        answer = [a.group("a")]
        end = nxt + 1
        while end < len(lines) and lines[end].strip() and _QUESTION.match(lines[end]) is None:
            more = _ANSWER.match(lines[end])
            # a further "A:" line is a further answer (a list of people or agencies, one an "A:"): its own line
            answer.append("\n" + more.group("a") if more is not None else lines[end].strip())
            end += 1
        found.append((k, end, q.group("q"), answer))
        k = end
    return found


def join_answers(text: str) -> str:
    """The text with each "Qn. question" / "A: answer" pair as one "question: answer" line (unchanged when fewer
    than three questions are answered so)."""
    lines = text.replace("\r\n", "\n").split("\n")
    pairs = _pairs(lines)
    if len(pairs) < 3:
        return text
    out: list[str] = []
    k = 0
    for start, end, question, answer in pairs:
        out.extend(lines[k:start])
        # the question's own "?" or ":" stays a label's end; the answer's lines are one value
        # "Does the child have a disability? Please describe": the instruction after the question is no answer
        question = _INSTRUCTION.sub("?", question.rstrip(" :"))
        value = " ".join(a for a in answer if a.strip()).replace(" \n", "\n").strip()
        if "\n" in value:  # several answers: the question as a heading over them, an answer a line
            out.append(f"{question}:")
            out.extend(v.strip() for v in value.split("\n") if v.strip())
        else:
            out.append(f"{question}: {value}".rstrip())
        k = end
    out.extend(lines[k:])
    return "\n".join(out)
