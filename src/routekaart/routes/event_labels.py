"""The Dutch labels and sentences of the exit routes' events, their kind, and the names and pages of the
trajectories they are about (registered with audit.event_labels when RoutesConfig.ready imports this module)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import (
    Described,
    action_kinds_register,
    describers_register,
    kinds_register,
    sentences_register,
)

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

EVENT_SENTENCES = {
    "trajectory.started": (_("Route {route} begonnen"), _("Traject begonnen")),
    "trajectory.step_start": (_("Stap {step} van de route {route} begonnen"), _("Stap {step} begonnen")),
    "trajectory.step_complete": (_("Stap {step} van de route {route} afgerond"), _("Stap {step} afgerond")),
    "trajectory.step_block": (_("Stap {step} van de route {route} geblokkeerd"), _("Stap {step} geblokkeerd")),
    "trajectory.step_unblock": (_("Stap {step} van de route {route} gedeblokkeerd"), _("Stap {step} gedeblokkeerd")),
    "trajectory.step_skip": (_("Stap {step} van de route {route} overgeslagen"), _("Stap {step} overgeslagen")),
    "trajectory.step_due_set": (
        _("Termijn voor stap {step} van de route {route} afgesproken: {due_on}"),
        _("Termijn voor stap {step} afgesproken"),
    ),
    "trajectory.condition_recorded": (
        _("Voorwaarde van stap {step} van de route {route} vastgelegd"),
        _("Voorwaarde van stap {step} vastgelegd"),
    ),
    "trajectory.regie_proposed": (_("Overdracht van de regie over de route {route} voorgesteld"),),
    "trajectory.regie_handed_over": (_("Regie over de route {route} overgedragen"),),
    "trajectory.waitlist_placed": (_("Op de wachtlijst geplaatst voor de route {route}"),),
    "trajectory.waitlist_meanwhile_set": (
        _("Tussentijdse ondersteuning vastgelegd tijdens de wachtlijst voor {route}"),
    ),
    "trajectory.waitlist_place_offered": (_("Plek aangeboden in de route {route}"),),
    "trajectory.completed": (_("Route {route} afgerond"),),
    "trajectory.stopped": (_("Route {route} gestopt"),),
    "trajectory.switched": (_("Route {route} verlaten voor een andere route"),),
    "routes.map_loaded": (_("Routekaart geladen (versie {version})"),),
    "routes.quota_set": (_("Quotum beschut werk {year} vastgesteld: {places} plaatsen"),),
}


def describe_trajectories(ids, access) -> dict[str, Described]:
    """The route of each trajectory on a page, and its page when the viewer may open it: two queries per page
    (and the viewer's access for route guidance, asked once)."""
    from ..residents.timeline import access_as
    from .models import Trajectory
    from .selectors import ACTIVITY, trajectory_scope

    numbers = [int(i) for i in ids if str(i).isdigit()]
    rows = Trajectory.objects.filter(pk__in=numbers).values_list("pk", "resident_id", "route__name")
    user = access.user
    may = user.has_perm("routes.view_trajectories")
    in_scope = set(Trajectory.objects.filter(trajectory_scope(user), pk__in=numbers).values_list("pk", flat=True))
    guide = access_as(access, ACTIVITY) if may and in_scope else None
    described = {}
    for pk, resident_id, route in rows:
        opens = guide is not None and pk in in_scope and guide.covers(resident_id)
        url = reverse("routes:trajectory_detail", args=[pk]) if opens else ""
        described[str(pk)] = Described(name=route, url=url, facts={"route": route})
    return described


sentences_register(EVENT_SENTENCES)
action_kinds_register("routes", EVENT_LABELS)
kinds_register({"routes": (50, _("Routes"))})
describers_register({"trajectory": describe_trajectories})
