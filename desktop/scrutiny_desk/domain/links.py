"""Web links a clerk types: a review's public web page and a meeting's joining link.

Both go into calendar files (RFC 7986 URL and CONFERENCE), e-mails and the agenda, where
a stray space or control character would break the line it is on or hide part of the
link, and where any scheme but http and https (``javascript:``, ``file:``) has no
business. So one rule, written once: an http or https URL with a host, no spaces or
control characters, at most ``MAX_LINK`` characters. Blank means none. The schema of
format version 5 says the same of the file (``^https?://[^\\s]+$``, maxLength 2000).
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from .errors import Problem

MAX_LINK = 2000


def normalised_link(value: str | None) -> str | None:
    """The link as it is kept: without the spaces around it; blank is none."""
    if value is None:
        return None
    return value.strip() or None


def link_problem(value: str) -> str | None:
    """Why ``value`` cannot be used as a web link, in a clerk's words, or None."""
    if len(value) > MAX_LINK:
        return f"is longer than {MAX_LINK:,} characters"
    for char in value:
        if char.isspace():
            return "must not contain spaces (a link has none: check it was copied whole)"
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            return f"must not contain control characters (U+{ord(char):04X})"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - a port that is not a number raises here
    except ValueError:
        return f'"{value[:100]}" is not a web address'
    if parts.scheme.lower() not in ("http", "https"):
        return "must be a web address starting https:// (or http://)"
    if not parts.hostname:
        return f"must name the site after {parts.scheme}://, as in https://example.org/page"
    return None


def link_problems(path: str, value: str | None) -> list[Problem]:
    """The problem of an optional link (None is no link), named by ``path``."""
    if value is None:
        return []
    why = link_problem(value)
    return [Problem(path, why)] if why else []
