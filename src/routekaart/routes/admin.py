"""Route maps in the admin, read only: functioneel beheer changes them by loading a new version of a data file
(data/README.md), so that every change is versioned and the earlier version stays with the trajectories on it.
Trajectories are not here: they hold personal data and are read through the access check only."""

from django.contrib import admin

from .models import Route, RouteMap, ShelteredWorkQuota, Step


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class StepInline(admin.TabularInline):
    model = Step
    fields = ["number", "name", "regie", "optional", "requires", "at_age", "life_phase"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RouteMap)
class RouteMapAdmin(ReadOnly):
    list_display = ["name", "code", "version", "effective_from", "is_current", "region", "source"]
    list_filter = ["is_current", "region"]


@admin.register(Route)
class RouteAdmin(ReadOnly):
    list_display = ["name", "route_map", "kind", "walking_kind", "regie"]
    list_filter = ["kind", "route_map__code", "route_map__is_current"]
    inlines = [StepInline]


@admin.register(ShelteredWorkQuota)
class ShelteredWorkQuotaAdmin(ReadOnly):
    list_display = ["municipality_code", "year", "places", "source"]
    list_filter = ["year"]
