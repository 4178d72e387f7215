"""An ASCII-only text is read with regular expressions (issue 13: building each hit was
much of a search's time): matching and highlighting must find what ``tokens`` finds."""

from __future__ import annotations

import random

from scrutiny_desk.domain.search_text import (
    INDEXED_CHARS,
    MAX_WORD_BYTES,
    indexed_tokens,
    matches,
    snippet,
    spans,
    tokens,
)


def _spans(text: str, words: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    return tuple(
        (t.start, t.end) for t in tokens(text) if any(t.folded.startswith(w) for w in words)
    )


def _matches(text: str, words: tuple[str, ...]) -> bool:
    found = [t.folded for t in indexed_tokens(text)]
    return bool(words) and all(any(t.startswith(w) for t in found) for w in words)


QUERIES = [
    ("t",),
    ("th", "e"),
    ("a1",),
    ("é",),
    ("x", "zz", "9"),
    ("the", "theatre"),
    ("The",),
    ("-",),
    ("a-", "b"),
    ("", "x"),
    ("k",),
    ("s",),
]


def _texts() -> list[str]:
    chance = random.Random(13)
    ascii_only = [chr(c) for c in range(0x80)] + list("aaeeiiTTHH    ")
    mixed = ascii_only + list("éÉ—’😀\u0301ŵİß日\u00a0")
    texts = ["", "The THE tHe", "a1_b A1b", "e-mail@x.uk", "Café—naïve théâtre", "x\u0301y"]
    texts += ["a — b · c’d", "\u212aelvin \u017fs", "Action — Owner: Scrutiny Officer"]
    for alphabet in (ascii_only, mixed):
        texts += ["".join(chance.choices(alphabet, k=chance.randint(0, 60))) for _ in range(2000)]
    return texts


def test_spans_and_matches_are_those_of_the_words_tokens_finds() -> None:
    for text in _texts():
        for words in QUERIES:
            assert spans(text, words) == _spans(text, words), (text, words)
            assert matches(text, words) == _matches(text, words), (text, words)


def test_a_word_the_index_leaves_out_does_not_match() -> None:
    long = "x" * (MAX_WORD_BYTES + 1)
    assert not matches(f"a {long} b", ("xx",)) and matches(f"a {long} xxy", ("xx",))
    assert matches("x" * MAX_WORD_BYTES, ("xx",))
    cut = "a " * (INDEXED_CHARS // 2 - 1) + "zebra"  # starts two characters from the end
    assert matches(cut, ("ze",)) and not matches(cut, ("zeb",))
    for text in (f"a {long} b", cut, cut.replace("a", "é", 1)):
        for words in (("xx",), ("ze",), ("zeb",), ("a",)):
            assert matches(text, words) == _matches(text, words)


def test_a_snippet_starts_near_the_first_word_found() -> None:
    text = "Éclair " + "filler " * 40 + "Theatre, the THEME " + "tail " * 40
    for body in (text, text.replace("Éclair", "Eclair")):  # with and without non-ASCII
        cut = snippet(body, ("the",), width=60)
        assert [cut.text[s:e] for s, e in cut.spans] == ["Theatre", "the", "THEME"]
        assert snippet(body.replace(" ", "\n  "), ("the",), width=60) == cut
    assert snippet("nothing", ()).spans == ()
