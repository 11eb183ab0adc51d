"""The partnership profile: pydantic models of the TOML config, env overrides, and `check-config`.

Everything that varies between partnerships lives here, never in code (DOMAIN.md). Every key has a
description; a bad value is reported with its field path (e.g. `roles.coordinator[0]`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import fnmatch
import functools
import os
import re
import tomllib
import types
from datetime import date, time
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

# Re-exported: where the profile is and what overrides it are read without pydantic (bot.profile).
from bot.profile import ENV_OVERRIDES as ENV_OVERRIDES
from bot.profile import apply_overrides
from bot.profile import config_source as config_source
from bot.profile import data_dir as data_dir

ROLES = (
    "coordinator",
    "service_leader",
    "assistant_director",
    "director",
    "police_review",
    "icb_safeguarding",
    "subgroup_chair",
    "executive",
)
# Pseudo-roles a clock may name: resolved per agency at run time.
AGENCY_ROLES = ("agency_lead", "agency_subgroup_rep", "action_owner")
CLOCK_KEYS = (
    "referral",
    "screening",
    "notification",
    "rr_start",
    "agency_return",
    "rr_submission",
    "panel_response",
    "lcspr",
    "disagreement",
    "review_notices",
    "ofsted_notification",
    "publication_window",
    "learning_action",
)
ANCHORS = (
    "incident_date",  # date of death or critical incident on the referral
    "referral_received",  # effective date the referral reached the partnership
    "rr_decision",  # DECISION: RAPID REVIEW recorded
    "request_sent",  # the request to one agency was sent (clock 5, per agency)
    "notified",  # NOTIFIED: date given by the service leader (SIN)
    "rr_submitted",  # SUBMITTED: date
    "local_review_decision",  # PANEL: LOCAL REVIEW
    "disagreement_raised",  # DISAGREE:
    "la_aware",  # the local authority became aware (AWARE:, else the incident date when its own children's
    #              services referred, else the day the referral was received)
    "reviewer_appointed",  # REVIEWER: name, organisation
    "published",  # PUBLISHED: date
    "action_set",  # ACTION: owner; date; text (the action's own date is its due date)
)
# Statutory clocks count weekdays less bank holidays: a council's own closure days do not extend them.
STATUTORY_CLOCKS = ("notification", "rr_submission", "ofsted_notification")
DEFAULT_SECURE = ["*.gov.uk", "nhs.net", "*.police.uk", "*.pnn.police.uk"]
# Legacy government secure-network suffixes: switched off years ago, never a safe destination.
LEGACY_SUFFIXES = (".gsi.gov.uk", ".gcsx.gov.uk", ".gsx.gov.uk", ".gse.gov.uk")


# The tz database's links to Europe/London ("backward" file): the very same clock under another name.
LONDON_ALIASES = frozenset({"Europe/London", "GB", "GB-Eire", "Europe/Belfast", "Europe/Jersey", "Europe/Guernsey",
                            "Europe/Isle_of_Man"})


@functools.lru_cache(maxsize=16)
def keeps_london_time(zone: str) -> bool:
    """Whether `zone` has London's UTC offset at noon UTC on every day of 2018-2035 (the working-day calendar's
    span): Europe/Lisbon does, UTC and Europe/Paris do not."""
    from zoneinfo import ZoneInfo

    if zone in LONDON_ALIASES:
        return True
    z, london = ZoneInfo(zone), ZoneInfo("Europe/London")
    day = dt.datetime(2018, 1, 1, 12, tzinfo=dt.UTC)
    while day.year < 2036:
        if day.astimezone(z).utcoffset() != day.astimezone(london).utcoffset():
            return False
        day += dt.timedelta(days=1)
    return True


def _address(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"not a valid email address ({exc})") from None


Address = Annotated[str, AfterValidator(_address)]


def _scalar_kinds(annotation: Any) -> set[Any]:
    """The plain types a field's annotation allows (int | None -> {int, NoneType})."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _scalar_kinds(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return {k for arg in get_args(annotation) for k in _scalar_kinds(arg)}
    return {annotation}


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _plain_kind(cls, v: Any, info: Any) -> Any:
        # pydantic's lax mode reads `true` as 1 and 17 as the time 00:00:17 UTC (or the date 1970-01-01): each
        # a silent, wrong setting (retention_days = true purged after a day). A TOML value of the wrong kind is
        # refused instead; "5" for 5 and 5.0 for 5 are still read as meant.
        kinds = _scalar_kinds(cls.model_fields[info.field_name].annotation)
        if isinstance(v, bool) and bool not in kinds and kinds & {int, float}:
            raise ValueError("a number is needed here, not true/false")
        if isinstance(v, int | float) and not kinds & {int, float, bool} and kinds & {time, date}:
            raise ValueError("write a time of day as HH:MM:SS and a date as YYYY-MM-DD, not a number")
        if isinstance(v, time) and v.tzinfo is not None:
            raise ValueError("a time of day here is local (the partnership's calendar.timezone): leave the offset out")
        return v


