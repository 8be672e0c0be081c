"""Serializers of the integrale toegang API: field checks only; the rules are the services', answered as 400."""

import re

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...core.api import ModelLimitsMixin
from ...core.api_bounds import object_id_field
from ...organisations.models import Organisation
from ...organisations.roles import Domain
from ..models import (
    AdviserKind,
    Agreement,
    AgreementParty,
    AgreementStatus,
    Assessment,
    Case,
    CaseStatus,
    ClosureReason,
    Deadline,
    Decision,
    Gatekeeping,
    GatekeepingOutcome,
    Goal,
    Intake,
    LifeDomainScore,
    Plan,
    PlanStatus,
    ProvisionOutcome,
    ProvisionUnit,
    ReferralSource,
    ReportTopic,
    ResidentAgreement,
    Review,
    Signal,
    SignalKind,
    SpecialistAdvice,
    TailoredProvision,
    WarmHandover,
)

LAWS = [(Domain.YOUTH, "Jeugdwet"), (Domain.SUPPORT, "Wmo 2015"), (Domain.PARTICIPATION, "Participatiewet")]


def choice(choices, **kwargs) -> serializers.ChoiceField:
    """A choice field documented by a pattern and its labels rather than an OpenAPI enum.

    drf-spectacular hoists every enum into a shared component named after the field; with many apps using
    `status`, `kind` or `law` for different choice sets, the names collide. A pattern validates the same values
    without a shared name.
    """
    choices = list(choices)
    # With allow_blank drf-spectacular adds the blank string as its own alternative; in the pattern too it would
    # match both alternatives of the oneOf.
    values = [re.escape(str(value)) for value, _label in choices]
    labels = "; ".join(f"`{value}`: {label}" for value, label in choices)

    @extend_schema_field({"type": "string", "pattern": f"^({'|'.join(values)})$", "description": labels})
    class Choice(serializers.ChoiceField):
        pass

    return Choice(choices=choices, **kwargs)


# --- output -----------------------------------------------------------------------------------------------------


class CaseSerializer(serializers.ModelSerializer):
    status = choice(CaseStatus.choices, read_only=True)
    closure_reason = choice(ClosureReason.choices, read_only=True, allow_blank=True)
    coordinator = serializers.SerializerMethodField()
    coordinator_organisation = serializers.SerializerMethodField()

    # The household's coordinator (residents), not a column of the case; a worklist annotates it in its one query.
    def get_coordinator(self, case: Case) -> int | None:
        if hasattr(case, "coordinator_user"):
            return case.coordinator_user
        return case.coordinator_id

    def get_coordinator_organisation(self, case: Case) -> int | None:
        if hasattr(case, "coordinator_organisation_ref"):
            return case.coordinator_organisation_ref
        involvement = case.coordinator_involvement
        return involvement.organisation_id if involvement is not None else None

    class Meta:
        model = Case
        fields = [
            "id",
            "household",
            "status",
            "opened_on",
            "closed_on",
            "closure_reason",
            "coordinator",
            "coordinator_organisation",
            "process_coordinator",
        ]


class WorklistSerializer(CaseSerializer):
    next_deadline_on = serializers.DateField(read_only=True, allow_null=True)
    next_deadline_name = serializers.CharField(read_only=True, allow_null=True)
    next_agreement_on = serializers.DateField(read_only=True, allow_null=True)
    next_review_on = serializers.DateField(read_only=True, allow_null=True)
    overdue_agreements = serializers.IntegerField(read_only=True)
    multi_cluster = serializers.SerializerMethodField()
    urgent = serializers.BooleanField(source="has_urgent_signal", read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "next_deadline_on",
            "next_deadline_name",
            "next_agreement_on",
            "next_review_on",
            "overdue_agreements",
            "multi_cluster",
            "urgent",
        ]

    def get_multi_cluster(self, case) -> bool:
        return case.cluster_count > 1


class SignalSerializer(serializers.ModelSerializer):
    kind = choice(SignalKind.choices, read_only=True)
    topic = choice(ReportTopic.choices, read_only=True, allow_blank=True)
    source = choice(ReferralSource.choices, read_only=True, allow_blank=True)
    domain = choice(Domain.choices, read_only=True)

    class Meta:
        model = Signal
        fields = [
            "id",
            "case",
            "household",
            "kind",
            "topic",
            "source",
            "domain",
            "resident",
            "referrer_organisation",
            "received_on",
            "urgent",
            "summary",
            "effect",
        ]


