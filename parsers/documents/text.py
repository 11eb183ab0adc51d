"""Plain text (email bodies, .txt attachments) to a DocView: runs of tab- or pipe-separated lines become tables."""

from __future__ import annotations

import re
from itertools import pairwise

from parsers.documents.model import Block, DocView, Table
from parsers.normalise import clean, crosses_as_no
from parsers.qa_pairs import join_answers
from parsers.slash_rows import slash_tables

_CELL_SPLIT = re.compile(r"\t+|\s+\|\s+|^\||\|$")
_QUOTED = re.compile(r"^\s*>")


def _cells(line: str) -> list[str] | None:
    """Cells of a pasted table row, or None for an ordinary line."""
    if "\t" not in line and " | " not in line and not line.strip().startswith("|"):
        return None
    cells = [c.strip() for c in _CELL_SPLIT.split(line.strip())]
    while cells and cells[0] == "":
        cells.pop(0)
    while cells and cells[-1] == "":
        cells.pop()
    return cells if len(cells) >= 2 else None


def _tab_cells(line: str) -> list[str]:
    """Cells of a tab-separated line, one per tab: "Q?\t\tX" is Q?, an empty Yes cell, then X under No."""
    cells = [c.strip() for c in line.strip(" \r\n").lstrip("\t").split("\t")]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def _table(lines: list[str], width: int | None = None) -> Table:
    """A run of pasted rows. Tabs are kept one per column when every row that has an empty cell fits the
    column count of the header (first) row, as a form copied out of Word does ("Criterion\tYes\tno" over
    "Is the child deceased?\t\tX"). Otherwise runs of tabs may be padding: they are collapsed, and the table
    says its columns are uncertain so that nothing is read from a tick's column position."""
    rows = [_cells(line) or [] for line in lines]
    if not any("\t\t" in line.strip(" \r\n").lstrip("\t") for line in lines):
        return Table(rows)
    exact = [_tab_cells(line) if "\t" in line else rows[k] for k, line in enumerate(lines)]
    # a run going on from a table above (rows parted by blank lines) is measured against that table's header
    gapped = [row for row in (exact if width else exact[1:]) if "" in row]
    width = width or len(exact[0])
    if width >= 3 and gapped and all(len(row) <= width for row in gapped):
        return Table([row + [""] * (width - len(row)) if "" in row else row for row in exact])
    return Table(rows, columns_uncertain=True)


# A name wrapped at its hyphen ("Jade Okonkwo-" / "Reid"): the next line is one capitalised word, maybe with the
# rest of the line after it; a hyphen after a letter never ends a line on purpose.
_HYPHEN_WRAP = re.compile(r"(?<=[A-Za-z]-)[ \t]*\n[ \t]*(?=[A-Z][a-z'’]+\b)")


# "Name of referrer ........ Jo Reed": dot (or underscore) leaders between a short label and its answer; the
# label may have dots of its own that are not a leader ("D.O.B. ......", "Address (incl. postcode) ....")
_LEADER = re.compile(r"^([ \t]*[A-Za-z](?:[^.\n:]|\.(?!\.\.)){1,60}?)[ \t]*(?:\.{3,}|…+|_{4,})[ \t.…_]*(?=\S)",
                     re.M)


# "Liesbeth ter Horst .... Mother .... 29.07.93 .... 128 Ladymead Row, ... .... Indian": a line with two or more
# leader runs between words is a row of cells (a family or agency line), not a label and its answer
_LEADER_GAP = re.compile(r"[ \t]+(?:\.{3,}|…+)[ \t]+")
_LEADER_ROW = re.compile(r"^[^\n]*\S[ \t]+(?:\.{3,}|…+)[ \t]+\S[^\n]*?\S[ \t]+(?:\.{3,}|…+)[ \t]+\S[^\n]*$", re.M)


def _leader_cells(m: re.Match[str]) -> str:
    return _LEADER_GAP.sub(" | ", m.group(0))


