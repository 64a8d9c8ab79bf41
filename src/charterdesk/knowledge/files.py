"""Images and attachments of articles, kept as blobs (stored once per SHA-256, like mail
attachments). Raster images are shown inline; everything else is only downloaded."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from charterdesk.accounts.models import User
from charterdesk.mail.models import Blob
from charterdesk.mailparse import safe_filename, sniff

from .models import Article, ArticleFile

MAX_BYTES = 10 * 1024 * 1024
INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


def article_file_add(article: Article, upload: UploadedFile, actor: User) -> ArticleFile:
    data = upload.read()
    if not data:
        raise ValidationError({"file": "The file is empty."})
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": "Attach files up to 10 MB."})
    digest = hashlib.sha256(data).hexdigest()
    blob, _ = Blob.objects.get_or_create(sha256=digest, defaults={"size": len(data), "data": data})
    filename = safe_filename(upload.name or "", 0, upload.content_type or "")[:255]
    return ArticleFile.objects.create(
        article=article,
        blob=blob,
        filename=filename,
        content_type=sniff(data, upload.content_type or "", filename)[:100],
        size=len(data),
        uploaded_by=actor,
    )


def markdown_for(item: ArticleFile, url: str) -> str:
    """What to paste into the article's text to show or link the file."""
    if item.content_type in INLINE_TYPES:
        return f"![{item.filename}]({url})"
    return f"[{item.filename}]({url})"
