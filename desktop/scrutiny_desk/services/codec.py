"""The interchange format in and out: JSON text <-> the domain ``Review``.

Reading checks, in this order, and reports every problem with its path: the file is
UTF-8 JSON; ``format`` and ``version`` are known; the structure matches the JSON Schema
of that version (resources/schema); text, dates and times parse; then the domain rules.
Writing is canonical: every field in the format's order, nulls for absent optionals,
two-space indentation, UTF-8 without escapes, a final newline. Attached files are
written as standard base64 (with padding, no line breaks).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from ..domain.errors import Problem, ValidationError
from ..resources_path import resource_path
from .codec_write import review_chunks, review_text

if TYPE_CHECKING:
    from jsonschema import ValidationError as SchemaError

    from ..domain.records import Review

# Reading's checks (the rules, the reader of each version) are imported when a file is
# first read: a command that only writes one (``export-review``) does not load them.

FORMAT_NAME = "scrutiny-desk.review"
CURRENT_VERSION = 9
SUPPORTED_VERSIONS = (1, 2, 3, 4, 5, 6, 7, 8, 9)  # every version ever written stays readable
MAX_FILE_BYTES = 256 * 1024 * 1024  # above MAX_REVIEW_ATTACHMENT_BYTES in base64, plus text
MAX_DEPTH = 32
QUOTE_LIMIT = 100  # characters of a bad value a message quotes (a 10 MB one froze the window)
MAX_PROBLEMS = 100  # problems listed; the rest are counted


@cache
def schema(version: int) -> dict[str, Any]:
    with resource_path(f"schema/review-format-v{version}.schema.json").open("rb") as f:
        loaded: dict[str, Any] = json.load(f)
    return loaded


def _path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


# Reading ------------------------------------------------------------------------


def decode(data: bytes) -> Review:
    """A checked review from the bytes of a file; ValidationError listing every problem,
    each quoting at most about ``QUOTE_LIMIT`` characters of a bad value."""
    return decode_versioned(data)[0]


def decode_versioned(data: bytes) -> tuple[Review, int]:
    """``decode``, and the file's format version (which the audit trail records)."""
    try:
        return _checked_review(data)
    except ValidationError as exc:
        problems = [_brief(p) for p in exc.problems]
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems[MAX_PROBLEMS:] = [Problem("(file)", f"has {more:,} more problems")]
        raise ValidationError(problems) from None