class Partnership(_M):
    name: str = Field(description="Partnership name, as it appears in letters and the digest")
    ref_prefix: str = Field(
        pattern=r"^[A-Z]{2,6}$", description="Case reference prefix: NS gives NS-CSPR-2026-004"
    )
    bot_address: Address = Field(description="The address csprbot sends from (the shared mailbox)")


class Roles(_M):
    coordinator: list[Address] = Field(min_length=1, description="Partnership co-ordinator mailbox")
    service_leader: list[Address] = Field(min_length=1, description="LA service leader; the SIN notifier")
    assistant_director: list[Address] = Field(min_length=1, description="LA Assistant Director")
    director: list[Address] = Field(min_length=1, description="LA Director of People/Children")
    police_review: list[Address] = Field(min_length=1, description="Police case review team")
    icb_safeguarding: list[Address] = Field(min_length=1, description="ICB safeguarding team")
    subgroup_chair: list[Address] = Field(min_length=1, description="Chair of the CSPR sub-group")
    executive: list[Address] = Field(default_factory=list, description="The partnership executive")

    def of(self, role: str) -> list[str]:
        return list(getattr(self, role))

    def holders(self, address: str) -> set[str]:
        """Roles this address holds (case-insensitive)."""
        a = address.lower()
        return {r for r in ROLES if a in (x.lower() for x in self.of(r))}


class Agency(_M):
    name: str = Field(description="Agency name as used in AGENCIES: lines and digests")
    domains: list[str] = Field(min_length=1, description="Sender domains that identify this agency")
    lead: Address = Field(description="Safeguarding lead: receives the rapid-review request")
    subgroup_rep: Address | None = Field(default=None, description="Sub-group representative")
    addresses: list[Address] = Field(
        default_factory=list,
        description="Other addresses that may send this agency's returns; on a shared domain (nhs.net, a "
        "gov.uk or police.uk parent) only the lead, the representative and these identify the agency",
    )

    def listed(self) -> set[str]:
        return {a.lower() for a in (self.lead, self.subgroup_rep, *self.addresses) if a}

    @field_validator("domains")
    @classmethod
    def _lower(cls, v: list[str]) -> list[str]:
        return [d.strip().lower() for d in v]


class ClockRule(_M):
    anchor: Literal[ANCHORS] = Field(description="What starts the clock (day 0)")  # type: ignore[valid-type]
    length: int = Field(ge=0, description="How long until due, in `unit`")
    unit: Literal["working_days", "calendar_days", "months"] = "working_days"
    chasers: list[int] = Field(
        default_factory=lambda: [-2, -1, 0],
        description="Working-day offsets from the due date on which to chase (0 = the due day)",
    )
    responsible: list[str] = Field(default_factory=list, description="Roles chased")
    escalation: list[list[str]] = Field(
        default_factory=list,
        description="Escalation ladder: first breach goes to step 1, repeats climb, the last step repeats",
    )
    escalate_after: int = Field(default=1, ge=0, description="Working days after due of the first escalation")
    repeat_every: int = Field(default=2, ge=1, description="Working days between repeat escalations")
    informal: bool = Field(default=False, description="Shown in the digest only: no chasers, no escalation")
    local_closures: bool = Field(
        default=True,
        description="Whether the partnership's own closure days count as non-working days for this clock "
        "(default: not for the statutory notification, rapid-review submission and Ofsted clocks)",
    )

    @model_validator(mode="after")
    def _roles_known(self) -> ClockRule:
        for r in [*self.responsible, *(x for step in self.escalation for x in step)]:
            if r not in ROLES and r not in AGENCY_ROLES:
                raise ValueError(f"unknown role {r!r}; roles are {', '.join(ROLES + AGENCY_ROLES)}")
        return self


