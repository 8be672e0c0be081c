"""Conduct complaints over the API, for klantbeheer (legal): list, register, read one. Thin: the register service
checks everything (Awb 9:7 included) and its Dutch refusal is the 400. The list names no complainant."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...access.api.serializers import choice
from ...core.api import HasRulesPermission, ModelLimitsMixin, django_validation_as_400
from ...core.api_bounds import object_id_field
from ...organisations.selectors import organisation_list
from .. import complaint_rules  # noqa: F401  (declares the permission below)
from ..models import StaffComplaint, StaffComplaintOutcome
from ..selectors_complaints import complaint_get, complaints_visible
from ..services import complaints as services

PERMISSION = "legal.handle_conduct_complaints"


class ConductComplaintSerializer(serializers.ModelSerializer):
    outcome = choice(StaffComplaintOutcome.choices, read_only=True, allow_blank=True)  # blank until decided

    class Meta:
        model = StaffComplaint
        fields = [
            "id",
            "reference",
            "channel",
            "about_user",
            "about_team",
            "conduct_on",
            "received_on",
            "committee",
            "status",
            "acknowledged_on",
            "heard_on",
            "hearing_waived",
            "extended_on",
            "decision_due_on",
            "decided_on",
            "outcome",
            "handler",
        ]
        read_only_fields = fields


class ConductComplaintDetailSerializer(ConductComplaintSerializer):
    class Meta(ConductComplaintSerializer.Meta):
        fields = [*ConductComplaintSerializer.Meta.fields, "complainant_name", "complainant_contact", "subject"]
        read_only_fields = fields


class ConductComplaintCreateSerializer(ModelLimitsMixin, serializers.Serializer):
    limits_model = StaffComplaint
    about_user = object_id_field(required=False, allow_null=True)
    about_team = object_id_field(required=False, allow_null=True)
    handler = object_id_field(required=False, allow_null=True)
    complainant_name = serializers.CharField()
    complainant_contact = serializers.CharField(required=False, allow_blank=True, default="")
    conduct_on = serializers.DateField(required=False, allow_null=True)
    received_on = serializers.DateField()
    subject = serializers.CharField()
    committee = serializers.BooleanField(required=False, default=False)

    def _user(self, value):
        if value is None:
            return None
        user = get_user_model().objects.filter(pk=value, is_active=True).first()
        if user is None:
            raise serializers.ValidationError("Er is geen medewerker met dit nummer.")
        return user

    def validate_about_user(self, value):
        return self._user(value)

    def validate_handler(self, value):
        return self._user(value)

    def validate_about_team(self, value):
        if value is None:
            return None
        team = organisation_list().filter(pk=value).first()
        if team is None:
            raise serializers.ValidationError("Er is geen team of organisatie met dit nummer.")
        return team


class ConductComplaintList(generics.ListAPIView):
    """GET: the conduct complaints, open ones first by their last day; POST: register one."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = PERMISSION
    serializer_class = ConductComplaintSerializer

    def get_queryset(self):
        return complaints_visible(user=self.request.user).order_by("decision_due_on", "-id")

    def post(self, request: Request) -> Response:
        serializer = ConductComplaintCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with django_validation_as_400():
            complaint = services.conduct_complaint_register(actor=request.user, **serializer.validated_data)
        return Response(ConductComplaintDetailSerializer(complaint).data, status=status.HTTP_201_CREATED)


class ConductComplaintDetail(generics.RetrieveAPIView):
    """GET: one conduct complaint with the complainant and the complaint's text (the read is logged)."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = PERMISSION
    serializer_class = ConductComplaintDetailSerializer

    def get_object(self):
        return complaint_get(user=self.request.user, complaint_id=self.kwargs["pk"])


__all__ = ["ConductComplaintDetail", "ConductComplaintList"]
