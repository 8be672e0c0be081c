"""The integrale toegang API: thin views over the same access check, selectors and services as the pages.

Each POST is one service call (one transaction); a refused rule answers 400 with a message per field, a refused
access check answers 403 after it is logged.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ...catalog.models import BuildingBlock
from ...core.api import django_validation_as_400
from ...organisations.models import User
from ...organisations.roles import Domain
from ...residents.access import household_access_check
from ...residents.api.views import AccessCheckedViewSet
from ...residents.models import Household, Membership
from .. import selectors, services
from ..letters import decision_letter_pdf
from ..models import Agreement, Case, Decision, Plan, TailoredProvision
from . import serializers as s


def _resident(household_id: int, resident_id: int | None, field: str):
    if resident_id is None:
        return None
    membership = (
        Membership.objects.filter(household_id=household_id, resident_id=resident_id).select_related("resident").first()
    )
    if membership is None:
        raise ValidationError({field: [_("Deze inwoner hoort niet bij het huishouden.")]})
    return membership.resident


def _blocks(keys: list[str], field: str) -> list[BuildingBlock]:
    found = []
    for key in keys:
        cluster, _sep, code = key.partition(".")
        block = BuildingBlock.objects.filter(cluster__code=cluster, code=code).select_related("cluster").first()
        if block is None:
            raise ValidationError({field: [_("Onbekende bouwsteen: %(key)s.") % {"key": key}]})
        found.append(block)
    return found


class ToegangViewSet(AccessCheckedViewSet):
    def case_checked(self, case_id: int, domain: str = Domain.GENERAL) -> Case:
        case = get_object_or_404(Case, pk=case_id)
        household_access_check(
            user=self.request.user,
            household_id=case.household_id,
            domain=domain,
            purpose="household-file",
            channel="api",
        )
        return case

    def data(self, serializer_class):
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class CaseViewSet(ToegangViewSet):
    """Cases: the caller's worklist, one household's case file, and the steps of the integrale toegang."""

    serializer_class = s.CaseSerializer

    def get_queryset(self):
        return selectors.worklist(user=self.request.user)

    @extend_schema(responses=s.WorklistSerializer(many=True))
    def list(self, request: Request) -> Response:
        """Mijn werkvoorraad: open cases the caller coordinates, most urgent first."""
        self.require("access.work_cases")
        page = self.paginate_queryset(self.get_queryset())
        selectors.worklist_rows(cases=page, user=request.user, channel="api")
        return self.get_paginated_response(s.WorklistSerializer(page, many=True).data)

    @extend_schema(responses=s.CaseFileSerializer)
    def retrieve(self, request: Request, pk: int) -> Response:
        """The case file of the case's household, as far as the caller's domains reach."""
        case = get_object_or_404(Case, pk=pk)
        access = household_access_check(user=request.user, household_id=case.household_id, channel="api")
        self.require("access.view_cases", access)
        return Response(s.CaseFileSerializer(selectors.case_file_get(access=access)).data)

    def _step(self, pk: int, serializer_class, call, response_serializer=s.CaseSerializer, code=status.HTTP_200_OK):
        self.require("access.work_cases")
        case = self.case_checked(pk)
        data = self.data(serializer_class)
        with django_validation_as_400():
            result = call(case, data)
        return Response(response_serializer(result).data, status=code)

    @extend_schema(request=s.GatekeepingSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def gatekeeping(self, request: Request, pk: int) -> Response:
        """Poortwachter: continue to the assessment, or refer back to named general provisions."""

        def call(case, data):
            blocks = _blocks(data.pop("general_provisions"), "general_provisions")
            services.gatekeeping_record(actor=request.user, case=case, general_provisions=blocks, channel="api", **data)
            return Case.objects.get(pk=case.pk)

        return self._step(pk, s.GatekeepingSerializer, call)

    @extend_schema(request=s.AssessmentStepSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def assessment(self, request: Request, pk: int) -> Response:
        """Vraaggestuurd onderzoek: start it, write its report, complete it."""

        def call(case, data):
            services.assessment_record(actor=request.user, case=case, channel="api", **data)
            return Case.objects.get(pk=case.pk)

        return self._step(pk, s.AssessmentStepSerializer, call)

    @extend_schema(request=s.SpecialistAdviceSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"], url_path="specialist-advice")
    def specialist_advice(self, request: Request, pk: int) -> Response:
        """Ask specialist advice; the question joins the open assessment or starts one, in one action."""

        def call(case, data):
            services.specialist_advice_request(actor=request.user, case=case, channel="api", **data)
            return Case.objects.get(pk=case.pk)

        return self._step(pk, s.SpecialistAdviceSerializer, call)

    @extend_schema(request=s.TransferSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request: Request, pk: int) -> Response:
        """Warme overdracht to another coordinator."""

        def call(case, data):
            to_user = User.objects.filter(pk=data.pop("to_user")).first()
            services.coordinator_transfer(actor=request.user, case=case, to_user=to_user, channel="api", **data)
            return Case.objects.get(pk=case.pk)

        return self._step(pk, s.TransferSerializer, call)

    @extend_schema(request=s.ProcessCoordinatorSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"], url_path="process-coordinator")
    def process_coordinator(self, request: Request, pk: int) -> Response:
        def call(case, data):
            user = User.objects.filter(pk=data["user"]).first()
            return services.process_coordinator_appoint(actor=request.user, case=case, user=user, channel="api")

        return self._step(pk, s.ProcessCoordinatorSerializer, call)

    @extend_schema(request=s.ReviewStepSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: int) -> Response:
        """The periodic review: life domains scored again and the next review date."""

        def call(case, data):
            scores = s.scores_as_dict(data.pop("scores"))
            services.review_record(actor=request.user, case=case, scores=scores, channel="api", **data)
            return Case.objects.get(pk=case.pk)

        return self._step(pk, s.ReviewStepSerializer, call)

    @extend_schema(request=s.CloseSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: int) -> Response:
        def call(case, data):
            return services.case_close(actor=request.user, case=case, channel="api", **data)

        return self._step(pk, s.CloseSerializer, call)


class SignalViewSet(ToegangViewSet):
    serializer_class = s.SignalSerializer

    @extend_schema(request=s.SignalCreateSerializer, responses={201: s.SignalSerializer})
    def create(self, request: Request) -> Response:
        """A melding, aanvraag, verwijzing or review: joins the household's open case, reopens or opens one."""
        self.require("access.work_cases")
        data = self.data(s.SignalCreateSerializer)
        household_id = data.pop("household")
        household_access_check(user=request.user, household_id=household_id, purpose="household-file", channel="api")
        resident = _resident(household_id, data.pop("resident"), "resident")
        with django_validation_as_400():
            signal = services.signal_receive(
                actor=request.user, household=Household(pk=household_id), resident=resident, channel="api", **data
            )
        return Response(s.SignalSerializer(signal).data, status=status.HTTP_201_CREATED)


