"""The bouwtekening, a cluster with its sturingsmodel, and the sturingsmodel matrix: server-rendered pages."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .forms import AsOfForm, BlueprintFilterForm
from .models import Duty, Holder, Scale, SteeringMode, SteeringStatus


def _filters(form: AsOfForm) -> dict:
    """The form's valid values; an invalid value is reported on the form and otherwise ignored."""
    if form.is_bound:
        form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    return {name: cleaned.get(name) or None for name in form.fields}


@permission_required("catalog.view_catalog", raise_exception=True)
@require_GET
def blueprint(request: HttpRequest) -> HttpResponse:
    preset = selectors.active_preset_get()
    municipalities = selectors.preset_municipalities(preset=preset)
    form = BlueprintFilterForm(request.GET or None, municipalities=municipalities)
    drawing = selectors.blueprint_get(preset=preset, municipalities=municipalities, **_filters(form))
    return render(request, "catalog/blueprint.html", {"blueprint": drawing, "form": form})


@permission_required("catalog.view_catalog", raise_exception=True)
@require_GET
def cluster_detail(request: HttpRequest, code: str) -> HttpResponse:
    cluster = selectors.cluster_get(code=code)
    preset = selectors.active_preset_get()
    form = AsOfForm(request.GET or None)
    as_of = _filters(form)["as_of"]
    assignments = selectors.cluster_assignment_list(preset=preset, cluster=code)
    context = {
        "cluster": cluster,
        "preset": preset,
        "form": form,
        "as_of": as_of,
        "blocks": list(
            selectors.building_block_version_list(as_of=as_of, cluster=code).prefetch_related(
                "building_block__destinations", "building_block__instruments"
            )
        ),
        "steering": selectors.steering_list(preset=preset, as_of=as_of, cluster=code).first(),
        "steering_history": list(selectors.steering_history(preset=preset, cluster=cluster)) if preset else [],
        "assignments": assignments,
    }
    return render(request, "catalog/cluster_detail.html", context)


@permission_required("catalog.view_catalog", raise_exception=True)
@require_GET
def steering_model(request: HttpRequest) -> HttpResponse:
    preset = selectors.active_preset_get()
    form = AsOfForm(request.GET or None)
    drawing = selectors.blueprint_get(preset=preset, municipalities=[], as_of=_filters(form)["as_of"])
    return render(
        request,
        "catalog/steering_model.html",
        {
            "blueprint": drawing,
            "preset": preset,
            "form": form,
            "legend": {
                "holders": Holder.choices,
                "modes": SteeringMode.choices,
                "scales": Scale.choices,
                "statuses": SteeringStatus.choices,
                "duties": Duty.choices,
            },
        },
    )
