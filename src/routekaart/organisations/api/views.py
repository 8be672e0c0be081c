from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from ...core.api import HasRulesPermission, django_validation_as_400
from .. import selectors, services
from .serializers import MeSerializer, OrganisationCreateSerializer, OrganisationSerializer, RegionSerializer


class OrganisationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The organisations of the network: municipalities, service organisations, teams, schools, providers."""

    serializer_class = OrganisationSerializer
    permission_classes = [HasRulesPermission]
    lookup_field = "code"

    @property
    def required_permission(self) -> str:
        return "organisations.manage_configuration" if self.action == "create" else "organisations.view_network"

    def get_queryset(self):
        return selectors.organisation_list()

    @extend_schema(request=OrganisationCreateSerializer, responses={201: OrganisationSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = OrganisationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            organisation = services.organisation_create(**serializer.validated_data)
        return Response(OrganisationSerializer(organisation).data, status=status.HTTP_201_CREATED)


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RegionSerializer
    permission_classes = [HasRulesPermission]
    required_permission = "organisations.view_network"
    lookup_field = "code"

    def get_queryset(self):
        return selectors.region_list()


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me(request: Request) -> Response:
    """Who the caller is and which roles they hold."""
    return Response(MeSerializer(request.user).data)
