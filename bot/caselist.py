"""`csprbot cases`: every (open) case with its next running clock, read in one Core query (no ORM)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import case as when
from sqlalchemy import func, select

from bot.domain.clocks import status
from bot.store.tables import cases, clocks

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session


def case_list(conn: Connection | Session, today: date, include_closed: bool = False) -> list[dict[str, Any]]:
    """Every (open) case with its next running clock and how many running clocks are past due.

    One query whatever the number of cases: each case's running clocks are ranked by due date in SQL
    (a window function, SQLite >= 3.25 and PostgreSQL) and only the first is joined; the case's
    personal columns are never read. Built on bot.store.tables, so a Core connection is enough.
    """
    ranked = (
        select(clocks.c.case_id, clocks.c.key, clocks.c.agency, clocks.c.due, clocks.c.state, clocks.c.stopped_on,
               func.row_number().over(partition_by=clocks.c.case_id, order_by=(clocks.c.due, clocks.c.id)).label("rn"),
               func.sum(when((clocks.c.due < today, 1), else_=0)).over(partition_by=clocks.c.case_id).label("late"))
        .where(clocks.c.state == "running").subquery()
    )
    q = (select(cases.c.ref, cases.c.stage, cases.c.opened_at, cases.c.late_referral, ranked.c.key, ranked.c.agency,
                ranked.c.due, ranked.c.state, ranked.c.stopped_on, ranked.c.late)
         .select_from(cases.outerjoin(ranked, (ranked.c.case_id == cases.c.id) & (ranked.c.rn == 1)))
         .order_by(cases.c.id))
    if not include_closed:
        q = q.where(cases.c.stage != "closed")
    out = []
    for ref, stage, opened, late_referral, key, agency, due, state, stopped_on, late in conn.execute(q):
        out.append({
            "ref": ref, "stage": stage, "opened": opened.date().isoformat(), "late_referral": late_referral,
            "next_due": {"clock": key, "agency": agency or None, "due": due.isoformat(),
                         "status": status(state, due, stopped_on, today)} if key is not None else None,
            "breached": int(late or 0),
        })
    return out
