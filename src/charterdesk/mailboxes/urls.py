from django.urls import path  # noqa: F401

app_name = "mailboxes"
urlpatterns: list[object] = []
