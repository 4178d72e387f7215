"""The harness catches what it is there to catch: a page with planted faults fails,
naming each rule and the HTML at fault, and a plain good page passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium import webdriver

from tests.a11y.axe import assert_accessible, violations

GOOD = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Agenda</title></head>
<body><main><h1>Agenda</h1>
<table><caption>Items</caption>
<thead><tr><th scope="col">No.</th><th scope="col">Item</th></tr></thead>
<tbody><tr><td>1</td><td>Apologies</td></tr></tbody></table>
</main></body></html>
"""

# No lang, an image without alt text, a field without a label, grey on white text.
PLANTED = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Agenda</title></head>
<body><main><h1>Agenda</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">
<input type="text" name="reason">
<p style="color:#bbbbbb;background:#ffffff">Closed item</p>
</main></body></html>
"""


def _page(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.html"
    page.write_text(text, "utf-8")
    return page


def test_a_good_page_passes(browser: webdriver.Chrome, tmp_path: Path) -> None:
    assert_accessible(browser, _page(tmp_path, GOOD))


def test_planted_violations_are_caught_and_described(
    browser: webdriver.Chrome, tmp_path: Path
) -> None:
    page = _page(tmp_path, PLANTED)
    found = {violation["id"] for violation in violations(browser, page)}
    assert {"html-has-lang", "image-alt", "label", "color-contrast"} <= found
    with pytest.raises(AssertionError) as failure:
        assert_accessible(browser, page)
    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert '<input type="text" name="reason">' in message
    assert "color-contrast" in message
