"""The bestaanszekerheid API: the same access check (domain P), selectors and services as the pages."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from ...core.api import Unprocessable, django_validation_as_400, refusal
from ...organisations.roles import Domain
from ...residents.access import household_access_check
from ...residents.api.views import AccessCheckedViewSet
from .. import selectors, services
from ..calculation import CalculationError
from ..models import ReportSource
from .serializers import (
    CalculationSerializer,
    EntitlementSerializer,
    IncomeReportResultSerializer,
    IncomeReportSerializer,
)


class IncomeHouseholdViewSet(AccessCheckedViewSet):
    """A benefit household: this month's calculation, the regulations check, earnings reported."""

    serializer_class = CalculationSerializer

    def _access(self, pk: int, purpose: str = "social-assistance"):
        return household_access_check(
            user=self.request.user, household_id=pk, domain=Domain.PARTICIPATION, purpose=purpose, channel="api"
        )

    def _benefit(self, pk: int):
        benefit = selectors.benefit_for_household(household_id=pk, on=timezone.localdate())
        if benefit is None:
            raise NotFound("Dit huishouden heeft geen bijstandsuitkering.")
        return benefit

    @extend_schema(
        responses={
            200: CalculationSerializer,
            422: OpenApiResponse(description="The month cannot be calculated: a norm or rate is missing."),
        }
    )
    @action(detail=True, methods=["get"], url_path="calculation")
    def calculation(self, request: Request, pk: int) -> Response:
        """This month's benefit, every figure with its explanation and the source of the norms."""
        access = self._access(pk)
        self.require("income.view_clients", access)
        benefit = self._benefit(pk)
        try:
            result = selectors.benefit_calculation_get(benefit=benefit, month=access.on.replace(day=1))
        except CalculationError as error:
            return refusal(Unprocessable(str(error)), request)
        selectors._read_logged(access=access, residents=[benefit.client])
        return Response(CalculationSerializer(result).data)

    @extend_schema(responses=EntitlementSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="entitlements", pagination_class=None)
    def entitlements(self, request: Request, pk: int) -> Response:
        """Every regulation in force: entitled, in use, and why (the household's own values)."""
        access = self._access(pk, purpose="entitlement-check")
        self.require("income.view_clients", access)
        result = selectors.entitlement_check_household(household_id=pk, on=access.on)
        benefit = self._benefit(pk)
        selectors._read_logged(access=access, residents=[benefit.client], activity="entitlement-check")
        return Response(EntitlementSerializer(result, many=True).data)

    @extend_schema(request=IncomeReportSerializer, responses={201: IncomeReportResultSerializer})
    @action(detail=True, methods=["post"], url_path="income-reports")
    def income_reports(self, request: Request, pk: int) -> Response:
        """Report a month's earnings (the simplified form); a second report for the month corrects it."""
        self.require("income.manage_benefits", self._access(pk))
        benefit = self._benefit(pk)
        serializer = IncomeReportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            report = services.income_report_submit(
                actor=request.user,
                benefit=benefit,
                source=ReportSource.STAFF,
                channel="api",
                **serializer.validated_data,
            )
        return Response(IncomeReportResultSerializer(report).data, status=status.HTTP_201_CREATED)
