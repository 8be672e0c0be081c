"""The household page's participation block: labour distance, wage value, register status, instruments in force."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..organisations.roles import Domain
from ..residents.access import HouseholdAccess
from ..residents.household_blocks import HouseholdBlock, access_for
from ..residents.selectors import HouseholdFile, MemberRow, processing_log_read
from . import selectors, workflow
from .models import Assignment, DistanceAssessment, WageValueDetermination
from .selectors import RegisterState, target_group_register_statuses, wage_values_current

ORDER = 60


@dataclass(frozen=True)
class MemberParticipation:
    """One member's participation as the household page summarises it."""

    member: MemberRow
    assessment: DistanceAssessment | None
    wage_value: WageValueDetermination | None
    register: RegisterState
    assignments: list[Assignment]

    @property
    def resident(self):
        return self.member.resident

    @property
    def review_overdue(self) -> bool:
        return self.assessment is not None and self.assessment.next_assessment_on < timezone.localdate()


def household_participation(*, access: HouseholdAccess, members: list[MemberRow]) -> list[MemberParticipation]:
    """Labour distance, wage value, register status and the instruments in force of these members: four queries
    whatever the household's size or history. Members with nothing recorded are left out; the read is logged."""
    ids = [m.resident.pk for m in members]
    on = access.on
    assessments = {
        a.resident_id: a
        for a in DistanceAssessment.objects.filter(resident_id__in=ids, is_current=True).select_related(
            "category", "tier", "ladder_rung"
        )
    }
    wage_values = wage_values_current(resident_ids=ids, on=on)
    registers = target_group_register_statuses(resident_ids=ids, on=on)
    assignments: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in (
        Assignment.objects.filter(resident_id__in=ids, status__in=workflow.OPEN)
        .select_related("instrument", "provider", "employer")
        .order_by("planned_start", "pk")
    ):
        assignments[assignment.resident_id].append(assignment)
    rows = [
        MemberParticipation(
            member=m,
            assessment=assessments.get(m.resident.pk),
            wage_value=wage_values.get(m.resident.pk),
            register=registers.get(m.resident.pk, RegisterState(None)),
            assignments=assignments.get(m.resident.pk, []),
        )
        for m in members
    ]
    rows = [row for row in rows if row.assessment or row.wage_value or row.register.status or row.assignments]
    if rows:
        processing_log_read(access=access, residents=[row.resident for row in rows], domains={Domain.PARTICIPATION})
    return rows


def participation_block(file: HouseholdFile) -> HouseholdBlock | None:
    """Participatiewet data (domain P): for roles the participation activity allows, per person where only a
    consent opens it."""
    access = access_for(file, selectors.ACTIVITY, Domain.PARTICIPATION)
    members = [row for row in file.members if access.covers(row.resident.pk)]
    if not members:
        return None
    user = access.user
    rows = household_participation(access=access, members=members)
    return HouseholdBlock(
        key="participation",
        title=_("Participatie"),
        template="participation/components/household_participation.html",
        context={"rows": rows, "linked": user.has_perm("participation.view_profile")},
        url=reverse("participation:team") if user.has_perm("participation.view_team") else "",
        domain=Domain.PARTICIPATION,
    )