def _default_clocks() -> dict[str, ClockRule]:
    wd = "working_days"
    return {
        "referral": ClockRule(anchor="incident_date", length=1, unit=wd, chasers=[], informal=True),
        "screening": ClockRule(
            anchor="incident_date", length=5, responsible=["subgroup_chair", "coordinator"],
            escalation=[["assistant_director"]],
        ),
        "notification": ClockRule(
            anchor="la_aware", length=5, responsible=["service_leader"],
            escalation=[["assistant_director"]], local_closures=False,
        ),
        "rr_start": ClockRule(
            anchor="rr_decision", length=5, responsible=["coordinator"], escalation=[["assistant_director"]]
        ),
        "agency_return": ClockRule(
            anchor="request_sent", length=10, responsible=["agency_lead"],
            escalation=[["agency_subgroup_rep"], ["coordinator", "assistant_director"]],
        ),
        "rr_submission": ClockRule(
            anchor="notified", length=15, responsible=["coordinator", "subgroup_chair"],
            escalation=[["assistant_director", "executive"]], local_closures=False,
        ),
        "panel_response": ClockRule(
            anchor="rr_submitted", length=10, unit="calendar_days", chasers=[], informal=True
        ),
        "lcspr": ClockRule(
            anchor="local_review_decision", length=6, unit="months", chasers=[-10, -5, 0],
            responsible=["coordinator"], escalation=[["assistant_director", "executive"]],
        ),
        "disagreement": ClockRule(
            anchor="disagreement_raised", length=2, responsible=["assistant_director"],
            escalation=[["director"]],
        ),
        "review_notices": ClockRule(
            anchor="reviewer_appointed", length=5, responsible=["service_leader"],
            escalation=[["assistant_director"]],
        ),
        "ofsted_notification": ClockRule(
            anchor="la_aware", length=5, responsible=["service_leader"],
            escalation=[["assistant_director"]], local_closures=False,
        ),
        "publication_window": ClockRule(
            anchor="published", length=12, unit="months", chasers=[0], responsible=["coordinator"],
        ),
        "learning_action": ClockRule(
            anchor="action_set", length=0, unit="calendar_days", chasers=[-5, 0],
            responsible=["action_owner", "coordinator"], escalation=[["coordinator"]], repeat_every=10,
        ),
    }


class Closure(_M):
    start: date
    end: date | None = None
    reason: str = "Local closure"

    @model_validator(mode="after")
    def _ordered(self) -> Closure:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"the closure ends ({self.end}) before it starts ({self.start})")
        return self


class CalendarSettings(_M):
    region: Literal["ENG", "WLS", "SCT", "NIR"] = Field(
        default="ENG",
        description="Bank-holiday region: a GB subdivision of the holidays library, by code or name (ENG, England). "
        "A safeguarding children partnership is in England, so its clocks count England's bank holidays",
    )
    closure_days: list[Closure] = Field(default_factory=list, description="Local closure days or ranges")
    cutoff: time = Field(default=time(17, 0), description="Mail after this counts from the next working day")
    timezone: str = Field(default="Europe/London", description="IANA time zone of the partnership")
    reminder_time: time = Field(default=time(9, 0), description="When chasers and escalations go out")
    working_hours_end: time = Field(default=time(17, 30), description="No reminders after this")

    @field_validator("region", mode="before")
    @classmethod
    def _region_name(cls, v: Any) -> Any:
        from bot.workdays import region_code

        return (region_code(v) or v) if isinstance(v, str) else v

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        # Checked here, not first in `run`: an unknown zone used to pass check-config and crash the loop.
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{v!r} is not a known time zone (IANA name, e.g. 'Europe/London')") from None
        # The tz database's other names for London's clock are the same zone; another zone is refused (naming
        # calendar.timezone) by profile_checks with the other cross-field checks, so all are said at once.
        return "Europe/London" if v in LONDON_ALIASES else v

    def closure_dates(self) -> set[date]:
        out: set[date] = set()
        for c in self.closure_days:
            d, end = c.start, c.end or c.start
            while d <= end:
                out.add(d)
                d = date.fromordinal(d.toordinal() + 1)
        return out


