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


def check_uploads(files: list[UploadedFile]) -> None:
    """Every problem with the files at once, as the form field's error."""
    limit = settings.MAIL_MAX_ATTACHMENT_BYTES
    errors = []
    if len(files) > MAX_FILES:
        errors.append(f"Attach at most {MAX_FILES} files to one message.")
    for upload in files:
        if upload.size is not None and upload.size > limit:
            errors.append(f"{upload.name} is larger than the limit of {_megabytes(limit)} MB.")
        elif not upload.size:
            errors.append(f"{upload.name} is empty.")
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class KeptFile:
    """An upload stored as a blob, with its safe name and its type sniffed from the bytes."""

    blob: Blob
    filename: str
    content_type: str
    size: int


def uploads_keep(files: list[UploadedFile]) -> list[KeptFile]:
    """Store the files' bytes (once per SHA-256) for a record of the caller's (a ticket
    message, a community post); the caller owns the transaction and checked the files
    with `check_uploads`."""
    kept = []
    for index, upload in enumerate(files):
        data = upload.read()
        declared = upload.content_type or ""
        filename = safe_filename(upload.name or "", index, declared)[:255]
        kept.append(
            KeptFile(
                blob=blob_store(data),
                filename=filename,
                content_type=sniff(data, declared, filename)[:100],
                size=len(data),
            )
        )
    return kept


def attachments_add(message: Message, files: list[UploadedFile]) -> list[Attachment]:
    """Keep the files with the message; the caller owns the transaction and checked the
    files with `check_uploads`."""
    rows = [
        Attachment(
            message=message,
            blob=kept.blob,
            filename=kept.filename,
            content_type=kept.content_type,
            size=kept.size,
        )
        for kept in uploads_keep(files)
    ]
    return Attachment.objects.bulk_create(rows)


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Any number of files (none is fine) within `check_uploads`: for any form that takes
    customer files."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("widget", _MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def clean(self, data: object, initial: object = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data]
        files = [super(FilesField, self).clean(item, initial) for item in items if item]
        check_uploads(files)
        return files


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"
