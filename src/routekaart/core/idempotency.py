"""Idempotency keys on API writes: a client that retries after a dropped connection gets the first answer, and the
write happens once.

A client may send `Idempotency-Key: <1 to 255 printable characters>` with a POST, PUT, PATCH or DELETE under /api/.
The key is kept per user, with a hash of the method, the path and the body, together with the first answer (status,
the headers that say what it is, the body), in the same transaction as the write: after a crash mid-request
(`kill -9`) there is either both or neither. Then:
- the same key with the same request answers the kept answer (`Idempotent-Replayed: true`) and writes nothing;
- the same key with another request answers 422: a key names one request;
- the same key while its first request is still running waits a little for it (the unique key holds the second
  insert until the first commits) and then answers the kept answer, or 409 if the first is still running;
- refusals (4xx) are kept too, so a retry gets the same refusal; a server error (5xx) is not: nothing was written,
  and a retry runs again.
Keys are kept KEY_LIFETIME (24 hours); `expired_keys_purge` removes older ones (the retention job calls it).

Dependency-free: Django and DRF only, nothing of Routekaart above core.
"""

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.http.request import RawPostDataException
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import IdempotencyKey
from .problems import PROBLEM_CONTENT_TYPE, problem

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
API_PREFIX = "/api/"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KEY_LIFETIME = timedelta(hours=24)
# How long a request waits for a running request with the same key before it answers 409 (PostgreSQL).
CONCURRENT_WAIT = timedelta(seconds=3)
_KEY = re.compile(r"[\x20-\x7e]{1,255}")  # printable ASCII, as a header value can carry it everywhere
# The headers that say what the answer is; the others (cookies, caching, security) each answer sets anew.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Location", "ETag", "Last-Modified", "Allow")


