from django.urls import path

from . import contract_views, views

app_name = "portal"
urlpatterns = [
    path("", views.ticket_list, name="tickets"),
    path("new/", views.ticket_new, name="new"),
    path("new/preview", views.coverage_preview, name="preview"),
    path("tickets/<int:ticket_id>/", views.ticket_detail, name="ticket"),
    path("plan/", contract_views.plan, name="plan"),
    path("plan/authorized", contract_views.authorized_add, name="authorized_add"),
    path(
        "plan/authorized/<int:contact_id>/remove",
        contract_views.authorized_remove,
        name="authorized_remove",
    ),
]
