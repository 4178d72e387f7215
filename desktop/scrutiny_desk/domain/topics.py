"""What a change touched, in the words the window's pages are built around.

A write reports the topics it changed (``store.changes`` decides them from the rows the
transaction actually wrote); each page and meeting tab declares the topics it shows and
reads again only when one of them changed. Nothing else names kinds of change: the
window never guesses from strings.
"""

from __future__ import annotations

from enum import Enum


class Topic(Enum):
    REVIEW = "review"  # the review's own fields, scope, interfaces, milestones
    PANEL = "panel"
    TERMS = "terms"  # terms of reference
    WITNESSES = "witnesses"
    MEETINGS = "meetings"
    AGENDA = "agenda"
    ATTENDANCE = "attendance"
    MINUTES = "minutes"  # approval, reopening and the approved record
    NOTES = "notes"
    EVIDENCE = "evidence"
    RECOMMENDATIONS = "recommendations"  # with their progress and links
    ACTIONS = "actions"
    INVITATIONS = "invitations"  # the invitation register: what was issued to whom
    REPORT = "report"  # the review's report: paragraphs, versions, comments, consideration


Topics = frozenset[Topic]

#: Everything: after a review is imported, loaded or restored, or an edit was refused
#: because a colleague's change got there first.
EVERYTHING: Topics = frozenset(Topic)
