from django.urls import path

from . import views

app_name = "hours"
urlpatterns = [
    path("desk/tickets/<int:ticket_id>/time", views.time_entry_new, name="new"),
    path("desk/time/<int:entry_id>", views.time_entry_change, name="change"),
    path("desk/time/<int:entry_id>/delete", views.time_entry_delete, name="delete"),
    path("desk/contracts/<int:contract_id>/hours", views.contract_hours, name="contract"),
]
