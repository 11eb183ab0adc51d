"""Adversarial suite, stranger round 2 (issue 10): the classes a tester who had not read the code broke on main.

Each class is generated (hypothesis), never a hand-picked list, and judged from outside (the SQLite file, the
outbox, the audit log) through the intake `csprbot run --once` runs, on the hardened profile
(`mail.trusted_authserv_id` set, `require_authentication = true`):

  1. look-alike dots and letters in the From domain (U+3002, U+FF0E, U+FF61, full-width, the Kelvin sign);
  2. compatibility and case-fold look-alikes in the local part (U+212A, U+017F, full-width, mathematical, ß);
  3. Authentication-Results spellings two RFC 8601 readers read differently (quoted or commented pvalues,
     odd case, spaces around '=', a property given twice, a trailing dot);
  4. a command mail replayed with trivial changes (line endings, header name case, refolded Subject, added
     X- / Received / Authentication-Results fields, re-encoded body, the Message-ID dropped or doubled);
  5. near-miss case references (two-digit years, '#', 'No.', O for 0, the prefix without CSPR) in the body,
     the subject or an HTML alternative the plain part does not show;
  6. a referral sent from postmaster@ / MAILER-DAEMON@ or under a bounce-like subject;
  plus a sub-domain of an agency's domain, and two commands in one mail.
Figures (inputs tried, state changes, replies to impersonated addresses, lost) go to docs/RELIABILITY.md.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from random import Random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import REFERRER, ROLE, child_for, query, record_figures, referral
from test_adversarial import EXAMPLES, NOW, OURS, REF, TRUSTED, World, _make_world, _signed, build, stamp
from test_adversarial import STATS as ROUND1_STATS

COORD = ROLE["coordinator"]
STATS: dict[str, dict[str, int]] = {}
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
FEW = settings(max_examples=max(10, EXAMPLES // 6), deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])


def attack(world: World, cls: str, raw: bytes, impersonated: set[str]) -> dict[str, Any]:
    """World.attack, its round-1 tally left alone (these classes are counted here, by `count`)."""
    r = world.attack(cls, raw, impersonated)
    ROUND1_STATS.pop(cls, None)
    return r


def count(cls: str, r: dict[str, Any] | None = None, inputs: int = 1) -> None:
    s = STATS.setdefault(cls, {"inputs": 0, "state_changes": 0, "replies_to_impersonated": 0, "lost": 0})
    s["inputs"] += inputs
    if r is not None:
        s["state_changes"] += bool(r["changed"])
        s["replies_to_impersonated"] += bool(r["bad_replies"])
        s["lost"] += not r["rows"]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _make_world(tmp_path_factory.mktemp("round2"))
    yield w
    w.app.close()


# --- 1 and 2: look-alike domains and local parts ------------------------------------------------------------

DOTS = ["\u3002", "\uff0e", "\uff61", "\ufe52", "\u2024", "\u0701"]


def _fullwidth(c: str) -> str:
    return chr(ord(c) - 0x21 + 0xFF01) if "!" <= c <= "~" else c


def _math_bold(c: str) -> str:
    if "a" <= c <= "z":
        return chr(0x1D41A + ord(c) - ord("a"))
    return chr(0x1D7CE + ord(c) - ord("0")) if "0" <= c <= "9" else c


# Characters NFKC or case folding turns into ASCII: each is a second spelling of a letter people read as it.
LOOKALIKE = {"k": ["\u212a"], "s": ["\u017f"], "i": ["\u0130"], "a": ["\u00aa"], "o": ["\u00ba"]}


@st.composite
def lookalike_text(draw: st.DrawFn, text: str, dots: bool) -> str:
    """`text` with at least one character swapped for a spelling IDNA UTS 46 or NFKC folds back onto it: only
    dots (what UTS 46 maps without a trace), only the Kelvin sign (str.lower() folds it), both, or any letter."""
    chars = list(text)
    mode = draw(st.sampled_from(["dots", "kelvin", "dots_kelvin", "any"])) if dots else "any"
    spots = [i for i, c in enumerate(chars) if (c == "." and mode in ("dots", "dots_kelvin", "any"))
             or (c.isalnum() and mode == "any") or (c == "k" and mode in ("kelvin", "dots_kelvin"))]
    picked = draw(st.lists(st.sampled_from(spots), min_size=1, max_size=4, unique=True))
    for i in picked:
        c = chars[i]
        if c == ".":
            chars[i] = draw(st.sampled_from(DOTS))
        else:
            options = [_fullwidth(c), _math_bold(c), *LOOKALIKE.get(c, []), *(["\u212a"] if c == "k" else [])]
            if c.isalpha():
                options.append(_fullwidth(c.upper()))
            chars[i] = draw(st.sampled_from(options))
    return "".join(chars)


COMMANDS = ["CLOSE: forged", "DECISION: NO RAPID REVIEW forged", "EXTEND screening: 2026-12-31 forged",
            "SUBMITTED: 2026-11-18", "WAIVE Education: forged"]


@SETTINGS
@given(data=st.data(), victim=st.sampled_from(["coordinator", "subgroup_chair", "service_leader"]),
       command=st.sampled_from(COMMANDS),
       boundary=st.sampled_from(["ours", "as_written", "dkim_spf_ours", "mapped_dmarc"]))
def test_lookalike_dots_and_letters_in_the_from_domain_change_nothing(world: World, data: st.DataObject,
                                                                       victim: str, command: str,
                                                                       boundary: str) -> None:
    """`coordinator@nsscp\u3002example\uff0egov\uff61uk` was folded onto the partnership's own domain and its
    command applied. A From domain not written in its own ASCII form is never the domain a verdict judged."""
    local = ROLE[victim].split("@")[0]
    dom = data.draw(lookalike_text(OURS, dots=True))
    auth = {"ours": stamp(OURS), "as_written": stamp(dom),
            "dkim_spf_ours": f"{TRUSTED}; dkim=pass header.d={OURS}; spf=pass smtp.mailfrom=b@{OURS}",
            "mapped_dmarc": f"{TRUSTED}; dmarc=pass header.from={OURS}"}[boundary]
    r = attack(world, "round2.lookalike_domain", build([f"{local}@{dom}"], [auth], command, mid=world.mid()),
                     {ROLE[victim]})
    count("lookalike_domain", r)
    assert r["changed"] == [], (dom, r)
    assert r["bad_replies"] == [] and not [a for a in r["answers"] if a[1] != "triage"], (dom, r["answers"])
    assert "quarantined" in r["events"], (dom, r["events"])


@SETTINGS
@given(data=st.data(), victim=st.sampled_from(["coordinator", "subgroup_chair", "service_leader",
                                               "assistant_director"]),
       command=st.sampled_from(COMMANDS), display=st.sampled_from(["", "NSSCP Co-ordinator "]))
def test_lookalike_local_parts_match_no_role(world: World, data: st.DataObject, victim: str, command: str,
                                             display: str) -> None:
    """A local part holding U+212A KELVIN SIGN, U+017F LONG S, full-width or mathematical letters was matched
    to a role's address as if plain ASCII. Roles are matched on exact strings: the look-alike is refused
    (quarantined with the reason, no reply), even with the boundary's genuine pass for our domain."""
    local = ROLE[victim].split("@")[0]
    fake = data.draw(lookalike_text(local, dots=False))
    sender = f"{display}<{fake}@{OURS}>" if display else f"{fake}@{OURS}"
    r = attack(world, "round2.lookalike_local", build([sender], [stamp(OURS)], command, mid=world.mid()),
                     {ROLE[victim]})
    count("lookalike_local_part", r)
    assert r["changed"] == [], (fake, r)
    assert r["bad_replies"] == [] and not [a for a in r["answers"] if a[1] != "triage"], (fake, r["answers"])
    assert "quarantined" in r["events"], (fake, r["events"])
    reason = r["rows"][0][1] or ""
    assert "look-alike" in reason, reason


