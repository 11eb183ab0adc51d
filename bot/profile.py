"""The profile file without pydantic: where it is, its environment overrides, and a memo of the profiles
that passed full validation, so a read-only command may trust one without validating it again.

`bot.settings` validates a profile (pydantic, email-validator: most of a read-only command's start-up).
Every command that validates one records here its fingerprint and the two values `csprbot cases` needs
(store.url, never a password: see _memo_url, and calendar.timezone), taken from the validated settings; `cases`
uses them only when the same bytes, the same overrides and the same validating code already passed, so it
needs neither pydantic nor a TOML parser. Anything else (a new or edited profile, no memo, an unwritable
cache) goes the full way, so a wrong profile is refused by every command exactly as before.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

ENV_OVERRIDES = {
    "CSPRBOT_INBOX_URL": ("mail", "inbox"),
    "CSPRBOT_SENDER_URL": ("mail", "sender"),
    "CSPRBOT_DATABASE_URL": ("store", "url"),
    "CSPRBOT_LEASE_SECONDS": ("store", "lease_seconds"),
}
MEMO_VERSION = "csprbot-profile-memo 1"
_HERE = Path(__file__).resolve().parent
# The code that decides whether a profile is valid: editing it (or installing another version) voids the memo.
_VALIDATORS = (_HERE / "settings.py", _HERE / "mail" / "urls.py", _HERE / "domain" / "authres.py",
               _HERE / "profile_checks.py", _HERE / "domain" / "mailproviders.py", _HERE / "domain" / "routing.py",
               Path(__file__).resolve())


def data_dir(name: str) -> Path:
    """templates/ or config/: shipped inside the wheel as bot/_data/NAME, or the repo checkout."""
    for cand in (_HERE / "_data" / name, _HERE.parent / name):
        if cand.is_dir():
            return cand
    raise FileNotFoundError(f"csprbot data folder {name!r} not found next to {_HERE}")


def config_source(explicit: str | None, env: dict[str, str]) -> Path:
    """--config, else CSPRBOT_CONFIG, else the embedded example profile."""
    if explicit:
        return Path(explicit)
    if env.get("CSPRBOT_CONFIG"):
        return Path(env["CSPRBOT_CONFIG"])
    return data_dir("config") / "example.toml"


def apply_overrides(data: dict[str, Any], env: dict[str, str]) -> None:
    for var, (section, key) in ENV_OVERRIDES.items():
        if env.get(var):
            data.setdefault(section, {})[key] = env[var]


def cache_dir(env: dict[str, str]) -> Path | None:
    """The memo's folder: trusted as far as the user's own home is (whoever can write there can change
    which store `cases` lists, but no more: only `cases` reads the memo, and it never writes or sends)."""
    if env.get("CSPRBOT_CACHE_DIR"):
        return Path(env["CSPRBOT_CACHE_DIR"])
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]) / "csprbot"
    home = env.get("HOME")
    return Path(home) / ".cache" / "csprbot" if home else None


def fingerprint(raw: bytes, env: dict[str, str]) -> str:
    """What validation saw: the profile's bytes, the overrides applied to it, and the validating code (csprbot's
    modules and the libraries', by size and mtime: a reinstall or an edit voids the memo)."""
    h = hashlib.sha256(b"csprbot-profile-1\0" + raw)
    for var in ENV_OVERRIDES:
        h.update(f"\0{var}={env.get(var) or ''}".encode())
    for path in (*_VALIDATORS, *_libraries()):
        try:
            st = path.stat()
            h.update(f"\0{path}:{st.st_mtime_ns}:{st.st_size}".encode())
        except OSError:
            h.update(f"\0{path}:absent".encode())
    return h.hexdigest()


def _libraries() -> list[Path]:
    """The validating libraries' package files, found without importing them: upgrading one voids the memo."""
    from importlib.machinery import PathFinder

    out = []
    for name in ("pydantic", "pydantic_core", "email_validator"):
        spec = PathFinder.find_spec(name)
        out.append(Path(spec.origin) if spec is not None and spec.origin else Path(f"<no {name}>"))
    return out


def _memo_file(path: Path, env: dict[str, str]) -> Path | None:
    where = cache_dir(env)
    if where is None:
        return None
    # One memo per profile path and set of overrides (rewritten as the profile changes): two stores run
    # from one profile (CSPRBOT_DATABASE_URL) keep a memo each, and the folder does not grow with edits.
    key = "\0".join([str(path.resolve()), *(env.get(var) or "" for var in ENV_OVERRIDES)])
    return where / ("valid-" + hashlib.sha256(key.encode()).hexdigest()[:32])


FROM_ENV = "$CSPRBOT_DATABASE_URL"


def _memo_url(url: str, env: dict[str, str]) -> str:
    """How the memo names the store: a SQLite file's URL as it is; a URL that came from CSPRBOT_DATABASE_URL
    (a PostgreSQL URL may carry a password) by that name only, read from the environment again when used
    (the fingerprint holds it unchanged); any other URL not at all."""
    if "\n" in url:
        return ""
    if url.startswith("sqlite:///") and "@" not in url:
        return url
    return FROM_ENV if env.get("CSPRBOT_DATABASE_URL") == url else ""


def remember(explicit: str | None, env: dict[str, str], raw: bytes, store_url: str, timezone: str) -> None:
    """After a profile (raw: its bytes) passed bot.settings.load_profile: note it, with the store URL and time
    zone it gave, so `csprbot cases` may trust it without pydantic or TOML."""
    path = config_source(explicit, env)
    try:
        memo = _memo_file(path, env)
        if memo is None:
            return
        url = _memo_url(store_url, env)
        # raw: the bytes that were validated, not the file read again (it may have been edited since).
        text = f"{MEMO_VERSION}\n{fingerprint(raw, env)}\n{url}\n{timezone}\n"
        if memo.is_file() and memo.read_text("utf-8") == text:
            return
        memo.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo.with_name(f"{memo.name}.{os.getpid()}.tmp")
        tmp.write_text(text, "utf-8")
        tmp.replace(memo)  # whole or not at all
    except (OSError, ValueError):
        pass  # a read-only home: every command validates in full, as before


def trusted_store(explicit: str | None, env: dict[str, str]) -> tuple[str, str] | None:
    """(store URL, time zone) of the profile if exactly this one passed validation; else None."""
    path = config_source(explicit, env)
    try:
        memo = _memo_file(path, env)
        if memo is None:
            return None
        lines = memo.read_text("utf-8").split("\n")
        if len(lines) != 5 or lines[0] != MEMO_VERSION or lines[1] != fingerprint(path.read_bytes(), env):
            return None
    except (OSError, ValueError):  # no memo, unreadable: the full way decides
        return None
    url = env.get("CSPRBOT_DATABASE_URL", "") if lines[2] == FROM_ENV else lines[2]
    return (url, lines[3]) if url else None
