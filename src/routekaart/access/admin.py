"""Functioneel beheer sees the toegang's rules here; they change through the data files (a new `version`).

Cases, plans and decisions are deliberately not in the admin: personal data is read only through the access
check and the processing log.
"""

from django.contrib import admin

from .models import DeadlineChangeRule, DeadlineRule, LegalBasis, LifeDomain, Policy, ScaleStep


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LifeDomain)
class LifeDomainAdmin(ReadOnlyAdmin):
    list_display = ["order", "code", "name", "version"]


@admin.register(ScaleStep)
class ScaleStepAdmin(ReadOnlyAdmin):
    list_display = ["score", "name", "version"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "law", "term_weeks", "term_months", "basis", "version"]


@admin.register(DeadlineChangeRule)
class DeadlineChangeRuleAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "basis", "version"]


@admin.register(LegalBasis)
class LegalBasisAdmin(ReadOnlyAdmin):
    list_display = ["law", "name", "decision_basis", "urgent_basis", "objection_weeks", "version"]


@admin.register(Policy)
class PolicyAdmin(ReadOnlyAdmin):
    list_display = ["version", "reopen_within_days", "due_soon_days"]
