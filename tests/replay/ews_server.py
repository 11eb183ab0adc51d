"""Replay of an on-prem Exchange EWS endpoint (/EWS/Exchange.asmx) over the mailbox model.

Requests are matched by the SOAP operation (the first element of the Body); responses are the recorded
bodies in recordings/ews/ with the model's ids filled in. Basic auth only (NTLM needs a Windows
challenge/response this stub does not implement). Faults are injected per operation with `fail_next`.

Streaming notifications (Exchange 2010 SP1+): Subscribe with a StreamingSubscriptionRequest returns a
SubscriptionId; GetStreamingEvents keeps the HTTP response open (chunked), writes a ConnectionStatus OK
envelope at once, then one Notification envelope whenever the mailbox model changes in a subscribed folder
(deliver → CreatedEvent + NewMailEvent, move → MovedEvent), and ConnectionStatus Closed after
`stream_hold` seconds, which stands in for the request's ConnectionTimeout minutes. Events that happen
while no stream is open are queued on the subscription, as Exchange does. Test hooks: `streaming = False`
answers streaming Subscribe with ErrorInvalidRequest (a server or policy without streaming);
`expire_subscriptions()` makes open and later streams fail with ErrorInvalidSubscription.
"""

from __future__ import annotations

import base64
import itertools
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from string import Template

from tests.replay.mailbox import Folder, Mailbox
from tests.replay.server import RECORDINGS, Request, Response

T = "{http://schemas.microsoft.com/exchange/services/2006/types}"
M = "{http://schemas.microsoft.com/exchange/services/2006/messages}"
SOAP = "{http://schemas.xmlsoap.org/soap/envelope/}"


def _rec(name: str) -> Template:
    return Template((RECORDINGS / "ews" / name).read_text(encoding="utf-8").strip())


@dataclass
class Subscription:
    id: str
    folder_ids: set[str]
    event_types: set[str]
    seq: int  # position in the mailbox change log already reported
    state: str = "alive"  # "alive" | "expired" | "unsubscribed"


