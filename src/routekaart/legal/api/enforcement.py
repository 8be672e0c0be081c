"""Enforcement over the API (/api/v1/handhaving/...), for klantbeheer (client_admin): the signals and the
investigations of the user's organisations, record and assess a signal, open an investigation, and its steps
(findings, informing, hearing, closing). Thin: the selectors decide what is visible (anything else is 404) and log
the read; the services check every step and their Dutch refusals are the 400s."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ...access.api.serializers import choice
from ...core.api import HasRulesPermission, ModelLimitsMixin, django_validation_as_400
from ...core.api_bounds import object_id_field
from .. import enforcement_rules  # noqa: F401  (declares the permission below)
from .. import selectors_enforcement as selectors
from ..models import Culpability, EnforcementSignal, Investigation, InvestigationOutcome
from ..services import enforcement as services

HANDLE = "legal.handle_enforcement"


class EnforcementSignalSerializer(serializers.ModelSerializer):
    """A signal in a list: dates, source, status and ids; no description."""

    class Meta:
        model = EnforcementSignal
        fields = [
            "id",
            "household",
            "resident",
            "source",
            "law",
            "received_on",
            "origin_kind",
            "origin_id",
            "status",
            "assessed_on",
        ]
        read_only_fields = fields


class SignalDetailSerializer(EnforcementSignalSerializer):
    class Meta(EnforcementSignalSerializer.Meta):
        fields = [*EnforcementSignalSerializer.Meta.fields, "description", "assessment"]
        read_only_fields = fields


class InvestigationSerializer(serializers.ModelSerializer):
    # Blank until the investigation closes: read-only choices that may be "".
    outcome = choice(InvestigationOutcome.choices, read_only=True, allow_blank=True)
    culpability = choice(Culpability.choices, read_only=True, allow_blank=True)

    class Meta:
        model = Investigation
        fields = [
            "id",
            "reference",
            "signal",
            "household",
            "resident",
            "law",
            "opened_on",
            "investigator",
            "resident_informed_on",
            "heard_on",
            "status",
            "closed_on",
            "outcome",
            "harm_amount",
            "harm_from",
            "harm_to",
            "culpability",
            "repeat_offence",
            "fine_amount",
            "claim_id",
        ]
        read_only_fields = fields


class InvestigationDetailSerializer(InvestigationSerializer):
    class Meta(InvestigationSerializer.Meta):
        fields = [*InvestigationSerializer.Meta.fields, "question", "findings", "outcome_reasoning"]
        read_only_fields = fields


def _investigator(value):
    if value is None:
        return None
    user = get_user_model().objects.filter(pk=value, is_active=True).first()
    if user is None:
        raise serializers.ValidationError("Er is geen medewerker met dit nummer.")
    return user


class EnforcementSignalCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = EnforcementSignal
    household_id = object_id_field()
    resident_id = object_id_field(required=False, allow_null=True, default=None)
    source = serializers.CharField(max_length=20)
    received_on = serializers.DateField()
    description = serializers.CharField()


class AssessSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = EnforcementSignal
    decision = serializers.ChoiceField(choices=[("dismiss", "dismiss"), ("investigate", "investigate")])
    assessed_on = serializers.DateField()
    assessment = serializers.CharField(required=False, allow_blank=True, default="")
    question = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    investigator = object_id_field(required=False, allow_null=True, default=None)
    resident_id = object_id_field(required=False, allow_null=True, default=None)

    def validate_investigator(self, value):
        return _investigator(value)


class InvestigationCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Investigation
    household_id = object_id_field()
    resident_id = object_id_field(required=False, allow_null=True, default=None)
    question = serializers.CharField()
    investigator = object_id_field()
    opened_on = serializers.DateField()

    def validate_investigator(self, value):
        return _investigator(value)


class FindingsSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Investigation
    findings = serializers.CharField()
    harm_amount = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, allow_null=True, default=None
    )
    harm_from = serializers.DateField(required=False, allow_null=True, default=None)
    harm_to = serializers.DateField(required=False, allow_null=True, default=None)
    culpability = serializers.ChoiceField(choices=Culpability.choices, required=False, allow_blank=True, default="")
    repeat_offence = serializers.BooleanField(required=False, default=False)


class InformSerializer(serializers.Serializer):
    informed_on = serializers.DateField()


class HearSerializer(serializers.Serializer):
    heard_on = serializers.DateField()


class InvestigationCloseSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Investigation
    outcome = serializers.ChoiceField(choices=InvestigationOutcome.choices)
    closed_on = serializers.DateField()
    outcome_reasoning = serializers.CharField()


class SignalList(generics.ListAPIView):
    """GET: the signals of the user's organisations, new ones first; POST: record one."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = HANDLE
    serializer_class = EnforcementSignalSerializer

    def get_queryset(self):
        return selectors.signals_visible(user=self.request.user, status=self.request.query_params.get("status", ""))

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        selectors.enforcement_read_log(user=request.user, rows=page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=EnforcementSignalCreateSerializer, responses={201: SignalDetailSerializer})
    def post(self, request: Request) -> Response:
        serializer = EnforcementSignalCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            signal = services.signal_record(actor=request.user, **serializer.validated_data)
        return Response(SignalDetailSerializer(signal).data, status=status.HTTP_201_CREATED)