class IntakeViewSet(ToegangViewSet):
    serializer_class = s.IntakeSerializer

    @extend_schema(request=s.IntakeCreateSerializer, responses={201: s.IntakeSerializer})
    def create(self, request: Request) -> Response:
        """The broad intake: every life domain scored 1 to 5, with wishes, talents and possibilities."""
        self.require("access.work_cases")
        data = self.data(s.IntakeCreateSerializer)
        case = self.case_checked(data.pop("case"))
        resident = _resident(case.household_id, data.pop("resident"), "resident")
        scores = s.scores_as_dict(data.pop("scores"))
        with django_validation_as_400():
            intake = services.intake_record(
                actor=request.user, case=case, resident=resident, scores=scores, channel="api", **data
            )
        return Response(s.IntakeSerializer(intake).data, status=status.HTTP_201_CREATED)


def _agreement_spec(data: dict) -> services.AgreementSpec:
    return services.AgreementSpec(
        description=data["description"],
        party=data["party"],
        party_name=data["party_name"],
        provider=data["provider"],
        due_on=data["due_on"],
        life_domain=data["life_domain"],
    )


class PlanViewSet(ToegangViewSet):
    serializer_class = s.PlanSerializer

    @extend_schema(request=s.PlanCreateSerializer, responses={201: s.PlanSerializer})
    def create(self, request: Request) -> Response:
        """A new draft version of the household's plan (without goals: a revision of the active plan)."""
        self.require("access.work_cases")
        data = self.data(s.PlanCreateSerializer)
        case = self.case_checked(data["case"])
        goals = (
            None
            if data["goals"] is None
            else [services.GoalSpec(g["life_domain"], g["description"]) for g in data["goals"]]
        )
        agreements = [_agreement_spec(a) for a in data["agreements"]]
        with django_validation_as_400():
            plan = services.plan_draft(
                actor=request.user,
                case=case,
                goals=goals,
                agreements=agreements,
                summary=data["summary"],
                channel="api",
            )
        return Response(s.PlanSerializer(plan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.PlanActivateSerializer, responses=s.PlanSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: int) -> Response:
        """The draft becomes the household's one active plan, with the resident's agreement recorded."""
        self.require("access.work_cases")
        plan = get_object_or_404(Plan, pk=pk)
        self.case_checked(plan.case_id)
        data = self.data(s.PlanActivateSerializer)
        with django_validation_as_400():
            plan = services.plan_activate(actor=request.user, plan=plan, channel="api", **data)
        return Response(s.PlanSerializer(plan).data)


class AgreementViewSet(ToegangViewSet):
    serializer_class = s.AgreementSerializer

    @extend_schema(request=s.AgreementCreateSerializer, responses={201: s.AgreementSerializer})
    def create(self, request: Request) -> Response:
        self.require("access.work_cases")
        data = self.data(s.AgreementCreateSerializer)
        plan = get_object_or_404(Plan, pk=data["plan"])
        self.case_checked(plan.case_id)
        with django_validation_as_400():
            agreement = services.agreement_add(actor=request.user, plan=plan, spec=_agreement_spec(data), channel="api")
        return Response(s.AgreementSerializer(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AgreementStatusSerializer, responses=s.AgreementSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: int) -> Response:
        """Procesregie: an agreement is done, cancelled, or open again."""
        self.require("access.work_cases")
        agreement = get_object_or_404(Agreement.objects.select_related("plan"), pk=pk)
        self.case_checked(agreement.plan.case_id)
        data = self.data(s.AgreementStatusSerializer)
        with django_validation_as_400():
            agreement = services.agreement_status_set(actor=request.user, agreement=agreement, channel="api", **data)
        return Response(s.AgreementSerializer(agreement).data)


class DecisionViewSet(ToegangViewSet):
    serializer_class = s.DecisionSerializer

    @extend_schema(request=s.DecisionCreateSerializer, responses={201: s.DecisionSerializer})
    def create(self, request: Request) -> Response:
        """A beschikking under one law: grant or refuse building blocks of the maatwerk zone."""
        self.require("access.decide")
        data = self.data(s.DecisionCreateSerializer)
        case = self.case_checked(data["case"])
        for law in {p["law"] for p in data["provisions"]} - {""}:
            self.case_checked(case.pk, domain=law)
        addressee = _resident(case.household_id, data["addressee"], "addressee")
        specs = []
        for index, row in enumerate(data["provisions"]):
            block = _blocks([row["building_block"]], f"provisions-{index}-building_block")[0]
            specs.append(
                services.ProvisionSpec(
                    building_block=block,
                    outcome=row["outcome"],
                    law=row["law"],
                    starts_on=row["starts_on"],
                    ends_on=row["ends_on"],
                    volume=row["volume"],
                    unit=row["unit"],
                    provider=row["provider"],
                    reasoning=row["reasoning"],
                )
            )
        with django_validation_as_400():
            result = services.decision_record(
                actor=request.user,
                case=case,
                addressee=addressee,
                decided_on=data["decided_on"],
                urgent=data["urgent"],
                provisions=specs,
                channel="api",
            )
        return Response(s.DecisionSerializer(result.decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="De brief (PDF).")}
    )
    @action(detail=True, methods=["get"])
    def letter(self, request: Request, pk: int) -> HttpResponse:
        """The decision letter as PDF."""
        found = get_object_or_404(Decision, pk=pk)
        access = household_access_check(
            user=request.user,
            household_id=found.household_id,
            domain=found.law,
            purpose="household-file",
            channel="api",
        )
        self.require("access.view_cases", access)
        letter = selectors.decision_letter_get(access=access, decision_id=found.pk)
        response = HttpResponse(decision_letter_pdf(letter), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="beschikking-{letter.reference}.pdf"'
        return response


class ProvisionViewSet(ToegangViewSet):
    """A granted provision after its decision: end it early or change it (its provider's assignment follows)."""

    serializer_class = s.ProvisionSerializer

    def _provision(self, pk: int) -> TailoredProvision:
        self.require("access.decide")
        provision = get_object_or_404(TailoredProvision.objects.select_related("decision"), pk=pk)
        self.case_checked(provision.decision.case_id, domain=provision.law)
        return provision

    @extend_schema(request=s.ProvisionEndSerializer, responses={200: s.ProvisionSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: int) -> Response:
        """Beëindigen: the provision ends early on `ends_on`."""
        provision = self._provision(pk)
        data = self.data(s.ProvisionEndSerializer)
        with django_validation_as_400():
            provision = services.provision_end(actor=request.user, provision=provision, channel="api", **data)
        return Response(s.ProvisionSerializer(provision).data)

    @extend_schema(request=s.ProvisionChangeSerializer, responses={200: s.ProvisionSerializer})
    @action(detail=True, methods=["post"])
    def change(self, request: Request, pk: int) -> Response:
        """Wijzigen: the provision's volume or end date changes."""
        provision = self._provision(pk)
        data = self.data(s.ProvisionChangeSerializer)
        with django_validation_as_400():
            provision = services.provision_change(actor=request.user, provision=provision, channel="api", **data)
        return Response(s.ProvisionSerializer(provision).data)
