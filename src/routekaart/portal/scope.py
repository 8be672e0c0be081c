"""What a portal page may show: the logged-in resident, and the one person among those they represent (themself, a
child under 16, a principal who authorised them) whose data the page is showing now.

Pages show data *about* `scope.person` and the household `scope.person` lives in (its coordinator, its plan, its
benefit: the person is a party to them); never a housemate's own data (a partner's route, a child of 16's file).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..residents import selectors as residents_selectors
from ..residents.represented import Ground, Represented, persons_represented


@dataclass(frozen=True)
class PortalScope:
    me: object  # the Resident who logged in with DigiD
    represented: tuple[Represented, ...]  # me first, then children under 16, then principals
    person: object  # the Resident being looked at (me by default)
    ground: str  # Ground.* of `person`
    household_id: int | None  # the household `person` lives in on `on`
    on: date

    @property
    def viewing_self(self) -> bool:
        return self.ground == Ground.SELF

    def allows(self, resident_id: int) -> bool:
        """May this portal user see `resident_id`'s own data?"""
        return any(r.id == resident_id for r in self.represented)


def portal_scope(*, resident, viewing_id: int | None, on: date) -> PortalScope:
    """The scope of one portal request: 2 queries (the represented persons, the viewed person's household)."""
    represented = tuple(persons_represented(resident=resident, on=on))
    chosen = next((r for r in represented if r.id == viewing_id), represented[0])
    return PortalScope(
        me=resident,
        represented=represented,
        person=chosen.resident,
        ground=chosen.ground,
        household_id=residents_selectors.household_id_of(resident_id=chosen.id, on=on),
        on=on,
    )
