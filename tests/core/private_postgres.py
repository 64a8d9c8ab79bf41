"""A private PostgreSQL cluster for tests that stop and start the database (never the
machine's shared one): Debian's initdb and pg_ctl, a temporary directory, a free port, run
as the `postgres` user when the tests run as root (initdb refuses root)."""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
# pg_ctl waits 60 s by default for a start or stop; a loaded machine can need longer.
WAIT = 180


def available() -> bool:
    return bool(BINARIES) and (os.geteuid() != 0 or shutil.which("runuser") is not None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PrivatePostgres:
    def __init__(self) -> None:
        self.bin = Path(BINARIES[-1]).parent
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="charterdesk-pg-"))
        self.data = self.root / "data"
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.root, "postgres")
        self._run(
            self.bin / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync"
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *argv: object) -> None:
        subprocess.run(  # noqa: S603 - fixed binaries, our own arguments
            [*self.as_owner, *map(str, argv)], check=True, capture_output=True, timeout=WAIT + 30
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = self.root / "server.log"
        self._run(
            self.bin / "pg_ctl",
            "-D",
            self.data,
            "-o",
            options,
            "-l",
            log,
            "-w",
            "-t",
            WAIT,
            "start",
        )

    def stop(self) -> None:
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "-t", WAIT, "stop")

    def destroy(self) -> None:
        subprocess.run(  # noqa: S603
            [
                *self.as_owner,
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
            timeout=WAIT,
        )
        shutil.rmtree(self.root, ignore_errors=True)
