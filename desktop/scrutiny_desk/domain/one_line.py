"""Text for a place that holds one line: a calendar SUMMARY or LOCATION, a CN, an
e-mail Subject or display name.

Titles are typed in the window one line at a time, but imported files and pasted text
bring line breaks (CR, LF, NEL, the Unicode line and paragraph separators, Word's VT
and FF), tabs and bidirectional controls. A line break in a Subject or a CN splits a
header or a property; a right-to-left override makes "gpj.exe" read as "exe.jpg" in the
reader's calendar. So a one-line place gets the text on one line, without those
controls, and no longer than a title may be typed in the window (``rules.MAX_TITLE``):
a 10,000-character title imported from a file does not become a 10,000-character
Subject. Multi-line places (a DESCRIPTION, a mail body) keep their line breaks but lose
the bidirectional controls too (``without_bidi_controls``).
"""

from __future__ import annotations

import re

from .rules import MAX_TITLE

ELLIPSIS = "…"

# Arabic letter mark, LRM/RLM, the embeddings and overrides (LRE RLE PDF LRO RLO) and
# the isolates (LRI RLI FSI PDI).
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Control characters that are not white space, and the byte order mark.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff]")


def without_bidi_controls(text: str) -> str:
    return _BIDI.sub("", text)


def one_line(text: str, cap: int = MAX_TITLE) -> str:
    """``text`` on one line: every line break, tab and run of white space one space,
    no control or bidirectional control characters, at most ``cap`` characters, the
    last an ellipsis if any were cut."""
    flat = " ".join(_CONTROLS.sub("", without_bidi_controls(text)).split())
    if len(flat) <= cap:
        return flat
    return flat[: cap - 1].rstrip() + ELLIPSIS
