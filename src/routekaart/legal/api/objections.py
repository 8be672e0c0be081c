"""Objections over the API (/api/v1/bezwaren/): the list the user may see, register, read one, and the main steps
(acknowledge, plan the hearing, decide, withdraw). Thin: the selectors decide what is visible (anything else is 404)
and log the read; the services check every step and their Dutch refusals are the 400s."""

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
from .. import (
    objection_rules,  # noqa: F401  (declares the permissions below)
    selectors,
)
from ..models import DecisionEffect, DecisionKind, Objection, ObjectionChannel, ObjectionOutcome
from ..services import objections as services

VIEW = "legal.view_objections"
REGISTER = "legal.register_objection"
HANDLE = "legal.handle_objections"


class ObjectionSerializer(serializers.ModelSerializer):
    """An objection in a list: references, dates, status and outcome; no objector's text."""

    # Blank until the decision: a read-only choice that may be "" (the schema says so).
    outcome = choice(ObjectionOutcome.choices, read_only=True, allow_blank=True)
    effect = choice(DecisionEffect.choices, read_only=True, allow_blank=True)

    class Meta:
        model = Objection
        fields = [
            "id",
            "reference",
            "decision_kind",
            "decision_reference",
            "decision_law",
            "decision_sent_on",
            "channel",
            "received_on",
            "objection_term_ends_on",
            "late",
            "pro_forma",
            "completion_due_on",
            "committee",
            "status",
            "acknowledged_on",
            "decision_due_on",
            "extended_on",
            "postponed_weeks",
            "decided_on",
            "outcome",
            "effect",
            "withdrawn_on",
            "handler",
        ]
        read_only_fields = fields


class ObjectionDetailSerializer(ObjectionSerializer):
    advice_outcome = choice(ObjectionOutcome.choices, read_only=True, allow_blank=True)

    class Meta(ObjectionSerializer.Meta):
        fields = [
            *ObjectionSerializer.Meta.fields,
            "objector",
            "representative",
            "grounds",
            "late_reason",
            "late_excusable",
            "informal_contact_on",
            "advised_on",
            "advice_outcome",
            "reasoning",
        ]
        read_only_fields = fields


class ObjectionCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    """Either the decision and the objector by id, or the reference on the letter and the objector's birth date."""

    limits_model = Objection
    decision_kind = serializers.ChoiceField(choices=DecisionKind.choices, required=False, default=DecisionKind.ACCESS)
    decision_id = object_id_field(required=False)
    objector_id = object_id_field(required=False)
    reference = serializers.CharField(required=False, max_length=30)
    objector_birth_date = serializers.DateField(required=False)
    channel = serializers.ChoiceField(choices=ObjectionChannel.choices, default=ObjectionChannel.LETTER)
    received_on = serializers.DateField()
    grounds = serializers.CharField(required=False, allow_blank=True, default="")
    pro_forma = serializers.BooleanField(required=False, default=False)
    late_reason = serializers.CharField(required=False, allow_blank=True, default="")
    representative = serializers.CharField(required=False, allow_blank=True, default="")
    committee = serializers.BooleanField(required=False, default=False)
    handler = object_id_field(required=False, allow_null=True, default=None)

    def validate_handler(self, value):
        if value is None:
            return None
        user = get_user_model().objects.filter(pk=value, is_active=True).first()
        if user is None:
            raise serializers.ValidationError("Er is geen medewerker met dit nummer.")
        return user

    def validate(self, attrs):
        if attrs.get("reference"):
            if not attrs.get("objector_birth_date"):
                raise serializers.ValidationError({"objector_birth_date": "Vul de geboortedatum van de indiener in."})
            return attrs
        missing = {
            name: "Vul dit in, of geef het kenmerk van het besluit en de geboortedatum van de indiener."
            for name in ("decision_id", "objector_id")
            if not attrs.get(name)
        }
        if missing:
            raise serializers.ValidationError(missing)
        return attrs


class AcknowledgeSerializer(serializers.Serializer):
    on = serializers.DateField()


class HearingPlanSerializer(ModelLimitsMixin, serializers.Serializer):
    invited_on = serializers.DateField()
    scheduled_at = serializers.DateTimeField()
    location = serializers.CharField(max_length=200)


