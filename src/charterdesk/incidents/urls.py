from django.urls import path

from . import import_views, views
from .webhooks import views as webhooks

app_name = "incidents"
urlpatterns = [
    path("desk/incidents", views.incident_list, name="list"),
    path("desk/incidents/new", views.incident_new, name="new"),
    path("desk/incidents/review", views.review, name="review"),
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
    path("desk/incidents/<int:incident_id>/tickets", views.ticket_link, name="link"),
    path(
        "desk/incidents/<int:incident_id>/tickets/<int:ticket_id>/unlink",
        views.ticket_unlink,
        name="unlink",
    ),
    path("desk/incidents/<int:incident_id>/postmortem", views.postmortem, name="postmortem"),
]
