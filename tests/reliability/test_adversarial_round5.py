"""Adversarial suite, stranger round 4's breaks (issue 10), rebuilt as generated tests and judged from outside.

The tester drove csprbot by email (Maildir + SQLite, the hardened profile and the default) and found:

  B6. mail csprbot must not answer (RFC 3834 section 2: `Auto-Submitted` other than `no`, X-Autoreply-style
      fields, `Precedence: bulk/list/junk`, any `List-*` field, a null `Return-Path: <>`, a list manager's or
      mail system's sender) was answered: a referral acknowledged, a duplicate acknowledged, a command
      refused, an encrypted mail told to use the secure route. Its content is still acted on; no answer.
  B9. a second copy of a referral from a stranger (no role, no agency) was acknowledged naming the open case:
      a stranger could probe whether a child has a case. Now a stranger's acknowledgement is the same mail,
      byte for byte (Message-ID and Date aside), whether or not a case exists, and names none.
  B11. a command in mail marked automatic (an out-of-office quoting our invitation "reply DISAGREE: ...")
      from a role holder was applied. Now it is held in quarantine, saying why, and not answered.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reliability_kit import REFERRER, ROLE, child_for, query, record_figures, referral, snapshot, write_profile
from test_adversarial import EXAMPLES, NOW, OURS, REF, TRUSTED, World, agency_return, build, stamp

COORD = ROLE["coordinator"]
STATS: dict[str, dict[str, int]] = {}
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
FEW = settings(max_examples=max(12, EXAMPLES // 6), deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])
ANSWERS = ("ack", "confirm", "refusal")
REF_RE = re.compile(r"CSPR[\s_-]*\d{4}", re.I)


def count(cls: str, **flags: bool) -> None:
    s = STATS.setdefault(cls, {"inputs": 0, **{k: 0 for k in flags}})
    s["inputs"] += 1
    for k, v in flags.items():
        s[k] = s.get(k, 0) + bool(v)


def _world(tmp: Path, hardened: bool, with_case: bool = True) -> World:
    """A Maildir + SQLite world; with_case: case 001 in rapid review (Education and the police asked)."""
    from reliability_kit import reply

    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    mail = {"inbox": f'"maildir:{tmp}/inbox"', "sender": f'"maildir:{tmp}/outbox"'}
    if hardened:
        mail.update({"trusted_authserv_id": f'"{TRUSTED}"', "require_authentication": "true"})
    profile = write_profile(tmp / "profile.toml", mail)
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    w = World(App(cfg, FixedClock(NOW), env={}), tmp / "csprbot.db", tmp / "inbox")
    w.app.intake()  # an empty pass: the store is created
    if with_case:
        out = w.feed(_signed(referral("<genuine.ref@csc.example.gov.uk>", NOW - timedelta(hours=2),
                                      NOW.date() - timedelta(days=1)), "csc.example.gov.uk"))
        assert out[0].ref == REF, out
        out = w.feed(reply(ROLE["subgroup_chair"], REF, "DECISION: RAPID REVIEW\nAGENCIES: Education, Avon and "
                           "Somerset Police, ICB Health", NOW - timedelta(hours=1),
                           "<genuine.decision@nsscp.example.gov.uk>", auth=stamp(OURS)))
        assert out[0].detail.startswith("accepted"), out
    return w


def _signed(raw: bytes, domain: str) -> bytes:
    return f"Authentication-Results: {stamp(domain)}\r\n".encode() + raw


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, World]]:
    ws = {name: _world(tmp_path_factory.mktemp(f"round5-{name}"), name == "hardened")
          for name in ("hardened", "default")}
    yield ws
    for w in ws.values():
        w.app.close()


def _with_headers(raw: bytes, fields: list[str], top: bool) -> bytes:
    """The message with header fields added at the top (as a delivery agent writes Return-Path) or just
    above the body (as a list manager or an autoresponder writes its own)."""
    m = re.search(rb"\r?\n\r?\n", raw)
    assert m is not None
    block = b"".join(f.encode() + b"\r\n" for f in fields)
    if top:
        return block + raw
    nl = b"\r\n" if raw[m.start():m.start() + 2] == b"\r\n" else b"\n"
    return raw[: m.start()] + nl + block.rstrip(b"\r\n").replace(b"\r\n", nl) + raw[m.start():]


def _from(raw: bytes, sender: str) -> bytes:
    return raw.replace(f"From: Sam Example <{REFERRER}>".encode(), f"From: {sender}".encode(), 1)


def _name(draw: st.DrawFn, name: str) -> str:
    return draw(st.sampled_from([name, name.lower(), name.upper()]))


# --- B6: RFC 3834's classes of mail not to answer --------------------------------------------------------

@st.composite
def quiet_mark(draw: st.DrawFn) -> tuple[str, list[str], bool]:
    """(class, header fields, at the top?) for one of RFC 3834 section 2's classes, in the spellings seen."""
    cls = draw(st.sampled_from(["precedence", "list", "return_path", "auto_submitted", "x_auto", "list_sender"]))
    if cls == "precedence":
        value = draw(st.sampled_from(["list", "junk", "bulk", "List", "JUNK", " bulk ", "list (mailing list)",
                                      "bulk; x=1"]))
        fields = [f"{_name(draw, 'Precedence')}: {value}"]
    elif cls == "list":
        name = draw(st.sampled_from(["List-Id", "List-Unsubscribe", "List-Post", "List-Help", "List-Subscribe",
                                     "List-Owner", "List-Archive", "Mailing-List", "X-Mailing-List"]))
        value = draw(st.sampled_from(["<safeguarding.lists.example>", "<mailto:leave@lists.example>",
                                      "Safeguarding forum <forum.lists.example.gov.uk>",
                                      "list forum@lists.example; contact forum-owner@lists.example"]))
        fields = [f"{_name(draw, name)}: {value}"]
    elif cls == "return_path":
        value = draw(st.sampled_from(["<>", "< >", " <>", "<> (bounce)", "(null sender) <>", "<\r\n >", ""]))
        fields = [f"{_name(draw, 'Return-Path')}:{value if value.startswith(' ') else ' ' + value}".rstrip()]
    elif cls == "auto_submitted":
        value = draw(st.sampled_from(["auto-generated", "auto-replied", "auto-notified", "Auto-Replied",
                                      "auto-generated (warning-timeout)", "auto-replied; owner-email=x@y.example"]))
        fields = [f"{_name(draw, 'Auto-Submitted')}: {value}"]
    elif cls == "x_auto":
        fields = [f"{draw(st.sampled_from(['X-Autoreply', 'X-Autorespond', 'X-Autogenerated']))}: yes"]
    else:
        local = draw(st.sampled_from(["owner-safeguarding", "forum-request", "LISTSERV", "majordomo"]))
        fields = [f"Return-Path: <{local}@lists.example.gov.uk>"]
    return cls, fields, draw(st.booleans())


