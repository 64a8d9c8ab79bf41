"""Files a customer attaches to a new request or a reply, in the portal or the widget. They
are kept like mail attachments (content-addressed blobs, the type sniffed from the bytes,
the same size limit) and are only ever offered for download, never shown inline."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from charterdesk.mail.models import Attachment, Blob
from charterdesk.mailparse import safe_filename, sniff
from charterdesk.tickets.models import Message

from .ingest.store import blob_store

MAX_FILES = 10


def check_uploads(files: list[UploadedFile], max_files: int = MAX_FILES) -> None:
    """Every problem with the files at once, as the form field's error. `max_files` may be
    lower than MAX_FILES where the sender is not known yet (a visitor in the widget)."""
    limit = settings.MAIL_MAX_ATTACHMENT_BYTES
    errors = []
    if len(files) > max_files:
        errors.append(f"Attach at most {max_files} files to one message.")
    for upload in files:
        if upload.size is not None and upload.size > limit:
            errors.append(f"{upload.name} is larger than the limit of {_megabytes(limit)} MB.")
        elif not upload.size:
            errors.append(f"{upload.name} is empty.")
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class KeptFile:
    """A checked upload's bytes, kept as a blob, before it belongs to a message (a
    visitor's request waits for its confirmation with its files)."""

    blob: Blob
    filename: str
    content_type: str
    size: int


def files_keep(files: list[UploadedFile]) -> list[KeptFile]:
    """Store the files' bytes (once per content) with their safe names and sniffed types;
    the caller owns the transaction and checked the files with `check_uploads`."""
    kept = []
    for index, upload in enumerate(files):
        data = upload.read()
        declared = upload.content_type or ""
        filename = safe_filename(upload.name or "", index, declared)[:255]
        kind = sniff(data, declared, filename)[:100]
        kept.append(KeptFile(blob_store(data), filename, kind, len(data)))
    return kept


def attachments_of_kept(message: Message, kept: list[KeptFile]) -> list[Attachment]:
    """Kept files become the message's attachments."""
    rows = [
        Attachment(
            message=message,
            blob=item.blob,
            filename=item.filename,
            content_type=item.content_type,
            size=item.size,
        )
        for item in kept
    ]
    return Attachment.objects.bulk_create(rows)


def attachments_add(message: Message, files: list[UploadedFile]) -> list[Attachment]:
    """Keep the files with the message; the caller owns the transaction and checked the
    files with `check_uploads`."""
    return attachments_of_kept(message, files_keep(files))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Any number of files (none is fine) within `check_uploads` (how many, how large): for
    any form that takes customer files. `max_files` lower where the sender is not known yet
    (a visitor in the widget)."""

    def __init__(self, *, max_files: int = MAX_FILES, **kwargs: object) -> None:
        self.max_files = max_files
        kwargs.setdefault("widget", _MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def clean(self, data: object, initial: object = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data]
        files = [super(FilesField, self).clean(item, initial) for item in items if item]
        check_uploads(files, self.max_files)
        return files
