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

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from .enums import Access
from .note_records import note_access
from .records import Review

RUN_WORDS = 8  # a shared run this long is a quote
SHORT_MIN = 4  # a closed text of 4-7 words is quoted when it appears whole
SHOWN_CHARS = 60  # the quoted words, shortened for a message

_WORD = re.compile(r"\w+")

Source = tuple[str, str]  # (kind, key)


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


def closed_notes(review: Review) -> frozenset[str]:
    """The keys of every note closed in effect: in its own right, or taken on a closed
    agenda item or against closed evidence (``note_access``)."""
    items = {i.key: i.access for m in review.meetings for i in m.items}
    evidence = {e.key: e.access for e in review.evidence}
    return frozenset(
        n.key
        for n in review.notes
        if note_access(
            n.access,
            None if n.item is None else items.get(n.item),
            None if n.evidence is None else evidence.get(n.evidence),
        )
        is Access.CLOSED
    )


def words_of(text: str) -> tuple[str, ...]:
    """The words of ``text`` as the check compares them: case and punctuation ignored."""
    return tuple(_WORD.findall(text.casefold()))


def closed_texts(review: Review) -> Iterator[tuple[Source, str]]:
    """Every closed text the public report must not quote, with its source."""
    shut = closed_notes(review)
    yield from ((("note", n.key), n.text) for n in review.notes if n.key in shut)
    for e in review.evidence:
        if e.access is Access.CLOSED:
            yield ("evidence", e.key), e.title
            if e.summary:
                yield ("evidence", e.key), e.summary
    for m in review.meetings:
        for i in m.items:
            if i.is_closed:
                if i.minute:
                    yield ("minute", i.key), i.minute
                yield from ((("resolution", i.key), r.text) for r in i.resolutions)
    for p in review.report.paragraphs:
        if p.access is Access.CLOSED:
            yield ("paragraph", p.key), p.text


class _Index:
    """Closed texts as runs of ``RUN_WORDS`` words (and short texts whole), hashed:
    looking a paragraph up costs one probe per word, whatever the number of texts."""

    def __init__(self, texts: Iterator[tuple[Source, str]]) -> None:
        self.runs: dict[tuple[str, ...], list[Source]] = defaultdict(list)
        self.whole: dict[tuple[str, ...], list[Source]] = defaultdict(list)
        for source, text in texts:
            words = words_of(text)
            if len(words) >= RUN_WORDS:
                for run in {words[i : i + RUN_WORDS] for i in range(len(words) - RUN_WORDS + 1)}:
                    self.runs[run].append(source)
            elif len(words) >= SHORT_MIN:
                self.whole[words].append(source)

    def quoted(self, words: tuple[str, ...]) -> dict[Source, tuple[int, int]]:
        """Each source this text quotes, with the span (start, end) of the first quote."""
        found: dict[Source, tuple[int, int]] = {}
        for start in range(len(words)):
            for length in range(SHORT_MIN, RUN_WORDS):
                for source in self.whole.get(words[start : start + length], ()):
                    found.setdefault(source, (start, start + length))
            for source in self.runs.get(words[start : start + RUN_WORDS], ()):
                span = found.get(source)
                if span is None:
                    found[source] = (start, start + RUN_WORDS)
                elif span[1] == start + RUN_WORDS - 1:  # the first quote goes on
                    found[source] = (span[0], start + RUN_WORDS)
        return found


def closed_quotes(review: Review) -> tuple[QuoteFlag, ...]:
    """Every open paragraph quoting closed material, one flag per paragraph and source,
    in the order of the report's paragraphs."""
    index = _Index(closed_texts(review))
    if not index.runs and not index.whole:
        return ()
    flags = []
    for p in review.report.paragraphs:
        if p.access is Access.CLOSED:
            continue
        words = words_of(p.text)
        for (kind, key), (start, end) in index.quoted(words).items():
            flags.append(QuoteFlag(p.key, kind, key, _shortened(" ".join(words[start:end]))))
    return tuple(flags)


def _shortened(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1].rstrip() + "…"
