"""The policy simulation's pages (seed 004, "Er kan meer!"): the calculation on the real caseload (GET, for whoever
sees the insights), saving it as a named scenario (POST, beleid only), and a saved scenario's page. Every result is
an aggregate with groups under 10 households suppressed; each table downloads as CSV, XLSX or Parquet from the page
it is on (`?figuur=<code>&formaat=<csv|xlsx|parquet>`), from the same tables the page shows."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ..audit import services as audit
from ..core.views import service_form_submit
from . import exports, services
from .simulation import Parameters, parameters_of, result_tables, results_of, run, scenario_get, scenario_list
from .simulation_forms import ScenarioForm, SimulationForm
from .tables import FigureTable

VIEW = "insights.view_insights"
SIMULATE = "insights.simulate_policy"
DOWNLOAD_KEYS = ("figuur", "formaat")


def _parameter_lines(parameters: Parameters, municipality: str, names: dict[str, str]) -> list[tuple[str, str]]:
    """The parameters in words: written under the table in a downloaded file, so it says what it covers."""
    return [
        (_("Gemeente"), municipality),
        (_("Peildatum"), date_format(parameters.as_of, "j F Y")),
        (_("Te vervangen regelingen"), ", ".join(names.get(code, code) for code in parameters.regulations)),
        (_("Inkomensgrens (% van het sociaal minimum)"), str(parameters.threshold_percent)),
        (_("Jaarlijkse toeslag per huishouden (euro)"), number_format(parameters.allowance, 2)),
        (_("Extra per kind per jaar (euro)"), number_format(parameters.child_supplement, 2)),
    ]


def _basis_lines(results: dict) -> list[tuple[str, str]]:
    """What the results rest on: the norms of the social minimum and the regulations check of the non-take-up."""
    norms_from, check_on = results.get("norms_from"), results.get("check_on")
    return [
        (
            _("Sociaal minimum"),
            _("Normbedragen vanaf %(day)s (%(source)s)")
            % {"day": date_format(date.fromisoformat(norms_from), "j F Y"), "source": results.get("norms_source", "")}
            if norms_from
            else _("Geen normbedragen geladen voor de peildatum: niemand valt onder de grens."),
        ),
        (
            _("Niet-gebruik"),
            _("Regelingencheck van %(day)s") % {"day": date_format(date.fromisoformat(check_on), "j F Y")}
            if check_on
            else _("Nog geen regelingencheck op of voor de peildatum: geen niet-gebruik bekend."),
        ),
        (_("Bedragen van de regelingen"), _("Versie %(version)s") % {"version": results.get("amounts_version", "")}),
    ]


def _download(request: HttpRequest, tables: list[FigureTable], lines: list[tuple[str, str]]) -> HttpResponse | None:
    """The file a download link asks for, None when the request asks for none; an unknown figure or format is 404."""
    code, fmt = request.GET.get("figuur"), request.GET.get("formaat")
    if not code and not fmt:
        return None
    table = next((t for t in tables if t.code == code), None)
    if table is None or fmt not in exports.FORMATS:
        raise Http404(_("Deze download bestaat niet: kies een tabel en CSV, XLSX of Parquet."))
    response = HttpResponse(exports.export_bytes(table, lines, fmt), content_type=exports.FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{table.code}.{exports.FORMATS[fmt].extension}"'
    return response


def _query_without_download(request: HttpRequest) -> str:
    query = request.GET.copy()
    for key in DOWNLOAD_KEYS:
        query.pop(key, None)
    return query.urlencode()


def _choice_names(form: SimulationForm) -> tuple[dict[int, str], dict[str, str]]:
    municipalities = {value: str(label) for value, label in form.fields["gemeente"].choices if value != ""}
    return municipalities, {value: str(label) for value, label in form.fields["regelingen"].choices}


def _page(request: HttpRequest, form: SimulationForm, save_form: ScenarioForm | None, status: int = 200):
    context = {
        "section": "simulation",
        "form": form,
        "save_form": save_form,
        "may_save": request.user.has_perm(SIMULATE),
        "scenarios": scenario_list(),
        "tables": [],
    }
    if form.is_bound and form.is_valid():
        parameters = form.parameters()
        outcome, facts = run(parameters)
        # The calculation reads the incomes and regulation use of many households for management information:
        # logged as one processing that names no one (only counts leave the calculation).
        audit.processing_record(actor=request.user, activity=services.ACTIVITY, data_subjects=[""], operation="read")
        results = results_of(outcome, facts)
        tables = result_tables(results)
        municipalities, names = _choice_names(form)
        lines = _parameter_lines(parameters, municipalities.get(parameters.municipality_id, ""), names)
        lines += _basis_lines(results)
        response = _download(request, tables, lines)
        if response is not None:
            return response
        context.update(tables=tables, parameters=lines, download_query=_query_without_download(request))
        if context["may_save"] and save_form is None:
            context["save_form"] = ScenarioForm(initial={**form.cleaned_data}, hide_parameters=True)
    elif form.is_bound:
        status = 400
    return render(request, "insights/simulation.html", context, status=status)


@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET", "POST"])
def simulation(request: HttpRequest) -> HttpResponse:
    """GET: the form and, with parameters, the results; POST: save them as a named scenario (beleid only)."""
    if request.method != "POST":
        return _page(request, SimulationForm(request.GET or None, user=request.user), None)
    if not request.user.has_perm(SIMULATE):
        raise PermissionDenied
    save_form = ScenarioForm(request.POST)

    def save(data: dict):
        return services.scenario_save(actor=request.user, name=data["naam"], parameters=save_form.parameters())

    response = service_form_submit(
        request,
        save_form,
        save,
        success=_("Het scenario is opgeslagen."),
        then=lambda scenario: reverse("insights:scenario_detail", kwargs={"pk": scenario.pk}),
    )
    if response:
        return response
    return _page(request, SimulationForm(user=request.user), save_form, status=400)


@permission_required(VIEW, raise_exception=True)
@require_GET
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A saved scenario: its parameters and its results as they were computed on the day it was saved."""
    scenario = scenario_get(pk=pk)
    names = {row["code"]: row["name"] for row in scenario.results.get("by_regulation", [])}
    tables = result_tables(scenario.results)
    lines = _parameter_lines(parameters_of(scenario), scenario.municipality.name, names)
    lines += _basis_lines(scenario.results)
    response = _download(request, tables, lines)
    if response is not None:
        return response
    context = {"section": "simulation", "scenario": scenario, "parameters": lines, "tables": tables}
    return render(request, "insights/scenario_detail.html", context)