class OAuthSettings(_M):
    tenant_id: str | None = Field(default=None, description="Entra ID tenant (Graph, IMAP XOAUTH2)")
    client_id: str | None = Field(default=None, description="App registration client id")
    authority_host: str = Field(default="https://login.microsoftonline.com", description="Token authority")
    graph_endpoint: str = Field(default="https://graph.microsoft.com/v1.0", description="Graph API base")
    scopes: list[str] = Field(default_factory=lambda: ["https://graph.microsoft.com/.default"])


class MailSettings(_M):
    inbox: str = Field(default="maildir:var/mail/inbox", description="Inbox URL (maildir:, imap(s)://, ews://, graph://)")
    sender: str = Field(default="maildir:var/mail/outbox", description="Sender URL (maildir:, smtp(s)://, ews://, graph://)")
    processed_folder: str = Field(default="Processed", description="Where handled mail is moved")
    quarantine_folder: str = Field(default="Quarantine", description="Where unreadable mail is moved")
    poll_seconds: float = Field(default=30.0, gt=0, description="Polling interval when push is unavailable")
    idle_renew_seconds: float = Field(default=600.0, gt=0, le=1740, description="Re-issue IMAP IDLE this often")
    ca_file: str | None = Field(default=None, description="Extra CA bundle for TLS (private CAs, tests)")
    auth: Literal["login", "xoauth2", "ntlm", "basic", "oauth"] = Field(default="login", description="How to log in")
    oauth: OAuthSettings = Field(default_factory=OAuthSettings)
    stale_after_minutes: float = Field(default=15.0, gt=0, description="A mailbox unchecked this long is reported")
    rate_cap_per_hour: int = Field(default=30, ge=1, description="Most mails to one recipient per hour (loop guard)")
    max_routed_mail_bytes: int = Field(
        default=10 * 1024 * 1024, ge=64 * 1024,
        description="Largest mail csprbot sends (receiving servers refuse more; Microsoft 365 and NHSmail take "
        "25-35 MB): parts of a referral that do not fit are withheld and listed, fetched with `csprbot export`",
    )
    notice_batch_minutes: float = Field(
        default=60.0, gt=0,
        description="Quarantine notices: the first 3 in this many minutes go one by one, the rest in one summary",
    )
    stranger_referrals_routed: int = Field(
        default=3, ge=0,
        description="Referrals from one sender holding no role and no agency routed in each notice_batch_minutes; "
        "beyond that their cases are opened and listed in one summary to the co-ordinator instead",
    )
    stranger_referrals_routed_per_domain: int = Field(
        default=6, ge=0,
        description="The same, for all such senders of one organisational domain together",
    )
    stranger_referrals_routed_total: int = Field(
        default=12, ge=0,
        description="The same, for all such senders together, whatever their domain (a flood from many domains); "
        "referrals from roles and agencies are never counted or held by it",
    )
    agency_domain_referrals_routed: int = Field(
        default=10, ge=0,
        description="Referrals from addresses on one agency's own domain that are not its listed addresses, routed "
        "in each notice_batch_minutes (counted by agency, apart from strangers); beyond that, as for strangers. "
        "Listed addresses and roles are never counted or held",
    )
    work_budget_seconds: float = Field(
        default=30.0, ge=0,
        description="Most time one message may take to parse (in a child process); over it the message is "
        "quarantined and intake moves on (0 = parse in-process, no budget)",
    )
    work_budget_mb: int = Field(default=768, ge=64, description="Most memory one message's parse may add")
    delay_alarm_hours: float = Field(
        default=4.0, gt=0,
        description="Mail to one address deferred (4xx) this long is told like a refusal: the co-ordinator, or "
        "for the co-ordinator's own address routing.unreachable, once a day while it lasts; `status --check` "
        "exits 1 while any mail has waited this long (4 h: sendmail's queue warning, past any greylisting)",
    )
    retry_base_seconds: float = Field(
        default=30.0, gt=0, description="First retry of a failed send after this long; doubles, capped at 1 hour"
    )
    trusted_authserv_id: str | None = Field(
        default=None,
        description="authserv-id of the partnership's boundary mail server; when set, referrals, returns and "
        "commands need a DMARC (or DKIM/SPF) pass in its Authentication-Results header",
    )
    require_authentication: bool = Field(
        default=False, strict=True,
        description="With trusted_authserv_id: also refuse mail that has no verdict at all (true or false, unquoted)",
    )

    @field_validator("trusted_authserv_id")
    @classmethod
    def _authserv(cls, v: str | None) -> str | None:
        # A blank or ";"-bearing id matches no boundary's stamp (or a forged one): say so rather than authenticate
        # nothing. Leave the key out to switch sender authentication off.
        if v is None:
            return v
        if not v.strip():
            raise ValueError("blank: set your boundary server's authserv-id, or leave the key out")
        if any(ch in v for ch in ';()"\\') or any(ch.isspace() or not ch.isprintable() for ch in v):
            raise ValueError("an authserv-id is one token (no spaces, ';', brackets or quotes)")
        return v

    @field_validator("inbox", "sender")
    @classmethod
    def _url(cls, v: str, info: Any) -> str:
        from bot.mail.urls import INBOX_SCHEMES, SENDER_SCHEMES, parse_url

        parse_url(v, INBOX_SCHEMES if info.field_name == "inbox" else SENDER_SCHEMES)
        return v


