"""SQLite with write transactions queued on an operating-system file lock.

SQLite lets one writer in at a time; the others poll with sleeps that grow to 100 ms,
which turns a burst of concurrent writes into seconds of tail latency. Here every write
transaction (Django's `atomic`, which begins with `BEGIN IMMEDIATE`) first takes an
exclusive `flock` on `<database>.writelock`. The kernel queues the waiters and wakes the
next one the moment the lock is released, across every thread and process on the machine
(web, worker, scheduler). The busy timeout stays as a fallback for writes outside `atomic`.

A connection opened while the WAL checkpointer runs (`checkpointer.py`, started by
`charterdesk web`) leaves the checkpoints to it, up to its safety cap.
"""

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base

from . import checkpointer


class DatabaseWrapper(base.DatabaseWrapper):
    _write_lock_fd: int | None = None

    def _lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        if self.is_in_memory_db() or name.startswith("file:"):
            return None
        return f"{name}.writelock"

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        conn = super().get_new_connection(conn_params)
        path = self._lock_path()
        if path is not None and checkpointer.running(str(self.settings_dict["NAME"])):
            conn.execute(f"PRAGMA wal_autocheckpoint={checkpointer.CAP}")
        return conn

    def _start_transaction_under_autocommit(self) -> None:
        path = self._lock_path()
        if path is not None and self._write_lock_fd is None:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)  # waits, without polling, for the writer ahead
            self._write_lock_fd = fd
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_write_lock()
            raise

    def _set_autocommit(self, autocommit: bool) -> None:
        super()._set_autocommit(autocommit)  # type: ignore[misc]
        if autocommit:
            self._release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _release_write_lock(self) -> None:
        fd, self._write_lock_fd = self._write_lock_fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the flock
