"""The application's style sheet: a visible mark on whatever has the keyboard focus.

Qt's Fusion style (and the offscreen platform) marks a focused line edit faintly and a button, a check box, a tab or
a table hardly at all; after a few Shift+Tabs nobody could tell where the focus was. The rules only add a focus ring
(a widget's own sheet, e.g. an invalid field's red outline, still applies when it is not focused).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

FOCUS_COLOUR = "#1a5fb4"

FOCUS_STYLE = f"""
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractItemView:focus {{
    border: 2px solid {FOCUS_COLOUR};
}}
QPushButton:focus, QToolButton:focus {{
    border: 2px solid {FOCUS_COLOUR};
    border-radius: 3px;
    padding: 0px 2px;
    background: palette(button);
}}
QComboBox:focus {{
    border: 2px solid {FOCUS_COLOUR};
    border-radius: 3px;
    padding: 1px 18px 1px 4px;
}}
QCheckBox:focus, QRadioButton:focus {{
    border: 2px solid {FOCUS_COLOUR};
    border-radius: 3px;
}}
QTabBar::tab:focus {{
    border: 2px solid {FOCUS_COLOUR};
}}
"""


def apply_focus_style(app: QApplication) -> None:
    """Mark the focused widget (once per application; a style sheet set before is kept)."""
    if FOCUS_STYLE not in app.styleSheet():
        app.setStyleSheet(app.styleSheet() + FOCUS_STYLE)