class StoreSettings(_M):
    url: str = Field(default="sqlite:///var/csprbot.db", description="SQLAlchemy database URL")
    retention_days: int = Field(
        default=0, ge=0,
        description="After N days purge raw mail, sent mail bodies and closed cases' personal fields; clock "
        "history and the audit log are kept (0 = keep everything)",
    )
    lease_seconds: int = Field(
        default=120, ge=10, le=3600,
        description="How long a claim (a message or mail being worked, the sweep/digest leadership) outlives "
        "its holder: when an instance dies, another takes its work over after this many seconds",
    )


class DigestSettings(_M):
    time: dt.time = Field(default=dt.time(8, 0), description="When the daily digest goes out on working days")
    recipients: list[str] = Field(
        default_factory=lambda: ["coordinator"], description="Roles or addresses that get the digest"
    )


class OidcSettings(_M):
    """Optional sign-in with Microsoft Entra ID (OpenID Connect, authorisation code + PKCE); links still work."""

    issuer: str = Field(description="OpenID issuer, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0")
    client_id: str = Field(description="App registration client id (its secret, if any, in CSPRBOT_WEB_OIDC_SECRET)")
    scopes: list[str] = Field(default_factory=lambda: ["openid", "email", "profile"])
    address_claim: str = Field(default="email", description="ID-token claim holding the work address "
                               "(Entra ID: email, or preferred_username)")
    label: str = Field(default="Sign in with Microsoft", description="The button's text on the sign-in page")


class WebSettings(_M):
    host: str = Field(default="127.0.0.1", description="Address `csprbot web` listens on (loopback by default)")
    port: int = Field(default=8025, ge=1, le=65535, description="Port `csprbot web` listens on")
    public_url: str | None = Field(
        default=None, description="Address people reach the web view at (sign-in links); default http://host:port"
    )
    link_minutes: int = Field(default=15, ge=1, le=120, description="How long an emailed sign-in link works")
    idle_minutes: int = Field(default=30, ge=1, description="A session unused this long ends")
    session_hours: int = Field(default=10, ge=1, le=24, description="A session ends this long after sign-in")
    signin_per_hour: int = Field(default=5, ge=1, description="Sign-in links one address may ask for per hour")
    signin_per_ip_hour: int = Field(default=30, ge=1, description="Sign-in requests from one IP per hour")
    oidc: OidcSettings | None = Field(default=None, description="Entra ID sign-in (optional)")
    trusted_proxy: str | None = Field(
        default=None, description="Address of the TLS reverse proxy in front (its X-Forwarded-For/-Proto are believed)"
    )
def _route(*roles: str) -> Any:
    return Field(default_factory=lambda: list(roles), description=f"Roles told (default: {', '.join(roles)})")


