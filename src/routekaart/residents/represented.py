"""Whom a resident may see in the portal besides themself: their children under 16 (parental authority, AVG art. 8
and UAVG art. 5: a parent acts for a child until 16) and the living persons who authorised them (machtiging,
`residents.Authorisation`).

No other person's data is ever shown in the portal, not even a housemate's: a partner or a child of 16 or older is
a person of their own, seen only with their authorisation.

Each `Represented` carries the law domains (`Domain` letters) its ground opens: all of them for oneself (SELF) and
for a child under 16 (PARENT); for a principal (AUTHORISED) only the domains they authorised, merged over their open
authorisations. A portal page that shows a domain's data (a youth-care decision, a benefit) hides it when the domain
is not in `.domains` of the person being looked at; pages that read only `.resident` and `.ground` show the general
data a represented person may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from ..core.periods import valid_on
from .life_phase import age_on
from .models import ALL_DOMAINS, Authorisation, RelationKind, Resident

PARENTAL_AUTHORITY_UNTIL = 16  # a parent sees a child's data until the child turns 16


class Ground:
    SELF = "self"
    PARENT = "parent"
    AUTHORISED = "authorised"


@dataclass(frozen=True)
class Represented:
    """One person the portal user may see, on what ground, and for which law domains (letters of `Domain`)."""

    resident: Resident
    ground: str  # Ground.*
    domains: frozenset[str] = frozenset(ALL_DOMAINS)

    @property
    def id(self) -> int:
        return self.resident.pk

    def sees(self, domain: str) -> bool:
        """May the portal user see this person's data of `domain`?"""
        return domain in self.domains


def persons_represented(*, resident: Resident, on: date) -> list[Represented]:
    """The resident themself first, then their children under 16, then who authorised them (alive, an open
    authorisation on `on`): 2 queries."""
    found = [Represented(resident, Ground.SELF)]
    children = (
        Resident.objects.filter(
            Q(related_by__valid_from__isnull=True) | Q(related_by__valid_from__lte=on),
            Q(related_by__valid_to__isnull=True) | Q(related_by__valid_to__gt=on),
            related_by__resident=resident,
            related_by__kind=RelationKind.PARENT,
            date_of_death__isnull=True,
        )
        .order_by("birth_date", "id")
        .distinct()
    )
    found += [
        Represented(child, Ground.PARENT)
        for child in children
        if age_on(child.birth_date, on) < PARENTAL_AUTHORITY_UNTIL
    ]
    seen = {r.id for r in found}
    principals: dict[int, tuple[Resident, set[str]]] = {}
    authorisations = (
        Authorisation.objects.filter(
            valid_on(on), agent=resident, withdrawn_at__isnull=True, principal__date_of_death__isnull=True
        )
        .select_related("principal")
        .order_by("principal__family_name", "principal_id", "id")
    )
    for authorisation in authorisations:
        if authorisation.principal_id in seen:
            continue
        _principal, domains = principals.setdefault(authorisation.principal_id, (authorisation.principal, set()))
        domains.update(authorisation.domains)
    found += [Represented(p, Ground.AUTHORISED, frozenset(d)) for p, d in principals.values()]
    return found