class ChangeSerializer(serializers.Serializer):
    provision_id = object_id_field()
    action = serializers.ChoiceField(choices=[("change", "change"), ("end", "end"), ("grant", "grant")])
    volume = serializers.DecimalField(max_digits=8, decimal_places=2, required=False, allow_null=True)
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=20)


class DecideSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Objection
    on = serializers.DateField()
    outcome = serializers.ChoiceField(choices=ObjectionOutcome.choices)
    effect = serializers.ChoiceField(choices=DecisionEffect.choices)
    reasoning = serializers.CharField()
    changes = ChangeSerializer(many=True, required=False, default=list)


class WithdrawSerializer(serializers.Serializer):
    on = serializers.DateField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class ObjectionList(generics.ListAPIView):
    """GET: the objections the user may see, by decision term; POST: register one (legal staff, or a coordinator
    for an objection received at the desk)."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    serializer_class = ObjectionSerializer

    @property
    def required_permission(self) -> str:
        return REGISTER if self.request.method == "POST" else VIEW

    def get_queryset(self):
        return (
            selectors.objections_visible(user=self.request.user)
            .select_related("objector")
            .order_by("decision_due_on", "-id")
        )

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        selectors.objection_read_log(user=request.user, objections=page, channel="api")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=ObjectionCreateSerializer, responses={201: ObjectionDetailSerializer})
    def post(self, request: Request) -> Response:
        serializer = ObjectionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        reference, birth = data.pop("reference", ""), data.pop("objector_birth_date", None)
        with django_validation_as_400():
            if reference:
                for name in ("decision_kind", "decision_id", "objector_id"):
                    data.pop(name, None)
                objection = services.objection_register_by_reference(
                    actor=request.user, reference=reference, objector_birth_date=birth, **data
                )
            else:
                objection = services.objection_register(actor=request.user, **data)
        return Response(ObjectionDetailSerializer(objection).data, status=status.HTTP_201_CREATED)


class ObjectionDetail(APIView):
    """GET: one objection the user may see, with its grounds (the read is logged); anything else is 404."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = VIEW

    @extend_schema(responses=ObjectionDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        found = selectors.objection_get(user=request.user, objection_id=pk, timeline=False)
        return Response(ObjectionDetailSerializer(found.objection).data)


class _Step(APIView):
    """POST one step of an objection the user may see (404 otherwise); answered with the objection."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = HANDLE
    serializer_class: type[serializers.Serializer]

    def act(self, request: Request, objection: Objection, data: dict) -> None:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        objection = selectors.objection_get(user=request.user, objection_id=pk, timeline=False).objection
        serializer = self.serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            self.act(request, objection, dict(serializer.validated_data))
        objection.refresh_from_db()
        return Response(ObjectionDetailSerializer(objection).data)


class ObjectionAcknowledge(_Step):
    """Ontvangst bevestigd (Awb 6:14)."""

    serializer_class = AcknowledgeSerializer

    @extend_schema(request=AcknowledgeSerializer, responses=ObjectionDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request, objection, data):
        services.objection_acknowledge(actor=request.user, objection=objection, **data)


class ObjectionHearing(_Step):
    """Hoorzitting gepland (Awb 7:2)."""

    serializer_class = HearingPlanSerializer

    @extend_schema(request=HearingPlanSerializer, responses=ObjectionDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request, objection, data):
        services.hearing_plan(actor=request.user, objection=objection, **data)


class ObjectionDecide(_Step):
    """Beslissing op bezwaar (Awb 7:11, 7:12), with the changes to the decision's provisions."""

    serializer_class = DecideSerializer

    @extend_schema(request=DecideSerializer, responses=ObjectionDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request, objection, data):
        data["changes"] = [dict(change) for change in data.get("changes") or []]
        services.objection_decide(actor=request.user, objection=objection, **data)


class ObjectionWithdraw(_Step):
    """Bezwaar ingetrokken (Awb 6:21)."""

    serializer_class = WithdrawSerializer

    @extend_schema(request=WithdrawSerializer, responses=ObjectionDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def act(self, request, objection, data):
        services.objection_withdraw(actor=request.user, objection=objection, **data)


__all__ = [
    "ObjectionAcknowledge",
    "ObjectionDecide",
    "ObjectionDetail",
    "ObjectionHearing",
    "ObjectionList",
    "ObjectionWithdraw",
]
