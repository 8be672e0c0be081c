"""The work API: thin views over the same privacy check, selectors and services as the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...core.api import HasRulesPermission, django_validation_as_400, refusal
from ...residents.access import AccessDenied
from .. import selectors, services
from ..models import CandidateProfile, Placement
from . import serializers as s


class _WorkViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = "work.manage"
    lookup_value_converter = "id"  # core.api_bounds: an id that fits the database; anything else is no object (404)

    def handle_exception(self, exc):
        if isinstance(exc, AccessDenied):  # answered, not raised, so the logged refusal is committed
            return refusal(exceptions.PermissionDenied(str(exc.args[0]) if exc.args else None), self.request)
        return super().handle_exception(exc)


class EmployerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _WorkViewSet):
    """Employers (werkgevers), each with its KvK number."""

    serializer_class = s.EmployerSerializer

    def get_queryset(self):
        return selectors.employer_list(search=self.request.query_params.get("search", ""))

    @extend_schema(request=s.EmployerCreateSerializer, responses={201: s.EmployerSerializer})
    def create(self, request: Request) -> Response:
        serializer = s.EmployerCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            employer = services.employer_register(actor=request.user, adviser=request.user, **serializer.validated_data)
        return Response(s.EmployerSerializer(employer).data, status=status.HTTP_201_CREATED)


class _OpeningViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, _WorkViewSet):
    create_serializer = None
    create_service = None

    @extend_schema(responses=s.CandidateRankingSerializer)
    @action(detail=True, methods=["get"])
    def candidates(self, request: Request, pk: int) -> Response:
        """Candidates ranked for this opening, each score explained component by component."""
        ranking = selectors.ranking_get(user=request.user, opening=self.get_object(), channel="api")
        return Response(s.CandidateRankingSerializer(ranking).data)

    def create(self, request: Request) -> Response:
        serializer = self.create_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            opening = type(self).create_service(actor=request.user, **serializer.validated_data)
        return Response(self.serializer_class(opening).data, status=status.HTTP_201_CREATED)


class VacancyViewSet(_OpeningViewSet):
    serializer_class = s.VacancySerializer
    create_serializer = s.VacancyCreateSerializer
    create_service = staticmethod(services.vacancy_create)

    def get_queryset(self):
        return selectors.vacancy_list(status=self.request.query_params.get("status", "open")).prefetch_related(
            "competences"
        )

    @extend_schema(request=s.VacancyCreateSerializer, responses={201: s.VacancySerializer})
    def create(self, request: Request) -> Response:
        return super().create(request)


class ArrangementViewSet(_OpeningViewSet):
    serializer_class = s.ArrangementSerializer
    create_serializer = s.ArrangementCreateSerializer

    def get_queryset(self):
        return selectors.arrangement_list(status=self.request.query_params.get("status", "open")).prefetch_related(
            "competences", "tasks"
        )

    @extend_schema(request=s.ArrangementCreateSerializer, responses={201: s.ArrangementSerializer})
    def create(self, request: Request) -> Response:
        serializer = s.ArrangementCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data["tasks"] = [(t["source_job"], t["task"]) for t in data["tasks"]]
        with django_validation_as_400():
            arrangement = services.arrangement_create(actor=request.user, **data)
        return Response(s.ArrangementSerializer(arrangement).data, status=status.HTTP_201_CREATED)


class WorkProfileViewSet(_WorkViewSet):
    """Work profiles the caller may see (by the resident's consent); there is no list: no browsing people."""

    required_permission = "work.manage"

    @extend_schema(responses=s.WorkProfileSerializer)
    def retrieve(self, request: Request, pk: int) -> Response:
        view = selectors.work_profile_get(user=request.user, profile_id=pk, channel="api")
        return Response(s.WorkProfileSerializer(view).data)


class PlacementViewSet(mixins.RetrieveModelMixin, _WorkViewSet):
    """Placements: propose, then each step of the lifecycle; the adviser decides."""

    serializer_class = s.PlacementSerializer
    queryset = Placement.objects.select_related("profile__resident", "employer__organisation")

    @extend_schema(request=s.PlacementProposeSerializer, responses={201: s.PlacementSerializer})
    def create(self, request: Request) -> Response:
        serializer = s.PlacementProposeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        profile = get_object_or_404(CandidateProfile.objects.select_related("resident"), pk=data["profile"])
        with django_validation_as_400():
            placement = services.placement_propose(
                actor=request.user,
                opening=data.get("vacancy") or data.get("arrangement"),
                profile=profile,
                note=data["note"],
                share_with_employer=data["share_with_employer"],
            )
        return Response(s.PlacementSerializer(placement).data, status=status.HTTP_201_CREATED)

    def retrieve(self, request: Request, pk=None, *args, **kwargs) -> Response:
        """One placement: the candidate check for its resident, then the read is logged (like its page)."""
        placement = selectors.placement_read(user=request.user, placement_id=int(pk), channel="api")
        return Response(s.PlacementSerializer(placement).data)

    def _step(self, request: Request, serializer_class, service) -> Response:
        placement = self.get_object()
        from ..privacy import PLACEMENT, candidate_check

        candidate_check(user=request.user, resident=placement.profile.resident, activity=PLACEMENT, channel="api")
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            placement = service(actor=request.user, placement=placement, **serializer.validated_data)
        return Response(s.PlacementSerializer(placement).data)

    @extend_schema(request=s.PlacementIntroduceSerializer, responses=s.PlacementSerializer)
    @action(detail=True, methods=["post"])
    def introduce(self, request: Request, pk: int) -> Response:
        return self._step(request, s.PlacementIntroduceSerializer, services.placement_introduce)

    @extend_schema(request=s.PlacementTrialSerializer, responses=s.PlacementSerializer)
    @action(detail=True, methods=["post"])
    def trial(self, request: Request, pk: int) -> Response:
        return self._step(request, s.PlacementTrialSerializer, services.placement_trial_start)

    @extend_schema(request=s.PlacementContractSerializer, responses=s.PlacementSerializer)
    @action(detail=True, methods=["post"])
    def contract(self, request: Request, pk: int) -> Response:
        return self._step(request, s.PlacementContractSerializer, services.placement_contract)

    @extend_schema(request=s.PlacementEndSerializer, responses=s.PlacementSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: int) -> Response:
        return self._step(request, s.PlacementEndSerializer, services.placement_end)


class VacancyServiceViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The vacancy service: open vacancies for residents who find work on their own (no personal data)."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = "work.view_vacancy_service"
    serializer_class = s.VacancySerializer

    def get_queryset(self):
        return selectors.vacancy_service_list()
