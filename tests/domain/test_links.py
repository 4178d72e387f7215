"""The rule for web links a clerk types (a review's web page, a meeting's joining link)."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.errors import Problem
from scrutiny_desk.domain.links import MAX_LINK, link_problem, link_problems, normalised_link


@pytest.mark.parametrize(
    "link",
    [
        "https://example.org",
        "http://example.org/a/b?c=d#e",
        "HTTPS://Teams.Microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d",
        "https://meet.example.org:8443/j/123",
        "https://[2001:db8::1]/room",
        "https://example.org/" + "x" * (MAX_LINK - len("https://example.org/")),
    ],
)
def test_http_and_https_links_are_accepted(link: str) -> None:
    assert link_problem(link) is None


@pytest.mark.parametrize(
    ("link", "why"),
    [
        ("example.org", "must be a web address starting https://"),
        ("javascript:alert(1)", "must be a web address starting https://"),
        ("file:///etc/passwd", "must be a web address starting https://"),
        ("ftp://example.org", "must be a web address starting https://"),
        ("https://", "must name the site after https://"),
        ("https:///path", "must name the site after https://"),
        ("https://example.org/a b", "must not contain spaces"),
        ("https://example.org/\ta", "must not contain spaces"),
        ("https://example.org/\u2028", "must not contain spaces"),
        ("https://example.org/\x00", "control characters (U+0000)"),
        ("https://example.org/\x1b[31m", "control characters (U+001B)"),
        ("https://example.org/\u202egnp.exe", "control characters (U+202E)"),
        ("https://example.org/\u200b", "control characters (U+200B)"),
        ("https://example.org/\ud800", "control characters (U+D800)"),
        ("https://example.org:port/", "is not a web address"),
        ("https://[::1/", "is not a web address"),
        ("https://example.org/" + "x" * MAX_LINK, "is longer than 2,000 characters"),
    ],
)
def test_anything_else_is_refused_in_words(link: str, why: str) -> None:
    problem = link_problem(link)
    assert problem is not None and why in problem


def test_blank_is_no_link_and_spaces_around_are_dropped() -> None:
    assert normalised_link(None) is None
    assert normalised_link("   ") is None
    assert normalised_link(" https://example.org/x \n") == "https://example.org/x"


def test_problems_are_named_by_their_field() -> None:
    assert link_problems("joining_link", None) == []
    assert link_problems("joining_link", "https://example.org") == []
    assert link_problems("web_page", "www.example.org") == [
        Problem("web_page", "must be a web address starting https:// (or http://)")
    ]
