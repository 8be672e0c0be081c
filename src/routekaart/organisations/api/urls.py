from django.urls import path
from rest_framework.routers import SimpleRouter

from . import tokens, views

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("regions", views.RegionViewSet, basename="region")

urlpatterns = [
    path("me/", views.me, name="api-me"),
    path("auth/token/", tokens.TokenCreateView.as_view(), name="api-token-create"),
    path("auth/token/revoke/", tokens.TokenRevokeView.as_view(), name="api-token-revoke"),
    path("auth/token/revoke-all/", tokens.TokenRevokeAllView.as_view(), name="api-token-revoke-all"),
    *router.urls,
]
