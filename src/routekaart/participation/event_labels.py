"""The Dutch labels and sentences of participation's events, their kind, and the names and pages of what they are
about (registered with audit.event_labels when ParticipationConfig.ready imports this module)."""

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
    "distance.assessed": _("Afstand tot de arbeidsmarkt beoordeeld"),
    "wage_value.determined": _("Loonwaarde bepaald"),
    "target_group_register.recorded": _("Doelgroepenregister bijgewerkt"),
    "exemption.granted": _("Vrijstelling verleend"),
    "assignment.proposed": _("Instrument voorgesteld"),
    "assignment.uwv_advice_recorded": _("Advies UWV vastgelegd"),
    "assignment.granted": _("Instrument toegekend"),
    "assignment.refused": _("Instrument afgewezen"),
    "assignment.started": _("Instrument gestart"),
    "assignment.ended": _("Instrument afgerond"),
    "assignment.cancelled": _("Instrument vervallen"),
    "expenditure.recorded": _("Uitgave geboekt"),
    "budget.set": _("Budget vastgesteld"),
    "participation_demo.generated": _("Demogegevens participatie aangemaakt"),
}

EVENT_SENTENCES = {
    "distance.assessed": (
        _("Afstand tot de arbeidsmarkt beoordeeld, trede {ladder_rung} van de participatieladder"),
        _("Afstand tot de arbeidsmarkt beoordeeld"),
    ),
    "wage_value.determined": (_("Loonwaarde bepaald op {percentage} procent"), _("Loonwaarde bepaald")),
    "target_group_register.recorded": _("Doelgroepenregister bijgewerkt"),
    "exemption.granted": (_("Vrijstelling verleend tot {valid_to}"), _("Vrijstelling verleend")),
    "assignment.proposed": (_("Instrument {name} voorgesteld"), _("Instrument voorgesteld")),
    "assignment.uwv_advice_recorded": (_("Advies UWV over {name} vastgelegd"), _("Advies UWV vastgelegd")),
    "assignment.granted": (_("Instrument {name} toegekend"), _("Instrument toegekend")),
    "assignment.refused": (_("Instrument {name} afgewezen"), _("Instrument afgewezen")),
    "assignment.started": (_("Instrument {name} gestart"), _("Instrument gestart")),
    "assignment.ended": (_("Instrument {name} afgerond"), _("Instrument afgerond")),
    "assignment.cancelled": (_("Instrument {name} vervallen"), _("Instrument vervallen")),
    "expenditure.recorded": _("Uitgave geboekt"),
    "budget.set": _("Budget vastgesteld"),
    "participation_demo.generated": _("Demogegevens participatie aangemaakt"),
}

# Subject type (as events name it) -> the model of a resident's participation profile it is a row of.
PROFILE_SUBJECTS = {
    "assignment": "Assignment",
    "distance_assessment": "DistanceAssessment",
    "wage_value": "WageValueDetermination",
    "target_group_registration": "TargetGroupRegistration",
    "exemption": "Exemption",
}


def _profiles(access, resident_ids) -> dict[int, str]:
    """resident id -> their participation profile's page, for those the viewer may open it for."""
    from ..organisations.roles import Domain
    from ..residents.timeline import access_as
    from .views import PURPOSE

    if not resident_ids or not access.user.has_perm("participation.view_profile"):
        return {}
    opened = access_as(access, PURPOSE, Domain.PARTICIPATION)
    return {r: reverse("participation:profile", args=[r]) for r in resident_ids if opened.covers(r)}


def _describer(subject_type: str):
    def describe(ids, access) -> dict[str, Described]:
        """Whose profile the row is of (and the instrument's name, for an assignment): one query per page."""
        from . import models

        model = getattr(models, PROFILE_SUBJECTS[subject_type])
        numbers = [int(i) for i in ids if str(i).isdigit()]
        rows = model.objects.filter(pk__in=numbers)
        if subject_type == "assignment":
            found = rows.values_list("pk", "resident_id", "instrument__name")
        else:
            found = [(pk, resident, "") for pk, resident in rows.values_list("pk", "resident_id")]
        found = list(found)
        pages = _profiles(access, {resident for _pk, resident, _name in found})
        return {str(pk): Described(name=name, url=pages.get(resident, "")) for pk, resident, name in found}

    return describe


sentences_register(EVENT_SENTENCES)
kinds_register({"participation": (60, _("Participatie"))})
action_kinds_register("participation", EVENT_LABELS)
describers_register({subject_type: _describer(subject_type) for subject_type in PROFILE_SUBJECTS})
