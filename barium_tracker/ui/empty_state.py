"""Empty lists say what to do next: a table view that writes a sentence across its empty viewport.

The sentence names the menu and the shortcut of the action that fills the list, read from the actions table
(``ui.actions.where``), e.g. "No TBE study yet: Record > New TBE study, Ctrl+Shift+T." Screen readers get it as the
view's accessible description, so the empty table is not silent.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QTableView, QWidget


class EmptyStateTableView(QTableView):
    """A table view whose viewport shows :attr:`empty_text` while its model has no row."""

    MARGIN_PX = 12
    #: The grey of the other hints (7.5:1 on white: readable, yet not taken for data).
    COLOUR = QColor("#555555")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = ""
        self._description = ""

    @property
    def empty_text(self) -> str:
        return self._empty_text

    def set_empty_text(self, text: str) -> None:
        """What the empty view says (and its accessible description says while it is empty)."""
        self._empty_text = text
        self.update_description()
        self.viewport().update()

    def setAccessibleDescription(self, description: str) -> None:
        """The description of the table when it has rows; while empty it is the empty text."""
        self._description = description
        self.update_description()

    def is_empty(self) -> bool:
        model = self.model()
        return model is None or model.rowCount() == 0

    def update_description(self) -> None:
        text = self._empty_text if self.is_empty() and self._empty_text else self._description
        super().setAccessibleDescription(text)

    def setModel(self, model) -> None:
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
                signal.connect(self.update_description)
        self.update_description()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.is_empty() or not self._empty_text:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.COLOUR)
        area = self.viewport().rect().adjusted(self.MARGIN_PX, self.MARGIN_PX, -self.MARGIN_PX, -self.MARGIN_PX)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(QRect(area), int(flags), self._empty_text)
        painter.end()
