"""Invitations that follow the clerk's changes: the meeting's Invitations tab (what was
last issued to whom, and whether it is older than the meeting now is), the Send Updates
dialog, and the programme kept current in a folder."""
