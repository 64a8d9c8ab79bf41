from django.urls import path

from . import contract_views, profile_views, search_views, ticket_actions, views

app_name = "portal"
urlpatterns = [
    path("", views.ticket_list, name="tickets"),
    path("search", search_views.search, name="search"),
    path("new/", views.ticket_new, name="new"),
    path("new/preview", views.coverage_preview, name="preview"),
    path("tickets/<int:ticket_id>/", views.ticket_detail, name="ticket"),
    path("tickets/<int:ticket_id>/solve", ticket_actions.ticket_solve, name="solve"),
    path("tickets/<int:ticket_id>/follow", ticket_actions.ticket_follow, name="follow"),
    path("tickets/<int:ticket_id>/reopen", ticket_actions.ticket_reopen, name="reopen"),
    path("files/<int:attachment_id>", ticket_actions.attachment_download, name="attachment"),
    path("profile/", profile_views.profile, name="profile"),
    path("time-zone", profile_views.time_zone_guess, name="time_zone"),
    path("plan/", contract_views.plan, name="plan"),
    path("plan/authorized", contract_views.authorized_add, name="authorized_add"),
    path(
        "plan/authorized/<int:contact_id>/remove",
        contract_views.authorized_remove,
        name="authorized_remove",
    ),
]