STRANGER = "pat.stranger@gmail.example"


def _answers(w: World, ob0: int, sender: str) -> list[tuple[str, str]]:
    return [(r, k) for r, k in w.new_rows("outbox", ob0, "recipient, kind") if r.lower() == sender.lower()]


@SETTINGS
@given(kind=st.sampled_from(["referral", "duplicate", "return", "stranger_command", "unknown_case_command",
                             "secure_route", "agency_secure_route"]),
       mark=quiet_mark(), profile=st.sampled_from(["hardened", "default"]), k=st.integers(0, 10**6))
def test_mail_not_to_be_answered_is_acted_on_and_never_answered(worlds: dict[str, World], kind: str,
                                                                mark: tuple[str, list[str], bool], profile: str,
                                                                k: int) -> None:
    cls, fields, top = mark
    w = worlds[profile]
    mid = w.mid()
    sent = NOW - timedelta(minutes=5)
    if kind in ("referral", "duplicate"):
        sender = REFERRER if k % 2 else STRANGER
        child = child_for(10_000 + w.n, Random(w.n)) if kind == "referral" else None
        raw = referral(mid, sent, NOW.date() - timedelta(days=1), **({"child": child} if child else {}))
        raw = _signed(_from(raw, sender), sender.rsplit("@", 1)[1])
    elif kind == "return":
        sender = ROLE["education_lead"]
        raw = agency_return(REF, "Education", sender, sent, mid, auth=stamp("schools.example.gov.uk"))
    elif kind == "stranger_command":
        sender = STRANGER
        raw = build([sender], [stamp("gmail.example")], "CLOSE: done", mid=mid)
    elif kind == "unknown_case_command":
        sender = STRANGER
        raw = build([sender], [stamp("gmail.example")], "DISAGREE: no", mid=mid,
                    subject=f"RE: [NS-CSPR-2026-{700 + k % 200:03d}] Outcome")
    else:
        sender = REFERRER if kind == "agency_secure_route" else STRANGER
        raw = build([sender], [stamp(sender.rsplit("@", 1)[1])], "You have received a secure message from "
                    "Children's Services. Click the link below to read it.", mid=mid, subject="Secure message")
    ob0, ev0 = w.last("outbox"), w.last("events")
    out = w.feed(_with_headers(raw, fields, top))
    answered = _answers(w, ob0, sender)
    count(f"no_answer_{cls}", answered=bool(answered))
    assert answered == [], (kind, fields, out, answered)
    events = [e for (e,) in w.new_rows("events", ev0, "kind")]
    if kind == "referral":
        assert out[0].status == "processed" and out[0].ref not in (None, REF), out
        # routed, or (a stranger past the flood allowance: bot/strangers.py) held for the co-ordinator's summary
        routed = any(k2 == "routing" for _, k2 in w.new_rows("outbox", ob0, "recipient, kind"))
        rationed = sender == STRANGER and any(
            e == "stranger_referral" and not json.loads(d).get("routed")
            for e, d in w.new_rows("events", ev0, "kind, detail"))
        assert routed or rationed, events
    elif kind == "duplicate":
        assert out[0].status == "processed" and out[0].ref == REF, out
        assert "duplicate_referral" in events, events
    elif kind == "return":
        assert out[0].status == "processed" and out[0].ref == REF, out
    else:
        # looked at by the co-ordinator (or, all automatic, counted as ignored mail), not told to the sender
        assert out[0].status in ("quarantined", "ignored"), out


