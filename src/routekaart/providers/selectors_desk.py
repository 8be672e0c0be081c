"""What a provider sees on its desk (pages and API alike): only its own organisation's assignments, contracts and
declarations, and of a resident only what delivery needs (name, birth date, address; never the BSN, the case, the
plan's text or other decisions).

The scope is one function (`provider_organisation_ids`): an assignment outside it does not exist for the caller
(404, never 403, so its existence is not given away). Every read of a resident's data is logged under the
processing activity `provision-delivery`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from ..audit import services as audit
from ..organisations.roles import Role
from .models import (
    Assignment,
    AssignmentStatus,
    Contract,
    ContractProduct,
    Declaration,
    DeclarationLine,
    DeclarationStatus,
    Message,
    ProgressReport,
    ProviderProfile,
)
from .standard import FREQUENCIES, UNITS

DELIVERY = "provision-delivery"  # the register's processing activity of a provider's work on an assignment
PROVIDER_KIND = "provider"  # organisations' OrganisationKind.PROVIDER (its models module is not ours to import)
DECLARATIONS_SHOWN = 50

# The desk's tabs: slug in the address -> the statuses it shows.
STATUS_GROUPS: dict[str, tuple[str, ...]] = {
    "te-starten": (AssignmentStatus.SENT,),
    "lopend": (AssignmentStatus.STARTED,),
    "afgelopen": (AssignmentStatus.STOPPED, AssignmentStatus.ENDED),
}
DEFAULT_GROUP = "te-starten"


def volume_text(assignment) -> str:
    """The assigned volume in words: "4 uur per week"."""
    amount = format(assignment.volume.normalize(), "f").replace(".", ",")
    unit = UNITS.get(assignment.unit, assignment.unit)
    frequency = FREQUENCIES.get(assignment.frequency, assignment.frequency)
    return f"{amount} {unit} {frequency}"


def provider_organisation_ids(user) -> list[int]:
    """The provider organisations the user works for in the role aanbieder: the whole scope of the desk."""
    if not getattr(user, "is_authenticated", False):
        return []
    return sorted(
        {
            a.organisation_id
            for a in user.affiliations_held()
            if a.role == Role.PROVIDER and a.organisation.kind == PROVIDER_KIND
        }
    )


def provider_agb_codes(*, user) -> set[str]:
    """The AGB codes of the user's provider organisations: the senders whose messages the user may send in."""
    ids = provider_organisation_ids(user)
    if not ids:
        return set()
    return set(ProviderProfile.objects.filter(organisation_id__in=ids).values_list("agb_code", flat=True))


def retour_of(message: Message) -> Message | None:
    """The retour the municipality made on a received message (its first answer)."""
    return message.retours.order_by("id").first()


def _scoped(user) -> QuerySet[Assignment]:
    return Assignment.objects.filter(provider_id__in=provider_organisation_ids(user)).select_related(
        "resident", "resident__address", "product", "municipality"
    )


def assignment_list(*, user, statuses: Iterable[str] | None = None) -> QuerySet[Assignment]:
    """The provider's assignments (newest first), optionally of some statuses; nothing is logged here (see
    `delivery_read_log` for what a page shows)."""
    assignments = _scoped(user)
    if statuses is not None:
        assignments = assignments.filter(status__in=list(statuses))
    return assignments


def assignment_group_counts(*, user) -> dict[str, int]:
    """How many assignments each tab of the desk holds: one query."""
    totals = (
        Assignment.objects.filter(provider_id__in=provider_organisation_ids(user))
        .order_by()
        .aggregate(
            **{
                slug.replace("-", "_"): Count("id", filter=Q(status__in=statuses))
                for slug, statuses in STATUS_GROUPS.items()
            }
        )
    )
    return {slug: totals[slug.replace("-", "_")] for slug in STATUS_GROUPS}


