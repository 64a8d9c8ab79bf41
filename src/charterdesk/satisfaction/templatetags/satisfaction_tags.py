from typing import Any

from django import template
from django.utils import timezone

from ..forms import AnswerForm
from ..selectors import survey_of

register = template.Library()


@register.inclusion_tag("satisfaction/_desk_panel.html")
def desk_survey(panels: Any) -> dict[str, Any]:
    """`panels`: what the ticket page read (desk.ticket_page.Panels)."""
    return {"survey": panels.survey}


@register.inclusion_tag("satisfaction/_portal_panel.html", takes_context=True)
def portal_survey(context: dict[str, Any], ticket: Any) -> dict[str, Any]:
    survey = survey_of(ticket)
    user = context.get("user")
    mine = survey is not None and getattr(user, "contact", None) == survey.contact
    form = None
    if mine and survey is not None and survey.open_until >= timezone.now():
        form = AnswerForm(initial={"rating": survey.rating, "comment": survey.comment})
    return {
        "survey": survey,
        "ticket": ticket,
        "form": form,
        "mine": mine,
        "csrf_token": context.get("csrf_token"),
    }