def test_the_rfc_3834_classes_are_named() -> None:
    """The pure reader on its own, both sides: each class found; a person's mail (including `Auto-Submitted:
    no`, a Return-Path naming a person, `Precedence: first-class`) is not."""
    from parsers.autoreply import no_answer_reason

    assert no_answer_reason([("Return-Path", "<>")], "a@b.example")
    assert no_answer_reason([("Return-Path", " < > (null)")], "a@b.example")
    assert no_answer_reason([("list-id", "<x.lists.example>")], "a@b.example")
    assert no_answer_reason([("Precedence", "list")], "a@b.example")
    assert no_answer_reason([], "forum-request@lists.example")
    assert no_answer_reason([("Return-Path", "<owner-forum@lists.example>")], "a@b.example")
    for person in ([("Auto-Submitted", "no")], [("Auto-Submitted", "No (a person)")],
                   [("Return-Path", "<sam.example@csc.example.gov.uk>")], [("Precedence", "first-class")],
                   [("Subject", "List-Id: x")]):
        assert no_answer_reason(person, "sam.example@csc.example.gov.uk") is None, person


# --- B9: what a stranger is told does not depend on whether a case exists -------------------------------

@pytest.fixture(scope="module")
def probe_worlds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, World]]:
    ws = {f"{p}-{c}": _world(tmp_path_factory.mktemp(f"probe-{p}-{c}"), p == "hardened", with_case=False)
          for p in ("hardened", "default") for c in ("with", "without")}
    yield ws
    for w in ws.values():
        w.app.close()


STRANGERS = st.sampled_from(["pat.stranger@gmail.example", "j.bloggs@hotmail.example", "someone@other.gov.uk",
                             "unlisted.nurse@nhs.net", "x@csc.example.gov.uk.evil.example",
                             "Parent@Example.org"])


def _stripped(raw: bytes) -> bytes:
    """The mail without its Message-ID and Date (which differ by design)."""
    return re.sub(rb"(?im)^(message-id|date):[^\r\n]*(\r?\n[ \t][^\r\n]*)*\r?\n", b"", raw)