class SignalDetail(APIView):
    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = HANDLE

    @extend_schema(responses=SignalDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(SignalDetailSerializer(selectors.signal_get(user=request.user, signal_id=pk)).data)


class SignalAssess(APIView):
    """POST: the signal assessed; an investigation opened answers 201 with the investigation."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = HANDLE

    @extend_schema(
        request=AssessSerializer, responses={200: SignalDetailSerializer, 201: InvestigationDetailSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        signal = selectors.signal_get(user=request.user, signal_id=pk)
        serializer = AssessSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            result = services.signal_assess(actor=request.user, signal=signal, **serializer.validated_data)
        if isinstance(result, Investigation):
            return Response(InvestigationDetailSerializer(result).data, status=status.HTTP_201_CREATED)
        return Response(SignalDetailSerializer(result).data)


class InvestigationList(generics.ListAPIView):
    """GET: the investigations of the user's organisations, open ones first; POST: open one without a signal."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = HANDLE
    serializer_class = InvestigationSerializer

    def get_queryset(self):
        status_ = self.request.query_params.get("status", "")
        return selectors.investigations_visible(user=self.request.user, status=status_)

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        selectors.enforcement_read_log(user=request.user, rows=page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=InvestigationCreateSerializer, responses={201: InvestigationDetailSerializer})
    def post(self, request: Request) -> Response:
        serializer = InvestigationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            investigation = services.investigation_open(actor=request.user, **serializer.validated_data)
        return Response(InvestigationDetailSerializer(investigation).data, status=status.HTTP_201_CREATED)


class InvestigationDetail(APIView):
    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = HANDLE

    @extend_schema(responses=InvestigationDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        investigation = selectors.investigation_get(user=request.user, investigation_id=pk)
        return Response(InvestigationDetailSerializer(investigation).data)


class _Step(APIView):
    """POST one step of an investigation the user may see (404 otherwise); answered with the investigation."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = HANDLE
    serializer_class: type[serializers.Serializer]
    service = None

    def post(self, request: Request, pk: int) -> Response:
        investigation = selectors.investigation_get(user=request.user, investigation_id=pk)
        serializer = self.serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            type(self).service(actor=request.user, investigation=investigation, **serializer.validated_data)
        investigation.refresh_from_db()
        return Response(InvestigationDetailSerializer(investigation).data)


def _step(name: str, serializer: type[serializers.Serializer], service, doc: str) -> type[_Step]:
    @extend_schema(request=serializer, responses=InvestigationDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return _Step.post(self, request, pk)

    return type(name, (_Step,), {"serializer_class": serializer, "service": service, "post": post, "__doc__": doc})


InvestigationFindings = _step(
    "InvestigationFindings", FindingsSerializer, services.investigation_findings_record, "Bevindingen vastleggen."
)
InvestigationInform = _step(
    "InvestigationInform", InformSerializer, services.investigation_inform_resident, "Inwoner geïnformeerd."
)
InvestigationHear = _step("InvestigationHear", HearSerializer, services.investigation_hear, "Inwoner gehoord.")
InvestigationClose = _step(
    "InvestigationClose", InvestigationCloseSerializer, services.investigation_close, "Onderzoek afgerond."
)
