"""One quick look over a parsed review file before the checks that name each problem.

Reading a file checks its nesting (``MAX_DEPTH``), its numbers (too long to read) and
every text and field name (NUL, unpaired surrogates, length), each problem reported
with its path. Those checks built a path string for every one of a large review's
200,000 values and walked the document twice: a quarter of an import. A valid file,
the common case, needs no path: this single walk carries none, and only when it finds
something do the careful checks run (``codec._check_depth``, ``codec._text_problems``),
which report exactly what they always reported. It is conservative: whatever those
checks would find, it finds too.
"""

from __future__ import annotations

from typing import Any

from ..domain.rules import MAX_TEXT, text_problem

_SCALARS = frozenset({int, float, bool, type(None)})


def nothing_to_report(document: Any, max_depth: int, long_number: type) -> bool:
    """True if no value of ``document`` is nested deeper than ``max_depth``, none is a
    ``long_number`` (nor of any type but JSON's), and no text or field name has a
    problem (the base64 ``content`` of an attached file aside, as
    ``codec._text_problems`` leaves it aside).

    The walk goes level by level, collecting texts; they are checked together at the
    end, in a few long strings, by the rule itself (``text_problem``)."""
    texts: list[str] = []
    level: list[tuple[Any, bool]] = [(document, False)]  # containers; is it a "file"?
    depth = 0
    # A parsed file's values are of these very types: ``type(x) is`` is a fifth faster
    # than isinstance over a review's few hundred thousand values; any other type (a
    # long number too) is left to the careful checks.
    text, mapping, array, scalars = str, dict, list, _SCALARS.difference((long_number,))
    if type(document) is not mapping and type(document) is not array:
        return False
    while level:
        if depth > max_depth:
            return False
        deeper: list[tuple[Any, bool]] = []
        keep, descend = texts.append, deeper.append
        for container, is_file in level:
            if not container:
                continue
            if depth + 1 > max_depth:  # its values are too deep
                return False
            if type(container) is mapping:
                texts.extend(container)  # field names
                for name, child in container.items():
                    kind = type(child)
                    if kind is text:
                        if not (is_file and name == "content"):
                            keep(child)
                    elif kind is mapping or kind is array:
                        descend((child, name == "file" and depth > 0))  # ".file"
                    elif kind not in scalars:
                        return False
            else:
                for child in container:
                    kind = type(child)
                    if kind is text:
                        keep(child)
                    elif kind is mapping or kind is array:
                        descend((child, False))
                    elif kind not in scalars:
                        return False
        level = deeper
        depth += 1
    if max(map(len, texts), default=0) > MAX_TEXT:
        return False
    joined = "\n".join(texts)
    return not any(
        text_problem(joined[start : start + MAX_TEXT]) for start in range(0, len(joined), MAX_TEXT)
    )
