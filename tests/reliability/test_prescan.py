"""MIME bounds on the raw bytes (parsers/prescan.py): over-bound mail is cut before the email package builds it.

Stranger 9's break 10: 30,000 empty parts (300 KB, cheap to send) cost 7.5 s each in the email parser before the
walk's part bound was reached, and eight of them held a genuine referral 63 s. Generated: part counts, multipart
nesting, header counts per part, tiny attachments of known types, a form hidden among them. The work is
counted (message objects the email parser builds, spied on), never timed; speed is in bench/bench_budget.py.
"""

from __future__ import annotations

import base64
import email.feedparser
import random
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_kit import LONDON, referral, referral_docx, write_profile

from bot.intake import short_reason
from parsers import limits, parse_message
from parsers.prescan import bound_mime

SENT = datetime(2026, 11, 17, 9, 30, tzinfo=LONDON)
NOW = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
# Message objects the parser may build for one over-bound mail: the kept leaves, the multiparts holding
# them (nested at most MAX_MULTIPART_DEPTH + 1 deep) and the root.
MOST_OBJECTS = limits.MAX_PARTS + limits.MAX_MULTIPART_DEPTH + 2
KINDS = ("empty", "pdf", "txt", "docx", "image", "eml")
_TYPES = {"pdf": "application/pdf", "txt": "text/plain", "image": "image/png", "eml": "message/rfc822",
          "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@pytest.fixture
def built() -> Iterator[list[int]]:
    """How many message objects the email package's parser builds (one per part), from now on."""
    count = [0]
    original = email.feedparser.FeedParser._new_message

    def counting(self: Any) -> None:
        count[0] += 1
        original(self)

    email.feedparser.FeedParser._new_message = counting  # type: ignore[method-assign]
    try:
        yield count
    finally:
        email.feedparser.FeedParser._new_message = original  # type: ignore[method-assign]


def junk(parts: int, depth: int, headers: int, kind: str, i: int = 0, form: tuple[int, bytes] | None = None) -> bytes:
    """A stranger's mail: `parts` tiny parts of `kind` (each with `headers` extra fields) inside multiparts
    nested `depth` deep; `form` = (position, Word bytes) puts the referral form among them."""
    nl = "\r\n"
    head = [f"From: Junk <junk{i}@gmail.com>", "To: csprbot@nsscp.example.gov.uk", "Subject: hello",
            f"Message-ID: <junk-{i}-{parts}-{depth}-{headers}-{kind}@gmail.example>", "MIME-Version: 1.0"]
    lines = list(head)
    for level in range(depth - 1):  # the outer levels: one multipart inside the next
        lines += [f'Content-Type: multipart/mixed; boundary="L{level}"', "", f"--L{level}"]
    lines += ['Content-Type: multipart/mixed; boundary="b"', ""]
    for j in range(parts):
        lines.append("--b")
        if form is not None and j == form[0]:
            lines += ['Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; '
                      'name="CSPR referral form.docx"', "Content-Transfer-Encoding: base64", "",
                      base64.encodebytes(form[1]).decode("ascii").rstrip("\n")]
            continue
        lines += [f"X-Filler-{h}: {j}" for h in range(headers)]
        if kind != "empty":
            lines.append(f'Content-Type: {_TYPES[kind]}; name="a{j}.{kind}"')
        lines += ["", "Subject: x" + nl + nl + "body" if kind == "eml" else "p"]
    lines.append("--b--")
    lines += [f"--L{level}--" for level in reversed(range(depth - 1))]
    return nl.join(lines).encode()


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                                  HealthCheck.function_scoped_fixture])
@given(parts=st.integers(1, 3000), depth=st.integers(1, 40), headers=st.integers(0, 30), kind=st.sampled_from(KINDS))
def test_over_bound_mail_is_named_and_never_built_whole(built: list[int], parts: int, depth: int, headers: int,
                                                        kind: str) -> None:
    raw = junk(parts, depth, headers, kind)
    built[0] = 0
    result = parse_message(raw)
    too_deep = depth > limits.MAX_MULTIPART_DEPTH
    # An attached message is two objects (the part and the message in it).
    assert built[0] <= MOST_OBJECTS * (2 if kind == "eml" else 1), (built[0], parts, depth)
    if too_deep:
        assert any(w.startswith("depth bound: multiparts") for w in result.warnings), result.warnings
    elif parts > limits.MAX_PARTS:
        assert any(w.startswith("part bound:") for w in result.warnings), result.warnings
    else:
        assert bound_mime(raw).raw is raw  # within every bound: the parser gets the very bytes that came
    if too_deep or parts > limits.MAX_PARTS:
        assert result.kind != "referral"
        assert "bound:" in short_reason(result.warnings).split(";")[0]


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                                 HealthCheck.function_scoped_fixture])
@given(parts=st.integers(250, 4000), where=st.floats(0, 1), depth=st.integers(1, limits.MAX_MULTIPART_DEPTH - 1),
       kind=st.sampled_from(("empty", "image")))
def test_a_form_anywhere_among_thousands_of_parts_is_still_read(built: list[int], parts: int, where: float,
                                                                depth: int, kind: str) -> None:
    form = referral_docx(date(2026, 11, 16), date(2026, 11, 17))
    raw = junk(parts, depth, 0, kind, form=(min(parts - 1, int(where * parts)), form))
    built[0] = 0
    result = parse_message(raw)
    assert result.kind == "referral", result.warnings[:3]
    assert any(w.startswith("part bound:") for w in result.warnings)
    assert built[0] <= MOST_OBJECTS