class RoutingSettings(_M):
    """Who receives what, per event. Every role named must hold an address (check-config warns)."""

    referral: list[str] = Field(
        default_factory=lambda: ["subgroup_chair", "coordinator", "service_leader", "assistant_director",
                                 "director", "police_review", "icb_safeguarding"],
        description="Roles sent a new referral with the form (the sub-group chair screens it)",
    )
    screening_decision: list[str] = _route("executive", "coordinator")
    no_rapid_review: list[str] = _route("assistant_director")
    disagreement: list[str] = _route("assistant_director")
    panel_decision: list[str] = _route("coordinator", "service_leader", "executive")
    triage: list[str] = _route("coordinator")
    unreachable: list[str] = Field(
        default_factory=lambda: ["assistant_director"],
        description="Roles told (once a day per address) when mail to a triage address is refused for good: the "
        "role that hears of refused mail cannot hear of its own (default: assistant_director)",
    )
    unreachable_wider: list[str] = Field(
        default_factory=lambda: ["service_leader", "director", "executive", "police_review", "icb_safeguarding"],
        description="Told instead when every triage and unreachable address is itself refused, or deferred past "
        "mail.delay_alarm_hours: the partnership's other senior roles and the two other statutory partners' "
        "review leads, so someone hears that the co-ordinator's mail is not arriving",
    )

    @model_validator(mode="after")
    def _roles_known(self) -> RoutingSettings:
        bad = [f"{event}: unknown role {r!r}" for event, roles in self.model_dump().items() for r in roles
               if r not in ROLES]
        if bad:
            raise ValueError("; ".join(bad) + f" (roles are {', '.join(ROLES)})")
        return self


class ProcessSettings(_M):
    escalation_mails: int = Field(
        default=3, ge=1,
        description="Escalation mails per person for one unchanged breach (a clock and its due date): the working "
        "day after it and the repeats up to this number; later ones are carried by the daily digest only",
    )
    dispute_window: int = Field(
        default=10, ge=0,
        description="Working days after a no-rapid-review decision in which DISAGREE (and NOTIFIED) are accepted",
    )
    la_childrens_services: str | None = Field(
        default=None,
        description="The agency (by name) that is the local authority's own children's services: its referrals "
        "make the incident date the day the LA became aware (the notification clock's day 0)",
    )


