"""The partnership profile: defaults, env overrides, and errors that name the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import ConfigError, insecure_reason, load_settings


def test_example_profile_loads_with_all_nine_clocks() -> None:
    s = load_settings(None, env={})
    assert s.partnership.ref_prefix == "NS"
    assert set(s.clocks) == {"referral", "screening", "notification", "rr_start", "agency_return", "rr_submission",
                             "panel_response", "lcspr", "disagreement"}
    assert s.clocks["lcspr"].unit == "months" and s.clocks["disagreement"].length == 2
    assert s.calendar.closure_dates() and s.mail.inbox == "maildir:var/mail/inbox"


def test_env_overrides() -> None:
    s = load_settings(None, env={"CSPRBOT_INBOX_URL": "imaps://bot@mail.example.gov.uk:993/INBOX",
                                 "CSPRBOT_SENDER_URL": "smtp://bot@mail.example.gov.uk:587",
                                 "CSPRBOT_DATABASE_URL": "sqlite:////tmp/x.db"})
    assert s.mail.inbox.startswith("imaps://") and s.mail.sender.startswith("smtp://")
    assert s.store.url == "sqlite:////tmp/x.db"


def test_config_path_from_env(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as exc:
        load_settings(None, env={"CSPRBOT_CONFIG": str(tmp_path / "nope.toml")})
    assert exc.value.problems == ["file not found"]


def test_password_in_url_is_refused() -> None:
    with pytest.raises(ConfigError) as exc:
        load_settings(None, env={"CSPRBOT_INBOX_URL": "imap://bot:secret@mail.example.gov.uk/INBOX"})
    assert any(p.startswith("mail.inbox:") and "CSPRBOT_INBOX_PASSWORD" in p for p in exc.value.problems)
    assert "secret" not in str(exc.value)


@pytest.mark.parametrize(("address", "ok"), [
    ("a@n-somerset.gov.uk", True), ("a@nhs.net", True), ("a@avon.pnn.police.uk", True),
    ("a@met.police.uk", True), ("a@gmail.com", False), ("a@council.gsi.gov.uk", False),
    ("a@nhs.net.evil.com", False), ("a@gov.uk.evil.com", False),
])
def test_secure_allowlist(address: str, ok: bool) -> None:
    patterns = ["*.gov.uk", "nhs.net", "*.police.uk", "*.pnn.police.uk"]
    assert (insecure_reason(address, patterns) is None) is ok


def test_unknown_clock_and_role_named(tmp_path: Path) -> None:
    base = Path("config/example.toml").read_text() if Path("config/example.toml").exists() else ""
    cfg = tmp_path / "c.toml"
    cfg.write_text(base + '\n[clocks.review]\nlength = 3\n')
    with pytest.raises(ConfigError) as exc:
        load_settings(str(cfg), env={})
    assert any("unknown clock" in p and "review" in p for p in exc.value.problems)
