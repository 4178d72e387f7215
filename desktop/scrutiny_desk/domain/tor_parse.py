"""Paste to tree: terms of reference copied from Word, a web page or an e-mail, as a tree.

``parse_tor(text)`` reads the lines a clerk pasted and returns the items as a person
reading them would see them. What it understands:

* **Markers.** Bullets (• ◦ ▪ ■ ● ○ ‣ ⁃ ➢ ► and Word's Symbol/Wingdings glyphs, and
  "-", "*", "+", "–", "—" followed by a space; "o", "§" and "Ø" -- Word's second- and
  third-level bullets in plain text -- followed by a tab or two spaces), numbering "1.",
  "1)", "(1)", "1.2", "1.2.3", "2.0" (as "2."), "1" before a tab or a capital, letters
  "a)", "(a)", "a.", "A.", Roman numerals "i.", "(ii)", "iv)", "IV.". Numbers have at
  most three digits a part, so "2005." is text. A marker is dropped from the item's
  text: numbers follow position in the tree and are computed, never kept.
* **Nesting** comes from marker style and indentation together. A deeper indent makes a
  child; at the same indent a new style makes a child, and a style already open further up
  returns to that level (so Word's plain-text paste, which loses indentation but keeps
  "•" / "o" / "§", still nests). Spaces count one column, a tab up to the next multiple
  of four; non-breaking and other odd spaces count as spaces. "i" after "h" is a letter,
  otherwise a Roman numeral; "1.2" nests under "1.".
* **Wrapped lines.** A line without a marker right after an item continues that item
  (joined with a space) when it is indented past the item's marker, or when it is not
  indented less and either starts in lower case or the item's text did not end a sentence.
  A blank line ends an item, except before a bare lead-in line. In text with no markers
  at all, each line is an item, nested by indentation, unless it starts in lower case at
  the same indentation right after a long line (``WRAPPED_WIDTH``) that did not end a
  sentence: a hard-wrapped e-mail.
* **Lead-ins.** A line or final sentence ending with ":" that introduces the sub-items
  ("This included:", "We did this by:", "The objectives of the scrutiny were to:") is
  **dropped**: it says that sub-items follow, which the tree already shows, and a clerk
  quoting "1.2" wants the item's own words, not "...crime This included:". So:
  - "…is appropriate. We did this by:" -> "…is appropriate." with the sub-items under it;
    a known lead-in phrase is cut even without a full stop before it ("…crime This
    included:" -> "…crime");
  - a bare lead-in line ("This included:", "To:") belongs to the item above;
  - an unmarked line ending with ":" that is the only item at the top with sub-items
    is an introduction and is dropped, its sub-items moving up; so is an unmarked first
    line over a numbered or bulleted list ("Terms of reference", "Objectives"), a
    heading naming the list, not its one item; unmarked headings and
    paragraphs around it ("Terms of reference", a closing paragraph) go too, so pasting
    the whole section of a web page gives just the list; several such lines ("Scope:",
    "Method:") are headings and stay as items, without the colon;
  - in a flat list, an item ending with ":" takes the following items of the same list as
    its sub-items, up to the next item ending with ":" (the same bullet used for both
    levels with the indentation lost, or a web page copied without its bullets); not
    numbered items ("2." says it is a sibling), nor a paragraph after a blank line.
* **Cleaning.** Runs of white space inside an item become one space; control characters,
  zero-width characters and byte-order marks are removed; empty items are dropped. A
  marker alone on its line takes the next line as its text.

Nesting deeper than ``MAX_DEPTH`` is kept at ``MAX_DEPTH`` (a pasted page of ever-deeper
indentation cannot make a tree nobody can read or a recursion nothing can print).
Standard library only; linear in the number of lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

MAX_DEPTH = 8
TAB_WIDTH = 4
WRAPPED_WIDTH = 30  # an unmarked line this long or longer may have been wrapped


@dataclass(frozen=True)
class ParsedTor:
    """One item of a pasted tree: its text and its sub-items."""

    text: str
    children: tuple[ParsedTor, ...] = ()


def parse_tor(text: str) -> tuple[ParsedTor, ...]:
    """The tree a clerk expects from pasted terms of reference (see the module doc)."""
    lines = [_read_line(raw) for raw in _clean(text).split("\n")]
    roots = _build(_join_wrapped(lines))
    roots = _adopt_after_lead_ins(roots)
    roots = _drop_introduction(roots)
    return _freeze(roots)


def walk_parsed(
    items: Sequence[ParsedTor], prefix: str = ""
) -> Iterator[tuple[str, int, ParsedTor]]:
    """Every item with its number (1, 1.2, 1.2.3) and depth (0 at the top), depth first."""
    stack: list[tuple[Sequence[ParsedTor], int, str]] = [(items, 0, prefix)]
    while stack:
        siblings, index, pre = stack.pop()
        if index >= len(siblings):
            continue
        item = siblings[index]
        number = f"{pre}{index + 1}"
        stack.append((siblings, index + 1, pre))
        yield number, pre.count("."), item
        stack.append((item.children, 0, number + "."))


def as_outline(items: Sequence[ParsedTor]) -> str:
    """The tree as indented numbered lines ("1 Text", "  1.1 Text"), one per item."""
    return "".join(
        f"{'  ' * depth}{number} {item.text}\n" for number, depth, item in walk_parsed(items)
    )


def as_json_tree(items: Sequence[ParsedTor], prefix: str = "") -> list[dict[str, object]]:
    """The tree as JSON-ready data: a list of {"number", "text", "children"}."""
    return [
        {
            "number": f"{prefix}{n}",
            "text": item.text,
            "children": as_json_tree(item.children, f"{prefix}{n}."),
        }
        for n, item in enumerate(items, start=1)
    ]


# --- reading lines ---------------------------------------------------------------------

_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ud800-\udfff]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")


def _clean(text: str) -> str:
    text = _NEWLINES.sub("\n", text)
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text)


_BULLETS = "•◦▪▫■□●○‣⁃∙·➢➤►▶❖◆♦◇✓✔➔→☐☑☒\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8"
_BULLET = re.compile(rf"([{_BULLETS}])\s*|([-*+–—])(?:\s+|$)|([oØ§])(?:\t|\s{{2,}})\s*")
_SAME_BULLET = {"☑": "☐", "☒": "☐", "✔": "✓"}  # ticked or not, one list
_DOTTED = re.compile(r"(\d{1,3}(?:\.\d{1,3})+)\.?(?:\s+|$)")
_NUMBER = re.compile(r"(?:(\d{1,3})([.)])|\((\d{1,3})\))(?:\s+|$)|(\d{1,2})(?:\t\s*|\s+(?=[A-Z]))")
_LETTERS = re.compile(r"(?:([A-Za-z]{1,6})([.)])|\(([A-Za-z]{1,6})\))(?:\s+|$)")
_ROMAN = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")


@dataclass
class _Line:
    indent: int  # columns before the marker (or the text)
    blank: bool
    kind: str = ""  # "" no marker; "bullet", "dec", "alpha", "roman", or "letter?"
    style: tuple[str, ...] = ()
    value: int = 0
    letters: str = ""  # for a marker that may be a letter or a Roman numeral
    text: str = ""
    blank_before: bool = False
    lead_in: bool = False  # a bare lead-in line ("This included:") followed it
    last_width: int = 0  # characters on its last physical line (a wrap fills a line)


def _indent_width(prefix: str) -> int:
    column = 0
    for char in prefix:
        column = (column // TAB_WIDTH + 1) * TAB_WIDTH if char == "\t" else column + 1
    return column


def _read_line(raw: str) -> _Line:
    body = raw.lstrip()
    if not body.strip():
        return _Line(0, True)
    line = _Line(_indent_width(raw[: len(raw) - len(body)]), False)
    if m := _BULLET.match(body):
        char = m.group(1) or m.group(2) or m.group(3)
        line.kind, line.style = "bullet", ("bullet", _SAME_BULLET.get(char, char))
    elif m := _DOTTED.match(body):
        parts = m.group(1).split(".")
        while len(parts) > 1 and int(parts[-1]) == 0:  # "2.0 Method" heads section 2
            parts.pop()
        line.kind, line.style, line.value = "dec", ("dec", str(len(parts)), "."), int(parts[-1])
    elif m := _NUMBER.match(body):
        punct = m.group(2) or ("()" if m.group(3) else ".")  # "1 Scope" is "1. Scope"
        line.kind, line.style = "dec", ("dec", "1", punct)
        line.value = int(m.group(1) or m.group(3) or m.group(4))
    elif (m := _LETTERS.match(body)) and _is_marker(m.group(1) or m.group(3)):
        letters = m.group(1) or m.group(3)
        punct = m.group(2) or "()"
        case = "upper" if letters.isupper() else "lower"
        line.letters = letters
        line.style = ("?", case, punct)
        line.kind = "letter?"
    else:
        m = None
    if m is not None:
        body = body[m.end() :]
    line.text = body.strip()
    return line


def _is_marker(letters: str) -> bool:
    if not (letters.islower() or letters.isupper()):
        return False
    return len(letters) == 1 or _ROMAN.fullmatch(letters.lower()) is not None


def _roman_value(letters: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    total = 0
    digits = [values[c] for c in letters.lower()]
    for n, digit in enumerate(digits):
        total += -digit if n + 1 < len(digits) and digits[n + 1] > digit else digit
    return total


# --- wrapped lines and lead-in lines ---------------------------------------------------

_CLAUSE = (
    r"(?:(?:this|these|it|which|they|that|work|the\s+work)\s+"
    r"(?:(?:will|would|should|shall|is\s+to|was\s+to)\s+)?"
    r"(?:include[sd]?|involve[sd]?|cover(?:s|ed)?|comprise[sd]?|consist(?:s|ed)?\s+of|"
    r"look(?:s|ed)?\s+at|focus(?:es|ed)?\s+on|examine[sd]?|mean[st]?)|"
    r"(?:we|i|they|the\s+\w+|members)\s+(?:did|will\s+do|would\s+do|do|shall\s+do|"
    r"intend\s+to\s+do|propose\s+to\s+do|plan\s+to\s+do|aim\s+to\s+do)\s+this\s+"
    r"(?:by|through|via)|including|namely|as\s+follows|in\s+particular)"
)
_LEAD_IN_PHRASE = (
    rf"(?:{_CLAUSE}|(?:in\s+order\s+)?to|by|includes|the\s+following|such\s+as|"
    r"for\s+example|through|via)"
)
_BARE_LEAD_IN = re.compile(rf"{_LEAD_IN_PHRASE}\s*:", re.IGNORECASE)
_TAIL_SENTENCE = re.compile(r"(?<=[.;!?)])\s+([^.;!?]{1,200}):$")
_TAIL_CLAUSE = re.compile(rf"(?:^|(?<=\S)\s+){_CLAUSE}\s*:$", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.;:!?]['\"’”)]*$")


def _join_wrapped(lines: list[_Line]) -> list[_Line]:
    """Lines that continue the item above are folded into it; bare lead-ins too."""
    out: list[_Line] = []
    pending_marker: _Line | None = None
    blank = False
    for line in lines:
        if line.blank:
            blank = True
            continue
        line.blank_before = blank
        if line.kind and not line.text:
            pending_marker = line
            blank = False
            continue
        if pending_marker is not None:
            if not line.kind:
                pending_marker.text = line.text
                out.append(pending_marker)
                pending_marker = None
                blank = False
                continue
            pending_marker = None
        previous = out[-1] if out else None
        if previous is not None and not line.kind and _BARE_LEAD_IN.fullmatch(line.text):
            previous.lead_in = True
        elif previous is not None and not line.kind and _continues(previous, line, blank):
            previous.text = f"{previous.text} {line.text}"
            previous.last_width = len(line.text)
        else:
            line.last_width = len(line.text)
            out.append(line)
        blank = False
    return out


def _continues(previous: _Line, line: _Line, blank: bool) -> bool:
    if blank or not previous.kind:
        # Unmarked text: one line is one item unless it plainly carries on a sentence.
        return (
            not blank
            and line.indent == previous.indent  # deeper is a sub-item, not a wrap
            and previous.last_width >= WRAPPED_WIDTH
            and line.text[:1].islower()
            and not _ENDS_SENTENCE.search(previous.text)
        )
    if line.indent > previous.indent:
        return True
    if line.indent < previous.indent:
        return False
    return line.text[:1].islower() or not _ENDS_SENTENCE.search(previous.text)


# --- the tree --------------------------------------------------------------------------


@dataclass
class _Node:
    text: str
    kind: str  # "" unmarked, "bullet", "dec", "alpha", "roman"
    colon: bool  # it ends with a lead-in ("…This included:") introducing sub-items
    blank_before: bool = False
    children: list[_Node] = field(default_factory=list)


@dataclass
class _Level:
    indent: int
    style: tuple[str, ...]
    node: _Node
    value: int
    letters: str = ""


def _build(lines: list[_Line]) -> list[_Node]:
    roots: list[_Node] = []
    stack: list[_Level] = []
    for line in lines:
        popped: _Level | None = None
        while stack and stack[-1].indent > line.indent:
            popped = stack.pop()
        _settle_letters(line, stack, popped)
        style = line.style or ("plain",)
        node = _Node(
            line.text, line.kind, line.lead_in or line.text.endswith(":"), line.blank_before
        )
        level = _Level(line.indent, style, node, line.value, line.letters)
        if stack and stack[-1].indent == line.indent and stack[-1].style != style:
            same = _open_level(stack, style, line.indent)
            if same is not None:
                del stack[same:]
        elif stack and stack[-1].indent == line.indent:
            stack.pop()
        elif (
            popped is not None
            and popped.style == style
            and (not stack or stack[-1].indent < line.indent)
        ):
            level.indent = popped.indent  # a slightly different indent for the same list
        if len(stack) >= MAX_DEPTH:
            del stack[MAX_DEPTH - 1 :]
        (stack[-1].node.children if stack else roots).append(node)
        stack.append(level)
    return roots


def _open_level(stack: list[_Level], style: tuple[str, ...], indent: int) -> int | None:
    for n in range(len(stack) - 1, -1, -1):
        if stack[n].indent < indent:
            return None
        if stack[n].style == style:
            return n
    return None


def _settle_letters(line: _Line, stack: list[_Level], popped: _Level | None) -> None:
    """Decide whether "i." is a letter (after "h.") or a Roman numeral."""
    if line.kind != "letter?":
        return
    _, case, punct = line.style
    letters = line.letters.lower()
    candidates = [*reversed(stack)] + ([popped] if popped else [])
    for level in candidates:
        kind = level.style[0]
        if level.style[1:] != (case, punct):
            continue
        if kind == "alpha" and len(letters) == 1 and ord(letters) == level.value + 1:
            break
        if (
            kind == "roman"
            and _ROMAN.fullmatch(letters)
            and _roman_value(letters) == level.value + 1
        ):
            line.kind, line.style, line.value = "roman", ("roman", case, punct), level.value + 1
            return
    roman = _ROMAN.fullmatch(letters) is not None and (len(letters) > 1 or letters in "ivx")
    if roman and not _alpha_open(stack, popped, case, punct, letters):
        line.kind, line.style, line.value = "roman", ("roman", case, punct), _roman_value(letters)
    elif len(letters) == 1:
        line.kind, line.style, line.value = "alpha", ("alpha", case, punct), ord(letters)
    else:
        line.kind, line.style, line.value = "roman", ("roman", case, punct), _roman_value(letters)


def _alpha_open(
    stack: list[_Level], popped: _Level | None, case: str, punct: str, letters: str
) -> bool:
    for level in [*stack, *([popped] if popped else [])]:
        if (
            level.style == ("alpha", case, punct)
            and len(letters) == 1
            and ord(letters) == level.value + 1
        ):
            return True
    return False


def _adopt_after_lead_ins(nodes: list[_Node]) -> list[_Node]:
    """In a flat list, an item ending with ":" takes the items after it as sub-items."""
    out: list[_Node] = []
    parent: _Node | None = None
    for node in nodes:
        node.children = _adopt_after_lead_ins(node.children)
        numbered = node.kind not in ("", "bullet")  # "1." "2." say siblings themselves
        if node.colon and not node.children and not numbered:
            parent = node
            out.append(node)
        elif parent is None or numbered or node.colon or (not node.kind and node.blank_before):
            parent = None
            out.append(node)
        else:
            parent.children.append(node)
    for node in out:
        if node.children:
            node.text = _without_lead_in(node.text)
    return out


def _without_lead_in(text: str) -> str:
    """The item's own words, without the sentence or clause introducing its sub-items."""
    if not text.endswith(":"):
        return text
    m = _TAIL_SENTENCE.search(text)
    if m and (len(m.group(1).split()) <= 6 or _TAIL_CLAUSE.search(text[m.start(1) :])):
        return text[: m.start()].rstrip()
    if (m := _TAIL_CLAUSE.search(text)) and m.start() > 0:
        return text[: m.start()].rstrip(" ,;–—-")
    return text[:-1].rstrip()


