"""The "API tokens" page of the account area: a person's own tokens, made and revoked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.core.forms import add_service_errors

from .auth import signed_in_user
from .models import ApiToken
from .token_forms import TokenForm
from .tokens import scopes_for, token_issue, token_revoke, tokens_of


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """List and make tokens; a new token's text is on this answer only, never again."""
    user = signed_in_user(request)
    allowed = scopes_for(user)
    if not allowed:
        raise PermissionDenied("Your role does not use the API.")
    form = TokenForm(request.POST or None, scopes=allowed)
    plain = ""
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                _, plain = token_issue(
                    user,
                    name=form.cleaned_data["name"],
                    scopes=form.cleaned_data["scopes"],
                    days=form.days(),
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = TokenForm(scopes=allowed)
    context = {"form": form, "plain": plain, "tokens": tokens_of(user)[:100]}
    return render(request, "accounts/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        with transaction.atomic(durable=True):
            token = token_revoke(signed_in_user(request), token_id)
    except ApiToken.DoesNotExist:
        raise Http404("No such token.") from None
    messages.success(request, f"Token {token.prefix}… revoked: it is refused from now on.")
    return redirect("accounts:tokens")
