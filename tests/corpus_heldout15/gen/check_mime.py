"""Parse every .eml with Python's email package and report MIME defects (none expected)."""

from __future__ import annotations

import email
import os
import sys
from email import policy

bad = 0
for fn in sorted(os.listdir(sys.argv[1])):
    if fn.endswith(".eml"):
        m = email.message_from_bytes(open(os.path.join(sys.argv[1], fn), "rb").read(), policy=policy.default)
        for part in m.walk():
            if part.defects:
                bad += 1
                print(fn, part.get_content_type(), part.defects)
print(f"check_mime: {bad} part(s) with defects")
