"""The common view every reader produces: paragraphs and tables in reading order, tick boxes as ☒/☐ glyphs."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    """Rows of cell texts; merged cells appear once per row."""

    rows: list[list[str]]
    # Pasted text whose tab runs could be padding or empty cells: a cell's column number is not to be trusted.
    columns_uncertain: bool = False
    # Pasted text whose rows are parted by blank lines (an HTML table flattened by a mail client): this table
    # goes on from the one before it, with nothing but blank lines between, so a header row above still applies.
    continues: bool = False
    # Where the cells came from, for provenance (parsers/provenance.py): "form" for a fillable PDF's fields,
    # "text" for cells laid out from a page's spacing; "" for a document's own table.
    origin: str = ""


Block = str | Table


@dataclass
class DocView:
    """One readable source: a body, an attachment, or a forwarded part."""

    name: str
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The reader that made it ("text", "html", "docx", "pdf", ...; "" unknown): a value's provenance names it.
    kind: str = ""
    # Text a reader may draw outside the flow of the text (HTML: an image's alt text, a form field's value, CSS
    # generated content): never read for a command or a form's values, only for the cases a mail names.
    aside: list[str] = field(default_factory=list)

    def text(self) -> str:
        """Plain text of the whole view (tables as tab-separated lines), for classification."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Table):
                lines.extend("\t".join(row) for row in block.rows)
            else:
                lines.append(block)
        return "\n".join(lines)

    def is_empty(self) -> bool:
        return not self.text().strip()
