"""The household page's BRP block: the way to compare the members with the BRP, for those who may change the
composition; and the label of the registration's own event."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..audit.event_labels import labels_register
from ..organisations.roles import Domain
from .household_blocks import HouseholdAction, HouseholdBlock, access_for, block_register
from .selectors import HouseholdFile

ORDER = 90
EVENT_LABELS = {"household.registered": _("Huishouden ingeschreven")}


def brp_block(file: HouseholdFile) -> HouseholdBlock | None:
    """Shown to those who may see and change the household's composition; no query beyond the access check."""
    if not access_for(file, "household-composition").sees(Domain.GENERAL):
        return None
    url = reverse("residents:brp_compare", args=[file.household.pk])
    return HouseholdBlock(
        key="brp",
        title=_("BRP"),
        template="residents/components/brp_block.html",
        url=url,
        actions=(HouseholdAction(_("Vergelijken met de BRP"), url),),
    )


def registration_ready() -> None:
    """From ResidentsConfig.ready: the BRP block on the household page and the registration event's label."""
    labels_register(EVENT_LABELS)
    block_register("brp", brp_block, ORDER)
