from rest_framework.permissions import BasePermission


class HasRulesPermission(BasePermission):
    """Let a DRF view demand the same django-rules permission its HTML page demands."""

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(view.required_permission)
