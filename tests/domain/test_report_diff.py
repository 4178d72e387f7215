"""The difference between two versions of the report (domain/report_diff.py): by
paragraph key, added, removed (where it stood), text changed word by word, renumbered,
access changed; unchanged paragraphs left out."""

from __future__ import annotations

from dataclasses import replace

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.report_diff import ChangeKind, WordRun, difference, word_runs
from scrutiny_desk.domain.report_views import ReportDocView
from scrutiny_desk.services.report_outline import build_report
from tests.services.report_sample import MADE, PARAGRAPHS, paragraph, sample, with_report

REVIEW = sample()


def _version(*paragraphs: object) -> ReportDocView:
    return build_report(with_report(REVIEW, tuple(paragraphs)), made=MADE)  # type: ignore[arg-type]


def test_the_same_version_has_no_difference() -> None:
    view = _version(*PARAGRAPHS)
    assert difference(view, view) == ()


def test_added_removed_changed_renumbered_and_access() -> None:
    a = paragraph("a", "tor:strategy", "The strategy was never tied to performance measures.")
    b = paragraph("b", "tor:strategy", "Boroughs set their own priorities.")
    c = paragraph("c", "tor:gaps", "Level 2 work falls between units.")
    d = paragraph("d", "tor:gaps", "Intelligence is not passed down.")
    new = paragraph("n", "tor:strategy", "A new finding.")
    old = _version(a, b, c, d)
    changed = replace(a, text="The strategy was never linked to any performance measures.")
    closed = replace(d, access=Access.CLOSED)
    now = _version(new, changed, c, closed)
    changes = {ch.key: ch for ch in difference(old, now)}
    # c kept its number (2.3: one added, one removed before it): unchanged, left out
    assert [ch.key for ch in difference(old, now)] == ["n", "a", "b", "d"]
    assert changes["n"].kinds == (ChangeKind.ADDED,) and changes["n"].new_number == "2.1"
    assert changes["b"].kinds == (ChangeKind.REMOVED,) and changes["b"].old_number == "2.2"
    assert changes["a"].kinds == (ChangeKind.CHANGED, ChangeKind.RENUMBERED)
    assert (changes["a"].old_number, changes["a"].new_number) == ("2.1", "2.2")
    assert changes["a"].runs == (
        WordRun("equal", "The strategy was never"),
        WordRun("delete", "tied"),
        WordRun("insert", "linked"),
        WordRun("equal", "to"),
        WordRun("insert", "any"),
        WordRun("equal", "performance measures."),
    )
    moved = {ch.key: ch for ch in difference(old, _version(b, c, d))}
    assert moved["c"].kinds == (ChangeKind.RENUMBERED,) and moved["c"].runs == ()
    assert changes["d"].kinds == (ChangeKind.ACCESS,)
    assert (changes["d"].old_closed, changes["d"].new_closed) == (False, True)


def test_removed_paragraphs_stand_where_they_stood() -> None:
    first = paragraph("first", "foreword", "Gone from the front.")
    keep = paragraph("keep", "background", "Stays.")
    gone = paragraph("gone", "background", "Gone from the middle.")
    after = paragraph("after", "conclusions", "Stays too.")
    changes = difference(_version(first, keep, gone, after), _version(keep, after))
    assert [(c.key, c.kinds) for c in changes] == [
        ("first", (ChangeKind.REMOVED,)),
        ("gone", (ChangeKind.REMOVED,)),
    ]


def test_word_runs() -> None:
    assert word_runs("a b c", "a b c") == (WordRun("equal", "a b c"),)
    assert word_runs("", "new words") == (WordRun("insert", "new words"),)
    assert word_runs("old words", "") == (WordRun("delete", "old words"),)
