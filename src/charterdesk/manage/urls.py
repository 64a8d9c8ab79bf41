from django.urls import path

from . import (
    audit_views,
    calendar_views,
    contract_views,
    mailbox_views,
    plan_version_views,
    plan_views,
    views,
)

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
    path(
        "plans/<int:plan_id>/versions/new",
        plan_version_views.plan_version_new,
        name="plan_version_new",
    ),
    path(
        "plans/<int:plan_id>/versions/<int:number>/",
        plan_version_views.plan_version_edit,
        name="plan_version",
    ),
    path(
        "plans/<int:plan_id>/versions/<int:number>/publish",
        plan_version_views.plan_version_publish_view,
        name="plan_version_publish",
    ),
    path(
        "plans/<int:plan_id>/versions/<int:number>/discard",
        plan_version_views.plan_version_discard_view,
        name="plan_version_discard",
    ),
    path("mailboxes/", mailbox_views.mailbox_list, name="mailboxes"),
    path("mailboxes/new", mailbox_views.mailbox_new, name="mailbox_new"),
    path("mailboxes/<int:mailbox_id>/", mailbox_views.mailbox_edit, name="mailbox"),
    path("mailboxes/<int:mailbox_id>/test", mailbox_views.mailbox_test, name="mailbox_test"),
    path("contracts/", contract_views.contract_list, name="contracts"),
    path("contracts/new", contract_views.contract_new, name="contract_new"),
    path("contracts/<int:contract_id>/", contract_views.contract_edit, name="contract"),
    path(
        "contracts/<int:contract_id>/renew",
        contract_views.contract_renew_view,
        name="contract_renew",
    ),
]
