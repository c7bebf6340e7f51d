"""One window per data file: a second start on the same file brings the first window
forward instead of opening a second editor writing the same reports.

The first start holds a lock file beside the data file (`QLockFile`, released by the
system if the program is killed) and listens on a local socket named after the data
file's path; a second start finds the lock taken, says "raise" on that socket and ends.
Local only: a Unix socket or a Windows named pipe, never the network.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

WAIT_MS = 2000
MESSAGE = b"raise\n"


def server_name(db_path: Path) -> str:
    """Return the local socket name of the data file: the same for every spelling
    of its path that leads to the same file, short enough for any system."""
    real = os.path.normcase(os.path.realpath(db_path))
    return "nianbao-" + hashlib.sha256(real.encode("utf-8")).hexdigest()[:24]


class SingleWindow(QObject):
    """The claim of one program on one data file."""

    raise_requested = Signal()  # a second start asked for the window

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self.lock = QLockFile(str(db_path) + ".lock")
        self.lock.setStaleLockTime(0)  # stale only when its program is gone, never by age
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """Return True when this start is the first on the data file (or the lock file
        cannot be made there), and listen for later starts; False when another program
        already has the file."""
        # A new user's first start: the data folder, where the lock file goes, is not
        # made yet (the store makes it later). Made here, the first start holds the
        # lock and listens like any other; if it cannot be made, tryLock fails below.
        with contextlib.suppress(OSError):
            Path(self.lock.fileName()).parent.mkdir(parents=True, exist_ok=True)
        if not self.lock.tryLock(100):
            # a lock that cannot be made (a read-only or missing folder) is not another
            # program: go on, and opening the data file says what is wrong
            return self.lock.error() != QLockFile.LockError.LockFailedError
        QLocalServer.removeServer(self.name)  # a socket left by a killed program
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)
        self.server.listen(self.name)
        return True

    def ask_first_to_show(self) -> bool:
        """Ask the program holding the data file to bring its window forward; False
        when it does not answer."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(WAIT_MS):
            return False
        socket.write(MESSAGE)
        sent = socket.waitForBytesWritten(WAIT_MS)
        socket.disconnectFromServer()
        return sent

    def release(self) -> None:
        """Stop listening and free the data file for the next start."""
        if self.server is not None:
            self.server.close()
        self.lock.unlock()

    def _connected(self) -> None:
        """Read what a later start says (it writes at once) and answer "raise"."""
        while self.server is not None and self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket.bytesAvailable() or socket.waitForReadyRead(WAIT_MS):
                asked = MESSAGE.strip() in bytes(socket.readAll().data())
            else:
                asked = False
            socket.disconnectFromServer()
            socket.deleteLater()
            if asked:
                self.raise_requested.emit()


def bring_forward(window: QWidget) -> None:
    """Show `window` in front, restored if it was minimised."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
