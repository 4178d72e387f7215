"""One-line text (issue 14): what a SUMMARY, LOCATION, CN or Subject may hold."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.one_line import ELLIPSIS, one_line, without_bidi_controls
from scrutiny_desk.domain.rules import MAX_TITLE

BREAKS = ["\r", "\n", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\t"]
BIDI = [
    "\u061c",
    "\u200e",
    "\u200f",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]


@pytest.mark.parametrize("mark", BREAKS)
def test_every_line_break_and_tab_is_a_space(mark: str) -> None:
    assert one_line(f"Scrutiny{mark}of{mark}{mark}buses") == "Scrutiny of buses"


@pytest.mark.parametrize("mark", BIDI)
def test_bidirectional_controls_go(mark: str) -> None:
    assert one_line(f"{mark}Buses{mark} review{mark}") == "Buses review"
    assert without_bidi_controls(f"a{mark}\nb") == "a\nb"  # line breaks kept


def test_an_override_cannot_reverse_what_is_read() -> None:
    # "Invoice \u202egpj.exe" shows as "Invoice exe.jpg" in a right-to-left override.
    assert one_line("Invoice \u202egpj.exe\u202c") == "Invoice gpj.exe"
    assert one_line("שלום \u2067عربي\u2069 text") == "שלום عربي text"  # the letters stay


def test_controls_go_and_runs_of_spaces_collapse() -> None:
    assert one_line("  a\x00b\x1b c \x7f\ufeff  d  ") == "ab c d"


def test_capped_at_the_window_title_cap_with_an_ellipsis() -> None:
    assert MAX_TITLE == 200
    assert one_line("x" * 200) == "x" * 200
    cut = one_line("x" * 10_000)
    assert len(cut) == MAX_TITLE and cut == "x" * 199 + ELLIPSIS
    assert one_line("word " * 100) == ("word " * 40).rstrip() + ELLIPSIS  # no space before it
    assert one_line("abcdef", cap=4) == "abc" + ELLIPSIS
