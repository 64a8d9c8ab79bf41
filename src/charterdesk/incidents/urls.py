from django.urls import path

from . import views

app_name = "incidents"
urlpatterns = [
    path("desk/incidents", views.incident_list, name="list"),
    path("desk/incidents/new", views.incident_new, name="new"),
    path("desk/incidents/review", views.review, name="review"),
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