@dataclass
class EwsReplay:
    mailbox: Mailbox
    user: str
    password: str
    faults: list[tuple[str, str, int]] = field(default_factory=list)  # (op, kind, arg)
    streaming: bool = True  # False: streaming Subscribe is answered with ErrorInvalidRequest
    stream_hold: float = 1.0  # seconds a GetStreamingEvents response stays open (its ConnectionTimeout)
    expire_code: str = "ErrorInvalidSubscription"
    subscriptions: dict[str, Subscription] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._sub_ids = itertools.count(1)

    def expire_subscriptions(self) -> None:
        """Every subscription is lost (as after a Client Access server restart or a 30-minute lapse)."""
        with self.mailbox.lock:
            for sub in self.subscriptions.values():
                if sub.state == "alive":
                    sub.state = "expired"

    def fail_next(self, op: str, kind: str = "busy", arg: int = 50) -> None:
        """Make the next `op` fail: kind "busy" (ErrorServerBusy, arg = BackOffMilliseconds), "503"."""
        self.faults.append((op, kind, arg))

    # --- plumbing ---------------------------------------------------------------------------
    def __call__(self, req: Request) -> Response:
        if req.method != "POST" or req.path.split("?")[0].lower() != "/ews/exchange.asmx":
            return Response(404, b"Not Found")
        body = ET.fromstring(req.body).find(f"{SOAP}Body")
        assert body is not None
        op_elem = body[0]
        req.op = op_elem.tag.split("}")[1]
        if not self._authorised(req):
            return Response(401, b"", {"WWW-Authenticate": 'Basic realm="127.0.0.1"'})
        for i, (op, kind, arg) in enumerate(self.faults):
            if op == req.op:
                del self.faults[i]
                if kind == "busy":
                    fault = _rec("ServerBusyFault.xml").substitute(backoff_ms=arg)
                    return Response(500, fault.encode(), {"Content-Type": "text/xml; charset=utf-8"})
                return Response(503, b"Service Unavailable")
        if req.op == "GetStreamingEvents":
            return self.op_GetStreamingEvents(op_elem)
        handler = getattr(self, f"op_{req.op}", None)
        if handler is None:
            return Response(500, f"replay: no recording for {req.op}".encode())
        with self.mailbox.lock:
            inner = handler(op_elem)
        return Response(200, _envelope(inner), {"Content-Type": "text/xml; charset=utf-8"})

    def _authorised(self, req: Request) -> bool:
        auth = req.headers.get("Authorization", "")
        if not auth.startswith("Basic "):
            return False
        user, _, pw = base64.b64decode(auth[6:]).decode().partition(":")
        return user == self.user and pw == self.password

    def _folder(self, ref: ET.Element) -> Folder | str:
        """A FolderId / DistinguishedFolderId element → folder, or an error code."""
        if ref.tag == f"{T}DistinguishedFolderId":
            email = ref.findtext(f"{T}Mailbox/{T}EmailAddress")
            if email and email.lower() != self.mailbox.owner.lower():
                return "ErrorNonExistentMailbox"
            try:
                return self.mailbox.well_known(ref.get("Id", ""))
            except KeyError:
                return "ErrorFolderNotFound"
        f = self.mailbox.folders.get(ref.get("Id", ""))
        return f if f else "ErrorFolderNotFound"

    def _error(self, op: str, code: str) -> str:
        texts = {
            "ErrorNonExistentMailbox": "The SMTP address has no mailbox associated with it.",
            "ErrorItemNotFound": "The specified object was not found in the store.",
            "ErrorFolderNotFound": "The specified folder could not be found in the store.",
        }
        return _rec("ErrorResponseMessage.xml").substitute(op=op, code=code, text=texts.get(code, code))

    def _folder_xml(self, f: Folder) -> str:
        return _rec("folder.xml").substitute(
            id=f.id,
            parent=f.parent_id or "",
            name=f.name,
            total=len(self.mailbox.in_folder(f.id)),
            children=len(self.mailbox.children(f.id)),
        )

    # --- operations -------------------------------------------------------------------------
    def op_ConvertId(self, el: ET.Element) -> str:
        return _rec("ConvertIdResponse.xml").template

    def op_GetFolder(self, el: ET.Element) -> str:
        msgs = []
        for ref in el.find(f"{M}FolderIds") or []:
            f = self._folder(ref)
            if isinstance(f, str):
                msgs.append(self._error("GetFolder", f))
            else:
                msgs.append(_rec("GetFolderResponseMessage.xml").substitute(folder=self._folder_xml(f)))
        return _rec("GetFolderResponse.xml").substitute(messages="".join(msgs))

    def op_FindFolder(self, el: ET.Element) -> str:
        parent = self._folder(el.find(f"{M}ParentFolderIds")[0])  # type: ignore[index]
        if isinstance(parent, str):
            return self._error("FindFolder", parent).join(
                (
                    '<m:FindFolderResponse xmlns:m="' + M[1:-1] + '"><m:ResponseMessages>',
                    "</m:ResponseMessages></m:FindFolderResponse>",
                )
            )
        folders = self.mailbox.children(parent.id)
        want = el.find(f".//{M}Restriction//{T}Constant")
        if want is not None:
            folders = [f for f in folders if f.name.lower() == (want.get("Value") or "").lower()]
        return _rec("FindFolderResponse.xml").substitute(
            count=len(folders), folders="".join(self._folder_xml(f) for f in folders)
        )

    def op_CreateFolder(self, el: ET.Element) -> str:
        parent = self._folder(el.find(f"{M}ParentFolderId")[0])  # type: ignore[index]
        assert not isinstance(parent, str)
        name = el.findtext(f".//{T}DisplayName") or ""
        existing = self.mailbox.child_named(parent.id, name)
        f = existing or self.mailbox.add_folder(name, parent.id)
        return _rec("CreateFolderResponse.xml").substitute(id=f.id)

    def op_FindItem(self, el: ET.Element) -> str:
        parent = self._folder(el.find(f"{M}ParentFolderIds")[0])  # type: ignore[index]
        assert not isinstance(parent, str)
        items = self.mailbox.in_folder(parent.id)
        order = el.find(f"{M}SortOrder/{T}FieldOrder")
        if order is not None and order.get("Order") == "Descending":
            items.reverse()
        view = el.find(f"{M}IndexedPageItemView")
        offset = int(view.get("Offset", "0")) if view is not None else 0
        size = int(view.get("MaxEntriesReturned", "1000")) if view is not None else 1000
        page = items[offset : offset + size]
        nxt = offset + len(page)
        return _rec("FindItemResponse.xml").substitute(
            next=nxt,
            total=len(items),
            last="true" if nxt >= len(items) else "false",
            items="".join(
                _rec("item_id.xml").substitute(id=i.id, received=i.received.strftime("%Y-%m-%dT%H:%M:%SZ"))
                for i in page
            ),
        )

    def op_GetItem(self, el: ET.Element) -> str:
        msgs = []
        for ref in el.find(f"{M}ItemIds") or []:
            item = self.mailbox.items.get(ref.get("Id", ""))
            if item is None:
                msgs.append(self._error("GetItem", "ErrorItemNotFound"))
            else:
                mime = base64.b64encode(item.mime).decode()
                msgs.append(_rec("GetItemResponseMessage.xml").substitute(mime=mime, id=item.id))
        return _rec("GetItemResponse.xml").substitute(messages="".join(msgs))

    def op_MoveItem(self, el: ET.Element) -> str:
        dest = self._folder(el.find(f"{M}ToFolderId")[0])  # type: ignore[index]
        assert not isinstance(dest, str)
        msgs = []
        for ref in el.find(f"{M}ItemIds") or []:
            moved = self.mailbox.move(ref.get("Id", ""), dest.id)
            if moved is None:
                msgs.append(self._error("MoveItem", "ErrorItemNotFound"))
            else:
                msgs.append(_rec("MoveItemResponseMessage.xml").substitute(id=moved.id))
        return _rec("MoveItemResponse.xml").substitute(messages="".join(msgs))

    def op_CreateItem(self, el: ET.Element) -> str:
        for msg in el.iter(f"{T}Message"):
            mime = msg.findtext(f"{T}MimeContent") or ""
            self.mailbox.sent.append(base64.b64decode(mime))
        return _rec("CreateItemResponse.xml").template

    # --- notifications ----------------------------------------------------------------------
    def op_Subscribe(self, el: ET.Element) -> str:
        request = el.find(f"{M}StreamingSubscriptionRequest")
        if request is None:
            text = "replay: only streaming subscriptions are recorded"
            return _rec("SubscribeErrorResponse.xml").substitute(code="ErrorInvalidSubscriptionRequest", text=text)
        if not self.streaming:
            return _rec("SubscribeErrorResponse.xml").substitute(
                code="ErrorInvalidRequest", text="The request is invalid."
            )
        folder_ids: set[str] = set()
        for ref in request.find(f"{T}FolderIds") or []:
            f = self._folder(ref)
            if isinstance(f, str):
                return _rec("SubscribeErrorResponse.xml").substitute(code=f, text=f)
            folder_ids.add(f.id)
        types = {e.text or "" for e in request.iter(f"{T}EventType")}
        sub = Subscription(
            f"rpl{next(self._sub_ids):04d}-5b1c-4e0a-9d6f-c5b0a11ce000", folder_ids, types, self.mailbox.seq()
        )
        self.subscriptions[sub.id] = sub
        return _rec("SubscribeResponse.xml").substitute(subscription=sub.id)

    def op_Unsubscribe(self, el: ET.Element) -> str:
        sub = self.subscriptions.get(el.findtext(f"{M}SubscriptionId") or "")
        if sub is None or sub.state != "alive":
            return self._error("Unsubscribe", "ErrorSubscriptionNotFound").join(
                (
                    '<m:UnsubscribeResponse xmlns:m="' + M[1:-1] + '"><m:ResponseMessages>',
                    "</m:ResponseMessages></m:UnsubscribeResponse>",
                )
            )
        sub.state = "unsubscribed"
        return _rec("UnsubscribeResponse.xml").template

    def op_GetStreamingEvents(self, el: ET.Element) -> Response:
        ids = [e.text or "" for e in el.iter(f"{T}SubscriptionId")]
        headers = {"Content-Type": "text/xml; charset=utf-8"}
        return Response(200, headers=headers, stream=self._stream(ids))

    def _stream(self, ids: list[str]) -> Iterator[bytes]:
        yield _envelope(_rec("GetStreamingEventsStatus.xml").substitute(status="OK"))
        end = time.monotonic() + self.stream_hold
        while True:
            error: tuple[str, str] | None = None
            notes: list[str] = []
            with self.mailbox.lock:
                subs = [self.subscriptions.get(i) for i in ids]
                for sid, sub in zip(ids, subs, strict=True):
                    if sub is None or sub.state == "expired":
                        error = (sid, "ErrorSubscriptionNotFound" if sub is None else self.expire_code)
                        break
                    notes.append(self._notification(sub))
                closed = any(sub is not None and sub.state == "unsubscribed" for sub in subs)
            if error is not None:
                sid, code = error
                yield _envelope(_rec("GetStreamingEventsError.xml").substitute(code=code, text=code, subscription=sid))
                return
            if closed:
                break
            for note in notes:
                if note:
                    yield _envelope(note)
            if time.monotonic() >= end:
                break
            time.sleep(0.02)
        yield _envelope(_rec("GetStreamingEventsStatus.xml").substitute(status="Closed"))

    def _notification(self, sub: Subscription) -> str:
        """Events on `sub` since it last reported, as one Notification (empty when there are none)."""
        changes = self.mailbox.changes[sub.seq :]
        sub.seq = self.mailbox.seq()
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        events: list[str] = []

        def add(kind: str, rec: str, **values: str) -> None:
            if kind in sub.event_types:
                events.append(_rec(rec).substitute(kind=kind, stamp=stamp, **values))

        i = 0
        while i < len(changes):
            _, folder_id, item_id, kind = changes[i]
            nxt = changes[i + 1] if i + 1 < len(changes) else None
            if kind == "removed" and nxt is not None and nxt[3] == "added":  # a move: removed then added
                _, new_folder, new_id, _ = nxt
                if {folder_id, new_folder} & sub.folder_ids:
                    add("MovedEvent", "moved_event.xml", id=new_id, parent=new_folder, old_id=item_id,
                        old_parent=folder_id)  # fmt: skip
                i += 2
                continue
            if folder_id in sub.folder_ids:
                if kind == "added":
                    add("CreatedEvent", "item_event.xml", id=item_id, parent=folder_id)
                    add("NewMailEvent", "item_event.xml", id=item_id, parent=folder_id)
                else:
                    add("DeletedEvent", "item_event.xml", id=item_id, parent=folder_id)
            i += 1
        if not events:
            return ""
        return _rec("GetStreamingEventsNotification.xml").substitute(subscription=sub.id, events="".join(events))


def _envelope(inner: str) -> bytes:
    return _rec("envelope.xml").substitute(body=inner).encode()
