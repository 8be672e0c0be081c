"""Every API refusal in one shape: problem details (RFC 9457, `application/problem+json`), as the NLGov API design
rules ask and as the ZGW APIs answer: `type`, `title`, `status`, `detail` and `instance`, and for an invalid request
`invalidParams`, one entry per field with its path, a code and the Dutch reason.

`instance` names this one occurrence (`urn:uuid:…`), never the address: an address may hold a BSN someone typed.

Dependency-free: Django only, so the DRF handler (core.api), the error pages (core.errors) and any middleware may
use it.
"""

import json
import uuid
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

PROBLEM_CONTENT_TYPE = "application/problem+json"

# The problem type of each status: the section of HTTP Semantics (RFC 9110) that defines it.
_SECTIONS = {
    400: "15.5.1",
    401: "15.5.2",
    403: "15.5.4",
    404: "15.5.5",
    405: "15.5.6",
    406: "15.5.7",
    409: "15.5.10",
    413: "15.5.14",
    415: "15.5.16",
    422: "15.5.21",
    429: "rfc6585#section-4",
    500: "15.6.1",
    503: "15.6.4",
}


def _titles() -> dict[int, str]:
    return {
        400: _("Ongeldig verzoek"),
        401: _("Niet ingelogd"),
        403: _("Geen toegang"),
        404: _("Niet gevonden"),
        405: _("Methode niet toegestaan"),
        406: _("Antwoordvorm niet beschikbaar"),
        409: _("Conflict"),
        413: _("Verzoek te groot"),
        415: _("Soort inhoud niet ondersteund"),
        422: _("Niet te verwerken"),
        429: _("Te veel verzoeken"),
        500: _("Fout aan onze kant"),
        503: _("Tijdelijk niet beschikbaar"),
    }


def problem_type(status: int) -> str:
    """The URI of the problem type: the definition of the status in HTTP Semantics."""
    section = _SECTIONS.get(status)
    if section is None:
        return "about:blank"
    if section.startswith("rfc"):
        return f"https://www.rfc-editor.org/rfc/{section}"
    return f"https://www.rfc-editor.org/rfc/rfc9110#section-{section}"


def problem(
    status: int, detail: str, *, code: str = "", invalid_params: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """The body of a problem answer. `code` names the kind of refusal for a program (DRF's codes: not_found …)."""
    body: dict[str, Any] = {
        "type": problem_type(status),
        "code": code or "error",
        "title": _titles().get(status, _("Verzoek geweigerd")),
        "status": status,
        "detail": str(detail),
        "instance": f"urn:uuid:{uuid.uuid4()}",
    }
    if invalid_params is not None:
        body["invalidParams"] = invalid_params
    return body


def problem_response(status: int, detail: str, *, code: str = "", headers: dict | None = None) -> HttpResponse:
    """A plain Django answer in problem details, for refusals outside DRF (error handlers, middleware, CSRF)."""
    body = problem(status, detail, code=code)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE, headers=headers
    )
    return response
