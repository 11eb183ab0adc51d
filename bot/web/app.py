"""The Flask application of the web view: sign-in, the case board, a case page, quarantine and the outbox.

Sessions are kept on the server (bot/web/sessions.py: revocable, idle and absolute timeouts checked on
every request); the cookie is Flask's signed cookie (itsdangerous), HttpOnly, Secure, SameSite=Strict,
holding only the session's random id and the CSRF token; every form carries a Flask-WTF CSRF token.
Nothing but the sign-in pages and static files answers without a session. Personal data is never cached
(no-store), and every view of a case's personal data is written to the audit log.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import Flask, abort, flash, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy import select, update
from werkzeug.routing import BaseConverter, IntegerConverter, Map
from werkzeug.wrappers import Response

from bot.apply import audit
from bot.delivery import server_words
from bot.domain.labels import role_name
from bot.store.models import Message, OutboxItem
from bot.store.repo import case_by_ref
from bot.web import board as board_model
from bot.web import commands as forms
from bot.web import sessions as web_sessions
from bot.web.casepage import case_page, quarantined_text
from bot.web.diagram import STATE_TEXT
from bot.web.signin import LinkMailer, consume, request_link, secret_key

if TYPE_CHECKING:
    from bot.app import App

PUBLIC = {"signin", "signin_post", "signin_link", "signin_link_post", "static", "signin_oidc", "signin_oidc_callback",
          "signin_oidc_finish"}
class RefConverter(BaseConverter):
    """A case reference in a path (`NS-CSPR-2026-001`): letters, digits and hyphens, at most 40. Anything
    else (control characters, CR/LF, NUL, slashes, very long) matches no route: 404, never an error."""

    regex = r"[A-Za-z0-9][A-Za-z0-9-]{0,39}"


class IdConverter(IntegerConverter):
    """A row id in a path: digits that fit the store's integer column. A longer number would overflow the
    database driver (SQLite: OverflowError; PostgreSQL: out of range); it names no row, so 404."""

    def __init__(self, url_map: Map) -> None:
        super().__init__(url_map, max=2**31 - 1)


COORDINATOR_ONLY = {"quarantine", "quarantine_show", "quarantine_release", "quarantine_open", "outbox",
                    "outbox_retry"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin, not no-referrer: Flask-WTF checks the Referer of HTTPS form posts against the host.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


def create_app(core: App, base_url: str | None = None, now: Callable[[], float] = time.time) -> Flask:
    """The WSGI app over a composed csprbot `App`; `now` (epoch seconds) times the sessions."""
    web = core.settings.web
    app = Flask(__name__, static_folder="static", template_folder="templates")
    app.config.update(
        SECRET_KEY=secret_key(core.sessions, os.environ.get("CSPRBOT_WEB_SECRET_KEY")),
        SESSION_COOKIE_NAME="csprbot_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_SAMESITE="Strict",
        WTF_CSRF_TIME_LIMIT=web.session_hours * 3600,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.url_map.converters["ref"] = RefConverter
    app.url_map.converters["id"] = IdConverter
    csrf = CSRFProtect(app)
    public_url = base_url or web.public_url or f"http://{web.host}:{web.port}"
    mailer = LinkMailer(core.sessions, core.runtime, public_url)
    app.extensions["csprbot_signin"] = mailer
    partnership = core.settings.partnership.name

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {"partnership": partnership, "user": g.get("user"), "roles": g.get("roles", set()),
                "is_coordinator": "coordinator" in g.get("roles", set()), "delivery_alarms": _delivery_alarms()}

    def _delivery_alarms() -> list[str]:
        """Round 20: mail that cannot reach the co-ordinator (or anyone, or nobody told), an address refused for good
        and our own sender held back (fix23d) shown on every signed-in page, as this is where a co-ordinator looks
        without mail. Addresses and roles only, no case."""
        if g.get("user") is None:
            return []
        from bot.delivery import banner_lines, delivery_status

        with core.sessions() as s:
            return banner_lines(delivery_status(s, core.settings, core.clock.now()))

    @app.before_request
    def _session() -> Response | None:
        if request.endpoint in PUBLIC:
            return None
        sid = session.get("sid")
        user = None
        if isinstance(sid, str):
            # The server's record decides, not the cookie: a copy of a signed-out or timed-out cookie is refused.
            with core.sessions.begin() as s:
                user = web_sessions.check(s, sid, now(), web.idle_minutes, web.session_hours)
        if user is None or not isinstance(sid, str):
            session.clear()
            if request.method == "GET":
                return redirect(url_for("signin", next=request.path if request.path != "/" else None), 303)
            abort(401)
        roles = core.settings.roles.holders(user)
        if not roles:  # the role was taken away during the session
            with core.sessions.begin() as s:
                web_sessions.revoke(s, sid, now())
            session.clear()
            abort(403)
        g.user, g.roles, g.sid = user, roles, sid
        if request.endpoint in COORDINATOR_ONLY and "coordinator" not in roles:
            abort(403)
        return None

    @app.after_request
    def _headers(resp: Response) -> Response:
        for k, v in SECURITY_HEADERS.items():
            resp.headers.setdefault(k, v)
        if request.is_secure:
            resp.headers["Strict-Transport-Security"] = "max-age=31536000"
        if request.endpoint != "static":
            resp.headers["Cache-Control"] = "no-store"
            resp.headers["Pragma"] = "no-cache"
        return resp

    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError) -> tuple[str, int]:
        return render_template("error.html", title="The form had expired",
                               message="Go back, reload the page and try again."), 400

    @app.errorhandler(401)
    def _401(_exc: Exception) -> tuple[str, int]:
        return render_template("error.html", title="Sign in first",
                               message="Your session has ended or you have not signed in."), 401

    @app.errorhandler(403)
    def _403(_exc: Exception) -> tuple[str, int]:
        return render_template("error.html", title="Not for your role",
                               message="This page is for the partnership co-ordinator."), 403

    @app.errorhandler(404)
    def _404(_exc: Exception) -> tuple[str, int]:
        return render_template("error.html", title="Page not found", message="Check the address or the reference."), 404

    def already_handled(detail: str, back: str = "quarantine") -> tuple[str, int]:
        """The answer to the requests that lost a claim: someone (or another tab) acted first."""
        return render_template("error.html", title="Already handled", message=f"{detail[:1].upper()}{detail[1:]}.",
                               back=url_for(back), back_text="Back to the list"), 409

    # --- sign-in ---------------------------------------------------------------------------------
    @app.get("/signin")
    def signin() -> str:
        return render_template("signin.html", title="Sign in", error=None, address="", oidc=web.oidc)

    @app.post("/signin")
    def signin_post() -> str | tuple[str, int]:
        address = " ".join(request.form.get("address", "").split())
        if "@" not in address or len(address) > 320:
            return render_template("signin.html", title="Sign in", address=address, oidc=web.oidc,
                                   error="Enter your work email address, like name@partnership.gov.uk"), 400
        rt = core.runtime()
        ip = request.remote_addr or "?"
        with core.sessions.begin() as s:
            result = request_link(s, rt, address, ip)
        if result.status == "limited":
            return render_template("signin.html", title="Sign in", address=address, oidc=web.oidc,
                                   error="Too many sign-in requests: wait an hour and try again"), 429
        assert result.row_id is not None
        # Whether the address holds a role, and the link mail if it does: after this answer, off this thread.
        mailer.submit(result.row_id, result.address, ip)
        # The same answer whether or not the address holds a role: the form tells nobody who does.
        return render_template("signin_sent.html", title="Check your email", address=result.address,
                               minutes=web.link_minutes)

    @app.get("/signin/link")
    def signin_link() -> str:
        # A page with a button rather than signing in on GET: mail scanners that open links must not use
        # them up, and the session cookie is set on a same-site request (SameSite=Strict).
        return render_template("signin_link.html", title="Sign in", token=request.args.get("t", ""))

    @app.post("/signin/link")
    def signin_link_post() -> Response | tuple[str, int]:
        token = request.form.get("t", "")
        rt = core.runtime()
        with core.sessions.begin() as s:
            address = consume(s, rt, token, request.remote_addr or "?") if token else None
        if address is None:
            return render_template("error.html", title="That sign-in link does not work",
                                   message="Links work once, for a short time. Ask for a new one.",
                                   signin_again=True), 400
        return begin_session(address, "email link")

    def begin_session(address: str, how: str) -> Response:
        with core.sessions.begin() as s:
            sid = web_sessions.start(s, address, how, request.remote_addr or "?", now(), web.session_hours)
        session.clear()  # a fresh session (and CSRF token) on every sign-in
        session["sid"] = sid
        return redirect(url_for("cases"), 303)

    if web.oidc is not None:
        _oidc_routes(app, core, csrf, public_url, begin_session)

    @app.post("/signout")
    def signout() -> Response:
        rt = core.runtime()
        with core.sessions.begin() as s:
            web_sessions.revoke(s, g.sid, now())
            audit(s, rt, "web_signed_out", {"channel": "web", "ip": request.remote_addr or "?"}, actor=g.user)
        session.clear()
        return redirect(url_for("signin"), 303)

    @app.post("/signout/everywhere")
    def signout_everywhere() -> Response:
        rt = core.runtime()
        with core.sessions.begin() as s:
            ended = web_sessions.revoke_all(s, g.user, now())
            audit(s, rt, "web_signed_out", {"channel": "web", "ip": request.remote_addr or "?", "everywhere": True,
                                            "sessions": ended}, actor=g.user)
        session.clear()
        return redirect(url_for("signin"), 303)

    # --- the board and a case ------------------------------------------------------------------------
    @app.get("/")
    def home() -> Response:
        return redirect(url_for("cases"), 303)

    @app.get("/cases")
    def cases() -> str:
        rt = core.runtime()
        stage = request.args.get("stage") or None
        breached = request.args.get("breached") == "1"
        outstanding = request.args.get("outstanding") == "1"
        q = request.args.get("q", "").strip()
        with core.sessions() as s:
            rows = board_model.board(s, core.cal, rt.today, stage, breached, outstanding)
            found = board_model.find_cases(s, q) if q else []
            stages = board_model.stages(s)
        return render_template("board.html", title="Cases", rows=rows, stage=stage, breached=breached,
                               outstanding=outstanding, q=q, found=found, stages=stages, today=rt.today)

    @app.get("/cases/<ref:ref>")
    def case(ref: str) -> str:
        rt = core.runtime()
        full = bool(g.roles & set(core.settings.routing.referral))  # roles sent the full form
        with core.sessions.begin() as s:
            row = case_by_ref(s, ref)
            if row is None:
                abort(404)
            page = case_page(s, row, rt, core.cal, full=full, roles=g.roles, viewer=g.user)
            # Every look at a case's personal data is on the record, like every other access.
            audit(s, rt, "case_viewed", {"channel": "web", "full": full}, row, g.user)
        # Named from the routing config, the same list that decides `full` above: the notice cannot drift from it.
        full_roles = [role_name(r) for r in core.settings.routing.referral]
        return render_template("case.html", title=ref, p=page, who_may=forms.who_may, today=rt.today.isoformat(),
                               full_roles=full_roles,
                               errors=session.pop("form_errors", None), values=session.pop("form_values", {}),
                               state_text=STATE_TEXT)

    @app.post("/cases/<ref:ref>/act")
    def act(ref: str) -> Response:
        from bot.intake import act as act_as_email

        key = request.form.get("form", "")
        fields = {k.split("-", 1)[1]: v for k, v in request.form.items() if k.startswith(f"{key}-")}
        multi = {name: request.form.getlist(f"{key}-{name}") for name in fields}
        try:
            text = forms.command_text(key, fields, multi)
        except forms.BadForm as exc:
            session["form_errors"] = {"form": key, "field": exc.field, "message": str(exc)}
            session["form_values"] = {k: v for k, v in request.form.items() if k != "csrf_token"}
            return redirect(url_for("case", ref=ref, _anchor=key), 303)
        outcome = act_as_email(core.sessions, core.runtime(), ref, text, g.user, channel="web")
        accepted = outcome.detail.startswith("accepted")
        flash(outcome.detail if outcome.status != "quarantined" else f"not acted on: {outcome.detail}",
              "success" if accepted else "refused")
        return redirect(url_for("case", ref=ref), 303)

    # --- the co-ordinator's trays ---------------------------------------------------------------------
    @app.get("/quarantine")
    def quarantine() -> str:
        from bot.views import quarantine_list

        with core.sessions() as s:
            rows = quarantine_list(s)
        return render_template("quarantine.html", title="Quarantine", rows=rows)

    @app.get("/quarantine/<id:mid>")
    def quarantine_show(mid: int) -> str:
        from bot.store.models import RELEASABLE

        rt = core.runtime()
        with core.sessions.begin() as s:
            msg = s.get(Message, mid)
            if msg is None or msg.status not in RELEASABLE:  # "released": a release that did not finish
                abort(404)
            text = quarantined_text(msg.raw or b"")
            audit(s, rt, "quarantine_viewed", {"channel": "web", "message": mid}, actor=g.user)
            info = {"id": msg.id, "from": msg.sender, "reason": msg.reason, "v": msg.handled_count,
                    "received_at": msg.received_at.isoformat(timespec="minutes")}
        return render_template("quarantine_show.html", title=f"Quarantined message {mid}", m=info, text=text)

    def seen() -> int | None:
        """The message's handled_count when the page with the form was drawn (None: not sent)."""
        v = request.form.get("v", "")
        return int(v) if v.isdigit() and len(v) < 10 else None

    def stale_form(mid: int) -> tuple[str, int]:
        # The form's version is required: without it a page drawn before an earlier release, or N requests
        # at once, could each act on a message that came back to quarantine in between.
        return already_handled(f"message {mid}: this form is out of date or incomplete; open the message again")

    @app.post("/quarantine/<id:mid>/release")
    def quarantine_release(mid: int) -> Response | tuple[str, int]:
        from bot.intake import release

        if (v := seen()) is None:
            return stale_form(mid)
        outcome = release(core.sessions, core.runtime(), mid, actor=g.user, seen=v)
        if outcome.status == "handled":
            return already_handled(outcome.detail)
        flash(f"Message {mid} released: {outcome.status} {outcome.ref or ''} {outcome.detail}".strip(),
              "success" if outcome.status != "ignored" else "refused")
        return redirect(url_for("quarantine"), 303)

    @app.post("/quarantine/<id:mid>/open")
    def quarantine_open(mid: int) -> Response | tuple[str, int]:
        from bot.intake import open_as_referral

        if (v := seen()) is None:
            return stale_form(mid)
        outcome = open_as_referral(core.sessions, core.runtime(), mid, g.user, seen=v)
        if outcome.status == "handled":
            return already_handled(outcome.detail)
        if outcome.ref:
            flash(f"Message {mid} opened as referral {outcome.ref}", "success")
            return redirect(url_for("case", ref=outcome.ref), 303)
        flash(f"Message {mid}: {outcome.detail}", "refused")
        return redirect(url_for("quarantine"), 303)

    @app.get("/outbox")
    def outbox() -> str:
        with core.sessions() as s:
            rows = s.scalars(select(OutboxItem).where(OutboxItem.status == "parked").order_by(OutboxItem.id)).all()
            # the server's free text can spell a child's name: its codes and their meaning only (round 22 B4)
            items = [{"id": o.id, "kind": o.kind, "to": o.recipient, "subject": o.subject,
                      "error": server_words(o.last_error) if o.last_error else "",
                      "created": o.created_at.isoformat(timespec="minutes")} for o in rows]
        return render_template("outbox.html", title="Parked mail", rows=items)

    @app.post("/outbox/<id:oid>/retry")
    def outbox_retry(oid: int) -> Response | tuple[str, int]:
        rt = core.runtime()
        with core.sessions.begin() as s:
            # A claim, as for quarantine: of several requests at once, one moves it from parked to pending.
            won = s.execute(update(OutboxItem).where(OutboxItem.id == oid, OutboxItem.status == "parked")
                            .values(status="pending", next_attempt_at=rt.stamp)
                            .execution_options(synchronize_session=False))
            item = s.get(OutboxItem, oid)
            if item is None:
                abort(404)
            if won.rowcount != 1:  # type: ignore[attr-defined]
                return already_handled(f"mail {oid} has already been handled (now {item.status})", "outbox")
            audit(s, rt, "mail_retry", {"channel": "web", "to": item.recipient, "kind": item.kind,
                                        "idem_key": item.idem_key}, None, g.user)
        flash(f"Mail {oid} to {item.recipient} will be sent again at the next delivery.", "success")
        return redirect(url_for("outbox"), 303)

    return app


