"""The idle timeout of a signed-in session, without a database write on every request.

Django's way (SESSION_SAVE_EVERY_REQUEST) saves the session on every request to push its expiry forward: an
UPDATE and a commit per page view. Here the session remembers when it was last active, and is saved only when that
moment is at least SESSION_ACTIVITY_SAVE_INTERVAL seconds old; each such save also moves the server-side expiry to
that moment plus SESSION_COOKIE_AGE (the idle timeout). A session whose last recorded activity is
SESSION_COOKIE_AGE or more seconds ago is ended server-side when it is read, before anything else sees it.

The price of the interval: the timeout runs from the last *recorded* activity, so a user may be signed out up to
one interval sooner than a save-on-every-request session would (never later).
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

LAST_ACTIVITY = "_routekaart_last_activity"  # unix seconds of the last recorded activity


def idle_timeout() -> int:
    return settings.SESSION_COOKIE_AGE


def save_interval() -> int:
    return getattr(settings, "SESSION_ACTIVITY_SAVE_INTERVAL", 60)


class SessionIdleTimeoutMiddleware:
    """Ends idle sessions and records activity at most once per interval (see the module). After SessionMiddleware,
    before AuthenticationMiddleware, so an expired session is anonymous for the whole request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.session_key is not None:
            now = int(timezone.now().timestamp())
            last = session.get(LAST_ACTIVITY)
            if last is not None and now - last >= idle_timeout():
                session.flush()  # server-side: the record is gone, the cookie no longer opens anything
            elif not session.is_empty() and (last is None or now - last >= save_interval()):
                session[LAST_ACTIVITY] = now  # modified: SessionMiddleware saves it and moves its expiry
        return self.get_response(request)


def activity_record_on_login(sender, request: HttpRequest | None = None, **kwargs) -> None:
    """Signing in is activity: the session that login saves anyway carries it, so the next page writes nothing."""
    session = getattr(request, "session", None)
    if session is not None:
        session[LAST_ACTIVITY] = int(timezone.now().timestamp())
