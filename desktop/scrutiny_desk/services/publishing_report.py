"""The public cut of the review's report (issue 17), kept beside ``publishing`` (which
re-exports ``report_view``) because that module is near the size limit; the decision is
still made here and nowhere else.

Panel: the view unchanged. Public: closed paragraphs dropped (the others keep the
panel's numbers, leaving a gap); a closed citation keeps only that it is closed (printed
"evidence heard in private"); closed list lines, witnesses heard only in private and
closed evidence dropped (a session left with no witness is dropped); draft
recommendations dropped, as the action plan drops them; each recommendation supported
only by open paragraphs, and printed after the last of them.
"""

from __future__ import annotations

from ..domain.report_views import ReportDocView
from ..domain.views import Audience


def report_view(view: ReportDocView, audience: Audience) -> ReportDocView:
    """``view`` (the panel's, as ``report_outline.build_report`` makes it or as a
    version froze it) as ``audience`` may read it. A witness has no report view."""
    raise NotImplementedError