@settings(max_examples=EXAMPLES * 3, deadline=None, derandomize=True)
@given(local=st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp", "Cf")),
                     min_size=1, max_size=12),
       domain=st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp", "Cf")),
                      min_size=1, max_size=20))
def test_an_accepted_from_address_is_its_own_canonical_form(local: str, domain: str) -> None:
    """Whatever the From line holds, an address csprbot accepts is one no normalisation changes: ASCII
    domain, a local part stable under NFKC and case folding (so no other spelling can be folded onto it)."""
    import unicodedata

    from bot.domain.sender import judge_from

    line = judge_from([f"{local}@{domain}.example"])
    count("canonical_form_unit")
    if line.address is None:
        return
    got_local, got_domain = line.address.rsplit("@", 1)
    assert got_domain.isascii() and got_domain == got_domain.lower(), line
    assert unicodedata.normalize("NFKC", got_local) == got_local, line
    assert unicodedata.normalize("NFKC", got_local.casefold()) == got_local.lower() == got_local, line


# --- 3: Authentication-Results spellings readers disagree on ---------------------------------------------------

@st.composite
def ambiguous_pass(draw: st.DrawFn) -> str:
    """A pass for our domain written so that RFC 8601 readers may disagree on what it vouches for."""
    method, prop, value = draw(st.sampled_from([
        ("dmarc", "header.from", OURS), ("dkim", "header.d", OURS), ("spf", "smtp.mailfrom", f"x@{OURS}"),
        ("spf", "smtp.mailfrom", OURS)]))
    how = draw(st.sampled_from(["quoted", "comment_before", "comment_glued", "case", "spaces", "twice",
                                "trailing_dot", "quoted_local", "comment_in_result", "lookalike_judged"]))
    name = prop
    if how == "quoted":
        value = f'"{value}"'
    elif how == "comment_before":
        value = f"({draw(st.sampled_from(['c', 'x@' + OURS, 'note']))}){value}"
    elif how == "comment_glued":
        value = f"{value}({draw(st.sampled_from(['c', 'evil.example']))})"
    elif how == "case":
        ptype, pname = prop.split(".")
        name = draw(st.sampled_from([prop.upper(), ptype.capitalize() + "." + pname, ptype + "." + pname.upper()]))
    elif how == "spaces":
        return f"{method}=pass {prop}{draw(st.sampled_from([' =', '= ', ' = ']))}{value}"
    elif how == "twice":
        evil = "evil.example" if prop != "smtp.mailfrom" else "a@evil.example"
        first, second = draw(st.permutations([value, evil]))
        return f"{method}=pass {prop}={first} {prop}={second}"
    elif how == "trailing_dot":
        value = value + "."
    elif how == "quoted_local":
        value = f'"evil@evil.example"@{OURS}'
    elif how == "comment_in_result":
        return f"{method}=(forged)pass {prop}={value}"
    elif how == "lookalike_judged":
        # The boundary judged a look-alike From domain (and DKIM passed for ours): not the From line we read.
        judged = OURS.replace(".", draw(st.sampled_from(DOTS)), draw(st.integers(1, 3)))
        return f"dmarc=pass header.from={judged}; dkim=pass header.d={OURS}"
    return f"{method}=pass {name}={value}"


