"""Open paragraphs that quote closed material word for word (issue 17).

A paragraph's own access decides whether the public reads it; a clerk can still paste a
closed note or a closed minute into an open paragraph. This finds it so that the Report
page flags the paragraph and the public export is refused, naming the paragraphs, until
each is reworded or marked closed.

A quote is a run of at least ``RUN_WORDS`` consecutive words shared with closed text
(case ignored, punctuation ignored), or the whole of a short closed text (``SHORT_MIN``
to ``RUN_WORDS - 1`` words). Closed text comes from: notes closed in effect
(``note_access``), closed evidence's title and summary, closed agenda items' minutes and
resolutions, closed paragraphs. Runs are hashed into one index (shingles), so the check
is linear in the text, not in pairs of texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .records import Review

RUN_WORDS = 8  # a shared run this long is a quote
SHORT_MIN = 4  # a closed text of 4-7 words is quoted when it appears whole


@dataclass(frozen=True)
class QuoteFlag:
    """An open paragraph (``paragraph``: its key) quoting closed material: ``source``
    is its kind ("note", "evidence", "minute", "resolution", "paragraph") and
    ``source_key`` its key (an agenda item's key for minutes and resolutions);
    ``words``: the words quoted, shortened for a message."""

    paragraph: str
    source: str
    source_key: str
    words: str


def closed_quotes(review: Review) -> tuple[QuoteFlag, ...]:
    """Every open paragraph quoting closed material, one flag per paragraph and source,
    in the order of the report's paragraphs."""
    raise NotImplementedError
