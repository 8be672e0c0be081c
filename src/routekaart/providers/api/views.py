"""The provider API (/api/v1/aanbieder/...): the same scope, selectors and services as the desk's pages.

A provider system signs in with a token of a provider user; it sees its own organisation's assignments only (any
other id: 404), starts and stops them, reports progress, and sends iWmo/iJw messages, answered with their retour.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from lxml import etree
from rest_framework import exceptions, mixins, parsers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ...core.api import HasRulesPermission, django_validation_as_400
from .. import selectors_desk
from ..messages.errors import MessageRefused
from ..services import assignments as assignment_services
from ..services.inbound import message_receive
from ..services.progress import progress_report
from . import serializers as s

PERMISSION = "providers.use_desk"
XML = "application/xml"


class _DeskViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = PERMISSION
    lookup_value_converter = "id"  # core.api_bounds: an id that fits the database; anything else is no object (404)


class AssignmentViewSet(mixins.ListModelMixin, _DeskViewSet):
    """The provider's own assignments (toewijzingen); each read of a resident is logged."""

    serializer_class = s.DeskAssignmentSerializer

    def get_queryset(self):
        status = self.request.query_params.get("status")
        return selectors_desk.assignment_list(user=self.request.user, statuses=[status] if status else None)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=["sent", "started", "stopped", "ended"],
                description="Alleen toewijzingen met deze status.",
            )
        ]
    )
    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        selectors_desk.delivery_read_log(user=request.user, residents=[a.resident for a in page], channel="api")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _read(self, request: Request, pk) -> object:
        return selectors_desk.assignment_read(user=request.user, assignment_id=int(pk), channel="api")

    @extend_schema(responses=s.DeskAssignmentDetailSerializer)
    def retrieve(self, request: Request, pk=None) -> Response:
        return Response(s.DeskAssignmentDetailSerializer(self._read(request, pk)).data)

    def _detail(self, request: Request, assignment) -> Response:
        assignment = selectors_desk.assignment_get(user=request.user, assignment_id=assignment.pk)
        return Response(s.DeskAssignmentDetailSerializer(assignment).data)

    @extend_schema(request=s.DeskStartSerializer, responses=s.DeskAssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk=None) -> Response:
        """Zorg gestart (305): sent → started."""
        assignment = self._read(request, pk)
        serializer = s.DeskStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            assignment_services.assignment_start(
                actor=request.user, assignment=assignment, started_on=serializer.validated_data["started_on"]
            )
        return self._detail(request, assignment)

    @extend_schema(request=s.DeskStopSerializer, responses=s.DeskAssignmentDetailSerializer)
    @action(detail=True, methods=["post"])
    def stop(self, request: Request, pk=None) -> Response:
        """Zorg gestopt (307) with the standard's reason: started → stopped."""
        assignment = self._read(request, pk)
        serializer = s.DeskStopSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            assignment_services.assignment_stop(
                actor=request.user,
                assignment=assignment,
                stopped_on=serializer.validated_data["stopped_on"],
                reason=serializer.validated_data["reason"],
            )
        return self._detail(request, assignment)

    @extend_schema(request=s.DeskProgressSerializer, responses={201: s.DeskProgressReportSerializer})
    @action(detail=True, methods=["post"], url_path="voortgang")
    def progress(self, request: Request, pk=None) -> Response:
        """A progress report: per goal given with the assignment a rating and a short text, and a summary."""
        assignment = self._read(request, pk)
        serializer = s.DeskProgressSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            report = progress_report(actor=request.user, assignment=assignment, **serializer.validated_data)
        return Response(s.DeskProgressReportSerializer(report).data, status=201)


class XMLBodyParser(parsers.BaseParser):
    """An iWmo/iJw message as it is: the bytes of the body, bounded like every request body."""

    media_type = XML

    def parse(self, stream, media_type=None, parser_context=None) -> bytes:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(raw) > limit:
            raise exceptions.ParseError(
                _("Het verzoek is te groot: stuur ten hoogste %(size)s bytes.") % {"size": limit}, code="too_large"
            )
        return raw


def _refused(codes) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {"bericht": [_("Het bericht is afgekeurd (retourcode %(codes)s).") % {"codes": ", ".join(codes) or "-"}]}
    )


def _sender(xml: bytes) -> str | None:
    """The Afzender in the message's header, or None when the message cannot be read (the codec answers that)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(xml, parser=parser)
    except etree.XMLSyntaxError:
        return None
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.rsplit("}", 1)[-1] == "Afzender":
            return (element.text or "").strip()
    return None


class MessageView(APIView):
    """POST an iWmo/iJw message (305, 307, 315, 317, 323) of your own organisation; the answer is its retour."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = PERMISSION
    parser_classes = [XMLBodyParser]

    @extend_schema(
        request={XML: OpenApiTypes.STR},
        responses={
            (200, XML): OpenApiResponse(OpenApiTypes.STR, description="Het retourbericht, met de retourcodes."),
            400: OpenApiResponse(description="Leeg of onleesbaar bericht."),
        },
    )
    def post(self, request: Request) -> HttpResponse:
        xml = request.data if isinstance(request.data, bytes) else b""
        if not xml.strip():
            raise exceptions.ValidationError({"bericht": [_("Stuur een iWmo- of iJw-bericht als XML.")]})
        sender = _sender(xml)
        if sender is not None and sender not in selectors_desk.provider_agb_codes(user=request.user):
            raise exceptions.PermissionDenied(_("U kunt alleen berichten van uw eigen organisatie (AGB-code) sturen."))
        try:
            message = message_receive(xml, actor=request.user)
        except MessageRefused as refused:
            raise _refused(refused.codes) from refused
        retour = selectors_desk.retour_of(message) if message.pk else None
        if retour is None:  # unreadable, or from a sender or to a receiver unknown here: nothing stored to answer
            raise _refused(message.retour_codes)
        return HttpResponse(retour.xml, content_type=XML)
