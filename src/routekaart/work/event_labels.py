"""The Dutch labels and sentences of the werkgeversdienstverlening's events, their kind, and the employers and
pages of the placements they are about (registered with audit.event_labels when WorkConfig.ready imports this
module)."""

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
    "employer.registered": _("Werkgever ingeschreven"),
    "branch.added": _("Vestiging toegevoegd"),
    "contact_person.added": _("Contactpersoon toegevoegd"),
    "contact_moment.recorded": _("Contactmoment vastgelegd"),
    "agreement.recorded": _("Afspraak met de werkgever vastgelegd"),
    "vacancy.created": _("Vacature vastgelegd"),
    "vacancy.closed": _("Vacature gesloten"),
    "vacancy.filled": _("Vacature vervuld"),
    "arrangement.created": _("Arrangement vastgelegd"),
    "arrangement.closed": _("Arrangement gesloten"),
    "arrangement.filled": _("Arrangement vervuld"),
    "work_profile.created": _("Werkprofiel aangemaakt"),
    "work_profile.updated": _("Werkprofiel bijgewerkt"),
    "match_decision.exclude": _("Kandidaat uitgesloten van een vacature"),
    "match_decision.include": _("Kandidaat toegevoegd aan een vacature"),
    "match_decision.lifted": _("Besluit over een kandidaat teruggedraaid"),
    "placement.proposed": _("Kandidaat voorgesteld aan de werkgever"),
    "placement.introduced": _("Kennismaking met de werkgever"),
    "placement.declined": _("Plaatsing gaat niet door"),
    "placement.trial_started": _("Proefplaatsing begonnen"),
    "placement.contracted": _("Arbeidsovereenkomst getekend"),
    "placement.coaching_started": _("Jobcoaching begonnen"),
    "placement.coaching_ended": _("Jobcoaching beëindigd"),
    "placement.checked": _("Nazorgcontrole van de plaatsing gedaan"),
    "placement.ended": _("Plaatsing beëindigd"),
    "work_start.received": _("Werkstart door bestaanszekerheid ontvangen"),
    "sroi_contract.created": _("Social-returnverplichting vastgelegd"),
    "sroi_fulfilment.recorded": _("Invulling van social return vastgelegd"),
    "work_rules.loaded": _("Regels van de werkgeversdienstverlening geladen"),
}

EVENT_SENTENCES = {
    "employer.registered": _("Werkgever ingeschreven"),
    "branch.added": _("Vestiging toegevoegd"),
    "contact_person.added": _("Contactpersoon toegevoegd"),
    "contact_moment.recorded": _("Contactmoment vastgelegd"),
    "agreement.recorded": _("Afspraak met de werkgever vastgelegd"),
    "vacancy.created": _("Vacature vastgelegd"),
    "vacancy.closed": _("Vacature gesloten"),
    "vacancy.filled": _("Vacature vervuld"),
    "arrangement.created": _("Arrangement vastgelegd"),
    "arrangement.closed": _("Arrangement gesloten"),
    "arrangement.filled": _("Arrangement vervuld"),
    "work_profile.created": _("Werkprofiel aangemaakt"),
    "work_profile.updated": _("Werkprofiel bijgewerkt"),
    "match_decision.exclude": _("Kandidaat uitgesloten van een vacature"),
    "match_decision.include": _("Kandidaat toegevoegd aan een vacature"),
    "match_decision.lifted": _("Besluit over een kandidaat voor een vacature teruggedraaid"),
    "placement.proposed": (_("Kandidaat voorgesteld aan {name}"), _("Kandidaat voorgesteld aan de werkgever")),
    "placement.introduced": (_("Kennismaking met {name}"), _("Kennismaking met de werkgever")),
    "placement.declined": (_("Plaatsing bij {name} gaat niet door"), _("Plaatsing gaat niet door")),
    "placement.trial_started": (_("Proefplaatsing bij {name} begonnen"), _("Proefplaatsing begonnen")),
    "placement.contracted": (_("Arbeidsovereenkomst met {name} getekend"), _("Arbeidsovereenkomst getekend")),
    "placement.coaching_started": (_("Jobcoaching bij {name} begonnen"), _("Jobcoaching begonnen")),
    "placement.coaching_ended": (_("Jobcoaching bij {name} beëindigd"), _("Jobcoaching beëindigd")),
    "placement.checked": (_("Nazorgcontrole van de plaatsing bij {name} gedaan"), _("Nazorgcontrole gedaan")),
    "placement.ended": (_("Plaatsing bij {name} beëindigd"), _("Plaatsing beëindigd")),
    "work_start.received": _("Werkstart door bestaanszekerheid ontvangen"),
    "sroi_contract.created": _("Social-returnverplichting vastgelegd"),
    "sroi_fulfilment.recorded": _("Invulling van social return vastgelegd"),
    "work_rules.loaded": _("Regels van de werkgeversdienstverlening geladen"),
}


def _numbers(ids) -> list[int]:
    return [int(i) for i in ids if str(i).isdigit()]


def describe_placements(ids, access) -> dict[str, Described]:
    """The employer of each placement, and its page for an adviser whose placement check lets them in: one query
    per page (and the viewer's access for placements, asked once)."""
    from ..organisations.roles import Domain
    from ..residents.timeline import access_as
    from .models import Placement
    from .privacy import PLACEMENT

    rows = Placement.objects.filter(pk__in=_numbers(ids)).values_list(
        "pk", "profile__resident_id", "employer__organisation__name"
    )
    rows = list(rows)
    opened = (
        access_as(access, PLACEMENT, Domain.PARTICIPATION) if rows and access.user.has_perm("work.manage") else None
    )
    return {
        str(pk): Described(
            name=employer,
            url=reverse("work:placement_detail", args=[pk]) if opened and opened.covers(resident) else "",
        )
        for pk, resident, employer in rows
    }


sentences_register(EVENT_SENTENCES)
kinds_register({"work": (70, _("Werk"))})
action_kinds_register("work", EVENT_LABELS)
describers_register({"placement": describe_placements})
