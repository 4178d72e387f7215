"""Screenshots of the Evidence page with the sample review (see tests/ui/screenshots.py):
the register with a file attached to the selected evidence and its notes, and a closed
statement selected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrutiny_desk.ui.window.main_window import MainWindow


def take_evidence(
    window: MainWindow, out: Path, settle: Callable[[Any], None], save: Callable[..., Path]
) -> list[Path]:
    from scrutiny_desk.ui.shared.workspace import PageId

    review_id = window.current_review_id()
    if review_id is None:
        raise SystemExit("no review is shown")
    page = window.evidence_page
    services = window.workspace.services
    survey = services.evidence.find(review_id, "borough-survey")
    if survey.file is None:
        content = b"%PDF-1.4\n% Borough questionnaire returns\n" + b"0" * 180_000
        services.evidence.attach_file(
            survey.id, survey.version, "Borough questionnaire returns.pdf", content
        )
    page.show_review(review_id)
    window.show_page(PageId.EVIDENCE)
    settle(window)
    page.select_evidence("borough-survey")
    settle(window)
    written = [save(window.grab(), out / "evidence-page.png")]
    page.select_evidence("family-statement")
    settle(window)
    written.append(save(window.grab(), out / "evidence-closed.png"))
    return written