def _to_stranger(w: World, ob0: int, sender: str) -> list[bytes]:
    rows = query(w.db, "SELECT recipient, raw FROM outbox WHERE id > ? ORDER BY id", (ob0,))
    return [bytes(r) for rcpt, r in rows if rcpt.lower() == sender.lower()]


@FEW
@given(sender=STRANGERS, profile=st.sampled_from(["hardened", "default"]),
       display=st.sampled_from(["", "Pat Stranger ", '"Concerned, Neighbour" ']),
       second=st.sampled_from(["new_mid", "same_text_new_mid", "none"]))
def test_a_strangers_acknowledgement_says_nothing_of_any_case(probe_worlds: dict[str, World], sender: str,
                                                              profile: str, display: str, second: str) -> None:
    """A stranger sends a referral for a child: in one world the child already has a case (referred by the local
    authority), in the other not. The mail the stranger gets is the same, byte for byte (Message-ID and Date
    aside), and names no case, no child, nothing "already" known; so is the one for a second copy."""
    with_w, without_w = probe_worlds[f"{profile}-with"], probe_worlds[f"{profile}-without"]
    n = with_w.n = without_w.n = max(with_w.n, without_w.n) + 1
    child = child_for(50_000 + n, Random(n))
    incident = NOW.date() - timedelta(days=1)
    # the world "with": the local authority referred this child first
    out = with_w.feed(_signed(referral(f"<la.{n}@csc.example.gov.uk>", NOW - timedelta(hours=3), incident,
                                       child=child), "csc.example.gov.uk"))
    assert out[0].status == "processed" and out[0].ref, out
    domain = sender.rsplit("@", 1)[1]
    probe = _signed(_from(referral(f"<probe.{n}@{domain}>", NOW - timedelta(minutes=30), incident, child=child),
                          f"{display}<{sender}>"), domain)
    mails: dict[str, list[bytes]] = {}
    for name, w in (("with", with_w), ("without", without_w)):
        ob0 = w.last("outbox")
        out = w.feed(probe)
        assert out[0].status == "processed", out  # acted on in both: linked, or a new case opened
        if second != "none":
            again = probe.replace(f"<probe.{n}@".encode(), f"<probe.{n}.b@".encode(), 1)
            if second == "same_text_new_mid":
                again = again.replace(b"Subject: CSPR referral", b"Subject: FW: CSPR referral", 1)
            out = w.feed(again)
            assert out[0].status == "processed", out
        mails[name] = _to_stranger(w, ob0, sender)
    assert len(mails["with"]) == (1 if second == "none" else 2), mails["with"]
    assert [_stripped(m) for m in mails["with"]] == [_stripped(m) for m in mails["without"]]
    for raw in mails["with"]:
        msg = message_from_bytes(raw)
        text = raw.decode("utf-8", "replace")
        assert not REF_RE.search(text) and "X-CSPRBOT-Case" not in text, text
        assert "already" not in text.lower() and child.name.split()[0] not in text, text
        assert "received" in str(msg["Subject"]).lower(), msg["Subject"]
    count("stranger_ack", differs=False)


@FEW
@given(sender=st.sampled_from([REFERRER, ROLE["education_lead"], "example.health.lead@nhs.net", COORD]))
def test_a_known_sender_still_gets_the_case_reference(worlds: dict[str, World], sender: str) -> None:
    """The other side: a role holder or an agency's address is told the case (a new one, or the open one a
    second copy joined)."""
    w = worlds["hardened"]
    mid = w.mid()
    domain = sender.rsplit("@", 1)[1]
    raw = _signed(_from(referral(mid, NOW - timedelta(minutes=5), NOW.date() - timedelta(days=1)), sender), domain)
    ob0 = w.last("outbox")
    out = w.feed(raw)
    assert out[0].status == "processed" and out[0].ref == REF, out
    acks = [bytes(r) for rcpt, k, r in query(w.db, "SELECT recipient, kind, raw FROM outbox WHERE id > ?", (ob0,))
            if rcpt.lower() == sender.lower() and k == "ack"]
    assert len(acks) == 1 and REF.encode() in acks[0], acks


