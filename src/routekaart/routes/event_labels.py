"""The Dutch labels of the exit routes' events (registered with audit.event_labels at start-up)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "trajectory.started": _("Traject begonnen"),
    "trajectory.step_start": _("Stap begonnen"),
    "trajectory.step_complete": _("Stap afgerond"),
    "trajectory.step_block": _("Stap geblokkeerd"),
    "trajectory.step_unblock": _("Stap gedeblokkeerd"),
    "trajectory.step_skip": _("Stap overgeslagen"),
    "trajectory.step_due_set": _("Termijn afgesproken"),
    "trajectory.condition_recorded": _("Voorwaarde vastgelegd"),
    "trajectory.regie_proposed": _("Overdracht van de regie voorgesteld"),
    "trajectory.regie_handed_over": _("Regie overgedragen"),
    "trajectory.waitlist_placed": _("Op de wachtlijst geplaatst"),
    "trajectory.waitlist_meanwhile_set": _("Tussentijdse ondersteuning vastgelegd"),
    "trajectory.waitlist_place_offered": _("Plek aangeboden"),
    "trajectory.completed": _("Traject afgerond"),
    "trajectory.stopped": _("Traject gestopt"),
    "trajectory.switched": _("Overgestapt op een andere route"),
    "routes.map_loaded": _("Routekaart geladen"),
    "routes.quota_set": _("Quotum beschut werk vastgesteld"),
}
