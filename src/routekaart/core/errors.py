"""The error pages (handler400/403/404/500): in Dutch, and never printing the address or the exception.

A BSN typed into an address must not come back on the page. Django's own handlers hand the template the path
(`request_path`) and the exception text, which may hold that address; these hand it nothing. Under /api/ the
answer is JSON with one `detail`, like every other API refusal.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

API_PREFIX = "/api/"


def _messages() -> dict[int, str]:
    return {
        400: _("Dit verzoek kon niet worden verwerkt."),
        403: _("U hebt geen toegang tot deze pagina."),
        404: _("Deze pagina bestaat niet (meer)."),
        500: _("Er ging iets mis aan onze kant. Probeer het later opnieuw."),
    }


def _answer(request: HttpRequest, status: int, *, with_request: bool = True) -> HttpResponse:
    message = _messages()[status]
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=status)
    template = loader.get_template(f"{status}.html")
    # The 500 page renders without the request: whatever broke may be in its context processors.
    body = template.render({"message": message}, request if with_request else None)
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return _answer(request, 500, with_request=False)
