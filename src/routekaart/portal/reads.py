"""Every portal read of personal data is logged, with channel `portal`, under the activity of the data read."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from ..audit import services as audit

CHANNEL = "portal"


def portal_read(request: HttpRequest, *, activity: str, residents: Iterable[object] | None = None) -> None:
    """Log that the portal user read these residents' data (default: the person the page shows) for `activity`."""
    people = list(residents) if residents is not None else [request.portal.person]
    audit.processing_record(
        actor=request.user,
        activity=activity,
        data_subjects=[audit.pseudonym(r.bsn) for r in people] or [""],
        channel=CHANNEL,
    )
