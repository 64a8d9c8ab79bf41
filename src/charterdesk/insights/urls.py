from django.urls import path

from . import import_views, manage_views, report_views, ticket_views
from .gaps import views as gap_views
from .spikes import views as spike_views

app_name = "insights"
urlpatterns = [
    path("desk/insights/volume", report_views.volume_report, name="volume"),
    path("desk/insights/causes", report_views.causes_report, name="causes"),
    path("desk/insights/tickets", report_views.tickets_behind, name="tickets"),
    path("desk/insights/spikes", spike_views.spike_list, name="spikes"),
    path("desk/insights/spikes/settings", spike_views.spike_settings, name="spike_settings"),
    path("desk/insights/gaps", gap_views.gap_list, name="gaps"),
    path("desk/insights/gaps/draft", gap_views.gap_draft_article, name="gap_draft"),
    path(
        "desk/tickets/<int:ticket_id>/category",
        ticket_views.ticket_category,
        name="ticket_category",
    ),
    path("desk/tickets/<int:ticket_id>/cause", ticket_views.ticket_cause, name="ticket_cause"),
    path("manage/categories/", manage_views.category_list, name="categories"),
    path("manage/import/", import_views.import_upload, name="import"),
    path("manage/import/<int:run_id>/", import_views.import_run, name="import_run"),
    path("manage/categories/<int:category_id>/", manage_views.category_edit, name="category"),
    path(
        "manage/categories/<int:category_id>/active",
        manage_views.category_activate,
        name="category_activate",
    ),
]
