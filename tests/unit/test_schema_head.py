"""Start-up without Alembic when the store is up to date (issue 13): the head is read from the migration
files, compared with the stored alembic_version, and Alembic runs only when they differ."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from bot.store.db import MIGRATIONS, ensure_schema, head_revision, make_engine, migrate


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def test_one_head_and_the_reader_agrees_with_alembic() -> None:
    """Two migrations chained on the same parent leave two heads: rebase yours onto the other (HELPERS.md)."""
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"migrations have {len(heads)} heads {heads}: re-point your down_revision"
    assert head_revision() == heads[0]


def version(url: str) -> list[str]:
    eng = make_engine(url)
    try:
        with eng.connect() as conn:
            return list(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    finally:
        eng.dispose()


def test_ensure_schema_creates_a_new_store_and_upgrades_an_old_one(tmp_path: Path) -> None:
    fresh = f"sqlite:///{tmp_path}/fresh.db"
    eng = make_engine(fresh)
    ensure_schema(eng)
    assert "cases" in inspect(eng).get_table_names()
    eng.dispose()
    assert version(fresh) == [head_revision()]

    old = f"sqlite:///{tmp_path}/old.db"
    eng = make_engine(old)
    cfg = alembic_config()
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    ensure_schema(eng)
    assert "child_name_key" in {c["name"] for c in inspect(eng).get_columns("cases")}
    eng.dispose()
    assert version(old) == [head_revision()]


def run_cli(args: list[str], url: str) -> str:
    code = ("import sys, json\nfrom bot.cli import main\nrc = main(sys.argv[1:])\n"
            "heavy = ('alembic', 'parsers', 'jinja2', 'holidays', 'icalendar', 'apscheduler', 'imapclient')\n"
            "orm = sorted(m for m in ('sqlalchemy.orm', 'bot.store.models') if m in sys.modules)\n"
            "loader = sys.modules.get('pydantic.plugin._loader')\n"
            "print(json.dumps({'rc': rc, 'imported': sorted({m.split('.')[0] for m in sys.modules} & set(heavy)),"
            " 'orm': orm, 'plugins_scanned': getattr(loader, '_plugins', None) is not None}),"
            " file=sys.stderr)")
    env = {**os.environ, "CSPRBOT_DATABASE_URL": url}
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False)
    return proc.stderr.strip().splitlines()[-1]


def test_read_only_commands_on_an_up_to_date_store_do_not_load_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/csprbot.db"
    eng = make_engine(url)
    migrate(eng)
    eng.dispose()
    for args in (["cases"], ["case", "NS-CSPR-2026-001"], ["quarantine", "list"], ["audit", "export"],
                 ["status"], ["report", "--year", "2026"]):
        want_rc = 1 if args[0] == "case" else 0  # no such case: exit 1, but it still read the store
        got = json.loads(run_cli(args, url))
        assert (got["rc"], got["imported"]) == (want_rc, []), args
    # `cases` reads through Core clauses (bot/store/tables.py): the ORM and the models are not even imported.
    cases = json.loads(run_cli(["cases"], url))
    assert cases["orm"] == []
    assert cases["plugins_scanned"] is False  # no scan of every package's metadata for pydantic plugins
    assert json.loads(run_cli(["cases", "--all", "--json"], url))["orm"] == []


def test_a_store_behind_the_code_is_still_migrated_by_a_read_only_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/csprbot.db"
    eng = make_engine(url)
    cfg = alembic_config()
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    eng.dispose()
    got = json.loads(run_cli(["cases"], url))
    assert (got["rc"], got["imported"]) == (0, ["alembic"])  # behind: Alembic (and its ORM use) runs
    assert version(url) == [head_revision()]
