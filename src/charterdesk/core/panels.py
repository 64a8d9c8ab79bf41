"""Side forms of a page (the ticket page's time, promise, escalation, estimate and help
forms) post to the view of the app that owns them. When one fails, that view shows the page
again, in the same response: the form bound to what was typed, each error next to its field,
nothing lost to a redirect.

The page belongs to a higher app (the desk) than the panel (hours, commitments, …), so the
page registers how it renders here, by name, and the panel's view asks for it.
"""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import HttpRequest, HttpResponse

from .forms import add_service_errors

# (request, id of the page's object, the failed forms by panel key) -> the page
PageRenderer = Callable[[HttpRequest, int, Mapping[str, forms.Form]], HttpResponse]

_pages: dict[str, PageRenderer] = {}

F = TypeVar("F", bound=forms.Form)


def register_page(name: str, render: PageRenderer) -> None:
    """A page that shows panels (called from the page app's `AppConfig.ready`)."""
    if name in _pages and _pages[name] is not render:
        raise ImproperlyConfigured(f"Two pages registered as {name!r}.")
    _pages[name] = render


def show_again(
    request: HttpRequest,
    page: str,
    object_id: int,
    key: str,
    form: forms.Form,
    error: ValidationError | None = None,
) -> HttpResponse:
    """The page with this panel's form as it was posted, its errors beside the fields
    (a service's errors too, on the fields they name)."""
    if error is not None:
        add_service_errors(form, error)
    try:
        render = _pages[page]
    except KeyError as exc:
        raise ImproperlyConfigured(f"No page registered as {page!r}.") from exc
    return render(request, object_id, {key: form})


def panel_form(context: Any, key: str, blank: F) -> F:
    """The failed form of this panel if the page shows one again, else `blank`
    (`context`: the page's template context, as an inclusion tag receives it)."""
    failed = context.get("panel_forms") or {}
    form = failed.get(key)
    return form if isinstance(form, type(blank)) else blank


class PanelForm(forms.Form):
    """A side form of a page that shows several: its fields' ids start with `panel`
    (`time-note`, `promise-due_at`), so each label points at its own field. The field
    names stay as they are; pass `auto_id` for a form shown once per row."""

    panel = "panel"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.panel}-%s")
        super().__init__(*args, **kwargs)


def failed_form(context: Any, key: str) -> forms.Form | None:
    """The failed form of this panel if the page shows one again, else None: the page
    draws a collapsed form only when the agent opens it (desk.ticket_forms)."""
    failed = context.get("panel_forms") or {}
    form: forms.Form | None = failed.get(key)
    return form
