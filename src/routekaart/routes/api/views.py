from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ...core.api import HasRulesPermission, django_validation_as_400
from ...residents.access import AccessDenied, resident_access_check
from .. import selectors, services
from ..models import RouteKind
from ..services import ACTIVITY
from .serializers import (
    ConditionRecordCreateSerializer,
    PlaceOfferSerializer,
    RouteMapSerializer,
    RouteTemplateSerializer,
    StepTransitionSerializer,
    TrajectoryDetailSerializer,
    TrajectorySerializer,
    TrajectoryStartSerializer,
)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("map", OpenApiTypes.STR, description="Route map code, e.g. `de_dienst`."),
            OpenApiParameter("kind", OpenApiTypes.STR, enum=RouteKind.values),
        ]
    )
)
class RouteTemplateViewSet(viewsets.ReadOnlyModelViewSet):
    """Route templates of the current route maps: walking routes, the life course and the exit routes, each with
    the party that holds regie and its numbered steps with the parties that act."""

    serializer_class = RouteTemplateSerializer
    permission_classes = [HasRulesPermission]
    required_permission = "routes.view_templates"
    pagination_class = None  # a handful of templates; the client wants them all

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.route_list_all()
        return selectors.route_list(
            map_code=self.request.query_params.get("map"), kind=self.request.query_params.get("kind")
        )


class RouteMapViewSet(viewsets.ReadOnlyModelViewSet):
    """The current version of each route map, with its parties and the participation tiers."""

    serializer_class = RouteMapSerializer
    permission_classes = [HasRulesPermission]
    required_permission = "routes.view_templates"
    lookup_field = "code"
    pagination_class = None

    def get_queryset(self):
        return selectors.route_map_list_with_parts()


class TrajectoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Residents' walks along a route. The list holds those the caller sees through an involvement; one trajectory
    is read through the residents access check (purpose `participation`), like its page. Every read is logged."""

    permission_classes = [HasRulesPermission]
    required_permission = "routes.view_trajectories"
    lookup_value_regex = r"[0-9]{1,18}"  # an id that fits the database (core.api_bounds); else 404, not a 500

    def get_serializer_class(self):
        return TrajectoryDetailSerializer if self.action == "retrieve" else TrajectorySerializer

    def get_queryset(self):
        return selectors.trajectory_list(
            user=self.request.user, status=self.request.query_params.get("status", "active") or None
        )

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        selectors.trajectories_read_log(user=request.user, trajectories=page, channel="api")
        return self.get_paginated_response(TrajectorySerializer(page, many=True).data)

    def _view(self, request: Request, pk) -> selectors.TrajectoryView:
        resident_id = selectors.trajectory_resident_id(pk=int(pk))
        try:
            access = resident_access_check(user=request.user, resident_id=resident_id, purpose=ACTIVITY, channel="api")
            selectors.trajectory_scope_check(user=request.user, pk=int(pk))  # a provider: only its own trajectories
        except AccessDenied as denied:
            raise PermissionDenied(str(denied)) from denied
        return selectors.trajectory_get(access=access, pk=int(pk))

    def retrieve(self, request: Request, pk=None, *args, **kwargs) -> Response:
        view = self._view(request, pk)
        return Response(TrajectoryDetailSerializer(view.trajectory, context={"view_data": view}).data)

    @extend_schema(request=TrajectoryStartSerializer, responses={201: TrajectoryDetailSerializer})
    def create(self, request: Request) -> Response:
        """Start a trajectory: the caller's organisation fills a party and holds regie until it hands over."""
        if not request.user.has_perm("routes.start_trajectory"):
            raise PermissionDenied()
        serializer = TrajectoryStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        map_code, _dot, route_code = data["route"].partition(".")
        route = selectors.route_list(map_code=map_code).filter(code=route_code).first()
        if route is None:
            raise ValidationError({"route": [_("Deze route bestaat niet.")]})
        try:
            resident_access_check(user=request.user, resident_id=data["resident"].pk, purpose=ACTIVITY, channel="api")
        except AccessDenied as denied:
            raise PermissionDenied(str(denied)) from denied
        with django_validation_as_400():
            trajectory = services.trajectory_start(
                actor=request.user,
                resident=data["resident"],
                route=route,
                organisations=data["organisations"],
                school_kind=data["school_kind"],
                exit_profile=data["exit_profile"],
                internships=data["internships"],
            )
        return self._answer(request, trajectory.pk, status.HTTP_201_CREATED)

    def _answer(self, request: Request, pk, code=status.HTTP_200_OK) -> Response:
        view = self._view(request, pk)
        return Response(TrajectoryDetailSerializer(view.trajectory, context={"view_data": view}).data, status=code)

    @extend_schema(request=StepTransitionSerializer, responses=TrajectoryDetailSerializer)
    @action(detail=True, methods=["post"])
    def transitions(self, request: Request, pk=None) -> Response:
        """Move a step: start, complete, block, unblock or skip (workflow.py); refused with a Dutch message (400)."""
        view = self._view(request, pk)
        serializer = StepTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with django_validation_as_400():
            services.step_transition(
                actor=request.user,
                trajectory=view.trajectory,
                number=data["step"],
                transition=data["transition"],
                reason=data["reason"],
                outcome=data["outcome"],
            )
        return self._answer(request, pk)

    @extend_schema(request=ConditionRecordCreateSerializer, responses=TrajectoryDetailSerializer)
    @action(detail=True, methods=["post"])
    def conditions(self, request: Request, pk=None) -> Response:
        """Record a condition of the route: UWV advice, the Dienst's decision, parental consent, …"""
        view = self._view(request, pk)
        serializer = ConditionRecordCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            services.condition_record(actor=request.user, trajectory=view.trajectory, **serializer.validated_data)
        return self._answer(request, pk)

    @extend_schema(request=None, responses=TrajectoryDetailSerializer)
    @action(detail=True, methods=["post"], url_path="handovers/(?P<handover_id>[0-9]+)/accept")
    def accept_handover(self, request: Request, pk=None, handover_id=None) -> Response:
        """The receiving organisation takes regie over."""
        view = self._view(request, pk)
        handover = next((h for h in view.handovers if h.pk == int(handover_id)), None)
        if handover is None:
            raise ValidationError({"handover": [_("Deze overdracht hoort niet bij dit traject.")]})
        with django_validation_as_400():
            services.regie_handover_accept(actor=request.user, handover=handover)
        return self._answer(request, pk)

    @extend_schema(request=PlaceOfferSerializer, responses=TrajectoryDetailSerializer)
    @action(detail=True, methods=["post"], url_path="waitlist/offer")
    def offer_place(self, request: Request, pk=None) -> Response:
        """A sheltered-work place is offered: within the quota, in queue order (or with a reason); on to step 6."""
        view = self._view(request, pk)
        if view.waitlist is None:
            raise ValidationError({"waitlist": [_("Deze inwoner staat niet op de wachtlijst.")]})
        serializer = PlaceOfferSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            services.waitlist_place_offer(actor=request.user, entry=view.waitlist, **serializer.validated_data)
        return self._answer(request, pk)
