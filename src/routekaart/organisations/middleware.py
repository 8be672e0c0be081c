"""Keep a signed-in user who has not yet proved a second factor on the page that sets it up."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .second_factor import second_factor_required

_OPEN_PREFIXES = ("/static/", "/healthz", "/i18n/", "/accounts/logout/", "/accounts/two-factor/")


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
            return redirect(reverse("two_factor_setup"))
        return self.get_response(request)
