"""Test harness only: run `csprbot ARGS` and SIGKILL the process right after its Nth SQL statement.

`python tests/reliability/kill_at.py N ARGS...`: a deterministic kill point (no timing), for crash tests of
first-start migrations and of `quarantine release`. The kill is a real SIGKILL of this very process: no
handler, no rollback, no flush; what the database has is what was durable at that statement.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from sqlalchemy import Engine, event


def main() -> int:
    n = int(sys.argv[1])
    seen = [0]

    def after(*_a: Any) -> None:
        seen[0] += 1
        if seen[0] >= n:
            os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "after_cursor_execute", after)
    from bot.cli import main as cli_main

    rc = cli_main(sys.argv[2:])
    sys.stderr.write(f"kill_at: finished after {seen[0]} statements\n")
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
