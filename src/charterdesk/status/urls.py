from django.urls import path

from . import detail_views, maintenance_views, monitor_views, subscription_views, views

app_name = "status"
api = "status/api/v2/"
urlpatterns = [
    path("status/", views.status_page, name="page"),
    path("status/feed.atom", views.atom_feed, name="atom"),
    path("status/maintenance.ics", views.ical_feed, name="ical"),
    path("status/incidents/<int:incident_id>", detail_views.incident, name="incident"),
    path(
        "status/maintenance/<int:maintenance_id>",
        detail_views.maintenance_window,
        name="maintenance_window",
    ),
    path(f"{api}summary.json", views.summary_json, name="summary"),
    path(f"{api}status.json", views.status_json, name="status"),
    path(f"{api}components.json", views.components_json, name="components"),
    path(f"{api}incidents.json", views.incidents_json, name="incidents"),
    path(f"{api}incidents/unresolved.json", views.unresolved_json, name="unresolved"),
    path(f"{api}scheduled-maintenances.json", views.maintenances_json, name="maintenances"),
    path(f"{api}scheduled-maintenances/upcoming.json", views.upcoming_json, name="upcoming"),
    path(f"{api}scheduled-maintenances/active.json", views.active_json, name="active"),
    path("status/subscribe", subscription_views.subscribe, name="subscribe"),
    path(
        "status/subscriptions/confirm/<str:signed>",
        subscription_views.confirm,
        name="subscription_confirm",
    ),
    path("status/subscriptions/<str:token>", subscription_views.manage, name="subscription"),
    path(
        "status/subscriptions/<str:token>/unsubscribe",
        subscription_views.unsubscribe,
        name="unsubscribe",
    ),
    path("heartbeat/<str:secret>", monitor_views.heartbeat, name="heartbeat"),
    path("desk/monitors", monitor_views.monitors, name="monitors"),
    path("desk/monitors/<int:monitor_id>", monitor_views.monitor_detail, name="monitor"),
    path("desk/monitors/<int:monitor_id>/active", monitor_views.monitor_toggle, name="toggle"),
    path("desk/maintenance", maintenance_views.maintenance_list, name="maintenance"),
    path(
        "desk/maintenance/<int:maintenance_id>",
        maintenance_views.maintenance_edit,
        name="maintenance_edit",
    ),
    path(
        "desk/maintenance/<int:maintenance_id>/cancel",
        maintenance_views.maintenance_cancel,
        name="maintenance_cancel",
    ),
    path(
        "desk/maintenance/<int:maintenance_id>/move",
        maintenance_views.maintenance_move,
        name="maintenance_move",
    ),
]