# The rule under a Markdown (or Apple Mail / Teams pasted) table's header: "|---|:---:|", "|------|-----|"
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")

# Markdown typed into a mail ("## Child", "- **Name**: Leo Marsh", a pipe table with its "|---|---|" rule): the
# heading's hashes, the bullet and the bold marks around a label, and the rule row are markup, not text
_MD_RULE_LINES = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t\r]*$\n?", re.M)
_MD_TASK = re.compile(r"^([ \t]*)[-*+][ \t]+(?=\[[ xX]\][ \t]|[☐☒][ \t])", re.M)  # "- [x] Seriously harmed"
_MD_HEADING = re.compile(r"^([ \t]*)#{1,6}[ \t]+(?=\S)", re.M)
_MD_LABEL = re.compile(r"^([ \t]*)(?:[-*+][ \t]+)?\*\*([^*\n]{1,80}?)(:)?\*\*[ \t]*(?(3)|:)", re.M)


def _markdown(text: str) -> str:
    if "**" not in text and "#" not in text and "---" not in text:
        return text
    return _MD_TASK.sub(r"\1", _MD_LABEL.sub(r"\1\2:", _MD_HEADING.sub(r"\1", _MD_RULE_LINES.sub("", text))))


# A case-system print's fixed-width table: a header line of three or more upper-case column names parted by two
# spaces or more ("DOB         NAME         RELATIONSHIP"), its rows aligned under them up to a blank line
_FIXED_HEAD = re.compile(r"^[ \t]*[A-Z][A-Z0-9./&'()\-]*(?: [A-Z0-9./&'()\-]+)*(?: {2,}[A-Z][A-Z0-9./&'()\-]*"
                         r"(?: [A-Z0-9./&'()\-]+)*){2,}[ \t]*$")
# ... or its column names capitalised ("Relationship        Name        DOB"): only when every row is cut cleanly
_FIXED_HEAD_TITLED = re.compile(r"^[ \t]*[A-Z][A-Za-z0-9./&'()\-]*(?: [A-Za-z0-9./&'()\-]+)*"
                                r"(?: {2,}[A-Z][A-Za-z0-9./&'()\-]*(?: [A-Za-z0-9./&'()\-]+)*){2,}[ \t]*$")


_UPPER_TAIL = re.compile(r"(?<=[a-z0-9.])(?P<tail>[A-Z]{2,}(?: [A-Z]{2,})*)$")


def _run_in(line: str, start: int) -> list[str]:
    """The last two cells of a row whose value ran into the last column ("...@school.sch.ukOPEN"): parted where a
    lower-case value meets the upper-case status after it; both left empty when there is no such seam."""
    rest = line[start:].rstrip()
    m = _UPPER_TAIL.search(rest)
    return [rest[: m.start()].strip(), m.group("tail")] if m is not None else ["", ""]


def _titled_rows_fit(rows: list[str], starts: list[int]) -> bool:
    """Rows under a capitalised header: two rows or more, each with a value starting at each column (a gap of two
    spaces before it), the last column's start allowed to be run into by the value before it."""
    if len(rows) < 2:
        return False
    for row in rows:
        for c in starts[1:]:
            if c >= len(row) or row[c] == " ":
                continue
            if c != starts[-1] and row[c - 2 : c] != "  ":
                return False
    return True


