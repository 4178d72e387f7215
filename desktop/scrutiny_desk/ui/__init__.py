"""The desktop user interface: the only package (with ``app.py``) that imports PySide6.

Widgets talk to ``services`` only and show domain records; they never see the store.
"""

from .shared.none_guard import keep_none_alive

keep_none_alive()  # before any Qt call: see none_guard.py
