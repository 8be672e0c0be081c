"""Employers: the list, the employer's file for the adviser, and the employer's own page for its contacts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import privacy
from ..labour_facts import UNKNOWN, labour_facts
from ..models import (
    Arrangement,
    ContactMoment,
    Employer,
    EmployerAgreement,
    EmployerKind,
    OpeningStatus,
    Placement,
    PlacementState,
    SocialReturnContract,
    Vacancy,
)
from ..workflow import ACTIVE, WORKING
from .profiles import WorkProfileView

CONTACT_HISTORY_LIMIT = 50


def employer_list(*, search: str = "", kind: str = "") -> QuerySet[Employer]:
    employers = Employer.objects.select_related("organisation", "sector", "adviser").annotate(
        open_vacancies=Count("vacancy", filter=Q(vacancy__status=OpeningStatus.OPEN), distinct=True),
        open_arrangements=Count("arrangement", filter=Q(arrangement__status=OpeningStatus.OPEN), distinct=True),
    )
    if search:
        employers = employers.filter(Q(organisation__name__icontains=search) | Q(kvk_number=search.replace(" ", "")))
    if kind:
        employers = employers.filter(kind=kind)
    return employers.order_by("organisation__name")


@dataclass
class AgreementRow:
    agreement: EmployerAgreement
    filled: int | None = None


@dataclass
class EmployerFile:
    employer: Employer
    agreements: list[AgreementRow]
    contact_moments: list[ContactMoment]
    vacancies: list[Vacancy]
    agency_vacancies: list[Vacancy]
    arrangements: list[Arrangement]
    placements: list[Placement]
    contracts: list[SocialReturnContract]


def employer_get(*, employer_id: int) -> Employer:
    employer = Employer.objects.select_related("organisation", "sector", "adviser").filter(pk=employer_id).first()
    if employer is None:
        raise Http404(_("Deze werkgever bestaat niet."))
    return employer


def employer_file_get(*, employer_id: int) -> EmployerFile:
    """Everything on the employer's page; placements by reference and phase, never with a name."""
    employer = Employer.objects.select_related("organisation", "sector", "adviser").prefetch_related(
        "branches", "contacts"
    )
    employer = employer.filter(pk=employer_id).first()
    if employer is None:
        raise Http404(_("Deze werkgever bestaat niet."))
    agreements = list(employer.agreements.order_by("-valid_from"))
    # Banenafspraak places filled: placements at work that count for it, started within the agreement's period.
    starts = list(
        Placement.objects.filter(employer=employer, counts_for_jobs_agreement=True, contract_start__isnull=False)
        .exclude(state=PlacementState.DECLINED)
        .values_list("contract_start", flat=True)
    )
    rows = []
    for agreement in agreements:
        filled = None
        if agreement.places:
            filled = sum(
                1
                for start in starts
                if start >= agreement.valid_from and (agreement.valid_to is None or start < agreement.valid_to)
            )
        rows.append(AgreementRow(agreement, filled))
    contracts = list(
        SocialReturnContract.objects.filter(contractor=employer)
        .select_related("municipality")
        .annotate(fulfilled=Coalesce(Sum("fulfilments__amount"), Value(Decimal(0)), output_field=DecimalField()))
    )
    return EmployerFile(
        employer=employer,
        agreements=rows,
        contact_moments=list(
            employer.contact_moments.select_related("adviser", "contact_person")[:CONTACT_HISTORY_LIMIT]
        ),
        vacancies=list(Vacancy.objects.filter(employer=employer).select_related("via_agency__organisation")),
        agency_vacancies=list(Vacancy.objects.filter(via_agency=employer).select_related("employer__organisation")),
        arrangements=list(Arrangement.objects.filter(employer=employer).prefetch_related("tasks")),
        placements=list(
            Placement.objects.filter(employer=employer).select_related("vacancy", "arrangement").order_by("-id")
        ),
        contracts=contracts,
    )


def agency_list() -> QuerySet[Employer]:
    return Employer.objects.filter(kind=EmployerKind.TEMP_AGENCY).select_related("organisation")


@dataclass
class ProposedCandidate:
    placement: Placement
    view: WorkProfileView


@dataclass
class EmployerPage:
    employer: Employer
    vacancies: list[Vacancy]
    arrangements: list[Arrangement]
    candidates: list[ProposedCandidate]
    withheld: int


def employer_page_get(*, user, on: date | None = None) -> EmployerPage:
    """What an employer's contact sees: own vacancies and arrangements, and the candidates proposed to it.

    A candidate is shown only while the resident's consent to share the work profile with this employer is
    active; the others are counted, not shown. Work fields only; each candidate shown is logged as read.
    """
    on = on or timezone.localdate()
    # getattr: a missing one-to-one is an AttributeError; a superuser passes the permission without a contact
    contact = getattr(user, "employer_contact", None)
    if contact is None or not contact.is_active:
        raise PermissionDenied(
            _("Deze pagina is voor contactpersonen van een werkgever; uw account hoort niet bij een werkgever.")
        )
    employer = contact.employer
    placements = list(
        Placement.objects.filter(employer=employer, state__in=ACTIVE | WORKING)
        .select_related("profile__resident", "vacancy", "arrangement")
        .prefetch_related("profile__competences", "profile__desired_sectors")
        .order_by("-id")
    )
    allowed = privacy.consented_resident_ids(
        resident_ids=[p.profile.resident_id for p in placements], organisation_id=employer.organisation_id, on=on
    )
    labour = labour_facts(resident_ids=allowed, on=on)
    candidates = [
        ProposedCandidate(
            placement=p,
            view=WorkProfileView(
                profile=p.profile,
                resident=p.profile.resident,
                competences=[c.name for c in p.profile.competences.all()],
                desired_sectors=[s.name for s in p.profile.desired_sectors.all()],
                labour=labour.get(p.profile.resident_id, UNKNOWN),
            ),
        )
        for p in placements
        if p.profile.resident_id in allowed
    ]
    privacy.read_log(user=user, residents=[c.view.resident for c in candidates], activity=privacy.PLACEMENT)
    return EmployerPage(
        employer=employer,
        vacancies=list(Vacancy.objects.filter(employer=employer).select_related("sector").order_by("-id")),
        arrangements=list(Arrangement.objects.filter(employer=employer).select_related("sector").order_by("-id")),
        candidates=candidates,
        withheld=len(placements) - len(candidates),
    )


def user_region(*, user):
    """The region of the first of the user's organisations that has one (a new employer joins that region)."""
    affiliations = user.affiliations.select_related("organisation__region") if user is not None else []
    return next((a.organisation.region for a in affiliations if a.organisation.region_id), None)
