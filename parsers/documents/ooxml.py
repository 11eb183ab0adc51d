"""A .docx's main document part, found and parsed as docx.Document() does, without loading the package's other parts."""

from __future__ import annotations

import io
import zipfile
from typing import Any


def main_document(data: bytes) -> Any:
    """The root element of the main document part (w:document), parsed with python-docx's parser options.

    docx.Document() also reads and parses every part the package links to: on a Word form the styles alone
    (350 KB of XML from Word's template) are ~90 % of its time, and the reader never looks at them. The part
    is found as python-docx finds it (the package's one officeDocument relationship, its content type from
    [Content_Types].xml), with the same exceptions for a package it would refuse: KeyError for a missing
    [Content_Types].xml, relationship or part, ValueError for two main parts, an external one or another
    content type (a macro-enabled .docm, a .dotx template), XMLSyntaxError for a broken document part.
    Only a damaged part the reader never uses (styles, numbering, headers) no longer stops the form.
    """
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgreader import _ContentTypeMap, _SerializedRelationships

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        # python-docx's own readers of [Content_Types].xml and .rels (untyped there): the same lookups, same errors
        types = _ContentTypeMap.from_xml(archive.read(CONTENT_TYPES_URI.membername))  # type: ignore[no-untyped-call]
        try:
            rels_xml = archive.read(PACKAGE_URI.rels_uri.membername)
        except KeyError:
            rels_xml = None
        # keyed by rId as python-docx keeps them: a repeated rId replaces the earlier relationship
        srels = _SerializedRelationships.load_from_xml(PACKAGE_URI.baseURI, rels_xml)  # type: ignore[no-untyped-call]
        rels = {srel.rId: srel for srel in srels}
        matching = [srel for srel in rels.values() if srel.reltype == RT.OFFICE_DOCUMENT]
        if not matching:
            raise KeyError(f"no relationship of type '{RT.OFFICE_DOCUMENT}' in collection")
        if len(matching) > 1:
            raise ValueError(f"multiple relationships of type '{RT.OFFICE_DOCUMENT}' in collection")
        if matching[0].is_external:
            raise ValueError("the main document part is external")
        partname = matching[0].target_partname
        blob = archive.read(partname.membername)
        content_type = types[partname]
        if content_type != CT.WML_DOCUMENT_MAIN:
            raise ValueError(f"not a Word file, content type is '{content_type}'")
        return _parse(blob)


_PARSER: Any = None


def _parse(blob: bytes) -> Any:
    """The part's XML with python-docx's parser options (blank text dropped, no entities resolved), as plain lxml
    elements: the reader reads tags, attributes and text only, and python-docx's element classes cost ~15 % of
    its walk to create."""
    global _PARSER
    from lxml import etree  # type: ignore[import-untyped]  # python-docx's own dependency, without stubs

    if _PARSER is None:
        _PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    return etree.fromstring(blob, _PARSER)
