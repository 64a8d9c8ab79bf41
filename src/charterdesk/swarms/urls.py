from django.urls import path

from . import views

app_name = "swarms"
urlpatterns = [
    path("desk/tickets/<int:ticket_id>/help", views.help_request, name="help"),
    path("desk/tickets/<int:ticket_id>/collaborators", views.collaborator_add, name="add"),
    path(
        "desk/tickets/<int:ticket_id>/collaborators/<int:agent_id>/remove",
        views.collaborator_remove,
        name="remove",
    ),
]