def test_every_stored_mail_is_within_the_bounds_and_left_as_it_came() -> None:
    root = Path(__file__).resolve().parents[1]
    files = sorted(root.glob("corpus*/**/*.eml")) + sorted((root / "reliability" / "cpython_email").glob("*.txt"))
    assert len(files) > 100
    for path in files:
        raw = path.read_bytes()
        assert bound_mime(raw).raw is raw, path


def _app(tmp: Path) -> Any:
    from bot.app import App
    from bot.clock import FixedClock
    from bot.settings import load_settings

    # Parsed in this process (no work budget child), so the spy sees every object the parser builds.
    profile = write_profile(tmp / "profile.toml", {"inbox": f'"maildir:{tmp}/inbox"',
                                                   "sender": f'"maildir:{tmp}/outbox"',
                                                   "work_budget_seconds": "0"})
    cfg = load_settings(str(profile), env={"CSPRBOT_DATABASE_URL": f"sqlite:///{tmp}/csprbot.db"})
    return App(cfg, FixedClock(NOW), env={})


@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                                 HealthCheck.function_scoped_fixture])
@given(n=st.integers(1, 8), seed=st.integers(0, 1000))
def test_a_referral_after_slow_junk_is_processed_in_the_same_pass(tmp_path_factory: Any, built: list[int],
                                                                   n: int, seed: int) -> None:
    from bot.mail.maildir import deliver

    tmp = tmp_path_factory.mktemp("slowjunk")
    rng = random.Random(seed)
    for i in range(n):
        if rng.random() < 0.5:
            raw = junk(rng.randint(2_000, 30_000), 1, 0, "empty", i)
        else:
            raw = junk(3, rng.randint(limits.MAX_MULTIPART_DEPTH + 1, 2000), 0, "empty", i)
        deliver(tmp / "inbox", raw)
    deliver(tmp / "inbox", referral("<genuine-after-junk@csc.example.gov.uk>", SENT, date(2026, 11, 16)))
    app = _app(tmp)
    built[0] = 0
    outcomes = app.intake()
    app.close()
    assert len(outcomes) == n + 1
    assert all(o.status == "quarantined" and o.detail.split(";")[0].split(":")[0].endswith("bound")
               for o in outcomes[:n]), [o.detail[:80] for o in outcomes]
    assert outcomes[-1].status == "processed" and outcomes[-1].ref
    # The count of work: every junk mail's parse (and its header reads) within the bound, not 30,000 objects.
    assert built[0] <= (n + 1) * (MOST_OBJECTS + 10), built[0]


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.integers(1, 300), depth=st.integers(1, 20), kind=st.sampled_from(KINDS),
       edits=st.lists(st.tuples(st.floats(0, 1), st.sampled_from([b"", b"\r\n", b"--b", b"--b--\r\n", b"\n\n",
                                                                   b'boundary="b"', b"\x00"])), max_size=8))
def test_damaged_structure_never_breaks_the_scan(parts: int, depth: int, kind: str,
                                                 edits: list[tuple[float, bytes]]) -> None:
    raw = junk(parts, depth, 0, kind)
    for where, text in edits:  # overwrite a few bytes at a place: a delimiter cut, doubled or added anywhere
        at = int(where * len(raw))
        raw = raw[:at] + text + raw[at + 3:]
    bounded = bound_mime(raw)
    assert len(bounded.raw) <= len(raw)
    assert all("bound:" in note for note in bounded.notes)
    assert parse_message(raw).kind in ("referral", "agency_return", "reply", "auto_reply", "unknown")


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                                 HealthCheck.function_scoped_fixture])
@given(n=st.integers(limits.MAX_PARTS // 2, 5000), where=st.floats(0, 1), ext=st.sampled_from(["pdf", "png", "bin"]))
def test_an_outlook_item_of_thousands_of_attachments_opens_at_most_the_bound(monkeypatch: pytest.MonkeyPatch,
                                                                            n: int, where: float, ext: str) -> None:
    """A .msg or winmail.dat holding thousands of tiny attachments: each was opened (no part bound there)."""
    import parsers.message as message
    from parsers.documents.outlook import Unpacked

    opened: list[str] = []
    original = message.read_attachment

    def spy(name: str, data: bytes, ctype: str) -> Any:
        opened.append(name)
        return original(name, data, ctype)

    monkeypatch.setattr(message, "read_attachment", spy)
    attachments = [(f"a{i}.{ext}", b"%PDF-1.4" if ext == "pdf" else bytes(8)) for i in range(n)]
    attachments.insert(int(where * n), ("CSPR referral form.docx", b"PK\x03\x04 not really"))
    out = message.walk_outlook_item(Unpacked(subject="fw", text="see attached", attachments=attachments), "x.msg")
    assert len(opened) <= limits.MAX_PARTS
    if ext != "pdf":  # (among thousands of PDFs a Word form is one more document: the first 200 are opened)
        assert "CSPR referral form.docx" in opened  # a form is opened before pictures and blobs, wherever it was
    assert (n + 1 > limits.MAX_PARTS) == any(w.startswith("part bound:") for w in out.warnings)