def assignment_get(*, user, assignment_id: int) -> Assignment:
    """One of the provider's own assignments; any other id is no assignment at all (404)."""
    assignment = (
        _scoped(user)
        .prefetch_related(Prefetch("progress_reports", queryset=ProgressReport.objects.select_related("reported_by")))
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        raise Http404("assignment")
    return assignment


def delivery_read_log(*, user, residents: Iterable, channel: str | None = None) -> None:
    """Log one read of the residents shown (pseudonyms, one entry for a whole page)."""
    subjects = [audit.pseudonym(resident.bsn) for resident in residents]
    if subjects:
        audit.processing_record(actor=user, activity=DELIVERY, data_subjects=subjects, channel=channel)


def assignment_read(*, user, assignment_id: int, channel: str | None = None) -> Assignment:
    """One assignment as its page or the API shows it, the read of its resident logged."""
    assignment = assignment_get(user=user, assignment_id=assignment_id)
    delivery_read_log(user=user, residents=[assignment.resident], channel=channel)
    return assignment


# --- the contract page and the home figures ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductVolume:
    contract_product: ContractProduct
    assigned: int  # assignments sent this year
    started: int  # of which care started this year


@dataclass(frozen=True)
class ContractView:
    contract: Contract
    products: list[ProductVolume]


@dataclass(frozen=True)
class ContractOverview:
    year: int
    contracts: list[ContractView]
    declarations: list[Declaration]  # each with `rejected_lines`


def contract_overview(*, user, today: date | None = None) -> ContractOverview:
    """The provider's contracts with products, tariffs and this year's volumes, and its latest declarations with
    the retour codes of their rejected lines: a fixed number of queries, no personal data."""
    ids = provider_organisation_ids(user)
    year = (today or timezone.localdate()).year
    contracts = list(
        Contract.objects.filter(provider_id__in=ids)
        .select_related("region")
        .prefetch_related(
            "municipalities",
            Prefetch(
                "products",
                queryset=ContractProduct.objects.select_related("product").prefetch_related("tariffs"),
            ),
        )
    )
    counts = {
        row["contract_product_id"]: row
        for row in Assignment.objects.filter(provider_id__in=ids)
        .values("contract_product_id")
        .annotate(
            assigned=Count("id", filter=Q(sent_at__year=year)),
            started=Count("id", filter=Q(started_on__year=year)),
        )
    }
    views = [
        ContractView(
            contract=contract,
            products=[
                ProductVolume(
                    contract_product=cp,
                    assigned=counts.get(cp.pk, {}).get("assigned", 0),
                    started=counts.get(cp.pk, {}).get("started", 0),
                )
                for cp in contract.products.all()
            ],
        )
        for contract in contracts
    ]
    declarations = list(
        Declaration.objects.filter(provider_id__in=ids)
        .select_related("municipality")
        .prefetch_related(
            Prefetch("lines", queryset=DeclarationLine.objects.filter(approved=False), to_attr="rejected_lines")
        )[:DECLARATIONS_SHOWN]
    )
    return ContractOverview(year=year, contracts=views, declarations=declarations)


@dataclass(frozen=True)
class DeskCounts:
    to_start: int
    running: int
    declarations_refused: int  # declarations this year with one or more rejected lines


def desk_counts(*, user, today: date | None = None) -> DeskCounts:
    """The provider's home figures: two counts, no personal data."""
    ids = provider_organisation_ids(user)
    year = (today or timezone.localdate()).year
    if not ids:
        return DeskCounts(0, 0, 0)
    counts = Assignment.objects.filter(provider_id__in=ids).aggregate(
        to_start=Count("id", filter=Q(status=AssignmentStatus.SENT)),
        running=Count("id", filter=Q(status=AssignmentStatus.STARTED)),
    )
    refused = Declaration.objects.filter(
        provider_id__in=ids,
        received_at__year=year,
        status__in=[DeclarationStatus.PARTLY, DeclarationStatus.REJECTED],
    ).count()
    return DeskCounts(to_start=counts["to_start"], running=counts["running"], declarations_refused=refused)
