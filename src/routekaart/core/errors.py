"""The error pages (handler400/403/404/500): in Dutch, and never printing the address or the exception.

A BSN typed into an address must not come back on the page. Django's own handlers hand the template the path
(`request_path`) and the exception text, which may hold that address; these hand it nothing. Under /api/ the
answer is problem details (core.problems), like every other API refusal. A database that does not answer is
not a 500 but a 503 (core.outage), wherever in the middleware it failed.
"""

import sys

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from .authentication import csrf_refused_message
from .outage import is_database_outage, outage_response
from .problems import problem_response

API_PREFIX = "/api/"
CODES = {400: "bad_request", 403: "permission_denied", 404: "not_found", 500: "server_error"}


def _messages() -> dict[int, str]:
    return {
        400: _("Dit verzoek kon niet worden verwerkt."),
        403: _("U hebt geen toegang tot deze pagina."),
        404: _("Deze pagina bestaat niet (meer)."),
        500: _("Er ging iets mis aan onze kant. Probeer het later opnieuw."),
    }


def _answer(
    request: HttpRequest, status: int, *, with_request: bool = True, message: str = "", explanation: str = ""
) -> HttpResponse:
    message = message or _messages()[status]
    if request.path.startswith(API_PREFIX):
        return problem_response(status, message, code=CODES[status])
    template = loader.get_template(f"{status}.html")
    # The 500 page renders without the request: whatever broke may be in its context processors.
    body = template.render({"message": message, "explanation": explanation}, request if with_request else None)
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return _answer(request, 400, message=_("Het verzoek is te groot."))
    return _answer(request, 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls handler500 while it handles the exception, for a failure in any middleware as in the view.
    if is_database_outage(sys.exc_info()[1]):
        return outage_response(request)
    return _answer(request, 500, with_request=False)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without a valid security token (an old page, cookies off). Django's own page
    is bare English; its `reason` is for developers and stays out of the answer."""
    if request.path.startswith(API_PREFIX):
        return problem_response(403, csrf_refused_message(), code="csrf_failed")
    return _answer(
        request,
        403,
        message=_("Uw formulier is verlopen."),
        explanation=_(
            "Om uw gegevens te beschermen wordt een formulier alleen aangenomen vanaf een pagina die u net hebt "
            "geopend, met cookies aan. Ga terug, laad de pagina opnieuw en verstuur het formulier nog eens."
        ),
    )
