"""Paste to tree: real-world shapes of pasted terms of reference, each as a person reads it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scrutiny_desk.domain.tor_parse import (
    MAX_DEPTH,
    ParsedTor,
    as_json_tree,
    as_outline,
    parse_tor,
    walk_parsed,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = Path("/work/shared/seed/drugs-scrutiny-seed.txt")
SAMPLE = ROOT / "resources" / "samples" / "drugs-scrutiny.json"


def shape(items: tuple[ParsedTor, ...]) -> list[object]:
    """Texts as nested lists: "text" for a leaf, ("text", [children]) otherwise."""
    return [(i.text, shape(i.children)) if i.children else i.text for i in items]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()


def seed_terms() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text[text.index("The objectives of the scrutiny") : text.index("Equality and diversity")]


@pytest.mark.skipif(not SEED.exists(), reason="the seed page is not on this machine")
def test_seed_gives_three_objectives_and_thirteen_sub_items() -> None:
    parsed = parse_tor(seed_terms())
    assert len(parsed) == 3
    assert [len(p.children) for p in parsed] == [5, 4, 4]
    assert all(not c.children for p in parsed for c in p.children)
    expected = json.loads(SAMPLE.read_text(encoding="utf-8"))["review"]["terms_of_reference"]

    def texts(items: list[dict[str, object]]) -> list[object]:
        return [(norm(str(i["text"])), texts(i["children"])) for i in items]  # type: ignore[arg-type]

    def parsed_texts(items: tuple[ParsedTor, ...]) -> list[object]:
        return [(norm(i.text), parsed_texts(i.children)) for i in items]

    assert parsed_texts(parsed) == texts(expected)


WORD_BULLETS = (
    "•\tEnsure the strategy is coherent. This included:\n"
    "o\tClarifying the scale of the problem\n"
    "o\tIdentifying gaps\n"
    "§\tin the current approach\n"
    "•\tEnsure the response is appropriate. We did this by:\n"
    "o\tConsidering targets\n"
)


def test_word_bullets_pasted_with_tabs() -> None:
    assert shape(parse_tor(WORD_BULLETS)) == [
        (
            "Ensure the strategy is coherent.",
            [
                "Clarifying the scale of the problem",
                ("Identifying gaps", ["in the current approach"]),
            ],
        ),
        ("Ensure the response is appropriate.", ["Considering targets"]),
    ]


def test_word_bullets_with_leading_tabs_and_symbol_font() -> None:
    text = "\uf0b7\tFirst objective\n\to\tSub one\n\to\tSub two\n\uf0b7\tSecond objective\n"
    assert shape(parse_tor(text)) == [
        ("First objective", ["Sub one", "Sub two"]),
        "Second objective",
    ]


def test_numbered_three_levels() -> None:
    text = (
        "1. Examine the strategy\n"
        "   a) its scale\n"
        "      (i) level 1\n"
        "      (ii) level 2\n"
        "   b) its gaps\n"
        "2. Examine partnerships\n"
        "   a) with councils\n"
    )
    assert shape(parse_tor(text)) == [
        ("Examine the strategy", [("its scale", ["level 1", "level 2"]), "its gaps"]),
        ("Examine partnerships", ["with councils"]),
    ]


def test_numbered_three_levels_without_indentation() -> None:
    text = "1. One\na) alpha\ni) first\nii) second\nb) beta\n2. Two\n"
    assert shape(parse_tor(text)) == [
        ("One", [("alpha", ["first", "second"]), "beta"]),
        "Two",
    ]


def test_word_outline_numbering_one_a_i_all_with_dots() -> None:
    text = "1.\tOne\n\ta.\tAlpha\n\t\ti.\tRoman one\n\t\tii.\tRoman two\n\tb.\tBeta\n2.\tTwo\n"
    assert shape(parse_tor(text)) == [
        ("One", [("Alpha", ["Roman one", "Roman two"]), "Beta"]),
        "Two",
    ]


def test_letter_i_after_h_is_a_letter() -> None:
    letters = "abcdefghij"
    text = "".join(f"({c}) item {c}\n" for c in letters)
    parsed = parse_tor(text)
    assert [p.text for p in parsed] == [f"item {c}" for c in letters]


def test_dotted_decimal_numbers_nest() -> None:
    text = "1 Scope\n1.1 Drugs\n1.2 Alcohol\n1.2.1 Licensing\n2. Method\n2.1 Visits\n"
    assert shape(parse_tor(text)) == [
        ("Scope", ["Drugs", ("Alcohol", ["Licensing"])]),
        ("Method", ["Visits"]),
    ]


def test_web_page_paste_same_bullet_nested_by_indentation() -> None:
    text = (
        "The objectives were to:\n\n"
        "  • Ensure A This included:\n"
        "    • a one\n"
        "    • a two\n"
        "  • Ensure B. We did this by:\n"
        "    • b one\n"
    )
    assert shape(parse_tor(text)) == [("Ensure A", ["a one", "a two"]), ("Ensure B.", ["b one"])]


def test_chrome_paste_without_any_markers_uses_lead_ins() -> None:
    text = (
        "The objectives of the scrutiny were to:\n"
        "Ensure the MPS has a strategy. This included:\n"
        "Clarifying the scale\n"
        "Identifying gaps\n"
        "Ensure the response is appropriate. We did this by:\n"
        "Considering targets\n"
    )
    assert shape(parse_tor(text)) == [
        ("Ensure the MPS has a strategy.", ["Clarifying the scale", "Identifying gaps"]),
        ("Ensure the response is appropriate.", ["Considering targets"]),
    ]


def test_flat_dash_list_with_lead_in_items() -> None:
    text = "- Review X. This included:\n- x1\n- x2\n- Review Y. This included:\n- y1\n"
    assert shape(parse_tor(text)) == [("Review X.", ["x1", "x2"]), ("Review Y.", ["y1"])]


def test_numbered_siblings_are_not_adopted_by_a_colon() -> None:
    text = "1. Review X, as follows:\n2. Second\n3. Third\n"
    assert [p.text for p in parse_tor(text)] == ["Review X, as follows:", "Second", "Third"]


def test_bare_lead_in_lines_are_dropped() -> None:
    text = "1. Examine the strategy\nTo:\n   a) assess it\n   b) improve it\n2. Next\n"
    assert shape(parse_tor(text)) == [("Examine the strategy", ["assess it", "improve it"]), "Next"]


def test_bare_lead_in_after_a_blank_line() -> None:
    text = "• Ensure A\n\nThis included:\n\n    ◦ one\n    ◦ two\n• Ensure B\n"
    assert shape(parse_tor(text)) == [("Ensure A", ["one", "two"]), "Ensure B"]


def test_headings_ending_with_colons_stay_as_items() -> None:
    text = "Scope:\n  • drugs\n  • alcohol\nMethod:\n  • visits\n"
    assert shape(parse_tor(text)) == [("Scope", ["drugs", "alcohol"]), ("Method", ["visits"])]


def test_unmarked_objectives_with_indented_bullets() -> None:
    text = (
        "Ensure A is coherent. This included:\n"
        "\t•\ta one\n"
        "\t•\ta two without a full stop\n"
        "Ensure B is robust. We did this by:\n"
        "\t•\tb one\n"
    )
    assert shape(parse_tor(text)) == [
        ("Ensure A is coherent.", ["a one", "a two without a full stop"]),
        ("Ensure B is robust.", ["b one"]),
    ]


def test_wrapped_lines_continue_the_item() -> None:
    text = (
        "1. Ensure the MPS has a consistent and coherent\n"
        "   strategic approach to combating drugs.\n"
        "2. Ensure that the response is\n"
        "appropriate and timely.\n"
        "   a) Considering the types of\n"
        "      performance targets\n"
    )
    assert shape(parse_tor(text)) == [
        "Ensure the MPS has a consistent and coherent strategic approach to combating drugs.",
        (
            "Ensure that the response is appropriate and timely.",
            ["Considering the types of performance targets"],
        ),
    ]


def test_wrapped_lead_in_is_cut_after_joining() -> None:
    text = "• Ensure the strategy is\n  coherent. This\n  included:\n    ◦ one\n"
    assert shape(parse_tor(text)) == [("Ensure the strategy is coherent.", ["one"])]


def test_non_breaking_spaces_and_mixed_tabs() -> None:
    text = "\u00a0\u00a0•\u00a0First\n \t◦\u00a0\u00a0Second\u00a0\u00a0item\n\u2022 Third\n"
    assert shape(parse_tor(text)) == [("First", ["Second item"]), "Third"]


def test_blank_lines_and_windows_line_ends() -> None:
    text = "\r\n\r\n1) One\r\n\r\n\r\n2) Two\r\n   (a) Two a\r\n\r\n3) Three\r\n\r\n"
    assert shape(parse_tor(text)) == ["One", ("Two", ["Two a"]), "Three"]


def test_marker_alone_on_its_line() -> None:
    text = "•\nFirst objective\n•\nSecond objective\n"
    assert shape(parse_tor(text)) == ["First objective", "Second objective"]


def test_upper_case_letters_and_roman() -> None:
    text = "I. Scope\n  A. Drugs\n  B. Alcohol\nII. Method\n  A. Visits\n"
    assert shape(parse_tor(text)) == [("Scope", ["Drugs", "Alcohol"]), ("Method", ["Visits"])]


def test_asterisk_markdown_list() -> None:
    text = "* one\n  * one a\n  * one b\n* two\n"
    assert shape(parse_tor(text)) == [("one", ["one a", "one b"]), "two"]


def test_en_dash_bullets_under_numbers() -> None:
    text = "1. One\n– dash a\n– dash b\n2. Two\n"
    assert shape(parse_tor(text)) == [("One", ["dash a", "dash b"]), "Two"]


def test_text_that_only_looks_like_a_marker_stays_text() -> None:
    text = "• Compare 2005. figures\n• -5 degrees and e.g. cases\n• 2006 review\n"
    assert [p.text for p in parse_tor(text)] == [
        "Compare 2005. figures",
        "-5 degrees and e.g. cases",
        "2006 review",
    ]


def test_empty_and_blank_text() -> None:
    assert parse_tor("") == ()
    assert parse_tor("\n \t\n\u00a0\n") == ()
    assert parse_tor("•\n-\n1.\n") == ()


def test_hostile_text() -> None:
    text = "• a\x00b\x07c\ufeff\u200b\n• <script>alert(1)</script>\n• \ud800x\n• ﷽ عربي\n"
    parsed = parse_tor(text)
    assert [p.text for p in parsed] == ["abc", "<script>alert(1)</script>", "x", "﷽ عربي"]


def test_ever_deeper_indentation_is_capped() -> None:
    text = "".join(" " * n + f"- level {n}\n" for n in range(3000))
    parsed = parse_tor(text)
    depths = [depth for _, depth, _ in walk_parsed(parsed)]
    assert max(depths) == MAX_DEPTH - 1
    assert len(depths) == 3000
    assert as_outline(parsed).count("\n") == 3000


def test_ten_thousand_lines_are_all_read() -> None:
    # How fast is for `make bench`, never a timed test (a loaded machine fails it).
    block = "1. Objective\n   a) sub one\n      (i) deep\n   b) sub two\n"
    text = block * 2500
    parsed = parse_tor(text)
    assert len(list(walk_parsed(parsed))) == 10_000


def test_long_single_line_is_kept() -> None:
    text = "• " + "word " * 50_000
    assert len(parse_tor(text)[0].text) == len("word " * 50_000) - 1


def test_outline_and_json_numbers_follow_position() -> None:
    parsed = parse_tor("1. One\n  a) One a\n  b) One b\n5. Two\n")
    assert as_outline(parsed) == "1 One\n  1.1 One a\n  1.2 One b\n2 Two\n"
    assert as_json_tree(parsed) == [
        {
            "number": "1",
            "text": "One",
            "children": [
                {"number": "1.1", "text": "One a", "children": []},
                {"number": "1.2", "text": "One b", "children": []},
            ],
        },
        {"number": "2", "text": "Two", "children": []},
    ]


@pytest.mark.skipif(not SEED.exists(), reason="the seed page is not on this machine")
def test_whole_section_with_heading_and_closing_paragraph_gives_the_list() -> None:
    text = SEED.read_text(encoding="utf-8")
    section = text[text.index("Terms of reference\n") : text.index("Key exclusions")]
    parsed = parse_tor(section)
    assert [len(p.children) for p in parsed] == [5, 4, 4]


def test_indentation_only_outline_without_markers() -> None:
    text = "Ensure A\n    sub a one\n    sub a two\nEnsure B\n\tsub b one\n"
    assert shape(parse_tor(text)) == [
        ("Ensure A", ["sub a one", "sub a two"]),
        ("Ensure B", ["sub b one"]),
    ]


def test_unmarked_hard_wrapped_sentence_is_joined() -> None:
    text = (
        "Ensure the strategy is coherent and\nconsistent across boroughs.\nReview the response.\n"
    )
    assert [p.text for p in parse_tor(text)] == [
        "Ensure the strategy is coherent and consistent across boroughs.",
        "Review the response.",
    ]


def test_semicolon_list_keeps_each_item_whole() -> None:
    text = "The panel will:\n(a) assess the strategy;\n(b) review the response; and\n(c) report.\n"
    assert [p.text for p in parse_tor(text)] == [
        "assess the strategy;",
        "review the response; and",
        "report.",
    ]


def test_council_style_section_numbers_with_point_zero() -> None:
    text = "1.0 Scope\n1.1 Drugs\n1.2 Alcohol\n2.0 Method\n2.1 Visits\n"
    assert shape(parse_tor(text)) == [("Scope", ["Drugs", "Alcohol"]), ("Method", ["Visits"])]


def test_outlook_symbol_bullets_and_check_boxes() -> None:
    text = "·         Scope of the review\no   drugs\n·         Method\n"
    assert shape(parse_tor(text)) == [("Scope of the review", ["drugs"]), "Method"]
    assert [p.text for p in parse_tor("☐ Scope\n☑ Method\n☐ Report\n")] == [
        "Scope",
        "Method",
        "Report",
    ]


@pytest.mark.parametrize(
    "heading", ["Terms of reference", "Objectives:", "The review will:", "Objectives"]
)
@pytest.mark.parametrize(
    "items",
    [
        "1. Review the service\n2. Consult residents\n3. Report back\n",
        "• Review the service\n• Consult residents\n• Report back\n",
        "  - Review the service\n  - Consult residents\n  - Report back\n",
        "\n(a) Review the service\n(b) Consult residents\n(c) Report back\n",
    ],
)
def test_a_heading_over_a_list_is_not_an_item(heading: str, items: str) -> None:
    assert shape(parse_tor(f"{heading}\n{items}")) == [
        "Review the service",
        "Consult residents",
        "Report back",
    ]


def test_a_heading_over_a_nested_list_keeps_the_nesting() -> None:
    text = "Terms of reference\n1. Review the service\n   a) its cost\n2. Consult residents\n"
    assert shape(parse_tor(text)) == [("Review the service", ["its cost"]), "Consult residents"]


def test_a_heading_and_a_closing_paragraph_around_a_list() -> None:
    text = "Objectives\n1. Review the service\n2. Consult residents.\n\nThe panel reports in May.\n"
    assert shape(parse_tor(text)) == ["Review the service", "Consult residents."]


def test_two_headings_over_lists_stay_as_items() -> None:
    text = "Scope\n  • drugs\n  • alcohol\nMethod\n  • visits\n"
    assert shape(parse_tor(text)) == [("Scope", ["drugs", "alcohol"]), ("Method", ["visits"])]
