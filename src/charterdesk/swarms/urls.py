from django.urls import path  # noqa: F401

app_name = "swarms"
urlpatterns: list[object] = []
