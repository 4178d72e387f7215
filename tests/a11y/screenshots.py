"""Screenshots of every page published for the web, to look at: the sample in English,
Welsh and bilingual, and the hostile review, published into a temporary folder and
each page shot whole in headless Chromium (1000 pixels wide) as a PNG in FOLDER.

    python -m tests.a11y.screenshots /tmp/a11y-shots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from scrutiny_desk.services.container import Services
from tests.a11y.axe import WINDOW, start_browser
from tests.a11y.hostile import MARKUP, RTL, hostile_review
from tests.a11y.published import publish_everything, sample


def shoot(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="scrutiny-a11y-shots-"))
    os.environ["SCRUTINY_DESK_HOME"] = str(work / "home")
    reviews = [(f"sample-{lang}", sample(lang), None) for lang in ("en", "cy", "cy-en")]
    reviews.append(("hostile", hostile_review("cy-en"), f"{MARKUP} {RTL}"))
    browser = start_browser()
    shots = []
    try:
        for name, data, urgency in reviews:
            services = Services.open(str(work / f"{name}.sqlite3"))
            try:
                review_id = services.reviews.import_bytes(data)
                pages = publish_everything(services, review_id, work / name, urgency=urgency)
            finally:
                services.close()
            for page in pages:
                browser.set_window_size(*WINDOW)
                browser.get(page.resolve().as_uri())
                height = browser.execute_script("return document.documentElement.scrollHeight")
                browser.set_window_size(WINDOW[0], min(int(height) + 20, 12000))
                shot = folder / f"{name}-{page.parent.name}-{page.stem}.png"
                browser.save_screenshot(str(shot))
                shots.append(shot)
    finally:
        browser.quit()
    return shots


if __name__ == "__main__":
    for path in shoot(Path(sys.argv[1] if len(sys.argv) > 1 else "a11y-screenshots")):
        print(path)