class DeadlineSerializer(serializers.ModelSerializer):
    law = choice(Domain.choices, read_only=True)
    rule = serializers.CharField(source="rule.code", read_only=True)
    days_left = serializers.SerializerMethodField()
    open = serializers.BooleanField(source="is_open", read_only=True)

    class Meta:
        model = Deadline
        fields = [
            "id",
            "rule",
            "name",
            "law",
            "basis",
            "starts_on",
            "original_due_on",
            "due_on",
            "met_on",
            "met_by",
            "open",
            "days_left",
        ]

    def get_days_left(self, deadline) -> int | None:
        return deadline.days_left(timezone.localdate()) if deadline.is_open else None


class GoalSerializer(serializers.ModelSerializer):
    life_domain = serializers.CharField(source="life_domain.code", read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "life_domain", "description"]


class AgreementSerializer(serializers.ModelSerializer):
    party = choice(AgreementParty.choices, read_only=True)
    status = choice(AgreementStatus.choices, read_only=True)

    class Meta:
        model = Agreement
        fields = ["id", "plan", "goal", "description", "party", "party_name", "provider", "due_on", "status", "done_on"]


class PlanSerializer(serializers.ModelSerializer):
    status = choice(PlanStatus.choices, read_only=True)
    resident_agreement = choice(ResidentAgreement.choices, read_only=True, allow_blank=True)
    goals = GoalSerializer(many=True, read_only=True)
    agreements = AgreementSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "case",
            "household",
            "version",
            "status",
            "summary",
            "resident_agreement",
            "resident_agreement_on",
            "activated_on",
            "next_review_on",
            "ended_on",
            "goals",
            "agreements",
        ]


class ProvisionSerializer(serializers.ModelSerializer):
    outcome = choice(ProvisionOutcome.choices, read_only=True)
    law = choice(LAWS, read_only=True)
    unit = choice(ProvisionUnit.choices, read_only=True, allow_blank=True)
    building_block = serializers.CharField(source="building_block.key", read_only=True)

    class Meta:
        model = TailoredProvision
        fields = [
            "id",
            "building_block",
            "name",
            "cluster_code",
            "outcome",
            "law",
            "legal_basis",
            "starts_on",
            "ends_on",
            "volume",
            "unit",
            "provider",
            "reasoning",
        ]


class DecisionSerializer(serializers.ModelSerializer):
    law = choice(LAWS, read_only=True)
    provisions = ProvisionSerializer(many=True, read_only=True)
    letter = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "case",
            "household",
            "plan",
            "reference",
            "law",
            "addressee",
            "decided_on",
            "urgent",
            "objection_weeks",
            "objection_basis",
            "provisions",
            "letter",
        ]

    def get_letter(self, decision) -> str:
        return f"/api/v1/decisions/{decision.pk}/letter/"


class ScorePointSerializer(serializers.Serializer):
    scored_on = serializers.DateField()
    self_reliance = serializers.IntegerField()


class ScoreSeriesSerializer(serializers.Serializer):
    life_domain = serializers.CharField(source="life_domain.code")
    points = serializers.SerializerMethodField()
    change = serializers.IntegerField(allow_null=True)

    def get_points(self, series) -> list[dict]:
        return [{"scored_on": d, "self_reliance": s} for d, s in series.points]


class CaseFileSerializer(serializers.Serializer):
    household = serializers.IntegerField(source="access.household_id")
    case = CaseSerializer(allow_null=True)
    signals = SignalSerializer(many=True)
    deadlines = DeadlineSerializer(many=True)
    plans = PlanSerializer(many=True)
    decisions = DecisionSerializer(many=True)
    scores = ScoreSeriesSerializer(many=True)
    clusters = serializers.ListField(child=serializers.CharField())
    needs_process_coordinator = serializers.BooleanField()


# --- input ------------------------------------------------------------------------------------------------------


class SignalCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Signal
    household = object_id_field()
    kind = choice(SignalKind.choices)
    topic = choice(ReportTopic.choices, required=False, default="", allow_blank=True)
    source = choice(ReferralSource.choices, required=False, default="", allow_blank=True)
    domain = choice(Domain.choices, required=False, default=Domain.GENERAL)
    resident = object_id_field(required=False, allow_null=True, default=None)
    referrer_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    received_on = serializers.DateField(required=False, default=None)
    urgent = serializers.BooleanField(required=False, default=False)
    summary = serializers.CharField()


class ScoreInSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = LifeDomainScore
    life_domain = serializers.CharField()
    self_reliance = serializers.IntegerField()
    note = serializers.CharField(required=False, default="", allow_blank=True)


def scores_as_dict(rows) -> dict:
    return {row["life_domain"]: (row["self_reliance"], row["note"]) for row in rows}


class IntakeCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Intake
    case = object_id_field()
    resident = object_id_field(required=False, allow_null=True, default=None)
    held_on = serializers.DateField(required=False, default=None)
    question = serializers.CharField()
    wishes = serializers.CharField(required=False, default="", allow_blank=True)
    talents = serializers.CharField(required=False, default="", allow_blank=True)
    possibilities = serializers.CharField(required=False, default="", allow_blank=True)
    scores = ScoreInSerializer(many=True)


class IntakeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    held_on = serializers.DateField()


class GatekeepingSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Gatekeeping
    outcome = choice(GatekeepingOutcome.choices)
    decided_on = serializers.DateField(required=False, default=None)
    general_provisions = serializers.ListField(
        child=serializers.CharField(), required=False, default=list, help_text="Bouwstenen als `cluster.code`."
    )
    note = serializers.CharField(required=False, default="", allow_blank=True)
    job_search = serializers.CharField(required=False, default="", allow_blank=True)
    job_applications = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    search_period_exempt = serializers.BooleanField(required=False, default=False)


class AssessmentStepSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Assessment
    report = serializers.CharField(required=False, default="", allow_blank=True)
    complete = serializers.BooleanField(required=False, default=False)


class SpecialistAdviceSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = SpecialistAdvice
    adviser_kind = choice(AdviserKind.choices)
    adviser = serializers.CharField(max_length=200)
    question = serializers.CharField()
    independent = serializers.BooleanField(required=False, default=False)
    independence_required = serializers.BooleanField(required=False, default=False)


class GoalInSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Goal
    life_domain = serializers.CharField()
    description = serializers.CharField()


class AgreementInSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Agreement
    description = serializers.CharField()
    party = choice(AgreementParty.choices)
    party_name = serializers.CharField(required=False, default="", allow_blank=True)
    provider = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    due_on = serializers.DateField()
    life_domain = serializers.CharField(required=False, default="", allow_blank=True)


class PlanCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Plan
    case = object_id_field()
    summary = serializers.CharField(required=False, default="", allow_blank=True)
    # A ListField, not many=True: with many=True DRF lets allow_null through to every goal, and a null goal failed
    # in the view (500). The list may be null (a revision of the active plan); a goal in it may not.
    goals = serializers.ListField(
        child=GoalInSerializer(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Leeg: een herziening van het actieve plan.",
    )
    agreements = AgreementInSerializer(many=True, required=False, default=list)


class PlanActivateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Plan
    resident_agreement = choice(ResidentAgreement.choices)
    resident_agreement_on = serializers.DateField(required=False, default=None)
    resident_agreement_note = serializers.CharField(required=False, default="", allow_blank=True)
    next_review_on = serializers.DateField(required=False, default=None)


class AgreementCreateSerializer(AgreementInSerializer):
    limits_model = Agreement
    plan = object_id_field()


class AgreementStatusSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Agreement
    status = choice(AgreementStatus.choices)
    done_on = serializers.DateField(required=False, default=None)


class ProvisionInSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = TailoredProvision
    building_block = serializers.CharField(
        help_text="De bouwsteen als `cluster.code`, bijvoorbeeld `care_and_support.guidance`."
    )
    outcome = choice(ProvisionOutcome.choices)
    law = choice(LAWS, required=False, default="", allow_blank=True)
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    volume = serializers.DecimalField(max_digits=8, decimal_places=2, required=False, allow_null=True, default=None)
    unit = choice(ProvisionUnit.choices, required=False, default="", allow_blank=True)
    provider = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    reasoning = serializers.CharField()


class DecisionCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Decision
    case = object_id_field()
    addressee = object_id_field()
    decided_on = serializers.DateField(required=False, default=None)
    urgent = serializers.BooleanField(required=False, default=False)
    provisions = ProvisionInSerializer(many=True)


class ProvisionEndSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = TailoredProvision
    ends_on = serializers.DateField()
    reasoning = serializers.CharField()


class ProvisionChangeSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = TailoredProvision
    volume = serializers.DecimalField(max_digits=8, decimal_places=2)
    ends_on = serializers.DateField()
    reasoning = serializers.CharField()


class TransferSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = WarmHandover
    to_user = object_id_field()
    to_organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    note = serializers.CharField()
    resident_informed_on = serializers.DateField(allow_null=True)
    handed_over_on = serializers.DateField(required=False, default=None)


class ProcessCoordinatorSerializer(serializers.Serializer):
    user = object_id_field()


class ReviewStepSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Review
    held_on = serializers.DateField(required=False, default=None)
    note = serializers.CharField()
    next_review_on = serializers.DateField(required=False, default=None)
    scores = ScoreInSerializer(many=True)


class CloseSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = Case
    reason = choice(ClosureReason.choices)
    closed_on = serializers.DateField(required=False, default=None)
