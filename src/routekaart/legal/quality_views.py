"""Kwaliteitszorg's page: the satisfaction survey's results and the cluster's quality figures for a period, and the
same aggregates as a CSV download. Aggregates only (groups under ten answers show no number): legal and beleid."""

from __future__ import annotations

import csv
from decimal import Decimal

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import complaint_rules  # noqa: F401  (declares the permission below)
from .quality_forms import QualityFilterForm
from .selectors_quality import TOO_FEW, Period, quality_figures, questions, survey_results


def _number(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    return formats.number_format(value, decimal_pos=1) if isinstance(value, Decimal) else str(value)


def _csv(period: Period, dimensions, figures) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kwaliteit-{period.starts_on}-{period.ends_on}.csv"'
    response.write("\ufeff")  # a spreadsheet opens it as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Kwaliteitscijfer"), _("Aantal"), _("Van"), _("Percentage")])
    for figure in figures:
        writer.writerow([figure.label, figure.part, figure.whole, _number(figure.percent)])
    writer.writerow([])
    writer.writerow([_("Indeling"), _("Groep"), _("Antwoorden"), _("Verstuurd"), _("Respons (%)"), *questions()])
    for dimension in dimensions:
        for group in dimension.groups:
            if group.suppressed:
                writer.writerow([dimension.title, group.label, str(TOO_FEW)])
                continue
            writer.writerow(
                [
                    dimension.title,
                    group.label,
                    group.answered,
                    group.sent,
                    _number(group.response_rate),
                    *(_number(mean) for mean in group.means),
                ]
            )
    return response


@permission_required("legal.view_quality", raise_exception=True)
@require_GET
def quality(request: HttpRequest) -> HttpResponse:
    form = QualityFilterForm(request.GET or {})
    if not form.is_valid():
        return render(request, "legal/quality.html", {"form": form}, status=400)
    period = Period(form.cleaned_data["starts_on"], form.cleaned_data["ends_on"])
    dimensions = survey_results(period=period)
    figures = quality_figures(period=period)
    if request.GET.get("csv"):
        return _csv(period, dimensions, figures)
    query = request.GET.copy()
    query["csv"] = "1"
    context = {
        "form": form,
        "period": period,
        "dimensions": dimensions,
        "figures": figures,
        "questions": questions(),
        "too_few": TOO_FEW,
        "csv_query": query.urlencode(),
    }
    return render(request, "legal/quality.html", context)
