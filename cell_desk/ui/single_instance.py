"""One Cell Desk per data folder: a lock file, and a local socket through which a second
launch asks the first to come forward."""
from __future__ import annotations

import zlib
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QLockFile

LOCK_FILE = "cell_desk.lock"


class InstanceGuard:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.lock = QLockFile(str(self.data_dir / LOCK_FILE))
        self.lock.setStaleLockTime(0)  # a lock is stale only when its process is gone
        # two checksums of the folder's path make its channel's name; hashlib would load OpenSSL
        # (3.5 MB) before the first paint for a name that needs no secrecy
        folder = str(self.data_dir.resolve()).encode("utf-8")
        digest = f"{zlib.crc32(folder):08x}{zlib.adler32(folder):08x}"
        self.server_name = f"cell-desk-{digest}"
        self._server = None

    def acquire(self) -> bool:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return self.lock.tryLock(200)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
        self.lock.unlock()

    def listen(self, on_second_launch: Callable[[], None]) -> None:
        """Called once the window is up: later launches will reach us here."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.server_name)
        self._server = QLocalServer()
        self._server.newConnection.connect(lambda: self._answer(on_second_launch))
        self._server.listen(self.server_name)

    def _answer(self, on_second_launch: Callable[[], None]) -> None:
        connection = self._server.nextPendingConnection()
        if connection is not None:
            connection.disconnectFromServer()
        on_second_launch()

    def wake_running_instance(self) -> bool:
        """True when the program that holds the lock answered and will come forward."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.server_name)
        answered = socket.waitForConnected(1000)
        socket.abort()
        return answered
