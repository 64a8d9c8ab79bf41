from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.ticket_list, name="tickets"),
    path("new/", views.ticket_new, name="new"),
    path("new/preview", views.coverage_preview, name="preview"),
    path("tickets/<int:ticket_id>/", views.ticket_detail, name="ticket"),
]
