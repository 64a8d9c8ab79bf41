from django.urls import path

from . import bulk_views, macro_views, saved_views, views

app_name = "workspace"
urlpatterns = [
    path("desk/tickets/<int:ticket_id>/fields", views.ticket_fields, name="fields"),
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
]
