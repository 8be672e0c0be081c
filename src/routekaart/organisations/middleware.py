"""Keep a signed-in user who has not yet proved a second factor on the page that sets it up; record each API
token use."""

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ..core.problems import problem_response
from .second_factor import second_factor_required

# /mijn/ is the residents' portal: its login is DigiD, itself two-factor from level Midden, and the portal checks
# that level and the DigiD session's end on every page (portal.session), not a TOTP device.
_OPEN_PREFIXES = ("/static/", "/healthz", "/i18n/", "/accounts/logout/", "/accounts/two-factor/", "/mijn/")
API_PREFIX = "/api/"


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and second_factor_required(user)
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            if request.path.startswith(API_PREFIX):  # an API client cannot follow a redirect to a form
                return problem_response(403, _("Log eerst in met uw tweede factor."), code="second_factor_required")
            return redirect(reverse("two_factor_setup"))
        return self.get_response(request)


class ApiTokenUseMiddleware:
    """Records every request made with an API token as an event (which token, by whom; no personal data).

    It runs after the view's transaction has ended, so a refused or failed request's use is recorded too. Every
    use, not a sample: one insert next to the request's own processing-log entries.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        token = getattr(request, "auth", None)  # DRF sets it on the request once a token authenticated it
        # A token revoked by this very request has lost its key; its revocation is its event.
        if token is not None and getattr(token, "digest", None):
            from ..audit import services as audit
            from .api.tokens import SUBJECT_TYPE, token_reference

            with transaction.atomic():
                audit.action_record(
                    actor=token.user,
                    action="api_token.used",
                    subject=(SUBJECT_TYPE, token_reference(token)),
                    after={"method": request.method, "status": response.status_code},
                )
        return response
