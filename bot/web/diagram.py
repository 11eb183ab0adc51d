"""The process diagram of a case page, laid out from the process model (bot.domain.process) alone.

Columns are the stages' places along the process: a stage's column is the longest run of forward moves
(a transition's own target, later in the model's order) that reaches it, so alternatives (a rapid review
or a dispute; a local or a national review) share a column. Closing is a move from every open stage, so
`closed` stands in a column of its own at the end. The tracks (duties beside the stages) are listed with
the commands that start and answer them. Nothing here is kept by hand: a new stage or transition in the
model shows on every case page.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain import process
from bot.domain.labels import label


@dataclass(frozen=True)
class Exit:
    stage: str
    label: str
    commands: tuple[str, ...]


@dataclass(frozen=True)
class Box:
    key: str
    label: str
    meaning: str
    state: str  # "current", "passed" or "ahead"
    exits: tuple[Exit, ...]


@dataclass(frozen=True)
class Track:
    key: str
    label: str
    commands: tuple[str, ...]
    state: str  # "not started", "running", "met", "stopped", "breached"
    due: str | None


@dataclass(frozen=True)
class Diagram:
    columns: tuple[tuple[Box, ...], ...]
    tracks: tuple[Track, ...]
    current: str


STATE_TEXT = {"current": "current stage", "passed": "passed", "ahead": "not reached"}


def _forward() -> dict[str, set[str]]:
    order = list(process.STAGES)
    edges: dict[str, set[str]] = {k: set() for k in order}
    for t in process.TRANSITIONS:
        if t.target is None or t.target == "closed":
            continue
        for src in t.source:
            if src != "closed" and order.index(t.target) > order.index(src):
                edges[src].add(t.target)
    return edges


def columns() -> list[list[str]]:
    """Stage keys by column, the stage with the longer way ahead first within a column."""
    edges = _forward()
    order = [k for k in process.STAGES if k != "closed"]
    rank = {k: 0 for k in order}
    for k in order:  # forward edges go later in the model's order: one pass in that order is enough
        for nxt in edges[k]:
            rank[nxt] = max(rank[nxt], rank[k] + 1)
    ahead: dict[str, int] = {}
    for k in reversed(order):
        ahead[k] = max((ahead[n] + 1 for n in edges[k]), default=0)
    cols: list[list[str]] = [[] for _ in range(max(rank.values()) + 1)]
    for k in order:
        cols[rank[k]].append(k)
    for col in cols:
        col.sort(key=lambda k: (-ahead[k], order.index(k)))
    return [*cols, ["closed"]] if "closed" in process.STAGES else cols


def exits(stage: str) -> tuple[Exit, ...]:
    """Where a stage leads, and by which commands (REOPEN: back to the stage the case was closed from)."""
    out: dict[str, list[str]] = {}
    for t in process.TRANSITIONS:
        if stage not in t.source:
            continue
        targets = [t.target] if t.target else []
        targets += [a for a in t.also if a != stage]
        if t.verb == "REOPEN":
            targets = ["the stage it was closed from"]
        elif t.verb == "NOTIFIED" and stage != "closed":
            continue  # a track event: it moves no stage but a no-rapid-review closing (as docs/PROCESS.md)
        for dst in targets:
            if dst and dst != stage and t.name not in out.setdefault(dst, []):
                out[dst].append(t.name)
    return tuple(Exit(dst, process.STAGES[dst].label if dst in process.STAGES else dst, tuple(names))
                 for dst, names in out.items())


def track_commands(clock: str) -> tuple[str, ...]:
    names = [t.name for t in process.TRANSITIONS if clock in t.starts]
    names += [n for n in process.CLOCK_ANSWERS.get(clock, ()) if n not in names]
    return tuple(names)


def diagram(current: str, visited: set[str], clocks: list[tuple[str, str, str | None]]) -> Diagram:
    """The diagram for a case at `current` that has been in the `visited` stages; `clocks` as
    (key, status, due) of the case's clocks, for the tracks."""
    cols = []
    for col in columns():
        boxes = []
        for key in col:
            s = process.STAGES[key]
            state = "current" if key == current else "passed" if key in visited else "ahead"
            boxes.append(Box(key, s.label, s.meaning, state, exits(key)))
        cols.append(tuple(boxes))
    tracks = []
    for key in process.TRACK_CLOCKS:
        mine = [c for c in clocks if c[0] == key]
        state = "not started"
        due = None
        if mine:
            running = [c for c in mine if c[1] in ("running", "breached")]
            pick = running[0] if running else mine[-1]
            state, due = pick[1], pick[2] if running else None
        tracks.append(Track(key, label(key), track_commands(key), state, due))
    return Diagram(tuple(cols), tuple(tracks), current)
