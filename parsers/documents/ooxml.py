"""A .docx's main document part, found and parsed as docx.Document() does, without loading the package's other parts."""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Any

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def main_document(data: bytes) -> Any:
    """The root element of the main document part (w:document), parsed with python-docx's parser options.

    docx.Document() also reads and parses every part the package links to: on a Word form the styles alone
    (350 KB of XML from Word's template) are ~90 % of its time, and the reader never looks at them. The part
    is found as python-docx (1.x, docx.opc) finds it: the package's one officeDocument relationship, its content
    type from [Content_Types].xml (an override by part name, else the default for its extension, both without
    regard to case). A package it would refuse is refused with the same exception: KeyError for a missing
    [Content_Types].xml, relationship or part, ValueError for two main parts, an external one or another
    content type (a macro-enabled .docm, a .dotx template), AttributeError for a malformed entry,
    XMLSyntaxError for broken XML. Only a damaged part the reader never uses (styles, numbering, headers) no
    longer stops the form. python-docx itself is not imported: 0.03 s of a process's start.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = _parse(archive.read("[Content_Types].xml"))
        if types.tag != _CT + "Types":
            raise AttributeError("[Content_Types].xml has no Types element")
        overrides = {o.get("PartName").lower(): o.get("ContentType") for o in types.findall(_CT + "Override")}
        defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.findall(_CT + "Default")}
        try:
            rels_xml: bytes | None = archive.read("_rels/.rels")
        except KeyError:
            rels_xml = None
        rels: dict[Any, Any] = {}  # by Id, as python-docx keeps them: a repeated Id replaces the earlier one
        if rels_xml is not None:
            root = _parse(rels_xml)
            if root.tag != _PR + "Relationships":
                raise AttributeError("_rels/.rels has no Relationships element")
            rels = {rel.get("Id"): rel for rel in root.findall(_PR + "Relationship")}
        matching = [rel for rel in rels.values() if rel.get("Type") == _OFFICE_DOCUMENT]
        if not matching:
            raise KeyError(f"no relationship of type '{_OFFICE_DOCUMENT}' in collection")
        if len(matching) > 1:
            raise ValueError(f"multiple relationships of type '{_OFFICE_DOCUMENT}' in collection")
        if matching[0].get("TargetMode", "Internal") == "External":
            raise ValueError("the main document part is external")
        partname = posixpath.normpath(posixpath.join("/", matching[0].get("Target")))  # absolute: no cwd
        blob = archive.read(partname[1:])
        ext = posixpath.splitext(partname)[1]
        ext = ext[1:] if ext.startswith(".") else ext
        if partname.lower() in overrides:
            content_type = overrides[partname.lower()]
        elif ext.lower() in defaults:
            content_type = defaults[ext.lower()]
        else:
            raise KeyError(f"no content type for partname '{partname}' in [Content_Types].xml")
        if content_type != _WORD_MAIN:
            raise ValueError(f"not a Word file, content type is '{content_type}'")
        return _parse(blob)


_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def page_headers(data: bytes, document: Any) -> list[Any]:
    """The page headers (w:hdr roots) the main document's sections name, each once, in the order named. A form's
    case reference, its agency or the referrer's details may be printed only there. Any fault in finding or
    parsing them gives none: a header is never a reason to refuse the form."""
    try:
        names = list(dict.fromkeys(ref.get(_R_ID) for ref in document.iter(_W + "headerReference")))
        if not names:
            return []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            rels = _parse(archive.read("_rels/.rels"))
            main = next(r for r in rels.findall(_PR + "Relationship") if r.get("Type") == _OFFICE_DOCUMENT)
            partname = posixpath.normpath(posixpath.join("/", main.get("Target")))
            folder, base = posixpath.split(partname)
            own = _parse(archive.read(posixpath.join(folder, "_rels", base + ".rels")[1:]))
            targets = {r.get("Id"): r.get("Target") for r in own.findall(_PR + "Relationship")
                       if r.get("Type") == _HEADER and r.get("TargetMode", "Internal") != "External"}
            roots = []
            for name in names[:6]:
                if name in targets:
                    root = _parse(archive.read(posixpath.normpath(posixpath.join(folder, targets[name]))[1:]))
                    if root.tag == _W + "hdr":
                        roots.append(root)
            return roots
    except Exception:  # a damaged or odd header part: the body is read without it
        return []


_PARSER: Any = None


def _parse(blob: bytes) -> Any:
    """XML with python-docx's parser options (blank text dropped, no entities resolved), as plain lxml elements:
    the reader reads tags, attributes and text only, and python-docx's element classes cost ~15 % of its walk."""
    global _PARSER
    from lxml import etree  # type: ignore[import-untyped]  # python-docx's own dependency, without stubs

    if _PARSER is None:
        _PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    return etree.fromstring(blob, _PARSER)
