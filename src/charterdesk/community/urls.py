from django.urls import path

from .views import desk, forum, posts, reports, signup

app_name = "community"
urlpatterns = [
    # Members (public where the category allows)
    path("community/", forum.topics, name="topics"),
    path("community/c/<slug:slug>/", forum.topics, name="category"),
    path("community/c/<slug:slug>/follow", posts.follow_category, name="follow_category"),
    path("community/new", forum.topic_new, name="new"),
    path("community/similar", forum.similar, name="similar"),
    path("community/t/<int:topic_id>/", forum.topic, name="topic"),
    path("community/t/<int:topic_id>/reply", forum.reply, name="reply"),
    path("community/t/<int:topic_id>/follow", posts.follow_topic, name="follow"),
    path("community/t/<int:topic_id>/read", posts.read, name="read"),
    path("community/p/<int:post_id>/vote", posts.vote, name="vote"),
    path("community/p/<int:post_id>/accept", posts.accept, name="accept"),
    path("community/p/<int:post_id>/flag", posts.flag, name="flag"),
    path("community/p/<int:post_id>/edit", posts.edit, name="edit"),
    path("community/files/<int:attachment_id>", posts.download, name="file"),
    path("community/signup", signup.signup, name="signup"),
    path("community/signup/<str:token>", signup.signup_confirm_page, name="signup_confirm"),
    path("community/settings", posts.mail_settings, name="settings"),
    path("community/unsubscribe/<str:token>", posts.unsubscribe, name="unsubscribe"),
    # Staff
    path("desk/community/moderation", desk.queue, name="moderation"),
    path("desk/community/posts/<int:post_id>/review", desk.review, name="review"),
    path("desk/community/posts/<int:post_id>/history", desk.history, name="history"),
    path("desk/community/topics/<int:topic_id>/action", desk.topic_action, name="topic_action"),
    path("desk/community/reports", reports.community_report, name="reports"),
    path("desk/community/members/<int:user_id>", desk.member, name="member"),
]
