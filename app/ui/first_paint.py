"""Work the first paint does not need, done right after it, one event-loop turn per step.

The window paints as soon as it can; what only later interactions need (the detail pane's
first page, PySide6's ``Qt`` namespace, ~17 ms to build; the built-in registry's search
index; the window icon; the garbage collection that start-up skipped) is prepared in the
idle moments that follow, so neither the first paint nor the first keystroke waits for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Runs ``steps`` once ``widget`` has painted for the first time, each in its own turn
    of the event loop (input that arrives in between is handled in between)."""

    def __init__(self, widget: QWidget, steps: Iterable[Callable[[], object]]) -> None:
        super().__init__(widget)
        self._steps = list(steps)
        self.done = not self._steps
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._next)
        return False

    def add(self, step: Callable[[], object]) -> None:
        """One more step, after those already planned (before the first paint only)."""
        self._steps.append(step)
        self.done = False

    def cancel(self) -> None:
        """Run none of the remaining steps (``--self-test`` ends at the first paint)."""
        self._steps.clear()

    def _next(self) -> None:
        if self._steps:
            self._steps.pop(0)()
        if self._steps:
            QTimer.singleShot(0, self._next)
        else:
            self.done = True
