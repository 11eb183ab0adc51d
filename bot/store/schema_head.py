"""The migrations' head revision, read from their files: the schema check without SQLAlchemy or Alembic."""

from __future__ import annotations

import re
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(None|'[^']*'|\"[^\"]*\")\s*$", re.M)


def head_revision() -> str | None:
    """The newest migration's revision id, read from the files in migrations/versions without Alembic.

    None when it cannot be told (no single head, or a file this simple reader does not understand):
    the caller then lets Alembic decide. tests/unit/test_schema_head.py checks it against Alembic.
    """
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        if path.name == "__init__.py":
            continue
        found = {k: None if v == "None" else v[1:-1] for k, v in _REVISION.findall(path.read_text("utf-8"))}
        if "revision" not in found or "down_revision" not in found or found["revision"] is None:
            return None
        revisions[found["revision"]] = found["down_revision"]
    heads = set(revisions) - set(revisions.values())
    return heads.pop() if len(heads) == 1 else None
