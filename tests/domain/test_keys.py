"""The one check of a new record's key, worded with "a" or "an" for every kind."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.errors import Problem
from scrutiny_desk.domain.keys import key_problem, key_problems, new_key
from scrutiny_desk.domain.rules import MAX_KEY


@pytest.mark.parametrize(
    ("what", "words"),
    [
        ("recommendation", 'a recommendation with key "k1" exists already'),
        ("action", 'an action with key "k1" exists already'),
        ("agenda item", 'an agenda item with key "k1" exists already'),
        ("piece of evidence", 'a piece of evidence with key "k1" exists already'),
        ("evidence item", 'an evidence item with key "k1" exists already'),
        ("note", 'a note with key "k1" exists already'),
        ("witness", 'a witness with key "k1" exists already'),
        ("panel member", 'a panel member with key "k1" exists already'),
        ("terms-of-reference item", 'a terms-of-reference item with key "k1" exists already'),
    ],
)
def test_a_taken_key_is_named_with_the_right_article(what: str, words: str) -> None:
    assert key_problems("k1", True, what) == [Problem("key", words)]
    assert key_problems("k1", lambda k: k == "k1", what) == [Problem("key", words)]


def test_a_free_key_has_no_problem() -> None:
    assert key_problems("k2", False, "note") == []
    assert key_problems("k2", lambda k: k == "k1", "note") == []


def test_a_bad_key_is_refused_before_anyone_asks_whether_it_is_taken() -> None:
    asked: list[str] = []

    def taken(key: str) -> bool:
        asked.append(key)
        return True

    assert key_problems("  ", taken, "note") == [Problem("key", "must not be empty")]
    assert key_problems("x" * (MAX_KEY + 1), taken, "note") == [
        Problem("key", f"is longer than {MAX_KEY} characters")
    ]
    assert asked == []


def test_key_problem_says_why_alone() -> None:
    assert key_problem("m1") is None
    assert key_problem("") == "must not be empty"
    assert key_problem(3) == "must be text"
    assert key_problem("a\x00b") is not None


def test_a_new_key_is_one_not_taken() -> None:
    seen: list[str] = []

    def taken(key: str) -> bool:
        seen.append(key)
        return len(seen) < 3

    key = new_key("member", taken)
    assert key.startswith("member-") and key == seen[-1] and len(seen) == 3
