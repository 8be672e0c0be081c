"""The participation API: thin views over the same access check, selectors, services and calculations as the pages."""

from dataclasses import asdict

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ...core.api import django_validation_as_400
from ...organisations.models import Organisation
from ...organisations.roles import Domain
from ...residents.access import resident_access_check
from ...residents.api.views import AccessCheckedViewSet
from .. import calculations, selectors, services
from ..configuration import wage_subsidy_rules
from ..models import DistanceCategory, LadderRung, ParticipationTier
from .serializers import (
    AssessmentCreateSerializer,
    AssessmentSerializer,
    ParticipationInstrumentSerializer,
    ProfileSerializer,
    WageSubsidyQuerySerializer,
    WageSubsidySerializer,
)


class InstrumentViewSet(AccessCheckedViewSet):
    """The instruments and their rules, as configured (no personal data)."""

    serializer_class = ParticipationInstrumentSerializer
    pagination_class = None  # the list is the configuration's handful of instruments, answered whole

    def list(self, request: Request) -> Response:
        self.require("participation.view_configuration")
        return Response(ParticipationInstrumentSerializer(selectors.instrument_list(), many=True).data)

    @extend_schema(request=WageSubsidyQuerySerializer, responses=WageSubsidySerializer)
    @action(detail=False, methods=["post"], url_path="wage-subsidy")
    def wage_subsidy(self, request: Request) -> Response:
        """The wage-cost subsidy for a month, hours and wage value: the same formula as the assignments use."""
        self.require("participation.view_configuration")
        query = WageSubsidyQuerySerializer(data=request.data)
        query.is_valid(raise_exception=True)
        try:
            result = calculations.wage_subsidy_monthly(rules=wage_subsidy_rules(), **query.validated_data)
        except calculations.RulesError as error:
            raise ValidationError({"on": [_("Voor deze datum zijn geen bedragen bekend.")]}) from error
        return Response(WageSubsidySerializer(asdict(result)).data)


class ParticipationResidentViewSet(AccessCheckedViewSet):
    """A resident's participation, through the access check for the Participatiewet domain."""

    serializer_class = ProfileSerializer
    lookup_value_converter = "id"  # core.api_bounds: an id that fits the database, else 404

    def _access(self, pk: int):
        return resident_access_check(
            user=self.request.user, resident_id=pk, domain=Domain.PARTICIPATION, purpose="participation", channel="api"
        )

    def retrieve(self, request: Request, pk: int) -> Response:
        access = self._access(pk)  # the door first: a refusal is then logged for the person asked about
        self.require("participation.view_profile", access)
        profile = selectors.participation_profile_get(access=access, resident_id=pk)
        return Response(ProfileSerializer(profile).data)

    @extend_schema(request=AssessmentCreateSerializer, responses={201: AssessmentSerializer})
    @action(detail=True, methods=["post"])
    def assessments(self, request: Request, pk: int) -> Response:
        """Assess the distance to the labour market; the next assessment is planned from the category."""
        access = self._access(pk)
        self.require("participation.record", access)
        data = AssessmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        errors = {}
        category = DistanceCategory.objects.filter(code=values["category"]).first()
        tier = ParticipationTier.objects.filter(code=values["tier"]).first()
        if category is None:
            errors["category"] = [_("Onbekende categorie.")]
        if tier is None:
            errors["tier"] = [_("Onbekende trede.")]
        municipality = None
        if values.get("municipality"):
            municipality = Organisation.objects.filter(code=values["municipality"], kind="municipality").first()
            if municipality is None:
                errors["municipality"] = [_("Onbekende gemeente.")]
        if errors:
            raise ValidationError(errors)
        profile = selectors.participation_profile_get(access=access, resident_id=pk)
        with django_validation_as_400():
            assessment = services.distance_assess(
                actor=request.user,
                resident=profile.resident,
                category=category,
                tier=tier,
                ladder_rung=get_object_or_404(LadderRung, order=values["ladder_rung"]),
                assessed_on=values.get("assessed_on"),
                municipality=municipality,
                note=values.get("note", ""),
            )
        return Response(AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)
