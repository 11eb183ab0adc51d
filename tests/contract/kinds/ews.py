"""Contract-suite kind: the EWS (on-prem Exchange) inbox against the local replay server in tests/replay/."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # `tests.replay` without a package install

from tests.replay.harness import ContractHarness, contract_harness

NAME = "ews"
NEEDS_SERVERS = False  # the replay server is in-process: no Exchange, no network


@contextmanager
def make(tmpdir: Path | str) -> Iterator[ContractHarness]:
    """A harness with `.inbox`, `.deliver(raw)`, `.processed_ids()`, `.quarantined_ids()`, `.reopen()`."""
    with contract_harness(NAME, Path(tmpdir)) as harness:
        yield harness