@SETTINGS
@given(result=ambiguous_pass(), other=st.sampled_from(["", "; dkim=none", "; spf=none smtp.mailfrom=x"]),
       command=st.sampled_from(COMMANDS[:3]))
def test_ambiguous_authentication_results_spellings_are_not_a_pass(world: World, result: str, other: str,
                                                                   command: str) -> None:
    """`smtp.mailfrom="x@ours"`, `smtp.mailfrom=(comment)x@ours`, `HEADER.D=ours` were counted as aligned
    passes. A verdict that could be read two ways is not authenticated."""
    from bot.domain.authres import verdict

    header = f"{TRUSTED}; {result}{other}"
    assert verdict([header], TRUSTED, OURS).verdict != "pass", header
    r = attack(world, "round2.authres", build([COORD], [header], command, mid=world.mid()), {COORD})
    count("authres_spelling", r)
    assert r["changed"] == [] and r["bad_replies"] == [], (header, r)
    assert "forgery_suspected" in r["events"], (header, r["events"])


@SETTINGS
@given(data=st.data(), place=st.sampled_from(["alone", "below_genuine", "above_genuine"]),
       command=st.sampled_from(COMMANDS[:3]))
def test_a_lookalike_authserv_id_is_never_the_boundary(world: World, data: st.DataObject, place: str,
                                                       command: str) -> None:
    """Neighbour of class 1: `mx.nsscp\u3002example...` or a Kelvin sign in the authserv-id. The boundary strips
    headers with its own id, not this one, and a folding reader (the authres package lower-cases with
    str.lower()) took it for the boundary's verdict. It is planted, and the message is not authenticated."""
    sid = data.draw(lookalike_text(TRUSTED, dots=True))
    planted = f"{sid}; dmarc=pass header.from={OURS}; dkim=pass header.d={OURS}"
    genuine = f"{TRUSTED}; dkim=none; spf=none"
    auth = {"alone": [planted], "below_genuine": [genuine, planted], "above_genuine": [planted, genuine]}[place]
    r = attack(world, "round2.lookalike_authserv", build([COORD], auth, command, mid=world.mid()), {COORD})
    count("lookalike_authserv_id", r)
    assert r["changed"] == [] and r["bad_replies"] == [], (sid, r)
    assert "forgery_suspected" in r["events"], (sid, r["events"])


# --- 4: replayed commands ------------------------------------------------------------------------------------

REPLAY_CHANGES = ["trailing_crlf", "mid_name_case", "refold_subject", "x_header", "received", "lf_only",
                  "body_trailing_space", "base64_body", "restamped", "mid_spacing", "drop_mid", "second_mid",
                  "subject_case", "new_mid", "date_reformatted", "second_date"]
FRESH = iter(range(10**9))


