from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("tickets/<int:ticket_id>/", views.ticket_detail, name="ticket"),
    path("tickets/<int:ticket_id>/reply", views.ticket_reply, name="reply"),
    path("tickets/<int:ticket_id>/properties", views.ticket_properties, name="properties"),
]
