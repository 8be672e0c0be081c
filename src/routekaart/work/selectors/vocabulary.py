"""The rules in force and the vocabulary (competences, sectors, instruments) every page and service reads."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import matching
from ..models import (
    Competence,
    Sector,
    WorkRules,
)


def rules_get(*, on: date | None = None) -> WorkRules:
    """The rules in force on `on` (today): the latest version that took effect by then."""
    on = on or timezone.localdate()
    rules = WorkRules.objects.filter(effective_from__lte=on).order_by("-effective_from", "-version").first()
    if rules is None:
        raise Http404(
            _("De regels van de werkgeversdienstverlening zijn nog niet geladen; vraag functioneel beheer ze te laden.")
        )
    return rules


def match_rules(*, on: date | None = None) -> matching.MatchRules:
    return matching.MatchRules.from_content(rules_get(on=on).content)


def instrument_choices(*, content: dict | None = None) -> list[tuple[str, str]]:
    content = content or rules_get().content
    return [(i["code"], i["name"]) for i in content["placement"]["instruments"]]


def competence_list() -> QuerySet[Competence]:
    return Competence.objects.filter(is_active=True).order_by("group", "name")


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.filter(is_active=True).order_by("name")


def _names_by_bit(model) -> dict[int, str]:
    return dict(model.objects.values_list("bit", "name"))


def _mask_names(mask: int, names: dict[int, str]) -> list[str]:
    return [names[bit] for bit in sorted(names) if mask >> bit & 1]


def mask_of(items) -> int:
    mask = 0
    for item in items:
        mask |= 1 << item.bit
    return mask
