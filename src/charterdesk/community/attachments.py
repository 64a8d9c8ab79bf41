"""Files on forum posts. The customer upload rules (mailboxes.uploads: how many, how
large, the type sniffed from the bytes, stored once per SHA-256) plus the forum's own:
at most COMMUNITY_ATTACHMENTS_PER_POST files of COMMUNITY_ATTACHMENT_TYPES, each within
COMMUNITY_ATTACHMENT_MAX_BYTES, from members of trust level Basic up (like links).
A file is downloaded by those who may read its post, so a closed category's files are
as closed as its topics; it is always a download, never shown inline."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet

from charterdesk.mailboxes.uploads import check_uploads, files_keep
from charterdesk.mailparse import sniff

from .models import Member, Post, PostAttachment, TrustLevel
from .selectors import Reader, posts_readable_by


def check_attachments(member: Member, files: list[UploadedFile]) -> None:
    """Every problem with the files at once, as the `attachments` field's error."""
    if not files:
        return
    if member.trust_level < TrustLevel.BASIC:
        raise ValidationError(
            {"attachments": "New members cannot attach files yet; take part a little first."}
        )
    try:
        check_uploads(files)
    except ValidationError as exc:
        raise ValidationError({"attachments": exc.messages}) from exc
    errors = []
    if len(files) > settings.COMMUNITY_ATTACHMENTS_PER_POST:
        errors.append(f"Attach at most {settings.COMMUNITY_ATTACHMENTS_PER_POST} files to a post.")
    limit = settings.COMMUNITY_ATTACHMENT_MAX_BYTES
    for upload in files:
        if upload.size is not None and upload.size > limit:
            errors.append(f"{upload.name} is larger than {limit / (1024 * 1024):g} MB.")
            continue
        head = upload.read(4096)
        upload.seek(0)
        kind = sniff(head, upload.content_type or "", upload.name or "")
        if kind not in settings.COMMUNITY_ATTACHMENT_TYPES:
            errors.append(f"{upload.name}: files of type {kind} cannot be attached here.")
    if errors:
        raise ValidationError({"attachments": errors})


def attachments_add(post: Post, files: list[UploadedFile]) -> list[PostAttachment]:
    """Keep the checked files with the post (in the caller's transaction)."""
    rows = [
        PostAttachment(
            post=post, blob=kept.blob, filename=kept.filename,
            content_type=kept.content_type, size=kept.size,
        )
        for kept in files_keep(files)
    ]  # fmt: skip
    return PostAttachment.objects.bulk_create(rows)


def attachments_visible_to(reader: Reader) -> QuerySet[PostAttachment]:
    return PostAttachment.objects.filter(post__in=posts_readable_by(reader).values("pk"))


def attachment_get_for(reader: Reader, attachment_id: int) -> PostAttachment:
    """One file of a post the reader may read (PostAttachment.DoesNotExist otherwise)."""
    return attachments_visible_to(reader).select_related("blob").get(pk=attachment_id)
