"""The quality figures as JSON for legal and beleid: aggregates only, a group under ten answers without any number."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ...core.api import HasRulesPermission
from .. import complaint_rules  # noqa: F401  (declares the permission below)
from ..quality_forms import QualityFilterForm
from ..selectors_quality import TOO_FEW, Period, quality_figures, questions, survey_results


class QualityView(APIView):
    """GET ?starts_on=&ends_on= (ISO dates; the calendar year so far by default)."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = "legal.view_quality"

    @extend_schema(
        parameters=[
            OpenApiParameter("starts_on", OpenApiTypes.DATE, description="Eerste dag van de periode"),
            OpenApiParameter("ends_on", OpenApiTypes.DATE, description="Laatste dag van de periode"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        form = QualityFilterForm(request.query_params or {})
        if not form.is_valid():
            raise serializers.ValidationError({name: errors[0] for name, errors in form.errors.items()})
        period = Period(form.cleaned_data["starts_on"], form.cleaned_data["ends_on"])
        surveys = [
            {
                "code": dimension.code,
                "title": dimension.title,
                "groups": [
                    {
                        "key": group.key,
                        "label": group.label,
                        "suppressed": group.suppressed,
                        "note": str(TOO_FEW) if group.suppressed else "",
                        "answered": group.answered,
                        "sent": group.sent,
                        "response_rate": str(group.response_rate) if group.response_rate is not None else None,
                        "means": [str(m) if m is not None else None for m in group.means],
                    }
                    for group in dimension.groups
                ],
            }
            for dimension in survey_results(period=period)
        ]
        figures = [
            {
                "code": f.code,
                "label": f.label,
                "part": f.part,
                "whole": f.whole,
                "percent": str(f.percent) if f.percent is not None else None,
            }
            for f in quality_figures(period=period)
        ]
        return Response(
            {
                "starts_on": period.starts_on,
                "ends_on": period.ends_on,
                "questions": questions(),
                "figures": figures,
                "surveys": surveys,
            }
        )
