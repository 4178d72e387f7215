"""A hostile review for the published pages: what a real clerk's data can hold and a
page must still lay out and announce properly.

Long unbroken words, right-to-left and combining characters, text that looks like
markup (it must come out as text), empty optional fields, many items, closed items,
a meeting with no items and no venue, and no panel at all. Built as a review file of
the current format and imported through the service, so it passes the same checks as
any file a clerk imports.
"""

from __future__ import annotations

import json
from typing import Any

LONG_WORD = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch" * 4
RTL = "مراجعة الشرطة والمخدرات — סקירה"
COMBINING = "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ"
MARKUP = '<script>alert("x")</script><h1>not a heading</h1>&amp; <img src=x onerror=1>'
MANY_ITEMS = 60


def _text(n: int) -> str:
    """Each item gets one of the hostile texts, in turn."""
    return (LONG_WORD, RTL, COMBINING, MARKUP, f"Item {n}")[n % 5]


def _item(meeting: str, n: int) -> dict[str, Any]:
    closed = n % 4 == 3
    item: dict[str, Any] = {
        "key": f"{meeting}-{n}",
        "title": f"{_text(n)} {n}",
        "kind": "evidence" if n % 2 else "report",
        "access": "closed" if closed else "open",
        "minute": f"{_text(n + 1)}\n{_text(n + 2)}\nRESOLVED that {_text(n + 3)}."
        if n % 3
        else None,
        "resolutions": [{"text": _text(n + 4)}] if n % 6 == 1 else [],
    }
    if closed:
        item |= {
            "closed_reason": _text(n + 1),
            "public_title": f"Private item {_text(n + 2)}",
            "exemption": "Local Government Act 1972, Schedule 12A, paragraph 1",
        }
    return item


def hostile_review(language: str = "en") -> bytes:
    """The review file (format version 7) in the papers' language given."""
    meetings = [
        {
            "key": "long",
            "title": f"{LONG_WORD} {RTL} {MARKUP}",
            "title_cy": f"{COMBINING} {RTL}",
            "kind": "evidence",
            "start": "2031-03-10T14:00",
            "end": "2031-03-10T18:00",
            "venue": f"{MARKUP} {RTL}",
            "status": "held",
            "minutes_status": "draft",
            "items": [_item("long", n) for n in range(MANY_ITEMS)],
        },
        {
            "key": "bare",
            "title": COMBINING,
            "kind": "deliberative",
            "start": "2031-04-07T10:00",
            "end": "2031-04-07T11:00",
            "status": "scheduled",
            "minutes_status": "none",
            "items": [],
        },
    ]
    review = {
        "title": f"{MARKUP} {LONG_WORD}",
        "body": RTL,
        "status": "evidence",
        "language": language,
        "panel": [],
        "terms_of_reference": [
            {
                "key": f"t{n}",
                "text": _text(n),
                "children": [
                    {"key": f"t{n}-{c}", "text": _text(n + c), "children": []} for c in range(3)
                ],
            }
            for n in range(6)
        ],
        "meetings": meetings,
        "recommendations": [
            {
                "key": f"r{n}",
                "text": _text(n),
                # a draft or rejected one may leave its lead and due date empty
                "lead": _text(n + 1) if n % 5 in (1, 2, 3) or n % 2 else None,
                "due": "2031-06-30" if n % 5 in (1, 2, 3) or n % 3 else None,
                "status": ("draft", "agreed", "in-progress", "implemented", "rejected")[n % 5],
                "response": _text(n + 2) if n % 5 == 2 else None,
                "tor": [f"t{n % 6}"],
            }
            for n in range(25)
        ],
        "actions": [
            {
                "key": f"a{n}",
                "text": _text(n),
                "owner": _text(n + 3) if n % 2 else None,
                "due": "2031-03-20" if n % 3 else None,
                "status": ("open", "done")[n % 2],
                "meeting": "long",
                "access": "closed" if n % 5 == 4 else "open",
            }
            for n in range(25)
        ],
    }
    return json.dumps({"format": "scrutiny-desk.review", "version": 7, "review": review}).encode()
