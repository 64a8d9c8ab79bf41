"""The words of customer notices: the built-in templates, and the values of the
placeholders for one incident."""

from django.conf import settings
from django.utils import timezone

from .choices import TemplateKind
from .models import Incident, Maintenance, MessageTemplate
from .placeholders import render

FOOTER = "\n\nCurrent status: {status_page}\n"

DEFAULTS: dict[str, tuple[str, str]] = {
    TemplateKind.FIRST_ALERT: (
        "[Incident] {title}",
        "We are investigating a problem that affects you.\n\n{nature}\n\n"
        "Affected: {services} ({regions}).\nExpected resolution: {expected_resolution}.\n"
        "Next update: {next_update}.\nMore: {article_link}" + FOOTER,
    ),
    TemplateKind.UPDATE: (
        "[Incident update: {status}] {title}",
        "{message}\n\nAffected: {services} ({regions}).\n"
        "Expected resolution: {expected_resolution}.\nNext update: {next_update}." + FOOTER,
    ),
    TemplateKind.RESOLUTION: (
        "[Resolved] {title}",
        "The incident is resolved.\n\n{message}\n\nData lost: {data_lost}.\n"
        "Affected: {services} ({regions}). A post-mortem follows." + FOOTER,
    ),
    TemplateKind.MAINTENANCE: (
        "[Scheduled maintenance] {title}",
        "{message}\n\nWindow: {window}.\nAffected: {services} ({regions})." + FOOTER,
    ),
    TemplateKind.POSTMORTEM: (
        "[Post-mortem] {title}",
        "{postmortem}" + FOOTER,
    ),
    TemplateKind.TICKET_REPLY: (
        "{title}",
        "The incident behind this request is resolved: {title}.\n\n{message}\n\n"
        "If you still see a problem, reply to this message and we will look again.",
    ),
}


def template_for(kind: str) -> tuple[str, str]:
    """(subject, body) of a kind: the saved template, or the built-in one."""
    saved = MessageTemplate.objects.filter(kind=kind).first()
    if saved is not None:
        return saved.subject, saved.body
    return DEFAULTS[kind]


def _when(moment: object) -> str:
    if moment is None:
        return "not known yet"
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M %Z}"  # type: ignore[arg-type]


def values_for(incident: Incident | Maintenance, message: str = "") -> dict[str, str]:
    services = ", ".join(incident.services.values_list("name", flat=True)) or "our services"
    values = {
        "title": incident.title,
        "services": services,
        "regions": ", ".join(incident.regions) or "all regions",
        "message": message,
        "status_page": f"{settings.SITE_URL}/status/",
    }
    if isinstance(incident, Maintenance):
        values["window"] = f"{_when(incident.starts_at)} to {_when(incident.ends_at)}"
        return values
    values.update(
        nature=incident.nature or incident.title,
        status=incident.get_status_display(),
        expected_resolution=_when(incident.expected_resolution_at),
        next_update=_when(incident.next_update_due),
        article_link=incident.article_url or "-",
        data_lost={True: "yes", False: "no", None: "not known yet"}[incident.data_lost],
    )
    postmortem = getattr(incident, "postmortem", None)
    values["postmortem"] = postmortem.customer_version if postmortem else ""
    return values


def rendered(kind: str, values: dict[str, str]) -> tuple[str, str]:
    subject, body = template_for(kind)
    return " ".join(render(subject, values).split())[:500], render(body, values)
