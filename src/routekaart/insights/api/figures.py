"""One steering figure as JSON: the same `FigureTable` as its page and its downloads, with the same filters as query
parameters. Aggregates only; a group under 10 residents has null and `onderdrukt` names its column, never a number.
No personal data is read, so nothing is written to the processing log."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ...core.api import HasRulesPermission
from .. import rules  # noqa: F401  (declares the permission below)
from ..exports import filter_lines
from ..figures import figure_builder
from ..filters import filters_from
from ..tables import FigureTable, cell_state, month_text, typed_value


def _json_value(value: Any, kind: str) -> Any:
    plain, _suppressed = cell_state(value)
    typed = typed_value(plain, kind)
    return month_text(typed) if kind == "month" and typed is not None else typed


def figure_json(table: FigureTable, filters: list[tuple[str, str]]) -> dict[str, Any]:
    """The figure as the API answers it: columns with their kind, rows as objects, the suppressed keys per row."""
    rows = []
    for row in table.rows:
        cells = list(zip(row, table.columns, strict=True))
        item = {column.key: _json_value(value, column.kind) for value, column in cells}
        item["onderdrukt"] = [column.key for value, column in cells if cell_state(value)[1]]
        rows.append(item)
    return {
        "code": table.code,
        "title": str(table.title),
        "note": str(table.note),
        "reference": str(table.reference),
        "filters": [{"label": label, "value": value} for label, value in filters],
        "columns": [{"key": c.key, "label": str(c.label), "kind": c.kind} for c in table.columns],
        "rows": rows,
    }


_FILTER_PARAMETERS = [
    OpenApiParameter("van", OpenApiTypes.STR, description="Eerste maand (jjjj-mm); standaard 23 maanden terug"),
    OpenApiParameter("tot", OpenApiTypes.STR, description="Laatste maand (jjjj-mm); standaard deze maand"),
    OpenApiParameter("gemeente", OpenApiTypes.INT, description="Id van de gemeente; leeg: alle"),
    OpenApiParameter("wijk", OpenApiTypes.INT, description="Id van de wijk; leeg: alle"),
]

_FIGURE_RESPONSE = inline_serializer(
    name="InsightsFigure",
    fields={
        "code": serializers.CharField(),
        "title": serializers.CharField(),
        "note": serializers.CharField(),
        "reference": serializers.CharField(),
        "filters": serializers.ListField(child=serializers.DictField(child=serializers.CharField())),
        "columns": serializers.ListField(child=serializers.DictField(child=serializers.CharField())),
        "rows": serializers.ListField(child=serializers.DictField()),
    },
)


class FigureView(APIView):
    """GET a figure by its code (as in its export's address) with ?van=&tot=&gemeente=&wijk=."""

    permission_classes = [IsAuthenticated, HasRulesPermission]
    required_permission = "insights.view_insights"

    @extend_schema(parameters=_FILTER_PARAMETERS, responses={200: _FIGURE_RESPONSE})
    def get(self, request: Request, code: str) -> Response:
        builder = figure_builder(code)
        if builder is None:
            raise exceptions.NotFound(_("Dit cijfer bestaat niet (meer)."))
        form, filters = filters_from(request.query_params)
        if form.is_bound and form.errors:
            raise serializers.ValidationError({name: errors[0] for name, errors in form.errors.items()})
        return Response(figure_json(builder(filters), filter_lines(form, filters)))
