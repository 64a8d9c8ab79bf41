from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user

from ..files import INLINE_TYPES, article_file_add, markdown_for
from ..models import Article, ArticleFile
from ..reader import reader_of
from ..selectors import article_get_for, articles_visible_to


@agent_required
@require_POST
def file_upload(request: HttpRequest, article_id: int) -> HttpResponse:
    user = signed_in_user(request)
    try:
        article = article_get_for(user, article_id, drafts=True)
    except Article.DoesNotExist as exc:
        raise Http404("No such article.") from exc
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise ValidationError("Choose a file.")
        with transaction.atomic(durable=True):
            item = article_file_add(article, upload, user)
        url = reverse("knowledge:file", args=[item.pk, item.filename])
        flash.success(request, f"Attached. Paste into the text: {markdown_for(item, url)}")
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect("knowledge:edit", article_id=article.pk)


def file_download(request: HttpRequest, file_id: int, name: str) -> HttpResponse:
    """A file of an article the reader may read (agents: of any article)."""
    visible = articles_visible_to(reader_of(request), drafts=True)
    item = (
        ArticleFile.objects.filter(pk=file_id, article__in=visible.values("pk"))
        .select_related("blob")
        .first()
    )
    if item is None:
        raise Http404("No such file.")
    inline = item.content_type in INLINE_TYPES
    response = HttpResponse(
        bytes(item.blob.data),
        content_type=item.content_type if inline else "application/octet-stream",
    )
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{item.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
