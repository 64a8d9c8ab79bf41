from django.urls import path

from . import content_views, demo_views, file_views, frame_views, session_views, visitor_views

app_name = "widget"
urlpatterns = [
    path("loader.js", frame_views.loader, name="loader"),
    path("frame/", frame_views.frame, name="frame"),
    path("frame/home", frame_views.home, name="home"),
    path("api/session", session_views.session, name="session"),
    path("api/search", content_views.search, name="search"),
    path("api/suggest", content_views.suggest, name="suggest"),
    path("api/articles/<int:article_id>", content_views.article, name="article"),
    path("api/requests", content_views.requests, name="requests"),
    path("api/requests/<int:ticket_id>", content_views.request_detail, name="request"),
    path(
        "api/requests/<int:ticket_id>/files/<int:attachment_id>",
        file_views.request_file,
        name="request_file",
    ),
    path("api/visitor-requests", visitor_views.visitor_request, name="visitor_request"),
    path(
        "api/visitor-requests/<int:ticket_id>",
        visitor_views.visitor_thread,
        name="visitor_thread",
    ),
    path(
        "api/visitor-requests/<int:ticket_id>/files/<int:attachment_id>",
        file_views.visitor_file,
        name="visitor_file",
    ),
    path("confirm/<str:token>", visitor_views.confirm, name="confirm"),
    path("demo/", demo_views.demo_page, name="demo"),
    path("demo/token", demo_views.demo_token, name="demo_token"),
]
