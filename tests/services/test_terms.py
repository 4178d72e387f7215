"""Editing the terms-of-reference tree: numbers follow position, undo by key, on both backends."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.errors import ConflictError, ValidationError
from scrutiny_desk.domain.tor_parse import ParsedTor, parse_tor
from scrutiny_desk.domain.tor_records import TorEntry
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.terms import TermsService


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


@pytest.fixture
def terms(services: Services) -> TermsService:
    return TermsService(services.db)


def numbers(terms: TermsService, review_id: int) -> dict[str, str]:
    return {e.key: e.number for e in terms.outline(review_id)}


def entry(terms: TermsService, review_id: int, key: str) -> TorEntry:
    return terms.find(review_id, key)


def test_outline_in_tree_order_with_numbers_and_note_counts(
    terms: TermsService, sample: int
) -> None:
    outline = terms.outline(sample)
    assert len(outline) == 16
    assert [e.number for e in outline[:7]] == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "2"]
    assert [e.depth for e in outline[:3]] == [0, 1, 1]
    scale = next(e for e in outline if e.key == "scale")
    assert (scale.parent_key, scale.position, scale.note_count) == ("strategy", 0, 3)
    assert scale.label.startswith("1.1 Clarifying")


def test_add_at_an_index_renumbers_and_stays_dense(terms: TermsService, sample: int) -> None:
    added = terms.add(sample, "Reviewing stop and search", parent="strategy", index=1, key="sas")
    assert (added.number, added.key, added.parent_key, added.depth) == ("1.2", "sas", "strategy", 1)
    got = numbers(terms, sample)
    assert (got["scale"], got["approaches"], got["roles"]) == ("1.1", "1.3", "1.6")
    top = terms.add(sample, "A fourth objective")
    assert top.number == "4" and top.key.startswith("t-")


def test_add_refuses_bad_input_and_saves_nothing(terms: TermsService, sample: int) -> None:
    before = terms.outline(sample)
    for kwargs, field in (
        ({"text": "  "}, "text"),
        ({"text": "a\x00b"}, "text"),
        ({"text": "ok", "key": "scale"}, "key"),
        ({"text": "ok", "parent": "nope"}, "parent"),
    ):
        with pytest.raises(ValidationError) as caught:
            terms.add(sample, **kwargs)  # type: ignore[arg-type]
        assert caught.value.problems[0].path == field
    assert terms.outline(sample) == before


def test_edit_under_the_version_counter(terms: TermsService, sample: int) -> None:
    gaps = entry(terms, sample, "gaps")
    edited = terms.edit(gaps.id, gaps.version, "Identifying gaps")
    assert edited.text == "Identifying gaps" and edited.version == gaps.version + 1
    with pytest.raises(ConflictError, match="since you opened it"):
        terms.edit(gaps.id, gaps.version, "Stale")
    with pytest.raises(ValidationError, match="must not be empty"):
        terms.edit(gaps.id, edited.version, "")
    assert entry(terms, sample, "gaps").text == "Identifying gaps"


def test_indent_becomes_last_child_of_the_item_above(terms: TermsService, sample: int) -> None:
    response = entry(terms, sample, "response")
    moved = terms.indent(response.id, response.version)
    assert (moved.number, moved.parent_key, moved.depth) == ("1.6", "strategy", 1)
    got = numbers(terms, sample)
    assert (got["targets"], got["partners"], got["cdrp"]) == ("1.6.1", "2", "2.2")
    with pytest.raises(ValidationError, match="first item at its level"):
        scale = entry(terms, sample, "scale")
        terms.indent(scale.id, scale.version)


def test_outdent_follows_the_outliner_convention(terms: TermsService, sample: int) -> None:
    gaps = entry(terms, sample, "gaps")
    out = terms.outdent(gaps.id, gaps.version)
    assert (out.number, out.parent_key, out.depth) == ("2", None, 0)
    got = numbers(terms, sample)
    # The items after it stay with their old parent.
    assert (got["impact"], got["roles"], got["response"]) == ("1.3", "1.4", "3")
    top = entry(terms, sample, "strategy")
    with pytest.raises(ValidationError, match="already at the top"):
        terms.outdent(top.id, top.version)
    # Undo puts it back exactly, with place().
    back = terms.place(out.id, out.version, "strategy", 2)
    assert back.number == "1.3"
    assert numbers(terms, sample)["impact"] == "1.4"


def test_move_among_siblings(terms: TermsService, sample: int) -> None:
    roles = entry(terms, sample, "roles")
    up = terms.move(roles.id, roles.version, roles.position - 1)
    assert up.number == "1.4"
    assert numbers(terms, sample)["impact"] == "1.5"
    with pytest.raises(ValidationError, match="already first"):
        scale = entry(terms, sample, "scale")
        terms.move(scale.id, scale.version, -1)
    with pytest.raises(ConflictError):
        terms.move(roles.id, roles.version, 0)


def test_place_refuses_a_cycle(terms: TermsService, sample: int) -> None:
    strategy = entry(terms, sample, "strategy")
    with pytest.raises(ValidationError, match="under itself"):
        terms.place(strategy.id, strategy.version, "scale", 0)


def test_delete_and_restore_give_back_keys_and_links(
    services: Services, terms: TermsService, sample: int
) -> None:
    before = services.reviews.export_bytes(sample)
    gaps = entry(terms, sample, "gaps")
    snapshot = terms.delete(gaps.id, gaps.version)
    assert {(link.kind, link.owner_key) for link in snapshot.links} == {
        ("note", "n1"),
        ("item", "ev4-jrf"),
        ("recommendation", "r1"),
    }
    got = numbers(terms, sample)
    assert "gaps" not in got and got["impact"] == "1.3"
    review = services.reviews.document(sample)
    assert next(n for n in review.notes if n.key == "n1").tor == ("strategy",)
    restored = terms.restore(snapshot)
    assert (restored.key, restored.number) == ("gaps", "1.3")
    assert services.reviews.export_bytes(sample) == before


def test_delete_subtree_restores_every_level(
    services: Services, terms: TermsService, sample: int
) -> None:
    roles = entry(terms, sample, "roles")
    terms.indent(roles.id, roles.version)  # under "impact"
    before = services.reviews.export_bytes(sample)
    impact = entry(terms, sample, "impact")
    snapshot = terms.delete(impact.id, impact.version)
    assert snapshot.keys == ("impact", "roles")
    assert {"impact", "roles"}.isdisjoint(numbers(terms, sample))
    terms.restore(snapshot)
    assert services.reviews.export_bytes(sample) == before
    with pytest.raises(ValidationError, match="exists"):
        terms.restore(snapshot)


def test_delete_refused_when_notes_would_have_no_item(
    services: Services, terms: TermsService, sample: int
) -> None:
    before = services.reviews.export_bytes(sample)
    forensics = entry(terms, sample, "forensics")
    with pytest.raises(ValidationError, match=r"1 note is held only against 2\.4"):
        terms.delete(forensics.id, forensics.version)
    partners = entry(terms, sample, "partners")
    with pytest.raises(ValidationError, match="3 notes are held only against 3 or its sub-items"):
        terms.delete(partners.id, partners.version)
    assert services.reviews.export_bytes(sample) == before


def test_stale_delete_is_a_conflict(terms: TermsService, sample: int) -> None:
    roles = entry(terms, sample, "roles")
    terms.edit(roles.id, roles.version, "Roles")
    with pytest.raises(ConflictError):
        terms.delete(roles.id, roles.version)
    assert entry(terms, sample, "roles").text == "Roles"


def test_paste_is_one_step_and_undoes_with_remove_many(
    services: Services, terms: TermsService, sample: int
) -> None:
    before = services.reviews.export_bytes(sample)
    parsed = parse_tor("1. Scope\n   a) drugs\n   b) alcohol\n2. Method\n")
    added = terms.insert_parsed(sample, parsed)
    assert [(e.number, e.text) for e in added] == [
        ("4", "Scope"),
        ("4.1", "drugs"),
        ("4.2", "alcohol"),
        ("5", "Method"),
    ]
    under = terms.insert_parsed(sample, parse_tor("- extra"), parent="scale")
    assert [e.number for e in under] == ["1.1.1"]
    snapshots = terms.remove_many(sample, [e.key for e in added] + [under[0].key])
    assert services.reviews.export_bytes(sample) == before
    again = terms.restore_many(snapshots)
    assert [(e.key, e.number) for e in again] == [
        (under[0].key, "1.1.1"),
        *((e.key, e.number) for e in added),
    ]


def test_paste_refuses_bad_text_and_saves_nothing(terms: TermsService, sample: int) -> None:
    before = terms.outline(sample)
    with pytest.raises(ValidationError) as caught:
        terms.insert_parsed(sample, [ParsedTor("ok", (ParsedTor("bad\x00"),))])
    assert caught.value.problems[0].path == "items[0].children[0].text"
    with pytest.raises(ValidationError, match="nothing to add"):
        terms.insert_parsed(sample, [])
    assert terms.outline(sample) == before


def test_add_at_the_top_renumbers_everything(terms: TermsService, sample: int) -> None:
    first = terms.add(sample, "First", index=0)
    assert first.number == "1"
    got = numbers(terms, sample)
    assert (got["strategy"], got["scale"], got["justice"]) == ("2", "2.1", "4.4")
