"""Functioneel beheer of the werkgeversdienstverlening's configuration, and linking employer accounts.

The vocabulary, postcode areas and rules are loaded from `work/data/*.yaml` (change the files and load them): here
they can be read, not changed, so every score stays explained by a versioned file. Contact persons can be given an
account for the employer page; everything else is done by the employer adviser in the application.
"""

from django.contrib import admin

from .models import Competence, ContactPerson, PostcodeArea, Sector, WorkRules


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Competence)
class CompetenceAdmin(_ReadOnly):
    list_display = ["name", "code", "group", "bit", "is_active"]
    list_filter = ["group", "is_active"]


@admin.register(Sector)
class SectorAdmin(_ReadOnly):
    list_display = ["name", "code", "bit", "is_active"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(_ReadOnly):
    list_display = ["pc4", "place", "latitude", "longitude", "source"]
    search_fields = ["pc4", "place"]


@admin.register(WorkRules)
class WorkRulesAdmin(_ReadOnly):
    list_display = ["version", "effective_from", "loaded_at"]


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ["name", "employer", "job_title", "user", "is_active"]
    list_select_related = ["employer__organisation", "user"]
    search_fields = ["name", "employer__organisation__name"]
    autocomplete_fields = ["user"]
    fields = ["employer", "name", "job_title", "email", "phone", "user", "is_active"]
    readonly_fields = ["employer"]

    def has_add_permission(self, request) -> bool:
        return False