def _fixed_width(text: str) -> str:
    """Each fixed-width table's lines (header and rows) cut at the header's column starts and joined by tabs, when
    every row has a space before each column start (so no value is cut in two); else left as it was."""
    if "  " not in text:
        return text
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        head = lines[k].rstrip("\r")
        titled = not _FIXED_HEAD.match(head)
        if "\t" in head or (titled and not _FIXED_HEAD_TITLED.match(head)):
            k += 1
            continue
        starts = [m.start() for m in re.finditer(r"(?:(?<=  )|^[ \t]*)\S", head)]
        end = k + 1
        while end < len(lines) and lines[end].strip() and "\t" not in lines[end]:
            end += 1
        rows = [ln.rstrip("\r") for ln in lines[k + 1 : end]]
        # a value run on into the last column ("...@school.sch.ukOPEN": the status column is narrow and a long
        # address fills its gap) is still cut at the column start; a cut anywhere else would split a value
        if not rows or len(starts) < 3 or not all(
                all(c >= len(r) or r[c - 1] == " " or (c == starts[-1] and titled) for c in starts[1:])
                for r in rows) or (titled and not _titled_rows_fit(rows, starts)):
            k = end
            continue
        for j in range(k, end):
            line = lines[j].rstrip("\r")
            bounds = [*starts, max(len(line), starts[-1])]
            cells = [line[a:b].strip() for a, b in pairwise(bounds)]
            cells[-1] = line[starts[-1]:].strip()
            if titled and j > k and len(line) > starts[-1] and line[starts[-1] - 1] != " ":
                cells[-2:] = _run_in(line, starts[-2])
            lines[j] = "\t".join(cells)
        k = end
    return "\n".join(lines)


def text_blocks(text: str) -> list[Block]:
    """Lines and pasted tables, in order."""
    blocks: list[Block] = []
    run: list[str] = []
    blanks = -1  # blank lines since the last table ended (-1: text came between)
    text = _fixed_width(_markdown(join_answers(text)))
    text = _LEADER_ROW.sub(_leader_cells, _HYPHEN_WRAP.sub("", clean(crosses_as_no(text))))
    for raw_line in _LEADER.sub(r"\1: ", text).split("\n"):
        line = re.sub(r"^\s*>+ ?", "", raw_line) if _QUOTED.match(raw_line) else raw_line
        if _cells(line) is not None:
            run.append(line)
            continue
        if run and _MD_RULE.match(line):
            continue  # "|---|---|" under a Markdown table's header row: the rule, not a row; the table goes on
        if run:
            blocks.append(_continued(blocks, blanks, run))
            run = []
            blanks = 0
        if line.strip():
            blanks = -1
        elif blanks >= 0:
            blanks += 1
        blocks.append(line.rstrip())
    if run:
        blocks.append(_continued(blocks, blanks, run))
    blocks = slash_tables(blocks)
    if not _one_cell_a_line(blocks):
        return blocks
    # parsers.rows and labels: loaded by extraction in any case
    from parsers.labels_below import across, turn
    from parsers.paired_headings import regroup
    from parsers.stacked_cells import restack
    from parsers.stacked_ticks import regrid, unmarked_options

    return turn(across(regrid(restack(regroup(unmarked_options(blocks))))))


_BARE = re.compile(r"^[^:\t☐☒]{1,90}$")  # a line with no "label:" and no box: maybe one cell of a flattened table


def _one_cell_a_line(blocks: list[Block]) -> bool:
    """Whether the text may hold a form flattened one cell a line (three such lines in a row): only then are the
    readers of that layout run (they ask something of every line)."""
    run = 0
    for block in blocks:
        if isinstance(block, str) and _BARE.match(block.strip()):
            run += 1
            if run >= 3:
                return True
        else:
            run = 0
    return False


def _continued(blocks: list[Block], blanks: int, run: list[str]) -> Table:
    """The table of a run of rows, marked as going on from the table before it when only one or two blank lines
    part them (a mail client's flattened HTML table: one row a paragraph)."""
    before = blocks[-blanks - 1] if 0 < blanks <= 2 and len(blocks) > blanks else None
    if not isinstance(before, Table):
        return _table(run)
    head = before.rows[0] if before.rows and not before.columns_uncertain else []
    table = _table(run, len(head) if len(head) >= 3 else None)
    table.continues = True
    return table


def read_text(data: bytes | str, name: str) -> DocView:
    """Decode (UTF-8, then Windows-1252) and split into blocks."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    else:
        text = data
    return DocView(name=name, blocks=text_blocks(text))
