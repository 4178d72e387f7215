"""File names as Windows sees them, names that hide what a file is, and files that run
a program: the rules of ``domain.file_names``, simulated here for Windows."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.file_names import (
    BIDI_CONTROLS,
    RUNNABLE_EXTENSIONS,
    can_run_code,
    fit_path,
    is_windows_device_name,
    name_problem,
    portable_file_name,
    shortened,
    visible,
)

DEVICES = ["CON", "PRN", "AUX", "NUL"] + [f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10)]
FORBIDDEN = '<>:"/\\|?*'


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("form", ["{}", "{}.pdf", "{}.tar.gz", "{} .txt", "{}. "])
def test_device_names_never_come_out_in_any_case(device: str, form: str) -> None:
    for name in (device, device.lower(), device.capitalize()):
        given = form.format(name)
        assert is_windows_device_name(given), given
        made = portable_file_name(given)
        assert not is_windows_device_name(made), (given, made)
        assert made.split(".", 1)[0] == name + "_", (given, made)


@pytest.mark.parametrize(
    ("given", "made"),
    [
        ("CON", "CON_"),
        ("aux.pdf", "aux_.pdf"),
        ("Com1.docx", "Com1_.docx"),
        ("nul.tar.gz", "nul_.tar.gz"),
        ("NUL .txt", "NUL_.txt"),
        ("COM\u00b9.txt", "COM\u00b9_.txt"),  # superscript digits are devices too
        ("CONOUT$", "CONOUT$_"),
        ("console.pdf", "console.pdf"),  # only the whole stem is a device
        ("COM10.pdf", "COM10.pdf"),
        ("Conference on aux.pdf", "Conference on aux.pdf"),
    ],
)
def test_device_names_get_an_underscore_and_others_are_kept(given: str, made: str) -> None:
    assert portable_file_name(given) == made


@pytest.mark.parametrize("char", list(FORBIDDEN))
def test_characters_windows_refuses_become_spaces(char: str) -> None:
    made = portable_file_name(f"Drugs{char}review.pdf")
    assert made == "Drugs review.pdf"
    assert not set(made) & set(FORBIDDEN)


@pytest.mark.parametrize(
    ("given", "made"),
    [
        ("Minutes.", "Minutes"),
        ("Minutes. . ", "Minutes"),
        ("Minutes .pdf", "Minutes.pdf"),
        ("   Minutes   ", "Minutes"),
        ("draft..pdf", "draft.pdf"),
        ("a\tb\nc.txt", "a b c.txt"),
        ("bell\x07.txt", "bell.txt"),
        ("pwned\u202etxt.exe", "pwnedtxt.exe"),
        ("...", "file"),
        ("", "file"),
    ],
)
def test_no_name_ends_with_a_dot_or_space_nor_holds_hidden_characters(
    given: str, made: str
) -> None:
    assert portable_file_name(given) == made
    assert not made.endswith((".", " "))


def test_long_names_are_shortened_keeping_the_extension() -> None:
    made = portable_file_name("x" * 300 + ".pdf")
    assert len(made) == 255 and made.endswith("x.pdf")
    assert portable_file_name("Q3 " * 40, 80, fallback="export") == ("Q3 " * 40)[:80].strip()
    assert shortened("A very long name.docx", 10) == "A ver.docx"
    assert shortened("A very long name.docx", 5) == "A ver"  # no room for the extension
    assert shortened("Version 1.2 of the report", 10) == "Version 1"  # not an extension


def test_a_shortened_name_is_never_left_a_device() -> None:
    made = portable_file_name("COM1 and more.pdf", limit=8)
    assert not is_windows_device_name(made) and len(made) <= 8


def test_fit_path_keeps_paths_under_windows_limit() -> None:
    folder = "C:\\Users\\clerk\\" + "d" * 200
    name = "Borough Commanders' returns on drug-related arrests 2006-07.pdf"
    fitted = fit_path(folder, name)
    assert fitted is not None and fitted.endswith(".pdf")
    assert len(folder) + 1 + len(fitted) == 259
    assert fit_path("C:\\x", name) == name
    assert fit_path("C:\\" + "d" * 254, name) is None  # not even "x.pdf" fits


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_bidirectional_controls_are_a_problem_named_by_code_point(char: str) -> None:
    why = name_problem(f"pwned{char}txt.exe")
    assert why is not None
    assert f"U+{ord(char):04X}" in why and "show differently from what it is" in why
    assert char not in why  # the reason itself cannot be rearranged


@pytest.mark.parametrize("char", ["\x00", "\x01", "\t", "\n", "\x1b", "\x7f", "\x85"])
def test_control_characters_are_a_problem(char: str) -> None:
    why = name_problem(f"report{char}.pdf")
    assert (
        why == f"contains a control character (U+{ord(char):04X}), which a file name may not hold"
    )


@pytest.mark.parametrize(
    "name", ["report.pdf", "تقرير اللجنة.pdf", "דוח.docx", "Café notes.txt", "a\u200db.pdf"]
)
def test_ordinary_names_in_any_script_are_no_problem(name: str) -> None:
    assert name_problem(name) is None


def test_visible_writes_hidden_characters_as_code_points() -> None:
    assert visible("pwned\u202etxt.exe") == "pwned[U+202E]txt.exe"
    assert visible("a\tb") == "a[U+0009]b"
    assert visible("تقرير.pdf") == "تقرير.pdf"


BRIEF_LIST = (
    ".exe .bat .cmd .com .js .jse .vbs .vbe .wsf .ps1 .lnk .scr .msi .hta .pif .cpl .jar .reg"
)


@pytest.mark.parametrize("extension", BRIEF_LIST.split())
def test_types_that_run_a_program_in_any_case_or_disguise(extension: str) -> None:
    assert extension in RUNNABLE_EXTENSIONS
    assert can_run_code(f"minutes{extension}")
    assert can_run_code(f"MINUTES{extension.upper()}")
    assert can_run_code(f"minutes.pdf{extension}. ")  # Windows drops the trailing dot


@pytest.mark.parametrize(
    "name",
    ["minutes.pdf", "evidence.docx", "photo.jpg", "minutes.exe.pdf", "exe", "notes", "a.txt"],
)
def test_documents_do_not_run_a_program(name: str) -> None:
    assert not can_run_code(name)


def test_a_right_to_left_override_does_not_hide_a_program() -> None:
    assert can_run_code("pwned\u202etxt.exe")  # shows as "pwnedexe.txt"
    assert not can_run_code("pwned\u202eexe.txt")  # shows as "pwnedtxt.exe", is text
