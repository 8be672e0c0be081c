from django.urls import path

from . import login_views as views

urlpatterns = [
    path("inloggen/", views.login, name="login"),
    path("uitloggen/", views.logout, name="logout"),
    path("niet-bekend/", views.unknown, name="unknown"),
    path("geweigerd/", views.refused, name="refused"),
    # mozilla-django-oidc's round trip under /mijn/oidc/, with its URL names (OIDC_AUTHENTICATION_CALLBACK_URL):
    # its start and callback views, with DigiD's checks and pages (portal.login_views); its logout is portal:logout.
    path("oidc/authenticate/", views.digid_start, name="oidc_authentication_init"),
    path("oidc/callback/", views.digid_callback, name="oidc_authentication_callback"),
]
