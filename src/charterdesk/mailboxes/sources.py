"""Where `charterdesk mail ingest` reads messages from: .eml files, mbox files, Maildir
folders and standard input. Each message comes with a `source` naming where it was
("archive.mbox#17", "maildir:backup/cur/1700000000.M1.host", "-"), and its raw bytes
exactly as stored. Nothing is read before it is needed: an mbox is scanned once for the
offsets of its messages, then each message is read on its own."""

import mailbox
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MBOX_SUFFIXES = (".mbox", ".mbx")


class SourceError(ValueError):
    """A path that cannot be read as mail: missing, or a folder that is not a Maildir."""


@dataclass(frozen=True)
class Source:
    name: str
    count: int
    messages: Callable[[], Iterator[tuple[str, bytes]]]


def without_envelope_line(raw: bytes) -> bytes:
    """A single message may start with the mbox 'From sender date' line: not a header."""
    if raw.startswith(b"From "):
        return raw.split(b"\n", 1)[1] if b"\n" in raw else b""
    return raw


def _is_maildir(path: Path) -> bool:
    return (path / "cur").is_dir() and (path / "new").is_dir()


def _looks_like_mbox(path: Path) -> bool:
    if path.suffix.lower() in MBOX_SUFFIXES:
        return True
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def _eml(path: Path) -> Source:
    def messages() -> Iterator[tuple[str, bytes]]:
        yield str(path), without_envelope_line(path.read_bytes())

    return Source(str(path), 1, messages)


def _mbox(path: Path) -> Source:
    box = mailbox.mbox(path, create=False)
    keys = list(box.iterkeys())  # offsets only: the messages stay on disk

    def messages() -> Iterator[tuple[str, bytes]]:
        try:
            for number, key in enumerate(keys, start=1):
                yield f"{path}#{number}", box.get_bytes(key)
        finally:
            box.close()

    return Source(str(path), len(keys), messages)


def _maildir(path: Path) -> Source:
    files = [
        file
        for folder in ("new", "cur")
        for file in sorted((path / folder).iterdir())
        if file.is_file() and not file.name.startswith(".")
    ]

    def messages() -> Iterator[tuple[str, bytes]]:
        for file in files:
            yield f"maildir:{file}", file.read_bytes()

    return Source(f"maildir:{path}", len(files), messages)


def _stdin(stream: BinaryIO) -> Source:
    def messages() -> Iterator[tuple[str, bytes]]:
        yield "-", without_envelope_line(stream.read())

    return Source("-", 1, messages)


def open_source(text: str, stdin: BinaryIO) -> Source:
    if text == "-":
        return _stdin(stdin)
    path = Path(text)
    if not path.exists():
        raise SourceError(f"{text}: no such file or folder")
    if path.is_dir():
        if not _is_maildir(path):
            raise SourceError(f"{text}: a folder that is not a Maildir (no cur/ and new/)")
        return _maildir(path)
    try:
        return _mbox(path) if _looks_like_mbox(path) else _eml(path)
    except OSError as exc:
        raise SourceError(f"{text}: {exc.strerror or exc}") from exc


def open_sources(texts: list[str], stdin: BinaryIO) -> list[Source]:
    """Every source checked before any message is read; SourceError for the first bad one."""
    if texts.count("-") > 1:
        raise SourceError("standard input ('-') can be read only once")
    return [open_source(text, stdin) for text in texts]
