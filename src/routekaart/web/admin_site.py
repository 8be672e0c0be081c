"""The admin ("/beheer/") as functioneel beheer's configuration screens.

Besides Django's staff, a user holding the functional-admin role enters it; what that role may see and change there
is the configuration models only (web/rules.py). Personal data (staff accounts, employers' contact persons, cases,
residents) is never in its reach: those models grant the role no permission, so the admin hides them.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

CONFIGURATION_PERMISSION = "organisations.manage_configuration"


class ConfigurationAdminSite(admin.AdminSite):
    site_header = _("Routekaart: configuratie")
    site_title = _("Routekaart: configuratie")
    index_title = _("Configuratie")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and (user.is_staff or user.has_perm(CONFIGURATION_PERMISSION))


class ConfigurationAdminConfig(AdminConfig):
    """django.contrib.admin with the site above as `admin.site`, so every app's registrations land on it."""

    default_site = "routekaart.web.admin_site.ConfigurationAdminSite"