class Settings(_M):
    partnership: Partnership
    roles: Roles
    agencies: list[Agency] = Field(default_factory=list)
    clocks: dict[str, ClockRule] = Field(default_factory=_default_clocks)
    calendar: CalendarSettings = Field(default_factory=CalendarSettings)
    secure_domains: list[str] = Field(default_factory=lambda: list(DEFAULT_SECURE))
    mail: MailSettings = Field(default_factory=MailSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    digest: DigestSettings = Field(default_factory=DigestSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    routing: RoutingSettings = Field(default_factory=RoutingSettings)
    process: ProcessSettings = Field(default_factory=ProcessSettings)

    @field_validator("clocks", mode="before")
    @classmethod
    def _merge_defaults(cls, v: Any) -> Any:
        # A profile names only the clocks it changes; the rest keep DOMAIN.md's defaults.
        if not isinstance(v, dict):
            return v
        unknown = sorted(set(v) - set(CLOCK_KEYS))
        if unknown:
            # Each named as its own field, with the nearest clock: `[clocks.screenin]` is a typo of `screening`.
            def near(k: str) -> str:
                m = difflib.get_close_matches(k.lower().replace("-", "_"), CLOCK_KEYS, n=1, cutoff=0.6)
                return f", did you mean {m[0]!r}?" if m else f" (clocks are {', '.join(CLOCK_KEYS)})"

            raise ValueError("; ".join(f"clocks.{k}: unknown clock {k!r}{near(k)}" for k in unknown))
        merged: dict[str, Any] = {k: r.model_dump() for k, r in _default_clocks().items()}
        for k, r in v.items():
            merged[k] = {**merged[k], **r} if isinstance(r, dict) else r
        return merged

    @model_validator(mode="after")
    def _secure(self) -> Settings:
        from bot.profile_checks import profile_errors

        errors: list[str] = profile_errors(self)
        for role in ROLES:
            for i, a in enumerate(self.roles.of(role)):
                why = insecure_reason(a, self.secure_domains)
                if why:
                    errors.append(f"roles.{role}[{i}]: {why}")
        for i, ag in enumerate(self.agencies):
            for fld in ("lead", "subgroup_rep"):
                a = getattr(ag, fld)
                why = insecure_reason(a, self.secure_domains) if a else None
                if why:
                    errors.append(f"agencies[{i}].{fld}: {why}")
            for j, a in enumerate(ag.addresses):
                if why := insecure_reason(a, self.secure_domains):
                    errors.append(f"agencies[{i}].addresses[{j}]: {why}")
        for i, r in enumerate(self.digest.recipients):
            if "@" not in r and r not in ROLES:
                errors.append(f"digest.recipients[{i}]: {r!r} is neither a role nor an address")
            elif "@" in r and (why := insecure_reason(r, self.secure_domains)):
                errors.append(f"digest.recipients[{i}]: {why}")
        la = self.process.la_childrens_services
        if la and self.agency_named(la) is None:
            errors.append(f"process.la_childrens_services: {la!r} is not one of the agencies "
                          f"({', '.join(a.name for a in self.agencies) or 'none configured'})")
        if errors:
            raise ValueError("; ".join(errors))
        return self

    def warnings(self) -> list[str]:
        """Not wrong enough to refuse, but worth saying at check-config: mail that would reach nobody."""
        out: list[str] = []
        for event, roles in self.routing.model_dump().items():
            for r in roles:
                if not self.roles.of(r):
                    out.append(f"routing.{event}: role {r!r} has no address (roles.{r} is empty), so it is "
                               f"not told")
        for key, rule in self.clocks.items():
            named = [("responsible", r) for r in rule.responsible]
            named += [(f"escalation[{i}]", r) for i, step in enumerate(rule.escalation) for r in step]
            for where, r in named:
                if r in ROLES and not self.roles.of(r):
                    out.append(f"clocks.{key}.{where}: role {r!r} has no address (roles.{r} is empty)")
        from bot.profile_checks import profile_warnings

        return out + profile_warnings(self)

    # --- lookups -----------------------------------------------------------------------------
    def agency_for_domain(self, domain: str) -> Agency | None:
        """The agency a sender's domain identifies; never one listed under a shared domain (see shared_agencies).

        Exactly a listed domain: a sub-domain (`research.csc.example.gov.uk`) may be another organisation (a
        university's departments, a council's arm's-length companies), so it counts only when listed too."""
        from bot.domain.authres import is_shared

        d = domain.lower()
        for ag in self.agencies:
            if any(d == x and not is_shared(x) for x in ag.domains):
                return ag
        return None

    def shared_agencies(self, domain: str) -> list[Agency]:
        """Agencies listed under a shared domain (nhs.net, gov.uk...) that this domain falls under: there, the
        domain says nothing about which agency (or whether any) sent the mail."""
        from bot.domain.authres import is_shared

        d = domain.lower()
        return [ag for ag in self.agencies if any((d == x or d.endswith("." + x)) and is_shared(x) for x in ag.domains)]

    def agency_for_address(self, address: str) -> Agency | None:
        a = address.lower()
        return next((ag for ag in self.agencies if a in ag.listed()), None)

    def agency_named(self, name: str) -> Agency | None:
        n = " ".join(name.lower().split())
        for ag in self.agencies:
            if " ".join(ag.name.lower().split()) == n:
                return ag
        return None

    def domain_map(self) -> dict[str, str]:
        return {d: ag.name for ag in self.agencies for d in ag.domains}


def insecure_reason(address: str, patterns: list[str]) -> str | None:
    """Why `address` may not receive case mail, or None if its domain is on the secure allowlist."""
    domain = address.rsplit("@", 1)[-1].lower()
    if any(domain.endswith(s) for s in LEGACY_SUFFIXES):
        return f"{address}: legacy gsi/gcsx/gsx/gse domains are closed and not secure"
    for p in patterns:
        p = p.lower()
        if fnmatch.fnmatchcase(domain, p):
            return None
    return f"{address}: domain {domain} is not on the secure_domains allowlist"


# --- loading --------------------------------------------------------------------------------------

class ConfigError(Exception):
    """The config file is wrong; `problems` holds one "field.path: what is wrong" line each."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


def _fmt_loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith("function-") or part in ("function-after", "function-before"):
            continue
        else:
            out += ("." if out else "") + part
    return out or "(top level)"


def load_settings(explicit: str | None = None, env: dict[str, str] | None = None) -> Settings:
    return load_profile(explicit, env)[0]


def load_profile(explicit: str | None = None, env: dict[str, str] | None = None) -> tuple[Settings, bytes]:
    """The validated settings and the very bytes they came from (what bot.profile.remember fingerprints)."""
    env = dict(os.environ) if env is None else env
    path = config_source(explicit, env)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(str(path), ["file not found"]) from None
    # As Path.read_text(encoding="utf-8") reads it: UTF-8, universal newlines.
    text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), [_toml_problem(text, exc)]) from None
    apply_overrides(data, env)
    try:
        return Settings.model_validate(data), raw
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            msg = str(e["msg"]).removeprefix("Value error, ")
            loc = _fmt_loc(tuple(e["loc"]))
            if e["type"] == "extra_forbidden":
                problems.append(f"{loc}: {_unknown_setting(tuple(e['loc']))}")
                continue
            if (loc == "(top level)" and ": " in msg) or msg.startswith(f"{loc}."):
                problems.extend(msg.split("; "))
            else:
                problems.append(f"{loc}: {msg}")
        # Field errors stop pydantic before the cross-field allowlist check: run it on the raw data too,
        # so one check-config lists every problem at once.
        for extra in _raw_insecure(data):
            if extra not in problems:
                problems.append(extra)
        raise ConfigError(str(path), problems) from None


def _raw_insecure(data: dict[str, Any]) -> list[str]:
    patterns = data.get("secure_domains") or DEFAULT_SECURE
    if not isinstance(patterns, list):
        return []
    out: list[str] = []
    roles = data.get("roles") if isinstance(data.get("roles"), dict) else {}
    for role, addrs in (roles or {}).items():
        for i, a in enumerate(addrs if isinstance(addrs, list) else []):
            if isinstance(a, str) and "@" in a and (why := insecure_reason(a, [str(p) for p in patterns])):
                out.append(f"roles.{role}[{i}]: {why}")
    return out


_DATE_LIKE = re.compile(r"(?<![\w:.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w:-])")
_TIME_LIKE = re.compile(r"(?<![\w:.-])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\w:])")


def _toml_problem(text: str, exc: tomllib.TOMLDecodeError) -> str:
    """A TOML syntax error in the words of the profile's author.

    tomllib reports a bad date inside an inline table as "Unclosed inline table": look at the offending
    line for a date or time that is not one, and say that instead.
    """
    m = re.search(r"at line (\d+)", str(exc))
    lineno = int(m.group(1)) if m else 0
    lines = text.splitlines()
    line = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    code = line.split("#", 1)[0]
    for y, mo, d in _DATE_LIKE.findall(code):
        try:
            date(int(y), int(mo), int(d))
        except ValueError:
            return (f"line {lineno}: {y}-{mo}-{d} is not a date; write dates as YYYY-MM-DD with a real day "
                    f"(e.g. 2026-12-29)")
        if len(mo) != 2 or len(d) != 2:
            return f"line {lineno}: write the date {y}-{mo}-{d} as YYYY-MM-DD, with two-digit month and day"
    for hh, mm, ss in _TIME_LIKE.findall(code):
        if not ss or len(hh) != 2:
            return f"line {lineno}: write the time {hh}:{mm}{':' + ss if ss else ''} as HH:MM:SS (e.g. 17:00:00)"
        if int(hh) > 23 or int(mm) > 59 or int(ss) > 59:
            return f"line {lineno}: {hh}:{mm}:{ss} is not a time of day"
    return f"not valid TOML: {exc}"


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The pydantic model whose fields live at `loc` (a path into the profile), if it is one."""
    model: type[BaseModel] = Settings
    for part in loc:
        if isinstance(part, int):
            continue
        if model is Settings and part == "clocks":
            model = ClockRule  # dict[str, ClockRule]: the next part names a clock
            continue
        if model is ClockRule and part in CLOCK_KEYS:
            continue
        field = model.model_fields.get(part)
        found = _model_in(field.annotation) if field is not None else None
        if found is None:
            return None
        model = found
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _unknown_setting(loc: tuple[int | str, ...]) -> str:
    """"unknown setting", with the nearest known name: pydantic says "Extra inputs are not permitted"."""
    key = str(loc[-1])
    parent = _model_at(loc[:-1])
    known = sorted(parent.model_fields) if parent is not None else []
    near = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.5)
    if near:
        return f"unknown setting {key!r}; did you mean {near[0]!r}?"
    return f"unknown setting {key!r}" + (f"; known settings here: {', '.join(known)}" if known else "")