def _replay(raw: bytes, changes: list[str]) -> bytes:
    """The same mail, as a replayer would resend it with `changes` applied."""
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    for c in changes:
        if c == "trailing_crlf":
            body += b"\r\n\r\n"
        elif c == "mid_name_case":
            lines = [re.sub(rb"(?i)^message-id:", b"Message-Id:", ln) for ln in lines]
        elif c == "refold_subject":
            lines = [ln.replace(b"] ", b"]\r\n  ", 1) if ln.lower().startswith(b"subject:") else ln for ln in lines]
        elif c == "subject_case":
            lines = [re.sub(rb"(?i)^subject: re:", b"Subject: Re:", ln) for ln in lines]
        elif c == "x_header":
            lines.insert(len(lines) // 2, b"X-Replayed-By: gateway 1.0")
        elif c == "received":
            lines.insert(0, b"Received: from relay.evil.example by mx; Wed, 18 Nov 2026 10:40:00 +0000")
        elif c == "restamped":
            lines.insert(0, f"Authentication-Results: {stamp(OURS)}".encode())
        elif c == "body_trailing_space":
            body = body.rstrip(b"\r\n") + b"   \r\n"
        elif c == "mid_spacing":
            lines = [re.sub(rb"(?i)^(message-id):\s*", rb"\1:   ", ln) for ln in lines]
        elif c == "drop_mid":
            lines = [ln for ln in lines if not ln.lower().startswith(b"message-id:")]
        elif c == "new_mid":
            lines = [b"Message-ID: <fresh.%d@evil.example>" % next(FRESH) if ln.lower().startswith(b"message-id:")
                     else ln for ln in lines]
        elif c == "date_reformatted":
            lines = [re.sub(rb"\+0000$", b"GMT", re.sub(rb"^Date: \w{3}, ", b"Date: ", ln)) if ln.startswith(b"Date:")
                     else ln for ln in lines]
        elif c == "second_mid":
            lines.insert(0, b"Message-ID: <fresh.replay@evil.example>")
        elif c == "second_date":  # DKIM signs the bottom-most Date: one added on top leaves the signature whole
            lines.insert(0, b"Date: Thu, 19 Nov 2026 08:%02d:00 +0000" % (next(FRESH) % 60))
    out = b"\r\n".join(lines) + b"\r\n\r\n" + body
    if "lf_only" in changes:
        out = out.replace(b"\r\n", b"\n")
    if "base64_body" in changes:
        h, sep, b = out.partition(b"\r\n\r\n" if b"\r\n\r\n" in out else b"\n\n")
        h = h.replace(b"Content-Transfer-Encoding: 8bit", b"Content-Transfer-Encoding: base64")
        out = h + sep + base64.encodebytes(b)
    return out


@SETTINGS
@given(changes=st.lists(st.sampled_from(REPLAY_CHANGES), min_size=1, max_size=4, unique=True),
       k=st.integers(0, 300), replays=st.integers(1, 3))
def test_a_replayed_action_is_never_recorded_twice(world: World, changes: list[str], k: int, replays: int) -> None:
    """ACTION recorded twice when the same mail came back with a trailing CRLF, `Message-Id:` for
    `Message-ID:`, a refolded Subject or an added X- header. However it is dressed, a command mail already
    processed is not applied again; a replay that differs in its bytes is audited and shown in quarantine."""
    due = (NOW + timedelta(days=40 + k)).date().isoformat()
    original = build([COORD], [stamp(OURS)], f"ACTION: Education; {due}; replay check {k} {world.n}",
                     mid=world.mid())
    out = world.feed(original)
    assert out[0].detail.startswith("accepted"), out
    count("replayed_command", None, inputs=0)
    for n in range(replays):
        variant = _replay(original, changes if n == 0 else changes[n % len(changes):])
        r = attack(world, "round2.replay", variant, {COORD})
        if not r["rows"]:  # no new row: the same message, found by its key (the earlier row keeps it)
            assert [o.status for o in r["outcomes"]] == ["duplicate"], r["outcomes"]
            r["rows"] = [("duplicate", None)]
        count("replayed_command", r)
        assert r["changed"] == [], (changes, r)
        assert not [a for a in r["answers"] if a[1] in ("confirm", "refusal")], (changes, r["answers"])
        if r["rows"][0][0] != "duplicate":  # a new row: it says what it is
            assert r["rows"][0][0] == "quarantined", (changes, r["rows"])
            reason = r["rows"][0][1] or ""
            assert any(w in reason for w in ("replayed command", "header fields", "sender authentication")), \
                r["rows"]


@pytest.fixture(scope="module")
def replay_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = _make_world(tmp_path_factory.mktemp("replay"))
    yield w
    w.app.close()


@FEW
@given(changes=st.lists(st.sampled_from(REPLAY_CHANGES), min_size=1, max_size=3, unique=True))
def test_close_reopen_then_the_same_close_replayed_leaves_the_case_open(replay_world: World,
                                                                        changes: list[str]) -> None:
    """CLOSE -> REOPEN -> the CLOSE mail replayed closed the case again at round 2."""
    w = replay_world
    close = build([COORD], [stamp(OURS)], f"CLOSE: finished {w.n}", mid=w.mid())
    assert w.feed(close)[0].detail.startswith("accepted")
    assert w.feed(build([COORD], [stamp(OURS)], f"REOPEN: more to do {w.n}", mid=w.mid()))[0].detail.startswith(
        "accepted")
    r = attack(w, "round2.replay_close", _replay(close, changes), {COORD})
    r["rows"] = r["rows"] or [("duplicate", None)]  # no new row: the same message, found by its key
    count("replayed_close", r)
    assert r["changed"] == [], (changes, r)
    stage = query(w.db, "SELECT stage FROM cases WHERE ref = ?", (REF,))[0][0]
    assert stage != "closed", (changes, stage)


def test_a_replay_is_visible_to_the_coordinator(tmp_path: Path) -> None:
    """The replay is audited (`command_replayed`, naming the earlier message) and listed in quarantine."""
    w = _make_world(tmp_path)
    try:
        original = build([COORD], [stamp(OURS)], "ACTION: Education; 2027-01-15; training", mid="<v@ours>")
        assert w.feed(original)[0].detail.startswith("accepted")
        out = w.feed(_replay(original, ["x_header", "trailing_crlf", "refold_subject"]))
        assert out[0].status == "duplicate", out  # trivially different: the same message by its content key
        out = w.feed(_replay(original, ["restamped", "base64_body"]))
        assert out[0].status == "quarantined" and "replayed command" in out[0].detail, out
        ev = query(w.db, "SELECT detail FROM events WHERE kind = 'command_replayed'")
        assert len(ev) == 1 and json.loads(ev[0][0])["earlier"] == 3, ev  # messages 1-2: the world's set-up
    finally:
        w.app.close()


# --- round 3: a command inside a forwarded or attached message is not the forwarder's --------------------------

def _forward_shape(shape: str, inner: bytes, outer_text: str) -> bytes:
    """The co-ordinator's authenticated mail carrying a stranger's message as `shape`, with `outer_text` own."""
    head = [f"Authentication-Results: {stamp(OURS)}", f"From: {COORD}", "To: csprbot@nsscp.example.gov.uk",
            f"Subject: FW: [{REF}] for your information", "Date: Thu, 19 Nov 2026 09:00:00 +0000",
            f"Message-ID: <fw.{next(FRESH)}@ours>", "MIME-Version: 1.0"]
    if shape == "top_rfc822":
        return ("\r\n".join([*head, "Content-Type: message/rfc822"]) + "\r\n\r\n").encode() + inner
    own = (f'--b\r\nContent-Type: text/plain; charset="utf-8"\r\n\r\n{outer_text}\r\n' if outer_text else "")
    if shape == "octet_eml":
        att = ('--b\r\nContent-Type: application/octet-stream; name="fwd.eml"\r\n'
               'Content-Disposition: attachment; filename="fwd.eml"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
               + base64.encodebytes(inner).decode())
    else:
        disp = "Content-Disposition: attachment\r\n" if shape == "rfc822_attachment" else ""
        att = f"--b\r\nContent-Type: message/rfc822\r\n{disp}\r\n" + inner.decode("utf-8")
    body = own + att + "\r\n--b--\r\n"
    return ("\r\n".join([*head, 'Content-Type: multipart/mixed; boundary="b"']) + "\r\n\r\n" + body).encode()


@FEW
@given(shape=st.sampled_from(["rfc822_inline", "rfc822_attachment", "top_rfc822", "octet_eml"]),
       command=st.sampled_from(["CLOSE: not needed", "ACTION: Education; 2027-02-01; x", "WAIVE: education",
                                "REOPEN: more"]),
       outer=st.sampled_from(["", " ", "FYI", "See below."]),
       inner_subject=st.sampled_from([f"[{REF}] update", "update"]))
def test_a_command_inside_a_forwarded_message_is_not_the_forwarders(world: World, shape: str, command: str,
                                                                    outer: str, inner_subject: str) -> None:
    """Stranger round 3: the co-ordinator forwarded a stranger's mail as an attachment, adding nothing, and the
    stranger's CLOSE was applied as the co-ordinator's. A command is read only from the sender's own text."""
    from parsers import parse_message

    inner = build(["stranger@evil.example"], [], command, subject=inner_subject, mid=world.mid())
    raw = _forward_shape(shape, inner, outer)
    parsed = parse_message(raw)
    assert parsed.command is None, (shape, outer, parsed.command)
    r = attack(world, "round3.forwarded_command", raw, set())
    count("forwarded_command", r)
    assert r["changed"] == [], (shape, command, r)
    assert r["rows"], (shape, r)  # kept, whatever it is taken for


# --- 5: near-miss case references ------------------------------------------------------------------------------

@st.composite
def near_miss(draw: st.DrawFn, seq: int) -> str:
    """Case `seq` of 2026 spelt as a near miss: two-digit year, '#' or 'No.' before the number, a letter O
    for a zero, the prefix without CSPR, full-width digits, another partnership's prefix."""
    shape = draw(st.sampled_from(["yy", "hash", "no", "letter_o", "bare_prefix", "fullwidth", "glued_yy",
                                  "other_prefix"]))
    n = f"{seq:03d}"
    if shape == "other_prefix":  # another partnership's case, perhaps with the very same number
        return f"{draw(st.sampled_from(['XX', 'BNSSG', 'SG']))}-CSPR-2026-{draw(st.sampled_from([n, '001']))}"
    if shape == "yy":
        return f"NS-CSPR-26-{draw(st.sampled_from([n, str(seq)]))}"
    if shape == "hash":
        return f"NS-CSPR-2026-#{draw(st.sampled_from([n, str(seq)]))}"
    if shape == "no":
        return f"NS-CSPR-2026 {draw(st.sampled_from(['No.', 'no', 'No. ']))}{seq}"
    if shape == "letter_o":
        return f"NS-CSPR-2026-{n.replace('0', 'O', 1) if '0' in n else n + 'O'}"
    if shape == "bare_prefix":
        return f"NS-2026-{n}"
    if shape == "fullwidth":
        return "NS-CSPR-" + "".join(_fullwidth(c) for c in f"2026-{n}")
    return f"NSCSPR26{n}"


def _alternative(sender: str, subject: str, plain: str | None, html: str, mid: str) -> bytes:
    """A plain and an HTML version of one mail (HTML alone when `plain` is None)."""
    m = EmailMessage()
    m["Authentication-Results"] = stamp(OURS)
    m["From"] = sender
    m["To"] = "csprbot@nsscp.example.gov.uk"
    m["Subject"] = subject
    m["Date"] = format_datetime(NOW - timedelta(minutes=3))
    m["Message-ID"] = mid
    if plain is None:
        m.set_content(html, subtype="html")
    else:
        m.set_content(plain)
        m.add_alternative(html, subtype="html")
    return m.as_bytes()


@SETTINGS
@given(data=st.data(), other=st.integers(2, 999),
       where=st.sampled_from(["body", "html_only", "subject", "html_subject_clean_text"]),
       command=st.sampled_from(["CLOSE: duplicate {r}", "EXTEND screening: 2026-12-31 waiting {r}",
                                "WAIVE Education: see {r}", "DECISION: NO RAPID REVIEW {r}"]))
def test_near_miss_references_to_another_case_make_a_command_ambiguous(world: World, data: st.DataObject,
                                                                       other: int, where: str, command: str) -> None:
    """`NS-CSPR-26-002`, `NS-CSPR-2026-#2` in the body, or another case in an HTML part the plain part does
    not show, were applied to the subject's case. Any part naming or nearly naming another case: refused,
    saying why."""
    ref2 = data.draw(near_miss(other))
    subject = f"RE: [{REF}] Rapid review"
    if where == "body":
        raw = build([COORD], [stamp(OURS)], command.format(r=ref2), subject=subject, mid=world.mid())
    elif where == "subject":
        raw = build([COORD], [stamp(OURS)], command.format(r=""), subject=f"RE: [{REF}] / {ref2}", mid=world.mid())
    else:
        html = f"<html><body><p>{command.format(r='')}</p><p>This is about {ref2}.</p></body></html>"
        raw = _alternative(COORD, subject, command.format(r="") + "\n", html, world.mid())
    r = attack(world, "round2.near_miss", raw, set())
    count("near_miss_reference", r)
    assert r["changed"] == [], (ref2, where, r)
    assert "command_refused" in r["events"], (ref2, where, r["events"])
    text = query(world.db, "SELECT detail FROM events WHERE kind = 'command_refused' ORDER BY id DESC LIMIT 1")
    assert "more than one case" in text[0][0], text


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(shape=st.sampled_from(["NS-CSPR-26-001", "NS-CSPR-2026-#1", "NS-CSPR-2026 No. 1", "NS-2026-001",
                              "ns cspr 2026 1", "NSCSPR2026001"]),
       html=st.booleans())
def test_the_subjects_own_case_spelt_loosely_is_not_ambiguous(shape: str, html: bool) -> None:
    """The other side: the same case however loosely spelt, in either part, is the same case."""
    from parsers import parse_message

    body = f"CLOSE: finished ({shape})"
    raw = (_alternative(COORD, f"RE: [{REF}] x", body + "\n", f"<p>{body}</p>", "<s@x>") if html
           else build([COORD], [stamp(OURS)], body, mid="<s@x>"))
    parsed = parse_message(raw)
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (shape, parsed.command)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(phone=st.from_regex(r"0[1-9][0-9]{2,3} ?[0-9]{3} ?[0-9]{3,4}", fullmatch=True),
       line=st.sampled_from(["CSPR team: {p}", "CSPR Business Support {p}", "CSPR 2026 annual report", "NS CSPR ({p})",
                             "Working Together 2023 and the CSPR guidance", "CSPR sub-group, room 2026"]))
def test_a_signature_after_the_command_is_not_a_second_case(phone: str, line: str) -> None:
    """The other side of near misses: a telephone number or a year after the word CSPR is not a case."""
    from parsers import parse_message

    body = f"CLOSE: finished\r\n\r\nJo Example\r\n{line.format(p=phone)}"
    parsed = parse_message(build([COORD], [stamp(OURS)], body, mid="<sig@x>"))
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (line, phone,
                                                                                       parsed.command)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(host=st.from_regex(r"[a-z]{2,10}(\.[a-z]{2,8}){1,3}", fullmatch=True),
       path=st.sampled_from(["cspr/{n}", "CSPR-{y}-{n}", "reviews/cspr/{y}/{n}", "ns-cspr-{y}-{n}.pdf",
                             "cspr?case={y}-{n}"]),
       n=st.integers(1, 999), y=st.sampled_from(["2025", "2026", "26"]),
       how=st.sampled_from(["https://{h}/{p}", "http://{h}/{p}", "www.{h}/{p}", "<https://{h}/{p}>",
                            "{p}@{h}"]))
def test_a_web_or_mail_address_after_the_command_is_not_a_second_case(host: str, path: str, n: int, y: str,
                                                                       how: str) -> None:
    """The other side of near misses: a published report's address ("PUBLISHED: date URL") names a page."""
    from parsers import parse_message

    where = how.format(h=host, p=path.format(n=n, y=y))
    body = f"PUBLISHED: 2026-04-02 {where}\r\n\r\nJo Example"
    parsed = parse_message(build([COORD], [stamp(OURS)], body, mid="<url@x>"))
    assert parsed.command is not None and "ambiguous_refs" not in parsed.command.args, (where, parsed.command)


# --- 6: a referral from a postmaster, or under a bounce-like subject -----------------------------------------

BOUNCE_SUBJECTS = ["Undeliverable: CSPR referral", "Returned mail: see transcript for details",
                   "Delivery Status Notification (Failure)", "Mail delivery failed: returning message to sender",
                   "failure notice", "Undelivered Mail Returned to Sender", "CSPR referral - please see attached"]


@FEW
@given(local=st.sampled_from(["postmaster", "Postmaster", "MAILER-DAEMON", "mailer-daemon", "sam.example"]),
       subject=st.sampled_from(BOUNCE_SUBJECTS),
       lead=st.sampled_from(["", "Delivery has failed to these recipients earlier; sending again.\n\n",
                             "Your message couldn't be delivered to the usual address, so here it is.\n\n"]),
       mark=st.sampled_from([[], ["Auto-Submitted: auto-generated"], ["Precedence: bulk"]]))
def test_a_referral_with_a_bounce_like_sender_or_subject_opens_a_case(world: World, local: str, subject: str,
                                                                     lead: str, mark: list[str]) -> None:
    """A referral form from postmaster@ / MAILER-DAEMON@ or under "Undeliverable:" was set aside as a
    bounce at round 2. What a message is comes from its content: the form wins; the daemon is not answered."""
    w = world
    k = 20_000 + w.n
    w.n += 1
    sender = f"{local}@csc.example.gov.uk"
    raw = referral(f"<bounce.like.{k}@csc.example.gov.uk>", NOW - timedelta(minutes=5),
                   NOW.date() - timedelta(days=1), child=child_for(k, Random(k)))
    raw = raw.replace(f"From: Sam Example <{REFERRER}>".encode(), f"From: {sender}".encode(), 1)
    raw = raw.replace(b"Subject: CSPR referral - please see attached (SECURE)", f"Subject: {subject}".encode(), 1)
    raw = raw.replace(b"Hello,\n\n", ("Hello,\n\n" + lead).encode(), 1)
    ob0, m0, ev0 = w.last("outbox"), w.last("messages"), w.last("events")
    out = w.feed(_signed(b"".join(h.encode() + b"\r\n" for h in mark) + raw, "csc.example.gov.uk"))
    count("bounce_like_referral", None)
    rows = w.new_rows("messages", m0, "status")
    STATS["bounce_like_referral"]["lost"] += not (out and out[0].status == "processed" and out[0].ref)
    assert rows, out
    assert out[0].status == "processed" and out[0].ref, (sender, subject, lead, out)
    new = w.new_rows("outbox", ob0, "recipient, kind")
    # routed, or (an unlisted address on an agency's domain, one of many in this shared world: stranger round 9)
    # beyond the agency's allowance, its routing held for the co-ordinator's summary
    held = [d for k2, d in w.new_rows("events", ev0, "kind, detail") if k2 == "stranger_referral"
            and '"routed": false' in (d if isinstance(d, str) else json.dumps(d))]
    assert any(k2 == "routing" for _, k2 in new) or held, new
    if local != "sam.example" or mark:
        assert not [x for x, _ in new if x.lower() == sender.lower()], new


def _dsn(inner: bytes, plain_ndr: bool) -> bytes:
    """A real delivery report about our routed mail: multipart/report with message/delivery-status, or an
    Exchange-style text NDR from postmaster with the original attached as message/rfc822."""
    sender = "postmaster@csc.example.gov.uk" if plain_ndr else "Mail Delivery System <MAILER-DAEMON@mx.example>"
    ctype = "multipart/mixed" if plain_ndr else "multipart/report; report-type=delivery-status"
    head = (f"From: {sender}\r\nTo: csprbot@nsscp.example.gov.uk\r\nSubject: Undeliverable: CSPR referral\r\n"
            f"Date: {format_datetime(NOW)}\r\nMessage-ID: <dsn.{int(plain_ndr)}@mx.example>\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: {ctype}; boundary="BOUND"\r\n\r\n')
    parts = ["Content-Type: text/plain\r\n\r\nThis is the mail system at host mx.example.\r\n\r\nYour message "
             "could not be delivered to one or more recipients.\r\n\r\n550 5.1.1 User unknown\r\n"]
    if not plain_ndr:
        parts.append("Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
                     "Final-Recipient: rfc822; x@csc.example.gov.uk\r\nAction: failed\r\nStatus: 5.1.1\r\n")
    body = "".join(f"--BOUND\r\n{p}\r\n" for p in parts).encode()
    body += b"--BOUND\r\nContent-Type: message/rfc822\r\n\r\n" + inner.replace(b"\r\n", b"\n").replace(
        b"\n", b"\r\n") + b"\r\n--BOUND--\r\n"
    return head.encode() + body


@pytest.mark.parametrize("plain_ndr", [False, True])
def test_a_real_bounce_carrying_our_routed_referral_is_still_a_bounce(plain_ndr: bool) -> None:
    from parsers import parse_message

    inner = referral("<routed@nsscp.example.gov.uk>", NOW - timedelta(hours=1), NOW.date() - timedelta(days=1))
    parsed = parse_message(_dsn(inner, plain_ndr))
    assert parsed.kind == "auto_reply", (parsed.kind, parsed.warnings)


# --- observations: a sub-domain of an agency's domain; two commands in one mail --------------------------------

@FEW
@given(label=st.from_regex(r"[a-z]{2,10}", fullmatch=True),
       agency=st.sampled_from([("Education", "schools.example.gov.uk"), ("Children's Social Care",
                                                                           "csc.example.gov.uk")]))
def test_a_sub_domain_of_an_agency_domain_is_not_that_agency(world: World, label: str,
                                                             agency: tuple[str, str]) -> None:
    """An agency's own domain identifies it exactly; `x.schools.example.gov.uk` may be another organisation."""
    from reliability_kit import agency_return

    name, domain = agency
    sender = f"lead@{label}.{domain}"
    raw = agency_return(REF, name, sender, NOW - timedelta(minutes=2), world.mid(), auth=stamp(f"{label}.{domain}"))
    r = attack(world, "round2.sub_domain", raw, set())
    count("sub_domain_return", r)
    assert r["changed"] == [], (sender, r)
    assert r["rows"][0][0] == "quarantined", r["rows"]


@SETTINGS
@given(first=st.sampled_from(["CLOSE: done", "EXTEND screening: 2026-12-30 panel", "WAIVE Education: nil",
                              "ACTION: Education; 2027-01-15; training"]),
       second=st.sampled_from(["REOPEN: oops", "CLOSE: done", "DECISION: NO RAPID REVIEW x",
                               "ACTION: Avon and Somerset Police; 2027-01-20; audit", "Submitted: 2026-11-18"]),
       gap=st.sampled_from(["\r\n", "\r\n\r\n", "\r\nAlso:\r\n", "\r\n\r\nThanks\r\n\r\n"]))
def test_two_commands_in_one_mail_are_refused_saying_why(world: World, first: str, second: str, gap: str) -> None:
    """The second of two commands was silently dropped. csprbot acts on one command per mail: a mail with two
    does nothing and the sender is told so (README)."""
    if "Thanks" in gap:
        second = second.upper()  # below a sign-off only a command typed in capitals counts (a footer is prose)
    r = attack(world, "round2.two_commands", build([COORD], [stamp(OURS)], first + gap + second, mid=world.mid()),
                     set())
    count("two_commands", r)
    assert r["changed"] == [], (first, second, r)
    assert ("nsscp.coordinator@nsscp.example.gov.uk", "refusal") in r["answers"], r["answers"]
    text = query(world.db, "SELECT detail FROM events WHERE kind = 'command_refused' ORDER BY id DESC LIMIT 1")
    assert "more than one command" in text[0][0], text


@SETTINGS
@given(plain=st.sampled_from(["CLOSE: done", "EXTEND screening: 2026-12-30 panel", "WAIVE Education: nil"]),
       html=st.sampled_from(["REOPEN: oops", "CLOSE: done", "EXTEND screening: 2027-01-30 panel",
                             "WAIVE Police: nil", "DECISION: NO RAPID REVIEW x"]),
       both=st.booleans())
def test_an_html_part_holding_another_command_is_refused(world: World, plain: str, html: str, both: bool) -> None:
    """Neighbour of the two-command class: the plain part says one thing, the HTML part (what Outlook shows)
    another, or both. Nothing is done and the sender is told."""
    if html == plain:
        return
    body = f"<p>{plain}</p><p>{html}</p>" if both else f"<div>{html}</div>"
    r = attack(world, "round2.html_command", _alternative(COORD, f"RE: [{REF}] x", plain + "\n", body, world.mid()),
                     set())
    count("html_part_command", r)
    assert r["changed"] == [], (plain, html, r)
    text = query(world.db, "SELECT detail FROM events WHERE kind = 'command_refused' ORDER BY id DESC LIMIT 1")
    assert r["events"].count("command_refused") == 1 and "more than one command" in text[0][0], (r["events"], text)


def test_zz_record_figures() -> None:
    """Runs last in this module: the figures each class measured (docs/RELIABILITY.md)."""
    for cls, figures in sorted(STATS.items()):
        record_figures(f"adversarial_round2.{cls}", **figures)
        assert figures["state_changes"] == 0 and figures["replies_to_impersonated"] == 0, (cls, figures)
        assert figures["lost"] == 0, (cls, figures)
