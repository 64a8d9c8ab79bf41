from django.urls import path

from . import bulk_views, macro_views, presence_views, saved_views, ticket_views, views
from .dashboard import views as dashboard_views

app_name = "workspace"
urlpatterns = [
    path("desk/dashboard/", dashboard_views.dashboard, name="dashboard"),
    path(
        "desk/dashboard/panels/<slug:name>",
        dashboard_views.dashboard_panel,
        name="dashboard_panel",
    ),
    path("desk/tickets/<int:ticket_id>/fields", views.ticket_fields, name="fields"),
    path(
        "desk/tickets/<int:ticket_id>/presence",
        presence_views.presence_heartbeat,
        name="presence",
    ),
    path("desk/tickets/<int:ticket_id>/macro", macro_views.macro_apply, name="apply_macro"),
    path(
        "desk/tickets/<int:ticket_id>/macros/<int:macro_id>/preview",
        macro_views.macro_preview,
        name="preview_macro",
    ),
    path("desk/macros/", macro_views.macro_list, name="macros"),
    path("desk/macros/new", macro_views.macro_new, name="new_macro"),
    path("desk/macros/<int:macro_id>", macro_views.macro_edit, name="macro"),
    path("desk/macros/<int:macro_id>/delete", macro_views.macro_delete, name="delete_macro"),
    path("desk/bulk", bulk_views.bulk_apply, name="bulk"),
    path("desk/bulk/undo", bulk_views.bulk_undo_last, name="bulk_undo"),
    path("desk/views/new", saved_views.view_new, name="new_view"),
    path("desk/views/<int:view_id>", saved_views.view_open, name="view"),
    path("desk/views/<int:view_id>/delete", saved_views.view_delete, name="delete_view"),
    path("desk/tickets/<int:ticket_id>/links", ticket_views.link_new, name="link"),
    path(
        "desk/tickets/<int:ticket_id>/links/<int:link_id>/delete",
        ticket_views.link_delete,
        name="unlink",
    ),
    path("desk/tickets/<int:ticket_id>/merge", ticket_views.merge, name="merge"),
    path("desk/tickets/<int:ticket_id>/problem", ticket_views.problem_mark, name="problem"),
    path("desk/tickets/<int:ticket_id>/solve", ticket_views.problem_solve_view, name="solve"),
    path("desk/tickets/<int:ticket_id>/followers", ticket_views.follower_new, name="follower"),
    path("desk/tickets/<int:ticket_id>/follow", ticket_views.follow_me, name="follow"),
    path(
        "desk/tickets/<int:ticket_id>/followers/<int:follower_id>/delete",
        ticket_views.follower_delete,
        name="unfollow",
    ),
]
