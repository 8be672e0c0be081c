"""The residents API: thin views over the same access check, selectors and services as the pages."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...core.api import django_validation_as_400
from ...organisations.roles import Domain
from .. import selectors, services
from ..access import (
    HouseholdAccess,
    access_refuse,
    household_access_check,
    resident_access_check,
    resident_placement_check,
)
from ..models import Household, Membership, Resident
from .serializers import (
    CompositionQuerySerializer,
    HouseholdCreateSerializer,
    HouseholdFileSerializer,
    HouseholdListSerializer,
    MemberSerializer,
    MembershipEndSerializer,
    MembershipStartSerializer,
    ResidentCreateSerializer,
    ResidentSerializer,
)


class AccessCheckedViewSet(viewsets.GenericViewSet):
    """A viewset over the access check. A refusal (AccessDenied) answers 403 with its message through the one
    exception handler (core.api); its log entry survives the request's rollback (audit writes it afterwards)."""

    permission_classes = [IsAuthenticated]
    lookup_value_converter = "id"  # core.api_bounds: an id that fits the database, else 404

    def require(self, permission: str, access: HouseholdAccess | None = None) -> None:
        """The caller's role must hold `permission`. Given the `access` the door granted for the household asked
        about, a refusal is logged for its people like any other refusal."""
        if self.request.user.has_perm(permission):
            return
        if access is not None:
            access_refuse(access, why=f"role lacks {permission}")
        self.permission_denied(self.request, message=_("U hebt hiervoor niet de juiste rol."))


def _residents_to_place(user, ids: list[int]) -> dict[int, Resident]:
    """The persons to place in a household. The service asks for the lawful ground of each (membership_start); an
    unknown number is refused here through the same check, so its answer reads like any other refusal."""
    found = Resident.objects.in_bulk(ids)
    for resident_id in ids:
        if resident_id not in found:
            resident_placement_check(user=user, resident_id=resident_id, channel="api")
    return found


class HouseholdViewSet(AccessCheckedViewSet):
    """Households the caller is involved with; each one only as far as the caller's domains reach."""

    serializer_class = HouseholdFileSerializer

    def get_queryset(self):
        return selectors.my_households(user=self.request.user)

    @extend_schema(responses=HouseholdListSerializer(many=True))
    def list(self, request: Request) -> Response:
        self.require("residents.view_households")
        page = self.paginate_queryset(self.get_queryset())
        selectors.households_read_log(user=request.user, households=page, channel="api")
        return self.get_paginated_response(HouseholdListSerializer(page, many=True).data)

    @extend_schema(responses=HouseholdFileSerializer)
    def retrieve(self, request: Request, pk: int) -> Response:
        access = household_access_check(user=request.user, household_id=pk, channel="api")
        return Response(HouseholdFileSerializer(selectors.household_file_get(access=access)).data)

    @extend_schema(request=HouseholdCreateSerializer, responses={201: HouseholdFileSerializer})
    def create(self, request: Request) -> Response:
        """Register a household with its first members; the caller becomes its coordinator."""
        self.require("residents.register_resident")
        serializer = HouseholdCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        residents = _residents_to_place(request.user, [m["resident"] for m in data["members"]])
        members = [services.MemberSpec(resident=residents[m["resident"]], role=m["role"]) for m in data["members"]]
        with django_validation_as_400():
            household = services.household_create(
                actor=request.user,
                members=members,
                valid_from=data["valid_from"],
                coordinator_organisation=data["organisation"],
                reason=data["reason"],
            )
        access = household_access_check(user=request.user, household_id=household.pk, channel="api")
        file = selectors.household_file_get(access=access)
        return Response(HouseholdFileSerializer(file).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("on", type=str, description="JJJJ-MM-DD", required=True)],
        responses=MemberSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def composition(self, request: Request, pk: int) -> Response:
        """Who belonged to the household on a date ("who lived here on 1 March?")."""
        query = CompositionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        access = household_access_check(
            user=request.user, household_id=pk, purpose="household-composition", channel="api"
        )
        memberships = selectors.household_composition_get(access=access, on=query.validated_data["on"])
        return Response(MemberSerializer(memberships, many=True).data)

    @extend_schema(request=MembershipStartSerializer, responses={201: MemberSerializer})
    @action(detail=True, methods=["post"])
    def memberships(self, request: Request, pk: int) -> Response:
        """Someone joins the household (moving in, birth)."""
        access = household_access_check(
            user=request.user, household_id=pk, purpose="household-composition", channel="api"
        )
        serializer = MembershipStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        resident = _residents_to_place(request.user, [data["resident"]])[data["resident"]]
        with django_validation_as_400():
            membership = services.membership_start(
                actor=request.user,
                household=Household(pk=access.household_id),
                resident=resident,
                role=data["role"],
                valid_from=data["valid_from"],
            )
        return Response(MemberSerializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MembershipEndSerializer, responses=MemberSerializer)
    @action(detail=True, methods=["post"], url_path="memberships/<id:membership_id>/end")
    def membership_end(self, request: Request, pk: int, membership_id: int) -> Response:
        """Someone leaves the household (moving out): from `valid_to` on they no longer belong to it."""
        access = household_access_check(
            user=request.user, household_id=pk, purpose="household-composition", channel="api"
        )
        serializer = MembershipEndSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = Membership.objects.filter(pk=membership_id, household_id=access.household_id).first()
        if membership is None:
            raise ValidationError({"membership": [_("Dit lidmaatschap hoort niet bij dit huishouden.")]})
        with django_validation_as_400():
            membership = services.membership_end(
                actor=request.user, membership=membership, valid_to=serializer.validated_data["valid_to"]
            )
        return Response(MemberSerializer(membership).data)


class ResidentViewSet(AccessCheckedViewSet):
    """Residents, seen through a household the caller is involved with. There is no list: no browsing people."""

    serializer_class = ResidentSerializer

    @extend_schema(responses=ResidentSerializer)
    def retrieve(self, request: Request, pk: int) -> Response:
        access = resident_access_check(user=request.user, resident_id=pk, domain=Domain.GENERAL, channel="api")
        return Response(ResidentSerializer(selectors.resident_get(access=access, resident_id=pk)).data)

    @extend_schema(request=ResidentCreateSerializer, responses={201: ResidentSerializer})
    def create(self, request: Request) -> Response:
        self.require("residents.register_resident")
        serializer = ResidentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            resident = services.resident_register(actor=request.user, **serializer.validated_data)
        return Response(ResidentSerializer(resident).data, status=status.HTTP_201_CREATED)
