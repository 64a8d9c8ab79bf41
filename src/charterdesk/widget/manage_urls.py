from django.urls import path

from . import manage_views

app_name = "widget_manage"
urlpatterns = [
    path("", manage_views.keys, name="keys"),
    path("<int:key_id>/revoke", manage_views.revoke, name="revoke"),
]
