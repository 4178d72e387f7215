"""Words for full-text search: the ONE place that says what a word is, which words a
query asks for, whether a text matches, and which parts of a text to highlight.

A word is a run of letters and digits (Unicode categories L* and N*, what SQLite's
``unicode61`` tokenizer and PostgreSQL's ``[[:alnum:]]`` keep); spaces, punctuation,
hyphens, apostrophes, ``@`` and ``.`` in e-mail addresses and most symbols separate
words. Characters the two databases treat differently (combining marks, private-use
and unassigned characters, and anything newer than Unicode 3.2, such as most emoji)
JOIN a word here, never split it: the Python rule is then never looser than either
database, so checking every database hit against ``matches`` gives the same results
on both. Words compare in lower case, one character at a time, and only characters
both databases lower-case do so here (``İ`` stays ``İ``; no ``ß`` -> ``ss``, no
final-sigma rule). There is no stemming and there are no stop words.

A query is its words, each a prefix: a text matches when every query word begins one
of the text's words. The databases' full-text indexes find candidates quickly; the
search service checks every hit it shows with ``matches`` here, so SQLite and
PostgreSQL show the same results even where their tokenizers differ in a corner.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import NamedTuple

#: The kinds of record that search finds, in the order results are shown.
KINDS = ("note", "evidence", "minute", "item", "witness", "recommendation", "action")
KIND_LABELS = {
    "note": "Notes",
    "evidence": "Evidence",
    "minute": "Minutes",
    "item": "Agenda items",
    "witness": "Witnesses",
    "recommendation": "Recommendations",
    "action": "Actions",
}
#: Only the start of a very long text is indexed (PostgreSQL limits a tsvector to 1 MB).
INDEXED_CHARS = 100_000
#: PostgreSQL leaves out of its index any word longer than this many UTF-8 bytes.
MAX_WORD_BYTES = 2047
#: A query uses at most this many words, each cut to this many characters.
MAX_QUERY_WORDS = 32
MAX_QUERY_WORD_CHARS = 100
#: Text looked at for a query (a pasted page of text is not a query).
MAX_QUERY_CHARS = 10_000
SNIPPET_CHARS = 160
ELLIPSIS = "\u2026"


_OLD = unicodedata.ucd_3_2_0


@cache
def _is_word_char(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LNM" or category in ("Co", "Cn") or _OLD.category(char) == "Cn"


@cache
def _is_core_char(char: str) -> bool:
    """A letter or digit every tokenizer keeps: a query word needs one."""
    category = unicodedata.category(char)
    return (category[0] == "L" or category == "Nd") and _OLD.category(char) != "Cn"


@cache
def fold(char: str) -> str:
    """One character in lower case where every database agrees, else itself."""
    lower = char.lower()
    return lower if len(lower) == 1 and _OLD.category(char) != "Cn" else char


def fold_word(word: str) -> str:
    return "".join(fold(c) for c in word)


class Token(NamedTuple):
    start: int
    end: int
    folded: str


#: A run of text between ASCII separators: its ASCII characters are all letters and
#: digits, so a run of ASCII only is one word; any other run is read one character at
#: a time (most text is ASCII: this keeps reading it fast).
_RUN = re.compile(r"[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+")


def tokens(text: str) -> Iterator[Token]:
    """The words of a text with their places, lower-cased (see the module doc)."""
    for run in _RUN.finditer(text):
        chunk = run.group()
        if chunk.isascii():
            yield Token(run.start(), run.end(), chunk.lower())
        else:
            yield from _tokens_of_run(chunk, run.start())


def _tokens_of_run(run: str, offset: int) -> Iterator[Token]:
    start = -1
    for index, char in enumerate(run):
        if _is_word_char(char):
            if start < 0:
                start = index
        elif start >= 0:
            yield Token(offset + start, offset + index, fold_word(run[start:index]))
            start = -1
    if start >= 0:
        yield Token(offset + start, offset + len(run), fold_word(run[start:]))


def indexed_tokens(text: str) -> Iterator[Token]:
    """The words an index holds for a text: its start only, without over-long words."""
    for token in tokens(text[:INDEXED_CHARS]):
        short = (token.end - token.start) * 4 <= MAX_WORD_BYTES  # at most 4 bytes a char
        if short or len(text[token.start : token.end].encode("utf-8", "surrogatepass")) <= (
            MAX_WORD_BYTES
        ):
            yield token


def query_words(query: str) -> tuple[str, ...]:
    """The words a query asks for, in order, without repeats; hostile text gives words
    only (quotes, ``*``, ``NEAR``, ``AND``/``OR``/``NOT`` are just text or separators)."""
    found: list[str] = []
    for token in tokens(query[:MAX_QUERY_CHARS]):
        word = token.folded[:MAX_QUERY_WORD_CHARS]
        if word not in found and any(_is_core_char(c) for c in word):
            found.append(word)
            if len(found) == MAX_QUERY_WORDS:
                break
    return tuple(found)


def matches(text: str, words: Sequence[str]) -> bool:
    """Whether every query word begins a word of the indexed text (the reference)."""
    if not words:
        return False
    indexed = text[:INDEXED_CHARS]
    if all(words) and _ascii_words_only(indexed):  # most text: a regular expression a word
        return all(_begins_indexed_word(indexed, p) for p in _each_beginning(tuple(words)))
    remaining = set(words)
    for token in indexed_tokens(text):
        remaining = {w for w in remaining if not token.folded.startswith(w)}
        if not remaining:
            return True
    return False


def _begins_indexed_word(text: str, pattern: re.Pattern[str] | None) -> bool:
    """``matches`` for one word (its ``_beginning``) of a text whose words are ASCII
    (``_ascii_words_only``): an ASCII character is one byte, so a word of more than
    MAX_WORD_BYTES characters is not in the index."""
    if pattern is None:
        return False
    first = pattern.search(text)  # most often the answer: no word, or a short one
    if first is None:
        return False
    if first.end() - first.start() <= MAX_WORD_BYTES:
        return True
    return any(m.end() - m.start() <= MAX_WORD_BYTES for m in pattern.finditer(text))


@lru_cache(maxsize=64)
def _each_beginning(words: tuple[str, ...]) -> tuple[re.Pattern[str] | None, ...]:
    """``_beginning`` of each word alone."""
    return tuple(_beginning((w,)) for w in words)


#: A character that is not ASCII.
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
#: A word that can begin a word of ASCII letters and digits, once folded.
_ASCII_QUERY_WORD = re.compile(r"[0-9a-z]+")


def _ascii_words_only(text: str) -> bool:
    """Whether the words of ``text`` are its runs of ASCII letters and digits: it has
    no other character that belongs to a word (a dash, a curly quote or a middle dot
    only separates words)."""
    return text.isascii() or not any(map(_is_word_char, set(_NOT_ASCII.findall(text))))


@lru_cache(maxsize=64)
def _beginning(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """The whole words, runs of ASCII letters and digits in any case, that begin with
    one of ``words`` (what ``tokens`` finds in a text of such words); None if no word
    can begin one."""
    usable = [w for w in words if _ASCII_QUERY_WORD.fullmatch(w)]
    if not usable:
        return None
    # each word, then what came before it (faster than the other way round); ASCII: no
    # Kelvin sign for k, no long s for s
    starts = "|".join(f"{w}(?<![0-9A-Za-z]{w})" for w in usable)
    return re.compile(f"(?:{starts})[0-9A-Za-z]*", re.ASCII | re.IGNORECASE)


def _found(text: str, words: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(start, end) of each word of ``text`` that begins with a query word, in order."""
    if not words:
        return
    if all(words) and _ascii_words_only(text):  # most text: one regular expression
        pattern = _beginning(tuple(words))
        if pattern is not None:
            for match in pattern.finditer(text):
                yield match.span()
        return
    prefixes = tuple(words)
    for token in tokens(text):
        if token.folded.startswith(prefixes):
            yield token.start, token.end


