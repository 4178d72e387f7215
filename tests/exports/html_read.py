"""Published HTML read back with the standard library's parser, as a tree of elements."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise

VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "source", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)
    parent: Element | None = None

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self, *tags: str) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                if not tags or child.tag in tags:
                    yield child
                yield from child.iter(*tags)

    def find(self, tag: str) -> Element:
        return next(self.iter(tag))

    def runs(self) -> Iterator[tuple[str, str]]:
        """(text, its language) of every text in the element: the nearest ``lang``."""
        for child in self.children:
            if isinstance(child, str):
                yield child, self.lang
            else:
                yield from child.runs()

    @property
    def lang(self) -> str:
        node: Element | None = self
        while node is not None:
            if "lang" in node.attrs:
                return node.attrs["lang"]
            node = node.parent
        return ""


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.open = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self.open)
        self.open.children.append(element)
        if tag not in VOID:
            self.open = element

    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.open
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"</{tag}> closes nothing"
        self.open = node.parent

    def handle_data(self, data: str) -> None:
        self.open.children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.open is builder.root, f"<{builder.open.tag}> is never closed"
    return builder.root


def headings(root: Element) -> list[tuple[int, str]]:
    return [
        (int(h.tag[1]), " ".join(h.text.split()))
        for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")
    ]


def check_accessible_structure(html: str) -> Element:
    """What every published page must be: one document in a language with a title, one
    h1 first and headings that never skip a level, tables with a caption and header
    cells that say what they head, no script and nothing fetched from elsewhere."""
    root = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    page = root.find("html")
    assert page.attrs.get("lang") in ("en-GB", "cy")
    assert root.find("title").text.strip()
    levels = [level for level, _ in headings(root)]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in pairwise(levels):
        assert after <= before + 1, f"a heading skips from h{before} to h{after}"
    for table in root.iter("table"):
        assert table.children and isinstance(table.children[0], Element)
        assert table.children[0].tag == "caption" and table.children[0].text.strip()
        cells = list(table.find("thead").iter("th"))
        assert cells and all(th.attrs.get("scope") == "col" for th in cells)
        for row in table.find("tbody").iter("tr"):
            assert all(th.attrs.get("scope") == "row" for th in row.iter("th"))
    assert not list(root.iter("script", "link", "img", "iframe", "object"))
    for element in root.iter():
        for name in ("src", "href"):
            assert not element.attrs.get(name, "").startswith(("http", "//", "file:")), element
    assert "@media print" in root.find("style").text and "@page" in root.find("style").text
    assert len(list(root.iter("main"))) == 1
    return root
