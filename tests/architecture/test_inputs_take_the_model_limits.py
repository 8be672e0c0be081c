"""Every plain form and serializer field that stores into a model field carries that field's limits.

A ModelForm or ModelSerializer takes a model field's max_length, minimum, maximum and plausible dates by itself; a
plain `Form` or `Serializer` declares its own fields, and without `limits_model` (core.forms.Form,
core.api.ModelLimitsMixin) the page shows no maxlength and the schema no maxLength: the user and the API client
learn the limit only from the service's refusal. The table names, per plain form and serializer, the model its
service writes; every field named as a field of that model must agree with it (the same or a tighter limit).
"""

import copy
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from rest_framework import serializers

from routekaart.core.limits import PlausibleDateValidator, field_limits

# "<app>.<module>.<class>": "<app>.<Model>"; module "forms" or "api.serializers".
WRITES = {
    "access.forms.SignalForm": "access.Signal",
    "access.forms.IntakeForm": "access.Intake",
    "access.forms.ReviewForm": "access.Review",
    "access.forms.GatekeepingForm": "access.Gatekeeping",
    "access.forms.AssessmentForm": "access.Assessment",
    "access.forms.SpecialistAdviceForm": "access.SpecialistAdvice",
    "access.forms.AdviceReceivedForm": "access.SpecialistAdvice",
    "access.forms.AgreementForm": "access.Agreement",
    "access.forms.PlanForm": "access.Plan",
    "access.forms.PlanActivateForm": "access.Plan",
    "access.forms.ProvisionForm": "access.TailoredProvision",
    "access.forms.DecisionForm": "access.Decision",
    "access.forms.TransferForm": "access.WarmHandover",
    "access.forms.DeadlineChangeForm": "access.DeadlineChange",
    "access.api.serializers.SignalCreateSerializer": "access.Signal",
    "access.api.serializers.ScoreInSerializer": "access.LifeDomainScore",
    "access.api.serializers.IntakeCreateSerializer": "access.Intake",
    "access.api.serializers.GatekeepingSerializer": "access.Gatekeeping",
    "access.api.serializers.AssessmentStepSerializer": "access.Assessment",
    "access.api.serializers.SpecialistAdviceSerializer": "access.SpecialistAdvice",
    "access.api.serializers.GoalInSerializer": "access.Goal",
    "access.api.serializers.AgreementInSerializer": "access.Agreement",
    "access.api.serializers.AgreementCreateSerializer": "access.Agreement",
    "access.api.serializers.PlanCreateSerializer": "access.Plan",
    "access.api.serializers.PlanActivateSerializer": "access.Plan",
    "access.api.serializers.AgreementStatusSerializer": "access.Agreement",
    "access.api.serializers.ProvisionInSerializer": "access.TailoredProvision",
    "access.api.serializers.DecisionCreateSerializer": "access.Decision",
    "access.api.serializers.TransferSerializer": "access.WarmHandover",
    "access.api.serializers.ReviewStepSerializer": "access.Review",
    "income.forms.CoordinatorReassignForm": "income.CoordinatorHandover",
    "income.forms.IncomeReportForm": "income.IncomeReport",
    "income.forms.WorkSwitchForm": "income.BenefitToWorkSwitch",
    "income.forms.CostSharerExclusionForm": "income.CostSharerExclusion",
    "income.api.serializers.IncomeReportSerializer": "income.IncomeReport",
    "participation.forms.AssessmentForm": "participation.DistanceAssessment",
    "participation.forms.WageValueForm": "participation.WageValueDetermination",
    "participation.forms.RegisterForm": "participation.TargetGroupRegistration",
    "participation.forms.ExemptionForm": "participation.Exemption",
    "participation.forms.AssignmentForm": "participation.Assignment",
    "participation.forms.ExpenditureForm": "participation.Expenditure",
    "participation.api.serializers.AssessmentCreateSerializer": "participation.DistanceAssessment",
    "residents.forms.BreakGlassForm": "residents.BreakGlass",
    "residents.api.serializers.ResidentCreateSerializer": "residents.Resident",
    "routes.forms.TrajectoryStartForm": "routes.Trajectory",
    "routes.forms.ConditionRecordForm": "routes.ConditionRecord",
    "routes.api.serializers.TrajectoryStartSerializer": "routes.Trajectory",
    "routes.api.serializers.ConditionRecordCreateSerializer": "routes.ConditionRecord",
    "work.forms.BranchForm": "work.Branch",
    "work.forms.ContactPersonForm": "work.ContactPerson",
    "work.forms.ContactMomentForm": "work.ContactMoment",
    "work.forms.AgreementForm": "work.EmployerAgreement",
    "work.forms.VacancyForm": "work.Vacancy",
    "work.forms.ArrangementForm": "work.Arrangement",
    "work.forms.WorkProfileForm": "work.CandidateProfile",
    "work.forms.ContractForm": "work.Placement",
    "work.forms.CheckForm": "work.PlacementCheck",
    "work.forms.SocialReturnContractForm": "work.SocialReturnContract",
    "work.forms.FulfilmentForm": "work.SocialReturnFulfilment",
    "work.api.serializers.VacancyCreateSerializer": "work.Vacancy",
    "work.api.serializers.ArrangementCreateSerializer": "work.Arrangement",
    "work.api.serializers.PlacementContractSerializer": "work.Placement",
    "access.forms.CloseForm": "access.Case",
    "access.api.serializers.CloseSerializer": "access.Case",
    "income.forms.BenefitGrantForm": "income.SocialAssistance",
    "income.forms.FinancialFitnessForm": "income.FinancialFitnessReview",
    "organisations.api.serializers.OrganisationCreateSerializer": "organisations.Organisation",
    "participation.forms.StartForm": "participation.Assignment",
    "participation.forms.EndForm": "participation.Assignment",
    "residents.forms.ConsentForm": "residents.Consent",
    "residents.api.serializers.MembershipStartSerializer": "residents.Membership",
    "residents.api.serializers.MembershipEndSerializer": "residents.Membership",
    "routes.forms.StepTransitionForm": "routes.StepProgress",
    "routes.forms.DueDateForm": "routes.StepProgress",
    "routes.api.serializers.StepTransitionSerializer": "routes.StepProgress",
    "work.forms.EmployerForm": "work.Employer",
    "work.forms.IntroduceForm": "work.Placement",
    "work.forms.TrialForm": "work.Placement",
    "work.forms.CoachingStartForm": "work.Placement",
    "work.forms.CoachingEndForm": "work.Placement",
    "work.forms.EndForm": "work.Placement",
    "work.api.serializers.EmployerCreateSerializer": "work.Employer",
    "work.api.serializers.ArrangementTaskSerializer": "work.ArrangementTask",
    "work.api.serializers.PlacementIntroduceSerializer": "work.Placement",
    "work.api.serializers.PlacementTrialSerializer": "work.Placement",
    "work.api.serializers.PlacementEndSerializer": "work.Placement",
}


