"""Escalations by case and person, with a step-down: what the sweep mails and what only the digest carries.

A stuck case used to send the Assistant Director a separate escalation per overdue clock (four agency
returns and the notification: five mails on one morning), every second working day without end (stranger11
B2: 209 to the AD in 4.5 months). The rule now:

* one escalation mail per person per case per sweep, listing every overdue clock of that case that
  escalates to that person that day;
* each breach (a clock and its due date: an EXTEND makes a new breach) is mailed at most `cap` times
  (process.escalation_mails, default 3: the working day after the breach and two repeats); after that it is
  carried by the co-ordinator's daily digest, which lists every overdue clock, and is recorded as such.

Pure: the sweep gives the escalations its slots decided on, this says who gets which in one mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


def breach_of(slot_key: str) -> str:
    """The breach an escalation slot belongs to: its key without the repeat number (`escalation:<due>`)."""
    return slot_key.rsplit(":", 1)[0]


@dataclass(frozen=True)
class Overdue(Generic[T]):
    """One escalation the slots call for: `item` is the caller's (a clock), `n` how many escalation mails this
    breach has had already (sent or sent late: a breach missed while the bot was down still gets its mails)."""

    case: str
    item: T
    n: int
    to: tuple[str, ...]


@dataclass(frozen=True)
class Plan(Generic[T]):
    mails: dict[tuple[str, str], list[T]]  # (case, address) -> the overdue clocks its one mail lists
    digest_only: list[T]  # escalations past the cap: recorded, carried by the digest, not mailed


def plan(escalations: list[Overdue[T]], cap: int) -> Plan[T]:
    mails: dict[tuple[str, str], list[T]] = {}
    digest_only: list[T] = []
    for e in escalations:
        if e.n >= cap:
            digest_only.append(e.item)
            continue
        for addr in e.to:
            mails.setdefault((e.case, addr), []).append(e.item)
    return Plan(mails, digest_only)
