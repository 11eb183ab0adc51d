"""The two-instance soak: two `csprbot run` processes on one PostgreSQL, one real Dovecot INBOX, SIGKILLed at
random while mail flows in and out, then a chaser day.

Used by tests/reliability/test_twin.py (CI size) and runnable at any size:

    .venv/bin/python tests/reliability/twin_soak.py --messages 600 --kills 60 --seed 7

Each instance slot ("a", "b") sends through its own SMTP sink, so every delivery is known to come from one
incarnation of one slot. Phase 1 (intake, Wednesday 10:30, reminders held back until 11:00 so no sweep acts)
feeds the workload of tests/reliability/reliability_kit.py; phase 2 restarts both on Thursday 10:30 and the
leader sweeps: chasers and escalations go out under more kills. `run_twin_soak` returns figures and problems
(empty = every claim held):

* every inbound message processed exactly once: one row and one `mail_received` event per Message-ID, each in
  Processed or Quarantine exactly once, INBOX empty; outcomes (and so quarantines) equal to a single-instance
  oracle: nothing falsely quarantined, no internal error;
* cases, clocks, agency requests equal to the oracle, clocks equal to an independent calculation; reminders
  (chasers, escalations, skips) equal to the oracle's sweep of the same Thursday;
* every outbox row delivered at least once, nothing delivered that the outbox does not hold, and a repeated
  Message-ID only in SMTP's own window: each copy but the last was the last delivery of a killed incarnation.

Mail ordering: two instances take mail in parallel, so a case's follow-ups could overtake its referral, and
two referrals could be numbered in another order than the oracle's. The feeder therefore appends a
referral only once the previous referral is committed, and a case's next message only once its previous one
is; everything else (other cases, noise) is appended as soon as it may be, so both instances stay busy.
"""

from __future__ import annotations

import collections
import contextlib
import os
import random
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
for p in (str(HERE.parents[1]), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

from reliability_kit import (  # noqa: E402
    BOT_DOMAIN,
    EXPECTED_STAGE,
    LONDON,
    BotProcess,
    Workload,
    bot_env,
    build_workload,
    expected_clocks,
    header_msgid,
    query,
    sent_at,
    snapshot,
    write_profile,
)
from soak import INTAKE_MARK, KillingSink  # noqa: E402

from tests.servers.dovecot_server import DovecotServer  # noqa: E402

USER = "bot@example.test"
DAY1 = datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)  # Wednesday: intake
DAY2 = datetime(2026, 11, 19, 10, 30, tzinfo=LONDON)  # Thursday: the chaser day
SLOTS = ("a", "b")
LEASE_SECONDS = 10  # the shortest allowed: a killed instance's claims come back quickly


