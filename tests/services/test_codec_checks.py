"""The quick look over a parsed file (services/codec_checks.py) finds whatever the
careful checks would report, so skipping them for a file it passes changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from scrutiny_desk.domain.rules import MAX_TEXT
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec
from scrutiny_desk.services.codec_checks import nothing_to_report


def clean(document: Any) -> bool:
    return nothing_to_report(document, codec.MAX_DEPTH, codec._LongNumber)


def careful_problems(document: Any) -> list[str]:
    """What the careful checks report (their paths), as decoding runs them."""
    try:
        codec._check_depth(document)
    except codec.ValidationError as exc:
        return [p.path for p in exc.problems]
    return [p.path for p in codec._text_problems(document, "")]


def nested(depth: int, leaf: Any = "leaf") -> Any:
    """``leaf`` inside ``depth`` lists: under "review", at depth ``depth + 1``."""
    value: Any = leaf
    for _ in range(depth):
        value = [value]
    return value


def sample() -> Any:
    return json.loads(resource_path("samples/drugs-scrutiny.json").read_bytes())


CASES = {
    "nul in a text": {"review": {"notes": [{"text": "a\x00b"}]}},
    "surrogate in a text": {"review": {"title": "\ud800"}},
    "surrogate in a field name": {"review": {"x\udfff": 1}},
    "nul in a file's name": {"review": {"evidence": [{"file": {"name": "\x00"}}]}},
    "text too long": {"review": {"summary": "x" * (MAX_TEXT + 1)}},
    "long number": {"review": {"clear_days": codec._LongNumber(5000)}},
    "long number in a list": {"review": {"tor": [codec._LongNumber(5000)]}},
    "too deep": {"review": nested(codec.MAX_DEPTH)},
    "too deep, an empty list": {"review": nested(codec.MAX_DEPTH, [])},
    "content outside a file": {"review": {"content": "\x00"}},
    "content of a file at the top": {"file": {"content": "\x00"}},
}


@pytest.mark.parametrize("document", CASES.values(), ids=CASES.keys())
def test_what_the_careful_checks_report_it_finds(document: Any) -> None:
    assert careful_problems(document)
    assert not clean(document)


PASSING = {
    "the sample": sample(),
    "deep, but not too deep": {"review": nested(codec.MAX_DEPTH - 1)},
    "deep, but not too deep, empty": {"review": nested(codec.MAX_DEPTH - 1, {})},
    "a file's content is not text": {
        "review": {"evidence": [{"file": {"content": "x" * (MAX_TEXT + 1)}}]}
    },
    "empty containers": {"review": {"a": [], "b": {}, "c": [[], {}]}},
    "numbers, true, false and null": {"review": {"a": [1, 2.5, True, False, None]}},
    "astral characters are not surrogates": {"review": {"title": "\U0001f4b7" * 3}},
}


@pytest.mark.parametrize("document", PASSING.values(), ids=PASSING.keys())
def test_a_document_it_passes_has_nothing_for_the_careful_checks(document: Any) -> None:
    assert clean(document)
    assert careful_problems(document) == []


def test_a_text_just_within_the_limit_passes_and_one_over_it_does_not() -> None:
    assert clean({"review": {"summary": "x" * MAX_TEXT, "body": "y" * MAX_TEXT}})
    assert not clean({"review": {"summary": "x" * MAX_TEXT, "body": "y" * (MAX_TEXT + 1)}})


def test_a_bad_character_past_the_first_million_characters_is_found() -> None:
    texts = ["x" * 900_000, "y" * 900_000, "z\x00"]
    assert not clean({"review": {"notes": texts}})


def test_a_value_of_a_type_a_parsed_file_does_not_hold_is_left_to_the_careful_checks() -> None:
    """It looks at values by their exact type: any other (a tuple, a subclass of dict)
    is not passed unseen."""

    class Mapping(dict[str, Any]):
        pass

    assert not clean({"review": {"notes": ("a\x00",)}})
    assert not clean({"review": Mapping(title="a\x00")})
    assert not clean(Mapping(review={}))
