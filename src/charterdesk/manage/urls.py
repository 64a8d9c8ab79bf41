from django.urls import path

from . import audit_views, calendar_views, plan_views, views

app_name = "manage"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", audit_views.audit_log, name="audit"),
    path("calendars/", calendar_views.calendar_list, name="calendars"),
    path("calendars/new", calendar_views.calendar_new, name="calendar_new"),
    path("calendars/<int:calendar_id>/", calendar_views.calendar_edit, name="calendar"),
    path("plans/", plan_views.plan_list, name="plans"),
    path("plans/<int:plan_id>/", plan_views.plan_edit, name="plan"),
    path("plans/<int:plan_id>/publish", plan_views.plan_publish_view, name="plan_publish"),
]