def spans(text: str, words: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """The words of ``text`` that begin with a query word: (start, end) offsets."""
    if not words:
        return ()
    if all(words) and _ascii_words_only(text):
        pattern = _beginning(tuple(words))
        return () if pattern is None else tuple([m.span() for m in pattern.finditer(text)])
    return tuple(_found(text, words))


@dataclass(frozen=True)
class Snippet:
    text: str
    spans: tuple[tuple[int, int], ...]


def snippet(text: str, words: Sequence[str], width: int = SNIPPET_CHARS) -> Snippet:
    """One line of ``text`` around its first match, with the matches to highlight.

    Runs of white space (line breaks included) become one space; a cut end gets an
    ellipsis. Without a match the line is the text's start.
    """
    flat = " ".join(text.split())  # str.split() and re's \s agree on white space
    if len(flat) <= width:  # all of it, as the lines below would have it
        return Snippet(flat, spans(flat, words))
    first = next((start for start, _ in _found(flat, words)), None) if words else None
    # stops at the first match: a long text is not read to its end
    begin = 0
    if first is not None and len(flat) > width:
        begin = max(0, min(first - width // 4, len(flat) - width))
        if begin > 0:  # start at a word boundary
            space = flat.find(" ", begin, first)
            begin = space + 1 if space >= 0 else begin
    end = min(len(flat), begin + width)
    if end < len(flat):
        space = flat.rfind(" ", begin + width // 2, end)
        end = space if space > 0 else end
    prefix = ELLIPSIS if begin > 0 else ""
    suffix = ELLIPSIS if end < len(flat) else ""
    shift = len(prefix)
    kept = tuple((s + shift, e + shift) for s, e in spans(flat[begin:end], words))
    return Snippet(prefix + flat[begin:end] + suffix, kept)


def marked(text: str, found: Sequence[tuple[int, int]], before: str = "[", after: str = "]") -> str:
    """The text with each span wrapped (plain-text highlighting, e.g. for a terminal)."""
    out: list[str] = []
    at = 0
    for start, end in found:
        out += [text[at:start], before, text[start:end], after]
        at = end
    out.append(text[at:])
    return "".join(out)


# Records --------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchSource:
    """A record the index found, as the store reads it back for display.

    ``fields`` are the indexed texts in index order (joined by one space they are the
    text the index holds); the rest place the record for the clerk."""

    kind: str
    row_id: int
    key: str
    fields: tuple[str | None, ...]
    closed: bool
    when: datetime | None = None  # local time: a note's creation, an item's meeting
    due: date | None = None  # an action's due date
    meeting: str | None = None  # the meeting's title
    item: str | None = None  # the agenda item's title
    number: int | None = None  # a recommendation's number (position + 1)
    label: str | None = None  # an evidence kind, a recommendation or action status

    @property
    def indexed_text(self) -> str:
        return " ".join([f or "" for f in self.fields])


@dataclass(frozen=True)
class SearchHit:
    kind: str
    key: str  # the record's key ("minute": its agenda item's key)
    title: str  # the line that places the record: "Note · 12 Jan 2026 · Meeting"
    text: str  # one line of the record's text around the first match
    spans: tuple[tuple[int, int], ...]  # matched words in ``text``: (start, end)
    closed: bool  # closed material (effective: a note on a closed item is closed)
    row_id: int


@dataclass(frozen=True)
class SearchGroup:
    kind: str
    label: str
    total: int  # all matches of this kind; ``hits`` holds at most the cap
    hits: tuple[SearchHit, ...]


@dataclass(frozen=True)
class SearchResults:
    query: str
    words: tuple[str, ...]
    groups: tuple[SearchGroup, ...]  # kinds with matches only, in KINDS order

    @property
    def hits(self) -> tuple[SearchHit, ...]:
        return tuple(h for g in self.groups for h in g.hits)

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)
