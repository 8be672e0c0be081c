"""The Dutch labels and sentences of the household register's events, their kinds, and the names and pages of
what they are about (registered with audit.event_labels when ResidentsConfig.ready imports this module)."""

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
    "household.created": _("Huishouden vastgelegd"),
    "membership.started": _("Lid geworden van het huishouden"),
    "membership.ended": _("Vertrokken uit het huishouden"),
    "resident.registered": _("Inwoner ingeschreven"),
    "resident.updated": _("Gegevens van inwoner gewijzigd"),
    "resident.died": _("Overlijden vastgelegd"),
    "resident.portal_account_linked": _("Voor het eerst ingelogd op Mijn Routekaart"),
    "relation.added": _("Relatie vastgelegd"),
    "involvement.started": _("Betrokkenheid begonnen"),
    "involvement.ended": _("Betrokkenheid beëindigd"),
    "consent.recorded": _("Toestemming vastgelegd"),
    "consent.withdrawn": _("Toestemming ingetrokken"),
    "break_glass.started": _("Noodtoegang geopend"),
    "authorisation.recorded": _("Machtiging vastgelegd"),
    "authorisation.withdrawn": _("Machtiging ingetrokken"),
    "address.registered": _("Adres vastgelegd"),
    "district.created": _("Wijk vastgelegd"),
    "note.recorded": _("Notitie vastgelegd"),
    "document.uploaded": _("Document toegevoegd"),
    "demo_municipality.generated": _("Demogemeente aangemaakt"),
}

EVENT_SENTENCES = {
    "household.created": _("Huishouden vastgelegd"),
    "membership.started": (
        _("{person} lid geworden van het huishouden per {valid_from}"),
        _("Lid geworden van het huishouden"),
    ),
    "membership.ended": (
        _("{person} vertrokken uit het huishouden per {valid_to}"),
        _("Vertrokken uit het huishouden"),
    ),
    "resident.registered": (_("{person} ingeschreven"), _("Inwoner ingeschreven")),
    "resident.updated": (_("Gegevens van {person} gewijzigd"), _("Gegevens van inwoner gewijzigd")),
    "resident.died": (_("Overlijden van {person} vastgelegd"), _("Overlijden vastgelegd")),
    # The actor is the resident's own account: the timeline adds "door <name>".
    "resident.portal_account_linked": _("Voor het eerst ingelogd op Mijn Routekaart (met DigiD)"),
    "relation.added": _("Relatie tussen leden vastgelegd"),
    "involvement.started": (
        _("{organisation} betrokken als {involvement} sinds {valid_from}"),
        _("Betrokkenheid begonnen"),
    ),
    "involvement.ended": (
        _("Betrokkenheid van {organisation} als {involvement} beëindigd"),
        _("Betrokkenheid beëindigd"),
    ),
    "consent.recorded": (
        _("Toestemming van {person} aan {organisation} vastgelegd, tot {valid_to}"),
        _("Toestemming van {person} aan {organisation} vastgelegd"),
        _("Toestemming vastgelegd"),
    ),
    "consent.withdrawn": (_("Toestemming van {person} aan {organisation} ingetrokken"), _("Toestemming ingetrokken")),
    "break_glass.started": _("Noodtoegang tot het huishouden geopend"),
    "authorisation.recorded": (
        _("{person} machtigde {agent} om mee te kijken in Mijn Routekaart, tot {valid_to}"),
        _("{person} machtigde {agent} om mee te kijken in Mijn Routekaart"),
        _("Machtiging vastgelegd"),
    ),
    "authorisation.withdrawn": (
        _("Machtiging van {person} aan {agent} ingetrokken"),
        _("Machtiging ingetrokken"),
    ),
    "address.registered": _("Adres vastgelegd"),
    "district.created": _("Wijk vastgelegd"),
    "demo_municipality.generated": _("Demogemeente aangemaakt"),
    "household.registered": _("Huishouden ingeschreven"),
    "note.recorded": _("Notitie vastgelegd in het journaal"),
    "document.uploaded": _("Document toegevoegd aan het journaal"),
}


def _numbers(ids) -> list[int]:
    return [int(i) for i in ids if str(i).isdigit()]


def _household_page(access) -> str:
    return reverse("residents:household_detail", args=[access.household_id])


def describe_memberships(ids, access) -> dict[str, Described]:
    """Whose membership each is (a member's name, as the household page shows it): one query per page."""
    from .models import Membership

    rows = Membership.objects.filter(pk__in=_numbers(ids), household_id=access.household_id).select_related("resident")
    url = _household_page(access)
    return {str(m.pk): Described(url=url, facts={"person": m.resident.full_name}) for m in rows}


def describe_residents(ids, access) -> dict[str, Described]:
    """Each resident's name, for those who ever lived in this household: one query per page."""
    from .models import Resident

    rows = Resident.objects.filter(pk__in=_numbers(ids), memberships__household_id=access.household_id).distinct()
    url = _household_page(access)
    return {str(r.pk): Described(url=url, facts={"person": r.full_name}) for r in rows}


def describe_involvements(ids, access) -> dict[str, Described]:
    """Which organisation is involved and how: one query per page."""
    from .models import Involvement

    rows = Involvement.objects.filter(pk__in=_numbers(ids), household_id=access.household_id).select_related(
        "organisation"
    )
    url = _household_page(access)
    return {
        str(i.pk): Described(
            url=url, facts={"organisation": i.organisation.name, "involvement": i.get_kind_display().lower()}
        )
        for i in rows
    }


def describe_consents(ids, access) -> dict[str, Described]:
    """Who consented to which organisation: one query per page."""
    from .models import Consent

    rows = Consent.objects.filter(pk__in=_numbers(ids), household_id=access.household_id).select_related(
        "organisation", "resident"
    )
    url = _household_page(access)
    return {
        str(c.pk): Described(url=url, facts={"organisation": c.organisation.name, "person": c.resident.full_name})
        for c in rows
    }


def describe_authorisations(ids, access) -> dict[str, Described]:
    """Who authorised whom, for principals who ever lived in this household: one query per page."""
    from .models import Authorisation

    rows = Authorisation.objects.filter(
        pk__in=_numbers(ids), principal__memberships__household_id=access.household_id
    ).select_related("principal", "agent")
    url = _household_page(access)
    return {
        str(a.pk): Described(url=url, facts={"person": a.principal.full_name, "agent": a.agent.full_name})
        for a in rows.distinct()
    }


sentences_register(EVENT_SENTENCES)
kinds_register({"household": (10, _("Huishouden"))})
action_kinds_register("household", [*EVENT_LABELS, "household.registered"])
action_kinds_register("privacy", ["consent.recorded", "consent.withdrawn", "break_glass.started"])
action_kinds_register("privacy", ["authorisation.recorded", "authorisation.withdrawn"])
describers_register(
    {
        "membership": describe_memberships,
        "resident": describe_residents,
        "involvement": describe_involvements,
        "consent": describe_consents,
        "authorisation": describe_authorisations,
    }
)