def _oidc_routes(app: Flask, core: App, csrf: CSRFProtect, public_url: str,
                 begin_session: Callable[[str, str], Response]) -> None:
    """Sign-in with Entra ID through Authlib: authorisation code with PKCE (S256), nonce and state checked.

    The identity provider sends the browser back cross-site, when a SameSite=Strict cookie is not sent: the
    callback therefore shows a Continue button whose same-site POST carries the session (with Authlib's
    state, nonce and PKCE verifier) to the code exchange. That POST needs no CSRF token: the one-time
    `state` bound to the session is the check.
    """
    from authlib.integrations.flask_client import OAuth, OAuthError

    oidc = core.settings.web.oidc
    assert oidc is not None
    oauth = OAuth(app)
    client: Any = oauth.register(
        "entra", client_id=oidc.client_id, client_secret=os.environ.get("CSPRBOT_WEB_OIDC_SECRET"),
        server_metadata_url=oidc.issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": " ".join(oidc.scopes), "code_challenge_method": "S256"})

    @app.get("/signin/oidc")
    def signin_oidc() -> Any:
        return client.authorize_redirect(public_url.rstrip("/") + "/signin/oidc/callback")

    @app.get("/signin/oidc/callback")
    def signin_oidc_callback() -> str:
        return render_template("signin_oidc.html", title="Sign in", code=request.args.get("code", ""),
                               state=request.args.get("state", ""), error=request.args.get("error"))

    @app.post("/signin/oidc/finish")
    def signin_oidc_finish() -> Response | tuple[str, int]:
        rt = core.runtime()
        try:
            token = client.authorize_access_token()
            claims = token.get("userinfo") or {}
            address = str(claims.get(oidc.address_claim) or "").strip().lower()
        except (OAuthError, ValueError, KeyError) as exc:
            with core.sessions.begin() as s:
                audit(s, rt, "web_signin_refused", {"channel": "web", "how": "oidc", "reason": str(exc)[:200]})
            return render_template("error.html", title="Sign-in with Microsoft did not work",
                                   message="Try again, or ask for a link by email.", signin_again=True), 400
        if not address or not core.settings.roles.holders(address):
            with core.sessions.begin() as s:
                audit(s, rt, "web_signin_refused", {"channel": "web", "how": "oidc", "reason": "no role"},
                      actor=address or None)
            return render_template("error.html", title="Not signed in",
                                   message="That account holds no role in this partnership.", signin_again=True), 403
        with core.sessions.begin() as s:
            audit(s, rt, "web_signed_in", {"channel": "web", "how": "oidc", "ip": request.remote_addr or "?"},
                  actor=address)
        return begin_session(address, "oidc")

    csrf.exempt(signin_oidc_finish)
