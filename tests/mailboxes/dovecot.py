"""A private Dovecot IMAP server for tests: its own config, ports, self-signed certificate,
passwd-file user and Maildir, all in a temporary folder; killed at the end.

Needs the Debian package `dovecot-imapd` (and `openssl`); tests using it are skipped with
a clear message where `dovecot` cannot be found."""

import imaplib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER = "support@charterdesk.example"
PASSWORD = "imap-test-secret"  # noqa: S105 - a throw-away account of a throw-away server


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or next(
        (path for path in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if Path(path).exists()),
        None,
    )


@dataclass(frozen=True)
class Dovecot:
    root: Path
    imap_port: int
    imaps_port: int
    ssl_context: ssl.SSLContext

    def client(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.imap_port, timeout=10)
        imap.login(USER, PASSWORD)
        return imap

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        imap = self.client()
        try:
            typ, data = imap.append(folder, "", imaplib.Time2Internaldate(time.time()), raw)
            assert typ == "OK", data  # noqa: S101 - test helper
        finally:
            imap.logout()

    def folder(self, name: str = "INBOX") -> list[tuple[int, set[str]]]:
        """(uid, flags) of every message in the folder, as the server has them now."""
        imap = self.client()
        try:
            imap.select(f'"{name}"')
            typ, data = imap.uid("FETCH", "1:*", "(FLAGS)")
            found = []
            for line in data:
                if not isinstance(line, bytes) or b"UID" not in line:
                    continue
                text = line.decode()
                uid = int(text.split("UID ", 1)[1].split()[0].rstrip(")"))
                flags = set(text.split("FLAGS (", 1)[1].split(")", 1)[0].split())
                found.append((uid, flags))
            return sorted(found)
        finally:
            imap.logout()

    def create(self, name: str) -> None:
        imap = self.client()
        try:
            imap.create(f'"{name}"')
        finally:
            imap.logout()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _certificate(root: Path) -> tuple[Path, Path]:
    cert, key = root / "cert.pem", root / "key.pem"
    subprocess.run(  # noqa: S603
        [
            shutil.which("openssl") or "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def _mail_user() -> tuple[int, int, str]:
    """uid, gid and name mail is read as: Dovecot never reads mail as root."""
    if os.geteuid() != 0:
        me = pwd.getpwuid(os.geteuid())
        return me.pw_uid, me.pw_gid, me.pw_name
    for name in ("dovecot", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return entry.pw_uid, entry.pw_gid, entry.pw_name
    raise RuntimeError("no unprivileged user to read mail as")


def _config(root: Path, imap_port: int, imaps_port: int, cert: Path, key: Path) -> str:
    uid, gid, name = _mail_user()
    unprivileged = ""
    if os.geteuid() != 0:
        unprivileged = f"default_internal_user = {name}\ndefault_login_user = {name}\n"
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
instance_name = charterdesk-test-{imap_port}
{unprivileged}
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
"""


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot exited: {log.read_text() if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("dovecot did not start listening within 20 s")


@contextmanager
def running_dovecot(binary: str) -> Iterator[Dovecot]:
    root = Path(tempfile.mkdtemp(prefix="charterdesk-dovecot-"))
    root.chmod(0o755)  # the unprivileged mail user must reach its home below it
    process = None
    try:
        uid, gid, _ = _mail_user()
        home = root / "home" / USER
        home.mkdir(parents=True)
        for path in (root / "home", home):
            os.chown(path, uid, gid)
        (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        cert, key = _certificate(root)
        imap_port, imaps_port = _free_port(), _free_port()
        config = root / "dovecot.conf"
        config.write_text(_config(root, imap_port, imaps_port, cert, key))
        process = subprocess.Popen(  # noqa: S603
            [binary, "-F", "-c", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: teardown ends all its children
        )
        _wait_for(imaps_port, process, root / "dovecot.log")
        context = ssl.create_default_context(cafile=str(cert))
        yield Dovecot(root, imap_port, imaps_port, context)
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(root, ignore_errors=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


@contextmanager
def dovecot_or_skip() -> Iterator[Dovecot]:
    """A running Dovecot for one test, or the test skipped saying what to install."""
    binary = dovecot_binary()
    if binary is None:
        import pytest

        pytest.skip("dovecot not found: install the Debian package dovecot-imapd")
    with running_dovecot(binary) as server:
        yield server
