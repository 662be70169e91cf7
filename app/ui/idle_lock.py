"""The till locks after a while without keyboard or mouse: sign in again, as the same
operator or another (who then gets the screens fresh, with their own rights)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.ui import settings

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}


class IdleLock(QObject):
    """Watches the whole application's input; after `minutes` of none, locks `window`
    (a MainWindow: it has db, actor and set_actor). 0 minutes: never locks."""

    def __init__(self, window, minutes: float | None = None):
        super().__init__(window)
        self.window = window
        minutes = settings.IDLE_LOCK_MINUTES.get() if minutes is None else minutes
        self.timer = QTimer(self, singleShot=True, interval=max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(self.lock)
        self.dialog = None
        if minutes > 0:
            QApplication.instance().installEventFilter(self)
            self.timer.start()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if self.dialog is None and event.type() in _ACTIVITY:
            self.timer.start()
        return False

    def lock(self) -> None:
        from app.ui.login import SignInDialog

        if self.dialog is not None:
            return
        for w in QApplication.topLevelWidgets():
            if w is not self.window and w.isVisible() and w.objectName() == "seatPlanWindow":
                w.hide()  # nothing of the till stays readable behind the lock
        self.dialog = SignInDialog(self.window.db, locked_by=self.window.actor, parent=self.window)
        self.dialog.setModal(True)
        self.dialog.finished.connect(self._finished)
        self.dialog.open()

    def _finished(self, code: int) -> None:
        dialog, self.dialog = self.dialog, None
        if code != QDialog.DialogCode.Accepted or dialog.actor is None:
            QApplication.instance().closeAllWindows()
            return
        if dialog.actor.login != self.window.actor.login:
            self.window.set_actor(dialog.actor)  # closes the plans opened by the one before
        else:
            for w in QApplication.topLevelWidgets():
                if w.objectName() == "seatPlanWindow":
                    w.show()
        self.timer.start()
