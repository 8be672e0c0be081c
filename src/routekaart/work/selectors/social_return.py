"""Social return (SROI): the contracts with their progress, and one contract's file."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from ..models import (
    SocialReturnContract,
    SocialReturnFulfilment,
)


@dataclass
class ContractProgress:
    contract: SocialReturnContract
    obligation: Decimal
    fulfilled: Decimal

    @property
    def share(self) -> Decimal:
        if not self.obligation:
            return Decimal(0)
        return (self.fulfilled / self.obligation * 100).quantize(Decimal("0.1"))

    @property
    def remaining(self) -> Decimal:
        return max(Decimal(0), self.obligation - self.fulfilled)


def sroi_contract_list() -> list[ContractProgress]:
    contracts = (
        SocialReturnContract.objects.select_related("contractor__organisation", "municipality")
        .annotate(fulfilled=Coalesce(Sum("fulfilments__amount"), Value(Decimal(0)), output_field=DecimalField()))
        .order_by("ends_on", "reference")
    )
    return [ContractProgress(c, c.obligation, c.fulfilled) for c in contracts]


@dataclass
class ContractFile:
    progress: ContractProgress
    fulfilments: list[SocialReturnFulfilment]
    by_kind: list[tuple[str, Decimal]]


def sroi_contract_get(*, contract_id: int) -> ContractFile:
    contract = (
        SocialReturnContract.objects.select_related("contractor__organisation", "municipality")
        .filter(pk=contract_id)
        .first()
    )
    if contract is None:
        raise Http404(_("Dit contract bestaat niet."))
    fulfilments = list(contract.fulfilments.select_related("placement", "recorded_by"))
    by_kind: dict[str, Decimal] = {}
    for f in fulfilments:
        by_kind[f.get_kind_display()] = by_kind.get(f.get_kind_display(), Decimal(0)) + f.amount
    fulfilled = sum((f.amount for f in fulfilments), Decimal(0))
    return ContractFile(
        progress=ContractProgress(contract, contract.obligation, fulfilled),
        fulfilments=fulfilments,
        by_kind=sorted(by_kind.items()),
    )
