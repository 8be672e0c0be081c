from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Affiliation, Organisation, Region, User


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [AffiliationInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_demo"]
    fieldsets = (*UserAdmin.fieldsets, (None, {"fields": ["is_demo"]}))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "municipality"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "code"]
    filter_horizontal = ["serves"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "central_municipality"]
