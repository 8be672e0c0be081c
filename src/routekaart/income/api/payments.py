"""The payment run's API: the runs (list, one with its lines, accounts masked), prepare and approve, through the
same permission, selectors and services as the pages. The SEPA file itself is a page download, not an API answer."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...core.api import HasRulesPermission, ModelLimitsMixin, django_validation_as_400
from .. import payment_rules  # noqa: F401  (declares the permission below)
from .. import selectors_payments as selectors
from ..models import PaymentRun, PaymentRunKind
from ..services import payments as services


class PaymentRunSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.code", read_only=True)

    class Meta:
        model = PaymentRun
        fields = [
            "id",
            "organisation",
            "month",
            "kind",
            "status",
            "execution_on",
            "line_count",
            "total",
            "skipped",
            "prepared_at",
            "approved_at",
            "cancelled_at",
            "message_id",
            "file_sha256",
        ]
        read_only_fields = fields


class PaymentLineSerializer(serializers.Serializer):
    end_to_end_id = serializers.CharField(source="line.end_to_end_id")
    benefit = serializers.IntegerField(source="line.benefit_id")
    account_holder = serializers.CharField(source="line.account_holder")
    iban = serializers.CharField(help_text="Alleen de laatste vier tekens.")
    due = serializers.DecimalField(source="line.due", max_digits=9, decimal_places=2)
    holiday_reserved = serializers.DecimalField(source="line.holiday_reserved", max_digits=9, decimal_places=2)
    deduction = serializers.DecimalField(source="line.deduction", max_digits=9, decimal_places=2)
    amount = serializers.DecimalField(source="line.amount", max_digits=9, decimal_places=2)


class PaymentRunDetailSerializer(serializers.Serializer):
    run = PaymentRunSerializer()
    lines = PaymentLineSerializer(many=True)
    lines_total_pages = serializers.IntegerField()


class PaymentRunPrepareSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = PaymentRun
    organisation = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    month = serializers.DateField()
    kind = serializers.ChoiceField(choices=PaymentRunKind.choices, default=PaymentRunKind.MONTHLY)
    execution_on = serializers.DateField()


class PaymentRunViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Klantbeheer's payment runs: list, one run with a page of its lines, prepare, approve (four eyes)."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = "income.manage_payment_runs"
    serializer_class = PaymentRunSerializer
    lookup_value_converter = "id"

    def get_queryset(self):
        return selectors.runs_of(self.request.user).order_by("-month", "-id")

    def _detail(self, request: Request, run: PaymentRun) -> Response:
        page, rows = selectors.run_lines_page(user=request.user, run=run, page_number=request.query_params.get("page"))
        data = {"run": run, "lines": rows, "lines_total_pages": page.paginator.num_pages}
        return Response(PaymentRunDetailSerializer(data).data)

    @extend_schema(responses=PaymentRunDetailSerializer)
    def retrieve(self, request: Request, pk=None) -> Response:
        """One run and a page (`?page=`) of its lines; the accounts masked, the read logged."""
        return self._detail(request, selectors.run_get(user=request.user, run_id=int(pk)))

    @extend_schema(request=PaymentRunPrepareSerializer, responses={201: PaymentRunSerializer})
    @action(detail=False, methods=["post"])
    def prepare(self, request: Request) -> Response:
        """Prepare the run of a month for a Dienst where the caller is klantbeheer."""
        serializer = PaymentRunPrepareSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisations = {o.pk: o for o in selectors.client_admin_organisations(request.user)}
        if data["organisation"] not in organisations:
            raise serializers.ValidationError({"organisation": ["U bent geen klantbeheer van deze Dienst."]})
        with django_validation_as_400():
            run = services.payment_run_prepare(
                actor=request.user,
                organisation=organisations[data["organisation"]],
                month=data["month"],
                kind=data["kind"],
                execution_on=data["execution_on"],
            )
        return Response(PaymentRunSerializer(run).data, status=201)

    @extend_schema(request=None, responses=PaymentRunSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk=None) -> Response:
        """Approve a prepared run: a second klantbeheer colleague; builds and checks the SEPA file."""
        run = selectors.run_get(user=request.user, run_id=int(pk))
        with django_validation_as_400():
            run = services.payment_run_approve(actor=request.user, run=run)
        return Response(PaymentRunSerializer(run).data)
