"""Replay of Entra ID (OpenID discovery, client-credentials token) and Microsoft Graph mail over the
mailbox model: folders, delta pages with nextLink/deltaLink, $value MIME, move, sendMail.

Requests are matched by method + path; bodies come from recordings/graph/. Faults: `fail_next(route,
status, retry_after)` for throttling, `expire_tokens()` to make every issued token fail once with
InvalidAuthenticationToken (msal's cache keeps handing it out until the adapter forces a refresh).
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from dataclasses import dataclass, field
from email import message_from_bytes
from string import Template
from urllib.parse import parse_qs, unquote, urlsplit

from tests.replay.mailbox import Folder, Mailbox
from tests.replay.server import RECORDINGS, Request, Response

PAGE = 2  # small pages, so a round of a few messages exercises @odata.nextLink


def _rec(file: str, /, **values: object) -> str:
    return Template((RECORDINGS / "graph" / file).read_text(encoding="utf-8").strip()).substitute(values)


def _json(status: int, body: str, **headers: str) -> Response:
    return Response(status, body.encode(), {"Content-Type": "application/json", **headers})


@dataclass
class GraphReplay:
    mailbox: Mailbox
    tenant: str
    client_id: str
    client_secret: str
    base: str = ""  # https://127.0.0.1:PORT, set once the server is listening
    faults: list[tuple[str, int, int]] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    snapshots: dict[str, tuple[list[dict[str, object]], int, str]] = field(default_factory=dict)

    def fail_next(self, route: str, status: int = 429, retry_after: int = 1) -> None:
        self.faults.append((route, status, retry_after))

    def expire_tokens(self) -> None:
        self.tokens.clear()

    # --- dispatch ---------------------------------------------------------------------------
    ROUTES = (
        ("GET", r"/(?P<tenant>[^/]+)/v2\.0/\.well-known/openid-configuration", "openid"),
        ("POST", r"/(?P<tenant>[^/]+)/oauth2/v2\.0/token", "token"),
        ("GET", r"/v1\.0/users/(?P<user>[^/]+)/mailFolders/(?P<folder>[^/]+)", "folder"),
        ("GET", r"/v1\.0/users/(?P<user>[^/]+)/mailFolders/(?P<folder>[^/]+)/childFolders", "children"),
        ("POST", r"/v1\.0/users/(?P<user>[^/]+)/mailFolders/(?P<folder>[^/]+)/childFolders", "mkfolder"),
        ("GET", r"/v1\.0/users/(?P<user>[^/]+)/mailFolders/(?P<folder>[^/]+)/messages/delta", "delta"),
        ("GET", r"/v1\.0/users/(?P<user>[^/]+)/messages/(?P<msg>[^/]+)/\$value", "value"),
        ("POST", r"/v1\.0/users/(?P<user>[^/]+)/messages/(?P<msg>[^/]+)/move", "move"),
        ("POST", r"/v1\.0/users/(?P<user>[^/]+)/sendMail", "sendMail"),
    )

    def __call__(self, req: Request) -> Response:
        parts = urlsplit(req.path)
        path = unquote(parts.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        for method, pattern, route in self.ROUTES:
            m = re.fullmatch(pattern, path)
            if m and method == req.method:
                req.op = route
                break
        else:
            return _json(404, '{"error": {"code": "BadRequest", "message": "Resource not found"}}')
        args = m.groupdict()
        if route not in ("openid", "token"):
            if req.headers.get("Authorization", "").removeprefix("Bearer ") not in self.tokens:
                return _json(401, _rec("error-invalid-token.json"), **{"WWW-Authenticate": "Bearer"})
            if args.get("user", "").lower() != self.mailbox.owner.lower():
                return _json(404, _rec("error-invalid-user.json", mailbox=args.get("user")))
        for i, (fault_route, status, retry_after) in enumerate(self.faults):
            if fault_route == route:
                del self.faults[i]
                return _json(status, _rec("error-throttled.json"), **{"Retry-After": str(retry_after)})
        with self.mailbox.lock:
            return getattr(self, f"r_{route}")(req, query, **args)  # type: ignore[no-any-return]

    # --- identity platform ------------------------------------------------------------------
    def r_openid(self, req: Request, query: dict[str, str], tenant: str) -> Response:
        if tenant != self.tenant:
            return _json(400, '{"error": "invalid_tenant", "error_description": "AADSTS90002: Tenant not found."}')
        return _json(200, _rec("openid-configuration.json", authority=self.base, tenant=tenant))

    def r_token(self, req: Request, query: dict[str, str], tenant: str) -> Response:
        form = {k: v[-1] for k, v in parse_qs(req.body.decode()).items()}
        if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
            return _json(401, _rec("token-invalid-client.json", client_id=self.client_id, authority=self.base))
        token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9." + secrets.token_urlsafe(24)
        self.tokens.add(token)
        return _json(200, _rec("token.json", token=token))

    # --- mail -------------------------------------------------------------------------------
    def _folder(self, ref: str) -> Folder | None:
        if ref.lower() in ("inbox", "sentitems"):
            return self.mailbox.well_known(ref.lower())
        return self.mailbox.folders.get(ref)

    def _folder_json(self, f: Folder) -> str:
        return _rec(
            "mailFolder.json",
            graph=self.base + "/v1.0",
            mailbox=self.mailbox.owner,
            id=f.id,
            name=f.name,
            parent=f.parent_id or "",
            children=len(self.mailbox.children(f.id)),
            total=len(self.mailbox.in_folder(f.id)),
        )

    def _not_found(self) -> Response:
        return _json(404, _rec("error-item-not-found.json"))

    def r_folder(self, req: Request, query: dict[str, str], user: str, folder: str) -> Response:
        f = self._folder(folder)
        return _json(200, self._folder_json(f)) if f else self._not_found()

    def r_children(self, req: Request, query: dict[str, str], user: str, folder: str) -> Response:
        f = self._folder(folder)
        if f is None:
            return self._not_found()
        kids = self.mailbox.children(f.id)
        m = re.fullmatch(r"displayName eq '(.*)'", query.get("$filter", ""))
        if m:
            kids = [k for k in kids if k.name.lower() == m.group(1).replace("''", "'").lower()]
        body = ", ".join(self._folder_json(k) for k in kids)
        graph = self.base + "/v1.0"
        return _json(200, _rec("childFolders.json", graph=graph, mailbox=user, parent=f.id, folders=body))

    def r_mkfolder(self, req: Request, query: dict[str, str], user: str, folder: str) -> Response:
        parent = self._folder(folder)
        if parent is None:
            return self._not_found()
        name = json.loads(req.body)["displayName"]
        if self.mailbox.child_named(parent.id, name):
            exists = "A folder with the specified name already exists."
            return _json(409, json.dumps({"error": {"code": "ErrorFolderExists", "message": exists}}))
        return _json(201, self._folder_json(self.mailbox.add_folder(name, parent.id)))

    def r_delta(self, req: Request, query: dict[str, str], user: str, folder: str) -> Response:
        f = self._folder(folder)
        if f is None:
            return self._not_found()
        if "$skiptoken" in query:
            if query["$skiptoken"] not in self.snapshots:
                return _json(410, _rec("error-sync-state-not-found.json"))
            entries, end_seq, _ = self.snapshots[query["$skiptoken"]]
        else:
            since = int(query.get("$deltatoken", "0") or 0)
            if since > self.mailbox.seq():
                return _json(410, _rec("error-sync-state-not-found.json"))
            entries = self._changes(f, since)
            end_seq = self.mailbox.seq()
        page, rest = entries[:PAGE], entries[PAGE:]
        link_base = f"{self.base}/v1.0/users/{user}/mailFolders/{f.id}/messages/delta"
        if rest:
            token = secrets.token_urlsafe(12)
            self.snapshots[token] = (rest, end_seq, "")
            link_name, link = "@odata.nextLink", f"{link_base}?$skiptoken={token}"
        else:
            link_name, link = "@odata.deltaLink", f"{link_base}?$deltatoken={end_seq}"
        body = _rec(
            "delta-page.json",
            graph=self.base + "/v1.0",
            link_name=link_name,
            link=link,
            entries=", ".join(json.dumps(e) for e in page),
        )
        return _json(200, body)

    def _changes(self, f: Folder, since: int) -> list[dict[str, object]]:
        """Net changes to folder `f` after change number `since` (0 = everything in it now)."""
        if since == 0:
            return [self._entry(i.id) for i in self.mailbox.in_folder(f.id)]
        out: dict[str, dict[str, object]] = {}
        for seq, folder_id, item_id, kind in self.mailbox.changes:
            if seq > since and folder_id == f.id:
                out[item_id] = (
                    self._entry(item_id)
                    if kind == "added" and item_id in self.mailbox.items
                    else {"id": item_id, "@removed": {"reason": "deleted"}}
                )
        return list(out.values())

    def _entry(self, item_id: str) -> dict[str, object]:
        item = self.mailbox.items[item_id]
        return {
            "@odata.type": "#microsoft.graph.message",
            "@odata.etag": 'W/"CQAAABYAAAB1"',
            "id": item.id,
            "receivedDateTime": item.received.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }

    def r_value(self, req: Request, query: dict[str, str], user: str, msg: str) -> Response:
        item = self.mailbox.items.get(msg)
        if item is None:
            return self._not_found()
        return Response(200, item.mime, {"Content-Type": "text/plain"})

    def r_move(self, req: Request, query: dict[str, str], user: str, msg: str) -> Response:
        dest = self._folder(json.loads(req.body)["destinationId"])
        if dest is None:
            return self._not_found()
        moved = self.mailbox.move(msg, dest.id)
        if moved is None:
            return self._not_found()
        subject = str(message_from_bytes(moved.mime).get("Subject", "")).replace('"', "'")
        return _json(
            201,
            _rec(
                "message-moved.json",
                graph=self.base + "/v1.0",
                mailbox=user,
                id=moved.id,
                received=moved.received.strftime("%Y-%m-%dT%H:%M:%SZ"),
                folder=dest.id,
                subject=subject,
            ),
        )

    def r_sendMail(self, req: Request, query: dict[str, str], user: str) -> Response:
        if not req.headers.get("Content-Type", "").startswith("text/plain"):
            return _json(400, '{"error": {"code": "ErrorMimeContentInvalid", "message": "expected MIME"}}')
        self.mailbox.sent.append(base64.b64decode(req.body))
        return Response(202)
