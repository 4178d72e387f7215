"""axe-core finds no WCAG 2.2 AA violation on the review's report as accessible HTML,
the public report and the panel's copy (closed paragraphs marked in words)."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium import webdriver

from scrutiny_desk.domain.views import Audience
from scrutiny_desk.exports.html_paper import render_html
from scrutiny_desk.exports.paper_content_report import report_paper
from scrutiny_desk.exports.paper_text import ENGLISH
from tests.a11y.axe import describe, violations
from tests.exports.report_views import built


@pytest.mark.parametrize("audience", (Audience.PUBLIC, Audience.PANEL))
def test_the_report_page_is_accessible(
    browser: webdriver.Chrome, tmp_path: Path, audience: Audience
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(report_paper(built(audience), ENGLISH)), encoding="utf-8")
    found = violations(browser, page)
    assert not found, describe(page, found)
