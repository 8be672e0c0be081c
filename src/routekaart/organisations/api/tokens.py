"""API tokens (django-rest-knox): issued only to a session that proved the second factor, stored hashed, ending
after a while idle and at the latest after API_TOKEN_TTL_HOURS, revocable, and every use recorded as an event.

A token is never a way around the login: it can only be made from a signed-in browser session that passed the
second factor (or a demo account where the demo lets it skip, exactly as the login does), never from another token.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from knox import views as knox_views
from knox.auth import TokenAuthentication
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...audit import services as audit
from ...core.authentication import SessionAuthentication
from ..second_factor import second_factor_required

SUBJECT_TYPE = "api_token"


def token_reference(token) -> str:
    """Which token, in the log: the start of its hash, never the token or its lookup key."""
    return token.digest[:16]


def second_factor_proven(user) -> bool:
    return user.is_verified() or not second_factor_required(user)


class TokenCreateView(knox_views.LoginView):
    """POST: a new API token for the signed-in user (the browser session, after the second factor)."""

    authentication_classes = [SessionAuthentication]
    permission_classes = [IsAuthenticated]
    idempotency_keys = False  # core.idempotency: its answer holds the secret, which is never stored

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer(
                "ApiToken",
                {
                    "expiry": serializers.DateTimeField(help_text="Ends then unless used before; see the docs."),
                    "token": serializers.CharField(help_text="Send as `Authorization: Token <token>`. Shown once."),
                },
            )
        },
    )
    def post(self, request: Request, format=None) -> Response:
        if not second_factor_proven(request.user):
            raise PermissionDenied(_("Een API-sleutel krijgt u alleen na inloggen met uw tweede factor."))
        limit = self.get_token_limit_per_user()
        if limit is not None and request.user.auth_token_set.filter(expiry__gt=timezone.now()).count() >= limit:
            raise PermissionDenied(
                _("U hebt al %(limit)s geldige API-sleutels; trek er eerst een in.") % {"limit": limit}
            )
        return super().post(request, format=format)

    def create_token(self):
        instance, token = super().create_token()
        audit.action_record(
            actor=self.request.user,
            action="api_token.created",
            subject=(SUBJECT_TYPE, token_reference(instance)),
        )
        return instance, token


class TokenRevokeView(knox_views.LogoutView):
    """POST with the token itself: revoke it."""

    authentication_classes = [TokenAuthentication]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, format=None) -> Response:
        audit.action_record(
            actor=request.user,
            action="api_token.revoked",
            subject=(SUBJECT_TYPE, token_reference(request.auth)),
        )
        return super().post(request, format=format)


class TokenRevokeAllView(knox_views.LogoutAllView):
    """POST with a token or from the browser session: revoke every token of the user (a lost laptop)."""

    authentication_classes = [TokenAuthentication, SessionAuthentication]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, format=None) -> Response:
        count = request.user.auth_token_set.count()
        audit.action_record(
            actor=request.user,
            action="api_token.revoked_all",
            subject=("user", request.user.pk),
            after={"tokens": count},
        )
        return super().post(request, format=format)
