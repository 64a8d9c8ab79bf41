from django.urls import path

from . import views

app_name = "mailboxes"
urlpatterns = [
    path("desk/mail/<int:mail_id>/retry", views.inbound_retry, name="retry"),
]
