"""Bounds on what one message may make us read: parts, nesting, sizes, zip ratios. Hostile mail hits these first."""

from __future__ import annotations

MAX_PARTS = 200  # MIME parts walked per message
MAX_DEPTH = 12  # messages inside messages: attached forwards, .msg inside .msg (real chains reach 5-6)
MAX_MULTIPART_DEPTH = 16  # multiparts inside one message (mixed > related > alternative is 3)
MAX_SCAN_PARTS = 20_000  # leaf parts located by parsers.mimescan (offsets only, no decoding)
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # decoded size of one attachment we will open
MAX_ZIP_MEMBERS = 2000
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024  # sum of declared member sizes in a .docx
MAX_XML_MEMBER_BYTES = 25 * 1024 * 1024
MAX_ZIP_RATIO = 120  # compressed:uncompressed; real Word XML compresses ~10-20x, bombs 1000x+
ZIP_RATIO_FLOOR = 2 * 1024 * 1024  # ratio only judged for members larger than this
MAX_PDF_PAGES = 60
MAX_PDF_FIELDS = 2000
MAX_TEXT_CHARS = 2_000_000  # characters of text handed to field extraction per source
