"""The Qt binding keeps Python's reference counts right (PySide6 6.12.0 on Python 3.11 does not).

PySide6-Essentials 6.12.0 drops a reference to ``None`` on every call of a void method (``setText``...) and to
``True``/``False`` on bool signals and virtual overrides, on Python 3.11 where those objects are not immortal. A
long session (or the test suite) then aborts with "Fatal Python error: none_dealloc / bool_dealloc". The project pins
a version that counts right (docs/decisions/0004-pyside6-6.11.md); this test fails if a future pin brings it back.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QWizard, QWizardPage

CALLS = 2000
#: Allowance for references that unrelated objects legitimately take or release meanwhile.
SLACK = 50


def _counts() -> tuple[int, int, int]:
    gc.collect()
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


class _Emitter(QObject):
    flag = Signal(bool)


class _Page(QWizardPage):
    def isComplete(self) -> bool:
        return True


def test_void_calls_bool_signals_and_overrides_keep_reference_counts(qtbot) -> None:
    label, box = QLabel(), QCheckBox()
    emitter, seen = _Emitter(), []
    emitter.flag.connect(seen.append)
    wizard, page = QWizard(), _Page()
    wizard.addPage(page)
    wizard.addPage(QWizardPage())
    qtbot.addWidget(wizard)
    before = _counts()
    for i in range(CALLS):
        label.setText("x")
        box.setChecked(i % 2 == 0)
        emitter.flag.emit(i % 2 == 0)
        page.completeChanged.emit()  # Qt calls the Python isComplete
    seen.clear()
    after = _counts()
    lost = [b - a for a, b in zip(after, before, strict=True)]
    assert all(n < SLACK for n in lost), f"references lost (None, True, False): {lost}"
