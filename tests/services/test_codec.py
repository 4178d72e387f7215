"""The structure check that every file read goes through first (``codec._fast_validator``)
accepts and refuses what fastjsonschema's own validator of the same schema does: its
code is fastjsonschema's, generated without naming each list member it checks."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import fastjsonschema
import pytest

from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec

from ..conftest import DATA
from .old_versions import as_version_5, as_version_6, as_version_7, as_version_8

SAMPLE = json.loads(resource_path("samples/drugs-scrutiny.json").read_bytes())

DOCUMENTS: dict[str, Any] = {
    "v1 example": json.loads((DATA / "example-review-v1.json").read_bytes()),
    "v2 example": json.loads((DATA / "example-review-v2.json").read_bytes()),
    "v5 sample": as_version_5(as_version_6(as_version_7(as_version_8(copy.deepcopy(SAMPLE))))),
    "v6 sample": as_version_6(as_version_7(as_version_8(copy.deepcopy(SAMPLE)))),
    "v7 sample": as_version_7(as_version_8(copy.deepcopy(SAMPLE))),
    "v8 sample": as_version_8(copy.deepcopy(SAMPLE)),
    "v9 sample": SAMPLE,
}


def _set(path: list[Any], value: Any) -> Callable[[Any], None]:
    def change(document: Any) -> None:
        *parents, last = path
        for step in parents:
            document = document[step]
        document[last] = value

    return change


BREAKAGES = {
    "a note's terms of reference not a list": _set(["review", "notes", 0, "tor"], "t1"),
    "a meeting's item without a key": _set(["review", "meetings", 0, "items", 0, "key"], 5),
    "an unknown field on a witness": _set(["review", "witnesses", 0, "x"], 1),
    "a title that is a number": _set(["review", "title"], 7),
    "an unknown access": _set(["review", "meetings", 0, "items", 0, "access"], "secret"),
}


def _accepts(validate: Callable[[Any], Any], document: Any) -> bool:
    try:
        validate(document)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


@pytest.mark.parametrize("name", DOCUMENTS)
def test_it_accepts_what_fastjsonschema_accepts(name: str) -> None:
    document = DOCUMENTS[name]
    version = document["version"]
    reference = fastjsonschema.compile(codec.schema(version))
    assert codec._fast_validator(version).__name__ == reference.__name__
    assert _accepts(codec._fast_validator(version), copy.deepcopy(document))
    assert _accepts(reference, copy.deepcopy(document))


@pytest.mark.parametrize("name", DOCUMENTS)
@pytest.mark.parametrize("breakage", BREAKAGES)
def test_it_refuses_what_fastjsonschema_refuses(name: str, breakage: str) -> None:
    document = copy.deepcopy(DOCUMENTS[name])
    try:
        BREAKAGES[breakage](document)
    except (KeyError, IndexError):
        pytest.skip("that version has no such value")
    version = document["version"]
    reference = fastjsonschema.compile(codec.schema(version))
    accepted = _accepts(codec._fast_validator(version), document)
    assert accepted is _accepts(reference, document)
    assert bool(codec._structure_problems(document)) is not accepted  # named if refused


def test_every_version_has_a_validator() -> None:
    for version in codec.SUPPORTED_VERSIONS:
        reference = fastjsonschema.compile(codec.schema(version))
        assert codec._fast_validator(version).__name__ == reference.__name__
