from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from charterdesk.accounts import views as accounts_views
from charterdesk.accounts.signin import SignInView
from charterdesk.api import api
from charterdesk.core import views as core_views
from charterdesk.core.outage import server_error
from charterdesk.plans import views as plans_views
from charterdesk.widget.api import router as widget_keys_router


def _favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the pages say."""
    return HttpResponsePermanentRedirect(static("charterdesk/favicon.svg"))


# The widget's keys are part of the API; the widget (a sibling of `api` in the top row)
# cannot be imported by it, so its router joins here.
api.add_router("", widget_keys_router)

urlpatterns = [
    path("", accounts_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    # Before the pages' many patterns: an API request is resolved without trying them.
    path("api/v1/", api.urls),
    path("favicon.ico", _favicon),
    path("coverage/", plans_views.coverage, name="coverage"),
    path("login/", SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("charterdesk.accounts.urls")),
    # One sign-in page for everyone, so the admin gets the lockout and the second step too.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("portal/", include("charterdesk.portal.urls")),
    path("desk/", include("charterdesk.desk.urls")),
    path("manage/widget/", include("charterdesk.widget.manage_urls")),
    path("manage/", include("charterdesk.manage.urls")),
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
    path("", include("charterdesk.knowledge.urls")),
    path("", include("charterdesk.incidents.urls")),
    path("", include("charterdesk.workspace.urls")),
    path("", include("charterdesk.success.urls")),
    path("", include("charterdesk.community.urls")),
    path("", include("charterdesk.learning.urls")),
    path("", include("charterdesk.triage.urls")),
    path("", include("charterdesk.forecasting.urls")),
    path("", include("charterdesk.insights.urls")),
    path("", include("charterdesk.status.urls")),
    path("widget/", include("charterdesk.widget.urls")),
]

# An error outside any view (a middleware that loses the database) is a 503, not a 500.
handler500 = server_error
