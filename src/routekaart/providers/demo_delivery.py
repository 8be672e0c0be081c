"""The demo's delivery: what De Linde did with the assignments the toegang's demo sent it.

For `setup_demo` (settings.ROUTEKAART_DEMO_GENERATORS), after the toegang's demo. Why: the `aanbieder` account should
find care to start, care running with a progress report, and the `markt` account a complaint to handle, made
through the same services the screens use (so the household page's timeline tells the story). Idempotent: it only
acts while De Linde has no started assignment yet.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Assignment, AssignmentStatus, Complaint
from .services import complaints, progress
from .services.assignments import assignment_start

PROVIDER = "de-linde"
PROVIDER_USER = "aanbieder"
MARKET_USER = "markt"


def demo_delivery_ensure(*, stdout=None) -> dict[str, int]:
    users = {user.username: user for user in get_user_model().objects.filter(username__in=[PROVIDER_USER, MARKET_USER])}
    sent = list(
        Assignment.objects.filter(provider__code=PROVIDER)
        .select_related("product", "resident", "provider", "municipality")
        .order_by("starts_on", "pk")
    )
    if PROVIDER_USER not in users or not sent or any(a.status != AssignmentStatus.SENT for a in sent):
        return {"started": 0, "complaints": 0}
    today = timezone.localdate()
    running = sent[0]  # the oldest: care started and reported on; the others stay to be started on the desk
    started_on = min(max(running.starts_on, today - timedelta(days=21)), today)
    running = assignment_start(actor=users[PROVIDER_USER], assignment=running, started_on=started_on)
    progress.progress_report(
        actor=users[PROVIDER_USER],
        assignment=running,
        reported_on=today,
        summary="Wekelijkse begeleiding loopt; de eerste afspraken met de werkgever zijn gemaakt.",
        goal_ratings=[
            {"goal": goal["id"], "rating": "on_track", "text": "Gaat de goede kant op."} for goal in running.goals
        ],
    )
    filed = 0
    if MARKET_USER in users and not Complaint.objects.filter(provider=running.provider).exists():
        complaint = complaints.complaint_register(
            actor=users[MARKET_USER],
            provider=running.provider,
            complainant_name="Mevrouw P. de Wit",
            complainant_contact="telefonisch via het Klantcontactcentrum",
            received_on=today - timedelta(days=10),
            subject="De begeleider kwam twee keer niet op de afgesproken tijd en belde niet af.",
        )
        complaints.complaint_acknowledge(
            actor=users[MARKET_USER], complaint=complaint, acknowledged_on=today - timedelta(days=8)
        )
        filed = 1
    if stdout is not None:
        stdout.write(f"Levering: 1 toewijzing gestart met een voortgangsverslag, {filed} klacht.\n")
    return {"started": 1, "complaints": filed}
