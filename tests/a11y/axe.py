"""axe-core in Debian's Chromium, driven by Selenium: the accessibility check of the
published HTML pages.

Nothing is downloaded: the browser is Debian's `chromium`, the driver Debian's
`chromium-driver` named by path (so Selenium Manager is never asked for one, and
SE_OFFLINE forbids it to download anyway), and axe-core is the script the lockfile in
this folder pins, installed by `make test`'s set-up (`npm ci`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HERE = Path(__file__).parent
AXE_SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA: what the 2018 accessibility regulations ask.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
WINDOW = (1000, 1400)

# axe.run's callback is the async script's last argument; an error comes back as text.
_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
  .then(result => done({violations: result.violations, url: result.url}))
  .catch(error => done({error: String(error)}));
"""


def start_browser() -> webdriver.Chrome:
    """Headless Chromium with Debian's own driver; the caller quits it."""
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        # no updates, sync or other calls home: the tests never reach the network
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_script_timeout(120)
    driver.set_page_load_timeout(60)
    return driver


def axe_script() -> str:
    if not AXE_SCRIPT.is_file():
        raise FileNotFoundError(
            f"{AXE_SCRIPT} is missing: `make test` installs it (npm ci in tests/a11y)"
        )
    return AXE_SCRIPT.read_text("utf-8")


def violations(driver: webdriver.Chrome, page: Path) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 AA violations on one HTML file, loaded as a file:// URL."""
    driver.get(page.resolve().as_uri())
    driver.execute_script(axe_script())
    result = driver.execute_async_script(_RUN, list(WCAG_TAGS))
    if "error" in result:
        raise RuntimeError(f"axe-core failed on {page}: {result['error']}")
    found: list[dict[str, Any]] = result["violations"]
    return found


def describe(page: Path, found: list[dict[str, Any]]) -> str:
    """Each violation's rule, impact and help, and the HTML of the nodes at fault."""
    lines = [f"{page}: {len(found)} accessibility violation(s)"]
    for violation in found:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" [{violation.get('helpUrl', '')}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    {node['html'][:300]}")
            summary = node.get("failureSummary")
            if summary:
                lines.append("      " + summary.replace("\n", "\n      "))
    return "\n".join(lines)


def assert_accessible(driver: webdriver.Chrome, page: Path) -> None:
    found = violations(driver, page)
    assert not found, describe(page, found)
