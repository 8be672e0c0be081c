"""The project's URLs, built so the work tests run while other apps' URL modules are still being written.

Each include of the root URLconf is tried on its own and left out if its module does not import yet; the work
app's pages and API are added if the root URLconf does not include them (yet).
"""

from importlib import import_module

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from routekaart.web import views as web_views


def _include(prefix: str, module: str):
    try:
        import_module(module)
    except ImportError:
        return None
    return path(prefix, include(module))


PAGES = [
    ("accounts/", "routekaart.organisations.urls"),
    ("privacy/", "routekaart.audit.urls"),
    ("routes/", "routekaart.routes.urls"),
    ("huishoudens/", "routekaart.residents.urls"),
    ("toegang/", "routekaart.access.urls"),
    ("participatie/", "routekaart.participation.urls"),
    ("bestaanszekerheid/", "routekaart.income.urls"),
    ("werk/", "routekaart.work.urls"),
]
APIS = [
    "routekaart.organisations.api.urls",
    "routekaart.routes.api.urls",
    "routekaart.residents.api.urls",
    "routekaart.work.api.urls",
]

api_v1 = [p for p in (_include("", module) for module in APIS) if p] + [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
urlpatterns = [
    path("", web_views.home, name="home"),
    path("rol/", web_views.switch_role, name="switch_role"),
    path("netwerk/", web_views.network, name="network"),
    path("healthz", web_views.healthz, name="healthz"),
    *[p for p in (_include(prefix, module) for prefix, module in PAGES) if p],
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include(api_v1)),
]
