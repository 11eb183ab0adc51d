"""Replay of an on-prem Exchange EWS endpoint (/EWS/Exchange.asmx) over the mailbox model.

Requests are matched by the SOAP operation (the first element of the Body); responses are the recorded
bodies in recordings/ews/ with the model's ids filled in. Basic auth only (NTLM needs a Windows
challenge/response this stub does not implement). Faults are injected per operation with `fail_next`.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from string import Template

from tests.replay.mailbox import Folder, Mailbox
from tests.replay.server import RECORDINGS, Request, Response

T = "{http://schemas.microsoft.com/exchange/services/2006/types}"
M = "{http://schemas.microsoft.com/exchange/services/2006/messages}"
SOAP = "{http://schemas.xmlsoap.org/soap/envelope/}"


def _rec(name: str) -> Template:
    return Template((RECORDINGS / "ews" / name).read_text(encoding="utf-8").strip())


@dataclass
class EwsReplay:
    mailbox: Mailbox
    user: str
    password: str
    faults: list[tuple[str, str, int]] = field(default_factory=list)  # (op, kind, arg)

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
        handler = getattr(self, f"op_{req.op}", None)
        if handler is None:
            return Response(500, f"replay: no recording for {req.op}".encode())
        with self.mailbox.lock:
            inner = handler(op_elem)
        xml = _rec("envelope.xml").substitute(body=inner)
        return Response(200, xml.encode(), {"Content-Type": "text/xml; charset=utf-8"})

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
