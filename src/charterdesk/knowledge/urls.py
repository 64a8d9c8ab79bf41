from django.urls import path

from .views import desk, files, flags, help, portal, reports, ticket

app_name = "knowledge"
urlpatterns = [
    # The help center (public)
    path("help/", help.home, name="home"),
    path("help/search", help.search, name="search"),
    path("help/sitemap.xml", help.sitemap, name="sitemap"),
    path("help/categories/<slug:slug>/", help.category, name="category"),
    path("help/articles/<int:article_id>/", help.article, name="article_short"),
    path("help/articles/<int:article_id>-<slug:slug>/", help.article, name="article"),
    path("help/articles/<int:article_id>/feedback", help.feedback, name="feedback"),
    path("help/articles/<int:article_id>/solved", help.solved, name="solved"),
    path("help/files/<int:file_id>/<str:name>", files.file_download, name="file"),
    path("help/suggestions", portal.request_suggestions, name="suggestions"),
    # Agents
    path("desk/articles/", desk.article_list, name="list"),
    path("desk/articles/new", desk.article_new, name="new"),
    path("desk/articles/reviews", desk.reviews, name="reviews"),
    path("desk/articles/preview", desk.article_preview, name="preview"),
    path("desk/articles/report", reports.knowledge_report, name="report"),
    path("desk/articles/flags", flags.flag_list, name="flags"),
    path("desk/articles/flags/<int:flag_id>/resolve", flags.flag_resolve, name="flag_resolve"),
    path("desk/articles/<int:article_id>/", desk.article_edit, name="edit"),
    path("desk/articles/<int:article_id>/properties", desk.article_properties, name="properties"),
    path("desk/articles/<int:article_id>/files", files.file_upload, name="upload"),
    path("desk/articles/<int:article_id>/history", desk.article_history, name="history"),
    path(
        "desk/articles/<int:article_id>/versions/<int:number>/restore",
        desk.article_restore,
        name="restore",
    ),
    path("desk/articles/<int:article_id>/send-back", desk.article_send_back, name="send_back"),
    path("desk/articles/<int:article_id>/<slug:action>", desk.article_action, name="action"),
    path(
        "desk/tickets/<int:ticket_id>/articles/<int:article_id>/insert",
        ticket.link_insert,
        name="insert",
    ),
    path(
        "desk/tickets/<int:ticket_id>/articles/suggested",
        ticket.suggested,
        name="ticket_suggested",
    ),
    path("desk/tickets/<int:ticket_id>/article-flag", ticket.flag, name="flag"),
    path("desk/tickets/<int:ticket_id>/article-draft", ticket.draft_from_ticket, name="draft"),
]
