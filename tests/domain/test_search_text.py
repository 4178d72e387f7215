"""Words, queries, matching and highlighting for search: the one Python definition."""

from __future__ import annotations

from scrutiny_desk.domain.search_text import (
    ELLIPSIS,
    INDEXED_CHARS,
    MAX_QUERY_WORD_CHARS,
    MAX_QUERY_WORDS,
    marked,
    matches,
    query_words,
    snippet,
    spans,
    tokens,
)


def _words(text: str) -> list[str]:
    return [t.folded for t in tokens(text)]


def test_words_split_on_punctuation_and_fold_case() -> None:
    assert _words("Jane O'Brien (jane.o-brien@example.gov.uk)") == [
        "jane", "o", "brien", "jane", "o", "brien", "example", "gov", "uk",
    ]  # fmt: skip
    assert _words("https://www.example.org/a?id=42") == [
        "https",
        "www",
        "example",
        "org",
        "a",
        "id",
        "42",
    ]
    assert _words("CamelCase snake_case kebab-case 3.5") == [
        "camelcase",
        "snake",
        "case",
        "kebab",
        "case",
        "3",
        "5",
    ]
    assert _words("ŁÓDŹ Ŵyr Café ΟΔΟΣ") == ["łódź", "ŵyr", "café", "οδοσ"]


def test_characters_the_databases_disagree_on_join_words() -> None:
    # a combining accent, an emoji newer than Unicode 3.2, a superscript: one word each
    assert _words("e\u0301cole between\U0001f642words x²") == [
        "e\u0301cole",
        "between\U0001f642words",
        "x²",
    ]
    # only one-to-one lower-casing that every database does
    assert _words("İstanbul Straße ǅ") == ["İstanbul", "straße", "ǆ"]
    assert all(len(t.folded) == t.end - t.start for t in tokens("İİ ǅ ẞ Ω K"))


def test_query_words_are_words_only() -> None:
    assert query_words('"NEAR"(a* AND b) OR ^c:d NOT') == (
        "near",
        "a",
        "and",
        "b",
        "or",
        "c",
        "d",
        "not",
    )
    assert query_words("Drug drug DRUG") == ("drug",)
    assert query_words("") == () and query_words("!!! 😀 ½ \u0301") == ()
    assert query_words("x" * 10_000) == ("x" * MAX_QUERY_WORD_CHARS,)
    assert len(query_words(" ".join(f"w{n}" for n in range(1000)))) == MAX_QUERY_WORDS


def test_every_word_a_prefix_all_required() -> None:
    assert matches("The Police and Crime Panel", ("pol", "crim"))
    assert not matches("The Police and Crime Panel", ("pol", "cream"))
    assert not matches("The Police", ("olice",))  # a prefix, not a substring
    assert not matches("anything", ())
    assert matches("jane.doe@example.org", ("doe", "exam"))
    assert not matches("x" * INDEXED_CHARS + " needle", ("needle",))  # past the indexed start


def test_spans_and_snippet() -> None:
    text = "Police said: policing is POLICY."
    assert spans(text, ("polic",)) == ((0, 6), (13, 21), (25, 31))
    long = ("word " * 100) + "the Needle here " + ("tail " * 100)
    cut = snippet(long, ("needle",), width=60)
    assert cut.text.startswith(ELLIPSIS) and cut.text.endswith(ELLIPSIS)
    assert len(cut.text) <= 62
    assert [cut.text[s:e] for s, e in cut.spans] == ["Needle"]
    flat = snippet("Line one\n\n  line\ttwo", ("line",))
    assert flat.text == "Line one line two" and flat.spans == ((0, 4), (9, 13))
    assert snippet("no match here", ("zzz",)).text == "no match here"
    assert marked("a Needle b", ((2, 8),)) == "a [Needle] b"


def _one_character_at_a_time(text: str) -> list[tuple[int, int, str]]:
    """The module doc's rule, applied to every character (what ``tokens`` shortcuts)."""
    from scrutiny_desk.domain.search_text import _tokens_of_run

    return [tuple(t) for t in _tokens_of_run(text, 0)]  # type: ignore[misc]


def test_the_shortcut_for_ascii_runs_finds_the_same_words() -> None:
    import random

    chance = random.Random(13)
    alphabet = [chr(c) for c in range(0x250)] + list("—–’😀\u0301ŵİß日本\ue000\u0378\u00a0")
    texts = ["", "a", "A1_b", "Café—naïve", "x\u0301y", "e-mail@x.uk", "ŵ.A"]
    texts += ["".join(chance.choices(alphabet, k=chance.randint(0, 40))) for _ in range(5000)]
    for text in texts:
        assert [tuple(t) for t in tokens(text)] == _one_character_at_a_time(text), repr(text)
