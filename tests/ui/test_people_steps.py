"""The undo steps of the Witnesses, Panel and Terms of Reference pages, run through an
Editor over the sample review without the pages: what each finds by key, the version it
quotes, and how it refuses to overwrite a colleague's change."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.enums import InvitationState, MemberRole
from scrutiny_desk.domain.people_records import WitnessChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.panel.panel_steps import MakeChair, RemoveMember
from scrutiny_desk.ui.shared.commands import Editor
from scrutiny_desk.ui.terms.terms_steps import DeleteTorItem, EditTorText
from scrutiny_desk.ui.witnesses.witness_steps import RemoveWitness, SetInvitation

pytestmark = pytest.mark.gui

REVIEW = 1


@pytest.fixture
def editor(qapp: object) -> Editor:
    return Editor()


def _failures(editor: Editor) -> list[str]:
    failed: list[str] = []
    editor.failed.connect(lambda _title, why: failed.append(why))
    return failed


def test_undoing_new_words_after_a_colleague_changed_them_is_refused(
    editor: Editor, sample_services: Services
) -> None:
    terms = sample_services.terms
    entry = terms.outline(REVIEW)[0]
    shown: list[str | None] = []
    assert editor.perform(EditTorText(terms, REVIEW, entry, "Our words", shown.append))
    assert editor.stack.undoText() == f"Edit {entry.number}"
    now = terms.find(REVIEW, entry.key)
    terms.edit(now.id, now.version, "A colleague's words")
    failed = _failures(editor)
    editor.stack.undo()
    assert failed and "changed by someone else" in failed[0]
    assert terms.find(REVIEW, entry.key).text == "A colleague's words"
    assert shown == [entry.key]


def test_a_step_quotes_the_version_the_page_read(editor: Editor, sample_services: Services) -> None:
    terms = sample_services.terms
    entry = terms.outline(REVIEW)[-1]  # as the page read it
    now = terms.find(REVIEW, entry.key)
    terms.edit(now.id, now.version, "Changed by a colleague since")
    failed = _failures(editor)
    assert editor.perform(DeleteTorItem(terms, REVIEW, entry, None, lambda _key: None)) is None
    assert failed and editor.stack.count() == 0
    assert terms.find(REVIEW, entry.key).text == "Changed by a colleague since"


def test_a_removed_witness_comes_back_under_their_key_and_goes_again(
    editor: Editor, sample_services: Services
) -> None:
    register = sample_services.witness_edits
    witness = register.find_witness(REVIEW, sample_services.witnesses.list(REVIEW)[0].key)
    shown: list[str | None] = []
    assert editor.perform(RemoveWitness(register, witness, shown.append)) is not None
    editor.stack.undo()
    back = register.find_witness(REVIEW, witness.key)
    assert back.name == witness.name and back.id != witness.id
    editor.stack.redo()  # finds them by key, under their new id
    assert witness.key not in {w.key for w in sample_services.witnesses.list(REVIEW)}
    assert shown == [witness.key] * 3


def test_an_invitation_set_on_a_stale_read_is_refused(
    editor: Editor, sample_services: Services
) -> None:
    register = sample_services.witness_edits
    witness = register.find_witness(REVIEW, sample_services.witnesses.list(REVIEW)[0].key)
    register.update_witness(witness.id, witness.version, WitnessChanges(role="Changed"))
    state = next(s for s in InvitationState if s is not witness.invitation)
    step = SetInvitation(register, witness, state, "a label", lambda _key: None)
    assert editor.perform(step) is None
    assert register.find_witness(REVIEW, witness.key).invitation is witness.invitation


def test_making_a_chair_and_undoing_it_gives_the_chair_back(
    editor: Editor, sample_services: Services
) -> None:
    panel = sample_services.panel
    members = panel.members(REVIEW)
    chair = next(m for m in members if m.role is MemberRole.CHAIR)
    # Aneeta Prem: the sample's minutes name her in no declaration or vote by name,
    # which would (rightly) refuse the removal below
    other = next(m for m in members if m.key == "prem")
    assert other.role is not MemberRole.CHAIR
    assert editor.perform(MakeChair(panel, other, lambda _key: None)) is not None
    assert panel.find_member(REVIEW, other.key).role is MemberRole.CHAIR
    editor.stack.undo()
    assert panel.find_member(REVIEW, chair.key).role is MemberRole.CHAIR
    assert panel.find_member(REVIEW, other.key).role is other.role
    now = panel.find_member(REVIEW, other.key)
    assert editor.perform(RemoveMember(panel, now, lambda _key: None))
    editor.stack.undo()
    assert panel.find_member(REVIEW, other.key).name == other.name
