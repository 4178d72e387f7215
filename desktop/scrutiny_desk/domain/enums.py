"""Enumerations of the review model. Values are the words of the interchange format."""

from __future__ import annotations

from enum import StrEnum


class Audience(StrEnum):
    """Whom a paper is for (``views`` gives it too: the papers' views are made per audience)."""

    PUBLIC = "public"
    PANEL = "panel"
    WITNESS = "witness"


class ReviewStatus(StrEnum):
    SCOPING = "scoping"
    EVIDENCE = "evidence"
    REPORTING = "reporting"
    MONITORING = "monitoring"
    CLOSED = "closed"


class MemberRole(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice-chair"
    MEMBER = "member"


class MeetingKind(StrEnum):
    EVIDENCE = "evidence"
    DELIBERATIVE = "deliberative"
    VISIT = "visit"
    OTHER = "other"


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"


class MinutesStatus(StrEnum):
    NONE = "none"
    DRAFT = "draft"
    APPROVED = "approved"


class ItemKind(StrEnum):
    PROCEDURAL = "procedural"
    EVIDENCE = "evidence"
    REPORT = "report"
    OTHER = "other"


class Access(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class EvidenceKind(StrEnum):
    WRITTEN = "written"
    QUESTIONNAIRE = "questionnaire"
    STATEMENT = "statement"
    RESEARCH = "research"
    VISIT = "visit"


class RecommendationStatus(StrEnum):
    DRAFT = "draft"
    AGREED = "agreed"
    IN_PROGRESS = "in-progress"
    IMPLEMENTED = "implemented"
    REJECTED = "rejected"

    @property
    def needs_lead_and_due(self) -> bool:
        """From `agreed` on, a recommendation has a lead and a timeframe."""
        return self in (
            RecommendationStatus.AGREED,
            RecommendationStatus.IN_PROGRESS,
            RecommendationStatus.IMPLEMENTED,
        )


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class InvitationState(StrEnum):
    """Where a witness's invitation stands (format version 2)."""

    TO_INVITE = "to-invite"
    INVITED = "invited"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    ATTENDED = "attended"


class MinutesEvent(StrEnum):
    """A step in a meeting's minutes history (format version 2).

    Approval freezes the minutes and reopening (version 4) returns them to draft;
    ``unlocked`` and ``locked`` are kept as earlier releases recorded them."""

    APPROVED = "approved"
    UNLOCKED = "unlocked"
    LOCKED = "locked"
    REOPENED = "reopened"


class InterestCategory(StrEnum):
    """The kinds of a member's interest, as in the LGA Model Councillor Code of Conduct
    (2020) (format version 6)."""

    DISCLOSABLE_PECUNIARY = "disclosable-pecuniary"  # statutory (Localism Act 2011)
    OTHER_REGISTRABLE = "other-registrable"
    NON_REGISTRABLE = "non-registrable"


class AttendeeKind(StrEnum):
    """Someone at a meeting who is not one of the panel's own members (version 6)."""

    SUBSTITUTE = "substitute"  # a councillor attending, and voting, for a panel member
    OFFICER = "officer"  # an officer in attendance, by name and post
    ALSO_PRESENT = "also-present"  # other councillors, invited guests


class VoteChoice(StrEnum):
    """How one person voted on a resolution, in a vote recorded by name (version 6)."""

    FOR = "for"
    AGAINST = "against"
    ABSTAINED = "abstained"


class StandardItem(StrEnum):
    """An opening item whose minute is worded from the record (version 6)."""

    APOLOGIES = "apologies"  # apologies for absence and substitutions: from attendance
    DECLARATIONS = "declarations"  # declarations of interest: from the declarations
    PREVIOUS_MINUTES = "previous-minutes"  # approves the previous meeting's minutes


class PaperLanguage(StrEnum):
    """The language a review's papers, calendar files and e-mails print their fixed
    texts in (version 7). Bilingual papers give both, Welsh first, as the Welsh
    Language Standards expect."""

    ENGLISH = "en"
    WELSH = "cy"
    BILINGUAL = "cy-en"


class Country(StrEnum):
    """The body's country (version 7): which numbering of Schedule 12A's exemption
    paragraphs its papers cite (England: Part 1, paragraphs 1 to 7; Wales: Part 4,
    paragraphs 12 to 18)."""

    ENGLAND = "england"
    WALES = "wales"


class ReportPurpose(StrEnum):
    """Why a version of the review's report was frozen (version 8): issued to the panel
    for comment, put to a meeting for consideration, or the final report."""

    COMMENT = "comment"
    MEETING = "meeting"
    FINAL = "final"


class ConsiderationOutcome(StrEnum):
    """What a meeting decided on one paragraph of a version of the report (version 8)."""

    AGREED = "agreed"
    AMENDED = "amended"
    DELETED = "deleted"


class ResponseOutcome(StrEnum):
    """The body's response to a recommendation of the report (version 8). A rejected
    response sets the recommendation's status to rejected."""

    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly-accepted"
    REJECTED = "rejected"
