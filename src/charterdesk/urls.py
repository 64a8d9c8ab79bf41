from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from charterdesk.accounts import views as accounts_views
from charterdesk.api import api
from charterdesk.core import views as core_views
from charterdesk.plans import views as plans_views

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("coverage/", plans_views.coverage, name="coverage"),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/tokens/", include("charterdesk.accounts.token_urls")),
    path("portal/", include("charterdesk.portal.urls")),
    path("desk/", include("charterdesk.desk.urls")),
    path("admin/", admin.site.urls),
    path("", include("charterdesk.mail.urls")),
    path("", include("charterdesk.mailboxes.urls")),
    path("", include("charterdesk.escalations.urls")),
    path("", include("charterdesk.swarms.urls")),
    path("", include("charterdesk.hours.urls")),
    path("", include("charterdesk.estimates.urls")),
    path("", include("charterdesk.commitments.urls")),
    path("", include("charterdesk.satisfaction.urls")),
    path("", include("charterdesk.routing.urls")),
    path("", include("charterdesk.statements.urls")),
    path("api/v1/", api.urls),
]