class IdempotencyMiddleware:
    """Answer an API write with an `Idempotency-Key` once (see the module). Last in MIDDLEWARE: its transaction
    holds the view's (ATOMIC_REQUESTS) as a savepoint, so the kept answer commits with the write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if key is None or request.method not in WRITE_METHODS or not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if not _KEY.fullmatch(key):
            return _invalid_key()
        if not _keeps_keys(request):
            return self.get_response(request)
        try:
            request_hash = _request_hash(request)  # reads the body before anything parses it
        except (RequestDataTooBig, RawPostDataException):  # too large to hold, or read: the view refuses it
            return self.get_response(request)
        user = _api_user(request)
        if user is None:  # not signed in: the view refuses it, and there is nobody to keep the key for
            return self.get_response(request)
        with transaction.atomic():
            earlier = _claim(user, key, request_hash)
            if earlier is not None:
                return earlier
            response = self.get_response(request)
            _keep(user, key, response)
        return response


def expired_keys_purge(now: datetime | None = None) -> int:
    """Remove the keys older than KEY_LIFETIME (with their answers, which may hold personal data); the number."""
    deleted, _by_model = IdempotencyKey.objects.filter(created__lte=(now or timezone.now()) - KEY_LIFETIME).delete()
    return deleted


def _keep(user: Any, key: str, response: HttpResponse) -> None:
    """Keep the answer with the key, in the transaction of the write it answers."""
    if response.status_code >= 500 or response.streaming:
        IdempotencyKey.objects.filter(user=user, key=key).delete()  # nothing was written: a retry runs again
        return
    IdempotencyKey.objects.filter(user=user, key=key).update(
        status=response.status_code,
        headers={name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
        body=response.content,
    )


def _keeps_keys(request: HttpRequest) -> bool:
    """False for a view whose answer must never be stored (`idempotency_keys = False`: a new token's secret)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(getattr(match.func, "cls", None), "idempotency_keys", True)


def _request_hash(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.get_full_path().encode(), request.body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _api_user(request: HttpRequest) -> Any:
    """The caller as the API's authentication sees it (a token or the session with its CSRF token), or None.

    The views authenticate again; doing it here first lets the key belong to the user before the view runs.
    """
    from rest_framework.exceptions import APIException
    from rest_framework.request import Request
    from rest_framework.settings import api_settings

    api_request = Request(request, authenticators=[cls() for cls in api_settings.DEFAULT_AUTHENTICATION_CLASSES])
    try:
        user = api_request.user
    except APIException:
        return None
    return user if user is not None and user.is_authenticated else None


def _claim(user: Any, key: str, request_hash: str) -> HttpResponse | None:
    """Take the key for this request (None: answer it), or the answer it already has."""
    now = timezone.now()
    earlier = IdempotencyKey.objects.filter(user=user, key=key).first()
    if earlier is not None and earlier.created <= now - KEY_LIFETIME:
        earlier.delete()
        earlier = None
    if earlier is None:
        try:
            with _lock_wait(CONCURRENT_WAIT), transaction.atomic():
                IdempotencyKey.objects.create(user=user, key=key, request_hash=request_hash, created=now)
            return None
        except OperationalError as error:
            if not _lock_timed_out(error):
                raise
            return _in_progress()  # the request with this key is still running
        except IntegrityError:  # a request with this key committed while we waited for it
            earlier = IdempotencyKey.objects.filter(user=user, key=key).first()
    if earlier is None or earlier.status is None:
        return _in_progress()
    if earlier.request_hash != request_hash:
        return _problem(
            422,
            _(
                "Deze Idempotency-Key is al gebruikt voor een ander verzoek. Gebruik voor elk nieuw verzoek een "
                "nieuwe sleutel."
            ),
            code="idempotency_key_reused",
        )
    return _replay(earlier)


@contextmanager
def _lock_wait(wait: timedelta) -> Iterator[None]:
    """On PostgreSQL, wait at most `wait` for another transaction's lock (the same key being inserted), then fail.

    Set outside the savepoint of the insert, so it can be put back after the insert failed."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout')")
        (previous,) = cursor.fetchone()
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{int(wait.total_seconds() * 1000)}ms"])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])


def _lock_timed_out(error: OperationalError) -> bool:
    """PostgreSQL's lock_not_available (55P03): lock_timeout passed while the same key was being inserted."""
    cause = error.__cause__
    return (getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)) == "55P03"


def _replay(earlier: IdempotencyKey) -> HttpResponse:
    response = HttpResponse(bytes(earlier.body), status=earlier.status)
    for name, value in earlier.headers.items():
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


def _in_progress() -> HttpResponse:
    return _problem(
        409,
        _("Een verzoek met deze Idempotency-Key wordt nog verwerkt. Probeer het over een paar seconden opnieuw."),
        code="idempotency_key_in_progress",
    )


def _invalid_key() -> HttpResponse:
    reason = _("Geef in de kopregel Idempotency-Key 1 tot 255 leesbare tekens (letters, cijfers, leestekens).")
    params = [{"name": HEADER, "code": "invalid", "reason": reason}]
    return _problem(400, reason, code="invalid", invalid_params=params)


def _problem(status: int, detail: str, *, code: str, invalid_params: list | None = None) -> HttpResponse:
    body = problem(status, detail, code=code, invalid_params=invalid_params)
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE)


def schema_document_header(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """drf-spectacular POSTPROCESSING_HOOKS: the optional header on every API write, with its refusals."""
    exempt = {
        (path, method.lower())
        for path, _regex, method, view in generator.endpoints
        if not getattr(getattr(view, "cls", None), "idempotency_keys", True)
    }
    parameter = {
        "in": "header",
        "name": HEADER,
        "required": False,
        "description": (
            "Optional: a key of your own (1 to 255 printable characters, a UUID for instance) that names this request. "
            "A retry with the same key and the same request answers the first answer (with Idempotent-Replayed: "
            "true) and writes nothing again; the same key with another request answers 422, while the first is "
            "still running 409. Kept 24 hours, per user."
        ),
        "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[ -~]+$"},
    }
    refusals = {
        "400": ("ValidationProblem", "The request is invalid; also an Idempotency-Key that is empty or too long."),
        "409": ("Problem", "A request with this Idempotency-Key is still being processed; retry in a few seconds."),
        "422": ("Problem", "This Idempotency-Key was used for another request."),
    }
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method.upper() not in WRITE_METHODS or (path, method) in exempt:
                continue
            operation.setdefault("parameters", []).append(parameter)
            for code, (component, description) in refusals.items():
                response = operation["responses"].setdefault(code, {"description": description})
                response.setdefault(
                    "content", {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": f"#/components/schemas/{component}"}}}
                )
    return result
