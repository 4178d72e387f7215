"""axe-core finds no WCAG 2.2 AA violation on any page published for the web: every
meeting's public agenda and minutes and the review's coverage report and action plan,
for the sample in English, Welsh and bilingual, and for a hostile review."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium import webdriver

from scrutiny_desk.services.container import Services
from tests.a11y.axe import describe, violations
from tests.a11y.hostile import MARKUP, RTL, hostile_review
from tests.a11y.published import publish_everything, sample

LANGUAGES = ("en", "cy", "cy-en")


def _check_all(browser: webdriver.Chrome, pages: list[Path]) -> None:
    """Every page checked, every failure reported together."""
    failures = []
    for page in pages:
        found = violations(browser, page)
        if found:
            failures.append(describe(page, found))
    assert not failures, "\n\n".join(failures)


def _lang(browser: webdriver.Chrome, page: Path) -> str:
    browser.get(page.resolve().as_uri())
    lang: str = browser.execute_script("return document.documentElement.lang")
    return lang


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_the_sample_publishes_is_accessible(
    browser: webdriver.Chrome, sqlite_services: Services, tmp_path: Path, language: str
) -> None:
    review_id = sqlite_services.reviews.import_bytes(sample(language))
    pages = publish_everything(sqlite_services, review_id, tmp_path / "web")
    meetings = sqlite_services.meetings.list(review_id)
    names = {(page.parent.name, page.name) for page in pages}
    assert {(m.key, "agenda.html") for m in meetings} <= names
    assert ("recs", "minutes.html") in names  # draft minutes publish too
    assert {("review", "coverage.html"), ("review", "action-plan.html")} <= names
    assert _lang(browser, pages[0]).startswith("en" if language == "en" else "cy")
    _check_all(browser, pages)


@pytest.mark.parametrize("language", ("cy-en",))
def test_every_page_of_a_hostile_review_is_accessible(
    browser: webdriver.Chrome, sqlite_services: Services, tmp_path: Path, language: str
) -> None:
    review_id = sqlite_services.reviews.import_bytes(hostile_review(language))
    pages = publish_everything(
        sqlite_services, review_id, tmp_path / "web", urgency=f"{MARKUP} {RTL}"
    )
    agenda = tmp_path / "web" / "long" / "agenda.html"
    assert agenda in pages and tmp_path / "web" / "long" / "minutes.html" in pages
    assert tmp_path / "web" / "bare" / "agenda.html" in pages
    # the markup-like text is text: no script reached the page
    browser.get(agenda.resolve().as_uri())
    assert browser.execute_script("return document.scripts.length") == 0
    assert "<script>" in browser.execute_script("return document.body.innerText")
    _check_all(browser, pages)
