"""The Dutch labels of the background jobs' events (registered with audit.event_labels at start-up)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "job_run.requested": _("Achtergrondtaak handmatig gestart"),
    "job_run.finished": _("Achtergrondtaak afgerond"),
    "job_run.failed": _("Achtergrondtaak mislukt"),
}
