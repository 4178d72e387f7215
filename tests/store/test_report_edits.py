"""Storage of the reports agenda items consider: dense positions that move without
touching the neighbours' versions, keys unique in a review, one source each, the bytes
held, and the files a pack reads (store/report_edits.py), on both backends."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.errors import ConflictError
from scrutiny_desk.domain.records import EvidenceFile
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import evidence_edits, orm
from scrutiny_desk.store import report_edits as store
from tests.exports.report_pdfs import report_pdf


def _file(name: str) -> EvidenceFile:
    return EvidenceFile(name, "application/pdf", report_pdf(name))


@pytest.fixture
def item(services: Services, sample_id: int) -> tuple[int, int]:
    return sample_id, services.agenda.id_for(sample_id, "recs-recommendations")


def test_positions_stay_dense_and_moving_leaves_neighbours_versions(
    services: Services, item: tuple[int, int]
):
    review_id, item_id = item
    with services.db.writing() as session:
        ids = [
            store.insert_report(
                session,
                review_id,
                item_id,
                key=f"k{n}",
                title=f"R{n}",
                late=False,
                file=_file(f"r{n}.pdf"),
            )
            for n in range(4)
        ]
        inserted = store.insert_report(
            session,
            review_id,
            item_id,
            key="front",
            title="Front",
            late=False,
            file=_file("front.pdf"),
            position=0,
        )
    with services.db.reading() as session:
        before = {e.id: e for e in store.entries_for_meeting(session, _meeting(session, item_id))}
    assert [before[i].position for i in [inserted, *ids]] == [0, 1, 2, 3, 4]
    with services.db.writing() as session:
        store.move_report(session, ids[3], 0)
    with services.db.writing() as session:
        store.delete_report(session, ids[0])
    with services.db.reading() as session:
        after = {e.id: e for e in store.entries_for_meeting(session, _meeting(session, item_id))}
        mine = [e for e in after.values() if e.item_id == item_id]
    assert [e.title for e in sorted(mine, key=lambda e: e.position)] == ["R3", "Front", "R1", "R2"]
    assert sorted(e.position for e in mine) == [0, 1, 2, 3]
    assert after[ids[3]].version > before[ids[3]].version
    for other in (inserted, ids[1], ids[2]):
        assert after[other].version == before[other].version


def test_keys_are_unique_in_a_review_and_a_report_has_one_source(
    services: Services, item: tuple[int, int]
):
    review_id, item_id = item
    with pytest.raises(ConflictError, match=r"(?i)unique|duplicate"):
        with services.db.writing() as session:
            for _ in range(2):
                store.insert_report(
                    session,
                    review_id,
                    item_id,
                    key="same",
                    title="T",
                    late=False,
                    file=_file("a.pdf"),
                )
    with pytest.raises(ConflictError, match=r"(?i)one_source|check constraint"):
        with services.db.writing() as session:
            session.add(
                orm.ItemReportRow(
                    review_id=review_id,
                    item_id=item_id,
                    position=9,
                    key="none",
                    title="Neither a file nor evidence",
                    late=False,
                )
            )
            session.flush()


def test_held_bytes_and_the_files_a_pack_reads(services: Services, item: tuple[int, int]):
    review_id, item_id = item
    held = _file("held.pdf")
    with services.db.writing() as session:
        before = evidence_edits.attachment_total(session, review_id)
        survey = evidence_edits.id_for(session, review_id, "borough-survey")
        family = evidence_edits.id_for(session, review_id, "family-statement")
        assert survey is not None and family is not None
        evidence_edits.set_file(session, survey, _file("survey.pdf"))
        store.insert_report(
            session, review_id, item_id, key="held", title="Held", late=False, file=held
        )
        store.insert_report(
            session, review_id, item_id, key="ev", title="Survey", late=True, evidence_id=survey
        )
        store.insert_report(
            session,
            review_id,
            item_id,
            key="nofile",
            title="No file",
            late=False,
            evidence_id=family,
        )
    with services.db.reading() as session:
        # A held report counts once; an evidence report's file once, with the evidence.
        survey_file = _file("survey.pdf")
        total = evidence_edits.attachment_total(session, review_id)
        assert total == before + held.size + survey_file.size
        files = store.report_files(session, review_id, ["held", "ev", "nofile", "missing"])
    assert files["held"] == held
    assert files["ev"].name == "survey.pdf" and files["ev"].content == report_pdf("survey.pdf")
    assert set(files) == {"held", "ev"}  # evidence without a file has nothing to print


def _meeting(session, item_id: int) -> int:  # type: ignore[no-untyped-def]
    row = session.get(orm.ItemRow, item_id)
    return int(row.meeting_id)
