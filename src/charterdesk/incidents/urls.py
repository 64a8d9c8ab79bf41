from django.urls import path

from . import followup_views, import_views, views
from .setup import policy_views as policy
from .setup import views as setup
from .webhooks import views as webhooks

SETUP = "desk/incidents/setup/"

app_name = "incidents"
urlpatterns = [
    path("desk/incidents", views.incident_list, name="list"),
    path("desk/incidents/new", views.incident_new, name="new"),
    path("desk/incidents/review", followup_views.review, name="review"),
    path("desk/incidents/actions", followup_views.actions, name="actions"),
    path(
        "desk/incidents/deployments/import",
        import_views.import_deployments,
        name="import_deployments",
    ),
    path("desk/incidents/webhooks", webhooks.webhook_list, name="webhooks"),
    path("desk/incidents/webhooks/<int:endpoint_id>", webhooks.webhook_detail, name="webhook"),
    path(
        "desk/incidents/webhooks/<int:endpoint_id>/ping", webhooks.webhook_ping, name="webhook_ping"
    ),
    path(
        "desk/incidents/webhooks/<int:endpoint_id>/deliveries/<int:delivery_id>/resend",
        webhooks.delivery_resend,
        name="webhook_resend",
    ),
    path(
        "desk/incidents/webhooks/<int:endpoint_id>/delete",
        webhooks.webhook_delete,
        name="webhook_delete",
    ),
    path("desk/incidents/<int:incident_id>", views.incident_detail, name="detail"),
    path("desk/incidents/<int:incident_id>/qualify", views.incident_qualify, name="qualify"),
    path("desk/incidents/<int:incident_id>/updates", views.incident_update, name="update"),
    path("desk/incidents/<int:incident_id>/resolve", views.incident_resolve, name="resolve"),
    path("desk/incidents/<int:incident_id>/scope", views.incident_scope, name="scope"),
    path("desk/incidents/<int:incident_id>/roles", views.incident_role, name="role"),
    path("desk/incidents/<int:incident_id>/tickets", views.ticket_link, name="link"),
    path(
        "desk/incidents/<int:incident_id>/tickets/<int:ticket_id>/unlink",
        views.ticket_unlink,
        name="unlink",
    ),
    path("desk/incidents/<int:incident_id>/postmortem", views.postmortem, name="postmortem"),
    path(SETUP, setup.overview, name="setup"),
    path(f"{SETUP}services", setup.services, name="setup_services"),
    path(f"{SETUP}services/<int:service_id>", setup.service_detail, name="setup_service"),
    path(
        f"{SETUP}services/<int:service_id>/archive",
        setup.service_archive,
        name="setup_service_archive",
    ),
    path(f"{SETUP}services/<int:service_id>/monitors", setup.monitor_add, name="setup_monitor_add"),
    path(f"{SETUP}monitors/<int:monitor_id>", setup.monitor_edit, name="setup_monitor"),
    path(f"{SETUP}severities", policy.severities, name="setup_severities"),
    path(f"{SETUP}severities/<int:severity_id>", policy.severity_edit, name="setup_severity"),
    path(f"{SETUP}roles", policy.roles, name="setup_roles"),
    path(f"{SETUP}roles/<int:assignment_id>", policy.role_edit, name="setup_role"),
    path(f"{SETUP}roles/<int:assignment_id>/delete", policy.role_delete, name="setup_role_delete"),
    path(f"{SETUP}templates", policy.templates, name="setup_templates"),
    path(f"{SETUP}templates/<str:kind>", policy.template_edit, name="setup_template"),
    path(f"{SETUP}templates/<str:kind>/reset", policy.template_reset, name="setup_template_reset"),
]
