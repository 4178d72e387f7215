"""Clearing the sample's procedural record (issue 15), for tests that build one of their
own: the shipped sample's "recs" meeting has a substitute, officers, others present, a
late arrival and an early departure, declarations, resolutions with votes and times, and
the review has a register of interests. Everything is removed through the services, as a
clerk would, so a test starts from a meeting with no procedural record."""

from __future__ import annotations

from scrutiny_desk.services.container import Services


def clear_record(services: Services, review_id: int, *keys: str) -> None:
    """Remove the procedural record of these meetings: resolutions (and so their votes
    by name) first, then declarations, attendees other than panel members, members'
    arrivals and departures, and when the meeting began and ended."""
    for key in keys:
        meeting_id = services.meeting_edits.find(review_id, key).id
        for item in services.agenda.items(meeting_id):
            for resolution in services.resolutions.resolutions(item.id):
                services.resolutions.remove_resolution(resolution.id, resolution.version)
        for declaration in services.declarations.declarations(meeting_id):
            services.declarations.remove_declaration(declaration.id, declaration.version)
        for attendee in services.attendees.attendees(meeting_id):
            services.attendees.remove_attendee(attendee.id, attendee.version)
        for row in services.minutes.attendance(meeting_id):
            if row.arrived is not None or row.left is not None:
                services.attendees.set_stay(
                    meeting_id, row.member_key, None, None, row.version or 0
                )
        times = services.attendees.times(meeting_id)
        if times.began is not None or times.ended is not None:
            services.attendees.set_times(meeting_id, times.version, None, None)
        assert not services.attendees.attendees(meeting_id)
        assert not services.declarations.declarations(meeting_id)


def clear_register(services: Services, review_id: int) -> None:
    """Remove every entry of the review's register of interests."""
    for entry in services.interests.register(review_id):
        services.interests.remove_interest(entry.id, entry.version)
    assert services.interests.register(review_id) == []
