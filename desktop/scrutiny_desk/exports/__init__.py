"""Renderers that turn audience views into files: agenda and minutes PDFs, calendar files.

Nothing here decides what an audience may see: each renderer receives a view that
``services.publishing`` has already cut down, and prints it. Only the standard
library, reportlab, icalendar and ``scrutiny_desk.domain`` are imported here.
"""
