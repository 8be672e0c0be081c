"""The Dutch labels and sentences of beheer markt's events (profiles, locations, contracts, products, tariffs,
waiting times), their kind, and the contracts they are about; registered by providers.registrations."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import (
    Described,
    action_kinds_register,
    describers_register,
    kinds_register,
    labels_register,
    sentences_register,
)

EVENT_LABELS = {
    "provider_profile.registered": _("Aanbiedergegevens vastgelegd"),
    "provider_profile.updated": _("Aanbiedergegevens gewijzigd"),
    "location.added": _("Locatie van een aanbieder toegevoegd"),
    "contract.created": _("Contract vastgelegd"),
    "contract_product.added": _("Product aan een contract toegevoegd"),
    "tariff.added": _("Tarief vastgelegd"),
    "wait_time.reported": _("Wachttijd gemeld"),
}

EVENT_SENTENCES = {
    "provider_profile.registered": (_("AGB-code {agb_code} en KvK-nummer {kvk_number} vastgelegd"),),
    "provider_profile.updated": (_("AGB-code en KvK-nummer gewijzigd in {agb_code} en {kvk_number}"),),
    "location.added": (_("Locatie {name} in {city} toegevoegd"), _("Locatie toegevoegd")),
    "contract.created": (_("Contract {reference} vastgelegd"), _("Contract vastgelegd")),
    "contract_product.added": (_("Product toegevoegd aan contract {contract}"), _("Product toegevoegd")),
    "tariff.added": (_("Tarief van € {amount} vastgelegd in contract {contract}"), _("Tarief vastgelegd")),
    "wait_time.reported": (_("Wachttijd van {weeks} weken gemeld"), _("Wachttijd gemeld")),
}


def _numbers(ids) -> list[int]:
    return [int(i) for i in ids if str(i).isdigit()]


def describe_contracts(ids, access) -> dict[str, Described]:
    """Each contract's reference and its page (for those who may open it): one query per page of events."""
    from .models import Contract

    may_open = access is not None and access.user.has_perm("providers.view_contracts")
    rows = Contract.objects.filter(pk__in=_numbers(ids)).values_list("pk", "reference")
    return {
        str(pk): Described(name=reference, url=reverse("market:contract_detail", args=[pk]) if may_open else "")
        for pk, reference in rows
    }


def register() -> None:
    labels_register(EVENT_LABELS)
    sentences_register(EVENT_SENTENCES)
    kinds_register({"market": (75, _("Beheer markt"))})
    action_kinds_register("market", EVENT_LABELS)
    describers_register({"contract": describe_contracts})
