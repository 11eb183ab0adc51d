"""The server's reply as shown to people (round 22 B4): codes and a fixed meaning, never the server's words."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.smtp_reply import _BY_CODE, _BY_ENHANCED, NO_CODE, reply_meaning

# every word a shown reply may hold: the codes, and the words of the fixed meanings
_VOCABULARY = {w for text in (*_BY_CODE.values(), *_BY_ENHANCED.values(), NO_CODE, "server error")
               for w in re.findall(r"[a-z]+", text.lower())}
_FREE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
_CODES = st.sampled_from(["421", "450", "451", "452", "550", "552", "554", "499", "599"])
_ENHANCED = st.sampled_from(["", "4.2.2", "5.1.1", "4.3.0", "5.7.1", "4.4.7", "5.9.99"])


@given(st.sampled_from(["", "smtp://h:465: recipient(s) deferred: x@y.z: ", "label: server answered "]),
       _CODES, _ENHANCED, _FREE)
def test_only_codes_and_fixed_words_are_shown_and_it_is_idempotent(prefix: str, code: str, enhanced: str,
                                                                    free: str) -> None:
    error = f"{prefix}{code} {enhanced} {free}".replace("  ", " ")
    shown = reply_meaning(error)
    assert shown.startswith(f"{code} {enhanced}:" if enhanced else code)
    words = set(re.findall(r"[a-z]+", shown.lower()))
    assert words <= _VOCABULARY, (error, shown)
    assert reply_meaning(shown) == shown


def test_the_reported_replies() -> None:
    assert reply_meaning("452 4.2.2 The mailbox of user amy.marsh.mum is full") == "452 4.2.2: mailbox full"
    assert (reply_meaning("550 5.1.1 RESOLVER.ADR.RecipientNotFound; recipient zoe.quill.nan not found")
            == "550 5.1.1: no such mailbox")
    assert reply_meaning("451 temporary failure") == "451: try again later"
    assert reply_meaning("cannot connect to smtp.example.org:465 (refused)") == NO_CODE