class SlotSink(KillingSink):
    """KillingSink that can be armed mid-incarnation: kill the victim after `n` more deliveries."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.times: list[float] = []  # when each delivery was stored (time.monotonic), for diagnosis

    def _store(self, rec: Any) -> None:
        with self._cond:
            self.times.append(time.monotonic())
            super()._store(rec)

    def arm(self, victim: int, n: int) -> None:
        with self._cond:
            self._victim, self._kill_at, self.fired = victim, self._in_epoch + n, False


@dataclass
class TwinResult:
    figures: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def _rows(db: str, sql: str) -> list[tuple[Any, ...]]:
    try:
        return query(db, sql)
    except Exception:  # schema not there yet: the first instance is still migrating
        return []


def oracle(work: Path, day1_profile: Path, day2_profile: Path, w: Workload) -> Path:
    """The same mail through intake in one process with no crash, then one sweep on the chaser day."""
    from bot.app import App
    from bot.clock import FixedClock
    from bot.intake import process_one
    from bot.mail.base import InboundMail
    from bot.settings import load_settings

    db = work / "oracle.db"
    url = {"CSPRBOT_DATABASE_URL": f"sqlite:///{db}"}
    app = App(load_settings(str(day1_profile), env=url), FixedClock(DAY1), env={})
    try:
        rt = app.runtime()
        for i, (_mid, _what, raw) in enumerate(w.messages):
            process_one(InboundMail("oracle", f"oracle:{i}", raw, sent_at(raw)), app.sessions, rt, app.received_time)
    finally:
        app.close()
    app = App(load_settings(str(day2_profile), env=url), FixedClock(DAY2), env={})
    try:
        app.sweep()
    finally:
        app.close()
    return db


def reminders(db: Path | str) -> list[tuple[Any, ...]]:
    return sorted(query(db, "SELECT c.ref, k.key, k.agency, r.slot, r.kind, r.outcome, r.recipients FROM reminders r "
                            "JOIN clocks k ON k.id = r.clock_id JOIN cases c ON c.id = k.case_id"))


def outcomes(db: Path | str) -> list[tuple[Any, ...]]:
    return sorted(query(db, "SELECT m.message_id, m.status, m.kind, c.ref, m.reason FROM messages m "
                            "LEFT JOIN cases c ON c.id = m.case_id"))


class Twin:
    """Two instance slots; each slot runs one incarnation at a time, restarted after every kill."""

    def __init__(self, profile: Path, envs: dict[str, dict[str, str]], sinks: dict[str, SlotSink], work: Path,
                 now: datetime) -> None:
        self.profile, self.envs, self.sinks, self.work, self.now = profile, envs, sinks, work, now
        self.bots: dict[str, BotProcess] = {}
        self.killed: set[tuple[str, int]] = set()  # (slot, epoch) of every incarnation SIGKILLed
        self.kill_times: list[tuple[str, int, float]] = []
        self.logs: list[str] = []
        for slot in SLOTS:
            self.start(slot)

    def start(self, slot: str) -> None:
        bot = BotProcess(self.profile, self.envs[slot], self.work, ["--now", self.now.isoformat()])
        self.bots[slot] = bot
        self.sinks[slot].new_epoch(bot.pid, None)

    def kill(self, slot: str) -> None:
        bot = self.bots[slot]
        bot.kill()
        time.sleep(0.2)  # let the sink finish a DATA the dead bot had already sent
        self.killed.add((slot, self.sinks[slot].epoch))
        self.kill_times.append((slot, self.sinks[slot].epoch, time.monotonic()))
        self.logs.append(bot.tail(400))
        self.start(slot)

    def stop(self) -> list[str]:
        problems = []
        for slot, bot in self.bots.items():
            rc = bot.stop()
            self.logs.append(bot.tail(400))
            if rc != 0:
                problems.append(f"instance {slot} stopped with exit code {rc}:\n{bot.tail()}")
        return problems


def _killer(twin: Twin, rng: random.Random, kills: int, done: threading.Event, stats: collections.Counter[str],
            gap: tuple[float, float]) -> None:
    for _ in range(kills):
        if done.wait(rng.uniform(*gap)):
            return
        slot, mode = rng.choice(SLOTS), rng.choice(("timer", "intake", "send"))
        bot = twin.bots[slot]
        fired = threading.Event()
        if mode == "send":
            twin.sinks[slot].arm(bot.pid, rng.randint(1, 3))
        elif mode == "intake":
            k, seen = rng.randint(1, 4), [0]

            def on_line(line: str, k: int = k, seen: list[int] = seen, bot: BotProcess = bot,
                        fired: threading.Event = fired) -> None:
                if INTAKE_MARK in line:
                    seen[0] += 1
                    if seen[0] == k:
                        with contextlib.suppress(ProcessLookupError):
                            os.kill(bot.pid, signal.SIGKILL)
                        fired.set()

            bot.watch(on_line)
        if mode != "timer":
            end = time.monotonic() + 8
            while time.monotonic() < end and not fired.is_set() and not twin.sinks[slot].fired \
                    and bot.proc.poll() is None and not done.is_set():
                time.sleep(0.02)
            if twin.sinks[slot].fired:
                fired.set()
        stats[f"{mode}{'' if mode == 'timer' or fired.is_set() else '_fallback'}"] += 1
        twin.kill(slot)


def _feed(dc: DovecotServer, db: str, w: Workload, timeout: float) -> str | None:
    """Append mail as fast as the ordering rules allow (see the module docstring); None when all is in."""
    feeder = dc.client(USER, tls="none")
    case_of = [what.split()[-1] if what.split()[-1].startswith("NS-") else None for _m, what, _r in w.messages]
    is_referral = [what.startswith("referral") for _m, what, _r in w.messages]
    appended = [False] * len(w.messages)
    end = time.monotonic() + timeout
    try:
        while not all(appended):
            if time.monotonic() > end:
                return f"feeder: {appended.count(False)} message(s) never became due in {timeout}s"
            done = {m for (m,) in _rows(db, "SELECT message_id FROM messages")}
            last_case: dict[str, bool] = {}
            referrals_done = True
            for i, (mid, _what, raw) in enumerate(w.messages):
                c = case_of[i]
                ok = True
                if c is not None:
                    ok = last_case.get(c, True)
                    if is_referral[i]:
                        ok = ok and referrals_done
                if not appended[i] and ok:
                    feeder.append("INBOX", raw, msg_time=sent_at(raw))
                    appended[i] = True
                if c is not None:
                    last_case[c] = mid in done
                    if is_referral[i]:
                        referrals_done = referrals_done and mid in done
            time.sleep(0.2)
    finally:
        feeder.logout()
    return None


def _settle(dc: DovecotServer, db: str, n: int, deliveries: Any, timeout: float, swept: bool = False) -> str | None:
    """Until INBOX is empty, every message has its row, nothing is pending and the sinks are quiet for 3 s
    (and, with `swept`, the chaser day's sweep has run: under constant kills the leadership may pass from
    one dying incarnation to the next, so the sweep can come at the next minute's tick)."""
    end = time.monotonic() + timeout
    stable_since, last = None, None
    while time.monotonic() < end:
        pending = _rows(db, "SELECT count(*) FROM outbox WHERE status = 'pending'")
        rows = _rows(db, "SELECT count(*) FROM messages")
        state = (len(dc.uids(USER, "INBOX")), pending[0][0] if pending else -1, rows[0][0] if rows else -1,
                 deliveries())
        if swept and not _rows(db, "SELECT count(*) FROM reminders")[0][0]:
            state = (*state, "not swept yet")
        if state[:3] == (0, 0, n) and len(state) == 4:
            if state != last:
                stable_since, last = time.monotonic(), state
            elif stable_since is not None and time.monotonic() - stable_since > 3.0:
                return None
        else:
            stable_since, last = None, state
        time.sleep(0.25)
    return f"not settled in {timeout}s: inbox/pending/rows/deliveries {last}"


def run_twin_soak(db_url: str, n_messages: int = 150, kills: int = 12, seed: int = 11, workdir: Path | None = None,
                  timeout: float = 600.0, log: Any = print) -> TwinResult:
    from bot.render import message_id_for

    rng = random.Random(seed)
    started = time.monotonic()
    w = build_workload(n_messages, seed, DAY1)
    own_tmp = workdir is None
    work = workdir or Path(tempfile.mkdtemp(prefix="twin-soak."))
    mail = {"poll_seconds": 2, "retry_base_seconds": 1, "rate_cap_per_hour": 10**6}
    day2_profile = write_profile(work / "day2.toml", mail)
    day1_profile = write_profile(work / "day1.toml", mail)
    # Day 1 holds reminders back until 11:00 (the clock is pinned at 10:30): intake only, as in the oracle.
    day1_profile.write_text(day1_profile.read_text().replace("reminder_time = 09:00:00", "reminder_time = 11:00:00"))
    result = TwinResult({})
    problems = result.problems
    oracle_out: dict[str, Any] = {}

    def run_oracle() -> None:
        try:
            oracle_out["db"] = oracle(work, day1_profile, day2_profile, w)
        except BaseException as exc:  # reported below
            oracle_out["error"] = exc

    oracle_thread = threading.Thread(target=run_oracle, daemon=True)
    oracle_thread.start()
    stats: collections.Counter[str] = collections.Counter()
    phase_s: dict[str, float] = {}
    kill_times: list[tuple[str, int, float]] = []
    with DovecotServer() as dc, SlotSink(auth={USER: "botpw"}) as sink_a, SlotSink(auth={USER: "botpw"}) as sink_b:
        sinks = {"a": sink_a, "b": sink_b}
        envs = {slot: bot_env(CSPRBOT_INBOX_URL=dc.url(USER, tls="none"), CSPRBOT_SENDER_URL=s.url(tls="none"),
                              CSPRBOT_INBOX_PASSWORD="botpw", CSPRBOT_SENDER_PASSWORD="botpw",
                              CSPRBOT_DATABASE_URL=db_url, CSPRBOT_LEASE_SECONDS=str(LEASE_SECONDS))
                for slot, s in sinks.items()}

        def n_deliveries() -> int:
            return sum(len(s.deliveries) for s in sinks.values())

        for phase, profile, now in (("intake", day1_profile, DAY1), ("chasers", day2_profile, DAY2)):
            t0 = time.monotonic()
            twin = Twin(profile, envs, sinks, work, now)
            done = threading.Event()
            n_kills = kills if phase == "intake" else max(2, kills // 3)
            killer = threading.Thread(target=_killer, args=(twin, rng, n_kills, done, stats, (0.5, 2.5)), daemon=True)
            killer.start()
            try:
                if phase == "intake":
                    problem = _feed(dc, db_url, w, timeout)
                    if problem:
                        problems.append(problem)
                # Every planned kill lands even when the mail is in before the killer is through (a fast or
                # idle machine): the rest fall on the instances' settling work. On the chaser day the sweep
                # and its sends run under the kills.
                killer.join(timeout)
                done.set()
                killer.join(60)
                problem = _settle(dc, db_url, len(w.messages), n_deliveries, timeout, swept=phase == "chasers")
                if problem:
                    problems.append(f"{phase}: {problem}")
            finally:
                done.set()
                problems.extend(twin.stop())
            result.figures.setdefault("killed_incarnations", 0)
            result.figures["killed_incarnations"] += len(twin.killed)
            result.figures.setdefault("_killed", set()).update(twin.killed)
            result.figures.setdefault("_logs", []).extend(twin.logs)
            kill_times.extend((sl, ep, round(t - started, 2)) for sl, ep, t in twin.kill_times)
            phase_s[phase] = round(time.monotonic() - t0, 1)
        inbox_left = len(dc.uids(USER, "INBOX"))
        folders: collections.Counter[str | None] = collections.Counter()
        for folder in ("Processed", "Quarantine"):
            for raw in dc.messages(USER, folder):
                folders[header_msgid(raw)] += 1
        # In the order the servers received them (each sink is in order; together, by time).
        timed = sorted(((t, (slot, e, n, mid)) for slot, s in sinks.items()
                        for t, (e, n, mid) in zip(s.times, s.deliveries, strict=True)), key=lambda x: x[0])
        deliveries = [d for _t, d in timed]
        times = [t for t, _d in timed]
        last_of = collections.Counter[tuple[str, int]]()
        for slot, s in sinks.items():
            for e, n, _mid in s.deliveries:
                last_of[(slot, e)] = max(n, last_of[(slot, e)])
    oracle_thread.join()
    if "error" in oracle_out:
        raise oracle_out["error"]
    odb: Path = oracle_out["db"]
    killed: set[tuple[str, int]] = result.figures.pop("_killed")
    logs: list[str] = result.figures.pop("_logs")
    wanted = [m for m, _, _ in w.messages]
    # --- the mailbox and the messages table: each message exactly once --------------------------------
    if inbox_left:
        problems.append(f"{inbox_left} message(s) left in INBOX")
    bad_folders = {m: folders[m] for m in wanted if folders[m] != 1}
    if bad_folders or set(folders) - set(wanted):
        problems.append(f"mailbox: not exactly once in Processed/Quarantine: {list(bad_folders.items())[:5]}")
    rows = collections.Counter(m for (m,) in query(db_url, "SELECT message_id FROM messages"))
    if any(rows[m] != 1 for m in wanted) or sum(rows.values()) != len(wanted):
        problems.append(f"messages table: {sum(rows.values())} rows for {len(wanted)} messages")
    receipts = query(db_url, "SELECT count(*) FROM events WHERE kind = 'mail_received'")[0][0]
    if receipts != len(wanted):
        problems.append(f"{receipts} mail_received audit events for {len(wanted)} messages (processed twice?)")
    got_out, want_out = outcomes(db_url), outcomes(odb)
    if got_out != want_out:
        diff = set(got_out) ^ set(want_out)
        problems.append(f"message outcomes differ from the oracle (false quarantine?): {sorted(map(str, diff))[:4]}")
    internal = [r for *_x, r in got_out if r and "internal error" in r]
    if internal:
        problems.append(f"{len(internal)} internal error(s): {internal[:2]}")
    # --- state: equal to the oracle and to the independent calculation ---------------------------------
    got, want = snapshot(db_url), snapshot(odb)
    for table in want:
        if got[table] != want[table]:
            diff = set(map(tuple, got[table])) ^ set(map(tuple, want[table]))
            problems.append(f"{table} differs from the single-instance oracle: {sorted(map(str, diff))[:4]}")
    exp = {k: (a.isoformat(), d.isoformat(), s) for k, (a, d, s) in expected_clocks(w).items()}
    clocks = {(ref, key, agency): (anchor, due, state)
              for ref, key, agency, anchor, due, _o, state, *_ in got["clocks"]}
    wrong = {k: (clocks.get(k), exp[k]) for k in exp if clocks.get(k) != exp[k]}
    if wrong or set(clocks) - set(exp):
        problems.append(f"clocks differ from the independent calculation: {list(wrong.items())[:3]}")
    stages = dict(query(db_url, "SELECT ref, stage FROM cases"))
    if len(stages) != len(w.cases) or any(stages.get(c.ref) != EXPECTED_STAGE[c.kind] for c in w.cases):
        problems.append(f"{len(stages)} cases for {len(w.cases)} referrals, or a stage is wrong")
    got_rem, want_rem = reminders(db_url), reminders(odb)
    if got_rem != want_rem:
        diff = set(got_rem) ^ set(want_rem)
        problems.append(f"reminders differ from the oracle's sweep: {len(diff)}: {sorted(map(str, diff))[:3]}")
    # --- outbound mail: nothing lost, a repeat only in the SMTP window ---------------------------------
    outbox = query(db_url, "SELECT idem_key, status, kind FROM outbox")
    not_sent = [(k, s) for k, s, _ in outbox if s != "sent"]
    if not_sent:
        problems.append(f"{len(not_sent)} outbox item(s) not sent: {not_sent[:3]}")
    expected_ids = {message_id_for(k, BOT_DOMAIN): k for k, _, _ in outbox}
    delivered = collections.Counter(mid for *_x, mid in deliveries)
    lost = [expected_ids[m] for m in expected_ids if delivered[m] == 0]
    phantom = [m for m in delivered if m not in expected_ids]
    if lost:
        problems.append(f"{len(lost)} mail(s) LOST: {lost[:3]}")
    if phantom:
        problems.append(f"{len(phantom)} delivery(ies) the outbox does not hold: {phantom[:3]}")
    outside = []
    for m in (m for m, c in delivered.items() if c > 1):
        copies = [(slot, e, n) for slot, e, n, mid in deliveries if mid == m]
        for slot, e, n in copies[:-1]:
            if not ((slot, e) in killed and n == last_of[(slot, e)]):
                outside.append((m, slot, e, n))
    if outside:
        detail = []
        for m, *_x in outside[:3]:
            key = expected_ids.get(m, "?")
            row = query(db_url, "SELECT kind, status, attempts, last_error, sent_at FROM outbox WHERE idem_key = ?",
                        (key,))
            sent_events = query(db_url, "SELECT at FROM events WHERE kind = 'mail_sent' AND detail::text LIKE ?",
                                (f"%{key}%",))
            copies = [(slot, e, n, round(t - started, 2))
                      for (slot, e, n, mid), t in zip(deliveries, times, strict=True) if mid == m]
            detail.append(f"{key}: row {row}, mail_sent at {sent_events}, copies {copies}")
        problems.append(f"{len(outside)} repeat(s) OUTSIDE the SMTP window: {outside[:3]}\n" + "\n".join(detail)
                        + f"\nkills: {sorted(killed)} at {kill_times}")
    tracebacks = sum(text.count("Traceback") for text in logs)
    by_kind = collections.Counter(kind for _, _, kind in outbox)
    result.figures.update({
        "seed": seed, "messages": len(wanted), "cases": len(w.cases), "kills": sum(stats.values()),
        "kills_by_mode": dict(stats), "outbox_items": len(outbox), "outbox_by_kind": dict(by_kind),
        "reminders": len(got_rem), "deliveries": len(deliveries),
        "deliveries_by_instance": dict(collections.Counter(slot for slot, *_x in deliveries)),
        "lost": len(lost), "duplicate_deliveries": sum(c - 1 for c in delivered.values() if c > 1),
        "duplicates_outside_window": len(outside), "wrongly_quarantined": len(set(got_out) - set(want_out)),
        "internal_errors": len(internal), "tracebacks_in_logs": tracebacks, "phase_seconds": phase_s,
        "elapsed_seconds": round(time.monotonic() - started, 1),
    })
    log(f"twin soak: {result.figures}")
    if own_tmp and not problems:
        shutil.rmtree(work, ignore_errors=True)
    else:
        (work / "instances.log").write_text("\n\n".join(logs))
        log(f"twin soak: kept {work} for inspection")
    return result


def main(argv: list[str] | None = None) -> int:
    import argparse

    from tests.servers.postgres_server import PostgresServer

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--messages", type=int, default=600)
    p.add_argument("--kills", type=int, default=60)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args(argv)
    with PostgresServer() as pg:
        result = run_twin_soak(pg.create_database(migrated=False), a.messages, a.kills, a.seed, timeout=3600)
    for problem in result.problems:
        print("PROBLEM:", problem)
    return 1 if result.problems else 0


if __name__ == "__main__":
    sys.exit(main())