@FEW
@given(sender=STRANGERS, profile=st.sampled_from(["hardened", "default"]),
       command=st.sampled_from(["CLOSE: not needed", "DECISION: NO RAPID REVIEW not met", "REOPEN: more information",
                                "NOTIFIED: 2026-11-17", "LINK: NS-CSPR-2026-001"]),
       number=st.integers(min_value=500, max_value=999))
def test_a_strangers_command_gets_the_same_silence_for_a_real_case_and_a_made_up_one(
        worlds: dict[str, World], sender: str, profile: str, command: str, number: int) -> None:
    """The neighbour of B9: a stranger's command for the real case was refused "must come from the
    co-ordinator", one for a made-up reference "no case X is known": the difference told which references
    exist. Neither is answered now (the co-ordinator sees both), and neither changes anything."""
    w = worlds[profile]
    domain = sender.rsplit("@", 1)[1]
    made_up = f"NS-CSPR-2026-{number:03d}"
    # made up: no such case in this world (the module's other tests open cases, some referred by this stranger)
    assume(not query(w.db, "SELECT 1 FROM cases WHERE ref = ?", (made_up,)))
    before = snapshot(w.db)
    answers = {}
    for which, ref in (("real", REF), ("made_up", made_up)):
        raw = _signed(build([f"<{sender}>"], [], command, subject=f"RE: [{ref}] Reminder", mid=w.mid()), domain)
        ob0 = w.last("outbox")
        w.feed(raw)
        answers[which] = _to_stranger(w, ob0, sender)
    assert answers == {"real": [], "made_up": []}, answers
    assert snapshot(w.db) == before
    count("stranger_command_oracle", answered=False)


def test_every_template_to_a_stranger_names_no_case() -> None:
    """The templates a sender holding no role can receive: the received-acknowledgement names no case and no
    child; the others are sent only to known senders (routing.known_sender) or name nothing of a case."""
    from reliability_kit import ROOT

    from bot.domain.routing import known_sender
    from bot.settings import load_settings

    text = (ROOT / "templates" / "referrer.ack.received.txt").read_text()
    assert "{{ ref" not in text and "ref }}" not in text and "already" not in text
    for name in ("sender.triage.secure_route.txt", "sender.triage.misdirected.txt"):
        assert "{{ ref" not in (ROOT / "templates" / name).read_text()
    cfg = load_settings(str(ROOT / "config" / "example.toml"), env={"CSPRBOT_DATABASE_URL": "sqlite://"})
    assert known_sender(cfg, REFERRER) and known_sender(cfg, COORD) and known_sender(cfg, "example.health.lead@nhs.net")
    for stranger in ("unlisted.nurse@nhs.net", "pat@gmail.example", "x@csc.example.gov.uk.evil.example", "", None):
        assert not known_sender(cfg, stranger), stranger


# --- B11: a command in automatic mail is held, not applied -----------------------------------------------

AUTO_COMMANDS = [
    (COORD, "CLOSE: duplicate"), (COORD, "WAIVE Education: not involved"),
    (COORD, "EXTEND rr_submission: 2027-01-29 panel moved"), (ROLE["subgroup_chair"], "DISAGREE: wrong decision"),
    (COORD, "DECISION: NO RAPID REVIEW threshold not met"), (COORD, "SUBMITTED: 2026-11-17"),
    (COORD, "ACTION: Education; 2027-02-01; train staff"), (COORD, "CORRECT child.date_of_birth: 2015-01-02"),
    (ROLE["service_leader"], "NOTIFIED: 2026-11-17"), (COORD, "LOOKED AFTER: YES"),
    (ROLE["assistant_director"], "AD DECISION: DO NOT REFER"), (COORD, "REPORT TO PANEL: 2026-11-17"),
]


