from django.urls import path

from . import views

app_name = "commitments"
urlpatterns = [
    path("desk/commitments", views.dashboard, name="dashboard"),
    path("desk/tickets/<int:ticket_id>/commitments", views.commitment_new, name="new"),
    path("desk/commitments/<int:commitment_id>", views.commitment_change, name="change"),
]
