"""Scrutiny Desk: meeting and evidence-session manager for scrutiny panels."""

__version__ = "0.1.0"
APP_NAME = "Scrutiny Desk"
APP_ID = "uk.org.scrutinydesk.ScrutinyDesk"
