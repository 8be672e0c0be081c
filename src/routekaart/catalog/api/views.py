"""Read-only API of the catalog. Filters are checked here and answered 400 in Dutch; the queries are selectors."""

from datetime import date

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from ...core.api import HasRulesPermission
from .. import selectors
from ..models import ZoneCode
from .serializers import (
    BuildingBlockSerializer,
    ClusterSerializer,
    DestinationSerializer,
    LifePhaseSerializer,
    PolicyInstrumentSerializer,
    RegionPresetSerializer,
    SteeringAssignmentSerializer,
    ZoneSerializer,
)

AS_OF = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description="Peildatum (JJJJ-MM-DD): de catalogus zoals die toen gold. Standaard vandaag.",
)
ZONE = OpenApiParameter("zone", OpenApiTypes.STR, enum=ZoneCode.values, description="Alleen deze zone.")
CLUSTER = OpenApiParameter("cluster", OpenApiTypes.STR, description="Alleen dit cluster (code).")
DOMAIN = OpenApiParameter(
    "domain", OpenApiTypes.STR, enum=["J", "W", "P"], description="Alleen bouwstenen in dit domein."
)


class _CatalogViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [HasRulesPermission]
    required_permission = "catalog.view_catalog"
    lookup_field = "code"

    def _as_of(self) -> date | None:
        value = self.request.query_params.get("as_of")
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise ValidationError({"as_of": [_("Geef een datum als JJJJ-MM-DD.")]}) from error

    def _choice(self, name: str, allowed: list[str]) -> str | None:
        value = self.request.query_params.get(name) or None
        if value is not None and value not in allowed:
            raise ValidationError({name: [_("Kies uit: %(choices)s.") % {"choices": ", ".join(allowed)}]})
        return value


class ZoneViewSet(_CatalogViewSet):
    """The zones of the bouwtekening: voorveld, toegang, beheer, maatwerkvoorzieningen."""

    serializer_class = ZoneSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.zone_list()


@extend_schema_view(list=extend_schema(parameters=[ZONE, AS_OF]), retrieve=extend_schema(parameters=[AS_OF]))
class ClusterViewSet(_CatalogViewSet):
    """The clusters of the bouwtekening, each with the sturingsmodel of the active region preset."""

    serializer_class = ClusterSerializer

    def get_queryset(self):
        return selectors.cluster_list(zone=self._choice("zone", ZoneCode.values))

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        steering = selectors.steering_list(preset=selectors.active_preset_get(), as_of=self._as_of())
        context["steering"] = {assignment.cluster_id: assignment for assignment in steering}
        return context


@extend_schema_view(
    list=extend_schema(parameters=[ZONE, CLUSTER, DOMAIN, AS_OF]), retrieve=extend_schema(parameters=[AS_OF])
)
class BuildingBlockViewSet(_CatalogViewSet):
    """Every building block (bouwsteen) of the bouwtekening, with its cluster, zone, domains and description."""

    serializer_class = BuildingBlockSerializer
    lookup_field = "key"
    lookup_value_regex = r"[a-z0-9_-]+\.[a-z0-9_-]+"

    def get_queryset(self):
        return selectors.building_block_version_list(
            as_of=self._as_of(),
            zone=self._choice("zone", ZoneCode.values),
            cluster=self.request.query_params.get("cluster") or None,
            domain=self._choice("domain", ["J", "W", "P"]),
        )

    def get_object(self):
        obj = selectors.building_block_version_get(key=self.kwargs["key"], as_of=self._as_of())
        self.check_object_permissions(self.request, obj)
        return obj


class DestinationViewSet(_CatalogViewSet):
    """Bestemmingen: where a route leads, and the building blocks that deliver it."""

    serializer_class = DestinationSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.destination_list()


class PolicyInstrumentViewSet(_CatalogViewSet):
    """Instruments of the Participatiewet, and the building blocks that deliver them."""

    serializer_class = PolicyInstrumentSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.instrument_list()


class LifePhaseViewSet(_CatalogViewSet):
    """Levensfasen with their hand-overs, and the building blocks the seeds name in them."""

    serializer_class = LifePhaseSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.life_phase_list()


@extend_schema_view(
    list=extend_schema(parameters=[AS_OF]),
    retrieve=extend_schema(
        parameters=[
            OpenApiParameter("cluster", OpenApiTypes.STR, OpenApiParameter.PATH, description="Clustercode."),
            AS_OF,
        ]
    ),
)
class SteeringViewSet(_CatalogViewSet):
    """The sturingsmodel per cluster of the active region preset, as it holds on the date."""

    serializer_class = SteeringAssignmentSerializer
    pagination_class = None
    lookup_field = "cluster__code"
    lookup_url_kwarg = "cluster"

    def get_queryset(self):
        return selectors.steering_list(preset=selectors.active_preset_get(), as_of=self._as_of()).select_related(
            "preset"
        )


class RegionPresetViewSet(_CatalogViewSet):
    """Region presets: the regions of the seeds, and which organisations act in which cluster."""

    serializer_class = RegionPresetSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.preset_list().prefetch_related("assignments__cluster", "assignments__organisations")
