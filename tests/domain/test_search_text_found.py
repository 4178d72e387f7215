"""Highlighting reads an ASCII-only text with one regular expression (issue 13: building
each hit was much of a search's time): it must find the words ``tokens`` finds."""

from __future__ import annotations

import random

from scrutiny_desk.domain.search_text import snippet, spans, tokens


def _reference(text: str, words: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    return tuple(
        (t.start, t.end) for t in tokens(text) if any(t.folded.startswith(w) for w in words)
    )


def test_spans_are_the_words_tokens_finds() -> None:
    chance = random.Random(13)
    ascii_only = [chr(c) for c in range(0x80)] + list("aaeeiiTTHH    ")
    mixed = ascii_only + list("éÉ—’😀\u0301ŵİß日\u00a0")
    queries = [("t",), ("th", "e"), ("a1",), ("é",), ("x", "zz", "9")]
    texts = ["", "The THE tHe", "a1_b A1b", "e-mail@x.uk", "Café—naïve théâtre"]
    for alphabet in (ascii_only, mixed):
        texts += ["".join(chance.choices(alphabet, k=chance.randint(0, 60))) for _ in range(2000)]
    for text in texts:
        for words in queries:
            assert spans(text, words) == _reference(text, words), (text, words)


def test_a_snippet_starts_near_the_first_word_found() -> None:
    text = "Éclair " + "filler " * 40 + "Theatre, the THEME " + "tail " * 40
    for body in (text, text.replace("Éclair", "Eclair")):  # with and without non-ASCII
        cut = snippet(body, ("the",), width=60)
        assert [cut.text[s:e] for s, e in cut.spans] == ["Theatre", "the", "THEME"]
    assert snippet("nothing", ()).spans == ()
