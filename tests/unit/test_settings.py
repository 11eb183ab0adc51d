"""The partnership profile: defaults, env overrides, and errors that name the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import ConfigError, insecure_reason, load_settings


def test_example_profile_loads_with_every_clock() -> None:
    s = load_settings(None, env={})
    assert s.partnership.ref_prefix == "NS"
    assert set(s.clocks) == {"referral", "screening", "notification", "rr_start", "agency_return", "rr_submission",
                             "panel_response", "lcspr", "disagreement", "review_notices", "ofsted_notification",
                             "publication_window", "learning_action"}
    # Statutory clocks count weekdays less bank holidays only; the council's closures do not extend them.
    assert {k for k, r in s.clocks.items() if not r.local_closures} == {
        "notification", "rr_submission", "ofsted_notification"}
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


# --- check-config in the author's words (issue 11 item 9) ---------------------------------------------

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example.toml"


def _problems(tmp_path: Path, text: str) -> list[str]:
    cfg = tmp_path / "p.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_settings(str(cfg), env={})
    return exc.value.problems


def test_unknown_time_zone_is_a_config_error_not_a_crash_in_run(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace('timezone = "Europe/London"', 'timezone = "Europe/Lndon"')
    assert _problems(tmp_path, text) == [
        "calendar.timezone: 'Europe/Lndon' is not a known time zone (IANA name, e.g. 'Europe/London')"]


def test_closure_that_ends_before_it_starts(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("start = 2026-12-29, end = 2026-12-31", "start = 2026-12-31, end = 2026-12-29")
    (p,) = _problems(tmp_path, text)
    assert p.startswith("calendar.closure_days[0]:") and "ends (2026-12-29) before it starts (2026-12-31)" in p


@pytest.mark.parametrize(("bad", "said"), [
    ("2026-12-32", "2026-12-32 is not a date"),
    ("2026-02-29", "2026-02-29 is not a date"),  # 2026 is not a leap year
    ("2026-13-01", "2026-13-01 is not a date"),
])
def test_bad_date_in_an_inline_table_is_named(tmp_path: Path, bad: str, said: str) -> None:
    # tomllib says "Unclosed inline table" here; the author needs the date and its line.
    text = EXAMPLE.read_text().replace("start = 2026-12-29", f"start = {bad}")
    lineno = next(i for i, line in enumerate(text.splitlines(), 1) if bad in line)
    assert _problems(tmp_path, text) == [
        f"line {lineno}: {said}; write dates as YYYY-MM-DD with a real day (e.g. 2026-12-29)"]


def test_time_without_seconds_is_explained(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("cutoff = 17:00:00", "cutoff = 17:00")
    (p,) = _problems(tmp_path, text)
    assert p.endswith("write the time 17:00 as HH:MM:SS (e.g. 17:00:00)")


@pytest.mark.parametrize(("old", "new", "said"), [
    ("poll_seconds = 2", "pol_seconds = 2",
     "mail.pol_seconds: unknown setting 'pol_seconds'; did you mean 'poll_seconds'?"),
    ("[digest]", "[digests]", "digests: unknown setting 'digests'; did you mean 'digest'?"),
    ("length = 10\n", "length = 10\nchaser = [1]\n",
     "clocks.agency_return.chaser: unknown setting 'chaser'; did you mean 'chasers'?"),
    ("executive = [", "executiv = [", "roles.executiv: unknown setting 'executiv'; did you mean 'executive'?"),
    ("[routing]", "[routing]\nreferal = [\"coordinator\"]",
     "routing.referal: unknown setting 'referal'; did you mean 'referral'?"),
])
def test_unknown_setting_suggests_the_nearest_name(tmp_path: Path, old: str, new: str, said: str) -> None:
    text = EXAMPLE.read_text()
    assert old in text
    assert said in _problems(tmp_path, text.replace(old, new, 1))


def test_routing_is_config_and_names_unknown_roles(tmp_path: Path) -> None:
    from bot.domain import routing

    s = load_settings(None, env={})
    # The sub-group chair screens the referral: she hears of it with everyone else, not from a chaser.
    assert "cspr.subgroup.chair@nsscp.example.gov.uk" in routing.for_event(s, "referral")
    text = EXAMPLE.read_text().replace('disagreement = ["assistant_director"]', 'disagreement = ["the_ad"]')
    (p,) = _problems(tmp_path, text)
    assert p.startswith("routing:") and "disagreement: unknown role 'the_ad'" in p
    text = EXAMPLE.read_text().replace('no_rapid_review = ["assistant_director"]', 'no_rapid_review = ["director"]')
    cfg = tmp_path / "ok.toml"
    cfg.write_text(text)
    told = routing.for_event(load_settings(str(cfg), env={}), "no_rapid_review")
    assert told == ("director.people@nsscp.example.gov.uk",)


def test_check_config_warns_of_a_routed_role_with_no_address(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace('executive = ["nsscp.executive@nsscp.example.gov.uk"]', "executive = []")
    cfg = tmp_path / "p.toml"
    cfg.write_text(text)
    warnings = load_settings(str(cfg), env={}).warnings()
    assert "routing.screening_decision: role 'executive' has no address (roles.executive is empty), so it is not told" \
        in warnings
    assert any(w.startswith("clocks.rr_submission.escalation[0]: role 'executive'") for w in warnings)
    assert load_settings(None, env={}).warnings() == []