@st.composite
def automatic(draw: st.DrawFn) -> tuple[list[str], str, str]:
    """(header fields, subject prefix, text around the command) of an automatic reply, in the shapes seen."""
    fields: list[str] = []
    for name, values in (("Auto-Submitted", ["auto-replied", "auto-generated", "auto-notified"]),
                         ("X-Autoreply", ["yes"]), ("X-Autorespond", ["yes"]),
                         ("Precedence", ["bulk", "auto_reply", "junk", "list"]),
                         ("Return-Path", ["<>"]), ("List-Id", ["<team.lists.example.gov.uk>"])):
        if draw(st.booleans()):
            fields.append(f"{_name(draw, name)}: {draw(st.sampled_from(values))}")
    prefix = draw(st.sampled_from(["", "Automatic reply: ", "Out of Office: ", "Away: ", "Auto-Reply: ",
                                   "Out of the office: "]))
    if not fields and not prefix:
        fields.append("Auto-Submitted: auto-replied")
    after = draw(st.sampled_from(["", "\r\n\r\nI am out of the office until Monday with limited access to email.",
                                  "\r\n\r\nThank you for your email. I am on annual leave."]))
    return fields, prefix, after


@SETTINGS
@given(who_cmd=st.sampled_from(AUTO_COMMANDS), shape=automatic(), profile=st.sampled_from(["hardened", "default"]))
def test_a_command_in_automatic_mail_is_held_not_applied(worlds: dict[str, World], who_cmd: tuple[str, str],
                                                         shape: tuple[list[str], str, str], profile: str) -> None:
    from bot.intake import AUTOMATIC_COMMAND

    sender, command = who_cmd
    fields, prefix, after = shape
    w = worlds[profile]
    mid = w.mid()
    raw = build([sender], [stamp(OURS)], command + after, mid=mid, subject=f"{prefix}RE: [{REF}] Outcome",
                extra=fields)
    before = {t: rows for t, rows in snapshot(w.db).items() if t in ("cases", "clocks")}
    ob0, ev0 = w.last("outbox"), w.last("events")
    out = w.feed(raw)
    changed = [t for t, rows in snapshot(w.db).items() if t in before and rows != before[t]]
    count("automatic_command", applied=bool(changed))
    assert changed == [], (command, fields, prefix, out)
    assert out[0].status == "quarantined" and AUTOMATIC_COMMAND in out[0].detail, out
    assert [k for _, k in _answers(w, ob0, sender) if k in ANSWERS] == []
    rows = query(w.db, "SELECT status, reason FROM messages WHERE message_id = ?", (mid,))
    assert rows[0][0] == "quarantined" and AUTOMATIC_COMMAND in rows[0][1], rows
    events = [e for (e,) in w.new_rows("events", ev0, "kind")]
    assert "command_held_automatic" in events and "command_accepted" not in events, events
    # the co-ordinator is told (one notice, or the interval's summary when many arrive at once)
    assert {"quarantine_notice", "quarantine_notice_batched"} & set(events), events


def test_the_same_command_sent_by_a_person_is_applied(tmp_path: Path) -> None:
    """The other side: the command an auto-reply was held for, sent by the person, is applied."""
    w = _world(tmp_path, hardened=True)
    held = w.feed(build([COORD], [stamp(OURS)], "WAIVE Education: not involved", mid="<ooo.1@x>",
                        subject=f"Automatic reply: RE: [{REF}] Outcome", extra=["Auto-Submitted: auto-replied"]))
    assert held[0].status == "quarantined", held
    done = w.feed(build([COORD], [stamp(OURS)], "WAIVE Education: not involved", mid="<person.1@x>",
                        subject=f"RE: [{REF}] Outcome"))
    assert done[0].status == "processed" and done[0].detail.startswith("accepted"), done
    w.app.close()


def test_zz_record_figures() -> None:
    """Counts at this run's size, for docs/RELIABILITY.md."""
    record_figures("adversarial_round5", **{k: dict(v) for k, v in STATS.items()})
    # Later rounds count into the same table with classes of their own (a no-role refusal *is* answered, by
    # design); this file's promise is about its own classes, whichever order the files run in.
    own = {k: v for k, v in STATS.items()
           if k.startswith("no_answer_") or k in ("stranger_ack", "stranger_command_oracle", "automatic_command")}
    assert all(v.get("answered", 0) == 0 and v.get("applied", 0) == 0 and v.get("differs", 0) == 0
                       for v in own.values()), STATS
