"""The unfollow link of a follower's mail: no sign-in, the signed token is the proof.
A GET only asks (link scanners follow links); the button posts."""

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from charterdesk.tickets.models import TicketFollower
from charterdesk.tickets.services.followers import follower_from_token, follower_remove


@require_http_methods(["GET", "POST"])
def unfollow(request: HttpRequest, token: str) -> HttpResponse:
    follower = _follower_or_404(token[:300])
    context = {"ticket": follower.ticket, "email": follower.email, "done": False}
    if request.method == "POST":
        with transaction.atomic(durable=True):
            follower_remove(_follower_or_404(token[:300], lock=True), None)
        context["done"] = True
    return render(request, "mail/unfollow.html", context)


def _follower_or_404(token: str, *, lock: bool = False) -> TicketFollower:
    follower = follower_from_token(token)
    if follower is None:
        raise Http404("This link is not valid any more: you no longer follow the ticket.")
    if lock:
        TicketFollower.objects.select_for_update().filter(pk=follower.pk).first()
    return follower
