from django.urls import path

from . import new_ticket, product_views, reports, search_views, ticket_forms, views

app_name = "desk"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("search", search_views.search, name="search"),
    path("tickets/new", new_ticket.new_ticket, name="new_ticket"),
    path("tickets/<int:ticket_id>/", views.ticket_detail, name="ticket"),
    path("tickets/<int:ticket_id>/reply", views.ticket_reply, name="reply"),
    path("tickets/<int:ticket_id>/properties", views.ticket_properties, name="properties"),
    path("tickets/<int:ticket_id>/product", product_views.ticket_product, name="product"),
    path("tickets/<int:ticket_id>/anonymize", views.ticket_anonymize, name="anonymize"),
    path("tickets/<int:ticket_id>/forms/<slug:name>", ticket_forms.ticket_form, name="ticket_form"),
    path(
        "tickets/<int:ticket_id>/forms/<slug:name>/<int:row>",
        ticket_forms.ticket_form,
        name="ticket_form_row",
    ),
    path("tickets/<int:ticket_id>/sla-override", views.sla_override, name="sla_override"),
    path(
        "suggest/<str:kind>",
        views.suggestions,
        name="suggest",
    ),
    path("reports/sla", reports.sla_attainment, name="sla_report"),
    path("reports/sla/tickets", reports.sla_tickets, name="sla_tickets"),
]