def _class(path: str) -> type:
    module, name = path.rsplit(".", 1)
    return getattr(import_module(f"routekaart.{module}"), name)


def _fields(cls: type) -> dict:
    """The fields as the page or the API uses them, limits applied (without the form's own __init__ arguments)."""
    if issubclass(cls, serializers.BaseSerializer):
        return dict(cls().fields)
    fields = copy.deepcopy(cls.base_fields)
    cls.apply_model_limits(fields)
    return fields


def _disagreements(cls: type, model: type) -> list[str]:
    found = []
    for name, field in _fields(cls).items():
        try:
            model_field = model._meta.get_field(cls.limits_renamed.get(name, name))
        except FieldDoesNotExist:  # an input no column holds
            continue
        if not model_field.concrete or model_field.is_relation or model_field.primary_key:
            continue
        limits = field_limits(model_field)
        text = isinstance(field, serializers.CharField) or type(field).__name__ in ("CharField", "EmailField")
        if text and limits.max_length and not (field.max_length and field.max_length <= limits.max_length):
            found.append(f"{name}: max_length {field.max_length}, model {limits.max_length}")
        number = isinstance(model_field, models.IntegerField | models.DecimalField | models.FloatField)
        if number and hasattr(field, "min_value") and not isinstance(field, serializers.ChoiceField):
            if limits.min_value is not None and (field.min_value is None or field.min_value < limits.min_value):
                found.append(f"{name}: minimum {field.min_value}, model {limits.min_value}")
            if limits.max_value is not None and (field.max_value is None or field.max_value > limits.max_value):
                found.append(f"{name}: maximum {field.max_value}, model {limits.max_value}")
        date = "Date" in type(field).__name__
        wanted = [v for v in limits.validators if isinstance(v, PlausibleDateValidator)]
        if date and wanted and not all(v in field.validators for v in wanted):
            found.append(f"{name}: no plausible date range")
    return found


@pytest.mark.parametrize("path", sorted(WRITES))
def test_a_plain_input_field_carries_the_limits_of_the_model_field_it_stores_into(path):
    cls, model = _class(path), apps.get_model(WRITES[path])
    assert getattr(cls, "limits_model", None) is model, f"{path}: set limits_model = {model.__name__}"
    assert _disagreements(cls, model) == []


def test_the_page_shows_the_limit_and_refuses_beyond_it_in_dutch():
    from routekaart.access.forms import SignalForm

    form = SignalForm(data={"summary": "x" * 5_001}, members=[])
    assert form.fields["summary"].widget.attrs["maxlength"] == "5000"
    assert not form.is_valid()
    assert "ten hoogste 5000 tekens" in form.errors["summary"][0]


def test_the_schema_declares_the_limit_and_the_api_refuses_beyond_it_in_dutch():
    from routekaart.access.api.serializers import SignalCreateSerializer

    serializer = SignalCreateSerializer(data={"household": 1, "kind": "x", "summary": "x" * 5_001})
    assert serializer.fields["summary"].max_length == 5_000
    assert not serializer.is_valid()
    assert "5.000" in str(serializer.errors["summary"][0])
