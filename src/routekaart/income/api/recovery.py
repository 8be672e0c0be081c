"""Recovery over the API (/api/v1/vorderingen/...), for klantbeheer and the coordinator: the claims of the
households the user may see with their balances, one claim with its balance over time, establishing a claim and
agreeing an arrangement. Thin: the selectors decide what is visible (anything else is 404) and log the read; the
services check everything and their Dutch refusals are the 400s."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ...core.api import HasRulesPermission, ModelLimitsMixin, django_validation_as_400
from ...core.api_bounds import object_id_field
from .. import recovery_permissions  # noqa: F401  (declares the permissions below)
from .. import selectors_recovery as selectors
from ..models import ArrangementKind, Claim, ClaimArrangement, ClaimKind, ClaimMovement, ClaimReason
from ..services import recovery as services

VIEW = "income.view_claims"
MANAGE = "income.manage_claims"


class ClaimSerializer(serializers.ModelSerializer):
    """A claim in a list: reference, ids, reason, period, amounts and status; no explanation."""

    balance = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "reference",
            "household",
            "debtor",
            "benefit",
            "kind",
            "reason",
            "period_from",
            "period_to",
            "principal",
            "established_on",
            "status",
            "balance",
        ]
        read_only_fields = fields


class MovementSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimMovement
        fields = ["on", "kind", "amount"]
        read_only_fields = fields


class ArrangementSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimArrangement
        fields = ["id", "kind", "monthly_amount", "protected_income", "starts_on", "ends_on", "agreed_on"]
        read_only_fields = fields


class ClaimDetailSerializer(ClaimSerializer):
    """A claim with its explanation, its arrangements and its balance after each movement."""

    explanation = serializers.CharField(read_only=True)
    movements = serializers.SerializerMethodField()
    arrangements = serializers.SerializerMethodField()

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "explanation", "movements", "arrangements"]
        read_only_fields = fields

    def get_movements(self, claim) -> list[dict]:
        rows = self.context["file"].rows
        return [{**MovementSerializer(r.movement).data, "balance": f"{r.balance:.2f}"} for r in rows]

    def get_arrangements(self, claim) -> list[dict]:
        return ArrangementSerializer(self.context["file"].arrangements, many=True).data


class ClaimCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Claim
    household_id = object_id_field()
    debtor_id = object_id_field()
    benefit_id = object_id_field(required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, default=ClaimKind.RECOVERY)
    reason = serializers.ChoiceField(choices=ClaimReason.choices)
    explanation = serializers.CharField()
    period_from = serializers.DateField()
    period_to = serializers.DateField()
    principal = serializers.DecimalField(max_digits=12, decimal_places=2)
    established_on = serializers.DateField()


class ClaimArrangementCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = ClaimArrangement
    kind = serializers.ChoiceField(choices=ArrangementKind.choices)
    monthly_amount = serializers.DecimalField(max_digits=9, decimal_places=2)
    starts_on = serializers.DateField()
    agreed_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)


def _claim_get(request: Request, pk: int) -> tuple[Claim, selectors.ClaimFile]:
    """A claim of a household the user may see for recovery, its read logged; any other id is 404."""
    claim = selectors.claims_visible(user=request.user).select_related("debtor").filter(pk=pk).first()
    if claim is None:
        raise Http404
    file = selectors.claim_file(claim=claim)
    selectors.claims_read_log(user=request.user, claims=[claim])
    return claim, file


def _detail(claim: Claim, file) -> dict:
    claim.balance = file.balance
    return ClaimDetailSerializer(claim, context={"file": file}).data


class ClaimList(generics.ListAPIView):
    """GET: the claims the user may see, newest decision first (`status` filters); POST: establish one."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = VIEW
    serializer_class = ClaimSerializer

    def get_queryset(self):
        return selectors.claim_list(user=self.request.user, status=self.request.query_params.get("status", ""))

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        selectors.claims_read_log(user=request.user, claims=page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=ClaimCreateSerializer, responses={201: ClaimDetailSerializer})
    def post(self, request: Request) -> Response:
        if not request.user.has_perm(MANAGE):
            self.permission_denied(request)
        serializer = ClaimCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            claim = services.claim_establish(actor=request.user, **serializer.validated_data)
        return Response(_detail(claim, selectors.claim_file(claim=claim)), status=status.HTTP_201_CREATED)


class ClaimDetail(APIView):
    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = VIEW

    @extend_schema(responses=ClaimDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        claim, file = _claim_get(request, pk)
        return Response(_detail(claim, file))


class ClaimArrangementCreate(APIView):
    """POST: a payment plan or settlement for the claim (within the beslagvrije voet); answered with the claim."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = MANAGE

    @extend_schema(request=ClaimArrangementCreateSerializer, responses={201: ClaimDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        claim, _file = _claim_get(request, pk)
        serializer = ClaimArrangementCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            services.arrangement_agree(actor=request.user, claim=claim, **serializer.validated_data)
        return Response(_detail(claim, selectors.claim_file(claim=claim)), status=status.HTTP_201_CREATED)
