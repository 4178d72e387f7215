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


def nothing_to_report(document: Any, max_depth: int, long_number: type) -> bool:
    """True if no value of ``document`` is nested deeper than ``max_depth``, none is a
    ``long_number``, and no text or field name has a problem (the base64 ``content`` of
    an attached file aside, as ``codec._text_problems`` leaves it aside).

    The walk goes level by level, collecting texts; they are checked together at the
    end, in a few long strings, by the rule itself (``text_problem``)."""
    texts: list[str] = []
    level: list[tuple[Any, bool]] = [(document, False)]  # containers; is it a "file"?
    depth = 0
    while level:
        if depth > max_depth:
            return False
        deeper: list[tuple[Any, bool]] = []
        for container, is_file in level:
            if not container:
                continue
            if depth + 1 > max_depth:  # its values are too deep
                return False
            if isinstance(container, dict):
                texts.extend(container)  # field names
                for name, child in container.items():
                    if isinstance(child, str):
                        if not (is_file and name == "content"):
                            texts.append(child)
                    elif isinstance(child, dict | list):
                        deeper.append((child, name == "file" and depth > 0))  # ".file"
                    elif isinstance(child, long_number):
                        return False
            else:
                for child in container:
                    if isinstance(child, str):
                        texts.append(child)
                    elif isinstance(child, dict | list):
                        deeper.append((child, False))
                    elif isinstance(child, long_number):
                        return False
        level = deeper
        depth += 1
    if max(map(len, texts), default=0) > MAX_TEXT:
        return False
    joined = "\n".join(texts)
    return not any(
        text_problem(joined[start : start + MAX_TEXT]) for start in range(0, len(joined), MAX_TEXT)
    )
