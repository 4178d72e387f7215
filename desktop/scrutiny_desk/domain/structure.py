"""Numbering that follows position: terms-of-reference numbers and printed agenda order."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .records import AgendaItem, TorItem


ItemT = TypeVar("ItemT")


def walk_tor(items: Sequence[TorItem], prefix: str = "") -> Iterator[tuple[str, TorItem]]:
    """Every terms-of-reference item with its number (1, 1.2, 1.2.3), depth first."""
    for index, item in enumerate(items, start=1):
        number = f"{prefix}{index}"
        yield number, item
        yield from walk_tor(item.children, number + ".")


def tor_numbers(items: Sequence[TorItem]) -> dict[str, str]:
    """Key -> number for a whole tree."""
    return {item.key: number for number, item in walk_tor(items)}


def printed_order(items: Sequence[ItemT], is_closed: Callable[[ItemT], bool]) -> list[ItemT]:
    """Open items in agenda order, then closed items in agenda order (Part 1, Part 2)."""
    return [i for i in items if not is_closed(i)] + [i for i in items if is_closed(i)]


def printed_numbers(items: Sequence[AgendaItem]) -> dict[str, int]:
    """Item key -> the number printed on papers."""
    ordered = printed_order(items, lambda i: i.is_closed)
    return {item.key: n for n, item in enumerate(ordered, start=1)}
