"""The desktop user interface: the only package (with ``app.py``) that imports PySide6.

Widgets talk to ``services`` only and show domain records; they never see the store.
"""
