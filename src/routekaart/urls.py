from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .core.metrics import metrics_export
from .web import views as web_views

api_v1 = [
    path("", include("routekaart.organisations.api.urls")),
    path("catalog/", include("routekaart.catalog.api.urls")),
    path("", include("routekaart.routes.api.urls")),
    path("", include("routekaart.residents.api.urls")),
    path("", include("routekaart.access.api.urls")),
    path("", include("routekaart.income.api.urls")),
    path("", include("routekaart.participation.api.urls")),
    path("", include("routekaart.work.api.urls")),
    path("", include("routekaart.providers.api.urls")),
    path("", include("routekaart.legal.api.urls")),
    path("", include("routekaart.insights.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

# Error pages in Dutch that never print the address (a number typed into it may be a BSN); JSON under /api/.
handler400 = "routekaart.core.errors.bad_request"
handler403 = "routekaart.core.errors.permission_denied"
handler404 = "routekaart.core.errors.page_not_found"
handler500 = "routekaart.core.errors.server_error"

urlpatterns = [
    path("", web_views.home, name="home"),
    path("start/cijfers/", web_views.home_figures, name="home_figures"),
    path("rol/", web_views.switch_role, name="switch_role"),
    path("netwerk/", web_views.network, name="network"),
    path("healthz", web_views.healthz, name="healthz"),  # readiness: the database answers
    path("healthz/live", web_views.liveness, name="liveness"),  # liveness: the process answers
    path("metrics", metrics_export, name="metrics"),  # Prometheus, for the monitor only
    path("accounts/", include("routekaart.organisations.urls")),
    path("privacy/", include("routekaart.audit.urls")),
    path("catalogus/", include("routekaart.catalog.urls")),
    path("routes/", include("routekaart.routes.urls")),
    path("huishoudens/", include("routekaart.residents.urls")),
    path("toegang/", include("routekaart.access.urls")),
    path("participatie/", include("routekaart.participation.urls")),
    path("bestaanszekerheid/", include("routekaart.income.urls")),
    path("werk/", include("routekaart.work.urls")),
    path("markt/", include("routekaart.providers.market_urls")),
    path("aanbieder/", include("routekaart.providers.desk_urls")),
    path("klantbeheer/", include("routekaart.legal.urls")),
    path("sturing/", include("routekaart.insights.urls")),
    path("betalingen/", include("routekaart.income.payment_urls")),
    path("vorderingen/", include("routekaart.income.recovery_urls")),
    path("achtergrondtaken/", include("routekaart.jobs.urls")),
    path("mijn/", include("routekaart.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include(api_v1)),
]
