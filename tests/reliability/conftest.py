"""Reliability suite (issue 6): crash consistency, faults, hostile input, forgery, data protection.

Shared helpers live in reliability_kit.py beside this file; figures each test measures are printed
(run with -s to see them) and written to $CSPRBOT_RELIABILITY_FIGURES when set, one JSON object a line.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:  # `tests.servers` and `reliability_kit` without an installed checkout
        sys.path.insert(0, p)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database, copied per example (migrating costs more than the example itself)."""
    from bot.store.db import make_engine, migrate

    path = tmp_path_factory.mktemp("template") / "csprbot.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path
