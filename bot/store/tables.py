"""The few columns read-only commands query, as SQLAlchemy Core clauses: `csprbot cases` without the ORM.

Importing sqlalchemy.orm and declaring the models (bot/store/models.py) is about 0.1 s of a command that
lists cases in a few milliseconds. These clauses name the same tables and columns with the same types
(tests/unit/test_read_tables.py checks them against the models), so a query built on them reads exactly
what the ORM would.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Date, DateTime, Integer, String, column, table

cases = table(
    "cases",
    column("id", Integer), column("ref", String), column("stage", String), column("opened_at", DateTime),
    column("late_referral", Boolean),
)

clocks = table(
    "clocks",
    column("id", Integer), column("case_id", Integer), column("key", String), column("agency", String),
    column("due", Date), column("state", String), column("stopped_on", Date),
)
