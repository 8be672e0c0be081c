"""The Dutch labels of the background jobs' events (registered with audit.event_labels at start-up)."""

from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import sentences_register

EVENT_LABELS = {
    "job_run.requested": _("Achtergrondtaak handmatig gestart"),
    "job_run.finished": _("Achtergrondtaak afgerond"),
    "job_run.failed": _("Achtergrondtaak mislukt"),
}

# None of these is about a household: the sentence is the label (a timeline of this app's configuration shows it).
sentences_register(EVENT_LABELS)
