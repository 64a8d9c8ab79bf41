from django.urls import path

from . import unfollow, views

app_name = "mail"
urlpatterns = [
    path("desk/mail/", views.inbound_list, name="inbound_list"),
    path("desk/mail/<int:mail_id>/", views.inbound_detail, name="inbound"),
    path("desk/mail/<int:mail_id>/raw", views.inbound_raw, name="raw"),
    path("desk/mail/attachments/<int:attachment_id>", views.attachment_download, name="attachment"),
    path("desk/mail/messages/<int:message_id>", views.message_original, name="message_original"),
    path("desk/mail/outbox/", views.outbox, name="outbox"),
    path("desk/mail/outbox/<int:mail_id>/resend", views.outbox_resend, name="resend"),
    path("mail/unfollow/<str:token>", unfollow.unfollow, name="unfollow"),
]