def _shortened(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A bad value (or a message) cut to about ``limit`` characters, for quoting: its
    start, and its end (where a message says what is wrong with the value it quotes)."""
    if len(text) <= limit + 40:  # what it returns is no longer: shortened once only
        return text
    keep = limit // 2
    return f"{text[:keep]}…[{len(text) - 2 * keep:,} characters left out]…{text[-keep:]}"


_LONG_QUOTE = re.compile(f"\"[^\"]{{{QUOTE_LIMIT + 41},}}\"|'[^']{{{QUOTE_LIMIT + 41},}}'")


def _brief(problem: Problem) -> Problem:
    """The problem with every long value it quotes cut short, whoever quoted it (values
    are cut where this module quotes them; the rules quote keys and time zones)."""
    message = _LONG_QUOTE.sub(
        lambda quote: quote[0][0] + _shortened(quote[0][1:-1]) + quote[0][0], problem.message
    )
    limit = 3 * QUOTE_LIMIT  # the last resort, for quotes with quotes inside
    return Problem(_shortened(problem.path, limit), _shortened(message, limit))


def _checked_review(data: bytes) -> tuple[Review, int]:
    from ..domain.rules import check_review
    from .codec_checks import nothing_to_report
    from .codec_records import Reader

    document = _load_json(data)
    _check_header(document)
    clean = nothing_to_report(document, MAX_DEPTH, _LongNumber)
    if not clean:
        _check_depth(document)
    problems = _structure_problems(document)
    if not clean:
        problems += _text_problems(document, "")
    if problems:
        raise ValidationError(problems)
    reader = Reader(document["version"])
    review = reader.review(document["review"])
    if reader.problems:
        raise ValidationError(reader.problems)
    problems = check_review(review)
    if problems:
        raise ValidationError(_in_file_terms(problems, document["version"]))
    return review, document["version"]


_NOTE_WITNESS = re.compile(r"^(review\.notes\[\d+\]\.witness)es\[0\]$")


def _in_file_terms(problems: list[Problem], version: int) -> list[Problem]:
    """Name each problem by the file's own path: before version 3 a note's one witness
    was "witness", which the rules see as "witnesses[0]"."""
    if version >= 3:
        return problems
    return [Problem(_NOTE_WITNESS.sub(r"\1", p.path), p.message) for p in problems]


def _load_json(data: bytes) -> Any:
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(Problem("(file)", f"is larger than {MAX_FILE_BYTES // 2**20} MB"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(Problem("(file)", f"is not UTF-8 text (byte {exc.start})")) from None
    if not text.strip():
        raise ValidationError(Problem("(file)", "is empty"))
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicate_fields,
            parse_constant=_no_constants,
            parse_int=_whole_number,
        )
    except json.JSONDecodeError as exc:
        raise ValidationError(
            Problem("(file)", f"is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}")
        ) from None
    except RecursionError:  # far deeper than MAX_DEPTH: find where, without recursion
        raise ValidationError(Problem(_too_deep_at(text), "is nested too deeply")) from None
    except ValueError as exc:
        raise ValidationError(Problem("(file)", str(exc))) from None


class _LongNumber:
    """A number with more digits than Python reads, left for ``_check_depth`` to report
    with its path (the json module would raise without saying where it is)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _whole_number(text: str) -> int | _LongNumber:
    try:
        return int(text)
    except ValueError:  # beyond sys.get_int_max_str_digits()
        return _LongNumber(len(text.lstrip("-")))


_STRUCTURE = re.compile(r'["\[\]{}:,]')
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')


def _too_deep_at(text: str) -> str:
    """The path of the first value nested deeper than ``MAX_DEPTH`` in JSON text, named
    as ``_check_depth`` names it, or "(file)" if it cannot be told."""
    steps: list[str | int] = []  # of each open object or array: its current member
    key = ""
    position = 0
    while (found := _STRUCTURE.search(text, position)) is not None:
        char, position = found.group(), found.end()
        if char == '"':
            string = _STRING.match(text, found.start())
            if string is None:
                break
            key, position = string.group(), string.end()
        elif char == ":" and steps and isinstance(steps[-1], str):
            try:
                steps[-1] = json.loads(key)
            except ValueError:
                steps[-1] = key[1:-1]
        elif char == "," and steps and isinstance(steps[-1], int):
            steps[-1] += 1
        elif char in "[{":
            if len(steps) > MAX_DEPTH:
                return _path(steps)
            steps.append(0 if char == "[" else "")
        elif char in "]}" and steps:
            steps.pop()
    return "(file)"


def _no_duplicate_fields(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # in C; a field given twice leaves fewer entries than pairs
    if len(out) < len(pairs):
        seen: set[str] = set()
        for name, _value in pairs:
            if name in seen:
                raise ValueError(f'has the field "{_shortened(name)}" twice in one object')
            seen.add(name)
    return out


def _no_constants(name: str) -> Any:
    raise ValueError(f"contains {name}, which JSON does not allow")


def _check_header(document: Any) -> None:
    if not isinstance(document, dict):
        raise ValidationError(
            Problem("(file)", "is not a Scrutiny Desk review (expected a JSON object)")
        )
    if document.get("format") != FORMAT_NAME:
        raise ValidationError(
            Problem("format", f'must be "{FORMAT_NAME}"; this is not a Scrutiny Desk review file')
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValidationError(Problem("version", "must be a whole number"))
    if version > CURRENT_VERSION:
        raise ValidationError(
            Problem(
                "version",
                f"is {version}, from a newer Scrutiny Desk; this version reads format "
                f"versions up to {CURRENT_VERSION}. Install the newer version.",
            )
        )
    if version not in SUPPORTED_VERSIONS:
        raise ValidationError(Problem("version", f"{version} is not a format version"))


def _check_depth(document: Any) -> None:
    """Refuse absurd nesting before any recursive validator walks it."""
    stack: list[tuple[Any, str, int]] = [(document, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValidationError(Problem(path, "is nested too deeply"))
        if isinstance(value, _LongNumber):
            message = f"is a number of {value.digits:,} digits, too long to be read"
            raise ValidationError(Problem(path or "(file)", message))
        if isinstance(value, dict):
            stack.extend((v, f"{path}.{k}" if path else k, depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{n}]", depth + 1) for n, v in enumerate(value))


def _structure_problems(document: dict[str, Any]) -> list[Problem]:
    """Every way the document breaks its version's JSON Schema.

    fastjsonschema (compiled, ~75x faster) answers the common case, a valid file; only
    a file it rejects goes through jsonschema, which lists every error, not the first."""
    import fastjsonschema  # both imported when a file is first read, not at start
    import jsonschema

    version = document["version"]
    try:
        _fast_validator(version)(document)
        return []
    except fastjsonschema.JsonSchemaValueException:
        pass
    errors = jsonschema.Draft202012Validator(schema(version)).iter_errors(document)
    return [
        Problem(_path(e.absolute_path), _schema_message(e))
        for e in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path])
    ]


_NAMED_BY_LOCALS = ".format(**locals())"
_FUNCTION = re.compile(r"^def (\w+)\(", re.MULTILINE)


@cache
def _fast_validator(version: int) -> Callable[[Any], Any]:
    """fastjsonschema's validator of the version's schema, less the naming of each
    list member it checks.

    Its code names every member of a list as it checks it (``"...notes[{n}]"
    .format(**locals())``: a copy of the validating function's hundred locals a
    member), for the message of an error. Nothing reads that message (a file it
    rejects is checked again by jsonschema, which names every problem), and the naming
    was half its time on an office review: its code is generated (``compile_to_code``,
    fastjsonschema's own way to keep a validator) without it. What it accepts is
    unchanged; if its code ever has another shape, it is used as it comes."""
    import fastjsonschema

    code = fastjsonschema.compile_to_code(schema(version))
    first = _FUNCTION.search(code)  # the schema's own function comes first
    if first is None:  # pragma: no cover - another shape of generated code
        compiled: Callable[[Any], Any] = fastjsonschema.compile(schema(version))
        return compiled
    space: dict[str, Any] = {}
    exec(compile(code.replace(_NAMED_BY_LOCALS, ""), "<review format schema>", "exec"), space)
    validate: Callable[[Any], Any] = space[first.group(1)]
    return validate


def _schema_message(error: SchemaError) -> str:
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        named = ", ".join(f'"{_shortened(e)}"' for e in extra[:10])
        more = f" and {len(extra) - 10:,} more" if len(extra) > 10 else ""
        return "unknown field" + ("s " if len(extra) > 1 else " ") + named + more
    if error.validator == "required":
        return str(error.message).replace("is a required property", "is missing")
    if error.validator == "enum":
        return f"{_shortened(json.dumps(error.instance))} is not one of " + ", ".join(
            json.dumps(v) for v in error.validator_value
        )
    message = str(error.message)
    if len(message) > QUOTE_LIMIT:  # it may quote a long value (jsonschema uses repr)
        quoted = repr(error.instance)
        message = message.replace(quoted, _shortened(quoted))
    return message


def _text_problems(value: Any, path: str) -> list[Problem]:
    from ..domain.rules import text_problem

    if isinstance(value, str):
        why = text_problem(value)
        return [Problem(path, why)] if why else []
    found: list[Problem] = []
    if isinstance(value, dict):
        for name, child in value.items():
            why = text_problem(name)
            if why:
                found.append(Problem(path, f"a field name {why}"))
            if name == "content" and path.endswith(".file"):
                continue  # base64, checked when decoded (and far longer than any text)
            found += _text_problems(child, f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for n, child in enumerate(value):
            found += _text_problems(child, f"{path}[{n}]")
    return found


# Writing ------------------------------------------------------------------------


def encode(review: Review) -> bytes:
    """The canonical file for a review (every field, in the format's order)."""
    return review_text(FORMAT_NAME, CURRENT_VERSION, review).encode("utf-8")


def encode_pieces(
    review: Review, lists: Mapping[str, Iterable[Any]] | None = None
) -> Iterator[str]:
    """``encode``'s text in pieces, for writing a long file as it is made; ``lists``:
    some of the review's lists ("evidence", "notes") as they come, written instead of
    the review's own."""
    return review_chunks(FORMAT_NAME, CURRENT_VERSION, review, lists)
