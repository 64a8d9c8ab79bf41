"""Files a customer attaches to a new request or a reply, in the portal or the widget. They
are kept like mail attachments (content-addressed blobs, the type sniffed from the bytes,
the same size limit) and are only ever offered for download, never shown inline."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from charterdesk.mail.models import Attachment
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


def attachments_add(message: Message, files: list[UploadedFile]) -> list[Attachment]:
    """Keep the files with the message; the caller owns the transaction and checked the
    files with `check_uploads`."""
    rows = []
    for index, upload in enumerate(files):
        data = upload.read()
        declared = upload.content_type or ""
        filename = safe_filename(upload.name or "", index, declared)
        rows.append(
            Attachment(
                message=message,
                blob=blob_store(data),
                filename=filename[:255],
                content_type=sniff(data, declared, filename)[:100],
                size=len(data),
            )
        )
    return Attachment.objects.bulk_create(rows)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"
