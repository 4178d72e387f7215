"""Who may do what to each table and function of a shared database: one table of
decisions, from which ``pg_roles.init_postgres`` makes every grant and policy.

A table or function missing here is refused by init-postgres (and by a test), so a
migration that adds one must decide it. The public reader's only tables are the
public projection, written by the services from the public audience view: no
confidentiality rule is written here (``services/publishing.py`` holds the one rule).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.roles import DbRole

REVISION_FUNCTION = "scrutiny_desk_schema_revision"
"""SECURITY DEFINER: the schema's revision, for a public reader, who may not read
``alembic_version``."""
EXPORT_FUNCTION = "scrutiny_desk_log_export"
"""SECURITY DEFINER: appends one 'exported' row to the audit trail; the only way a
public reader writes anything."""

_ALL = frozenset({"SELECT", "INSERT", "UPDATE", "DELETE"})
_READ = frozenset({"SELECT"})


@dataclass(frozen=True)
class Decision:
    """Who may do what to one table (``GRANT``s, each matched by a permissive policy:
    row-level security is forced, so a privilege without a policy reads no row).
    ``insert_check``: the policy's WITH CHECK for an INSERT."""

    name: str
    grants: dict[DbRole, frozenset[str]]
    insert_check: str = "true"


PANEL_DATA = Decision(
    "panel data", {DbRole.CLERK: _ALL, DbRole.READER: _READ}
)  # everything a review holds, closed business included: never the public reader's
PUBLIC_PROJECTION = Decision(
    "public projection",
    {DbRole.CLERK: _ALL, DbRole.READER: _READ, DbRole.PUBLIC_READER: _READ},
)  # written by the services from the public audience view (services/publishing.py)
AUDIT = Decision(
    "audit trail",
    {DbRole.CLERK: _READ | {"INSERT"}, DbRole.READER: _READ | {"INSERT"}},
    # the trigger has set actor to session_user: no login appends in another's name
    insert_check="actor = session_user",
)  # append-only: no role may UPDATE or DELETE (and the migration's trigger refuses)
SCHEMA = Decision(
    "schema version", {DbRole.CLERK: _READ, DbRole.READER: _READ}
)  # only the owner, through init-postgres, upgrades

# fmt: off
_PANEL_TABLES = (
    "actions", "agenda_items", "attendance", "calendar_issues", "calendar_recipients",
    "declarations", "evidence", "evidence_files", "evidence_tor", "exclusions",
    "interfaces", "item_reports", "item_tor", "item_witnesses", "meeting_attendees",
    "meetings", "member_interests", "milestones", "minutes_history", "minutes_snapshots",
    "note_tor", "note_witnesses", "notes", "panel_members", "paragraph_evidence",
    "paragraph_notes", "paragraph_recommendations", "recommendation_notes",
    "recommendation_progress", "recommendation_tor", "recommendations", "report_comments",
    "report_considerations", "report_paragraphs", "report_settings", "report_versions",
    "resolutions", "reviews", "tor_items", "vote_casts", "witnesses",
    "search_index",  # written by triggers, as the clerk who edits (migration 0004)
)
# fmt: on
ROLE_DECISIONS: dict[str, Decision] = {
    **dict.fromkeys(_PANEL_TABLES, PANEL_DATA),
    "public_reviews": PUBLIC_PROJECTION,
    "public_papers": PUBLIC_PROJECTION,
    "audit_log": AUDIT,
    "alembic_version": SCHEMA,
}
"""Every table of the schema and who may do what to it: ``init_postgres`` refuses a
table missing here, and so does a test."""
FUNCTION_DECISIONS: dict[str, tuple[DbRole, ...]] = {
    REVISION_FUNCTION: tuple(DbRole),  # a public reader opens the database with it
    EXPORT_FUNCTION: tuple(DbRole),  # a public reader's exports are recorded through it
    "search_document": (DbRole.CLERK, DbRole.READER),  # the search index's triggers
    "search_tagged": (DbRole.CLERK, DbRole.READER),  # its GIN index's words (0015)
}
"""Who may EXECUTE each function of schema ``public`` (trigger functions aside)."""