def _drop_introduction(roots: list[_Node]) -> list[_Node]:
    """An unmarked lead-in alone at the top, with every item under it, is not an item."""
    with_text = [r for r in roots if _has_text(r)]
    parents = [r for r in with_text if r.children]
    only = parents[0] if len(parents) == 1 else None
    if (
        only is not None
        and not only.kind
        and (only.colon or _heads_a_list(only, with_text))
        and all(not r.kind for r in with_text)  # the rest is a heading or prose around it
    ):
        return only.children
    # Lead-in lines before the list that introduce nothing are dropped as well.
    while roots and not roots[0].kind and not roots[0].children and roots[0].colon:
        if not any(r.kind or r.children for r in roots[1:]):
            break
        roots = roots[1:]
    return roots


def _heads_a_list(node: _Node, with_text: list[_Node]) -> bool:
    """An unmarked first line over a numbered or bulleted list ("Terms of reference",
    "Objectives") names the list: it is a heading, not the one item above them all."""
    return node is with_text[0] and all(child.kind for child in node.children)


def _has_text(node: _Node) -> bool:
    return bool(node.text.strip()) or bool(node.children)


_WHITE = re.compile(r"\s+")


def _freeze(nodes: list[_Node]) -> tuple[ParsedTor, ...]:
    """Frozen items; an item without words gives its sub-items to its parent."""
    out: list[ParsedTor] = []
    for node in nodes:
        text = _WHITE.sub(" ", node.text).strip()
        children = _freeze(node.children)
        if text:
            out.append(ParsedTor(text, children))
        else:
            out.extend(children)
    return tuple(out)
