"""A clock's status on a day: its own module so `csprbot cases` reads it without the rules and calendar."""

from __future__ import annotations

from datetime import date
from typing import Literal

Status = Literal["running", "met", "breached", "stopped"]


def status(state: str, due: date, stopped_on: date | None, today: date) -> Status:
    """running/breached while open; met when stopped by its event; stopped when closed otherwise."""
    if state == "running":
        return "breached" if today > due else "running"
    if state == "met":
        return "met"
    return "stopped"
