"""The project's URLs plus the catalog's, so the tests run whether or not the root URLconf includes them yet."""

from django.urls import include, path

from routekaart import urls as project


def _includes(patterns, module: str) -> bool:
    for pattern in patterns:
        name = getattr(pattern, "urlconf_name", None)
        if name == module or getattr(name, "__name__", None) == module:
            return True
        if isinstance(name, list | tuple) and _includes(name, module):
            return True
    return False


urlpatterns = list(project.urlpatterns)
if not _includes(urlpatterns, "routekaart.catalog.api.urls"):
    urlpatterns.insert(0, path("api/v1/catalog/", include("routekaart.catalog.api.urls")))
if not _includes(urlpatterns, "routekaart.catalog.urls"):
    urlpatterns.append(path("catalogus/", include("routekaart.catalog.urls")))
