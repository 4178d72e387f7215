"""Dialogs of the desktop app (editing dialogs arrive with the editing workspace)."""
