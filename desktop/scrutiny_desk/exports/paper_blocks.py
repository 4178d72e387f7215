"""The semantic block model of a paper: what every renderer other than reportlab draws.

``paper_content`` builds a ``Paper`` from an audience view and ``PaperText``; the HTML
(and, through it, the tagged PDF) and the Word renderers draw it. Blocks say what a
text *is* (a heading of a level, a list, a table with its header cells, a notice), never
how it looks, so each renderer maps them onto its own structure: HTML elements, PDF
structure tags, Word styles.

Every text is a ``Text``: a sequence of runs, each in its language (None: the paper's
own), so a bilingual paper marks the English beside the Welsh (HTML ``lang``, Word's
language of the run). Data the clerk entered (titles, names) are runs too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Run:
    """A piece of text in one language: ``lang`` as HTML names it ("cy", "en-GB");
    None: the paper's language."""

    text: str
    lang: str | None = None


@dataclass(frozen=True)
class Text:
    """A sequence of runs read as one text."""

    runs: tuple[Run, ...] = ()

    @classmethod
    def of(cls, *parts: str | Run | Text | None) -> Text:
        """Runs joined in order: a ``str`` is a run in the paper's language; None is
        left out."""
        runs: list[Run] = []
        for part in parts:
            if part is None:
                continue
            if isinstance(part, Text):
                runs.extend(part.runs)
            elif isinstance(part, Run):
                runs.append(part)
            else:
                runs.append(Run(part))
        return cls(tuple(r for r in runs if r.text))

    @property
    def plain(self) -> str:
        """The text without its languages (a ``<title>``, a PDF title, a test)."""
        return "".join(r.text for r in self.runs)

    def __bool__(self) -> bool:
        return bool(self.plain)

    def __add__(self, other: Text | str) -> Text:
        return Text.of(self, other)


class Role(StrEnum):
    """What a paragraph is, for renderers that style or tag it apart."""

    BODY = "body"
    NOTE = "note"  # a smaller aside: "Times are approximate"
    NOTICE = "notice"  # the notice of meeting: "A meeting of ... will be held ..."
    PUBLICATION = "publication"  # "This agenda was published on ..."
    URGENCY = "urgency"  # the reason for urgency of an agenda published late
    CONFIDENTIAL = "confidential"  # "NOT FOR PUBLICATION ...", in words
    RESOLUTION = "resolution"  # "RESOLVED – ..."
    CLOSING = "closing"  # "The meeting ended at 4.32 pm."
    RECOMMENDATION = "recommendation"  # a report's recommendation where it arises, bold


@dataclass(frozen=True)
class Heading:
    """A heading of ``level`` (1 is the paper's title; renderers keep levels in order).
    ``anchor``: an id to link to, or None."""

    level: int
    text: Text
    anchor: str | None = None


@dataclass(frozen=True)
class Paragraph:
    text: Text
    role: Role = Role.BODY


@dataclass(frozen=True)
class Field:
    label: Text
    value: Text


@dataclass(frozen=True)
class Fields:
    """Label–value pairs (a definition list): "Date" – "Tuesday 19 January 2027"."""

    rows: tuple[Field, ...]


@dataclass(frozen=True)
class BulletList:
    """A list; ``ordered``: numbered (its order matters)."""

    items: tuple[Text, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A data table: ``caption`` names it; ``header`` are the column header cells;
    ``row_headers``: each row's first cell heads its row."""

    caption: Text
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    row_headers: bool = False


@dataclass(frozen=True)
class Item:
    """An agenda or minutes item: its heading (``level``) reads "<number>. <title>";
    ``time`` (e.g. "2.00 pm – 2.30 pm") and ``marker`` (in words: "Closed: not for
    publication") follow it; then its blocks."""

    level: int
    number: str | None
    title: Text
    blocks: tuple[Block, ...] = ()
    time: Text | None = None
    marker: Text | None = None
    anchor: str | None = None

    @property
    def heading(self) -> Text:
        return Text.of(f"{self.number}. " if self.number else None, self.title)


Block = Heading | Paragraph | Fields | BulletList | Table | Item


@dataclass(frozen=True)
class Paper:
    """One paper: its ``title`` (the document title, and its one level-1 heading is the
    first block), ``lang`` (HTML's ``lang``: "en-GB", "cy"), ``confidential`` (the
    label a panel copy carries in words; None for the public) and its blocks in reading
    order."""

    title: Text
    lang: str
    blocks: tuple[Block, ...]
    confidential: Text | None = None
