from django.urls import path  # noqa: F401

app_name = "hours"
urlpatterns: list[object] = []
