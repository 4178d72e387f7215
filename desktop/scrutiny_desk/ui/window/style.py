"""The window's style sheet: a focus frame a clerk can see from across the desk.

Platform styles mark focus faintly (Fusion: a thin tinted line), and a clerk who works
from the keyboard must see at a glance where typing goes. The rules only add a frame in
the palette's highlight colour to the focused list, table, text field or button; set on
the main window, they reach its pages and the dialogs it parents.
"""

from __future__ import annotations

FOCUS_FRAME = "2px solid palette(highlight)"

FOCUS_STYLE = f"""
QAbstractItemView:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: {FOCUS_FRAME};
}}
QPushButton:focus {{
    border: {FOCUS_FRAME};
    border-radius: 3px;
    padding: 3px 10px;
    background-color: palette(button);
}}
"""
